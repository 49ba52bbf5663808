//! The administration: accounts with roles, areas and person links, and invitations
//! (`mod.rs`); the audit log (`audit.rs`); API clients (`clients.rs`); the mail queue
//! (`outbox.rs`).

mod audit;
mod clients;
mod outbox;

pub use audit::AuditLog;
pub use clients::Clients;
pub use outbox::Outbox;

use crate::api::{use_actions, use_get, Load};
use crate::components::{
    ErrorNotice, FailureNotice, Loading, PersonLink, ScrollRegion, SearchPicker, TextField,
};
use crate::form::{on_input, on_select, Edit, Form};
use crate::i18n::{self, use_lang, use_texts, Labelled};
use crate::route::Route;
use crate::services;
use shared::accounts::{AccessInput, AccountDetail, InvitationCreated, InvitationInput};
use shared::auth::Role;
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
            <p><Link<Route> to={Route::AuditLog}>{ t.audit_title }</Link<Route>>{ " · " }<Link<Route> to={Route::Clients}>{ t.clients_title }</Link<Route>>{ " · " }<Link<Route> to={Route::Outbox}>{ t.outbox_title }</Link<Route>></p>
            if let Some(f) = &f {
                <ErrorNotice failure={f.clone()} />
            }
            <h2>{ t.admin_accounts }</h2>
            { match accounts {
                Load::Loading => html! { <Loading /> },
                Load::Failed(f) => html! { <FailureNotice failure={f} retry={Some(reload_accounts.clone())} /> },
                Load::Ready(list, _) => html! {
                    <ScrollRegion label={t.admin_accounts}>
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
                    </ScrollRegion>
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
                    <ScrollRegion label={t.admin_open_invitations}>
                    <table id="invitations">
                        <tbody>
                            { for list.iter().map(|i| html! {
                                <tr><td>{ &i.email }</td><td>{ i.role.label(lang) }</td><td>{ t.admin_valid_until }{ " " }{ i18n::date(i.expires_at.date_naive()) }</td></tr>
                            }) }
                        </tbody>
                    </table>
                    </ScrollRegion>
                },
                Load::Loading => html! { <Loading /> },
                Load::Failed(f) => html! { <FailureNotice failure={f} retry={Some(reload_invitations)} /> },
            } }
        </>
    }
}
