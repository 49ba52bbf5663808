//! Citizens registering themselves for a Mentorenkurs, with double opt-in: the form
//! (`POST /api/v1/courses/{id}/registrations`, no sign-in) stores the registration and mails a
//! confirmation link; only the confirmation (`POST /api/v1/registrations/confirm/{token}`) makes
//! it an enrolment, with a place or on the waitlist in order of confirmation, under the same
//! course lock as staff enrolments. The personal link (`/api/v1/registrations/by-token/{token}`)
//! shows the state and withdraws. Staff review registrations whose person may already be known.
//!
//! Against abuse: a hidden field robots fill in, limits per client address and per e-mail
//! address held in the database (so they hold across instances), the body size limit, and the
//! same answer whether or not an address is known.

pub mod store;

use crate::auth::Staff;
use crate::error::ApiError;
use crate::http::{client_address, Json};
use crate::state::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use shared::registrations::{
    ConfirmedRegistration, RegistrationInput, RegistrationReview, RegistrationStatus,
    ReviewDecision,
};
use shared::Problem;
use store::Links;

/// Registers for a Mentorenkurs open for registration. Answers 202 whatever becomes of it: a
/// mail with a confirmation link goes to the address, valid for 48 hours
/// (`CONFIRMATION_HOURS`); unconfirmed registrations take no place and are deleted after that.
#[utoipa::path(
    post, path = "/api/v1/courses/{id}/registrations",
    operation_id = "register_for_course",
    params(("id" = i64, Path, description = "Id of the course")),
    tag = "registrations",
    request_body = RegistrationInput,
    responses(
        (status = 202, description = "A confirmation link is on its way to the address"),
        (status = 404, description = "No Mentorenkurs with this id", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The course takes no registrations", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many registrations from this client address", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn submit(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<i64>,
    body: Json<RegistrationInput>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner();
    let draft = input.parse()?;
    let course = id.into_inner();
    take_form(&state, &req, input.is_robot(), move |conn, form| {
        store::submit(
            conn,
            form.mailer,
            form.links,
            course,
            &draft,
            form.client,
            form.at,
        )
    })
    .await
}

/// What a public form's write gets besides the connection.
pub(crate) struct FormContext<'a> {
    pub(crate) mailer: &'a crate::mail::Mailer,
    pub(crate) links: &'a Links<'a>,
    /// The sender's address, for the limits per client.
    pub(crate) client: &'a str,
    pub(crate) at: chrono::NaiveDateTime,
}

/// Takes a form citizens send to a course (a registration, a tandem application): a robot's
/// form is answered like any other and dropped; else `submit` records it and queues its mails
/// in one transaction, and the mail queue is woken. Always 202, so nobody learns whether an
/// address is known or over its limit.
pub(crate) async fn take_form<F>(
    state: &AppState,
    req: &HttpRequest,
    is_robot: bool,
    submit: F,
) -> Result<HttpResponse, ApiError>
where
    F: FnOnce(&mut crate::db::DbConnection, &FormContext) -> Result<(), ApiError> + Send + 'static,
{
    if is_robot {
        return Ok(HttpResponse::Accepted().finish());
    }
    let client = client_address(req, state.behind_proxy);
    let mailer = state.mailer.clone();
    let public_url = state.public_url.clone();
    state
        .db
        .write(move |conn| {
            let links = Links {
                public_url: &public_url,
            };
            let form = FormContext {
                mailer: &mailer,
                links: &links,
                client: &client,
                at: crate::db::now(),
            };
            submit(conn, &form)
        })
        .await?;
    state.mailer.wake();
    Ok(HttpResponse::Accepted().finish())
}

/// Confirms a registration with the token of its confirmation link (once). Answers the state
/// (a place, or the waitlist position) and the token of the personal link.
#[utoipa::path(
    post, path = "/api/v1/registrations/confirm/{token}",
    operation_id = "confirm_registration",
    params(("token" = String, Path, description = "The token of the confirmation link")),
    tag = "registrations",
    responses(
        (status = 200, body = ConfirmedRegistration),
        (status = 404, description = "Unknown, expired or used link", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The course takes no registrations any more", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn confirm(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let token = token.into_inner();
    let mailer = state.mailer.clone();
    let public_url = state.public_url.clone();
    let confirmed = state
        .db
        .write(move |conn| {
            let links = Links {
                public_url: &public_url,
            };
            store::confirm(conn, &mailer, &links, &token, crate::db::now())
        })
        .await?
        .ok_or_else(|| {
            ApiError::NotFound(
                "Dieser Bestätigungslink ist unbekannt, abgelaufen oder wurde schon benutzt."
                    .into(),
            )
        })?;
    state.mailer.wake();
    Ok(HttpResponse::Ok().json(confirmed))
}

/// What the personal link shows: the state of the registration and the waitlist position.
#[utoipa::path(
    get, path = "/api/v1/registrations/by-token/{token}",
    operation_id = "get_registration_status",
    params(("token" = String, Path, description = "The token of the personal link")),
    tag = "registrations",
    responses(
        (status = 200, body = RegistrationStatus),
        (status = 404, description = "Unknown link", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn status(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let token = token.into_inner();
    let status = state
        .db
        .run(move |conn| store::status(conn, &token))
        .await?;
    Ok(HttpResponse::Ok().json(status))
}

/// Withdraws the registration through the personal link; the place goes to the waitlist.
#[utoipa::path(
    delete, path = "/api/v1/registrations/by-token/{token}",
    operation_id = "withdraw_registration",
    params(("token" = String, Path, description = "The token of the personal link")),
    tag = "registrations",
    responses(
        (status = 200, body = RegistrationStatus),
        (status = 404, description = "Unknown link", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Withdrawn already, or the course is over", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn withdraw(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let token = token.into_inner();
    let mailer = state.mailer.clone();
    let status = state
        .db
        .write(move |conn| store::withdraw(conn, &mailer, &token))
        .await?;
    state.mailer.wake();
    Ok(HttpResponse::Ok().json(status))
}

/// Confirmed registrations whose person may have been recorded before, oldest first.
#[utoipa::path(
    get, path = "/api/v1/registrations/reviews",
    operation_id = "list_registration_reviews",
    tag = "registrations",
    security(("bearer" = ["staff"])),
    responses((status = 200, body = Vec<RegistrationReview>))
)]
#[tracing::instrument(skip_all)]
pub async fn reviews(state: web::Data<AppState>, _staff: Staff) -> Result<HttpResponse, ApiError> {
    let list = state.db.run(store::reviews).await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Decides a review: merge the new record into an existing one, or keep both.
#[utoipa::path(
    post, path = "/api/v1/registrations/reviews/{id}",
    operation_id = "decide_registration_review",
    params(("id" = i64, Path, description = "Id of the registration")),
    tag = "registrations",
    security(("bearer" = ["staff"])),
    request_body = ReviewDecision,
    responses(
        (status = 204, description = "Decided"),
        (status = 409, description = "Not waiting for review", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn decide(
    state: web::Data<AppState>,
    _staff: Staff,
    id: web::Path<i64>,
    body: Json<ReviewDecision>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let decision = body.into_inner();
    state
        .db
        .write(move |conn| store::decide(conn, id, &decision))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

routes! {
    "/courses/{id}/registrations" => [post(submit)],
    "/registrations/confirm/{token}" => [post(confirm)],
    "/registrations/by-token/{token}" => [get(status), delete(withdraw)],
    "/registrations/reviews" => [get(reviews)],
    "/registrations/reviews/{id}" => [post(decide)],
}
