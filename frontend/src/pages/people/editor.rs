//! Creating and editing a person, with the duplicate check on creation.

use super::{full_name, sign_in_notice};
use crate::api::{use_actions, use_get, use_maybe_get, Load};
use crate::components::{
    ErrorNotice, LanguagePicker, MunicipalityName, MunicipalityPicker, TextField,
};
use crate::form::{entry, on_input, on_select, Edit, Form};
use crate::i18n::{use_lang, use_texts, Labelled, Lang};
use crate::route::Route;
use crate::services;
use crate::session::use_session;
use shared::people::{MentorInput, MentorStatus, Person, PersonInput, TrainerInput, TrainerKind};
use shared::values::{date_from_entry, FieldErrors};
use std::rc::Rc;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;
use yew_router::prelude::*;
/// Form state of the person editor; target groups and themes are edited as comma-separated text.
#[derive(Clone, PartialEq, Default)]
struct Draft {
    input: PersonInput,
    is_mentor: bool,
    is_trainer: bool,
    languages: Vec<String>,
    target_groups: String,
    themes: String,
    /// The trainer's "qualified since" as typed (`TT.MM.JJJJ`).
    qualified_since: String,
    loaded: bool,
}

fn split(list: &str) -> Vec<String> {
    list.split(',')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The trainer profile a person gets when "trainer" is ticked: a citizen trainer, nothing else
/// known yet.
fn new_trainer() -> TrainerInput {
    TrainerInput {
        kind: TrainerKind::Citizen,
        employer: None,
        qualified_since: None,
        tandem_partner: None,
    }
}

impl Draft {
    fn from_person(p: &Person) -> Draft {
        let mentor = p.mentor.as_ref().map(|m| MentorInput {
            status: Some(m.status),
            fields: m.fields.clone(),
            municipalities: m.municipalities.iter().map(|r| r.ags.to_string()).collect(),
            activity_profile: m.activity_profile.clone(),
            target_groups: m.target_groups.clone(),
            themes: m.themes.clone(),
            availability: m.availability.clone(),
            organisations: m.organisations.clone(),
        });
        let trainer = p.trainer.as_ref().map(|t| TrainerInput {
            kind: t.kind,
            employer: t.employer,
            qualified_since: t.qualified_since,
            tandem_partner: t.tandem_partner,
        });
        Draft {
            languages: p.languages.iter().map(|l| l.as_str().to_owned()).collect(),
            target_groups: mentor
                .as_ref()
                .map(|m| m.target_groups.join(", "))
                .unwrap_or_default(),
            themes: mentor
                .as_ref()
                .map(|m| m.themes.join(", "))
                .unwrap_or_default(),
            qualified_since: trainer
                .as_ref()
                .and_then(|t| t.qualified_since)
                .map(crate::i18n::date)
                .unwrap_or_default(),
            is_mentor: mentor.is_some(),
            is_trainer: trainer.is_some(),
            input: PersonInput {
                given_name: p.given_name.clone(),
                family_name: p.family_name.clone(),
                email: p.email.clone(),
                phone: p.phone.clone(),
                address: p.address.clone(),
                municipality: p.municipality.as_ref().map(|m| m.ags.to_string()),
                languages: Vec::new(),
                mentor,
                trainer,
                allow_duplicate: false,
            },
            loaded: true,
        }
    }

    /// The request body: list texts split, profiles only when ticked; or the date that cannot
    /// be read.
    fn to_input(&self, allow_duplicate: bool) -> Result<PersonInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let mut input = self.input.clone();
        input.languages = self.languages.clone();
        input.mentor = self.is_mentor.then(|| {
            let mut m = self.input.mentor.clone().unwrap_or_default();
            m.target_groups = split(&self.target_groups);
            m.themes = split(&self.themes);
            m
        });
        input.trainer = self.is_trainer.then(|| TrainerInput {
            qualified_since: entry(
                &mut errors,
                "trainer.qualified_since",
                &self.qualified_since,
                date_from_entry,
            ),
            ..self.input.trainer.clone().unwrap_or_else(new_trainer)
        });
        input.allow_duplicate = allow_duplicate;
        errors.into_result().map(|()| input)
    }

    fn mentor(&mut self) -> &mut MentorInput {
        self.input.mentor.get_or_insert_with(|| MentorInput {
            status: Some(MentorStatus::InTraining),
            ..Default::default()
        })
    }

    fn trainer(&mut self) -> &mut TrainerInput {
        self.input.trainer.get_or_insert_with(new_trainer)
    }
}

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub id: Option<i64>,
}

#[function_component]
pub fn PersonEditor(props: &EditorProps) -> Html {
    let t = use_texts();
    let lang = use_lang();
    let session = use_session();
    let navigator = use_navigator();
    let form = use_reducer(Form::<Draft>::default);
    let actions = use_actions();
    let (failure, busy) = (actions.failure.clone(), actions.busy.clone());
    let etag = use_state(|| None::<String>);
    let (existing, _) = use_maybe_get(
        props
            .id
            .filter(|_| session.is_some())
            .map(services::people::get),
    );
    {
        let (form, etag) = (form.clone(), etag.clone());
        use_effect_with(matches!(existing, Load::Ready(..)), move |ready| {
            if let (true, Load::Ready(p, tag)) = (*ready && !form.0.loaded, existing) {
                let draft = Draft::from_person(&p);
                form.dispatch(Edit(Rc::new(move |d: &mut Draft| *d = draft.clone())));
                etag.set(tag);
            }
        });
    }
    let (fields, _) = use_get(services::reference::fields(false));
    let opposite = match form.0.input.trainer.as_ref().map(|t| t.kind) {
        Some(TrainerKind::Professional) => "citizen",
        _ => "professional",
    };
    let (partners, _) = use_maybe_get(
        (form.0.is_trainer && session.is_some())
            .then(|| services::people::trainers_of_kind(opposite)),
    );
    let pending_place = use_state(|| None::<String>);
    if session.is_none() {
        return sign_in_notice(t);
    }
    let submit = {
        let (form, actions, etag) = (form.clone(), actions.clone(), etag.clone());
        let id = props.id;
        Callback::from(move |allow_duplicate: bool| {
            let person = match form.0.to_input(allow_duplicate) {
                Ok(person) => person,
                Err(errors) => return actions.refuse(errors),
            };
            // On 409 the possible duplicates come with the problem; staff decide.
            let change = match id {
                Some(id) => services::people::update(id, (*etag).clone(), &person),
                None => services::people::create(&person),
            };
            let navigator = navigator.clone();
            actions.run(change, move |saved: Person| {
                if let Some(n) = navigator {
                    n.push(&Route::Person { id: saved.id })
                }
            });
        })
    };
    let onsubmit = {
        let submit = submit.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            submit.emit(false)
        })
    };
    let f = (*failure).clone();
    let d = &form.0;
    let error_of = |name: &str| f.as_ref().and_then(|f| f.field(name, lang));
    let toggle = |set: fn(&mut Draft)| {
        let form = form.clone();
        Callback::from(move |_| form.dispatch(Edit(Rc::new(move |d: &mut Draft| set(d)))))
    };
    let toggle_field = |id: i64| {
        let form = form.clone();
        Callback::from(move |_| {
            form.dispatch(Edit(Rc::new(move |d: &mut Draft| {
                let fields = &mut d.mentor().fields;
                if let Some(pos) = fields.iter().position(|f| *f == id) {
                    fields.remove(pos);
                } else {
                    fields.push(id);
                }
            })))
        })
    };
    let on_textarea = |set: fn(&mut Draft, String)| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            form.dispatch(Edit(Rc::new(move |d: &mut Draft| set(d, v.clone()))));
        })
    };
    let languages = {
        let form = form.clone();
        Callback::from(move |chosen: Vec<String>| {
            form.dispatch(Edit(Rc::new(move |d: &mut Draft| {
                d.languages = chosen.clone()
            })))
        })
    };
    let residence = {
        let form = form.clone();
        Callback::from(move |ags: Option<String>| {
            form.dispatch(Edit(Rc::new(move |d: &mut Draft| {
                d.input.municipality = ags.clone()
            })))
        })
    };
    let add_place = {
        let (form, pending) = (form.clone(), pending_place.clone());
        Callback::from(move |_| {
            if let Some(ags) = (*pending).clone() {
                form.dispatch(Edit(Rc::new(move |d: &mut Draft| {
                    let m = d.mentor();
                    if !m.municipalities.contains(&ags) {
                        m.municipalities.push(ags.clone());
                    }
                })));
            }
        })
    };
    let mentor = d.input.mentor.clone().unwrap_or_default();
    let trainer = d.input.trainer.clone();
    html! {
        <>
            <h1>{ if props.id.is_some() { t.people_edit } else { t.people_new } }</h1>
            if let Some(f) = &f {
                <ErrorNotice failure={f.clone()} text={(f.code == "possible_duplicates").then_some(AttrValue::Static(t.duplicates_found))}>
                    if f.code == "possible_duplicates" {
                        <ul>{ for f.duplicates.iter().map(|c| html! {
                            <li><Link<Route> to={Route::Person { id: c.id }}>{ format!("{} {} (#{})", c.given_name, c.family_name, c.id) }</Link<Route>>
                                { " – " }{ if c.reason == "email" { t.duplicate_email } else { t.duplicate_name } }</li>
                        }) }</ul>
                        <button type="button" id="create-anyway" onclick={{ let submit = submit.clone(); move |_| submit.emit(true) }}>{ t.create_anyway }</button>
                    }
                </ErrorNotice>
            }
            <form class="card" {onsubmit} novalidate=true>
                <div class="row2">
                    <TextField name="given_name" label={t.given_name} required=true value={d.input.given_name.clone()} oninput={on_input(&form, |d, v| d.input.given_name = v)} failure={f.clone()} />
                    <TextField name="family_name" label={t.family_name} required=true value={d.input.family_name.clone()} oninput={on_input(&form, |d, v| d.input.family_name = v)} failure={f.clone()} />
                </div>
                <div class="row2">
                    <TextField name="email" label={t.email} kind="email" value={d.input.email.clone().unwrap_or_default()} oninput={on_input(&form, |d, v| d.input.email = Some(v))} failure={f.clone()} />
                    <TextField name="phone" label={t.org_phone} kind="tel" value={d.input.phone.clone().unwrap_or_default()} oninput={on_input(&form, |d, v| d.input.phone = Some(v))} failure={f.clone()} />
                </div>
                <fieldset><legend>{ t.org_address }</legend>
                    <div class="row3">
                        <TextField name="address.street" label={t.org_street} value={d.input.address.street.clone().unwrap_or_default()} oninput={on_input(&form, |d, v| d.input.address.street = Some(v))} failure={f.clone()} />
                        <TextField name="address.postal_code" label={t.org_postal_code} value={d.input.address.postal_code.clone().unwrap_or_default()} oninput={on_input(&form, |d, v| d.input.address.postal_code = Some(v))} failure={f.clone()} />
                        <TextField name="address.city" label={t.org_city} value={d.input.address.city.clone().unwrap_or_default()} oninput={on_input(&form, |d, v| d.input.address.city = Some(v))} failure={f.clone()} />
                    </div>
                    <MunicipalityPicker id="municipality" label={t.residence} value={d.input.municipality.clone()} onchange={residence} error={error_of("municipality")} />
                </fieldset>
                <LanguagePicker id="languages" label={t.languages} value={d.languages.clone()} onchange={languages} error={error_of("languages")} />
                <fieldset>
                    <legend><label><input type="checkbox" id="is-mentor" checked={d.is_mentor} onchange={toggle(|d| d.is_mentor = !d.is_mentor)} />{ " " }{ t.is_mentor }</label></legend>
                    if d.is_mentor {
                        <label class="field" for="mentor-status"><span>{ t.status }</span>
                            <select id="mentor-status" onchange={on_select(&form, |d, v| d.mentor().status = MentorStatus::from_code(&v))}>
                                { for MentorStatus::ALL.iter().map(|s| html! { <option value={s.code()} selected={mentor.status.unwrap_or(MentorStatus::InTraining) == *s}>{ s.label(lang) }</option> }) }
                            </select>
                        </label>
                        <div class="field"><span><strong>{ t.active_in }</strong></span>
                            <ul id="mentor-places">{ for mentor.municipalities.iter().map(|ags| {
                                let form = form.clone(); let a = ags.clone();
                                let name_id = format!("place-{ags}");
                                html! { <li><span id={name_id.clone()}><MunicipalityName ags={ags.clone()} /></span>{ " " }<button type="button" aria-describedby={name_id} onclick={move |_| { let a = a.clone(); form.dispatch(Edit(Rc::new(move |d: &mut Draft| d.mentor().municipalities.retain(|m| *m != a)))) }}>{ t.remove }</button></li> }
                            }) }</ul>
                            <MunicipalityPicker id="mentor-place" label={t.org_municipality} value={(*pending_place).clone()} onchange={{ let p = pending_place.clone(); Callback::from(move |v| p.set(v)) }} error={error_of("mentor.municipalities")} />
                            <button type="button" id="add-place" onclick={add_place}>{ t.add }</button>
                        </div>
                        <fieldset><legend>{ t.org_fields }</legend>
                            <div class="checks">{ match &fields { Load::Ready(fs, _) => fs.iter().map(|field| html! {
                                <label><input type="checkbox" checked={mentor.fields.contains(&field.id)} onchange={toggle_field(field.id)} />{ if lang == Lang::De { &field.name_de } else { &field.name_en } }</label>
                            }).collect::<Html>(), _ => html! {} } }</div>
                            if let Some(message) = error_of("mentor.fields") { <div class="error-text">{ message }</div> }
                        </fieldset>
                        <label class="field" for="activity-profile"><span>{ t.activity_profile }</span>
                            <textarea id="activity-profile" rows="4" value={mentor.activity_profile.clone().unwrap_or_default()} oninput={on_textarea(|d, v| d.mentor().activity_profile = Some(v))} />
                        </label>
                        <div class="row2">
                            <TextField name="mentor.target_groups" label={format!("{} ({})", t.target_groups, t.comma_hint)} value={d.target_groups.clone()} oninput={on_input(&form, |d, v| d.target_groups = v)} failure={f.clone()} />
                            <TextField name="mentor.themes" label={format!("{} ({})", t.themes, t.comma_hint)} value={d.themes.clone()} oninput={on_input(&form, |d, v| d.themes = v)} failure={f.clone()} />
                        </div>
                        <TextField name="mentor.availability" label={t.availability} value={mentor.availability.clone().unwrap_or_default()} oninput={on_input(&form, |d, v| d.mentor().availability = Some(v))} failure={f.clone()} />
                    }
                </fieldset>
                <fieldset>
                    <legend><label><input type="checkbox" id="is-trainer" checked={d.is_trainer} onchange={toggle(|d| d.is_trainer = !d.is_trainer)} />{ " " }{ t.is_trainer }</label></legend>
                    if let (true, Some(tr)) = (d.is_trainer, trainer.clone().or_else(|| Some(new_trainer()))) {
                        <div class="row2">
                            <label class="field" for="trainer-kind"><span>{ t.trainer_kind }</span>
                                <select id="trainer-kind" onchange={on_select(&form, |d, v| { d.trainer().kind = TrainerKind::from_code(&v).unwrap_or(TrainerKind::Citizen); d.trainer().tandem_partner = None; })}>
                                    { for TrainerKind::ALL.iter().map(|k| html! { <option value={k.code()} selected={tr.kind == *k}>{ k.label(lang) }</option> }) }
                                </select>
                            </label>
                            <TextField name="trainer.qualified_since" kind="date" label={t.qualified_since} value={d.qualified_since.clone()}
                                oninput={on_input(&form, |d, v| d.qualified_since = v)} failure={f.clone()} />
                        </div>
                        <label class="field" for="tandem-partner"><span>{ t.tandem_partner }</span>
                            <select id="tandem-partner" aria-invalid={if error_of("trainer.tandem_partner").is_some() { "true" } else { "false" }}
                                onchange={on_select(&form, |d, v| d.trainer().tandem_partner = v.parse().ok())}>
                                <option value="" selected={tr.tandem_partner.is_none()}>{ t.tandem_none }</option>
                                { match &partners { Load::Ready(page, _) => page.items.iter().filter(|p| Some(p.id) != props.id).map(|p| html! {
                                    <option value={p.id.to_string()} selected={tr.tandem_partner == Some(p.id)}>{ format!("{} ({})", full_name(p), p.trainer.as_ref().map(|t| t.kind.label(lang)).unwrap_or_default()) }</option>
                                }).collect::<Html>(), _ => html! {} } }
                            </select>
                            if let Some(message) = error_of("trainer.tandem_partner") { <div class="error-text">{ message }</div> }
                        </label>
                    }
                </fieldset>
                <div class="actions">
                    <button class="primary" type="submit" disabled={*busy}>{ if *busy { t.saving } else { t.save } }</button>
                    <Link<Route> to={props.id.map(|id| Route::Person { id }).unwrap_or(Route::People)} classes="button">{ t.cancel }</Link<Route>>
                </div>
            </form>
        </>
    }
}
