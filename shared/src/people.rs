//! People and their role profiles: mentors (Bürgermentor/innen) and trainers (Mentorentrainer/innen),
//! the publication consent, and the public listing for municipalities.

use crate::organisations::{Address, MunicipalityRef};
use crate::values::FieldErrors;
use crate::values::{
    optional_text, optional_value, postal_code, required_text, Ags, Email, ValueError,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

code_enum!(
    /// Where a mentor stands in the programme.
    MentorStatus {
        InTraining = "in_training", "in Ausbildung", "in training";
        Certified = "certified", "zertifiziert", "certified";
        Active = "active", "aktiv", "active";
        Paused = "paused", "pausiert", "paused";
        Retired = "retired", "ausgeschieden", "retired";
    }
);

impl MentorStatus {
    /// Only certified and active mentors are offered to the public (given their consent).
    pub fn is_public(self) -> bool {
        matches!(self, MentorStatus::Certified | MentorStatus::Active)
    }
}

code_enum!(
    /// What a mentor allows to be published.
    ConsentLevel {
        None = "none", "keine Veröffentlichung", "nothing published";
        NameAndFields = "name_fields", "Name, Gemeinde und Einsatzfelder", "name, municipality and fields";
        WithContact = "contact", "Name, Gemeinde, Einsatzfelder und Kontaktdaten", "name, municipality, fields and contact details";
    }
);

code_enum!(
    /// A trainer is either employed in the field (hauptamtlich) or a volunteer (bürgerschaftlich).
    TrainerKind {
        Professional = "professional", "hauptamtlich", "professional";
        Citizen = "citizen", "bürgerschaftlich", "citizen";
    }
);

/// The version of the consent text shown to mentors; stored with every consent.
pub const CURRENT_CONSENT_TEXT_VERSION: &str = "2026-11";

/// An ISO 639-1 language code, kept in lower case, e.g. `de`, `tr`, `ar`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = String, pattern = "^[A-Za-z]{2}$", example = "tr"))]
pub struct LanguageCode(String);

impl FromStr for LanguageCode {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, ValueError> {
        // Two letters in either case; kept in lower case.
        let s = s.to_ascii_lowercase();
        if s.len() == 2 && s.bytes().all(|b| b.is_ascii_lowercase()) {
            Ok(Self(s))
        } else {
            Err(ValueError::new(
                "language",
                "Sprachen als zweibuchstabiger ISO-Code angeben, z. B. de, en, tr.",
            ))
        }
    }
}

impl TryFrom<String> for LanguageCode {
    type Error = ValueError;
    fn try_from(s: String) -> Result<Self, ValueError> {
        s.parse()
    }
}

impl From<LanguageCode> for String {
    fn from(v: LanguageCode) -> String {
        v.0
    }
}

impl LanguageCode {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The publication consent of a mentor as it stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Consent {
    pub level: ConsentLevel,
    /// When it was given or last changed; none while it was never given.
    pub recorded_at: Option<DateTime<Utc>>,
    pub text_version: Option<String>,
}

/// Change the publication consent. Only through this deliberate call, never as a side effect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsentInput {
    pub level: ConsentLevel,
    /// Version of the consent text the mentor agreed to (default: the current one).
    #[serde(default)]
    pub text_version: Option<String>,
}

/// A recorded consent change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsentChange {
    pub level: ConsentLevel,
    pub text_version: String,
    pub recorded_at: DateTime<Utc>,
}

/// A recorded status change of a mentor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusChange {
    pub status: MentorStatus,
    pub changed_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MentorProfile {
    pub status: MentorStatus,
    pub status_since: DateTime<Utc>,
    pub fields: Vec<i64>,
    /// Municipalities where the mentor is active.
    pub municipalities: Vec<MunicipalityRef>,
    /// Aktivitätsprofil: free text the mentor develops during and after the course.
    pub activity_profile: Option<String>,
    pub target_groups: Vec<String>,
    pub themes: Vec<String>,
    pub availability: Option<String>,
    /// Ids of the organisations the mentor works with.
    pub organisations: Vec<i64>,
    pub consent: Consent,
    /// Whether the public listing shows the mentor now.
    pub listed: bool,
    pub status_history: Vec<StatusChange>,
    pub consent_history: Vec<ConsentChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrainerProfile {
    pub kind: TrainerKind,
    /// Employer organisation (professional trainers).
    pub employer: Option<i64>,
    pub qualified_since: Option<NaiveDate>,
    /// The other half of the tandem: a professional pairs with a citizen.
    pub tandem_partner: Option<i64>,
    /// The Mentorentrainerkurse the person is enrolled in (not cancelled), with the local
    /// course the tandem runs; without `qualified_since` the trainer is in training.
    #[serde(default)]
    pub training: Vec<TrainerTraining>,
}

/// A trainer's training: a Mentorentrainerkurs enrolment and the local course the tandem runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrainerTraining {
    pub course_id: i64,
    pub course_title: String,
    pub status: crate::courses::EnrolmentStatus,
    pub local_course_id: Option<i64>,
    pub local_course_title: Option<String>,
}

/// A person as staff see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Person {
    pub id: i64,
    pub given_name: String,
    pub family_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Address,
    /// Municipality of residence.
    pub municipality: Option<MunicipalityRef>,
    pub languages: Vec<LanguageCode>,
    pub mentor: Option<MentorProfile>,
    pub trainer: Option<TrainerProfile>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MentorInput {
    pub status: Option<MentorStatus>,
    #[serde(default)]
    pub fields: Vec<i64>,
    /// AGS of the municipalities where the mentor is active.
    #[serde(default)]
    pub municipalities: Vec<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 5000))]
    pub activity_profile: Option<String>,
    #[serde(default)]
    pub target_groups: Vec<String>,
    #[serde(default)]
    pub themes: Vec<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub availability: Option<String>,
    #[serde(default)]
    pub organisations: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrainerInput {
    pub kind: TrainerKind,
    #[serde(default)]
    pub employer: Option<i64>,
    #[serde(default)]
    pub qualified_since: Option<NaiveDate>,
    #[serde(default)]
    pub tandem_partner: Option<i64>,
}

/// Create or replace a person with their profiles. The consent is changed separately.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonInput {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub given_name: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub family_name: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 254))]
    pub email: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub phone: Option<String>,
    #[serde(default)]
    pub address: Address,
    /// AGS of the municipality of residence.
    #[serde(default)]
    pub municipality: Option<String>,
    #[serde(default)]
    pub languages: Vec<String>,
    /// Present: the person is a mentor; absent: no mentor profile.
    #[serde(default)]
    pub mentor: Option<MentorInput>,
    #[serde(default)]
    pub trainer: Option<TrainerInput>,
    /// On create: store even though a possible duplicate exists (after the 409 warning).
    #[serde(default)]
    pub allow_duplicate: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MentorDraft {
    pub status: MentorStatus,
    pub fields: Vec<i64>,
    pub municipalities: Vec<Ags>,
    pub activity_profile: Option<String>,
    pub target_groups: Vec<String>,
    pub themes: Vec<String>,
    pub availability: Option<String>,
    pub organisations: Vec<i64>,
}

/// A parsed [`PersonInput`].
#[derive(Debug, Clone, PartialEq)]
pub struct PersonDraft {
    pub given_name: String,
    pub family_name: String,
    pub email: Option<Email>,
    pub phone: Option<String>,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub municipality: Option<Ags>,
    pub languages: Vec<LanguageCode>,
    pub mentor: Option<MentorDraft>,
    pub trainer: Option<TrainerInput>,
}

fn opt(raw: &Option<String>) -> &str {
    raw.as_deref().unwrap_or("")
}

fn sorted<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort();
    v.dedup();
    v
}

/// Tags (target groups, themes): trimmed, non-empty, at most 60 characters each.
fn tags(raw: &[String], field: &str, e: &mut FieldErrors) -> Vec<String> {
    let mut out = Vec::new();
    for tag in raw {
        match optional_text(tag, 60) {
            Ok(Some(t)) => out.push(t),
            Ok(None) => {}
            Err(err) => {
                e.check::<()>(field, Err(err));
            }
        }
    }
    sorted(out)
}

impl PersonInput {
    pub fn parse(&self) -> Result<PersonDraft, FieldErrors> {
        let mut e = FieldErrors::default();
        let given_name = e.check("given_name", required_text(&self.given_name, 100));
        let family_name = e.check("family_name", required_text(&self.family_name, 100));
        let email = e.check("email", optional_value::<Email>(opt(&self.email)));
        let phone = e.check("phone", crate::organisations::phone(opt(&self.phone)));
        let street = e.check(
            "address.street",
            optional_text(opt(&self.address.street), 200),
        );
        let postal = e.check(
            "address.postal_code",
            postal_code(opt(&self.address.postal_code)),
        );
        let city = e.check("address.city", optional_text(opt(&self.address.city), 100));
        let municipality = e.check(
            "municipality",
            optional_value::<Ags>(opt(&self.municipality)),
        );
        let languages: Vec<LanguageCode> = self
            .languages
            .iter()
            .filter_map(|l| e.check("languages", l.parse::<LanguageCode>()))
            .collect();
        let mentor = self.mentor.as_ref().map(|m| {
            let municipalities: Vec<Ags> = m
                .municipalities
                .iter()
                .filter_map(|a| e.check("mentor.municipalities", a.parse::<Ags>()))
                .collect();
            let activity_profile = e.check(
                "mentor.activity_profile",
                optional_text(opt(&m.activity_profile), 5000),
            );
            let availability = e.check(
                "mentor.availability",
                optional_text(opt(&m.availability), 500),
            );
            MentorDraft {
                status: m.status.unwrap_or(MentorStatus::InTraining),
                fields: sorted(m.fields.clone()),
                municipalities: sorted(municipalities),
                activity_profile: activity_profile.flatten(),
                target_groups: tags(&m.target_groups, "mentor.target_groups", &mut e),
                themes: tags(&m.themes, "mentor.themes", &mut e),
                availability: availability.flatten(),
                organisations: sorted(m.organisations.clone()),
            }
        });
        if let Some(m) = &mentor {
            if m.municipalities.is_empty() && m.status != MentorStatus::InTraining {
                e.add("mentor.municipalities", "required", "Mindestens eine Gemeinde angeben, in der die Mentorin oder der Mentor aktiv ist.");
            }
        }
        if let Some(t) = &self.trainer {
            if t.kind == TrainerKind::Citizen && t.employer.is_some() {
                e.add(
                    "trainer.employer",
                    "citizen_employer",
                    "Bürgerschaftliche Trainer haben keinen Arbeitgeber im Programm.",
                );
            }
        }
        if !e.is_empty() {
            return Err(e);
        }
        Ok(PersonDraft {
            given_name: given_name.unwrap_or_default(),
            family_name: family_name.unwrap_or_default(),
            email: email.flatten(),
            phone: phone.flatten(),
            street: street.flatten(),
            postal_code: postal.flatten(),
            city: city.flatten(),
            municipality: municipality.flatten(),
            languages: sorted(languages),
            mentor,
            trainer: self.trainer.clone(),
        })
    }
}

/// A record that may describe the same person as the one being created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DuplicateCandidate {
    pub id: i64,
    pub given_name: String,
    pub family_name: String,
    /// `email` (same e-mail address) or `name_municipality` (same name in the same municipality).
    pub reason: String,
}

/// Merge another record of the same person into this one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MergeRequest {
    /// The duplicate; its links move over and it is deleted.
    pub duplicate_id: i64,
}

/// A mentor in the public listing: exactly what the consent allows, or a tombstone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicMentor {
    pub id: i64,
    /// True for a mentor who left the listing (consent withdrawn, removed); then nothing else is set.
    pub deleted: bool,
    pub modified_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub municipalities: Option<Vec<MunicipalityRef>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<PublicField>>,
    /// Only with consent to publish contact details.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicField {
    pub id: i64,
    pub name_de: String,
    pub name_en: String,
}

/// A page of the public listing, with the link to the next page (absent on the last one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicMentorPage {
    pub items: Vec<PublicMentor>,
    /// Matches over all pages (tombstones included in sync mode).
    pub total: i64,
    pub limit: i64,
    pub next: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> PersonInput {
        PersonInput {
            given_name: " Aylin ".into(),
            family_name: "Yıldız".into(),
            email: Some("Aylin@Example.DE".into()),
            languages: vec!["DE".into(), "tr".into(), "de".into()],
            mentor: Some(MentorInput {
                status: Some(MentorStatus::Active),
                municipalities: vec!["08111000".into()],
                target_groups: vec![" Familien ".into(), "".into(), "Familien".into()],
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn parse_normalises_and_dedups() {
        let d = input().parse().unwrap();
        assert_eq!(d.given_name, "Aylin");
        assert_eq!(d.email.unwrap().as_str(), "Aylin@example.de");
        assert_eq!(
            d.languages
                .iter()
                .map(LanguageCode::as_str)
                .collect::<Vec<_>>(),
            ["de", "tr"]
        );
        assert_eq!(d.mentor.unwrap().target_groups, ["Familien"]);
    }

    #[test]
    fn active_mentor_needs_a_municipality_and_languages_are_codes() {
        let mut i = input();
        i.mentor.as_mut().unwrap().municipalities.clear();
        i.languages.push("deutsch".into());
        let fields: Vec<String> = i
            .parse()
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["languages", "mentor.municipalities"]);
    }

    #[test]
    fn only_certified_and_active_mentors_are_public() {
        let public: Vec<_> = MentorStatus::ALL.iter().filter(|s| s.is_public()).collect();
        assert_eq!(public, [&MentorStatus::Certified, &MentorStatus::Active]);
        assert_eq!(
            ConsentLevel::from_code("name_fields"),
            Some(ConsentLevel::NameAndFields)
        );
        assert_eq!(
            serde_json::to_string(&ConsentLevel::WithContact).unwrap(),
            "\"contact\""
        );
    }
}

/// Everything Mentorat stores about a person (Art. 15 and 20 GDPR), as one JSON document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonalDataExport {
    pub exported_at: DateTime<Utc>,
    /// The record with mentor and trainer profiles, status and consent history.
    pub person: Person,
    pub enrolments: Vec<ExportedEnrolment>,
    pub certificates: Vec<crate::certificates::Certificate>,
    /// Sign-in accounts of the person.
    pub accounts: Vec<crate::accounts::AccountDetail>,
    /// Audit entries about the record and by the person's accounts.
    pub audit: Vec<crate::audit::AuditEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedEnrolment {
    pub course_id: i64,
    pub course_title: String,
    pub status: crate::courses::EnrolmentStatus,
    pub registered_at: DateTime<Utc>,
    pub attendance: Vec<ExportedAttendance>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedAttendance {
    pub session_date: Option<NaiveDate>,
    pub status: crate::courses::AttendanceStatus,
    pub hours: Option<f64>,
}

/// A person's request to have their data erased, waiting for the education provider.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErasureRequest {
    pub person_id: i64,
    pub given_name: String,
    pub family_name: String,
    pub requested_at: DateTime<Utc>,
    /// Why erasure has to wait, e.g. an issued certificate's register entry; none when it can be done.
    pub retention: Option<String>,
}

/// What people maintain about themselves: contact details, languages and, for mentors, the
/// profile texts. Names, status, fields and areas stay with the education provider.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OwnProfileInput {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 254))]
    pub email: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub phone: Option<String>,
    #[serde(default)]
    pub address: Address,
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 5000))]
    pub activity_profile: Option<String>,
    #[serde(default)]
    pub target_groups: Vec<String>,
    #[serde(default)]
    pub themes: Vec<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub availability: Option<String>,
}

impl PersonInput {
    /// The input that stores `person` unchanged.
    pub fn from_person(person: &Person) -> PersonInput {
        PersonInput {
            given_name: person.given_name.clone(),
            family_name: person.family_name.clone(),
            email: person.email.clone(),
            phone: person.phone.clone(),
            address: person.address.clone(),
            municipality: person.municipality.as_ref().map(|m| m.ags.to_string()),
            languages: person
                .languages
                .iter()
                .map(|l| l.as_str().to_owned())
                .collect(),
            mentor: person.mentor.as_ref().map(|m| MentorInput {
                status: Some(m.status),
                fields: m.fields.clone(),
                municipalities: m.municipalities.iter().map(|r| r.ags.to_string()).collect(),
                activity_profile: m.activity_profile.clone(),
                target_groups: m.target_groups.clone(),
                themes: m.themes.clone(),
                availability: m.availability.clone(),
                organisations: m.organisations.clone(),
            }),
            trainer: person.trainer.as_ref().map(|t| TrainerInput {
                kind: t.kind,
                employer: t.employer,
                qualified_since: t.qualified_since,
                tandem_partner: t.tandem_partner,
            }),
            allow_duplicate: true,
        }
    }

    /// `self` with what the person maintains themselves taken from `own`.
    pub fn with_own_profile(mut self, own: OwnProfileInput) -> PersonInput {
        self.email = own.email;
        self.phone = own.phone;
        self.address = own.address;
        self.languages = own.languages;
        if let Some(m) = self.mentor.as_mut() {
            m.activity_profile = own.activity_profile;
            m.target_groups = own.target_groups;
            m.themes = own.themes;
            m.availability = own.availability;
        }
        self
    }
}
