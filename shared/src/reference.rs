//! Reference data: fields of activity, districts and municipalities.

use crate::values::FieldErrors;
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

crate::code_enum!(
    /// Landkreis (rural district) or Stadtkreis (district-free city).
    DistrictKind {
        Landkreis = "landkreis", "Landkreis", "rural district";
        Stadtkreis = "stadtkreis", "Stadtkreis", "urban district";
    }
);

/// How a district is named to people: its name, and where another district has the same name
/// (Heilbronn, Karlsruhe: a city and the rural district around it) its kind as well, e.g.
/// "Heilbronn (Landkreis)". `districts` are (name, kind) of all districts, in any order.
pub fn district_labels<'a>(
    districts: impl IntoIterator<Item = (&'a str, DistrictKind)> + Clone,
) -> Vec<String> {
    districts
        .clone()
        .into_iter()
        .map(|(name, kind)| {
            let repeated = districts
                .clone()
                .into_iter()
                .filter(|(n, _)| *n == name)
                .count()
                > 1;
            if repeated {
                format!("{name} ({})", kind.label_de())
            } else {
                name.to_owned()
            }
        })
        .collect()
}

/// Landkreis or Stadtkreis, keyed by its 5-digit official key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct District {
    pub key: DistrictKey,
    pub name: String,
    /// The name as shown to people: with the kind where two districts share the name, e.g.
    /// `Heilbronn (Stadtkreis)` and `Heilbronn (Landkreis)`.
    pub label: String,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_district_names_show_their_kind() {
        let labels = district_labels([
            ("Heilbronn", DistrictKind::Stadtkreis),
            ("Esslingen", DistrictKind::Landkreis),
            ("Heilbronn", DistrictKind::Landkreis),
        ]);
        assert_eq!(
            labels,
            [
                "Heilbronn (Stadtkreis)",
                "Esslingen",
                "Heilbronn (Landkreis)"
            ]
        );
    }
}
