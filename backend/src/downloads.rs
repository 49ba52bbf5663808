//! What downloads share: the language they are written in (`lang=de|en`, German unless English
//! is asked for), CSV's media type and negotiation, and cells that Excel reads as the text they
//! are.

use crate::error::ApiError;
use actix_web::http::header;
use actix_web::HttpRequest;

/// CSV as spreadsheets get it: UTF-8 with a header row.
pub const CSV: &str = "text/csv; charset=utf-8; header=present";

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

/// Whether the caller asked for CSV: `format=csv`, or `Accept: text/csv` without JSON.
pub fn wants_csv(req: &HttpRequest, format: Option<&str>) -> Result<bool, ApiError> {
    match format {
        Some("csv") => Ok(true),
        Some("json") => Ok(false),
        Some(_) => Err(ApiError::field(
            "format",
            "format",
            "format ist json oder csv.",
        )),
        None => Ok(req
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.contains("text/csv") && !a.contains("application/json"))),
    }
}

/// Text as a spreadsheet cell: what Excel would run as a formula (=, +, -, @, tab, CR at the
/// start) gets a leading apostrophe, so it shows as the text it is.
pub fn text_cell(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

/// A value Excel would take for a number (keys, phone numbers) as a formula that yields the
/// text, so leading zeros and `+` stay. The values are digits and separators only.
pub fn literal_cell(value: &str) -> String {
    if value.is_empty() {
        String::new()
    } else {
        format!("=\"{}\"", value.replace('"', "\"\""))
    }
}
