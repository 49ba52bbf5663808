//! `/api/v1/reports`: the figures the education provider reports to the ministry and the funder,
//! per year or quarter, as JSON for the "Berichte" page, as CSV and XLSX for spreadsheets and as
//! a PDF with charts. Staff only.

pub mod counting;
pub mod export;
pub mod pdf;
pub mod store;

use crate::auth::Staff;
use crate::downloads::{wants_csv, Language, CSV};
use crate::error::ApiError;
use crate::http::{json_with_etag, Query};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::Utc;
use serde::Deserialize;
use shared::reports::{Period, ProgrammeReport};

/// The report's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, utoipa::ToSchema)]
#[schema(rename_all = "lowercase")]
pub enum ReportFormat {
    Json,
    Csv,
    Xlsx,
    Pdf,
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// The calendar year, 2000–2100.
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    /// A quarter of the year (1–4); without it the whole year.
    #[param(minimum = 1, maximum = 4)]
    pub quarter: Option<u8>,
    /// `json` (default), `csv`, `xlsx` or `pdf` (the annual report with charts); `Accept:
    /// text/csv` works too.
    #[param(value_type = Option<ReportFormat>, inline)]
    pub format: Option<String>,
    /// CSV, XLSX and PDF: `de` (default) or `en`.
    #[param(value_type = Option<Language>, inline)]
    pub lang: Option<String>,
}

impl ReportQuery {
    fn format(&self, req: &HttpRequest) -> Result<ReportFormat, ApiError> {
        match self.format.as_deref() {
            Some("xlsx") => Ok(ReportFormat::Xlsx),
            Some("pdf") => Ok(ReportFormat::Pdf),
            None | Some("json" | "csv") => Ok(if wants_csv(req, self.format.as_deref())? {
                ReportFormat::Csv
            } else {
                ReportFormat::Json
            }),
            Some(_) => Err(ApiError::field(
                "format",
                "format",
                "format ist json, csv, xlsx oder pdf.",
            )),
        }
    }

    fn period(&self) -> Result<Period, ApiError> {
        let Some(year) = self.year else {
            return Err(ApiError::field(
                "year",
                "required",
                "Bitte ein Berichtsjahr angeben.",
            ));
        };
        if !(2000..=2100).contains(&year) {
            return Err(ApiError::field(
                "year",
                "range",
                "Das Berichtsjahr liegt zwischen 2000 und 2100.",
            ));
        }
        Period::new(year, self.quarter)
            .ok_or_else(|| ApiError::field("quarter", "range", "Das Quartal ist 1, 2, 3 oder 4."))
    }
}

/// The programme report for a year or quarter: courses, participants, hours, certificates, new
/// and active mentors and the municipalities they cover, for the state, each district, each
/// course kind and each field of activity, with the previous period beside. Staff only.
#[utoipa::path(
    get, path = "/api/v1/reports/programme",
    operation_id = "get_programme_report",
    tag = "reports",
    security(("bearer" = ["staff"])),
    params(ReportQuery),
    responses(
        (status = 200, description = "The report as JSON; as CSV for spreadsheets (UTF-8 with BOM, `;`, German decimal commas with `lang=de`; one row per state, district, course kind and field); as an Excel workbook with number and date cells; or as a PDF with charts and tables",
            content((ProgrammeReport = "application/json"), (String = "text/csv"), (inline(crate::http::Binary) = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (inline(crate::http::Binary) = "application/pdf"))),
        (status = 304, description = "Not modified (`If-None-Match`)"))
)]
#[tracing::instrument(skip_all)]
pub async fn programme(
    state: web::Data<AppState>,
    _staff: Staff,
    req: HttpRequest,
    query: Query<ReportQuery>,
) -> Result<HttpResponse, ApiError> {
    let period = query.period()?;
    let format = query.format(&req)?;
    let lang = Language::from_query(query.lang.as_deref())?;
    let today = crate::dates::today_in_berlin();
    let report = state
        .db
        .run(move |conn| store::programme(conn, period, today, Utc::now().naive_utc()))
        .await?;
    let file_name = format!("mentorat-bericht-{}", period.label().replace(' ', "-"));
    let (body, content_type, extension) = match format {
        ReportFormat::Json => return json_with_etag(&req, &report),
        ReportFormat::Csv => (export::to_csv(&report, lang)?, CSV, "csv"),
        ReportFormat::Xlsx => (export::to_xlsx(&report, lang)?, XLSX, "xlsx"),
        ReportFormat::Pdf => (
            pdf::render(&report, lang, today).map_err(ApiError::internal)?,
            "application/pdf",
            "pdf",
        ),
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file_name}.{extension}\""),
        ))
        .body(body))
}

routes! {
    "/reports/programme" => [get(programme)],
}
