//! Calendar overview: the dated sessions of the next three months, by month.

use super::time_span;
use crate::api::{use_get, Load};
use crate::components::{FailureNotice, Loading};
use crate::i18n::{self, use_lang, use_texts, Labelled, Lang};
use crate::route::Route;
use crate::services;
use chrono::Datelike;
use shared::courses::ScheduledSession;
use yew::prelude::*;
use yew_router::prelude::*;

const WEEKDAYS_DE: [&str; 7] = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"];
const WEEKDAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

fn day(d: chrono::NaiveDate, lang: Lang) -> String {
    let weekdays = if lang == Lang::De {
        WEEKDAYS_DE
    } else {
        WEEKDAYS_EN
    };
    format!(
        "{}, {}",
        weekdays[d.weekday().num_days_from_monday() as usize],
        i18n::date(d)
    )
}

#[function_component]
pub fn Schedule() -> Html {
    let t = use_texts();
    let lang = use_lang();
    let (sessions, reload) = use_get(services::courses::schedule());
    let sessions = match sessions {
        Load::Loading => return html! { <Loading /> },
        Load::Failed(f) => return html! { <FailureNotice failure={f} retry={Some(reload)} /> },
        Load::Ready(s, _) => s,
    };
    let mut months: Vec<(String, Vec<&ScheduledSession>)> = Vec::new();
    for s in sessions.iter() {
        let Some(date) = s.session.date else { continue };
        let title = i18n::month_year(date, lang);
        match months.last_mut() {
            Some((current, list)) if *current == title => list.push(s),
            _ => months.push((title, vec![s])),
        }
    }
    html! {
        <>
            <h1>{ t.schedule_title }</h1>
            <p class="muted">{ t.schedule_intro }</p>
            <p><a href={services::public::open_courses_calendar_url()} download="offene-kurse.ics">{ t.course_open_calendar_file }</a></p>
            if months.is_empty() {
                <p class="empty">{ t.schedule_empty }</p>
            }
            { for months.iter().map(|(title, list)| html! {
                <section class="month">
                    <h2>{ title }</h2>
                    <ol class="agenda">
                        { for list.iter().map(|s| html! {
                            <li>
                                <div class="when">
                                    <strong>{ s.session.date.map(|d| day(d, lang)).unwrap_or_default() }</strong>
                                    <span>{ time_span(&s.session).unwrap_or_default() }</span>
                                </div>
                                <div class="what">
                                    <Link<Route> to={Route::Course { id: s.course_id }}>{ &s.course_title }</Link<Route>>
                                    { " " }<span class="badge">{ s.course_kind.label(lang) }</span>
                                    if let Some(topic) = &s.session.topic { <div>{ topic }</div> }
                                    <div class="muted">{ [s.session.room.clone(), s.venue.name.clone(), s.municipality.as_ref().map(|m| m.name.clone())].into_iter().flatten().collect::<Vec<_>>().join(" · ") }</div>
                                </div>
                            </li>
                        }) }
                    </ol>
                </section>
            }) }
        </>
    }
}
