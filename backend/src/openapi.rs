//! The OpenAPI document, generated from the handlers and the shared types.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Mentorat API",
        description = "REST API of Mentorat, the platform of the Baden-Württemberg programme *Mentorat für Bürgerengagement*. \
                       Errors are `application/problem+json` (RFC 9457). Lists are paged with `limit`/`offset` and carry a total. \
                       Reads answer an `ETag`; send it as `If-None-Match` for 304, and as `If-Match` when changing a record.",
        license(name = "EUPL-1.2"),
    ),
    paths(
        crate::auth::routes::login,
        crate::auth::routes::me,
        crate::auth::routes::logout,
        crate::auth::routes::change_password,
        crate::auth::routes::request_reset,
        crate::auth::routes::reset,
        crate::mail::outbox,
        crate::clients::list,
        crate::clients::create,
        crate::clients::rotate,
        crate::clients::revoke,
        crate::clients::token,
        crate::audit::list,
        crate::accounts::list,
        crate::accounts::update,
        crate::accounts::remove,
        crate::accounts::invite,
        crate::accounts::open_invitations,
        crate::accounts::show_invitation,
        crate::accounts::accept,
        crate::fields::list,
        crate::fields::get_one,
        crate::fields::create,
        crate::fields::update,
        crate::fields::remove,
        crate::districts::list,
        crate::districts::get_one,
        crate::municipalities::list,
        crate::municipalities::get_one,
        crate::organisations::list,
        crate::organisations::get_one,
        crate::organisations::create,
        crate::organisations::update,
        crate::organisations::remove,
        crate::people::list,
        crate::people::get_one,
        crate::people::create,
        crate::people::update,
        crate::people::remove,
        crate::people::set_consent,
        crate::people::merge,
        crate::people::update_own_profile,
        crate::people::privacy::export,
        crate::people::privacy::request_erasure,
        crate::people::privacy::erasure_requests,
        crate::people::public::list,
        crate::coverage::get,
        crate::courses::list,
        crate::courses::public_list,
        crate::courses::get_one,
        crate::courses::create,
        crate::courses::update,
        crate::courses::set_status,
        crate::courses::add_session,
        crate::courses::update_session,
        crate::courses::remove_session,
        crate::courses::schedule,
        crate::calendar::course,
        crate::calendar::open_courses,
        crate::enrolments::list,
        crate::enrolments::create,
        crate::enrolments::update,
        crate::attendance::get,
        crate::attendance::record,
        crate::certificates::issue,
        crate::certificates::for_course,
        crate::certificates::get_one,
        crate::certificates::pdf,
        crate::certificates::verify,
        crate::app::healthz,
        crate::app::readyz,
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Sign-in, sign-out and passwords"),
        (name = "accounts", description = "Accounts, roles and invitations (administration)"),
        (name = "clients", description = "API clients of integrations and their tokens (OAuth2 client credentials)"),
        (name = "audit", description = "Audit log: who did what, when, to which record (administration only)"),
        (name = "fields", description = "Fields of activity (Einsatzfelder)"),
        (name = "reference data", description = "Districts and municipalities of Baden-Württemberg"),
        (name = "organisations", description = "Partner organisations"),
        (name = "people", description = "Mentors and trainers (staff only)"),
        (name = "courses", description = "Mentor courses and trainer courses with their sessions"),
        (name = "certificates", description = "Course certificates (Abschlusszertifikate): issuing, PDF, public verification"),
        (name = "public", description = "Public listing for municipalities and integrators, coverage"),
        (name = "operations", description = "Health and readiness"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// The document as committed in `openapi/openapi.json` (pretty-printed, trailing newline).
pub fn document_json() -> String {
    let mut json = ApiDoc::openapi()
        .to_pretty_json()
        .expect("the OpenAPI document serialises");
    json.push('\n');
    json
}
