//! Queries of `reports`: every figure is an aggregate the database computes; Rust only adds up
//! the per-district and per-kind rows and labels them.
//!
//! The statements are plain SQL (diesel's DSL has no portable `CASE` sums), written once with
//! PostgreSQL's `$n` placeholders and passed through [`crate::db::dialect`] for SQLite. Their
//! text is built from constants only, never from input.

use crate::db::{dialect, write_tx, DbConnection, MultiBackend};
use crate::error::ApiError;
use crate::schema::{fields_of_activity as fields, municipalities};
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use diesel::prelude::*;
use diesel::query_builder::{BoxedSqlQuery, SqlQuery};
use diesel::sql_types::{BigInt, Bool, Date, Double, Nullable, Text, Timestamp};
use shared::courses::{CourseKind, CourseStatus, EnrolmentStatus};
use shared::people::MentorStatus;
use shared::reports::{
    AreaFigures, CourseFigures, DistrictFigures, FieldFigures, KindFigures, LocalCourse,
    MentorFigures, MunicipalityFigures, Period, ProgrammeReport, TrainedTandem,
};
use std::collections::HashMap;

/// The courses a period's course figures are about: those whose first session or whose
/// completion falls in it.
const IN_PERIOD: &str =
    "(f.first_session_date BETWEEN $1 AND $2 OR f.completed_on BETWEEN $1 AND $2)";

#[derive(QueryableByName)]
struct CourseRow {
    #[diesel(sql_type = Text)]
    district: String,
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = BigInt)]
    planned: i64,
    #[diesel(sql_type = BigInt)]
    held: i64,
    #[diesel(sql_type = BigInt)]
    cancelled: i64,
    #[diesel(sql_type = BigInt)]
    started: i64,
    #[diesel(sql_type = BigInt)]
    completed: i64,
    #[diesel(sql_type = BigInt)]
    dropped_out: i64,
}

#[derive(QueryableByName)]
struct CountRow {
    #[diesel(sql_type = Text)]
    area: String,
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = BigInt)]
    count: i64,
}

#[derive(QueryableByName)]
struct HoursRow {
    #[diesel(sql_type = Text)]
    district: String,
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = Double)]
    hours: f64,
}

#[derive(QueryableByName)]
struct AccompanimentRow {
    #[diesel(sql_type = Text)]
    district: String,
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = BigInt)]
    meetings: i64,
    #[diesel(sql_type = BigInt)]
    attendances: i64,
}

/// Seconds between a session's start and end, in the connection's dialect (0 without times).
fn session_seconds(conn: &DbConnection) -> &'static str {
    match conn {
        DbConnection::Postgres(_) => {
            "CASE WHEN cs.end_time > cs.start_time \
             THEN EXTRACT(EPOCH FROM (cs.end_time - cs.start_time)) ELSE 0 END"
        }
        DbConnection::Sqlite(_) => {
            "CASE WHEN cs.end_time > cs.start_time \
             THEN strftime('%s', cs.end_time) - strftime('%s', cs.start_time) ELSE 0 END"
        }
    }
}

/// Courses and their participants per district and kind: planned, held and cancelled courses;
/// participants who started, completed or dropped out, from the per-course counts.
fn course_rows(conn: &mut DbConnection, period: &Period) -> QueryResult<Vec<CourseRow>> {
    let enrolments = |states: &[EnrolmentStatus]| {
        states
            .iter()
            .map(|s| format!("f.enrolments_{}", s.code()))
            .collect::<Vec<_>>()
            .join(" + ")
    };
    let mut took_place: Vec<EnrolmentStatus> = EnrolmentStatus::ALL
        .iter()
        .copied()
        .filter(|s| s.holds_place())
        .collect();
    took_place.push(EnrolmentStatus::DroppedOut);
    let sum = |condition: &str, of: &str| {
        format!("CAST(COALESCE(SUM(CASE WHEN {condition} THEN {of} ELSE 0 END), 0) AS BIGINT)")
    };
    let (starts, ends) = (
        "f.first_session_date BETWEEN $1 AND $2",
        "f.completed_on BETWEEN $1 AND $2",
    );
    let open = format!("f.status <> '{}'", CourseStatus::Cancelled.code());
    let sql = format!(
        "SELECT f.district_key AS district, f.kind AS kind, \
           {planned} AS planned, {held} AS held, {cancelled} AS cancelled, \
           {started} AS started, {completed} AS completed, {dropped_out} AS dropped_out \
         FROM course_figures f WHERE {IN_PERIOD} \
         GROUP BY f.district_key, f.kind",
        planned = sum(&format!("{open} AND {starts}"), "1"),
        held = sum(ends, "1"),
        cancelled = sum(&format!("NOT ({open}) AND {starts}"), "1"),
        started = sum(&format!("{open} AND {starts}"), &enrolments(&took_place)),
        completed = sum(ends, &enrolments(&[EnrolmentStatus::Completed])),
        dropped_out = sum(starts, &enrolments(&[EnrolmentStatus::DroppedOut])),
    );
    diesel::sql_query(dialect(conn, &sql))
        .bind::<Date, _>(period.from)
        .bind::<Date, _>(period.to)
        .load(conn)
}

/// The first day of `day`'s month.
fn month_of(day: NaiveDate) -> NaiveDate {
    day.with_day(1).expect("every month has a first day")
}

/// Hours held in the period up to `until`, per district and kind of their (not cancelled)
/// course: whole months from the per-month sums, a month still running from its sessions.
fn hour_rows(
    conn: &mut DbConnection,
    period: &Period,
    until: NaiveDate,
) -> QueryResult<Vec<HoursRow>> {
    if until < period.from {
        return Ok(Vec::new());
    }
    // Sessions are read from `live_from` on: the month of `until`, unless it ends that day (as
    // every finished period does), in which case the per-month sums cover it all.
    let next_day = until.succ_opt().expect("a day after");
    let live_from = if next_day.day() == 1 {
        next_day
    } else {
        month_of(until).max(period.from)
    };
    let sql = format!(
        "WITH h AS (SELECT district_key, kind, status, seconds FROM course_month_hours \
             WHERE month >= $1 AND month < $2 \
           UNION ALL SELECT f.district_key, f.kind, f.status, {seconds} FROM course_sessions cs \
             JOIN course_figures f ON f.course_id = cs.course_id \
             WHERE cs.session_date BETWEEN $2 AND $3) \
         SELECT district_key AS district, kind, \
           CAST(SUM(seconds) / 3600.0 AS DOUBLE PRECISION) AS hours \
         FROM h WHERE status <> '{cancelled}' GROUP BY district_key, kind",
        seconds = session_seconds(conn),
        cancelled = CourseStatus::Cancelled.code(),
    );
    diesel::sql_query(dialect(conn, &sql))
        .bind::<Date, _>(period.from)
        .bind::<Date, _>(live_from)
        .bind::<Date, _>(until)
        .load(conn)
}

/// Tandems trained per district and kind: pairs who completed a trainer course completed in the
/// period, each pair once.
fn tandem_rows(conn: &mut DbConnection, period: &Period) -> QueryResult<Vec<CountRow>> {
    let sql = format!(
        "SELECT f.district_key AS area, f.kind AS kind, CAST(COUNT(*) AS BIGINT) AS count \
         FROM course_figures f \
         JOIN enrolments e ON e.course_id = f.course_id \
         WHERE f.completed_on BETWEEN $1 AND $2 AND f.kind = '{trainer_course}' \
           AND e.status = '{completed}' \
           AND e.tandem_partner_id IS NOT NULL AND e.person_id < e.tandem_partner_id \
         GROUP BY f.district_key, f.kind",
        trainer_course = CourseKind::TrainerCourse.code(),
        completed = EnrolmentStatus::Completed.code(),
    );
    diesel::sql_query(dialect(conn, &sql))
        .bind::<Date, _>(period.from)
        .bind::<Date, _>(period.to)
        .load(conn)
}

/// Certificates issued in the period and not revoked by its end, per district and kind: the
/// per-course counts less the (few) revoked ones.
fn certificate_rows(conn: &mut DbConnection, period: &Period) -> QueryResult<Vec<CountRow>> {
    let sql = "WITH n AS (SELECT course_id, certificates AS n FROM course_certificate_counts \
             WHERE issued_on BETWEEN $1 AND $2 \
           UNION ALL SELECT course_id, -1 FROM certificates \
             WHERE revoked_on IS NOT NULL AND revoked_on <= $2 AND issued_on BETWEEN $1 AND $2) \
         SELECT f.district_key AS area, f.kind AS kind, CAST(SUM(n.n) AS BIGINT) AS count \
         FROM n JOIN course_figures f ON f.course_id = n.course_id \
         GROUP BY f.district_key, f.kind";
    diesel::sql_query(dialect(conn, sql))
        .bind::<Date, _>(period.from)
        .bind::<Date, _>(period.to)
        .load(conn)
}

/// Accompaniment meetings held in the period and their attendances, per district and kind of
/// their course.
fn accompaniment_rows(
    conn: &mut DbConnection,
    period: &Period,
) -> QueryResult<Vec<AccompanimentRow>> {
    let sql = "SELECT f.district_key AS district, f.kind AS kind, \
           CAST(COUNT(DISTINCT am.id) AS BIGINT) AS meetings, \
           CAST(COUNT(aa.enrolment_id) AS BIGINT) AS attendances \
         FROM accompaniment_meetings am \
         JOIN course_figures f ON f.course_id = am.course_id \
         LEFT JOIN accompaniment_attendance aa ON aa.meeting_id = am.id \
         WHERE am.meeting_date BETWEEN $1 AND $2 \
         GROUP BY f.district_key, f.kind";
    diesel::sql_query(dialect(conn, sql))
        .bind::<Date, _>(period.from)
        .bind::<Date, _>(period.to)
        .load(conn)
}

#[derive(QueryableByName)]
struct TandemRow {
    #[diesel(sql_type = BigInt)]
    course_id: i64,
    #[diesel(sql_type = Text)]
    course_title: String,
    #[diesel(sql_type = Date)]
    completed_on: NaiveDate,
    #[diesel(sql_type = Text)]
    trainee: String,
    #[diesel(sql_type = Nullable<Text>)]
    partner: Option<String>,
    #[diesel(sql_type = Nullable<BigInt>)]
    local_id: Option<i64>,
    #[diesel(sql_type = Nullable<Text>)]
    local_title: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    local_status: Option<CourseStatus>,
    #[diesel(sql_type = Nullable<Date>)]
    local_first_date: Option<NaiveDate>,
}

/// Tandems who completed a trainer course completed in the period, each pair once, with the
/// local course named at their registration.
fn tandems(conn: &mut DbConnection, period: &Period) -> Result<Vec<TrainedTandem>, ApiError> {
    let sql = format!(
        "SELECT c.id AS course_id, c.title AS course_title, c.completed_on AS completed_on, \
           p.given_name || ' ' || p.family_name AS trainee, \
           q.given_name || ' ' || q.family_name AS partner, \
           l.id AS local_id, l.title AS local_title, l.status AS local_status, \
           s.first_session_date AS local_first_date \
         FROM course_figures f \
         JOIN courses c ON c.id = f.course_id \
         JOIN enrolments e ON e.course_id = f.course_id \
         JOIN people p ON p.id = e.person_id \
         LEFT JOIN people q ON q.id = e.tandem_partner_id \
         LEFT JOIN courses l ON l.id = e.local_course_id \
         LEFT JOIN course_figures s ON s.course_id = l.id \
         WHERE f.kind = '{trainer_course}' AND e.status = '{completed}' \
           AND f.completed_on BETWEEN $1 AND $2 \
           AND (e.tandem_partner_id IS NULL OR e.person_id < e.tandem_partner_id) \
         ORDER BY c.completed_on, c.id, e.id",
        trainer_course = CourseKind::TrainerCourse.code(),
        completed = EnrolmentStatus::Completed.code(),
    );
    let rows: Vec<TandemRow> = diesel::sql_query(dialect(conn, &sql))
        .bind::<Date, _>(period.from)
        .bind::<Date, _>(period.to)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| TrainedTandem {
            trainer_course_id: r.course_id,
            trainer_course_title: r.course_title,
            completed_on: r.completed_on,
            trainers: std::iter::once(r.trainee).chain(r.partner).collect(),
            local_course: match (r.local_id, r.local_title, r.local_status) {
                (Some(id), Some(title), Some(status)) => Some(LocalCourse {
                    id,
                    title,
                    status,
                    first_date: r.local_first_date,
                }),
                _ => None,
            },
        })
        .collect())
}

/// The start of the day after `day`: the exclusive end of a period for timestamps.
fn end_of(day: NaiveDate) -> NaiveDateTime {
    day.succ_opt()
        .unwrap_or(day)
        .and_hms_opt(0, 0, 0)
        .expect("midnight exists")
}

#[derive(QueryableByName)]
struct MentorRow {
    /// `state`, `district`, `field` or `covered` (municipalities per district).
    #[diesel(sql_type = Text)]
    dimension: String,
    #[diesel(sql_type = Text)]
    area: String,
    #[diesel(sql_type = BigInt)]
    new: i64,
    #[diesel(sql_type = BigInt)]
    now: i64,
    #[diesel(sql_type = BigInt)]
    before: i64,
}

/// A statement with three moments bound as `$1`–`$3`.
type MomentsQuery = BoxedSqlQuery<'static, MultiBackend, SqlQuery>;

/// The moments a period's mentor figures are counted at: its start (for "new"), its end or, while
/// it runs, the start of the current hour, and the end of the previous period.
struct MentorMoments {
    from: NaiveDateTime,
    as_of: NaiveDateTime,
    previous_as_of: NaiveDateTime,
    /// The start of the current hour: counts of running periods before it are superseded.
    hour: NaiveDateTime,
}

impl MentorMoments {
    fn new(period: &Period, previous: &Period, now: NaiveDateTime) -> Self {
        let hour = now
            .date()
            .and_hms_opt(now.hour(), 0, 0)
            .expect("the start of an hour exists");
        Self {
            from: period.from.and_hms_opt(0, 0, 0).expect("midnight"),
            as_of: end_of(period.to).min(hour),
            previous_as_of: end_of(previous.to).min(hour),
            hour,
        }
    }

    fn running(&self) -> bool {
        self.as_of == self.hour
    }

    fn bind(&self, query: SqlQuery) -> MomentsQuery {
        query
            .into_boxed()
            .bind::<Timestamp, _>(self.from)
            .bind::<Timestamp, _>(self.as_of)
            .bind::<Timestamp, _>(self.previous_as_of)
    }
}

/// The advisory lock that PostgreSQL's `mentor_figures_stale` trigger holds shared while the
/// status history changes and a count holds exclusively (migration 000022).
const MENTOR_FIGURES_LOCK: i64 = 7_704_202_611;

/// The mentor figures of a period and the moment they describe: recorded ones if they were
/// counted before at the same moments, else counted now (for a running period once an hour).
/// Counting walks every mentor's history; reading the record is a primary-key range, which is
/// what keeps the report fast at 100,000 mentors (and [`count_recent`] counts ahead).
fn mentor_rows(
    conn: &mut DbConnection,
    period: &Period,
    previous: &Period,
    now: NaiveDateTime,
) -> QueryResult<(Vec<MentorRow>, NaiveDateTime)> {
    let moments = MentorMoments::new(period, previous, now);
    let (rows, _) = recorded_or_counted(conn, &moments)?;
    Ok((rows, moments.as_of))
}

/// The figures recorded at `moments`, counted and recorded first if there are none; and
/// whether this call had to count (or wait for another's count).
fn recorded_or_counted(
    conn: &mut DbConnection,
    moments: &MentorMoments,
) -> QueryResult<(Vec<MentorRow>, bool)> {
    let recorded = recorded_mentor_rows(conn, moments)?;
    if !recorded.is_empty() {
        return Ok((recorded, false));
    }
    let counted = write_tx(conn, |conn| count_and_record(conn, moments))?;
    Ok((counted, true))
}

fn recorded_mentor_rows(
    conn: &mut DbConnection,
    moments: &MentorMoments,
) -> QueryResult<Vec<MentorRow>> {
    let sql = dialect(
        conn,
        "SELECT dimension, area, new, now, before FROM mentor_figures \
         WHERE period_from = $1 AND as_of = $2 AND previous_as_of = $3",
    );
    moments.bind(diesel::sql_query(sql)).load(conn)
}

/// Counts and records the figures, in a write transaction that no change to the status history
/// can interleave with (SQLite's single writer; on PostgreSQL [`MENTOR_FIGURES_LOCK`]): the
/// count sees every change committed before it, and a change after it removes what it recorded.
/// Figures recorded meanwhile by another report or instance are read back instead; those of
/// running periods from earlier hours are replaced.
fn count_and_record(
    conn: &mut DbConnection,
    moments: &MentorMoments,
) -> QueryResult<Vec<MentorRow>> {
    if let DbConnection::Postgres(_) = conn {
        diesel::sql_query("SELECT pg_advisory_xact_lock($1)")
            .bind::<BigInt, _>(MENTOR_FIGURES_LOCK)
            .execute(conn)?;
    }
    let recorded = recorded_mentor_rows(conn, moments)?;
    if !recorded.is_empty() {
        return Ok(recorded);
    }
    let sql = dialect(
        conn,
        "DELETE FROM mentor_figures WHERE running AND as_of < $1",
    );
    diesel::sql_query(sql)
        .bind::<Timestamp, _>(moments.hour)
        .execute(conn)?;
    let rows = count_mentors(conn, moments)?;
    let sql = dialect(
        conn,
        "INSERT INTO mentor_figures \
           (period_from, as_of, previous_as_of, dimension, area, new, now, before, running) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    );
    for row in &rows {
        moments
            .bind(diesel::sql_query(sql.clone()))
            .bind::<Text, _>(row.dimension.clone())
            .bind::<Text, _>(row.area.clone())
            .bind::<BigInt, _>(row.new)
            .bind::<BigInt, _>(row.now)
            .bind::<BigInt, _>(row.before)
            .bind::<Bool, _>(moments.running())
            .execute(conn)?;
    }
    Ok(rows)
}

/// Counts ahead the mentor figures of the periods staff ask for most, each year and quarter of
/// the last three years up to today, unless they are recorded: a running period's once an hour,
/// a past period's once (again after a backdated correction). Returns how many were counted.
pub(crate) fn count_recent(
    conn: &mut DbConnection,
    today: NaiveDate,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let mut counted = 0;
    for year in (today.year() - 2..=today.year()).rev() {
        let quarters = (1..=4).rev().map(Some);
        for quarter in std::iter::once(None).chain(quarters) {
            let Some(period) = Period::new(year, quarter).filter(|p| p.from <= today) else {
                continue;
            };
            let moments = MentorMoments::new(&period, &period.previous(), now);
            if recorded_or_counted(conn, &moments)?.1 {
                counted += 1;
            }
        }
    }
    Ok(counted)
}

/// Counts the mentor and municipality figures for every area in one statement: `f` holds, per
/// mentor, whether they were first certified in the period and whether they were active at its
/// end and at the previous period's end (a status row's `valid_until` makes that a range test);
/// `d` is each mentor once per district, `c` each municipality once with whether a mentor was
/// active there. The branches only sum those flags, so no branch needs a `COUNT(DISTINCT …)`
/// sort, and PostgreSQL computes `f` once for all of them.
fn count_mentors(conn: &mut DbConnection, moments: &MentorMoments) -> QueryResult<Vec<MentorRow>> {
    let sum = |of: &str| format!("CAST(COALESCE(SUM({of}), 0) AS BIGINT)");
    let sql = format!(
        "WITH f AS (SELECT person_id, \
             CASE WHEN MIN(changed_at) >= $1 THEN 1 ELSE 0 END AS is_new, \
             MAX(CASE WHEN status = '{active}' AND (valid_until IS NULL OR valid_until >= $2) \
               THEN 1 ELSE 0 END) AS now_active, \
             MAX(CASE WHEN status = '{active}' AND changed_at < $3 \
               AND (valid_until IS NULL OR valid_until >= $3) THEN 1 ELSE 0 END) AS before_active \
           FROM mentor_status_history \
           WHERE status IN ('{certified}', '{active}') AND changed_at < $2 GROUP BY person_id), \
         d AS (SELECT DISTINCT f.person_id, f.is_new, f.now_active, f.before_active, m.district_key \
           FROM f JOIN mentor_municipalities mm ON mm.person_id = f.person_id \
           JOIN municipalities m ON m.ags = mm.municipality_ags), \
         c AS (SELECT mm.municipality_ags, MAX(f.now_active) AS now_active, \
             MAX(f.before_active) AS before_active \
           FROM f JOIN mentor_municipalities mm ON mm.person_id = f.person_id \
           GROUP BY mm.municipality_ags) \
         SELECT 'state' AS dimension, '' AS area, {f_new} AS new, {f_now} AS now, {f_before} AS before \
           FROM f \
         UNION ALL \
         SELECT 'district', d.district_key, {d_new}, {d_now}, {d_before} FROM d GROUP BY d.district_key \
         UNION ALL \
         SELECT 'field', CAST(mf.field_id AS TEXT), {f_new}, {f_now}, {f_before} \
           FROM f JOIN mentor_fields mf ON mf.person_id = f.person_id GROUP BY mf.field_id \
         UNION ALL \
         SELECT 'covered', m.district_key, 0, {c_now}, {c_before} \
           FROM c JOIN municipalities m ON m.ags = c.municipality_ags GROUP BY m.district_key",
        certified = MentorStatus::Certified.code(),
        active = MentorStatus::Active.code(),
        f_new = sum("f.is_new"),
        f_now = sum("f.now_active"),
        f_before = sum("f.before_active"),
        d_new = sum("d.is_new"),
        d_now = sum("d.now_active"),
        d_before = sum("d.before_active"),
        c_now = sum("c.now_active"),
        c_before = sum("c.before_active"),
    );
    moments
        .bind(diesel::sql_query(dialect(conn, &sql)))
        .load(conn)
}

/// Extension so the summing stays next to the figures it sums (the type lives in `shared`).
trait Sum {
    fn add(&mut self, other: &CourseFigures);
}

impl Sum for CourseFigures {
    fn add(&mut self, other: &CourseFigures) {
        self.courses_planned += other.courses_planned;
        self.courses_held += other.courses_held;
        self.courses_cancelled += other.courses_cancelled;
        self.participants_started += other.participants_started;
        self.participants_completed += other.participants_completed;
        self.participants_certified += other.participants_certified;
        self.participants_dropped_out += other.participants_dropped_out;
        self.hours_delivered += other.hours_delivered;
        self.tandems_trained += other.tandems_trained;
        self.accompaniment_meetings += other.accompaniment_meetings;
        self.accompaniment_attendances += other.accompaniment_attendances;
    }
}

/// The programme report for `period`; `today` bounds the hours held.
pub(crate) fn programme(
    conn: &mut DbConnection,
    period: Period,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<ProgrammeReport, ApiError> {
    let previous = period.previous();
    let until = period.to.min(today);

    // Course figures per (district, kind).
    let mut cells: HashMap<(String, String), CourseFigures> = HashMap::new();
    for row in course_rows(conn, &period)? {
        let cell = cells.entry((row.district, row.kind)).or_default();
        cell.courses_planned = row.planned;
        cell.courses_held = row.held;
        cell.courses_cancelled = row.cancelled;
        cell.participants_started = row.started;
        cell.participants_completed = row.completed;
        cell.participants_dropped_out = row.dropped_out;
    }
    for row in hour_rows(conn, &period, until)? {
        cells
            .entry((row.district, row.kind))
            .or_default()
            .hours_delivered = row.hours;
    }
    for row in tandem_rows(conn, &period)? {
        cells
            .entry((row.area, row.kind))
            .or_default()
            .tandems_trained = row.count;
    }
    for row in certificate_rows(conn, &period)? {
        cells
            .entry((row.area, row.kind))
            .or_default()
            .participants_certified = row.count;
    }
    for row in accompaniment_rows(conn, &period)? {
        let cell = cells.entry((row.district, row.kind)).or_default();
        cell.accompaniment_meetings = row.meetings;
        cell.accompaniment_attendances = row.attendances;
    }
    let mut by_district: HashMap<&str, CourseFigures> = HashMap::new();
    let mut by_kind: HashMap<&str, CourseFigures> = HashMap::new();
    let mut total_courses = CourseFigures::default();
    for ((district, kind), figures) in &cells {
        Sum::add(by_district.entry(district).or_default(), figures);
        Sum::add(by_kind.entry(kind).or_default(), figures);
        Sum::add(&mut total_courses, figures);
    }

    // Mentors and municipalities, at the end of this and of the previous period.
    let mut mentors_by_district: HashMap<String, MentorFigures> = HashMap::new();
    let mut mentors_by_field: HashMap<String, MentorFigures> = HashMap::new();
    let mut mentors_total = MentorFigures::default();
    let (mut covered, mut covered_before) = (HashMap::new(), HashMap::new());
    let (mentor_rows, mentors_counted_at) = mentor_rows(conn, &period, &previous, now)?;
    for row in mentor_rows {
        let figures = MentorFigures {
            mentors_new: row.new,
            mentors_active: row.now,
            mentors_active_previous: row.before,
        };
        match row.dimension.as_str() {
            "state" => mentors_total = figures,
            "district" => {
                mentors_by_district.insert(row.area, figures);
            }
            "field" => {
                mentors_by_field.insert(row.area, figures);
            }
            _ => {
                covered.insert(row.area.clone(), row.now);
                covered_before.insert(row.area, row.before);
            }
        }
    }
    let municipality_counts: HashMap<String, i64> = municipalities::table
        .group_by(municipalities::district_key)
        .select((municipalities::district_key, diesel::dsl::count_star()))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .collect();

    let mut total_municipalities = MunicipalityFigures::default();
    let districts = crate::api::districts::store::all_with_labels(conn)?
        .into_iter()
        .map(|(key, _, _, label)| {
            let k = key.as_str();
            let municipalities = MunicipalityFigures {
                municipalities: municipality_counts.get(k).copied().unwrap_or_default(),
                municipalities_with_mentor: covered.get(k).copied().unwrap_or_default(),
                municipalities_with_mentor_previous: covered_before
                    .get(k)
                    .copied()
                    .unwrap_or_default(),
            };
            total_municipalities.municipalities += municipalities.municipalities;
            total_municipalities.municipalities_with_mentor +=
                municipalities.municipalities_with_mentor;
            total_municipalities.municipalities_with_mentor_previous +=
                municipalities.municipalities_with_mentor_previous;
            DistrictFigures {
                figures: AreaFigures {
                    courses: by_district.get(k).cloned().unwrap_or_default(),
                    mentors: mentors_by_district.get(k).cloned().unwrap_or_default(),
                    municipalities,
                },
                key,
                label,
            }
        })
        .collect();
    let kinds = CourseKind::ALL
        .iter()
        .map(|kind| KindFigures {
            kind: *kind,
            figures: by_kind.get(kind.code()).cloned().unwrap_or_default(),
        })
        .collect();
    let fields = fields::table
        .select((fields::id, fields::name_de, fields::name_en))
        .order(fields::id)
        .load::<(i64, String, String)>(conn)?
        .into_iter()
        .map(|(id, name_de, name_en)| FieldFigures {
            figures: mentors_by_field
                .get(&id.to_string())
                .cloned()
                .unwrap_or_default(),
            field_id: id,
            name_de,
            name_en,
        })
        .collect();
    Ok(ProgrammeReport {
        period,
        previous,
        total: AreaFigures {
            courses: total_courses,
            mentors: mentors_total,
            municipalities: total_municipalities,
        },
        districts,
        without_district: by_district.get("").cloned().unwrap_or_default(),
        kinds,
        fields,
        tandems: tandems(conn, &period)?,
        mentors_counted_at: mentors_counted_at.and_utc(),
    })
}
