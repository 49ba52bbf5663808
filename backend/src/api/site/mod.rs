//! `/api/v1/public/site`: who runs this installation and how to reach them, from the server's
//! configuration (`MENTORAT_OPERATOR`, `MENTORAT_CONTACT_EMAIL`), for the accessibility
//! statement's feedback contact. No state of its own, so no store.

use crate::state::AppState;
use actix_web::{web, HttpResponse};
use shared::site::SiteContact;

/// The operator of this installation and its contact address.
#[utoipa::path(
    get, path = "/api/v1/public/site",
    operation_id = "get_site_contact",
    tag = "public",
    responses((status = 200, body = SiteContact))
)]
#[tracing::instrument(skip_all)]
pub async fn contact(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .json(&state.contact)
}

routes! {
    ; public: "/site" => [get(contact)],
}
