//! The programme report as a spreadsheet: one table, one row per area (state, district, course
//! kind, field of activity), so Excel opens it ready to filter and sum.

use crate::downloads::{literal_cell, text_cell, Language};
use crate::error::ApiError;
use shared::reports::{CourseFigures, MentorFigures, MunicipalityFigures, ProgrammeReport};

const HEADERS_DE: [&str; 22] = [
    "Ebene",
    "Schlüssel",
    "Name",
    "Kurse geplant",
    "Kurse durchgeführt",
    "Kurse abgesagt",
    "Teilnehmende begonnen",
    "Teilnehmende abgeschlossen",
    "Teilnehmende zertifiziert",
    "Teilnehmende abgebrochen",
    "Stunden durchgeführt",
    "Tandems ausgebildet",
    "Begleittreffen",
    "Teilnahmen an Begleittreffen",
    "Mentorinnen und Mentoren neu",
    "Mentorinnen und Mentoren aktiv",
    "aktiv in der Vorperiode",
    "Gemeinden",
    "Gemeinden mit Mentorin oder Mentor",
    "Anteil Gemeinden mit Mentorin oder Mentor (%)",
    "Gemeinden mit Mentorin oder Mentor in der Vorperiode",
    "Veränderung Gemeinden mit Mentorin oder Mentor",
];

const HEADERS_EN: [&str; 22] = [
    "level",
    "key",
    "name",
    "courses_planned",
    "courses_held",
    "courses_cancelled",
    "participants_started",
    "participants_completed",
    "participants_certified",
    "participants_dropped_out",
    "hours_delivered",
    "tandems_trained",
    "accompaniment_meetings",
    "accompaniment_attendances",
    "mentors_new",
    "mentors_active",
    "mentors_active_previous",
    "municipalities",
    "municipalities_with_mentor",
    "municipalities_with_mentor_percent",
    "municipalities_with_mentor_previous",
    "municipalities_with_mentor_change",
];

/// A decimal in the reader's notation: "12,5" for German Excel, "12.5" otherwise.
fn decimal(value: f64, lang: Language) -> String {
    let text = format!("{}", (value * 100.0).round() / 100.0);
    match lang {
        Language::De => text.replace('.', ","),
        Language::En => text,
    }
}

/// A cell as the spreadsheet should hold it: text stays text, numbers are numbers.
enum Cell {
    Empty,
    Text(String),
    /// Text that must stay text in a spreadsheet though it looks like a number (keys).
    Key(String),
    Count(i64),
    Hours(f64),
    Percent(f64),
}

impl Cell {
    /// As CSV text in the reader's notation.
    fn csv(&self, lang: Language) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => text_cell(t),
            Cell::Key(k) => literal_cell(k),
            Cell::Count(n) => n.to_string(),
            Cell::Hours(h) => decimal(*h, lang),
            Cell::Percent(p) => decimal(*p * 100.0, lang),
        }
    }
}

struct Row<'a> {
    level: (&'a str, &'a str),
    key: String,
    name: String,
    courses: Option<&'a CourseFigures>,
    mentors: Option<&'a MentorFigures>,
    municipalities: Option<&'a MunicipalityFigures>,
}

impl Row<'_> {
    fn cells(&self, lang: Language) -> Vec<Cell> {
        let mut cells = vec![
            Cell::Text(
                match lang {
                    Language::De => self.level.0,
                    Language::En => self.level.1,
                }
                .to_owned(),
            ),
            Cell::Key(self.key.clone()),
            Cell::Text(self.name.clone()),
        ];
        match self.courses {
            Some(c) => cells.extend([
                Cell::Count(c.courses_planned),
                Cell::Count(c.courses_held),
                Cell::Count(c.courses_cancelled),
                Cell::Count(c.participants_started),
                Cell::Count(c.participants_completed),
                Cell::Count(c.participants_certified),
                Cell::Count(c.participants_dropped_out),
                Cell::Hours(c.hours_delivered),
                Cell::Count(c.tandems_trained),
                Cell::Count(c.accompaniment_meetings),
                Cell::Count(c.accompaniment_attendances),
            ]),
            None => cells.extend(std::iter::repeat_with(|| Cell::Empty).take(11)),
        }
        match self.mentors {
            Some(m) => cells.extend([
                Cell::Count(m.mentors_new),
                Cell::Count(m.mentors_active),
                Cell::Count(m.mentors_active_previous),
            ]),
            None => cells.extend(std::iter::repeat_with(|| Cell::Empty).take(3)),
        }
        match self.municipalities {
            Some(m) => {
                let share = if m.municipalities > 0 {
                    m.municipalities_with_mentor as f64 / m.municipalities as f64
                } else {
                    0.0
                };
                cells.extend([
                    Cell::Count(m.municipalities),
                    Cell::Count(m.municipalities_with_mentor),
                    Cell::Percent(share),
                    Cell::Count(m.municipalities_with_mentor_previous),
                    Cell::Count(
                        m.municipalities_with_mentor - m.municipalities_with_mentor_previous,
                    ),
                ])
            }
            None => cells.extend(std::iter::repeat_with(|| Cell::Empty).take(5)),
        }
        cells
    }
}

/// The report's rows: the state, every district, courses without one, each kind, each field.
fn rows(report: &ProgrammeReport, lang: Language) -> Vec<Row<'_>> {
    let de = lang == Language::De;
    let mut rows = vec![Row {
        level: ("Land", "state"),
        key: "08".into(),
        name: if de {
            "Baden-Württemberg gesamt".into()
        } else {
            "Baden-Württemberg total".into()
        },
        courses: Some(&report.total.courses),
        mentors: Some(&report.total.mentors),
        municipalities: Some(&report.total.municipalities),
    }];
    rows.extend(report.districts.iter().map(|d| Row {
        level: ("Kreis", "district"),
        key: d.key.as_str().to_owned(),
        name: d.label.clone(),
        courses: Some(&d.figures.courses),
        mentors: Some(&d.figures.mentors),
        municipalities: Some(&d.figures.municipalities),
    }));
    rows.push(Row {
        level: ("Kreis", "district"),
        key: String::new(),
        name: if de {
            "ohne Gemeinde".into()
        } else {
            "without municipality".into()
        },
        courses: Some(&report.without_district),
        mentors: None,
        municipalities: None,
    });
    rows.extend(report.kinds.iter().map(|k| {
        Row {
            level: ("Kursart", "course kind"),
            key: k.kind.code().to_owned(),
            name: if de {
                k.kind.label_de()
            } else {
                k.kind.label_en()
            }
            .to_owned(),
            courses: Some(&k.figures),
            mentors: None,
            municipalities: None,
        }
    }));
    rows.extend(report.fields.iter().map(|f| Row {
        level: ("Einsatzfeld", "field"),
        key: f.field_id.to_string(),
        name: if de { &f.name_de } else { &f.name_en }.clone(),
        courses: None,
        mentors: Some(&f.figures),
        municipalities: None,
    }));
    rows
}

fn headers(lang: Language) -> [&'static str; 22] {
    match lang {
        Language::De => HEADERS_DE,
        Language::En => HEADERS_EN,
    }
}

/// The report as CSV: UTF-8 with byte-order mark, `;`, CRLF, a header row.
pub(crate) fn to_csv(report: &ProgrammeReport, lang: Language) -> Result<Vec<u8>, ApiError> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        w.write_record(headers(lang)).map_err(ApiError::internal)?;
        for row in rows(report, lang) {
            let cells: Vec<String> = row.cells(lang).iter().map(|c| c.csv(lang)).collect();
            w.write_record(cells).map_err(ApiError::internal)?;
        }
        w.flush().map_err(ApiError::internal)?;
    }
    Ok(out)
}

/// The report as an Excel workbook: a title with the period as date cells, then the table with
/// real number cells (hours with one decimal, the share as a percentage), the header frozen.
pub(crate) fn to_xlsx(report: &ProgrammeReport, lang: Language) -> Result<Vec<u8>, ApiError> {
    use rust_xlsxwriter::{Format, Workbook};
    let de = lang == Language::De;
    let fail = |e: rust_xlsxwriter::XlsxError| ApiError::internal(e);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .set_name(format!(
            "{} {}",
            if de { "Bericht" } else { "Report" },
            report.period.label()
        ))
        .map_err(fail)?;
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format(if de { "dd.mm.yyyy" } else { "yyyy-mm-dd" });
    let hours = Format::new().set_num_format("0.0");
    let percent = Format::new().set_num_format("0.0%");
    let title = if de {
        "Programmbericht Mentorat für Bürgerengagement"
    } else {
        "Programme report Mentorat für Bürgerengagement"
    };
    sheet
        .write_string_with_format(0, 0, title, &bold)
        .map_err(fail)?;
    sheet
        .write_string(1, 0, if de { "Zeitraum" } else { "Period" })
        .map_err(fail)?;
    sheet
        .write_date_with_format(1, 1, report.period.from, &date)
        .map_err(fail)?;
    sheet
        .write_date_with_format(1, 2, report.period.to, &date)
        .map_err(fail)?;
    const HEADER_ROW: u32 = 3;
    for (col, header) in headers(lang).iter().enumerate() {
        sheet
            .write_string_with_format(HEADER_ROW, col as u16, *header, &bold)
            .map_err(fail)?;
    }
    for (i, row) in rows(report, lang).iter().enumerate() {
        let r = HEADER_ROW + 1 + i as u32;
        for (col, cell) in row.cells(lang).iter().enumerate() {
            let c = col as u16;
            match cell {
                Cell::Empty => continue,
                Cell::Text(t) | Cell::Key(t) => sheet.write_string(r, c, t),
                Cell::Count(n) => sheet.write_number(r, c, *n as f64),
                Cell::Hours(h) => sheet.write_number_with_format(r, c, *h, &hours),
                Cell::Percent(p) => sheet.write_number_with_format(r, c, *p, &percent),
            }
            .map_err(fail)?;
        }
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 3).map_err(fail)?;
    sheet.set_column_width(2, 32).map_err(fail)?;
    book.save_to_buffer().map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_follow_the_reader() {
        assert_eq!(decimal(12.5, Language::De), "12,5");
        assert_eq!(decimal(12.5, Language::En), "12.5");
        assert_eq!(decimal(1.0 / 3.0, Language::De), "0,33");
        assert_eq!(decimal(40.0, Language::De), "40");
    }
}
