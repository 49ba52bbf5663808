//! Staff sign-in.

use crate::api::use_actions;
use crate::components::{ErrorNotice, TextField};
use crate::form::{on_input, Form};
use crate::i18n::use_texts;
use crate::route::Route;
use crate::services;
use crate::session::use_session;
use shared::auth::{LoginRequest, LoginResponse};
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Clone, PartialEq, Default)]
struct Credentials {
    email: String,
    password: String,
}

#[function_component]
pub fn Login() -> Html {
    let t = use_texts();
    let session = use_session();
    let navigator = use_navigator();
    let form = use_reducer(Form::<Credentials>::default);
    let actions = use_actions();
    let onsubmit = {
        let (form, actions, session) = (form.clone(), actions.clone(), session.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let credentials = LoginRequest {
                email: form.0.email.clone(),
                password: form.0.password.clone(),
            };
            let (session, navigator) = (session.clone(), navigator.clone());
            actions.run(
                services::auth::login(&credentials),
                move |answer: LoginResponse| {
                    session.set(Some(answer.into()));
                    if let Some(n) = navigator {
                        n.push(&Route::Organisations);
                    }
                },
            );
        })
    };
    html! {
        <div class="login card">
            <h1>{ t.login_title }</h1>
            if let Some(f) = &*actions.failure {
                <ErrorNotice failure={f.clone()} />
            }
            <form {onsubmit} novalidate=true>
                <TextField name="email" label={t.email} kind="email" required=true autocomplete={Some(AttrValue::Static("username"))}
                    value={form.0.email.clone()} oninput={on_input(&form, |c, v| c.email = v)} />
                <TextField name="password" label={t.password} kind="password" required=true autocomplete={Some(AttrValue::Static("current-password"))}
                    value={form.0.password.clone()} oninput={on_input(&form, |c, v| c.password = v)} />
                <div class="actions">
                    <button class="primary" type="submit" disabled={*actions.busy}>{ t.sign_in }</button>
                    <Link<Route> to={Route::ForgotPassword}>{ t.forgot_password }</Link<Route>>
                </div>
            </form>
        </div>
    }
}
