//! The public entries (`public_entries`): each listed mentor's entry as the listing shows it
//! (names; contact details only with consent to publish them; municipalities and fields with
//! their names), as JSON, beside the listing's index. A page reads one row per entry: composed
//! from five tables on every read, PostgreSQL read about 770 buffers for a page of 50 and served
//! 1,262–1,563 random pages a second at 100,000 mentors.
//!
//! The entries are written with the index ([`super::keys::index_range`], so in every
//! publication change's transaction), and anew where names they show change: a renamed field
//! ([`Mentors::WithField`]), municipalities renamed by an import ([`Mentors::ActiveIn`]).

use crate::db::{DbConnection, Statement};
use crate::error::ApiError;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Deserialize;
use shared::organisations::MunicipalityRef;
use shared::people::{ConsentLevel, PublicField, PublicMentor};

/// Whose entries to write anew.
pub(crate) enum Mentors<'a> {
    /// The mentors with ids `first..=last`.
    Range(i64, i64),
    /// The mentors working in the field of activity with this id.
    WithField(i64),
    /// The mentors active in one of these municipalities (AGS).
    ActiveIn(&'a [String]),
}

impl Mentors<'_> {
    /// `statement` followed by the condition that `column` (a person id) is one of these.
    fn condition(&self, statement: Statement, column: &str) -> Statement {
        match self {
            Mentors::Range(first, last) => statement
                .sql(format!(" {column} BETWEEN "))
                .big_int(*first)
                .sql(" AND ")
                .big_int(*last),
            Mentors::WithField(id) => statement
                .sql(format!(
                    " {column} IN (SELECT person_id FROM mentor_fields WHERE field_id = "
                ))
                .big_int(*id)
                .sql(")"),
            Mentors::ActiveIn(keys) => {
                let mut statement = statement.sql(format!(
                    " {column} IN (SELECT person_id FROM mentor_municipalities \
                     WHERE municipality_ags IN ("
                ));
                for (i, key) in keys.iter().enumerate() {
                    statement = statement
                        .sql(if i == 0 { "" } else { ", " })
                        .text(key.as_str());
                }
                statement.sql("))")
            }
        }
    }
}

/// The entry as stored, without what the row holds beside it (id, time of the change).
#[derive(Deserialize)]
struct Stored {
    given_name: String,
    family_name: String,
    email: Option<String>,
    phone: Option<String>,
    municipalities: Vec<MunicipalityRef>,
    fields: Vec<PublicField>,
}

/// The statement composing the entries of listed mentors, up to the condition on
/// `m.person_id`. The migration that created the table composes them alike.
fn compose(conn: &DbConnection) -> String {
    // The JSON functions differ; an empty list is `NULL` from `json_agg`, `[]` from
    // `json_group_array`, whose nested array `json()` keeps an array through the subquery.
    let (object, aggregate, (list, empty)) = match conn {
        DbConnection::Postgres(_) => ("json_build_object", "json_agg", ("COALESCE", ", '[]'")),
        DbConnection::Sqlite(_) => ("json_object", "json_group_array", ("json", "")),
    };
    let contact = ConsentLevel::WithContact.code();
    format!(
        "INSERT INTO public_entries (person_id, modified_at, entry) \
         SELECT m.person_id, m.public_modified_at, CAST({object}( \
            'given_name', p.given_name, 'family_name', p.family_name, \
            'email', CASE WHEN m.consent = '{contact}' THEN p.email END, \
            'phone', CASE WHEN m.consent = '{contact}' THEN p.phone END, \
            'municipalities', {list}((SELECT {aggregate}({object}( \
                    'ags', u.ags, 'name', u.name, 'district_key', u.district_key) ORDER BY u.ags) \
                FROM mentor_municipalities x JOIN municipalities u ON u.ags = x.municipality_ags \
                WHERE x.person_id = m.person_id){empty}), \
            'fields', {list}((SELECT {aggregate}({object}( \
                    'id', o.id, 'name_de', o.name_de, 'name_en', o.name_en) ORDER BY o.id) \
                FROM mentor_fields x JOIN fields_of_activity o ON o.id = x.field_id \
                WHERE x.person_id = m.person_id){empty})) AS TEXT) \
         FROM mentors m JOIN people p ON p.id = m.person_id WHERE m.listed AND"
    )
}

/// Writes the entries of `mentors` anew from their current data: none for those not listed.
/// Call in the transaction that changes what they show.
pub(crate) fn write(conn: &mut DbConnection, mentors: Mentors<'_>) -> QueryResult<()> {
    if matches!(mentors, Mentors::ActiveIn(keys) if keys.is_empty()) {
        return Ok(());
    }
    mentors
        .condition(
            Statement::default().sql("DELETE FROM public_entries WHERE"),
            "person_id",
        )
        .execute(conn)?;
    let insert = Statement::default().sql(compose(conn));
    mentors.condition(insert, "m.person_id").execute(conn)?;
    Ok(())
}

/// Takes a mentor's entry out, as they leave the listing.
pub(crate) fn remove(conn: &mut DbConnection, person_id: i64) -> QueryResult<()> {
    use crate::schema::public_entries;
    diesel::delete(public_entries::table.find(person_id))
        .execute(conn)
        .map(drop)
}

/// The entries of the listed mentors among `ids`, in no particular order.
pub(crate) fn read(conn: &mut DbConnection, ids: &[i64]) -> Result<Vec<PublicMentor>, ApiError> {
    use crate::schema::public_entries;
    let rows: Vec<(i64, NaiveDateTime, String)> = public_entries::table
        .filter(public_entries::person_id.eq_any(ids))
        .load(conn)?;
    rows.into_iter()
        .map(|(id, at, json)| entry(id, at, &json))
        .collect()
}

/// The public entry of the mentor `id` from its stored row.
pub(crate) fn entry(id: i64, at: NaiveDateTime, json: &str) -> Result<PublicMentor, ApiError> {
    let stored: Stored = serde_json::from_str(json).map_err(ApiError::internal)?;
    Ok(PublicMentor {
        id,
        deleted: false,
        modified_at: at.and_utc(),
        given_name: Some(stored.given_name),
        family_name: Some(stored.family_name),
        municipalities: Some(stored.municipalities),
        fields: Some(stored.fields),
        email: stored.email,
        phone: stored.phone,
    })
}
