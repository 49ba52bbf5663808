//! "Berichte": the programme report for a year or quarter, per district, course kind and field,
//! with a bar chart of the courses held per district and the figures as tables (which screen
//! readers read), and the CSV for spreadsheets.

use crate::api::{download_on_click, use_actions, use_get, Load};
use crate::components::{ErrorNotice, FailureNotice, Loading, ScrollRegion};
use crate::form::on_select;
use crate::i18n::{self, hours, use_lang, use_texts, Labelled, Lang};
use crate::route::Route;
use crate::services;
use crate::url_query::use_url_query;
use shared::reports::{CourseFigures, ProgrammeReport};
use yew::prelude::*;
use yew_router::prelude::Link;

/// The period, kept in the address (`/berichte?year=2026&quarter=2`).
#[derive(Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
struct ReportPeriod {
    #[serde(skip_serializing_if = "String::is_empty")]
    year: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    quarter: String,
}

/// The course columns of a table row.
fn course_cells(c: &CourseFigures, lang: Lang) -> Html {
    html! {
        <>
            <td class="num">{ c.courses_planned }</td>
            <td class="num">{ c.courses_held }</td>
            <td class="num">{ c.courses_cancelled }</td>
            <td class="num">{ c.participants_started }</td>
            <td class="num">{ c.participants_completed }</td>
            <td class="num">{ c.participants_certified }</td>
            <td class="num">{ c.participants_dropped_out }</td>
            <td class="num">{ hours(c.hours_delivered, lang) }</td>
        </>
    }
}

/// When the mentor figures were counted: the period's last day once it is over (they describe
/// its end), else the hour they were counted at.
fn counted_at(report: &ProgrammeReport) -> String {
    let end = report
        .period
        .to
        .succ_opt()
        .and_then(|day| day.and_hms_opt(0, 0, 0))
        .map(|midnight| midnight.and_utc());
    if end.is_some_and(|end| report.mentors_counted_at >= end) {
        i18n::date(report.period.to)
    } else {
        i18n::berlin_date_time(report.mentors_counted_at)
    }
}

/// Courses held per district as horizontal bars; the table below says the same in words.
fn held_chart(report: &ProgrammeReport, title: &str) -> Html {
    let rows: Vec<(&str, i64)> = report
        .districts
        .iter()
        .filter(|d| d.figures.courses.courses_held > 0)
        .map(|d| (d.label.as_str(), d.figures.courses.courses_held))
        .collect();
    if rows.is_empty() {
        return Html::default();
    }
    let max = rows.iter().map(|r| r.1).max().unwrap_or(1).max(1) as f64;
    let height = rows.len() * 24 + 8;
    html! {
        <figure class="chart">
            <figcaption>{ title }</figcaption>
            <svg viewBox={format!("0 0 600 {height}")} width="100%" role="img" aria-label={title.to_owned()}>
                { for rows.iter().enumerate().map(|(i, (label, n))| {
                    let y = i * 24 + 4;
                    let w = 340.0 * *n as f64 / max;
                    html! {
                        <g aria-hidden="true">
                            <text x="200" y={(y + 15).to_string()} text-anchor="end" font-size="13">{ *label }</text>
                            <rect x="210" y={y.to_string()} width={format!("{w:.1}")} height="18" fill="#005a9c" />
                            <text x={format!("{:.1}", 216.0 + w)} y={(y + 15).to_string()} font-size="13">{ *n }</text>
                        </g>
                    }
                }) }
            </svg>
        </figure>
    }
}

#[function_component]
pub fn Reports() -> Html {
    let t = use_texts();
    let lang = use_lang();
    let actions = use_actions();
    let period = use_url_query::<ReportPeriod>();
    // The browser's clock: chrono has no clock on wasm32 without JavaScript bindings.
    let this_year = js_sys::Date::new_0().get_full_year() as i32;
    let year = period.0.year.parse::<i32>().unwrap_or(this_year);
    let quarter = period.0.quarter.parse::<u8>().ok();
    let (report, reload) = use_get(services::reports::programme(year, quarter));
    let download = |format: &str| {
        download_on_click(
            services::reports::programme_file(year, quarter, format, lang),
            &actions,
        )
    };
    let course_heads = html! {
        <>
            <th scope="col">{ t.report_planned }</th><th scope="col">{ t.report_held }</th>
            <th scope="col">{ t.report_cancelled }</th><th scope="col">{ t.report_started }</th>
            <th scope="col">{ t.report_completed }</th><th scope="col">{ t.report_certified }</th>
            <th scope="col">{ t.report_dropped_out }</th><th scope="col">{ t.report_hours }</th>
        </>
    };
    html! {
        <>
            <h1>{ t.reports_title }</h1>
            <p>{ t.reports_intro }</p>
            <form class="filters" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label>{ t.report_year }
                    <select id="report-year" onchange={on_select(&period, |p, v| p.year = v)}>
                        { for (2020..=this_year + 1).rev().map(|y| html! { <option value={y.to_string()} selected={y == year}>{ y }</option> }) }
                    </select>
                </label>
                <label>{ t.report_quarter }
                    <select id="report-quarter" onchange={on_select(&period, |p, v| p.quarter = v)}>
                        <option value="" selected={quarter.is_none()}>{ t.report_whole_year }</option>
                        { for (1..=4u8).map(|q| html! { <option value={q.to_string()} selected={quarter == Some(q)}>{ format!("Q{q}") }</option> }) }
                    </select>
                </label>
                <button type="button" id="report-pdf" onclick={download("pdf")}>{ t.report_pdf }</button>
                <button type="button" id="report-xlsx" onclick={download("xlsx")}>{ t.report_xlsx }</button>
                <button type="button" id="report-csv" onclick={download("csv")}>{ t.report_csv }</button>
            </form>
            if let Some(f) = &*actions.failure { <ErrorNotice failure={f.clone()} /> }
            { match report {
                Load::Loading => html! { <Loading /> },
                Load::Failed(f) => html! { <FailureNotice failure={f} retry={Some(reload)} /> },
                Load::Ready(r, _) => {
                    let total = &r.total;
                    let m = &total.municipalities;
                    html! {
                        <>
                            <dl class="facts" id="report-summary">
                                <dt>{ t.report_held }</dt><dd>{ total.courses.courses_held }</dd>
                                <dt>{ t.report_certified }</dt><dd>{ total.courses.participants_certified }</dd>
                                <dt>{ t.report_mentors_new }</dt><dd>{ total.mentors.mentors_new }</dd>
                                <dt>{ t.report_mentors_active }</dt>
                                <dd>{ format!("{} ({} {})", total.mentors.mentors_active, t.report_previous, total.mentors.mentors_active_previous) }</dd>
                                <dt>{ t.report_municipalities }</dt>
                                <dd>{ format!("{} / {} ({} {})", m.municipalities_with_mentor, m.municipalities, t.report_previous, m.municipalities_with_mentor_previous) }</dd>
                            </dl>
                            <p class="muted" id="report-counted-at">{ format!("{} {}", t.report_counted_at, counted_at(&r)) }</p>
                            { held_chart(&r, t.report_chart_held) }
                            <ScrollRegion label={t.report_by_district}>
                                <table id="report-districts">
                                    <caption>{ t.report_by_district }</caption>
                                    <thead><tr><th scope="col">{ t.org_district }</th>{ course_heads.clone() }
                                        <th scope="col">{ t.report_mentors_active }</th><th scope="col">{ t.report_municipalities }</th></tr></thead>
                                    <tbody>
                                        { for r.districts.iter().map(|d| html! {
                                            <tr>
                                                <th scope="row">{ &d.label }</th>
                                                { course_cells(&d.figures.courses, lang) }
                                                <td class="num">{ d.figures.mentors.mentors_active }</td>
                                                <td class="num">{ format!("{} / {}", d.figures.municipalities.municipalities_with_mentor, d.figures.municipalities.municipalities) }</td>
                                            </tr>
                                        }) }
                                    </tbody>
                                    <tfoot>
                                        <tr>
                                            <th scope="row">{ t.report_total }</th>
                                            { course_cells(&total.courses, lang) }
                                            <td class="num">{ total.mentors.mentors_active }</td>
                                            <td class="num">{ format!("{} / {}", m.municipalities_with_mentor, m.municipalities) }</td>
                                        </tr>
                                    </tfoot>
                                </table>
                            </ScrollRegion>
                            <ScrollRegion label={t.report_by_kind}>
                                <table id="report-kinds">
                                    <caption>{ t.report_by_kind }</caption>
                                    <thead><tr><th scope="col">{ t.report_kind }</th>{ course_heads }<th scope="col">{ t.report_tandems }</th></tr></thead>
                                    <tbody>
                                        { for r.kinds.iter().map(|k| html! {
                                            <tr>
                                                <th scope="row">{ k.kind.label(lang) }</th>
                                                { course_cells(&k.figures, lang) }
                                                <td class="num">{ k.figures.tandems_trained }</td>
                                            </tr>
                                        }) }
                                    </tbody>
                                </table>
                            </ScrollRegion>
                            if !r.tandems.is_empty() {
                                <ScrollRegion label={t.report_tandems}>
                                    <table id="report-tandems">
                                        <caption>{ t.report_tandems }</caption>
                                        <thead><tr><th scope="col">{ t.report_trainer_course }</th><th scope="col">{ t.report_trainers }</th>
                                            <th scope="col">{ t.report_local_course }</th></tr></thead>
                                        <tbody>
                                            { for r.tandems.iter().map(|d| html! {
                                                <tr>
                                                    <td>{ format!("{} ({})", d.trainer_course_title, i18n::date(d.completed_on)) }</td>
                                                    <td>{ d.trainers.join(" · ") }</td>
                                                    <td>{ match &d.local_course {
                                                        Some(l) => html! { <>
                                                            <Link<Route> to={Route::Course { id: l.id }}>{ &l.title }</Link<Route>>
                                                            { format!(" – {}{}", l.status.label(lang), l.first_date.map(|d| format!(", {}", i18n::date(d))).unwrap_or_default()) }
                                                        </> },
                                                        None => html! { t.none },
                                                    } }</td>
                                                </tr>
                                            }) }
                                        </tbody>
                                    </table>
                                </ScrollRegion>
                            }
                            <ScrollRegion label={t.report_by_field}>
                                <table id="report-fields">
                                    <caption>{ t.report_by_field }</caption>
                                    <thead><tr><th scope="col">{ t.org_fields }</th><th scope="col">{ t.report_mentors_new }</th>
                                        <th scope="col">{ t.report_mentors_active }</th><th scope="col">{ t.report_previous }</th></tr></thead>
                                    <tbody>
                                        { for r.fields.iter().map(|f| html! {
                                            <tr>
                                                <th scope="row">{ if lang == Lang::De { &f.name_de } else { &f.name_en } }</th>
                                                <td class="num">{ f.figures.mentors_new }</td>
                                                <td class="num">{ f.figures.mentors_active }</td>
                                                <td class="num">{ f.figures.mentors_active_previous }</td>
                                            </tr>
                                        }) }
                                    </tbody>
                                </table>
                            </ScrollRegion>
                        </>
                    }
                }
            } }
        </>
    }
}
