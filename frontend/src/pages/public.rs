//! Preview of the public mentor listing, as a municipality's web site receives it.

use crate::api::{use_get, use_maybe_get, Load};
use crate::components::{FailureNotice, Loading};
use crate::form::{on_select, Form};
use crate::i18n::{use_lang, use_texts, Lang};
use crate::services;
use yew::prelude::*;

#[derive(Clone, PartialEq, Default)]
struct Choice {
    district: String,
    municipality: String,
}

impl Choice {
    /// The chosen area as query parameters (empty for the whole state).
    fn query(&self) -> String {
        if !self.municipality.is_empty() {
            format!("municipality={}", self.municipality)
        } else if !self.district.is_empty() {
            format!("district={}", self.district)
        } else {
            String::new()
        }
    }
}

#[function_component]
pub fn PublicPreview() -> Html {
    let t = use_texts();
    let lang = use_lang();
    let choice = use_reducer(Form::<Choice>::default);
    let query = choice.0.query();
    let (listing, reload) = use_get(services::public::mentors(&query, 100));
    let (districts, _) = use_get(services::reference::districts());
    let district = choice.0.district.clone();
    let (municipalities, _) = use_maybe_get(
        (!district.is_empty()).then(|| services::reference::municipalities_of(&district)),
    );
    html! {
        <>
            <h1>{ t.public_title }</h1>
            <p>{ t.public_intro }</p>
            <form class="filters" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label>{ t.org_district }
                    <select id="public-district" onchange={on_select(&choice, |c, v| { c.district = v; c.municipality.clear(); })}>
                        <option value="">{ t.all }</option>
                        { match &districts { Load::Ready(ds, _) => ds.iter().map(|d| html! {
                            <option value={d.key.to_string()} selected={choice.0.district == d.key.as_str()}>{ &d.label }</option>
                        }).collect::<Html>(), _ => html! {} } }
                    </select>
                </label>
                <label>{ t.org_municipality }
                    <select id="public-municipality" disabled={choice.0.district.is_empty()} onchange={on_select(&choice, |c, v| c.municipality = v)}>
                        <option value="">{ t.all }</option>
                        { match &municipalities { Load::Ready(page, _) if !choice.0.district.is_empty() => page.items.iter().map(|m| html! {
                            <option value={m.ags.to_string()} selected={choice.0.municipality == m.ags.as_str()}>{ &m.name }</option>
                        }).collect::<Html>(), _ => html! {} } }
                    </select>
                </label>
                <a class="button" id="public-csv" href={services::public::mentors_csv_url(&query)} download="mentorinnen.csv">{ t.public_csv }</a>
                <a class="button" id="public-embed" href="/einbetten">{ t.public_embed }</a>
            </form>
            { match listing {
                Load::Loading => html! { <Loading /> },
                Load::Failed(f) => html! { <FailureNotice failure={f} retry={Some(reload)} /> },
                Load::Ready(page, _) if page.items.is_empty() => html! { <p class="empty">{ t.public_empty }</p> },
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
