//! The audit log: who did what, when, to which record.

use crate::api::{use_get, Load};
use crate::components::{FailureNotice, Loading, Pager, ScrollRegion};
use crate::form::{on_input, on_select, on_value};
use crate::i18n::{self, use_texts, Texts};
use crate::route::Route;
use crate::services;
use crate::url_query::use_url_query;
use yew::prelude::*;
use yew_router::prelude::*;

/// The log's filters and page, kept in the address and sent to the API as they are.
#[derive(Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
struct AuditFilter {
    #[serde(skip_serializing_if = "String::is_empty")]
    action: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    record: String,
    #[serde(skip_serializing_if = "crate::url_query::is_first")]
    offset: i64,
}

const AUDIT_PAGE: i64 = 50;

/// The actions the log records, by their stored code.
const ACTIONS: [&str; 7] = [
    "sign_in",
    "sign_in_failed",
    "sign_out",
    "create",
    "update",
    "delete",
    "export",
];

/// An action's name in the UI language; an unknown code as it is.
fn action_label<'a>(code: &'a str, t: &'static Texts) -> &'a str {
    match code {
        "sign_in" => t.audit_sign_in,
        "sign_in_failed" => t.audit_sign_in_failed,
        "sign_out" => t.audit_sign_out,
        "create" => t.audit_create,
        "update" => t.audit_update,
        "delete" => t.audit_delete,
        "export" => t.audit_export,
        other => other,
    }
}

/// A record's address (`people/17`) as words, linked to its page where the app has one.
fn record_cell(record: &str, t: &'static Texts) -> Html {
    let (kind, id) = record.split_once('/').unwrap_or((record, ""));
    let id_number = id.parse::<i64>().ok();
    let (label, route) = match (kind, id_number) {
        ("people", Some(id)) => (t.audit_record_person, Some(Route::Person { id })),
        ("organisations", Some(id)) => (
            t.audit_record_organisation,
            Some(Route::Organisation { id }),
        ),
        ("courses", Some(id)) => (t.audit_record_course, Some(Route::Course { id })),
        _ => return html! { <code>{ record }</code> },
    };
    let text = format!("{label} {id}");
    match route {
        Some(to) => html! { <Link<Route> {to}>{ text }</Link<Route>> },
        None => html! { text },
    }
}

#[function_component]
pub fn AuditLog() -> Html {
    let t = use_texts();
    let filter = use_url_query::<AuditFilter>();
    let (page, reload) = use_get(services::accounts::audit(&*filter.0, AUDIT_PAGE));
    let set_page = on_value(&filter, |f, offset: i64| f.offset = offset);
    html! {
        <>
            <h1>{ t.audit_title }</h1>
            <form class="filters" role="search" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label>{ t.audit_action }
                    <select id="audit-action" onchange={on_select(&filter, |f, v| { f.action = v; f.offset = 0; })}>
                        <option value="" selected={filter.0.action.is_empty()}>{ t.all }</option>
                        { for ACTIONS.iter().map(|a| html! { <option value={*a} selected={filter.0.action == *a}>{ action_label(a, t) }</option> }) }
                    </select>
                </label>
                <label>{ t.audit_record }
                    <input type="search" id="audit-record" placeholder="people/17" value={filter.0.record.clone()} oninput={on_input(&filter, |f, v| { f.record = v; f.offset = 0; })} />
                </label>
            </form>
            { match page {
                Load::Loading => html! { <Loading /> },
                Load::Failed(f) => html! { <FailureNotice failure={f} retry={Some(reload)} /> },
                Load::Ready(page, _) if page.items.is_empty() => html! { <p class="empty">{ t.audit_empty }</p> },
                Load::Ready(page, _) => html! {
                    <>
                        <ScrollRegion label={t.audit_title}>
                        <table id="audit">
                            <thead><tr><th scope="col">{ t.audit_when }</th><th scope="col">{ t.audit_who }</th><th scope="col">{ t.audit_action }</th>
                                <th scope="col">{ t.audit_route }</th><th scope="col">{ t.audit_record }</th></tr></thead>
                            <tbody>
                                { for page.items.iter().map(|e| html! {
                                    <tr>
                                        <td>{ i18n::berlin_date_time(e.at) }</td>
                                        <td>{ e.account_email.clone().or(e.account_id.map(|id| format!("#{id}"))).unwrap_or_else(|| t.none.into()) }</td>
                                        <td>{ action_label(&e.action, t) }</td>
                                        <td><code>{ &e.route }</code></td>
                                        <td>{ e.record.as_deref().map(|r| record_cell(r, t)).unwrap_or_default() }</td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                        </ScrollRegion>
                        <Pager offset={page.offset} limit={AUDIT_PAGE} shown={page.items.len() as i64} total={page.total} on_page={set_page} />
                    </>
                },
            } }
        </>
    }
}
