//! Courses: list, editor, course page with sessions, participants and certificates, the
//! attendance grid, and the calendar overview of upcoming sessions.

mod accompaniment;
mod attendance;
mod detail;
mod editor;
mod reviews;
mod schedule;
mod tandem_applications;

pub use attendance::Attendance;
pub use detail::CourseDetail;
pub use editor::CourseEditor;
pub use reviews::RegistrationReviews;
pub use schedule::Schedule;
pub use tandem_applications::TandemApplications;

use crate::api::{use_get, Load};
use crate::components::{FailureNotice, Loading, Pager, ScrollRegion};
use crate::form::{on_select, on_value};
use crate::i18n::{self, use_lang, use_texts, Labelled, Lang};
use crate::route::Route;
use crate::services;
use crate::session::use_session;
use crate::url_query::use_url_query;
use chrono::Datelike;
use shared::courses::{CourseKind, CourseStatus, Session};
use yew::prelude::*;
use yew_router::prelude::*;

const PAGE_SIZE: i64 = 25;

/// Today in the browser's time zone.
pub(crate) fn today() -> chrono::NaiveDate {
    let now = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

/// `12.01.2027 – 30.03.2027`, or one date, from the dated sessions.
pub(crate) fn date_range(sessions: &[Session]) -> Option<String> {
    let mut dates = sessions.iter().filter_map(|s| s.date);
    let first = dates.next()?;
    let last = dates.next_back().unwrap_or(first);
    Some(if first == last {
        i18n::date(first)
    } else {
        format!("{} – {}", i18n::date(first), i18n::date(last))
    })
}

/// `09:30–16:30`, when the session has times.
pub(crate) fn time_span(session: &Session) -> Option<String> {
    Some(format!(
        "{}–{}",
        i18n::time(session.start?),
        i18n::time(session.end?)
    ))
}

fn status_badge(status: CourseStatus, lang: Lang) -> Html {
    html! { <span class={classes!("badge", format!("status-{}", status.code()))}>{ status.label(lang) }</span> }
}

/// The list's filters and page, kept in the address and sent to the API as they are.
#[derive(Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
struct ListFilter {
    #[serde(skip_serializing_if = "String::is_empty")]
    kind: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    status: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    district: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    year: String,
    #[serde(skip_serializing_if = "crate::url_query::is_first")]
    offset: i64,
}

#[function_component]
pub fn CourseList() -> Html {
    let t = use_texts();
    let lang = use_lang();
    let session = use_session();
    let filter = use_url_query::<ListFilter>();
    let (page, reload) = use_get(services::courses::list(&*filter.0, PAGE_SIZE));
    let (districts, _) = use_get(services::reference::districts());
    let this_year = today().year();
    let set_page = on_value(&filter, |f, offset: i64| f.offset = offset);
    html! {
        <>
            <h1>{ t.course_title }</h1>
            <div class="actions">
                if session.is_some() {
                    <Link<Route> to={Route::NewCourse} classes="button primary">{ t.course_new }</Link<Route>>
                }
                <Link<Route> to={Route::Schedule} classes="button">{ t.schedule_title }</Link<Route>>
                <Link<Route> to={Route::RegistrationReviews} classes="button">{ t.reviews_title }</Link<Route>>
                <Link<Route> to={Route::TandemApplications} classes="button">{ t.tandems_title }</Link<Route>>
            </div>
            <form class="filters" role="search" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label>{ t.course_kind }
                    <select id="course-kind-filter" onchange={on_select(&filter, |f, v| { f.kind = v; f.offset = 0; })}>
                        <option value="" selected={filter.0.kind.is_empty()}>{ t.all }</option>
                        { for CourseKind::ALL.iter().map(|k| html! { <option value={k.code()} selected={filter.0.kind == k.code()}>{ k.label(lang) }</option> }) }
                    </select>
                </label>
                <label>{ t.course_status }
                    <select id="course-status-filter" onchange={on_select(&filter, |f, v| { f.status = v; f.offset = 0; })}>
                        <option value="" selected={filter.0.status.is_empty()}>{ t.all }</option>
                        { for CourseStatus::ALL.iter().map(|s| html! { <option value={s.code()} selected={filter.0.status == s.code()}>{ s.label(lang) }</option> }) }
                    </select>
                </label>
                <label>{ t.org_district }
                    <select id="course-district-filter" onchange={on_select(&filter, |f, v| { f.district = v; f.offset = 0; })}>
                        <option value="" selected={filter.0.district.is_empty()}>{ t.all }</option>
                        { match &districts { Load::Ready(ds, _) => ds.iter().map(|d| html! {
                            <option value={d.key.to_string()} selected={filter.0.district == d.key.as_str()}>{ &d.label }</option>
                        }).collect::<Html>(), _ => html! {} } }
                    </select>
                </label>
                <label>{ t.course_year }
                    <select id="course-year-filter" onchange={on_select(&filter, |f, v| { f.year = v; f.offset = 0; })}>
                        <option value="" selected={filter.0.year.is_empty()}>{ t.all }</option>
                        { for (2020..=this_year + 2).rev().map(|y| html! { <option value={y.to_string()} selected={filter.0.year == y.to_string()}>{ y }</option> }) }
                    </select>
                </label>
            </form>
            { match page {
                Load::Loading => html! { <Loading /> },
                Load::Failed(f) => html! { <FailureNotice failure={f} retry={Some(reload)} /> },
                Load::Ready(page, _) if page.items.is_empty() => html! { <p class="empty">{ t.course_empty }</p> },
                Load::Ready(page, _) => html! {
                    <>
                        <ScrollRegion label={t.nav_courses}>
                        <table id="courses">
                            <thead><tr>
                                <th scope="col">{ t.course_name }</th><th scope="col">{ t.course_kind }</th><th scope="col">{ t.course_status }</th>
                                <th scope="col">{ t.org_municipality }</th><th scope="col">{ t.course_dates }</th><th scope="col">{ t.course_capacity }</th>
                            </tr></thead>
                            <tbody>
                                { for page.items.iter().map(|c| html! {
                                    <tr>
                                        <td><Link<Route> to={Route::Course { id: c.id }}>{ &c.title }</Link<Route>></td>
                                        <td>{ c.kind.label(lang) }</td>
                                        <td>{ status_badge(c.status, lang) }</td>
                                        <td>{ c.municipality.as_ref().map(|m| m.name.clone()).unwrap_or_else(|| t.none.into()) }</td>
                                        <td>{ date_range(&c.sessions).unwrap_or_else(|| t.none.into()) }</td>
                                        <td>{ c.capacity }</td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                        </ScrollRegion>
                        <Pager offset={page.offset} limit={PAGE_SIZE} shown={page.items.len() as i64} total={page.total} on_page={set_page.clone()} />
                    </>
                },
            } }
        </>
    }
}
