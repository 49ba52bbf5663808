//! Queries and rules of `clients`: what the handlers in `mod.rs` call.

use crate::db::DbConnection;
use crate::error::ApiError;
use crate::schema::api_clients;
use actix_web::HttpRequest;
use chrono::{NaiveDateTime, TimeZone, Utc};
use diesel::prelude::*;
use shared::clients::{ApiClient, ClientCredentials, ClientScope};

pub(crate) const TOKEN_MINUTES: i64 = 15;

/// A client's scopes as stored: their codes, separated by spaces. Read back, an unknown code
/// is an error rather than a scope silently dropped.
#[derive(Debug, diesel::FromSqlRow)]
pub(crate) struct StoredScopes(pub(crate) Vec<ClientScope>);

impl<DB> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for StoredScopes
where
    DB: diesel::backend::Backend,
    String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
        let codes =
            <String as diesel::deserialize::FromSql<diesel::sql_types::Text, DB>>::from_sql(bytes)?;
        codes
            .split_whitespace()
            .map(|code| {
                ClientScope::from_code(code).ok_or_else(|| {
                    format!("unknown ClientScope code {code:?} in the database").into()
                })
            })
            .collect::<diesel::deserialize::Result<Vec<_>>>()
            .map(StoredScopes)
    }
}

pub(crate) type ClientRow = (
    i64,
    String,
    Option<String>,
    StoredScopes,
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
        scopes: scopes.0,
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
