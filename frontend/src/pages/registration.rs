//! A citizen's own registration for a Mentorenkurs: the form on the course page, the page the
//! confirmation link opens, and the personal page that shows the state and withdraws. No
//! sign-in; the links' tokens are the only key.

use crate::api::{use_actions, use_get, Load};
use crate::components::{ErrorNotice, FailureNotice, Loading, MunicipalityPicker, TextField};
use crate::form::{on_check, on_input, on_select, on_value, Form};
use crate::i18n::{use_lang, use_texts, Labelled, Lang, Texts};
use crate::route::Route;
use crate::services;
use shared::courses::EnrolmentStatus;
use shared::registrations::{
    ConfirmedRegistration, MailLanguage, RegistrationInput, RegistrationState, RegistrationStatus,
    CONSENT_DE, CONSENT_EN, CONSENT_VERSION,
};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RegistrationFormProps {
    pub course: i64,
}

/// The registration form of an open Mentorenkurs. After sending it says to look for the mail.
#[function_component]
pub fn RegistrationForm(props: &RegistrationFormProps) -> Html {
    let t = use_texts();
    let lang = use_lang();
    let form = use_reducer(|| {
        Form(RegistrationInput {
            consent_text_version: CONSENT_VERSION.into(),
            language: Some(match lang {
                Lang::De => MailLanguage::German,
                Lang::En => MailLanguage::English,
            }),
            ..Default::default()
        })
    });
    let sent = use_state(|| false);
    let actions = use_actions();
    let sent_notice = use_node_ref();
    {
        // Focus the notice once it shows, so that screen readers read it out.
        let sent_notice = sent_notice.clone();
        use_effect_with(*sent, move |_| {
            if let Some(notice) = sent_notice.cast::<web_sys::HtmlElement>() {
                let _ = notice.focus();
            }
        });
    }
    let onsubmit = {
        let (form, actions, sent, course) =
            (form.clone(), actions.clone(), sent.clone(), props.course);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let sent = sent.clone();
            actions.run(
                services::registrations::register(course, &form.0),
                move |()| sent.set(true),
            );
        })
    };
    if *sent {
        return html! {
            <div class="notice ok" role="status" tabindex="-1" ref={sent_notice} id="registration-sent">
                <strong>{ t.reg_sent_title }</strong>
                <p>{ t.reg_sent_text }</p>
            </div>
        };
    }
    let f = (*actions.failure).clone();
    let error_of = |name: &str| f.as_ref().and_then(|f| f.field(name, lang));
    let draft = &form.0;
    let on_motivation = on_value(&form, |d: &mut RegistrationInput, v: String| {
        d.motivation = Some(v)
    });
    let on_consent = on_check(&form, |d, checked| d.consent = checked);
    let consent_error = error_of("consent");
    html! {
        <form class="registration" id="registration-form" {onsubmit} novalidate=true aria-labelledby="registration-title">
            <h3 id="registration-title">{ t.reg_form_title }</h3>
            <p class="muted">{ t.reg_required_hint }</p>
            if let Some(f) = &f { if f.errors.is_empty() { <ErrorNotice failure={f.clone()} /> } }
            <div class="row2">
                <TextField name="given_name" label={t.given_name} required=true autocomplete={Some(AttrValue::Static("given-name"))}
                    value={draft.given_name.clone()} oninput={on_input(&form, |d, v| d.given_name = v)} failure={f.clone()} />
                <TextField name="family_name" label={t.family_name} required=true autocomplete={Some(AttrValue::Static("family-name"))}
                    value={draft.family_name.clone()} oninput={on_input(&form, |d, v| d.family_name = v)} failure={f.clone()} />
            </div>
            <TextField name="email" kind="email" label={t.email} required=true autocomplete={Some(AttrValue::Static("email"))}
                value={draft.email.clone()} oninput={on_input(&form, |d, v| d.email = v)} failure={f.clone()} />
            <MunicipalityPicker id="municipality" label={format!("{} *", t.reg_municipality)}
                value={(!draft.municipality.is_empty()).then(|| draft.municipality.clone())}
                onchange={on_value(&form, |d: &mut RegistrationInput, v: Option<String>| d.municipality = v.unwrap_or_default())}
                error={error_of("municipality")} />
            <TextField name="phone" kind="tel" label={t.reg_phone} autocomplete={Some(AttrValue::Static("tel"))}
                value={draft.phone.clone().unwrap_or_default()} oninput={on_input(&form, |d, v| d.phone = Some(v))} failure={f.clone()} />
            { motivation_field(t.reg_motivation, draft.motivation.clone().unwrap_or_default(), on_motivation, error_of("motivation")) }
            { language_select(t, lang, draft.language, on_select(&form, |d, v| d.language = MailLanguage::from_code(&v))) }
            { consent_fieldset(t, match lang { Lang::De => CONSENT_DE, Lang::En => CONSENT_EN }, draft.consent, on_consent, consent_error) }
            { robot_trap(t, draft.website.clone().unwrap_or_default(), on_input(&form, |d, v| d.website = Some(v))) }
            <button class="primary" type="submit" disabled={*actions.busy}>{ t.reg_submit }</button>
        </form>
    }
}

/// The free text of a public form, with its error beside it.
pub(crate) fn motivation_field(
    label: &'static str,
    value: String,
    oninput: Callback<String>,
    error: Option<String>,
) -> Html {
    let oninput =
        oninput.reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
    html! {
        <label class="field" for="motivation"><span>{ label }</span>
            <textarea id="motivation" name="motivation" rows="4" maxlength="2000" {value} {oninput}
                aria-invalid={if error.is_some() { "true" } else { "false" }}
                aria-describedby={error.as_ref().map(|_| "motivation-error")} />
            if let Some(message) = error { <div class="error-text" id="motivation-error">{ message }</div> }
        </label>
    }
}

/// The language a public form's mails are written in.
pub(crate) fn language_select(
    t: &Texts,
    lang: Lang,
    selected: Option<MailLanguage>,
    onchange: Callback<Event>,
) -> Html {
    html! {
        <label class="field" for="language"><span>{ t.reg_language }</span>
            <select id="language" name="language" {onchange}>
                { for MailLanguage::ALL.iter().map(|l| html! {
                    <option value={l.code()} selected={selected == Some(*l)}>{ l.label(lang) }</option>
                }) }
            </select>
        </label>
    }
}

/// The consent box of a public form: the versioned text, one checkbox, its error beside it.
pub(crate) fn consent_fieldset(
    t: &Texts,
    text: &'static str,
    checked: bool,
    onchange: Callback<Event>,
    error: Option<String>,
) -> Html {
    html! {
        <fieldset class="consent">
            <legend>{ t.reg_consent }{ " *" }</legend>
            <p id="consent-text">{ text }</p>
            <label class="check" for="consent">
                <input type="checkbox" id="consent" name="consent" {checked} {onchange}
                    aria-describedby={if error.is_some() { "consent-text consent-error" } else { "consent-text" }}
                    aria-invalid={if error.is_some() { "true" } else { "false" }} />
                { " " }{ t.reg_consent_agree }
            </label>
            if let Some(message) = error { <div class="error-text" id="consent-error">{ message }</div> }
        </fieldset>
    }
}

/// A field hidden from people (and their screen readers) that robots fill in.
pub(crate) fn robot_trap(t: &Texts, value: String, oninput: Callback<InputEvent>) -> Html {
    html! {
        <div class="robot-trap" aria-hidden="true">
            <label for="website">{ t.reg_robot_field }</label>
            <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" {value} {oninput} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct TokenProps {
    pub token: String,
}

/// What the confirmation link opens: one button that confirms (a mail client that previews
/// links does not confirm by merely opening them), then the place or the waitlist position.
#[function_component]
pub fn ConfirmRegistration(props: &TokenProps) -> Html {
    let t = use_texts();
    let actions = use_actions();
    let confirmed = use_state(|| None::<ConfirmedRegistration>);
    let onclick = {
        let (actions, confirmed, token) = (actions.clone(), confirmed.clone(), props.token.clone());
        Callback::from(move |_| {
            let confirmed = confirmed.clone();
            actions.run(services::registrations::confirm(&token), move |answer| {
                confirmed.set(Some(answer))
            });
        })
    };
    html! {
        <div class="narrow">
            <h1>{ t.reg_confirm_title }</h1>
            if let Some(answer) = &*confirmed {
                <StatusView status={answer.status.clone()} />
                <p>{ t.reg_status_link }</p>
                <p><Link<Route> to={Route::MyRegistration { token: answer.status_token.clone() }}>{ t.reg_status_title }</Link<Route>></p>
            } else {
                if let Some(f) = &*actions.failure { <ErrorNotice failure={f.clone()} /> }
                <p>{ t.reg_confirm_text }</p>
                <button class="primary" id="confirm-registration" disabled={*actions.busy} {onclick}>{ t.reg_confirm_button }</button>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct StatusViewProps {
    status: RegistrationStatus,
}

/// "Platz bestätigt", the waitlist position, or what else became of the registration.
#[function_component]
fn StatusView(props: &StatusViewProps) -> Html {
    let t = use_texts();
    let lang = use_lang();
    let s = &props.status;
    let course = html! {
        <Link<Route> to={Route::OpenCourse { id: s.course_id }}>{ &s.course_title }</Link<Route>>
    };
    let body = match (s.state, s.enrolment_status, s.waitlist_position) {
        (RegistrationState::Confirmed, Some(EnrolmentStatus::Waitlisted), Some(n)) => html! {
            <div class="notice" role="status" id="registration-state">
                <strong>{ t.reg_waitlist_title }</strong>
                <p>{ t.reg_waitlist_text }{ " " }<strong>{ n }</strong>{ ". " }{ t.reg_waitlist_moves }</p>
                <p>{ t.reg_course }{ ": " }{ course }</p>
            </div>
        },
        (
            RegistrationState::Confirmed,
            Some(EnrolmentStatus::Confirmed | EnrolmentStatus::Registered),
            _,
        ) => html! {
            <div class="notice ok" role="status" id="registration-state">
                <strong>{ t.reg_place_confirmed }</strong>
                <p>{ t.reg_place_text }{ " " }{ course }{ "." }</p>
            </div>
        },
        (RegistrationState::Cancelled, _, _) => html! {
            <div class="notice" role="status" id="registration-state">
                <p>{ t.reg_withdrawn }</p>
                <p>{ t.reg_course }{ ": " }{ course }</p>
            </div>
        },
        (state, enrolment, _) => html! {
            <div class="notice" role="status" id="registration-state">
                <p>{ enrolment.map(|e| e.label(lang)).unwrap_or(state.label(lang)) }</p>
                <p>{ t.reg_course }{ ": " }{ course }</p>
            </div>
        },
    };
    html! { <>
        <p>{ match lang { Lang::De => "Guten Tag ", Lang::En => "Hello " } }{ &s.given_name }{ "," }</p>
        { body }
    </> }
}

/// The personal link: the state, and withdrawing in two steps.
#[function_component]
pub fn MyRegistration(props: &TokenProps) -> Html {
    let t = use_texts();
    let (status, reload) = use_get(services::registrations::status(&props.token));
    let asking = use_state(|| false);
    let actions = use_actions();
    let changed = use_state(|| None::<RegistrationStatus>);
    let status = match (&*changed, status) {
        (Some(now), _) => now.clone(),
        (None, Load::Ready(status, _)) => (*status).clone(),
        (None, Load::Loading) => return html! { <Loading /> },
        (None, Load::Failed(f)) => {
            return html! { <div class="narrow"><h1>{ t.reg_status_title }</h1><FailureNotice failure={f} retry={Some(reload)} /></div> }
        }
    };
    let withdraw = {
        let (actions, changed, token) = (actions.clone(), changed.clone(), props.token.clone());
        Callback::from(move |_| {
            let changed = changed.clone();
            actions.run(services::registrations::withdraw(&token), move |now| {
                changed.set(Some(now))
            });
        })
    };
    let ask = {
        let asking = asking.clone();
        Callback::from(move |_| asking.set(!*asking))
    };
    html! {
        <div class="narrow">
            <h1>{ t.reg_status_title }</h1>
            <StatusView status={status.clone()} />
            if let Some(f) = &*actions.failure { <ErrorNotice failure={f.clone()} /> }
            if status.can_cancel {
                if *asking {
                    <div class="notice" role="alert">
                        <p>{ t.reg_withdraw_ask }</p>
                        <div class="actions">
                            <button class="danger" id="withdraw-yes" disabled={*actions.busy} onclick={withdraw}>{ t.reg_withdraw_yes }</button>
                            <button type="button" onclick={ask}>{ t.cancel }</button>
                        </div>
                    </div>
                } else {
                    <button id="withdraw" onclick={ask}>{ t.reg_withdraw }</button>
                }
            } else if status.state != RegistrationState::Cancelled {
                <p class="muted">{ t.reg_not_open }</p>
            }
        </div>
    }
}
