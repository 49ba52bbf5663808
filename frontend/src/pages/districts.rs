//! Districts of Baden-Württemberg and their municipalities.

use crate::api::{use_get, Load};
use crate::components::{FailureNotice, Loading, ScrollRegion};
use crate::i18n::{use_lang, use_texts, Labelled};
use crate::route::Route;
use crate::services;
use yew::prelude::*;
use yew_router::prelude::*;

#[function_component]
pub fn Districts() -> Html {
    let t = use_texts();
    let lang = use_lang();
    let (districts, reload) = use_get(services::reference::districts());
    html! {
        <>
            <h1>{ t.districts_title }</h1>
            <p>{ t.districts_intro }</p>
            { match districts {
                Load::Loading => html! { <Loading /> },
                Load::Failed(f) => html! { <FailureNotice failure={f} retry={Some(reload)} /> },
                Load::Ready(list, _) => html! {
                    <ScrollRegion label={t.nav_districts}>
                    <table id="districts">
                        <thead><tr><th scope="col">{ t.district_key }</th><th scope="col">{ t.org_district }</th><th scope="col">{ t.district_kind }</th><th scope="col">{ t.district_region }</th><th scope="col">{ t.district_count }</th></tr></thead>
                        <tbody>
                        { for list.iter().map(|d| html! {
                            <tr>
                                <td>{ d.key.to_string() }</td>
                                <td><Link<Route> to={Route::District { key: d.key.to_string() }}>{ &d.label }</Link<Route>></td>
                                <td>{ d.kind.label(lang) }</td>
                                <td>{ &d.region }</td>
                                <td>{ d.municipality_count }</td>
                            </tr>
                        }) }
                        </tbody>
                    </table>
                    </ScrollRegion>
                },
            } }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct DistrictProps {
    pub district_key: String,
}

#[function_component]
pub fn DistrictDetail(props: &DistrictProps) -> Html {
    let t = use_texts();
    let lang = use_lang();
    let (district, reload) = use_get(services::reference::district(&props.district_key));
    let (municipalities, _) = use_get(services::reference::municipalities_of(&props.district_key));
    let district = match district {
        Load::Loading => return html! { <Loading /> },
        Load::Failed(f) => return html! { <FailureNotice failure={f} retry={Some(reload)} /> },
        Load::Ready(d, _) => d,
    };
    html! {
        <>
            <p><Link<Route> to={Route::Districts}>{ "← " }{ t.districts_title }</Link<Route>></p>
            <h1>{ format!("{} {}", district.kind.label(lang), district.name) }</h1>
            <div class="card"><dl class="facts">
                <dt>{ t.district_key }</dt><dd>{ district.key.to_string() }</dd>
                <dt>{ t.district_region }</dt><dd>{ &district.region }</dd>
            </dl></div>
            <h2>{ t.municipalities_of }</h2>
            { match municipalities {
                Load::Loading => html! { <Loading /> },
                Load::Failed(f) => html! { <FailureNotice failure={f} /> },
                Load::Ready(page, _) if page.items.is_empty() => html! { <p class="empty">{ t.municipalities_empty }</p> },
                Load::Ready(page, _) => html! {
                    <ScrollRegion label={t.municipalities_of}>
                    <table>
                        <thead><tr><th scope="col">{ t.ags }</th><th scope="col">{ t.org_municipality }</th><th scope="col">{ t.district_kind }</th><th scope="col">{ t.population }</th></tr></thead>
                        <tbody>{ for page.items.iter().map(|m| html! {
                            <tr><td>{ m.ags.to_string() }</td><td>{ &m.name }</td><td>{ &m.kind }</td><td>{ m.population.map(|p| p.to_string()).unwrap_or_default() }</td></tr>
                        }) }</tbody>
                    </table>
                    </ScrollRegion>
                },
            } }
        </>
    }
}
