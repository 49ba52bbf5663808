//! Mentors and trainers: list with filters, detail with status and consent history, create/edit.
//! Personal data: every page here needs a signed-in staff account.

use crate::api::{
    encode, field_message, request, use_get, use_maybe_get, ApiFailure, Load, Method,
};
use crate::form::{
    on_input, on_select, Edit, ErrorNotice, FailureNotice, Form, Loading, MunicipalityPicker,
    Pager, TextField,
};
use crate::i18n::{use_lang, use_texts, Labelled, Lang, Texts};
use crate::route::Route;
use crate::session::use_session;
use shared::people::{
    ConsentInput, ConsentLevel, MentorInput, MentorStatus, Person, PersonInput, TrainerInput,
    TrainerKind,
};
use shared::reference::{District, FieldOfActivity};
use shared::Page;
use std::rc::Rc;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;
use yew_router::prelude::*;

const PAGE_SIZE: i64 = 25;

fn full_name(p: &Person) -> String {
    format!("{} {}", p.given_name, p.family_name)
}

fn date(t: &chrono::DateTime<chrono::Utc>) -> String {
    crate::i18n::date(t.date_naive())
}

fn sign_in_notice(t: &Texts) -> Html {
    html! { <div class="notice">{ t.people_sign_in }{ " " }<Link<Route> to={Route::Login}>{ t.sign_in }</Link<Route>></div> }
}

#[derive(Clone, PartialEq, Default)]
struct ListFilter {
    role: String,
    status: String,
    district: String,
    field: String,
    language: String,
    q: String,
    offset: i64,
}

impl ListFilter {
    fn query(&self) -> String {
        let mut query = format!("/people?limit={PAGE_SIZE}&offset={}", self.offset);
        // A language filters once it is a whole two-letter code.
        let language = if self.language.trim().len() == 2 {
            self.language.clone()
        } else {
            String::new()
        };
        let params = [
            ("role", &self.role),
            ("status", &self.status),
            ("district", &self.district),
            ("field", &self.field),
            ("language", &language),
            ("q", &self.q),
        ];
        for (key, value) in params {
            if !value.trim().is_empty() {
                query.push_str(&format!("&{key}={}", encode(value.trim())));
            }
        }
        query
    }
}

#[function_component]
pub fn PeopleList() -> Html {
    let t = use_texts();
    let lang = use_lang();
    let session = use_session();
    let filter = use_reducer(Form::<ListFilter>::default);
    let (page, reload) = use_maybe_get::<Page<Person>>(session.is_some().then(|| filter.0.query()));
    let (districts, _) = use_get::<Vec<District>>("/districts".into());
    let (fields, _) = use_get::<Vec<FieldOfActivity>>("/fields".into());
    let staff = matches!(
        session.as_ref().map(|s| s.account.role),
        Some(shared::auth::Role::Admin | shared::auth::Role::Staff)
    );
    let (erasures, _) = use_maybe_get::<Vec<shared::people::ErasureRequest>>(
        staff.then(|| "/erasure-requests".to_owned()),
    );
    if session.is_none() {
        return html! { <><h1>{ t.people_title }</h1>{ sign_in_notice(t) }</> };
    }
    let set_page = {
        let filter = filter.clone();
        Callback::from(move |offset: i64| {
            filter.dispatch(Edit(Rc::new(move |f: &mut ListFilter| f.offset = offset)))
        })
    };
    html! {
        <>
            <h1>{ t.people_title }</h1>
            if staff {
                <div class="actions"><Link<Route> to={Route::NewPerson} classes="button primary">{ t.people_new }</Link<Route>></div>
            }
            if let Load::Ready(requests, _) = &erasures {
                if !requests.is_empty() {
                    <div class="notice" id="erasure-requests"><strong>{ t.erasure_requests }</strong>
                        <ul>{ for requests.iter().map(|r| html! {
                            <li><Link<Route> to={Route::Person { id: r.person_id }}>{ format!("{} {}", r.given_name, r.family_name) }</Link<Route>>
                                { " · " }{ crate::i18n::date(r.requested_at.date_naive()) }
                                if let Some(reason) = &r.retention { { " · " }<em>{ reason }</em> }
                            </li>
                        }) }</ul>
                    </div>
                }
            }
            <form class="filters" role="search" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label>{ t.search }
                    <input type="search" id="people-search" placeholder={t.people_search_hint} value={filter.0.q.clone()}
                        oninput={on_input(&filter, |f, v| { f.q = v; f.offset = 0; })} />
                </label>
                <label>{ t.role }
                    <select id="people-role" onchange={on_select(&filter, |f, v| { f.role = v; f.offset = 0; })}>
                        <option value="">{ t.all }</option>
                        <option value="mentor">{ t.role_mentor }</option>
                        <option value="trainer">{ t.role_trainer }</option>
                    </select>
                </label>
                <label>{ t.status }
                    <select id="people-status" onchange={on_select(&filter, |f, v| { f.status = v; f.offset = 0; })}>
                        <option value="">{ t.all }</option>
                        { for MentorStatus::ALL.iter().map(|s| html! { <option value={s.code()}>{ s.label(lang) }</option> }) }
                    </select>
                </label>
                <label>{ t.org_district }
                    <select id="people-district" onchange={on_select(&filter, |f, v| { f.district = v; f.offset = 0; })}>
                        <option value="">{ t.all }</option>
                        { match &districts { Load::Ready(ds, _) => ds.iter().map(|d| html! { <option value={d.key.to_string()}>{ &d.label }</option> }).collect::<Html>(), _ => html! {} } }
                    </select>
                </label>
                <label>{ t.org_fields }
                    <select id="people-field" onchange={on_select(&filter, |f, v| { f.field = v; f.offset = 0; })}>
                        <option value="">{ t.all }</option>
                        { match &fields { Load::Ready(fs, _) => fs.iter().map(|f| html! { <option value={f.id.to_string()}>{ if lang == Lang::De { &f.name_de } else { &f.name_en } }</option> }).collect::<Html>(), _ => html! {} } }
                    </select>
                </label>
                <label>{ t.languages }
                    <input type="text" id="people-language" size="4" maxlength="2" placeholder="tr" value={filter.0.language.clone()}
                        oninput={on_input(&filter, |f, v| { f.language = v; f.offset = 0; })} />
                </label>
            </form>
            { match page {
                Load::Loading => html! { <Loading /> },
                Load::Failed(f) => html! { <FailureNotice failure={f} retry={Some(reload)} /> },
                Load::Ready(page, _) if page.items.is_empty() => html! { <p class="empty">{ t.people_empty }</p> },
                Load::Ready(page, _) => html! {
                    <>
                        <table id="people">
                            <thead><tr><th scope="col">{ t.org_name }</th><th scope="col">{ t.role }</th><th scope="col">{ t.active_in }</th><th scope="col">{ t.consent }</th></tr></thead>
                            <tbody>{ for page.items.iter().map(|p| html! {
                                <tr>
                                    <td><Link<Route> to={Route::Person { id: p.id }}>{ format!("{}, {}", p.family_name, p.given_name) }</Link<Route>></td>
                                    <td>
                                        if let Some(m) = &p.mentor { <span class="tag">{ t.role_mentor }{ " · " }{ m.status.label(lang) }</span> }
                                        if let Some(tr) = &p.trainer { <span class="tag">{ t.role_trainer }{ " · " }{ tr.kind.label(lang) }</span> }
                                    </td>
                                    <td>{ p.mentor.as_ref().map(|m| m.municipalities.iter().map(|r| r.name.clone()).collect::<Vec<_>>().join(", ")).unwrap_or_default() }</td>
                                    <td>{ match &p.mentor {
                                        Some(m) if m.listed => html! { <span class="badge public">{ m.consent.level.label(lang) }</span> },
                                        Some(m) => html! { <span class="badge private">{ m.consent.level.label(lang) }</span> },
                                        None => html! { t.none },
                                    } }</td>
                                </tr>
                            }) }</tbody>
                        </table>
                        <Pager offset={page.offset} limit={PAGE_SIZE} shown={page.items.len() as i64} total={page.total} on_page={set_page.clone()} />
                    </>
                },
            } }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct PersonProps {
    pub id: i64,
}

#[function_component]
pub fn PersonDetail(props: &PersonProps) -> Html {
    let t = use_texts();
    let lang = use_lang();
    let session = use_session();
    let navigator = use_navigator();
    let (person, reload) =
        use_maybe_get::<Person>(session.is_some().then(|| format!("/people/{}", props.id)));
    let (fields, _) = use_get::<Vec<FieldOfActivity>>("/fields?include_retired=true".into());
    let failure = use_state(|| None::<ApiFailure>);
    let consent_open = use_state(|| false);
    let consent_choice = use_state(|| ConsentLevel::None);
    let consent_confirmed = use_state(|| false);
    let merge_id = use_state(String::new);
    if session.is_none() {
        return sign_in_notice(t);
    }
    let (person, etag) = match person {
        Load::Loading => return html! { <Loading /> },
        Load::Failed(f) => return html! { <FailureNotice failure={f} retry={Some(reload)} /> },
        Load::Ready(p, etag) => (p, etag),
    };
    let token = session.as_ref().map(|s| s.token.clone());
    let fields = match fields {
        Load::Ready(f, _) => f,
        _ => Rc::new(Vec::new()),
    };
    let save_consent = {
        let (token, etag, failure, reload, open, choice, id) = (
            token.clone(),
            etag.clone(),
            failure.clone(),
            reload.clone(),
            consent_open.clone(),
            consent_choice.clone(),
            person.id,
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = ConsentInput {
                level: *choice,
                text_version: None,
            };
            let (token, etag, failure, reload, open) = (
                token.clone(),
                etag.clone(),
                failure.clone(),
                reload.clone(),
                open.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match request::<Person, _>(
                    Method::Put,
                    &format!("/people/{id}/consent"),
                    token.as_deref(),
                    etag.as_deref(),
                    Some(&body),
                )
                .await
                {
                    Ok(_) => {
                        failure.set(None);
                        open.set(false);
                        reload.emit(());
                    }
                    Err(f) => failure.set(Some(f)),
                }
            });
        })
    };
    // Coordinators read their mentors; changes and exports are the education provider's.
    let staff = matches!(
        session.as_ref().map(|s| s.account.role),
        Some(shared::auth::Role::Admin | shared::auth::Role::Staff)
    );
    let on_export = crate::api::download_on_click(
        format!("/people/{}/export", person.id),
        token.clone(),
        format!("mentorat-person-{}.json", person.id),
        failure.clone(),
    );
    let on_delete = {
        let (token, failure, navigator, id) =
            (token.clone(), failure.clone(), navigator.clone(), person.id);
        Callback::from(move |_| {
            if !web_sys::window()
                .and_then(|w| w.confirm_with_message(t.person_delete_confirm).ok())
                .unwrap_or(false)
            {
                return;
            }
            let (token, failure, navigator) = (token.clone(), failure.clone(), navigator.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match request::<(), ()>(
                    Method::Delete,
                    &format!("/people/{id}"),
                    token.as_deref(),
                    None,
                    None,
                )
                .await
                {
                    Ok(_) => {
                        if let Some(n) = navigator {
                            n.push(&Route::People)
                        }
                    }
                    Err(f) => failure.set(Some(f)),
                }
            });
        })
    };
    let on_merge = {
        let (token, failure, reload, merge_id, id) = (
            token.clone(),
            failure.clone(),
            reload.clone(),
            merge_id.clone(),
            person.id,
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Ok(duplicate_id) = merge_id.trim().parse::<i64>() else {
                return;
            };
            if !web_sys::window()
                .and_then(|w| w.confirm_with_message(t.merge_confirm).ok())
                .unwrap_or(false)
            {
                return;
            }
            let (token, failure, reload) = (token.clone(), failure.clone(), reload.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let body = shared::people::MergeRequest { duplicate_id };
                match request::<Person, _>(
                    Method::Post,
                    &format!("/people/{id}/merge"),
                    token.as_deref(),
                    None,
                    Some(&body),
                )
                .await
                {
                    Ok(_) => {
                        failure.set(None);
                        reload.emit(());
                    }
                    Err(f) => failure.set(Some(f)),
                }
            });
        })
    };
    let field_tags = |ids: &[i64]| -> Html {
        ids.iter().filter_map(|id| fields.iter().find(|f| f.id == *id))
            .map(|f| html! { <span class="tag">{ if lang == Lang::De { &f.name_de } else { &f.name_en } }</span> }).collect()
    };
    let text = |v: &Option<String>| v.clone().unwrap_or_else(|| t.none.into());
    html! {
        <>
            <p><Link<Route> to={Route::People}>{ "← " }{ t.people_title }</Link<Route>></p>
            <h1>{ full_name(&person) }</h1>
            if let Some(f) = &*failure { <ErrorNotice failure={f.clone()}>{ for f.errors.iter().map(|e| html! { <><br/>{ field_message(e, lang) }</> }) }</ErrorNotice> }
            <div class="card"><dl class="facts">
                <dt>{ t.email }</dt><dd>{ text(&person.email) }</dd>
                <dt>{ t.org_phone }</dt><dd>{ text(&person.phone) }</dd>
                <dt>{ t.org_address }</dt><dd>{ text(&person.address.street) }<br/>{ format!("{} {}", person.address.postal_code.clone().unwrap_or_default(), person.address.city.clone().unwrap_or_default()) }</dd>
                <dt>{ t.residence }</dt><dd>{ person.municipality.as_ref().map(|m| m.name.clone()).unwrap_or_else(|| t.none.into()) }</dd>
                <dt>{ t.languages }</dt><dd>{ person.languages.iter().map(|l| l.as_str().to_owned()).collect::<Vec<_>>().join(", ") }</dd>
            </dl></div>
            if let Some(m) = &person.mentor {
                <section class="card consent-box" id="consent" aria-labelledby="consent-title">
                    <h2 id="consent-title">{ t.consent }</h2>
                    <p><strong id="consent-level">{ m.consent.level.label(lang) }</strong>
                        { m.consent.recorded_at.map(|at| format!(" · {} {} · {} {}", t.recorded_at, date(&at), t.text_version, m.consent.text_version.clone().unwrap_or_default())).unwrap_or_default() }</p>
                    <p>{ if m.listed { t.consent_listed } else { t.consent_not_listed } }</p>
                    if *consent_open {
                        <form onsubmit={save_consent}>
                            <fieldset><legend>{ t.consent_change }</legend>
                                { for ConsentLevel::ALL.iter().map(|level| {
                                    let choice = consent_choice.clone(); let level = *level;
                                    html! { <label class="field"><input type="radio" name="consent-level" value={level.code()} checked={*consent_choice == level} onchange={move |_| choice.set(level)} />{ " " }{ level.label(lang) }</label> }
                                }) }
                                <label><input type="checkbox" id="consent-confirm" checked={*consent_confirmed} onchange={{ let c = consent_confirmed.clone(); move |_| c.set(!*c) }} />{ " " }{ t.consent_confirm }</label>
                            </fieldset>
                            <div class="actions">
                                <button class="primary" type="submit" disabled={!*consent_confirmed}>{ t.consent_save }</button>
                                <button type="button" onclick={{ let o = consent_open.clone(); move |_| o.set(false) }}>{ t.cancel }</button>
                            </div>
                        </form>
                    } else {
                        <button onclick={{ let (o, c, conf, level) = (consent_open.clone(), consent_choice.clone(), consent_confirmed.clone(), m.consent.level); move |_| { c.set(level); conf.set(false); o.set(true) } }}>{ t.consent_change }</button>
                    }
                    if !m.consent_history.is_empty() {
                        <h3>{ t.consent_history }</h3>
                        <ul>{ for m.consent_history.iter().map(|c| html! { <li>{ format!("{}: {} ({} {})", date(&c.recorded_at), c.level.label(lang), t.text_version, c.text_version) }</li> }) }</ul>
                    }
                </section>
                <div class="card">
                    <h2>{ t.role_mentor }</h2>
                    <dl class="facts">
                        <dt>{ t.status }</dt><dd>{ m.status.label(lang) }{ " " }{ t.status_since }{ " " }{ date(&m.status_since) }</dd>
                        <dt>{ t.org_fields }</dt><dd>{ field_tags(&m.fields) }</dd>
                        <dt>{ t.active_in }</dt><dd>{ m.municipalities.iter().map(|r| r.name.clone()).collect::<Vec<_>>().join(", ") }</dd>
                        <dt>{ t.activity_profile }</dt><dd class="prewrap">{ text(&m.activity_profile) }</dd>
                        <dt>{ t.target_groups }</dt><dd>{ for m.target_groups.iter().map(|g| html! { <span class="tag">{ g }</span> }) }</dd>
                        <dt>{ t.themes }</dt><dd>{ for m.themes.iter().map(|g| html! { <span class="tag">{ g }</span> }) }</dd>
                        <dt>{ t.availability }</dt><dd>{ text(&m.availability) }</dd>
                    </dl>
                    <h3>{ t.status_history }</h3>
                    <table id="status-history"><tbody>{ for m.status_history.iter().map(|h| html! { <tr><td>{ date(&h.changed_at) }</td><td>{ h.status.label(lang) }</td></tr> }) }</tbody></table>
                </div>
            }
            if let Some(tr) = &person.trainer {
                <div class="card">
                    <h2>{ t.role_trainer }</h2>
                    <dl class="facts">
                        <dt>{ t.trainer_kind }</dt><dd>{ tr.kind.label(lang) }</dd>
                        <dt>{ t.qualified_since }</dt><dd>{ tr.qualified_since.map(crate::i18n::date).unwrap_or_else(|| t.none.into()) }</dd>
                        <dt>{ t.tandem_partner }</dt><dd>{ match tr.tandem_partner { Some(id) => html! { <Link<Route> to={Route::Person { id }}>{ format!("#{id}") }</Link<Route>> }, None => html! { t.tandem_none } } }</dd>
                    </dl>
                </div>
            }
            if staff {
            <div class="actions">
                <Link<Route> to={Route::EditPerson { id: person.id }} classes="button primary">{ t.edit }</Link<Route>>
                <button onclick={on_export} id="export-person">{ t.export_person }</button>
                <button class="danger" onclick={on_delete}>{ t.delete }</button>
            </div>
            <form class="card" onsubmit={on_merge}>
                <h2>{ t.merge_title }</h2>
                <p class="muted">{ t.merge_hint }</p>
                <div class="actions">
                    <input type="text" inputmode="numeric" id="merge-id" aria-label={t.merge_title} value={(*merge_id).clone()} oninput={{ let m = merge_id.clone(); move |e: InputEvent| m.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()) }} />
                    <button type="submit">{ t.merge }</button>
                </div>
            </form>
            }
        </>
    }
}

/// Form state of the person editor; list fields are edited as comma-separated text.
#[derive(Clone, PartialEq, Default)]
struct Draft {
    input: PersonInput,
    is_mentor: bool,
    is_trainer: bool,
    languages: String,
    target_groups: String,
    themes: String,
    loaded: bool,
}

fn split(list: &str) -> Vec<String> {
    list.split(',')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
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
            languages: p
                .languages
                .iter()
                .map(|l| l.as_str().to_owned())
                .collect::<Vec<_>>()
                .join(", "),
            target_groups: mentor
                .as_ref()
                .map(|m| m.target_groups.join(", "))
                .unwrap_or_default(),
            themes: mentor
                .as_ref()
                .map(|m| m.themes.join(", "))
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

    /// The request body: list texts split, profiles only when ticked.
    fn to_input(&self, allow_duplicate: bool) -> PersonInput {
        let mut input = self.input.clone();
        input.languages = split(&self.languages);
        input.mentor = self.is_mentor.then(|| {
            let mut m = self.input.mentor.clone().unwrap_or_default();
            m.target_groups = split(&self.target_groups);
            m.themes = split(&self.themes);
            m
        });
        input.trainer = self.is_trainer.then(|| {
            self.input.trainer.clone().unwrap_or(TrainerInput {
                kind: TrainerKind::Citizen,
                employer: None,
                qualified_since: None,
                tandem_partner: None,
            })
        });
        input.allow_duplicate = allow_duplicate;
        input
    }

    fn mentor(&mut self) -> &mut MentorInput {
        self.input.mentor.get_or_insert_with(|| MentorInput {
            status: Some(MentorStatus::InTraining),
            ..Default::default()
        })
    }

    fn trainer(&mut self) -> &mut TrainerInput {
        self.input.trainer.get_or_insert(TrainerInput {
            kind: TrainerKind::Citizen,
            employer: None,
            qualified_since: None,
            tandem_partner: None,
        })
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
    let failure = use_state(|| None::<ApiFailure>);
    let duplicates = use_state(Vec::<shared::people::DuplicateCandidate>::new);
    let busy = use_state(|| false);
    let etag = use_state(|| None::<String>);
    let (existing, _) = use_maybe_get::<Person>(
        props
            .id
            .filter(|_| session.is_some())
            .map(|id| format!("/people/{id}")),
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
    let (fields, _) = use_get::<Vec<FieldOfActivity>>("/fields".into());
    let opposite = match form.0.input.trainer.as_ref().map(|t| t.kind) {
        Some(TrainerKind::Professional) => "citizen",
        _ => "professional",
    };
    let (partners, _) = use_maybe_get::<Page<Person>>(
        (form.0.is_trainer && session.is_some())
            .then(|| format!("/people?role=trainer&trainer_kind={opposite}&limit=200")),
    );
    let pending_place = use_state(|| None::<String>);
    if session.is_none() {
        return sign_in_notice(t);
    }
    let submit = {
        let (form, failure, busy, session, etag, duplicates) = (
            form.clone(),
            failure.clone(),
            busy.clone(),
            session.clone(),
            etag.clone(),
            duplicates.clone(),
        );
        let id = props.id;
        Callback::from(move |allow_duplicate: bool| {
            let body = form.0.to_input(allow_duplicate);
            let token = session.as_ref().map(|s| s.token.clone());
            let (failure, busy, navigator, etag, duplicates) = (
                failure.clone(),
                busy.clone(),
                navigator.clone(),
                (*etag).clone(),
                duplicates.clone(),
            );
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let result = match id {
                    Some(id) => {
                        request::<Person, _>(
                            Method::Put,
                            &format!("/people/{id}"),
                            token.as_deref(),
                            etag.as_deref(),
                            Some(&body),
                        )
                        .await
                    }
                    None => {
                        request::<Person, _>(
                            Method::Post,
                            "/people",
                            token.as_deref(),
                            None,
                            Some(&body),
                        )
                        .await
                    }
                };
                busy.set(false);
                match result {
                    Ok(answer) => {
                        if let Some(n) = navigator {
                            n.push(&Route::Person { id: answer.body.id })
                        }
                    }
                    Err(f) => {
                        // On 409 the possible duplicates come with the problem; staff decide.
                        duplicates.set(f.duplicates.clone());
                        failure.set(Some(f));
                    }
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
                <div class="notice error" role="alert">
                    { if f.code == "possible_duplicates" { t.duplicates_found.to_owned() } else { f.message(lang) } }
                    if f.code == "possible_duplicates" {
                        <ul>{ for duplicates.iter().map(|c| html! {
                            <li><Link<Route> to={Route::Person { id: c.id }}>{ format!("{} {} (#{})", c.given_name, c.family_name, c.id) }</Link<Route>>
                                { " – " }{ if c.reason == "email" { t.duplicate_email } else { t.duplicate_name } }</li>
                        }) }</ul>
                        <button type="button" id="create-anyway" onclick={{ let submit = submit.clone(); move |_| submit.emit(true) }}>{ t.create_anyway }</button>
                    }
                </div>
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
                <TextField name="languages" label={format!("{} ({})", t.languages, t.languages_hint)} value={d.languages.clone()} oninput={on_input(&form, |d, v| d.languages = v)} failure={f.clone()} />
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
                                html! { <li>{ ags }{ " " }<button type="button" onclick={move |_| { let a = a.clone(); form.dispatch(Edit(Rc::new(move |d: &mut Draft| d.mentor().municipalities.retain(|m| *m != a)))) }}>{ t.remove }</button></li> }
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
                    if let (true, Some(tr)) = (d.is_trainer, trainer.clone().or(Some(TrainerInput { kind: TrainerKind::Citizen, employer: None, qualified_since: None, tandem_partner: None }))) {
                        <div class="row2">
                            <label class="field" for="trainer-kind"><span>{ t.trainer_kind }</span>
                                <select id="trainer-kind" onchange={on_select(&form, |d, v| { d.trainer().kind = TrainerKind::from_code(&v).unwrap_or(TrainerKind::Citizen); d.trainer().tandem_partner = None; })}>
                                    { for TrainerKind::ALL.iter().map(|k| html! { <option value={k.code()} selected={tr.kind == *k}>{ k.label(lang) }</option> }) }
                                </select>
                            </label>
                            <label class="field" for="qualified-since"><span>{ t.qualified_since }</span>
                                <input type="date" id="qualified-since" value={tr.qualified_since.map(|d| d.to_string()).unwrap_or_default()}
                                    oninput={on_input(&form, |d, v| d.trainer().qualified_since = v.parse::<chrono::NaiveDate>().ok())} />
                            </label>
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
