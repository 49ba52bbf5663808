//! A labelled text input that shows the server's message for its field.
//!
//! Dates and times are typed as text in German notation (`kind` `date` or `time`): a browser's
//! own date input follows the browser's locale, not the page's. Forms read them with
//! `shared::values::date_from_entry` and `time_from_entry`.

use crate::api::ApiFailure;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    /// The request field name; also the element id.
    pub name: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<InputEvent>,
    #[prop_or(AttrValue::Static("text"))]
    pub kind: AttrValue,
    #[prop_or_default]
    pub required: bool,
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    #[prop_or_default]
    pub failure: Option<ApiFailure>,
    /// Put before the element id, where two forms on one page share field names.
    #[prop_or_default]
    pub id_prefix: AttrValue,
}

/// A labelled input with its server-side error message, linked for screen readers.
#[function_component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let lang = crate::i18n::use_lang();
    let error = props
        .failure
        .as_ref()
        .and_then(|f| f.field(&props.name, lang));
    let id = format!("{}{}", props.id_prefix, props.name.replace('.', "-"));
    let error_id = format!("{id}-error");
    let t = crate::i18n::use_texts();
    let (kind, format, inputmode) = match props.kind.as_str() {
        "date" => (
            AttrValue::Static("text"),
            Some(t.date_format),
            Some("numeric"),
        ),
        "time" => (
            AttrValue::Static("text"),
            Some(t.time_format),
            Some("numeric"),
        ),
        _ => (props.kind.clone(), None, None),
    };
    let autocomplete = props
        .autocomplete
        .clone()
        .or(format.map(|_| AttrValue::Static("off")));
    html! {
        <label class="field" for={id.clone()}>
            <span>{ &props.label }{ if props.required { " *" } else { "" } }
                if let Some(format) = format { <span class="format">{ format!(" ({format})") }</span> }</span>
            <input id={id.clone()} name={props.name.clone()} type={kind} value={props.value.clone()} {inputmode}
                oninput={props.oninput.clone()} required={props.required} {autocomplete}
                aria-invalid={if error.is_some() { "true" } else { "false" }}
                aria-describedby={error.as_ref().map(|_| error_id.clone())} />
            if let Some(message) = error {
                <div class="error-text" id={error_id}>{ message }</div>
            }
        </label>
    }
}
