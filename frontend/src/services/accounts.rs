//! Accounts, invitations, API clients and the audit log (administration).

use super::{with_query, Change, Read};
use crate::api::Method;
use serde::Serialize;
use shared::accounts::{
    AcceptInvitation, AccessInput, AccountDetail, Invitation, InvitationCreated, InvitationInput,
};
use shared::audit::AuditEntry;
use shared::auth::LoginResponse;
use shared::clients::{ApiClient, ApiClientInput, ClientCredentials};
use shared::Page;

pub fn list() -> Read<Vec<AccountDetail>> {
    Read::new("/accounts")
}

pub fn update_access(id: i64, version: i64, access: &AccessInput) -> Change<AccountDetail> {
    Change::new(Method::Put, format!("/accounts/{id}"))
        .version(version)
        .body(access)
}

pub fn remove(id: i64) -> Change<()> {
    Change::new(Method::Delete, format!("/accounts/{id}"))
}

pub fn invitations() -> Read<Vec<Invitation>> {
    Read::new("/invitations")
}

pub fn invite(invitation: &InvitationInput) -> Change<InvitationCreated> {
    Change::new(Method::Post, "/invitations").body(invitation)
}

pub fn invitation(token: &str) -> Read<Invitation> {
    Read::new(format!("/invitations/{}", super::encode(token)))
}

pub fn accept_invitation(token: &str, accept: &AcceptInvitation) -> Change<LoginResponse> {
    Change::new(
        Method::Post,
        format!("/invitations/{}/accept", super::encode(token)),
    )
    .body(accept)
}

pub fn clients() -> Read<Vec<ApiClient>> {
    Read::new("/clients")
}

pub fn create_client(client: &ApiClientInput) -> Change<ClientCredentials> {
    Change::new(Method::Post, "/clients").body(client)
}

pub fn rotate_secret(id: i64) -> Change<ClientCredentials> {
    Change::new(Method::Post, format!("/clients/{id}/secret"))
}

pub fn revoke_client(id: i64) -> Change<()> {
    Change::new(Method::Delete, format!("/clients/{id}"))
}

/// A page of the audit log, filtered by `filter` (with its `offset`; empty fields are not sent).
pub fn audit<F: Serialize>(filter: &F, limit: i64) -> Read<Page<AuditEntry>> {
    Read::new(with_query(&format!("/audit?limit={limit}"), filter))
}

/// The newest mails of the queue (administration).
pub fn outbox() -> Read<Vec<shared::accounts::OutboxMail>> {
    Read::new("/outbox")
}

pub fn send_mail_again(id: i64) -> Change<()> {
    Change::new(Method::Post, format!("/outbox/{id}/send-again"))
}
