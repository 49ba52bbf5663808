//! Queries and rules of `tandem_applications`: what the handlers in `mod.rs` call. Every function
//! runs inside the caller's write transaction; the mails it queues go out only if that commits.

use crate::api::registrations::store::{match_person, open_course, Links};
use crate::api::{courses, enrolments, people};
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::mail::{enqueue, Mailer};
use crate::notices::{self as mails, Recipient};
use crate::schema::{
    course_trainers, enrolments as enrolment_table, people as people_table, tandem_applicants,
    tandem_applications, trainers,
};
use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use diesel::prelude::*;
use shared::courses::{CourseDraft, CourseKind, EnrolmentInput, EnrolmentStatus};
use shared::organisations::MunicipalityRef;
use shared::people::{PersonDraft, TrainerKind};
use shared::registrations::{MailLanguage, CONFIRMATION_HOURS};
use shared::tandems::{
    Applicant, ApplicantDraft, TandemApplication, TandemApplicationDraft, TandemApplicationState,
    TandemConfirmation, TandemDecision, TANDEM_CONSENT_VERSION,
};

/// Applications one client address may send per hour.
const PER_CLIENT_AND_HOUR: i32 = 20;
/// Applications naming one e-mail address per day; beyond, nothing is stored or sent and the
/// answer is the same.
const PER_ADDRESS_AND_DAY: i32 = 5;
/// Places of a local course created on acceptance; staff adjust it with the dates.
const LOCAL_COURSE_CAPACITY: i64 = 20;

fn token_hash(token: &str) -> String {
    crate::secrets::digest_hex(&format!("tandem:{}", token.trim()))
}

/// Applications not confirmed by both in time are deleted with their personal data: the
/// applicants go with them (`ON DELETE CASCADE`).
fn delete_expired(conn: &mut DbConnection, at: NaiveDateTime) -> Result<(), ApiError> {
    diesel::delete(
        tandem_applications::table
            .filter(tandem_applications::state.eq(TandemApplicationState::Unconfirmed.code()))
            .filter(tandem_applications::confirm_expires_at.lt(at)),
    )
    .execute(conn)?;
    Ok(())
}

fn recipient(applicant: &ApplicantDraft, language: MailLanguage) -> Recipient {
    Recipient {
        email: applicant.email.as_str().to_lowercase(),
        given_name: applicant.given_name.clone(),
        family_name: applicant.family_name.clone(),
        language,
    }
}

fn full_name(a: &ApplicantDraft) -> String {
    format!("{} {}", a.given_name, a.family_name)
}

/// Records an application and mails each partner their own confirmation link. Whether the
/// addresses are known or over their limit, the caller answers the same.
pub(crate) fn submit(
    conn: &mut DbConnection,
    mailer: &Mailer,
    links: &Links,
    course_id: i64,
    draft: &TandemApplicationDraft,
    client: &str,
    at: NaiveDateTime,
) -> Result<(), ApiError> {
    crate::rate::hit(
        conn,
        &crate::rate::key("tandem-client", client),
        PER_CLIENT_AND_HOUR,
        TimeDelta::hours(1),
        at,
    )?;
    let today = crate::dates::today_in_berlin();
    let course = open_course(conn, course_id, CourseKind::TrainerCourse, today)?;
    let mut e = shared::FieldErrors::default();
    if crate::api::municipalities::store::find(conn, &draft.municipality)?.is_none() {
        e.add(
            "municipality",
            "unknown",
            "Diese Gemeinde gibt es nicht in Baden-Württemberg.",
        );
    }
    if draft.planned_start < today {
        e.add(
            "planned_start",
            "in_past",
            "Der geplante Beginn liegt in der Vergangenheit.",
        );
    }
    e.into_result()?;
    delete_expired(conn, at)?;
    for applicant in [&draft.professional, &draft.citizen] {
        let key = crate::rate::key("tandem-address", applicant.email.as_str());
        if crate::rate::hit(conn, &key, PER_ADDRESS_AND_DAY, TimeDelta::days(1), at).is_err() {
            return Ok(());
        }
    }
    let id: i64 = diesel::insert_into(tandem_applications::table)
        .values((
            tandem_applications::course_id.eq(course_id),
            tandem_applications::municipality_ags.eq(draft.municipality.as_str()),
            tandem_applications::planned_start.eq(draft.planned_start),
            tandem_applications::planned_end.eq(draft.planned_end),
            tandem_applications::venue.eq(&draft.venue),
            tandem_applications::employer.eq(&draft.employer),
            tandem_applications::motivation.eq(&draft.motivation),
            tandem_applications::language.eq(draft.language.code()),
            tandem_applications::consent_text_version.eq(TANDEM_CONSENT_VERSION),
            tandem_applications::state.eq(TandemApplicationState::Unconfirmed.code()),
            tandem_applications::confirm_expires_at.eq(at + TimeDelta::hours(CONFIRMATION_HOURS)),
            tandem_applications::created_at.eq(at),
        ))
        .returning(tandem_applications::id)
        .get_result(conn)?;
    let pairs = [
        (
            TrainerKind::Professional,
            &draft.professional,
            &draft.citizen,
        ),
        (TrainerKind::Citizen, &draft.citizen, &draft.professional),
    ];
    for (kind, applicant, partner) in pairs {
        let token = crate::secrets::random_token();
        diesel::insert_into(tandem_applicants::table)
            .values((
                tandem_applicants::application_id.eq(id),
                tandem_applicants::kind.eq(kind.code()),
                tandem_applicants::given_name.eq(&applicant.given_name),
                tandem_applicants::family_name.eq(&applicant.family_name),
                tandem_applicants::email.eq(applicant.email.as_str().to_lowercase()),
                tandem_applicants::phone.eq(&applicant.phone),
                tandem_applicants::consented_at.eq(at),
                tandem_applicants::confirm_token_hash.eq(token_hash(&token)),
            ))
            .execute(conn)?;
        enqueue(
            conn,
            mailer,
            mails::tandem_confirm_link(
                &recipient(applicant, draft.language),
                id,
                &course.title,
                &full_name(partner),
                &links.tandem_confirm(&token),
            ),
        )?;
    }
    Ok(())
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = tandem_applications)]
struct ApplicationRow {
    id: i64,
    course_id: i64,
    municipality_ags: String,
    planned_start: NaiveDate,
    planned_end: NaiveDate,
    venue: String,
    employer: Option<String>,
    motivation: Option<String>,
    language: MailLanguage,
    state: TandemApplicationState,
    local_course_id: Option<i64>,
    decision_reason: Option<String>,
    created_at: NaiveDateTime,
}

#[derive(Queryable, Selectable, Clone)]
#[diesel(table_name = tandem_applicants)]
struct ApplicantRow {
    kind: TrainerKind,
    given_name: String,
    family_name: String,
    email: String,
    phone: Option<String>,
    confirmed_at: Option<NaiveDateTime>,
    person_id: Option<i64>,
}

impl ApplicantRow {
    fn recipient(&self, language: MailLanguage) -> Recipient {
        Recipient {
            email: self.email.clone(),
            given_name: self.given_name.clone(),
            family_name: self.family_name.clone(),
            language,
        }
    }

    fn person_draft(&self, municipality: &str) -> PersonDraft {
        PersonDraft {
            given_name: self.given_name.clone(),
            family_name: self.family_name.clone(),
            email: self.email.parse().ok(),
            phone: self.phone.clone(),
            street: None,
            postal_code: None,
            city: None,
            municipality: municipality.parse().ok(),
            languages: Vec::new(),
            mentor: None,
            trainer: None,
        }
    }
}

/// The two partners of an application: professional first.
fn applicants_of(
    conn: &mut DbConnection,
    application: i64,
) -> Result<(ApplicantRow, ApplicantRow), ApiError> {
    let rows: Vec<ApplicantRow> = tandem_applicants::table
        .filter(tandem_applicants::application_id.eq(application))
        .select(ApplicantRow::as_select())
        .load(conn)?;
    let of = |kind: TrainerKind| {
        rows.iter()
            .find(|r| r.kind == kind)
            .cloned()
            .ok_or_else(|| ApiError::not_found("Die Tandembewerbung"))
    };
    Ok((of(TrainerKind::Professional)?, of(TrainerKind::Citizen)?))
}

/// Confirms one partner's part with the token of their link (once). With both confirmed, the
/// application waits for staff. `None` for an unknown, expired or used link.
pub(crate) fn confirm(
    conn: &mut DbConnection,
    token: &str,
    at: NaiveDateTime,
) -> Result<Option<TandemConfirmation>, ApiError> {
    delete_expired(conn, at)?;
    let found: Option<(i64, TrainerKind)> = tandem_applicants::table
        .filter(tandem_applicants::confirm_token_hash.eq(token_hash(token)))
        .filter(tandem_applicants::confirmed_at.is_null())
        .select((tandem_applicants::application_id, tandem_applicants::kind))
        .first(conn)
        .optional()?;
    let Some((id, kind)) = found else {
        return Ok(None);
    };
    // Partners confirming at the same moment take turns, so the second sees the first's
    // confirmation and submits the application.
    hold_application(conn, id)?;
    let confirmed = diesel::update(
        tandem_applicants::table
            .find((id, kind.code()))
            .filter(tandem_applicants::confirmed_at.is_null()),
    )
    .set((
        tandem_applicants::confirmed_at.eq(at),
        tandem_applicants::confirm_token_hash.eq(None::<String>),
    ))
    .execute(conn)?;
    if confirmed == 0 {
        // The same link clicked twice at once: the other click confirmed.
        return Ok(None);
    }
    let (professional, citizen) = applicants_of(conn, id)?;
    let partner = match kind {
        TrainerKind::Professional => &citizen,
        TrainerKind::Citizen => &professional,
    };
    let partner_confirmed = partner.confirmed_at.is_some();
    if partner_confirmed {
        diesel::update(tandem_applications::table.find(id))
            .set(tandem_applications::state.eq(TandemApplicationState::Submitted.code()))
            .execute(conn)?;
    }
    crate::audit::record(
        conn,
        None,
        "tandem_application_confirmed",
        "POST /api/v1/tandem-applications/confirm/{token}",
        Some(&format!("tandem-applications/{id}")),
        200,
    )?;
    let row = find_row(conn, id)?;
    let course = courses::store::find(conn, row.course_id)?;
    Ok(Some(TandemConfirmation {
        state: row.state,
        course_id: course.id,
        course_title: course.title,
        partner_name: format!("{} {}", partner.given_name, partner.family_name),
        partner_confirmed,
    }))
}

/// Holds the application for the rest of the transaction (PostgreSQL; SQLite's writer lock is
/// already held from `BEGIN IMMEDIATE`).
fn hold_application(conn: &mut DbConnection, id: i64) -> Result<(), ApiError> {
    Ok(crate::db::hold_row(conn, "tandem_applications", id)?)
}

fn find_row(conn: &mut DbConnection, id: i64) -> Result<ApplicationRow, ApiError> {
    tandem_applications::table
        .find(id)
        .select(ApplicationRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("Die Tandembewerbung"))
}

fn applicant_view(
    conn: &mut DbConnection,
    row: ApplicantRow,
    municipality: &str,
    waiting: bool,
) -> Result<Applicant, ApiError> {
    let candidates = if waiting {
        people::store::possible_duplicates(conn, &row.person_draft(municipality), None)?
    } else {
        Vec::new()
    };
    Ok(Applicant {
        kind: row.kind,
        confirmed: row.confirmed_at.is_some(),
        candidates,
        given_name: row.given_name,
        family_name: row.family_name,
        email: row.email,
        phone: row.phone,
        person_id: row.person_id,
    })
}

fn municipality_of(conn: &mut DbConnection, ags: &str) -> Result<MunicipalityRef, ApiError> {
    crate::api::municipalities::store::municipality_refs(conn, &[ags.to_owned()])?
        .remove(ags)
        .ok_or_else(|| ApiError::not_found("Die Gemeinde"))
}

fn view(conn: &mut DbConnection, row: ApplicationRow) -> Result<TandemApplication, ApiError> {
    let (professional, citizen) = applicants_of(conn, row.id)?;
    let waiting = row.state == TandemApplicationState::Submitted;
    let municipality = municipality_of(conn, &row.municipality_ags)?;
    Ok(TandemApplication {
        id: row.id,
        state: row.state,
        course_id: row.course_id,
        course_title: courses::store::find(conn, row.course_id)?.title,
        professional: applicant_view(conn, professional, &row.municipality_ags, waiting)?,
        employer: row.employer,
        citizen: applicant_view(conn, citizen, &row.municipality_ags, waiting)?,
        municipality,
        planned_start: row.planned_start,
        planned_end: row.planned_end,
        venue: row.venue,
        motivation: row.motivation,
        local_course_id: row.local_course_id,
        decision_reason: row.decision_reason,
        created_at: row.created_at.and_utc(),
    })
}

fn view_of(conn: &mut DbConnection, id: i64) -> Result<TandemApplication, ApiError> {
    let row = find_row(conn, id)?;
    view(conn, row)
}

/// Applications in a state (both confirmed and waiting for staff, by default), oldest first.
pub(crate) fn list(
    conn: &mut DbConnection,
    state: TandemApplicationState,
) -> Result<Vec<TandemApplication>, ApiError> {
    let rows: Vec<ApplicationRow> = tandem_applications::table
        .filter(tandem_applications::state.eq(state.code()))
        .select(ApplicationRow::as_select())
        .order(tandem_applications::id)
        .limit(200)
        .load(conn)?;
    rows.into_iter().map(|r| view(conn, r)).collect()
}

/// Records the person as a trainer of this kind in training (unless qualified already), paired
/// with the partner.
fn make_trainer(
    conn: &mut DbConnection,
    person: i64,
    kind: TrainerKind,
    partner: i64,
) -> Result<(), ApiError> {
    let existing: Option<TrainerKind> = trainers::table
        .find(person)
        .select(trainers::kind)
        .first(conn)
        .optional()?;
    match existing {
        Some(other) if other != kind => {
            return Err(ApiError::Conflict(
                "trainer_kind",
                format!(
                    "Diese Person ist bereits als {} Trainerin oder Trainer erfasst.",
                    other.label_de()
                ),
            ))
        }
        Some(_) => {
            diesel::update(trainers::table.find(person))
                .set(trainers::tandem_partner_id.eq(partner))
                .execute(conn)?;
        }
        None => {
            diesel::insert_into(trainers::table)
                .values((
                    trainers::person_id.eq(person),
                    trainers::kind.eq(kind.code()),
                    trainers::tandem_partner_id.eq(partner),
                ))
                .execute(conn)?;
        }
    }
    diesel::update(people_table::table.find(person))
        .set((
            people_table::version.eq(people_table::version + 1),
            people_table::updated_at.eq(crate::db::now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// The record an applicant becomes: the one staff named, or the match rules of registrations.
fn person_for(
    conn: &mut DbConnection,
    applicant: &ApplicantRow,
    municipality: &str,
    named: Option<i64>,
    field: &str,
) -> Result<i64, ApiError> {
    match named {
        Some(id) => match people::store::find(conn, id) {
            Ok(_) => Ok(id),
            Err(ApiError::NotFound(_)) => Err(ApiError::field(
                field,
                "unknown",
                "Diese Person gibt es nicht.",
            )),
            Err(e) => Err(e),
        },
        None => Ok(match_person(conn, &applicant.person_draft(municipality))?.0),
    }
}

/// Accepts or declines a submitted application and tells both partners. Accepting records both
/// as trainers in training, creates the planned local course as a draft led by them, and enrols
/// them as one tandem (with a place, or on the waitlist) under the course lock.
pub(crate) fn decide(
    conn: &mut DbConnection,
    mailer: &Mailer,
    id: i64,
    decision: &TandemDecision,
    at: NaiveDateTime,
) -> Result<TandemApplication, ApiError> {
    let row = find_row(conn, id)?;
    enrolments::store::hold_course(conn, row.course_id)?;
    // Read again under the lock: two staff deciding at once decide once.
    let row = find_row(conn, row.id)?;
    if row.state != TandemApplicationState::Submitted {
        return Err(ApiError::Conflict(
            "application_decided",
            "Diese Bewerbung wartet auf keine Entscheidung.".into(),
        ));
    }
    let reason = shared::values::optional_text(decision.reason.as_deref().unwrap_or(""), 2000)
        .map_err(|e| ApiError::field("reason", e.code, e.message))?;
    let course = courses::store::find(conn, row.course_id)?;
    let (professional, citizen) = applicants_of(conn, id)?;
    if !decision.accept {
        diesel::update(tandem_applications::table.find(id))
            .set((
                tandem_applications::state.eq(TandemApplicationState::Declined.code()),
                tandem_applications::decision_reason.eq(&reason),
                tandem_applications::decided_at.eq(at),
            ))
            .execute(conn)?;
        for applicant in [&professional, &citizen] {
            enqueue(
                conn,
                mailer,
                mails::tandem_declined(
                    &applicant.recipient(row.language),
                    id,
                    &course.title,
                    reason.as_deref(),
                ),
            )?;
        }
        return view_of(conn, id);
    }
    let ags = row.municipality_ags.as_str();
    let pro = person_for(
        conn,
        &professional,
        ags,
        decision.professional_person,
        "professional_person",
    )?;
    let cit = person_for(
        conn,
        &citizen,
        ags,
        decision.citizen_person,
        "citizen_person",
    )?;
    if pro == cit {
        return Err(ApiError::field(
            "citizen_person",
            "same_person",
            "Ein Tandem besteht aus zwei Personen.",
        ));
    }
    make_trainer(conn, pro, TrainerKind::Professional, cit)?;
    make_trainer(conn, cit, TrainerKind::Citizen, pro)?;
    let municipality = municipality_of(conn, &row.municipality_ags)?.name;
    let local = CourseDraft {
        kind: CourseKind::MentorCourse,
        title: format!("Mentorenkurs {municipality}"),
        description: Some(format!(
            "Geplant vom Trainertandem {} {} und {} {} (in Ausbildung) für {} bis {}.",
            professional.given_name,
            professional.family_name,
            citizen.given_name,
            citizen.family_name,
            crate::dates::german_short(row.planned_start),
            crate::dates::german_short(row.planned_end),
        )),
        venue_name: Some(row.venue.clone()),
        venue_address: None,
        venue_organisation: None,
        municipality: row.municipality_ags.parse().ok(),
        provider: course.provider,
        commissioning_body: course.commissioning_body,
        funder: course.funder,
        // Set below, once the enrolment names the course: it lets trainers in training lead it.
        trainers: Vec::new(),
        topics: Vec::new(),
        required_hours: CourseKind::MentorCourse.default_required_hours(),
        capacity: LOCAL_COURSE_CAPACITY,
        registration_deadline: None,
    };
    let local_id = courses::store::save(conn, None, &local, 1)?;
    enrolments::store::register(
        conn,
        course.id,
        &EnrolmentInput {
            person_id: pro,
            tandem_partner_id: Some(cit),
            local_course_id: Some(local_id),
        },
    )?;
    for person in [pro, cit] {
        diesel::insert_into(course_trainers::table)
            .values((
                course_trainers::course_id.eq(local_id),
                course_trainers::person_id.eq(person),
            ))
            .execute(conn)?;
    }
    for (kind, person) in [
        (TrainerKind::Professional, pro),
        (TrainerKind::Citizen, cit),
    ] {
        diesel::update(tandem_applicants::table.find((id, kind.code())))
            .set(tandem_applicants::person_id.eq(person))
            .execute(conn)?;
    }
    diesel::update(tandem_applications::table.find(id))
        .set((
            tandem_applications::state.eq(TandemApplicationState::Accepted.code()),
            tandem_applications::local_course_id.eq(local_id),
            tandem_applications::decided_at.eq(at),
        ))
        .execute(conn)?;
    let waitlist_position = tandem_waitlist_position(conn, course.id, pro)?;
    for applicant in [&professional, &citizen] {
        enqueue(
            conn,
            mailer,
            mails::tandem_accepted(
                &applicant.recipient(row.language),
                id,
                &course.title,
                &local.title,
                waitlist_position,
            ),
        )?;
    }
    view_of(conn, id)
}

/// The tandem's place on the waitlist, counting tandems (two rows each, the first partner's row
/// first), or `None` with a place.
fn tandem_waitlist_position(
    conn: &mut DbConnection,
    course: i64,
    first_partner: i64,
) -> Result<Option<i64>, ApiError> {
    let (row, status): (i64, EnrolmentStatus) = enrolment_table::table
        .filter(enrolment_table::course_id.eq(course))
        .filter(enrolment_table::person_id.eq(first_partner))
        .select((enrolment_table::id, enrolment_table::status))
        .first(conn)?;
    if status != EnrolmentStatus::Waitlisted {
        return Ok(None);
    }
    // Both partners wait, one after the other: a tandem is one place on the list.
    let ahead = enrolments::store::waitlisted_up_to(conn, course, row)?;
    Ok(Some((ahead + 1) / 2))
}
