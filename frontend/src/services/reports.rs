//! Reports for the ministry and the funder.

use super::{Download, Read};
use crate::i18n::Lang;
use shared::reports::ProgrammeReport;

fn query(year: i32, quarter: Option<u8>) -> String {
    match quarter {
        Some(q) => format!("year={year}&quarter={q}"),
        None => format!("year={year}"),
    }
}

pub fn programme(year: i32, quarter: Option<u8>) -> Read<ProgrammeReport> {
    Read::new(format!("/reports/programme?{}", query(year, quarter)))
}

/// The report as a file in the app's language: `csv` (for Excel), `xlsx` or `pdf` (the
/// annual report with charts).
pub fn programme_file(year: i32, quarter: Option<u8>, format: &str, lang: Lang) -> Download {
    let label = match quarter {
        Some(q) => format!("{year}-Q{q}"),
        None => year.to_string(),
    };
    Download {
        path: format!(
            "/reports/programme?{}&format={format}&lang={}",
            query(year, quarter),
            match lang {
                Lang::De => "de",
                Lang::En => "en",
            }
        ),
        file_name: format!("mentorat-bericht-{label}.{format}"),
    }
}
