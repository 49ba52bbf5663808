//! Queries and rules of `accompaniment`: what the handlers in `mod.rs` call.

use crate::db::{now, DbConnection};
use crate::error::ApiError;
use crate::schema::{
    accompaniment_attendance, accompaniment_meetings, courses, enrolments, people,
};
use chrono::NaiveDate;
use diesel::prelude::*;
use shared::accompaniment::{
    accompaniment_ends, AccompaniedMentor, Accompaniment, AccompanimentMeeting,
    AccompanimentMeetingDraft, AttendedMeeting,
};
use shared::courses::{Course, CourseKind, CourseStatus, EnrolmentStatus};
use std::collections::HashMap;

/// A meeting belongs to a completed Mentorenkurs, lies in its accompaniment year and not ahead,
/// and only the course's new mentors attend it.
pub(crate) fn check_meeting(
    course: &Course,
    mentors: &[AccompaniedMentor],
    draft: &AccompanimentMeetingDraft,
    today: NaiveDate,
) -> Result<(), ApiError> {
    let completed_on = match (course.kind, course.status, course.completed_on) {
        (CourseKind::MentorCourse, CourseStatus::Completed, Some(on)) => on,
        _ => {
            return Err(ApiError::Conflict(
                "no_accompaniment_year",
                "Begleittreffen gibt es im Jahr nach dem Abschluss eines Mentorenkurses.".into(),
            ))
        }
    };
    let ends_on = accompaniment_ends(completed_on);
    let mut errors = shared::FieldErrors::default();
    if draft.date < completed_on || draft.date > ends_on {
        errors.add(
            "date",
            "accompaniment_year",
            format!(
                "Das Begleitjahr dieses Kurses läuft vom {} bis zum {}.",
                crate::dates::german_short(completed_on),
                crate::dates::german_short(ends_on)
            ),
        );
    } else if draft.date > today {
        errors.add(
            "date",
            "ahead",
            "Begleittreffen werden erfasst, wenn sie stattgefunden haben.",
        );
    }
    for (i, enrolment) in draft.attendees.iter().enumerate() {
        if !mentors.iter().any(|m| m.enrolment_id == *enrolment) {
            errors.add(
                &format!("attendees[{i}]"),
                "unknown",
                "Diese Anmeldung gehört zu niemandem, der den Kurs bis zum Ende besucht hat.",
            );
        }
    }
    errors.into_result()?;
    Ok(())
}

/// The participants who kept their place to the course's end: the mentors the year accompanies.
fn mentors(conn: &mut DbConnection, course_id: i64) -> QueryResult<Vec<AccompaniedMentor>> {
    Ok(enrolments::table
        .inner_join(people::table.on(people::id.eq(enrolments::person_id)))
        .filter(enrolments::course_id.eq(course_id))
        .filter(enrolments::status.eq_any(EnrolmentStatus::place_holding_codes()))
        .order((people::sort_name, enrolments::id))
        .select((
            enrolments::id,
            people::id,
            people::given_name,
            people::family_name,
        ))
        .load::<(i64, i64, String, String)>(conn)?
        .into_iter()
        .map(
            |(enrolment_id, person_id, given_name, family_name)| AccompaniedMentor {
                enrolment_id,
                person_id,
                given_name,
                family_name,
            },
        )
        .collect())
}

pub(crate) fn load(conn: &mut DbConnection, course: &Course) -> Result<Accompaniment, ApiError> {
    let meetings: Vec<(i64, NaiveDate, Option<String>, String)> = accompaniment_meetings::table
        .filter(accompaniment_meetings::course_id.eq(course.id))
        .order((
            accompaniment_meetings::meeting_date,
            accompaniment_meetings::id,
        ))
        .select((
            accompaniment_meetings::id,
            accompaniment_meetings::meeting_date,
            accompaniment_meetings::place,
            accompaniment_meetings::topic,
        ))
        .load(conn)?;
    let ids: Vec<i64> = meetings.iter().map(|m| m.0).collect();
    let mut attendees: HashMap<i64, Vec<i64>> = HashMap::new();
    for (meeting, enrolment) in accompaniment_attendance::table
        .filter(accompaniment_attendance::meeting_id.eq_any(&ids))
        .order(accompaniment_attendance::enrolment_id)
        .select((
            accompaniment_attendance::meeting_id,
            accompaniment_attendance::enrolment_id,
        ))
        .load::<(i64, i64)>(conn)?
    {
        attendees.entry(meeting).or_default().push(enrolment);
    }
    Ok(Accompaniment {
        course_id: course.id,
        starts_on: course.completed_on,
        ends_on: course.completed_on.map(accompaniment_ends),
        mentors: mentors(conn, course.id)?,
        meetings: meetings
            .into_iter()
            .map(|(id, date, place, topic)| AccompanimentMeeting {
                attendees: attendees.remove(&id).unwrap_or_default(),
                id,
                date,
                place,
                topic,
            })
            .collect(),
    })
}

/// Records a new meeting (`meeting` is `None`) or replaces one; answers the meeting's id.
pub(crate) fn store(
    conn: &mut DbConnection,
    course: &Course,
    meeting: Option<i64>,
    draft: &AccompanimentMeetingDraft,
    today: NaiveDate,
) -> Result<i64, ApiError> {
    check_meeting(course, &mentors(conn, course.id)?, draft, today)?;
    let id = match meeting {
        Some(id) => {
            let updated = diesel::update(
                accompaniment_meetings::table
                    .filter(accompaniment_meetings::id.eq(id))
                    .filter(accompaniment_meetings::course_id.eq(course.id)),
            )
            .set((
                accompaniment_meetings::meeting_date.eq(draft.date),
                accompaniment_meetings::place.eq(&draft.place),
                accompaniment_meetings::topic.eq(&draft.topic),
            ))
            .execute(conn)?;
            if updated == 0 {
                return Err(ApiError::not_found("Das Begleittreffen"));
            }
            diesel::delete(
                accompaniment_attendance::table.filter(accompaniment_attendance::meeting_id.eq(id)),
            )
            .execute(conn)?;
            id
        }
        None => diesel::insert_into(accompaniment_meetings::table)
            .values((
                accompaniment_meetings::course_id.eq(course.id),
                accompaniment_meetings::meeting_date.eq(draft.date),
                accompaniment_meetings::place.eq(&draft.place),
                accompaniment_meetings::topic.eq(&draft.topic),
                accompaniment_meetings::created_at.eq(now()),
            ))
            .returning(accompaniment_meetings::id)
            .get_result(conn)?,
    };
    // One row at a time: batch inserts are not portable across diesel's two backends here.
    for enrolment in &draft.attendees {
        diesel::insert_into(accompaniment_attendance::table)
            .values((
                accompaniment_attendance::meeting_id.eq(id),
                accompaniment_attendance::enrolment_id.eq(*enrolment),
            ))
            .execute(conn)?;
    }
    Ok(id)
}

pub(crate) fn remove(
    conn: &mut DbConnection,
    course_id: i64,
    meeting: i64,
) -> Result<(), ApiError> {
    let removed = diesel::delete(
        accompaniment_meetings::table
            .filter(accompaniment_meetings::id.eq(meeting))
            .filter(accompaniment_meetings::course_id.eq(course_id)),
    )
    .execute(conn)?;
    if removed == 0 {
        return Err(ApiError::not_found("Das Begleittreffen"));
    }
    Ok(())
}

/// The meetings a person attended, newest first, for their record.
pub(crate) fn attended(
    conn: &mut DbConnection,
    person_id: i64,
) -> Result<Vec<AttendedMeeting>, ApiError> {
    Ok(accompaniment_attendance::table
        .inner_join(accompaniment_meetings::table)
        .inner_join(enrolments::table)
        .inner_join(courses::table.on(courses::id.eq(accompaniment_meetings::course_id)))
        .filter(enrolments::person_id.eq(person_id))
        .order((
            accompaniment_meetings::meeting_date.desc(),
            accompaniment_meetings::id.desc(),
        ))
        .select((
            courses::id,
            courses::title,
            accompaniment_meetings::meeting_date,
            accompaniment_meetings::place,
            accompaniment_meetings::topic,
        ))
        .load::<(i64, String, NaiveDate, Option<String>, String)>(conn)?
        .into_iter()
        .map(
            |(course_id, course_title, date, place, topic)| AttendedMeeting {
                course_id,
                course_title,
                date,
                place,
                topic,
            },
        )
        .collect())
}
