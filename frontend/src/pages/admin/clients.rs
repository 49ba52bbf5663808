//! API clients of integrations: create, rotate the secret, revoke.

use crate::api::{use_actions, use_get, Load};
use crate::components::{ErrorNotice, FailureNotice, Loading, ScrollRegion, TextField};
use crate::form::{on_input, Edit, Form};
use crate::i18n::{use_lang, use_texts, Labelled};
use crate::services;
use shared::clients::{ApiClientInput, ClientCredentials, ClientScope};
use std::rc::Rc;
use yew::prelude::*;
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
                    <ScrollRegion label={t.clients_title}>
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
                    </ScrollRegion>
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
