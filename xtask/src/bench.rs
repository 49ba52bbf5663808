//! `cargo xtask bench`: seeds 1,000 and 100,000 mentors (and a course per ten mentors) on SQLite
//! and on PostgreSQL, times the programme report for a mix of periods, loads the public mentor
//! listing (50 per page, 32 connections) with wrk against the release server, and writes the
//! report's times, requests/s, p50/p99 latency and the server's peak memory to BENCHMARKS.md.

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

struct Measurement {
    database: &'static str,
    mentors: usize,
    /// The programme report, one period after another: median and slowest, in ms.
    /// The first ask for each period: mentor figures are counted and recorded.
    report_first_max_ms: f64,
    /// Every later ask in the same hour: mentor figures are read back, the rest counted again.
    report_p50_ms: f64,
    report_max_ms: f64,
    requests_per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    non_2xx: u64,
    peak_rss_mib: f64,
}

/// The municipality list: the official one from the team kit when present, else a synthetic one.
fn municipalities(root: &Path, work: &Path) -> Result<PathBuf> {
    let shared = root.join("../shared/data/bw_municipalities.csv");
    if shared.exists() {
        return Ok(shared);
    }
    let districts = [
        "08111", "08115", "08116", "08117", "08118", "08119", "08121", "08125", "08126", "08127",
        "08128", "08135", "08136", "08211", "08212", "08215", "08216", "08221", "08222", "08225",
        "08226", "08231", "08235", "08236", "08237", "08311", "08315", "08316", "08317", "08325",
        "08326", "08327", "08335", "08336", "08337", "08415", "08416", "08417", "08421", "08425",
        "08426", "08435", "08436", "08437",
    ];
    let mut csv = String::from("ags,name\n");
    for i in 0..1101 {
        writeln!(
            csv,
            "{}{:03},Gemeinde {i}",
            districts[i % districts.len()],
            i / districts.len() + 1
        )?;
    }
    let path = work.join("municipalities.csv");
    std::fs::write(&path, csv)?;
    Ok(path)
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
            format!("{PG_BASE}/{name}")
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
        psql_on(&url, "ANALYZE")?;
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

fn wrk(duration: &str) -> Result<String> {
    let out = Command::new("wrk")
        .args([
            "-t2",
            "-c32",
            &format!("-d{duration}"),
            "--latency",
            &format!("http://127.0.0.1:{PORT}{PATH}"),
        ])
        .output()
        .context("wrk is needed: apt-get install wrk")?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn peak_rss_mib(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kib| kib / 1024.0)
}

/// Signs in as the bench's admin and times the programme report for every period in
/// [`PERIODS`], one after another: (median, slowest) in ms.
fn time_reports() -> Result<(f64, f64)> {
    let base = format!("http://127.0.0.1:{PORT}/api/v1");
    let login = Command::new("curl")
        .args(["-sf", "-H", "content-type: application/json", "-d"])
        .arg(format!(
            "{{\"email\":\"{ADMIN}\",\"password\":\"{PASSWORD}\"}}"
        ))
        .arg(format!("{base}/auth/login"))
        .output()
        .context("curl is needed")?;
    let body = String::from_utf8_lossy(&login.stdout);
    let token = body
        .split("\"token\":\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .context("no token in the sign-in answer")?
        .to_owned();
    let mut times = Vec::new();
    for period in PERIODS {
        let started = Instant::now();
        crate::run(
            Command::new("curl")
                .args(["-sf", "-o", "/dev/null", "-H"])
                .arg(format!("authorization: Bearer {token}"))
                .arg(format!("{base}/reports/programme?{period}")),
        )?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    Ok((times[times.len() / 2], times[times.len() - 1]))
}

fn measure(bin: &Path, database: &'static str, mentors: usize, url: &str) -> Result<Measurement> {
    let mut server = start_server(bin, url)?;
    let (_, report_first_max_ms) = time_reports()?;
    let (report_p50_ms, report_max_ms) = time_reports()?;
    wrk("3s")?; // warm-up: connections, caches, SQLite page cache
    let report = wrk(DURATION)?;
    let peak = peak_rss_mib(server.id());
    let _ = server.kill();
    let _ = server.wait();
    let field = |prefix: &str| {
        report
            .lines()
            .find(|l| l.trim_start().starts_with(prefix))
            .map(|l| l.split_whitespace().nth(1).unwrap_or("").to_owned())
    };
    let non_2xx = report
        .lines()
        .find(|l| l.contains("Non-2xx"))
        .and_then(|l| l.split_whitespace().last()?.parse().ok())
        .unwrap_or(0);
    Ok(Measurement {
        database,
        mentors,
        report_first_max_ms,
        report_p50_ms,
        report_max_ms,
        requests_per_second: report
            .lines()
            .find(|l| l.starts_with("Requests/sec:"))
            .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
            .unwrap_or(0.0),
        p50_ms: field("50%").and_then(|v| millis(&v)).unwrap_or(f64::NAN),
        p99_ms: field("99%").and_then(|v| millis(&v)).unwrap_or(f64::NAN),
        non_2xx,
        peak_rss_mib: peak,
    })
}

pub fn bench(root: &Path, args: &[String]) -> Result<()> {
    let sizes: Vec<usize> = if args.is_empty() {
        vec![1_000, 100_000]
    } else {
        args.iter().map(|a| a.parse()).collect::<Result<_, _>>()?
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
    let bin = root.join("target/release/mentorat");
    let work = root.join("target/bench");
    std::fs::create_dir_all(&work)?;
    let municipalities = municipalities(root, &work)?;
    let mut results = Vec::new();
    for database in ["SQLite", "PostgreSQL"] {
        for &mentors in &sizes {
            eprintln!("bench: {database}, {mentors} mentors …");
            let url = prepare(&bin, database, mentors, &work, &municipalities)?;
            let result = measure(&bin, database, mentors, &url)?;
            eprintln!(
                "  {:.0} req/s, p50 {:.2} ms, p99 {:.2} ms; report p50 {:.0} ms, max {:.0} ms",
                result.requests_per_second,
                result.p50_ms,
                result.p99_ms,
                result.report_p50_ms,
                result.report_max_ms
            );
            results.push(result);
        }
    }
    write_report(root, &results)
}

fn write_report(root: &Path, results: &[Measurement]) -> Result<()> {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_default();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mut md = String::new();
    writeln!(md, "# Benchmarks\n")?;
    writeln!(md, "Produced by `cargo xtask bench` (release build). It seeds synthetic mentors with `mentorat seed-mentors`")?;
    writeln!(md, "(about 60 % of them listed publicly), starts `mentorat serve --workers 2`, warms up for 3 s and then")?;
    writeln!(
        md,
        "loads `GET {PATH}` (the first page of the public listing, 50 mentors) with"
    )?;
    writeln!(md, "`wrk -t2 -c32 -d{DURATION} --latency` on the same machine. wrk, the server and PostgreSQL share the CPU.")?;
    writeln!(md, "Public responses are cached per publication generation (a counter every public change bumps in its")?;
    writeln!(md, "transaction; each request reads it, one primary-key lookup), so these figures are the steady state of a")?;
    writeln!(md, "listing that does not change during the run; after a change each page is built once again.\n")?;
    writeln!(
        md,
        "Machine: {cores} cores, {cpu}. Date: {}.\n",
        chrono_free_date()
    )?;
    writeln!(
        md,
        "| database | mentors | requests/s | p50 | p99 | non-2xx | peak server memory |"
    )?;
    writeln!(md, "|---|---:|---:|---:|---:|---:|---:|")?;
    for r in results {
        writeln!(
            md,
            "| {} | {} | {:.0} | {:.2} ms | {:.2} ms | {} | {:.1} MiB |",
            r.database,
            r.mentors,
            r.requests_per_second,
            r.p50_ms,
            r.p99_ms,
            r.non_2xx,
            r.peak_rss_mib
        )?;
    }
    writeln!(md, "\nTargets from the design notes: ≥ 5,000 requests/s and p99 ≤ 20 ms for this listing on a 2-core")?;
    writeln!(
        md,
        "machine, on both databases, and no worse than 2× at 100,000 mentors than at 1,000."
    )?;
    writeln!(md, "\n## Programme report\n")?;
    writeln!(md, "Before the load, the same run seeds three courses per ten mentors over 2024–2026 (`mentorat")?;
    writeln!(md, "seed-courses`: ten sessions and twelve participants each, six tandems in trainer courses, a")?;
    writeln!(md, "certificate for each who completed, every hundredth revoked), so a year holds 10,000 courses at")?;
    writeln!(md, "100,000 mentors. It asks for the programme report (`GET /api/v1/reports/programme`) for 15")?;
    writeln!(md, "periods in turn (each year and quarter of 2024–2026, none twice in a row), one request at a")?;
    writeln!(
        md,
        "time, timed end to end with curl, and then for the same 15 again. Course, participant,"
    )?;
    writeln!(md, "certificate and hour figures are computed on every ask, from per-course counts that triggers")?;
    writeln!(
        md,
        "keep. Mentor figures need a pass over every mentor's status history; a server counts them"
    )?;
    writeln!(md, "ahead (each year and quarter of the last three years, at start and every minute for those not")?;
    writeln!(md, "recorded), so staff get the second round's times. The bench's server runs with `--count-ahead")?;
    writeln!(md, "false`, so its first round times what an uncounted period costs (one older than three years,")?;
    writeln!(
        md,
        "or asked for in the minute after a backdated correction).\n"
    )?;
    writeln!(
        md,
        "| database | mentors | courses | uncounted, slowest | median | slowest |"
    )?;
    writeln!(md, "|---|---:|---:|---:|---:|---:|")?;
    for r in results {
        writeln!(
            md,
            "| {} | {} | {} | {:.0} ms | {:.0} ms | {:.0} ms |",
            r.database,
            r.mentors,
            courses(r.mentors),
            r.report_first_max_ms,
            r.report_p50_ms,
            r.report_max_ms
        )?;
    }
    writeln!(
        md,
        "\nTarget (issue 12): ≤ 200 ms for a year with 10,000 courses."
    )?;
    std::fs::write(root.join("BENCHMARKS.md"), md)?;
    println!("wrote {}", root.join("BENCHMARKS.md").display());
    Ok(())
}

/// Today's date from `date`, so xtask needs no date library.
fn chrono_free_date() -> String {
    Command::new("date")
        .arg("+%Y-%m-%d")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}
