//! Queries and rules of `fields`: what the handlers in `mod.rs` call.

use crate::db::DbConnection;
use crate::error::ApiError;
use crate::schema::fields_of_activity as fields;
use diesel::prelude::*;
use shared::reference::{FieldOfActivity, FieldOfActivityDraft};

#[derive(Queryable, Selectable)]
#[diesel(table_name = fields)]
pub(crate) struct FieldRow {
    pub(crate) id: i64,
    pub(crate) name_de: String,
    pub(crate) name_en: String,
    pub(crate) retired: bool,
    pub(crate) version: i64,
}

impl From<FieldRow> for FieldOfActivity {
    fn from(r: FieldRow) -> Self {
        FieldOfActivity {
            id: r.id,
            name_de: r.name_de,
            name_en: r.name_en,
            retired: r.retired,
            version: r.version,
        }
    }
}

pub(crate) fn find(conn: &mut DbConnection, id: i64) -> Result<FieldOfActivity, ApiError> {
    fields::table
        .find(id)
        .select(FieldRow::as_select())
        .first(conn)
        .optional()?
        .map(Into::into)
        .ok_or_else(|| ApiError::not_found("Das Einsatzfeld"))
}

pub(crate) fn ensure_unique_name(
    conn: &mut DbConnection,
    draft: &FieldOfActivityDraft,
    except: Option<i64>,
) -> Result<(), ApiError> {
    let mut q = fields::table
        .filter(fields::name_de.eq(&draft.name_de))
        .select(fields::id)
        .into_boxed();
    if let Some(id) = except {
        q = q.filter(fields::id.ne(id));
    }
    if q.first::<i64>(conn).optional()?.is_some() {
        return Err(ApiError::field(
            "name_de",
            "duplicate",
            "Ein Einsatzfeld mit diesem Namen gibt es bereits.",
        ));
    }
    Ok(())
}

/// Ids among `ids` that are not fields of activity.
pub fn unknown_ids(conn: &mut DbConnection, ids: &[i64]) -> Result<Vec<i64>, ApiError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let known: Vec<i64> = fields::table
        .filter(fields::id.eq_any(ids))
        .select(fields::id)
        .load(conn)?;
    Ok(ids
        .iter()
        .copied()
        .filter(|id| !known.contains(id))
        .collect())
}
