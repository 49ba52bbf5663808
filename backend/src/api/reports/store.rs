//! Queries of `reports`: every figure is an aggregate the database computes; Rust only adds up
//! the per-district and per-kind rows and labels them.
//!
//! The statements are plain SQL (diesel's DSL has no portable `CASE` sums), written once with
//! PostgreSQL's `$n` placeholders and passed through [`crate::db::dialect`] for SQLite. Their
//! text is built from constants only, never from input.

use crate::db::{dialect, DbConnection};
use crate::error::ApiError;
use crate::schema::{fields_of_activity as fields, municipalities};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Double, Nullable, Text, Timestamp};
use shared::courses::{CourseKind, CourseStatus, EnrolmentStatus};
use shared::people::MentorStatus;
use shared::reports::{
    AreaFigures, CourseFigures, DistrictFigures, FieldFigures, KindFigures, LocalCourse,
    MentorFigures, MunicipalityFigures, Period, ProgrammeReport, TrainedTandem,
};
use std::collections::HashMap;

/// The first dated session of each course: the day a course "starts" for the reports.
const STARTS: &str = "starts AS (SELECT course_id, MIN(session_date) AS first_date \
     FROM course_sessions WHERE session_date IS NOT NULL GROUP BY course_id)";

/// The district of a course; courses without a municipality are grouped under ''.
const COURSE_DISTRICT: &str = "COALESCE(m.district_key, '')";

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
    #[diesel(sql_type = Double)]
    hours: f64,
}

#[derive(QueryableByName)]
struct ParticipantRow {
    #[diesel(sql_type = Text)]
    district: String,
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = BigInt)]
    started: i64,
    #[diesel(sql_type = BigInt)]
    completed: i64,
    #[diesel(sql_type = BigInt)]
    dropped_out: i64,
    #[diesel(sql_type = BigInt)]
    tandems: i64,
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

fn quoted(codes: &[&str]) -> String {
    codes
        .iter()
        .map(|c| format!("'{c}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Courses per district and kind: planned, held, cancelled, and the hours held up to `until`.
fn course_rows(
    conn: &mut DbConnection,
    period: &Period,
    until: NaiveDate,
) -> QueryResult<Vec<CourseRow>> {
    let cancelled = CourseStatus::Cancelled.code();
    let sql = format!(
        "WITH {STARTS}, held AS (SELECT cs.course_id, SUM({seconds}) / 3600.0 AS hours \
           FROM course_sessions cs WHERE cs.session_date BETWEEN $1 AND $3 GROUP BY cs.course_id) \
         SELECT {COURSE_DISTRICT} AS district, c.kind AS kind, \
           CAST(SUM(CASE WHEN c.status <> '{cancelled}' AND s.first_date BETWEEN $1 AND $2 THEN 1 ELSE 0 END) AS BIGINT) AS planned, \
           CAST(SUM(CASE WHEN c.completed_on BETWEEN $1 AND $2 THEN 1 ELSE 0 END) AS BIGINT) AS held, \
           CAST(SUM(CASE WHEN c.status = '{cancelled}' AND s.first_date BETWEEN $1 AND $2 THEN 1 ELSE 0 END) AS BIGINT) AS cancelled, \
           CAST(COALESCE(SUM(CASE WHEN c.status <> '{cancelled}' THEN h.hours END), 0) AS DOUBLE PRECISION) AS hours \
         FROM courses c \
         LEFT JOIN starts s ON s.course_id = c.id \
         LEFT JOIN held h ON h.course_id = c.id \
         LEFT JOIN municipalities m ON m.ags = c.municipality_ags \
         WHERE s.first_date BETWEEN $1 AND $2 OR c.completed_on BETWEEN $1 AND $2 \
           OR h.course_id IS NOT NULL \
         GROUP BY {COURSE_DISTRICT}, c.kind",
        seconds = session_seconds(conn),
    );
    diesel::sql_query(dialect(conn, &sql))
        .bind::<Date, _>(period.from)
        .bind::<Date, _>(period.to)
        .bind::<Date, _>(until)
        .load(conn)
}

/// Participants per district and kind of their course.
fn participant_rows(conn: &mut DbConnection, period: &Period) -> QueryResult<Vec<ParticipantRow>> {
    let mut took_place = EnrolmentStatus::place_holding_codes();
    took_place.push(EnrolmentStatus::DroppedOut.code());
    let sql = format!(
        "WITH {STARTS} \
         SELECT {COURSE_DISTRICT} AS district, c.kind AS kind, \
           CAST(SUM(CASE WHEN c.status <> '{cancelled}' AND s.first_date BETWEEN $1 AND $2 AND e.status IN ({took_place}) THEN 1 ELSE 0 END) AS BIGINT) AS started, \
           CAST(SUM(CASE WHEN c.completed_on BETWEEN $1 AND $2 AND e.status = '{completed}' THEN 1 ELSE 0 END) AS BIGINT) AS completed, \
           CAST(SUM(CASE WHEN s.first_date BETWEEN $1 AND $2 AND e.status = '{dropped_out}' THEN 1 ELSE 0 END) AS BIGINT) AS dropped_out, \
           CAST(SUM(CASE WHEN c.kind = '{trainer_course}' AND c.completed_on BETWEEN $1 AND $2 AND e.status = '{completed}' \
             AND e.tandem_partner_id IS NOT NULL AND e.person_id < e.tandem_partner_id THEN 1 ELSE 0 END) AS BIGINT) AS tandems \
         FROM enrolments e \
         JOIN courses c ON c.id = e.course_id \
         LEFT JOIN starts s ON s.course_id = c.id \
         LEFT JOIN municipalities m ON m.ags = c.municipality_ags \
         WHERE s.first_date BETWEEN $1 AND $2 OR c.completed_on BETWEEN $1 AND $2 \
         GROUP BY {COURSE_DISTRICT}, c.kind",
        cancelled = CourseStatus::Cancelled.code(),
        took_place = quoted(&took_place),
        completed = EnrolmentStatus::Completed.code(),
        dropped_out = EnrolmentStatus::DroppedOut.code(),
        trainer_course = CourseKind::TrainerCourse.code(),
    );
    diesel::sql_query(dialect(conn, &sql))
        .bind::<Date, _>(period.from)
        .bind::<Date, _>(period.to)
        .load(conn)
}

/// Certificates issued in the period and not revoked by its end, per district and kind.
fn certificate_rows(conn: &mut DbConnection, period: &Period) -> QueryResult<Vec<CountRow>> {
    let sql = format!(
        "SELECT {COURSE_DISTRICT} AS area, c.kind AS kind, CAST(COUNT(*) AS BIGINT) AS count \
         FROM certificates ce \
         JOIN courses c ON c.id = ce.course_id \
         LEFT JOIN municipalities m ON m.ags = c.municipality_ags \
         WHERE ce.issued_on BETWEEN $1 AND $2 AND (ce.revoked_on IS NULL OR ce.revoked_on > $2) \
         GROUP BY {COURSE_DISTRICT}, c.kind"
    );
    diesel::sql_query(dialect(conn, &sql))
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
    let sql = format!(
        "SELECT {COURSE_DISTRICT} AS district, c.kind AS kind, \
           CAST(COUNT(DISTINCT am.id) AS BIGINT) AS meetings, \
           CAST(COUNT(aa.enrolment_id) AS BIGINT) AS attendances \
         FROM accompaniment_meetings am \
         JOIN courses c ON c.id = am.course_id \
         LEFT JOIN accompaniment_attendance aa ON aa.meeting_id = am.id \
         LEFT JOIN municipalities m ON m.ags = c.municipality_ags \
         WHERE am.meeting_date BETWEEN $1 AND $2 \
         GROUP BY {COURSE_DISTRICT}, c.kind"
    );
    diesel::sql_query(dialect(conn, &sql))
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
        "WITH {STARTS} \
         SELECT c.id AS course_id, c.title AS course_title, c.completed_on AS completed_on, \
           p.given_name || ' ' || p.family_name AS trainee, \
           q.given_name || ' ' || q.family_name AS partner, \
           l.id AS local_id, l.title AS local_title, l.status AS local_status, \
           s.first_date AS local_first_date \
         FROM enrolments e \
         JOIN courses c ON c.id = e.course_id \
         JOIN people p ON p.id = e.person_id \
         LEFT JOIN people q ON q.id = e.tandem_partner_id \
         LEFT JOIN courses l ON l.id = e.local_course_id \
         LEFT JOIN starts s ON s.course_id = l.id \
         WHERE c.kind = '{trainer_course}' AND e.status = '{completed}' \
           AND c.completed_on BETWEEN $1 AND $2 \
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

/// Mentor and municipality figures for every area in one statement: `f` holds, per mentor, whether
/// they were first certified in the period and whether they were active at its end and at the
/// previous period's end (a status row's `valid_until` makes that a range test); `d` is each
/// mentor once per district, `c` each municipality once with whether a mentor was active there.
/// The branches only sum those flags, so no branch needs a `COUNT(DISTINCT …)` sort, and
/// PostgreSQL computes `f` once for all of them.
fn mentor_rows(
    conn: &mut DbConnection,
    period: &Period,
    previous: &Period,
) -> QueryResult<Vec<MentorRow>> {
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
    diesel::sql_query(dialect(conn, &sql))
        .bind::<Timestamp, _>(period.from.and_hms_opt(0, 0, 0).expect("midnight"))
        .bind::<Timestamp, _>(end_of(period.to))
        .bind::<Timestamp, _>(end_of(previous.to))
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
) -> Result<ProgrammeReport, ApiError> {
    let previous = period.previous();
    let until = period.to.min(today);

    // Course figures per (district, kind).
    let mut cells: HashMap<(String, String), CourseFigures> = HashMap::new();
    for row in course_rows(conn, &period, until)? {
        let cell = cells.entry((row.district, row.kind)).or_default();
        cell.courses_planned = row.planned;
        cell.courses_held = row.held;
        cell.courses_cancelled = row.cancelled;
        cell.hours_delivered = row.hours;
    }
    for row in participant_rows(conn, &period)? {
        let cell = cells.entry((row.district, row.kind)).or_default();
        cell.participants_started = row.started;
        cell.participants_completed = row.completed;
        cell.participants_dropped_out = row.dropped_out;
        cell.tandems_trained = row.tandems;
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
    for row in mentor_rows(conn, &period, &previous)? {
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
    })
}
