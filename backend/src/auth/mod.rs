//! Sign-in: the extractors that guard every endpoint (Staff, Admin, SignedIn, Caller with its
//! Scope), revocable sessions, the look-ups the guards need, passwords (`passwords`), sign-in
//! limits (`throttle`) and the `/auth` routes.

pub mod lookups;
pub mod passwords;

pub mod throttle;

use crate::tokens::ClientToken;
pub use crate::tokens::{Principal, TokenKeys};
pub use passwords::{
    authenticate, check_password_rules, hash_password, upsert_account, MIN_PASSWORD_CHARS,
};

use crate::db::DbConnection;
use crate::error::ApiError;
use crate::schema::auth_sessions;
use actix_web::{dev::Payload, web, FromRequest, HttpRequest};
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use shared::auth::Role;
use shared::clients::ClientScope;
use std::future::Future;
use std::pin::Pin;

/// Which roles an endpoint admits, and what the others are told (403).
pub trait RoleRule {
    fn admits(role: Role) -> bool;
    const REFUSAL: &'static str;
}

/// Extractor for endpoints behind sign-in with a role: an account of an admitted role in a live
/// session (401 without one, 403 for other roles). The rules are [`Staff`] and [`Admin`].
#[derive(Debug, Clone)]
pub struct Guard<R>(pub Principal, std::marker::PhantomData<R>);

impl<R: RoleRule + 'static> FromRequest for Guard<R> {
    type Error = ApiError;
    type Future = Extracted<Self>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let principal = signed_in(&req).await?;
            if R::admits(principal.role) {
                Ok(Guard(principal, std::marker::PhantomData))
            } else {
                Err(ApiError::Forbidden(R::REFUSAL.into()))
            }
        })
    }
}

/// The education provider's staff (and admins).
#[derive(Debug, Clone)]
pub struct StaffRule;

impl RoleRule for StaffRule {
    fn admits(role: Role) -> bool {
        matches!(role, Role::Admin | Role::Staff)
    }
    const REFUSAL: &'static str = "Das ist den Mitarbeitenden des Bildungsträgers vorbehalten.";
}

/// The administration.
#[derive(Debug, Clone)]
pub struct AdminRule;

impl RoleRule for AdminRule {
    fn admits(role: Role) -> bool {
        role == Role::Admin
    }
    const REFUSAL: &'static str = "Das ist der Administration vorbehalten.";
}

/// Extractor for endpoints of the education provider's staff (and admins).
pub type Staff = Guard<StaffRule>;

/// Extractor for the administration's endpoints.
pub type Admin = Guard<AdminRule>;

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
                        .run(move |conn| lookups::areas_of(conn, account))
                        .await?,
                ),
                Role::Trainer | Role::Mentor => Scope::OwnPerson(
                    app_state(&req)?
                        .db
                        .run(move |conn| lookups::person_of(conn, account))
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
    state: &web::Data<crate::state::AppState>,
    token: ClientToken,
) -> Result<Caller, ApiError> {
    let (id, version) = (token.client, token.version);
    // Requests are counted in the database, so the limit holds across instances.
    state
        .db
        .write_unrecorded(move |conn| {
            let limit = lookups::live_limit(conn, id, version)?.ok_or(ApiError::Unauthenticated)?;
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

fn app_state(req: &HttpRequest) -> Result<&web::Data<crate::state::AppState>, ApiError> {
    req.app_data::<web::Data<crate::state::AppState>>()
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("application state missing")))
}

/// Starts a sign-in session for `account`; its id goes into the token.
pub fn new_session(
    conn: &mut DbConnection,
    account: i64,
    expires: DateTime<Utc>,
) -> Result<String, ApiError> {
    let id = crate::secrets::random_hex(16);
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
