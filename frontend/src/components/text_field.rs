//! A labelled text input that shows the server's message for its field.

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
    html! {
        <label class="field" for={id.clone()}>
            <span>{ &props.label }{ if props.required { " *" } else { "" } }</span>
            <input id={id.clone()} name={props.name.clone()} type={props.kind.clone()} value={props.value.clone()}
                oninput={props.oninput.clone()} required={props.required} autocomplete={props.autocomplete.clone()}
                aria-invalid={if error.is_some() { "true" } else { "false" }}
                aria-describedby={error.as_ref().map(|_| error_id.clone())} />
            if let Some(message) = error {
                <div class="error-text" id={error_id}>{ message }</div>
            }
        </label>
    }
}
