//! Partner organisations.

use super::{with_query, Change, Read};
use crate::api::Method;
use serde::Serialize;
use shared::organisations::{
    CertificateProfile, CertificateProfileInput, Organisation, OrganisationInput,
};
use shared::Page;

/// A page of organisations, filtered by `filter` (with its `offset`; empty fields are not sent).
pub fn list<F: Serialize>(filter: &F, limit: i64) -> Read<Page<Organisation>> {
    Read::new(with_query(&format!("/organisations?limit={limit}"), filter))
}

pub fn get(id: i64) -> Read<Organisation> {
    Read::new(format!("/organisations/{id}"))
}

pub fn create(organisation: &OrganisationInput) -> Change<Organisation> {
    Change::new(Method::Post, "/organisations").body(organisation)
}

pub fn update(
    id: i64,
    etag: Option<String>,
    organisation: &OrganisationInput,
) -> Change<Organisation> {
    Change::new(Method::Put, format!("/organisations/{id}"))
        .etag(etag)
        .body(organisation)
}

pub fn remove(id: i64, etag: Option<String>) -> Change<()> {
    Change::new(Method::Delete, format!("/organisations/{id}")).etag(etag)
}

/// The first `limit` organisations (with the total, for counting).
pub fn first(limit: i64) -> Read<Page<Organisation>> {
    Read::new(format!("/organisations?limit={limit}"))
}

/// The search a picker of organisations appends `q` to.
pub fn picker() -> String {
    "/organisations".to_owned()
}

/// How the organisation signs certificates: signatory and whether it has a logo.
pub fn certificate_profile(id: i64) -> Read<CertificateProfile> {
    Read::new(format!("/organisations/{id}/certificate-profile"))
}

pub fn update_certificate_profile(
    id: i64,
    version: i64,
    input: &CertificateProfileInput,
) -> Change<CertificateProfile> {
    Change::new(
        Method::Put,
        format!("/organisations/{id}/certificate-profile"),
    )
    .version(version)
    .body(input)
}

/// The logo as a PNG, for the preview (fetched with the bearer token).
pub fn logo(id: i64) -> String {
    format!("/organisations/{id}/logo")
}

pub fn upload_logo(id: i64, version: i64, file: web_sys::File) -> Change<CertificateProfile> {
    Change::new(Method::Put, logo(id))
        .version(version)
        .file(file)
}

pub fn remove_logo(id: i64, version: i64) -> Change<CertificateProfile> {
    Change::new(Method::Delete, logo(id)).version(version)
}
