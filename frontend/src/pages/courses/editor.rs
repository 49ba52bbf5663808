//! Create and edit a course: kind, title, venue, municipality, organisations, trainer tandem,
//! curriculum, hours, places and registration deadline.

use crate::api::{use_actions, use_maybe_get, Load};
use crate::components::{
    ErrorNotice, MunicipalityPicker, OrganisationLink, PersonLink, SearchPicker, TextField,
};
use crate::form::{entry, on_input, on_select, on_value, Edit, Form};
use crate::i18n::{use_lang, use_texts, Labelled};
use crate::route::Route;
use crate::services;
use crate::session::use_session;
use shared::courses::{Course, CourseInput, CourseKind, Venue};
use shared::values::{date_from_entry, FieldErrors};
use std::rc::Rc;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;
use yew_router::prelude::*;

/// Form state: numbers and dates as typed, so nothing is lost before the server has judged it.
#[derive(Clone, PartialEq)]
struct Draft {
    kind: CourseKind,
    title: String,
    description: String,
    venue_name: String,
    venue_address: String,
    venue_organisation: Option<i64>,
    municipality: Option<String>,
    provider: Option<i64>,
    commissioning_body: Option<i64>,
    funder: Option<i64>,
    trainers: Vec<i64>,
    topics: String,
    required_hours: String,
    capacity: String,
    registration_deadline: String,
    loaded: bool,
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            kind: CourseKind::MentorCourse,
            title: String::new(),
            description: String::new(),
            venue_name: String::new(),
            venue_address: String::new(),
            venue_organisation: None,
            municipality: None,
            provider: None,
            commissioning_body: None,
            funder: None,
            trainers: Vec::new(),
            topics: String::new(),
            required_hours: String::new(),
            capacity: "20".into(),
            registration_deadline: String::new(),
            loaded: false,
        }
    }
}

fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

impl Draft {
    fn from_course(c: &Course) -> Draft {
        Draft {
            kind: c.kind,
            title: c.title.clone(),
            description: c.description.clone().unwrap_or_default(),
            venue_name: c.venue.name.clone().unwrap_or_default(),
            venue_address: c.venue.address.clone().unwrap_or_default(),
            venue_organisation: c.venue.organisation,
            municipality: c.municipality.as_ref().map(|m| m.ags.to_string()),
            provider: c.provider,
            commissioning_body: c.commissioning_body,
            funder: c.funder,
            trainers: c.trainers.clone(),
            topics: c.topics.join("\n"),
            required_hours: c.required_hours.to_string().replace('.', ","),
            capacity: c.capacity.to_string(),
            registration_deadline: c
                .registration_deadline
                .map(crate::i18n::date)
                .unwrap_or_default(),
            loaded: true,
        }
    }

    /// The request, or the fields that are not numbers or dates at all.
    fn to_input(&self) -> Result<CourseInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let required_hours = optional(&self.required_hours).and_then(|h| {
            let hours = h
                .replace(',', ".")
                .parse::<f64>()
                .ok()
                .filter(|h| h.is_finite());
            if hours.is_none() {
                errors.add(
                    "required_hours",
                    "number",
                    "Bitte eine Zahl angeben, z. B. 40.",
                );
            }
            hours
        });
        let capacity = self.capacity.trim().parse::<i64>().unwrap_or_else(|_| {
            errors.add("capacity", "number", "Bitte eine ganze Zahl angeben.");
            0
        });
        let registration_deadline = entry(
            &mut errors,
            "registration_deadline",
            &self.registration_deadline,
            date_from_entry,
        );
        errors.into_result()?;
        Ok(CourseInput {
            kind: self.kind,
            title: self.title.clone(),
            description: optional(&self.description),
            venue: Some(Venue {
                name: optional(&self.venue_name),
                address: optional(&self.venue_address),
                organisation: self.venue_organisation,
            }),
            municipality: self.municipality.clone(),
            provider: self.provider,
            commissioning_body: self.commissioning_body,
            funder: self.funder,
            trainers: self.trainers.clone(),
            topics: self.topics.lines().map(str::to_owned).collect(),
            required_hours,
            capacity,
            registration_deadline,
        })
    }
}

#[derive(Properties, PartialEq)]
struct OrganisationChoiceProps {
    id: AttrValue,
    label: AttrValue,
    value: Option<i64>,
    onchange: Callback<Option<i64>>,
    #[prop_or_default]
    error: Option<String>,
}

/// One organisation: the chosen one with a remove button, or a search to choose one.
#[function_component]
fn OrganisationChoice(props: &OrganisationChoiceProps) -> Html {
    let t = use_texts();
    match props.value {
        Some(id) => {
            let onchange = props.onchange.clone();
            html! {
                <div class="field chosen" id={props.id.clone()}>
                    <span class="label">{ &props.label }</span>
                    <OrganisationLink {id} />{ " " }
                    <button type="button" class="small" onclick={move |_| onchange.emit(None)}>{ t.remove }</button>
                </div>
            }
        }
        None => {
            let onchange = props.onchange.clone();
            html! { <SearchPicker id={props.id.clone()} label={props.label.clone()} path={services::organisations::picker()} error={props.error.clone()}
            onpick={Callback::from(move |(id, _): (i64, String)| onchange.emit(Some(id)))} /> }
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub id: Option<i64>,
}

#[function_component]
pub fn CourseEditor(props: &EditorProps) -> Html {
    let t = use_texts();
    let lang = use_lang();
    let session = use_session();
    let navigator = use_navigator();
    let form = use_reducer(|| Form(Draft::default()));
    let actions = use_actions();
    let etag = use_state(|| None::<String>);
    let (existing, _) = use_maybe_get(props.id.map(services::courses::get));
    {
        let (form, etag) = (form.clone(), etag.clone());
        use_effect_with(matches!(existing, Load::Ready(..)), move |ready| {
            if let (true, false, Load::Ready(course, tag)) = (*ready, form.0.loaded, existing) {
                let draft = Draft::from_course(&course);
                form.dispatch(Edit(Rc::new(move |d: &mut Draft| *d = draft.clone())));
                etag.set(tag);
            }
        });
    }
    if session.is_none() {
        return html! { <div class="notice">{ t.session_expired }{ " " }<Link<Route> to={Route::Login}>{ t.sign_in }</Link<Route>></div> };
    }
    let onsubmit = {
        let (form, actions, etag, id) = (form.clone(), actions.clone(), etag.clone(), props.id);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = match form.0.to_input() {
                Ok(input) => input,
                Err(errors) => return actions.refuse(errors),
            };
            let navigator = navigator.clone();
            let done = move |course: Course| {
                if let Some(n) = navigator {
                    n.push(&Route::Course { id: course.id });
                }
            };
            match id {
                Some(id) => {
                    actions.run(services::courses::update(id, (*etag).clone(), &input), done)
                }
                None => actions.run(services::courses::create(&input), done),
            }
        })
    };
    let f = (*actions.failure).clone();
    let error_of = |name: &str| f.as_ref().and_then(|f| f.field(name, lang));
    let draft = &form.0;
    let set_org = |set: fn(&mut Draft, Option<i64>)| on_value(&form, set);
    let on_textarea = |set: fn(&mut Draft, String)| {
        on_value(&form, set)
            .reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value())
    };
    let remove_trainer = |id: i64| {
        let form = form.clone();
        Callback::from(move |_| {
            form.dispatch(Edit(Rc::new(move |d: &mut Draft| {
                d.trainers.retain(|t| *t != id)
            })))
        })
    };
    let add_trainer = {
        let form = form.clone();
        Callback::from(move |(id, _): (i64, String)| {
            form.dispatch(Edit(Rc::new(move |d: &mut Draft| {
                if !d.trainers.contains(&id) {
                    d.trainers.push(id)
                }
            })))
        })
    };
    html! {
        <>
            <h1>{ if props.id.is_some() { t.course_edit } else { t.course_new } }</h1>
            if let Some(f) = &f {
                <ErrorNotice failure={f.clone()} />
            }
            <form class="card" {onsubmit} novalidate=true>
                <div class="row2">
                    <label class="field" for="kind"><span>{ t.course_kind }{ " *" }</span>
                        <select id="kind" name="kind" onchange={on_select(&form, |d, v| if let Some(k) = CourseKind::from_code(&v) { d.kind = k; })}>
                            { for CourseKind::ALL.iter().map(|k| html! { <option value={k.code()} selected={draft.kind == *k}>{ k.label(lang) }</option> }) }
                        </select>
                    </label>
                    <TextField name="title" label={t.course_name} required=true value={draft.title.clone()} oninput={on_input(&form, |d, v| d.title = v)} failure={f.clone()} />
                </div>
                <label class="field" for="description"><span>{ t.course_description }</span>
                    <textarea id="description" rows="4" value={draft.description.clone()} oninput={on_textarea(|d, v| d.description = v)} />
                    if let Some(message) = error_of("description") { <div class="error-text">{ message }</div> }
                </label>
                <fieldset><legend>{ t.course_venue }</legend>
                    <div class="row2">
                        <TextField name="venue.name" label={t.course_venue_name} value={draft.venue_name.clone()} oninput={on_input(&form, |d, v| d.venue_name = v)} failure={f.clone()} />
                        <TextField name="venue.address" label={t.course_venue_address} value={draft.venue_address.clone()} oninput={on_input(&form, |d, v| d.venue_address = v)} failure={f.clone()} />
                    </div>
                    <OrganisationChoice id="venue-organisation" label={t.course_venue_org} value={draft.venue_organisation} onchange={set_org(|d, v| d.venue_organisation = v)} error={error_of("venue.organisation")} />
                    <MunicipalityPicker id="municipality" label={t.org_municipality} value={draft.municipality.clone()} error={error_of("municipality")}
                        onchange={{ let form = form.clone(); Callback::from(move |ags: Option<String>| form.dispatch(Edit(Rc::new(move |d: &mut Draft| d.municipality = ags.clone())))) }} />
                </fieldset>
                <fieldset><legend>{ t.course_organisations }</legend>
                    <div class="row3 even">
                        <OrganisationChoice id="provider" label={t.course_provider} value={draft.provider} onchange={set_org(|d, v| d.provider = v)} error={error_of("provider")} />
                        <OrganisationChoice id="commissioning-body" label={t.course_commissioning} value={draft.commissioning_body} onchange={set_org(|d, v| d.commissioning_body = v)} error={error_of("commissioning_body")} />
                        <OrganisationChoice id="funder" label={t.course_funder} value={draft.funder} onchange={set_org(|d, v| d.funder = v)} error={error_of("funder")} />
                    </div>
                </fieldset>
                <fieldset><legend>{ t.course_trainers }</legend>
                    <p class="muted">{ t.course_trainers_hint }</p>
                    <ul class="chosen-list" id="trainers">
                        { for draft.trainers.iter().map(|id| html! {
                            <li><PersonLink id={*id} />{ " " }<button type="button" class="small" onclick={remove_trainer(*id)}>{ t.remove }</button></li>
                        }) }
                    </ul>
                    if draft.trainers.len() < 2 {
                        <SearchPicker id="trainer-search" label={t.person_search} path={services::people::picker(Some("trainer"))} onpick={add_trainer} error={error_of("trainers")} />
                    } else if let Some(message) = error_of("trainers") {
                        <div class="error-text">{ message }</div>
                    }
                </fieldset>
                <label class="field" for="topics"><span>{ t.course_topics }</span>
                    <textarea id="topics" rows="6" value={draft.topics.clone()} oninput={on_textarea(|d, v| d.topics = v)} aria-describedby="topics-hint" />
                    <small id="topics-hint" class="muted">{ t.course_topics_hint }</small>
                </label>
                <div class="row3 even">
                    <TextField name="required_hours" label={t.course_required_hours} value={draft.required_hours.clone()} oninput={on_input(&form, |d, v| d.required_hours = v)} failure={f.clone()} />
                    <TextField name="capacity" label={t.course_capacity} required=true value={draft.capacity.clone()} oninput={on_input(&form, |d, v| d.capacity = v)} failure={f.clone()} />
                    <TextField name="registration_deadline" kind="date" label={t.course_deadline} value={draft.registration_deadline.clone()} oninput={on_input(&form, |d, v| d.registration_deadline = v)} failure={f.clone()} />
                </div>
                <div class="actions">
                    <button class="primary" type="submit" disabled={*actions.busy}>{ if *actions.busy { t.saving } else { t.save } }</button>
                    <Link<Route> to={props.id.map(|id| Route::Course { id }).unwrap_or(Route::Courses)} classes="button">{ t.cancel }</Link<Route>>
                </div>
            </form>
        </>
    }
}
