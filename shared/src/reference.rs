//! Reference data: fields of activity, districts and municipalities.

use crate::api::FieldErrors;
use crate::values::{optional_text, required_text, Ags, DistrictKey};
use serde::{Deserialize, Serialize};

/// Einsatzfeld: a field of activity of the programme, named in German and English.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldOfActivity {
    pub id: i64,
    pub name_de: String,
    pub name_en: String,
    /// Retired fields stay on existing records but are not offered for new ones.
    pub retired: bool,
    pub version: i64,
}

/// Create or update a field of activity.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldOfActivityInput {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub name_de: String,
    /// Falls back to the German name when empty.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub name_en: String,
    #[serde(default)]
    pub retired: bool,
}

/// A parsed [`FieldOfActivityInput`].
#[derive(Debug, Clone, PartialEq)]
pub struct FieldOfActivityDraft {
    pub name_de: String,
    pub name_en: String,
    pub retired: bool,
}

impl FieldOfActivityInput {
    pub fn parse(&self) -> Result<FieldOfActivityDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name_de = errors.check("name_de", required_text(&self.name_de, 200));
        let name_en = errors.check("name_en", optional_text(&self.name_en, 200));
        match (name_de, name_en) {
            (Some(name_de), Some(name_en)) if errors.is_empty() => Ok(FieldOfActivityDraft {
                name_en: name_en.unwrap_or_else(|| name_de.clone()),
                name_de,
                retired: self.retired,
            }),
            _ => Err(errors),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum DistrictKind {
    /// Landkreis (rural district)
    Landkreis,
    /// Stadtkreis (district-free city)
    Stadtkreis,
}

/// Landkreis or Stadtkreis, keyed by its 5-digit official key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct District {
    pub key: DistrictKey,
    pub name: String,
    pub kind: DistrictKind,
    /// Regierungsbezirk code, e.g. `081`.
    pub region_code: String,
    /// Regierungsbezirk name, e.g. `Stuttgart`.
    pub region: String,
    /// Municipalities of the district known to Mentorat.
    pub municipality_count: i64,
}

/// Gemeinde or Stadt, keyed by its AGS.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Municipality {
    pub ags: Ags,
    pub name: String,
    /// Kind from the official directory, e.g. `Stadt`, `Gemeinde`, `Große Kreisstadt`.
    pub kind: String,
    pub district_key: DistrictKey,
    pub district_name: String,
    pub postal_code: Option<String>,
    pub population: Option<i64>,
}
