//! A trainer tandem's application for a Mentorentrainerkurs: the form on the public course page
//! (both partners, the local Mentorenkurs they plan) and the page each partner's confirmation
//! link opens. No sign-in; the links' tokens are the only key.

use super::registration::{
    consent_fieldset, language_select, motivation_field, robot_trap, TokenProps,
};
use crate::api::use_actions;
use crate::components::{ErrorNotice, MunicipalityPicker, TextField};
use crate::form::{entry, on_check, on_input, on_select, on_value, Form};
use crate::i18n::{use_lang, use_texts, Lang, Texts};
use crate::route::Route;
use crate::services;
use shared::registrations::MailLanguage;
use shared::tandems::{
    ApplicantInput, TandemApplicationInput, TandemApplicationState, TandemConfirmation,
    TANDEM_CONSENT_DE, TANDEM_CONSENT_EN, TANDEM_CONSENT_VERSION,
};
use shared::values::{date_from_entry, FieldErrors};
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TandemFormProps {
    pub course: i64,
}

/// Which partner a group of fields is for.
#[derive(Clone, Copy, PartialEq)]
enum Partner {
    Professional,
    Citizen,
}

impl Partner {
    fn key(self) -> &'static str {
        match self {
            Partner::Professional => "professional",
            Partner::Citizen => "citizen",
        }
    }
    fn of(self, d: &mut TandemApplicationInput) -> &mut ApplicantInput {
        match self {
            Partner::Professional => &mut d.professional,
            Partner::Citizen => &mut d.citizen,
        }
    }
}

/// The application form of an open Mentorentrainerkurs. After sending it says that both
/// partners should look for their mail.
#[function_component]
pub fn TandemApplicationForm(props: &TandemFormProps) -> Html {
    let t = use_texts();
    let lang = use_lang();
    let form = use_reducer(|| {
        Form(TandemApplicationInput {
            consent_text_version: TANDEM_CONSENT_VERSION.into(),
            language: Some(match lang {
                Lang::De => MailLanguage::German,
                Lang::En => MailLanguage::English,
            }),
            ..Default::default()
        })
    });
    // The planned days as typed (`TT.MM.JJJJ`), read when the form is sent.
    let dates = use_reducer(Form::<(String, String)>::default);
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
        let (form, dates, actions, sent, course) = (
            form.clone(),
            dates.clone(),
            actions.clone(),
            sent.clone(),
            props.course,
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut errors = FieldErrors::default();
            let mut application = form.0.clone();
            let (start, end) = &dates.0;
            application.planned_start = entry(&mut errors, "planned_start", start, date_from_entry);
            application.planned_end = entry(&mut errors, "planned_end", end, date_from_entry);
            if let Err(errors) = errors.into_result() {
                return actions.refuse(errors);
            }
            let sent = sent.clone();
            actions.run(services::tandems::apply(course, &application), move |()| {
                sent.set(true)
            });
        })
    };
    if *sent {
        return html! {
            <div class="notice ok" role="status" tabindex="-1" ref={sent_notice} id="tandem-sent">
                <strong>{ t.tandem_sent_title }</strong>
                <p>{ t.tandem_sent_text }</p>
            </div>
        };
    }
    let f = (*actions.failure).clone();
    let error_of = |name: &str| f.as_ref().and_then(|f| f.field(name, lang));
    let draft = &form.0;
    // One partner's fields; the closures name the partner at run time, so one `fn` serves both.
    let partner = |who: Partner, legend: &'static str| {
        let a = match who {
            Partner::Professional => &draft.professional,
            Partner::Citizen => &draft.citizen,
        };
        let edit = |set: fn(&mut ApplicantInput, String)| {
            let form = form.clone();
            Callback::from(move |e: InputEvent| {
                let value = e
                    .target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value();
                form.dispatch(crate::form::Edit(std::rc::Rc::new(
                    move |d: &mut TandemApplicationInput| set(who.of(d), value.clone()),
                )));
            })
        };
        let name = |field: &str| AttrValue::from(format!("{}.{field}", who.key()));
        html! {
            <fieldset class="partner">
                <legend>{ legend }</legend>
                <div class="row2">
                    <TextField name={name("given_name")} label={t.given_name} required=true
                        value={a.given_name.clone()} oninput={edit(|a, v| a.given_name = v)} failure={f.clone()} />
                    <TextField name={name("family_name")} label={t.family_name} required=true
                        value={a.family_name.clone()} oninput={edit(|a, v| a.family_name = v)} failure={f.clone()} />
                </div>
                <TextField name={name("email")} kind="email" label={t.email} required=true
                    value={a.email.clone()} oninput={edit(|a, v| a.email = v)} failure={f.clone()} />
                <TextField name={name("phone")} kind="tel" label={t.reg_phone}
                    value={a.phone.clone().unwrap_or_default()} oninput={edit(|a, v| a.phone = Some(v))} failure={f.clone()} />
            </fieldset>
        }
    };
    html! {
        <form class="registration" id="tandem-form" {onsubmit} novalidate=true aria-labelledby="tandem-title">
            <h3 id="tandem-title">{ t.tandem_form_title }</h3>
            <p class="muted">{ t.reg_required_hint }</p>
            if let Some(f) = &f { if f.errors.is_empty() { <ErrorNotice failure={f.clone()} /> } }
            { partner(Partner::Professional, t.tandem_professional) }
            <TextField name="employer" label={t.tandem_employer}
                value={draft.employer.clone().unwrap_or_default()} oninput={on_input(&form, |d, v| d.employer = Some(v))} failure={f.clone()} />
            { partner(Partner::Citizen, t.tandem_citizen) }
            <fieldset class="partner">
                <legend>{ t.tandem_local_course }</legend>
                <p class="muted">{ t.tandem_local_course_hint }</p>
                <MunicipalityPicker id="municipality" label={format!("{} *", t.tandem_municipality)}
                    value={(!draft.municipality.is_empty()).then(|| draft.municipality.clone())}
                    onchange={on_value(&form, |d: &mut TandemApplicationInput, v: Option<String>| d.municipality = v.unwrap_or_default())}
                    error={error_of("municipality")} />
                <div class="row2">
                    <TextField name="planned_start" kind="date" label={t.tandem_start} required=true
                        value={dates.0 .0.clone()} oninput={on_input(&dates, |d, v| d.0 = v)} failure={f.clone()} />
                    <TextField name="planned_end" kind="date" label={t.tandem_end} required=true
                        value={dates.0 .1.clone()} oninput={on_input(&dates, |d, v| d.1 = v)} failure={f.clone()} />
                </div>
                <TextField name="venue" label={t.tandem_venue} required=true
                    value={draft.venue.clone()} oninput={on_input(&form, |d, v| d.venue = v)} failure={f.clone()} />
            </fieldset>
            { motivation_field(t.tandem_motivation, draft.motivation.clone().unwrap_or_default(),
                on_value(&form, |d: &mut TandemApplicationInput, v: String| d.motivation = Some(v)), error_of("motivation")) }
            { language_select(t, lang, draft.language, on_select(&form, |d, v| d.language = MailLanguage::from_code(&v))) }
            { consent_fieldset(t, match lang { Lang::De => TANDEM_CONSENT_DE, Lang::En => TANDEM_CONSENT_EN },
                draft.consent, on_check(&form, |d, checked| d.consent = checked), error_of("consent")) }
            { robot_trap(t, draft.website.clone().unwrap_or_default(), on_input(&form, |d, v| d.website = Some(v))) }
            <button class="primary" type="submit" disabled={*actions.busy}>{ t.tandem_submit }</button>
        </form>
    }
}

/// What a partner's confirmation link opens: one button that confirms (a mail client that
/// previews links does not confirm by merely opening them), then where the application stands.
#[function_component]
pub fn ConfirmTandem(props: &TokenProps) -> Html {
    let t = use_texts();
    let actions = use_actions();
    let confirmed = use_state(|| None::<TandemConfirmation>);
    let onclick = {
        let (actions, confirmed, token) = (actions.clone(), confirmed.clone(), props.token.clone());
        Callback::from(move |_| {
            let confirmed = confirmed.clone();
            actions.run(services::tandems::confirm(&token), move |answer| {
                confirmed.set(Some(answer))
            });
        })
    };
    html! {
        <div class="narrow">
            <h1>{ t.tandem_confirm_title }</h1>
            if let Some(answer) = &*confirmed {
                { confirmation(t, answer) }
            } else {
                if let Some(f) = &*actions.failure { <ErrorNotice failure={f.clone()} /> }
                <p>{ t.tandem_confirm_text }</p>
                <button class="primary" id="confirm-tandem" disabled={*actions.busy} {onclick}>{ t.tandem_confirm_button }</button>
            }
        </div>
    }
}

fn confirmation(t: &Texts, answer: &TandemConfirmation) -> Html {
    let course = html! {
        <Link<Route> to={Route::OpenCourse { id: answer.course_id }}>{ &answer.course_title }</Link<Route>>
    };
    let waiting_for_staff = answer.state == TandemApplicationState::Submitted;
    html! {
        <div class="notice ok" role="status" id="tandem-state">
            <strong>{ t.tandem_confirmed }</strong>
            if waiting_for_staff {
                <p>{ t.tandem_both_confirmed }</p>
            } else {
                <p>{ t.tandem_partner_pending }{ " " }<strong>{ &answer.partner_name }</strong>{ "." }</p>
            }
            <p>{ t.reg_course }{ ": " }{ course }</p>
        </div>
    }
}
