//! Preview of the public mentor listing, as a municipality's web site receives it.

use crate::api::{use_get, Load};
use crate::components::{AreaFilter, FailureNotice, Loading};
use crate::form::{on_input, on_value, Form};
use crate::i18n::{use_lang, use_texts, Lang};
use crate::services;
use yew::prelude::*;

#[derive(Clone, PartialEq, Default)]
struct Choice {
    district: String,
    municipality: String,
    /// Part of a name, as typed.
    name: String,
}

impl Choice {
    /// The chosen area and name as query parameters (empty for the whole state).
    fn query(&self) -> String {
        let area = if !self.municipality.is_empty() {
            Some(format!("municipality={}", self.municipality))
        } else if !self.district.is_empty() {
            Some(format!("district={}", self.district))
        } else {
            None
        };
        let name = Some(self.name.trim())
            .filter(|n| !n.is_empty())
            .map(|n| format!("q={}", services::encode(n)));
        [area, name]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("&")
    }
}

#[function_component]
pub fn PublicPreview() -> Html {
    let t = use_texts();
    let lang = use_lang();
    let choice = use_reducer(Form::<Choice>::default);
    let query = choice.0.query();
    let (listing, reload) = use_get(services::public::mentors(&query, 100));
    html! {
        <>
            <h1>{ t.public_title }</h1>
            <p>{ t.public_intro }</p>
            <form class="filters" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <AreaFilter id="public" district={choice.0.district.clone()} municipality={choice.0.municipality.clone()}
                    onchange={on_value(&choice, |c, (district, municipality)| { c.district = district; c.municipality = municipality; })} />
                <label class="field" for="public-name"><span>{ t.public_name }</span>
                    <input id="public-name" type="search" autocomplete="off" value={choice.0.name.clone()}
                        oninput={on_input(&choice, |c, v| c.name = v)} />
                </label>
                <a class="button" id="public-csv" href={services::public::mentors_csv_url(&query)} download="mentorinnen.csv">{ t.public_csv }</a>
                <a class="button" id="public-embed" href="/einbetten">{ t.public_embed }</a>
            </form>
            <p class="muted" id="public-count" aria-live="polite">{ match &listing {
                Load::Ready(page, _) => format!("{} {}", page.total, t.public_found),
                _ => String::new(),
            } }</p>
            { match listing {
                Load::Loading => html! { <Loading /> },
                Load::Failed(f) => html! { <FailureNotice failure={f} retry={Some(reload)} /> },
                Load::Ready(page, _) if page.items.is_empty() => html! { <p class="empty">{
                    if choice.0.name.trim().is_empty() { t.public_empty } else { t.public_no_name }
                }</p> },
                Load::Ready(page, _) => html! {
                    <div class="mentor-cards" id="public-mentors">
                        { for page.items.iter().map(|m| html! {
                            <article class="card">
                                <h2>{ format!("{} {}", m.given_name.clone().unwrap_or_default(), m.family_name.clone().unwrap_or_default()) }</h2>
                                <p class="muted">{ m.municipalities.iter().flatten().map(|r| r.name.clone()).collect::<Vec<_>>().join(", ") }</p>
                                <p>{ for m.fields.iter().flatten().map(|f| html! { <span class="tag">{ if lang == Lang::De { &f.name_de } else { &f.name_en } }</span> }) }</p>
                                if let Some(email) = &m.email { <p><a href={format!("mailto:{email}")}>{ email }</a></p> }
                                if let Some(phone) = &m.phone { <p>{ phone }</p> }
                            </article>
                        }) }
                    </div>
                },
            } }
        </>
    }
}
