//! Certificates: staff issue them to participants of a completed course who reached the required
//! hours; each gets a register number, a verification code and a printable PDF. The public
//! checks a code at `/api/v1/public/certificates/{code}` and learns name, course and date only.

pub mod pdf;

use crate::attendance;
use crate::auth::Staff;
use crate::courses;
use crate::db::{now, DbConnection};
use crate::error::ApiError;
use crate::http::Json;
use crate::schema::{certificates, enrolments, organisations};
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use rand::Rng;
use shared::certificates::{Certificate, IssueInput, Verification, VerificationCode};
use shared::courses::{AttendanceRow, Course, CourseKind, CourseStatus, EnrolmentStatus};
use shared::Problem;

#[derive(Queryable, Selectable)]
#[diesel(table_name = certificates)]
struct CertificateRow {
    id: i64,
    serial: String,
    verification_code: String,
    enrolment_id: i64,
    person_id: i64,
    course_id: i64,
    course_kind: String,
    holder_name: String,
    course_title: String,
    first_date: Option<NaiveDate>,
    last_date: Option<NaiveDate>,
    place: Option<String>,
    hours: f64,
    topics: String,
    provider: Option<String>,
    issued_on: NaiveDate,
    issued_at: NaiveDateTime,
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
            course_kind: CourseKind::from_code(&r.course_kind).unwrap_or(CourseKind::MentorCourse),
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
        }
    }
}

/// Why a participant cannot get a certificate (yet), or nothing when they can.
pub fn refusal(course: &Course, participant: Option<&AttendanceRow>) -> Option<String> {
    if course.status != CourseStatus::Completed {
        return Some(format!(
            "Zertifikate gibt es erst, wenn der Kurs abgeschlossen ist (Status jetzt: {}).",
            course.status.label_de()
        ));
    }
    let Some(row) = participant else {
        return Some("Diese Anmeldung gehört zu keinem Teilnehmenden des Kurses.".into());
    };
    if !row.reached {
        return Some(format!(
            "{} {} hat {} von {} Stunden besucht; für das Zertifikat fehlen noch {} Stunden.",
            row.given_name,
            row.family_name,
            row.total_hours,
            course.required_hours,
            course.required_hours - row.total_hours
        ));
    }
    None
}

fn new_code() -> VerificationCode {
    let mut rng = rand::rngs::OsRng;
    VerificationCode::from_symbols(&std::array::from_fn(|_| {
        rng.gen_range(0..shared::certificates::CODE_ALPHABET.len() as u8)
    }))
}

/// The register number: the year of issue and the certificate's id, so numbers never repeat
/// and need no counter that concurrent issuers would fight over.
fn serial(year: i32, id: i64) -> String {
    format!("MfB-{year}-{id:05}")
}

fn find(conn: &mut DbConnection, id: i64) -> Result<Certificate, ApiError> {
    certificates::table
        .find(id)
        .select(CertificateRow::as_select())
        .first(conn)
        .optional()?
        .map(Certificate::from)
        .ok_or_else(|| ApiError::not_found("Das Zertifikat"))
}

fn issue_in(
    conn: &mut DbConnection,
    course_id: i64,
    enrolment_id: i64,
    issued_by: i64,
) -> Result<Certificate, ApiError> {
    let course = courses::find(conn, course_id)?;
    let grid = attendance::grid(conn, &course)?;
    let participant = grid.rows.iter().find(|r| r.enrolment_id == enrolment_id);
    if let Some(reason) = refusal(&course, participant) {
        return Err(ApiError::Conflict(reason));
    }
    let participant = participant.expect("refusal checks the participant");
    let existing: Option<String> = certificates::table
        .filter(certificates::enrolment_id.eq(enrolment_id))
        .select(certificates::serial)
        .first(conn)
        .optional()?;
    if let Some(serial) = existing {
        return Err(ApiError::Conflict(format!(
            "Für diese Teilnahme ist bereits das Zertifikat {serial} ausgestellt."
        )));
    }
    let provider: Option<String> = match course.provider {
        Some(id) => organisations::table
            .find(id)
            .select(organisations::name)
            .first(conn)
            .optional()?,
        None => None,
    };
    let dates: Vec<NaiveDate> = course.sessions.iter().filter_map(|s| s.date).collect();
    let at = now();
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
            certificates::issued_on.eq(at.date()),
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
    crate::people::store::mark_qualified(conn, participant.person_id, course.kind, at.date())?;
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

/// Issues the certificate for one participant of a completed course who reached the required
/// hours. The participant's enrolment becomes `completed`, and the person a certified mentor
/// (mentor course) or a qualified trainer (trainer course).
#[utoipa::path(
    post, path = "/api/v1/courses/{id}/certificates",
    operation_id = "issue_certificates",
    params(("id" = i64, Path, description = "Id of the course")),
    tag = "certificates",
    security(("bearer" = ["staff"])),
    request_body = IssueInput,
    responses(
        (status = 201, body = Certificate),
        (status = 409, description = "Course not completed, hours not reached, or already issued", body = Problem, content_type = "application/problem+json"))
)]
pub async fn issue(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<i64>,
    body: Json<IssueInput>,
) -> Result<HttpResponse, ApiError> {
    let (course_id, enrolment_id) = (id.into_inner(), body.enrolment_id);
    let certificate = state
        .db
        .write(move |conn| issue_in(conn, course_id, enrolment_id, staff.0.account_id))
        .await?;
    tracing::info!(
        certificate = certificate.id,
        course = course_id,
        "certificate issued"
    );
    Ok(HttpResponse::Created()
        .insert_header((
            "Location",
            format!("/api/v1/certificates/{}", certificate.id),
        ))
        .json(certificate))
}

/// The certificates issued for a course.
#[utoipa::path(
    get, path = "/api/v1/courses/{id}/certificates",
    operation_id = "list_course_certificates",
    params(("id" = i64, Path, description = "Id of the course")),
    tag = "certificates",
    security(("bearer" = ["staff"])),
    responses((status = 200, body = Vec<Certificate>))
)]
pub async fn for_course(
    state: web::Data<AppState>,
    _staff: Staff,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let list: Vec<Certificate> = state
        .db
        .run(move |conn| {
            courses::find(conn, id)?;
            Ok(certificates::table
                .filter(certificates::course_id.eq(id))
                .select(CertificateRow::as_select())
                .order(certificates::id)
                .load(conn)?
                .into_iter()
                .map(Certificate::from)
                .collect())
        })
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// One certificate.
#[utoipa::path(
    get, path = "/api/v1/certificates/{id}",
    operation_id = "get_certificate",
    params(("id" = i64, Path, description = "Id of the certificate")),
    tag = "certificates",
    security(("bearer" = ["staff"])),
    responses((status = 200, body = Certificate))
)]
pub async fn get_one(
    state: web::Data<AppState>,
    _staff: Staff,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let certificate = state.db.run(move |conn| find(conn, id)).await?;
    Ok(HttpResponse::Ok().json(certificate))
}

/// The certificate as a printable PDF (A4, German).
#[utoipa::path(
    get, path = "/api/v1/certificates/{id}/pdf",
    operation_id = "get_certificate_pdf",
    params(("id" = i64, Path, description = "Id of the certificate")),
    tag = "certificates",
    security(("bearer" = ["staff"])),
    responses(
        (status = 200, description = "The certificate", content_type = "application/pdf", body = inline(crate::http::Binary)))
)]
pub async fn pdf(
    state: web::Data<AppState>,
    _staff: Staff,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let certificate = state.db.run(move |conn| find(conn, id)).await?;
    let verify_url = format!(
        "{}/pruefen/{}",
        state.public_url, certificate.verification_code
    );
    let bytes = pdf::render(&certificate, &verify_url);
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((
            "Content-Disposition",
            format!(
                "attachment; filename=\"Zertifikat-{}.pdf\"",
                certificate.serial
            ),
        ))
        .body(bytes))
}

/// Checks a verification code. Tells only whether it is genuine and, if so, the holder's name,
/// the course and the date of issue. Case, spaces and dashes in the code do not matter.
#[utoipa::path(
    get, path = "/api/v1/public/certificates/{code}",
    operation_id = "verify_certificate",
    params(("code" = String, Path, description = "Verification code printed on the certificate", example = "K7QM-4XPA-93TD")),
    tag = "public",
    responses(
        (status = 200, body = Verification),
        (status = 404, description = "No certificate has this code", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a well-formed code", body = Problem, content_type = "application/problem+json"))
)]
pub async fn verify(
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let code: VerificationCode = code
        .parse()
        .map_err(|e: shared::ValueError| ApiError::field("code", e.code, e.message))?;
    let found: Option<(String, String, NaiveDate)> = state
        .db
        .run(move |conn| {
            Ok(certificates::table
                .filter(certificates::verification_code.eq(code.as_str()))
                .select((
                    certificates::holder_name,
                    certificates::course_title,
                    certificates::issued_on,
                ))
                .first(conn)
                .optional()?)
        })
        .await?;
    let (holder_name, course_title, issued_on) = found.ok_or_else(|| {
        ApiError::NotFound(
            "Zu diesem Prüfcode gibt es kein Zertifikat. Bitte den Code noch einmal vergleichen."
                .into(),
        )
    })?;
    Ok(HttpResponse::Ok().json(Verification {
        holder_name,
        course_title,
        issued_on,
    }))
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/courses/{id}/certificates")
            .get(for_course)
            .post(issue),
    )
    .service(web::resource("/certificates/{id}").get(get_one))
    .service(web::resource("/certificates/{id}/pdf").get(pdf));
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
