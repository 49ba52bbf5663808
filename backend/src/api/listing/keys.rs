//! The listing's index (`listing_keys`): one row per listed mentor and value the listing can be
//! filtered by (and per pair of place and field), in the listing's order (sort name, id). A page of any filter is one range of its
//! primary key, and a combination of filters walks its most selective value, checking the others
//! by primary key. Deep pages start from anchors: the keys at every [`STRIDE`]th position of a
//! filter, found once per publication generation, so `offset=70000` walks at most a stride.
//!
//! The rows are written with each publication change, in its transaction: [`index`] by
//! `people::store::refresh_publication`, [`remove`] by its tombstones; the seeders call
//! [`index_range`]. Each facet's keys are cut into blocks whose sizes every change keeps
//! ([`super::blocks`]): a filter of one facet is counted and paged from them.

use super::blocks::{self, IndexRow};
use crate::db::{DbConnection, Statement};
use crate::schema::listing_keys;
use crate::text::SearchTerm;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use shared::{Ags, DistrictKey};

/// The listing's order, as [`window`]'s columns name it.
pub(crate) const ORDER: &str = "sort_name, person_id";

/// Positions between two anchors: the most a deep page walks before its first entry.
pub(crate) const STRIDE: i64 = 512;

/// The values a listing is filtered by, as the index stores them, most selective first (the
/// one walked), or the facet of everyone when nothing is filtered. A place with a field is one
/// facet (a pair), so such a page walks only the rows it shows.
pub(crate) fn facets(
    municipality: Option<&Ags>,
    district: Option<&DistrictKey>,
    field: Option<i64>,
    language: Option<&str>,
) -> Vec<String> {
    let municipality = municipality.map(|m| format!("m{}", m.as_str()));
    let district = district.map(|d| format!("d{}", d.as_str()));
    // The field joins the most selective place given; the other place stays a facet of its own.
    let (municipality, district, field) = match (municipality, district, field) {
        (Some(m), d, Some(id)) => (Some(format!("{m}f{id}")), d, None),
        (None, Some(d), Some(id)) => (None, Some(format!("{d}f{id}")), None),
        (m, d, field) => (m, d, field.map(|id| format!("f{id}"))),
    };
    let facets: Vec<String> = [
        municipality,
        district,
        field,
        language.map(|l| format!("l{l}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if facets.is_empty() {
        vec![String::new()]
    } else {
        facets
    }
}

/// What a listing shows: the mentors with all of its [`facets`] and, with a name search, whose
/// name (`people.name_key`, the names alone) matches the term.
pub(crate) struct Selection {
    pub(crate) facets: Vec<String>,
    pub(crate) name: Option<SearchTerm>,
}

impl Selection {
    /// The facet, when the selection is all of one: its blocks count it and start its pages.
    pub(crate) fn single_facet(&self) -> Option<&str> {
        match (&self.facets[..], &self.name) {
            ([facet], None) => Some(facet),
            _ => None,
        }
    }
}

/// The rows of every listed mentor whose id is in `first..=last`, for every facet. The facets
/// are spelled as in the migrations that created the table and added the pairs.
const INDEX_SQL: &str = "INSERT INTO listing_keys (facet, sort_name, person_id) \
    SELECT '', m.sort_name, m.person_id FROM mentors m \
        WHERE m.listed AND m.person_id BETWEEN $1 AND $2 \
    UNION SELECT 'm' || x.municipality_ags, m.sort_name, m.person_id \
        FROM mentors m JOIN mentor_municipalities x ON x.person_id = m.person_id \
        WHERE m.listed AND m.person_id BETWEEN $1 AND $2 \
    UNION SELECT 'd' || SUBSTR(x.municipality_ags, 1, 5), m.sort_name, m.person_id \
        FROM mentors m JOIN mentor_municipalities x ON x.person_id = m.person_id \
        WHERE m.listed AND m.person_id BETWEEN $1 AND $2 \
    UNION SELECT 'f' || CAST(x.field_id AS TEXT), m.sort_name, m.person_id \
        FROM mentors m JOIN mentor_fields x ON x.person_id = m.person_id \
        WHERE m.listed AND m.person_id BETWEEN $1 AND $2 \
    UNION SELECT 'l' || x.language, m.sort_name, m.person_id \
        FROM mentors m JOIN person_languages x ON x.person_id = m.person_id \
        WHERE m.listed AND m.person_id BETWEEN $1 AND $2 \
    UNION SELECT 'm' || x.municipality_ags || 'f' || CAST(f.field_id AS TEXT), m.sort_name, \
        m.person_id FROM mentors m JOIN mentor_municipalities x ON x.person_id = m.person_id \
        JOIN mentor_fields f ON f.person_id = m.person_id \
        WHERE m.listed AND m.person_id BETWEEN $1 AND $2 \
    UNION SELECT 'd' || SUBSTR(x.municipality_ags, 1, 5) || 'f' || CAST(f.field_id AS TEXT), \
        m.sort_name, m.person_id FROM mentors m \
        JOIN mentor_municipalities x ON x.person_id = m.person_id \
        JOIN mentor_fields f ON f.person_id = m.person_id \
        WHERE m.listed AND m.person_id BETWEEN $1 AND $2";

/// The index rows of the mentors with ids `first..=last`, deleted.
fn delete_rows(conn: &mut DbConnection, first: i64, last: i64) -> QueryResult<Vec<IndexRow>> {
    diesel::sql_query(crate::db::dialect(
        conn,
        "DELETE FROM listing_keys WHERE person_id BETWEEN $1 AND $2 \
         RETURNING facet, sort_name, person_id",
    ))
    .bind::<BigInt, _>(first)
    .bind::<BigInt, _>(last)
    .load(conn)
}

/// The index rows of the listed mentors with ids `first..=last`, written from their data.
fn insert_rows(conn: &mut DbConnection, first: i64, last: i64) -> QueryResult<Vec<IndexRow>> {
    diesel::sql_query(crate::db::dialect(
        conn,
        &format!("{INDEX_SQL} RETURNING facet, sort_name, person_id"),
    ))
    .bind::<BigInt, _>(first)
    .bind::<BigInt, _>(last)
    .load(conn)
}

/// Writes the index rows and public entries ([`super::entries`]) of the mentors with ids
/// `first..=last` anew from their current data (none for those not listed), and cuts the index
/// into blocks anew ([`blocks::rebuild`]): for the seeders, which write many mentors at once.
pub fn index_range(conn: &mut DbConnection, first: i64, last: i64) -> QueryResult<()> {
    diesel::delete(listing_keys::table.filter(listing_keys::person_id.between(first, last)))
        .execute(conn)?;
    diesel::sql_query(crate::db::dialect(conn, INDEX_SQL))
        .bind::<BigInt, _>(first)
        .bind::<BigInt, _>(last)
        .execute(conn)?;
    blocks::rebuild(conn)?;
    super::entries::write(conn, super::entries::Mentors::Range(first, last))
}

/// Writes one mentor's index rows and public entry anew, keeping the blocks' sizes. Call in
/// the transaction that changes what the listing shows or filters by.
pub fn index(conn: &mut DbConnection, person_id: i64) -> QueryResult<()> {
    let removed = delete_rows(conn, person_id, person_id)?;
    let added = insert_rows(conn, person_id, person_id)?;
    blocks::record(conn, removed, added, person_id)?;
    super::entries::write(conn, super::entries::Mentors::Range(person_id, person_id))
}

/// Takes a mentor out of the index and the public entries, as they leave the listing.
pub fn remove(conn: &mut DbConnection, person_id: i64) -> QueryResult<()> {
    let removed = delete_rows(conn, person_id, person_id)?;
    blocks::record(conn, removed, Vec::new(), person_id)?;
    super::entries::remove(conn, person_id)
}

/// `FROM listing_keys k WHERE …` for a [`Selection`] with its values bound: the first facet
/// walked, the others checked by primary key, a name looked up in its trigram index (on
/// SQLite the FTS5 table `people_names`; terms under three letters read the table). `OFFSET 0` keeps each check a lookup per walked
/// row: without it PostgreSQL made the checks a hash join that read the other facets whole
/// (every German speaker, for `language=de`) before the first row of a page. (SQLite checks per
/// row anyway, and wants no `OFFSET` without `LIMIT`.)
fn matching(conn: &DbConnection, statement: Statement, selection: &Selection) -> Statement {
    let per_row = match conn {
        DbConnection::Postgres(_) => " OFFSET 0",
        DbConnection::Sqlite(_) => "",
    };
    let (walked, checked) = selection
        .facets
        .split_first()
        .expect("facets() names at least one facet");
    let statement = statement
        .sql(" FROM listing_keys k WHERE k.facet = ")
        .text(walked.as_str());
    let statement = checked.iter().fold(statement, |statement, facet| {
        statement
            .sql(" AND EXISTS (SELECT 1 FROM listing_keys o WHERE o.facet = ")
            .text(facet.as_str())
            .sql(format!(
                " AND o.sort_name = k.sort_name AND o.person_id = k.person_id{per_row})"
            ))
    });
    let Some(term) = &selection.name else {
        return statement;
    };
    match term.trigram_query().filter(|_| crate::db::is_sqlite(conn)) {
        Some(query) => statement
            .sql(" AND k.person_id IN (SELECT rowid FROM people_names WHERE people_names MATCH ")
            .text(query)
            .sql(")"),
        None => {
            let [a, b, c] = term.patterns();
            statement
                .sql(" AND k.person_id IN (SELECT id FROM people WHERE name_key LIKE ")
                .text(a)
                .sql(" ESCAPE '\\' OR name_key LIKE ")
                .text(b)
                .sql(" ESCAPE '\\' OR name_key LIKE ")
                .text(c)
                .sql(" ESCAPE '\\')")
        }
    }
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// The number of listed mentors in `selection` from `start` on.
pub(crate) fn count(
    conn: &mut DbConnection,
    selection: &Selection,
    start: Start<'_>,
) -> QueryResult<i64> {
    let statement = matching(
        conn,
        Statement::default().sql("SELECT COUNT(*) AS n"),
        selection,
    );
    Ok(from(statement, start).get_result::<Count>(conn)?.n)
}

/// The number of listed mentors in `selection`, given its [`anchors`]: a stride before each
/// anchor and the rest from the last on. A deep page's first request works out the anchors,
/// which walk every match; counting them again would walk them twice.
pub(crate) fn count_by_anchors(
    conn: &mut DbConnection,
    selection: &Selection,
    anchors: &[(String, i64)],
) -> QueryResult<i64> {
    match anchors.last() {
        None => count(conn, selection, Start::Beginning),
        Some(key) => {
            let rest = count(conn, selection, Start::At { key, after: false })?;
            Ok(anchors.len() as i64 * STRIDE + rest)
        }
    }
}

/// A position in the listing's order: (sort name, id).
#[derive(QueryableByName)]
struct Key {
    #[diesel(sql_type = Text)]
    sort_name: String,
    #[diesel(sql_type = BigInt)]
    person_id: i64,
}

impl Key {
    fn into_pair(self) -> (String, i64) {
        (self.sort_name, self.person_id)
    }
}

/// Where a window of `limit` entries after `skip` others starts.
pub(crate) enum Start<'a> {
    /// At the first entry at or after the key (`>=`), or, with `after`, after it (`>`).
    At {
        key: &'a (String, i64),
        after: bool,
    },
    Beginning,
}

/// `statement` (a [`matching`] one) limited to the keys from `start` on.
fn from(statement: Statement, start: Start<'_>) -> Statement {
    let Start::At { key, after } = start else {
        return statement;
    };
    statement
        .sql(if after {
            " AND (k.sort_name, k.person_id) > ("
        } else {
            " AND (k.sort_name, k.person_id) >= ("
        })
        .text(key.0.as_str())
        .sql(", ")
        .big_int(key.1)
        .sql(")")
}

/// The statement of up to `limit` keys (`sort_name`, `person_id`) of the listed mentors in
/// `selection`, in the listing's order, from `start` on, skipping `skip`: read it with
/// [`super::store::read_entries`], which reads the entries of the keys in the same statement.
pub(crate) fn window(
    conn: &DbConnection,
    selection: &Selection,
    start: Start<'_>,
    skip: i64,
    limit: i64,
) -> Statement {
    let statement = matching(
        conn,
        Statement::default().sql("SELECT k.sort_name, k.person_id"),
        selection,
    );
    from(statement, start)
        .sql(" ORDER BY k.sort_name, k.person_id LIMIT ")
        .big_int(limit)
        .sql(" OFFSET ")
        .big_int(skip)
}

/// The keys at positions `STRIDE`, `2 × STRIDE`, … (counted from 0) of the mentors in
/// `selection`, in one statement: each anchor is one hop of `STRIDE` rows along the index from
/// the one before (`OFFSET` inside a range, as a deep page walks), and its sort name is looked
/// up in the next step, so every hop starts from plain values, which the index answers as a
/// range. Numbering every row with `ROW_NUMBER()` instead took twice as long (SQLite, 750,000
/// listed: 0.45 s against 0.21 s for the whole listing).
pub(crate) fn anchors(
    conn: &mut DbConnection,
    selection: &Selection,
) -> QueryResult<Vec<(String, i64)>> {
    // The key `STRIDE` rows on, as a scalar subquery: from the beginning, or after (a.s, a.p).
    let hop = |statement: Statement, after_previous: bool| {
        let statement = matching(conn, statement.sql("(SELECT k.person_id"), selection);
        let (start, skip) = if after_previous {
            (" AND (k.sort_name, k.person_id) > (a.s, a.p)", STRIDE - 1)
        } else {
            ("", STRIDE)
        };
        statement.sql(format!(
            "{start} ORDER BY k.sort_name, k.person_id LIMIT 1 OFFSET {skip})"
        ))
    };
    // Rows (n, s, p): an anchor's id `p` is found with `s` NULL; the next step adds its sort
    // name `s`, and the one after hops on from the two.
    let statement = hop(
        Statement::default().sql("WITH RECURSIVE a(n, s, p) AS (SELECT 1, CAST(NULL AS TEXT), "),
        false,
    )
    .sql(
        " UNION ALL SELECT a.n + 1, CASE WHEN a.s IS NULL THEN \
         (SELECT m.sort_name FROM mentors m WHERE m.person_id = a.p) END, \
         CASE WHEN a.s IS NULL THEN a.p ELSE ",
    );
    let keys: Vec<Key> = hop(statement, true)
        .sql(
            " END FROM a WHERE a.p IS NOT NULL) \
             SELECT s AS sort_name, p AS person_id FROM a WHERE s IS NOT NULL ORDER BY n",
        )
        .load(conn)?;
    Ok(keys.into_iter().map(Key::into_pair).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_combination_walks_its_most_selective_value() {
        let municipality: Ags = "08111000".parse().unwrap();
        let district: DistrictKey = "08111".parse().unwrap();
        assert_eq!(
            facets(Some(&municipality), Some(&district), Some(3), Some("tr")),
            ["m08111000f3", "d08111", "ltr"]
        );
        assert_eq!(
            facets(Some(&municipality), None, None, Some("tr")),
            ["m08111000", "ltr"]
        );
        assert_eq!(facets(None, Some(&district), Some(3), None), ["d08111f3"]);
        assert_eq!(facets(None, None, Some(3), Some("tr")), ["f3", "ltr"]);
        assert_eq!(facets(None, None, None, None), [""]);
    }
}
