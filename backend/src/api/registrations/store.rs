//! Queries and rules of `registrations`: what the handlers in `mod.rs` call. Every function runs
//! inside the caller's write transaction; the mails it queues go out only if that commits.

use crate::api::{courses, enrolments, people};
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::mail::{enqueue, Mailer};
use crate::notices::{self as mails, Recipient};
use crate::schema::{enrolments as enrolment_table, registrations};
use crate::text::sort_key;
use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;
use shared::courses::{CourseKind, CourseStatus, EnrolmentInput, EnrolmentStatus};
use shared::people::{DuplicateCandidate, PersonDraft};
use shared::registrations::{
    ConfirmedRegistration, MailLanguage, RegistrationDraft, RegistrationReview, RegistrationState,
    RegistrationStatus, ReviewDecision, CONFIRMATION_HOURS, CONSENT_VERSION,
};

/// Registrations one client address may send per hour (a family or a library computer sends a
/// few; a robot many).
const PER_CLIENT_AND_HOUR: i32 = 20;
/// Registrations per e-mail address and day; beyond, nothing is stored or sent, and the answer
/// is the same, so the limit tells nobody anything about the address.
const PER_ADDRESS_AND_DAY: i32 = 5;

/// Where the links in the mails lead.
pub struct Links<'a> {
    pub public_url: &'a str,
}

impl Links<'_> {
    fn confirm(&self, token: &str) -> String {
        format!("{}/anmeldung/bestaetigen/{token}", self.public_url)
    }
    fn status(&self, token: &str) -> String {
        format!("{}/anmeldung/{token}", self.public_url)
    }
    pub(crate) fn tandem_confirm(&self, token: &str) -> String {
        format!("{}/tandem/bestaetigen/{token}", self.public_url)
    }
}

fn token_hash(token: &str) -> String {
    crate::secrets::digest_hex(&format!("registration:{}", token.trim()))
}

/// Unconfirmed registrations past their time are deleted: they hold personal data nobody
/// confirmed.
fn delete_expired(conn: &mut DbConnection, at: NaiveDateTime) -> Result<(), ApiError> {
    diesel::delete(
        registrations::table
            .filter(registrations::state.eq(RegistrationState::Unconfirmed.code()))
            .filter(registrations::confirm_expires_at.lt(at)),
    )
    .execute(conn)?;
    Ok(())
}

/// The course, if it takes registrations from the public: a course of this kind (a Mentorenkurs
/// for registrations, a Mentorentrainerkurs for tandem applications) open for registration (or
/// full, with a waitlist) whose registration deadline has not passed.
pub(crate) fn open_course(
    conn: &mut DbConnection,
    course_id: i64,
    kind: CourseKind,
    today: chrono::NaiveDate,
) -> Result<shared::courses::Course, ApiError> {
    let course = courses::store::find(conn, course_id)?;
    if course.kind != kind {
        return Err(ApiError::not_found("Der Kurs"));
    }
    let open = matches!(
        course.status,
        CourseStatus::RegistrationOpen | CourseStatus::Full
    ) && course.registration_deadline.is_none_or(|d| d >= today);
    if !open {
        return Err(ApiError::Conflict(
            "course_closed",
            "Für diesen Kurs ist keine Anmeldung (mehr) möglich.".into(),
        ));
    }
    Ok(course)
}

/// Records a registration and queues the mail with its confirmation link. Whether the address
/// is known, registered already or over its limit, the caller answers the same.
pub(crate) fn submit(
    conn: &mut DbConnection,
    mailer: &Mailer,
    links: &Links,
    course_id: i64,
    draft: &RegistrationDraft,
    client: &str,
    at: NaiveDateTime,
) -> Result<(), ApiError> {
    crate::rate::hit(
        conn,
        &crate::rate::key("registration-client", client),
        PER_CLIENT_AND_HOUR,
        TimeDelta::hours(1),
        at,
    )?;
    let course = open_course(
        conn,
        course_id,
        CourseKind::MentorCourse,
        crate::dates::today_in_berlin(),
    )?;
    if crate::api::municipalities::store::find(conn, &draft.municipality)?.is_none() {
        return Err(ApiError::field(
            "municipality",
            "unknown",
            "Diese Gemeinde gibt es nicht in Baden-Württemberg.",
        ));
    }
    delete_expired(conn, at)?;
    let address_key = crate::rate::key("registration-address", draft.email.as_str());
    if crate::rate::hit(
        conn,
        &address_key,
        PER_ADDRESS_AND_DAY,
        TimeDelta::days(1),
        at,
    )
    .is_err()
    {
        return Ok(());
    }
    let token = crate::secrets::random_token();
    let email = draft.email.as_str().to_lowercase();
    let id: i64 = diesel::insert_into(registrations::table)
        .values((
            registrations::course_id.eq(course_id),
            registrations::given_name.eq(&draft.given_name),
            registrations::family_name.eq(&draft.family_name),
            registrations::email.eq(&email),
            registrations::municipality_ags.eq(draft.municipality.as_str()),
            registrations::phone.eq(&draft.phone),
            registrations::motivation.eq(&draft.motivation),
            registrations::language.eq(draft.language.code()),
            registrations::consent_text_version.eq(CONSENT_VERSION),
            registrations::consented_at.eq(at),
            registrations::state.eq(RegistrationState::Unconfirmed.code()),
            registrations::confirm_token_hash.eq(token_hash(&token)),
            registrations::confirm_expires_at.eq(at + TimeDelta::hours(CONFIRMATION_HOURS)),
            registrations::created_at.eq(at),
        ))
        .returning(registrations::id)
        .get_result(conn)?;
    let to = Recipient {
        email,
        given_name: draft.given_name.clone(),
        family_name: draft.family_name.clone(),
        language: draft.language,
    };
    enqueue(
        conn,
        mailer,
        mails::confirm_link(&to, id, &course.title, &links.confirm(&token)),
    )?;
    Ok(())
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = registrations)]
struct Registration {
    id: i64,
    course_id: i64,
    given_name: String,
    family_name: String,
    email: String,
    municipality_ags: String,
    phone: Option<String>,
    language: MailLanguage,
    state: RegistrationState,
    enrolment_id: Option<i64>,
}

impl Registration {
    fn person_draft(&self) -> PersonDraft {
        PersonDraft {
            given_name: self.given_name.clone(),
            family_name: self.family_name.clone(),
            email: self.email.parse().ok(),
            phone: self.phone.clone(),
            street: None,
            postal_code: None,
            city: None,
            municipality: self.municipality_ags.parse().ok(),
            languages: Vec::new(),
            mentor: None,
            trainer: None,
        }
    }

    fn recipient(&self) -> Recipient {
        Recipient {
            email: self.email.clone(),
            given_name: self.given_name.clone(),
            family_name: self.family_name.clone(),
            language: self.language,
        }
    }
}

/// Confirms a registration with the token of its confirmation link: the registrant becomes an
/// enrolment of a matched or new person, with a place or on the waitlist in order of
/// confirmation. The link works once; `None` for an unknown, expired or used link.
pub(crate) fn confirm(
    conn: &mut DbConnection,
    mailer: &Mailer,
    links: &Links,
    token: &str,
    at: NaiveDateTime,
) -> Result<Option<ConfirmedRegistration>, ApiError> {
    delete_expired(conn, at)?;
    let registration: Option<Registration> = registrations::table
        .filter(registrations::confirm_token_hash.eq(token_hash(token)))
        .filter(registrations::state.eq(RegistrationState::Unconfirmed.code()))
        .select(Registration::as_select())
        .first(conn)
        .optional()?;
    // Unknown, expired (deleted just now: that deletion commits) or used.
    let Some(registration) = registration else {
        return Ok(None);
    };
    enrolments::store::hold_course(conn, registration.course_id)?;
    let course = open_course(
        conn,
        registration.course_id,
        CourseKind::MentorCourse,
        crate::dates::today_in_berlin(),
    )?;
    let (person, review) = match_person(conn, &registration.person_draft())?;
    let input = EnrolmentInput {
        person_id: person,
        tandem_partner_id: None,
        local_course_id: None,
    };
    match enrolments::store::register(conn, course.id, &input) {
        // Enrolled before (by staff, or through an earlier registration): that enrolment stands.
        Err(ApiError::Conflict("already_enrolled", _)) | Ok(()) => {}
        Err(e) => return Err(e),
    }
    let enrolment: i64 = enrolment_table::table
        .filter(enrolment_table::course_id.eq(course.id))
        .filter(enrolment_table::person_id.eq(person))
        .select(enrolment_table::id)
        .first(conn)?;
    let status_token = crate::secrets::random_token();
    diesel::update(registrations::table.find(registration.id))
        .set((
            registrations::state.eq(RegistrationState::Confirmed.code()),
            registrations::confirm_token_hash.eq(None::<String>),
            registrations::status_token_hash.eq(token_hash(&status_token)),
            registrations::confirmed_at.eq(at),
            registrations::person_id.eq(person),
            registrations::enrolment_id.eq(enrolment),
            registrations::review.eq(review.then_some("open")),
        ))
        .execute(conn)?;
    crate::audit::record(
        conn,
        None,
        "registration_confirmed",
        "POST /api/v1/registrations/confirm/{token}",
        Some(&format!("registrations/{}", registration.id)),
        200,
    )?;
    let status = status_of(conn, registration.id)?;
    enqueue(
        conn,
        mailer,
        mails::placed(
            &registration.recipient(),
            registration.id,
            &course.title,
            status.waitlist_position,
            &links.status(&status_token),
        ),
    )?;
    Ok(Some(ConfirmedRegistration {
        status_token,
        status,
    }))
}

/// The person someone who signed up themselves is, and whether staff should check it: the one
/// record with the same e-mail address and name is taken; with none, a new record is made; with
/// any other likeness (same address, other name; same name and municipality) a new record is
/// made and marked for review, so staff decide whether to merge.
pub(crate) fn match_person(
    conn: &mut DbConnection,
    draft: &PersonDraft,
) -> Result<(i64, bool), ApiError> {
    let candidates = people::store::possible_duplicates(conn, draft, None)?;
    let same_name = |c: &DuplicateCandidate| {
        sort_key(&format!("{} {}", c.family_name, c.given_name))
            == sort_key(&format!("{} {}", draft.family_name, draft.given_name))
    };
    if let [only] = candidates.as_slice() {
        if only.reason == "email" && same_name(only) {
            return Ok((only.id, false));
        }
    }
    let id = people::store::store(conn, None, draft, 1)?;
    Ok((id, !candidates.is_empty()))
}

fn find_by_status_token(conn: &mut DbConnection, token: &str) -> Result<Registration, ApiError> {
    registrations::table
        .filter(registrations::status_token_hash.eq(token_hash(token)))
        .select(Registration::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("Die Anmeldung"))
}

/// What the personal link shows.
pub(crate) fn status(conn: &mut DbConnection, token: &str) -> Result<RegistrationStatus, ApiError> {
    let registration = find_by_status_token(conn, token)?;
    status_of(conn, registration.id)
}

fn status_of(conn: &mut DbConnection, id: i64) -> Result<RegistrationStatus, ApiError> {
    let registration: Registration = registrations::table
        .find(id)
        .select(Registration::as_select())
        .first(conn)?;
    let course = courses::store::find(conn, registration.course_id)?;
    let enrolment: Option<(i64, EnrolmentStatus)> = match registration.enrolment_id {
        Some(id) => enrolment_table::table
            .find(id)
            .select((enrolment_table::id, enrolment_table::status))
            .first(conn)
            .optional()?,
        None => None,
    };
    let waitlist_position = match enrolment {
        Some((id, EnrolmentStatus::Waitlisted)) => {
            Some(enrolments::store::waitlisted_up_to(conn, course.id, id)?)
        }
        _ => None,
    };
    let enrolment_status = enrolment.map(|(_, s)| s);
    Ok(RegistrationStatus {
        state: registration.state,
        given_name: registration.given_name,
        course_id: course.id,
        course_title: course.title,
        enrolment_status,
        waitlist_position,
        can_cancel: registration.state == RegistrationState::Confirmed
            && matches!(
                enrolment_status,
                Some(
                    EnrolmentStatus::Confirmed
                        | EnrolmentStatus::Waitlisted
                        | EnrolmentStatus::Registered
                )
            ),
    })
}

/// Withdraws a registration through its personal link: the enrolment is cancelled, the waitlist
/// moves up (and those who moved up are told), and the registrant gets a confirmation.
pub(crate) fn withdraw(
    conn: &mut DbConnection,
    mailer: &Mailer,
    token: &str,
) -> Result<RegistrationStatus, ApiError> {
    let registration = find_by_status_token(conn, token)?;
    let status = status_of(conn, registration.id)?;
    if !status.can_cancel {
        return Err(ApiError::Conflict(
            "registration_not_cancellable",
            "Diese Anmeldung lässt sich nicht mehr zurückziehen; wenden Sie sich bitte an den Bildungsträger.".into(),
        ));
    }
    if let Some(enrolment) = registration.enrolment_id {
        let moved_up = enrolments::store::change_status(
            conn,
            registration.course_id,
            enrolment,
            EnrolmentStatus::Cancelled,
        )?;
        enrolments::store::notify_moved_up(conn, mailer, registration.course_id, &moved_up)?;
    }
    diesel::update(registrations::table.find(registration.id))
        .set(registrations::state.eq(RegistrationState::Cancelled.code()))
        .execute(conn)?;
    crate::audit::record(
        conn,
        None,
        "registration_withdrawn",
        "DELETE /api/v1/registrations/by-token/{token}",
        Some(&format!("registrations/{}", registration.id)),
        200,
    )?;
    enqueue(
        conn,
        mailer,
        mails::cancelled(
            &registration.recipient(),
            registration.id,
            &status.course_title,
        ),
    )?;
    status_of(conn, registration.id)
}

/// Registrations waiting for review, oldest first.
pub(crate) fn reviews(conn: &mut DbConnection) -> Result<Vec<RegistrationReview>, ApiError> {
    let rows: Vec<(i64, i64, Option<i64>, Option<String>)> = registrations::table
        .filter(registrations::review.eq("open"))
        .select((
            registrations::id,
            registrations::course_id,
            registrations::person_id,
            registrations::motivation,
        ))
        .order(registrations::id)
        .limit(200)
        .load(conn)?;
    let mut out = Vec::new();
    for (id, course_id, person_id, motivation) in rows {
        let Some(person_id) = person_id else { continue };
        let person = people::store::find(conn, person_id)?;
        let draft = shared::people::PersonInput::from_person(&person).parse()?;
        out.push(RegistrationReview {
            id,
            course_id,
            course_title: courses::store::find(conn, course_id)?.title,
            person_id,
            given_name: person.given_name,
            family_name: person.family_name,
            email: person.email.unwrap_or_default(),
            motivation,
            candidates: people::store::possible_duplicates(conn, &draft, Some(person_id))?,
        });
    }
    Ok(out)
}

/// Closes a review: merges the registration's record into `merge_into`, or keeps both.
pub(crate) fn decide(
    conn: &mut DbConnection,
    id: i64,
    decision: &ReviewDecision,
) -> Result<(), ApiError> {
    let (person, review): (Option<i64>, Option<String>) = registrations::table
        .find(id)
        .select((registrations::person_id, registrations::review))
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("Die Anmeldung"))?;
    let (Some(person), Some("open")) = (person, review.as_deref()) else {
        return Err(ApiError::Conflict(
            "review_closed",
            "Diese Anmeldung wartet auf keine Prüfung.".into(),
        ));
    };
    if let Some(keep) = decision.merge_into {
        // First, as the merge deletes the registration's record and what refers to it.
        diesel::update(registrations::table.filter(registrations::person_id.eq(person)))
            .set(registrations::person_id.eq(keep))
            .execute(conn)?;
        people::store::merge(conn, keep, person)?;
    }
    diesel::update(registrations::table.find(id))
        .set(registrations::review.eq("done"))
        .execute(conn)?;
    Ok(())
}
