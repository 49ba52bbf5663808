//! A trainer tandem applying for a Mentorentrainerkurs: a professional and a citizen together,
//! with the local Mentorenkurs they plan to run while they train. Both confirm by e-mail (double
//! opt-in, like registrations); staff then accept or decline. Accepting enrols them as one tandem,
//! records both as trainers in training and creates the local course as a draft led by them.

use crate::organisations::MunicipalityRef;
use crate::people::{DuplicateCandidate, TrainerKind};
use crate::registrations::MailLanguage;
use crate::values::{optional_text, required_text, Email, FieldErrors};
use crate::Ags;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The version of [`TANDEM_CONSENT_DE`]/[`TANDEM_CONSENT_EN`], stored with each application.
pub const TANDEM_CONSENT_VERSION: &str = "2026-11-tandem";

pub const TANDEM_CONSENT_DE: &str = "Wir sind einverstanden, dass der Bildungsträger unsere \
Angaben (Namen, E-Mail-Adressen, Telefonnummern, Arbeitgeber, geplanter Kurs und Motivation) \
speichert und verwendet, um unsere Bewerbung als Trainertandem zu bearbeiten und uns dazu zu \
informieren. Die Angaben werden nicht veröffentlicht. Wer das Formular absendet, hat das \
Einverständnis der Tandempartnerin oder des Tandempartners eingeholt; beide bestätigen es noch \
einmal per E-Mail.";

pub const TANDEM_CONSENT_EN: &str = "We agree that the education provider stores and uses our \
details (names, e-mail addresses, phone numbers, employer, planned course and motivation) to \
handle our application as a trainer tandem and to inform us about it. The details are not \
published. Whoever sends the form has their partner's agreement; both confirm it again by \
e-mail.";

/// The longest period a planned local course may span (a Mentorenkurs takes about three months).
pub const LONGEST_PLANNED_DAYS: i64 = 366;

code_enum!(
    /// Where a tandem application stands: waiting for both partners to confirm, waiting for
    /// staff, accepted (enrolled as a tandem) or declined.
    TandemApplicationState {
        Unconfirmed = "unconfirmed", "wartet auf Bestätigung", "awaiting confirmation";
        Submitted = "submitted", "wartet auf Entscheidung", "awaiting decision";
        Accepted = "accepted", "angenommen", "accepted";
        Declined = "declined", "abgelehnt", "declined";
    }
);

/// One partner of the tandem as the form asks for them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicantInput {
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub given_name: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub family_name: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 254))]
    pub email: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub phone: Option<String>,
}

/// The application form for a Mentorentrainerkurs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TandemApplicationInput {
    /// The partner employed in the field (hauptamtlich).
    pub professional: ApplicantInput,
    /// The professional partner's employer, as a name.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub employer: Option<String>,
    /// The volunteer partner (bürgerschaftlich).
    pub citizen: ApplicantInput,
    /// The municipality (AGS) where the tandem plans its local Mentorenkurs.
    pub municipality: String,
    /// First and last day of the planned local Mentorenkurs.
    pub planned_start: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
    /// Where the local course is to take place.
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub venue: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub motivation: Option<String>,
    /// Must be true: both agree to the text of `consent_text_version`.
    pub consent: bool,
    /// The version of the consent text read ([`TANDEM_CONSENT_VERSION`]).
    pub consent_text_version: String,
    /// `de` (default) or `en`: the language of the mails to both.
    #[serde(default)]
    pub language: Option<MailLanguage>,
    /// Left empty by people; a form filled in by a robot fills it in. Not shown.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub website: Option<String>,
}

/// A parsed [`ApplicantInput`].
#[derive(Debug, Clone, PartialEq)]
pub struct ApplicantDraft {
    pub given_name: String,
    pub family_name: String,
    pub email: Email,
    pub phone: Option<String>,
}

/// A parsed [`TandemApplicationInput`].
#[derive(Debug, Clone, PartialEq)]
pub struct TandemApplicationDraft {
    pub professional: ApplicantDraft,
    pub employer: Option<String>,
    pub citizen: ApplicantDraft,
    pub municipality: Ags,
    pub planned_start: NaiveDate,
    pub planned_end: NaiveDate,
    pub venue: String,
    pub motivation: Option<String>,
    pub language: MailLanguage,
}

impl ApplicantInput {
    fn parse(&self, prefix: &str, e: &mut FieldErrors) -> Option<ApplicantDraft> {
        let field = |name: &str| format!("{prefix}.{name}");
        let given_name = e.check(&field("given_name"), required_text(&self.given_name, 100));
        let family_name = e.check(&field("family_name"), required_text(&self.family_name, 100));
        let email = e.check(&field("email"), self.email.trim().parse::<Email>());
        let phone = e.check(
            &field("phone"),
            crate::organisations::phone(self.phone.as_deref().unwrap_or("")),
        );
        Some(ApplicantDraft {
            given_name: given_name?,
            family_name: family_name?,
            email: email?,
            phone: phone?,
        })
    }
}

impl TandemApplicationInput {
    pub fn parse(&self) -> Result<TandemApplicationDraft, FieldErrors> {
        let mut e = FieldErrors::default();
        let opt = |raw: &Option<String>| raw.clone().unwrap_or_default();
        let professional = self.professional.parse("professional", &mut e);
        let employer = e.check("employer", optional_text(&opt(&self.employer), 200));
        let citizen = self.citizen.parse("citizen", &mut e);
        if let (Some(p), Some(c)) = (&professional, &citizen) {
            if p.email.as_str().eq_ignore_ascii_case(c.email.as_str()) {
                e.add(
                    "citizen.email",
                    "same_email",
                    "Jede Person des Tandems bestätigt mit ihrer eigenen E-Mail-Adresse.",
                );
            }
        }
        let municipality = e.check("municipality", self.municipality.trim().parse::<Ags>());
        if self.planned_start.is_none() {
            e.add(
                "planned_start",
                "required",
                "Bitte geben Sie den geplanten Beginn an.",
            );
        }
        if self.planned_end.is_none() {
            e.add(
                "planned_end",
                "required",
                "Bitte geben Sie das geplante Ende an.",
            );
        }
        if let (Some(start), Some(end)) = (self.planned_start, self.planned_end) {
            if end < start {
                e.add(
                    "planned_end",
                    "before_start",
                    "Das Ende liegt vor dem Beginn.",
                );
            } else if (end - start).num_days() > LONGEST_PLANNED_DAYS {
                e.add(
                    "planned_end",
                    "too_long",
                    "Ein Mentorenkurs dauert etwa drei Monate; bitte planen Sie höchstens ein Jahr.",
                );
            }
        }
        let venue = e.check("venue", required_text(&self.venue, 200));
        let motivation = e.check("motivation", optional_text(&opt(&self.motivation), 2000));
        e.check("website", optional_text(&opt(&self.website), 200));
        if !self.consent {
            e.add(
                "consent",
                "consent_required",
                "Ohne Ihre Einwilligung können wir die Bewerbung nicht bearbeiten.",
            );
        } else if self.consent_text_version != TANDEM_CONSENT_VERSION {
            e.add(
                "consent",
                "consent_outdated",
                "Der Einwilligungstext hat sich geändert. Bitte laden Sie die Seite neu und lesen Sie ihn noch einmal.",
            );
        }
        let draft = (|| {
            Some(TandemApplicationDraft {
                professional: professional?,
                employer: employer?,
                citizen: citizen?,
                municipality: municipality?,
                planned_start: self.planned_start?,
                planned_end: self.planned_end?,
                venue: venue?,
                motivation: motivation?,
                language: self.language.unwrap_or(MailLanguage::German),
            })
        })();
        match draft {
            Some(draft) if e.is_empty() => Ok(draft),
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

/// What a partner sees after confirming with their link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TandemConfirmation {
    pub state: TandemApplicationState,
    pub course_id: i64,
    pub course_title: String,
    /// The partner's name, so both know whom they applied with.
    pub partner_name: String,
    /// Whether the partner has confirmed too (then the application waits for staff).
    pub partner_confirmed: bool,
}

/// One partner of an application as staff see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Applicant {
    pub kind: TrainerKind,
    pub given_name: String,
    pub family_name: String,
    pub email: String,
    pub phone: Option<String>,
    pub confirmed: bool,
    /// The person record, once the application is accepted.
    pub person_id: Option<i64>,
    /// Records that may be this person (while the application waits for a decision): staff may
    /// name one of them on accepting, so nobody is recorded twice.
    pub candidates: Vec<DuplicateCandidate>,
}

/// A tandem application as staff see it in the review queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TandemApplication {
    pub id: i64,
    pub state: TandemApplicationState,
    pub course_id: i64,
    pub course_title: String,
    pub professional: Applicant,
    pub employer: Option<String>,
    pub citizen: Applicant,
    /// Where the local Mentorenkurs is planned.
    pub municipality: MunicipalityRef,
    pub planned_start: NaiveDate,
    pub planned_end: NaiveDate,
    pub venue: String,
    pub motivation: Option<String>,
    /// The local course created on acceptance (a draft led by the tandem).
    pub local_course_id: Option<i64>,
    pub decision_reason: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Staff's decision on a submitted application.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TandemDecision {
    pub accept: bool,
    /// Accepting: the existing record of the professional partner (one of the candidates);
    /// absent: the one record with the same e-mail address and name, or a new record.
    #[serde(default)]
    pub professional_person: Option<i64>,
    /// Accepting: the existing record of the citizen partner, as above.
    #[serde(default)]
    pub citizen_person: Option<i64>,
    /// Declining: the reason given to both partners by mail.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub reason: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn applicant(name: &str) -> ApplicantInput {
        ApplicantInput {
            given_name: name.into(),
            family_name: "Muster".into(),
            email: format!("{}@example.de", name.to_lowercase()),
            phone: None,
        }
    }

    fn form() -> TandemApplicationInput {
        TandemApplicationInput {
            professional: applicant("Petra"),
            citizen: applicant("Bernd"),
            municipality: "08111000".into(),
            planned_start: NaiveDate::from_ymd_opt(2027, 3, 1),
            planned_end: NaiveDate::from_ymd_opt(2027, 5, 31),
            venue: "Rathaus".into(),
            consent: true,
            consent_text_version: TANDEM_CONSENT_VERSION.into(),
            ..Default::default()
        }
    }

    fn fields(f: TandemApplicationInput) -> Vec<(String, String)> {
        f.parse()
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn a_complete_form_parses() {
        let draft = form().parse().unwrap();
        assert_eq!(draft.citizen.given_name, "Bernd");
        assert_eq!(draft.language, MailLanguage::German);
    }

    #[test]
    fn each_partner_confirms_with_an_own_address() {
        let mut f = form();
        f.citizen.email = "PETRA@example.de".into();
        assert_eq!(fields(f), [("citizen.email".into(), "same_email".into())]);
    }

    #[test]
    fn the_planned_period_runs_forwards_and_not_for_years() {
        let mut f = form();
        f.planned_end = NaiveDate::from_ymd_opt(2027, 2, 1);
        assert_eq!(fields(f), [("planned_end".into(), "before_start".into())]);
        let mut f = form();
        f.planned_end = NaiveDate::from_ymd_opt(2029, 2, 1);
        assert_eq!(fields(f), [("planned_end".into(), "too_long".into())]);
    }

    #[test]
    fn bad_fields_are_named_with_the_partner() {
        let mut f = form();
        f.professional.given_name = String::new();
        f.citizen.email = "keine-adresse".into();
        f.venue = String::new();
        f.consent = false;
        let named: Vec<String> = fields(f).into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            named,
            [
                "professional.given_name",
                "citizen.email",
                "venue",
                "consent"
            ]
        );
    }
}
