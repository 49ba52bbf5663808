//! Certificates (Abschlusszertifikate): issued to participants of a completed course who reached
//! the required hours. Anyone can check a certificate by its verification code.

use crate::courses::CourseKind;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A certificate as issued; its text does not change when the course or person is edited later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Certificate {
    pub id: i64,
    /// Register number, e.g. `MfB-2026-00017`; counts per year.
    pub serial: String,
    /// Code printed on the certificate for public verification, e.g. `K7QM-4XPA-93TD`.
    pub verification_code: String,
    pub enrolment_id: i64,
    pub person_id: i64,
    pub course_id: i64,
    pub course_kind: CourseKind,
    pub holder_name: String,
    pub course_title: String,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    /// Where the course took place (municipality).
    pub place: Option<String>,
    /// Hours attended.
    pub hours: f64,
    pub topics: Vec<String>,
    /// The education provider.
    pub provider: Option<String>,
    pub issued_on: NaiveDate,
    pub issued_at: DateTime<Utc>,
    /// Set once the certificate is revoked; it stays in the register.
    #[serde(default)]
    pub revoked_on: Option<NaiveDate>,
    /// Why it was revoked (for staff only; the public check never tells).
    #[serde(default)]
    pub revocation_reason: Option<String>,
}

/// Revoke a certificate, stating why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RevocationInput {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1000))]
    pub reason: String,
}

/// Issue the certificate for one participant of a completed course.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssueInput {
    pub enrolment_id: i64,
}

/// What the public verification tells: that the code is genuine, and for whom, which course and
/// when; nothing more.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Verification {
    pub holder_name: String,
    pub course_title: String,
    pub issued_on: NaiveDate,
    /// The day the certificate was revoked: it is genuine, but no longer valid.
    #[serde(default)]
    pub revoked_on: Option<NaiveDate>,
}

/// Letters and digits that cannot be mistaken for each other when typed from paper.
pub const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const CODE_LENGTH: usize = 12;

/// A verification code as people type it: case, spaces and dashes do not matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerificationCode(String);

impl VerificationCode {
    /// Groups of four, as printed.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A code from twelve symbols of [`CODE_ALPHABET`] (60 bits; guessing one is hopeless).
    pub fn from_symbols(symbols: &[u8; CODE_LENGTH]) -> Self {
        let chars: Vec<char> = symbols
            .iter()
            .map(|i| CODE_ALPHABET[*i as usize % CODE_ALPHABET.len()] as char)
            .collect();
        Self(
            chars
                .chunks(4)
                .map(|c| c.iter().collect::<String>())
                .collect::<Vec<_>>()
                .join("-"),
        )
    }
}

impl std::str::FromStr for VerificationCode {
    type Err = crate::ValueError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let plain: Vec<u8> = s
            .bytes()
            .filter(|b| !matches!(b, b' ' | b'-'))
            .map(|b| b.to_ascii_uppercase())
            .collect();
        let symbols: Option<Vec<u8>> = plain
            .iter()
            .map(|b| CODE_ALPHABET.iter().position(|a| a == b).map(|p| p as u8))
            .collect();
        match symbols {
            Some(symbols) if symbols.len() == CODE_LENGTH => Ok(Self::from_symbols(
                &symbols.try_into().expect("length checked"),
            )),
            _ => Err(crate::ValueError::new(
                "code",
                "Ein Prüfcode hat zwölf Zeichen, z. B. K7QM-4XPA-93TD.",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_as_typed() {
        let code: VerificationCode = "k7qm 4xpa-93td".parse().unwrap();
        assert_eq!(code.as_str(), "K7QM-4XPA-93TD");
        assert!(
            "K7QM-4XPA-93T0".parse::<VerificationCode>().is_err(),
            "0 is not in the alphabet"
        );
        assert!("K7QM-4XPA".parse::<VerificationCode>().is_err());
    }
}
