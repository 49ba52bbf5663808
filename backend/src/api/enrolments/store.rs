//! Queries and rules of `enrolments`: what the handlers in `mod.rs` call.

use crate::api::courses;
use crate::db::{now, DbConnection};
use crate::error::ApiError;
use crate::mail::{enqueue, Mailer};
use crate::notices as mails;
use crate::schema::{courses as course_table, enrolments, people, trainers};
use diesel::prelude::*;
use shared::courses::{CourseKind, CourseStatus, Enrolment, EnrolmentInput, EnrolmentStatus};
use shared::people::TrainerKind;

/// Holds the course for the rest of the transaction (PostgreSQL; SQLite's writer lock is
/// already held from `BEGIN IMMEDIATE`).
pub(crate) fn hold_course(conn: &mut DbConnection, course_id: i64) -> Result<(), ApiError> {
    Ok(crate::db::hold_row(conn, "courses", course_id)?)
}

/// Where the waitlisted enrolment `id` stands on its course's waitlist: the waitlisted
/// enrolments up to and including it, in the order they came.
pub(crate) fn waitlisted_up_to(
    conn: &mut DbConnection,
    course_id: i64,
    id: i64,
) -> Result<i64, ApiError> {
    Ok(enrolments::table
        .filter(enrolments::course_id.eq(course_id))
        .filter(enrolments::status.eq(EnrolmentStatus::Waitlisted.code()))
        .filter(enrolments::id.le(id))
        .count()
        .get_result(conn)?)
}

pub(crate) fn list_for(
    conn: &mut DbConnection,
    course_id: i64,
) -> Result<Vec<Enrolment>, ApiError> {
    type Row = (
        i64,
        i64,
        EnrolmentStatus,
        Option<i64>,
        Option<i64>,
        String,
        String,
    );
    let rows: Vec<Row> = enrolments::table
        .inner_join(people::table)
        .filter(enrolments::course_id.eq(course_id))
        .select((
            enrolments::id,
            enrolments::person_id,
            enrolments::status,
            enrolments::tandem_partner_id,
            enrolments::local_course_id,
            people::given_name,
            people::family_name,
        ))
        .order(enrolments::id)
        .load(conn)?;
    let mut position = 0;
    Ok(rows
        .into_iter()
        .map(
            |(id, person_id, status, tandem_partner, local_course, given_name, family_name)| {
                let waitlist_position = (status == EnrolmentStatus::Waitlisted).then(|| {
                    position += 1;
                    position
                });
                Enrolment {
                    id,
                    course_id,
                    person_id,
                    given_name,
                    family_name,
                    status,
                    waitlist_position,
                    tandem_partner,
                    local_course,
                }
            },
        )
        .collect())
}

pub(crate) fn places_taken(conn: &mut DbConnection, course_id: i64) -> Result<i64, ApiError> {
    Ok(enrolments::table
        .filter(enrolments::course_id.eq(course_id))
        .filter(enrolments::status.eq_any(EnrolmentStatus::place_holding_codes()))
        .count()
        .get_result(conn)?)
}

/// Gives free places to the waitlist in order; a trainer-course tandem moves up together.
/// Answers the enrolments that moved up, so that they can be told.
pub(crate) fn move_up(
    conn: &mut DbConnection,
    course_id: i64,
    capacity: i64,
) -> Result<Vec<i64>, ApiError> {
    let mut moved = Vec::new();
    loop {
        let free = capacity - places_taken(conn, course_id)?;
        let next: Option<(i64, Option<i64>)> = enrolments::table
            .filter(enrolments::course_id.eq(course_id))
            .filter(enrolments::status.eq(EnrolmentStatus::Waitlisted.code()))
            .select((enrolments::id, enrolments::tandem_partner_id))
            .order(enrolments::id)
            .first(conn)
            .optional()?;
        let Some((id, partner)) = next else {
            return Ok(moved);
        };
        let group: Vec<i64> = match partner {
            Some(p) => enrolments::table
                .filter(enrolments::course_id.eq(course_id))
                .filter(enrolments::status.eq(EnrolmentStatus::Waitlisted.code()))
                .filter(enrolments::id.eq(id).or(enrolments::person_id.eq(p)))
                .select(enrolments::id)
                .load(conn)?,
            None => vec![id],
        };
        if (group.len() as i64) > free {
            return Ok(moved);
        }
        diesel::update(enrolments::table.filter(enrolments::id.eq_any(&group)))
            .set((
                enrolments::status.eq(EnrolmentStatus::Confirmed.code()),
                enrolments::updated_at.eq(now()),
            ))
            .execute(conn)?;
        moved.extend(group);
    }
}

pub(crate) fn trainer_kind(
    conn: &mut DbConnection,
    person: i64,
) -> Result<Option<TrainerKind>, ApiError> {
    Ok(trainers::table
        .find(person)
        .select(trainers::kind)
        .first(conn)
        .optional()?)
}

pub(crate) fn register(
    conn: &mut DbConnection,
    course_id: i64,
    input: &EnrolmentInput,
) -> Result<(), ApiError> {
    hold_course(conn, course_id)?;
    let course = courses::store::find(conn, course_id)?;
    if !matches!(
        course.status,
        CourseStatus::Planned | CourseStatus::RegistrationOpen | CourseStatus::Full
    ) {
        return Err(ApiError::Conflict(
            "course_closed",
            format!(
                "Für einen Kurs im Status „{}“ ist keine Anmeldung möglich.",
                course.status.label_de()
            ),
        ));
    }
    let mut group = vec![input.person_id];
    match course.kind {
        CourseKind::TrainerCourse => {
            let Some(partner) = input.tandem_partner_id else {
                return Err(ApiError::field(
                    "tandem_partner_id",
                    "tandem",
                    "Zum Mentorentrainerkurs meldet sich ein Tandem gemeinsam an.",
                ));
            };
            let kinds = (
                trainer_kind(conn, input.person_id)?,
                trainer_kind(conn, partner)?,
            );
            let is_tandem =
                matches!(kinds, (Some(a), Some(b)) if a != b) && partner != input.person_id;
            if !is_tandem {
                return Err(ApiError::field(
                    "tandem_partner_id",
                    "tandem",
                    "Ein Tandem besteht aus einer hauptamtlichen und einer bürgerschaftlichen Person, beide als Trainer erfasst.",
                ));
            }
            if let Some(local) = input.local_course_id {
                let kind: Option<String> = course_table::table
                    .find(local)
                    .select(course_table::kind)
                    .first(conn)
                    .optional()?;
                if kind.as_deref() != Some(CourseKind::MentorCourse.code()) {
                    return Err(ApiError::field(
                        "local_course_id",
                        "local_course",
                        "Der begleitende Kurs muss ein Mentorenkurs sein.",
                    ));
                }
            }
            group.push(partner);
        }
        CourseKind::MentorCourse => {
            if input.tandem_partner_id.is_some() || input.local_course_id.is_some() {
                return Err(ApiError::field(
                    "tandem_partner_id",
                    "not_trainer_course",
                    "Tandem und begleitender Kurs gibt es nur beim Mentorentrainerkurs.",
                ));
            }
        }
    }
    let known: i64 = people::table
        .filter(people::id.eq_any(&group))
        .count()
        .get_result(conn)?;
    if known != group.len() as i64 {
        return Err(ApiError::field(
            "person_id",
            "unknown",
            "Diese Person gibt es nicht.",
        ));
    }
    let taken: i64 = enrolments::table
        .filter(enrolments::course_id.eq(course_id))
        .filter(enrolments::person_id.eq_any(&group))
        .filter(enrolments::status.ne_all([EnrolmentStatus::Cancelled.code()]))
        .count()
        .get_result(conn)?;
    if taken > 0 {
        return Err(ApiError::Conflict(
            "already_enrolled",
            "Diese Person ist für den Kurs bereits angemeldet.".into(),
        ));
    }
    // Someone already waiting keeps their turn: a new registration only gets a place when
    // nobody is on the waitlist.
    let waiting: i64 = enrolments::table
        .filter(enrolments::course_id.eq(course_id))
        .filter(enrolments::status.eq(EnrolmentStatus::Waitlisted.code()))
        .count()
        .get_result(conn)?;
    let fits =
        waiting == 0 && places_taken(conn, course_id)? + group.len() as i64 <= course.capacity;
    let status = if fits {
        EnrolmentStatus::Confirmed
    } else {
        EnrolmentStatus::Waitlisted
    };
    let at = now();
    for (i, person) in group.iter().enumerate() {
        let partner = (group.len() == 2).then(|| group[1 - i]);
        // Re-registering after a cancellation reuses the row, at the end of the queue order.
        diesel::delete(
            enrolments::table
                .filter(enrolments::course_id.eq(course_id))
                .filter(enrolments::person_id.eq(person)),
        )
        .execute(conn)?;
        diesel::insert_into(enrolments::table)
            .values((
                enrolments::course_id.eq(course_id),
                enrolments::person_id.eq(person),
                enrolments::status.eq(status.code()),
                enrolments::tandem_partner_id.eq(partner),
                enrolments::local_course_id.eq(input.local_course_id),
                enrolments::created_at.eq(at),
                enrolments::updated_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Changes an enrolment's status; answers the enrolments that moved up into a place it freed.
pub(crate) fn change_status(
    conn: &mut DbConnection,
    course_id: i64,
    enrolment_id: i64,
    next: EnrolmentStatus,
) -> Result<Vec<i64>, ApiError> {
    hold_course(conn, course_id)?;
    let course = courses::store::find(conn, course_id)?;
    let current: (EnrolmentStatus, Option<i64>) = enrolments::table
        .filter(enrolments::id.eq(enrolment_id))
        .filter(enrolments::course_id.eq(course_id))
        .select((enrolments::status, enrolments::tandem_partner_id))
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("Die Anmeldung"))?;
    let status = current.0;
    use EnrolmentStatus::*;
    let allowed = matches!(
        (status, next),
        (Registered, Confirmed | Cancelled)
            | (Confirmed, Cancelled | DroppedOut | Completed)
            | (Waitlisted, Cancelled)
    );
    if !allowed {
        return Err(ApiError::Conflict(
            "status_transition",
            format!(
                "Eine Anmeldung im Status „{}“ kann nicht „{}“ werden.",
                status.label_de(),
                next.label_de()
            ),
        ));
    }
    // A tandem leaves a trainer course together.
    let mut ids = vec![enrolment_id];
    if let (Some(partner), Cancelled | DroppedOut) = (current.1, next) {
        ids.extend(
            enrolments::table
                .filter(enrolments::course_id.eq(course_id))
                .filter(enrolments::person_id.eq(partner))
                .filter(enrolments::status.eq_any([
                    Registered.code(),
                    Confirmed.code(),
                    Waitlisted.code(),
                ]))
                .select(enrolments::id)
                .load::<i64>(conn)?,
        );
    }
    diesel::update(enrolments::table.filter(enrolments::id.eq_any(&ids)))
        .set((
            enrolments::status.eq(next.code()),
            enrolments::updated_at.eq(now()),
        ))
        .execute(conn)?;
    move_up(conn, course_id, course.capacity)
}

/// Tells everyone who moved up from the waitlist ([`mails::recipient_of`] says how).
pub(crate) fn notify_moved_up(
    conn: &mut DbConnection,
    mailer: &Mailer,
    course_id: i64,
    enrolment_ids: &[i64],
) -> Result<(), ApiError> {
    if enrolment_ids.is_empty() {
        return Ok(());
    }
    let title = courses::store::find(conn, course_id)?.title;
    for &enrolment in enrolment_ids {
        if let Some(to) = mails::recipient_of(conn, enrolment)? {
            enqueue(conn, mailer, mails::moved_up(&to, enrolment, &title))?;
        }
    }
    Ok(())
}
