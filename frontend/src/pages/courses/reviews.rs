//! Self-registrations whose person may have been recorded before: staff merge the new record
//! into the existing one, or keep both when they are different people.

use crate::api::{use_actions, use_get, Load};
use crate::components::{ErrorNotice, FailureNotice, Loading};
use crate::i18n::use_texts;
use crate::route::Route;
use crate::services;
use shared::registrations::ReviewDecision;
use yew::prelude::*;
use yew_router::prelude::*;

#[function_component]
pub fn RegistrationReviews() -> Html {
    let t = use_texts();
    let (reviews, reload) = use_get(services::registrations::reviews());
    let actions = use_actions();
    let decide = |id: i64, merge_into: Option<i64>| {
        let (actions, reload) = (actions.clone(), reload.clone());
        Callback::from(move |_| {
            let reload = reload.clone();
            actions.run(
                services::registrations::decide_review(id, &ReviewDecision { merge_into }),
                move |()| reload.emit(()),
            );
        })
    };
    html! {
        <>
            <h1>{ t.reviews_title }</h1>
            <p class="lead">{ t.reviews_intro }</p>
            if let Some(f) = &*actions.failure { <ErrorNotice failure={f.clone()} /> }
            { match reviews {
                Load::Loading => html! { <Loading /> },
                Load::Failed(f) => html! { <FailureNotice failure={f} retry={Some(reload)} /> },
                Load::Ready(list, _) if list.is_empty() => html! { <p class="empty">{ t.reviews_empty }</p> },
                Load::Ready(list, _) => html! {
                    <ul class="plain" id="registration-reviews">
                        { for list.iter().map(|r| html! {
                            <li class="card">
                                <h2><Link<Route> to={Route::Person { id: r.person_id }}>{ format!("{} {}", r.given_name, r.family_name) }</Link<Route>></h2>
                                <p>{ &r.email }{ " · " }<Link<Route> to={Route::Course { id: r.course_id }}>{ &r.course_title }</Link<Route>></p>
                                if let Some(m) = &r.motivation { <blockquote>{ m }</blockquote> }
                                <p>{ t.reviews_maybe }</p>
                                <ul>
                                    { for r.candidates.iter().map(|c| html! {
                                        <li>
                                            <Link<Route> to={Route::Person { id: c.id }}>{ format!("{} {}", c.given_name, c.family_name) }</Link<Route>>
                                            { " " }
                                            <button onclick={decide(r.id, Some(c.id))} disabled={*actions.busy}>{ t.reviews_merge }</button>
                                        </li>
                                    }) }
                                </ul>
                                <button onclick={decide(r.id, None)} disabled={*actions.busy}>{ t.reviews_keep }</button>
                            </li>
                        }) }
                    </ul>
                },
            } }
        </>
    }
}
