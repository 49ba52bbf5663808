//! Staff sign-in.

use crate::api::{request, ApiFailure, Method};
use crate::form::{on_input, ErrorNotice, Form, TextField};
use crate::i18n::use_texts;
use crate::route::Route;
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
    let failure = use_state(|| None::<ApiFailure>);
    let busy = use_state(|| false);
    let onsubmit = {
        let (form, failure, busy, session) =
            (form.clone(), failure.clone(), busy.clone(), session.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = LoginRequest {
                email: form.0.email.clone(),
                password: form.0.password.clone(),
            };
            let (failure, busy, session, navigator) = (
                failure.clone(),
                busy.clone(),
                session.clone(),
                navigator.clone(),
            );
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match request::<LoginResponse, _>(
                    Method::Post,
                    "/auth/login",
                    None,
                    None,
                    Some(&body),
                )
                .await
                {
                    Ok(answer) => {
                        session.set(Some(answer.body.into()));
                        if let Some(n) = navigator {
                            n.push(&Route::Organisations);
                        }
                    }
                    Err(f) => failure.set(Some(f)),
                }
                busy.set(false);
            });
        })
    };
    html! {
        <div class="login card">
            <h1>{ t.login_title }</h1>
            if let Some(f) = &*failure {
                <ErrorNotice failure={f.clone()} />
            }
            <form {onsubmit} novalidate=true>
                <TextField name="email" label={t.email} kind="email" required=true autocomplete={Some(AttrValue::Static("username"))}
                    value={form.0.email.clone()} oninput={on_input(&form, |c, v| c.email = v)} />
                <TextField name="password" label={t.password} kind="password" required=true autocomplete={Some(AttrValue::Static("current-password"))}
                    value={form.0.password.clone()} oninput={on_input(&form, |c, v| c.password = v)} />
                <div class="actions">
                    <button class="primary" type="submit" disabled={*busy}>{ t.sign_in }</button>
                    <Link<Route> to={Route::ForgotPassword}>{ t.forgot_password }</Link<Route>>
                </div>
            </form>
        </div>
    }
}
