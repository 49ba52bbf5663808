//! The audit log: who did what, when, to which record.

use crate::api::{use_get, Load};
use crate::components::{FailureNotice, Loading, Pager, ScrollRegion};
use crate::form::{on_input, on_select, on_value};
use crate::i18n::{self, use_texts};
use crate::services;
use crate::url_query::use_url_query;
use yew::prelude::*;
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
                        <option value="">{ t.all }</option>
                        { for ["sign_in", "sign_in_failed", "sign_out", "create", "update", "delete", "export"].iter().map(|a| html! { <option value={*a}>{ *a }</option> }) }
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
                                        <td>{ format!("{} {} UTC", i18n::date(e.at.date_naive()), i18n::time(e.at.time())) }</td>
                                        <td>{ e.account_email.clone().or(e.account_id.map(|id| format!("#{id}"))).unwrap_or_else(|| t.none.into()) }</td>
                                        <td>{ &e.action }</td>
                                        <td><code>{ &e.route }</code></td>
                                        <td>{ e.record.clone().unwrap_or_default() }</td>
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
