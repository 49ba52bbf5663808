//! Accounts and invitations, kept by the administration. Coordinators see the districts and
//! municipalities they are bound to; trainers and mentors are linked to their person record.

use crate::auth::Role;
use crate::values::FieldErrors;
use crate::values::{required_text, Email};
use crate::{Ags, DistrictKey};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountDetail {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// Trainers and mentors: their person record.
    pub person_id: Option<i64>,
    /// Coordinators: district keys (5 digits) and municipality keys (AGS, 8 digits).
    pub areas: Vec<String>,
    pub created_at: DateTime<Utc>,
    /// Increases with every change of access; send it back as `If-Match` when changing it.
    pub version: i64,
}

/// A district or a municipality, as a coordinator's area.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Area {
    District(DistrictKey),
    Municipality(Ags),
}

impl Area {
    pub fn key(&self) -> &str {
        match self {
            Area::District(d) => d.as_str(),
            Area::Municipality(m) => m.as_str(),
        }
    }

    /// Whether the municipality `ags` lies in this area.
    pub fn contains(&self, ags: &str) -> bool {
        ags.starts_with(self.key())
    }
}

impl std::str::FromStr for Area {
    type Err = crate::ValueError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.len() == 5 {
            s.parse().map(Area::District)
        } else {
            s.parse().map(Area::Municipality)
        }
    }
}

/// Role, person link and areas of an account; all three together, checked by [`AccessInput::parse`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessInput {
    pub role: Role,
    #[serde(default)]
    pub person_id: Option<i64>,
    #[serde(default)]
    pub areas: Vec<String>,
}

/// A checked [`AccessInput`]: a person only for trainers and mentors, areas only for coordinators.
#[derive(Debug, Clone, PartialEq)]
pub struct Access {
    pub role: Role,
    pub person_id: Option<i64>,
    pub areas: Vec<Area>,
}

impl AccessInput {
    pub fn parse(&self, e: &mut FieldErrors) -> Option<Access> {
        let mut areas: Vec<Area> = Vec::new();
        for (i, raw) in self.areas.iter().enumerate() {
            if let Some(area) = e.check(&format!("areas[{i}]"), raw.parse::<Area>()) {
                areas.push(area);
            }
        }
        areas.sort();
        areas.dedup();
        match self.role {
            Role::Coordinator if areas.is_empty() => e.add(
                "areas",
                "required",
                "Eine Koordinatorin braucht mindestens einen Kreis oder eine Gemeinde.",
            ),
            Role::Trainer | Role::Mentor if self.person_id.is_none() => e.add(
                "person_id",
                "required",
                "Trainer- und Mentorenkonten gehören zu einer Person.",
            ),
            _ => {}
        }
        let person_id = matches!(self.role, Role::Trainer | Role::Mentor)
            .then_some(self.person_id)
            .flatten();
        let areas = if self.role == Role::Coordinator {
            areas
        } else {
            Vec::new()
        };
        Some(Access {
            role: self.role,
            person_id,
            areas,
        })
    }
}

/// Invite someone: they get a link with a one-time token and choose their password.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationInput {
    pub email: String,
    pub display_name: String,
    #[serde(flatten)]
    pub access: AccessInput,
}

#[derive(Debug, Clone, PartialEq)]
pub struct InvitationDraft {
    pub email: Email,
    pub display_name: String,
    pub access: Access,
}

impl InvitationInput {
    pub fn parse(&self) -> Result<InvitationDraft, FieldErrors> {
        let mut e = FieldErrors::default();
        let email = e.check("email", self.email.parse::<Email>());
        let display_name = e.check("display_name", required_text(&self.display_name, 120));
        let access = self.access.parse(&mut e);
        e.into_result()?;
        match (email, display_name, access) {
            (Some(email), Some(display_name), Some(access)) => Ok(InvitationDraft {
                email,
                display_name,
                access,
            }),
            _ => Err(FieldErrors::default()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invitation {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub person_id: Option<i64>,
    pub areas: Vec<String>,
    pub expires_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
}

/// The answer to creating an invitation: the link is shown this once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationCreated {
    pub invitation: Invitation,
    /// Link with the one-time token, to send to the invited person.
    pub link: String,
}

/// Accept an invitation by choosing a password.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AcceptInvitation {
    /// At least 10 characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 10))]
    pub password: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn access(role: Role, person_id: Option<i64>, areas: &[&str]) -> Result<Access, FieldErrors> {
        let mut e = FieldErrors::default();
        let a = AccessInput {
            role,
            person_id,
            areas: areas.iter().map(|s| s.to_string()).collect(),
        }
        .parse(&mut e);
        e.into_result().map(|_| a.unwrap())
    }

    #[test]
    fn coordinators_need_areas_trainers_and_mentors_a_person() {
        assert!(access(Role::Coordinator, None, &[]).is_err());
        let c = access(Role::Coordinator, Some(3), &["08116", "08111000", "08116"]).unwrap();
        assert_eq!(c.areas.len(), 2);
        assert_eq!(c.person_id, None, "a coordinator is not linked to a person");
        assert!(access(Role::Coordinator, None, &["0811"]).is_err());
        assert!(access(Role::Mentor, None, &[]).is_err());
        assert_eq!(
            access(Role::Trainer, Some(4), &["08116"]).unwrap().areas,
            Vec::<Area>::new()
        );
        assert!(access(Role::Staff, None, &[]).is_ok());
    }

    #[test]
    fn an_area_contains_its_municipalities() {
        let district: Area = "08116".parse().unwrap();
        assert!(district.contains("08116019"));
        assert!(!district.contains("08111000"));
        let town: Area = "08111000".parse().unwrap();
        assert!(town.contains("08111000"));
    }
}

code_enum!(
    /// Where a mail in the queue stands: waiting for (another) attempt, being handed to the SMTP
    /// server, accepted by it, interrupted while being handed over (it may have arrived, so it
    /// is not sent again by itself), given up, or kept in the outbox (no SMTP server configured).
    MailState {
        Queued = "queued", "wartet", "queued";
        Sending = "sending", "wird gesendet", "sending";
        Sent = "sent", "gesendet", "sent";
        Uncertain = "uncertain", "unklar, Versand unterbrochen", "uncertain, sending interrupted";
        Failed = "failed", "fehlgeschlagen", "failed";
        Kept = "kept", "im Postausgang", "kept in the outbox";
    }
);

/// A mail in the queue, as the administration sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutboxMail {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub state: MailState,
    /// Attempts made to hand it to the SMTP server.
    pub attempts: i32,
    /// When the next attempt is due (queued mail after a failed attempt).
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub sent_at: Option<DateTime<Utc>>,
    /// Why the last attempt failed, as the SMTP server or the network said.
    pub last_error: Option<String>,
}
