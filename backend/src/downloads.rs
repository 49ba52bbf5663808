//! What downloads share: the language they are written in (`lang=de|en`, German unless English
//! is asked for) with its way of writing dates and hours, CSV's media type and negotiation, and
//! cells that Excel reads as the text they are.

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
    /// A date written out, as certificates and reports print it: "1. März 2027", "1 March 2027".
    pub fn long_date(self, day: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let month = day.month0() as usize;
        match self {
            Self::De => format!("{}. {} {}", day.day(), shared::MONTHS_DE[month], day.year()),
            Self::En => format!("{} {} {}", day.day(), shared::MONTHS_EN[month], day.year()),
        }
    }

    /// Hours without needless decimals: "2,5" in German, "2.5" in English, "40" in both.
    pub fn hours(self, hours: f64) -> String {
        let text = format!("{:.1}", hours + 0.0);
        let text = match self {
            Self::De => text.replace('.', ","),
            Self::En => text,
        };
        match text.strip_suffix(",0").or_else(|| text.strip_suffix(".0")) {
            Some(whole) => whole.to_owned(),
            None => text,
        }
    }

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

#[cfg(test)]
mod tests {
    use super::Language;

    #[test]
    fn dates_and_hours_read_the_way_of_the_reader() {
        let day = chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        assert_eq!(Language::De.long_date(day), "1. März 2027");
        assert_eq!(Language::En.long_date(day), "1 March 2027");
        assert_eq!(Language::De.hours(40.0), "40");
        assert_eq!(Language::De.hours(38.5), "38,5");
        assert_eq!(Language::En.hours(38.5), "38.5");
        assert_eq!(Language::En.hours(-0.0), "0");
    }
}
