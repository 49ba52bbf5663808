//! `/api/v1/clients` and `/api/v1/oauth/token`: API clients of integrations. Admins create
//! them (the secret is shown once and stored hashed), rotate and revoke their secrets; clients
//! exchange the secret for a token valid a quarter of an hour (OAuth2 client credentials).
//! Each client has its own rate limit.

#[macro_use]
pub mod store;

use crate::auth::Admin;
use crate::db::now;
use crate::error::ApiError;
use crate::http::{Form, Json};
use crate::schema::api_clients;
use crate::secrets::digest_hex as secret_hash;
use crate::state::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{Duration, Utc};
use diesel::prelude::*;
use serde::Deserialize;
use shared::clients::{ApiClient, ApiClientInput, ClientCredentials, ClientScope, TokenResponse};
use shared::Problem;
use store::{basic_credentials, client, credentials, find, ClientRow, StoredScopes, TOKEN_MINUTES};

/// All API clients, also revoked ones.
#[utoipa::path(
    get, path = "/api/v1/clients",
    operation_id = "list_api_clients", tag = "clients", security(("bearer" = ["admin"])),
    responses((status = 200, body = Vec<ApiClient>))
)]
#[tracing::instrument(skip_all)]
pub async fn list(state: web::Data<AppState>, _admin: Admin) -> Result<HttpResponse, ApiError> {
    let list: Vec<ApiClient> = state
        .db
        .run(|conn| {
            let rows: Vec<ClientRow> = api_clients::table
                .select(client_columns!())
                .order(api_clients::id)
                .load(conn)?;
            Ok(rows.into_iter().map(client).collect())
        })
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Creates an API client; the answer holds its secret, which is shown only this once.
#[utoipa::path(
    post, path = "/api/v1/clients",
    operation_id = "create_api_client", tag = "clients", security(("bearer" = ["admin"])),
    request_body = ApiClientInput,
    responses(
        (status = 201, body = ClientCredentials))
)]
#[tracing::instrument(skip_all)]
pub async fn create(
    state: web::Data<AppState>,
    admin: Admin,
    body: Json<ApiClientInput>,
) -> Result<HttpResponse, ApiError> {
    let draft = body.parse()?;
    let secret = crate::secrets::random_token();
    let hash = secret_hash(&secret);
    let by = admin.0.account_id;
    let (created, location) = state
        .db
        .create(move |conn| {
            let scopes: Vec<&str> = draft.scopes.iter().map(|s| s.code()).collect();
            let id: i64 = diesel::insert_into(api_clients::table)
                .values((
                    api_clients::name.eq(&draft.name),
                    api_clients::organisation.eq(&draft.organisation),
                    api_clients::scopes.eq(scopes.join(" ")),
                    api_clients::secret_hash.eq(&hash),
                    api_clients::secret_version.eq(1),
                    api_clients::rate_limit.eq(draft.rate_limit),
                    api_clients::created_at.eq(now()),
                    api_clients::created_by.eq(by),
                ))
                .returning(api_clients::id)
                .get_result(conn)?;
            Ok((find(conn, id)?, format!("/api/v1/clients/{id}")))
        })
        .await?;
    Ok(crate::http::created(
        location,
        None,
        &credentials(created, secret),
    ))
}

/// Gives the client a new secret, shown only in this answer; the old secret and every token
/// issued with it stop working at once.
#[utoipa::path(
    post, path = "/api/v1/clients/{id}/secret",
    operation_id = "rotate_api_client_secret", tag = "clients", security(("bearer" = ["admin"])),
    params(("id" = i64, Path, description = "Id of the API client")),
    responses(
        (status = 200, body = ClientCredentials),
        (status = 409, description = "The client is revoked", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn rotate(
    state: web::Data<AppState>,
    _admin: Admin,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let secret = crate::secrets::random_token();
    let hash = secret_hash(&secret);
    let rotated = state
        .db
        .write(move |conn| {
            if find(conn, id)?.revoked_at.is_some() {
                return Err(ApiError::Conflict(
                    "client_blocked",
                    "Dieser API-Client ist gesperrt.".into(),
                ));
            }
            diesel::update(api_clients::table.find(id))
                .set((
                    api_clients::secret_hash.eq(&hash),
                    api_clients::secret_version.eq(api_clients::secret_version + 1),
                ))
                .execute(conn)?;
            find(conn, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(credentials(rotated, secret)))
}

/// Revokes the client: its secret and tokens stop working; it stays listed.
#[utoipa::path(
    delete, path = "/api/v1/clients/{id}",
    operation_id = "revoke_api_client", tag = "clients", security(("bearer" = ["admin"])),
    params(("id" = i64, Path, description = "Id of the API client")),
    responses(
        (status = 204, description = "Revoked"))
)]
#[tracing::instrument(skip_all)]
pub async fn revoke(
    state: web::Data<AppState>,
    _admin: Admin,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    state
        .db
        .write(move |conn| {
            find(conn, id)?;
            diesel::update(
                api_clients::table
                    .find(id)
                    .filter(api_clients::revoked_at.is_null()),
            )
            .set(api_clients::revoked_at.eq(now()))
            .execute(conn)?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Form fields of the token request (RFC 6749, section 4.4); the credentials may come as HTTP
/// Basic authentication instead.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct TokenRequest {
    /// Always `client_credentials`.
    pub grant_type: String,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    /// Scopes to ask for, separated by spaces; by default all of the client's.
    pub scope: Option<String>,
}

/// Exchanges a client's credentials for a bearer token (OAuth2 client credentials grant).
#[utoipa::path(
    post, path = "/api/v1/oauth/token",
    operation_id = "request_client_token", tag = "clients",
    request_body(content = TokenRequest, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, body = TokenResponse),
        (status = 400, description = "Not a client-credentials request, or a scope the client does not have", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Unknown client, wrong secret, or revoked", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn token(
    state: web::Data<AppState>,
    req: HttpRequest,
    form: Form<TokenRequest>,
) -> Result<HttpResponse, ApiError> {
    let form = form.into_inner();
    if form.grant_type != "client_credentials" {
        return Err(ApiError::BadRequest(
            "Nur grant_type=client_credentials wird unterstützt.".into(),
        ));
    }
    let (id, secret) = match (form.client_id, form.client_secret, basic_credentials(&req)) {
        (Some(id), Some(secret), _) => (id, secret),
        (_, _, Some(basic)) => basic,
        _ => return Err(ApiError::Unauthenticated),
    };
    let id: i64 = id.trim().parse().map_err(|_| ApiError::Unauthenticated)?;
    let hash = secret_hash(secret.trim());
    let (scopes, version): (StoredScopes, i32) = state
        .db
        .run(move |conn| {
            Ok(api_clients::table
                .find(id)
                .filter(api_clients::secret_hash.eq(&hash))
                .filter(api_clients::revoked_at.is_null())
                .select((api_clients::scopes, api_clients::secret_version))
                .first(conn)
                .optional()?)
        })
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    let granted: Vec<ClientScope> = scopes.0;
    let asked: Vec<ClientScope> = match form
        .scope
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => granted.clone(),
        Some(asked) => asked
            .split_whitespace()
            .map(|s| {
                ClientScope::from_code(s)
                    .filter(|s| granted.contains(s))
                    .ok_or_else(|| {
                        ApiError::BadRequest(format!(
                            "Die Berechtigung {s} hat dieser Client nicht."
                        ))
                    })
            })
            .collect::<Result<_, _>>()?,
    };
    let expires = Utc::now() + Duration::minutes(TOKEN_MINUTES);
    let access_token = state.tokens.issue_client(id, version, &asked, expires)?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(TokenResponse {
            access_token,
            token_type: "Bearer".into(),
            expires_in: TOKEN_MINUTES * 60,
            scope: asked.iter().map(|s| s.code()).collect::<Vec<_>>().join(" "),
        }))
}

routes! {
    "/clients" => [get(list), post(create)],
    "/clients/{id}" => [delete(revoke)],
    "/clients/{id}/secret" => [post(rotate)],
    "/oauth/token" => [post(token)],
}
