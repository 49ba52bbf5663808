//! Mentors and trainers: list with filters (`mod.rs`), detail with status and consent history
//! (`detail.rs`), create/edit (`editor.rs`). Personal data: every page here needs a signed-in
//! staff account.

mod detail;
mod editor;

pub use detail::PersonDetail;
pub use editor::PersonEditor;

use crate::api::{use_get, use_maybe_get, Load};
use crate::components::{FailureNotice, Loading, Pager, ScrollRegion};
use crate::form::{on_input, on_select, on_value};
use crate::i18n::{use_lang, use_texts, Labelled, Lang, Texts};
use crate::route::Route;
use crate::services;
use crate::session::use_session;
use crate::url_query::use_url_query;
use shared::people::{MentorStatus, Person};
use yew::prelude::*;
use yew_router::prelude::*;
const PAGE_SIZE: i64 = 25;

pub(super) fn full_name(p: &Person) -> String {
    format!("{} {}", p.given_name, p.family_name)
}

pub(super) fn date(t: &chrono::DateTime<chrono::Utc>) -> String {
    crate::i18n::date(t.date_naive())
}

pub(super) fn sign_in_notice(t: &Texts) -> Html {
    html! { <div class="notice">{ t.people_sign_in }{ " " }<Link<Route> to={Route::Login}>{ t.sign_in }</Link<Route>></div> }
}

/// The list's filters and page, kept in the address.
#[derive(Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
struct ListFilter {
    #[serde(skip_serializing_if = "String::is_empty")]
    role: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    status: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    district: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    field: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    language: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    q: String,
    #[serde(skip_serializing_if = "crate::url_query::is_first")]
    offset: i64,
}

impl ListFilter {
    /// What the API is asked: a language filters once it is a whole two-letter code.
    fn request(&self) -> ListFilter {
        let mut request = self.clone();
        if request.language.trim().len() != 2 {
            request.language.clear();
        }
        request
    }
}

#[function_component]
pub fn PeopleList() -> Html {
    let t = use_texts();
    let lang = use_lang();
    let session = use_session();
    let filter = use_url_query::<ListFilter>();
    let (page, reload) = use_maybe_get(
        session
            .is_some()
            .then(|| services::people::list(&filter.0.request(), PAGE_SIZE)),
    );
    let (districts, _) = use_get(services::reference::districts());
    let (fields, _) = use_get(services::reference::fields(false));
    let staff = matches!(
        session.as_ref().map(|s| s.account.role),
        Some(shared::auth::Role::Admin | shared::auth::Role::Staff)
    );
    let (erasures, _) = use_maybe_get(staff.then(services::people::erasure_requests));
    if session.is_none() {
        return html! { <><h1>{ t.people_title }</h1>{ sign_in_notice(t) }</> };
    }
    let set_page = on_value(&filter, |f, offset: i64| f.offset = offset);
    html! {
        <>
            <h1>{ t.people_title }</h1>
            if staff {
                <div class="actions"><Link<Route> to={Route::NewPerson} classes="button primary">{ t.people_new }</Link<Route>></div>
            }
            if let Load::Ready(requests, _) = &erasures {
                if !requests.is_empty() {
                    <div class="notice" id="erasure-requests"><strong>{ t.erasure_requests }</strong>
                        <ul>{ for requests.iter().map(|r| html! {
                            <li><Link<Route> to={Route::Person { id: r.person_id }}>{ format!("{} {}", r.given_name, r.family_name) }</Link<Route>>
                                { " · " }{ crate::i18n::date(r.requested_at.date_naive()) }
                                if let Some(reason) = &r.retention { { " · " }<em>{ reason }</em> }
                            </li>
                        }) }</ul>
                    </div>
                }
            }
            <form class="filters" role="search" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label>{ t.search }
                    <input type="search" id="people-search" placeholder={t.people_search_hint} value={filter.0.q.clone()}
                        oninput={on_input(&filter, |f, v| { f.q = v; f.offset = 0; })} />
                </label>
                <label>{ t.role }
                    <select id="people-role" onchange={on_select(&filter, |f, v| { f.role = v; f.offset = 0; })}>
                        <option value="">{ t.all }</option>
                        <option value="mentor">{ t.role_mentor }</option>
                        <option value="trainer">{ t.role_trainer }</option>
                    </select>
                </label>
                <label>{ t.status }
                    <select id="people-status" onchange={on_select(&filter, |f, v| { f.status = v; f.offset = 0; })}>
                        <option value="">{ t.all }</option>
                        { for MentorStatus::ALL.iter().map(|s| html! { <option value={s.code()}>{ s.label(lang) }</option> }) }
                    </select>
                </label>
                <label>{ t.org_district }
                    <select id="people-district" onchange={on_select(&filter, |f, v| { f.district = v; f.offset = 0; })}>
                        <option value="">{ t.all }</option>
                        { match &districts { Load::Ready(ds, _) => ds.iter().map(|d| html! { <option value={d.key.to_string()}>{ &d.label }</option> }).collect::<Html>(), _ => html! {} } }
                    </select>
                </label>
                <label>{ t.org_fields }
                    <select id="people-field" onchange={on_select(&filter, |f, v| { f.field = v; f.offset = 0; })}>
                        <option value="">{ t.all }</option>
                        { match &fields { Load::Ready(fs, _) => fs.iter().map(|f| html! { <option value={f.id.to_string()}>{ if lang == Lang::De { &f.name_de } else { &f.name_en } }</option> }).collect::<Html>(), _ => html! {} } }
                    </select>
                </label>
                <label>{ t.languages }
                    <select id="people-language" onchange={on_select(&filter, |f, v| { f.language = v; f.offset = 0; })}>
                        <option value="" selected={filter.0.language.is_empty()}>{ t.all }</option>
                        { for shared::languages::by_name(lang == Lang::De).into_iter().map(|(code, name)| html! {
                            <option value={code} selected={filter.0.language == code}>{ name }</option>
                        }) }
                    </select>
                </label>
            </form>
            { match page {
                Load::Loading => html! { <Loading /> },
                Load::Failed(f) => html! { <FailureNotice failure={f} retry={Some(reload)} /> },
                Load::Ready(page, _) if page.items.is_empty() => html! { <p class="empty">{ t.people_empty }</p> },
                Load::Ready(page, _) => html! {
                    <>
                        <ScrollRegion label={t.nav_people}>
                        <table id="people">
                            <thead><tr><th scope="col">{ t.org_name }</th><th scope="col">{ t.role }</th><th scope="col">{ t.active_in }</th><th scope="col">{ t.consent }</th></tr></thead>
                            <tbody>{ for page.items.iter().map(|p| html! {
                                <tr>
                                    <td><Link<Route> to={Route::Person { id: p.id }}>{ format!("{}, {}", p.family_name, p.given_name) }</Link<Route>></td>
                                    <td>
                                        if let Some(m) = &p.mentor { <span class="tag">{ t.role_mentor }{ " · " }{ m.status.label(lang) }</span> }
                                        if let Some(tr) = &p.trainer { <span class="tag">{ t.role_trainer }{ " · " }{ tr.kind.label(lang) }</span> }
                                    </td>
                                    <td>{ p.mentor.as_ref().map(|m| m.municipalities.iter().map(|r| r.name.clone()).collect::<Vec<_>>().join(", ")).unwrap_or_default() }</td>
                                    <td>{ match &p.mentor {
                                        Some(m) if m.listed => html! { <span class="badge public">{ m.consent.level.label(lang) }</span> },
                                        Some(m) => html! { <span class="badge private">{ m.consent.level.label(lang) }</span> },
                                        None => html! { t.none },
                                    } }</td>
                                </tr>
                            }) }</tbody>
                        </table>
                        </ScrollRegion>
                        <Pager offset={page.offset} limit={PAGE_SIZE} shown={page.items.len() as i64} total={page.total} on_page={set_page.clone()} />
                    </>
                },
            } }
        </>
    }
}
