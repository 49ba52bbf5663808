//! Loading, failure and error notices.

use crate::api::ApiFailure;
use yew::prelude::*;

/// A loading indicator, and an error box with a retry button.
#[derive(Properties, PartialEq)]
pub struct FailureProps {
    pub failure: ApiFailure,
    #[prop_or_default]
    pub retry: Option<Callback<()>>,
}

#[function_component]
pub fn FailureNotice(props: &FailureProps) -> Html {
    let (t, lang) = (crate::i18n::use_texts(), crate::i18n::use_lang());
    html! {
        <div class="notice error" role="alert">
            <strong>{ t.load_failed }{ ": " }</strong>{ props.failure.message(lang) }
            if let Some(retry) = props.retry.clone() {
                { " " }<button onclick={move |_| retry.emit(())}>{ t.retry }</button>
            }
        </div>
    }
}

/// An error answer as an alert in the user's language; children add particulars.
#[derive(Properties, PartialEq)]
pub struct ErrorNoticeProps {
    pub failure: ApiFailure,
    /// Said instead of the answer's own message.
    #[prop_or_default]
    pub text: Option<AttrValue>,
    #[prop_or_default]
    pub children: Html,
}

/// When it appears after a failed submit, focus moves to the first field the answer marks as
/// invalid, whose message is linked to it, so keyboard and screen reader users land on what
/// to mend; without such a field the alert announces itself.
#[function_component]
pub fn ErrorNotice(props: &ErrorNoticeProps) -> Html {
    let lang = crate::i18n::use_lang();
    use_effect_with(props.failure.clone(), |_| {
        // After this render has finished everywhere: the fields learn of the failure in the
        // same render as the notice, but may be updated after its effect runs.
        wasm_bindgen_futures::spawn_local(async { crate::document::focus_first_invalid_field() });
    });
    html! {
        <div class="notice error" role="alert">
            { props.text.as_ref().map_or_else(|| props.failure.message(lang), ToString::to_string) }
            { props.children.clone() }
        </div>
    }
}

#[function_component]
pub fn Loading() -> Html {
    let t = crate::i18n::use_texts();
    html! { <div class="loading" role="status">{ t.loading }</div> }
}
