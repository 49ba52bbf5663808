//! The programme report as a spreadsheet: one table, one row per area (state, district, course
//! kind, field of activity), so Excel opens it ready to filter and sum.

use crate::api::listing::store::{literal_cell, text_cell, CsvLanguage};
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
fn decimal(value: f64, lang: CsvLanguage) -> String {
    let text = format!("{}", (value * 100.0).round() / 100.0);
    match lang {
        CsvLanguage::De => text.replace('.', ","),
        CsvLanguage::En => text,
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
    fn cells(&self, lang: CsvLanguage) -> Vec<String> {
        let n = |v: i64| v.to_string();
        let mut cells = vec![
            match lang {
                CsvLanguage::De => self.level.0,
                CsvLanguage::En => self.level.1,
            }
            .to_owned(),
            literal_cell(&self.key),
            text_cell(&self.name),
        ];
        match self.courses {
            Some(c) => cells.extend([
                n(c.courses_planned),
                n(c.courses_held),
                n(c.courses_cancelled),
                n(c.participants_started),
                n(c.participants_completed),
                n(c.participants_certified),
                n(c.participants_dropped_out),
                decimal(c.hours_delivered, lang),
                n(c.tandems_trained),
                n(c.accompaniment_meetings),
                n(c.accompaniment_attendances),
            ]),
            None => cells.extend(std::iter::repeat_n(String::new(), 11)),
        }
        match self.mentors {
            Some(m) => cells.extend([
                n(m.mentors_new),
                n(m.mentors_active),
                n(m.mentors_active_previous),
            ]),
            None => cells.extend(std::iter::repeat_n(String::new(), 3)),
        }
        match self.municipalities {
            Some(m) => {
                let share = if m.municipalities > 0 {
                    100.0 * m.municipalities_with_mentor as f64 / m.municipalities as f64
                } else {
                    0.0
                };
                cells.extend([
                    n(m.municipalities),
                    n(m.municipalities_with_mentor),
                    decimal(share, lang),
                    n(m.municipalities_with_mentor_previous),
                    n(m.municipalities_with_mentor - m.municipalities_with_mentor_previous),
                ])
            }
            None => cells.extend(std::iter::repeat_n(String::new(), 5)),
        }
        cells
    }
}

/// The report as CSV: UTF-8 with byte-order mark, `;`, CRLF, a header row.
pub(crate) fn to_csv(report: &ProgrammeReport, lang: CsvLanguage) -> Result<Vec<u8>, ApiError> {
    let de = lang == CsvLanguage::De;
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

    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        w.write_record(if de { HEADERS_DE } else { HEADERS_EN })
            .map_err(ApiError::internal)?;
        for row in &rows {
            w.write_record(row.cells(lang))
                .map_err(ApiError::internal)?;
        }
        w.flush().map_err(ApiError::internal)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_follow_the_reader() {
        assert_eq!(decimal(12.5, CsvLanguage::De), "12,5");
        assert_eq!(decimal(12.5, CsvLanguage::En), "12.5");
        assert_eq!(decimal(1.0 / 3.0, CsvLanguage::De), "0,33");
        assert_eq!(decimal(40.0, CsvLanguage::De), "40");
    }
}
