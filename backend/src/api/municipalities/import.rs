//! Import of municipalities from the official directory (GV100AD, fixed width) or a plain CSV
//! (`ags,name,…`). A file with any error imports nothing; a newer edition updates names and
//! kinds in place, so mentors and organisations keep their municipality.

use crate::db::{write_tx, DbConnection};
use crate::schema::{districts, municipalities};
use diesel::prelude::*;
use shared::Ags;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// Only Baden-Württemberg is imported; records of other states are counted and skipped.
pub const STATE_PREFIX: &str = "08";

#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub line: usize,
    pub ags: Ags,
    pub name: String,
    pub kind: String,
    pub postal_code: Option<String>,
    pub population: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Gv100ad,
    Csv,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ParsedFile {
    pub format: Format,
    pub records: Vec<Record>,
    pub skipped_other_states: usize,
}

/// A problem on one line of the file (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Municipalities in the database but not in the file: kept, since records refer to them.
    pub kept_not_in_file: usize,
    pub skipped_other_states: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the file has {} error(s), nothing was imported:\n{}", .0.len(), .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<LineError>),
    #[error("database error: {0}")]
    Database(#[from] diesel::result::Error),
}

/// Reads either format; CSV is recognised by its header line starting with `ags`.
pub fn parse(text: &str) -> Result<ParsedFile, Vec<LineError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first.trim_start().to_ascii_lowercase().starts_with("ags") {
        parse_csv(text)
    } else {
        parse_gv100ad(text)
    }
}

/// Characters `from..=to` (1-based, inclusive) of a fixed-width line, trimmed.
fn columns(chars: &[char], from: usize, to: usize) -> String {
    chars
        .iter()
        .skip(from - 1)
        .take(to + 1 - from)
        .collect::<String>()
        .trim()
        .to_owned()
}

fn gv100ad_kind(code: &str) -> Option<&'static str> {
    Some(match code {
        "60" => "Markt",
        "61" => "Kreisfreie Stadt",
        "62" => "Stadtkreis",
        "63" => "Stadt",
        "64" => "Gemeinde",
        "65" | "66" => "Gemeindefreies Gebiet",
        "67" => "Große Kreisstadt",
        _ => return None,
    })
}

/// The short name: `Aalen, Stadt` → `Aalen`; the part after the comma is a designation.
fn short_name(official: &str) -> &str {
    official.split(", ").next().unwrap_or(official)
}

fn parse_gv100ad(text: &str) -> Result<ParsedFile, Vec<LineError>> {
    let mut out = ParsedFile {
        format: Format::Gv100ad,
        records: Vec::new(),
        skipped_other_states: 0,
    };
    let mut errors = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let chars: Vec<char> = raw.chars().collect();
        let mut fail = |message: String| errors.push(LineError { line, message });
        let record_type = columns(&chars, 1, 2);
        if !matches!(
            record_type.as_str(),
            "10" | "20" | "30" | "40" | "50" | "60"
        ) {
            fail(format!("unknown record type {record_type:?} in columns 1-2 (expected 10, 20, 30, 40, 50 or 60)"));
            continue;
        }
        let date = columns(&chars, 3, 10);
        if date.len() != 8 || !date.bytes().all(|b| b.is_ascii_digit()) {
            fail(format!(
                "territorial status date {date:?} in columns 3-10 is not YYYYMMDD"
            ));
            continue;
        }
        if record_type != "60" {
            continue;
        }
        if chars.len() < 124 {
            fail(format!(
                "municipality record is {} characters long, needs at least 124",
                chars.len()
            ));
            continue;
        }
        let ags = match columns(&chars, 11, 18).parse::<Ags>() {
            Ok(a) => a,
            Err(_) => {
                fail(format!(
                    "AGS {:?} in columns 11-18 is not 8 digits",
                    columns(&chars, 11, 18)
                ));
                continue;
            }
        };
        if !ags.as_str().starts_with(STATE_PREFIX) {
            out.skipped_other_states += 1;
            continue;
        }
        let official = columns(&chars, 23, 72);
        if official.is_empty() {
            fail("name in columns 23-72 is empty".into());
            continue;
        }
        let kind_code = columns(&chars, 123, 124);
        let Some(kind) = gv100ad_kind(&kind_code) else {
            fail(format!(
                "municipality kind {kind_code:?} in columns 123-124 is unknown (expected 60-67)"
            ));
            continue;
        };
        let population = match columns(&chars, 140, 150) {
            p if p.is_empty() => None,
            p => match p.parse::<i64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    fail(format!(
                        "population {p:?} in columns 140-150 is not a number"
                    ));
                    continue;
                }
            },
        };
        let postal = columns(&chars, 166, 170);
        out.records.push(Record {
            line,
            name: short_name(&official).to_owned(),
            kind: kind.to_owned(),
            postal_code: (postal.len() == 5 && postal.bytes().all(|b| b.is_ascii_digit()))
                .then_some(postal),
            population,
            ags,
        });
    }
    finish(out, errors)
}

fn parse_csv(text: &str) -> Result<ParsedFile, Vec<LineError>> {
    let mut out = ParsedFile {
        format: Format::Csv,
        records: Vec::new(),
        skipped_other_states: 0,
    };
    let mut errors = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.iter().map(|h| h.to_ascii_lowercase()).collect::<Vec<_>>(),
        Err(e) => {
            return Err(vec![LineError {
                line: 1,
                message: format!("unreadable header: {e}"),
            }])
        }
    };
    let col = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
    let (Some(ags_col), Some(name_col)) = (col(&["ags"]), col(&["name"])) else {
        return Err(vec![LineError {
            line: 1,
            message: "the header needs the columns ags and name".into(),
        }]);
    };
    let kind_col = col(&["kind"]);
    let population_col = col(&["population"]);
    let postal_col = col(&["postal_code", "postal_code_admin"]);
    for result in reader.records() {
        let record = match result {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                errors.push(LineError {
                    line,
                    message: format!("unreadable row: {e}"),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        let field = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").to_owned();
        let raw_ags = field(Some(ags_col));
        let Ok(ags) = raw_ags.trim().parse::<Ags>() else {
            errors.push(LineError {
                line,
                message: format!("AGS {raw_ags:?} is not 8 digits"),
            });
            continue;
        };
        if !ags.as_str().starts_with(STATE_PREFIX) {
            out.skipped_other_states += 1;
            continue;
        }
        let name = field(Some(name_col));
        if name.is_empty() {
            errors.push(LineError {
                line,
                message: "name is empty".into(),
            });
            continue;
        }
        let population = match field(population_col) {
            p if p.is_empty() => None,
            p => match p.parse::<i64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    errors.push(LineError {
                        line,
                        message: format!("population {p:?} is not a whole number"),
                    });
                    continue;
                }
            },
        };
        let postal = field(postal_col);
        let kind = field(kind_col);
        out.records.push(Record {
            line,
            ags,
            name,
            kind: if kind.is_empty() {
                "Gemeinde".into()
            } else {
                kind
            },
            postal_code: (!postal.is_empty()).then_some(postal),
            population,
        });
    }
    finish(out, errors)
}

/// Adds file-wide checks (duplicate keys, an empty file) to the line errors.
fn finish(out: ParsedFile, mut errors: Vec<LineError>) -> Result<ParsedFile, Vec<LineError>> {
    let mut seen = HashMap::new();
    for r in &out.records {
        if let Some(first) = seen.insert(r.ags.clone(), r.line) {
            errors.push(LineError {
                line: r.line,
                message: format!("AGS {} appears again (first on line {first})", r.ags),
            });
        }
    }
    if errors.is_empty() && out.records.is_empty() && out.skipped_other_states == 0 {
        errors.push(LineError {
            line: 1,
            message: "the file holds no municipalities".into(),
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        errors.sort_by_key(|e| e.line);
        Err(errors)
    }
}

/// Writes the records in one transaction: all or nothing.
/// The official list of Baden-Württemberg's municipalities that ships with the project (see
/// `reference/SOURCES.md` for its source and licence).
const REFERENCE: &str = include_str!("../../../../reference/bw_municipalities.csv");

/// Loads the shipped list into a database that knows no municipality yet, so a fresh start
/// shows the whole state. A database with municipalities (imported from a newer edition, or
/// loaded before) is left as it is.
pub fn load_reference_if_empty(conn: &mut DbConnection) -> anyhow::Result<Option<Summary>> {
    use diesel::dsl::count_star;
    let known: i64 = municipalities::table.select(count_star()).first(conn)?;
    if known > 0 {
        return Ok(None);
    }
    let file = parse(REFERENCE).map_err(ImportError::Invalid)?;
    Ok(Some(apply(conn, &file)?))
}

pub fn apply(conn: &mut DbConnection, file: &ParsedFile) -> Result<Summary, ImportError> {
    write_tx(conn, |conn| {
        // The public listing shows municipality names. Taking the publication row first also
        // queues imports that start at the same time (two servers on a new database): the
        // later one sees what the earlier one wrote.
        crate::publication::bump(conn)?;
        let known_districts: HashSet<String> = districts::table
            .select(districts::key)
            .load::<String>(conn)?
            .into_iter()
            .collect();
        let unknown: Vec<LineError> = file
            .records
            .iter()
            .filter(|r| !known_districts.contains(r.ags.district_key().as_str()))
            .map(|r| LineError {
                line: r.line,
                message: format!(
                    "AGS {} belongs to no known district ({})",
                    r.ags,
                    r.ags.district_key()
                ),
            })
            .collect();
        if !unknown.is_empty() {
            return Err(ImportError::Invalid(unknown));
        }
        type Existing = (String, String, String, Option<String>, Option<i64>);
        let existing: HashMap<String, Existing> = municipalities::table
            .select((
                municipalities::ags,
                municipalities::name,
                municipalities::kind,
                municipalities::postal_code,
                municipalities::population,
            ))
            .load::<Existing>(conn)?
            .into_iter()
            .map(|row| (row.0.clone(), row))
            .collect();
        let mut summary = Summary {
            skipped_other_states: file.skipped_other_states,
            ..Summary::default()
        };
        let mut renamed = Vec::new();
        for r in &file.records {
            let values = (
                municipalities::name.eq(&r.name),
                municipalities::sort_name.eq(crate::text::sort_key(&r.name)),
                municipalities::kind.eq(&r.kind),
                municipalities::district_key.eq(r.ags.district_key().to_string()),
                municipalities::postal_code.eq(&r.postal_code),
                municipalities::population.eq(r.population),
            );
            match existing.get(r.ags.as_str()) {
                None => {
                    diesel::insert_into(municipalities::table)
                        .values((municipalities::ags.eq(r.ags.as_str()), values))
                        .execute(conn)?;
                    summary.inserted += 1;
                }
                Some((_, name, kind, postal, population))
                    if (name, kind, postal, population)
                        == (&r.name, &r.kind, &r.postal_code, &r.population) =>
                {
                    summary.unchanged += 1;
                }
                Some((_, name, ..)) => {
                    diesel::update(municipalities::table.find(r.ags.as_str()))
                        .set(values)
                        .execute(conn)?;
                    summary.updated += 1;
                    if *name != r.name {
                        renamed.push(r.ags.as_str().to_owned());
                    }
                }
            }
        }
        // The public entries show municipality names.
        crate::api::listing::entries::write(
            conn,
            crate::api::listing::entries::Mentors::ActiveIn(&renamed),
        )?;
        let in_file: HashSet<&str> = file.records.iter().map(|r| r.ags.as_str()).collect();
        summary.kept_not_in_file = existing
            .keys()
            .filter(|k| !in_file.contains(k.as_str()))
            .count();
        Ok(summary)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A GV100AD municipality record built column by column as the layout describes.
    fn gv_line(ags: &str, name: &str, kind: &str, population: &str, postal: &str) -> String {
        format!(
            "60{}{}0000{:<50}{:<50}{:<2}    {:>11}{:>11}{:>11}    {:<5}",
            "20250630", ags, name, "", kind, "1234", population, "", postal
        )
    }

    #[test]
    fn gv100ad_municipality_record_is_read_by_columns() {
        let text = format!(
            "{}\n{}\n",
            "402025063008115       Böblingen                                         Böblingen                                         44",
            gv_line("08115003", "Böblingen, Stadt", "67", "50705", "71032")
        );
        let file = parse(&text).unwrap();
        assert_eq!(file.format, Format::Gv100ad);
        assert_eq!(file.records.len(), 1);
        let r = &file.records[0];
        assert_eq!(
            (r.ags.as_str(), r.name.as_str(), r.kind.as_str()),
            ("08115003", "Böblingen", "Große Kreisstadt")
        );
        assert_eq!(
            (r.population, r.postal_code.as_deref(), r.line),
            (Some(50705), Some("71032"), 2)
        );
    }

    #[test]
    fn gv100ad_errors_name_the_line_and_other_states_are_skipped() {
        let text = [
            gv_line("09162000", "München, Landeshauptstadt", "61", "1", "80331"),
            gv_line("08111000", "Stuttgart", "99", "1", "70173"),
            "70xx".to_owned(),
            gv_line("0811100x", "Stuttgart", "62", "1", "70173"),
        ]
        .join("\n");
        let errors = parse(&text).unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [2, 3, 4]);
        assert!(errors[0].message.contains("kind"), "{}", errors[0].message);
        let ok = parse(&gv_line("09162000", "München", "61", "1", "80331")).unwrap();
        assert_eq!((ok.records.len(), ok.skipped_other_states), (0, 1));
    }

    #[test]
    fn csv_needs_ags_and_name_and_reports_bad_rows() {
        let file = parse(
            "ags,name,kind,population\n08111000,Stuttgart,Stadtkreis,610458\n08115001,Aidlingen,,\n",
        )
        .unwrap();
        assert_eq!(file.format, Format::Csv);
        assert_eq!(file.records[1].kind, "Gemeinde");
        assert_eq!(file.records[0].population, Some(610458));
        let errors =
            parse("ags,name\n08111000,Stuttgart\n123,Irgendwo\n08111000,Doppelt\n").unwrap_err();
        assert_eq!(errors.iter().map(|e| e.line).collect::<Vec<_>>(), [3, 4]);
        assert!(parse("ags,kind\n08111000,Stadt\n").is_err());
        assert!(parse("").is_err());
    }
}
