//! The mail queue as admins see it: what went out, what waits for another attempt and why, and
//! what was interrupted while being sent, which they may send again.

use crate::api::{use_actions, use_get, Load};
use crate::components::{ErrorNotice, FailureNotice, Loading, ScrollRegion};
use crate::i18n::{self, use_lang, use_texts, Labelled};
use crate::services;
use shared::accounts::MailState;
use yew::prelude::*;

#[function_component]
pub fn Outbox() -> Html {
    let t = use_texts();
    let lang = use_lang();
    let (mails, reload) = use_get(services::accounts::outbox());
    let actions = use_actions();
    let send_again = |id: i64| {
        let (actions, reload) = (actions.clone(), reload.clone());
        Callback::from(move |_| {
            let reload = reload.clone();
            actions.run(services::accounts::send_mail_again(id), move |()| {
                reload.emit(())
            });
        })
    };
    html! {
        <>
            <h1>{ t.outbox_title }</h1>
            <p class="lead">{ t.outbox_intro }</p>
            if let Some(f) = &*actions.failure { <ErrorNotice failure={f.clone()} /> }
            { match mails {
                Load::Loading => html! { <Loading /> },
                Load::Failed(f) => html! { <FailureNotice failure={f} retry={Some(reload)} /> },
                Load::Ready(mails, _) if mails.is_empty() => html! { <p class="empty">{ t.outbox_empty }</p> },
                Load::Ready(mails, _) => html! {
                    <ScrollRegion label={t.outbox_title}>
                        <table id="outbox">
                            <caption id="outbox-caption" class="visually-hidden">{ t.outbox_title }</caption>
                            <thead><tr>
                                <th scope="col">{ t.outbox_queued }</th><th scope="col">{ t.outbox_to }</th>
                                <th scope="col">{ t.outbox_subject }</th><th scope="col">{ t.outbox_state }</th>
                                <th scope="col">{ t.outbox_attempts }</th><th scope="col"><span class="visually-hidden">{ t.outbox_actions }</span></th>
                            </tr></thead>
                            <tbody>
                                { for mails.iter().map(|m| html! {
                                    <tr>
                                        <td>{ i18n::berlin_date_time(m.created_at) }</td>
                                        <td>{ &m.recipient }</td>
                                        <td>{ &m.subject }</td>
                                        <td>
                                            { m.state.label(lang) }
                                            if let Some(at) = m.sent_at { <br /><span class="muted">{ i18n::berlin_date_time(at) }</span> }
                                            if let Some(error) = &m.last_error { <br /><span class="muted">{ error }</span> }
                                        </td>
                                        <td>{ m.attempts }</td>
                                        <td>
                                            if matches!(m.state, MailState::Uncertain | MailState::Failed) {
                                                <button onclick={send_again(m.id)} disabled={*actions.busy}>{ t.outbox_send_again }</button>
                                            }
                                        </td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    </ScrollRegion>
                },
            } }
        </>
    }
}
