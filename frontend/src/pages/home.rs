//! Start page: what Mentorat is, and a few figures.

use crate::api::{use_get, Load};
use crate::i18n::use_texts;
use crate::route::Route;
use crate::services;
use yew::prelude::*;
use yew_router::prelude::*;

#[function_component]
pub fn Home() -> Html {
    let t = use_texts();
    let (orgs, _) = use_get(services::organisations::first(1));
    let (fields, _) = use_get(services::reference::fields(false));
    let (districts, _) = use_get(services::reference::districts());
    let figure = |value: Option<i64>| match value {
        Some(v) => html! { <div class="stat">{ v }</div> },
        None => html! { <div class="stat muted" aria-busy="true">{ "…" }</div> },
    };
    let orgs = match orgs {
        Load::Ready(p, _) => Some(p.total),
        _ => None,
    };
    let fields = match fields {
        Load::Ready(f, _) => Some(f.len() as i64),
        _ => None,
    };
    let municipalities = match districts {
        Load::Ready(d, _) => Some(d.iter().map(|d| d.municipality_count).sum()),
        _ => None,
    };
    html! {
        <>
            <h1>{ t.home_title }</h1>
            <p class="card">{ t.home_intro }</p>
            <p><Link<Route> to={Route::CourseFinder} classes="button primary">{ t.home_find_course }</Link<Route>></p>
            <div class="grid">
                <Link<Route> to={Route::Organisations} classes="card">{ figure(orgs) }{ t.home_orgs }</Link<Route>>
                <Link<Route> to={Route::Fields} classes="card">{ figure(fields) }{ t.home_fields }</Link<Route>>
                <Link<Route> to={Route::Districts} classes="card">{ figure(municipalities) }{ t.home_municipalities }</Link<Route>>
            </div>
        </>
    }
}
