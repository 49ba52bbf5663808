//! Queries and rules of `courses`: what the handlers in `mod.rs` call.

use crate::auth::Caller;
use crate::db::{now, DbConnection};
use crate::error::ApiError;
use crate::schema::{
    course_sessions, course_topics, course_trainers, courses, enrolments, municipalities,
    organisations, trainers,
};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use diesel::prelude::*;
use shared::clients::ClientScope;
use shared::courses::{
    session_hours, Course, CourseDraft, CourseKind, CourseLink, CourseStatus, EnrolmentStatus,
    Session, Venue,
};
use shared::people::TrainerKind;
use shared::DistrictKey;

#[derive(Queryable, Selectable)]
#[diesel(table_name = courses)]
pub(crate) struct CourseRow {
    pub(crate) id: i64,
    pub(crate) kind: CourseKind,
    pub(crate) title: String,
    pub(crate) description: Option<String>,
    pub(crate) status: CourseStatus,
    pub(crate) venue_name: Option<String>,
    pub(crate) venue_address: Option<String>,
    pub(crate) venue_organisation_id: Option<i64>,
    pub(crate) municipality_ags: Option<String>,
    pub(crate) provider_organisation_id: Option<i64>,
    pub(crate) commissioning_organisation_id: Option<i64>,
    pub(crate) funder_organisation_id: Option<i64>,
    pub(crate) required_hours: f64,
    pub(crate) capacity: i64,
    pub(crate) registration_deadline: Option<NaiveDate>,
    pub(crate) version: i64,
    pub(crate) completed_on: Option<NaiveDate>,
    pub(crate) completion_reason: Option<String>,
}

pub(crate) type SessionRow = (
    i64,
    i64,
    Option<NaiveDate>,
    Option<NaiveTime>,
    Option<NaiveTime>,
    Option<String>,
    Option<String>,
);

pub(crate) fn load(conn: &mut DbConnection, ids: &[i64]) -> Result<Vec<Course>, ApiError> {
    let rows: Vec<CourseRow> = courses::table
        .filter(courses::id.eq_any(ids))
        .select(CourseRow::as_select())
        .load(conn)?;
    let trainer_links: Vec<(i64, i64)> = course_trainers::table
        .filter(course_trainers::course_id.eq_any(ids))
        .select((course_trainers::course_id, course_trainers::person_id))
        .order(course_trainers::person_id)
        .load(conn)?;
    let topics: Vec<(i64, String)> = course_topics::table
        .filter(course_topics::course_id.eq_any(ids))
        .select((course_topics::course_id, course_topics::topic))
        .order((course_topics::course_id, course_topics::position))
        .load(conn)?;
    let sessions: Vec<SessionRow> = course_sessions::table
        .filter(course_sessions::course_id.eq_any(ids))
        .select((
            course_sessions::id,
            course_sessions::course_id,
            course_sessions::session_date,
            course_sessions::start_time,
            course_sessions::end_time,
            course_sessions::topic,
            course_sessions::room,
        ))
        .load(conn)?;
    let keys: Vec<String> = rows
        .iter()
        .filter_map(|r| r.municipality_ags.clone())
        .collect();
    let refs = crate::api::municipalities::store::municipality_refs(conn, &keys)?;
    // Local courses of tandems in training: the trainer course naming them.
    let trained_in: Vec<(Option<i64>, i64, String)> = enrolments::table
        .inner_join(courses::table.on(courses::id.eq(enrolments::course_id)))
        .filter(enrolments::local_course_id.eq_any(ids))
        .filter(enrolments::status.ne(EnrolmentStatus::Cancelled.code()))
        .select((enrolments::local_course_id, courses::id, courses::title))
        .load(conn)?;
    let mut by_id: std::collections::HashMap<i64, Course> = rows
        .into_iter()
        .map(|r| {
            let mut own: Vec<Session> = sessions
                .iter()
                .filter(|s| s.1 == r.id)
                .map(|s| Session {
                    id: s.0,
                    date: s.2,
                    start: s.3,
                    end: s.4,
                    hours: session_hours(s.3, s.4),
                    topic: s.5.clone(),
                    room: s.6.clone(),
                })
                .collect();
            // Dated sessions in calendar order; those still to be fixed come last.
            own.sort_by_key(|s| (s.date.is_none(), s.date, s.start, s.id));
            let course = Course {
                id: r.id,
                kind: r.kind,
                title: r.title,
                description: r.description,
                status: r.status,
                venue: Venue {
                    name: r.venue_name,
                    address: r.venue_address,
                    organisation: r.venue_organisation_id,
                },
                municipality: r.municipality_ags.and_then(|a| refs.get(&a).cloned()),
                provider: r.provider_organisation_id,
                commissioning_body: r.commissioning_organisation_id,
                funder: r.funder_organisation_id,
                trainers: trainer_links
                    .iter()
                    .filter(|(c, _)| *c == r.id)
                    .map(|(_, p)| *p)
                    .collect(),
                topics: topics
                    .iter()
                    .filter(|(c, _)| *c == r.id)
                    .map(|(_, t)| t.clone())
                    .collect(),
                required_hours: r.required_hours,
                capacity: r.capacity,
                registration_deadline: r.registration_deadline,
                planned_hours: own.iter().map(|s| s.hours).sum(),
                sessions: own,
                completed_on: r.completed_on,
                completion_reason: r.completion_reason,
                trained_in: trained_in
                    .iter()
                    .find(|(local, _, _)| *local == Some(r.id))
                    .map(|(_, id, title)| CourseLink {
                        id: *id,
                        title: title.clone(),
                    }),
                version: r.version,
            };
            (r.id, course)
        })
        .collect();
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

/// Participants and attendance of a course are for staff, for the course's own trainers and for
/// API clients with `needed`; to other trainers the course does not exist, others are refused.
pub fn check_participant_access(
    conn: &mut DbConnection,
    caller: &Caller,
    course: i64,
    needed: ClientScope,
) -> Result<(), ApiError> {
    use crate::auth::Scope;
    match (&caller.scope, caller.trainer_person()) {
        (Scope::Everything, _) => Ok(()),
        (Scope::Client { .. }, _) => caller.require(needed),
        (_, Some(person)) => {
            let leads = course_trainers::table
                .filter(course_trainers::course_id.eq(course))
                .filter(course_trainers::person_id.eq(person))
                .count()
                .get_result::<i64>(conn)?;
            if leads > 0 {
                Ok(())
            } else {
                Err(ApiError::not_found("Der Kurs"))
            }
        }
        (Scope::OwnPerson(_), None) => Err(ApiError::not_found("Der Kurs")),
        (Scope::Areas(_), None) => Err(ApiError::Forbidden(
            "Teilnehmende und Anwesenheit sehen der Bildungsträger und die Trainer des Kurses."
                .into(),
        )),
    }
}

pub fn find(conn: &mut DbConnection, id: i64) -> Result<Course, ApiError> {
    load(conn, &[id])?
        .pop()
        .ok_or_else(|| ApiError::not_found("Der Kurs"))
}

pub(crate) fn check_references(
    conn: &mut DbConnection,
    id: Option<i64>,
    draft: &CourseDraft,
) -> Result<(), ApiError> {
    let mut e = shared::FieldErrors::default();
    if let Some(ags) = &draft.municipality {
        if municipalities::table
            .find(ags.as_str())
            .select(municipalities::ags)
            .first::<String>(conn)
            .optional()?
            .is_none()
        {
            e.add(
                "municipality",
                "unknown",
                format!("Die Gemeinde {ags} ist nicht bekannt."),
            );
        }
    }
    let org_fields = [
        ("venue.organisation", draft.venue_organisation),
        ("provider", draft.provider),
        ("commissioning_body", draft.commissioning_body),
        ("funder", draft.funder),
    ];
    for (field, id) in org_fields {
        if let Some(id) = id {
            if organisations::table
                .find(id)
                .select(organisations::id)
                .first::<i64>(conn)
                .optional()?
                .is_none()
            {
                e.add(field, "unknown", "Diese Organisation gibt es nicht.");
            }
        }
    }
    // Only qualified trainers lead a local mentor course, and a tandem in training the local
    // course its trainer-course enrolment names.
    let qualified: Vec<(i64, Option<NaiveDate>)> = trainers::table
        .filter(trainers::person_id.eq_any(&draft.trainers))
        .select((trainers::person_id, trainers::qualified_since))
        .load(conn)?;
    let training_here: Vec<i64> = match id {
        Some(id) => enrolments::table
            .filter(enrolments::local_course_id.eq(id))
            .filter(enrolments::status.ne(EnrolmentStatus::Cancelled.code()))
            .select(enrolments::person_id)
            .load(conn)?,
        None => Vec::new(),
    };
    let unqualified: Vec<i64> = draft
        .trainers
        .iter()
        .copied()
        .filter(|id| {
            !qualified.iter().any(|(p, since)| {
                p == id
                    && (since.is_some()
                        || draft.kind == CourseKind::TrainerCourse
                        || training_here.contains(p))
            })
        })
        .collect();
    if !unqualified.is_empty() {
        e.add("trainers", "unqualified", format!("Einen Mentorenkurs leiten nur qualifizierte Trainer; nicht qualifiziert: {unqualified:?}"));
    }
    Ok(e.into_result()?)
}

pub(crate) fn save(
    conn: &mut DbConnection,
    id: Option<i64>,
    draft: &CourseDraft,
    version: i64,
) -> Result<i64, ApiError> {
    check_references(conn, id, draft)?;
    let at: NaiveDateTime = now();
    let values = (
        courses::kind.eq(draft.kind.code()),
        courses::title.eq(&draft.title),
        courses::description.eq(&draft.description),
        courses::venue_name.eq(&draft.venue_name),
        courses::venue_address.eq(&draft.venue_address),
        courses::venue_organisation_id.eq(draft.venue_organisation),
        courses::municipality_ags.eq(draft.municipality.as_ref().map(|a| a.as_str())),
        courses::provider_organisation_id.eq(draft.provider),
        courses::commissioning_organisation_id.eq(draft.commissioning_body),
        courses::funder_organisation_id.eq(draft.funder),
        courses::required_hours.eq(draft.required_hours),
        courses::capacity.eq(draft.capacity),
        courses::registration_deadline.eq(draft.registration_deadline),
        courses::version.eq(version),
        courses::updated_at.eq(at),
    );
    let id = match id {
        Some(id) => {
            diesel::update(courses::table.find(id))
                .set(values)
                .execute(conn)?;
            diesel::delete(course_trainers::table.filter(course_trainers::course_id.eq(id)))
                .execute(conn)?;
            diesel::delete(course_topics::table.filter(course_topics::course_id.eq(id)))
                .execute(conn)?;
            id
        }
        None => diesel::insert_into(courses::table)
            .values((
                values,
                courses::status.eq(CourseStatus::Planned.code()),
                courses::created_at.eq(at),
            ))
            .returning(courses::id)
            .get_result(conn)?,
    };
    for person in &draft.trainers {
        diesel::insert_into(course_trainers::table)
            .values((
                course_trainers::course_id.eq(id),
                course_trainers::person_id.eq(person),
            ))
            .execute(conn)?;
    }
    for (position, topic) in draft.topics.iter().enumerate() {
        diesel::insert_into(course_topics::table)
            .values((
                course_topics::course_id.eq(id),
                course_topics::position.eq(position as i64),
                course_topics::topic.eq(topic),
            ))
            .execute(conn)?;
    }
    Ok(id)
}

/// Marks the course as changed (sessions are part of it) and checks the caller saw the current version.
pub(crate) fn touch(
    conn: &mut DbConnection,
    id: i64,
    expected: Option<i64>,
) -> Result<(), ApiError> {
    let current = find(conn, id)?;
    crate::http::check_version(expected, current.version)?;
    diesel::update(courses::table.find(id))
        .set((
            courses::version.eq(current.version + 1),
            courses::updated_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

pub(crate) fn insert_session(
    conn: &mut DbConnection,
    course_id: i64,
    draft: &shared::courses::SessionDraft,
) -> Result<(), ApiError> {
    diesel::insert_into(course_sessions::table)
        .values(session_values(course_id, draft))
        .execute(conn)?;
    Ok(())
}

/// The stored columns of a session (the course id is written again on update, unchanged).
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = course_sessions, treat_none_as_null = true)]
pub(crate) struct SessionValues<'a> {
    pub(crate) course_id: i64,
    pub(crate) session_date: Option<NaiveDate>,
    pub(crate) start_time: Option<NaiveTime>,
    pub(crate) end_time: Option<NaiveTime>,
    pub(crate) topic: Option<&'a str>,
    pub(crate) room: Option<&'a str>,
}

pub(crate) fn session_values(
    course_id: i64,
    s: &shared::courses::SessionDraft,
) -> SessionValues<'_> {
    SessionValues {
        course_id,
        session_date: s.date,
        start_time: s.start,
        end_time: s.end,
        topic: s.topic.as_deref(),
        room: s.room.as_deref(),
    }
}

/// A checked [`PublicCourseFilter`].
pub struct OpenCourseFilter {
    pub(crate) kind: Option<CourseKind>,
    pub(crate) district: Option<DistrictKey>,
    pub(crate) municipality: Option<shared::Ags>,
    /// First and last day of a month in which the course has a session.
    pub(crate) month: Option<(NaiveDate, NaiveDate)>,
}

/// Courses open for registration (and full ones, which take a waitlist), oldest first, with
/// their total; one page of them, or all without `paging`.
pub fn open_courses(
    conn: &mut DbConnection,
    filter: &OpenCourseFilter,
    paging: Option<crate::http::Paging>,
) -> Result<(i64, Vec<Course>), ApiError> {
    let query = || {
        let mut q = courses::table
            .filter(courses::status.eq_any([
                CourseStatus::RegistrationOpen.code(),
                CourseStatus::Full.code(),
            ]))
            .into_boxed();
        if let Some(kind) = filter.kind {
            q = q.filter(courses::kind.eq(kind.code()));
        }
        if let Some(d) = &filter.district {
            q = q.filter({
                let (first, last) = d.ags_range();
                courses::municipality_ags.between(first, last)
            });
        }
        if let Some(m) = &filter.municipality {
            q = q.filter(courses::municipality_ags.eq(m.as_str()));
        }
        if let Some((first, last)) = filter.month {
            q = q.filter(
                courses::id.eq_any(
                    course_sessions::table
                        .filter(course_sessions::session_date.between(first, last))
                        .select(course_sessions::course_id),
                ),
            );
        }
        q
    };
    let total = query().count().get_result::<i64>(conn)?;
    let mut ids = query().select(courses::id).order(courses::id);
    if let Some(p) = paging {
        ids = ids.limit(p.limit).offset(p.offset);
    }
    let ids: Vec<i64> = ids.load(conn)?;
    Ok((total, load(conn, &ids)?))
}

/// Open courses as the public sees them: free places counted, the provider's contact added,
/// nothing personal.
pub fn public_courses(
    conn: &mut DbConnection,
    open: Vec<Course>,
) -> Result<Vec<shared::courses::PublicCourse>, ApiError> {
    use crate::schema::enrolments;
    use std::collections::HashMap;
    let ids: Vec<i64> = open.iter().map(|c| c.id).collect();
    let taken: HashMap<i64, i64> = enrolments::table
        .filter(enrolments::course_id.eq_any(&ids))
        .filter(enrolments::status.eq_any(EnrolmentStatus::place_holding_codes()))
        .group_by(enrolments::course_id)
        .select((enrolments::course_id, diesel::dsl::count_star()))
        .load::<(i64, i64)>(conn)?
        .into_iter()
        .collect();
    let providers: Vec<i64> = open.iter().filter_map(|c| c.provider).collect();
    type ContactRow = (
        i64,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let contacts: HashMap<i64, shared::courses::CourseContact> = organisations::table
        .filter(organisations::id.eq_any(&providers))
        .select((
            organisations::id,
            organisations::name,
            organisations::contact_name,
            organisations::contact_email,
            organisations::contact_phone,
            organisations::website,
        ))
        .load::<ContactRow>(conn)?
        .into_iter()
        .map(|(id, organisation, name, email, phone, website)| {
            let contact = shared::courses::CourseContact {
                organisation,
                name,
                email,
                phone,
                website,
            };
            (id, contact)
        })
        .collect();
    Ok(open
        .into_iter()
        .map(|c| shared::courses::PublicCourse {
            free_places: (c.capacity - taken.get(&c.id).copied().unwrap_or(0)).max(0),
            contact: c.provider.and_then(|p| contacts.get(&p).cloned()),
            id: c.id,
            kind: c.kind,
            title: c.title,
            description: c.description,
            status: c.status,
            venue: c.venue,
            municipality: c.municipality,
            topics: c.topics,
            sessions: c.sessions,
            registration_deadline: c.registration_deadline,
            capacity: c.capacity,
        })
        .collect())
}

/// A Mentorenkurs runs about three months; completing one whose dated sessions lie further apart
/// or closer together than this (in days) needs a stated reason.
pub(crate) const USUAL_SPAN_DAYS: std::ops::RangeInclusive<i64> = 42..=183;

/// Why `course` cannot be completed on `today` (problem code and German message), if it cannot:
/// only what happened is certified. `tandem` says whether its trainers form a qualified tandem.
pub(crate) fn completion_refusal(
    course: &Course,
    tandem: bool,
    today: NaiveDate,
    reason: Option<&str>,
) -> Option<(&'static str, String)> {
    let dates: Vec<NaiveDate> = course.sessions.iter().filter_map(|s| s.date).collect();
    if dates.len() < course.sessions.len() {
        return Some((
            "undated_sessions",
            "Der Kurs hat noch Termine ohne Datum. Bitte datieren oder entfernen Sie sie, bevor \
             Sie ihn abschließen."
                .into(),
        ));
    }
    let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max()) else {
        return Some((
            "no_sessions",
            "Ein Kurs ohne Termine kann nicht abgeschlossen werden.".into(),
        ));
    };
    if *last > today {
        return Some((
            "sessions_ahead",
            format!(
                "Der letzte Termin ist am {}. Abgeschlossen wird ein Kurs erst, wenn alle Termine \
                 stattgefunden haben.",
                crate::dates::german_short(*last)
            ),
        ));
    }
    if course.kind == CourseKind::MentorCourse {
        if !tandem {
            return Some((
                "no_tandem",
                "Ein Mentorenkurs wird von einem Trainertandem geleitet: einer hauptamtlichen und \
                 einer bürgerschaftlichen Person mit Qualifikation. Bitte tragen Sie beide ein."
                    .into(),
            ));
        }
        let span = (*last - *first).num_days();
        let explained = reason.is_some_and(|r| !r.trim().is_empty());
        if !USUAL_SPAN_DAYS.contains(&span) && !explained {
            return Some((
                "unusual_period",
                format!(
                    "Die Termine liegen {span} Tage auseinander; ein Mentorenkurs läuft etwa drei \
                     Monate. Bitte geben Sie einen Grund an, um ihn dennoch abzuschließen."
                ),
            ));
        }
    }
    None
}

/// Whether the course's trainers include a qualified professional and a qualified citizen.
pub(crate) fn has_qualified_tandem(
    conn: &mut DbConnection,
    course: &Course,
) -> Result<bool, ApiError> {
    let kinds: Vec<TrainerKind> = trainers::table
        .filter(trainers::person_id.eq_any(&course.trainers))
        .filter(trainers::qualified_since.is_not_null())
        .select(trainers::kind)
        .load(conn)?;
    Ok(kinds.contains(&TrainerKind::Professional) && kinds.contains(&TrainerKind::Citizen))
}

/// Whether participants hear of changes to this session: the course is not over, and the
/// session was or is in the future (a correction of the past tells nobody anything).
fn worth_telling(course: &Course, sessions: &[&Session], today: NaiveDate) -> bool {
    !matches!(
        course.status,
        CourseStatus::Completed | CourseStatus::Cancelled
    ) && sessions
        .iter()
        .any(|s| s.date.is_none_or(|date| date >= today))
}

/// Tells the participants that session `session` moved or changed (between the course as it
/// was, `before`, and as it is, `after`). Nothing when only its topic changed.
pub(crate) fn tell_session_moved(
    conn: &mut DbConnection,
    mailer: &crate::mail::Mailer,
    before: &Course,
    after: &Course,
    session: i64,
) -> Result<(), ApiError> {
    let find = |course: &'_ Course| course.sessions.iter().find(|s| s.id == session).cloned();
    let (Some(was), Some(now)) = (find(before), find(after)) else {
        return Ok(());
    };
    let moved =
        (was.date, was.start, was.end, &was.room) != (now.date, now.start, now.end, &now.room);
    if !moved || !worth_telling(after, &[&was, &now], crate::dates::today_in_berlin()) {
        return Ok(());
    }
    for (enrolment, to) in crate::notices::participants(conn, after.id)? {
        crate::mail::enqueue(
            conn,
            mailer,
            crate::notices::session_moved(&to, enrolment, &after.title, &was, &now, after.version),
        )?;
    }
    Ok(())
}

/// Tells everyone with a place or on the waitlist that the course is cancelled.
pub(crate) fn tell_course_cancelled(
    conn: &mut DbConnection,
    mailer: &crate::mail::Mailer,
    course: &Course,
) -> Result<(), ApiError> {
    for (enrolment, to) in crate::notices::participants_and_waitlist(conn, course.id)? {
        crate::mail::enqueue(
            conn,
            mailer,
            crate::notices::course_cancelled(&to, enrolment, &course.title),
        )?;
    }
    Ok(())
}

/// Tells the participants that a session of `course` (as it was before) is cancelled.
pub(crate) fn tell_session_cancelled(
    conn: &mut DbConnection,
    mailer: &crate::mail::Mailer,
    course: &Course,
    session: i64,
) -> Result<(), ApiError> {
    let Some(cancelled) = course.sessions.iter().find(|s| s.id == session) else {
        return Ok(());
    };
    if !worth_telling(course, &[cancelled], crate::dates::today_in_berlin()) {
        return Ok(());
    }
    for (enrolment, to) in crate::notices::participants(conn, course.id)? {
        crate::mail::enqueue(
            conn,
            mailer,
            crate::notices::session_cancelled(&to, enrolment, &course.title, cancelled),
        )?;
    }
    Ok(())
}
