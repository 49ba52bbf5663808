//! Fields of activity: the list; staff add, rename and retire.

use crate::api::{request, use_get, ApiFailure, Load, Method};
use crate::form::{on_input, Edit, ErrorNotice, FailureNotice, Form, Loading, TextField};
use crate::i18n::use_texts;
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
    let (fields, reload) =
        use_get::<Vec<FieldOfActivity>>(format!("/fields?include_retired={}", *show_retired));
    let editing = use_state(|| None::<i64>);
    let form = use_reducer(Form::<Names>::default);
    let failure = use_state(|| None::<ApiFailure>);
    let notice = use_state(|| None::<&'static str>);
    let token = session.as_ref().map(|s| s.token.clone());

    // Sends one change (new field or update of `id` at `version`) and reloads the list.
    let save = {
        let (failure, notice, reload, editing, form) = (
            failure.clone(),
            notice.clone(),
            reload.clone(),
            editing.clone(),
            form.clone(),
        );
        let token = token.clone();
        Callback::from(
            move |(id, version, input): (Option<i64>, i64, FieldOfActivityInput)| {
                let (failure, notice, reload, editing, form, token) = (
                    failure.clone(),
                    notice.clone(),
                    reload.clone(),
                    editing.clone(),
                    form.clone(),
                    token.clone(),
                );
                wasm_bindgen_futures::spawn_local(async move {
                    let result = match id {
                        Some(id) => {
                            request::<FieldOfActivity, _>(
                                Method::Put,
                                &format!("/fields/{id}"),
                                token.as_deref(),
                                Some(&format!("\"{version}\"")),
                                Some(&input),
                            )
                            .await
                        }
                        None => {
                            request::<FieldOfActivity, _>(
                                Method::Post,
                                "/fields",
                                token.as_deref(),
                                None,
                                Some(&input),
                            )
                            .await
                        }
                    };
                    match result {
                        Ok(_) => {
                            failure.set(None);
                            notice.set(Some(t.saved));
                            editing.set(None);
                            form.dispatch(Edit(Rc::new(|n: &mut Names| *n = Names::default())));
                            reload.emit(());
                        }
                        Err(f) => failure.set(Some(f)),
                    }
                });
            },
        )
    };
    let remove = {
        let (failure, notice, reload) = (failure.clone(), notice.clone(), reload.clone());
        let token = token.clone();
        Callback::from(move |field: FieldOfActivity| {
            let confirmed = web_sys::window()
                .and_then(|w| w.confirm_with_message(t.field_delete_confirm).ok())
                .unwrap_or(false);
            if !confirmed {
                return;
            }
            let (failure, notice, reload, token) = (
                failure.clone(),
                notice.clone(),
                reload.clone(),
                token.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let tag = format!("\"{}\"", field.version);
                match request::<(), ()>(
                    Method::Delete,
                    &format!("/fields/{}", field.id),
                    token.as_deref(),
                    Some(&tag),
                    None,
                )
                .await
                {
                    Ok(_) => {
                        failure.set(None);
                        notice.set(Some(t.deleted));
                        reload.emit(());
                    }
                    Err(f) => {
                        notice.set(None);
                        failure.set(Some(f));
                    }
                }
            });
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
    let f = (*failure).clone();
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
                },
            } }
            if session.is_some() {
                { editor(if editing.is_some() { t.edit } else { t.field_add }) }
            }
        </>
    }
}
