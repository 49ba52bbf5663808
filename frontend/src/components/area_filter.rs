//! Filters a list by area: a district, then optionally one of its municipalities.

use crate::api::{use_get, use_maybe_get, Load};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AreaFilterProps {
    /// Prefix of the selects' ids: `<id>-district` and `<id>-municipality`.
    pub id: AttrValue,
    /// The chosen district key and municipality AGS, empty for all.
    pub district: AttrValue,
    pub municipality: AttrValue,
    /// Called with the new (district, municipality); choosing a district clears the
    /// municipality.
    pub onchange: Callback<(String, String)>,
}

/// Two selects, "Kreis" and "Gemeinde" (enabled once a district is chosen), both "Alle" at first.
#[function_component]
pub fn AreaFilter(props: &AreaFilterProps) -> Html {
    let t = crate::i18n::use_texts();
    let (districts, _) = use_get(crate::services::reference::districts());
    let district = props.district.to_string();
    let (municipalities, _) = use_maybe_get(
        (!district.is_empty()).then(|| crate::services::reference::municipalities_of(&district)),
    );
    let value = |e: Event| e.target_unchecked_into::<HtmlSelectElement>().value();
    let on_district = props.onchange.reform(move |e| (value(e), String::new()));
    let on_municipality = {
        let district = district.clone();
        props.onchange.reform(move |e| (district.clone(), value(e)))
    };
    html! {
        <>
            <label>{ t.org_district }
                <select id={format!("{}-district", props.id)} onchange={on_district}>
                    <option value="" selected={district.is_empty()}>{ t.all }</option>
                    { match &districts { Load::Ready(ds, _) => ds.iter().map(|d| html! {
                        <option value={d.key.to_string()} selected={district == d.key.as_str()}>{ &d.label }</option>
                    }).collect::<Html>(), _ => html! {} } }
                </select>
            </label>
            <label>{ t.org_municipality }
                <select id={format!("{}-municipality", props.id)} disabled={district.is_empty()} onchange={on_municipality}>
                    <option value="" selected={props.municipality.is_empty()}>{ t.all }</option>
                    { match &municipalities { Load::Ready(page, _) if !district.is_empty() => page.items.iter().map(|m| html! {
                        <option value={m.ags.to_string()} selected={props.municipality == m.ags.as_str()}>{ &m.name }</option>
                    }).collect::<Html>(), _ => html! {} } }
                </select>
            </label>
        </>
    }
}
