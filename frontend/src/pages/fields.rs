//! Fields of activity: the list; staff add, rename and retire.

use crate::api::{use_actions, use_get, Load};
use crate::components::{ErrorNotice, FailureNotice, Loading, ScrollRegion, TextField};
use crate::form::{on_input, Edit, Form};
use crate::i18n::use_texts;
use crate::services;
use crate::session::use_session;
use shared::reference::{FieldOfActivity, FieldOfActivityInput};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Clone, PartialEq, Default)]
struct Names {
    name_de: String,
    name_en: String,
}

#[function_component]
pub fn Fields() -> Html {
    let t = use_texts();
    let session = use_session();
    let show_retired = use_state(|| false);
    let (fields, reload) = use_get(services::reference::fields(*show_retired));
    let editing = use_state(|| None::<i64>);
    let form = use_reducer(Form::<Names>::default);
    let actions = use_actions();
    let notice = use_state(|| None::<&'static str>);

    // Sends one change (new field or update of `id` at `version`) and reloads the list.
    let save = {
        let (actions, notice, reload, editing, form) = (
            actions.clone(),
            notice.clone(),
            reload.clone(),
            editing.clone(),
            form.clone(),
        );
        Callback::from(
            move |(id, version, input): (Option<i64>, i64, FieldOfActivityInput)| {
                let change = match id {
                    Some(id) => services::reference::update_field(id, version, &input),
                    None => services::reference::create_field(&input),
                };
                let (notice, reload, editing, form) = (
                    notice.clone(),
                    reload.clone(),
                    editing.clone(),
                    form.clone(),
                );
                actions.run(change, move |_: FieldOfActivity| {
                    notice.set(Some(t.saved));
                    editing.set(None);
                    form.dispatch(Edit(Rc::new(|n: &mut Names| *n = Names::default())));
                    reload.emit(());
                });
            },
        )
    };
    let remove = {
        let (actions, notice, reload) = (actions.clone(), notice.clone(), reload.clone());
        Callback::from(move |field: FieldOfActivity| {
            let confirmed = web_sys::window()
                .and_then(|w| w.confirm_with_message(t.field_delete_confirm).ok())
                .unwrap_or(false);
            if !confirmed {
                return;
            }
            notice.set(None);
            let (notice, reload) = (notice.clone(), reload.clone());
            actions.run(
                services::reference::remove_field(field.id, field.version),
                move |()| {
                    notice.set(Some(t.deleted));
                    reload.emit(());
                },
            );
        })
    };
    let submit = {
        let (form, save, editing, fields) =
            (form.clone(), save.clone(), editing.clone(), fields.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let current = match (&fields, *editing) {
                (Load::Ready(list, _), Some(id)) => list.iter().find(|f| f.id == id).cloned(),
                _ => None,
            };
            let input = FieldOfActivityInput {
                name_de: form.0.name_de.clone(),
                name_en: form.0.name_en.clone(),
                retired: current.as_ref().is_some_and(|c| c.retired),
            };
            save.emit((
                current.as_ref().map(|c| c.id),
                current.map_or(0, |c| c.version),
                input,
            ));
        })
    };
    let f = (*actions.failure).clone();
    let editor = |title: &'static str| {
        html! {
            <form class="card" onsubmit={submit.clone()} novalidate=true aria-label={title}>
                <h2>{ title }</h2>
                <div class="row2">
                    <TextField name="name_de" label={t.field_name_de} required=true value={form.0.name_de.clone()} oninput={on_input(&form, |n, v| n.name_de = v)} failure={f.clone()} />
                    <TextField name="name_en" label={t.field_name_en} value={form.0.name_en.clone()} oninput={on_input(&form, |n, v| n.name_en = v)} failure={f.clone()} />
                </div>
                <div class="actions">
                    <button class="primary" type="submit">{ t.save }</button>
                    if editing.is_some() {
                        <button type="button" onclick={{ let editing = editing.clone(); let form = form.clone(); move |_| { editing.set(None); form.dispatch(Edit(Rc::new(|n: &mut Names| *n = Names::default()))); } }}>{ t.cancel }</button>
                    }
                </div>
            </form>
        }
    };
    html! {
        <>
            <h1>{ t.fields_title }</h1>
            <p>{ t.fields_intro }</p>
            if let Some(message) = *notice { <div class="notice ok" role="status">{ message }</div> }
            if let Some(f) = &f { if f.errors.is_empty() { <ErrorNotice failure={f.clone()} /> } }
            <label><input type="checkbox" checked={*show_retired} onchange={{ let s = show_retired.clone(); move |_| s.set(!*s) }} />{ " " }{ t.field_show_retired }</label>
            { match &fields {
                Load::Loading => html! { <Loading /> },
                Load::Failed(f) => html! { <FailureNotice failure={f.clone()} retry={Some(reload.clone())} /> },
                Load::Ready(list, _) => html! {
                    <ScrollRegion label={t.nav_fields}>
                    <table id="fields">
                        <thead><tr><th scope="col">{ "#" }</th><th scope="col">{ t.field_name_de }</th><th scope="col">{ t.field_name_en }</th>
                            if session.is_some() { <th scope="col"><span class="muted">{ t.edit }</span></th> }</tr></thead>
                        <tbody>
                        { for list.iter().map(|field| {
                            let edit = { let (editing, form, field) = (editing.clone(), form.clone(), field.clone()); move |_| {
                                editing.set(Some(field.id));
                                let (de, en) = (field.name_de.clone(), field.name_en.clone());
                                form.dispatch(Edit(Rc::new(move |n: &mut Names| { n.name_de = de.clone(); n.name_en = en.clone(); })));
                            } };
                            let toggle = { let (save, field) = (save.clone(), field.clone()); move |_| save.emit((Some(field.id), field.version,
                                FieldOfActivityInput { name_de: field.name_de.clone(), name_en: field.name_en.clone(), retired: !field.retired })) };
                            html! {
                                <tr class={classes!(field.retired.then_some("muted"))}>
                                    <td>{ field.id }</td>
                                    <td>{ &field.name_de }{ if field.retired { format!(" ({})", t.field_retired) } else { String::new() } }</td>
                                    <td>{ &field.name_en }</td>
                                    if session.is_some() {
                                        <td class="actions">
                                            <button onclick={edit}>{ t.edit }</button>
                                            <button onclick={toggle}>{ if field.retired { t.field_reactivate } else { t.field_retire } }</button>
                                            <button class="danger" onclick={{ let (remove, field) = (remove.clone(), field.clone()); move |_| remove.emit(field.clone()) }}>{ t.delete }</button>
                                        </td>
                                    }
                                </tr>
                            }
                        }) }
                        </tbody>
                    </table>
                    </ScrollRegion>
                },
            } }
            if session.is_some() {
                { editor(if editing.is_some() { t.edit } else { t.field_add }) }
            }
        </>
    }
}
