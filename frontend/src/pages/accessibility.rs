//! The accessibility statement (Erklärung zur Barrierefreiheit) that BITV 2.0 and the L-BGG
//! ask of every public body's web application, with the operator's feedback contact from the
//! server's configuration.

use crate::api::{use_get, Load};
use crate::components::Loading;
use crate::i18n::use_texts;
use crate::services;
use yew::prelude::*;

#[function_component]
pub fn AccessibilityStatement() -> Html {
    let t = use_texts();
    let (contact, _) = use_get(services::public::site_contact());
    let contact = match contact {
        Load::Ready(c, _) => Some(c),
        _ => None,
    };
    let operator = contact.as_ref().map_or("Mentorat", |c| c.operator.as_str());
    html! {
        <div class="narrow">
            <h1>{ t.a11y_title }</h1>
            <p>{ t.a11y_scope.replace("{operator}", operator) }</p>
            <h2>{ t.a11y_status_heading }</h2>
            <p>{ t.a11y_status }</p>
            <h2>{ t.a11y_gaps_heading }</h2>
            <ul>
                <li>{ t.a11y_gap_pdf }</li>
            </ul>
            <h2>{ t.a11y_made_heading }</h2>
            <p>{ t.a11y_made }</p>
            <h2>{ t.a11y_feedback_heading }</h2>
            <p>{ t.a11y_feedback }</p>
            { match &contact {
                Some(c) => html! {
                    <p id="accessibility-contact">
                        { &c.operator }<br />
                        <a href={format!("mailto:{}", c.email.as_str())}>{ c.email.as_str() }</a>
                    </p>
                },
                None => html! { <Loading /> },
            } }
            <h2>{ t.a11y_enforcement_heading }</h2>
            <p>{ t.a11y_enforcement }</p>
        </div>
    }
}
