//! Form helpers: a reducer that edits the latest form state (so quick typing loses nothing),
//! and labelled inputs that show the server's message for their field.

use crate::api::ApiFailure;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Form state of type `T`, changed by [`Edit`] actions.
#[derive(Clone, PartialEq, Default)]
pub struct Form<T>(pub T);

/// An edit of the form state.
pub struct Edit<T>(pub Rc<dyn Fn(&mut T)>);

impl<T: Clone> Reducible for Form<T> {
    type Action = Edit<T>;
    fn reduce(self: Rc<Self>, action: Edit<T>) -> Rc<Self> {
        let mut next = self.0.clone();
        (action.0)(&mut next);
        Rc::new(Form(next))
    }
}

/// A callback for an `<input>` that stores its value with `set`.
pub fn on_input<T: Clone + 'static>(
    form: &UseReducerHandle<Form<T>>,
    set: fn(&mut T, String),
) -> Callback<InputEvent> {
    let form = form.clone();
    Callback::from(move |e: InputEvent| {
        let value = e.target_unchecked_into::<HtmlInputElement>().value();
        form.dispatch(Edit(Rc::new(move |t: &mut T| set(t, value.clone()))));
    })
}

/// A callback for a `<select>` that stores its value with `set`.
pub fn on_select<T: Clone + 'static>(
    form: &UseReducerHandle<Form<T>>,
    set: fn(&mut T, String),
) -> Callback<Event> {
    let form = form.clone();
    Callback::from(move |e: Event| {
        let value = e.target_unchecked_into::<HtmlSelectElement>().value();
        form.dispatch(Edit(Rc::new(move |t: &mut T| set(t, value.clone()))));
    })
}

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
}

/// A labelled input with its server-side error message, linked for screen readers.
#[function_component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let lang = crate::i18n::use_lang();
    let error = props
        .failure
        .as_ref()
        .and_then(|f| f.field(&props.name, lang));
    let id = props.name.replace('.', "-");
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

/// A loading indicator, and an error box with a retry button.
#[derive(Properties, PartialEq)]
pub struct FailureProps {
    pub failure: ApiFailure,
    #[prop_or_default]
    pub retry: Option<Callback<()>>,
}

#[function_component]
pub fn FailureNotice(props: &FailureProps) -> Html {
    let (t, lang) = (crate::i18n::use_texts(), crate::i18n::use_lang());
    html! {
        <div class="notice error" role="alert">
            <strong>{ t.load_failed }{ ": " }</strong>{ props.failure.message(lang) }
            if let Some(retry) = props.retry.clone() {
                { " " }<button onclick={move |_| retry.emit(())}>{ t.retry }</button>
            }
        </div>
    }
}

/// An error answer as an alert in the user's language; children add particulars.
#[derive(Properties, PartialEq)]
pub struct ErrorNoticeProps {
    pub failure: ApiFailure,
    #[prop_or_default]
    pub children: Html,
}

#[function_component]
pub fn ErrorNotice(props: &ErrorNoticeProps) -> Html {
    let lang = crate::i18n::use_lang();
    html! {
        <div class="notice error" role="alert">{ props.failure.message(lang) }{ props.children.clone() }</div>
    }
}

#[function_component]
pub fn Loading() -> Html {
    let t = crate::i18n::use_texts();
    html! { <div class="loading" role="status">{ t.loading }</div> }
}

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
    use shared::reference::{District, Municipality};
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
    let (districts, _) = use_get::<Vec<District>>("/districts".into());
    let (municipalities, _) = use_maybe_get::<shared::Page<Municipality>>(
        (!district.is_empty()).then(|| format!("/municipalities?limit=200&district={}", *district)),
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
pub struct PagerProps {
    pub offset: i64,
    pub limit: i64,
    /// Items on this page.
    pub shown: i64,
    pub total: i64,
    /// Called with the offset of the page to show.
    pub on_page: Callback<i64>,
}

/// Previous/next buttons and "1–25 von 120".
#[function_component]
pub fn Pager(props: &PagerProps) -> Html {
    let t = crate::i18n::use_texts();
    let go = |offset: i64| {
        let on_page = props.on_page.clone();
        Callback::from(move |_| on_page.emit(offset))
    };
    html! {
        <div class="pager">
            <button disabled={props.offset == 0} onclick={go((props.offset - props.limit).max(0))}>{ t.previous }</button>
            <span aria-live="polite">{ format!("{}–{} {} {}", props.offset + 1, props.offset + props.shown, t.of, props.total) }</span>
            <button disabled={props.offset + props.limit >= props.total} onclick={go(props.offset + props.limit)}>{ t.next }</button>
        </div>
    }
}

/// Any record with an id and a name, as the search lists of people and organisations give it.
#[derive(Clone, PartialEq, serde::Deserialize)]
struct Named {
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
    fn label(&self) -> String {
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
    /// List endpoint with its fixed filters, e.g. `/people?role=trainer`; `q` and `limit` are added.
    pub path: AttrValue,
    /// Called with the id and name of the chosen record.
    pub onpick: Callback<(i64, String)>,
    #[prop_or_default]
    pub error: Option<String>,
}

/// Finds a person or organisation by typing part of its name, and picks one of the matches.
#[function_component]
pub fn SearchPicker(props: &SearchPickerProps) -> Html {
    use crate::api::{encode, use_maybe_get, Load};
    let t = crate::i18n::use_texts();
    let query = use_state(String::new);
    let separator = if props.path.contains('?') { '&' } else { '?' };
    let path = (query.trim().chars().count() >= 2).then(|| {
        format!(
            "{}{separator}limit=8&q={}",
            props.path,
            encode(query.trim())
        )
    });
    let (matches, _) = use_maybe_get::<shared::Page<Named>>(path.clone());
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
            if path.is_some() {
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

#[derive(Properties, PartialEq)]
pub struct RecordLinkProps {
    pub id: i64,
}

/// A link to a person, named once the record has loaded.
#[function_component]
pub fn PersonLink(props: &RecordLinkProps) -> Html {
    record_link(
        crate::api::use_get::<Named>(format!("/people/{}", props.id)).0,
        crate::route::Route::Person { id: props.id },
    )
}

/// A link to a partner organisation, named once the record has loaded.
#[function_component]
pub fn OrganisationLink(props: &RecordLinkProps) -> Html {
    record_link(
        crate::api::use_get::<Named>(format!("/organisations/{}", props.id)).0,
        crate::route::Route::Organisation { id: props.id },
    )
}

fn record_link(record: crate::api::Load<Named>, to: crate::route::Route) -> Html {
    use yew_router::prelude::Link;
    let label = match record {
        crate::api::Load::Ready(named, _) => named.label(),
        _ => "…".to_owned(),
    };
    html! { <Link<crate::route::Route> {to}>{ label }</Link<crate::route::Route>> }
}
