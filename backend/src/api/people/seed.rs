//! Synthetic mentors for demos and benchmarks (`mentorat seed-mentors N`): plausible names,
//! statuses and consents spread over the imported municipalities, written in large batches.

use crate::db::{write_tx, DbConnection};
use crate::schema::{municipalities, people};
use crate::text::{search_key, sort_key};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;

const GIVEN: &[&str] = &[
    "Anna", "Ben", "Clara", "David", "Elif", "Felix", "Greta", "Hakan", "Ida", "Jonas", "Katrin",
    "Luca", "Maria", "Noah", "Olga", "Paul", "Rana", "Sophie", "Tim", "Ursula",
];
const FAMILY: &[&str] = &[
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Koch",
    "Bauer",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Öztürk",
    "Braun",
    "Krüger",
    "Hofmann",
    "Hartmann",
    "Lange",
];
const BATCH: usize = 500;

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Adds `count` mentors; returns how many were written. Needs imported municipalities.
pub fn seed_mentors(conn: &mut DbConnection, count: usize) -> anyhow::Result<usize> {
    let places: Vec<String> = municipalities::table
        .select(municipalities::ags)
        .order(municipalities::ags)
        .load(conn)?;
    anyhow::ensure!(
        !places.is_empty(),
        "no municipalities yet: run `mentorat import-municipalities FILE` first"
    );
    let first: i64 = people::table
        .select(diesel::dsl::max(people::id))
        .first::<Option<i64>>(conn)?
        .unwrap_or(0)
        + 1;
    let postgres = matches!(conn, DbConnection::Postgres(_));
    let today = crate::dates::today_in_berlin();
    write_tx(conn, |conn| {
        // One publication time for the whole batch, so feed followers see it in commit order.
        let at = quote(
            &crate::publication::stamp(conn)?
                .format("%Y-%m-%d %H:%M:%S%.6f")
                .to_string(),
        );
        for chunk_start in (0..count).step_by(BATCH) {
            let ids = (chunk_start..count.min(chunk_start + BATCH)).map(|i| (first + i as i64, i));
            let (mut persons, mut mentors, mut history, mut places_sql, mut fields, mut languages) =
                (vec![], vec![], vec![], vec![], vec![], vec![]);
            for (id, i) in ids {
                let (given, family) = (
                    GIVEN[i % GIVEN.len()],
                    FAMILY[(i / GIVEN.len()) % FAMILY.len()],
                );
                let email = format!("mentor{id}@example.org");
                let sort_name = quote(&sort_key(&format!("{family} {given}")));
                let place = &places[(i * 7919) % places.len()];
                persons.push(format!(
                    "({id}, {}, {}, {sort_name}, {}, {}, {}, '0711 {:06}', {}, 1, {at}, {at})",
                    quote(given),
                    quote(family),
                    quote(&search_key(&[Some(given), Some(family), Some(&email)])),
                    quote(&super::store::name_key_of(given, family)),
                    quote(&email),
                    id % 1_000_000,
                    quote(place)
                ));
                let status = match i % 20 {
                    0..=13 => "active",
                    14..=16 => "certified",
                    17 => "paused",
                    _ => "in_training",
                };
                let consent = match i % 10 {
                    0..=5 => "name_fields",
                    6 | 7 => "contact",
                    _ => "none",
                };
                let listed = matches!(status, "active" | "certified") && consent != "none";
                mentors.push(format!(
                    "({id}, '{status}', {at}, '{consent}', {at}, '2026-11', {}, {at}, {sort_name})",
                    if listed { "TRUE" } else { "FALSE" }
                ));
                // The dated history the reports count, spread over the last three years: active
                // mentors were certified a month before they became active.
                let since = today - chrono::Duration::days(((i * 7_919) % 1_000) as i64);
                if status == "active" {
                    let certified = since - chrono::Duration::days(30);
                    history.push(format!("({id}, 'certified', '{certified} 12:00:00')"));
                }
                history.push(format!("({id}, '{status}', '{since} 12:00:00')"));
                places_sql.push(format!("({id}, {})", quote(place)));
                // Two different fields each: offsets 0 and 3 never coincide modulo 10.
                fields.push(format!("({id}, {})", 1 + i % 10));
                fields.push(format!("({id}, {})", 1 + (i + 3) % 10));
                languages.push(format!("({id}, 'de')"));
            }
            conn.batch_execute(&format!(
                "INSERT INTO people (id, given_name, family_name, sort_name, search_text, name_key, email, phone, municipality_ags, version, created_at, updated_at) VALUES {};\n\
                 INSERT INTO mentors (person_id, status, status_since, consent, consent_at, consent_text_version, listed, public_modified_at, sort_name) VALUES {};\n\
                 INSERT INTO mentor_status_history (person_id, status, changed_at) VALUES {};\n\
                 INSERT INTO mentor_municipalities (person_id, municipality_ags) VALUES {};\n\
                 INSERT INTO mentor_fields (person_id, field_id) VALUES {};\n\
                 INSERT INTO person_languages (person_id, language) VALUES {};",
                persons.join(","),
                mentors.join(","),
                history.join(","),
                places_sql.join(","),
                fields.join(","),
                languages.join(",")
            ))?;
        }
        if count > 0 {
            if postgres {
                // The index and the entries are worked out from the rows just written, which
                // no statistics know yet (autovacuum cannot see this transaction); planned
                // blind, 1,000,000 mentors' entries took more than ten minutes.
                conn.batch_execute(
                    "ANALYZE people, mentors, mentor_municipalities, mentor_fields, person_languages",
                )?;
            }
            crate::api::listing::keys::index_range(conn, first, first + count as i64 - 1)?;
        }
        if postgres {
            conn.batch_execute("SELECT setval(pg_get_serial_sequence('people', 'id'), (SELECT MAX(id) FROM people))")?;
        }
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(count)
}
