//! Picks languages by name: type a few letters, choose from the suggestions (a `datalist`, which
//! phones show as their own list), remove with the button beside each chosen one.

use crate::i18n::{use_lang, use_texts, Lang};
use shared::languages::{language_meant, language_name, language_named};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LanguagePickerProps {
    pub id: AttrValue,
    pub label: AttrValue,
    /// The chosen languages' ISO 639-1 codes.
    pub value: Vec<String>,
    pub onchange: Callback<Vec<String>>,
    #[prop_or_default]
    pub error: Option<String>,
}

/// A language's name in the UI language, or its code when the list does not know it.
pub fn language_label(code: &str, lang: Lang) -> String {
    language_name(code, lang == Lang::De)
        .map(str::to_owned)
        .unwrap_or_else(|| code.to_owned())
}

#[function_component]
pub fn LanguagePicker(props: &LanguagePickerProps) -> Html {
    let t = use_texts();
    let lang = use_lang();
    let typed = use_state(String::new);
    let id = props.id.to_string();
    let add = {
        let (typed, value, onchange) = (typed.clone(), props.value.clone(), props.onchange.clone());
        move |code: &str| {
            if !value.iter().any(|v| v == code) {
                let mut chosen = value.clone();
                chosen.push(code.to_owned());
                onchange.emit(chosen);
            }
            typed.set(String::new());
        }
    };
    // A whole name (a suggestion chosen, or typed out) adds its language at once.
    let oninput = {
        let (typed, add) = (typed.clone(), add.clone());
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            match language_named(&text) {
                Some(code) => add(code),
                None => typed.set(text),
            }
        })
    };
    // Enter adds the one language a code or the start of a name means, and never submits the
    // surrounding form by accident.
    let onkeydown = {
        let typed = typed.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                if let Some(code) = language_meant(&typed) {
                    add(code);
                }
            }
        })
    };
    let names: Vec<(&str, &str)> = shared::languages::by_name(lang == Lang::De)
        .into_iter()
        .filter(|(code, _)| !props.value.iter().any(|v| v == code))
        .collect();
    html! {
        <div class="field language-picker">
            <label for={id.clone()}><span>{ &props.label }</span></label>
            if !props.value.is_empty() {
                <ul class="chips" id={format!("{id}-chosen")} aria-label={t.languages_chosen}>
                    { for props.value.iter().map(|code| {
                        let name = language_label(code, lang);
                        let remove = {
                            let (code, value, onchange) = (code.clone(), props.value.clone(), props.onchange.clone());
                            Callback::from(move |_| onchange.emit(value.iter().filter(|v| **v != code).cloned().collect()))
                        };
                        html! {
                            <li>{ &name }<button type="button" class="chip-remove" onclick={remove}
                                aria-label={t.language_remove.replace("{language}", &name)}>{ "×" }</button></li>
                        }
                    }) }
                </ul>
            }
            <input id={id.clone()} type="text" list={format!("{id}-names")} autocomplete="off"
                placeholder={t.language_search} value={(*typed).clone()} {oninput} {onkeydown}
                aria-describedby={match &props.error { Some(_) => format!("{id}-hint {id}-error"), None => format!("{id}-hint") }}
                aria-invalid={if props.error.is_some() { "true" } else { "false" }} />
            <div class="hint" id={format!("{id}-hint")}>{ t.language_hint }</div>
            <datalist id={format!("{id}-names")}>
                { for names.iter().map(|(_, name)| html! { <option value={*name} /> }) }
            </datalist>
            if let Some(message) = &props.error { <div class="error-text" id={format!("{id}-error")}>{ message }</div> }
        </div>
    }
}
