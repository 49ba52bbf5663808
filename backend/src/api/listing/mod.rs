//! `/api/v1/public/mentors`: the mentor listing for municipalities and integrators. No sign-in;
//! it shows exactly what each mentor consented to, read from the database (or from a response
//! built at the current publication generation), so a withdrawal takes effect at once.
//!
//! - JSON pages (`limit`/`offset`), or CSV for spreadsheets: without `limit` the whole listing,
//!   streamed; cells Excel would run as formulas are neutralised and keys stay text.
//! - With `modified_since` a sync feed in the manner of OParl: changes and tombstones in commit
//!   order (see [`crate::publication::stamp`]), `next` links with a cursor, and 410 Gone for a
//!   position older than the tombstones are kept.

pub mod blocks;
pub mod entries;
pub mod keys;
pub mod store;

use crate::downloads::{wants_csv, Language};
use crate::error::ApiError;
use crate::http::{present, query_value, PageParams, Query};
use crate::state::AppState;
use crate::text::SearchTerm;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use shared::people::PublicMentorPage;
use shared::{Ags, DistrictKey};
use store::{
    answer_page, check_position, parse_time, whole_csv, Cursor, Filter, ListingFormat, PageRequest,
};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PublicFilter {
    /// 5-digit district key: mentors active in the district.
    #[param(pattern = "^[0-9]{5}$")]
    pub district: Option<String>,
    /// AGS: mentors active in the municipality.
    #[param(pattern = "^[0-9]{8}$")]
    pub municipality: Option<String>,
    /// Id of a field of activity.
    pub field: Option<i64>,
    /// ISO 639-1 language code, e.g. `tr`.
    #[param(pattern = "^[A-Za-z]{2}$")]
    pub language: Option<String>,
    /// Part of a mentor's name, as people type it: case, accents and German transliterations do
    /// not matter ("Yilmaz" finds "Yılmaz", "Juergen" finds "Jürgen"). Not with `modified_since`.
    #[param(max_length = 100)]
    pub q: Option<String>,
    /// Sync mode: only changes after this time (RFC 3339), tombstones included, in commit order.
    /// Resume with the newest `modified_at` seen; start a copy with `1970-01-01T00:00:00Z`. A
    /// time older than the tombstones are kept (180 days) answers 410: start the copy anew.
    #[param(format = DateTime)]
    pub modified_since: Option<String>,
    /// Sync mode: continue after this cursor (taken from the `next` link).
    pub after: Option<String>,
    /// `json` (default) or `csv`; `Accept: text/csv` works too. CSV without `limit` is the
    /// whole listing.
    #[param(value_type = Option<ListingFormat>, inline)]
    pub format: Option<String>,
    /// CSV: `de` (default) or `en` column headers and values.
    #[param(value_type = Option<Language>, inline)]
    pub lang: Option<String>,
}

impl PublicFilter {
    fn parse(&self) -> Result<Filter, ApiError> {
        let mut e = shared::FieldErrors::default();
        let district = query_value::<DistrictKey>(&mut e, "district", self.district.as_deref());
        let municipality = query_value::<Ags>(&mut e, "municipality", self.municipality.as_deref());
        let language = query_value::<shared::people::LanguageCode>(
            &mut e,
            "language",
            self.language.as_deref(),
        )
        .map(String::from);
        // Given, a position must be one: an empty value is no time and no cursor.
        let since = self.modified_since.as_deref().and_then(|raw| {
            let parsed = parse_time(raw);
            if parsed.is_none() {
                e.add(
                    "modified_since",
                    "datetime",
                    "Zeitpunkt nach RFC 3339 angeben, z. B. 2026-11-25T08:00:00Z.",
                );
            }
            parsed
        });
        let after = self.after.as_deref().and_then(|raw| {
            let parsed = Cursor::parse(raw);
            if parsed.is_none() {
                e.add(
                    "after",
                    "cursor",
                    "Ungültiger Fortsetzungswert; bitte den next-Link verwenden.",
                );
            }
            parsed
        });
        let name = present(self.q.as_deref()).map(|q| {
            if q.chars().count() > 100 {
                e.add("q", "too_long", "Höchstens 100 Zeichen.");
            } else if since.is_some() {
                e.add(
                    "q",
                    "invalid",
                    "Die Namenssuche gilt nicht zusammen mit modified_since.",
                );
            }
            SearchTerm::new(q)
        });
        if after.is_some() && since.is_none() {
            e.add(
                "after",
                "cursor",
                "after gilt nur zusammen mit modified_since.",
            );
        }
        e.into_result()?;
        if let Some(since) = since {
            check_position(since, "modified_since")?;
        }
        if let Some(cursor) = after {
            check_position(cursor.issued, "after")?;
        }
        Ok(Filter {
            district,
            municipality,
            field: self.field,
            language,
            name,
            since,
            after,
        })
    }
}

/// Mentors who consented to be listed, with exactly the consented data. JSON pages by default;
/// CSV with `Accept: text/csv` or `format=csv` (without `limit` the whole listing, streamed).
/// With `modified_since`: a sync feed of changes and tombstones (`deleted: true`) in commit
/// order; follow `next` until it is null, then resume later with the newest `modified_at`.
#[utoipa::path(
    get, path = "/api/v1/public/mentors",
    operation_id = "list_public_mentors",
    tag = "public",
    params(PublicFilter, PageParams),
    responses(
        (status = 200, description = "A page as JSON, or CSV for spreadsheets (UTF-8 with BOM, `;`, header row; keys and phone numbers as `=\"…\"` so they stay text, text that would be a formula with a leading `'`)",
            content((PublicMentorPage = "application/json"), (String = "text/csv"))),
        (status = 304, description = "Not modified (`If-None-Match`)"),
        (status = 410, description = "The sync position is older than the tombstones are kept; start the copy anew", body = shared::Problem, content_type = "application/problem+json"))
)]
#[tracing::instrument(skip_all)]
pub async fn list(
    state: web::Data<AppState>,
    req: HttpRequest,
    filter: Query<PublicFilter>,
    page_params: Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let whole = page_params.limit.is_none();
    let paging = page_params.into_inner().parse()?;
    let csv = wants_csv(&req, filter.format.as_deref())?;
    let lang = Language::from_query(filter.lang.as_deref())?;
    let f = filter.parse()?;
    if csv && whole && f.since.is_none() {
        return whole_csv(state, &req, f, lang).await;
    }
    let request = PageRequest {
        filter: f,
        paging,
        csv,
        lang,
        path: req.path().to_owned(),
        query: req.query_string().to_owned(),
    };
    answer_page(&state, request).await?.respond(&req)
}

routes! {
    ;
    public: "/mentors" => [get(list)],
}
