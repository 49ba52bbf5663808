//! The printable certificate: one A4 page in German or English, set in DejaVu Sans, embedded as
//! a subset (see `crate::fonts`), so every holder's name prints exactly as registered; headed by
//! the provider's logo and signed by its signatory and the trainer tandem.

use crate::downloads::Language;
use crate::fonts::{DocumentFont, SANS, SANS_BOLD};
use crate::logo::Logo;
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str};
use shared::certificates::Certificate;
use shared::courses::CourseKind;

const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 72.0;
const REGULAR: Name = Name(b"F1");
const BOLD: Name = Name(b"F2");
/// The state's colours: black and gold, with a dark grey for the small print.
const GOLD: (f32, f32, f32) = (0.80, 0.62, 0.13);

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
        for line in self.font(bold).wrap(text, size, PAGE_WIDTH - 2.0 * MARGIN) {
            let x = (PAGE_WIDTH - self.font(bold).width(&line, size)) / 2.0;
            self.text_at(x, &line, size, bold);
            self.y -= size * 1.35;
        }
    }

    fn left(&mut self, x: f32, text: &str, size: f32) {
        for line in self.regular.wrap(text, size, PAGE_WIDTH - MARGIN - x) {
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

/// The certificate's sentences, in the programme's wording.
pub fn wording(c: &Certificate, language: Language) -> Vec<String> {
    match language {
        Language::De => german_wording(c),
        Language::En => english_wording(c),
    }
}

fn german_wording(c: &Certificate) -> Vec<String> {
    let (course, role) = match c.course_kind {
        CourseKind::MentorCourse => ("Mentorenkurs", "zur Bürgermentorin / zum Bürgermentor"),
        CourseKind::TrainerCourse => (
            "Mentorentrainerkurs",
            "zur Mentorentrainerin / zum Mentorentrainer",
        ),
    };
    let period = match (c.first_date, c.last_date) {
        (Some(a), Some(b)) if a != b => format!(
            " vom {} bis {}",
            Language::De.long_date(a),
            Language::De.long_date(b)
        ),
        (Some(a), _) => format!(" am {}", Language::De.long_date(a)),
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
        format!("hat{period}{place} am {named} teilgenommen und ihn mit {} Stunden erfolgreich abgeschlossen.{provider}", Language::De.hours(c.hours)),
        format!("Damit ist die Qualifizierung {role} im Landesprogramm „Mentorat für Bürgerengagement“ in Baden-Württemberg bestätigt."),
    ]
}

fn english_wording(c: &Certificate) -> Vec<String> {
    let (course, role) = match c.course_kind {
        CourseKind::MentorCourse => ("civic mentor course", "a civic mentor"),
        CourseKind::TrainerCourse => ("mentor trainer course", "a mentor trainer"),
    };
    let period = match (c.first_date, c.last_date) {
        (Some(a), Some(b)) if a != b => {
            format!(
                " from {} to {}",
                Language::En.long_date(a),
                Language::En.long_date(b)
            )
        }
        (Some(a), _) => format!(" on {}", Language::En.long_date(a)),
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
        .map(|p| format!(" Provider: {p}."))
        .unwrap_or_default();
    vec![
        format!("successfully completed the {course} “{}”{place}{period}, attending {} hours.{provider}", c.course_title, Language::En.hours(c.hours)),
        format!("This confirms the qualification as {role} in the Baden-Württemberg state programme “Mentorat für Bürgerengagement”."),
    ]
}

/// The fixed words of the page, per language.
struct Labels {
    subtitle: &'static str,
    title: &'static str,
    topics: &'static str,
    provider: &'static str,
    trainer: &'static str,
    serial: &'static str,
    verify: &'static str,
}

const GERMAN: Labels = Labels {
    subtitle: "Landesprogramm Baden-Württemberg",
    title: "ZERTIFIKAT",
    topics: "Themenschwerpunkte des Kurses",
    provider: "Bildungsträger",
    trainer: "Trainerin / Trainer",
    serial: "Zertifikat-Nr. {serial} · Prüfcode {code}",
    verify: "Echtheit prüfen:",
};

const ENGLISH: Labels = Labels {
    subtitle: "State programme of Baden-Württemberg",
    title: "CERTIFICATE",
    topics: "Topics of the course",
    provider: "Education provider",
    trainer: "Trainer",
    serial: "Certificate no. {serial} · verification code {code}",
    verify: "Check authenticity:",
};

/// Who stands behind the course, as the certificate names them.
#[derive(Default)]
pub struct Parties {
    /// The trainer tandem that led the course (professional first), each with a signature line.
    pub trainers: Vec<String>,
    /// The body that commissioned the course (e.g. the ministry).
    pub commissioning_body: Option<String>,
    /// The funder (e.g. the Baden-Württemberg Stiftung).
    pub funder: Option<String>,
    /// Who signs for the education provider, and in which role.
    pub signatory: Option<(String, Option<String>)>,
    /// The provider's postal address on one line.
    pub provider_address: Option<String>,
    /// The provider's logo, heading the page.
    pub logo: Option<Logo>,
}

/// The line under the programme's name: on whose behalf the course ran and who funded it.
fn mandate(parties: &Parties, language: Language) -> Option<String> {
    let (by, funded, funded_alone) = match language {
        Language::De => ("Im Auftrag von", "gefördert von", "Gefördert von"),
        Language::En => ("Commissioned by", "funded by", "Funded by"),
    };
    match (&parties.commissioning_body, &parties.funder) {
        (Some(body), Some(funder)) => Some(format!("{by} {body}, {funded} {funder}")),
        (Some(body), None) => Some(format!("{by} {body}")),
        (None, Some(funder)) => Some(format!("{funded_alone} {funder}")),
        (None, None) => None,
    }
}

/// Where the logo goes: at most this wide and high, centred at the top.
const LOGO_BOX: (f32, f32) = (170.0, 56.0);
const LOGO: Name = Name(b"Im1");

/// The certificate as PDF bytes. `verify_url` is the public page where the code can be checked.
pub fn render(
    c: &Certificate,
    parties: &Parties,
    verify_url: &str,
    language: Language,
) -> anyhow::Result<Vec<u8>> {
    let labels = match language {
        Language::De => &GERMAN,
        Language::En => &ENGLISH,
    };
    let mut pdf = Pdf::new();
    let (catalog, pages, page_id, regular, bold, content_id, logo_id, logo_mask) = (
        Ref::new(1),
        Ref::new(2),
        Ref::new(3),
        Ref::new(4),
        Ref::new(5),
        Ref::new(6),
        Ref::new(7),
        Ref::new(8),
    );
    pdf.pages(pages).kids([page_id]).count(1);
    let mut page = pdf.page(page_id);
    page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
        .parent(pages)
        .contents(content_id);
    let mut resources = page.resources();
    resources.fonts().pair(REGULAR, regular).pair(BOLD, bold);
    if parties.logo.is_some() {
        resources.x_objects().pair(LOGO, logo_id);
    }
    resources.finish();
    page.finish();
    let title = match language {
        Language::De => "Zertifikat",
        Language::En => "Certificate",
    };
    let title = format!("{title} {} – {}", c.serial, c.holder_name);

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
    if let Some(logo) = &parties.logo {
        let scale = (LOGO_BOX.0 / logo.width() as f32).min(LOGO_BOX.1 / logo.height() as f32);
        let (width, height) = (logo.width() as f32 * scale, logo.height() as f32 * scale);
        let top = PAGE_HEIGHT - 44.0;
        p.content.save_state();
        p.content.transform([
            width,
            0.0,
            0.0,
            height,
            (PAGE_WIDTH - width) / 2.0,
            top - height,
        ]);
        p.content.x_object(LOGO);
        p.content.restore_state();
        p.y = top - height - 26.0;
        embed_logo(&mut pdf, logo, logo_id, logo_mask);
    } else {
        p.gap(20.0);
    }
    p.centred("Mentorat für Bürgerengagement", 13.0, false);
    p.centred(labels.subtitle, 10.0, false);
    if let Some(line) = mandate(parties, language) {
        p.centred(&line, 9.0, false);
    }
    p.gap(if parties.logo.is_some() { 26.0 } else { 40.0 });
    p.centred(labels.title, 34.0, true);
    p.y += 30.0; // the rule sits right under the title, not a line further down
    p.rule(PAGE_WIDTH / 2.0 - 60.0, PAGE_WIDTH / 2.0 + 60.0, 1.5);
    p.gap(46.0);
    p.centred(&c.holder_name, 24.0, true);
    p.gap(18.0);
    for sentence in wording(c, language) {
        p.centred(&sentence, 12.0, false);
        p.gap(10.0);
    }
    if !c.topics.is_empty() {
        p.gap(14.0);
        p.text_at(MARGIN + 40.0, labels.topics, 11.0, true);
        p.gap(18.0);
        for topic in &c.topics {
            p.left(MARGIN + 52.0, &format!("• {topic}"), 11.0);
        }
    }
    // Place, date and signatures sit at a fixed height, however long the text above.
    p.y = p.y.min(240.0);
    p.gap(30.0);
    let date = language.long_date(c.issued_on);
    let issued = match &c.place {
        Some(place) => format!("{place}, {date}"),
        None => date,
    };
    p.text_at(MARGIN, &issued, 11.0, false);
    p.gap(44.0);
    signatures(&mut p, c, parties, labels);
    p.y = 74.0;
    p.content.set_fill_gray(0.3);
    if let Some(address) = &parties.provider_address {
        let provider = c.provider.as_deref().unwrap_or(labels.provider);
        p.centred(&format!("{provider} · {address}"), 8.5, false);
    }
    p.centred(
        &labels
            .serial
            .replace("{serial}", &c.serial)
            .replace("{code}", c.verification_code.as_str()),
        9.0,
        false,
    );
    p.centred(&format!("{} {verify_url}", labels.verify), 9.0, false);
    pdf.stream(content_id, &p.content.finish());
    // The fonts go last: only now is it known which glyphs the page shows.
    let mut next = Ref::new(9);
    p.regular.write(&mut pdf, regular, &mut next)?;
    p.bold.write(&mut pdf, bold, &mut next)?;
    crate::pdfa::catalog(&mut pdf, catalog, pages, &mut next, &title, language);
    Ok(pdf.finish())
}

/// One signature line each for the provider's signatory and for every trainer of the tandem,
/// side by side, each with the name and role beneath.
fn signatures(p: &mut Page, c: &Certificate, parties: &Parties, labels: &Labels) {
    let provider = c.provider.clone();
    let mut signers: Vec<Vec<(String, f32)>> = Vec::new();
    signers.push(match &parties.signatory {
        Some((name, role)) => {
            let mut lines = vec![(name.clone(), 9.0)];
            lines.extend(role.clone().map(|r| (r, 8.0)));
            lines.extend(provider.map(|p| (p, 8.0)));
            lines
        }
        None => vec![(provider.unwrap_or_else(|| labels.provider.to_owned()), 9.0)],
    });
    for trainer in &parties.trainers {
        signers.push(vec![
            (trainer.clone(), 9.0),
            (labels.trainer.to_owned(), 8.0),
        ]);
    }
    let gap = 18.0;
    let width =
        (PAGE_WIDTH - 2.0 * MARGIN - gap * (signers.len() - 1) as f32) / signers.len() as f32;
    let top = p.y;
    for (i, lines) in signers.iter().enumerate() {
        let x = MARGIN + i as f32 * (width + gap);
        p.y = top;
        p.rule(x, x + width, 0.6);
        p.gap(13.0);
        for (text, size) in lines {
            for line in p.regular.wrap(text, *size, width) {
                p.text_at(x, &line, *size, false);
                p.gap(size * 1.3);
            }
        }
    }
}

/// Writes the logo as an RGB image with its opacity as a soft mask, both deflated.
fn embed_logo(pdf: &mut Pdf, logo: &Logo, id: Ref, mask_id: Ref) {
    let (rgb, alpha) = logo.planes();
    let (width, height) = (logo.width() as i32, logo.height() as i32);
    let rgb = miniz_oxide::deflate::compress_to_vec_zlib(&rgb, 6);
    let alpha = miniz_oxide::deflate::compress_to_vec_zlib(&alpha, 6);
    let mut image = pdf.image_xobject(id, &rgb);
    image.filter(Filter::FlateDecode);
    image.width(width).height(height).bits_per_component(8);
    image.color_space().device_rgb();
    image.s_mask(mask_id);
    image.finish();
    let mut mask = pdf.image_xobject(mask_id, &alpha);
    mask.filter(Filter::FlateDecode);
    mask.width(width).height(height).bits_per_component(8);
    mask.color_space().device_gray();
    mask.finish();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_wrap_within_the_width() {
        let text = "hat am Mentorenkurs „Bürgermentoren Esslingen“ teilgenommen und ihn mit 40 Stunden erfolgreich abgeschlossen.";
        let font = DocumentFont::new(&SANS);
        let lines = font.wrap(text, 12.0, 300.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| font.width(l, 12.0) <= 300.0));
        assert_eq!(lines.join(" "), text);
    }
}
