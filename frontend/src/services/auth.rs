//! Sign-in, sign-out and passwords.

use super::Change;
use crate::api::Method;
use shared::auth::{
    LoginRequest, LoginResponse, PasswordChange, PasswordReset, PasswordResetRequest,
};

pub fn login(credentials: &LoginRequest) -> Change<LoginResponse> {
    Change::new(Method::Post, "/auth/login").body(credentials)
}

pub fn logout() -> Change<()> {
    Change::new(Method::Post, "/auth/logout")
}

pub fn change_password(change: &PasswordChange) -> Change<()> {
    Change::new(Method::Put, "/auth/password").body(change)
}

pub fn request_reset(request: &PasswordResetRequest) -> Change<()> {
    Change::new(Method::Post, "/auth/password-reset").body(request)
}

pub fn reset_password(token: &str, reset: &PasswordReset) -> Change<()> {
    Change::new(
        Method::Post,
        format!("/auth/password-reset/{}", super::encode(token)),
    )
    .body(reset)
}
