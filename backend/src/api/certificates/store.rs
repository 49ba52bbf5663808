//! Queries and rules of `certificates`: what the handlers in `mod.rs` call.

use crate::api::attendance;
use crate::api::courses;
use crate::db::{now, DbConnection};
use crate::error::ApiError;
use crate::schema::{certificates, enrolments, organisations};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use rand::Rng;
use shared::certificates::{Certificate, VerificationCode};
use shared::courses::{AttendanceRow, Course, CourseKind, CourseStatus, EnrolmentStatus};

#[derive(Queryable, Selectable)]
#[diesel(table_name = certificates)]
pub(crate) struct CertificateRow {
    pub(crate) id: i64,
    pub(crate) serial: String,
    pub(crate) verification_code: String,
    pub(crate) enrolment_id: i64,
    pub(crate) person_id: i64,
    pub(crate) course_id: i64,
    pub(crate) course_kind: CourseKind,
    pub(crate) holder_name: String,
    pub(crate) course_title: String,
    pub(crate) first_date: Option<NaiveDate>,
    pub(crate) last_date: Option<NaiveDate>,
    pub(crate) place: Option<String>,
    pub(crate) hours: f64,
    pub(crate) topics: String,
    pub(crate) provider: Option<String>,
    pub(crate) issued_on: NaiveDate,
    pub(crate) issued_at: NaiveDateTime,
    pub(crate) revoked_on: Option<NaiveDate>,
    pub(crate) revocation_reason: Option<String>,
}

impl From<CertificateRow> for Certificate {
    fn from(r: CertificateRow) -> Self {
        Certificate {
            id: r.id,
            serial: r.serial,
            verification_code: r.verification_code,
            enrolment_id: r.enrolment_id,
            person_id: r.person_id,
            course_id: r.course_id,
            course_kind: r.course_kind,
            holder_name: r.holder_name,
            course_title: r.course_title,
            first_date: r.first_date,
            last_date: r.last_date,
            place: r.place,
            hours: r.hours,
            topics: r.topics.lines().map(str::to_owned).collect(),
            provider: r.provider,
            issued_on: r.issued_on,
            issued_at: r.issued_at.and_utc(),
            revoked_on: r.revoked_on,
            revocation_reason: r.revocation_reason,
        }
    }
}

/// Why a participant cannot get a certificate (yet), or nothing when they can.
pub fn refusal(
    course: &Course,
    participant: Option<&AttendanceRow>,
) -> Option<(&'static str, String)> {
    if course.status != CourseStatus::Completed {
        return Some((
            "course_not_completed",
            format!(
                "Zertifikate gibt es erst, wenn der Kurs abgeschlossen ist (Status jetzt: {}).",
                course.status.label_de()
            ),
        ));
    }
    let Some(row) = participant else {
        return Some((
            "not_participant",
            "Diese Anmeldung gehört zu keinem Teilnehmenden des Kurses.".into(),
        ));
    };
    if !row.reached {
        return Some((
            "hours_missing",
            format!(
                "{} {} hat {} von {} Stunden besucht; für das Zertifikat fehlen noch {} Stunden.",
                row.given_name,
                row.family_name,
                crate::downloads::Language::De.hours(row.total_hours),
                crate::downloads::Language::De.hours(course.required_hours),
                crate::downloads::Language::De.hours(course.required_hours - row.total_hours)
            ),
        ));
    }
    None
}

pub(crate) fn new_code() -> VerificationCode {
    let mut rng = rand::rngs::OsRng;
    VerificationCode::from_symbols(&std::array::from_fn(|_| {
        rng.gen_range(0..shared::certificates::CODE_ALPHABET.len() as u8)
    }))
}

/// The register number: the year of issue and the certificate's id, so numbers never repeat
/// and need no counter that concurrent issuers would fight over.
pub(crate) fn serial(year: i32, id: i64) -> String {
    format!("MfB-{year}-{id:05}")
}

pub(crate) fn find(conn: &mut DbConnection, id: i64) -> Result<Certificate, ApiError> {
    certificates::table
        .find(id)
        .select(CertificateRow::as_select())
        .first(conn)
        .optional()?
        .map(Certificate::from)
        .ok_or_else(|| ApiError::not_found("Das Zertifikat"))
}

pub(crate) fn issue_in(
    conn: &mut DbConnection,
    course_id: i64,
    enrolment_id: i64,
    issued_by: i64,
) -> Result<Certificate, ApiError> {
    let course = courses::store::find(conn, course_id)?;
    let grid = attendance::store::grid(conn, &course)?;
    let participant = grid.rows.iter().find(|r| r.enrolment_id == enrolment_id);
    if let Some((code, reason)) = refusal(&course, participant) {
        return Err(ApiError::Conflict(code, reason));
    }
    let participant = participant.expect("refusal checks the participant");
    let existing: Option<String> = certificates::table
        .filter(certificates::enrolment_id.eq(enrolment_id))
        .select(certificates::serial)
        .first(conn)
        .optional()?;
    if let Some(serial) = existing {
        return Err(ApiError::Conflict(
            "already_issued",
            format!("Für diese Teilnahme ist bereits das Zertifikat {serial} ausgestellt."),
        ));
    }
    let provider = organisation_name(conn, course.provider)?;
    let dates: Vec<NaiveDate> = course.sessions.iter().filter_map(|s| s.date).collect();
    let at = now();
    // The certificate carries the day the course was completed, not the day it is issued; the
    // trainer is qualified from that same day.
    let issued_on = course.completed_on.unwrap_or(at.date());
    let code = new_code();
    let id: i64 = diesel::insert_into(certificates::table)
        .values((
            // Replaced by the real number below, once the id is known; unique meanwhile.
            certificates::serial.eq(code.as_str()),
            certificates::verification_code.eq(code.as_str()),
            certificates::enrolment_id.eq(enrolment_id),
            certificates::person_id.eq(participant.person_id),
            certificates::course_id.eq(course.id),
            certificates::course_kind.eq(course.kind.code()),
            certificates::holder_name.eq(format!(
                "{} {}",
                participant.given_name, participant.family_name
            )),
            certificates::course_title.eq(&course.title),
            certificates::first_date.eq(dates.iter().min()),
            certificates::last_date.eq(dates.iter().max()),
            certificates::place.eq(course.municipality.as_ref().map(|m| m.name.clone())),
            certificates::hours.eq(participant.total_hours),
            certificates::topics.eq(course.topics.join("\n")),
            certificates::provider.eq(provider),
            certificates::issued_on.eq(issued_on),
            certificates::issued_at.eq(at),
            certificates::issued_by.eq(issued_by),
        ))
        .returning(certificates::id)
        .get_result(conn)?;
    use chrono::Datelike;
    diesel::update(certificates::table.find(id))
        .set(certificates::serial.eq(serial(at.year(), id)))
        .execute(conn)?;
    diesel::update(enrolments::table.find(enrolment_id))
        .set((
            enrolments::status.eq(EnrolmentStatus::Completed.code()),
            enrolments::updated_at.eq(at),
        ))
        .execute(conn)?;
    crate::api::people::store::mark_qualified(conn, participant.person_id, course.kind, issued_on)?;
    find(conn, id)
}

/// The certificates a person holds.
pub fn for_person(conn: &mut DbConnection, person: i64) -> Result<Vec<Certificate>, ApiError> {
    Ok(certificates::table
        .filter(certificates::person_id.eq(person))
        .select(CertificateRow::as_select())
        .order(certificates::id)
        .load(conn)?
        .into_iter()
        .map(Certificate::from)
        .collect())
}

/// The name of an organisation a course refers to (provider, commissioning body, funder).
fn organisation_name(conn: &mut DbConnection, id: Option<i64>) -> Result<Option<String>, ApiError> {
    let Some(id) = id else { return Ok(None) };
    Ok(organisations::table
        .find(id)
        .select(organisations::name)
        .first(conn)
        .optional()?)
}

/// Who stands behind a course for its certificate: the trainer tandem by name (professional
/// first), the commissioning body and the funder.
pub(crate) fn parties(
    conn: &mut DbConnection,
    course_id: i64,
) -> Result<super::pdf::Parties, ApiError> {
    use crate::schema::{course_trainers, courses, people, trainers};
    let mut rows: Vec<(String, String, Option<shared::people::TrainerKind>)> =
        course_trainers::table
            .inner_join(people::table.on(people::id.eq(course_trainers::person_id)))
            .left_join(trainers::table.on(trainers::person_id.eq(course_trainers::person_id)))
            .filter(course_trainers::course_id.eq(course_id))
            .select((
                people::given_name,
                people::family_name,
                trainers::kind.nullable(),
            ))
            .order(people::id)
            .load(conn)?;
    rows.sort_by_key(|(_, _, kind)| *kind != Some(shared::people::TrainerKind::Professional));
    let (provider, commissioning, funder): (Option<i64>, Option<i64>, Option<i64>) = courses::table
        .find(course_id)
        .select((
            courses::provider_organisation_id,
            courses::commissioning_organisation_id,
            courses::funder_organisation_id,
        ))
        .first(conn)?;
    let (signatory, provider_address, logo) = match provider {
        Some(provider) => {
            let profile = crate::api::certificate_profiles::store::find(conn, provider)?;
            let signatory = profile.signatory_name.map(|n| (n, profile.signatory_role));
            (
                signatory,
                address_line(conn, provider)?,
                crate::api::certificate_profiles::store::logo(conn, provider)?,
            )
        }
        None => (None, None, None),
    };
    Ok(super::pdf::Parties {
        trainers: rows
            .into_iter()
            .map(|(given, family, _)| format!("{given} {family}"))
            .collect(),
        commissioning_body: organisation_name(conn, commissioning)?,
        funder: organisation_name(conn, funder)?,
        signatory,
        provider_address,
        logo,
    })
}

/// "Hauptstraße 1, 70173 Stuttgart": an organisation's address on one line, if it has one.
fn address_line(conn: &mut DbConnection, id: i64) -> Result<Option<String>, ApiError> {
    let (street, postal_code, city): (Option<String>, Option<String>, Option<String>) =
        organisations::table
            .find(id)
            .select((
                organisations::street,
                organisations::postal_code,
                organisations::city,
            ))
            .first(conn)?;
    let town = [postal_code, city]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let parts: Vec<String> = street
        .into_iter()
        .chain((!town.is_empty()).then_some(town))
        .collect();
    Ok((!parts.is_empty()).then(|| parts.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_carry_the_year_and_never_repeat() {
        assert_eq!(serial(2026, 17), "MfB-2026-00017");
        assert_ne!(new_code(), new_code());
    }
}
