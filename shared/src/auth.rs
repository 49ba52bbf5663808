//! Sign-in requests and answers.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    #[cfg_attr(feature = "openapi", schema(example = "admin@mentorat.example"))]
    pub email: String,
    pub password: String,
}

crate::code_enum!(
    /// The role of an account: what it may see and change.
    Role {
        Admin = "admin", "Administration", "Administration";
        Staff = "staff", "Mitarbeiter/in des Bildungsträgers", "Education provider staff";
        Coordinator = "coordinator", "Koordinator/in der Kommune", "Municipal coordinator";
        Trainer = "trainer", "Trainer/in", "Trainer";
        Mentor = "mentor", "Mentor/in", "Mentor";
    }
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// Trainers and mentors: their own person record.
    #[serde(default)]
    pub person_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginResponse {
    /// Bearer token for the `Authorization` header.
    pub token: String,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    pub account: Account,
}

/// Change one's own password; every other session of the account ends.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordChange {
    pub current_password: String,
    /// At least 10 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 10))]
    pub new_password: String,
}

/// Ask for a password reset link by e-mail. The answer is the same whether the address has an
/// account or not.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetRequest {
    pub email: String,
}

/// Set a new password with the token of a reset link.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordReset {
    /// At least 10 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 10))]
    pub password: String,
}
