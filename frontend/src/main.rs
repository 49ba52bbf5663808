//! Mentorat web app (yew, compiled to wasm32 and served by the backend).
//!
//! Built twice: with the default feature `staff` the whole app, without it the citizens' pages
//! alone (`app::switch`), a third smaller for phones; the rest of the code is then unused.
#![cfg_attr(not(feature = "staff"), allow(dead_code, unused_imports))]

mod api;
mod app;
mod components;
mod document;
mod form;
mod i18n;
mod pages;
mod route;
mod services;
mod session;
mod url_query;

fn main() {
    let root = gloo_utils_root();
    yew::Renderer::<app::App>::with_root(root).render();
}

fn gloo_utils_root() -> web_sys::Element {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
        .expect("index.html has #app")
}
