//! The publication generation: a counter that every change to public mentor data increases in
//! the same transaction, and the response cache keyed by it. A request reads the counter (one
//! primary-key lookup) and serves a cached body only when it was built at that very generation,
//! so consent withdrawals take effect on the next request on every server instance.

use crate::db::DbConnection;
use crate::schema::publication_state;
use actix_web::http::header::ContentEncoding;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// Marks public data as changed (renamed fields, imported municipalities): cached responses
/// are built anew. Call inside the writing transaction.
pub fn bump(conn: &mut DbConnection) -> QueryResult<()> {
    diesel::update(publication_state::table)
        .set(publication_state::generation.eq(publication_state::generation + 1i64))
        .execute(conn)
        .map(drop)
}

/// Marks public data as changed and hands out the time of the change: later than every time
/// handed out before, and taken while this transaction holds the publication row until it
/// commits. So change times follow commit order on every database and across instances, and
/// a feed that pages by time never passes over a change that commits late. Call inside the
/// writing transaction, once per changed entry.
pub fn stamp(conn: &mut DbConnection) -> QueryResult<NaiveDateTime> {
    // The update takes the row (and waits for any other transaction holding it).
    let last: NaiveDateTime = diesel::update(publication_state::table)
        .set(publication_state::generation.eq(publication_state::generation + 1i64))
        .returning(publication_state::last_change)
        .get_result(conn)?;
    let at = crate::db::now().max(last + chrono::Duration::microseconds(1));
    diesel::update(publication_state::table)
        .set(publication_state::last_change.eq(at))
        .execute(conn)?;
    Ok(at)
}

/// How long tombstones of mentors who left the listing are kept. A follower whose position is
/// older cannot be told of every withdrawal any more and must start its copy anew.
pub const TOMBSTONE_RETENTION: chrono::Duration = chrono::Duration::days(180);

/// Removes tombstones older than [`TOMBSTONE_RETENTION`].
pub fn purge_tombstones(conn: &mut DbConnection) -> QueryResult<usize> {
    use crate::schema::public_tombstones;
    diesel::delete(
        public_tombstones::table
            .filter(public_tombstones::deleted_at.lt(crate::db::now() - TOMBSTONE_RETENTION)),
    )
    .execute(conn)
}

pub fn current(conn: &mut DbConnection) -> QueryResult<i64> {
    publication_state::table
        .select(publication_state::generation)
        .first(conn)
}

/// A cached response body with its content type and ETag, and its compressed forms once a
/// client asked for them (a cache hit then costs no compression).
pub struct Cached {
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub etag: String,
    /// `Link` header (the next page, for CSV).
    pub link: Option<String>,
    gzip: OnceLock<Vec<u8>>,
    brotli: OnceLock<Vec<u8>>,
}

impl Cached {
    pub fn new(
        content_type: &'static str,
        body: Vec<u8>,
        etag: String,
        link: Option<String>,
    ) -> Self {
        Self {
            content_type,
            body,
            etag,
            link,
            gzip: OnceLock::new(),
            brotli: OnceLock::new(),
        }
    }

    /// The body in `encoding` (gzip or brotli; else as it is), compressed the first time.
    pub fn encoded(&self, encoding: ContentEncoding) -> &[u8] {
        match encoding {
            ContentEncoding::Gzip => self.gzip.get_or_init(|| crate::http::gzip(&self.body)),
            ContentEncoding::Brotli => self.brotli.get_or_init(|| crate::http::brotli(&self.body)),
            _ => &self.body,
        }
    }
}

/// Responses of one generation; a newer generation empties it.
#[derive(Default)]
pub struct ResponseCache {
    entries: Mutex<(i64, HashMap<String, Arc<Cached>>)>,
}

/// Bounds the memory a flood of distinct queries can take.
const MAX_ENTRIES: usize = 2_000;

impl ResponseCache {
    pub fn get(&self, generation: i64, key: &str) -> Option<Arc<Cached>> {
        let entries = self.entries.lock().ok()?;
        (entries.0 == generation)
            .then(|| entries.1.get(key).cloned())
            .flatten()
    }

    pub fn put(&self, generation: i64, key: String, value: Arc<Cached>) {
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        if entries.0 != generation {
            if generation < entries.0 {
                return; // built from older data than the cache already holds
            }
            *entries = (generation, HashMap::new());
        }
        if entries.1.len() >= MAX_ENTRIES {
            entries.1.clear();
        }
        entries.1.insert(key, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cached(body: &str) -> Arc<Cached> {
        Arc::new(Cached::new(
            "application/json",
            body.into(),
            "x".into(),
            None,
        ))
    }

    #[test]
    fn entries_of_another_generation_are_never_served() {
        let cache = ResponseCache::default();
        cache.put(3, "q".into(), cached("three"));
        assert_eq!(cache.get(3, "q").unwrap().body, b"three");
        assert!(cache.get(4, "q").is_none());
        cache.put(4, "q".into(), cached("four"));
        assert!(cache.get(3, "q").is_none());
        cache.put(3, "q".into(), cached("stale"));
        assert_eq!(
            cache.get(4, "q").unwrap().body,
            b"four",
            "an older build does not replace a newer one"
        );
    }
}
