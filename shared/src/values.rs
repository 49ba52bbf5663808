//! Parsed domain values. Each one rejects invalid input with a [`ValueError`] that names the rule.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Why a value was rejected: a stable machine code and a German message for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    pub code: &'static str,
    pub message: String,
}

impl ValueError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ValueError {}

fn digits(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_digit())
}

macro_rules! string_value {
    ($name:ident) => {
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl TryFrom<String> for $name {
            type Error = ValueError;
            fn try_from(s: String) -> Result<Self, ValueError> {
                s.parse()
            }
        }
        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.0
            }
        }
    };
}

/// Amtlicher Gemeindeschlüssel: the 8-digit official municipality key, e.g. `08111000`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = String, pattern = "^[0-9]{8}$", example = "08111000"))]
pub struct Ags(String);
string_value!(Ags);

impl FromStr for Ags {
    type Err = ValueError;
    /// Exactly eight digits: a key is copied, not typed, so surrounding spaces are an error too.
    fn from_str(s: &str) -> Result<Self, ValueError> {
        if digits(s, 8) {
            Ok(Self(s.to_owned()))
        } else {
            Err(ValueError::new(
                "ags",
                "Der Gemeindeschlüssel (AGS) hat genau 8 Ziffern, z. B. 08111000.",
            ))
        }
    }
}

impl Ags {
    /// The 5-digit key of the district (Landkreis/Stadtkreis) the municipality belongs to.
    pub fn district_key(&self) -> DistrictKey {
        DistrictKey(self.0[..5].to_owned())
    }
}

/// The 5-digit official key of a district (Landkreis or Stadtkreis), e.g. `08111`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = String, pattern = "^[0-9]{5}$", example = "08111"))]
pub struct DistrictKey(String);
string_value!(DistrictKey);

impl FromStr for DistrictKey {
    type Err = ValueError;
    /// Exactly five digits.
    fn from_str(s: &str) -> Result<Self, ValueError> {
        if digits(s, 5) {
            Ok(Self(s.to_owned()))
        } else {
            Err(ValueError::new(
                "district_key",
                "Der Kreisschlüssel hat genau 5 Ziffern, z. B. 08111.",
            ))
        }
    }
}

impl DistrictKey {
    /// The first and the last AGS the district can hold: a range condition (`BETWEEN`) finds
    /// its municipalities through an index, where `LIKE '08115%'` does not on either database.
    pub fn ags_range(&self) -> (String, String) {
        (format!("{}000", self.0), format!("{}999", self.0))
    }

    /// Government region (Regierungsbezirk) code and name; they follow from the key.
    pub fn region(&self) -> Option<(&'static str, &'static str)> {
        match &self.0[..3] {
            "081" => Some(("081", "Stuttgart")),
            "082" => Some(("082", "Karlsruhe")),
            "083" => Some(("083", "Freiburg")),
            "084" => Some(("084", "Tübingen")),
            _ => None,
        }
    }
}

/// An e-mail address, trimmed and with a lower-case domain. Deliberately lenient: one `@`, a
/// non-empty local part and a domain with a dot; the only real check is a mail that arrives.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = String, format = "email", example = "info@verein.de"))]
pub struct Email(String);
string_value!(Email);

impl FromStr for Email {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, ValueError> {
        let s = s.trim();
        let invalid = || {
            ValueError::new(
                "email",
                "Bitte eine gültige E-Mail-Adresse angeben, z. B. name@beispiel.de.",
            )
        };
        let (local, domain) = s.split_once('@').ok_or_else(invalid)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@');
        if local.is_empty() || !domain_ok || s.len() > 254 || s.chars().any(char::is_whitespace) {
            return Err(invalid());
        }
        Ok(Self(format!("{local}@{}", domain.to_lowercase())))
    }
}

/// Trims `raw` and checks it is non-empty and at most `max` characters long.
pub fn required_text(raw: &str, max: usize) -> Result<String, ValueError> {
    optional_text(raw, max)?
        .ok_or_else(|| ValueError::new("required", "Dieses Feld darf nicht leer sein."))
}

/// Trims `raw`; empty becomes `None`; longer than `max` characters is an error.
pub fn optional_text(raw: &str, max: usize) -> Result<Option<String>, ValueError> {
    // The limit counts what was sent, as the document's maxLength does, spaces included.
    if raw.chars().count() > max {
        return Err(ValueError::new(
            "too_long",
            format!("Höchstens {max} Zeichen."),
        ));
    }
    let s = raw.trim();
    Ok((!s.is_empty()).then(|| s.to_owned()))
}

/// Parses `raw` as `T` unless it is blank.
pub fn optional_value<T: FromStr<Err = ValueError>>(raw: &str) -> Result<Option<T>, ValueError> {
    match raw.trim() {
        "" => Ok(None),
        s => s.parse().map(Some),
    }
}

/// A web address: `http(s)://` with a host; a bare `www.…` gets `https://` in front.
pub fn website(raw: &str) -> Result<Option<String>, ValueError> {
    let Some(s) = optional_text(raw, 300)? else {
        return Ok(None);
    };
    let url = if s.contains("://") {
        s
    } else {
        format!("https://{s}")
    };
    let host = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or(""));
    match host {
        Some(h) if h.contains('.') && !h.chars().any(char::is_whitespace) => Ok(Some(url)),
        _ => Err(ValueError::new(
            "website",
            "Bitte eine Web-Adresse wie https://www.beispiel.de angeben.",
        )),
    }
}

/// A German postal code: five digits.
pub fn postal_code(raw: &str) -> Result<Option<String>, ValueError> {
    let Some(s) = optional_text(raw, 5)? else {
        return Ok(None);
    };
    if digits(&s, 5) {
        Ok(Some(s))
    } else {
        Err(ValueError::new(
            "postal_code",
            "Die Postleitzahl hat 5 Ziffern.",
        ))
    }
}

/// A failing field of a request, with a stable code and a message for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The request field, e.g. `name` or `address.postal_code`.
    pub field: String,
    /// Machine-readable reason, e.g. `required`, `too_long`, `ags`.
    pub code: String,
    pub message: String,
}

/// Collects field errors while a request is parsed, so all of them are reported at once.
#[derive(Debug, Default)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    /// Records the error of `result` under `field` and hands back its value, if any.
    pub fn check<T>(&mut self, field: &str, result: Result<T, ValueError>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.add(field, e.code, e.message);
                None
            }
        }
    }

    pub fn add(&mut self, field: &str, code: &str, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.to_owned(),
            code: code.to_owned(),
            message: message.into(),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok` when nothing was recorded.
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

/// A date as people in Germany type it: `24.12.2026` or `24.12.26` (20xx), or `2026-12-24` as
/// a pasted ISO date. Forms use text fields for dates, since a browser's date input follows the
/// browser's locale rather than the page's language.
pub fn date_from_entry(text: &str) -> Result<chrono::NaiveDate, ValueError> {
    let text = text.trim();
    let invalid = || {
        ValueError::new(
            "date",
            "Bitte ein Datum im Format TT.MM.JJJJ angeben, z. B. 24.12.2026.",
        )
    };
    if let Ok(iso) = text.parse::<chrono::NaiveDate>() {
        return Ok(iso);
    }
    let mut parts = text.split('.').map(str::trim);
    let (Some(day), Some(month), Some(year), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(invalid());
    };
    let number = |s: &str, max_len: usize| {
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let year = match (year.len(), number(year, 4)) {
        (2, Some(y)) => 2000 + y as i32,
        (4, Some(y)) => y as i32,
        _ => return Err(invalid()),
    };
    match (number(day, 2), number(month, 2)) {
        (Some(d), Some(m)) => chrono::NaiveDate::from_ymd_opt(year, m, d).ok_or_else(invalid),
        _ => Err(invalid()),
    }
}

/// A time of day as typed: `18:30`, `18.30`, `18` or `1830`; 24-hour clock.
pub fn time_from_entry(text: &str) -> Result<chrono::NaiveTime, ValueError> {
    let text = text.trim();
    let invalid = || {
        ValueError::new(
            "time",
            "Bitte eine Uhrzeit im Format HH:MM angeben, z. B. 18:30.",
        )
    };
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    let (hour, minute) = match text.split_once([':', '.']) {
        Some((h, m)) if digits(h) && m.len() == 2 && digits(m) => (h, m),
        None if digits(text) => (text, "0"),
        None if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) => {
            (&text[..2], &text[2..])
        }
        _ => return Err(invalid()),
    };
    let (hour, minute) = (hour.parse().unwrap_or(99), minute.parse().unwrap_or(99));
    chrono::NaiveTime::from_hms_opt(hour, minute, 0).ok_or_else(invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_as_typed_in_germany() {
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(date_from_entry("24.12.2026"), Ok(day(2026, 12, 24)));
        assert_eq!(date_from_entry(" 1.3.2027 "), Ok(day(2027, 3, 1)));
        assert_eq!(date_from_entry("01.03.27"), Ok(day(2027, 3, 1)));
        assert_eq!(date_from_entry("2026-12-24"), Ok(day(2026, 12, 24)));
        for wrong in [
            "",
            "31.02.2026",
            "24.12.",
            "24/12/2026",
            "12.2026",
            "1.1.202",
            "a.b.c",
        ] {
            assert_eq!(date_from_entry(wrong).unwrap_err().code, "date", "{wrong}");
        }
    }

    #[test]
    fn times_are_read_on_the_24_hour_clock() {
        let at = |h, m| chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert_eq!(time_from_entry("18:30"), Ok(at(18, 30)));
        assert_eq!(time_from_entry("9.05"), Ok(at(9, 5)));
        assert_eq!(time_from_entry("18"), Ok(at(18, 0)));
        assert_eq!(time_from_entry("0915"), Ok(at(9, 15)));
        for wrong in ["", "24:00", "18:3", "6 pm", "18:30:00", "12345"] {
            assert_eq!(time_from_entry(wrong).unwrap_err().code, "time", "{wrong}");
        }
    }

    #[test]
    fn ags_needs_eight_digits_and_knows_its_district() {
        let ags: Ags = "08111000".parse().unwrap();
        assert_eq!(ags.as_str(), "08111000");
        assert_eq!(ags.district_key().as_str(), "08111");
        assert!("0811100".parse::<Ags>().is_err());
        assert!(
            " 08111000".parse::<Ags>().is_err(),
            "a key is exactly its digits"
        );
        assert!("0811100a".parse::<Ags>().is_err());
    }

    #[test]
    fn district_key_gives_region() {
        let k: DistrictKey = "08425".parse().unwrap();
        assert_eq!(k.region(), Some(("084", "Tübingen")));
        assert_eq!("09162".parse::<DistrictKey>().unwrap().region(), None);
    }

    #[test]
    fn a_district_range_holds_exactly_its_municipalities() {
        let (first, last) = "08115".parse::<DistrictKey>().unwrap().ags_range();
        let inside = |ags: &str| first.as_str() <= ags && ags <= last.as_str();
        assert!(inside("08115000") && inside("08115045") && inside("08115999"));
        assert!(!inside("08114999") && !inside("08116000") && !inside("0811"));
    }

    #[test]
    fn email_is_trimmed_and_domain_lowercased() {
        let e: Email = "  Anna.Muster@Beispiel.DE ".parse().unwrap();
        assert_eq!(e.as_str(), "Anna.Muster@beispiel.de");
        for bad in [
            "",
            "anna",
            "anna@",
            "@x.de",
            "anna@localhost",
            "a b@x.de",
            "a@x.de.",
        ] {
            assert!(bad.parse::<Email>().is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn website_gets_a_scheme_and_needs_a_host() {
        assert_eq!(
            website("www.verein.de").unwrap().as_deref(),
            Some("https://www.verein.de")
        );
        assert_eq!(
            website("http://a.de/x").unwrap().as_deref(),
            Some("http://a.de/x")
        );
        assert_eq!(website("  ").unwrap(), None);
        assert!(website("ftp://a.de").is_err());
        assert!(website("kein link").is_err());
    }

    #[test]
    fn text_limits_count_characters() {
        assert_eq!(required_text(" Ä ", 3).unwrap(), "Ä");
        assert!(
            required_text(" Ä ", 1).is_err(),
            "the limit counts what was sent"
        );
        assert!(required_text("  ", 10).is_err());
        assert!(optional_text("äöü", 2).is_err());
        assert_eq!(postal_code("70173").unwrap().as_deref(), Some("70173"));
        assert!(postal_code("7017").is_err());
    }
}
