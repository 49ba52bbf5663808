//! Queries and rules of `listing`: what the handlers in `mod.rs` call.

use crate::db::{DbConnection, Statement};
use crate::downloads::{literal_cell, text_cell, Language, CSV};
use crate::error::ApiError;
use crate::http::{content_etag, Paging};
use crate::publication::{Cached, GenerationCache, PublicCaches, TOMBSTONE_RETENTION};
use crate::schema::{
    mentor_fields, mentor_municipalities, mentors, person_languages, public_tombstones,
};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Nullable, Text, Timestamp};
use shared::people::{PublicMentor, PublicMentorPage};
use shared::{Ags, DistrictKey};
use std::collections::HashMap;
use std::sync::Arc;

use super::keys::{self, Start};
use super::{blocks, entries};

/// The answer's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, utoipa::ToSchema)]
#[schema(rename_all = "lowercase")]
pub enum ListingFormat {
    Json,
    Csv,
}

#[derive(Clone, Debug)]
pub(crate) struct Filter {
    pub(crate) district: Option<DistrictKey>,
    pub(crate) municipality: Option<Ags>,
    pub(crate) field: Option<i64>,
    pub(crate) language: Option<String>,
    /// A name as people type it ("Yilmaz" finds "Yılmaz").
    pub(crate) name: Option<crate::text::SearchTerm>,
    pub(crate) since: Option<NaiveDateTime>,
    pub(crate) after: Option<Cursor>,
}

pub(crate) fn parse_time(raw: &str) -> Option<NaiveDateTime> {
    DateTime::parse_from_rfc3339(raw.trim())
        .map(|t| t.with_timezone(&Utc).naive_utc())
        .ok()
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        })
}

/// Where a follower stands in the feed: after the entry (`at`, `id`), on a cursor the server
/// handed out at `issued`. Written `<micros>.<id>.<issued seconds>`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Cursor {
    pub(crate) at: NaiveDateTime,
    pub(crate) id: i64,
    pub(crate) issued: NaiveDateTime,
}

impl Cursor {
    pub(crate) fn encode(&self) -> String {
        format!(
            "{}.{}.{}",
            self.at.and_utc().timestamp_micros(),
            self.id,
            self.issued.and_utc().timestamp()
        )
    }

    /// Also reads the earlier form `<micros>-<id>`, taking its entry's time as its issue time.
    pub(crate) fn parse(raw: &str) -> Option<Self> {
        let parts: Vec<&str> = raw.split('.').collect();
        let (micros, id, issued) = match parts[..] {
            [micros, id, issued] => (micros, id, Some(issued)),
            _ => {
                let (micros, id) = raw.split_once('-')?;
                (micros, id, None)
            }
        };
        let at = DateTime::from_timestamp_micros(micros.parse().ok()?)?.naive_utc();
        let issued = match issued {
            Some(s) => DateTime::from_timestamp(s.parse().ok()?, 0)?.naive_utc(),
            None => at,
        };
        Some(Self {
            at,
            id: id.parse().ok()?,
            issued,
        })
    }
}

/// A follower at `position` may have missed tombstones that have been removed since: it must
/// start its copy anew. The very beginning (the epoch) is always fine, as a new copy holds no
/// one a tombstone would remove.
pub(crate) fn check_position(position: NaiveDateTime, field: &str) -> Result<(), ApiError> {
    let beginning = DateTime::UNIX_EPOCH.naive_utc();
    if position > beginning && position < crate::db::now() - TOMBSTONE_RETENTION {
        return Err(ApiError::Gone(format!(
            "Der Stand in {field} ist älter als {} Tage; so lange werden Austritte aus der Liste \
             vorgehalten. Bitte die Kopie neu aufbauen: mit modified_since=1970-01-01T00:00:00Z \
             beginnen und alle Einträge ersetzen.",
            TOMBSTONE_RETENTION.num_days()
        )));
    }
    Ok(())
}

pub(crate) type Backend = <DbConnection as Connection>::Backend;

/// `(first, second) > (value, id)`: a row-value comparison, which both databases answer as
/// one range of an index on the two columns. The spelled-out `first > value OR (first = value
/// AND second > id)` made SQLite walk every entry equal to `value` (a whole imported batch).
macro_rules! after_pair {
    ($first:literal, $sql_type:ty, $value:expr, $second:literal, $id:expr $(,)?) => {
        diesel::dsl::sql::<Bool>(concat!("(", $first, ", ", $second, ") > ("))
            .bind::<$sql_type, _>($value)
            .sql(", ")
            .bind::<BigInt, _>($id)
            .sql(")")
    };
}

pub(crate) fn listed(f: &Filter) -> mentors::BoxedQuery<'_, Backend> {
    let mut q = mentors::table.filter(mentors::listed.eq(true)).into_boxed();
    if let Some(d) = &f.district {
        q = q.filter(
            mentors::person_id.eq_any(
                mentor_municipalities::table
                    .filter({
                        let (first, last) = d.ags_range();
                        mentor_municipalities::municipality_ags.between(first, last)
                    })
                    .select(mentor_municipalities::person_id),
            ),
        );
    }
    if let Some(m) = &f.municipality {
        q = q.filter(
            mentors::person_id.eq_any(
                mentor_municipalities::table
                    .filter(mentor_municipalities::municipality_ags.eq(m.as_str()))
                    .select(mentor_municipalities::person_id),
            ),
        );
    }
    if let Some(field) = f.field {
        q = q.filter(
            mentors::person_id.eq_any(
                mentor_fields::table
                    .filter(mentor_fields::field_id.eq(field))
                    .select(mentor_fields::person_id),
            ),
        );
    }
    if let Some(l) = &f.language {
        q = q.filter(
            mentors::person_id.eq_any(
                person_languages::table
                    .filter(person_languages::language.eq(l))
                    .select(person_languages::person_id),
            ),
        );
    }
    match f.feed_position() {
        Some((at, Some(id))) => {
            q = q.filter(after_pair!(
                "mentors.public_modified_at",
                Timestamp,
                at,
                "mentors.person_id",
                id,
            ))
        }
        Some((at, None)) => q = q.filter(mentors::public_modified_at.gt(at)),
        None => {}
    }
    q
}

impl Filter {
    /// Where a feed page starts: after this time, and at that time after this id. One lower
    /// bound, not `since` and the cursor apart: given two ranges on one index, SQLite walks
    /// the wider one (every change since `since`) and filters.
    fn feed_position(&self) -> Option<(NaiveDateTime, Option<i64>)> {
        match (self.since, self.after) {
            (Some(since), Some(Cursor { at, id, .. })) if at >= since => Some((at, Some(id))),
            (Some(since), _) => Some((since, None)),
            (None, Some(Cursor { at, id, .. })) => Some((at, Some(id))),
            (None, None) => None,
        }
    }
}

impl Filter {
    /// What the number of matches depends on: everything but the position in the feed.
    pub(crate) fn count_key(&self) -> String {
        format!(
            "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
            self.district, self.municipality, self.field, self.language, self.name, self.since
        )
    }

    /// What the listing index shows for this filter (see [`keys::facets`]).
    fn selection(&self) -> keys::Selection {
        keys::Selection {
            facets: keys::facets(
                self.municipality.as_ref(),
                self.district.as_ref(),
                self.field,
                self.language.as_deref(),
            ),
            name: self.name.clone(),
        }
    }
}

/// What [`read_entries`] reads: first a row with the listing generation, then one per entry of
/// the page (its sort name, when it changed and the stored entry, see [`entries`]).
#[derive(QueryableByName)]
struct EntryRow {
    #[diesel(sql_type = Nullable<BigInt>)]
    person_id: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    generation: Option<i64>,
    #[diesel(sql_type = Nullable<Text>)]
    sort_name: Option<String>,
    #[diesel(sql_type = Nullable<Timestamp>)]
    at: Option<NaiveDateTime>,
    #[diesel(sql_type = Nullable<Text>)]
    entry: Option<String>,
}

/// After the page's mentors (`page`: `person_id`, `sort_name` and position `n`): the
/// generation, then each mentor's stored entry. Unused columns are NULL, typed by the branch
/// that fills them. `CROSS JOIN` makes SQLite walk the page and look up its entries.
const ENTRIES_SQL: &str = ") s) \
    SELECT NULL AS person_id, 0 AS n, listing AS generation, NULL AS sort_name, NULL AS at, \
        NULL AS entry FROM publication_generations \
    UNION ALL SELECT page.person_id, page.n, NULL, page.sort_name, e.modified_at, e.entry \
        FROM page CROSS JOIN public_entries e WHERE e.person_id = page.person_id";

/// What one statement of [`read_entries`] read, at one snapshot.
pub(crate) struct Entries {
    /// The listing generation the entries are of.
    pub(crate) generation: i64,
    /// The public entries (only consented data), in the order asked for, with their sort names.
    pub(crate) listed: Vec<(String, PublicMentor)>,
}

/// The entries of the listed mentors `selected` yields (a statement with `sort_name` and
/// `person_id` columns) in the order `order` names, and the listing generation: one statement,
/// so one round trip and one snapshot.
pub(crate) fn read_entries(
    conn: &mut DbConnection,
    selected: Statement,
    order: &str,
) -> Result<Entries, ApiError> {
    let statement = Statement::default()
        .sql(format!(
            "WITH page AS MATERIALIZED (SELECT person_id, sort_name, \
             ROW_NUMBER() OVER (ORDER BY {order}) AS n FROM ("
        ))
        .append(selected)
        .sql(ENTRIES_SQL);
    let rows: Vec<EntryRow> = statement.sql(" ORDER BY n").load(conn)?;
    let mut generation = None;
    let mut listed = Vec::with_capacity(rows.len());
    for row in rows {
        match (row.person_id, row.at, row.entry) {
            (Some(id), Some(at), Some(json)) => listed.push((
                row.sort_name.unwrap_or_default(),
                entries::entry(id, at, &json)?,
            )),
            _ => generation = row.generation,
        }
    }
    Ok(Entries {
        generation: generation
            .ok_or_else(|| ApiError::internal(anyhow::anyhow!("no publication generation")))?,
        listed,
    })
}

pub(crate) fn tombstone_entry((id, at): (i64, NaiveDateTime)) -> PublicMentor {
    PublicMentor {
        id,
        deleted: true,
        modified_at: at.and_utc(),
        given_name: None,
        family_name: None,
        municipalities: None,
        fields: None,
        email: None,
        phone: None,
    }
}

/// A page of the listing: its items, the number of matches, and the query parameters that fetch
/// the next page when there is one.
pub(crate) type ListingPage = (Vec<PublicMentor>, i64, Option<Vec<(String, String)>>);

/// Values of a generation a page is read at, per filter: taken from the cache when a page of the
/// same filter was read at the same generation, else worked out in the page's snapshot and kept
/// for the filter's next page. A page read outside a snapshot (see [`page`]) may only take them.
struct Memo<'a, V> {
    cache: &'a GenerationCache<V>,
    generation: i64,
    in_snapshot: bool,
}

impl<V: Clone> Memo<'_, V> {
    /// The value kept for the generation, or the one worked out in the snapshot; `None` when
    /// there is none and no snapshot to work it out in, or while another request works it out
    /// ([`GenerationCache::get_or_work_out`]).
    fn get(
        &self,
        key: String,
        work_out: impl FnOnce() -> QueryResult<V>,
    ) -> QueryResult<Option<V>> {
        if !self.in_snapshot {
            return Ok(self.cache.get(self.generation, &key));
        }
        self.cache.get_or_work_out(self.generation, &key, work_out)
    }
}

/// What reading a page gave.
enum PageRead {
    /// The page, with the listing generation it was read at.
    Page(i64, ListingPage),
    /// Another request is working out the count or anchors of the page's filter at this
    /// listing generation: wait for it ([`PublicCaches::wait_for_filter`]) holding no
    /// connection, then read again.
    WorkedOnAt(i64),
}

/// A page and, if there is more, the query parameters that fetch the next one, with the
/// listing generation it was read at (`checked`: the generation read as the connection was
/// checked out).
///
/// A listing page whose count (and anchor) the cache already holds for `checked` is one
/// statement, which reads the generation beside the entries: when it is still `checked`, the
/// page is exactly that generation's, as every change to what the listing shows moves the
/// generation in its own transaction. Anything else (a first count, the sync feed, a generation
/// that moved) is read in one snapshot, so the count, the changes and the tombstones agree with
/// each other and with the generation.
fn page(
    conn: &mut DbConnection,
    f: &Filter,
    paging: Paging,
    caches: &PublicCaches,
    checked: i64,
) -> Result<PageRead, ApiError> {
    let read = |conn: &mut DbConnection, generation: i64, in_snapshot: bool| match f.since {
        None => listing_page(conn, f, paging, (caches, generation, in_snapshot)),
        Some(since) => feed_page(conn, f, since, paging, (caches, generation, in_snapshot)),
    };
    if let Some((generation, page)) = read(conn, checked, false)? {
        if generation == checked {
            return Ok(PageRead::Page(checked, page));
        }
    }
    crate::db::read_snapshot(conn, |conn| {
        let generation = crate::db::read_generations(conn)?.listing;
        Ok(match read(conn, generation, true)? {
            Some((generation, page)) => PageRead::Page(generation, page),
            None => PageRead::WorkedOnAt(generation),
        })
    })
}

/// One request for a page, as [`answer_page`] serves it.
pub(crate) struct PageRequest {
    pub(crate) filter: Filter,
    pub(crate) paging: Paging,
    pub(crate) csv: bool,
    pub(crate) lang: Language,
    /// The request's path and query string, which the `next` link repeats.
    pub(crate) path: String,
    pub(crate) query: String,
}

/// What a connection's turn gave for a [`PageRequest`].
enum Served {
    Built(Arc<Cached>),
    /// See [`PageRead::WorkedOnAt`].
    WorkedOnAt(i64),
}

/// The answer to `request`: from the response cache of the current listing generation, or read
/// and kept there. While another request works out the count or anchors of its filter, waits for
/// that without holding a connection, then reads again.
pub(crate) async fn answer_page(
    state: &AppState,
    request: PageRequest,
) -> Result<Arc<Cached>, ApiError> {
    let request = Arc::new(request);
    loop {
        let (asked, caches) = (request.clone(), state.public_caches.clone());
        let served = state
            .db
            .run_at_generation(move |conn, generations| {
                build_page(conn, &asked, &caches, generations.listing)
            })
            .await?;
        match served {
            Served::Built(built) => return Ok(built),
            Served::WorkedOnAt(generation) => {
                let (caches, key) = (state.public_caches.clone(), request.filter.count_key());
                web::block(move || caches.wait_for_filter(generation, &key))
                    .await
                    .map_err(ApiError::internal)?;
            }
        }
    }
}

/// The answer to `request` at the listing generation `checked` (see [`page`]), kept in the
/// response cache.
fn build_page(
    conn: &mut DbConnection,
    request: &PageRequest,
    caches: &PublicCaches,
    checked: i64,
) -> Result<Served, ApiError> {
    let key = format!(
        "{}?{}",
        if request.csv { "csv" } else { "json" },
        request.query
    );
    if let Some(hit) = caches.pages.get(checked, &key) {
        return Ok(Served::Built(hit));
    }
    let (generation, (items, total, next)) =
        match page(conn, &request.filter, request.paging, caches, checked)? {
            PageRead::Page(generation, page) => (generation, page),
            PageRead::WorkedOnAt(generation) => return Ok(Served::WorkedOnAt(generation)),
        };
    let next = next.map(|replace| next_link(&request.path, &request.query, replace));
    let (content_type, body, link) = if request.csv {
        (
            CSV,
            to_csv(&items, request.lang, true)?,
            next.map(|n| format!("<{n}>; rel=\"next\"")),
        )
    } else {
        let body = serde_json::to_vec(&PublicMentorPage {
            items,
            total,
            limit: request.paging.limit,
            next,
        })
        .map_err(ApiError::internal)?;
        ("application/json", body, None)
    };
    let etag = content_etag(&body);
    let built = Arc::new(Cached::new(content_type, body, etag, link));
    caches.pages.put(generation, key, built.clone());
    Ok(Served::Built(built))
}

/// A page of the listing, read from the listing index: a filter of one facet is counted and
/// started from its blocks ([`blocks`]), any other's deep pages start at the nearest anchor.
/// With the generation its entries were read at; `None` when a count or anchor is not kept for
/// the generation and there is no snapshot to work it out in, or another request works it out.
fn listing_page(
    conn: &mut DbConnection,
    f: &Filter,
    paging: Paging,
    (caches, generation, in_snapshot): (&PublicCaches, i64, bool),
) -> Result<Option<(i64, ListingPage)>, ApiError> {
    let selection = f.selection();
    if let Some(facet) = selection.single_facet() {
        let blocks = Memo {
            cache: &caches.blocks,
            generation,
            in_snapshot,
        };
        let Some(blocks) = blocks.get(f.count_key(), || blocks::read(conn, facet).map(Arc::new))?
        else {
            return Ok(None);
        };
        let start = match blocks::position(&blocks, paging.offset) {
            (Some(key), skip) => (Start::At { key, after: false }, skip),
            (None, skip) => (Start::Beginning, skip),
        };
        return read_window(conn, &selection, start, paging, blocks.total).map(Some);
    }
    let counts = Memo {
        cache: &caches.counts,
        generation,
        in_snapshot,
    };
    let anchors = Memo {
        cache: &caches.anchors,
        generation,
        in_snapshot,
    };
    // A combination of facets, or a name: a deep page starts at an anchor; working them out
    // walks every match, which also counts them, so a filter whose first request is deep is
    // walked once, not twice.
    let stride = paging.offset / keys::STRIDE;
    let anchors = if stride > 0 {
        let Some(anchors) = anchors.get(f.count_key(), || {
            keys::anchors(conn, &selection).map(Arc::new)
        })?
        else {
            return Ok(None);
        };
        Some(anchors)
    } else {
        None
    };
    let Some(total) = counts.get(f.count_key(), || match &anchors {
        Some(anchors) => keys::count_by_anchors(conn, &selection, anchors),
        None => keys::count(conn, &selection, Start::Beginning),
    })?
    else {
        return Ok(None);
    };
    // The nearest anchor at or before the offset; past the last match, the last anchor, after
    // which fewer than a stride remain to walk.
    let anchored = anchors.as_deref().and_then(|anchors| {
        let n = (stride as usize).min(anchors.len());
        n.checked_sub(1).map(|last| (&anchors[last], n as i64))
    });
    let (start, skip) = match anchored {
        Some((key, n)) => (
            Start::At { key, after: false },
            paging.offset - n * keys::STRIDE,
        ),
        None => (Start::Beginning, paging.offset),
    };
    read_window(conn, &selection, (start, skip), paging, total).map(Some)
}

/// The page of `selection` that starts `skip` keys after `start`, of `total` matches, with the
/// generation its entries were read at.
fn read_window(
    conn: &mut DbConnection,
    selection: &keys::Selection,
    (start, skip): (Start<'_>, i64),
    paging: Paging,
    total: i64,
) -> Result<(i64, ListingPage), ApiError> {
    let window = keys::window(conn, selection, start, skip, paging.limit);
    let read = read_entries(conn, window, keys::ORDER)?;
    let next = (paging.offset + paging.limit < total).then(|| {
        vec![(
            "offset".to_owned(),
            (paging.offset + paging.limit).to_string(),
        )]
    });
    let items = read.listed.into_iter().map(|(_, entry)| entry).collect();
    Ok((read.generation, (items, total, next)))
}

/// Sync: listed changes and tombstones after `since` (and after the cursor), merged in (time, id)
/// order, read in a snapshot (`None` outside one, or while another request counts the same). Separate statements, each a query diesel keeps
/// prepared: PostgreSQL plans them once per connection, where one statement with the entries
/// (as [`read_entries`]) was planned on every request and served fewer pages a second.
fn feed_page(
    conn: &mut DbConnection,
    f: &Filter,
    since: NaiveDateTime,
    paging: Paging,
    (caches, generation, in_snapshot): (&PublicCaches, i64, bool),
) -> Result<Option<(i64, ListingPage)>, ApiError> {
    if !in_snapshot {
        return Ok(None);
    }
    let counts = Memo {
        cache: &caches.counts,
        generation,
        in_snapshot,
    };
    let tombstones = || {
        let q = public_tombstones::table.into_boxed::<Backend>();
        match f.feed_position() {
            Some((at, Some(id))) => q.filter(after_pair!(
                "public_tombstones.deleted_at",
                Timestamp,
                at,
                "public_tombstones.person_id",
                id,
            )),
            _ => q.filter(public_tombstones::deleted_at.gt(since)),
        }
    };
    let Some(total) = counts.get(f.count_key(), || {
        let changed = listed(&Filter {
            after: None,
            ..f.clone()
        })
        .count()
        .get_result::<i64>(conn)?;
        let gone = public_tombstones::table
            .filter(public_tombstones::deleted_at.gt(since))
            .count()
            .get_result::<i64>(conn)?;
        Ok(changed + gone)
    })?
    else {
        return Ok(None); // worked on by another request
    };
    let changed: Vec<(i64, NaiveDateTime)> = listed(f)
        .select((mentors::person_id, mentors::public_modified_at))
        .order((mentors::public_modified_at.asc(), mentors::person_id.asc()))
        .limit(paging.limit + 1)
        .load(conn)?;
    let gone: Vec<(i64, NaiveDateTime)> = tombstones()
        .select((public_tombstones::person_id, public_tombstones::deleted_at))
        .order((
            public_tombstones::deleted_at.asc(),
            public_tombstones::person_id.asc(),
        ))
        .limit(paging.limit + 1)
        .load(conn)?;
    let mut merged: Vec<(NaiveDateTime, i64, bool)> = changed
        .iter()
        .map(|(id, at)| (*at, *id, false))
        .chain(gone.iter().map(|(id, at)| (*at, *id, true)))
        .collect();
    merged.sort();
    let more = merged.len() as i64 > paging.limit;
    merged.truncate(paging.limit as usize);
    let live_ids: Vec<i64> = merged
        .iter()
        .filter(|(_, _, dead)| !dead)
        .map(|(_, id, _)| *id)
        .collect();
    let mut live: HashMap<i64, PublicMentor> = entries::read(conn, &live_ids)?
        .into_iter()
        .map(|m| (m.id, m))
        .collect();
    let items = merged
        .iter()
        .filter_map(|(at, id, dead)| {
            if *dead {
                Some(tombstone_entry((*id, *at)))
            } else {
                live.remove(id)
            }
        })
        .collect();
    let issued = crate::db::now();
    let next = more
        .then(|| {
            merged.last().map(|(at, id, _)| {
                let cursor = Cursor {
                    at: *at,
                    id: *id,
                    issued,
                };
                vec![("after".to_owned(), cursor.encode())]
            })
        })
        .flatten();
    Ok(Some((generation, (items, total, next))))
}

/// The request's query with `replace` set and the paging parameters it supersedes removed.
pub(crate) fn next_link(path: &str, query: &str, replace: Vec<(String, String)>) -> String {
    let mut params: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
    params.retain(|(k, _)| k != "offset" && k != "after" && !replace.iter().any(|(r, _)| r == k));
    params.extend(replace);
    format!(
        "{path}?{}",
        serde_urlencoded::to_string(params).unwrap_or_default()
    )
}

pub(crate) const CSV_HEADERS_DE: [&str; 10] = [
    "ID",
    "gelöscht",
    "geändert am",
    "Vorname",
    "Nachname",
    "Gemeinden",
    "AGS",
    "Einsatzfelder",
    "E-Mail",
    "Telefon",
];

pub(crate) const CSV_HEADERS_EN: [&str; 10] = [
    "id",
    "deleted",
    "modified_at",
    "given_name",
    "family_name",
    "municipalities",
    "ags",
    "fields",
    "email",
    "phone",
];

/// CSV rows for spreadsheets: `;` separated, CRLF; with `header`, the UTF-8 byte-order mark
/// and the header row first.
pub(crate) fn to_csv(
    items: &[PublicMentor],
    lang: Language,
    header: bool,
) -> Result<Vec<u8>, ApiError> {
    let mut out = Vec::new();
    if header {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let fail = |e: csv::Error| ApiError::internal(e);
        if header {
            w.write_record(match lang {
                Language::De => CSV_HEADERS_DE,
                Language::En => CSV_HEADERS_EN,
            })
            .map_err(fail)?;
        }
        for m in items {
            let municipalities = m.municipalities.as_deref().unwrap_or_default();
            let fields = m.fields.as_deref().unwrap_or_default();
            let field_names: Vec<&str> = fields
                .iter()
                .map(|f| match lang {
                    Language::De => f.name_de.as_str(),
                    Language::En => f.name_en.as_str(),
                })
                .collect();
            let deleted = match (lang, m.deleted) {
                (Language::De, true) => "ja",
                (Language::De, false) => "nein",
                (Language::En, deleted) => {
                    if deleted {
                        "true"
                    } else {
                        "false"
                    }
                }
            };
            w.write_record([
                m.id.to_string(),
                deleted.to_owned(),
                m.modified_at
                    .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
                text_cell(m.given_name.as_deref().unwrap_or_default()),
                text_cell(m.family_name.as_deref().unwrap_or_default()),
                text_cell(
                    &municipalities
                        .iter()
                        .map(|r| r.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                literal_cell(
                    &municipalities
                        .iter()
                        .map(|r| r.ags.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                text_cell(&field_names.join(", ")),
                text_cell(m.email.as_deref().unwrap_or_default()),
                literal_cell(m.phone.as_deref().unwrap_or_default()),
            ])
            .map_err(fail)?;
        }
        w.flush().map_err(ApiError::internal)?;
    }
    Ok(out)
}

/// Rows the whole-listing CSV fetches per database round trip.
pub(crate) const CSV_CHUNK: i64 = 500;

/// The whole (filtered) listing as CSV, streamed in chunks by the listing's order, so even a
/// large listing needs little memory; each chunk is read in its own short query.
pub(crate) fn csv_stream(
    state: web::Data<AppState>,
    filter: Filter,
    lang: Language,
) -> impl futures_util::Stream<Item = Result<web::Bytes, ApiError>> {
    futures_util::stream::try_unfold(Some((None::<(String, i64)>, true)), move |position| {
        let (state, filter) = (state.clone(), filter.clone());
        async move {
            let Some((last, header)) = position else {
                return Ok(None);
            };
            let (items, next_last) = state
                .db
                .run(move |conn| {
                    let start = match &last {
                        Some(key) => Start::At { key, after: true },
                        None => Start::Beginning,
                    };
                    let window = keys::window(conn, &filter.selection(), start, 0, CSV_CHUNK);
                    let chunk = read_entries(conn, window, keys::ORDER)?.listed;
                    let next_last = (chunk.len() as i64 == CSV_CHUNK)
                        .then(|| chunk.last().map(|(key, entry)| (key.clone(), entry.id)))
                        .flatten();
                    let items: Vec<PublicMentor> =
                        chunk.into_iter().map(|(_, entry)| entry).collect();
                    Ok((items, next_last))
                })
                .await?;
            let chunk = web::Bytes::from(to_csv(&items, lang, header)?);
            let position = next_last.map(|last| (Some(last), false));
            Ok(Some((chunk, position)))
        }
    })
}

/// The whole listing as CSV. Its ETag names the publication generation and the query, so a
/// client that has it gets 304 without the listing being read.
pub(crate) async fn whole_csv(
    state: web::Data<AppState>,
    req: &HttpRequest,
    filter: Filter,
    lang: Language,
) -> Result<HttpResponse, ApiError> {
    let generation = state
        .db
        .run_at_generation(|_, generations| Ok(generations.listing))
        .await?;
    let etag = content_etag(format!("csv:{generation}:{}", req.query_string()).as_bytes());
    if crate::http::has_current(req, &etag) {
        return Ok(HttpResponse::NotModified()
            .insert_header((header::ETAG, etag))
            .finish());
    }
    Ok(HttpResponse::Ok()
        .content_type(CSV)
        .insert_header((header::ETAG, etag))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"mentorinnen-und-mentoren.csv\"",
        ))
        .streaming(csv_stream(state, filter, lang)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(since: Option<NaiveDateTime>, after: Option<Cursor>) -> Filter {
        Filter {
            district: None,
            municipality: None,
            field: None,
            language: None,
            name: None,
            since,
            after,
        }
    }

    #[test]
    fn a_feed_page_starts_at_the_later_of_since_and_the_cursor() {
        let t = |s: &str| parse_time(s).unwrap();
        let cursor = |at: &str| Cursor {
            at: t(at),
            id: 7,
            issued: t(at),
        };
        let since = Some(t("2026-11-01T00:00:00Z"));
        assert_eq!(
            filter(since, Some(cursor("2026-11-02T00:00:00Z"))).feed_position(),
            Some((t("2026-11-02T00:00:00Z"), Some(7)))
        );
        assert_eq!(
            filter(since, Some(cursor("2026-10-01T00:00:00Z"))).feed_position(),
            Some((t("2026-11-01T00:00:00Z"), None)),
            "a cursor before since: everything after since"
        );
        assert_eq!(
            filter(since, None).feed_position(),
            Some((t("2026-11-01T00:00:00Z"), None))
        );
        assert_eq!(filter(None, None).feed_position(), None);
    }
}
