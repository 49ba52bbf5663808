//! Citizens registering themselves for a Mentorenkurs: the form they send, the consent they give
//! (its text versioned here, shown by the web app and stored with each registration), and the
//! state their personal link shows.

use crate::courses::EnrolmentStatus;
use crate::people::DuplicateCandidate;
use crate::values::{optional_text, required_text, Email, FieldErrors};
use crate::Ags;
use serde::{Deserialize, Serialize};

/// The version of [`CONSENT_DE`]/[`CONSENT_EN`]; a registration stores the version it agreed to.
/// A new text gets a new version.
pub const CONSENT_VERSION: &str = "2026-11-anmeldung";

pub const CONSENT_DE: &str = "Ich bin einverstanden, dass der Bildungsträger meine Angaben \
(Name, E-Mail-Adresse, Wohngemeinde, Telefonnummer und Motivation) speichert und verwendet, um \
meine Anmeldung zum Mentorenkurs zu bearbeiten und mich zum Kurs zu informieren. Die Angaben \
werden nicht veröffentlicht. Ich kann die Anmeldung jederzeit über meinen persönlichen Link \
zurückziehen.";

pub const CONSENT_EN: &str = "I agree that the education provider stores and uses my details \
(name, e-mail address, municipality, phone number and motivation) to handle my registration for \
the mentor course and to inform me about the course. The details are not published. I can \
withdraw my registration at any time through my personal link.";

/// How long a confirmation link works; a registration not confirmed by then is deleted.
pub const CONFIRMATION_HOURS: i64 = 48;

code_enum!(
    /// The language a registrant reads the mails in.
    MailLanguage {
        German = "de", "Deutsch", "German";
        English = "en", "Englisch", "English";
    }
);

code_enum!(
    /// Where a registration stands: waiting for its confirmation link to be clicked, confirmed
    /// (the enrolment says whether with a place or on the waitlist), or withdrawn.
    RegistrationState {
        Unconfirmed = "unconfirmed", "nicht bestätigt", "not confirmed";
        Confirmed = "confirmed", "bestätigt", "confirmed";
        Cancelled = "cancelled", "zurückgezogen", "withdrawn";
    }
);

/// The registration form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistrationInput {
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub given_name: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub family_name: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 254))]
    pub email: String,
    /// The municipality (AGS) the registrant lives in.
    pub municipality: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub phone: Option<String>,
    /// Why the registrant wants to become a mentor.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub motivation: Option<String>,
    /// Must be true: the registrant agrees to the text of `consent_text_version`.
    pub consent: bool,
    /// The version of the consent text the registrant read ([`CONSENT_VERSION`]).
    pub consent_text_version: String,
    /// `de` (default) or `en`: the language of the mails.
    #[serde(default)]
    pub language: Option<MailLanguage>,
    /// Left empty by people; a form filled in by a robot fills it in. Not shown.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub website: Option<String>,
}

/// A parsed [`RegistrationInput`].
#[derive(Debug, Clone, PartialEq)]
pub struct RegistrationDraft {
    pub given_name: String,
    pub family_name: String,
    pub email: Email,
    pub municipality: Ags,
    pub phone: Option<String>,
    pub motivation: Option<String>,
    pub language: MailLanguage,
}

impl RegistrationInput {
    pub fn parse(&self) -> Result<RegistrationDraft, FieldErrors> {
        let mut e = FieldErrors::default();
        let opt = |raw: &Option<String>| raw.clone().unwrap_or_default();
        let given_name = e.check("given_name", required_text(&self.given_name, 100));
        let family_name = e.check("family_name", required_text(&self.family_name, 100));
        let email = e.check("email", self.email.trim().parse::<Email>());
        let municipality = e.check("municipality", self.municipality.trim().parse::<Ags>());
        let phone = e.check("phone", crate::organisations::phone(&opt(&self.phone)));
        let motivation = e.check("motivation", optional_text(&opt(&self.motivation), 2000));
        // Checked like the rest, so a robot learns nothing from the answer.
        e.check("website", optional_text(&opt(&self.website), 200));
        if !self.consent {
            e.add(
                "consent",
                "consent_required",
                "Ohne Ihre Einwilligung können wir die Anmeldung nicht bearbeiten.",
            );
        } else if self.consent_text_version != CONSENT_VERSION {
            e.add(
                "consent",
                "consent_outdated",
                "Der Einwilligungstext hat sich geändert. Bitte laden Sie die Seite neu und lesen Sie ihn noch einmal.",
            );
        }
        match (
            given_name,
            family_name,
            email,
            municipality,
            phone,
            motivation,
        ) {
            (
                Some(given_name),
                Some(family_name),
                Some(email),
                Some(municipality),
                Some(phone),
                Some(motivation),
            ) if e.is_empty() => Ok(RegistrationDraft {
                given_name,
                family_name,
                email,
                municipality,
                phone,
                motivation,
                language: self.language.unwrap_or(MailLanguage::German),
            }),
            _ => Err(e),
        }
    }

    /// Whether the hidden field was filled in, as only robots do.
    pub fn is_robot(&self) -> bool {
        self.website
            .as_deref()
            .is_some_and(|w| !w.trim().is_empty())
    }
}

/// What a registrant's personal link shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistrationStatus {
    pub state: RegistrationState,
    pub given_name: String,
    pub course_id: i64,
    pub course_title: String,
    /// The enrolment once confirmed: `confirmed` is a place, `waitlisted` a waitlist entry.
    pub enrolment_status: Option<EnrolmentStatus>,
    /// Place on the waitlist, from 1.
    pub waitlist_position: Option<i64>,
    /// Whether the registrant can still withdraw through the link.
    pub can_cancel: bool,
}

/// The answer to a confirmation: the state, and the personal link's token, shown once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfirmedRegistration {
    /// Token of the personal link (`/anmeldung/{status_token}`), also sent by mail.
    pub status_token: String,
    pub status: RegistrationStatus,
}

/// A confirmed registration whose person may have been recorded before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistrationReview {
    pub id: i64,
    pub course_id: i64,
    pub course_title: String,
    /// The record made from the registration.
    pub person_id: i64,
    pub given_name: String,
    pub family_name: String,
    pub email: String,
    pub motivation: Option<String>,
    /// Records that may be the same person.
    pub candidates: Vec<DuplicateCandidate>,
}

/// Staff's decision on a registration in review.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewDecision {
    /// The existing record the new one is merged into (every link moves over); absent: they are
    /// different people and both records stay.
    #[serde(default)]
    pub merge_into: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> RegistrationInput {
        RegistrationInput {
            given_name: " Ayşe ".into(),
            family_name: "Yılmaz".into(),
            email: "ayse@example.de".into(),
            municipality: "08111000".into(),
            consent: true,
            consent_text_version: CONSENT_VERSION.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_form_parses() {
        let draft = form().parse().unwrap();
        assert_eq!(draft.given_name, "Ayşe");
        assert_eq!(draft.language, MailLanguage::German);
        assert!(!form().is_robot());
    }

    #[test]
    fn consent_is_required_in_the_current_version() {
        let codes = |f: RegistrationInput| -> Vec<String> {
            f.parse()
                .unwrap_err()
                .0
                .into_iter()
                .map(|e| e.code)
                .collect()
        };
        assert_eq!(
            codes(RegistrationInput {
                consent: false,
                ..form()
            }),
            ["consent_required"]
        );
        assert_eq!(
            codes(RegistrationInput {
                consent_text_version: "2020-01".into(),
                ..form()
            }),
            ["consent_outdated"]
        );
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = RegistrationInput {
            given_name: "".into(),
            email: "keine-adresse".into(),
            municipality: "123".into(),
            motivation: Some("x".repeat(2001)),
            ..form()
        };
        let fields: Vec<String> = bad
            .parse()
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            ["given_name", "email", "municipality", "motivation"]
        );
    }

    #[test]
    fn a_filled_hidden_field_marks_a_robot() {
        assert!(RegistrationInput {
            website: Some("http://spam".into()),
            ..form()
        }
        .is_robot());
    }
}
