//! Queries and rules of `municipalities`: what the handlers in `mod.rs` call.

use crate::db::DbConnection;
use crate::error::ApiError;
use crate::schema::{districts, municipalities};
use diesel::prelude::*;
use shared::organisations::MunicipalityRef;
use shared::reference::Municipality;
use shared::Ags;
use std::collections::HashMap;

pub(crate) type Row = (
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<i64>,
);

pub(crate) type Columns = (
    municipalities::ags,
    municipalities::name,
    municipalities::kind,
    municipalities::district_key,
    districts::name,
    municipalities::postal_code,
    municipalities::population,
);

pub(crate) const COLUMNS: Columns = (
    municipalities::ags,
    municipalities::name,
    municipalities::kind,
    municipalities::district_key,
    districts::name,
    municipalities::postal_code,
    municipalities::population,
);

pub(crate) fn to_municipality(r: Row) -> Result<Municipality, ApiError> {
    let bad = |e: shared::ValueError| ApiError::internal(e);
    Ok(Municipality {
        ags: r.0.parse().map_err(bad)?,
        name: r.1,
        kind: r.2,
        district_key: r.3.parse().map_err(bad)?,
        district_name: r.4,
        postal_code: r.5,
        population: r.6,
    })
}

pub fn find(conn: &mut DbConnection, ags: &Ags) -> Result<Option<Municipality>, ApiError> {
    let row: Option<Row> = municipalities::table
        .inner_join(districts::table)
        .filter(municipalities::ags.eq(ags.as_str()))
        .select(COLUMNS)
        .first(conn)
        .optional()?;
    row.map(to_municipality).transpose()
}

fn municipality_ref(
    ags: String,
    name: String,
    district_key: String,
) -> Result<MunicipalityRef, ApiError> {
    Ok(MunicipalityRef {
        ags: ags
            .parse()
            .map_err(|e: shared::ValueError| ApiError::internal(e))?,
        name,
        district_key,
    })
}

/// Municipality references for the given keys, by AGS.
pub fn municipality_refs(
    conn: &mut DbConnection,
    keys: &[String],
) -> Result<HashMap<String, MunicipalityRef>, ApiError> {
    if keys.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(String, String, String)> = municipalities::table
        .filter(municipalities::ags.eq_any(keys))
        .select((
            municipalities::ags,
            municipalities::name,
            municipalities::district_key,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(ags, name, district)| Ok((ags.clone(), municipality_ref(ags, name, district)?)))
        .collect()
}
