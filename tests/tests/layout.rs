//! The shape of the code, checked: no import circles between the modules of any crate, and the
//! README's architecture map names every source file of the backend and the frontend, and every
//! error code the API sends has an English text in the frontend and a line in the contract.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The top-level module a file belongs to (`people/public.rs` → `people`); `None` for the
/// crate root, which declares every module.
/// The backend's resources under `api/` count one by one (`api/people`), as they are the
/// modules that use each other most.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).unwrap();
    let mut parts = relative.components().map(|c| {
        c.as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_owned()
    });
    let first = parts.next()?;
    if ["lib", "main"].contains(&first.as_str()) {
        return None;
    }
    match (first.as_str(), parts.next()) {
        ("api", Some(resource)) if resource != "mod" => Some(format!("api/{resource}")),
        _ => Some(first),
    }
}

/// Which top-level modules each module uses (`crate::x`, also inside `use crate::{x, y}`).
fn uses(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeSet<String> = sources(src)
        .iter()
        .filter_map(|f| module_of(src, f))
        .collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in sources(src) {
        let Some(from) = module_of(src, &file) else {
            continue;
        };
        let text: String = std::fs::read_to_string(&file)
            .unwrap()
            .lines()
            .map(|l| l.split("//").next().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
        let mut rest = text.as_str();
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            // `crate::x::…`, `crate::{x, y::…}`, and for resources `crate::api::x::…`.
            let path_of = |text: &str| -> String {
                let mut segments = text.split("::").map(|p| {
                    p.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .next()
                        .unwrap_or("")
                });
                let first = segments.next().unwrap_or("").to_owned();
                match (first.as_str(), segments.next()) {
                    ("api", Some(resource)) if !resource.is_empty() => format!("api/{resource}"),
                    _ => first,
                }
            };
            let targets: Vec<String> = if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                group[..end]
                    .split(',')
                    .map(|part| path_of(part.trim()))
                    .collect()
            } else {
                vec![path_of(rest)]
            };
            for target in targets {
                if target != from && modules.contains(&target) {
                    graph.entry(from.clone()).or_default().insert(target);
                }
            }
        }
    }
    graph
}

/// A path of uses from `start` back to `start`, if there is one.
fn circle(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_owned(), vec![start.to_owned()])];
    let mut seen = BTreeSet::new();
    while let Some((node, path)) = stack.pop() {
        for next in graph.get(&node).into_iter().flatten() {
            if next == start {
                let mut found = path.clone();
                found.push(start.to_owned());
                return Some(found);
            }
            if seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push((next.clone(), longer));
            }
        }
    }
    None
}

#[test]
fn no_crate_has_an_import_circle() {
    let mut circles = Vec::new();
    for krate in ["backend", "frontend", "shared"] {
        let src = tests::tools::workspace().join(krate).join("src");
        let graph = uses(&src);
        for module in graph.keys() {
            if let Some(found) = circle(&graph, module) {
                circles.push(format!("{krate}: {}", found.join(" → ")));
            }
        }
    }
    assert!(
        circles.is_empty(),
        "modules that use each other:\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_readme_map_names_every_source_file() {
    let workspace = tests::tools::workspace();
    let readme = std::fs::read_to_string(workspace.join("README.md")).unwrap();
    let map = readme
        .split("## Architecture map")
        .nth(1)
        .expect("the README has an architecture map");
    let mut missing = Vec::new();
    for krate in ["backend", "frontend"] {
        let src = workspace.join(krate).join("src");
        for file in sources(&src) {
            let relative = file
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            // Named by its path, or by its name beside its folder (`courses/` … `detail.rs`).
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            let folder = file
                .parent()
                .filter(|p| *p != src)
                .and_then(|p| p.file_name())
                .map(|f| format!("{}/", f.to_string_lossy()));
            let named = map.contains(&relative)
                || folder.is_some_and(|f| map.contains(&f) && map.contains(&name));
            if !named {
                missing.push(format!("{krate}/src/{relative}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not in the README's map:\n{}",
        missing.join("\n")
    );
}

/// Pages and widgets call the API through `frontend/src/services` only: no API path is spelled
/// anywhere else, so an endpoint's path and answer type are written once.
#[test]
fn the_web_app_names_api_paths_only_in_its_services() {
    let workspace = tests::tools::workspace();
    let src = workspace.join("frontend/src");
    let path = regex::Regex::new(
        r#""/(api/v1|auth|accounts|invitations|clients|audit|fields|districts|municipalities|organisations|people|erasure-requests|courses|sessions|certificates|coverage|public)\b"#,
    )
    .unwrap();
    let mut found = Vec::new();
    for file in sources(&src) {
        let relative = file.strip_prefix(&src).unwrap();
        if relative.starts_with("services") || relative.ends_with("route.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for (number, line) in text.lines().enumerate() {
            if path.is_match(line) {
                found.push(format!(
                    "{}:{}: {}",
                    relative.display(),
                    number + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "API paths outside services/:\n{}",
        found.join("\n")
    );
}

/// String literals caught by the first group of `pattern` in every source file under `dirs`.
fn literals(dirs: &[&str], pattern: &str) -> BTreeSet<String> {
    let workspace = tests::tools::workspace();
    let pattern = regex::Regex::new(pattern).unwrap();
    let mut found = BTreeSet::new();
    for dir in dirs {
        let path = workspace.join(dir);
        let files = if path.is_dir() {
            sources(&path)
        } else {
            vec![path]
        };
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            found.extend(pattern.captures_iter(&text).map(|c| c[1].to_owned()));
        }
    }
    found
}

/// The arms of the frontend's translation table `function`.
fn translated(function: &str) -> BTreeSet<String> {
    let i18n =
        std::fs::read_to_string(tests::tools::workspace().join("frontend/src/i18n.rs")).unwrap();
    let body = i18n
        .split(&format!("pub fn {function}("))
        .nth(1)
        .and_then(|rest| rest.split("\n}\n").next())
        .unwrap_or_else(|| panic!("i18n.rs has {function}"));
    regex::Regex::new(r#""([a-z_]+)"\s*(?:\||=>)"#)
        .unwrap()
        .captures_iter(body)
        .map(|c| c[1].to_owned())
        .collect()
}

#[test]
fn every_error_code_the_api_sends_has_an_english_text_and_is_documented() {
    let problem_codes: BTreeSet<String> = literals(&["backend/src/error.rs"], r#"=> \("([a-z_]+)","#)
            .into_iter()
            // Refusing rules name themselves: `Conflict("code", …)`, a certificate's refusal
            // `Some(("code", …))`, and the overrides in `ApiError::code`.
            .chain(literals(
                &["backend/src/api"],
                r#"(?:ApiError::Conflict\(|Some\(\()\s*"([a-z_]+)""#,
            ))
            .chain(literals(
                &["backend/src/error.rs"],
                r#"(?:Conflict\(|=> Some\()\s*"([a-z_]+)""#,
            ))
            .collect();
    assert!(problem_codes.len() > 30, "codes found: {problem_codes:?}");
    let english = translated("problem_en");
    let untranslated: Vec<_> = problem_codes.difference(&english).collect();
    assert!(
        untranslated.is_empty(),
        "no English text for problems {untranslated:?}"
    );

    let api = std::fs::read_to_string(tests::tools::workspace().join("shared/src/api.rs")).unwrap();
    let undocumented: Vec<_> = problem_codes
        .iter()
        .filter(|c| *c != "error" && !api.contains(&format!("`{c}`")))
        .collect();
    assert!(
        undocumented.is_empty(),
        "Problem::code does not list {undocumented:?}"
    );

    let field_codes = literals(
        &["backend/src", "shared/src", "frontend/src/pages"],
        r#"(?:ValueError::new\(|\.add\([^,]+,|ApiError::field\([^,]+,|code: )\s*"([a-z_]+)""#,
    );
    assert!(field_codes.len() > 25, "codes found: {field_codes:?}");
    let english = translated("field_error_en");
    let untranslated: Vec<_> = field_codes.difference(&english).collect();
    assert!(
        untranslated.is_empty(),
        "no English text for field errors {untranslated:?}"
    );
}
