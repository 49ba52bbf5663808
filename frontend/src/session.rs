//! The signed-in account, kept in local storage so a reload keeps the session.

use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use shared::auth::{Account, LoginResponse};
use yew::prelude::*;

const KEY: &str = "mentorat.session";

#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub token: String,
    pub account: Account,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

impl From<LoginResponse> for Session {
    fn from(r: LoginResponse) -> Self {
        Session {
            token: r.token,
            account: r.account,
            expires_at: r.expires_at,
        }
    }
}

pub type SessionHandle = UseStateHandle<Option<Session>>;

pub fn load() -> Option<Session> {
    let session: Session = LocalStorage::get(KEY).ok()?;
    let now =
        chrono::DateTime::<chrono::Utc>::from_timestamp_millis(js_sys_now()).unwrap_or_default();
    (session.expires_at > now).then_some(session)
}

pub fn store(session: &Option<Session>) {
    match session {
        Some(s) => {
            let _ = LocalStorage::set(KEY, s);
        }
        None => LocalStorage::delete(KEY),
    }
}

fn js_sys_now() -> i64 {
    js_sys::Date::now() as i64
}

/// The current session handle (always provided by the app root).
#[hook]
pub fn use_session() -> SessionHandle {
    use_context::<SessionHandle>().expect("session context")
}
