//! The course page: facts and status, sessions, participants and waitlist, certificates.

use super::{status_badge, time_span};
use crate::api::{download_on_click, use_actions, use_get, use_maybe_get, Load};
use crate::components::{
    ErrorNotice, FailureNotice, Loading, MunicipalityName, OrganisationLink, PersonLink,
    ScrollRegion, SearchPicker, TextField,
};
use crate::form::{entry, on_input, Edit, Form};
use crate::i18n::{self, use_lang, use_texts, Labelled, Lang, Texts};
use crate::route::Route;
use crate::services;
use crate::session::use_session;
use shared::auth::Role;
use shared::certificates::{Certificate, IssueInput, RevocationInput};
use shared::courses::{
    AttendanceGrid, Course, CourseKind, CourseStatus, Enrolment, EnrolmentInput, EnrolmentStatus,
    EnrolmentStatusInput, Session, SessionInput, StatusInput,
};
use shared::values::{date_from_entry, time_from_entry, FieldErrors};
use std::rc::Rc;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CourseProps {
    pub id: i64,
}

#[function_component]
pub fn CourseDetail(props: &CourseProps) -> Html {
    let t = use_texts();
    let lang = use_lang();
    let session = use_session();
    let account = session.as_ref().map(|s| s.account.clone());
    let staff = matches!(
        account.as_ref().map(|a| a.role),
        Some(Role::Admin | Role::Staff)
    );
    let id = props.id;
    let (course, reload_course) = use_get(services::courses::get(id));
    // Participants are for staff and for the course's own trainers.
    let own_trainer = match (
        &course,
        account
            .as_ref()
            .filter(|a| a.role == Role::Trainer)
            .and_then(|a| a.person_id),
    ) {
        (Load::Ready(c, _), Some(person)) => c.trainers.contains(&person),
        _ => false,
    };
    let participants = staff || own_trainer;
    let (enrolments, reload_enrolments) =
        use_maybe_get(participants.then(|| services::courses::enrolments(id)));
    let (grid, reload_grid) =
        use_maybe_get(participants.then(|| services::courses::attendance(id)));
    let (certificates, reload_certificates) =
        use_maybe_get(staff.then(|| services::courses::certificates(id)));
    let actions = use_actions();
    let reason = use_state(String::new);
    let reload_all = {
        let reloads = [
            reload_course.clone(),
            reload_enrolments,
            reload_grid,
            reload_certificates,
        ];
        Callback::from(move |_: ()| reloads.iter().for_each(|r| r.emit(())))
    };
    let (course, etag) = match course {
        Load::Loading => return html! { <Loading /> },
        Load::Failed(f) => {
            return html! { <FailureNotice failure={f} retry={Some(reload_course)} /> }
        }
        Load::Ready(course, etag) => (course, etag),
    };
    let change_status = |next: CourseStatus| {
        let (actions, reload) = (actions.clone(), reload_all.clone());
        Callback::from(move |_| {
            let status = StatusInput {
                status: next,
                reason: None,
            };
            let reload = reload.clone();
            actions.run(
                services::courses::set_status(id, &status),
                move |_: Course| reload.emit(()),
            )
        })
    };
    // A Mentorenkurs far from three months long is completed only with a stated reason.
    let complete_with_reason = {
        let (actions, reload, reason) = (actions.clone(), reload_all.clone(), reason.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let status = StatusInput {
                status: CourseStatus::Completed,
                reason: Some((*reason).clone()),
            };
            let reload = reload.clone();
            actions.run(
                services::courses::set_status(id, &status),
                move |_: Course| reload.emit(()),
            )
        })
    };
    let asks_for_reason = actions
        .failure
        .as_ref()
        .is_some_and(|f| f.code == "unusual_period");
    let text = |v: &Option<String>| v.clone().unwrap_or_else(|| t.none.into());
    let org = |v: Option<i64>| match v {
        Some(id) => html! { <OrganisationLink {id} /> },
        None => html! { t.none },
    };
    html! {
        <>
            <p><Link<Route> to={Route::Courses}>{ "← " }{ t.course_back }</Link<Route>></p>
            <h1>{ &course.title }</h1>
            <p><span class="badge">{ course.kind.label(lang) }</span>{ " " }{ status_badge(course.status, lang) }</p>
            if let Some(f) = &*actions.failure {
                <ErrorNotice failure={f.clone()} />
            }
            if asks_for_reason {
                <form class="card" id="completion-reason" onsubmit={complete_with_reason}>
                    <label class="field" for="reason"><span>{ t.course_completion_reason }</span>
                        <textarea id="reason" required=true maxlength="1000" value={(*reason).clone()}
                            oninput={let reason = reason.clone(); Callback::from(move |e: InputEvent| reason.set(e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value()))} />
                    </label>
                    <button class="primary" type="submit" disabled={reason.trim().is_empty()}>{ t.course_complete_anyway }</button>
                </form>
            }
            if let Some(day) = course.completed_on {
                <p>{ t.course_completed_on }{ ": " }{ i18n::date(day) }
                    if let Some(why) = &course.completion_reason { { " – " }{ why } }</p>
            }
            if participants {
                <div class="actions" id="course-actions">
                    if staff { <Link<Route> to={Route::EditCourse { id }} classes="button primary">{ t.edit }</Link<Route>> }
                    <Link<Route> to={Route::Attendance { id }} classes="button">{ t.attendance_open }</Link<Route>>
                    if staff {
                    <span class="muted">{ t.course_change_status }</span>
                    { for CourseStatus::ALL.iter().filter(|s| course.status.can_become(**s)).map(|s| html! {
                        <button class={classes!((*s == CourseStatus::Cancelled).then_some("danger"))} disabled={*actions.busy}
                            onclick={change_status(*s)} data-status={s.code()}>{ s.label(lang) }</button>
                    }) }
                    }
                </div>
            }
            <div class="card">
                <dl class="facts">
                    if let Some(d) = &course.description { <dt>{ t.course_description }</dt><dd class="prewrap">{ d }</dd> }
                    <dt>{ t.course_venue }</dt>
                    <dd>{ text(&course.venue.name) }
                        if let Some(a) = &course.venue.address { <br/>{ a } }
                        if let Some(o) = course.venue.organisation { <br/><OrganisationLink id={o} /> }
                    </dd>
                    <dt>{ t.org_municipality }</dt><dd>{ match &course.municipality { Some(m) => html! { <MunicipalityName ags={m.ags.to_string()} /> }, None => html! { t.none } } }</dd>
                    <dt>{ t.course_provider }</dt><dd>{ org(course.provider) }</dd>
                    <dt>{ t.course_commissioning }</dt><dd>{ org(course.commissioning_body) }</dd>
                    <dt>{ t.course_funder }</dt><dd>{ org(course.funder) }</dd>
                    <dt>{ t.course_trainers }</dt>
                    <dd>{ if course.trainers.is_empty() { html! { t.none } } else if staff {
                        course.trainers.iter().enumerate().map(|(i, p)| html! { <>{ if i > 0 { " · " } else { "" } }<PersonLink id={*p} /></> }).collect::<Html>()
                    } else { html! { course.trainers.len() } } }</dd>
                    if let Some(training) = &course.trained_in {
                        <dt>{ t.trainer_training }</dt>
                        <dd id="course-trained-in">{ t.course_trained_in }{ " " }<Link<Route> to={Route::Course { id: training.id }}>{ &training.title }</Link<Route>></dd>
                    }
                    <dt>{ t.course_topics }</dt>
                    <dd>{ if course.topics.is_empty() { html! { t.none } } else { html! { <ul class="plain">{ for course.topics.iter().map(|x| html! { <li>{ x }</li> }) }</ul> } } }</dd>
                    <dt>{ t.course_required_hours }</dt><dd>{ i18n::hours(course.required_hours, lang) }{ " (" }{ t.course_hours_planned }{ ": " }{ i18n::hours(course.planned_hours, lang) }{ ")" }</dd>
                    <dt>{ t.course_capacity }</dt><dd>{ course.capacity }</dd>
                    <dt>{ t.course_deadline }</dt><dd>{ course.registration_deadline.map(i18n::date).unwrap_or_else(|| t.none.into()) }</dd>
                </dl>
            </div>
            <Sessions course={course.clone()} etag={etag.clone()} editable={staff} on_change={reload_all.clone()} />
            if participants {
                <Participants course={course.clone()} enrolments={enrolments} grid={grid} certificates={certificates} on_change={reload_all.clone()} {staff} />
                if course.kind == CourseKind::MentorCourse && course.status == CourseStatus::Completed {
                    <super::accompaniment::AccompanimentYear course={course.id} />
                }
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct SessionsProps {
    course: Rc<Course>,
    etag: Option<String>,
    editable: bool,
    on_change: Callback<()>,
}

/// A session being added (`id` none) or changed.
#[derive(Clone, PartialEq, Default)]
struct SessionDraft {
    id: Option<i64>,
    date: String,
    start: String,
    end: String,
    topic: String,
    room: String,
}

impl SessionDraft {
    fn from_session(s: &Session) -> Self {
        SessionDraft {
            id: Some(s.id),
            date: s.date.map(i18n::date).unwrap_or_default(),
            start: s.start.map(i18n::time).unwrap_or_default(),
            end: s.end.map(i18n::time).unwrap_or_default(),
            topic: s.topic.clone().unwrap_or_default(),
            room: s.room.clone().unwrap_or_default(),
        }
    }

    /// The request, or the dates and times that cannot be read.
    fn to_input(&self) -> Result<SessionInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let text = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
        let input = SessionInput {
            date: entry(&mut errors, "date", &self.date, date_from_entry),
            start: entry(&mut errors, "start", &self.start, time_from_entry),
            end: entry(&mut errors, "end", &self.end, time_from_entry),
            topic: text(&self.topic),
            room: text(&self.room),
        };
        errors.into_result().map(|()| input)
    }
}

#[function_component]
fn Sessions(props: &SessionsProps) -> Html {
    let t = use_texts();
    let lang = use_lang();
    let actions = use_actions();
    let form = use_reducer(Form::<SessionDraft>::default);
    let course_id = props.course.id;
    let onsubmit = {
        let (actions, form, on_change, etag) = (
            actions.clone(),
            form.clone(),
            props.on_change.clone(),
            props.etag.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (form2, on_change) = (form.clone(), on_change.clone());
            let done = move |_: Course| {
                form2.dispatch(Edit(Rc::new(|d: &mut SessionDraft| {
                    *d = SessionDraft::default()
                })));
                on_change.emit(());
            };
            let input = match form.0.to_input() {
                Ok(input) => input,
                Err(errors) => return actions.refuse(errors),
            };
            match form.0.id {
                Some(sid) => actions.run(
                    services::courses::update_session(course_id, sid, etag.clone(), &input),
                    done,
                ),
                None => actions.run(services::courses::add_session(course_id, &input), done),
            }
        })
    };
    let edit = |s: &Session| {
        let (form, draft) = (form.clone(), SessionDraft::from_session(s));
        Callback::from(move |_| {
            let draft = draft.clone();
            form.dispatch(Edit(Rc::new(move |d: &mut SessionDraft| {
                *d = draft.clone()
            })));
        })
    };
    let remove = |sid: i64| {
        let (actions, on_change) = (actions.clone(), props.on_change.clone());
        Callback::from(move |_| {
            let confirmed = web_sys::window()
                .and_then(|w| w.confirm_with_message(t.session_delete_confirm).ok())
                .unwrap_or(false);
            if confirmed {
                let on_change = on_change.clone();
                actions.run(
                    services::courses::remove_session(course_id, sid),
                    move |_| on_change.emit(()),
                );
            }
        })
    };
    let f = (*actions.failure).clone();
    let sessions = &props.course.sessions;
    html! {
        <section aria-labelledby="sessions-title">
            <h2 id="sessions-title">{ t.course_dates }</h2>
            <p><a href={services::courses::calendar_url(course_id)} download={format!("kurs-{course_id}.ics")}>{ t.course_calendar_file }</a></p>
            if sessions.is_empty() {
                <p class="empty">{ t.session_none }</p>
            } else {
                <ScrollRegion label={t.course_dates}>
                <table id="sessions">
                    <thead><tr>
                        <th scope="col">{ t.session_date }</th><th scope="col">{ t.session_start }{ "–" }{ t.session_end }</th><th scope="col">{ t.session_hours }</th>
                        <th scope="col">{ t.session_topic }</th><th scope="col">{ t.session_room }</th>
                        if props.editable { <th scope="col"><span class="visually-hidden">{ t.edit }</span></th> }
                    </tr></thead>
                    <tbody>
                        { for sessions.iter().map(|s| html! {
                            <tr>
                                <td>{ s.date.map(i18n::date).unwrap_or_else(|| t.session_open.into()) }</td>
                                <td>{ time_span(s).unwrap_or_else(|| t.none.into()) }</td>
                                <td>{ i18n::hours(s.hours, lang) }</td>
                                <td>{ s.topic.clone().unwrap_or_default() }</td>
                                <td>{ s.room.clone().unwrap_or_default() }</td>
                                if props.editable {
                                    <td class="row-actions">
                                        <button class="small" onclick={edit(s)}>{ t.edit }</button>
                                        <button class="small danger" onclick={remove(s.id)}>{ t.delete }</button>
                                    </td>
                                }
                            </tr>
                        }) }
                    </tbody>
                </table>
                </ScrollRegion>
            }
            if props.editable {
                <form class="card" id="session-form" {onsubmit} novalidate=true>
                    <h3>{ if form.0.id.is_some() { t.edit } else { t.session_add } }</h3>
                    if let Some(f) = &f {
                        <ErrorNotice failure={f.clone()} />
                    }
                    <div class="row3 even">
                        <TextField name="date" kind="date" label={t.session_date} value={form.0.date.clone()} oninput={on_input(&form, |d, v| d.date = v)} failure={f.clone()} />
                        <TextField name="start" kind="time" label={t.session_start} value={form.0.start.clone()} oninput={on_input(&form, |d, v| d.start = v)} failure={f.clone()} />
                        <TextField name="end" kind="time" label={t.session_end} value={form.0.end.clone()} oninput={on_input(&form, |d, v| d.end = v)} failure={f.clone()} />
                    </div>
                    <div class="row2">
                        <TextField name="topic" label={t.session_topic} value={form.0.topic.clone()} oninput={on_input(&form, |d, v| d.topic = v)} failure={f.clone()} />
                        <TextField name="room" label={t.session_room} value={form.0.room.clone()} oninput={on_input(&form, |d, v| d.room = v)} failure={f.clone()} />
                    </div>
                    <p class="muted">{ t.session_open_hint }
                        if props.course.kind == CourseKind::TrainerCourse { { " · " }{ t.session_trainer_default } }
                    </p>
                    <div class="actions">
                        <button class="primary" type="submit" disabled={*actions.busy}>{ if form.0.id.is_some() { t.save } else { t.session_add } }</button>
                        if form.0.id.is_some() {
                            <button type="button" onclick={{ let form = form.clone(); move |_| form.dispatch(Edit(Rc::new(|d: &mut SessionDraft| *d = SessionDraft::default()))) }}>{ t.cancel }</button>
                        }
                    </div>
                </form>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ParticipantsProps {
    course: Rc<Course>,
    enrolments: Load<Vec<Enrolment>>,
    grid: Load<AttendanceGrid>,
    certificates: Load<Vec<Certificate>>,
    on_change: Callback<()>,
    /// Staff change enrolments and issue certificates; trainers only look.
    staff: bool,
}

#[function_component]
fn Participants(props: &ParticipantsProps) -> Html {
    let t = use_texts();
    let lang = use_lang();
    let _session = use_session();
    let actions = use_actions();
    let course = &props.course;
    let course_id = course.id;
    let enrolments = match &props.enrolments {
        Load::Loading => return html! { <Loading /> },
        Load::Failed(f) => return html! { <FailureNotice failure={f.clone()} /> },
        Load::Ready(e, _) => e.clone(),
    };
    let grid = match &props.grid {
        Load::Ready(g, _) => Some(g.clone()),
        _ => None,
    };
    let certificates = match &props.certificates {
        Load::Ready(c, _) => c.clone(),
        _ => Rc::new(Vec::new()),
    };
    let set_status = |enrolment: i64, status: EnrolmentStatus| {
        let (actions, on_change) = (actions.clone(), props.on_change.clone());
        Callback::from(move |_| {
            let on_change = on_change.clone();
            actions.run(
                services::courses::set_enrolment_status(
                    course_id,
                    enrolment,
                    &EnrolmentStatusInput { status },
                ),
                move |_: Vec<Enrolment>| on_change.emit(()),
            )
        })
    };
    let issue = |enrolment_id: i64| {
        let (actions, on_change) = (actions.clone(), props.on_change.clone());
        Callback::from(move |_| {
            let on_change = on_change.clone();
            actions.run(
                services::courses::issue_certificates(course_id, &IssueInput { enrolment_id }),
                move |_: Certificate| on_change.emit(()),
            )
        })
    };
    let fetch_pdf = |certificate: &Certificate, lang: Lang| {
        download_on_click(
            services::courses::certificate_pdf(certificate, lang),
            &actions,
        )
    };
    let revoke = |certificate: i64| {
        let (actions, on_change) = (actions.clone(), props.on_change.clone());
        Callback::from(move |_| {
            let reason = web_sys::window()
                .and_then(|w| w.prompt_with_message(t.certificate_revoke_reason).ok())
                .flatten();
            let Some(reason) = reason.filter(|r| !r.trim().is_empty()) else {
                return;
            };
            let on_change = on_change.clone();
            actions.run(
                services::courses::revoke_certificate(certificate, &RevocationInput { reason }),
                move |_: Certificate| on_change.emit(()),
            )
        })
    };
    let row_of = |e: &Enrolment| {
        grid.as_ref()
            .and_then(|g| g.rows.iter().find(|r| r.enrolment_id == e.id).cloned())
    };
    let (waiting, active): (Vec<&Enrolment>, Vec<&Enrolment>) = enrolments
        .iter()
        .partition(|e| e.status == EnrolmentStatus::Waitlisted);
    let taken = enrolments.iter().filter(|e| e.status.holds_place()).count();
    let button = |label: &'static str,
                  onclick: Callback<MouseEvent>,
                  class: Option<&'static str>| {
        html! {
            <button class={classes!("small", class)} disabled={*actions.busy} {onclick}>{ label }</button>
        }
    };
    html! {
        <section aria-labelledby="participants-title">
            <h2 id="participants-title">{ t.enrol_title }{ " " }<small class="muted">{ format!("{taken}/{} {}", course.capacity, t.course_places_taken) }</small></h2>
            if let Some(f) = &*actions.failure {
                <ErrorNotice failure={f.clone()} />
            }
            if active.is_empty() {
                <p class="empty">{ t.enrol_none }</p>
            } else {
                <ScrollRegion label={t.enrol_title}>
                <table id="participants">
                    <thead><tr>
                        <th scope="col">{ t.name }</th><th scope="col">{ t.course_status }</th><th scope="col">{ t.session_hours }</th>
                        <th scope="col">{ t.certificates_title }</th><th scope="col"><span class="visually-hidden">{ t.edit }</span></th>
                    </tr></thead>
                    <tbody>
                        { for active.iter().map(|e| {
                            let row = row_of(e);
                            let certificate = certificates.iter().find(|c| c.enrolment_id == e.id);
                            let can_issue = props.staff && certificate.is_none() && course.status == CourseStatus::Completed
                                && row.as_ref().is_some_and(|r| r.reached) && matches!(e.status, EnrolmentStatus::Confirmed | EnrolmentStatus::Registered | EnrolmentStatus::Completed);
                            html! {
                                <tr data-enrolment={e.id.to_string()}>
                                    <td><Link<Route> to={Route::Person { id: e.person_id }}>{ format!("{}, {}", e.family_name, e.given_name) }</Link<Route>>
                                        { tandem_of(e, &enrolments, t) }</td>
                                    <td>{ e.status.label(lang) }</td>
                                    <td>{ match &row {
                                        Some(r) => html! { <span class={classes!(r.reached.then_some("reached"))}>{ format!("{} / {}", i18n::hours(r.total_hours, lang), i18n::hours(course.required_hours, lang)) }</span> },
                                        None => html! { t.none },
                                    } }</td>
                                    <td>{ match certificate {
                                        Some(c) => match c.revoked_on {
                                            Some(day) => html! { <>{ &c.serial }{ " – " }{ t.certificate_revoked_on }{ " " }{ i18n::date(day) }</> },
                                            None => html! { <>{ &c.serial }{ " " }{ button(t.certificate_download, fetch_pdf(c, Lang::De), None) }{ " " }{ button(t.certificate_download_en, fetch_pdf(c, Lang::En), None) }
                                                if props.staff { { " " }{ button(t.certificate_revoke, revoke(c.id), Some("danger")) } }</> },
                                        },
                                        None if can_issue => button(t.certificate_issue, issue(e.id), Some("primary")),
                                        None => html! { t.none },
                                    } }</td>
                                    <td class="row-actions">
                                        if props.staff && e.status == EnrolmentStatus::Registered { { button(t.enrol_confirm, set_status(e.id, EnrolmentStatus::Confirmed), None) } }
                                        if props.staff && matches!(e.status, EnrolmentStatus::Registered | EnrolmentStatus::Confirmed) {
                                            { button(t.enrol_cancel, set_status(e.id, EnrolmentStatus::Cancelled), None) }
                                            { button(t.enrol_drop_out, set_status(e.id, EnrolmentStatus::DroppedOut), Some("danger")) }
                                        }
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                </ScrollRegion>
                <p class="muted">{ t.certificate_hint }</p>
            }
            if !waiting.is_empty() {
                <h3>{ t.enrol_waitlist }</h3>
                <ScrollRegion label={t.enrol_waitlist}>
                <table id="waitlist">
                    <thead><tr><th scope="col">{ t.enrol_position }</th><th scope="col">{ t.name }</th><th scope="col"><span class="visually-hidden">{ t.edit }</span></th></tr></thead>
                    <tbody>
                        { for waiting.iter().map(|e| html! {
                            <tr>
                                <td>{ e.waitlist_position.unwrap_or_default() }</td>
                                <td><Link<Route> to={Route::Person { id: e.person_id }}>{ format!("{}, {}", e.family_name, e.given_name) }</Link<Route>></td>
                                <td>if props.staff { { button(t.enrol_cancel, set_status(e.id, EnrolmentStatus::Cancelled), None) } }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                </ScrollRegion>
            }
            if props.staff && matches!(course.status, CourseStatus::Planned | CourseStatus::RegistrationOpen | CourseStatus::Full) {
                <EnrolForm course={course.clone()} on_change={props.on_change.clone()} />
            }
        </section>
    }
}

#[derive(Clone, PartialEq, Default)]
struct EnrolDraft {
    person: Option<(i64, String)>,
    partner: Option<(i64, String)>,
    local_course: String,
}

#[derive(Properties, PartialEq)]
struct EnrolProps {
    course: Rc<Course>,
    on_change: Callback<()>,
}

/// For a trainer course's participant: the tandem partner (enrolled in the same course) and the
/// local course the tandem will run, under the name.
fn tandem_of(e: &Enrolment, enrolments: &[Enrolment], t: &Texts) -> Html {
    let partner = e
        .tandem_partner
        .and_then(|id| enrolments.iter().find(|other| other.person_id == id));
    if partner.is_none() && e.local_course.is_none() {
        return Html::default();
    }
    html! {
        <small class="tandem">
            if let Some(p) = partner {
                <br />{ t.tandem_partner }{ ": " }
                <Link<Route> to={Route::Person { id: p.person_id }}>{ format!("{} {}", p.given_name, p.family_name) }</Link<Route>>
            }
            if let Some(id) = e.local_course {
                <br /><Link<Route> to={Route::Course { id }}>{ t.enrol_local_course }</Link<Route>>
            }
        </small>
    }
}

/// Registers a person; for a trainer course the tandem together, with its local course.
#[function_component]
fn EnrolForm(props: &EnrolProps) -> Html {
    let t = use_texts();
    let actions = use_actions();
    let form = use_reducer(Form::<EnrolDraft>::default);
    let trainer_course = props.course.kind == CourseKind::TrainerCourse;
    let (local_courses, _) = use_maybe_get(trainer_course.then(services::courses::local_courses));
    let course_id = props.course.id;
    let onsubmit = {
        let (actions, form, on_change) = (actions.clone(), form.clone(), props.on_change.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some((person_id, _)) = form.0.person.clone() else {
                return;
            };
            let input = EnrolmentInput {
                person_id,
                tandem_partner_id: form.0.partner.as_ref().map(|p| p.0),
                local_course_id: form.0.local_course.parse().ok(),
            };
            let (form, on_change) = (form.clone(), on_change.clone());
            actions.run(
                services::courses::enrol(course_id, &input),
                move |_: Vec<Enrolment>| {
                    form.dispatch(Edit(Rc::new(|d: &mut EnrolDraft| {
                        *d = EnrolDraft::default()
                    })));
                    on_change.emit(());
                },
            );
        })
    };
    let pick = |set: fn(&mut EnrolDraft, Option<(i64, String)>)| {
        let form = form.clone();
        Callback::from(move |choice: (i64, String)| {
            form.dispatch(Edit(Rc::new(move |d: &mut EnrolDraft| {
                set(d, Some(choice.clone()))
            })))
        })
    };
    let clear = |set: fn(&mut EnrolDraft, Option<(i64, String)>)| {
        let form = form.clone();
        Callback::from(move |_| {
            form.dispatch(Edit(Rc::new(move |d: &mut EnrolDraft| set(d, None))))
        })
    };
    {
        // Picking replaces a search field with the choice, removing brings the field back:
        // focus follows to the same place, so it is not lost on the page.
        let picked = (form.0.person.is_some(), form.0.partner.is_some());
        let before = use_mut_ref(|| picked);
        use_effect_with(picked, move |now| {
            let was = std::mem::replace(&mut *before.borrow_mut(), *now);
            if was.0 != now.0 {
                crate::document::focus_by_id("enrol-person");
            } else if was.1 != now.1 {
                crate::document::focus_by_id("enrol-partner");
            }
        });
    }
    let lang = use_lang();
    let f = (*actions.failure).clone();
    let error_of = |name: &str| f.as_ref().and_then(|f| f.field(name, lang));
    let chosen = |id: &str,
                  label: &'static str,
                  value: &Option<(i64, String)>,
                  set: fn(&mut EnrolDraft, Option<(i64, String)>),
                  path: String,
                  field: &str| match value {
        Some((_, name)) => html! {
            <div class="field chosen" id={id.to_owned()}><span class="label">{ label }</span>{ name }{ " " }
                <button type="button" class="small" onclick={clear(set)}>{ t.remove }</button></div>
        },
        None => {
            html! { <SearchPicker id={id.to_owned()} label={label} path={path} onpick={pick(set)} error={error_of(field)} /> }
        }
    };
    html! {
        <form class="card" id="enrol-form" {onsubmit} novalidate=true>
            <h3>{ t.enrol_add }</h3>
            if let Some(f) = &f {
                <ErrorNotice failure={f.clone()} />
            }
            <div class="row2">
                { chosen("enrol-person", t.person_search, &form.0.person, |d, v| d.person = v, services::people::picker(None), "person_id") }
                if trainer_course {
                    { chosen("enrol-partner", t.enrol_partner, &form.0.partner, |d, v| d.partner = v, services::people::picker(Some("trainer")), "tandem_partner_id") }
                }
            </div>
            if trainer_course {
                <label class="field" for="enrol-local-course"><span>{ t.enrol_local_course }</span>
                    <select id="enrol-local-course" onchange={crate::form::on_select(&form, |d, v| d.local_course = v)}>
                        <option value="" selected={form.0.local_course.is_empty()}>{ t.none }</option>
                        { match &local_courses { Load::Ready(page, _) => page.items.iter().map(|c| html! {
                            <option value={c.id.to_string()} selected={form.0.local_course == c.id.to_string()}>{ &c.title }</option>
                        }).collect::<Html>(), _ => html! {} } }
                    </select>
                    if let Some(message) = error_of("local_course_id") { <div class="error-text">{ message }</div> }
                </label>
            }
            <div class="actions">
                <button class="primary" type="submit" disabled={*actions.busy || form.0.person.is_none()}>{ t.enrol_submit }</button>
            </div>
        </form>
    }
}
