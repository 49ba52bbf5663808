//! Links to records, named once they have loaded.

use super::search_picker::Named;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RecordLinkProps {
    pub id: i64,
}

/// A link to a person, named once the record has loaded.
#[function_component]
pub fn PersonLink(props: &RecordLinkProps) -> Html {
    record_link(
        crate::api::use_get(crate::services::people::get(props.id).view()).0,
        crate::route::Route::Person { id: props.id },
    )
}

/// A link to a partner organisation, named once the record has loaded.
#[function_component]
pub fn OrganisationLink(props: &RecordLinkProps) -> Html {
    record_link(
        crate::api::use_get(crate::services::organisations::get(props.id).view()).0,
        crate::route::Route::Organisation { id: props.id },
    )
}

fn record_link(record: crate::api::Load<Named>, to: crate::route::Route) -> Html {
    use yew_router::prelude::Link;
    let label = match record {
        crate::api::Load::Ready(named, _) => named.label(),
        _ => "…".to_owned(),
    };
    html! { <Link<crate::route::Route> {to}>{ label }</Link<crate::route::Route>> }
}
