//! Partner organisations: associations, schools, administrations, companies, …

use crate::values::FieldErrors;
use crate::values::{
    optional_text, optional_value, postal_code, required_text, website, Ags, Email,
};
use serde::{Deserialize, Serialize};

code_enum!(
    /// What kind of body an organisation is.
    OrganisationKind {
        Association = "association", "Verein", "Association";
        Initiative = "initiative", "Initiative", "Initiative";
        MunicipalAdministration = "municipal_administration", "Kommunalverwaltung", "Municipal administration";
        School = "school", "Schule", "School";
        DayCare = "day_care", "Kindertagesstätte", "Day-care centre";
        CareHome = "care_home", "Pflegeeinrichtung", "Care home";
        MigrantOrganisation = "migrant_organisation", "Migrantenorganisation", "Migrant organisation";
        Company = "company", "Unternehmen", "Company";
        Foundation = "foundation", "Stiftung", "Foundation";
        Church = "church", "Kirche", "Church";
        Ministry = "ministry", "Ministerium", "Ministry";
        EducationProvider = "education_provider", "Bildungsträger", "Education provider";
        Other = "other", "Sonstige", "Other";
    }
);

code_enum!(
    /// The part an organisation plays in the programme.
    ProgrammeRole {
        Partner = "partner", "Kooperationspartner", "Partner";
        Sponsor = "sponsor", "Förderer", "Sponsor";
        CommissioningBody = "commissioning_body", "Auftraggeber", "Commissioning body";
        EducationProvider = "education_provider", "Bildungsträger", "Education provider";
        CourseVenue = "course_venue", "Kursort", "Course venue";
    }
);

/// Postal address of an organisation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Address {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub street: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 5))]
    pub postal_code: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub city: Option<String>,
}

/// Contact person of an organisation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contact {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub name: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 254))]
    pub email: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub phone: Option<String>,
}

/// A partner organisation as the API returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Organisation {
    pub id: i64,
    pub kind: OrganisationKind,
    pub name: String,
    pub address: Address,
    pub municipality: Option<MunicipalityRef>,
    pub contact: Contact,
    pub website: Option<String>,
    /// Ids of its fields of activity.
    pub fields: Vec<i64>,
    pub roles: Vec<ProgrammeRole>,
    /// Increases with every change; send it back as `If-Match` when updating.
    pub version: i64,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// A municipality as other records reference it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MunicipalityRef {
    pub ags: Ags,
    pub name: String,
    pub district_key: String,
}

/// Create or replace an organisation. Empty strings count as "not given".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganisationInput {
    pub kind: OrganisationKind,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub name: String,
    #[serde(default)]
    pub address: Address,
    /// AGS of the municipality.
    #[serde(default)]
    pub municipality: Option<String>,
    #[serde(default)]
    pub contact: Contact,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub website: Option<String>,
    #[serde(default)]
    pub fields: Vec<i64>,
    #[serde(default)]
    pub roles: Vec<ProgrammeRole>,
}

// `code_enum!` generates the enum, so `#[default]` cannot be put on a variant.
#[allow(clippy::derivable_impls)]
impl Default for OrganisationKind {
    fn default() -> Self {
        OrganisationKind::Association
    }
}

impl From<&Organisation> for OrganisationInput {
    fn from(o: &Organisation) -> Self {
        OrganisationInput {
            kind: o.kind,
            name: o.name.clone(),
            address: o.address.clone(),
            municipality: o.municipality.as_ref().map(|m| m.ags.to_string()),
            contact: o.contact.clone(),
            website: o.website.clone(),
            fields: o.fields.clone(),
            roles: o.roles.clone(),
        }
    }
}

/// A parsed [`OrganisationInput`]: every value checked, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct OrganisationDraft {
    pub kind: OrganisationKind,
    pub name: String,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub municipality: Option<Ags>,
    pub contact_name: Option<String>,
    pub contact_email: Option<Email>,
    pub contact_phone: Option<String>,
    pub website: Option<String>,
    pub fields: Vec<i64>,
    pub roles: Vec<ProgrammeRole>,
}

fn opt(raw: &Option<String>) -> &str {
    raw.as_deref().unwrap_or("")
}

impl OrganisationInput {
    pub fn parse(&self) -> Result<OrganisationDraft, FieldErrors> {
        let mut e = FieldErrors::default();
        let name = e.check("name", required_text(&self.name, 200));
        let street = e.check(
            "address.street",
            optional_text(opt(&self.address.street), 200),
        );
        let postal_code = e.check(
            "address.postal_code",
            postal_code(opt(&self.address.postal_code)),
        );
        let city = e.check("address.city", optional_text(opt(&self.address.city), 100));
        let municipality = e.check(
            "municipality",
            optional_value::<Ags>(opt(&self.municipality)),
        );
        let contact_name = e.check("contact.name", optional_text(opt(&self.contact.name), 200));
        let contact_email = e.check(
            "contact.email",
            optional_value::<Email>(opt(&self.contact.email)),
        );
        let contact_phone = e.check("contact.phone", phone(opt(&self.contact.phone)));
        let website = e.check("website", website(opt(&self.website)));
        let mut fields = self.fields.clone();
        fields.sort_unstable();
        fields.dedup();
        let mut roles = self.roles.clone();
        roles.sort_unstable();
        roles.dedup();
        if !e.is_empty() {
            return Err(e);
        }
        Ok(OrganisationDraft {
            kind: self.kind,
            name: name.unwrap_or_default(),
            street: street.flatten(),
            postal_code: postal_code.flatten(),
            city: city.flatten(),
            municipality: municipality.flatten(),
            contact_name: contact_name.flatten(),
            contact_email: contact_email.flatten(),
            contact_phone: contact_phone.flatten(),
            website: website.flatten(),
            fields,
            roles,
        })
    }
}

/// A phone number: digits with the usual separators, optionally starting with `+`.
pub(crate) fn phone(raw: &str) -> Result<Option<String>, crate::ValueError> {
    let Some(s) = optional_text(raw, 40)? else {
        return Ok(None);
    };
    let allowed = |c: char| c.is_ascii_digit() || " /-()".contains(c);
    let body = s.strip_prefix('+').unwrap_or(&s);
    if body.chars().all(allowed) && body.chars().filter(char::is_ascii_digit).count() >= 3 {
        Ok(Some(s))
    } else {
        Err(crate::ValueError::new(
            "phone",
            "Bitte eine Telefonnummer aus Ziffern angeben, z. B. 0711 123456.",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> OrganisationInput {
        OrganisationInput {
            kind: OrganisationKind::School,
            name: "  Grundschule Am Park ".into(),
            municipality: Some("08111000".into()),
            website: Some("schule.de".into()),
            fields: vec![3, 1, 3],
            roles: vec![ProgrammeRole::Partner, ProgrammeRole::Partner],
            ..Default::default()
        }
    }

    #[test]
    fn parse_normalises_values() {
        let d = input().parse().unwrap();
        assert_eq!(d.name, "Grundschule Am Park");
        assert_eq!(d.municipality.unwrap().as_str(), "08111000");
        assert_eq!(d.website.as_deref(), Some("https://schule.de"));
        assert_eq!(d.fields, vec![1, 3]);
        assert_eq!(d.roles, vec![ProgrammeRole::Partner]);
    }

    #[test]
    fn parse_reports_every_failing_field() {
        let mut i = input();
        i.name = " ".into();
        i.municipality = Some("811".into());
        i.contact.email = Some("nope".into());
        i.contact.phone = Some("call me".into());
        i.address.postal_code = Some("1234".into());
        let errors = i.parse().unwrap_err().0;
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "name",
                "address.postal_code",
                "municipality",
                "contact.email",
                "contact.phone"
            ]
        );
    }

    #[test]
    fn codes_round_trip() {
        for k in OrganisationKind::ALL {
            assert_eq!(OrganisationKind::from_code(k.code()), Some(*k));
        }
        for r in ProgrammeRole::ALL {
            assert_eq!(ProgrammeRole::from_code(r.code()), Some(*r));
        }
    }
}

/// How an education provider signs its certificates: who signs, in which role, and whether a
/// logo heads the page (the image itself is at `/organisations/{id}/logo`). The address printed
/// under the signature is the organisation's own.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CertificateProfile {
    pub organisation_id: i64,
    /// Who signs for the provider, e.g. "Dr. Maria Keller".
    pub signatory_name: Option<String>,
    /// In which role, e.g. "Geschäftsführerin".
    pub signatory_role: Option<String>,
    /// `image/png` or `image/svg+xml` when a logo was uploaded.
    pub logo_media_type: Option<String>,
    /// Changes with every save; 0 while nothing was configured.
    pub version: i64,
}

/// The signatory of an education provider, as staff enter it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CertificateProfileInput {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub signatory_name: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub signatory_role: Option<String>,
}

/// A parsed [`CertificateProfileInput`].
#[derive(Debug, Clone, PartialEq)]
pub struct SignatoryDraft {
    pub name: Option<String>,
    pub role: Option<String>,
}

impl CertificateProfileInput {
    pub fn parse(&self) -> Result<SignatoryDraft, FieldErrors> {
        let mut e = FieldErrors::default();
        let name = e.check(
            "signatory_name",
            optional_text(opt(&self.signatory_name), 200),
        );
        let role = e.check(
            "signatory_role",
            optional_text(opt(&self.signatory_role), 200),
        );
        // A role without a name leaves a signature line nobody can sign.
        if matches!((&name, &role), (Some(None), Some(Some(_)))) {
            e.add(
                "signatory_name",
                "required",
                "Wer unterschreibt? Bitte den Namen zur Funktion angeben.",
            );
        }
        if !e.is_empty() {
            return Err(e);
        }
        Ok(SignatoryDraft {
            name: name.flatten(),
            role: role.flatten(),
        })
    }
}
