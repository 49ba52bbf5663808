//! Queries and rules of `coverage`: what the handlers in `mod.rs` call.

use crate::db::DbConnection;
use crate::error::ApiError;
use crate::schema::{mentor_fields, mentor_municipalities, mentors, municipalities};
use diesel::prelude::*;
use shared::coverage::{Coverage, DistrictCoverage, MunicipalityCoverage, StateCoverage};
use shared::people::MentorStatus;
use shared::DistrictKey;
use std::collections::{BTreeSet, HashMap, HashSet};

/// Coverage of the whole state with the coverage generation it was read at, both from one
/// snapshot: what a cache may keep until the generation moves.
pub(crate) fn compute_at_generation(conn: &mut DbConnection) -> Result<(i64, Coverage), ApiError> {
    crate::db::read_snapshot(conn, |conn| {
        let generation = crate::db::read_generations(conn)?.coverage;
        Ok((generation, compute(conn)?))
    })
}

/// The whole state's coverage narrowed to one district's municipalities and white spots (the
/// state and district figures stay whole).
pub(crate) fn within(whole: &Coverage, district: Option<&DistrictKey>) -> Coverage {
    let Some(district) = district else {
        return whole.clone();
    };
    let municipalities: Vec<MunicipalityCoverage> = whole
        .municipalities
        .iter()
        .filter(|m| &m.district_key == district)
        .cloned()
        .collect();
    Coverage {
        state: whole.state.clone(),
        districts: whole.districts.clone(),
        white_spots: white_spots(&municipalities),
        municipalities,
    }
}

fn white_spots(municipalities: &[MunicipalityCoverage]) -> Vec<shared::Ags> {
    municipalities
        .iter()
        .filter(|m| m.mentors == 0)
        .map(|m| m.ags.clone())
        .collect()
}

fn compute(conn: &mut DbConnection) -> Result<Coverage, ApiError> {
    let active = MentorStatus::Active.code();
    let placements: Vec<(i64, String)> = mentor_municipalities::table
        .inner_join(mentors::table.on(mentors::person_id.eq(mentor_municipalities::person_id)))
        .filter(mentors::status.eq(active))
        .select((
            mentor_municipalities::person_id,
            mentor_municipalities::municipality_ags,
        ))
        .load(conn)?;
    let mut fields_of: HashMap<i64, Vec<i64>> = HashMap::new();
    for (person, field) in mentor_fields::table
        .inner_join(mentors::table.on(mentors::person_id.eq(mentor_fields::person_id)))
        .filter(mentors::status.eq(active))
        .select((mentor_fields::person_id, mentor_fields::field_id))
        .load::<(i64, i64)>(conn)?
    {
        fields_of.entry(person).or_default().push(field);
    }
    // Mentors and fields per municipality, per district and for the state; a mentor active in
    // several places counts once per area.
    #[derive(Default)]
    struct Area {
        mentors: HashSet<i64>,
        fields: BTreeSet<i64>,
    }
    impl Area {
        fn add(&mut self, person: i64, fields: &[i64]) {
            self.mentors.insert(person);
            self.fields.extend(fields);
        }
    }
    let (mut by_municipality, mut by_district, mut state) = (
        HashMap::<String, Area>::new(),
        HashMap::<String, Area>::new(),
        Area::default(),
    );
    for (person, ags) in &placements {
        let fields = fields_of.get(person).map(Vec::as_slice).unwrap_or_default();
        by_district
            .entry(ags[..5].to_owned())
            .or_default()
            .add(*person, fields);
        by_municipality
            .entry(ags.clone())
            .or_default()
            .add(*person, fields);
        state.add(*person, fields);
    }
    let all_municipalities: Vec<(String, String, String)> = municipalities::table
        .select((
            municipalities::ags,
            municipalities::name,
            municipalities::district_key,
        ))
        .order((municipalities::district_key, municipalities::sort_name))
        .load(conn)?;
    let mut counts: HashMap<&str, (i64, i64)> = HashMap::new();
    for (ags, _, district_key) in &all_municipalities {
        let entry = counts.entry(district_key.as_str()).or_default();
        entry.0 += 1;
        entry.1 += i64::from(by_municipality.contains_key(ags));
    }
    let bad = |e: shared::ValueError| ApiError::internal(e);
    let districts = crate::api::districts::store::all_with_labels(conn)?
        .into_iter()
        .map(|(key, name, kind, label)| {
            let area = by_district.get(key.as_str());
            let (total, covered) = counts.get(key.as_str()).copied().unwrap_or_default();
            Ok(DistrictCoverage {
                region: key.region().map(|(_, r)| r.to_owned()).unwrap_or_default(),
                key,
                name,
                label,
                kind,
                mentors: area.map_or(0, |a| a.mentors.len() as i64),
                fields: area
                    .map(|a| a.fields.iter().copied().collect())
                    .unwrap_or_default(),
                municipalities: total,
                municipalities_covered: covered,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let municipalities = all_municipalities
        .iter()
        .map(|(ags, name, district_key)| {
            let area = by_municipality.get(ags);
            Ok(MunicipalityCoverage {
                ags: ags.parse().map_err(bad)?,
                name: name.clone(),
                district_key: district_key.parse().map_err(bad)?,
                mentors: area.map_or(0, |a| a.mentors.len() as i64),
                fields: area
                    .map(|a| a.fields.iter().copied().collect())
                    .unwrap_or_default(),
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(Coverage {
        state: StateCoverage {
            mentors: state.mentors.len() as i64,
            fields: state.fields.into_iter().collect(),
            municipalities: all_municipalities.len() as i64,
            municipalities_covered: by_municipality.len() as i64,
        },
        districts,
        white_spots: white_spots(&municipalities),
        municipalities,
    })
}
