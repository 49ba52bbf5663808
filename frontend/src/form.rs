//! Form state: a reducer that edits the latest state (so quick typing loses nothing), and the
//! input callbacks that edit it (the widgets are in `components`).

use shared::values::{FieldErrors, ValueError};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Form state of type `T`, changed by [`Edit`] actions.
#[derive(Clone, PartialEq, Default)]
pub struct Form<T>(pub T);

/// An edit of the form state.
pub struct Edit<T>(pub Rc<dyn Fn(&mut T)>);

impl<T: Clone> Reducible for Form<T> {
    type Action = Edit<T>;
    fn reduce(self: Rc<Self>, action: Edit<T>) -> Rc<Self> {
        let mut next = self.0.clone();
        (action.0)(&mut next);
        Rc::new(Form(next))
    }
}

/// State that inputs edit: a form in the component ([`Form`]) or a list filter in the address
/// ([`crate::url_query::UrlQuery`]).
pub trait Editable<T>: Clone + 'static {
    fn dispatch(&self, edit: Edit<T>);
}

impl<T: Clone + 'static> Editable<T> for UseReducerHandle<Form<T>> {
    fn dispatch(&self, edit: Edit<T>) {
        UseReducerHandle::dispatch(self, edit)
    }
}

/// A callback that stores the value it is called with using `set`: a picker's choice, a
/// pager's offset, an input's text.
pub fn on_value<T: 'static, V: Clone + 'static>(
    state: &impl Editable<T>,
    set: fn(&mut T, V),
) -> Callback<V> {
    let state = state.clone();
    Callback::from(move |value: V| {
        state.dispatch(Edit(Rc::new(move |t: &mut T| set(t, value.clone()))));
    })
}

/// A callback for an `<input>` that stores its value with `set`.
pub fn on_input<T: 'static>(
    state: &impl Editable<T>,
    set: fn(&mut T, String),
) -> Callback<InputEvent> {
    on_value(state, set)
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value())
}

/// A callback for a `<select>` that stores its value with `set`.
pub fn on_select<T: 'static>(state: &impl Editable<T>, set: fn(&mut T, String)) -> Callback<Event> {
    on_value(state, set).reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value())
}

/// A callback for a checkbox that stores whether it is checked with `set`.
pub fn on_check<T: 'static>(state: &impl Editable<T>, set: fn(&mut T, bool)) -> Callback<Event> {
    on_value(state, set).reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().checked())
}

/// Reads an optional typed entry (a date with `shared::values::date_from_entry`, a time):
/// empty text is none, unreadable text a message at its field, so nothing is sent silently
/// without it.
pub fn entry<V>(
    errors: &mut FieldErrors,
    field: &str,
    text: &str,
    read: fn(&str) -> Result<V, ValueError>,
) -> Option<V> {
    let text = text.trim();
    if text.is_empty() {
        None
    } else {
        errors.check(field, read(text))
    }
}
