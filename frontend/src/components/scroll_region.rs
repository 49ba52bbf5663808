//! A wide table's own scrolling region.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ScrollRegionProps {
    /// What the region holds, for assistive technology (e.g. the table's subject).
    pub label: AttrValue,
    pub children: Children,
}

/// On a narrow screen a wide table scrolls inside this region, which says so, instead of
/// widening the page (WCAG 1.4.10). Keyboard users reach it with Tab and scroll it with the
/// arrow keys.
#[function_component]
pub fn ScrollRegion(props: &ScrollRegionProps) -> Html {
    let t = crate::i18n::use_texts();
    html! {
        <div class="scroll" role="region" aria-label={props.label.clone()} tabindex="0">
            <p class="scroll-hint" aria-hidden="true">{ t.scroll_hint }</p>
            { props.children.clone() }
        </div>
    }
}
