//! "Kurs finden": the courses open for registration, for citizens without an account, on a
//! phone as on a desk. The list filters by district, municipality, kind and month (kept in the
//! address, so a link shows the same choice); a course page says what the course is, what it
//! leads to, when and where it meets, how many places are free and whom to ask.

use crate::api::{use_get, Load};
use crate::components::{AreaFilter, FailureNotice, Loading, Pager};
use crate::form::{on_select, on_value};
use crate::i18n::{self, use_lang, use_texts, Labelled, Texts};
use crate::pages::courses::{date_range, time_span, today};
use crate::pages::registration::RegistrationForm;
use crate::pages::tandem::TandemApplicationForm;
use crate::route::Route;
use crate::services;
use crate::url_query::use_url_query;
use chrono::{Datelike, Months};
use shared::courses::{CourseContact, CourseKind, PublicCourse};
use yew::prelude::*;
use yew_router::prelude::*;

const PAGE_SIZE: i64 = 20;

/// The finder's choice, kept in the address and sent to the public API as it is.
#[derive(Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct FinderFilter {
    #[serde(skip_serializing_if = "String::is_empty")]
    district: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    municipality: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    kind: String,
    /// `2027-03`: courses with a session in that month.
    #[serde(skip_serializing_if = "String::is_empty")]
    month: String,
    #[serde(skip_serializing_if = "crate::url_query::is_first")]
    offset: i64,
}

/// "3 Plätze frei", "1 Platz frei" or, when full, that registrations go on the waitlist.
fn places(course: &PublicCourse, t: &Texts) -> String {
    match course.free_places {
        n if n <= 0 => t.finder_full.to_owned(),
        1 => format!("1 {}", t.finder_place_free),
        n => format!("{n} {}", t.finder_places_free),
    }
}

/// Venue name, address and municipality, as far as they are known.
fn place(course: &PublicCourse) -> String {
    let municipality = course.municipality.as_ref().map(|m| m.name.clone());
    [
        course.venue.name.clone(),
        course.venue.address.clone(),
        municipality,
    ]
    .into_iter()
    .flatten()
    .filter(|part| !part.is_empty())
    .collect::<Vec<_>>()
    .join(", ")
}

fn contact_lines(contact: &CourseContact) -> Html {
    html! {
        <>
            <p class="contact-org">{ &contact.organisation }</p>
            if let Some(name) = &contact.name { <p>{ name }</p> }
            if let Some(email) = &contact.email { <p><a href={format!("mailto:{email}")}>{ email }</a></p> }
            if let Some(phone) = &contact.phone { <p><a href={format!("tel:{}", phone.replace(' ', ""))}>{ phone }</a></p> }
            if let Some(website) = &contact.website { <p><a href={website.clone()} rel="noopener">{ website }</a></p> }
        </>
    }
}

#[function_component]
pub fn CourseFinder() -> Html {
    let t = use_texts();
    let lang = use_lang();
    let filter = use_url_query::<FinderFilter>();
    let (page, reload) = use_get(services::public::open_courses(&*filter.0, PAGE_SIZE));
    let first_month = today().with_day(1).unwrap_or_default();
    let months: Vec<chrono::NaiveDate> = (0..12)
        .filter_map(|n| first_month.checked_add_months(Months::new(n)))
        .collect();
    let set_page = on_value(&filter, |f, offset: i64| f.offset = offset);
    html! {
        <>
            <h1>{ t.finder_title }</h1>
            <p class="lead">{ t.finder_intro }</p>
            <form class="filters" role="search" aria-label={t.finder_title} onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <AreaFilter id="finder" district={filter.0.district.clone()} municipality={filter.0.municipality.clone()}
                    onchange={on_value(&filter, |f, (district, municipality)| { f.district = district; f.municipality = municipality; f.offset = 0; })} />
                <label>{ t.course_kind }
                    <select id="finder-kind" onchange={on_select(&filter, |f, v| { f.kind = v; f.offset = 0; })}>
                        <option value="" selected={filter.0.kind.is_empty()}>{ t.all }</option>
                        { for CourseKind::ALL.iter().map(|k| html! { <option value={k.code()} selected={filter.0.kind == k.code()}>{ k.label(lang) }</option> }) }
                    </select>
                </label>
                <label>{ t.finder_month }
                    <select id="finder-month" onchange={on_select(&filter, |f, v| { f.month = v; f.offset = 0; })}>
                        <option value="" selected={filter.0.month.is_empty()}>{ t.finder_any_month }</option>
                        { for months.iter().map(|m| {
                            let value = format!("{}-{:02}", m.year(), m.month());
                            let selected = filter.0.month == value;
                            html! { <option {selected} {value}>{ i18n::month_year(*m, lang) }</option> }
                        }) }
                    </select>
                </label>
            </form>
            { match page {
                Load::Loading => html! { <Loading /> },
                Load::Failed(f) => html! { <FailureNotice failure={f} retry={Some(reload)} /> },
                Load::Ready(page, _) if page.items.is_empty() => html! { <p class="empty">{ t.finder_empty }</p> },
                Load::Ready(page, _) => html! {
                    <>
                        <p class="muted" aria-live="polite">{ format!("{} {}", page.total, if page.total == 1 { t.finder_found_one } else { t.finder_found }) }</p>
                        <ul class="course-cards" id="finder-courses">
                            { for page.items.iter().map(|c| html! {
                                <li class="card">
                                    <h2><Link<Route> to={Route::OpenCourse { id: c.id }}>{ &c.title }</Link<Route>></h2>
                                    <p class="muted">{ c.kind.label(lang) }</p>
                                    <dl class="facts">
                                        <dt>{ t.course_dates }</dt>
                                        <dd>{ date_range(&c.sessions).unwrap_or_else(|| t.session_open.into()) }</dd>
                                        <dt>{ t.course_venue }</dt>
                                        <dd>{ place(c) }</dd>
                                        <dt>{ t.course_capacity }</dt>
                                        <dd class={classes!((c.free_places <= 0).then_some("full"))}>{ places(c, t) }</dd>
                                        if let Some(contact) = &c.contact {
                                            <dt>{ t.finder_contact }</dt>
                                            <dd>{ contact.name.clone().unwrap_or_else(|| contact.organisation.clone()) }</dd>
                                        }
                                    </dl>
                                    <Link<Route> to={Route::OpenCourse { id: c.id }} classes="button">{ t.finder_details }</Link<Route>>
                                </li>
                            }) }
                        </ul>
                        <Pager offset={page.offset} limit={PAGE_SIZE} shown={page.items.len() as i64} total={page.total} on_page={set_page} />
                    </>
                },
            } }
        </>
    }
}

/// What a course of this kind is and what it leads to, in the reader's language.
fn about(kind: CourseKind, t: &Texts) -> (&'static str, &'static str) {
    match kind {
        CourseKind::MentorCourse => (t.finder_about_mentor, t.finder_leads_mentor),
        CourseKind::TrainerCourse => (t.finder_about_trainer, t.finder_leads_trainer),
    }
}

#[derive(Properties, PartialEq)]
pub struct OpenCourseProps {
    pub id: i64,
}

#[function_component]
pub fn OpenCourse(props: &OpenCourseProps) -> Html {
    let t = use_texts();
    let lang = use_lang();
    let (course, reload) = use_get(services::public::open_course(props.id));
    let back =
        html! { <p><Link<Route> to={Route::CourseFinder}>{ t.finder_back }</Link<Route>></p> };
    let course = match course {
        Load::Loading => return html! { <Loading /> },
        Load::Failed(f) => {
            return html! { <>{ back }<FailureNotice failure={f} retry={Some(reload)} /></> }
        }
        Load::Ready(course, _) => course,
    };
    let (what, leads_to) = about(course.kind, t);
    let hours: f64 = course.sessions.iter().map(|s| s.hours).sum();
    html! {
        <article class="open-course">
            { back }
            <h1>{ &course.title }</h1>
            <p class="muted">{ course.kind.label(lang) }</p>
            if let Some(description) = &course.description { <p class="lead">{ description }</p> }
            <dl class="facts" id="open-course-facts">
                <dt>{ t.course_venue }</dt><dd>{ place(&course) }</dd>
                <dt>{ t.course_capacity }</dt><dd>{ places(&course, t) }</dd>
                if let Some(deadline) = course.registration_deadline {
                    <dt>{ t.course_deadline }</dt><dd>{ i18n::date(deadline) }</dd>
                }
                if hours > 0.0 {
                    <dt>{ t.finder_hours }</dt><dd>{ format!("{} {}", i18n::hours(hours, lang), t.session_hours) }</dd>
                }
            </dl>
            <section aria-labelledby="open-course-about">
                <h2 id="open-course-about">{ t.finder_what }</h2>
                <p>{ what }</p>
                <h3>{ t.finder_leads_to }</h3>
                <p>{ leads_to }</p>
                if !course.topics.is_empty() {
                    <h3>{ t.course_topics }</h3>
                    <ul>{ for course.topics.iter().map(|topic| html! { <li>{ topic }</li> }) }</ul>
                }
            </section>
            <section aria-labelledby="open-course-dates">
                <h2 id="open-course-dates">{ t.course_dates }</h2>
                <ol class="sessions" id="open-course-sessions">
                    { for course.sessions.iter().map(|s| html! {
                        <li>
                            <strong>{ s.date.map(i18n::date).unwrap_or_else(|| t.session_open_public.to_owned()) }</strong>
                            if let Some(span) = time_span(s) { { " · " }{ span } }
                            if let Some(topic) = &s.topic { <br />{ topic } }
                            if let Some(room) = &s.room { <br /><span class="muted">{ room }</span> }
                        </li>
                    }) }
                </ol>
            </section>
            <section aria-labelledby="open-course-register" class="register">
                <h2 id="open-course-register">{ t.finder_how_to_register }</h2>
                if course.kind == CourseKind::MentorCourse {
                    <p>{ t.finder_register_text }</p>
                } else {
                    <p>{ t.finder_register_tandem }</p>
                }
                if let Some(contact) = &course.contact {
                    <div class="contact" id="open-course-contact">{ contact_lines(contact) }</div>
                }
                if course.kind == CourseKind::MentorCourse {
                    <RegistrationForm course={course.id} />
                } else {
                    <TandemApplicationForm course={course.id} />
                }
            </section>
        </article>
    }
}
