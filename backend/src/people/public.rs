//! `/api/v1/public/mentors`: the mentor listing for municipalities and integrators. No sign-in;
//! it shows exactly what each mentor consented to, straight from the database on every request,
//! so a withdrawal takes effect at once. JSON or CSV; with `modified_since` it is a sync feed in
//! the manner of OParl: stable order, `next` links, and tombstones for mentors who left.

use super::store::municipality_refs;
use crate::app::AppState;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::http::Query;
use crate::http::{content_etag, present, query_value, respond, PageParams, Paging};
use crate::publication::Cached;
use crate::schema::{
    fields_of_activity, mentor_fields, mentor_municipalities, mentors, people, person_languages,
    public_tombstones,
};
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Deserialize;
use shared::people::{ConsentLevel, PublicField, PublicMentor, PublicMentorPage};
use shared::{Ags, DistrictKey};
use std::collections::HashMap;
use std::sync::Arc;

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
    /// Sync mode: only changes after this time (RFC 3339), tombstones included, oldest first.
    pub modified_since: Option<String>,
    /// Sync mode: continue after this cursor (taken from the `next` link).
    pub after: Option<String>,
    /// `json` (default) or `csv`; `Accept: text/csv` works too.
    pub format: Option<String>,
}

#[derive(Clone)]
struct Filter {
    district: Option<DistrictKey>,
    municipality: Option<Ags>,
    field: Option<i64>,
    language: Option<String>,
    since: Option<NaiveDateTime>,
    after: Option<(NaiveDateTime, i64)>,
}

fn parse_time(raw: &str) -> Option<NaiveDateTime> {
    DateTime::parse_from_rfc3339(raw.trim())
        .map(|t| t.with_timezone(&Utc).naive_utc())
        .ok()
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        })
}

/// The sync cursor: microseconds since the epoch and the id of the last item, `<micros>-<id>`.
fn cursor(at: NaiveDateTime, id: i64) -> String {
    format!("{}-{id}", at.and_utc().timestamp_micros())
}

fn parse_cursor(raw: &str) -> Option<(NaiveDateTime, i64)> {
    let (micros, id) = raw.split_once('-')?;
    Some((
        DateTime::from_timestamp_micros(micros.parse().ok()?)?.naive_utc(),
        id.parse().ok()?,
    ))
}

impl PublicFilter {
    fn parse(&self) -> Result<Filter, ApiError> {
        let mut e = shared::api::FieldErrors::default();
        let district = query_value::<DistrictKey>(&mut e, "district", self.district.as_deref());
        let municipality = query_value::<Ags>(&mut e, "municipality", self.municipality.as_deref());
        let language = query_value::<shared::people::LanguageCode>(
            &mut e,
            "language",
            self.language.as_deref(),
        )
        .map(String::from);
        let since = match present(self.modified_since.as_deref()) {
            None => None,
            Some(raw) => {
                let parsed = parse_time(raw);
                if parsed.is_none() {
                    e.add(
                        "modified_since",
                        "datetime",
                        "Zeitpunkt nach RFC 3339 angeben, z. B. 2026-11-25T08:00:00Z.",
                    );
                }
                parsed
            }
        };
        let after = match present(self.after.as_deref()) {
            None => None,
            Some(raw) => {
                let parsed = parse_cursor(raw);
                if parsed.is_none() {
                    e.add(
                        "after",
                        "cursor",
                        "Ungültiger Fortsetzungswert; bitte den next-Link verwenden.",
                    );
                }
                parsed
            }
        };
        if after.is_some() && since.is_none() {
            e.add(
                "after",
                "cursor",
                "after gilt nur zusammen mit modified_since.",
            );
        }
        e.into_result()?;
        Ok(Filter {
            district,
            municipality,
            field: self.field,
            language,
            since,
            after,
        })
    }
}

type Backend = <DbConnection as Connection>::Backend;

fn listed(f: &Filter) -> mentors::BoxedQuery<'_, Backend> {
    let mut q = mentors::table.filter(mentors::listed.eq(true)).into_boxed();
    if let Some(d) = &f.district {
        q = q.filter(
            mentors::person_id.eq_any(
                mentor_municipalities::table
                    .filter(mentor_municipalities::municipality_ags.like(format!("{d}%")))
                    .select(mentor_municipalities::person_id),
            ),
        );
    }
    if let Some(m) = &f.municipality {
        q = q.filter(
            mentors::person_id.eq_any(
                mentor_municipalities::table
                    .filter(mentor_municipalities::municipality_ags.eq(m.as_str()))
                    .select(mentor_municipalities::person_id),
            ),
        );
    }
    if let Some(field) = f.field {
        q = q.filter(
            mentors::person_id.eq_any(
                mentor_fields::table
                    .filter(mentor_fields::field_id.eq(field))
                    .select(mentor_fields::person_id),
            ),
        );
    }
    if let Some(l) = &f.language {
        q = q.filter(
            mentors::person_id.eq_any(
                person_languages::table
                    .filter(person_languages::language.eq(l))
                    .select(person_languages::person_id),
            ),
        );
    }
    if let Some(since) = f.since {
        q = q.filter(mentors::public_modified_at.gt(since));
    }
    if let Some((at, id)) = f.after {
        q = q.filter(
            mentors::public_modified_at
                .gt(at)
                .or(mentors::public_modified_at
                    .eq(at)
                    .and(mentors::person_id.gt(id))),
        );
    }
    q
}

/// The public entries of listed mentors, in the order of `ids`: only consented data.
fn public_entries(conn: &mut DbConnection, ids: &[i64]) -> Result<Vec<PublicMentor>, ApiError> {
    type Row = (
        i64,
        String,
        String,
        Option<String>,
        Option<String>,
        String,
        NaiveDateTime,
    );
    let rows: Vec<Row> = mentors::table
        .inner_join(people::table)
        .filter(mentors::person_id.eq_any(ids))
        .filter(mentors::listed.eq(true))
        .select((
            people::id,
            people::given_name,
            people::family_name,
            people::email,
            people::phone,
            mentors::consent,
            mentors::public_modified_at,
        ))
        .load(conn)?;
    let active_in: Vec<(i64, String)> = mentor_municipalities::table
        .filter(mentor_municipalities::person_id.eq_any(ids))
        .select((
            mentor_municipalities::person_id,
            mentor_municipalities::municipality_ags,
        ))
        .order(mentor_municipalities::municipality_ags)
        .load(conn)?;
    let refs = municipality_refs(
        conn,
        &active_in.iter().map(|(_, a)| a.clone()).collect::<Vec<_>>(),
    )?;
    let fields: Vec<(i64, i64, String, String)> = mentor_fields::table
        .inner_join(fields_of_activity::table)
        .filter(mentor_fields::person_id.eq_any(ids))
        .select((
            mentor_fields::person_id,
            fields_of_activity::id,
            fields_of_activity::name_de,
            fields_of_activity::name_en,
        ))
        .order(fields_of_activity::id)
        .load(conn)?;
    let mut by_id: HashMap<i64, PublicMentor> = rows
        .into_iter()
        .map(|(id, given, family, email, phone, consent, modified)| {
            let contact = ConsentLevel::from_code(&consent) == Some(ConsentLevel::WithContact);
            let entry = PublicMentor {
                id,
                deleted: false,
                modified_at: modified.and_utc(),
                given_name: Some(given),
                family_name: Some(family),
                municipalities: Some(
                    active_in
                        .iter()
                        .filter(|(p, _)| *p == id)
                        .filter_map(|(_, a)| refs.get(a).cloned())
                        .collect(),
                ),
                fields: Some(
                    fields
                        .iter()
                        .filter(|(p, ..)| *p == id)
                        .map(|(_, fid, de, en)| PublicField {
                            id: *fid,
                            name_de: de.clone(),
                            name_en: en.clone(),
                        })
                        .collect(),
                ),
                email: email.filter(|_| contact),
                phone: phone.filter(|_| contact),
            };
            (id, entry)
        })
        .collect();
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

fn tombstone_entry((id, at): (i64, NaiveDateTime)) -> PublicMentor {
    PublicMentor {
        id,
        deleted: true,
        modified_at: at.and_utc(),
        given_name: None,
        family_name: None,
        municipalities: None,
        fields: None,
        email: None,
        phone: None,
    }
}

/// A page of the listing: its items, the number of matches, and the query parameters that fetch
/// the next page when there is one.
type ListingPage = (Vec<PublicMentor>, i64, Option<Vec<(String, String)>>);

/// A page and, if there is more, the query parameters that fetch the next one.
fn page(conn: &mut DbConnection, f: &Filter, paging: Paging) -> Result<ListingPage, ApiError> {
    let Some(since) = f.since else {
        let total = listed(f).count().get_result::<i64>(conn)?;
        let ids: Vec<i64> = listed(f)
            .select(mentors::person_id)
            .order((mentors::sort_name.asc(), mentors::person_id.asc()))
            .limit(paging.limit)
            .offset(paging.offset)
            .load(conn)?;
        let next = (paging.offset + paging.limit < total).then(|| {
            vec![(
                "offset".to_owned(),
                (paging.offset + paging.limit).to_string(),
            )]
        });
        return Ok((public_entries(conn, &ids)?, total, next));
    };
    // Sync: listed changes and tombstones after `since`, merged in (time, id) order.
    let tombstones = || {
        let mut q = public_tombstones::table
            .filter(public_tombstones::deleted_at.gt(since))
            .into_boxed::<Backend>();
        if let Some((at, id)) = f.after {
            q = q.filter(
                public_tombstones::deleted_at
                    .gt(at)
                    .or(public_tombstones::deleted_at
                        .eq(at)
                        .and(public_tombstones::person_id.gt(id))),
            );
        }
        q
    };
    let total = listed(&Filter {
        after: None,
        ..f.clone()
    })
    .count()
    .get_result::<i64>(conn)?
        + public_tombstones::table
            .filter(public_tombstones::deleted_at.gt(since))
            .count()
            .get_result::<i64>(conn)?;
    let changed: Vec<(i64, NaiveDateTime)> = listed(f)
        .select((mentors::person_id, mentors::public_modified_at))
        .order((mentors::public_modified_at.asc(), mentors::person_id.asc()))
        .limit(paging.limit + 1)
        .load(conn)?;
    let gone: Vec<(i64, NaiveDateTime)> = tombstones()
        .select((public_tombstones::person_id, public_tombstones::deleted_at))
        .order((
            public_tombstones::deleted_at.asc(),
            public_tombstones::person_id.asc(),
        ))
        .limit(paging.limit + 1)
        .load(conn)?;
    let mut merged: Vec<(NaiveDateTime, i64, bool)> = changed
        .iter()
        .map(|(id, at)| (*at, *id, false))
        .chain(gone.iter().map(|(id, at)| (*at, *id, true)))
        .collect();
    merged.sort();
    let more = merged.len() as i64 > paging.limit;
    merged.truncate(paging.limit as usize);
    let live_ids: Vec<i64> = merged
        .iter()
        .filter(|(_, _, dead)| !dead)
        .map(|(_, id, _)| *id)
        .collect();
    let mut live: HashMap<i64, PublicMentor> = public_entries(conn, &live_ids)?
        .into_iter()
        .map(|m| (m.id, m))
        .collect();
    let items = merged
        .iter()
        .filter_map(|(at, id, dead)| {
            if *dead {
                Some(tombstone_entry((*id, *at)))
            } else {
                live.remove(id)
            }
        })
        .collect();
    let next = more
        .then(|| {
            merged
                .last()
                .map(|(at, id, _)| vec![("after".to_owned(), cursor(*at, *id))])
        })
        .flatten();
    Ok((items, total, next))
}

/// The request's query with `replace` set and the paging parameters it supersedes removed.
fn next_link(path: &str, query: &str, replace: Vec<(String, String)>) -> String {
    let mut params: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
    params.retain(|(k, _)| k != "offset" && k != "after" && !replace.iter().any(|(r, _)| r == k));
    params.extend(replace);
    format!(
        "{path}?{}",
        serde_urlencoded::to_string(params).unwrap_or_default()
    )
}

fn wants_csv(req: &HttpRequest, format: Option<&str>) -> Result<bool, ApiError> {
    match format.map(str::trim) {
        Some("csv") => Ok(true),
        Some("json") => Ok(false),
        Some(other) if !other.is_empty() => Err(ApiError::field(
            "format",
            "format",
            "format ist json oder csv.",
        )),
        _ => Ok(req
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.contains("text/csv") && !a.contains("application/json"))),
    }
}

/// CSV for spreadsheets: UTF-8 with byte-order mark, `;` separated, CRLF, one header row.
fn to_csv(items: &[PublicMentor]) -> Result<Vec<u8>, ApiError> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let fail = |e: csv::Error| ApiError::Internal(e.to_string());
        w.write_record([
            "id",
            "deleted",
            "modified_at",
            "given_name",
            "family_name",
            "municipalities",
            "ags",
            "fields",
            "email",
            "phone",
        ])
        .map_err(fail)?;
        for m in items {
            let municipalities = m.municipalities.as_deref().unwrap_or_default();
            let join = |parts: Vec<String>| parts.join(", ");
            w.write_record([
                m.id.to_string(),
                m.deleted.to_string(),
                m.modified_at
                    .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
                m.given_name.clone().unwrap_or_default(),
                m.family_name.clone().unwrap_or_default(),
                join(municipalities.iter().map(|r| r.name.clone()).collect()),
                join(municipalities.iter().map(|r| r.ags.to_string()).collect()),
                join(
                    m.fields
                        .as_deref()
                        .unwrap_or_default()
                        .iter()
                        .map(|f| f.name_de.clone())
                        .collect(),
                ),
                m.email.clone().unwrap_or_default(),
                m.phone.clone().unwrap_or_default(),
            ])
            .map_err(fail)?;
        }
        w.flush().map_err(|e| ApiError::Internal(e.to_string()))?;
    }
    Ok(out)
}

/// Mentors who consented to be listed, with exactly the consented data. JSON by default, CSV
/// with `Accept: text/csv` or `format=csv`. With `modified_since`: a sync feed of changes and
/// tombstones (`deleted: true`) in stable (time, id) order; follow `next` until it is null.
#[utoipa::path(
    get, path = "/api/v1/public/mentors",
    operation_id = "list_public_mentors",
    tag = "public",
    params(PublicFilter, PageParams),
    responses(
        (status = 200, description = "A page as JSON, or the listing as CSV (UTF-8 with BOM, `;`, header row)",
            content((PublicMentorPage = "application/json"), (String = "text/csv"))),
        (status = 304))
)]
pub async fn list(
    state: web::Data<AppState>,
    req: HttpRequest,
    filter: Query<PublicFilter>,
    page_params: Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let paging = page_params.into_inner().parse()?;
    let csv = wants_csv(&req, filter.format.as_deref())?;
    let f = filter.parse()?;
    let (path, query) = (req.path().to_owned(), req.query_string().to_owned());
    let key = format!("{}?{query}", if csv { "csv" } else { "json" });
    let cache = state.public_cache.clone();
    let built = state
        .db
        .run(move |conn| {
            // Read the generation first: a page built after it is at least as new as it.
            let generation = crate::publication::current(conn)?;
            if let Some(hit) = cache.get(generation, &key) {
                return Ok(hit);
            }
            let (items, total, next) = page(conn, &f, paging)?;
            let next = next.map(|replace| next_link(&path, &query, replace));
            let (content_type, body, link) = if csv {
                (
                    CSV,
                    to_csv(&items)?,
                    next.map(|n| format!("<{n}>; rel=\"next\"")),
                )
            } else {
                let body = serde_json::to_vec(&PublicMentorPage {
                    items,
                    total,
                    limit: paging.limit,
                    next,
                })
                .map_err(|e| ApiError::Internal(e.to_string()))?;
                ("application/json", body, None)
            };
            let built = Arc::new(Cached {
                content_type,
                etag: content_etag(&body),
                body,
                link,
            });
            cache.put(generation, key, built.clone());
            Ok(built)
        })
        .await?;
    let mut response = respond(
        &req,
        built.etag.clone(),
        built.content_type,
        built.body.clone(),
    )?;
    if let Some(link) = built
        .link
        .as_deref()
        .and_then(|l| header::HeaderValue::from_str(l).ok())
    {
        response.headers_mut().insert(header::LINK, link);
    }
    Ok(response)
}

const CSV: &str = "text/csv; charset=utf-8; header=present";
