//! Attendance: choose a session, mark everyone at once ("Alle anwesend", then the exceptions),
//! save; the grid of participants × sessions shows each total against the required hours.

use super::today;
use crate::api::{use_actions, use_get, Load};
use crate::components::{ErrorNotice, FailureNotice, Loading, ScrollRegion};
use crate::form::{Edit, Form};
use crate::i18n::{self, use_lang, use_texts, Labelled, Lang};
use crate::route::Route;
use crate::services;
use shared::courses::{AttendanceCell, AttendanceGrid, AttendanceMark, AttendanceStatus, Session};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use yew_router::prelude::*;

/// The marks being entered for one session: per enrolment a status (or none yet) and, for
/// partial attendance, the hours as typed.
#[derive(Clone, PartialEq, Default)]
struct Marks {
    session: Option<i64>,
    entries: Vec<(i64, Option<AttendanceStatus>, String)>,
}

impl Marks {
    fn from_grid(grid: &AttendanceGrid, session: i64) -> Marks {
        let column = grid.session_ids.iter().position(|s| *s == session);
        let entries = grid
            .rows
            .iter()
            .map(|row| {
                let cell = column.and_then(|c| row.sessions.get(c).cloned().flatten());
                let hours = cell
                    .as_ref()
                    .filter(|c| c.status == AttendanceStatus::Partial)
                    .map(|c| c.hours.to_string().replace('.', ","))
                    .unwrap_or_default();
                (row.enrolment_id, cell.map(|c| c.status), hours)
            })
            .collect();
        Marks {
            session: Some(session),
            entries,
        }
    }

    /// The request body, or the enrolment whose hours are not a number.
    fn to_request(&self) -> Result<Vec<AttendanceMark>, i64> {
        self.entries
            .iter()
            .filter_map(|(enrolment_id, status, hours)| Some((*enrolment_id, (*status)?, hours)))
            .map(|(enrolment_id, status, hours)| {
                let hours = match status {
                    AttendanceStatus::Partial => Some(
                        hours
                            .trim()
                            .replace(',', ".")
                            .parse::<f64>()
                            .map_err(|_| enrolment_id)?,
                    ),
                    _ => None,
                };
                Ok(AttendanceMark {
                    enrolment_id,
                    status,
                    hours,
                })
            })
            .collect()
    }
}

/// The session to fill in first: the latest one that has taken place, else the first.
fn default_session(sessions: &[Session]) -> Option<i64> {
    let today = today();
    sessions
        .iter()
        .rfind(|s| s.date.is_some_and(|d| d <= today))
        .or(sessions.first())
        .map(|s| s.id)
}

fn session_label(s: &Session, t: &i18n::Texts) -> String {
    let date = s
        .date
        .map(i18n::date)
        .unwrap_or_else(|| t.session_open.into());
    match &s.topic {
        Some(topic) => format!("{date} – {topic}"),
        None => date,
    }
}

fn cell_text(cell: &AttendanceCell, lang: Lang) -> String {
    match cell.status {
        AttendanceStatus::Present => "✓".into(),
        AttendanceStatus::Partial => i18n::hours(cell.hours, lang),
        AttendanceStatus::Excused => "E".into(),
        AttendanceStatus::Absent => "–".into(),
    }
}

#[derive(Properties, PartialEq)]
pub struct AttendanceProps {
    pub id: i64,
}

#[function_component]
pub fn Attendance(props: &AttendanceProps) -> Html {
    let t = use_texts();
    let lang = use_lang();
    let id = props.id;
    let (course, reload_course) = use_get(services::courses::get(id));
    let (grid, reload_grid) = use_get(services::courses::attendance(id));
    let marks = use_reducer(Form::<Marks>::default);
    let chosen = use_state(|| None::<i64>);
    let saved = use_state(|| false);
    let actions = use_actions();
    let session_id = (*chosen).or_else(|| match &course {
        Load::Ready(c, _) => default_session(&c.sessions),
        _ => None,
    });
    let grid_tag = match &grid {
        Load::Ready(_, tag) => tag.clone(),
        _ => None,
    };
    {
        // Start from what is recorded whenever the session or the recorded data changes.
        let (marks, grid) = (marks.clone(), grid.clone());
        use_effect_with((session_id, grid_tag), move |(session, _)| {
            if let (Some(session), Load::Ready(grid, _)) = (*session, grid) {
                let next = Marks::from_grid(&grid, session);
                marks.dispatch(Edit(Rc::new(move |m: &mut Marks| *m = next.clone())));
            }
        });
    }
    let (course, grid) = match (course, grid) {
        (Load::Failed(f), _) => {
            return html! { <FailureNotice failure={f} retry={Some(reload_course)} /> }
        }
        (_, Load::Failed(f)) => {
            return html! { <FailureNotice failure={f} retry={Some(reload_grid)} /> }
        }
        (Load::Ready(c, _), Load::Ready(g, _)) => (c, g),
        _ => return html! { <Loading /> },
    };
    let on_session = {
        let (chosen, saved) = (chosen.clone(), saved.clone());
        Callback::from(move |e: Event| {
            chosen.set(
                e.target_unchecked_into::<HtmlSelectElement>()
                    .value()
                    .parse()
                    .ok(),
            );
            saved.set(false);
        })
    };
    let set_status = |enrolment: i64| {
        let (marks, saved) = (marks.clone(), saved.clone());
        Callback::from(move |e: Event| {
            let status = AttendanceStatus::from_code(
                &e.target_unchecked_into::<HtmlSelectElement>().value(),
            );
            saved.set(false);
            marks.dispatch(Edit(Rc::new(move |m: &mut Marks| {
                if let Some(entry) = m.entries.iter_mut().find(|e| e.0 == enrolment) {
                    entry.1 = status;
                }
            })));
        })
    };
    let set_hours = |enrolment: i64| {
        let (marks, saved) = (marks.clone(), saved.clone());
        Callback::from(move |e: InputEvent| {
            let hours = e.target_unchecked_into::<HtmlInputElement>().value();
            saved.set(false);
            marks.dispatch(Edit(Rc::new(move |m: &mut Marks| {
                if let Some(entry) = m.entries.iter_mut().find(|e| e.0 == enrolment) {
                    entry.2 = hours.clone();
                }
            })));
        })
    };
    let all_present = {
        let (marks, saved) = (marks.clone(), saved.clone());
        Callback::from(move |_| {
            saved.set(false);
            marks.dispatch(Edit(Rc::new(|m: &mut Marks| {
                m.entries
                    .iter_mut()
                    .for_each(|e| e.1 = Some(AttendanceStatus::Present))
            })));
        })
    };
    let onsubmit = {
        let (marks, actions, saved, reload) = (
            marks.clone(),
            actions.clone(),
            saved.clone(),
            reload_grid.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(session) = marks.0.session else {
                return;
            };
            match marks.0.to_request() {
                Ok(body) => {
                    let (saved, reload) = (saved.clone(), reload.clone());
                    actions.run(
                        services::courses::record_attendance(id, session, &body),
                        move |_: AttendanceGrid| {
                            saved.set(true);
                            reload.emit(());
                        },
                    );
                }
                Err(enrolment) => {
                    let mut errors = shared::values::FieldErrors::default();
                    errors.add(
                        &format!("hours-{enrolment}"),
                        "number",
                        "Bitte die Stunden als Zahl angeben, z. B. 2,5.",
                    );
                    actions.refuse(errors);
                }
            }
        })
    };
    let failure = (*actions.failure).clone();
    let row_name = |enrolment: i64| {
        grid.rows
            .iter()
            .find(|r| r.enrolment_id == enrolment)
            .map(|r| format!("{}, {}", r.family_name, r.given_name))
            .unwrap_or_default()
    };
    html! {
        <>
            <p><Link<Route> to={Route::Course { id }}>{ "← " }{ &course.title }</Link<Route>></p>
            <h1>{ t.attendance_title }</h1>
            if grid.rows.is_empty() {
                <p class="empty">{ t.attendance_no_participants }</p>
            } else if course.sessions.is_empty() {
                <p class="empty">{ t.session_none }</p>
            } else {
                <form class="card" id="attendance-form" {onsubmit} novalidate=true>
                    <label class="field" for="attendance-session"><span>{ t.attendance_choose_session }</span>
                        <select id="attendance-session" onchange={on_session}>
                            { for course.sessions.iter().map(|s| html! {
                                <option value={s.id.to_string()} selected={session_id == Some(s.id)}>{ session_label(s, t) }</option>
                            }) }
                        </select>
                    </label>
                    if let Some(f) = &failure {
                        <ErrorNotice failure={f.clone()}>{ for f.errors.iter().map(|e| html! { <>{ " " }{ crate::api::field_message(e, lang) }</> }) }</ErrorNotice>
                    }
                    if *saved { <div class="notice ok" role="status">{ t.attendance_saved }</div> }
                    <table class="marks">
                        <thead><tr><th scope="col">{ t.name }</th><th scope="col">{ t.attendance_title }</th><th scope="col">{ t.session_hours }</th></tr></thead>
                        <tbody>
                            { for marks.0.entries.iter().map(|(enrolment, status, hours)| {
                                let select_id = format!("mark-{enrolment}");
                                html! {
                                    <tr>
                                        <td><label for={select_id.clone()}>{ row_name(*enrolment) }</label></td>
                                        <td>
                                            <select id={select_id} onchange={set_status(*enrolment)}>
                                                <option value="" selected={status.is_none()}>{ t.attendance_not_set }</option>
                                                { for AttendanceStatus::ALL.iter().map(|s| html! {
                                                    <option value={s.code()} selected={*status == Some(*s)}>{ s.label(lang) }</option>
                                                }) }
                                            </select>
                                        </td>
                                        <td>
                                            if *status == Some(AttendanceStatus::Partial) {
                                                <input id={format!("hours-{enrolment}")} class="hours" type="text" inputmode="decimal" value={hours.clone()}
                                                    aria-label={format!("{} – {}", t.session_hours, row_name(*enrolment))} oninput={set_hours(*enrolment)}
                                                    aria-invalid={if failure.as_ref().and_then(|f| f.field(&format!("hours-{enrolment}"), lang)).is_some() { "true" } else { "false" }} />
                                            }
                                        </td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                    <div class="actions">
                        <button type="button" id="all-present" onclick={all_present}>{ t.attendance_all_present }</button>
                        <button class="primary" type="submit" id="save-attendance" disabled={*actions.busy}>{ if *actions.busy { t.saving } else { t.attendance_save } }</button>
                    </div>
                </form>
                <ScrollRegion label={t.attendance_title}>
                    <table id="attendance-grid" class="grid-table">
                        <caption>{ t.attendance_title }{ " · " }{ t.course_required_hours }{ ": " }{ i18n::hours(grid.required_hours, lang) }</caption>
                        <thead><tr>
                            <th scope="col">{ t.name }</th>
                            { for course.sessions.iter().map(|s| html! {
                                <th scope="col" title={session_label(s, t)}>{ s.date.map(|d| i18n::date(d)[..6].to_owned()).unwrap_or_else(|| "?".into()) }</th>
                            }) }
                            <th scope="col">{ t.attendance_total }</th>
                        </tr></thead>
                        <tbody>
                            { for grid.rows.iter().map(|row| html! {
                                <tr data-enrolment={row.enrolment_id.to_string()}>
                                    <th scope="row">{ format!("{}, {}", row.family_name, row.given_name) }</th>
                                    { for row.sessions.iter().map(|cell| match cell {
                                        Some(c) => html! { <td class={classes!("cell", c.status.code())} title={c.status.label(lang)}>{ cell_text(c, lang) }</td> },
                                        None => html! { <td class="cell"></td> },
                                    }) }
                                    <td class={classes!("total", row.reached.then_some("reached"))}>
                                        { i18n::hours(row.total_hours, lang) }{ " / " }{ i18n::hours(grid.required_hours, lang) }
                                        if row.reached { { " ✓ " }<span class="visually-hidden">{ t.attendance_reached }</span> }
                                    </td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </ScrollRegion>
            }
        </>
    }
}
