//! Sign-in tokens: JWT (HS256) naming an account's sign-in session, or an API client and the
//! version of its secret; `exp`, `nbf`, `iss` and `aud` are checked. The signing secret comes
//! from the configuration or is generated once and kept in the database.

use crate::config::{TOKEN_AUDIENCE, TOKEN_ISSUER};
use crate::db::{write_tx, DbConnection};
use crate::error::ApiError;
use crate::schema::settings;
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use shared::auth::{Account, Role};
use shared::clients::ClientScope;

pub const MIN_SECRET_BYTES: usize = 32;
const CLIENT_PREFIX: &str = "client:";
const CLIENT_ROLE: &str = "client";

/// Signing and verification keys for sign-in tokens.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validity: Duration,
}

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: String,
    role: String,
    /// The sign-in session (accounts) or the secret version (clients).
    sid: String,
    /// Clients: the granted scopes, separated by spaces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    scope: Option<String>,
    iss: String,
    aud: String,
    iat: i64,
    nbf: i64,
    exp: i64,
}

impl TokenKeys {
    pub fn new(secret: &[u8], validity: Duration) -> Self {
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validity,
        }
    }

    pub fn validity(&self) -> Duration {
        self.validity
    }

    /// A token for `account` in the sign-in session `session`, valid until `expires`.
    pub fn issue(
        &self,
        account: &Account,
        session: &str,
        expires: DateTime<Utc>,
    ) -> Result<String, ApiError> {
        let now = Utc::now();
        let claims = Claims {
            sub: account.id.to_string(),
            role: account.role.code().into(),
            sid: session.into(),
            scope: None,
            iss: TOKEN_ISSUER.into(),
            aud: TOKEN_AUDIENCE.into(),
            iat: now.timestamp(),
            nbf: now.timestamp(),
            exp: expires.timestamp(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(ApiError::internal)
    }

    /// A token for an API client with `scopes`, tied to the current version of its secret.
    pub fn issue_client(
        &self,
        client: i64,
        version: i32,
        scopes: &[ClientScope],
        expires: DateTime<Utc>,
    ) -> Result<String, ApiError> {
        let now = Utc::now();
        let claims = Claims {
            sub: format!("{CLIENT_PREFIX}{client}"),
            role: CLIENT_ROLE.into(),
            sid: version.to_string(),
            scope: Some(
                scopes
                    .iter()
                    .map(|s| s.code())
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            iss: TOKEN_ISSUER.into(),
            aud: TOKEN_AUDIENCE.into(),
            iat: now.timestamp(),
            nbf: now.timestamp(),
            exp: expires.timestamp(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(ApiError::internal)
    }

    fn claims(&self, token: &str) -> Option<Claims> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[TOKEN_ISSUER]);
        validation.set_audience(&[TOKEN_AUDIENCE]);
        validation.validate_nbf = true;
        validation.leeway = 5;
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        Some(
            jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation)
                .ok()?
                .claims,
        )
    }

    pub fn verify_client(&self, token: &str) -> Option<ClientToken> {
        let claims = self.claims(token).filter(|c| c.role == CLIENT_ROLE)?;
        Some(ClientToken {
            client: claims.sub.strip_prefix(CLIENT_PREFIX)?.parse().ok()?,
            version: claims.sid.parse().ok()?,
            scopes: claims
                .scope
                .unwrap_or_default()
                .split_whitespace()
                .filter_map(ClientScope::from_code)
                .collect(),
        })
    }

    /// Checks signature (HS256 only), `exp`, `nbf`, `iss` and `aud`.
    pub fn verify(&self, token: &str) -> Option<Principal> {
        let claims = self.claims(token)?;
        Some(Principal {
            account_id: claims.sub.parse().ok()?,
            role: Role::from_code(&claims.role)?,
            session: claims.sid,
        })
    }
}

/// The secret from the configuration, or the one kept in the database (generated on first start).
pub fn load_or_create_secret(
    conn: &mut DbConnection,
    configured: Option<&str>,
) -> anyhow::Result<Vec<u8>> {
    if let Some(secret) = configured {
        anyhow::ensure!(
            secret.len() >= MIN_SECRET_BYTES,
            "MENTORAT_JWT_SECRET must be at least {MIN_SECRET_BYTES} bytes long"
        );
        return Ok(secret.as_bytes().to_vec());
    }
    const KEY: &str = "jwt_secret";
    let secret = write_tx(conn, |conn| {
        let existing: Option<String> = settings::table
            .find(KEY)
            .select(settings::value)
            .first(conn)
            .optional()?;
        if let Some(s) = existing {
            return Ok::<_, diesel::result::Error>(s);
        }
        let generated = crate::secrets::random_hex(48);
        diesel::insert_into(settings::table)
            .values((settings::key.eq(KEY), settings::value.eq(&generated)))
            .execute(conn)?;
        Ok(generated)
    })?;
    Ok(secret.into_bytes())
}

/// The caller behind a valid token.
#[derive(Debug, Clone)]
pub struct Principal {
    pub account_id: i64,
    pub role: Role,
    /// Id of the sign-in session.
    pub session: String,
}

/// A verified client token, before its client is checked.
pub struct ClientToken {
    pub client: i64,
    pub version: i32,
    pub scopes: Vec<ClientScope>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account() -> Account {
        Account {
            id: 7,
            email: "a@b.de".into(),
            display_name: "A".into(),
            role: Role::Staff,
            person_id: None,
        }
    }

    fn issue(keys: &TokenKeys, account: &Account) -> String {
        keys.issue(account, "s1", Utc::now() + keys.validity())
            .unwrap()
    }

    #[test]
    fn issued_token_verifies_and_names_the_account() {
        let keys = TokenKeys::new(&[7; 32], Duration::minutes(5));
        let token = issue(&keys, &account());
        let p = keys.verify(&token).unwrap();
        assert_eq!(
            (p.account_id, p.role, p.session.as_str()),
            (7, Role::Staff, "s1")
        );
    }

    #[test]
    fn tokens_of_another_key_or_expired_are_refused() {
        let keys = TokenKeys::new(&[7; 32], Duration::minutes(5));
        let other = TokenKeys::new(&[8; 32], Duration::minutes(5));
        assert!(keys.verify(&issue(&other, &account())).is_none());
        let expired = TokenKeys::new(&[7; 32], Duration::minutes(-10));
        assert!(keys.verify(&issue(&expired, &account())).is_none());
    }

    /// A token signed with the right key but with other claims.
    fn token_with(keys: &TokenKeys, edit: impl FnOnce(&mut Claims)) -> String {
        let now = Utc::now().timestamp();
        let mut claims = Claims {
            sub: "7".into(),
            role: "staff".into(),
            sid: "s1".into(),
            scope: None,
            iss: TOKEN_ISSUER.into(),
            aud: TOKEN_AUDIENCE.into(),
            iat: now,
            nbf: now,
            exp: now + 300,
        };
        edit(&mut claims);
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &keys.encoding).unwrap()
    }

    #[test]
    fn issuer_audience_and_not_before_are_checked() {
        let keys = TokenKeys::new(&[7; 32], Duration::minutes(5));
        assert!(keys.verify(&token_with(&keys, |_| {})).is_some());
        assert!(keys
            .verify(&token_with(&keys, |c| c.aud = "another-api".into()))
            .is_none());
        assert!(keys
            .verify(&token_with(&keys, |c| c.iss = "someone-else".into()))
            .is_none());
        assert!(keys.verify(&token_with(&keys, |c| c.nbf += 3600)).is_none());
        assert!(keys
            .verify(&token_with(&keys, |c| c.role = "superuser".into()))
            .is_none());
        let hs512 = jsonwebtoken::encode(
            &Header::new(Algorithm::HS512),
            &Claims {
                sub: "7".into(),
                role: "staff".into(),
                sid: "s1".into(),
                scope: None,
                iss: TOKEN_ISSUER.into(),
                aud: TOKEN_AUDIENCE.into(),
                iat: 0,
                nbf: 0,
                exp: i64::MAX / 2,
            },
            &keys.encoding,
        )
        .unwrap();
        assert!(keys.verify(&hs512).is_none(), "only HS256 is accepted");
    }

    #[test]
    fn unsigned_alg_none_token_is_refused() {
        let keys = TokenKeys::new(&[7; 32], Duration::minutes(5));
        let token = issue(&keys, &account());
        let payload = token.split('.').nth(1).unwrap();
        // {"alg":"none","typ":"JWT"}
        let forged = format!("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{payload}.");
        assert!(keys.verify(&forged).is_none());
    }
}
