//! The administration: accounts with roles, areas and person links, invitations, and the audit log.

use crate::api::{use_actions, use_get, Load};
use crate::components::{
    ErrorNotice, FailureNotice, Loading, Pager, PersonLink, SearchPicker, TextField,
};
use crate::form::{on_input, on_select, Edit, Form};
use crate::i18n::{self, use_lang, use_texts, Labelled};
use crate::route::Route;
use crate::services;
use crate::url_query::use_url_query;
use shared::accounts::{AccessInput, AccountDetail, InvitationCreated, InvitationInput};
use shared::auth::Role;
use shared::clients::{ApiClientInput, ClientCredentials, ClientScope};
use std::rc::Rc;
use yew::prelude::*;
use yew_router::prelude::*;

fn areas_text(areas: &[String]) -> String {
    areas.join(", ")
}

fn split_areas(text: &str) -> Vec<String> {
    text.split([',', ';', ' '])
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Role, areas and person as the forms edit them.
#[derive(Clone, PartialEq)]
struct AccessDraft {
    role: Role,
    areas: String,
    person: Option<(i64, String)>,
}

impl Default for AccessDraft {
    fn default() -> Self {
        AccessDraft {
            role: Role::Staff,
            areas: String::new(),
            person: None,
        }
    }
}

impl AccessDraft {
    fn input(&self) -> AccessInput {
        AccessInput {
            role: self.role,
            person_id: self.person.as_ref().map(|p| p.0),
            areas: split_areas(&self.areas),
        }
    }
}

#[derive(Properties, PartialEq)]
struct AccessFieldsProps {
    form: UseReducerHandle<Form<InviteDraft>>,
    failure: Option<crate::api::ApiFailure>,
}

#[derive(Clone, PartialEq, Default)]
struct InviteDraft {
    email: String,
    display_name: String,
    access: AccessDraft,
}

/// Role select, and the areas or the person the role needs.
#[function_component]
fn AccessFields(props: &AccessFieldsProps) -> Html {
    let t = use_texts();
    let lang = use_lang();
    let form = &props.form;
    let access = &form.0.access;
    let error_of = |name: &str| props.failure.as_ref().and_then(|f| f.field(name, lang));
    let pick = {
        let form = form.clone();
        Callback::from(move |choice: (i64, String)| {
            form.dispatch(Edit(Rc::new(move |d: &mut InviteDraft| {
                d.access.person = Some(choice.clone())
            })))
        })
    };
    let clear = {
        let form = form.clone();
        Callback::from(move |_| {
            form.dispatch(Edit(Rc::new(|d: &mut InviteDraft| d.access.person = None)))
        })
    };
    html! {
        <>
            <label class="field" for="invite-role"><span>{ t.admin_role }</span>
                <select id="invite-role" onchange={on_select(form, |d, v| if let Some(r) = Role::from_code(&v) { d.access.role = r })}>
                    { for Role::ALL.iter().map(|r| html! { <option value={r.code()} selected={access.role == *r}>{ r.label(lang) }</option> }) }
                </select>
            </label>
            if access.role == Role::Coordinator {
                <TextField name="areas" label={t.admin_areas} value={access.areas.clone()} oninput={on_input(form, |d, v| d.access.areas = v)} failure={props.failure.clone()} />
                <p class="muted">{ t.admin_areas_hint }</p>
            }
            if matches!(access.role, Role::Trainer | Role::Mentor) {
                { match &access.person {
                    Some((_, name)) => html! { <div class="field chosen" id="invite-person"><span class="label">{ t.admin_person }</span>{ name }{ " " }
                        <button type="button" class="small" onclick={clear}>{ t.remove }</button></div> },
                    None => html! { <SearchPicker id="invite-person" label={t.admin_person}
                        path={services::people::picker(Some(if access.role == Role::Trainer { "trainer" } else { "mentor" }))} onpick={pick} error={error_of("person_id")} /> },
                } }
            }
        </>
    }
}

#[function_component]
pub fn Accounts() -> Html {
    let t = use_texts();
    let lang = use_lang();
    let (accounts, reload_accounts) = use_get(services::accounts::list());
    let (invitations, reload_invitations) = use_get(services::accounts::invitations());
    let form = use_reducer(Form::<InviteDraft>::default);
    let created = use_state(|| None::<InvitationCreated>);
    let actions = use_actions();
    // The account whose access is being changed, and the form for it.
    // (id, version): the version goes back as If-Match, so no one's change is overwritten.
    let editing = use_state(|| None::<(i64, i64)>);
    let access_form = use_reducer(Form::<InviteDraft>::default);
    let edit = |a: &AccountDetail| {
        let (editing, access_form, id) = (editing.clone(), access_form.clone(), (a.id, a.version));
        let draft = AccessDraft {
            role: a.role,
            areas: areas_text(&a.areas),
            person: a.person_id.map(|p| (p, format!("#{p}"))),
        };
        Callback::from(move |_| {
            let draft = draft.clone();
            access_form.dispatch(Edit(Rc::new(move |d: &mut InviteDraft| {
                d.access = draft.clone()
            })));
            editing.set(Some(id));
        })
    };
    let save_access = {
        let (actions, editing, access_form, reload) = (
            actions.clone(),
            editing.clone(),
            access_form.clone(),
            reload_accounts.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some((id, version)) = *editing else {
                return;
            };
            let (editing, reload) = (editing.clone(), reload.clone());
            actions.run(
                services::accounts::update_access(id, version, &access_form.0.access.input()),
                move |_: AccountDetail| {
                    editing.set(None);
                    reload.emit(());
                },
            );
        })
    };
    let onsubmit = {
        let (form, actions, created, reload) = (
            form.clone(),
            actions.clone(),
            created.clone(),
            reload_invitations.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = InvitationInput {
                email: form.0.email.clone(),
                display_name: form.0.display_name.clone(),
                access: form.0.access.input(),
            };
            let (form, created, reload) = (form.clone(), created.clone(), reload.clone());
            actions.run(
                services::accounts::invite(&body),
                move |answer: InvitationCreated| {
                    created.set(Some(answer));
                    form.dispatch(Edit(Rc::new(|d: &mut InviteDraft| {
                        *d = InviteDraft::default()
                    })));
                    reload.emit(());
                },
            );
        })
    };
    let remove = |id: i64| {
        let (actions, reload) = (actions.clone(), reload_accounts.clone());
        Callback::from(move |_| {
            if web_sys::window()
                .and_then(|w| w.confirm_with_message(t.admin_remove_confirm).ok())
                .unwrap_or(false)
            {
                let reload = reload.clone();
                actions.run(services::accounts::remove(id), move |_| reload.emit(()));
            }
        })
    };
    let f = (*actions.failure).clone();
    html! {
        <>
            <h1>{ t.admin_title }</h1>
            <p><Link<Route> to={Route::AuditLog}>{ t.audit_title }</Link<Route>>{ " · " }<Link<Route> to={Route::Clients}>{ t.clients_title }</Link<Route>></p>
            if let Some(f) = &f {
                <ErrorNotice failure={f.clone()} />
            }
            <h2>{ t.admin_accounts }</h2>
            { match accounts {
                Load::Loading => html! { <Loading /> },
                Load::Failed(f) => html! { <FailureNotice failure={f} retry={Some(reload_accounts.clone())} /> },
                Load::Ready(list, _) => html! {
                    <table id="accounts">
                        <thead><tr><th scope="col">{ t.email }</th><th scope="col">{ t.admin_display_name }</th><th scope="col">{ t.admin_role }</th>
                            <th scope="col">{ t.admin_areas }{ " / " }{ t.admin_person }</th><th scope="col"><span class="visually-hidden">{ t.delete }</span></th></tr></thead>
                        <tbody>
                            { for list.iter().map(|a| html! {
                                <tr data-account={a.id.to_string()}>
                                    <td>{ &a.email }</td>
                                    <td>{ &a.display_name }</td>
                                    <td>{ a.role.label(lang) }</td>
                                    <td>{ areas_text(&a.areas) }{ match a.person_id { Some(id) => html! { <PersonLink {id} /> }, None => html! {} } }</td>
                                    <td class="row-actions">
                                        <button class="small" onclick={edit(a)}>{ t.admin_change }</button>
                                        <button class="small danger" onclick={remove(a.id)}>{ t.delete }</button>
                                    </td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                },
            } }
            if let Some((id, _)) = *editing {
                <form class="card" id="access-form" onsubmit={save_access} novalidate=true>
                    <h2>{ t.admin_change }{ " – #" }{ id }</h2>
                    <p class="muted">{ t.admin_change_hint }</p>
                    <AccessFields form={access_form.clone()} failure={f.clone()} />
                    <div class="actions">
                        <button class="primary" type="submit" disabled={*actions.busy}>{ t.save }</button>
                        <button type="button" onclick={{ let editing = editing.clone(); move |_| editing.set(None) }}>{ t.cancel }</button>
                    </div>
                </form>
            }
            // One access form at a time: the element ids are the same.
            if editing.is_none() {
            <form class="card" id="invite-form" {onsubmit} novalidate=true>
                <h2>{ t.admin_invite_title }</h2>
                <div class="row2">
                    <TextField name="email" kind="email" label={t.email} required=true value={form.0.email.clone()} oninput={on_input(&form, |d, v| d.email = v)} failure={f.clone()} />
                    <TextField name="display_name" label={t.admin_display_name} required=true value={form.0.display_name.clone()} oninput={on_input(&form, |d, v| d.display_name = v)} failure={f.clone()} />
                </div>
                <AccessFields form={form.clone()} failure={f.clone()} />
                <div class="actions"><button class="primary" type="submit" disabled={*actions.busy}>{ t.admin_invite }</button></div>
                if let Some(c) = &*created {
                    <div class="notice ok" role="status">{ t.admin_invite_link }<br/><code id="invitation-link">{ &c.link }</code></div>
                }
            </form>
            }
            <h2>{ t.admin_open_invitations }</h2>
            { match invitations {
                Load::Ready(list, _) if list.is_empty() => html! { <p class="empty">{ t.audit_empty }</p> },
                Load::Ready(list, _) => html! {
                    <table id="invitations">
                        <tbody>
                            { for list.iter().map(|i| html! {
                                <tr><td>{ &i.email }</td><td>{ i.role.label(lang) }</td><td>{ t.admin_valid_until }{ " " }{ i18n::date(i.expires_at.date_naive()) }</td></tr>
                            }) }
                        </tbody>
                    </table>
                },
                Load::Loading => html! { <Loading /> },
                Load::Failed(f) => html! { <FailureNotice failure={f} retry={Some(reload_invitations)} /> },
            } }
        </>
    }
}

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
    let set_page = {
        let filter = filter.clone();
        Callback::from(move |offset: i64| {
            filter.dispatch(Edit(Rc::new(move |f: &mut AuditFilter| f.offset = offset)))
        })
    };
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
                        <Pager offset={page.offset} limit={AUDIT_PAGE} shown={page.items.len() as i64} total={page.total} on_page={set_page} />
                    </>
                },
            } }
        </>
    }
}

#[derive(Clone, PartialEq, Default)]
struct ClientDraft {
    name: String,
    organisation: String,
    scopes: Vec<ClientScope>,
    rate_limit: String,
}

#[function_component]
pub fn Clients() -> Html {
    let t = use_texts();
    let lang = use_lang();
    let (clients, reload) = use_get(services::accounts::clients());
    let form = use_reducer(Form::<ClientDraft>::default);
    let shown = use_state(|| None::<ClientCredentials>);
    let actions = use_actions();
    let onsubmit = {
        let (form, actions, shown, reload) =
            (form.clone(), actions.clone(), shown.clone(), reload.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = ApiClientInput {
                name: form.0.name.clone(),
                organisation: Some(form.0.organisation.clone()).filter(|o| !o.trim().is_empty()),
                scopes: form.0.scopes.clone(),
                rate_limit: form.0.rate_limit.trim().parse().ok(),
            };
            let (form, shown, reload) = (form.clone(), shown.clone(), reload.clone());
            actions.run(
                services::accounts::create_client(&body),
                move |credentials: ClientCredentials| {
                    shown.set(Some(credentials));
                    form.dispatch(Edit(Rc::new(|d: &mut ClientDraft| {
                        *d = ClientDraft::default()
                    })));
                    reload.emit(());
                },
            );
        })
    };
    let rotate = |id: i64| {
        let (actions, shown) = (actions.clone(), shown.clone());
        Callback::from(move |_| {
            let shown = shown.clone();
            actions.run(services::accounts::rotate_secret(id), move |c| {
                shown.set(Some(c))
            });
        })
    };
    let revoke = |id: i64| {
        let (actions, reload) = (actions.clone(), reload.clone());
        Callback::from(move |_| {
            if web_sys::window()
                .and_then(|w| w.confirm_with_message(t.clients_revoke_confirm).ok())
                .unwrap_or(false)
            {
                let reload = reload.clone();
                actions.run(services::accounts::revoke_client(id), move |_| {
                    reload.emit(())
                });
            }
        })
    };
    let toggle = |scope: ClientScope| {
        let form = form.clone();
        Callback::from(move |_| {
            form.dispatch(Edit(Rc::new(move |d: &mut ClientDraft| {
                if let Some(i) = d.scopes.iter().position(|s| *s == scope) {
                    d.scopes.remove(i);
                } else {
                    d.scopes.push(scope);
                }
            })))
        })
    };
    let f = (*actions.failure).clone();
    html! {
        <>
            <h1>{ t.clients_title }</h1>
            <p class="muted">{ t.clients_intro }</p>
            if let Some(f) = &f { <ErrorNotice failure={f.clone()} /> }
            if let Some(c) = &*shown {
                <div class="notice ok" role="status">{ t.clients_secret }<br/>
                    <code id="client-id">{ format!("client_id={}", c.client_id) }</code><br/><code id="client-secret">{ format!("client_secret={}", c.client_secret) }</code></div>
            }
            { match clients {
                Load::Loading => html! { <Loading /> },
                Load::Failed(f) => html! { <FailureNotice failure={f} retry={Some(reload.clone())} /> },
                Load::Ready(list, _) if list.is_empty() => html! { <p class="empty">{ t.audit_empty }</p> },
                Load::Ready(list, _) => html! {
                    <table id="clients">
                        <thead><tr><th scope="col">{ t.clients_name }</th><th scope="col">{ t.clients_organisation }</th><th scope="col">{ t.clients_scopes }</th>
                            <th scope="col">{ t.clients_rate }</th><th scope="col"><span class="visually-hidden">{ t.edit }</span></th></tr></thead>
                        <tbody>
                            { for list.iter().map(|c| html! {
                                <tr>
                                    <td>{ &c.name }{ " (#" }{ c.id }{ ")" }</td>
                                    <td>{ c.organisation.clone().unwrap_or_default() }</td>
                                    <td>{ for c.scopes.iter().map(|s| html! { <span class="tag" title={s.label(lang)}>{ s.code() }</span> }) }</td>
                                    <td>{ c.rate_limit }</td>
                                    <td class="row-actions">
                                        if c.revoked_at.is_some() { <span class="badge">{ t.clients_revoked }</span> } else {
                                            <button class="small" onclick={rotate(c.id)}>{ t.clients_rotate }</button>
                                            <button class="small danger" onclick={revoke(c.id)}>{ t.clients_revoke }</button>
                                        }
                                    </td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                },
            } }
            <form class="card" id="client-form" {onsubmit} novalidate=true>
                <h2>{ t.clients_create }</h2>
                <div class="row3 even">
                    <TextField name="name" label={t.clients_name} required=true value={form.0.name.clone()} oninput={on_input(&form, |d, v| d.name = v)} failure={f.clone()} />
                    <TextField name="organisation" label={t.clients_organisation} value={form.0.organisation.clone()} oninput={on_input(&form, |d, v| d.organisation = v)} failure={f.clone()} />
                    <TextField name="rate_limit" label={t.clients_rate} value={form.0.rate_limit.clone()} oninput={on_input(&form, |d, v| d.rate_limit = v)} failure={f.clone()} />
                </div>
                <fieldset><legend>{ t.clients_scopes }</legend>
                    <div class="checks">
                        { for ClientScope::ALL.iter().map(|s| html! {
                            <label><input type="checkbox" checked={form.0.scopes.contains(s)} onchange={toggle(*s)} />{ s.label(lang) }{ " (" }<code>{ s.code() }</code>{ ")" }</label>
                        }) }
                    </div>
                    if let Some(message) = f.as_ref().and_then(|f| f.field("scopes", lang)) { <div class="error-text">{ message }</div> }
                </fieldset>
                <div class="actions"><button class="primary" type="submit" disabled={*actions.busy}>{ t.clients_create }</button></div>
            </form>
        </>
    }
}
