//! `/api/v1/auth`: sign-in and the current account.

use super::{authenticate, Staff};
use crate::app::AppState;
use crate::error::ApiError;
use crate::schema::accounts;
use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use shared::auth::{Account, LoginRequest, LoginResponse, Role};
use shared::Problem;

/// Sign in with e-mail and password; answers a bearer token.
#[utoipa::path(
    post, path = "/api/v1/auth/login",
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, body = LoginResponse),
        (status = 401, description = "Unknown account or wrong password (same answer for both)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn login(state: web::Data<AppState>, body: web::Json<LoginRequest>) -> Result<HttpResponse, ApiError> {
    let LoginRequest { email, password } = body.into_inner();
    let account = state.db.run(move |conn| authenticate(conn, &email, &password)).await;
    let account = match account {
        Ok(a) => a,
        Err(e) => {
            tracing::info!("failed sign-in");
            return Err(e);
        }
    };
    tracing::info!(account = account.id, "signed in");
    let (token, expires_at) = state.tokens.issue(&account)?;
    Ok(HttpResponse::Ok().json(LoginResponse { token, expires_at, account }))
}

/// The signed-in account.
#[utoipa::path(
    get, path = "/api/v1/auth/me",
    tag = "auth",
    security(("bearer" = [])),
    responses((status = 200, body = Account), (status = 401, body = Problem, content_type = "application/problem+json"))
)]
pub async fn me(state: web::Data<AppState>, staff: Staff) -> Result<HttpResponse, ApiError> {
    let id = staff.0.account_id;
    let account = state
        .db
        .run(move |conn| {
            let (id, email, display_name, role) = accounts::table
                .find(id)
                .select((accounts::id, accounts::email, accounts::display_name, accounts::role))
                .first::<(i64, String, String, String)>(conn)
                .optional()?
                .ok_or(ApiError::Unauthenticated)?;
            Ok(Account { id, email, display_name, role: Role::parse(&role).unwrap_or(Role::Staff) })
        })
        .await?;
    Ok(HttpResponse::Ok().json(account))
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/auth/login").post(login))
        .service(web::resource("/auth/me").get(me));
}
