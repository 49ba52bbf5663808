//! Picks a municipality by district, then name, and names a chosen one with its district.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MunicipalityPickerProps {
    /// Id of the municipality select; the district select gets `<id>-district`.
    pub id: AttrValue,
    pub label: AttrValue,
    /// AGS of the chosen municipality.
    pub value: Option<String>,
    pub onchange: Callback<Option<String>>,
    #[prop_or_default]
    pub error: Option<String>,
}

/// Chooses a municipality in two steps: the district, then one of its municipalities.
#[function_component]
pub fn MunicipalityPicker(props: &MunicipalityPickerProps) -> Html {
    use crate::api::{use_get, use_maybe_get, Load};

    let t = crate::i18n::use_texts();
    let district = use_state(|| {
        props
            .value
            .as_deref()
            .map(|a| a[..5.min(a.len())].to_owned())
            .unwrap_or_default()
    });
    {
        // A value set from outside (a record that loaded) brings its district along.
        let district = district.clone();
        use_effect_with(props.value.clone(), move |value| {
            if let Some(ags) = value.as_deref().filter(|a| a.len() == 8) {
                if !ags.starts_with(district.as_str()) || district.is_empty() {
                    district.set(ags[..5].to_owned());
                }
            }
        });
    }
    let (districts, _) = use_get(crate::services::reference::districts());
    let (municipalities, _) = use_maybe_get(
        (!district.is_empty()).then(|| crate::services::reference::municipalities_of(&district)),
    );
    let on_district = {
        let (district, onchange) = (district.clone(), props.onchange.clone());
        Callback::from(move |e: Event| {
            district.set(e.target_unchecked_into::<HtmlSelectElement>().value());
            onchange.emit(None);
        })
    };
    let on_municipality = {
        let onchange = props.onchange.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            onchange.emit((!v.is_empty()).then_some(v));
        })
    };
    let id = props.id.to_string();
    html! {
        <div class="row2">
            <label class="field" for={format!("{id}-district")}><span>{ t.org_district }</span>
                <select id={format!("{id}-district")} onchange={on_district}>
                    <option value="" selected={district.is_empty()}>{ t.org_no_municipality }</option>
                    { match &districts { Load::Ready(ds, _) => ds.iter().map(|d| html! {
                        <option value={d.key.to_string()} selected={*district == d.key.as_str()}>{ &d.label }</option>
                    }).collect::<Html>(), _ => html! {} } }
                </select>
            </label>
            <label class="field" for={id.clone()}><span>{ &props.label }</span>
                <select id={id.clone()} disabled={district.is_empty()} onchange={on_municipality}
                    aria-invalid={if props.error.is_some() { "true" } else { "false" }}>
                    <option value="" selected={props.value.is_none()}>{ if district.is_empty() { t.org_choose_district } else { t.org_no_municipality } }</option>
                    { match &municipalities { Load::Ready(page, _) => page.items.iter().map(|m| html! {
                        <option value={m.ags.to_string()} selected={props.value.as_deref() == Some(m.ags.as_str())}>{ &m.name }</option>
                    }).collect::<Html>(), _ => html! {} } }
                </select>
                if let Some(message) = &props.error { <div class="error-text">{ message }</div> }
            </label>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct MunicipalityNameProps {
    pub ags: AttrValue,
}

/// A municipality as people know it: "Eppingen (Landkreis Heilbronn)", not its key.
#[function_component]
pub fn MunicipalityName(props: &MunicipalityNameProps) -> Html {
    use crate::api::{use_get, Load};
    use crate::i18n::Labelled;

    let lang = crate::i18n::use_lang();
    let (municipality, _) = use_get(crate::services::reference::municipality(&props.ags));
    let (districts, _) = use_get(crate::services::reference::districts());
    let Load::Ready(m, _) = municipality else {
        return html! { <span aria-busy="true">{ "…" }</span> };
    };
    let kind = match &districts {
        Load::Ready(ds, _) => ds
            .iter()
            .find(|d| d.key == m.district_key)
            .map(|d| d.kind.label(lang)),
        _ => None,
    };
    let district = match kind {
        Some(kind) => format!("{kind} {}", m.district_name),
        None => m.district_name.clone(),
    };
    html! { <span class="municipality-name">{ &m.name }{ " " }<span class="muted">{ format!("({district})") }</span></span> }
}
