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

/// The stored search text of a record: its parts folded with [`search_fold`], so a search for
/// "weiss", "ÄLTEREN" or "Yilmaz" finds "Weiß", "Älteren" and "Yılmaz".
pub fn search_key(parts: &[Option<&str>]) -> String {
    parts
        .iter()
        .flatten()
        .map(|p| search_fold(p))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Version of [`search_fold`] the stored search texts were made with (setting `search_keys`);
/// a server that finds an older one computes them again at start.
pub const SEARCH_KEYS_VERSION: &str = "3";

/// Computes the stored search texts again when an older [`search_fold`] made them: runs each
/// resource's `refresh` in one write transaction and records [`SEARCH_KEYS_VERSION`].
pub fn refresh_search_texts_if_stale(
    conn: &mut crate::db::DbConnection,
    refreshers: &[fn(&mut crate::db::DbConnection) -> diesel::QueryResult<usize>],
) -> diesel::QueryResult<Option<usize>> {
    use crate::schema::settings;
    use diesel::prelude::*;
    const KEY: &str = "search_keys";
    crate::db::write_tx(conn, |conn| {
        let stored: Option<String> = settings::table
            .find(KEY)
            .select(settings::value)
            .first(conn)
            .optional()?;
        if stored.as_deref() == Some(SEARCH_KEYS_VERSION) {
            return Ok(None);
        }
        let mut refreshed = 0;
        for refresh in refreshers {
            refreshed += refresh(conn)?;
        }
        let updated = diesel::update(settings::table.find(KEY))
            .set(settings::value.eq(SEARCH_KEYS_VERSION))
            .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(settings::table)
                .values((
                    settings::key.eq(KEY),
                    settings::value.eq(SEARCH_KEYS_VERSION),
                ))
                .execute(conn)?;
        }
        Ok(Some(refreshed))
    })
}

/// Text as search compares it: lower case, umlauts as their base letter (DIN 5007-1), ß as ss,
/// and the marks taken off other Latin letters by their canonical decomposition (é→e, ş→s,
/// ğ→g, č→c …), plus the letters that do not decompose (ı→i, ł→l, ø→o, đ→d, æ→ae, œ→oe).
pub fn search_fold(text: &str) -> String {
    use unicode_normalization::char::{decompose_canonical, is_combining_mark};
    let mut folded = String::with_capacity(text.len());
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        match c {
            'ß' => folded.push_str("ss"),
            'ı' => folded.push('i'),
            'ł' => folded.push('l'),
            'ø' => folded.push('o'),
            'đ' | 'ð' => folded.push('d'),
            'æ' => folded.push_str("ae"),
            'œ' => folded.push_str("oe"),
            'þ' => folded.push_str("th"),
            c => decompose_canonical(c, |part| {
                if !is_combining_mark(part) {
                    folded.push(part);
                }
            }),
        }
    }
    folded
}

/// What a typed search term matches in texts folded by [`search_fold`]: the term folded as
/// typed, with written-out umlauts taken back ("Juergen" finds "Jürgen"), and with umlauts
/// written out ("Müller" finds "Mueller"). Always three, repeated where they coincide, so
/// every search has one SQL shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchTerm([String; 3]);

impl SearchTerm {
    pub fn new(typed: &str) -> Self {
        let folded = search_fold(typed);
        let umlauts_taken_back = ["ae", "oe", "ue"]
            .iter()
            .fold(folded.clone(), |text, pair| text.replace(pair, &pair[..1]));
        let umlauts_written_out = search_fold(
            &typed
                .chars()
                .flat_map(char::to_lowercase)
                .map(|c| match c {
                    'ä' => "ae".to_owned(),
                    'ö' => "oe".to_owned(),
                    'ü' => "ue".to_owned(),
                    c => c.to_string(),
                })
                .collect::<String>(),
        );
        SearchTerm([folded, umlauts_taken_back, umlauts_written_out])
    }

    /// The three `LIKE … ESCAPE '\\'` patterns.
    pub fn patterns(&self) -> [String; 3] {
        [0, 1, 2].map(|i| contains_pattern(&self.0[i]))
    }

    /// The term as an FTS5 query over a trigram index (SQLite): the forms as quoted strings
    /// joined by `OR`. None when a form is shorter than three letters, which a trigram index
    /// cannot find; those searches read the table.
    pub fn trigram_query(&self) -> Option<String> {
        if self.0.iter().any(|form| form.chars().count() < 3) {
            return None;
        }
        let mut forms: Vec<&String> = self.0.iter().collect();
        forms.sort();
        forms.dedup();
        Some(
            forms
                .iter()
                .map(|form| format!("\"{}\"", form.replace('"', "\"\"")))
                .collect::<Vec<_>>()
                .join(" OR "),
        )
    }
}

/// `column` matches any of `term`'s patterns, as a diesel expression (PostgreSQL serves it
/// from a trigram index, SQLite reads the table).
macro_rules! matches_search {
    ($column:expr, $term:expr) => {{
        let [a, b, c] = $term.patterns();
        $column
            .like(a)
            .escape('\\')
            .or($column.like(b).escape('\\'))
            .or($column.like(c).escape('\\'))
    }};
}
pub(crate) use matches_search;

/// On SQLite, the records whose search text an FTS5 trigram table (`<table>_search`, kept by
/// triggers, see the migration `search_trigrams`) finds for `query`, as `<id> IN (…)`.
pub fn in_trigram_index<QS>(
    id_column: &'static str,
    search_table: &'static str,
    query: String,
) -> Box<dyn diesel::BoxableExpression<QS, crate::db::Backend, SqlType = diesel::sql_types::Bool>> {
    use diesel::dsl::sql;
    use diesel::sql_types::{Bool, Text};
    Box::new(
        sql::<Bool>(&format!(
            "{id_column} IN (SELECT rowid FROM {search_table} WHERE {search_table} MATCH "
        ))
        .bind::<Text, _>(query)
        .sql(")"),
    )
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
    fn search_fold_takes_marks_off_latin_letters() {
        assert_eq!(search_fold("Yılmaz"), "yilmaz");
        assert_eq!(search_fold("İSTANBUL Şahin"), "istanbul sahin");
        assert_eq!(search_fold("Łukasz Søren Đorđe"), "lukasz soren dorde");
        assert_eq!(
            search_fold("Ça Gül Müller-Lüdenscheidt"),
            "ca gul muller-ludenscheidt"
        );
        assert_eq!(search_fold("Straße Æsop"), "strasse aesop");
    }

    #[test]
    fn a_term_finds_german_spellings_both_ways() {
        let finds = |typed: &str, stored: &str| {
            let stored = search_fold(stored);
            SearchTerm::new(typed)
                .0
                .iter()
                .any(|form| stored.contains(form.as_str()))
        };
        assert!(finds("Juergen", "Jürgen"));
        assert!(finds("Jürgen", "Jürgen"));
        assert!(finds("jurgen", "Jürgen"));
        assert!(finds("Müller", "Mueller"));
        assert!(finds("Mueller", "Mueller"));
        assert!(finds("Strasse", "Straße"));
        assert!(finds("Straße", "Strasse"));
        assert!(finds("Yilmaz", "Yılmaz"));
        assert!(finds("eller", "Mueller"), "inside a word too");
        assert!(!finds("Maier", "Meier"));
    }

    #[test]
    fn trigram_queries_quote_each_form_once() {
        assert_eq!(
            SearchTerm::new("Jürgen").trigram_query().as_deref(),
            Some("\"juergen\" OR \"jurgen\"")
        );
        assert_eq!(
            SearchTerm::new("say \"hi\"").trigram_query().as_deref(),
            Some("\"say \"\"hi\"\"\"")
        );
        assert_eq!(SearchTerm::new("Ab").trigram_query(), None);
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
