//! Reference data: fields of activity, districts, municipalities, coverage.

use super::{Change, Read};
use crate::api::Method;
use shared::coverage::Coverage;
use shared::reference::{District, FieldOfActivity, FieldOfActivityInput, Municipality};
use shared::Page;

/// The current fields of activity; with `retired`, the retired ones too.
pub fn fields(retired: bool) -> Read<Vec<FieldOfActivity>> {
    Read::new(if retired {
        "/fields?include_retired=true"
    } else {
        "/fields"
    })
}

pub fn create_field(field: &FieldOfActivityInput) -> Change<FieldOfActivity> {
    Change::new(Method::Post, "/fields").body(field)
}

pub fn update_field(
    id: i64,
    version: i64,
    field: &FieldOfActivityInput,
) -> Change<FieldOfActivity> {
    Change::new(Method::Put, format!("/fields/{id}"))
        .version(version)
        .body(field)
}

pub fn remove_field(id: i64, version: i64) -> Change<()> {
    Change::new(Method::Delete, format!("/fields/{id}")).version(version)
}

pub fn districts() -> Read<Vec<District>> {
    Read::new("/districts")
}

pub fn district(key: &str) -> Read<District> {
    Read::new(format!("/districts/{}", super::encode(key)))
}

/// The municipalities of a district (all of them: a district has fewer than 200).
pub fn municipalities_of(district: &str) -> Read<Page<Municipality>> {
    Read::new(format!(
        "/municipalities?limit=200&district={}",
        super::encode(district)
    ))
}

pub fn municipality(ags: &str) -> Read<Municipality> {
    Read::new(format!("/municipalities/{}", super::encode(ags)))
}

/// Coverage of the state, or of one district's municipalities.
pub fn coverage(district: Option<&str>) -> Read<Coverage> {
    Read::new(match district {
        Some(key) => format!("/coverage?district={}", super::encode(key)),
        None => "/coverage".to_owned(),
    })
}
