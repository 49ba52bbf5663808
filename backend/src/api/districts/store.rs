//! Queries and rules of `districts`: what the handlers in `mod.rs` call.

use crate::db::DbConnection;
use crate::error::ApiError;
use crate::schema::{districts, municipalities};
use diesel::dsl::count_star;
use diesel::prelude::*;
use shared::reference::{district_labels, District, DistrictKind};
use shared::DistrictKey;

/// Every district as (key, name, kind, label), in key order. Labels need all names, to tell
/// which repeat.
pub fn all_with_labels(
    conn: &mut DbConnection,
) -> Result<Vec<(DistrictKey, String, DistrictKind, String)>, ApiError> {
    let rows: Vec<(String, String, DistrictKind)> = districts::table
        .select((districts::key, districts::name, districts::kind))
        .order(districts::key)
        .load(conn)?;
    let labels = district_labels(rows.iter().map(|(_, name, kind)| (name.as_str(), *kind)));
    rows.into_iter()
        .zip(labels)
        .map(|((key, name, kind), label)| {
            let key = key.parse::<DistrictKey>().map_err(ApiError::internal)?;
            Ok((key, name, kind, label))
        })
        .collect()
}

pub(crate) fn load(
    conn: &mut DbConnection,
    only: Option<&DistrictKey>,
) -> Result<Vec<District>, ApiError> {
    let counts: Vec<(String, i64)> = municipalities::table
        .group_by(municipalities::district_key)
        .select((municipalities::district_key, count_star()))
        .load(conn)?;
    Ok(all_with_labels(conn)?
        .into_iter()
        .filter(|(key, ..)| only.is_none_or(|o| o == key))
        .map(|(key, name, kind, label)| {
            let (region_code, region) = key.region().unwrap_or(("", ""));
            District {
                municipality_count: counts
                    .iter()
                    .find(|(k, _)| k == key.as_str())
                    .map_or(0, |(_, n)| *n),
                region_code: region_code.into(),
                region: region.into(),
                kind,
                key,
                name,
                label,
            }
        })
        .collect())
}
