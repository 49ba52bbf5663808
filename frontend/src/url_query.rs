//! List filters and the page kept in the address's query (`/personen?q=…&offset=25`), so Back,
//! a reload or a shared link shows the same list.

use crate::form::{Edit, Editable};
use crate::route::Route;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::rc::Rc;
use yew::prelude::*;
use yew_router::prelude::*;

/// The current query read as `Q` (its defaults where the address has nothing), and the way to
/// change it. `.0` is the value, as with [`crate::form::Form`].
#[derive(Clone)]
pub struct UrlQuery<Q>(pub Rc<Q>, Option<Navigator>, Option<Route>);

#[hook]
pub fn use_url_query<Q>() -> UrlQuery<Q>
where
    Q: Serialize + DeserializeOwned + Default + 'static,
{
    let location = use_location();
    let navigator = use_navigator();
    let route = use_route::<Route>();
    // A query that does not parse (an old or hand-edited link) shows the unfiltered list.
    let value = location
        .and_then(|l| l.query::<Q>().ok())
        .unwrap_or_default();
    UrlQuery(Rc::new(value), navigator, route)
}

impl<Q: Serialize + Clone + 'static> Editable<Q> for UrlQuery<Q> {
    fn dispatch(&self, edit: Edit<Q>) {
        UrlQuery::dispatch(self, edit)
    }
}

impl<Q: Serialize + Clone + 'static> UrlQuery<Q> {
    /// Replaces the address's query (no new history entry per keystroke); the page re-renders
    /// from the new address.
    pub fn dispatch(&self, edit: Edit<Q>) {
        let mut next = (*self.0).clone();
        (edit.0)(&mut next);
        if let (Some(navigator), Some(route)) = (&self.1, &self.2) {
            let _ = navigator.replace_with_query(route, &next);
        }
    }
}

/// For `skip_serializing_if`: the first page needs no `offset` in the address.
pub fn is_first(offset: &i64) -> bool {
    *offset == 0
}
