//! The accompaniment year on a completed Mentorenkurs: the meetings the trainers held with the
//! new mentors, who came, and a form to record the next one.

use crate::api::{use_actions, use_get, Load};
use crate::components::{ErrorNotice, FailureNotice, Loading, ScrollRegion, TextField};
use crate::form::{entry, on_input, Edit, Form};
use crate::i18n::{self, use_texts};
use crate::services;
use shared::accompaniment::{Accompaniment, AccompanimentMeetingInput};
use shared::values::{date_from_entry, FieldErrors};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Clone, PartialEq, Default)]
struct MeetingDraft {
    date: String,
    place: String,
    topic: String,
    attendees: Vec<i64>,
}

#[derive(Properties, PartialEq)]
pub struct AccompanimentProps {
    pub course: i64,
}

#[function_component]
pub fn AccompanimentYear(props: &AccompanimentProps) -> Html {
    let t = use_texts();
    let actions = use_actions();
    let form = use_reducer(Form::<MeetingDraft>::default);
    let (year, reload) = use_get(services::courses::accompaniment(props.course));
    let course = props.course;
    let onsubmit = {
        let (actions, form, reload) = (actions.clone(), form.clone(), reload.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let draft = &form.0;
            let mut errors = FieldErrors::default();
            let date = entry(&mut errors, "date", &draft.date, date_from_entry);
            if let Err(errors) = errors.into_result() {
                return actions.refuse(errors);
            }
            let input = AccompanimentMeetingInput {
                date,
                place: Some(draft.place.clone()),
                topic: draft.topic.clone(),
                attendees: draft.attendees.clone(),
            };
            let (form, reload) = (form.clone(), reload.clone());
            actions.run(
                services::courses::record_meeting(course, &input),
                move |_: Accompaniment| {
                    form.dispatch(Edit(Rc::new(|d: &mut MeetingDraft| {
                        *d = MeetingDraft::default()
                    })));
                    reload.emit(());
                },
            );
        })
    };
    let toggle = |enrolment: i64| {
        let form = form.clone();
        Callback::from(move |_: Event| {
            form.dispatch(Edit(Rc::new(move |d: &mut MeetingDraft| {
                if let Some(i) = d.attendees.iter().position(|a| *a == enrolment) {
                    d.attendees.remove(i);
                } else {
                    d.attendees.push(enrolment);
                }
            })))
        })
    };
    let failure = (*actions.failure).clone();
    let body = match year {
        Load::Loading => html! { <Loading /> },
        Load::Failed(f) => html! { <FailureNotice failure={f} retry={Some(reload)} /> },
        Load::Ready(year, _) => {
            let name_of = |enrolment: &i64| {
                year.mentors
                    .iter()
                    .find(|m| m.enrolment_id == *enrolment)
                    .map(|m| format!("{} {}", m.given_name, m.family_name))
                    .unwrap_or_default()
            };
            html! {
                <>
                    if let (Some(from), Some(to)) = (year.starts_on, year.ends_on) {
                        <p>{ format!("{} {} – {}", t.accompaniment_period, i18n::date(from), i18n::date(to)) }</p>
                    }
                    if year.meetings.is_empty() {
                        <p class="empty">{ t.accompaniment_empty }</p>
                    } else {
                        <ScrollRegion label={t.accompaniment_title}>
                            <table id="accompaniment-meetings">
                                <thead><tr><th scope="col">{ t.accompaniment_date }</th><th scope="col">{ t.accompaniment_place }</th>
                                    <th scope="col">{ t.accompaniment_topic }</th><th scope="col">{ t.accompaniment_attendees }</th></tr></thead>
                                <tbody>
                                    { for year.meetings.iter().map(|m| html! {
                                        <tr>
                                            <td>{ i18n::date(m.date) }</td>
                                            <td>{ m.place.clone().unwrap_or_else(|| t.none.into()) }</td>
                                            <td>{ &m.topic }</td>
                                            <td>{ if m.attendees.is_empty() { t.none.to_owned() } else { m.attendees.iter().map(name_of).collect::<Vec<_>>().join(", ") } }</td>
                                        </tr>
                                    }) }
                                </tbody>
                            </table>
                        </ScrollRegion>
                    }
                    <form class="card" id="accompaniment-form" {onsubmit} novalidate=true>
                        <h3>{ t.accompaniment_add }</h3>
                        if let Some(f) = &failure { <ErrorNotice failure={f.clone()} /> }
                        <div class="row2">
                            <TextField id_prefix="meeting-" name="date" kind="date" label={t.accompaniment_date} value={form.0.date.clone()}
                                oninput={on_input(&form, |d, v| d.date = v)} required=true failure={failure.clone()} />
                            <TextField id_prefix="meeting-" name="place" label={t.accompaniment_place} value={form.0.place.clone()}
                                oninput={on_input(&form, |d, v| d.place = v)} failure={failure.clone()} />
                        </div>
                        <TextField id_prefix="meeting-" name="topic" label={t.accompaniment_topic} value={form.0.topic.clone()}
                            oninput={on_input(&form, |d, v| d.topic = v)} required=true failure={failure.clone()} />
                        <fieldset>
                            <legend>{ t.accompaniment_attendees }</legend>
                            <div class="checks">
                                { for year.mentors.iter().map(|m| html! {
                                    <label>
                                        <input type="checkbox" id={format!("attendee-{}", m.enrolment_id)}
                                            checked={form.0.attendees.contains(&m.enrolment_id)} onchange={toggle(m.enrolment_id)} />
                                        { format!("{} {}", m.given_name, m.family_name) }
                                    </label>
                                }) }
                            </div>
                            if let Some(message) = failure.as_ref().and_then(|f| f.errors.iter().find(|e| e.field.starts_with("attendees")).map(|e| e.message.clone())) {
                                <div class="error-text">{ message }</div>
                            }
                        </fieldset>
                        <button type="submit" disabled={*actions.busy}>{ if *actions.busy { t.saving } else { t.save } }</button>
                    </form>
                </>
            }
        }
    };
    html! {
        <section aria-labelledby="accompaniment-title">
            <h2 id="accompaniment-title">{ t.accompaniment_title }</h2>
            { body }
        </section>
    }
}
