//! One connection type for both databases, the pool, migrations and write transactions.

use crate::error::ApiError;
use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::prelude::*;
use diesel::r2d2::{ConnectionManager, ManageConnection, Pool, PooledConnection};
use diesel::sql_query;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::cell::Cell;
use std::sync::Arc;
use std::time::{Duration, Instant};

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

/// A connection to either database; handlers and queries are written once against it.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}

pub type DbPool = Pool<Manager>;
pub type PooledConn = PooledConnection<Manager>;

/// The counters public answers are cached by (see `crate::publication`): `listing` moves with
/// every change to the public listing, `coverage` with every change coverage is computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Generations {
    pub listing: i64,
    pub coverage: i64,
}

pub fn read_generations(conn: &mut DbConnection) -> QueryResult<Generations> {
    use crate::schema::publication_generations as g;
    let (listing, coverage) = g::table.select((g::listing, g::coverage)).first(conn)?;
    Ok(Generations { listing, coverage })
}

thread_local! {
    /// What the check of the connection just checked out on this thread read.
    static CHECKED: Cell<Option<Generations>> = const { Cell::new(None) };
}

/// How long a connection that answered counts as alive without another check. Under load a
/// connection is then checked about once a second instead of at every check-out, which saved a
/// round trip per database call (three of the 33 statements a new mentor costs).
const PROVEN_FOR: Duration = Duration::from_secs(1);

/// A pooled connection and when it last proved alive (see [`Manager`]).
pub struct Conn {
    inner: DbConnection,
    proven: Option<Instant>,
}

impl Conn {
    /// The next check-out checks the connection again: a call on it failed, perhaps because the
    /// database went away.
    fn suspect(&mut self) {
        self.proven = None;
    }
}

impl std::ops::Deref for Conn {
    type Target = DbConnection;
    fn deref(&self) -> &DbConnection {
        &self.inner
    }
}

impl std::ops::DerefMut for Conn {
    fn deref_mut(&mut self) -> &mut DbConnection {
        &mut self.inner
    }
}

/// diesel's connection manager, except that the check a connection passes on check-out reads
/// the [`Generations`] instead of running `SELECT 1`: a request answered from the response
/// cache then costs one database round trip, which is both the liveness check (a connection
/// broken by a restart is replaced before use) and the cache key. A connection that passed the
/// check within [`PROVEN_FOR`], and has not failed a call since, is handed out unchecked.
#[derive(Debug)]
pub struct Manager(ConnectionManager<DbConnection>);

impl ManageConnection for Manager {
    type Connection = Conn;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<Conn, Self::Error> {
        let mut inner = self.0.connect()?;
        sqlite_pragmas(&mut inner).map_err(diesel::r2d2::Error::QueryError)?;
        Ok(Conn {
            inner,
            proven: None,
        })
    }

    fn is_valid(&self, conn: &mut Conn) -> Result<(), Self::Error> {
        if conn.proven.is_some_and(|at| at.elapsed() < PROVEN_FOR) {
            return Ok(());
        }
        let generations =
            read_generations(&mut conn.inner).map_err(diesel::r2d2::Error::QueryError)?;
        CHECKED.with(|c| c.set(Some(generations)));
        conn.proven = Some(Instant::now());
        Ok(())
    }

    fn has_broken(&self, conn: &mut Conn) -> bool {
        self.0.has_broken(&mut conn.inner)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DbSetupError {
    #[error("cannot create the directory for the SQLite database {path}: {source}")]
    Directory {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot connect to the database {url}: {reason}")]
    Connect { url: String, reason: String },
    #[error("applying migrations failed: {0}")]
    Migrations(String),
}

/// The current time at microsecond precision, the finest both databases keep, so a timestamp
/// read back compares equal to the one written.
pub fn now() -> chrono::NaiveDateTime {
    use chrono::{SubsecRound, Utc};
    Utc::now().naive_utc().trunc_subsecs(6)
}

/// True when `url` names a PostgreSQL database; everything else is a SQLite file path.
pub fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// Hides a password in a connection URL before it goes into a message or a log.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// Settings every SQLite connection needs; none for PostgreSQL.
fn sqlite_pragmas(conn: &mut DbConnection) -> QueryResult<()> {
    if let DbConnection::Sqlite(c) = conn {
        // Reads go through a memory map of the file: without it SQLite copies every page it
        // reads from the operating system's cache into its own small one (at 100,000 mentors a
        // random mix of listing pages spent an eighth of its time copying). The map is as large
        // as SQLite allows (2 GiB less 64 KiB, its built-in cap): with 1 GiB, pages past the
        // first gigabyte of the 1.9 GB database of 1,000,000 mentors were copied again, and the
        // random mix served 4,743 and 5,110 requests a second against 7,092 and 6,471.
        c.batch_execute(
            "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; \
             PRAGMA synchronous = NORMAL; PRAGMA mmap_size = 2147418112;",
        )?;
    }
    Ok(())
}

/// How long a request waits for a database connection before it answers 503.
const CHECKOUT_TIMEOUT: Duration = Duration::from_secs(2);

/// A PostgreSQL URL gets a connect timeout unless it names one, so an unreachable server is
/// noticed within seconds rather than after the operating system's TCP timeout.
fn with_connect_timeout(url: &str) -> std::borrow::Cow<'_, str> {
    if !is_postgres(url) || url.contains("connect_timeout=") {
        return url.into();
    }
    let separator = if url.contains('?') { '&' } else { '?' };
    format!(
        "{url}{separator}connect_timeout={}",
        CHECKOUT_TIMEOUT.as_secs()
    )
    .into()
}

/// Connects, checks the database answers and applies pending migrations.
pub fn connect(url: &str, pool_size: u32) -> Result<DbPool, DbSetupError> {
    if !is_postgres(url) {
        let path = url.strip_prefix("sqlite://").unwrap_or(url);
        if let Some(dir) = std::path::Path::new(path)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir).map_err(|source| DbSetupError::Directory {
                path: path.to_owned(),
                source,
            })?;
        }
    }
    let url = &*with_connect_timeout(url);
    // Connect once directly: MultiConnection's own error hides the real cause.
    let mut conn = establish(url)?;
    run_migrations(&mut conn)?;
    drop(conn);
    pool(url, pool_size)
}

/// A pool of at most `size` connections to the (migrated) database at `url`.
fn pool(url: &str, size: u32) -> Result<DbPool, DbSetupError> {
    let manager = Manager(ConnectionManager::<DbConnection>::new(
        url.strip_prefix("sqlite://").unwrap_or(url),
    ));
    Pool::builder()
        .max_size(size)
        // One connection while idle, more as requests need them: each SQLite connection holds
        // its own parsed schema and page cache, and each PostgreSQL one a server process.
        .min_idle(Some(1))
        // While the database cannot be reached, requests answer 503 after this, not after 30 s.
        .connection_timeout(CHECKOUT_TIMEOUT)
        .build(manager)
        .map_err(|e| DbSetupError::Connect {
            url: redact(url),
            reason: e.to_string(),
        })
}

fn establish(url: &str) -> Result<DbConnection, DbSetupError> {
    let fail = |reason: String| DbSetupError::Connect {
        url: redact(url),
        reason,
    };
    let mut conn = if is_postgres(url) {
        DbConnection::Postgres(PgConnection::establish(url).map_err(|e| fail(e.to_string()))?)
    } else {
        let path = url.strip_prefix("sqlite://").unwrap_or(url);
        DbConnection::Sqlite(SqliteConnection::establish(path).map_err(|e| fail(e.to_string()))?)
    };
    sqlite_pragmas(&mut conn).map_err(|e| fail(e.to_string()))?;
    Ok(conn)
}

fn run_migrations(conn: &mut DbConnection) -> Result<(), DbSetupError> {
    let applied = match conn {
        DbConnection::Postgres(c) => c
            .run_pending_migrations(POSTGRES_MIGRATIONS)
            .map(|v| v.len()),
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.len()),
    }
    .map_err(|e| DbSetupError::Migrations(e.to_string()))?;
    if applied > 0 {
        tracing::info!(applied, "database migrations applied");
    }
    Ok(())
}

/// Whether the connection is to SQLite (for the few things the databases index differently).
pub fn is_sqlite(conn: &DbConnection) -> bool {
    matches!(conn, DbConnection::Sqlite(_))
}

/// SQL written with PostgreSQL's numbered placeholders (`$1`), in the form the connection's
/// database takes (`?1` on SQLite). For the few statements diesel's DSL cannot express on both.
pub fn dialect(conn: &DbConnection, sql: &str) -> String {
    match conn {
        DbConnection::Postgres(_) => sql.to_owned(),
        DbConnection::Sqlite(_) => {
            let mut out = String::with_capacity(sql.len());
            let mut chars = sql.chars().peekable();
            while let Some(c) = chars.next() {
                if c == '$' && chars.peek().is_some_and(char::is_ascii_digit) {
                    out.push('?');
                } else {
                    out.push(c);
                }
            }
            out
        }
    }
}

/// SQL text whose values are bound as parameters, built piece by piece for queries whose shape
/// varies (the listing index's filters). Unlike `sql_query`, which diesel never keeps prepared,
/// diesel keeps each distinct text prepared on its connection: PostgreSQL then parses and plans
/// each shape once per connection instead of once per request. Placeholders are written by the
/// backend, so the same pieces serve both databases.
#[derive(Debug, Default)]
pub struct Statement {
    parts: Vec<Part>,
}

#[derive(Debug)]
enum Part {
    Sql(String),
    Text(String),
    BigInt(i64),
}

impl Statement {
    pub fn sql(mut self, sql: impl Into<String>) -> Self {
        self.parts.push(Part::Sql(sql.into()));
        self
    }

    pub fn text(mut self, value: impl Into<String>) -> Self {
        self.parts.push(Part::Text(value.into()));
        self
    }

    pub fn big_int(mut self, value: i64) -> Self {
        self.parts.push(Part::BigInt(value));
        self
    }

    /// This statement followed by `other`, e.g. a query spliced in as a subquery.
    pub fn append(mut self, other: Statement) -> Self {
        self.parts.extend(other.parts);
        self
    }
}

/// The backend of [`DbConnection`] (either database), for boxed queries and expressions.
pub type Backend = <DbConnection as Connection>::Backend;

impl diesel::query_builder::QueryFragment<Backend> for Statement {
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, Backend>,
    ) -> QueryResult<()> {
        use diesel::sql_types::{BigInt, Text};
        for part in &self.parts {
            match part {
                Part::Sql(sql) => out.push_sql(sql),
                Part::Text(value) => out.push_bind_param::<Text, _>(value)?,
                Part::BigInt(value) => out.push_bind_param::<BigInt, _>(value)?,
            }
        }
        Ok(())
    }
}

/// No static id: diesel keys the prepared statement by its text and parameter types.
impl diesel::query_builder::QueryId for Statement {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

/// Rows are read by column name (`QueryableByName`), as with `sql_query`.
impl diesel::query_builder::Query for Statement {
    type SqlType = diesel::sql_types::Untyped;
}

impl RunQueryDsl<DbConnection> for Statement {}

/// Runs `f` in a write transaction. On SQLite it starts with `BEGIN IMMEDIATE`, so the write lock
/// is taken up front and concurrent writers queue on `busy_timeout` instead of failing midway.
pub fn write_tx<T, E>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    match conn {
        DbConnection::Sqlite(c) => {
            AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?
        }
        DbConnection::Postgres(c) => AnsiTransactionManager::begin_transaction(c)?,
    }
    finish(conn, f)
}

/// Holds the row `id` of `table` until the transaction ends, so writers that check what hangs
/// on it and then change it take turns (places of a course, the state of an application). On
/// SQLite the write transaction holds the whole database already (`BEGIN IMMEDIATE`).
pub fn hold_row(conn: &mut DbConnection, table: &'static str, id: i64) -> QueryResult<()> {
    if let DbConnection::Postgres(pg) = conn {
        sql_query(format!("SELECT 1 FROM {table} WHERE id = $1 FOR UPDATE"))
            .bind::<diesel::sql_types::BigInt, _>(id)
            .execute(pg)?;
    }
    Ok(())
}

/// Runs `f` in a read-only transaction that sees one snapshot of the database, so several
/// queries (a page, its count, the tombstones beside it) agree with each other. On SQLite a
/// deferred transaction in WAL mode reads one snapshot from its first read on.
pub fn read_snapshot<T, E>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    match conn {
        DbConnection::Sqlite(c) => AnsiTransactionManager::begin_transaction_sql(c, "BEGIN")?,
        DbConnection::Postgres(c) => AnsiTransactionManager::begin_transaction_sql(
            c,
            "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
        )?,
    }
    finish(conn, f)
}

/// Commits when `f` succeeded, rolls back when it failed.
fn finish<T, E>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    match f(conn) {
        Ok(value) => {
            <DbConnection as Connection>::TransactionManager::commit_transaction(conn)?;
            Ok(value)
        }
        Err(e) => {
            // When the connection itself broke, the rollback fails too; the first error is the
            // one that says what happened (and the pool drops the broken connection).
            if let Err(rollback) =
                <DbConnection as Connection>::TransactionManager::rollback_transaction(conn)
            {
                tracing::warn!(error = %rollback, "rollback failed");
            }
            Err(e)
        }
    }
}

/// Work that belongs in every write transaction of a request: set for the request with
/// [`with_write_hook`], run by [`Db::write`] and [`Db::create`] before they commit. `created` is
/// the address (`/api/v1/…`) of the record the transaction creates, when [`Db::create`] runs it.
pub trait WriteHook: Send + Sync {
    fn before_commit(&self, conn: &mut DbConnection, created: Option<&str>)
        -> Result<(), ApiError>;
}

tokio::task_local! {
    static WRITE_HOOK: Arc<dyn WriteHook>;
}

/// Runs `request` (a handler's future) with `hook` in every write transaction it makes.
pub async fn with_write_hook<F: std::future::Future>(
    hook: Arc<dyn WriteHook>,
    request: F,
) -> F::Output {
    WRITE_HOOK.scope(hook, request).await
}

/// Runs `f` on a pooled connection; when it fails, the connection is checked before its next
/// use, so one broken by an outage is noticed and replaced.
fn checked<T>(
    conn: &mut PooledConn,
    f: impl FnOnce(&mut DbConnection) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let result = f(conn);
    if result.is_err() {
        conn.suspect();
    }
    result
}

/// The pool as handlers use it: every database call runs on actix's blocking thread pool.
#[derive(Clone)]
pub struct Db {
    pool: DbPool,
    /// The API's writes take a turn first come first served (tokio's semaphore is fair) before
    /// they check a connection out, and run on the pool named beside the turns.
    /// - On SQLite, which has one writer at a time, one turn, on a connection of their own.
    ///   Left to SQLite's busy handler, writers retried after sleeps of up to 100 ms: 16 of
    ///   them made fewer writes than one, with a p99 near a second. And a connection that did
    ///   not make the last change drops its page cache and its memory map of the file before
    ///   it reads again; the writer's own stay valid.
    /// - On PostgreSQL, as many turns as the pool has connections. The pool hands a freed
    ///   connection to any waiting thread, not the longest waiting, so in a rush of writes on
    ///   one row (200 registering for one course on two servers) one could wait past the
    ///   checkout timeout and answer 503 while later ones went through.
    writers: (Arc<tokio::sync::Semaphore>, DbPool),
    /// Where the database is, for a write on a connection of its own ([`Db::write_apart`]).
    url: Arc<str>,
    /// Whether the last write found the database unreachable (see [`Db::run_writing`]).
    unreachable: Arc<Unreachable>,
}

/// When the last write found the database unreachable; cleared by the next that reaches it.
#[derive(Default)]
struct Unreachable(std::sync::Mutex<Option<Instant>>);

impl Unreachable {
    fn note<T>(&self, result: &Result<T, ApiError>) {
        if let Ok(mut since) = self.0.lock() {
            *since = matches!(result, Err(ApiError::Unavailable(_))).then(Instant::now);
        }
    }

    /// Whether a write found the database unreachable after `asked` and none reached it since.
    fn since(&self, asked: Instant) -> bool {
        self.0
            .lock()
            .ok()
            .and_then(|since| *since)
            .is_some_and(|since| since >= asked)
    }
}

impl Db {
    /// Connects to the database at `url` (see [`connect`]).
    pub fn connect(url: &str, pool_size: u32) -> Result<Self, DbSetupError> {
        let pool = connect(url, pool_size)?;
        let writers = if is_postgres(url) {
            (pool_size as usize, pool.clone())
        } else {
            (1, self::pool(url, 1)?)
        };
        Ok(Self {
            pool,
            writers: (Arc::new(tokio::sync::Semaphore::new(writers.0)), writers.1),
            url: with_connect_timeout(url).into(),
            unreachable: Arc::default(),
        })
    }

    pub fn pool(&self) -> &DbPool {
        &self.pool
    }

    /// Runs `f` with a pooled connection off the async executor.
    pub async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        run_on(self.pool.clone(), f).await
    }

    /// Runs `f` in a write transaction, in a writers' turn (see `Db::writers`), on the pooled
    /// writer or a connection of its own.
    /// The turn moves into the blocking call, so it is held until the transaction ends even
    /// when the request is dropped before.
    ///
    /// A write whose turn comes after a write that found the database unreachable (and none
    /// reached it since) answers 503 at once: in a rush of writes during an outage each would
    /// otherwise wait out its own check-out timeout, one turn after another, for minutes.
    async fn run_writing<T, F>(&self, on: Writer, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let (turns, writer) = &self.writers;
        let asked = Instant::now();
        let turn = Arc::clone(turns)
            .acquire_owned()
            .await
            .map_err(ApiError::internal)?;
        if self.unreachable.since(asked) {
            return Err(ApiError::unavailable(anyhow::anyhow!(
                "the write before this one found the database unreachable"
            )));
        }
        let (pool, unreachable) = (writer.clone(), self.unreachable.clone());
        let url = self.url.clone();
        actix_web::web::block(move || {
            let result = match on {
                Writer::Pooled => on_connection(&pool, |conn| write_tx(conn, f)),
                Writer::Apart => establish(&url)
                    .map_err(ApiError::unavailable)
                    .and_then(|mut conn| write_tx(&mut conn, f)),
            };
            // Before the turn passes on, so the next write knows.
            unreachable.note(&result);
            drop(turn);
            result
        })
        .await
        .map_err(ApiError::internal)?
    }

    /// Like [`Db::run`], with the [`Generations`] as of the check-out: read by the connection
    /// check, so a cache hit costs no further round trip.
    pub async fn run_at_generation<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConnection, Generations) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        actix_web::web::block(move || {
            CHECKED.with(|c| c.set(None));
            let mut conn: PooledConn = pool.get().map_err(ApiError::unavailable)?;
            let passed_check = CHECKED.with(Cell::take);
            checked(&mut conn, |conn| {
                let generations = match passed_check {
                    Some(generations) => generations,
                    None => read_generations(conn)?,
                };
                f(conn, generations)
            })
        })
        .await
        .map_err(ApiError::internal)?
    }

    /// Like [`Db::run`], inside a write transaction, without an audit entry: for the server's
    /// own bookkeeping (rate counters, how a request ended, the mail queue, reminders).
    pub async fn write_unrecorded<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        self.run_writing(Writer::Pooled, f).await
    }

    /// Like [`Db::write_unrecorded`], on a connection opened for it and closed after: for a
    /// rare write that reads much (the reminders' look). A SQLite connection keeps the pages it
    /// read mapped for as long as it lives; read on the pooled writer, the look at start kept
    /// an idle server at 60–99 MiB RSS instead of 26.
    pub async fn write_apart<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        self.run_writing(Writer::Apart, f).await
    }

    /// Like [`Db::run`], inside a write transaction. The request's [`WriteHook`] (the audit
    /// entry of a change made through the API) runs in the same transaction, before it commits.
    pub async fn write<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let hook = WRITE_HOOK.try_with(Arc::clone).ok();
        self.run_writing(Writer::Pooled, move |conn| {
            let value = f(conn)?;
            if let Some(hook) = hook {
                hook.before_commit(conn, None)?;
            }
            Ok(value)
        })
        .await
    }

    /// Like [`Db::write`] for a request that creates a record: `f` answers the record and its
    /// address (`/api/v1/…`, the answer's `Location`). The audit entry written in the same
    /// transaction then names the record and the 201 at once, and needs no second transaction
    /// to learn them after the answer: a new mentor on PostgreSQL took 29 statements and two
    /// commits, now 26 and one.
    pub async fn create<T, F>(&self, f: F) -> Result<(T, String), ApiError>
    where
        F: FnOnce(&mut DbConnection) -> Result<(T, String), ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let hook = WRITE_HOOK.try_with(Arc::clone).ok();
        self.run_writing(Writer::Pooled, move |conn| {
            let (value, location) = f(conn)?;
            if let Some(hook) = hook {
                hook.before_commit(conn, Some(&location))?;
            }
            Ok((value, location))
        })
        .await
    }
}

/// Which connection a write runs on (see [`Db::write_apart`]).
enum Writer {
    Pooled,
    Apart,
}

/// Runs `f` with a connection of `pool` off the async executor.
async fn run_on<T, F>(pool: DbPool, f: F) -> Result<T, ApiError>
where
    F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    actix_web::web::block(move || on_connection(&pool, f))
        .await
        .map_err(ApiError::internal)?
}

/// Runs `f` with a connection of `pool`, on this thread; 503 when none can be had.
fn on_connection<T>(
    pool: &DbPool,
    f: impl FnOnce(&mut DbConnection) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let mut conn: PooledConn = pool.get().map_err(ApiError::unavailable)?;
    checked(&mut conn, f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_follow_the_database() {
        let sqlite = DbConnection::Sqlite(SqliteConnection::establish(":memory:").unwrap());
        assert_eq!(
            dialect(&sqlite, "SELECT $1, '$x', $12"),
            "SELECT ?1, '$x', ?12"
        );
    }

    #[test]
    fn postgres_urls_get_a_connect_timeout() {
        assert_eq!(
            with_connect_timeout("postgres://u@h/db"),
            "postgres://u@h/db?connect_timeout=2"
        );
        assert_eq!(
            with_connect_timeout("postgres://u@h/db?sslmode=require"),
            "postgres://u@h/db?sslmode=require&connect_timeout=2"
        );
        assert_eq!(
            with_connect_timeout("postgres://h/db?connect_timeout=9"),
            "postgres://h/db?connect_timeout=9"
        );
        assert_eq!(with_connect_timeout("./data/m.db"), "./data/m.db");
    }

    #[test]
    fn redact_hides_only_the_password() {
        assert_eq!(
            redact("postgres://u:secret@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact("./data/mentorat.db"), "./data/mentorat.db");
    }
}
