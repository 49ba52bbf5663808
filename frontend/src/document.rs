//! The document around the app: the window's title follows the page's main heading, and after
//! moving to another page focus starts at that heading (WCAG 2.4.2 and 2.4.3), so a screen
//! reader announces the new page and a keyboard user need not tab through the header again;
//! after a failed submit focus goes to the first invalid field (WCAG 3.3.1); a saved change is
//! announced in one live region that is always there (WCAG 4.1.3).

use crate::route::Route;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

const APP_NAME: &str = "Mentorat";

thread_local! {
    /// A page was entered before its heading arrived (it loads its data first): focus waits on
    /// the main region and moves to the heading when it comes.
    static HEADING_AWAITED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// Keeps the window's title at "‹main heading› – Mentorat" from now on, also when a page's
/// heading arrives with its data.
pub fn title_follows_heading() {
    let Some(body) = document().and_then(|d| d.body()) else {
        return;
    };
    let update = Closure::<dyn FnMut()>::new(|| {
        name_window_after_heading();
        focus_heading_when_it_arrives();
    });
    let Ok(observer) = web_sys::MutationObserver::new(update.as_ref().unchecked_ref()) else {
        return;
    };
    let options = web_sys::MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    options.set_character_data(true);
    if observer.observe_with_options(&body, &options).is_ok() {
        // Observes for the life of the page.
        update.forget();
        name_window_after_heading();
    }
}

fn name_window_after_heading() {
    let Some(document) = document() else { return };
    let heading = document
        .query_selector("main h1")
        .ok()
        .flatten()
        .and_then(|h| h.text_content())
        .map(|text| text.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|text| !text.is_empty());
    let title = match heading {
        Some(heading) => format!("{heading} – {APP_NAME}"),
        None => APP_NAME.to_owned(),
    };
    if document.title() != title {
        document.set_title(&title);
    }
}

/// After each move to another page (not on the first one, where the browser starts at the
/// top), focuses the page's main heading, or the main region while the page still loads.
#[hook]
pub fn use_page_focus(route: &Route) {
    let first = use_mut_ref(|| true);
    use_effect_with(route.clone(), move |_| {
        if !std::mem::replace(&mut *first.borrow_mut(), false) {
            focus_main_heading();
        }
    });
}

/// Focuses the first field of the main content marked `aria-invalid="true"`, if there is one.
pub fn focus_first_invalid_field() {
    if let Some(field) = document()
        .and_then(|d| {
            d.query_selector("main [aria-invalid='true']")
                .ok()
                .flatten()
        })
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = field.focus();
    }
}

fn focus_main_heading() {
    let Some(document) = document() else { return };
    let heading = document.query_selector("main h1").ok().flatten();
    HEADING_AWAITED.with(|awaited| awaited.set(heading.is_none()));
    if let Some(target) = heading.or_else(|| document.get_element_by_id("content")) {
        focus_element(target);
    }
}

/// Moves focus from the main region to the heading that has just arrived, unless the user
/// has moved it elsewhere meanwhile.
fn focus_heading_when_it_arrives() {
    if !HEADING_AWAITED.with(std::cell::Cell::get) {
        return;
    }
    let Some(document) = document() else { return };
    let Some(heading) = document.query_selector("main h1").ok().flatten() else {
        return;
    };
    HEADING_AWAITED.with(|awaited| awaited.set(false));
    let waiting_on_main = document
        .active_element()
        .is_some_and(|active| active.id() == "content");
    if waiting_on_main {
        focus_element(heading);
    }
}

/// Id of the polite live region in the app's frame.
pub const ANNOUNCER_ID: &str = "announcer";

/// Says `message` to screen readers through the app's live region. The region is emptied
/// first and filled a moment later, so the same message twice is announced twice; a region
/// inserted together with its text is not announced reliably, which is why there is one.
pub fn announce(message: &'static str) {
    let Some(region) = document().and_then(|d| d.get_element_by_id(ANNOUNCER_ID)) else {
        return;
    };
    region.set_text_content(None);
    let fill = Closure::once_into_js(move || region.set_text_content(Some(message)));
    if let Some(window) = web_sys::window() {
        let _ =
            window.set_timeout_with_callback_and_timeout_and_arguments_0(fill.unchecked_ref(), 100);
    }
}

/// Focuses the element with `id`, if there is one (a control a closed menu returns focus to).
pub fn focus_by_id(id: &str) {
    if let Some(element) = document().and_then(|d| d.get_element_by_id(id)) {
        focus_element(element);
    }
}

/// Focuses `element`; one that is not focusable by itself (a heading) becomes focusable by
/// script only (`tabindex="-1"`), so the Tab order stays as it was.
fn focus_element(element: web_sys::Element) {
    if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
        if element.tab_index() < 0 && !element.has_attribute("tabindex") {
            let _ = element.set_attribute("tabindex", "-1");
        }
        let _ = element.focus();
    }
}
