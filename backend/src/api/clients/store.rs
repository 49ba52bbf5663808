//! Queries and rules of `clients`: what the handlers in `mod.rs` call.

use crate::db::DbConnection;
use crate::error::ApiError;
use crate::schema::api_clients;
use actix_web::HttpRequest;
use chrono::{NaiveDateTime, TimeZone, Utc};
use diesel::prelude::*;
use shared::clients::{ApiClient, ClientCredentials, ClientScope};

pub(crate) const TOKEN_MINUTES: i64 = 15;

pub(crate) type ClientRow = (
    i64,
    String,
    Option<String>,
    String,
    i32,
    NaiveDateTime,
    Option<NaiveDateTime>,
);

macro_rules! client_columns {
    () => {
        (
            api_clients::id,
            api_clients::name,
            api_clients::organisation,
            api_clients::scopes,
            api_clients::rate_limit,
            api_clients::created_at,
            api_clients::revoked_at,
        )
    };
}

pub(crate) fn client(
    (id, name, organisation, scopes, rate_limit, created_at, revoked_at): ClientRow,
) -> ApiClient {
    ApiClient {
        id,
        name,
        organisation,
        scopes: scopes
            .split_whitespace()
            .filter_map(ClientScope::from_code)
            .collect(),
        rate_limit,
        created_at: Utc.from_utc_datetime(&created_at),
        revoked_at: revoked_at.map(|t| Utc.from_utc_datetime(&t)),
    }
}

pub(crate) fn find(conn: &mut DbConnection, id: i64) -> Result<ApiClient, ApiError> {
    let row: Option<ClientRow> = api_clients::table
        .find(id)
        .select(client_columns!())
        .first(conn)
        .optional()?;
    row.map(client)
        .ok_or_else(|| ApiError::not_found("Der API-Client"))
}

pub(crate) fn credentials(client: ApiClient, secret: String) -> ClientCredentials {
    ClientCredentials {
        client_id: client.id.to_string(),
        client,
        client_secret: secret,
    }
}

pub(crate) fn basic_credentials(req: &HttpRequest) -> Option<(String, String)> {
    use base64::Engine;
    let header = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let encoded = header
        .strip_prefix("Basic ")
        .or_else(|| header.strip_prefix("basic "))?;
    let decoded = String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(encoded.trim())
            .ok()?,
    )
    .ok()?;
    let (id, secret) = decoded.split_once(':')?;
    Some((id.to_owned(), secret.to_owned()))
}
