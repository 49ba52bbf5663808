//! Synthetic courses for benchmarks (`mentorat seed-courses N`): Mentorenkurse and every 25th a
//! Mentorentrainerkurs, spread over 2024–2026 and the imported municipalities, each with ten
//! four-hour sessions nine days apart and twelve participants from the seeded mentors (in
//! trainer courses, six tandems); past courses are completed (every 17th cancelled) with a
//! certificate for each who completed (every 100th revoked a month later), written in large
//! batches.

use crate::db::{write_tx, DbConnection};
use crate::schema::{courses, municipalities, people};
use chrono::{Duration, NaiveDate};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;

const BATCH: usize = 200;
const SESSIONS: i64 = 10;
const PARTICIPANTS: usize = 12;

/// Adds `count` courses; returns how many were written. Needs municipalities and people.
pub fn seed_courses(
    conn: &mut DbConnection,
    count: usize,
    today: NaiveDate,
) -> anyhow::Result<usize> {
    let places: Vec<String> = municipalities::table
        .select(municipalities::ags)
        .order(municipalities::ags)
        .load(conn)?;
    let persons: Vec<i64> = people::table
        .select(people::id)
        .order(people::id)
        .limit(200_000)
        .load(conn)?;
    anyhow::ensure!(
        !places.is_empty() && persons.len() > 100,
        "seed municipalities and mentors first (`import-municipalities`, `seed-mentors`)"
    );
    let next = |conn: &mut DbConnection, table: &str| -> anyhow::Result<i64> {
        #[derive(QueryableByName)]
        struct Max {
            #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::BigInt>)]
            id: Option<i64>,
        }
        let max: Max =
            diesel::sql_query(format!("SELECT MAX(id) AS id FROM {table}")).get_result(conn)?;
        Ok(max.id.unwrap_or(0) + 1)
    };
    let first_course = courses::table
        .select(diesel::dsl::max(courses::id))
        .first::<Option<i64>>(conn)?
        .unwrap_or(0)
        + 1;
    let first_session = next(conn, "course_sessions")?;
    let first_enrolment = next(conn, "enrolments")?;
    let postgres = matches!(conn, DbConnection::Postgres(_));
    let origin = NaiveDate::from_ymd_opt(2024, 1, 8).expect("a date");
    write_tx(conn, |conn| {
        let at = "'2024-01-01 00:00:00'";
        for chunk_start in (0..count).step_by(BATCH) {
            let (mut course_rows, mut session_rows, mut enrolment_rows) = (vec![], vec![], vec![]);
            for i in chunk_start..count.min(chunk_start + BATCH) {
                let id = first_course + i as i64;
                let kind = if i % 25 == 0 {
                    "trainer_course"
                } else {
                    "mentor_course"
                };
                let start = origin + Duration::days((i as i64 * 37) % 1_090);
                let last = start + Duration::days(9 * (SESSIONS - 1));
                let (status, completed_on) = if i % 17 == 0 {
                    ("cancelled", "NULL".to_owned())
                } else if last < today {
                    ("completed", format!("'{last}'"))
                } else if start <= today {
                    ("running", "NULL".to_owned())
                } else {
                    ("registration_open", "NULL".to_owned())
                };
                let place = &places[(i * 7_919) % places.len()];
                course_rows.push(format!(
                    "({id}, '{kind}', 'Kurs {id}', '{status}', '{place}', 40, 16, {completed_on}, {at}, {at})"
                ));
                for s in 0..SESSIONS {
                    let session = first_session + i as i64 * SESSIONS + s;
                    let date = start + Duration::days(9 * s);
                    session_rows.push(format!(
                        "({session}, {id}, '{date}', '18:00:00', '22:00:00')"
                    ));
                }
                let person_at = |k: usize| persons[((i * PARTICIPANTS + k) * 7) % persons.len()];
                for k in 0..PARTICIPANTS {
                    let enrolment = first_enrolment + (i * PARTICIPANTS + k) as i64;
                    let person = person_at(k);
                    // Trainer courses train tandems: participants 0 and 1, 2 and 3, … are pairs.
                    let partner = if kind == "trainer_course" {
                        person_at(k ^ 1).to_string()
                    } else {
                        "NULL".to_owned()
                    };
                    let state = match (status, k) {
                        ("cancelled", _) => "cancelled",
                        ("completed", 10) => "dropped_out",
                        ("completed", 11) => "cancelled",
                        ("completed", _) => "completed",
                        _ => "confirmed",
                    };
                    enrolment_rows.push(format!(
                        "({enrolment}, {id}, {person}, '{state}', {partner}, {at}, {at})"
                    ));
                }
            }
            conn.batch_execute(&format!(
                "INSERT INTO courses (id, kind, title, status, municipality_ags, required_hours, capacity, completed_on, created_at, updated_at) VALUES {};\n\
                 INSERT INTO course_sessions (id, course_id, session_date, start_time, end_time) VALUES {};\n\
                 INSERT INTO enrolments (id, course_id, person_id, status, tandem_partner_id, created_at, updated_at) VALUES {};",
                course_rows.join(","),
                session_rows.join(","),
                enrolment_rows.join(",")
            ))?;
            let (first, last) = (
                first_course + chunk_start as i64,
                first_course + count.min(chunk_start + BATCH) as i64 - 1,
            );
            conn.batch_execute(&format!(
                "INSERT INTO certificates (serial, verification_code, enrolment_id, person_id, course_id, \
                   course_kind, holder_name, course_title, hours, topics, issued_on, issued_at, revoked_on) \
                 SELECT 'SEED-' || e.id, 'SEED' || e.id, e.id, e.person_id, c.id, c.kind, \
                   'Mentor ' || e.person_id, c.title, 40, '', c.completed_on, {issued_at}, \
                   CASE WHEN e.id % 100 = 0 THEN {revoked_on} END \
                 FROM enrolments e JOIN courses c ON c.id = e.course_id \
                 WHERE c.id BETWEEN {first} AND {last} AND e.status = 'completed'",
                issued_at = if postgres {
                    "CAST(c.completed_on AS TIMESTAMP)"
                } else {
                    "c.completed_on || ' 12:00:00'"
                },
                revoked_on = if postgres {
                    "c.completed_on + 30"
                } else {
                    "date(c.completed_on, '+30 days')"
                },
            ))?;
        }
        if postgres {
            for table in ["courses", "course_sessions", "enrolments", "certificates"] {
                conn.batch_execute(&format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
                ))?;
            }
        }
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(count)
}
