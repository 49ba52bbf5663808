//! The programme report as a PDF for the ministry and the funder: key figures, bar charts of
//! the courses per district and the active mentors per field, the district table (the charts'
//! figures as text) and the trainer tandems. A4, DejaVu Sans embedded, German or English.

use crate::downloads::Language;
use crate::fonts::{DocumentFont, SANS, SANS_BOLD};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};
use shared::reports::{AreaFigures, ProgrammeReport};

const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const MARGIN: f32 = 56.0;
/// Below this the page is full; the footer sits underneath.
const BOTTOM: f32 = 70.0;
const REGULAR: Name = Name(b"F1");
const BOLD: Name = Name(b"F2");
const GOLD: (f32, f32, f32) = (0.80, 0.62, 0.13);
/// The bars: the blue of the web app's links, dark enough against white.
const BAR: (f32, f32, f32) = (0.0, 0.35, 0.61);

/// The report's words in one language.
struct Words {
    title: &'static str,
    period: &'static str,
    compared: &'static str,
    created: &'static str,
    key_figures: &'static str,
    figure: &'static str,
    this_period: &'static str,
    previous_period: &'static str,
    courses_planned: &'static str,
    courses_held: &'static str,
    courses_cancelled: &'static str,
    started: &'static str,
    completed: &'static str,
    certified: &'static str,
    dropped_out: &'static str,
    hours: &'static str,
    tandems: &'static str,
    meetings: &'static str,
    mentors_new: &'static str,
    mentors_active: &'static str,
    covered: &'static str,
    chart_courses: &'static str,
    chart_fields: &'static str,
    no_figures: &'static str,
    districts: &'static str,
    district: &'static str,
    share: &'static str,
    trained_tandems: &'static str,
    local_course: &'static str,
    no_local_course: &'static str,
    page: &'static str,
}

const GERMAN: Words = Words {
    title: "Programmbericht",
    period: "Berichtszeitraum",
    compared: "Vergleich mit",
    created: "Erstellt am",
    key_figures: "Kennzahlen",
    figure: "Kennzahl",
    this_period: "Zeitraum",
    previous_period: "Vorperiode",
    courses_planned: "Kurse geplant",
    courses_held: "Kurse durchgeführt",
    courses_cancelled: "Kurse abgesagt",
    started: "Teilnehmende begonnen",
    completed: "Teilnehmende abgeschlossen",
    certified: "Teilnehmende zertifiziert",
    dropped_out: "Teilnehmende abgebrochen",
    hours: "Stunden durchgeführt",
    tandems: "Trainertandems ausgebildet",
    meetings: "Begleittreffen",
    mentors_new: "Mentorinnen und Mentoren neu",
    mentors_active: "Mentorinnen und Mentoren aktiv",
    covered: "Gemeinden mit Mentorin oder Mentor",
    chart_courses: "Durchgeführte Kurse je Stadt- und Landkreis",
    chart_fields: "Aktive Mentorinnen und Mentoren je Einsatzfeld",
    no_figures: "Im Berichtszeitraum keine Angaben.",
    districts: "Stadt- und Landkreise",
    district: "Kreis",
    share: "Anteil",
    trained_tandems: "Ausgebildete Trainertandems",
    local_course: "Örtlicher Kurs",
    no_local_course: "noch kein örtlicher Kurs",
    page: "Seite {n} von {of}",
};

const ENGLISH: Words = Words {
    title: "Programme report",
    period: "Reporting period",
    compared: "compared with",
    created: "Created on",
    key_figures: "Key figures",
    figure: "Figure",
    this_period: "Period",
    previous_period: "Previous",
    courses_planned: "Courses planned",
    courses_held: "Courses held",
    courses_cancelled: "Courses cancelled",
    started: "Participants started",
    completed: "Participants completed",
    certified: "Participants certified",
    dropped_out: "Participants dropped out",
    hours: "Hours delivered",
    tandems: "Trainer tandems trained",
    meetings: "Accompaniment meetings",
    mentors_new: "New mentors",
    mentors_active: "Active mentors",
    covered: "Municipalities with a mentor",
    chart_courses: "Courses held per district",
    chart_fields: "Active mentors per field of activity",
    no_figures: "No figures for this period.",
    districts: "Districts",
    district: "District",
    share: "Share",
    trained_tandems: "Trainer tandems trained",
    local_course: "Local course",
    no_local_course: "no local course yet",
    page: "Page {n} of {of}",
};

/// A whole number the reader's way: "12.345" in German, "12,345" in English.
fn number(value: i64, lang: Language) -> String {
    let digits = value.unsigned_abs().to_string();
    let separator = match lang {
        Language::De => '.',
        Language::En => ',',
    };
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    if value < 0 {
        out.insert(0, '-');
    }
    out
}

/// "12,5" or "12.5".
fn decimal(value: f64, lang: Language) -> String {
    let text = format!("{value:.1}");
    match lang {
        Language::De => text.replace('.', ","),
        Language::En => text,
    }
}

fn share(part: i64, whole: i64, lang: Language) -> String {
    if whole == 0 {
        return "–".into();
    }
    let percent = decimal(100.0 * part as f64 / whole as f64, lang);
    match lang {
        Language::De => format!("{percent} %"),
        Language::En => format!("{percent}%"),
    }
}

/// Pages written top-down; a new page starts whenever the next block would not fit.
struct Document {
    /// "Seite {n} von {of}" in the document's language.
    page_label: &'static str,
    pages: Vec<Content>,
    page: Content,
    y: f32,
    regular: DocumentFont,
    bold: DocumentFont,
}

impl Document {
    fn new(page_label: &'static str) -> Self {
        let mut document = Document {
            page_label,
            pages: Vec::new(),
            page: Content::new(),
            y: 0.0,
            regular: DocumentFont::new(&SANS),
            bold: DocumentFont::new(&SANS_BOLD),
        };
        document.start_page();
        document
    }

    fn start_page(&mut self) {
        // The state's colours along the top of every page.
        self.page
            .set_fill_rgb(0.0, 0.0, 0.0)
            .rect(0.0, HEIGHT - 12.0, WIDTH, 12.0)
            .fill_nonzero();
        self.page
            .set_fill_rgb(GOLD.0, GOLD.1, GOLD.2)
            .rect(0.0, HEIGHT - 17.0, WIDTH, 5.0)
            .fill_nonzero();
        self.page.set_fill_gray(0.0);
        self.y = HEIGHT - 60.0;
    }

    /// Room for `height` points, or a new page.
    fn room(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            let full = std::mem::replace(&mut self.page, Content::new());
            self.pages.push(full);
            self.start_page();
        }
    }

    fn text(&mut self, x: f32, y: f32, text: &str, size: f32, bold: bool) {
        let (font, name) = if bold {
            (&mut self.bold, BOLD)
        } else {
            (&mut self.regular, REGULAR)
        };
        let encoded = font.encode(text);
        self.page.begin_text();
        self.page.set_font(name, size);
        self.page.next_line(x, y);
        self.page.show(Str(&encoded));
        self.page.end_text();
    }

    /// `text` ending at `right`, as numbers stand in a column.
    fn text_right(&mut self, right: f32, y: f32, text: &str, size: f32, bold: bool) {
        let font = if bold { &self.bold } else { &self.regular };
        let x = right - font.width(text, size);
        self.text(x, y, text, size, bold);
    }

    /// The longest start of `text` that fits `max` points, with "…" when cut.
    fn fit(&self, text: &str, size: f32, max: f32) -> String {
        if self.regular.width(text, size) <= max {
            return text.to_owned();
        }
        let mut cut: String = text.to_owned();
        while !cut.is_empty() && self.regular.width(&format!("{cut}…"), size) > max {
            cut.pop();
        }
        format!("{}…", cut.trim_end())
    }

    fn paragraph(&mut self, text: &str, size: f32) {
        for line in self.regular.wrap(text, size, WIDTH - 2.0 * MARGIN) {
            self.room(size * 1.4);
            self.text(MARGIN, self.y, &line, size, false);
            self.y -= size * 1.4;
        }
    }

    fn heading(&mut self, text: &str) {
        // A heading never ends a page: it keeps at least a few lines below it.
        self.room(80.0);
        self.y -= 10.0;
        self.text(MARGIN, self.y, text, 14.0, true);
        self.y -= 22.0;
    }

    /// A table: the first column text, the others numbers aligned right.
    fn table(&mut self, headers: &[&str], widths: &[f32], rows: &[Vec<String>]) {
        let size = 9.0;
        let line = 14.0;
        // Long headers wrap within their column, numbers' headers aligned right like them.
        let header_lines: Vec<Vec<String>> = headers
            .iter()
            .zip(widths)
            .map(|(header, width)| self.bold.wrap(header, size, width - 6.0))
            .collect();
        let depth = header_lines.iter().map(Vec::len).max().unwrap_or(1);
        let draw_header = |doc: &mut Document| {
            let mut x = MARGIN;
            for (i, (lines, width)) in header_lines.iter().zip(widths).enumerate() {
                // Bottom-aligned: the last line of every header sits on the same baseline.
                let mut y = doc.y - (depth - lines.len()) as f32 * (size + 2.0);
                for text in lines {
                    if i == 0 {
                        doc.text(x, y, text, size, true);
                    } else {
                        doc.text_right(x + width, y, text, size, true);
                    }
                    y -= size + 2.0;
                }
                x += width;
            }
            doc.y -= (depth - 1) as f32 * (size + 2.0) + 5.0;
            doc.page
                .set_stroke_rgb(GOLD.0, GOLD.1, GOLD.2)
                .set_line_width(0.8)
                .move_to(MARGIN, doc.y)
                .line_to(MARGIN + widths.iter().sum::<f32>(), doc.y)
                .stroke();
            doc.y -= line - 3.0;
        };
        self.room(line * 3.0 + depth as f32 * (size + 2.0));
        draw_header(self);
        for row in rows {
            if self.y - line < BOTTOM {
                self.room(line * 2.0 + depth as f32 * (size + 2.0));
                draw_header(self);
            }
            let mut x = MARGIN;
            for (i, (cell, width)) in row.iter().zip(widths).enumerate() {
                if i == 0 {
                    let shown = self.fit(cell, size, width - 6.0);
                    self.text(x, self.y, &shown, size, false);
                } else {
                    self.text_right(x + width, self.y, cell, size, false);
                }
                x += width;
            }
            self.y -= line;
        }
        self.y -= 8.0;
    }

    /// Horizontal bars, largest first; the value stands at the end of each bar.
    fn bar_chart(&mut self, bars: &[(String, i64)], lang: Language, empty: &str) {
        let bars: Vec<&(String, i64)> = bars.iter().filter(|(_, v)| *v > 0).collect();
        if bars.is_empty() {
            self.paragraph(empty, 10.0);
            return;
        }
        let (label_width, size, step) = (170.0, 8.5, 15.0);
        let max = bars.iter().map(|(_, v)| *v).max().unwrap_or(1) as f32;
        let room_for_bars = WIDTH - 2.0 * MARGIN - label_width - 40.0;
        for (label, value) in bars {
            self.room(step);
            let shown = self.fit(label, size, label_width - 8.0);
            self.text(MARGIN, self.y, &shown, size, false);
            let length = (*value as f32 / max * room_for_bars).max(1.0);
            self.page
                .set_fill_rgb(BAR.0, BAR.1, BAR.2)
                .rect(MARGIN + label_width, self.y - 2.0, length, 10.0)
                .fill_nonzero();
            self.page.set_fill_gray(0.0);
            let end = MARGIN + label_width + length + 4.0;
            self.text(end, self.y, &number(*value, lang), size, false);
            self.y -= step;
        }
        self.y -= 8.0;
    }

    /// The finished file (PDF/A-2b): pages with "page n of m" under each, fonts embedded last.
    fn finish(mut self, title: &str, language: Language) -> anyhow::Result<Vec<u8>> {
        let last = std::mem::replace(&mut self.page, Content::new());
        self.pages.push(last);
        let count = self.pages.len();
        let mut pages = std::mem::take(&mut self.pages);
        for (i, page) in pages.iter_mut().enumerate() {
            let number = self
                .page_label
                .replace("{n}", &(i + 1).to_string())
                .replace("{of}", &count.to_string());
            std::mem::swap(&mut self.page, page);
            self.page.set_fill_gray(0.35);
            self.text(MARGIN, 40.0, title, 8.0, false);
            self.text_right(WIDTH - MARGIN, 40.0, &number, 8.0, false);
            std::mem::swap(&mut self.page, page);
        }
        let mut pdf = Pdf::new();
        let (catalog, tree, regular, bold) = (Ref::new(1), Ref::new(2), Ref::new(3), Ref::new(4));
        let mut next = Ref::new(5);
        let ids: Vec<(Ref, Ref)> = (0..count).map(|_| (next.bump(), next.bump())).collect();
        pdf.pages(tree)
            .kids(ids.iter().map(|(page, _)| *page))
            .count(count as i32);
        for ((page_id, content_id), content) in ids.iter().zip(pages) {
            let mut page = pdf.page(*page_id);
            page.media_box(Rect::new(0.0, 0.0, WIDTH, HEIGHT))
                .parent(tree)
                .contents(*content_id);
            page.resources()
                .fonts()
                .pair(REGULAR, regular)
                .pair(BOLD, bold);
            page.finish();
            pdf.stream(*content_id, &content.finish());
        }
        self.regular.write(&mut pdf, regular, &mut next)?;
        self.bold.write(&mut pdf, bold, &mut next)?;
        crate::pdfa::catalog(&mut pdf, catalog, tree, &mut next, title, language);
        Ok(pdf.finish())
    }
}

/// Key figures: this period, and the previous one where the report has it.
fn key_figures(total: &AreaFigures, w: &Words, lang: Language) -> Vec<Vec<String>> {
    let (c, m, g) = (&total.courses, &total.mentors, &total.municipalities);
    let n = |v: i64| number(v, lang);
    let none = String::from("–");
    vec![
        vec![w.courses_planned.into(), n(c.courses_planned), none.clone()],
        vec![w.courses_held.into(), n(c.courses_held), none.clone()],
        vec![
            w.courses_cancelled.into(),
            n(c.courses_cancelled),
            none.clone(),
        ],
        vec![w.started.into(), n(c.participants_started), none.clone()],
        vec![
            w.completed.into(),
            n(c.participants_completed),
            none.clone(),
        ],
        vec![
            w.certified.into(),
            n(c.participants_certified),
            none.clone(),
        ],
        vec![
            w.dropped_out.into(),
            n(c.participants_dropped_out),
            none.clone(),
        ],
        vec![
            w.hours.into(),
            decimal(c.hours_delivered, lang),
            none.clone(),
        ],
        vec![w.tandems.into(), n(c.tandems_trained), none.clone()],
        vec![w.meetings.into(), n(c.accompaniment_meetings), none.clone()],
        vec![w.mentors_new.into(), n(m.mentors_new), none.clone()],
        vec![
            w.mentors_active.into(),
            n(m.mentors_active),
            n(m.mentors_active_previous),
        ],
        vec![
            w.covered.into(),
            format!(
                "{} ({})",
                n(g.municipalities_with_mentor),
                share(g.municipalities_with_mentor, g.municipalities, lang)
            ),
            format!(
                "{} ({})",
                n(g.municipalities_with_mentor_previous),
                share(
                    g.municipalities_with_mentor_previous,
                    g.municipalities,
                    lang
                )
            ),
        ],
    ]
}

/// The report as PDF bytes; `today` is the creation date printed under the title.
pub fn render(
    report: &ProgrammeReport,
    lang: Language,
    today: chrono::NaiveDate,
) -> anyhow::Result<Vec<u8>> {
    let w = match lang {
        Language::De => &GERMAN,
        Language::En => &ENGLISH,
    };
    let title = format!("{} {}", w.title, report.period.label());
    let mut doc = Document::new(w.page);
    doc.text(MARGIN, doc.y, "Mentorat für Bürgerengagement", 11.0, false);
    doc.y -= 30.0;
    doc.text(MARGIN, doc.y, &title, 24.0, true);
    doc.y -= 24.0;
    doc.paragraph(
        &format!(
            "{}: {} – {} · {} {}",
            w.period,
            lang.long_date(report.period.from),
            lang.long_date(report.period.to),
            w.compared,
            report.previous.label()
        ),
        10.0,
    );
    doc.paragraph(&format!("{} {}", w.created, lang.long_date(today)), 10.0);
    doc.y -= 6.0;

    doc.heading(w.key_figures);
    doc.table(
        &[w.figure, w.this_period, w.previous_period],
        &[260.0, 110.0, 110.0],
        &key_figures(&report.total, w, lang),
    );

    doc.heading(w.chart_courses);
    let mut courses: Vec<(String, i64)> = report
        .districts
        .iter()
        .map(|d| (d.label.clone(), d.figures.courses.courses_held))
        .collect();
    courses.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    doc.bar_chart(&courses, lang, w.no_figures);

    doc.heading(w.chart_fields);
    let mut fields: Vec<(String, i64)> = report
        .fields
        .iter()
        .map(|f| {
            let name = match lang {
                Language::De => &f.name_de,
                Language::En => &f.name_en,
            };
            (name.clone(), f.figures.mentors_active)
        })
        .collect();
    fields.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    doc.bar_chart(&fields, lang, w.no_figures);

    doc.heading(w.districts);
    let rows: Vec<Vec<String>> = report
        .districts
        .iter()
        .map(|d| {
            let (c, m, g) = (
                &d.figures.courses,
                &d.figures.mentors,
                &d.figures.municipalities,
            );
            vec![
                d.label.clone(),
                number(c.courses_held, lang),
                number(c.participants_certified, lang),
                number(m.mentors_active, lang),
                number(g.municipalities_with_mentor, lang),
                share(g.municipalities_with_mentor, g.municipalities, lang),
            ]
        })
        .collect();
    doc.table(
        &[
            w.district,
            w.courses_held,
            w.certified,
            w.mentors_active,
            w.covered,
            w.share,
        ],
        &[133.0, 66.0, 76.0, 72.0, 80.0, 56.0],
        &rows,
    );

    doc.heading(w.trained_tandems);
    if report.tandems.is_empty() {
        doc.paragraph(w.no_figures, 10.0);
    }
    for tandem in &report.tandems {
        let local = match &tandem.local_course {
            Some(course) => format!("{}: {}", w.local_course, course.title),
            None => w.no_local_course.to_owned(),
        };
        doc.paragraph(
            &format!(
                "{} – {} ({}); {local}",
                tandem.trainers.join(" & "),
                tandem.trainer_course_title,
                lang.long_date(tandem.completed_on)
            ),
            10.0,
        );
    }
    doc.finish(&title, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_the_way_of_the_reader() {
        assert_eq!(number(1_234_567, Language::De), "1.234.567");
        assert_eq!(number(1_234, Language::En), "1,234");
        assert_eq!(number(999, Language::De), "999");
        assert_eq!(number(-1_000, Language::De), "-1.000");
        assert_eq!(share(1, 8, Language::De), "12,5 %");
        assert_eq!(share(0, 0, Language::En), "–");
    }
}
