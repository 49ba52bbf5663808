//! The printable certificate: one A4 page in German, set in DejaVu Sans, embedded as a subset
//! (see `crate::fonts`), so every holder's name prints exactly as registered.

use crate::fonts::{DocumentFont, SANS, SANS_BOLD};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use shared::certificates::Certificate;
use shared::courses::CourseKind;

const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 72.0;
const REGULAR: Name = Name(b"F1");
const BOLD: Name = Name(b"F2");
/// The state's colours: black and gold, with a dark grey for the small print.
const GOLD: (f32, f32, f32) = (0.80, 0.62, 0.13);

/// Breaks `text` into lines no wider than `max` points.
fn wrap(font: &DocumentFont, text: &str, size: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if font.width(&candidate, size) > max && !line.is_empty() {
            lines.push(std::mem::replace(&mut line, word.to_owned()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Writes text top-down on the page.
struct Page {
    content: Content,
    y: f32,
    regular: DocumentFont,
    bold: DocumentFont,
}

impl Page {
    fn font(&self, bold: bool) -> &DocumentFont {
        if bold {
            &self.bold
        } else {
            &self.regular
        }
    }

    fn text_at(&mut self, x: f32, text: &str, size: f32, bold: bool) {
        let encoded = if bold {
            self.bold.encode(text)
        } else {
            self.regular.encode(text)
        };
        self.content.begin_text();
        self.content
            .set_font(if bold { BOLD } else { REGULAR }, size);
        self.content.next_line(x, self.y);
        self.content.show(Str(&encoded));
        self.content.end_text();
    }

    fn centred(&mut self, text: &str, size: f32, bold: bool) {
        for line in wrap(self.font(bold), text, size, PAGE_WIDTH - 2.0 * MARGIN) {
            let x = (PAGE_WIDTH - self.font(bold).width(&line, size)) / 2.0;
            self.text_at(x, &line, size, bold);
            self.y -= size * 1.35;
        }
    }

    fn left(&mut self, x: f32, text: &str, size: f32) {
        for line in wrap(&self.regular, text, size, PAGE_WIDTH - MARGIN - x) {
            self.text_at(x, &line, size, false);
            self.y -= size * 1.4;
        }
    }

    fn gap(&mut self, points: f32) {
        self.y -= points;
    }

    fn rule(&mut self, from: f32, to: f32, thickness: f32) {
        self.content
            .set_stroke_rgb(GOLD.0, GOLD.1, GOLD.2)
            .set_line_width(thickness);
        self.content
            .move_to(from, self.y)
            .line_to(to, self.y)
            .stroke();
    }
}

/// "1. März 2027".
pub fn german_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ];
    format!(
        "{}. {} {}",
        date.day(),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

/// "2,5" — hours the German way, without needless decimals.
pub fn german_hours(hours: f64) -> String {
    let text = format!("{:.1}", hours).replace('.', ",");
    text.strip_suffix(",0").map(str::to_owned).unwrap_or(text)
}

/// The certificate's sentences, in the programme's wording.
pub fn wording(c: &Certificate) -> Vec<String> {
    let (course, role) = match c.course_kind {
        CourseKind::MentorCourse => ("Mentorenkurs", "zur Bürgermentorin / zum Bürgermentor"),
        CourseKind::TrainerCourse => (
            "Mentorentrainerkurs",
            "zur Mentorentrainerin / zum Mentorentrainer",
        ),
    };
    let period = match (c.first_date, c.last_date) {
        (Some(a), Some(b)) if a != b => format!(" vom {} bis {}", german_date(a), german_date(b)),
        (Some(a), _) => format!(" am {}", german_date(a)),
        _ => String::new(),
    };
    let place = c
        .place
        .as_ref()
        .map(|p| format!(" in {p}"))
        .unwrap_or_default();
    let provider = c
        .provider
        .as_ref()
        .map(|p| format!(" Veranstalter: {p}."))
        .unwrap_or_default();
    // "am Mentorenkurs „Mentorenkurs Esslingen“" says it twice; a title that names the kind of
    // course stands alone.
    let named = if c.course_title.contains(course) {
        format!("„{}“", c.course_title)
    } else {
        format!("{course} „{}“", c.course_title)
    };
    vec![
        format!("hat{period}{place} am {named} teilgenommen und ihn mit {} Stunden erfolgreich abgeschlossen.{provider}", german_hours(c.hours)),
        format!("Damit ist die Qualifizierung {role} im Landesprogramm „Mentorat für Bürgerengagement“ in Baden-Württemberg bestätigt."),
    ]
}

/// Who stands behind the course, as the certificate names them.
#[derive(Debug, Default)]
pub struct Parties {
    /// The trainer tandem that led the course (professional first), for their signature line.
    pub trainers: Vec<String>,
    /// The body that commissioned the course (e.g. the ministry).
    pub commissioning_body: Option<String>,
    /// The funder (e.g. the Baden-Württemberg Stiftung).
    pub funder: Option<String>,
}

/// The line under the programme's name: on whose behalf the course ran and who funded it.
fn mandate(parties: &Parties) -> Option<String> {
    match (&parties.commissioning_body, &parties.funder) {
        (Some(body), Some(funder)) => {
            Some(format!("Im Auftrag von {body}, gefördert von {funder}"))
        }
        (Some(body), None) => Some(format!("Im Auftrag von {body}")),
        (None, Some(funder)) => Some(format!("Gefördert von {funder}")),
        (None, None) => None,
    }
}

/// The certificate as PDF bytes. `verify_url` is the public page where the code can be checked.
pub fn render(c: &Certificate, parties: &Parties, verify_url: &str) -> anyhow::Result<Vec<u8>> {
    let trainers = &parties.trainers;
    let mut pdf = Pdf::new();
    let (catalog, pages, page_id, regular, bold, content_id, info) = (
        Ref::new(1),
        Ref::new(2),
        Ref::new(3),
        Ref::new(4),
        Ref::new(5),
        Ref::new(6),
        Ref::new(7),
    );
    pdf.catalog(catalog).pages(pages);
    pdf.pages(pages).kids([page_id]).count(1);
    let mut page = pdf.page(page_id);
    page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
        .parent(pages)
        .contents(content_id);
    page.resources()
        .fonts()
        .pair(REGULAR, regular)
        .pair(BOLD, bold);
    page.finish();
    pdf.document_info(info)
        .title(TextStr(&format!(
            "Zertifikat {} – {}",
            c.serial, c.holder_name
        )))
        .producer(TextStr("Mentorat"));

    let mut p = Page {
        content: Content::new(),
        y: PAGE_HEIGHT - 60.0,
        regular: DocumentFont::new(&SANS),
        bold: DocumentFont::new(&SANS_BOLD),
    };
    // A black and a gold band at the top, the state's colours.
    p.content
        .set_fill_rgb(0.0, 0.0, 0.0)
        .rect(0.0, PAGE_HEIGHT - 18.0, PAGE_WIDTH, 18.0)
        .fill_nonzero();
    p.content
        .set_fill_rgb(GOLD.0, GOLD.1, GOLD.2)
        .rect(0.0, PAGE_HEIGHT - 26.0, PAGE_WIDTH, 8.0)
        .fill_nonzero();
    p.content.set_fill_gray(0.0);
    p.gap(20.0);
    p.centred("Mentorat für Bürgerengagement", 13.0, false);
    p.centred("Landesprogramm Baden-Württemberg", 10.0, false);
    if let Some(line) = mandate(parties) {
        p.centred(&line, 9.0, false);
    }
    p.gap(40.0);
    p.centred("ZERTIFIKAT", 34.0, true);
    p.y += 30.0; // the rule sits right under the title, not a line further down
    p.rule(PAGE_WIDTH / 2.0 - 60.0, PAGE_WIDTH / 2.0 + 60.0, 1.5);
    p.gap(46.0);
    p.centred(&c.holder_name, 24.0, true);
    p.gap(18.0);
    for sentence in wording(c) {
        p.centred(&sentence, 12.0, false);
        p.gap(10.0);
    }
    if !c.topics.is_empty() {
        p.gap(14.0);
        p.text_at(MARGIN + 40.0, "Themenschwerpunkte des Kurses", 11.0, true);
        p.gap(18.0);
        for topic in &c.topics {
            p.left(MARGIN + 52.0, &format!("• {topic}"), 11.0);
        }
    }
    // Place, date and signature sit at a fixed height, however long the text above.
    p.y = p.y.min(230.0);
    p.gap(30.0);
    let issued = match &c.place {
        Some(place) => format!("{place}, {}", german_date(c.issued_on)),
        None => german_date(c.issued_on),
    };
    p.text_at(MARGIN, &issued, 11.0, false);
    p.gap(40.0);
    p.rule(MARGIN, MARGIN + 200.0, 0.6);
    p.rule(PAGE_WIDTH - MARGIN - 200.0, PAGE_WIDTH - MARGIN, 0.6);
    p.gap(14.0);
    // Who signs: the education provider and the trainer tandem, named under their lines.
    let provider = c.provider.as_deref().unwrap_or("Bildungsträger");
    p.text_at(MARGIN, provider, 9.0, false);
    let tandem = if trainers.is_empty() {
        "Trainertandem".to_owned()
    } else {
        trainers.join(" und ")
    };
    p.text_at(PAGE_WIDTH - MARGIN - 200.0, &tandem, 9.0, false);
    p.gap(12.0);
    if c.provider.is_some() {
        p.text_at(MARGIN, "Bildungsträger", 8.0, false);
    }
    if !trainers.is_empty() {
        p.text_at(PAGE_WIDTH - MARGIN - 200.0, "Trainertandem", 8.0, false);
    }
    p.y = 58.0;
    p.content.set_fill_gray(0.3);
    p.centred(
        &format!(
            "Zertifikat-Nr. {} · Prüfcode {}",
            c.serial, c.verification_code
        ),
        9.0,
        false,
    );
    p.centred(&format!("Echtheit prüfen: {verify_url}"), 9.0, false);
    pdf.stream(content_id, &p.content.finish());
    // The fonts go last: only now is it known which glyphs the page shows.
    let mut next = Ref::new(8);
    p.regular.write(&mut pdf, regular, &mut next)?;
    p.bold.write(&mut pdf, bold, &mut next)?;
    Ok(pdf.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_wrap_within_the_width() {
        let text = "hat am Mentorenkurs „Bürgermentoren Esslingen“ teilgenommen und ihn mit 40 Stunden erfolgreich abgeschlossen.";
        let font = DocumentFont::new(&SANS);
        let lines = wrap(&font, text, 12.0, 300.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| font.width(l, 12.0) <= 300.0));
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn dates_and_hours_read_the_german_way() {
        assert_eq!(
            german_date(chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap()),
            "1. März 2027"
        );
        assert_eq!(german_hours(40.0), "40");
        assert_eq!(german_hours(38.5), "38,5");
    }
}
