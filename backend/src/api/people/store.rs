//! Loading and storing people with their mentor and trainer profiles, and the rules that keep
//! the public listing honest: every change that affects it moves `public_modified_at`, and a
//! mentor who leaves it leaves a tombstone.

use super::{PersonRole, PersonSort};
use crate::api::municipalities::store::municipality_refs;
use crate::db::{now, DbConnection};
use crate::error::ApiError;
use crate::schema::{
    certificates, consent_history, course_trainers, courses, enrolments, mentor_fields,
    mentor_municipalities, mentor_organisations, mentor_status_history, mentor_tags, mentors,
    organisations, people, person_languages, public_tombstones, registrations, tandem_applicants,
    trainers,
};
use crate::text::{in_trigram_index, matches_search};
use crate::text::{search_key, sort_key};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::courses::{CourseKind, EnrolmentStatus};
use shared::organisations::Address;
use shared::people::{
    Consent, ConsentChange, ConsentLevel, DuplicateCandidate, LanguageCode, MentorDraft,
    MentorProfile, MentorStatus, Person, PersonDraft, StatusChange, TrainerInput, TrainerKind,
    TrainerProfile, TrainerTraining,
};
use shared::FieldErrors;
use shared::{Ags, DistrictKey};
use std::collections::HashMap;

#[derive(Queryable, Selectable)]
#[diesel(table_name = people)]
struct PersonRow {
    id: i64,
    given_name: String,
    family_name: String,
    email: Option<String>,
    phone: Option<String>,
    street: Option<String>,
    postal_code: Option<String>,
    city: Option<String>,
    municipality_ags: Option<String>,
    version: i64,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = mentors)]
struct MentorRow {
    person_id: i64,
    status: MentorStatus,
    status_since: NaiveDateTime,
    activity_profile: Option<String>,
    availability: Option<String>,
    consent: ConsentLevel,
    consent_at: Option<NaiveDateTime>,
    consent_text_version: Option<String>,
    listed: bool,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = trainers)]
struct TrainerRow {
    person_id: i64,
    kind: TrainerKind,
    employer_organisation_id: Option<i64>,
    qualified_since: Option<chrono::NaiveDate>,
    tandem_partner_id: Option<i64>,
}

fn group<K: std::hash::Hash + Eq, V>(pairs: Vec<(K, V)>) -> HashMap<K, Vec<V>> {
    let mut map: HashMap<K, Vec<V>> = HashMap::new();
    for (k, v) in pairs {
        map.entry(k).or_default().push(v);
    }
    map
}

/// The trainer-course enrolments (not cancelled) of these people, with their local courses.
fn trainings(
    conn: &mut DbConnection,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<TrainerTraining>>, ApiError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i64, i64, String, EnrolmentStatus, Option<i64>)> = enrolments::table
        .inner_join(courses::table.on(courses::id.eq(enrolments::course_id)))
        .filter(enrolments::person_id.eq_any(ids))
        .filter(courses::kind.eq(CourseKind::TrainerCourse.code()))
        .filter(enrolments::status.ne(EnrolmentStatus::Cancelled.code()))
        .select((
            enrolments::person_id,
            courses::id,
            courses::title,
            enrolments::status,
            enrolments::local_course_id,
        ))
        .order(enrolments::id)
        .load(conn)?;
    let local_ids: Vec<i64> = rows.iter().filter_map(|r| r.4).collect();
    let local_titles: HashMap<i64, String> = if local_ids.is_empty() {
        HashMap::new()
    } else {
        courses::table
            .filter(courses::id.eq_any(&local_ids))
            .select((courses::id, courses::title))
            .load::<(i64, String)>(conn)?
            .into_iter()
            .collect()
    };
    let mut out: HashMap<i64, Vec<TrainerTraining>> = HashMap::new();
    for (person, course_id, course_title, status, local_course_id) in rows {
        out.entry(person).or_default().push(TrainerTraining {
            course_id,
            course_title,
            status,
            local_course_id,
            local_course_title: local_course_id.and_then(|id| local_titles.get(&id).cloned()),
        });
    }
    Ok(out)
}

/// People with all their profiles, in the order of `ids`.
pub fn load(conn: &mut DbConnection, ids: &[i64]) -> Result<Vec<Person>, ApiError> {
    let rows: Vec<PersonRow> = people::table
        .filter(people::id.eq_any(ids))
        .filter(people::erased_on.is_null())
        .select(PersonRow::as_select())
        .load(conn)?;
    let mut languages = group(
        person_languages::table
            .filter(person_languages::person_id.eq_any(ids))
            .select((person_languages::person_id, person_languages::language))
            .order(person_languages::language)
            .load::<(i64, String)>(conn)?,
    );
    let mentor_rows: Vec<MentorRow> = mentors::table
        .filter(mentors::person_id.eq_any(ids))
        .select(MentorRow::as_select())
        .load(conn)?;
    let mentor_ids: Vec<i64> = mentor_rows.iter().map(|m| m.person_id).collect();
    let mut fields = group(
        mentor_fields::table
            .filter(mentor_fields::person_id.eq_any(&mentor_ids))
            .select((mentor_fields::person_id, mentor_fields::field_id))
            .order(mentor_fields::field_id)
            .load::<(i64, i64)>(conn)?,
    );
    let active_in: Vec<(i64, String)> = mentor_municipalities::table
        .filter(mentor_municipalities::person_id.eq_any(&mentor_ids))
        .select((
            mentor_municipalities::person_id,
            mentor_municipalities::municipality_ags,
        ))
        .order(mentor_municipalities::municipality_ags)
        .load(conn)?;
    let mut ags_keys: Vec<String> = active_in.iter().map(|(_, a)| a.clone()).collect();
    ags_keys.extend(rows.iter().filter_map(|r| r.municipality_ags.clone()));
    let refs = municipality_refs(conn, &ags_keys)?;
    let mut active_in = group(active_in);
    let mut orgs = group(
        mentor_organisations::table
            .filter(mentor_organisations::person_id.eq_any(&mentor_ids))
            .select((
                mentor_organisations::person_id,
                mentor_organisations::organisation_id,
            ))
            .order(mentor_organisations::organisation_id)
            .load::<(i64, i64)>(conn)?,
    );
    let mut tags = group(
        mentor_tags::table
            .filter(mentor_tags::person_id.eq_any(&mentor_ids))
            .select((
                mentor_tags::person_id,
                (mentor_tags::kind, mentor_tags::tag),
            ))
            .order(mentor_tags::tag)
            .load::<(i64, (String, String))>(conn)?,
    );
    let mut status_history = group(
        mentor_status_history::table
            .filter(mentor_status_history::person_id.eq_any(&mentor_ids))
            .select((
                mentor_status_history::person_id,
                (
                    mentor_status_history::status,
                    mentor_status_history::changed_at,
                ),
            ))
            .order((mentor_status_history::changed_at, mentor_status_history::id))
            .load::<(i64, (MentorStatus, NaiveDateTime))>(conn)?,
    );
    let mut consents = group(
        consent_history::table
            .filter(consent_history::person_id.eq_any(&mentor_ids))
            .select((
                consent_history::person_id,
                (
                    consent_history::level,
                    consent_history::text_version,
                    consent_history::recorded_at,
                ),
            ))
            .order((consent_history::recorded_at, consent_history::id))
            .load::<(i64, (ConsentLevel, String, NaiveDateTime))>(conn)?,
    );
    let mut mentor_profiles: HashMap<i64, MentorProfile> = HashMap::new();
    for m in mentor_rows {
        let id = m.person_id;
        let (target_groups, themes): (Vec<_>, Vec<_>) = tags
            .remove(&id)
            .unwrap_or_default()
            .into_iter()
            .partition(|(k, _)| k == "target_group");
        let profile = MentorProfile {
            status: m.status,
            status_since: m.status_since.and_utc(),
            fields: fields.remove(&id).unwrap_or_default(),
            municipalities: active_in
                .remove(&id)
                .unwrap_or_default()
                .iter()
                .filter_map(|a| refs.get(a).cloned())
                .collect(),
            activity_profile: m.activity_profile,
            target_groups: target_groups.into_iter().map(|(_, t)| t).collect(),
            themes: themes.into_iter().map(|(_, t)| t).collect(),
            availability: m.availability,
            organisations: orgs.remove(&id).unwrap_or_default(),
            consent: Consent {
                level: m.consent,
                recorded_at: m.consent_at.map(|t| t.and_utc()),
                text_version: m.consent_text_version,
            },
            listed: m.listed,
            status_history: status_history
                .remove(&id)
                .unwrap_or_default()
                .into_iter()
                .map(|(status, at)| StatusChange {
                    status,
                    changed_at: at.and_utc(),
                })
                .collect(),
            consent_history: consents
                .remove(&id)
                .unwrap_or_default()
                .into_iter()
                .map(|(level, text_version, at)| ConsentChange {
                    level,
                    text_version,
                    recorded_at: at.and_utc(),
                })
                .collect(),
        };
        mentor_profiles.insert(id, profile);
    }
    let trainer_rows: Vec<TrainerRow> = trainers::table
        .filter(trainers::person_id.eq_any(ids))
        .select(TrainerRow::as_select())
        .load(conn)?;
    // Only trainers have trainings; most people loaded are not, and need not ask.
    let trainer_ids: Vec<i64> = trainer_rows.iter().map(|t| t.person_id).collect();
    let mut training = trainings(conn, &trainer_ids)?;
    let mut trainer_profiles: HashMap<i64, TrainerProfile> = trainer_rows
        .into_iter()
        .map(|t: TrainerRow| {
            (
                t.person_id,
                TrainerProfile {
                    kind: t.kind,
                    employer: t.employer_organisation_id,
                    qualified_since: t.qualified_since,
                    tandem_partner: t.tandem_partner_id,
                    training: training.remove(&t.person_id).unwrap_or_default(),
                },
            )
        })
        .collect();
    let mut by_id: HashMap<i64, Person> = HashMap::new();
    for r in rows {
        let person = Person {
            id: r.id,
            given_name: r.given_name,
            family_name: r.family_name,
            email: r.email,
            phone: r.phone,
            address: Address {
                street: r.street,
                postal_code: r.postal_code,
                city: r.city,
            },
            municipality: r.municipality_ags.and_then(|a| refs.get(&a).cloned()),
            languages: languages
                .remove(&r.id)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|l| l.parse::<LanguageCode>().ok())
                .collect(),
            mentor: mentor_profiles.remove(&r.id),
            trainer: trainer_profiles.remove(&r.id),
            version: r.version,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        };
        by_id.insert(person.id, person);
    }
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

/// Outside the caller's scope a person does not exist, so ids reveal nothing: 404.
pub fn check_visible(
    conn: &mut DbConnection,
    caller: &crate::auth::Caller,
    id: i64,
) -> Result<(), ApiError> {
    use crate::auth::Scope;
    let visible = match &caller.scope {
        Scope::Everything => true,
        Scope::Areas(areas) => mentors_in_areas(conn, areas)?.contains(&id),
        Scope::OwnPerson(own) => *own == Some(id),
        Scope::Client { .. } => {
            caller.require(shared::clients::ClientScope::MentorsRead)?;
            mentors::table.find(id).count().get_result::<i64>(conn)? > 0
        }
    };
    if visible {
        Ok(())
    } else {
        Err(ApiError::not_found("Die Person"))
    }
}

pub fn find(conn: &mut DbConnection, id: i64) -> Result<Person, ApiError> {
    load(conn, &[id])?
        .pop()
        .ok_or_else(|| ApiError::not_found("Die Person"))
}

/// Records that may be the same person: same e-mail, or same name in the same municipality.
pub fn possible_duplicates(
    conn: &mut DbConnection,
    draft: &PersonDraft,
    except: Option<i64>,
) -> Result<Vec<DuplicateCandidate>, ApiError> {
    let mut found: Vec<DuplicateCandidate> = Vec::new();
    let candidate =
        |(id, given_name, family_name): (i64, String, String), reason: &str| DuplicateCandidate {
            id,
            given_name,
            family_name,
            reason: reason.into(),
        };
    if let Some(email) = &draft.email {
        let rows: Vec<(i64, String, String)> = people::table
            .filter(people::email.eq(email.as_str().to_lowercase()))
            .filter(people::id.ne(except.unwrap_or(-1)))
            .filter(people::erased_on.is_null())
            .select((people::id, people::given_name, people::family_name))
            .load(conn)?;
        found.extend(rows.into_iter().map(|r| candidate(r, "email")));
    }
    if let Some(ags) = &draft.municipality {
        let rows: Vec<(i64, String, String)> = people::table
            .filter(people::sort_name.eq(person_sort_name(&draft.given_name, &draft.family_name)))
            .filter(people::municipality_ags.eq(ags.as_str()))
            .filter(people::id.ne(except.unwrap_or(-1)))
            .filter(people::erased_on.is_null())
            .select((people::id, people::given_name, people::family_name))
            .load(conn)?;
        found.extend(
            rows.into_iter()
                .filter(|r| !found.iter().any(|f| f.id == r.0))
                .map(|r| candidate(r, "name_municipality"))
                .collect::<Vec<_>>(),
        );
    }
    Ok(found)
}

/// What a search for a person looks through: names, e-mail address and place.
fn search_text_of(given: &str, family: &str, email: Option<&str>, city: Option<&str>) -> String {
    search_key(&[Some(given), Some(family), email, city])
}

/// What a search of the public listing looks through: the names alone, which the listing shows.
pub(crate) fn name_key_of(given: &str, family: &str) -> String {
    search_key(&[Some(given), Some(family)])
}

/// Computes every person's search text and name key again (see
/// [`crate::text::SEARCH_KEYS_VERSION`]), in chunks, writing only the rows whose keys change;
/// returns their number.
pub fn refresh_search_texts(conn: &mut DbConnection) -> QueryResult<usize> {
    /// People read per query, so a large register is not held in memory at once.
    const CHUNK: i64 = 5_000;
    #[derive(Queryable)]
    struct Searched {
        id: i64,
        given_name: String,
        family_name: String,
        email: Option<String>,
        city: Option<String>,
        search_text: String,
        name_key: String,
    }
    let (mut after, mut changed) = (0, 0);
    loop {
        let rows: Vec<Searched> = people::table
            .filter(people::id.gt(after))
            .order(people::id)
            .limit(CHUNK)
            .select((
                people::id,
                people::given_name,
                people::family_name,
                people::email,
                people::city,
                people::search_text,
                people::name_key,
            ))
            .load(conn)?;
        for p in &rows {
            let search_text = search_text_of(
                &p.given_name,
                &p.family_name,
                p.email.as_deref(),
                p.city.as_deref(),
            );
            let name_key = name_key_of(&p.given_name, &p.family_name);
            // Only what the folding changed is written: a fresh or seeded register costs reads.
            if search_text != p.search_text || name_key != p.name_key {
                diesel::update(people::table.find(p.id))
                    .set((
                        people::search_text.eq(search_text),
                        people::name_key.eq(name_key),
                    ))
                    .execute(conn)?;
                changed += 1;
            }
        }
        match rows.last() {
            Some(last) if rows.len() as i64 == CHUNK => after = last.id,
            _ => return Ok(changed),
        }
    }
}

fn person_sort_name(given: &str, family: &str) -> String {
    sort_key(&format!("{family} {given}"))
}

fn check_references(
    conn: &mut DbConnection,
    id: Option<i64>,
    draft: &PersonDraft,
) -> Result<(), ApiError> {
    let mut e = FieldErrors::default();
    let mut wanted: Vec<String> = draft.municipality.iter().map(|a| a.to_string()).collect();
    if let Some(m) = &draft.mentor {
        wanted.extend(m.municipalities.iter().map(|a| a.to_string()));
    }
    let known = municipality_refs(conn, &wanted)?;
    if let Some(a) = &draft.municipality {
        if !known.contains_key(a.as_str()) {
            e.add(
                "municipality",
                "unknown",
                format!("Die Gemeinde {a} ist nicht bekannt."),
            );
        }
    }
    if let Some(m) = &draft.mentor {
        let unknown: Vec<String> = m
            .municipalities
            .iter()
            .filter(|a| !known.contains_key(a.as_str()))
            .map(|a| a.to_string())
            .collect();
        if !unknown.is_empty() {
            e.add(
                "mentor.municipalities",
                "unknown",
                format!("Unbekannte Gemeinden: {}", unknown.join(", ")),
            );
        }
        let unknown_fields = crate::api::fields::store::unknown_ids(conn, &m.fields)?;
        if !unknown_fields.is_empty() {
            e.add(
                "mentor.fields",
                "unknown",
                format!("Unbekannte Einsatzfelder: {unknown_fields:?}"),
            );
        }
        let known_orgs: Vec<i64> = if m.organisations.is_empty() {
            Vec::new()
        } else {
            organisations::table
                .filter(organisations::id.eq_any(&m.organisations))
                .select(organisations::id)
                .load(conn)?
        };
        if known_orgs.len() != m.organisations.len() {
            e.add(
                "mentor.organisations",
                "unknown",
                "Eine der Organisationen gibt es nicht.",
            );
        }
    }
    if let Some(t) = &draft.trainer {
        if let Some(employer) = t.employer {
            if organisations::table
                .find(employer)
                .select(organisations::id)
                .first::<i64>(conn)
                .optional()?
                .is_none()
            {
                e.add(
                    "trainer.employer",
                    "unknown",
                    "Die Organisation des Arbeitgebers gibt es nicht.",
                );
            }
        }
        if let Some(partner) = t.tandem_partner {
            if let Err(message) = tandem_rule(conn, id, t.kind, partner)? {
                e.add("trainer.tandem_partner", "tandem", message);
            }
        }
    }
    Ok(e.into_result()?)
}

/// A tandem is one professional and one citizen trainer. Err(message) when the pairing breaks it.
fn tandem_rule(
    conn: &mut DbConnection,
    id: Option<i64>,
    kind: TrainerKind,
    partner: i64,
) -> Result<Result<(), String>, ApiError> {
    if Some(partner) == id {
        return Ok(Err("Ein Tandem besteht aus zwei Personen.".into()));
    }
    let partner_kind: Option<TrainerKind> = trainers::table
        .find(partner)
        .select(trainers::kind)
        .first(conn)
        .optional()?;
    Ok(match partner_kind {
        None => Err("Die Tandempartnerin oder der Tandempartner muss als Trainer erfasst sein.".into()),
        Some(k) if k == kind => Err(format!(
            "Ein Tandem besteht aus einer hauptamtlichen und einer bürgerschaftlichen Person; beide sind hier {}.",
            kind.label_de()
        )),
        Some(_) => Ok(()),
    })
}

/// Marks a mentor as gone from the public listing, at a publication time (see
/// [`crate::publication::stamp`]), takes them out of the listing's index, and lets tombstones
/// past their retention go.
pub fn tombstone(conn: &mut DbConnection, person_id: i64) -> Result<(), ApiError> {
    let at = crate::publication::stamp(conn)?;
    crate::api::listing::keys::remove(conn, person_id)?;
    diesel::insert_into(public_tombstones::table)
        .values((
            public_tombstones::person_id.eq(person_id),
            public_tombstones::deleted_at.eq(at),
        ))
        .execute(conn)?;
    crate::publication::purge_tombstones(conn)?;
    Ok(())
}

/// Recomputes whether the mentor is listed. When the public entry is or was listed, it gets a
/// new publication time, and a mentor who drops out of the listing leaves a tombstone; changes
/// to mentors who are not listed touch nothing public (and take no publication lock).
pub fn refresh_publication(conn: &mut DbConnection, person_id: i64) -> Result<(), ApiError> {
    let row: Option<(MentorStatus, ConsentLevel, bool)> = mentors::table
        .find(person_id)
        .select((mentors::status, mentors::consent, mentors::listed))
        .first(conn)
        .optional()?;
    let Some((status, consent, was_listed)) = row else {
        return Ok(());
    };
    let listed = status.is_public() && consent != ConsentLevel::None;
    if !was_listed && !listed {
        return Ok(());
    }
    let at = crate::publication::stamp(conn)?;
    diesel::update(mentors::table.find(person_id))
        .set((
            mentors::listed.eq(listed),
            mentors::public_modified_at.eq(at),
        ))
        .execute(conn)?;
    if was_listed && !listed {
        tombstone(conn, person_id)?;
    }
    crate::api::listing::keys::index(conn, person_id)?;
    Ok(())
}

/// Writes the mentor's links (fields, places, organisations, tags); those of an `existing`
/// person are replaced; a new one has none to remove.
fn replace_mentor_links(
    conn: &mut DbConnection,
    id: i64,
    m: &MentorDraft,
    existing: bool,
) -> Result<(), ApiError> {
    if existing {
        diesel::delete(mentor_fields::table.filter(mentor_fields::person_id.eq(id)))
            .execute(conn)?;
        diesel::delete(
            mentor_municipalities::table.filter(mentor_municipalities::person_id.eq(id)),
        )
        .execute(conn)?;
        diesel::delete(mentor_organisations::table.filter(mentor_organisations::person_id.eq(id)))
            .execute(conn)?;
        diesel::delete(mentor_tags::table.filter(mentor_tags::person_id.eq(id))).execute(conn)?;
    }
    for f in &m.fields {
        diesel::insert_into(mentor_fields::table)
            .values((
                mentor_fields::person_id.eq(id),
                mentor_fields::field_id.eq(f),
            ))
            .execute(conn)?;
    }
    for a in &m.municipalities {
        diesel::insert_into(mentor_municipalities::table)
            .values((
                mentor_municipalities::person_id.eq(id),
                mentor_municipalities::municipality_ags.eq(a.as_str()),
            ))
            .execute(conn)?;
    }
    for o in &m.organisations {
        diesel::insert_into(mentor_organisations::table)
            .values((
                mentor_organisations::person_id.eq(id),
                mentor_organisations::organisation_id.eq(o),
            ))
            .execute(conn)?;
    }
    for (kind, list) in [("target_group", &m.target_groups), ("theme", &m.themes)] {
        for tag in list {
            diesel::insert_into(mentor_tags::table)
                .values((
                    mentor_tags::person_id.eq(id),
                    mentor_tags::kind.eq(kind),
                    mentor_tags::tag.eq(tag),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// Writes the mentor profile of person `id`; an `existing` person may have one already.
fn store_mentor(
    conn: &mut DbConnection,
    id: i64,
    existing: bool,
    mentor: Option<&MentorDraft>,
    sort_name: &str,
    at: NaiveDateTime,
) -> Result<(), ApiError> {
    let current: Option<String> = if existing {
        mentors::table
            .find(id)
            .select(mentors::status)
            .first(conn)
            .optional()?
    } else {
        None
    };
    let Some(m) = mentor else {
        if current.is_some() {
            // No longer a mentor: leave the listing first, then drop the profile.
            let listed: bool = mentors::table
                .find(id)
                .select(mentors::listed)
                .first(conn)?;
            if listed {
                tombstone(conn, id)?;
            }
            diesel::delete(mentors::table.find(id)).execute(conn)?;
            let empty = MentorDraft {
                status: MentorStatus::InTraining,
                fields: vec![],
                municipalities: vec![],
                activity_profile: None,
                target_groups: vec![],
                themes: vec![],
                availability: None,
                organisations: vec![],
            };
            replace_mentor_links(conn, id, &empty, true)?;
        }
        return Ok(());
    };
    let status_changed = current.as_deref() != Some(m.status.code());
    match current {
        None => {
            diesel::insert_into(mentors::table)
                .values((
                    mentors::person_id.eq(id),
                    mentors::status.eq(m.status.code()),
                    mentors::status_since.eq(at),
                    mentors::activity_profile.eq(&m.activity_profile),
                    mentors::availability.eq(&m.availability),
                    mentors::public_modified_at.eq(at),
                    mentors::sort_name.eq(sort_name),
                ))
                .execute(conn)?;
        }
        Some(_) => {
            diesel::update(mentors::table.find(id))
                .set((
                    mentors::status.eq(m.status.code()),
                    mentors::activity_profile.eq(&m.activity_profile),
                    mentors::availability.eq(&m.availability),
                    mentors::sort_name.eq(sort_name),
                ))
                .execute(conn)?;
            if status_changed {
                diesel::update(mentors::table.find(id))
                    .set(mentors::status_since.eq(at))
                    .execute(conn)?;
            }
        }
    }
    if status_changed {
        record_status(conn, id, m.status, at)?;
    }
    replace_mentor_links(conn, id, m, existing)?;
    refresh_publication(conn, id)
}

/// Adds a status change to the mentor's dated history (what the reports count).
fn record_status(
    conn: &mut DbConnection,
    id: i64,
    status: MentorStatus,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::insert_into(mentor_status_history::table)
        .values((
            mentor_status_history::person_id.eq(id),
            mentor_status_history::status.eq(status.code()),
            mentor_status_history::changed_at.eq(at),
        ))
        .execute(conn)
}

/// Sets `id`'s partner to `partner` on both sides, releasing earlier partners.
fn pair(conn: &mut DbConnection, id: i64, partner: Option<i64>) -> Result<(), ApiError> {
    let involved: Vec<i64> = std::iter::once(id).chain(partner).collect();
    diesel::update(trainers::table.filter(trainers::tandem_partner_id.eq_any(&involved)))
        .set(trainers::tandem_partner_id.eq(None::<i64>))
        .execute(conn)?;
    diesel::update(trainers::table.find(id))
        .set(trainers::tandem_partner_id.eq(partner))
        .execute(conn)?;
    if let Some(p) = partner {
        diesel::update(trainers::table.find(p))
            .set(trainers::tandem_partner_id.eq(Some(id)))
            .execute(conn)?;
    }
    Ok(())
}

/// Writes the trainer profile of person `id`; an `existing` person may have one already.
fn store_trainer(
    conn: &mut DbConnection,
    id: i64,
    existing: bool,
    trainer: Option<&TrainerInput>,
) -> Result<(), ApiError> {
    let exists = existing
        && trainers::table
            .find(id)
            .select(trainers::person_id)
            .first::<i64>(conn)
            .optional()?
            .is_some();
    let Some(t) = trainer else {
        if exists {
            pair(conn, id, None)?;
            diesel::delete(trainers::table.find(id)).execute(conn)?;
        }
        return Ok(());
    };
    let values = (
        trainers::kind.eq(t.kind.code()),
        trainers::employer_organisation_id.eq(t.employer),
        trainers::qualified_since.eq(t.qualified_since),
    );
    if exists {
        diesel::update(trainers::table.find(id))
            .set(values)
            .execute(conn)?;
    } else {
        diesel::insert_into(trainers::table)
            .values((trainers::person_id.eq(id), values))
            .execute(conn)?;
    }
    // The pairing was checked with the references; without a partner an earlier tandem ends.
    pair(conn, id, t.tandem_partner)
}

/// Creates (`id` None) or replaces a person; returns the id. Runs inside a write transaction.
pub fn store(
    conn: &mut DbConnection,
    id: Option<i64>,
    draft: &PersonDraft,
    version: i64,
) -> Result<i64, ApiError> {
    check_references(conn, id, draft)?;
    let at = now();
    let email = draft.email.as_ref().map(|e| e.as_str().to_lowercase());
    let sort_name = person_sort_name(&draft.given_name, &draft.family_name);
    let values = (
        people::given_name.eq(&draft.given_name),
        people::family_name.eq(&draft.family_name),
        people::sort_name.eq(&sort_name),
        people::search_text.eq(search_text_of(
            &draft.given_name,
            &draft.family_name,
            email.as_deref(),
            draft.city.as_deref(),
        )),
        people::name_key.eq(name_key_of(&draft.given_name, &draft.family_name)),
        people::email.eq(&email),
        people::phone.eq(&draft.phone),
        people::street.eq(&draft.street),
        people::postal_code.eq(&draft.postal_code),
        people::city.eq(&draft.city),
        people::municipality_ags.eq(draft.municipality.as_ref().map(|a| a.as_str())),
        people::version.eq(version),
        people::updated_at.eq(at),
    );
    let existing = id.is_some();
    let id = match id {
        Some(id) => {
            diesel::update(people::table.find(id))
                .set(values)
                .execute(conn)?;
            id
        }
        None => diesel::insert_into(people::table)
            .values((values, people::created_at.eq(at)))
            .returning(people::id)
            .get_result(conn)?,
    };
    if existing {
        diesel::delete(person_languages::table.filter(person_languages::person_id.eq(id)))
            .execute(conn)?;
    }
    for l in &draft.languages {
        diesel::insert_into(person_languages::table)
            .values((
                person_languages::person_id.eq(id),
                person_languages::language.eq(l.as_str()),
            ))
            .execute(conn)?;
    }
    store_trainer(conn, id, existing, draft.trainer.as_ref())?;
    store_mentor(conn, id, existing, draft.mentor.as_ref(), &sort_name, at)?;
    Ok(id)
}

/// Records a consent change; the listing follows on the very next request.
pub fn set_consent(
    conn: &mut DbConnection,
    id: i64,
    level: ConsentLevel,
    text_version: &str,
    by: i64,
) -> Result<(), ApiError> {
    let at = now();
    let updated = diesel::update(mentors::table.find(id))
        .set((
            mentors::consent.eq(level.code()),
            mentors::consent_at.eq(at),
            mentors::consent_text_version.eq(text_version),
        ))
        .execute(conn)?;
    if updated == 0 {
        return Err(ApiError::Conflict(
            "consent_mentors_only",
            "Eine Einwilligung gibt es nur für Mentorinnen und Mentoren.".into(),
        ));
    }
    diesel::insert_into(consent_history::table)
        .values((
            consent_history::person_id.eq(id),
            consent_history::level.eq(level.code()),
            consent_history::text_version.eq(text_version),
            consent_history::recorded_at.eq(at),
            consent_history::recorded_by.eq(by),
        ))
        .execute(conn)?;
    diesel::update(people::table.find(id))
        .set((
            people::version.eq(people::version + 1),
            people::updated_at.eq(at),
        ))
        .execute(conn)?;
    refresh_publication(conn, id)
}

/// What a certificate makes of its holder: a mentor course makes a certified mentor (a mentor
/// in training, or a person without a mentor profile, becomes one; later stages stay), a
/// trainer course a qualified trainer from the day of issue.
pub fn mark_qualified(
    conn: &mut DbConnection,
    id: i64,
    kind: CourseKind,
    on: chrono::NaiveDate,
) -> Result<(), ApiError> {
    let at = now();
    match kind {
        CourseKind::MentorCourse => {
            let status: Option<MentorStatus> = mentors::table
                .find(id)
                .select(mentors::status)
                .first(conn)
                .optional()?;
            match status {
                Some(MentorStatus::InTraining) => {
                    diesel::update(mentors::table.find(id))
                        .set((
                            mentors::status.eq(MentorStatus::Certified.code()),
                            mentors::status_since.eq(at),
                        ))
                        .execute(conn)?;
                }
                Some(_) => return Ok(()),
                None => {
                    let (given, family): (String, String) = people::table
                        .find(id)
                        .select((people::given_name, people::family_name))
                        .first(conn)?;
                    diesel::insert_into(mentors::table)
                        .values((
                            mentors::person_id.eq(id),
                            mentors::status.eq(MentorStatus::Certified.code()),
                            mentors::status_since.eq(at),
                            mentors::public_modified_at.eq(at),
                            mentors::sort_name.eq(person_sort_name(&given, &family)),
                        ))
                        .execute(conn)?;
                }
            }
            record_status(conn, id, MentorStatus::Certified, at)?;
            refresh_publication(conn, id)?;
        }
        CourseKind::TrainerCourse => {
            diesel::update(
                trainers::table
                    .find(id)
                    .filter(trainers::qualified_since.is_null()),
            )
            .set(trainers::qualified_since.eq(on))
            .execute(conn)?;
        }
    }
    bump_version(conn, id, at)
}

fn bump_version(conn: &mut DbConnection, id: i64, at: NaiveDateTime) -> Result<(), ApiError> {
    diesel::update(people::table.find(id))
        .set((
            people::version.eq(people::version + 1),
            people::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Removes every personal datum about a person and keeps an anonymous record in their place:
/// their enrolments, attendance, course leadership and mentor status history stay, so reports on
/// past periods keep their numbers; name, contact data, languages, consent, profile texts and
/// sign-in accounts go. An active mentor is retired as of today. The record is hidden everywhere
/// from then on. The audit log keeps only ids. Refused while a certificate's register entry has
/// to be kept.
pub fn erase(conn: &mut DbConnection, id: i64) -> Result<(), ApiError> {
    use crate::schema::{
        accounts, consent_history, erasure_requests, invitations, mentor_organisations, mentor_tags,
    };
    find(conn, id)?;
    let certified: i64 = certificates::table
        .filter(certificates::person_id.eq(id))
        .count()
        .get_result(conn)?;
    if certified > 0 {
        return Err(ApiError::Conflict(
            "certified_person",
            "Für diese Person ist ein Zertifikat ausgestellt; der Registereintrag muss aufbewahrt werden, deshalb lässt sie sich nicht löschen.".into(),
        ));
    }
    let own_accounts: Vec<(i64, String)> = accounts::table
        .filter(accounts::person_id.eq(id))
        .select((accounts::id, accounts::email))
        .load(conn)?;
    let (account_ids, addresses): (Vec<i64>, Vec<String>) = own_accounts.into_iter().unzip();

    let at = now();
    let mentor: Option<(MentorStatus, bool)> = mentors::table
        .find(id)
        .select((mentors::status, mentors::listed))
        .first(conn)
        .optional()?;
    if let Some((status, listed)) = mentor {
        if listed {
            tombstone(conn, id)?;
        }
        if status != MentorStatus::Retired {
            record_status(conn, id, MentorStatus::Retired, at)?;
        }
        diesel::update(mentors::table.find(id))
            .set((
                mentors::status.eq(MentorStatus::Retired.code()),
                mentors::status_since.eq(at),
                mentors::activity_profile.eq(None::<String>),
                mentors::availability.eq(None::<String>),
                mentors::consent.eq(ConsentLevel::None.code()),
                mentors::consent_at.eq(None::<NaiveDateTime>),
                mentors::consent_text_version.eq(None::<String>),
                mentors::listed.eq(false),
                mentors::public_modified_at.eq(at),
                mentors::sort_name.eq(""),
            ))
            .execute(conn)?;
    }
    diesel::delete(person_languages::table.filter(person_languages::person_id.eq(id)))
        .execute(conn)?;
    diesel::delete(consent_history::table.filter(consent_history::person_id.eq(id)))
        .execute(conn)?;
    // The registrations hold a copy of the contact details and the motivation.
    diesel::delete(registrations::table.filter(registrations::person_id.eq(id))).execute(conn)?;
    // A tandem application keeps its partner, without the erased person's details.
    diesel::update(tandem_applicants::table.filter(tandem_applicants::person_id.eq(id)))
        .set((
            tandem_applicants::given_name.eq("–"),
            tandem_applicants::family_name.eq(""),
            tandem_applicants::email.eq(""),
            tandem_applicants::phone.eq(None::<String>),
            tandem_applicants::person_id.eq(None::<i64>),
        ))
        .execute(conn)?;
    diesel::delete(mentor_organisations::table.filter(mentor_organisations::person_id.eq(id)))
        .execute(conn)?;
    diesel::delete(mentor_tags::table.filter(mentor_tags::person_id.eq(id))).execute(conn)?;
    diesel::delete(erasure_requests::table.filter(erasure_requests::person_id.eq(id)))
        .execute(conn)?;
    diesel::update(trainers::table.filter(trainers::tandem_partner_id.eq(id)))
        .set(trainers::tandem_partner_id.eq(None::<i64>))
        .execute(conn)?;
    diesel::delete(trainers::table.find(id)).execute(conn)?;
    // Accounts last: what the person recorded themselves (consent) refers to them.
    diesel::delete(invitations::table.filter(invitations::person_id.eq(id))).execute(conn)?;
    diesel::delete(accounts::table.filter(accounts::id.eq_any(account_ids))).execute(conn)?;
    crate::mail::forget(conn, &addresses)?;
    diesel::update(people::table.find(id))
        .set((
            people::given_name.eq(""),
            people::family_name.eq(""),
            people::sort_name.eq(""),
            people::search_text.eq(""),
            people::name_key.eq(""),
            people::email.eq(None::<String>),
            people::phone.eq(None::<String>),
            people::street.eq(None::<String>),
            people::postal_code.eq(None::<String>),
            people::city.eq(None::<String>),
            people::municipality_ags.eq(None::<String>),
            people::erased_on.eq(Some(at.date())),
            people::version.eq(people::version + 1),
            people::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Courses follow the kept record: enrolments (with their attendance and certificates), tandem
/// partners and course leadership. Where both records are enrolled in one course, a cancelled
/// enrolment gives way to the other; two live enrolments are not merged silently, staff cancel
/// one first.
fn move_course_links(conn: &mut DbConnection, keep: i64, duplicate: i64) -> Result<(), ApiError> {
    let enrolled =
        |conn: &mut DbConnection, person: i64| -> QueryResult<HashMap<i64, (i64, String)>> {
            Ok(enrolments::table
                .filter(enrolments::person_id.eq(person))
                .select((enrolments::course_id, (enrolments::id, enrolments::status)))
                .load::<(i64, (i64, String))>(conn)?
                .into_iter()
                .collect())
        };
    let kept = enrolled(conn, keep)?;
    let cancelled = EnrolmentStatus::Cancelled.code();
    let mut in_both = Vec::new();
    for (course, (dup_enrolment, dup_status)) in enrolled(conn, duplicate)? {
        let Some((kept_enrolment, kept_status)) = kept.get(&course) else {
            continue;
        };
        let gives_way = if dup_status == cancelled {
            dup_enrolment
        } else if kept_status == cancelled {
            *kept_enrolment
        } else {
            in_both.push(course);
            continue;
        };
        diesel::delete(enrolments::table.find(gives_way)).execute(conn)?;
    }
    if !in_both.is_empty() {
        let titles: Vec<String> = courses::table
            .filter(courses::id.eq_any(&in_both))
            .select(courses::title)
            .load(conn)?;
        return Err(ApiError::Conflict("same_course", format!(
            "Beide Datensätze sind im selben Kurs angemeldet ({}). Bitte zuerst eine der Anmeldungen stornieren.",
            titles.join(", ")
        )));
    }
    diesel::update(registrations::table.filter(registrations::person_id.eq(duplicate)))
        .set(registrations::person_id.eq(keep))
        .execute(conn)?;
    diesel::update(tandem_applicants::table.filter(tandem_applicants::person_id.eq(duplicate)))
        .set(tandem_applicants::person_id.eq(keep))
        .execute(conn)?;
    diesel::update(enrolments::table.filter(enrolments::person_id.eq(duplicate)))
        .set(enrolments::person_id.eq(keep))
        .execute(conn)?;
    diesel::update(enrolments::table.filter(enrolments::tandem_partner_id.eq(duplicate)))
        .set(enrolments::tandem_partner_id.eq(keep))
        .execute(conn)?;
    diesel::update(certificates::table.filter(certificates::person_id.eq(duplicate)))
        .set(certificates::person_id.eq(keep))
        .execute(conn)?;
    let led: Vec<i64> = course_trainers::table
        .filter(course_trainers::person_id.eq(keep))
        .select(course_trainers::course_id)
        .load(conn)?;
    diesel::update(
        course_trainers::table
            .filter(course_trainers::person_id.eq(duplicate))
            .filter(course_trainers::course_id.ne_all(&led)),
    )
    .set(course_trainers::person_id.eq(keep))
    .execute(conn)?;
    Ok(())
}

/// Merges `duplicate` into `keep`: every link moves over, empty attributes are filled from the
/// duplicate, the newer consent wins, and the duplicate is deleted. Nothing is lost.
pub fn merge(conn: &mut DbConnection, keep: i64, duplicate: i64) -> Result<(), ApiError> {
    use diesel::sql_types::BigInt;
    if keep == duplicate {
        return Err(ApiError::field(
            "duplicate_id",
            "same",
            "Ein Datensatz kann nicht mit sich selbst zusammengeführt werden.",
        ));
    }
    let at = now();
    let a = find(conn, keep)?;
    let b = find(conn, duplicate).map_err(|_| {
        ApiError::field(
            "duplicate_id",
            "unknown",
            "Den zweiten Datensatz gibt es nicht.",
        )
    })?;

    // Attributes the kept record lacks.
    let or =
        |mine: &Option<String>, theirs: &Option<String>| mine.clone().or_else(|| theirs.clone());
    diesel::update(people::table.find(keep))
        .set((
            people::email.eq(or(&a.email, &b.email)),
            people::phone.eq(or(&a.phone, &b.phone)),
            people::street.eq(or(&a.address.street, &b.address.street)),
            people::postal_code.eq(or(&a.address.postal_code, &b.address.postal_code)),
            people::city.eq(or(&a.address.city, &b.address.city)),
            people::municipality_ags.eq(a
                .municipality
                .as_ref()
                .or(b.municipality.as_ref())
                .map(|m| m.ags.to_string())),
            people::version.eq(a.version + 1),
            people::updated_at.eq(at),
        ))
        .execute(conn)?;

    // Mentor profile: adopt the duplicate's when there is none; the newer consent wins.
    if let Some(theirs) = &b.mentor {
        let consent = |m: &MentorProfile| {
            (
                m.consent.level.code(),
                m.consent.recorded_at.map(|t| t.naive_utc()),
                m.consent.text_version.clone(),
            )
        };
        match &a.mentor {
            None => {
                let (level, consent_at, version) = consent(theirs);
                diesel::insert_into(mentors::table)
                    .values((
                        mentors::person_id.eq(keep),
                        mentors::status.eq(theirs.status.code()),
                        mentors::status_since.eq(theirs.status_since.naive_utc()),
                        mentors::activity_profile.eq(&theirs.activity_profile),
                        mentors::availability.eq(&theirs.availability),
                        mentors::consent.eq(level),
                        mentors::consent_at.eq(consent_at),
                        mentors::consent_text_version.eq(version),
                        mentors::public_modified_at.eq(at),
                        mentors::sort_name.eq(person_sort_name(&a.given_name, &a.family_name)),
                    ))
                    .execute(conn)?;
            }
            Some(mine) => {
                if theirs.consent.recorded_at > mine.consent.recorded_at {
                    let (level, consent_at, version) = consent(theirs);
                    diesel::update(mentors::table.find(keep))
                        .set((
                            mentors::consent.eq(level),
                            mentors::consent_at.eq(consent_at),
                            mentors::consent_text_version.eq(version),
                        ))
                        .execute(conn)?;
                }
                if mine.activity_profile.is_none() && theirs.activity_profile.is_some() {
                    diesel::update(mentors::table.find(keep))
                        .set(mentors::activity_profile.eq(&theirs.activity_profile))
                        .execute(conn)?;
                }
            }
        }
    }
    // Links: the union of both records.
    const UNION: [&str; 5] = [
        "INSERT INTO person_languages (person_id, language) SELECT $1, language FROM person_languages WHERE person_id = $2 AND language NOT IN (SELECT language FROM person_languages WHERE person_id = $1)",
        "INSERT INTO mentor_fields (person_id, field_id) SELECT $1, field_id FROM mentor_fields WHERE person_id = $2 AND field_id NOT IN (SELECT field_id FROM mentor_fields WHERE person_id = $1)",
        "INSERT INTO mentor_municipalities (person_id, municipality_ags) SELECT $1, municipality_ags FROM mentor_municipalities WHERE person_id = $2 AND municipality_ags NOT IN (SELECT municipality_ags FROM mentor_municipalities WHERE person_id = $1)",
        "INSERT INTO mentor_organisations (person_id, organisation_id) SELECT $1, organisation_id FROM mentor_organisations WHERE person_id = $2 AND organisation_id NOT IN (SELECT organisation_id FROM mentor_organisations WHERE person_id = $1)",
        "INSERT INTO mentor_tags (person_id, kind, tag) SELECT $1, kind, tag FROM mentor_tags t WHERE person_id = $2 AND NOT EXISTS (SELECT 1 FROM mentor_tags k WHERE k.person_id = $1 AND k.kind = t.kind AND k.tag = t.tag)",
    ];
    for sql in UNION {
        diesel::sql_query(crate::db::dialect(conn, sql))
            .bind::<BigInt, _>(keep)
            .bind::<BigInt, _>(duplicate)
            .execute(conn)?;
    }
    diesel::update(
        mentor_status_history::table.filter(mentor_status_history::person_id.eq(duplicate)),
    )
    .set(mentor_status_history::person_id.eq(keep))
    .execute(conn)?;
    diesel::update(consent_history::table.filter(consent_history::person_id.eq(duplicate)))
        .set(consent_history::person_id.eq(keep))
        .execute(conn)?;
    move_course_links(conn, keep, duplicate)?;

    // Trainer profile and tandem.
    if a.trainer.is_none() {
        if let Some(t) = &b.trainer {
            diesel::insert_into(trainers::table)
                .values((
                    trainers::person_id.eq(keep),
                    trainers::kind.eq(t.kind.code()),
                    trainers::employer_organisation_id.eq(t.employer),
                    trainers::qualified_since.eq(t.qualified_since),
                ))
                .execute(conn)?;
            pair(conn, keep, t.tandem_partner)?;
        }
    }
    if b.mentor.as_ref().is_some_and(|m| m.listed) {
        tombstone(conn, duplicate)?;
    }
    diesel::delete(people::table.find(duplicate)).execute(conn)?;
    refresh_publication(conn, keep)
}

/// The mentors a coordinator of `areas` (district keys or AGS) sees: those living in one of the
/// areas or active in one of its municipalities.
pub fn mentors_in_areas(conn: &mut DbConnection, areas: &[String]) -> Result<Vec<i64>, ApiError> {
    let mut ids = Vec::new();
    for area in areas {
        let pattern = format!("{area}%");
        let active: Vec<i64> = mentor_municipalities::table
            .filter(mentor_municipalities::municipality_ags.like(pattern.clone()))
            .select(mentor_municipalities::person_id)
            .load(conn)?;
        let living: Vec<i64> = people::table
            .filter(people::municipality_ags.like(pattern))
            .filter(people::id.eq_any(mentors::table.select(mentors::person_id)))
            .select(people::id)
            .load(conn)?;
        ids.extend(active);
        ids.extend(living);
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

pub(crate) struct Filter {
    pub(crate) role: Option<PersonRole>,
    pub(crate) status: Option<MentorStatus>,
    pub(crate) field: Option<i64>,
    pub(crate) district: Option<DistrictKey>,
    pub(crate) municipality: Option<Ags>,
    pub(crate) language: Option<String>,
    pub(crate) trainer_kind: Option<TrainerKind>,
    pub(crate) q: Option<crate::text::SearchTerm>,
    pub(crate) sort: PersonSort,
    /// The caller's scope: only these people.
    pub(crate) only: Option<Vec<i64>>,
}

pub(crate) type BoxedQuery<'a> = people::BoxedQuery<'a, <DbConnection as Connection>::Backend>;

/// The people `f` chooses; `sqlite` says where a name search finds its index.
pub(crate) fn filtered(f: &Filter, sqlite: bool) -> BoxedQuery<'_> {
    let mut q = people::table
        .filter(people::erased_on.is_null())
        .into_boxed();
    let is_mentor = || mentors::table.select(mentors::person_id);
    let is_trainer = || trainers::table.select(trainers::person_id);
    match f.role {
        Some(PersonRole::Mentor) => q = q.filter(people::id.eq_any(is_mentor())),
        Some(PersonRole::Trainer) => q = q.filter(people::id.eq_any(is_trainer())),
        None => {}
    }
    if let Some(status) = f.status {
        q = q.filter(
            people::id.eq_any(
                mentors::table
                    .filter(mentors::status.eq(status.code()))
                    .select(mentors::person_id),
            ),
        );
    }
    if let Some(field) = f.field {
        q = q.filter(
            people::id.eq_any(
                mentor_fields::table
                    .filter(mentor_fields::field_id.eq(field))
                    .select(mentor_fields::person_id),
            ),
        );
    }
    if let Some(d) = &f.district {
        let (first, last) = d.ags_range();
        let active_there = mentor_municipalities::table
            .filter(mentor_municipalities::municipality_ags.between(first.clone(), last.clone()))
            .select(mentor_municipalities::person_id);
        q = q.filter(
            people::municipality_ags
                .between(first, last)
                .or(people::id.eq_any(active_there)),
        );
    }
    if let Some(m) = &f.municipality {
        let active_there = mentor_municipalities::table
            .filter(mentor_municipalities::municipality_ags.eq(m.as_str()))
            .select(mentor_municipalities::person_id);
        q = q.filter(
            people::municipality_ags
                .eq(m.as_str())
                .or(people::id.eq_any(active_there)),
        );
    }
    if let Some(l) = &f.language {
        q = q.filter(
            people::id.eq_any(
                person_languages::table
                    .filter(person_languages::language.eq(l))
                    .select(person_languages::person_id),
            ),
        );
    }
    if let Some(kind) = f.trainer_kind {
        q = q.filter(
            people::id.eq_any(
                trainers::table
                    .filter(trainers::kind.eq(kind.code()))
                    .select(trainers::person_id),
            ),
        );
    }
    if let Some(only) = &f.only {
        q = q.filter(people::id.eq_any(only));
    }
    if let Some(term) = &f.q {
        q = match term.trigram_query().filter(|_| sqlite) {
            Some(query) => q.filter(in_trigram_index("people.id", "people_search", query)),
            None => q.filter(matches_search!(people::search_text, term)),
        };
    }
    q
}
