//! Tandem applications confirmed by both partners: staff accept (naming existing records where a
//! partner is known already) or decline with a reason. Accepting creates the tandem's local
//! course as a draft; the page links to it.

use crate::api::{use_actions, use_get, Load};
use crate::components::{ErrorNotice, FailureNotice, Loading};
use crate::i18n::{date, use_lang, use_texts, Labelled};
use crate::route::Route;
use crate::services;
use shared::tandems::{Applicant, TandemApplication, TandemApplicationState, TandemDecision};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;
use yew_router::prelude::*;

#[function_component]
pub fn TandemApplications() -> Html {
    let t = use_texts();
    let (list, reload) = use_get(services::tandems::waiting());
    // Decided on this page: shown with their outcome until the page is left.
    let decided = use_state(Vec::<TandemApplication>::new);
    let on_decided = {
        let (decided, reload) = (decided.clone(), reload.clone());
        Callback::from(move |a: TandemApplication| {
            let mut all = (*decided).clone();
            all.push(a);
            decided.set(all);
            reload.emit(());
        })
    };
    html! {
        <>
            <h1>{ t.tandems_title }</h1>
            <p class="lead">{ t.tandems_intro }</p>
            if !decided.is_empty() {
                <ul class="plain" id="tandem-decided">
                    { for decided.iter().map(|a| html! { <li><Outcome application={a.clone()} /></li> }) }
                </ul>
            }
            { match list {
                Load::Loading => html! { <Loading /> },
                Load::Failed(f) => html! { <FailureNotice failure={f} retry={Some(reload)} /> },
                Load::Ready(list, _) if list.is_empty() => html! { <p class="empty">{ t.tandems_empty }</p> },
                Load::Ready(list, _) => html! {
                    <ul class="plain" id="tandem-applications">
                        { for list.iter().map(|a| html! {
                            <li><ApplicationCard application={a.clone()} on_decided={on_decided.clone()} /></li>
                        }) }
                    </ul>
                },
            } }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct OutcomeProps {
    application: TandemApplication,
}

/// What became of an application decided on this page.
#[function_component]
fn Outcome(props: &OutcomeProps) -> Html {
    let t = use_texts();
    let a = &props.application;
    let names = format!(
        "{} {} / {} {}",
        a.professional.given_name,
        a.professional.family_name,
        a.citizen.given_name,
        a.citizen.family_name
    );
    html! {
        <div class="notice ok" role="status">
            if a.state == TandemApplicationState::Accepted {
                <p>{ t.tandems_accepted }{ " " }<strong>{ names }</strong>{ ". " }
                if let Some(id) = a.local_course_id {
                    <Link<Route> to={Route::Course { id }}>{ t.tandems_local_course }</Link<Route>>
                }</p>
            } else {
                <p>{ t.tandems_declined }{ " " }<strong>{ names }</strong>{ "." }</p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct CardProps {
    application: TandemApplication,
    on_decided: Callback<TandemApplication>,
}

/// One application with both partners, the planned course, and the decision.
#[function_component]
fn ApplicationCard(props: &CardProps) -> Html {
    let t = use_texts();
    let lang = use_lang();
    let a = &props.application;
    let actions = use_actions();
    let professional_person = use_state(|| None::<i64>);
    let citizen_person = use_state(|| None::<i64>);
    let reason = use_state(String::new);
    let decide = |accept: bool| {
        let (actions, on_decided, id) = (actions.clone(), props.on_decided.clone(), a.id);
        let decision = TandemDecision {
            accept,
            professional_person: *professional_person,
            citizen_person: *citizen_person,
            reason: (!accept && !reason.trim().is_empty()).then(|| (*reason).clone()),
        };
        Callback::from(move |_| {
            let on_decided = on_decided.clone();
            actions.run(services::tandems::decide(id, &decision), move |a| {
                on_decided.emit(a)
            });
        })
    };
    let partner = |p: &Applicant, label: &'static str, chosen: UseStateHandle<Option<i64>>| {
        let group = format!("person-{}-{}", a.id, p.kind.code());
        let choose = |value: Option<i64>| {
            let chosen = chosen.clone();
            Callback::from(move |e: Event| {
                if e.target_unchecked_into::<HtmlInputElement>().checked() {
                    chosen.set(value)
                }
            })
        };
        html! {
            <div class="partner">
                <h3>{ label }</h3>
                <p><strong>{ format!("{} {}", p.given_name, p.family_name) }</strong><br />
                    <a href={format!("mailto:{}", p.email)}>{ &p.email }</a>
                    if let Some(phone) = &p.phone { <br />{ phone } }</p>
                if !p.candidates.is_empty() {
                    <fieldset>
                        <legend>{ t.tandems_record }</legend>
                        <label class="check"><input type="radio" name={group.clone()} checked={chosen.is_none()} onchange={choose(None)} />
                            { " " }{ t.tandems_new_record }</label>
                        { for p.candidates.iter().map(|c| html! {
                            <label class="check"><input type="radio" name={group.clone()} checked={*chosen == Some(c.id)} onchange={choose(Some(c.id))} />
                                { " " }{ t.tandems_existing }{ " " }
                                <Link<Route> to={Route::Person { id: c.id }}>{ format!("{} {}", c.given_name, c.family_name) }</Link<Route>></label>
                        }) }
                    </fieldset>
                }
            </div>
        }
    };
    let on_reason = {
        let reason = reason.clone();
        Callback::from(move |e: InputEvent| {
            reason.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let reason_id = format!("reason-{}", a.id);
    html! {
        <article class="card tandem-application" data-application={a.id.to_string()} aria-labelledby={format!("application-{}", a.id)}>
            <h2 id={format!("application-{}", a.id)}>
                <Link<Route> to={Route::Course { id: a.course_id }}>{ &a.course_title }</Link<Route>>
            </h2>
            <p class="muted">{ t.tandems_received }{ " " }{ date(a.created_at.date_naive()) }{ " · " }{ a.state.label(lang) }</p>
            <div class="row2">
                { partner(&a.professional, t.tandem_professional, professional_person.clone()) }
                { partner(&a.citizen, t.tandem_citizen, citizen_person.clone()) }
            </div>
            <dl class="facts">
                if let Some(employer) = &a.employer { <dt>{ t.tandem_employer }</dt><dd>{ employer }</dd> }
                <dt>{ t.tandem_municipality }</dt><dd>{ &a.municipality.name }</dd>
                <dt>{ t.tandems_period }</dt><dd>{ date(a.planned_start) }{ " – " }{ date(a.planned_end) }</dd>
                <dt>{ t.tandem_venue }</dt><dd>{ &a.venue }</dd>
            </dl>
            if let Some(m) = &a.motivation { <blockquote>{ m }</blockquote> }
            if let Some(f) = &*actions.failure { <ErrorNotice failure={f.clone()} /> }
            <label class="field" for={reason_id.clone()}><span>{ t.tandems_reason }</span>
                <textarea id={reason_id} rows="2" maxlength="2000" value={(*reason).clone()} oninput={on_reason} />
            </label>
            <div class="actions">
                <button class="primary" onclick={decide(true)} disabled={*actions.busy}>{ t.tandems_accept }</button>
                <button class="danger" onclick={decide(false)} disabled={*actions.busy}>{ t.tandems_decline }</button>
            </div>
        </article>
    }
}
