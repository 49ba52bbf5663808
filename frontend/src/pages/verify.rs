//! Public check of a certificate's verification code, as printed on the certificate.

use crate::api::{use_maybe_get, Load};
use crate::components::{ErrorNotice, Loading};
use crate::i18n::{self, use_texts};
use crate::route::Route;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct VerifyProps {
    #[prop_or_default]
    pub code: Option<String>,
}

#[function_component]
pub fn Verify(props: &VerifyProps) -> Html {
    let t = use_texts();
    let navigator = use_navigator();
    let typed = use_state(|| props.code.clone().unwrap_or_default());
    let (result, _) = use_maybe_get(
        props
            .code
            .as_deref()
            .map(crate::services::public::verify_certificate),
    );
    let onsubmit = {
        let typed = typed.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let code = typed.trim().to_owned();
            if let (false, Some(n)) = (code.is_empty(), &navigator) {
                n.push(&Route::VerifyCode { code });
            }
        })
    };
    let oninput = {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| {
            typed.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    html! {
        <div class="narrow">
            <h1>{ t.verify_title }</h1>
            <p>{ t.verify_intro }</p>
            <form class="card" {onsubmit}>
                <label class="field" for="verification-code"><span>{ t.certificate_code }</span>
                    <input id="verification-code" type="text" value={(*typed).clone()} {oninput} placeholder="XXXX-XXXX-XXXX" autocomplete="off" spellcheck="false" />
                </label>
                <button class="primary" type="submit">{ t.verify_submit }</button>
            </form>
            if props.code.is_some() {
                <div aria-live="polite" id="verification-result">
                    { match result {
                        Load::Loading => html! { <Loading /> },
                        Load::Ready(v, _) => html! {
                            <div class={if v.revoked_on.is_some() { "notice error" } else { "notice ok" }}>
                                <strong>{ if v.revoked_on.is_some() { t.verify_revoked } else { t.verify_genuine } }</strong>
                                <dl class="facts">
                                    <dt>{ t.verify_holder }</dt><dd>{ &v.holder_name }</dd>
                                    <dt>{ t.verify_course }</dt><dd>{ &v.course_title }</dd>
                                    <dt>{ t.certificate_issued_on }</dt><dd>{ i18n::date(v.issued_on) }</dd>
                                    if let Some(day) = v.revoked_on {
                                        <dt>{ t.certificate_revoked_on }</dt><dd>{ i18n::date(day) }</dd>
                                    }
                                </dl>
                            </div>
                        },
                        Load::Failed(f) if f.status == 404 => html! { <div class="notice error" role="alert">{ t.verify_unknown }</div> },
                        Load::Failed(f) => html! { <ErrorNotice failure={f.clone()} /> },
                    } }
                </div>
            }
        </div>
    }
}
