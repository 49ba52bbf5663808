//! `/api/v1/auth`: sign-in, sign-out, the current account and its password.

pub mod store;

use crate::audit;
use crate::auth::{
    authenticate, check_password_rules, hash_password, new_session, revoke_sessions, throttle,
    SignedIn,
};
use crate::db::now;
use crate::error::ApiError;
use crate::http::Json;
use crate::schema::accounts;
use crate::state::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use shared::auth::{
    Account, LoginRequest, LoginResponse, PasswordChange, PasswordReset, PasswordResetRequest, Role,
};
use shared::Problem;
use store::{reset_token_hash, LOGIN_ROUTE, RESETS_PER_WINDOW, RESET_MINUTES};

/// Sign in with e-mail and password; answers a bearer token. Attempts are limited per address
/// and client (5 per quarter hour) and per address from all clients (50 per quarter hour); over
/// a limit the answer is 429 with `Retry-After`, whether the account exists or not. A
/// successful sign-in clears its client's count.
#[utoipa::path(
    post, path = "/api/v1/auth/login",
    operation_id = "login",
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, body = LoginResponse),
        (status = 401, description = "Unknown account or wrong password (same answer for both)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts; see `Retry-After`", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let LoginRequest { email, password } = body.into_inner();
    let attempt = std::sync::Arc::new(throttle::Attempt::new(
        &email,
        &crate::http::client_address(&req, state.behind_proxy),
    ));
    let counted = attempt.clone();
    state
        .db
        .write(move |conn| counted.admit(conn, now()))
        .await?;
    let tried = email.clone();
    let account = match state
        .db
        .run(move |conn| authenticate(conn, &email, &password))
        .await
    {
        Ok(account) => account,
        Err(ApiError::InvalidCredentials) => {
            state
                .db
                .write(move |conn| {
                    let tried_account: Option<i64> = accounts::table
                        .filter(accounts::email.eq(tried.trim().to_lowercase()))
                        .select(accounts::id)
                        .first(conn)
                        .optional()?;
                    audit::record(
                        conn,
                        tried_account,
                        "sign_in_failed",
                        LOGIN_ROUTE,
                        tried_account.map(|id| format!("accounts/{id}")).as_deref(),
                        401,
                    )
                })
                .await?;
            tracing::info!("failed sign-in");
            return Err(ApiError::InvalidCredentials);
        }
        Err(e) => return Err(e),
    };
    let expires_at = chrono::Utc::now() + state.tokens.validity();
    let id = account.id;
    let session = state
        .db
        .write(move |conn| {
            attempt.succeeded(conn)?;
            audit::record(
                conn,
                Some(id),
                "sign_in",
                LOGIN_ROUTE,
                Some(&format!("accounts/{id}")),
                200,
            )?;
            new_session(conn, id, expires_at)
        })
        .await?;
    tracing::info!(account = account.id, "signed in");
    let token = state.tokens.issue(&account, &session, expires_at)?;
    Ok(HttpResponse::Ok().json(LoginResponse {
        token,
        expires_at,
        account,
    }))
}

/// Signs out: the token of this session stops working at once.
#[utoipa::path(
    post, path = "/api/v1/auth/logout",
    operation_id = "logout",
    tag = "auth",
    security(("bearer" = [])),
    responses((status = 204, description = "Signed out"))
)]
#[tracing::instrument(skip_all)]
pub async fn logout(
    state: web::Data<AppState>,
    signed_in: SignedIn,
) -> Result<HttpResponse, ApiError> {
    let principal = signed_in.0;
    state
        .db
        .write(move |conn| {
            revoke_sessions(conn, principal.account_id, &principal.session, false)?;
            let id = principal.account_id;
            audit::record(
                conn,
                Some(id),
                "sign_out",
                "POST /api/v1/auth/logout",
                Some(&format!("accounts/{id}")),
                204,
            )
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Changes the signed-in account's password; its other sessions end.
#[utoipa::path(
    put, path = "/api/v1/auth/password",
    operation_id = "change_password",
    tag = "auth",
    security(("bearer" = [])),
    request_body = PasswordChange,
    responses(
        (status = 204, description = "Password changed"),
        (status = 422, description = "Current password wrong, or the new one too short", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn change_password(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    body: Json<PasswordChange>,
) -> Result<HttpResponse, ApiError> {
    let principal = signed_in.0;
    let PasswordChange {
        current_password,
        new_password,
    } = body.into_inner();
    check_password_rules(&new_password).map_err(|_| {
        ApiError::field(
            "new_password",
            "too_short",
            format!(
                "Das Passwort muss mindestens {} Zeichen lang sein.",
                crate::auth::MIN_PASSWORD_CHARS
            ),
        )
    })?;
    let id = principal.account_id;
    let email: String = state
        .db
        .run(move |conn| {
            Ok(accounts::table
                .find(id)
                .select(accounts::email)
                .first(conn)?)
        })
        .await?;
    match state
        .db
        .run(move |conn| authenticate(conn, &email, &current_password))
        .await
    {
        Ok(_) => {}
        Err(ApiError::InvalidCredentials) => {
            return Err(ApiError::field(
                "current_password",
                "wrong",
                "Das bisherige Passwort stimmt nicht.",
            ))
        }
        Err(e) => return Err(e),
    }
    let hash = hash_password(&new_password)?;
    state
        .db
        .write(move |conn| {
            diesel::update(accounts::table.find(id))
                .set(accounts::password_hash.eq(&hash))
                .execute(conn)?;
            revoke_sessions(conn, id, &principal.session, true)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Sends a reset link to the address, if it has an account. Always answers 202, so the answer
/// tells nobody whether an address is known; a few requests per address and quarter hour.
#[utoipa::path(
    post, path = "/api/v1/auth/password-reset",
    operation_id = "request_password_reset",
    tag = "auth",
    request_body = PasswordResetRequest,
    responses((status = 202, description = "If the address has an account, a link is on its way"))
)]
#[tracing::instrument(skip_all)]
pub async fn request_reset(
    state: web::Data<AppState>,
    body: Json<PasswordResetRequest>,
) -> Result<HttpResponse, ApiError> {
    let email = body.into_inner().email.trim().to_lowercase();
    let key = crate::rate::key("password-reset", &email);
    let token = crate::secrets::random_token();
    let hash = reset_token_hash(&token);
    let mailer = state.mailer.clone();
    let link = format!("{}/passwort-zuruecksetzen/{token}", state.public_url);
    let queued = state
        .db
        .write(move |conn| {
            // A few links per address and quarter hour; beyond, the answer stays the same.
            if crate::rate::hit(conn, &key, RESETS_PER_WINDOW, throttle::WINDOW, now()).is_err() {
                return Ok(false);
            }
            let Some(account) = accounts::table
                .filter(accounts::email.eq(&email))
                .select(accounts::id)
                .first::<i64>(conn)
                .optional()?
            else {
                return Ok(false);
            };
            diesel::insert_into(crate::schema::password_resets::table)
                .values((
                    crate::schema::password_resets::token_hash.eq(&hash),
                    crate::schema::password_resets::account_id.eq(account),
                    crate::schema::password_resets::created_at.eq(now()),
                    crate::schema::password_resets::expires_at
                        .eq(now() + chrono::Duration::minutes(RESET_MINUTES)),
                ))
                .execute(conn)?;
            audit::record(
                conn,
                Some(account),
                "password_reset_requested",
                "POST /api/v1/auth/password-reset",
                Some(&format!("accounts/{account}")),
                202,
            )?;
            let body = format!(
                "Guten Tag,\n\nfür Ihr Konto bei Mentorat wurde ein neues Passwort angefordert. Über diesen Link legen Sie es fest \
                 (er gilt {RESET_MINUTES} Minuten und nur einmal):\n\n{link}\n\n\
                 Wenn Sie das nicht angefordert haben, können Sie diese Nachricht ignorieren; Ihr Passwort bleibt unverändert.\n\n\
                 Mentorat für Bürgerengagement"
            );
            crate::mail::enqueue(
                conn,
                &mailer,
                crate::mail::Outgoing {
                    to: email,
                    subject: "Mentorat: Passwort zurücksetzen".into(),
                    body,
                    event: None,
                    calendar: None,
                },
            )?;
            Ok(true)
        })
        .await?;
    if queued {
        state.mailer.wake();
    }
    Ok(HttpResponse::Accepted().finish())
}

/// Sets a new password with the token of a reset link; every session of the account ends.
#[utoipa::path(
    post, path = "/api/v1/auth/password-reset/{token}",
    operation_id = "reset_password",
    tag = "auth",
    params(("token" = String, Path, description = "The one-time token of the reset link")),
    request_body = PasswordReset,
    responses(
        (status = 204, description = "Password set"),
        (status = 404, description = "Unknown, expired or used link", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Password too short", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn reset(
    state: web::Data<AppState>,
    token: web::Path<String>,
    body: Json<PasswordReset>,
) -> Result<HttpResponse, ApiError> {
    use crate::schema::password_resets as resets;
    check_password_rules(&body.password)?;
    let password_hash = hash_password(&body.password)?;
    let token_hash = reset_token_hash(&token.into_inner());
    state
        .db
        .write(move |conn| {
            let account: i64 = resets::table
                .find(&token_hash)
                .filter(resets::used_at.is_null())
                .filter(resets::expires_at.gt(now()))
                .select(resets::account_id)
                .first(conn)
                .optional()?
                .ok_or_else(|| {
                    ApiError::NotFound(
                        "Dieser Link ist unbekannt, abgelaufen oder schon benutzt.".into(),
                    )
                })?;
            diesel::update(resets::table.filter(resets::account_id.eq(account)))
                .set(resets::used_at.eq(now()))
                .execute(conn)?;
            diesel::update(accounts::table.find(account))
                .set(accounts::password_hash.eq(&password_hash))
                .execute(conn)?;
            revoke_sessions(conn, account, "", true)?;
            audit::record(
                conn,
                Some(account),
                "password_reset",
                "POST /api/v1/auth/password-reset/{token}",
                Some(&format!("accounts/{account}")),
                204,
            )
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The signed-in account.
#[utoipa::path(
    get, path = "/api/v1/auth/me",
    operation_id = "get_current_account",
    tag = "auth",
    security(("bearer" = [])),
    responses((status = 200, body = Account))
)]
#[tracing::instrument(skip_all)]
pub async fn me(state: web::Data<AppState>, signed_in: SignedIn) -> Result<HttpResponse, ApiError> {
    let id = signed_in.0.account_id;
    let account = state
        .db
        .run(move |conn| {
            let (id, email, display_name, role, person_id) = accounts::table
                .find(id)
                .select((
                    accounts::id,
                    accounts::email,
                    accounts::display_name,
                    accounts::role,
                    accounts::person_id,
                ))
                .first::<(i64, String, String, Role, Option<i64>)>(conn)
                .optional()?
                .ok_or(ApiError::Unauthenticated)?;
            Ok(Account {
                id,
                email,
                display_name,
                role,
                person_id,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(account))
}

routes! {
    "/auth/login" => [post(login)],
    "/auth/logout" => [post(logout)],
    "/auth/password" => [put(change_password)],
    "/auth/password-reset" => [post(request_reset)],
    "/auth/password-reset/{token}" => [post(reset)],
    "/auth/me" => [get(me)],
}
