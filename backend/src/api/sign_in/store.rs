//! Queries and rules of `sign_in`: what the handlers in `mod.rs` call.

pub(crate) const LOGIN_ROUTE: &str = "POST /api/v1/auth/login";

/// Reset links one address can ask for per quarter hour.
pub(crate) const RESETS_PER_WINDOW: i32 = 5;

/// How long a reset link stays valid.
pub(crate) const RESET_MINUTES: i64 = 60;

pub(crate) fn reset_token_hash(token: &str) -> String {
    crate::secrets::digest_hex(token.trim())
}
