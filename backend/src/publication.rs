//! The publication generation: a counter that every change to public mentor data increases in
//! the same transaction, and the response cache keyed by it. A request reads the counter (one
//! primary-key lookup) and serves a cached body only when it was built at that very generation,
//! so consent withdrawals take effect on the next request on every server instance.

use crate::db::DbConnection;
use crate::error::ApiError;
use crate::schema::publication_state;
use actix_web::http::header::{self, ContentEncoding};
use actix_web::{HttpRequest, HttpResponse};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::Duration;

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

impl Cached {
    /// The answer to `req`: 304 when it holds the ETag, else the body in the encoding the
    /// client prefers, with the `Link` header.
    pub fn respond(&self, req: &HttpRequest) -> Result<HttpResponse, ApiError> {
        let encoding = crate::http::preferred_encoding(req);
        let mut response = crate::http::respond(
            req,
            crate::http::encoded_etag(&self.etag, encoding),
            self.content_type,
            self.encoded(encoding).to_vec(),
        )?;
        crate::http::mark_encoding(&mut response, encoding);
        if let Some(link) = self
            .link
            .as_deref()
            .and_then(|l| header::HeaderValue::from_str(l).ok())
        {
            response.headers_mut().insert(header::LINK, link);
        }
        Ok(response)
    }
}

/// Values of one generation, by key; a newer generation empties it.
pub struct GenerationCache<V> {
    entries: Mutex<(i64, HashMap<String, V>)>,
    /// Bounds the memory a flood of distinct queries can take: a full cache starts anew.
    capacity: usize,
    /// The (generation, key) pairs being worked out by [`GenerationCache::get_or_work_out`],
    /// and the signal that one of them is done.
    working: Mutex<HashSet<(i64, String)>>,
    done: Condvar,
}

impl<V> Default for GenerationCache<V> {
    fn default() -> Self {
        Self::with_capacity(2_000)
    }
}

impl<V> GenerationCache<V> {
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            entries: Mutex::new((0, HashMap::new())),
            capacity,
            working: Mutex::default(),
            done: Condvar::new(),
        }
    }
}

impl<V: Clone> GenerationCache<V> {
    pub fn get(&self, generation: i64, key: &str) -> Option<V> {
        let entries = self.entries.lock().ok()?;
        (entries.0 == generation)
            .then(|| entries.1.get(key).cloned())
            .flatten()
    }

    pub fn put(&self, generation: i64, key: String, value: V) {
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        if entries.0 != generation {
            if generation < entries.0 {
                return; // built from older data than the cache already holds
            }
            *entries = (generation, HashMap::new());
        }
        if entries.1.len() >= self.capacity {
            entries.1.clear();
        }
        entries.1.insert(key, value);
    }
}

/// How long [`GenerationCache::wait_for_others`] waits for another's work at most.
const WAIT_FOR_OTHERS: Duration = Duration::from_secs(10);

impl<V: Clone> GenerationCache<V> {
    /// The value kept for `key` at `generation`, else the one `work_out` gives, kept; `None`,
    /// without working, while another request works out the same value. Work on one key and
    /// generation is done once: a crowd asking at once (the first minutes after a change, or
    /// after a start) waits for the first to finish instead of each doing it again. At
    /// 1,000,000 mentors the deep-page anchors of the whole listing take a quarter of a second;
    /// done by every waiting request at once, they held all connections for seconds. The crowd
    /// waits with [`Self::wait_for_others`] after giving back what the work needs (its
    /// database connection): waiting while holding it, the first crowd took the whole pool
    /// and requests for other filters timed out waiting for a connection.
    pub fn get_or_work_out<E>(
        &self,
        generation: i64,
        key: &str,
        work_out: impl FnOnce() -> Result<V, E>,
    ) -> Result<Option<V>, E> {
        if let Some(value) = self.get(generation, key) {
            return Ok(Some(value));
        }
        let pair = (generation, key.to_owned());
        let working_on_it = match self.working.lock() {
            Ok(mut working) => {
                // Again under the lock: the work may have ended since the look above.
                if let Some(value) = self.get(generation, key) {
                    return Ok(Some(value));
                }
                if !working.insert(pair.clone()) {
                    return Ok(None);
                }
                true
            }
            Err(_) => false, // a poisoned lock: work without sharing
        };
        let _finished = working_on_it.then(|| Finished {
            working: &self.working,
            done: &self.done,
            pair,
        });
        let value = work_out()?;
        self.put(generation, key.to_owned(), value.clone());
        Ok(Some(value))
    }

    /// Blocks while another request works out `key` at `generation` (see
    /// [`Self::get_or_work_out`]), for [`WAIT_FOR_OTHERS`] at most.
    pub fn wait_for_others(&self, generation: i64, key: &str) {
        let pair = (generation, key.to_owned());
        let Ok(working) = self.working.lock() else {
            return;
        };
        let _ = self
            .done
            .wait_timeout_while(working, WAIT_FOR_OTHERS, |working| working.contains(&pair));
    }
}

/// Takes a (generation, key) pair off the work list when its work ends, however it ends, and
/// wakes the waiters, so that none waits for work nobody does.
struct Finished<'a> {
    working: &'a Mutex<HashSet<(i64, String)>>,
    done: &'a Condvar,
    pair: (i64, String),
}

impl Drop for Finished<'_> {
    fn drop(&mut self) {
        if let Ok(mut working) = self.working.lock() {
            working.remove(&self.pair);
        }
        self.done.notify_all();
    }
}

/// A facet's blocks of the listing's index as read at one generation (see
/// `api::listing::blocks`): where each starts in the listing's order (sort name, id), with the
/// number of keys before it, and the number of keys in all.
pub struct FacetBlocks {
    pub starts: Vec<((String, i64), i64)>,
    pub total: i64,
}

/// Whole responses of one generation.
pub type ResponseCache = GenerationCache<Arc<Cached>>;

/// What public answers are served from between changes. A page or a count is valid for the
/// listing generation it was read at; coverage for the coverage generation.
pub struct PublicCaches {
    /// Listing pages (JSON and CSV), by query.
    pub pages: ResponseCache,
    /// The number of listed mentors per filter, shared by all pages of the filter.
    pub counts: GenerationCache<i64>,
    /// Where deep pages of a filter start, per filter: the listing's keys (sort name, id) at
    /// every stride of positions (see `api::listing::keys`).
    pub anchors: GenerationCache<Arc<Vec<(String, i64)>>>,
    /// The blocks of a filter of one facet, per filter: its count and where its pages start.
    pub blocks: GenerationCache<Arc<FacetBlocks>>,
    /// Coverage answers, by district filter.
    pub coverage: ResponseCache,
    /// The whole state's coverage (under the key `""`), which district answers are cut from.
    pub coverage_whole: GenerationCache<Arc<shared::coverage::Coverage>>,
    /// Held while coverage is computed, so a crowd asking at once after a change waits for one
    /// computation instead of starting one each.
    pub coverage_computing: tokio::sync::Mutex<()>,
}

impl Default for PublicCaches {
    fn default() -> Self {
        Self {
            pages: GenerationCache::default(),
            // A count is a number: every filter combination of a busy listing fits (district,
            // municipality, field and language make tens of thousands) in a few MiB.
            counts: GenerationCache::with_capacity(100_000),
            // Only filters with more matches than a stride have anchors: a few hundred.
            anchors: GenerationCache::default(),
            // One per filter of one facet: municipalities, pairs of place and field, and more.
            blocks: GenerationCache::with_capacity(100_000),
            coverage: GenerationCache::default(),
            coverage_whole: GenerationCache::default(),
            coverage_computing: tokio::sync::Mutex::default(),
        }
    }
}

impl PublicCaches {
    /// Blocks while another request works out the count or anchors of the filter `key` at the
    /// listing `generation`: call it holding no database connection.
    pub fn wait_for_filter(&self, generation: i64, key: &str) {
        self.counts.wait_for_others(generation, key);
        self.anchors.wait_for_others(generation, key);
        self.blocks.wait_for_others(generation, key);
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

    /// Asks as a request does: on `None`, waits for the other's work, then asks again.
    fn ask(cache: &GenerationCache<i64>, generation: i64, work: impl Fn() -> i64) -> i64 {
        loop {
            match cache.get_or_work_out(generation, "f3", || Ok::<_, ()>(work())) {
                Ok(Some(value)) => return value,
                Ok(None) => cache.wait_for_others(generation, "f3"),
                Err(()) => unreachable!("the work does not fail"),
            }
        }
    }

    #[test]
    fn a_crowd_asking_at_once_works_a_value_out_once() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let cache = GenerationCache::<i64>::default();
        let work = AtomicUsize::new(0);
        let answers: Vec<i64> = std::thread::scope(|s| {
            let asking: Vec<_> = (0..8)
                .map(|_| {
                    s.spawn(|| {
                        ask(&cache, 7, || {
                            work.fetch_add(1, Ordering::SeqCst);
                            std::thread::sleep(Duration::from_millis(200));
                            42
                        })
                    })
                })
                .collect();
            asking.into_iter().map(|t| t.join().unwrap()).collect()
        });
        assert_eq!(answers, [42; 8]);
        assert_eq!(
            work.load(Ordering::SeqCst),
            1,
            "the others waited for the first"
        );
        assert_eq!(cache.get(7, "f3"), Some(42));
        // Another generation is worked out anew.
        assert_eq!(ask(&cache, 8, || 43), 43);
    }

    #[test]
    fn while_another_works_a_value_out_the_asker_is_told_to_wait_not_kept() {
        let cache = GenerationCache::<i64>::default();
        let (started, release) = (std::sync::Barrier::new(2), std::sync::Barrier::new(2));
        std::thread::scope(|s| {
            let worker = s.spawn(|| {
                cache.get_or_work_out(7, "f3", || {
                    started.wait();
                    release.wait();
                    Ok::<_, ()>(42)
                })
            });
            started.wait();
            let busy = cache.get_or_work_out(7, "f3", || -> Result<i64, ()> {
                unreachable!("not worked out twice")
            });
            assert_eq!(busy, Ok(None), "answered at once, without the value");
            release.wait();
            assert_eq!(worker.join().unwrap(), Ok(Some(42)));
        });
        cache.wait_for_others(7, "f3");
        assert_eq!(cache.get(7, "f3"), Some(42));
    }

    #[test]
    fn work_that_fails_leaves_the_next_asker_to_try_again() {
        let cache = GenerationCache::<i64>::default();
        assert_eq!(cache.get_or_work_out(1, "k", || Err("down")), Err("down"));
        assert_eq!(
            cache.get_or_work_out(1, "k", || Ok::<_, &str>(5)),
            Ok(Some(5))
        );
        assert_eq!(
            cache.get_or_work_out(1, "k", || Err("not asked again")),
            Ok(Some(5))
        );
    }
}
