//! One person: profiles, status and consent history, consent, export, merge, deletion.

use super::{date, full_name, sign_in_notice};
use crate::api::{field_message, use_actions, use_get, use_maybe_get, Load};
use crate::components::{language_label, ErrorNotice, FailureNotice, Loading, PersonLink};
use crate::i18n::{use_lang, use_texts, Labelled, Lang};
use crate::route::Route;
use crate::services;
use crate::session::use_session;
use shared::people::{ConsentInput, ConsentLevel, Person};
use std::rc::Rc;
use yew::prelude::*;
use yew_router::prelude::*;
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
        use_maybe_get(session.is_some().then(|| services::people::get(props.id)));
    let (fields, _) = use_get(services::reference::fields(true));
    let (meetings, _) = use_maybe_get(
        session
            .is_some()
            .then(|| services::courses::attended_meetings(props.id)),
    );
    let actions = use_actions();
    let failure = actions.failure.clone();
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
    let fields = match fields {
        Load::Ready(f, _) => f,
        _ => Rc::new(Vec::new()),
    };
    let save_consent = {
        let (actions, etag, reload, open, choice, id) = (
            actions.clone(),
            etag.clone(),
            reload.clone(),
            consent_open.clone(),
            consent_choice.clone(),
            person.id,
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let consent = ConsentInput {
                level: *choice,
                text_version: None,
            };
            let (reload, open) = (reload.clone(), open.clone());
            actions.run(
                services::people::set_consent(id, etag.clone(), &consent),
                move |_: Person| {
                    open.set(false);
                    reload.emit(());
                },
            );
        })
    };
    // Coordinators read their mentors; changes and exports are the education provider's.
    let staff = matches!(
        session.as_ref().map(|s| s.account.role),
        Some(shared::auth::Role::Admin | shared::auth::Role::Staff)
    );
    let on_export = crate::api::download_on_click(
        services::people::export(person.id, format!("mentorat-person-{}.json", person.id)),
        &actions,
    );
    let on_delete = {
        let (actions, navigator, id) = (actions.clone(), navigator.clone(), person.id);
        Callback::from(move |_| {
            if !web_sys::window()
                .and_then(|w| w.confirm_with_message(t.person_delete_confirm).ok())
                .unwrap_or(false)
            {
                return;
            }
            let navigator = navigator.clone();
            actions.run(services::people::remove(id), move |()| {
                if let Some(n) = navigator {
                    n.push(&Route::People)
                }
            });
        })
    };
    let on_merge = {
        let (actions, reload, merge_id, id) =
            (actions.clone(), reload.clone(), merge_id.clone(), person.id);
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
            let reload = reload.clone();
            actions.run(
                services::people::merge(id, duplicate_id),
                move |_: Person| reload.emit(()),
            );
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
                <dt>{ t.languages }</dt><dd>{ person.languages.iter().map(|l| language_label(l.as_str(), lang)).collect::<Vec<_>>().join(", ") }</dd>
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
                    if let Load::Ready(meetings, _) = &meetings {
                        if !meetings.is_empty() {
                            <h3>{ t.accompaniment_attended }</h3>
                            <ul id="attended-meetings">{ for meetings.iter().map(|a| html! {
                                <li>{ format!("{}: {} ", crate::i18n::date(a.date), a.topic) }
                                    <Link<Route> to={Route::Course { id: a.course_id }}>{ &a.course_title }</Link<Route>></li>
                            }) }</ul>
                        }
                    }
                </div>
            }
            if let Some(tr) = &person.trainer {
                <div class="card">
                    <h2>{ t.role_trainer }</h2>
                    <dl class="facts">
                        <dt>{ t.trainer_kind }</dt><dd>{ tr.kind.label(lang) }</dd>
                        <dt>{ t.qualified_since }</dt><dd id="trainer-qualified">{ tr.qualified_since.map(crate::i18n::date).unwrap_or_else(|| t.trainer_in_training.into()) }</dd>
                        <dt>{ t.tandem_partner }</dt><dd>{ match tr.tandem_partner { Some(id) => html! { <PersonLink {id} /> }, None => html! { t.tandem_none } } }</dd>
                        if !tr.training.is_empty() {
                            <dt>{ t.trainer_training }</dt>
                            <dd><ul class="plain" id="trainer-training">{ for tr.training.iter().map(|c| html! {
                                <li><Link<Route> to={Route::Course { id: c.course_id }}>{ &c.course_title }</Link<Route>>{ " (" }{ c.status.label(lang) }{ ")" }
                                    if let (Some(id), Some(title)) = (c.local_course_id, &c.local_course_title) {
                                        <br />{ t.enrol_local_course }{ ": " }<Link<Route> to={Route::Course { id }}>{ title }</Link<Route>>
                                    }</li>
                            }) }</ul></dd>
                        }
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
