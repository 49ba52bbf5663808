//! API clients of integrations (municipal systems, other platforms): what they may do, and the
//! OAuth2 client-credentials exchange of their secret for a short-lived token.

use crate::values::FieldErrors;
use crate::values::{optional_text, required_text};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

crate::code_enum!(
    /// What a client may do.
    ClientScope {
        MentorsRead = "mentors:read", "Mentorinnen und Mentoren lesen", "Read mentors";
        CoursesRead = "courses:read", "Kurse mit Teilnehmenden und Anwesenheit lesen", "Read courses with participants and attendance";
        CoursesWrite = "courses:write", "Kurse, Termine und Anwesenheit ändern", "Change courses, sessions and attendance";
    }
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiClient {
    pub id: i64,
    pub name: String,
    pub organisation: Option<String>,
    pub scopes: Vec<ClientScope>,
    /// Requests per minute.
    pub rate_limit: i32,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiClientInput {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 120))]
    pub name: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub organisation: Option<String>,
    pub scopes: Vec<ClientScope>,
    /// Requests per minute (default 600).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100000))]
    pub rate_limit: Option<i32>,
}

pub const DEFAULT_RATE_LIMIT: i32 = 600;

#[derive(Debug, Clone, PartialEq)]
pub struct ApiClientDraft {
    pub name: String,
    pub organisation: Option<String>,
    pub scopes: Vec<ClientScope>,
    pub rate_limit: i32,
}

impl ApiClientInput {
    pub fn parse(&self) -> Result<ApiClientDraft, FieldErrors> {
        let mut e = FieldErrors::default();
        let name = e.check("name", required_text(&self.name, 120));
        let organisation = e.check(
            "organisation",
            optional_text(self.organisation.as_deref().unwrap_or(""), 200),
        );
        let mut scopes = self.scopes.clone();
        scopes.sort();
        scopes.dedup();
        if scopes.is_empty() {
            e.add(
                "scopes",
                "required",
                "Mindestens eine Berechtigung angeben.",
            );
        }
        let rate_limit = self.rate_limit.unwrap_or(DEFAULT_RATE_LIMIT);
        if !(1..=100_000).contains(&rate_limit) {
            e.add(
                "rate_limit",
                "range",
                "Zwischen 1 und 100000 Anfragen je Minute.",
            );
        }
        e.into_result()?;
        Ok(ApiClientDraft {
            name: name.unwrap_or_default(),
            organisation: organisation.flatten(),
            scopes,
            rate_limit,
        })
    }
}

/// The credentials of a client; the secret is shown only in this answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClientCredentials {
    pub client: ApiClient,
    pub client_id: String,
    pub client_secret: String,
}

/// The answer of the token endpoint (RFC 6749, section 5.1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenResponse {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the token expires.
    pub expires_in: i64,
    /// The granted scopes, separated by spaces.
    pub scope: String,
}
