//! One's own account: accepting an invitation (choosing a password) and changing the password.

use crate::api::{use_actions, use_get, Load};
use crate::components::{ErrorNotice, FailureNotice, Loading, TextField};
use crate::form::{on_input, Form};
use crate::i18n::{use_lang, use_texts, Labelled};
use crate::route::Route;
use crate::services;
use crate::session::use_session;
use shared::accounts::AcceptInvitation;
use shared::auth::{LoginResponse, PasswordChange, PasswordReset, PasswordResetRequest};
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InvitationProps {
    pub token: String,
}

#[function_component]
pub fn AcceptInvitationPage(props: &InvitationProps) -> Html {
    let t = use_texts();
    let lang = use_lang();
    let session = use_session();
    let navigator = use_navigator();
    let (invitation, _) = use_get(services::accounts::invitation(&props.token));
    let password = use_reducer(Form::<String>::default);
    let actions = use_actions();
    let onsubmit = {
        let (password, actions, token) = (password.clone(), actions.clone(), props.token.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (session, navigator) = (session.clone(), navigator.clone());
            actions.run(
                services::accounts::accept_invitation(
                    &token,
                    &AcceptInvitation {
                        password: password.0.clone(),
                    },
                ),
                move |answer: LoginResponse| {
                    session.set(Some(answer.into()));
                    if let Some(n) = navigator {
                        n.push(&Route::Home);
                    }
                },
            );
        })
    };
    let invitation = match invitation {
        Load::Loading => return html! { <Loading /> },
        Load::Failed(f) => {
            return html! { <div class="narrow"><h1>{ t.invitation_title }</h1><FailureNotice failure={f} /></div> }
        }
        Load::Ready(i, _) => i,
    };
    let f = (*actions.failure).clone();
    html! {
        <div class="narrow">
            <h1>{ t.invitation_title }</h1>
            <p><strong>{ &invitation.display_name }</strong>{ " · " }{ &invitation.email }{ " · " }{ invitation.role.label(lang) }</p>
            <p>{ t.invitation_intro }</p>
            if let Some(f) = &f { if f.errors.is_empty() { <ErrorNotice failure={f.clone()} /> } }
            <form class="card" {onsubmit} novalidate=true>
                <TextField name="password" kind="password" label={t.password} required=true autocomplete={Some(AttrValue::Static("new-password"))}
                    value={password.0.clone()} oninput={on_input(&password, |p, v| *p = v)} failure={f.clone()} />
                <button class="primary" type="submit" disabled={*actions.busy}>{ t.invitation_accept }</button>
            </form>
        </div>
    }
}

#[derive(Clone, PartialEq, Default)]
struct PasswordDraft {
    current: String,
    new: String,
}

#[function_component]
pub fn MyAccount() -> Html {
    let t = use_texts();
    let lang = use_lang();
    let session = use_session();
    let form = use_reducer(Form::<PasswordDraft>::default);
    let done = use_state(|| false);
    let actions = use_actions();
    let Some(current) = (*session).clone() else {
        return html! { <div class="notice">{ t.session_expired }{ " " }<Link<Route> to={Route::Login}>{ t.sign_in }</Link<Route>></div> };
    };
    let onsubmit = {
        let (form, actions, done) = (form.clone(), actions.clone(), done.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = PasswordChange {
                current_password: form.0.current.clone(),
                new_password: form.0.new.clone(),
            };
            let (form, done) = (form.clone(), done.clone());
            actions.run(services::auth::change_password(&body), move |_| {
                done.set(true);
                form.dispatch(crate::form::Edit(std::rc::Rc::new(
                    |d: &mut PasswordDraft| *d = PasswordDraft::default(),
                )));
            });
        })
    };
    let f = (*actions.failure).clone();
    html! {
        <div class="narrow">
            <h1>{ t.account_title }</h1>
            <dl class="facts card">
                <dt>{ t.email }</dt><dd>{ &current.account.email }</dd>
                <dt>{ t.admin_display_name }</dt><dd>{ &current.account.display_name }</dd>
                <dt>{ t.admin_role }</dt><dd>{ current.account.role.label(lang) }</dd>
            </dl>
            if let Some(person) = current.account.person_id { <MyData {person} /> }
            <h2>{ t.password_change }</h2>
            if *done { <div class="notice ok" role="status">{ t.password_changed }</div> }
            <form class="card" id="password-form" {onsubmit} novalidate=true>
                <TextField name="current_password" kind="password" label={t.password_current} required=true autocomplete={Some(AttrValue::Static("current-password"))}
                    value={form.0.current.clone()} oninput={on_input(&form, |d, v| d.current = v)} failure={f.clone()} />
                <TextField name="new_password" kind="password" label={t.password_new} required=true autocomplete={Some(AttrValue::Static("new-password"))}
                    value={form.0.new.clone()} oninput={on_input(&form, |d, v| d.new = v)} failure={f.clone()} />
                <button class="primary" type="submit" disabled={*actions.busy}>{ t.password_change }</button>
            </form>
        </div>
    }
}

#[function_component]
pub fn ForgotPassword() -> Html {
    let t = use_texts();
    let email = use_reducer(Form::<String>::default);
    let sent = use_state(|| false);
    let actions = use_actions();
    let onsubmit = {
        let (email, actions, sent) = (email.clone(), actions.clone(), sent.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let sent = sent.clone();
            actions.run(
                services::auth::request_reset(&PasswordResetRequest {
                    email: email.0.clone(),
                }),
                move |_| sent.set(true),
            );
        })
    };
    html! {
        <div class="narrow">
            <h1>{ t.reset_request_title }</h1>
            <p>{ t.reset_request_intro }</p>
            if *sent { <div class="notice ok" role="status">{ t.reset_request_sent }</div> }
            if let Some(f) = &*actions.failure { <ErrorNotice failure={f.clone()} /> }
            <form class="card" {onsubmit} novalidate=true>
                <TextField name="email" kind="email" label={t.email} required=true autocomplete={Some(AttrValue::Static("username"))}
                    value={email.0.clone()} oninput={on_input(&email, |e, v| *e = v)} />
                <button class="primary" type="submit" disabled={*actions.busy}>{ t.reset_request_send }</button>
            </form>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ResetProps {
    pub token: String,
}

#[function_component]
pub fn ResetPassword(props: &ResetProps) -> Html {
    let t = use_texts();
    let password = use_reducer(Form::<String>::default);
    let done = use_state(|| false);
    let actions = use_actions();
    let onsubmit = {
        let (password, actions, done, token) = (
            password.clone(),
            actions.clone(),
            done.clone(),
            props.token.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let done = done.clone();
            actions.run(
                services::auth::reset_password(
                    &token,
                    &PasswordReset {
                        password: password.0.clone(),
                    },
                ),
                move |_| done.set(true),
            );
        })
    };
    let f = (*actions.failure).clone();
    html! {
        <div class="narrow">
            <h1>{ t.reset_title }</h1>
            if *done {
                <div class="notice ok" role="status">{ t.reset_done }{ " " }<Link<Route> to={Route::Login}>{ t.sign_in }</Link<Route>></div>
            } else {
                if let Some(f) = &f { if f.errors.is_empty() { <ErrorNotice failure={f.clone()} /> } }
                <form class="card" {onsubmit} novalidate=true>
                    <TextField name="password" kind="password" label={t.password_new} required=true autocomplete={Some(AttrValue::Static("new-password"))}
                        value={password.0.clone()} oninput={on_input(&password, |p, v| *p = v)} failure={f.clone()} />
                    <button class="primary" type="submit" disabled={*actions.busy}>{ t.reset_title }</button>
                </form>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct MyDataProps {
    person: i64,
}

/// A trainer's or mentor's own record: consent, export and the erasure request.
#[function_component]
fn MyData(props: &MyDataProps) -> Html {
    use shared::people::{ConsentInput, ConsentLevel, Person};
    let profile = use_reducer(Form::<Option<ProfileDraft>>::default);
    let t = use_texts();
    let lang = use_lang();
    let id = props.person;
    let (person, reload) = use_get(services::people::get(id));
    let choice = use_state(|| None::<ConsentLevel>);
    let notice = use_state(|| None::<&'static str>);
    let actions = use_actions();
    let person = match person {
        Load::Loading => return html! { <Loading /> },
        Load::Failed(f) => return html! { <FailureNotice failure={f} retry={Some(reload)} /> },
        Load::Ready(p, _) => p,
    };
    let save_consent = {
        let (actions, choice, notice, reload) = (
            actions.clone(),
            choice.clone(),
            notice.clone(),
            reload.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(level) = *choice else { return };
            let (notice, reload) = (notice.clone(), reload.clone());
            actions.run(
                services::people::set_consent(
                    id,
                    None,
                    &ConsentInput {
                        level,
                        text_version: None,
                    },
                ),
                move |_: Person| {
                    notice.set(Some(t.my_consent_saved));
                    reload.emit(());
                },
            );
        })
    };
    let export = crate::api::download_on_click(
        services::people::export(id, "meine-daten-mentorat.json"),
        &actions,
    );
    let erasure = {
        let (actions, notice) = (actions.clone(), notice.clone());
        Callback::from(move |_| {
            if web_sys::window()
                .and_then(|w| w.confirm_with_message(t.my_erasure_confirm).ok())
                .unwrap_or(false)
            {
                let notice = notice.clone();
                actions.run(services::people::request_erasure(id), move |_| {
                    notice.set(Some(t.my_erasure_sent))
                });
            }
        })
    };
    if profile.0.is_none() {
        let draft = ProfileDraft::from_person(&person);
        profile.dispatch(crate::form::Edit(std::rc::Rc::new(
            move |d: &mut Option<ProfileDraft>| *d = Some(draft.clone()),
        )));
    }
    let save_profile = {
        let (actions, profile, notice, reload) = (
            actions.clone(),
            profile.clone(),
            notice.clone(),
            reload.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(draft) = profile.0.clone() else {
                return;
            };
            let (notice, reload) = (notice.clone(), reload.clone());
            actions.run(
                services::people::update_own_profile(id, &draft.input()),
                move |_: Person| {
                    notice.set(Some(t.my_profile_saved));
                    reload.emit(());
                },
            );
        })
    };
    let f = (*actions.failure).clone();
    let current = person.mentor.as_ref().map(|m| m.consent.level);
    let selected = (*choice).or(current);
    html! {
        <section aria-labelledby="my-data">
            <h2 id="my-data">{ t.my_data_title }</h2>
            <p class="muted">{ t.my_data_intro }</p>
            if let Some(message) = *notice { <div class="notice ok" role="status">{ message }</div> }
            if let Some(f) = &f { <ErrorNotice failure={f.clone()} /> }
            <dl class="facts card">
                <dt>{ t.name }</dt><dd>{ format!("{} {}", person.given_name, person.family_name) }</dd>
                <dt>{ t.email }</dt><dd>{ person.email.clone().unwrap_or_else(|| t.none.into()) }</dd>
                <dt>{ t.org_municipality }</dt><dd>{ person.municipality.as_ref().map(|m| m.name.clone()).unwrap_or_else(|| t.none.into()) }</dd>
            </dl>
            if let Some(draft) = &profile.0 {
                <form class="card" id="my-profile" onsubmit={save_profile} novalidate=true>
                    <h3>{ t.my_profile }</h3>
                    <div class="row2">
                        <TextField name="email" kind="email" label={t.email} value={draft.email.clone()} oninput={on_input(&profile, |d, v| if let Some(d) = d { d.email = v })} failure={f.clone()} />
                        <TextField name="phone" kind="tel" label={t.org_phone} value={draft.phone.clone()} oninput={on_input(&profile, |d, v| if let Some(d) = d { d.phone = v })} failure={f.clone()} />
                    </div>
                    <TextField name="languages" label={t.languages} value={draft.languages.clone()} oninput={on_input(&profile, |d, v| if let Some(d) = d { d.languages = v })} failure={f.clone()} />
                    if person.mentor.is_some() {
                        <TextField name="mentor.activity_profile" label={t.activity_profile} value={draft.activity_profile.clone()} oninput={on_input(&profile, |d, v| if let Some(d) = d { d.activity_profile = v })} failure={f.clone()} />
                        <TextField name="mentor.availability" label={t.availability} value={draft.availability.clone()} oninput={on_input(&profile, |d, v| if let Some(d) = d { d.availability = v })} failure={f.clone()} />
                    }
                    <button class="primary" type="submit" disabled={*actions.busy}>{ t.save }</button>
                </form>
            }
            if person.mentor.is_some() {
                <form class="card consent-box" id="my-consent" onsubmit={save_consent}>
                    <fieldset><legend>{ t.my_consent }</legend>
                        { for ConsentLevel::ALL.iter().map(|level| {
                            let (choice, level) = (choice.clone(), *level);
                            html! { <label class="field"><input type="radio" name="my-consent-level" value={level.code()} checked={selected == Some(level)}
                                onchange={move |_| choice.set(Some(level))} />{ " " }{ level.label(lang) }</label> }
                        }) }
                    </fieldset>
                    <button class="primary" type="submit" disabled={*actions.busy || choice.is_none()}>{ t.my_consent_save }</button>
                </form>
            }
            <div class="actions">
                <button id="my-export" onclick={export}>{ t.my_export }</button>
                <button id="my-erasure" class="danger" onclick={erasure} disabled={*actions.busy}>{ t.my_erasure }</button>
            </div>
        </section>
    }
}

/// The person's own details as the form edits them; what the form does not show is sent back
/// unchanged.
#[derive(Clone, PartialEq)]
struct ProfileDraft {
    email: String,
    phone: String,
    languages: String,
    activity_profile: String,
    availability: String,
    rest: shared::people::OwnProfileInput,
}

impl ProfileDraft {
    fn from_person(p: &shared::people::Person) -> Self {
        let mentor = p.mentor.as_ref();
        ProfileDraft {
            email: p.email.clone().unwrap_or_default(),
            phone: p.phone.clone().unwrap_or_default(),
            languages: p
                .languages
                .iter()
                .map(|l| l.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            activity_profile: mentor
                .and_then(|m| m.activity_profile.clone())
                .unwrap_or_default(),
            availability: mentor
                .and_then(|m| m.availability.clone())
                .unwrap_or_default(),
            rest: shared::people::OwnProfileInput {
                address: p.address.clone(),
                target_groups: mentor.map(|m| m.target_groups.clone()).unwrap_or_default(),
                themes: mentor.map(|m| m.themes.clone()).unwrap_or_default(),
                ..Default::default()
            },
        }
    }

    fn input(&self) -> shared::people::OwnProfileInput {
        let text = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
        shared::people::OwnProfileInput {
            email: text(&self.email),
            phone: text(&self.phone),
            languages: self
                .languages
                .split(',')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            activity_profile: text(&self.activity_profile),
            availability: text(&self.availability),
            ..self.rest.clone()
        }
    }
}
