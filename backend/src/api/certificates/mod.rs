//! Certificates: staff issue them to participants of a completed course who reached the required
//! hours; each gets a register number, a verification code and a printable PDF. The public
//! checks a code at `/api/v1/public/certificates/{code}` and learns name, course and date only.

pub mod store;

use crate::api::courses;
use crate::auth::Staff;
use crate::downloads::Language;
use crate::error::ApiError;
use crate::http::Json;
use crate::schema::certificates;
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use diesel::prelude::*;
use shared::certificates::{
    Certificate, IssueInput, RevocationInput, Verification, VerificationCode,
};
use shared::Problem;
use store::{find, issue_in, CertificateRow};

pub mod pdf;

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
#[tracing::instrument(skip_all)]
pub async fn issue(
    state: web::Data<AppState>,
    staff: Staff,
    id: web::Path<i64>,
    body: Json<IssueInput>,
) -> Result<HttpResponse, ApiError> {
    let (course_id, enrolment_id) = (id.into_inner(), body.enrolment_id);
    let mailer = state.mailer.clone();
    let public_url = state.public_url.clone();
    let (certificate, location) = state
        .db
        .create(move |conn| {
            let certificate = issue_in(conn, course_id, enrolment_id, staff.0.account_id)?;
            if let Some(to) = crate::notices::recipient_of(conn, enrolment_id)? {
                let check = format!("{public_url}/pruefen/{}", certificate.verification_code);
                crate::mail::enqueue(
                    conn,
                    &mailer,
                    crate::notices::certificate_issued(
                        &to,
                        enrolment_id,
                        &certificate.course_title,
                        &check,
                    ),
                )?;
            }
            let location = format!("/api/v1/certificates/{}", certificate.id);
            Ok((certificate, location))
        })
        .await?;
    state.mailer.wake();
    tracing::info!(
        certificate = certificate.id,
        course = course_id,
        "certificate issued"
    );
    Ok(crate::http::created(location, None, &certificate))
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
#[tracing::instrument(skip_all)]
pub async fn for_course(
    state: web::Data<AppState>,
    _staff: Staff,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let list: Vec<Certificate> = state
        .db
        .run(move |conn| {
            courses::store::find(conn, id)?;
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
#[tracing::instrument(skip_all)]
pub async fn get_one(
    state: web::Data<AppState>,
    _staff: Staff,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let certificate = state.db.run(move |conn| find(conn, id)).await?;
    Ok(HttpResponse::Ok().json(certificate))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PdfQuery {
    /// `de` (default) or `en`.
    #[param(pattern = "^(de|en)$")]
    pub lang: Option<String>,
}

/// The certificate as a printable PDF (A4), in German or, with `lang=en`, in English.
#[utoipa::path(
    get, path = "/api/v1/certificates/{id}/pdf",
    operation_id = "get_certificate_pdf",
    params(("id" = i64, Path, description = "Id of the certificate"), PdfQuery),
    tag = "certificates",
    security(("bearer" = ["staff"])),
    responses(
        (status = 200, description = "The certificate", content_type = "application/pdf", body = inline(crate::http::Binary)),
        (status = 409, description = "The certificate is revoked", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn pdf(
    state: web::Data<AppState>,
    _staff: Staff,
    id: web::Path<i64>,
    query: crate::http::Query<PdfQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let language = Language::from_query(query.lang.as_deref())?;
    let (certificate, parties) = state
        .db
        .run(move |conn| {
            let certificate = find(conn, id)?;
            let parties = store::parties(conn, certificate.course_id)?;
            Ok((certificate, parties))
        })
        .await?;
    if let Some(day) = certificate.revoked_on {
        return Err(ApiError::Conflict(
            "certificate_revoked",
            format!(
                "Das Zertifikat wurde am {} widerrufen und wird nicht mehr ausgegeben.",
                crate::dates::german_short(day)
            ),
        ));
    }
    let verify_url = format!(
        "{}/pruefen/{}",
        state.public_url, certificate.verification_code
    );
    let bytes =
        pdf::render(&certificate, &parties, &verify_url, language).map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((
            "Content-Disposition",
            format!(
                "attachment; filename=\"{}-{}.pdf\"",
                match language {
                    Language::De => "Zertifikat",
                    Language::En => "Certificate",
                },
                certificate.serial
            ),
        ))
        .body(bytes))
}

/// Revokes a certificate, stating why. It stays in the register; the public check then says it
/// was revoked and when, never why, and the PDF is no longer handed out.
#[utoipa::path(
    post, path = "/api/v1/certificates/{id}/revocation",
    operation_id = "revoke_certificate",
    params(("id" = i64, Path, description = "Id of the certificate")),
    tag = "certificates",
    security(("bearer" = ["staff"])),
    request_body = RevocationInput,
    responses(
        (status = 200, body = Certificate),
        (status = 409, description = "Already revoked", body = Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn revoke(
    state: web::Data<AppState>,
    _staff: Staff,
    id: web::Path<i64>,
    body: Json<RevocationInput>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let reason = body.into_inner().reason.trim().to_owned();
    if reason.is_empty() || reason.chars().count() > 1000 {
        return Err(ApiError::field(
            "reason",
            if reason.is_empty() {
                "required"
            } else {
                "too_long"
            },
            "Bitte geben Sie den Grund des Widerrufs an (höchstens 1000 Zeichen).",
        ));
    }
    let certificate = state
        .db
        .write(move |conn| {
            if let Some(day) = find(conn, id)?.revoked_on {
                return Err(ApiError::Conflict(
                    "already_revoked",
                    format!(
                        "Das Zertifikat wurde bereits am {} widerrufen.",
                        crate::dates::german_short(day)
                    ),
                ));
            }
            diesel::update(certificates::table.find(id))
                .set((
                    certificates::revoked_on.eq(crate::dates::today_in_berlin()),
                    certificates::revocation_reason.eq(&reason),
                ))
                .execute(conn)?;
            find(conn, id)
        })
        .await?;
    tracing::info!(certificate = id, "certificate revoked");
    Ok(HttpResponse::Ok().json(certificate))
}

/// Checks a verification code. Tells only whether it is genuine and, if so, the holder's name,
/// the course, the date of issue and, for a revoked certificate, the day it was revoked (never
/// why). Case, spaces and dashes in the code do not matter.
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
#[tracing::instrument(skip_all)]
pub async fn verify(
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let code: VerificationCode = code
        .parse()
        .map_err(|e: shared::ValueError| ApiError::field("code", e.code, e.message))?;
    let found: Option<(String, String, NaiveDate, Option<NaiveDate>)> = state
        .db
        .run(move |conn| {
            Ok(certificates::table
                .filter(certificates::verification_code.eq(code.as_str()))
                .select((
                    certificates::holder_name,
                    certificates::course_title,
                    certificates::issued_on,
                    certificates::revoked_on,
                ))
                .first(conn)
                .optional()?)
        })
        .await?;
    let (holder_name, course_title, issued_on, revoked_on) = found.ok_or_else(|| {
        ApiError::NotFound(
            "Zu diesem Prüfcode gibt es kein Zertifikat. Bitte den Code noch einmal vergleichen."
                .into(),
        )
    })?;
    Ok(HttpResponse::Ok().json(Verification {
        holder_name,
        course_title,
        issued_on,
        revoked_on,
    }))
}

routes! {
    "/courses/{id}/certificates" => [get(for_course), post(issue)],
    "/certificates/{id}" => [get(get_one)],
    "/certificates/{id}/pdf" => [get(pdf)],
    "/certificates/{id}/revocation" => [post(revoke)];
    public: "/certificates/{code}" => [get(verify)],
}
