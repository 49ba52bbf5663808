//! Previous/next paging of a list.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PagerProps {
    pub offset: i64,
    pub limit: i64,
    /// Items on this page.
    pub shown: i64,
    pub total: i64,
    /// Called with the offset of the page to show.
    pub on_page: Callback<i64>,
}

/// Previous/next buttons and "1–25 von 120".
#[function_component]
pub fn Pager(props: &PagerProps) -> Html {
    let t = crate::i18n::use_texts();
    let go = |offset: i64| {
        let on_page = props.on_page.clone();
        Callback::from(move |_| on_page.emit(offset))
    };
    html! {
        <div class="pager">
            <button disabled={props.offset == 0} onclick={go((props.offset - props.limit).max(0))}>{ t.previous }</button>
            <span aria-live="polite">{ format!("{}–{} {} {}", props.offset + 1, props.offset + props.shown, t.of, props.total) }</span>
            <button disabled={props.offset + props.limit >= props.total} onclick={go(props.offset + props.limit)}>{ t.next }</button>
        </div>
    }
}
