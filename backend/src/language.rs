//! The language a download is written in (`?lang=de|en`): German unless English is asked for.

use crate::error::ApiError;

/// The language of a download's headers, values and wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, utoipa::ToSchema)]
#[schema(as = CsvLanguage, rename_all = "lowercase")]
pub enum Language {
    De,
    En,
}

impl Language {
    /// The `lang` query parameter: absent means German.
    pub fn from_query(raw: Option<&str>) -> Result<Self, ApiError> {
        match raw {
            None | Some("de") => Ok(Self::De),
            Some("en") => Ok(Self::En),
            Some(_) => Err(ApiError::field("lang", "lang", "lang ist de oder en.")),
        }
    }
}
