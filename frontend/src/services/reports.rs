//! Reports for the ministry and the funder.

use super::{Download, Read};
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

/// The report as a file: `csv` (German, for Excel) or `xlsx`.
pub fn programme_file(year: i32, quarter: Option<u8>, format: &str) -> Download {
    let label = match quarter {
        Some(q) => format!("{year}-Q{q}"),
        None => year.to_string(),
    };
    Download {
        path: format!(
            "/reports/programme?{}&format={format}",
            query(year, quarter)
        ),
        file_name: format!("mentorat-bericht-{label}.{format}"),
    }
}
