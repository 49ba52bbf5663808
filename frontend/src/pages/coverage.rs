//! Coverage: a tile map of the 44 districts coloured by active mentors, drilling down into the
//! municipalities and their white spots.

use crate::api::{use_get, use_maybe_get, Load};
use crate::components::{FailureNotice, Loading, ScrollRegion};
use crate::i18n::use_texts;
use crate::services;
use shared::coverage::DistrictCoverage;
use yew::prelude::*;

/// Tile positions (column, row) of the districts, roughly where they lie in the state.
const TILES: &[(&str, i32, i32)] = &[
    ("08111", 5, 3),
    ("08115", 4, 4),
    ("08116", 5, 4),
    ("08117", 6, 4),
    ("08118", 4, 3),
    ("08119", 6, 3),
    ("08121", 5, 2),
    ("08125", 5, 1),
    ("08126", 6, 1),
    ("08127", 7, 2),
    ("08128", 6, 0),
    ("08135", 8, 4),
    ("08136", 8, 3),
    ("08211", 2, 3),
    ("08212", 2, 2),
    ("08215", 3, 2),
    ("08216", 1, 3),
    ("08221", 3, 1),
    ("08222", 2, 0),
    ("08225", 5, 0),
    ("08226", 4, 1),
    ("08231", 3, 3),
    ("08235", 3, 4),
    ("08236", 4, 2),
    ("08237", 2, 5),
    ("08311", 0, 7),
    ("08315", 1, 7),
    ("08316", 0, 6),
    ("08317", 1, 5),
    ("08325", 3, 6),
    ("08326", 2, 7),
    ("08327", 3, 7),
    ("08335", 4, 8),
    ("08336", 0, 8),
    ("08337", 2, 8),
    ("08415", 5, 5),
    ("08416", 4, 5),
    ("08417", 4, 6),
    ("08421", 7, 5),
    ("08425", 6, 5),
    ("08426", 7, 6),
    ("08435", 5, 8),
    ("08436", 7, 7),
    ("08437", 5, 7),
];
const TILE: i32 = 78;

/// Fill colour by number of active mentors: white for none, then ever deeper yellow to green.
fn colour(mentors: i64) -> &'static str {
    match mentors {
        0 => "#ffffff",
        1 => "#fff4b3",
        2..=4 => "#fde36a",
        5..=9 => "#c9d86b",
        _ => "#5fa15f",
    }
}

/// A short label that fits a tile.
fn short(name: &str) -> String {
    let name = name.replace("-Kreis", "").replace("kreis", "");
    if name.chars().count() > 11 {
        format!("{}…", name.chars().take(10).collect::<String>())
    } else {
        name
    }
}

#[function_component]
pub fn CoveragePage() -> Html {
    let t = use_texts();
    let selected = use_state(|| None::<String>);
    let (coverage, reload) = use_get(services::reference::coverage(None));
    let (detail, _) = use_maybe_get(
        selected
            .as_ref()
            .map(|k| services::reference::coverage(Some(k))),
    );
    let coverage = match coverage {
        Load::Loading => return html! { <><h1>{ t.coverage_title }</h1><Loading /></> },
        Load::Failed(f) => {
            return html! { <><h1>{ t.coverage_title }</h1><FailureNotice failure={f} retry={Some(reload)} /></> }
        }
        Load::Ready(c, _) => c,
    };
    let tile = |d: &DistrictCoverage| {
        let Some((_, col, row)) = TILES.iter().find(|(k, ..)| *k == d.key.as_str()) else {
            return html! {};
        };
        let (x, y) = (col * TILE, row * TILE);
        let key = d.key.to_string();
        let is_selected = selected.as_deref() == Some(key.as_str());
        let onclick = {
            let selected = selected.clone();
            let key = key.clone();
            move |_| selected.set(Some(key.clone()))
        };
        let onkeydown = {
            let selected = selected.clone();
            let key = key.clone();
            move |e: KeyboardEvent| {
                if e.key() == "Enter" || e.key() == " " {
                    e.prevent_default();
                    selected.set(Some(key.clone()))
                }
            }
        };
        // The name starts with the tile's visible text (short name, number), so people who
        // steer by voice can say what they see (WCAG 2.5.3); the rest spells it out.
        let label = format!(
            "{} {}: {}, {} {}, {}/{} {}",
            short(&d.name),
            d.mentors,
            d.label,
            d.mentors,
            t.coverage_mentors,
            d.municipalities_covered,
            d.municipalities,
            t.coverage_municipalities_covered
        );
        html! {
            <g class="tile" role="button" tabindex="0" aria-label={label.clone()} aria-pressed={is_selected.to_string()} {onclick} {onkeydown} data-district={key}>
                <title>{ label }</title>
                <rect x={(x + 2).to_string()} y={(y + 2).to_string()} width={(TILE - 4).to_string()} height={(TILE - 4).to_string()} rx="4"
                    fill={colour(d.mentors)} stroke={if is_selected { "#1b1b1b" } else { "#8a8a8a" }} stroke-width={if is_selected { "3" } else { "1" }} />
                // One text, so its words read apart ("Böblingen 3"), as the name begins.
                <text x={(x + TILE / 2).to_string()} text-anchor="middle">
                    <tspan x={(x + TILE / 2).to_string()} y={(y + 30).to_string()} font-size="11">{ short(&d.name) }</tspan>
                    { " " }
                    <tspan x={(x + TILE / 2).to_string()} y={(y + 56).to_string()} font-size="20" font-weight="700">{ d.mentors }</tspan>
                </text>
            </g>
        }
    };
    let state = &coverage.state;
    html! {
        <>
            <h1>{ t.coverage_title }</h1>
            <p>{ t.coverage_intro }</p>
            <div class="grid">
                <div class="card"><div class="stat" id="coverage-mentors">{ state.mentors }</div>{ t.coverage_mentors }</div>
                <div class="card"><div class="stat">{ format!("{} / {}", state.municipalities_covered, state.municipalities) }</div>{ t.coverage_municipalities_covered }</div>
                <div class="card"><div class="stat">{ format!("{} / 10", state.fields.len()) }</div>{ t.coverage_fields }</div>
            </div>
            <div class="coverage">
                <svg class="tilemap" viewBox={format!("0 0 {} {}", 9 * TILE, 9 * TILE)} role="group" aria-label={t.coverage_title}>
                    { for coverage.districts.iter().map(tile) }
                </svg>
                <div class="coverage-detail">
                    <p class="muted">{ t.coverage_legend }{ ": " }
                        { for [(0, "0"), (1, "1"), (2, "2–4"), (5, "5–9"), (10, "10+")].iter().map(|(n, label)| html! {
                            <span class="legend"><svg class="swatch" viewBox="0 0 16 16" aria-hidden="true"><rect width="16" height="16" fill={colour(*n)} /></svg>{ *label }</span>
                        }) }
                    </p>
                    { match (&*selected, detail) {
                        (None, _) => html! { <p>{ t.coverage_choose }</p> },
                        (Some(_), Load::Loading) => html! { <Loading /> },
                        (Some(_), Load::Failed(f)) => html! { <FailureNotice failure={f} /> },
                        (Some(key), Load::Ready(c, _)) => {
                            let d = coverage.districts.iter().find(|d| d.key.as_str() == key);
                            html! {
                                <>
                                    <h2>{ d.map(|d| d.label.clone()).unwrap_or_default() }</h2>
                                    <table id="coverage-municipalities">
                                        <thead><tr><th scope="col">{ t.org_municipality }</th><th scope="col">{ t.coverage_mentors }</th><th scope="col">{ t.coverage_fields }</th></tr></thead>
                                        <tbody>{ for c.municipalities.iter().map(|m| html! {
                                            <tr class={classes!((m.mentors == 0).then_some("white-spot"))}><td>{ &m.name }</td><td>{ m.mentors }</td><td>{ m.fields.len() }</td></tr>
                                        }) }</tbody>
                                    </table>
                                    <p><strong>{ t.coverage_white_spots }{ ": " }</strong>{ c.white_spots.len() }</p>
                                </>
                            }
                        }
                    } }
                </div>
            </div>
            // The map's figures as a table, for screen readers and for reading them side by side.
            <details class="as-table">
                <summary>{ t.coverage_as_table }</summary>
                <ScrollRegion label={t.coverage_as_table}>
                    <table id="coverage-districts">
                        <thead><tr><th scope="col">{ t.org_district }</th><th scope="col">{ t.coverage_mentors }</th><th scope="col">{ t.coverage_municipalities_covered }</th><th scope="col"><span class="visually-hidden">{ t.coverage_show_municipalities }</span></th></tr></thead>
                        <tbody>{ for coverage.districts.iter().map(|d| {
                            let show = {
                                let (selected, key) = (selected.clone(), d.key.to_string());
                                Callback::from(move |_| selected.set(Some(key.clone())))
                            };
                            html! {
                                <tr>
                                    <th scope="row">{ &d.label }</th>
                                    <td>{ d.mentors }</td>
                                    <td>{ format!("{} / {}", d.municipalities_covered, d.municipalities) }</td>
                                    <td><button type="button" onclick={show} aria-label={format!("{}: {}", d.label, t.coverage_show_municipalities)}>{ t.coverage_show_municipalities }</button></td>
                                </tr>
                            }
                        }) }</tbody>
                    </table>
                </ScrollRegion>
            </details>
        </>
    }
}
