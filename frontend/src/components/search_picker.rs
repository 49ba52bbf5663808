//! Finds a person or organisation by name as one types.

use super::{FailureNotice, Loading};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Any record with an id and a name, as the search lists of people and organisations give it.
#[derive(Clone, PartialEq, serde::Deserialize)]
pub(super) struct Named {
    id: i64,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    given_name: Option<String>,
    #[serde(default)]
    family_name: Option<String>,
    #[serde(default)]
    municipality: Option<shared::organisations::MunicipalityRef>,
}

impl Named {
    pub(super) fn label(&self) -> String {
        let name = self.name.clone().unwrap_or_else(|| {
            format!(
                "{} {}",
                self.given_name.as_deref().unwrap_or(""),
                self.family_name.as_deref().unwrap_or("")
            )
            .trim()
            .to_owned()
        });
        match &self.municipality {
            Some(m) => format!("{name} ({})", m.name),
            None => name,
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct SearchPickerProps {
    pub id: AttrValue,
    pub label: AttrValue,
    /// The list to search, from `services` (e.g. `services::people::picker`); `q` and `limit`
    /// are added.
    pub path: AttrValue,
    /// Called with the id and name of the chosen record.
    pub onpick: Callback<(i64, String)>,
    #[prop_or_default]
    pub error: Option<String>,
}

/// Finds a person or organisation by typing part of its name, and picks one of the matches.
#[function_component]
pub fn SearchPicker(props: &SearchPickerProps) -> Html {
    use crate::api::{use_maybe_get, Load};
    let t = crate::i18n::use_texts();
    let query = use_state(String::new);
    let searching = query.trim().chars().count() >= 2;
    let (matches, _) = use_maybe_get(
        searching.then(|| crate::services::search::<Named>(&props.path, query.trim(), 8)),
    );
    let oninput = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            query.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let pick = |named: &Named| {
        let (onpick, query, choice) = (
            props.onpick.clone(),
            query.clone(),
            (named.id, named.label()),
        );
        Callback::from(move |_| {
            onpick.emit(choice.clone());
            query.set(String::new());
        })
    };
    let id = props.id.to_string();
    html! {
        <div class="picker">
            <label class="field" for={id.clone()}><span>{ &props.label }</span>
                <input id={id.clone()} type="search" value={(*query).clone()} {oninput} placeholder={t.person_search_hint} autocomplete="off"
                    aria-invalid={if props.error.is_some() { "true" } else { "false" }} />
                if let Some(message) = &props.error { <div class="error-text">{ message }</div> }
            </label>
            // Always there, so screen readers hear how many matches each search found.
            <div class="visually-hidden" role="status" aria-live="polite" id={format!("{id}-count")}>{ match &matches {
                Load::Ready(page, _) if searching => format!("{} {}", page.items.len(), t.picker_matches),
                _ => String::new(),
            } }</div>
            if searching {
                { match matches {
                    Load::Ready(page, _) if page.items.is_empty() => html! { <p class="muted">{ t.no_results }</p> },
                    Load::Ready(page, _) => html! {
                        <ul class="matches" id={format!("{id}-matches")}>
                            { for page.items.iter().map(|n| html! {
                                <li><button type="button" onclick={pick(n)}>{ n.label() }</button></li>
                            }) }
                        </ul>
                    },
                    Load::Loading => html! { <Loading /> },
                    Load::Failed(f) => html! { <FailureNotice failure={f} /> },
                } }
            }
        </div>
    }
}
