//! Coverage: where the programme has active mentors, and the white spots without any.

use crate::reference::DistrictKind;
use crate::{Ags, DistrictKey};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StateCoverage {
    /// Active mentors in Baden-Württemberg (each counted once).
    pub mentors: i64,
    /// Fields of activity covered by at least one active mentor.
    pub fields: Vec<i64>,
    pub municipalities: i64,
    /// Municipalities with at least one active mentor.
    pub municipalities_covered: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DistrictCoverage {
    pub key: DistrictKey,
    pub name: String,
    /// The name as shown to people (see [`crate::reference::District::label`]).
    pub label: String,
    pub kind: DistrictKind,
    pub region: String,
    pub mentors: i64,
    pub fields: Vec<i64>,
    pub municipalities: i64,
    pub municipalities_covered: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MunicipalityCoverage {
    pub ags: Ags,
    pub name: String,
    pub district_key: DistrictKey,
    pub mentors: i64,
    pub fields: Vec<i64>,
}

/// Active mentors per state, district and municipality, and the municipalities without any.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Coverage {
    pub state: StateCoverage,
    pub districts: Vec<DistrictCoverage>,
    /// All municipalities (of the requested district, if one was given).
    pub municipalities: Vec<MunicipalityCoverage>,
    /// AGS of the municipalities (of the requested district) without an active mentor.
    pub white_spots: Vec<Ags>,
}
