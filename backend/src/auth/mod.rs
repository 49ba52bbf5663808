//! Accounts, password hashing, tokens with revocable sessions, and the extractors that guard
//! every endpoint behind sign-in.

pub mod routes;
pub mod throttle;

use crate::config::{TOKEN_AUDIENCE, TOKEN_ISSUER};
use crate::db::{write_tx, DbConnection};
use crate::error::ApiError;
use crate::schema::{accounts, auth_sessions, settings};
use actix_web::{dev::Payload, web, FromRequest, HttpRequest};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use shared::auth::{Account, Role};
use shared::clients::ClientScope;
use shared::Email;
use std::future::Future;
use std::pin::Pin;

pub const MIN_SECRET_BYTES: usize = 32;
const CLIENT_PREFIX: &str = "client:";
const CLIENT_ROLE: &str = "client";
pub const MIN_PASSWORD_CHARS: usize = 10;

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
            .map_err(|e| ApiError::Internal(e.to_string()))
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
            .map_err(|e| ApiError::Internal(e.to_string()))
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

    fn verify_client(&self, token: &str) -> Option<ClientToken> {
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
    fn verify(&self, token: &str) -> Option<Principal> {
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
        let generated = random_hex(48);
        diesel::insert_into(settings::table)
            .values((settings::key.eq(KEY), settings::value.eq(&generated)))
            .execute(conn)?;
        Ok(generated)
    })?;
    Ok(secret.into_bytes())
}

/// SHA-256 in hex, for storing random tokens and secrets and for throttle keys. A fast hash is
/// enough for tokens: 256 random bits leave no dictionary to guess from.
pub fn digest_hex(value: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(value.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A one-time token for links (invitations): 256 random bits.
pub fn random_token() -> String {
    random_hex(32)
}

fn random_hex(bytes: usize) -> String {
    use rand::RngCore;
    let mut buf = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buf);
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// The caller behind a valid token.
#[derive(Debug, Clone)]
pub struct Principal {
    pub account_id: i64,
    pub role: Role,
    /// Id of the sign-in session.
    pub session: String,
}

/// Extractor for endpoints behind sign-in: a staff (or admin) account in a live session.
#[derive(Debug, Clone)]
pub struct Staff(pub Principal);

/// Extractor for one's own account (any role, live session): sign-out, password, `me`.
#[derive(Debug, Clone)]
pub struct SignedIn(pub Principal);

impl FromRequest for SignedIn {
    type Error = ApiError;
    type Future = Extracted<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { signed_in(&req).await.map(SignedIn) })
    }
}

/// Extractor for the administration's endpoints; other accounts get 403.
#[derive(Debug, Clone)]
pub struct Admin(pub Principal);

/// What a signed-in caller may see, by role.
#[derive(Debug, Clone, PartialEq)]
pub enum Scope {
    /// Administration and staff.
    Everything,
    /// Municipal coordinators: district keys and municipality keys.
    Areas(Vec<String>),
    /// Trainers and mentors: their own person record, if the account is linked to one.
    OwnPerson(Option<i64>),
    /// API clients: what their scopes allow.
    Client { id: i64, scopes: Vec<ClientScope> },
}

/// A verified client token, before its client is checked.
struct ClientToken {
    client: i64,
    version: i32,
    scopes: Vec<ClientScope>,
}

/// Extractor for reads open to every role, each within its scope; handlers check the object.
#[derive(Debug, Clone)]
pub struct Caller {
    /// The signed-in account; none for API clients.
    pub account: Option<i64>,
    /// The account's role; none for API clients.
    pub role: Option<Role>,
    pub scope: Scope,
}

impl Caller {
    /// The person record of a trainer account, for checks on the courses it leads.
    pub fn trainer_person(&self) -> Option<i64> {
        match (&self.scope, self.role) {
            (Scope::OwnPerson(person), Some(Role::Trainer)) => *person,
            _ => None,
        }
    }

    /// Staff may everything a scope stands for; clients what they were granted.
    pub fn may(&self, scope: ClientScope) -> bool {
        match &self.scope {
            Scope::Everything => true,
            Scope::Client { scopes, .. } => scopes.contains(&scope),
            _ => false,
        }
    }

    /// Staff act for everyone; trainers and mentors for themselves. Another person's record
    /// does not exist for them; coordinators and clients are refused.
    pub fn require_self_or_staff(&self, person: i64) -> Result<(), ApiError> {
        match &self.scope {
            Scope::Everything => Ok(()),
            Scope::OwnPerson(own) if *own == Some(person) => Ok(()),
            Scope::OwnPerson(_) => Err(ApiError::not_found("Die Person")),
            Scope::Areas(_) | Scope::Client { .. } => Err(ApiError::Forbidden(
                "Das steht nur der Person selbst und dem Bildungsträger zu.".into(),
            )),
        }
    }

    pub fn require(&self, scope: ClientScope) -> Result<(), ApiError> {
        if self.may(scope) {
            Ok(())
        } else {
            Err(ApiError::Forbidden(format!(
                "Dafür fehlt die Berechtigung ({}).",
                scope.code()
            )))
        }
    }
}

type Extracted<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = Extracted<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let state = app_state(&req)?;
            if let Some(token) = bearer(&req).and_then(|t| state.tokens.verify_client(t)) {
                return client_caller(state, token).await;
            }
            let principal = signed_in(&req).await?;
            let (role, account) = (principal.role, principal.account_id);
            let scope = match role {
                Role::Admin | Role::Staff => Scope::Everything,
                Role::Coordinator => Scope::Areas(
                    app_state(&req)?
                        .db
                        .run(move |conn| crate::accounts::areas_of(conn, account))
                        .await?,
                ),
                Role::Trainer | Role::Mentor => Scope::OwnPerson(
                    app_state(&req)?
                        .db
                        .run(move |conn| crate::accounts::person_of(conn, account))
                        .await?,
                ),
            };
            Ok(Caller {
                account: Some(account),
                role: Some(role),
                scope,
            })
        })
    }
}

/// A client whose token is still good (not revoked, secret not rotated) and within its rate.
async fn client_caller(
    state: &web::Data<crate::app::AppState>,
    token: ClientToken,
) -> Result<Caller, ApiError> {
    let (id, version) = (token.client, token.version);
    // Requests are counted in the database, so the limit holds across instances.
    state
        .db
        .write_unrecorded(move |conn| {
            let limit =
                crate::clients::live_limit(conn, id, version)?.ok_or(ApiError::Unauthenticated)?;
            let key = crate::rate::key("client", &id.to_string());
            crate::rate::hit(conn, &key, limit, Duration::minutes(1), crate::db::now())
        })
        .await?;
    Ok(Caller {
        account: None,
        role: None,
        scope: Scope::Client {
            id,
            scopes: token.scopes,
        },
    })
}

impl FromRequest for Staff {
    type Error = ApiError;
    type Future = Extracted<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let p = signed_in(&req).await?;
            match p.role {
                Role::Admin | Role::Staff => Ok(Staff(p)),
                _ => Err(ApiError::Forbidden(
                    "Das ist den Mitarbeitenden des Bildungsträgers vorbehalten.".into(),
                )),
            }
        })
    }
}

impl FromRequest for Admin {
    type Error = ApiError;
    type Future = Extracted<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let p = signed_in(&req).await?;
            match p.role {
                Role::Admin => Ok(Admin(p)),
                _ => Err(ApiError::Forbidden(
                    "Das ist der Administration vorbehalten.".into(),
                )),
            }
        })
    }
}

/// The caller of a validly signed token whose session is still live (not signed out, not
/// ended by a password change, account not deleted).
async fn signed_in(req: &HttpRequest) -> Result<Principal, ApiError> {
    let principal = principal(req)?;
    let state = app_state(req)?;
    let (session, account) = (principal.session.clone(), principal.account_id);
    let live = state
        .db
        .run(move |conn| session_is_live(conn, &session, account))
        .await?;
    if live {
        Ok(principal)
    } else {
        Err(ApiError::Unauthenticated)
    }
}

fn app_state(req: &HttpRequest) -> Result<&web::Data<crate::app::AppState>, ApiError> {
    req.app_data::<web::Data<crate::app::AppState>>()
        .ok_or_else(|| ApiError::Internal("application state missing".into()))
}

/// Starts a sign-in session for `account`; its id goes into the token.
pub fn new_session(
    conn: &mut DbConnection,
    account: i64,
    expires: DateTime<Utc>,
) -> Result<String, ApiError> {
    let id = random_hex(16);
    diesel::insert_into(auth_sessions::table)
        .values((
            auth_sessions::id.eq(&id),
            auth_sessions::account_id.eq(account),
            auth_sessions::created_at.eq(Utc::now().naive_utc()),
            auth_sessions::expires_at.eq(expires.naive_utc()),
        ))
        .execute(conn)?;
    Ok(id)
}

fn session_is_live(conn: &mut DbConnection, session: &str, account: i64) -> Result<bool, ApiError> {
    let found: Option<i64> = auth_sessions::table
        .find(session)
        .filter(auth_sessions::account_id.eq(account))
        .filter(auth_sessions::revoked_at.is_null())
        .filter(auth_sessions::expires_at.gt(Utc::now().naive_utc()))
        .select(auth_sessions::account_id)
        .first(conn)
        .optional()?;
    Ok(found.is_some())
}

/// Ends sessions of `account`: the one named, or all but the one named.
pub fn revoke_sessions(
    conn: &mut DbConnection,
    account: i64,
    session: &str,
    all_but: bool,
) -> Result<(), ApiError> {
    let base = auth_sessions::table
        .filter(auth_sessions::account_id.eq(account))
        .filter(auth_sessions::revoked_at.is_null());
    let now = Utc::now().naive_utc();
    if all_but {
        diesel::update(base.filter(auth_sessions::id.ne(session)))
            .set(auth_sessions::revoked_at.eq(now))
            .execute(conn)?;
    } else {
        diesel::update(base.filter(auth_sessions::id.eq(session)))
            .set(auth_sessions::revoked_at.eq(now))
            .execute(conn)?;
    }
    Ok(())
}

/// The account or the API client named by a validly signed bearer token, without further
/// checks; for the audit trail of requests that have already passed the extractors.
pub fn token_subject(req: &HttpRequest) -> (Option<i64>, Option<i64>) {
    let account = principal(req).ok().map(|p| p.account_id);
    let client = app_state(req)
        .ok()
        .zip(bearer(req))
        .and_then(|(s, t)| s.tokens.verify_client(t))
        .map(|c| c.client);
    (account, client)
}

fn bearer(req: &HttpRequest) -> Option<&str> {
    let header = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    header
        .strip_prefix("Bearer ")
        .or_else(|| header.strip_prefix("bearer "))
        .map(str::trim)
}

fn principal(req: &HttpRequest) -> Result<Principal, ApiError> {
    let state = app_state(req)?;
    let token = bearer(req).ok_or(ApiError::Unauthenticated)?;
    state.tokens.verify(token).ok_or(ApiError::Unauthenticated)
}

pub fn hash_password(password: &str) -> Result<String, ApiError> {
    Argon2::default()
        .hash_password(password.as_bytes(), &SaltString::generate(&mut OsRng))
        .map(|h| h.to_string())
        .map_err(|e| ApiError::Internal(e.to_string()))
}

/// Verifies against `hash`, or against a dummy hash when there is no account, so that an unknown
/// account costs the same time as a wrong password.
fn password_matches(password: &str, hash: Option<&str>) -> bool {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let dummy =
        DUMMY.get_or_init(|| hash_password("no account has this password").unwrap_or_default());
    let Ok(parsed) = PasswordHash::new(hash.unwrap_or(dummy)) else {
        return false;
    };
    Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok()
        && hash.is_some()
}

pub fn check_password_rules(password: &str) -> Result<(), ApiError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(ApiError::field(
            "password",
            "too_short",
            format!("Das Passwort muss mindestens {MIN_PASSWORD_CHARS} Zeichen lang sein."),
        ));
    }
    Ok(())
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = accounts)]
struct AccountRow {
    id: i64,
    email: String,
    display_name: String,
    password_hash: String,
    role: String,
    person_id: Option<i64>,
}

impl AccountRow {
    fn into_account(self) -> Account {
        Account {
            id: self.id,
            email: self.email,
            display_name: self.display_name,
            role: Role::from_code(&self.role).unwrap_or(Role::Mentor),
            person_id: self.person_id,
        }
    }
}

/// Checks the credentials; unknown account and wrong password fail alike.
pub fn authenticate(
    conn: &mut DbConnection,
    email: &str,
    password: &str,
) -> Result<Account, ApiError> {
    let email = email.trim().to_lowercase();
    let row: Option<AccountRow> = accounts::table
        .filter(accounts::email.eq(&email))
        .select(AccountRow::as_select())
        .first(conn)
        .optional()?;
    if password_matches(password, row.as_ref().map(|r| r.password_hash.as_str())) {
        Ok(row
            .map(AccountRow::into_account)
            .ok_or(ApiError::InvalidCredentials)?)
    } else {
        Err(ApiError::InvalidCredentials)
    }
}

/// Creates an account, or sets the password and role of an existing one with that e-mail.
pub fn upsert_account(
    conn: &mut DbConnection,
    email: &Email,
    display_name: &str,
    password: &str,
    role: Role,
) -> Result<i64, ApiError> {
    check_password_rules(password)?;
    let hash = hash_password(password)?;
    let email = email.as_str().to_lowercase();
    write_tx(conn, |conn| {
        let updated = diesel::update(accounts::table.filter(accounts::email.eq(&email)))
            .set((
                accounts::password_hash.eq(&hash),
                accounts::role.eq(role.code()),
                accounts::display_name.eq(display_name),
            ))
            .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(accounts::table)
                .values((
                    accounts::email.eq(&email),
                    accounts::display_name.eq(display_name),
                    accounts::password_hash.eq(&hash),
                    accounts::role.eq(role.code()),
                    accounts::created_at.eq(Utc::now().naive_utc()),
                ))
                .execute(conn)?;
        }
        Ok(accounts::table
            .filter(accounts::email.eq(&email))
            .select(accounts::id)
            .first(conn)?)
    })
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

    #[test]
    fn password_check_needs_the_right_password_and_an_account() {
        let hash = hash_password("richtig-und-lang").unwrap();
        assert!(password_matches("richtig-und-lang", Some(&hash)));
        assert!(!password_matches("falsch-und-lang", Some(&hash)));
        assert!(!password_matches("no account has this password", None));
    }
}
