//! Names of languages by their ISO 639-1 code, in German and English, so people pick "Türkisch"
//! rather than type `tr`. The list holds the languages spoken in Baden-Württemberg's
//! communities and the world's widely spoken ones; any other two-letter code is still accepted
//! and shown as it is.

/// `(code, German name, English name)`.
pub const LANGUAGES: &[(&str, &str, &str)] = &[
    ("af", "Afrikaans", "Afrikaans"),
    ("am", "Amharisch", "Amharic"),
    ("ar", "Arabisch", "Arabic"),
    ("az", "Aserbaidschanisch", "Azerbaijani"),
    ("be", "Belarussisch", "Belarusian"),
    ("bg", "Bulgarisch", "Bulgarian"),
    ("bn", "Bengalisch", "Bengali"),
    ("bs", "Bosnisch", "Bosnian"),
    ("ca", "Katalanisch", "Catalan"),
    ("cs", "Tschechisch", "Czech"),
    ("da", "Dänisch", "Danish"),
    ("de", "Deutsch", "German"),
    ("el", "Griechisch", "Greek"),
    ("en", "Englisch", "English"),
    ("eo", "Esperanto", "Esperanto"),
    ("es", "Spanisch", "Spanish"),
    ("et", "Estnisch", "Estonian"),
    ("fa", "Persisch (Farsi, Dari)", "Persian (Farsi, Dari)"),
    ("fi", "Finnisch", "Finnish"),
    ("fr", "Französisch", "French"),
    ("ga", "Irisch", "Irish"),
    ("he", "Hebräisch", "Hebrew"),
    ("hi", "Hindi", "Hindi"),
    ("hr", "Kroatisch", "Croatian"),
    ("hu", "Ungarisch", "Hungarian"),
    ("hy", "Armenisch", "Armenian"),
    ("id", "Indonesisch", "Indonesian"),
    ("is", "Isländisch", "Icelandic"),
    ("it", "Italienisch", "Italian"),
    ("ja", "Japanisch", "Japanese"),
    ("ka", "Georgisch", "Georgian"),
    ("kk", "Kasachisch", "Kazakh"),
    ("ko", "Koreanisch", "Korean"),
    ("ku", "Kurdisch", "Kurdish"),
    ("ky", "Kirgisisch", "Kyrgyz"),
    ("lt", "Litauisch", "Lithuanian"),
    ("lv", "Lettisch", "Latvian"),
    ("mk", "Mazedonisch", "Macedonian"),
    ("mn", "Mongolisch", "Mongolian"),
    ("ms", "Malaiisch", "Malay"),
    ("nl", "Niederländisch", "Dutch"),
    ("no", "Norwegisch", "Norwegian"),
    ("pa", "Panjabi", "Punjabi"),
    ("pl", "Polnisch", "Polish"),
    ("ps", "Paschtu", "Pashto"),
    ("pt", "Portugiesisch", "Portuguese"),
    ("ro", "Rumänisch", "Romanian"),
    ("ru", "Russisch", "Russian"),
    ("sk", "Slowakisch", "Slovak"),
    ("sl", "Slowenisch", "Slovenian"),
    ("so", "Somali", "Somali"),
    ("sq", "Albanisch", "Albanian"),
    ("sr", "Serbisch", "Serbian"),
    ("sv", "Schwedisch", "Swedish"),
    ("sw", "Swahili", "Swahili"),
    ("ta", "Tamil", "Tamil"),
    ("th", "Thailändisch", "Thai"),
    ("ti", "Tigrinya", "Tigrinya"),
    ("tk", "Turkmenisch", "Turkmen"),
    ("tl", "Tagalog", "Tagalog"),
    ("tr", "Türkisch", "Turkish"),
    ("uk", "Ukrainisch", "Ukrainian"),
    ("ur", "Urdu", "Urdu"),
    ("uz", "Usbekisch", "Uzbek"),
    ("vi", "Vietnamesisch", "Vietnamese"),
    ("yo", "Yoruba", "Yoruba"),
    ("zh", "Chinesisch", "Chinese"),
];

/// Every language of the list as `(code, name)`, the names in German (`german`) or English,
/// in the order of their names, for pickers and filters.
pub fn by_name(german: bool) -> Vec<(&'static str, &'static str)> {
    let mut named: Vec<_> = LANGUAGES
        .iter()
        .map(|(code, de, en)| (*code, if german { *de } else { *en }))
        .collect();
    named.sort_by_key(|(_, name)| *name);
    named
}

/// The name of the language `code` in German (`german`) or English, if the list knows it.
pub fn language_name(code: &str, german: bool) -> Option<&'static str> {
    LANGUAGES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, de, en)| if german { *de } else { *en })
}

/// The code of the language whose whole name (in either language, any case) was typed or
/// chosen from a list.
pub fn language_named(typed: &str) -> Option<&'static str> {
    let typed = typed.trim().to_lowercase();
    LANGUAGES
        .iter()
        .find(|(_, de, en)| de.to_lowercase() == typed || en.to_lowercase() == typed)
        .map(|(code, _, _)| *code)
}

/// The code of the one language `typed` can mean: its code, or the start of one name. None
/// when nothing or more than one language fits.
pub fn language_meant(typed: &str) -> Option<&'static str> {
    let typed = typed.trim().to_lowercase();
    if typed.is_empty() {
        return None;
    }
    if let Some((code, _, _)) = LANGUAGES.iter().find(|(code, _, _)| *code == typed) {
        return Some(code);
    }
    let mut starting = LANGUAGES.iter().filter(|(_, de, en)| {
        de.to_lowercase().starts_with(&typed) || en.to_lowercase().starts_with(&typed)
    });
    match (starting.next(), starting.next()) {
        (Some((code, _, _)), None) => Some(code),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_sorted_and_valid() {
        let codes: Vec<&str> = LANGUAGES.iter().map(|(c, _, _)| *c).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(codes, sorted);
        for code in codes {
            assert!(
                code.parse::<crate::people::LanguageCode>().is_ok(),
                "{code}"
            );
        }
    }

    #[test]
    fn typed_names_find_their_code() {
        assert_eq!(language_named("türkisch"), Some("tr"));
        assert_eq!(language_named(" Turkish "), Some("tr"));
        assert_eq!(language_named("Ru"), None, "a code is no name");
        assert_eq!(language_named("Klingonisch"), None);
        assert_eq!(language_meant("AR"), Some("ar"));
        assert_eq!(language_meant("ukr"), Some("uk"));
        assert_eq!(language_meant("rum"), Some("ro"));
        assert_eq!(language_meant("s"), None, "many start with s");
        assert_eq!(language_name("uk", true), Some("Ukrainisch"));
        assert_eq!(language_name("xx", true), None);
    }
}
