//! Text keys that make search and sorting behave alike on SQLite and PostgreSQL: both compare
//! stored, pre-computed keys instead of relying on the database's collation or `lower()`.

/// Escapes `%`, `_` and `\` for a `LIKE … ESCAPE '\'` pattern and wraps it in `%…%`.
pub fn contains_pattern(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// The stored search text of a record: its parts folded with [`sort_key`], so a search for
/// "weiss" or "ÄLTEREN" finds "Weiß" and "Älteren".
pub fn search_key(parts: &[Option<&str>]) -> String {
    parts
        .iter()
        .flatten()
        .map(|p| sort_key(p))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Sort key after DIN 5007-1 (dictionary order): case-insensitive, umlauts sort as their base
/// letter and ß as ss, so "Älteren-Treff" comes before "Zeppelin-Schule".
pub fn sort_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        match c {
            'ä' | 'à' | 'á' | 'â' => key.push('a'),
            'ö' | 'ò' | 'ó' | 'ô' => key.push('o'),
            'ü' | 'ù' | 'ú' | 'û' => key.push('u'),
            'é' | 'è' | 'ê' => key.push('e'),
            'ß' => key.push_str("ss"),
            c => key.push(c),
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_pattern_escapes_wildcards() {
        assert_eq!(contains_pattern("50%_a\\"), "%50\\%\\_a\\\\%");
    }

    #[test]
    fn search_key_folds_case_and_umlauts() {
        assert_eq!(
            search_key(&[Some("ÜBER Äpfel"), None, Some("Ulm")]),
            "uber apfel ulm"
        );
    }

    #[test]
    fn sort_key_follows_dictionary_order() {
        let mut names = vec![
            "Zeppelin",
            "Älteren-Treff",
            "adler",
            "Überlingen",
            "Ulm",
            "Weißach",
        ];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(
            names,
            [
                "adler",
                "Älteren-Treff",
                "Überlingen",
                "Ulm",
                "Weißach",
                "Zeppelin"
            ]
        );
        assert_eq!(sort_key(" Weiß "), "weiss");
    }
}
