//! `cargo xtask bench [SIZES…] [sqlite|postgresql]`: seeds 1,000, 100,000 and 1,000,000 mentors (or the sizes given),
//! with three courses per ten mentors, on SQLite and on PostgreSQL; times the programme report
//! for a mix of periods; and loads the release server with wrk on the paths people and
//! integrators hit: the cached first page of the listing, a random mix where nearly every request
//! is a different query, coverage by random district, the sync feed from random cursors, and 16
//! writers creating mentors. It writes requests/s, p50/p99, non-2xx, lost writes, idle and peak
//! memory and what the machine was doing to BENCHMARKS.md.

use crate::cargo;
use anyhow::{bail, Context, Result};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const PORT: u16 = 18_080;
const PG_BASE: &str = "postgres://postgres@127.0.0.1:5432";
const PATH: &str = "/api/v1/public/mentors?limit=50";
const DURATION: &str = "15s";
const ADMIN: &str = "bench@mentorat.example";
const PASSWORD: &str = "Bench-Passwort-2026";
/// The report periods asked for, in a fixed shuffled order: years and quarters, none twice in a
/// row, so no answer comes from a cache.
const PERIODS: [&str; 15] = [
    "year=2026",
    "year=2024&quarter=3",
    "year=2025",
    "year=2026&quarter=1",
    "year=2024",
    "year=2025&quarter=4",
    "year=2026&quarter=3",
    "year=2024&quarter=1",
    "year=2025&quarter=2",
    "year=2026&quarter=4",
    "year=2024&quarter=2",
    "year=2025&quarter=1",
    "year=2026&quarter=2",
    "year=2024&quarter=4",
    "year=2025&quarter=3",
];

/// One wrk run: throughput, latency and failures.
#[derive(Default, Clone, Copy)]
struct Load {
    requests: u64,
    requests_per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    non_2xx: u64,
}

struct Measurement {
    database: &'static str,
    mentors: usize,
    /// The day of the run, since a report can keep rows of earlier runs.
    measured_on: String,
    /// `/proc/loadavg` before the server started: what else the machine was doing.
    load_average: String,
    /// The programme report, one period after another: median and slowest, in ms.
    /// The first ask for each period: mentor figures are counted and recorded.
    report_first_max_ms: f64,
    /// Every later ask in the same hour: mentor figures are read back, the rest counted again.
    report_p50_ms: f64,
    report_max_ms: f64,
    cached: Load,
    mix: Load,
    coverage: Load,
    feed: Load,
    writes: Load,
    /// Writes wrk saw succeed that the database does not hold.
    lost_writes: i64,
    idle_rss_mib: f64,
    /// The part of the idle RSS that is the server's own memory, not mapped files (the
    /// binary, and on SQLite the database pages read through its memory map).
    idle_anonymous_mib: f64,
    peak_rss_mib: f64,
}

/// The official municipality list the project ships (reference data).
fn municipalities(root: &Path) -> PathBuf {
    root.join("reference/bw_municipalities.csv")
}

fn mentorat(bin: &Path, url: &str) -> Command {
    let mut cmd = Command::new(bin);
    cmd.env("DATABASE_URL", url).env("RUST_LOG", "warn");
    cmd
}

fn psql_on(url: &str, sql: &str) -> Result<()> {
    crate::run(Command::new("psql").args(["-q", url, "-c", sql]))
}

fn psql(sql: &str) -> Result<()> {
    crate::run(Command::new("psql").args([
        "-q",
        "-h",
        "127.0.0.1",
        "-U",
        "postgres",
        "-d",
        "postgres",
        "-c",
        sql,
    ]))
}

/// The courses seeded beside `mentors` mentors, over three years.
fn courses(mentors: usize) -> usize {
    mentors * 3 / 10
}

fn prepare(
    bin: &Path,
    database: &str,
    mentors: usize,
    work: &Path,
    municipalities: &Path,
) -> Result<String> {
    let url = match database {
        "SQLite" => {
            let path = work.join(format!("bench-{mentors}.db"));
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
            path.display().to_string()
        }
        _ => {
            let name = format!("mentorat_bench_{mentors}");
            psql(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))?;
            psql(&format!("CREATE DATABASE {name}"))?;
            // Server and database share the machine, so the connection skips TLS, as a
            // deployment on one host would (libpq's default, `prefer`, encrypts even
            // loopback: a third of the cached page's rate went to it).
            format!("{PG_BASE}/{name}?sslmode=disable")
        }
    };
    crate::run(
        mentorat(bin, &url)
            .arg("import-municipalities")
            .arg(municipalities)
            .stdout(Stdio::null()),
    )?;
    crate::run(
        mentorat(bin, &url)
            .args(["seed-mentors", &mentors.to_string()])
            .stdout(Stdio::null()),
    )?;
    // Three courses for every ten mentors over 2024–2026: 10,000 a year at 100,000 mentors.
    crate::run(
        mentorat(bin, &url)
            .args(["seed-courses", &courses(mentors).to_string()])
            .stdout(Stdio::null()),
    )?;
    crate::run(
        mentorat(bin, &url)
            .args([
                "create-admin",
                "--email",
                ADMIN,
                "--name",
                "Bench",
                "--password",
                PASSWORD,
            ])
            .stdout(Stdio::null()),
    )?;
    if database == "PostgreSQL" {
        // Compact tables and fresh statistics, as a database grown over years with autovacuum
        // would have them; seeding writes every course's report row once per session and
        // enrolment in one transaction, which leaves dead rows no running system would keep.
        psql_on(&url, "VACUUM FULL")?;
        // VACUUM FULL leaves the visibility map empty; autovacuum would have set it, and
        // index-only scans (the listing index) need it.
        psql_on(&url, "VACUUM ANALYZE")?;
    }
    Ok(url)
}

fn start_server(bin: &Path, url: &str) -> Result<Child> {
    let child = mentorat(bin, url)
        .args([
            "serve",
            "--bind",
            &format!("127.0.0.1:{PORT}"),
            "--workers",
            "2",
            "--static-dir",
            "/nonexistent",
            // The first round of reports times periods nobody counted yet.
            "--count-ahead",
            "false",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(30) {
        if std::net::TcpStream::connect(("127.0.0.1", PORT)).is_ok() {
            return Ok(child);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    bail!("the server did not start")
}

/// Milliseconds from a wrk latency like `850.00us`, `1.23ms` or `1.02s`.
fn millis(value: &str) -> Option<f64> {
    let (number, factor) = if let Some(v) = value.strip_suffix("us") {
        (v, 0.001)
    } else if let Some(v) = value.strip_suffix("ms") {
        (v, 1.0)
    } else if let Some(v) = value.strip_suffix('s') {
        (v, 1000.0)
    } else {
        return None;
    };
    number.parse::<f64>().ok().map(|n| n * factor)
}

/// Runs wrk for `duration` with `connections`, on `PATH` or on what `script` asks for.
fn wrk(duration: &str, connections: u32, script: Option<&Path>) -> Result<Load> {
    let mut cmd = Command::new("wrk");
    cmd.args([
        "-t2",
        &format!("-c{connections}"),
        &format!("-d{duration}"),
        "--latency",
    ]);
    if let Some(script) = script {
        cmd.arg("-s").arg(script);
    }
    let out = cmd
        .arg(format!("http://127.0.0.1:{PORT}{PATH}"))
        .output()
        .context("cannot run wrk")?;
    let report = String::from_utf8_lossy(&out.stdout);
    let latency = |prefix: &str| {
        report
            .lines()
            .find(|l| l.trim_start().starts_with(prefix))
            .and_then(|l| millis(l.split_whitespace().nth(1)?))
            .unwrap_or(f64::NAN)
    };
    Ok(Load {
        requests: report
            .lines()
            .find(|l| l.contains("requests in"))
            .and_then(|l| l.split_whitespace().next()?.parse().ok())
            .unwrap_or(0),
        requests_per_second: report
            .lines()
            .find(|l| l.starts_with("Requests/sec:"))
            .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
            .unwrap_or(0.0),
        p50_ms: latency("50%"),
        p99_ms: latency("99%"),
        non_2xx: report
            .lines()
            .find(|l| l.contains("Non-2xx"))
            .and_then(|l| l.split_whitespace().last()?.parse().ok())
            .unwrap_or(0),
    })
}

/// A line of `/proc/<pid>/status` in MiB (`VmRSS` now, `VmHWM` the peak).
fn memory_mib(pid: u32, key: &str) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kib| kib / 1024.0)
}

fn api(path: &str) -> String {
    format!("http://127.0.0.1:{PORT}/api/v1{path}")
}

/// GETs an API path (with a bearer token if given) and reads the JSON answer.
fn get_json(path: &str, token: Option<&str>) -> Result<serde_json::Value> {
    let mut cmd = Command::new("curl");
    cmd.arg("-sf");
    if let Some(token) = token {
        cmd.arg("-H").arg(format!("authorization: Bearer {token}"));
    }
    let out = cmd.arg(api(path)).output().context("curl is needed")?;
    if !out.status.success() {
        bail!("GET {path} failed");
    }
    Ok(serde_json::from_slice(&out.stdout)?)
}

fn sign_in() -> Result<String> {
    let login = Command::new("curl")
        .args(["-sf", "-H", "content-type: application/json", "-d"])
        .arg(serde_json::json!({ "email": ADMIN, "password": PASSWORD }).to_string())
        .arg(api("/auth/login"))
        .output()
        .context("curl is needed")?;
    let answer: serde_json::Value = serde_json::from_slice(&login.stdout)?;
    Ok(answer["token"]
        .as_str()
        .context("no token in the sign-in answer")?
        .to_owned())
}

/// Times the programme report for every period in [`PERIODS`], one after another: (median,
/// slowest) in ms.
fn time_reports(token: &str) -> Result<(f64, f64)> {
    let mut times = Vec::new();
    for period in PERIODS {
        let started = Instant::now();
        get_json(&format!("/reports/programme?{period}"), Some(token))?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    Ok((times[times.len() / 2], times[times.len() - 1]))
}

/// A small deterministic generator (xorshift), so every run asks the same mix.
struct Mix(u64);

impl Mix {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// How many paths a script draws from: enough that a 15-second run rarely asks twice.
const DISTINCT_PATHS: usize = 100_000;

/// A wrk script that asks for one of `paths` at random per request.
fn paths_script(work: &Path, name: &str, paths: &[String]) -> Result<PathBuf> {
    let mut lua = String::from("local paths = {\n");
    for p in paths {
        writeln!(lua, "  {p:?},")?;
    }
    lua.push_str(
        "}\nrequest = function()\n  return wrk.format(\"GET\", paths[math.random(#paths)])\nend\n",
    );
    let path = work.join(format!("{name}.lua"));
    std::fs::write(&path, lua)?;
    Ok(path)
}

/// The listing as integrators and municipal sites use it: pages anywhere up to the last, by
/// district, municipality, field and language and their combinations, as JSON and as CSV.
fn mix_paths(listed: u64, municipalities: &[String]) -> Vec<String> {
    let districts: Vec<String> = {
        let mut d: Vec<String> = municipalities.iter().map(|a| a[..5].to_owned()).collect();
        d.sort();
        d.dedup();
        d
    };
    let mut mix = Mix(0x9E37_79B9_7F4A_7C15);
    let pages = |mix: &mut Mix, matching: u64| mix.below(matching.div_ceil(50)) * 50;
    (0..DISTINCT_PATHS)
        .map(|_| {
            let district = mix.pick(&districts).clone();
            let ags = mix.pick(municipalities).clone();
            let field = 1 + mix.below(10);
            let language = *mix.pick(&["de", "de", "tr"]);
            // Listed mentors matching each filter, roughly: each has one municipality and two
            // of ten fields, and speaks German.
            let per_district = listed / districts.len() as u64;
            let per_municipality = listed / municipalities.len() as u64;
            let query = match mix.below(8) {
                0 | 1 => format!("offset={}", pages(&mut mix, listed)),
                2 => format!(
                    "district={district}&offset={}",
                    pages(&mut mix, per_district)
                ),
                3 => format!(
                    "municipality={ags}&offset={}",
                    pages(&mut mix, per_municipality)
                ),
                4 => format!("field={field}&offset={}", pages(&mut mix, listed / 5)),
                5 => format!("language={language}&offset={}", pages(&mut mix, listed)),
                6 => format!(
                    "district={district}&field={field}&offset={}",
                    pages(&mut mix, per_district / 5)
                ),
                _ => format!(
                    "municipality={ags}&field={field}&language={language}&offset={}",
                    pages(&mut mix, per_municipality / 5)
                ),
            };
            let format = if mix.below(4) == 0 { "&format=csv" } else { "" };
            format!("/api/v1/public/mentors?limit=50&{query}{format}")
        })
        .collect()
}

/// Coverage for the state or a random district.
fn coverage_paths(municipalities: &[String]) -> Vec<String> {
    let mut paths = vec!["/api/v1/coverage".to_owned()];
    let mut districts: Vec<&str> = municipalities.iter().map(|a| &a[..5]).collect();
    districts.sort_unstable();
    districts.dedup();
    paths.extend(
        districts
            .iter()
            .map(|d| format!("/api/v1/coverage?district={d}")),
    );
    paths
}

/// The sync feed from random positions: a follower resuming after a random mentor of the
/// seeded batch (all share one publication time), some from the beginning.
fn feed_paths(stamp_micros: i64, first_id: u64, listed: u64) -> Vec<String> {
    let issued = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut mix = Mix(0xD1B5_4A32_D192_ED03);
    (0..DISTINCT_PATHS)
        .map(|_| {
            let since = "modified_since=1970-01-01T00:00:00Z&limit=50";
            if mix.below(10) == 0 {
                format!("/api/v1/public/mentors?{since}")
            } else {
                // Listed ids are spread over the seeded ids; 5/3 of the listed count covers them.
                let id = first_id + mix.below(listed * 5 / 3);
                format!("/api/v1/public/mentors?{since}&after={stamp_micros}.{id}.{issued}")
            }
        })
        .collect()
}

/// A wrk script that creates a mentor per request through the API, each with a new address.
fn writes_script(work: &Path, token: &str, municipalities: &[String]) -> Result<PathBuf> {
    let places: Vec<String> = municipalities
        .iter()
        .step_by(37)
        .map(|a| format!("{a:?}"))
        .collect();
    let lua = format!(
        r#"local places = {{ {places} }}
local counter = 0
-- Each wrk thread gets its own number (setup runs in wrk's main state), and each run its time,
-- so no two requests, not even of two runs on one database, describe the same person.
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("thread_id", os.time() * 100 + threads)
end
-- A name no one else has: the number in letters (a person with the same name in the same
-- municipality would be a possible duplicate).
local function letters(n)
  local s = ""
  repeat
    s = string.char(97 + n % 26) .. s
    n = math.floor(n / 26)
  until n == 0
  return s
end
request = function()
  counter = counter + 1
  local place = places[math.random(#places)]
  local family = "Schreiber-" .. letters(thread_id) .. "-" .. letters(counter)
  local body = string.format('{{"given_name":"Lena","family_name":"%s","email":"w%d.%d@example.org","municipality":"%s","languages":["de"],"mentor":{{"status":"active","fields":[%d],"municipalities":["%s"]}}}}', family, thread_id, counter, place, 1 + counter % 10, place)
  return wrk.format("POST", "/api/v1/people", {{["Content-Type"] = "application/json", ["Authorization"] = "Bearer {token}"}}, body)
end
"#,
        places = places.join(", ")
    );
    let path = work.join("writes.lua");
    std::fs::write(&path, lua)?;
    Ok(path)
}

fn people_total(token: &str) -> Result<i64> {
    get_json("/people?limit=1", Some(token))?["total"]
        .as_i64()
        .context("no total in the people list")
}

fn measure(
    bin: &Path,
    database: &'static str,
    mentors: usize,
    url: &str,
    work: &Path,
    municipalities: &[String],
) -> Result<Measurement> {
    let load_average = std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let mut server = start_server(bin, url)?;
    std::thread::sleep(Duration::from_secs(2));
    let idle_rss_mib = memory_mib(server.id(), "VmRSS:");
    let idle_anonymous_mib = memory_mib(server.id(), "RssAnon:");
    let token = sign_in()?;
    let (_, report_first_max_ms) = time_reports(&token)?;
    let (report_p50_ms, report_max_ms) = time_reports(&token)?;

    wrk("3s", 32, None)?; // warm-up: connections, caches, the database's page cache
    let cached = wrk(DURATION, 32, None)?;
    let listed = get_json("/public/mentors?limit=1", None)?["total"]
        .as_u64()
        .context("no total in the listing")?;
    let first = get_json(
        "/public/mentors?modified_since=1970-01-01T00:00:00Z&limit=1",
        None,
    )?;
    let entry = &first["items"][0];
    let stamp_micros = entry["modified_at"]
        .as_str()
        .and_then(chrono_micros)
        .context("no modified_at in the feed")?;
    let first_id = entry["id"].as_u64().context("no id in the feed")?;
    let mut peak_rss_mib = memory_mib(server.id(), "VmHWM:");
    let _ = server.kill();
    let _ = server.wait();

    // Each of the other loads against a server of its own, so requests a slow load left
    // unfinished do not run into the next one.
    let mut alone = |script: &Path| -> Result<Load> {
        let mut server = start_server(bin, url)?;
        let load = wrk(DURATION, 32, Some(script))?;
        peak_rss_mib = peak_rss_mib.max(memory_mib(server.id(), "VmHWM:"));
        let _ = server.kill();
        let _ = server.wait();
        Ok(load)
    };
    let mix = alone(&paths_script(
        work,
        "mix",
        &mix_paths(listed, municipalities),
    )?)?;
    let coverage = alone(&paths_script(
        work,
        "coverage",
        &coverage_paths(municipalities),
    )?)?;
    let feed = alone(&paths_script(
        work,
        "feed",
        &feed_paths(stamp_micros, first_id, listed),
    )?)?;

    let mut server = start_server(bin, url)?;
    let token = sign_in()?;
    let before = people_total(&token)?;
    let writes = wrk(
        "10s",
        16,
        Some(&writes_script(work, &token, municipalities)?),
    )?;
    let created = people_total(&token)? - before;
    let succeeded = (writes.requests - writes.non_2xx) as i64;
    peak_rss_mib = peak_rss_mib.max(memory_mib(server.id(), "VmHWM:"));
    let _ = server.kill();
    let _ = server.wait();
    Ok(Measurement {
        database,
        mentors,
        measured_on: format!("{}, {}", chrono_free_date(), processor()),
        load_average,
        report_first_max_ms,
        report_p50_ms,
        report_max_ms,
        cached,
        mix,
        coverage,
        feed,
        writes,
        lost_writes: (succeeded - created).max(0),
        idle_rss_mib,
        idle_anonymous_mib,
        peak_rss_mib,
    })
}

/// Microseconds since the epoch of an RFC 3339 time like `2026-11-27T12:00:00.123456Z`, read
/// with `date`, so xtask needs no date library.
fn chrono_micros(rfc3339: &str) -> Option<i64> {
    let (whole, fraction) = rfc3339.trim_end_matches('Z').split_once('.')?;
    let out = Command::new("date")
        .args(["-u", "-d", &format!("{whole}Z"), "+%s"])
        .output()
        .ok()?;
    let seconds: i64 = String::from_utf8_lossy(&out.stdout).trim().parse().ok()?;
    let micros: i64 = format!("{fraction:0<6}")[..6].parse().ok()?;
    Some(seconds * 1_000_000 + micros)
}

pub fn bench(root: &Path, args: &[String]) -> Result<()> {
    // Sizes, and optionally the databases (`sqlite`, `postgresql`): all of either by default.
    let (named, sizes): (Vec<&String>, Vec<&String>) =
        args.iter().partition(|a| a.parse::<usize>().is_err());
    let mut databases = Vec::new();
    for name in named {
        databases.push(match name.to_lowercase().as_str() {
            "sqlite" => "SQLite",
            "postgresql" | "postgres" => "PostgreSQL",
            _ => bail!("`{name}` is neither a size nor a database (sqlite, postgresql)"),
        });
    }
    if databases.is_empty() {
        databases = vec!["SQLite", "PostgreSQL"];
    }
    let sizes: Vec<usize> = if sizes.is_empty() {
        vec![1_000, 100_000, 1_000_000]
    } else {
        sizes.iter().map(|a| a.parse()).collect::<Result<_, _>>()?
    };
    crate::run(cargo().args([
        "build",
        "--release",
        "--package",
        "backend",
        "--bin",
        "mentorat",
    ]))?;
    crate::setup::postgres()?;
    crate::setup::wrk()?;
    let bin = root.join("target/release/mentorat");
    let work = root.join("target/bench");
    std::fs::create_dir_all(&work)?;
    let municipality_file = municipalities(root);
    let municipality_keys: Vec<String> = std::fs::read_to_string(&municipality_file)?
        .lines()
        .skip(1)
        .filter_map(|l| l.split([',', ';']).next())
        .map(|a| a.trim_matches('"').to_owned())
        .filter(|a| a.len() == 8 && a.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    let mut results = Vec::new();
    for database in databases {
        for &mentors in &sizes {
            eprintln!("bench: {database}, {mentors} mentors …");
            let url = prepare(&bin, database, mentors, &work, &municipality_file)?;
            let r = measure(&bin, database, mentors, &url, &work, &municipality_keys)?;
            eprintln!(
                "  cached {:.0} req/s, mix {:.0} req/s (p99 {:.1} ms), coverage {:.0}, feed {:.0}, \
                 writes {:.0}/s; idle {:.1} MiB",
                r.cached.requests_per_second,
                r.mix.requests_per_second,
                r.mix.p99_ms,
                r.coverage.requests_per_second,
                r.feed.requests_per_second,
                r.writes.requests_per_second,
                r.idle_rss_mib
            );
            results.push(r);
            // After each size, so a run stopped midway keeps what it measured.
            write_report(root, &results)?;
        }
    }
    Ok(())
}

fn write_report(root: &Path, results: &[Measurement]) -> Result<()> {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let sizes: Vec<String> = {
        let mut s: Vec<usize> = results.iter().map(|r| r.mentors).collect();
        s.sort_unstable();
        s.dedup();
        s.iter().map(usize::to_string).collect()
    };
    // The command as run: a run of one database names it.
    let mut databases: Vec<&str> = results.iter().map(|r| r.database).collect();
    databases.dedup();
    let mut command = sizes;
    if let [database] = databases[..] {
        command.push(database.to_lowercase());
    }
    let mut md = String::new();
    writeln!(md, "# Benchmarks\n")?;
    writeln!(
        md,
        "Last produced by `cargo xtask bench {}` (release build) on {cores} cores, {}.",
        command.join(" "),
        chrono_free_date()
    )?;
    md.push_str(
        "A run rewrites the rows of the sizes it measured and keeps the others, so each row says
the day it was measured and on which processor (the machines this runs on change). It
",
    );
    md.push_str(
        "seeds synthetic mentors with `mentorat seed-mentors` (one municipality and two of ten fields
each; three quarters listed publicly) and three courses per ten mentors, starts `mentorat serve
--workers 2` and loads it with wrk (two threads) on the same machine: wrk, the server and
PostgreSQL share the cores, and the load average before each server started is given. Public
answers are cached per generation (see `backend/src/publication.rs`); the loads below say how
much of each the cache can answer.

- **cached page**: `GET /api/v1/public/mentors?limit=50`, 32 connections, 15 s after a 3 s
  warm-up: the same URL every time, answered from the cache after the first.
- **random mix**: 32 connections, 15 s, against a server started for it (as coverage, the
  feed and the writes, so no load inherits another's unfinished requests); each request
  draws one of 100,000 listing queries:
  pages anywhere up to the last (`offset`), district, municipality, field, language and
  combinations, a quarter of them as CSV. Few repeat, so nearly every request reads the
  database (a filter of one facet is counted from block sizes every change keeps; a
  combination's count is cached per generation and shared by its pages).
- **coverage**: `GET /api/v1/coverage`, the whole state or a random district, 32 connections.
  Computed once per coverage generation; the figure is the cached path.
- **sync feed**: `modified_since` with random `after` cursors (a tenth from the beginning),
  32 connections; each request a different position, read from the database.
- **writes**: 16 connections creating mentors (`POST /api/v1/people`, active, one field and
  one municipality, signed in as staff) for 10 s; *lost* counts answers of 201 whose person
  the database does not hold afterwards.

",
    );
    let old = std::fs::read_to_string(root.join("BENCHMARKS.md")).unwrap_or_default();
    let measured: Vec<(String, usize)> = results
        .iter()
        .map(|r| (r.database.to_owned(), r.mentors))
        .collect();
    let mut main_rows = Vec::new();
    for r in results {
        for (name, load) in [
            ("cached page", r.cached),
            ("random mix", r.mix),
            ("coverage", r.coverage),
            ("sync feed", r.feed),
            ("writes", r.writes),
        ] {
            main_rows.push(format!(
                "| {} | {} | {} | {} | {name} | {:.0} | {:.2} ms | {:.2} ms | {} |",
                r.database,
                r.mentors,
                r.measured_on,
                r.load_average,
                load.requests_per_second,
                load.p50_ms,
                load.p99_ms,
                load.non_2xx
            ));
        }
    }
    table(
        &mut md,
        &old,
        "| database | mentors | measured | load before | load | requests/s | p50 | p99 | non-2xx |",
        "|---|---:|---|---|---|---:|---:|---:|---:|",
        &measured,
        main_rows,
    );
    md.push('\n');
    let memory_rows = results
        .iter()
        .map(|r| {
            format!(
                "| {} | {} | {} | {:.1} MiB | {:.1} MiB | {:.1} MiB |",
                r.database,
                r.mentors,
                r.lost_writes,
                r.idle_rss_mib,
                r.idle_anonymous_mib,
                r.peak_rss_mib
            )
        })
        .collect();
    table(
        &mut md,
        &old,
        "| database | mentors | lost writes | idle RSS | of it anonymous | peak RSS |",
        "|---|---:|---:|---:|---:|---:|",
        &measured,
        memory_rows,
    );
    md.push_str(
        "
RSS is what `/proc/<pid>/status` reports two seconds after start (`VmRSS`) and at its highest
(`VmHWM`); it counts the pages of mapped files the server touched: its binary, and on SQLite
the database pages it read through SQLite's memory map (the operating system's page cache,
shared and reclaimable). *Anonymous* is the server's own memory (`RssAnon`).
",
    );
    md.push_str(
        "
Targets (issue 11): the random mix ≥ 2,000 requests/s with p99 ≤ 50 ms at 100,000 mentors and
within 2× of that at 1,000,000; coverage ≤ 5 ms and ≥ 2,000 requests/s; the cached page ≥ 10,000
requests/s with p99 ≤ 20 ms; writes ≥ 500/s with no 5xx and none lost; idle memory ≤ 30 MiB.

## Programme report

Before the load, the run asks for the programme report (`GET /api/v1/reports/programme`) for 15
periods in turn (each year and quarter of 2024–2026, none twice in a row), one request at a
time, timed end to end with curl, and then for the same 15 again. A year holds 10,000 courses at
100,000 mentors. Course, participant, certificate and hour figures are computed on every ask,
from per-course counts that triggers keep. Mentor figures need a pass over every mentor's status
history; a server counts them ahead (each year and quarter of the last three years, at start and
every minute for those not recorded), so staff get the second round's times. The bench's server
runs with `--count-ahead false`, so its first round times what an uncounted period costs (one
older than three years, or asked for in the minute after a backdated correction).

",
    );
    let report_rows = results
        .iter()
        .map(|r| {
            format!(
                "| {} | {} | {} | {:.0} ms | {:.0} ms | {:.0} ms |",
                r.database,
                r.mentors,
                courses(r.mentors),
                r.report_first_max_ms,
                r.report_p50_ms,
                r.report_max_ms
            )
        })
        .collect();
    table(
        &mut md,
        &old,
        "| database | mentors | courses | uncounted, slowest | median | slowest |",
        "|---|---:|---:|---:|---:|---:|",
        &measured,
        report_rows,
    );
    writeln!(
        md,
        "\nTarget (issue 12): ≤ 200 ms for a year with 10,000 courses."
    )?;
    // Sections written by hand (transfer sizes) stay below the measured ones.
    if let Some(i) = old.find("\n## Transfer sizes") {
        md.push_str(&old[i..]);
    }
    let path = root.join("BENCHMARKS.md");
    std::fs::write(&path, md)?;
    println!("wrote {}", path.display());
    Ok(())
}

/// Writes a table: this run's rows, and the rows of the same table in the old report (found by
/// its header) for the database and size pairs this run did not measure; SQLite first, then by
/// size.
fn table(
    md: &mut String,
    old: &str,
    header: &str,
    separator: &str,
    measured: &[(String, usize)],
    rows: Vec<String>,
) {
    // (database, mentors) from a row's first two cells.
    fn key(row: &str) -> Option<(String, usize)> {
        let mut cells = row.split('|').skip(1).map(str::trim);
        let database = cells.next()?.to_owned();
        let mentors = cells.next()?.parse().ok()?;
        Some((database, mentors))
    }
    let kept = old
        .lines()
        .skip_while(|l| *l != header)
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .filter(|l| key(l).is_some_and(|k| !measured.contains(&k)))
        .map(str::to_owned);
    let mut all: Vec<(String, usize, String)> = kept
        .chain(rows)
        .filter_map(|row| key(&row).map(|(database, mentors)| (database, mentors, row)))
        .collect();
    // Stable, so the loads of one size keep their order.
    all.sort_by_key(|(database, mentors, _)| (database != "SQLite", *mentors));
    md.push_str(header);
    md.push('\n');
    md.push_str(separator);
    md.push('\n');
    for (_, _, row) in all {
        md.push_str(&row);
        md.push('\n');
    }
}

/// The processor's model, short: `Intel Xeon @ 2.80GHz`, `AMD EPYC 7B13`.
fn processor() -> String {
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(str::to_owned)
        })
        .unwrap_or_default();
    model
        .replace("(R)", "")
        .replace("(TM)", "")
        .replace(" Processor", "")
        .replace(" CPU", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Today's date from `date`, so xtask needs no date library.
fn chrono_free_date() -> String {
    Command::new("date")
        .arg("+%Y-%m-%d")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    /// A run of one size replaces that size's rows and keeps the others, in order.
    #[test]
    fn a_report_keeps_the_rows_of_sizes_not_measured() {
        let old = "intro\n\n| database | mentors | x |\n|---|---:|---:|\n\
                   | SQLite | 1000 | old |\n| SQLite | 100000 | old |\n\
                   | PostgreSQL | 1000 | old |\n\nafter\n";
        let mut md = String::new();
        super::table(
            &mut md,
            old,
            "| database | mentors | x |",
            "|---|---:|---:|",
            &[("SQLite".into(), 100_000), ("PostgreSQL".into(), 1_000_000)],
            vec![
                "| SQLite | 100000 | new |".into(),
                "| PostgreSQL | 1000000 | new |".into(),
            ],
        );
        assert_eq!(
            md,
            "| database | mentors | x |\n|---|---:|---:|\n| SQLite | 1000 | old |\n\
             | SQLite | 100000 | new |\n| PostgreSQL | 1000 | old |\n\
             | PostgreSQL | 1000000 | new |\n"
        );
    }
}
