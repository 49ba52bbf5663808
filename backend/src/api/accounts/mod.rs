//! `/api/v1/accounts` and `/api/v1/invitations`: the administration invites people with a
//! one-time link, assigns roles, areas and person links, and removes accounts. Changing an
//! account's access ends its sessions, since tokens carry the role.

#[macro_use]
pub mod store;

use crate::audit;
use crate::auth::{check_password_rules, hash_password, new_session, revoke_sessions, Admin};
use crate::db::now;
use crate::error::ApiError;
use crate::http::{expected_version, json_versioned, Json};
use crate::schema::{accounts, invitations};
use crate::state::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{Duration, Utc};
use diesel::prelude::*;
use shared::accounts::{
    AcceptInvitation, Access, AccessInput, AccountDetail, Invitation, InvitationCreated,
    InvitationInput,
};
use shared::auth::{Account, LoginResponse, Role};
use shared::Problem;
use store::{
    check_person, invitation, list_accounts, pending, store_access, token_hash, InvitationRow,
    INVITATION_DAYS,
};

/// All accounts with their roles, areas and person links.
#[utoipa::path(
    get, path = "/api/v1/accounts",
    operation_id = "list_accounts", tag = "accounts", security(("bearer" = ["admin"])),
    responses((status = 200, body = Vec<AccountDetail>))
)]
#[tracing::instrument(skip_all)]
pub async fn list(state: web::Data<AppState>, _admin: Admin) -> Result<HttpResponse, ApiError> {
    let list = state.db.run(|conn| list_accounts(conn, None)).await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Sets an account's role, areas and person link. Needs `If-Match` with the account's version.
/// The account's sessions end, so the change holds at once; an admin changing their own
/// account stays signed in in the session that made the change.
#[utoipa::path(
    put, path = "/api/v1/accounts/{id}",
    operation_id = "update_account", tag = "accounts", security(("bearer" = ["admin"])),
    params(
        ("id" = i64, Path, description = "Id of the account"),
        ("If-Match" = String, Header, description = "ETag (version) of the account as read"),
    ),
    request_body = AccessInput,
    responses(
        (status = 200, body = AccountDetail),
        (status = 409, description = "Admins cannot change their own role", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed in the meantime", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn update(
    state: web::Data<AppState>,
    admin: Admin,
    req: HttpRequest,
    id: web::Path<i64>,
    body: Json<AccessInput>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let mut errors = shared::FieldErrors::default();
    let access = body.parse(&mut errors);
    errors.into_result()?;
    let access = access.ok_or_else(|| ApiError::BadRequest("Ungültige Angaben.".into()))?;
    if id == admin.0.account_id && access.role != Role::Admin {
        return Err(ApiError::Conflict("own_admin_role", "Die eigene Administrationsrolle lässt sich nicht abgeben; das muss eine andere Administratorin tun.".into()));
    }
    let expected = expected_version(&req)?;
    // Every other session of the account ends; one's own current session stays.
    let keep_session = (id == admin.0.account_id).then(|| admin.0.session.clone());
    let account = state
        .db
        .write(move |conn| {
            let current = list_accounts(conn, Some(id))?
                .pop()
                .ok_or_else(|| ApiError::not_found("Das Konto"))?;
            crate::http::check_version(expected, current.version)?;
            check_person(conn, &access)?;
            store_access(conn, id, &access)?;
            revoke_sessions(conn, id, keep_session.as_deref().unwrap_or(""), true)?;
            list_accounts(conn, Some(id))?
                .pop()
                .ok_or_else(|| ApiError::not_found("Das Konto"))
        })
        .await?;
    json_versioned(&req, &account, account.version)
}

/// Removes an account; its sessions end. The audit log keeps its id.
#[utoipa::path(
    delete, path = "/api/v1/accounts/{id}",
    operation_id = "delete_account", tag = "accounts", security(("bearer" = ["admin"])),
    params(("id" = i64, Path, description = "Id of the account")),
    responses(
        (status = 204, description = "Removed"),
        (status = 409, description = "Admins cannot remove themselves", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn remove(
    state: web::Data<AppState>,
    admin: Admin,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    if id == admin.0.account_id {
        return Err(ApiError::Conflict(
            "own_account",
            "Das eigene Konto lässt sich nicht löschen.".into(),
        ));
    }
    state
        .db
        .write(
            move |conn| match diesel::delete(accounts::table.find(id)).execute(conn)? {
                0 => Err(ApiError::not_found("Das Konto")),
                _ => Ok(()),
            },
        )
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Invites someone: answers the invitation and, this once, the link with its one-time token.
#[utoipa::path(
    post, path = "/api/v1/invitations",
    operation_id = "create_invitation", tag = "accounts", security(("bearer" = ["admin"])),
    request_body = InvitationInput,
    responses(
        (status = 201, body = InvitationCreated),
        (status = 409, description = "The address already has an account", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn invite(
    state: web::Data<AppState>,
    admin: Admin,
    body: Json<InvitationInput>,
) -> Result<HttpResponse, ApiError> {
    let draft = body.parse()?;
    let token = crate::secrets::random_token();
    let hash = token_hash(&token);
    let by = admin.0.account_id;
    let (created, location) = state
        .db
        .create(move |conn| {
            let email = draft.email.as_str().to_lowercase();
            if accounts::table
                .filter(accounts::email.eq(&email))
                .select(accounts::id)
                .first::<i64>(conn)
                .optional()?
                .is_some()
            {
                return Err(ApiError::Conflict(
                    "email_taken",
                    "Für diese E-Mail-Adresse gibt es schon ein Konto.".into(),
                ));
            }
            check_person(conn, &draft.access)?;
            let at = now();
            let areas: Vec<&str> = draft.access.areas.iter().map(|a| a.key()).collect();
            let id: i64 = diesel::insert_into(invitations::table)
                .values((
                    invitations::token_hash.eq(&hash),
                    invitations::email.eq(&email),
                    invitations::display_name.eq(&draft.display_name),
                    invitations::role.eq(draft.access.role.code()),
                    invitations::person_id.eq(draft.access.person_id),
                    invitations::areas.eq(areas.join("\n")),
                    invitations::created_by.eq(by),
                    invitations::created_at.eq(at),
                    invitations::expires_at.eq(at + Duration::days(INVITATION_DAYS)),
                ))
                .returning(invitations::id)
                .get_result(conn)?;
            let created = invitation(
                invitations::table
                    .find(id)
                    .select(invitation_columns!())
                    .first(conn)?,
            );
            Ok((created, format!("/api/v1/invitations/{id}")))
        })
        .await?;
    let link = format!("{}/einladung/{token}", state.public_url);
    Ok(crate::http::created(
        location,
        None,
        &InvitationCreated {
            invitation: created,
            link,
        },
    ))
}

/// Invitations not yet accepted, newest first.
#[utoipa::path(
    get, path = "/api/v1/invitations",
    operation_id = "list_invitations", tag = "accounts", security(("bearer" = ["admin"])),
    responses((status = 200, body = Vec<Invitation>))
)]
#[tracing::instrument(skip_all)]
pub async fn open_invitations(
    state: web::Data<AppState>,
    _admin: Admin,
) -> Result<HttpResponse, ApiError> {
    let list: Vec<Invitation> = state
        .db
        .run(|conn| {
            let rows: Vec<InvitationRow> = invitations::table
                .filter(invitations::accepted_at.is_null())
                .select(invitation_columns!())
                .order(invitations::id.desc())
                .load(conn)?;
            Ok(rows.into_iter().map(invitation).collect())
        })
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Who is invited by this token, for the page where they choose their password.
#[utoipa::path(
    get, path = "/api/v1/invitations/{token}",
    operation_id = "get_invitation", tag = "accounts",
    params(("token" = String, Path, description = "The one-time token of the invitation link")),
    responses((status = 200, body = Invitation), (status = 404, description = "Unknown, expired or used", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn show_invitation(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let token = token.into_inner();
    let found = state.db.run(move |conn| pending(conn, &token)).await?;
    Ok(HttpResponse::Ok().json(found))
}

/// Accepts an invitation with a password of one's choosing: creates the account and signs in.
#[utoipa::path(
    post, path = "/api/v1/invitations/{token}/accept",
    operation_id = "accept_invitation", tag = "accounts",
    params(("token" = String, Path, description = "The one-time token of the invitation link")),
    request_body = AcceptInvitation,
    responses(
        (status = 201, body = LoginResponse),
        (status = 404, description = "Unknown, expired or used", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Password too short", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn accept(
    state: web::Data<AppState>,
    token: web::Path<String>,
    body: Json<AcceptInvitation>,
) -> Result<HttpResponse, ApiError> {
    let token = token.into_inner();
    check_password_rules(&body.password)?;
    let hash = hash_password(&body.password)?;
    let expires_at = Utc::now() + state.tokens.validity();
    let (account, session) = state
        .db
        .write(move |conn| {
            let invited = pending(conn, &token)?;
            let at = now();
            diesel::update(invitations::table.find(invited.id))
                .set(invitations::accepted_at.eq(at))
                .execute(conn)?;
            let id: i64 = diesel::insert_into(accounts::table)
                .values((
                    accounts::email.eq(&invited.email),
                    accounts::display_name.eq(&invited.display_name),
                    accounts::password_hash.eq(&hash),
                    accounts::role.eq(invited.role.code()),
                    accounts::person_id.eq(invited.person_id),
                    accounts::created_at.eq(at),
                ))
                .returning(accounts::id)
                .get_result(conn)?;
            let areas: Vec<shared::accounts::Area> = invited
                .areas
                .iter()
                .filter_map(|a| a.parse().ok())
                .collect();
            store_access(
                conn,
                id,
                &Access {
                    role: invited.role,
                    person_id: invited.person_id,
                    areas,
                },
            )?;
            audit::record(
                conn,
                Some(id),
                "create",
                "POST /api/v1/invitations/{token}/accept",
                Some(&format!("accounts/{id}")),
                201,
            )?;
            let session = new_session(conn, id, expires_at)?;
            Ok((
                Account {
                    id,
                    email: invited.email,
                    display_name: invited.display_name,
                    role: invited.role,
                    person_id: invited.person_id,
                },
                session,
            ))
        })
        .await?;
    let token = state.tokens.issue(&account, &session, expires_at)?;
    Ok(HttpResponse::Created().json(LoginResponse {
        token,
        expires_at,
        account,
    }))
}

routes! {
    "/accounts" => [get(list)],
    "/accounts/{id}" => [put(update), delete(remove)],
    "/invitations" => [get(open_invitations), post(invite)],
    "/invitations/{token}" => [get(show_invitation)],
    "/invitations/{token}/accept" => [post(accept)],
}
