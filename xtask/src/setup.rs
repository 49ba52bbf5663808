//! Prepares the machine for building and testing: what is missing is installed or started when
//! this process may do so (root, or CI), otherwise the task stops with one sentence naming the
//! command to run. Every tool is pinned, so a run today and a run next year test the same thing.

use crate::{root, run};
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// wasm-opt comes with the npm package binaryen.
const BINARYEN: &str = "binaryen@132.0.0";

/// Where the pinned test tools live: `target/tools` (ignored by git).
pub fn tools_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
        .join("tools")
}

fn found(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Installs Debian packages when this process is root; otherwise names the command to run.
fn apt_install(what: &str, packages: &[&str]) -> Result<()> {
    if !is_root() || !found("apt-get") {
        bail!(
            "{what} is missing; install it with: sudo apt-get install -y {}",
            packages.join(" ")
        );
    }
    eprintln!("installing {what} ({})", packages.join(" "));
    run(Command::new("apt-get").args(["update", "-qq"]))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-qq", "--no-install-recommends"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// Adds the wasm target when this toolchain lacks it.
pub fn wasm_target() -> Result<()> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output();
    match installed {
        Ok(out)
            if String::from_utf8_lossy(&out.stdout)
                .lines()
                .any(|l| l.trim() == WASM_TARGET) =>
        {
            Ok(())
        }
        Ok(_) => run(Command::new("rustup").args(["target", "add", WASM_TARGET])),
        Err(_) => bail!(
            "rustup is missing, so the {WASM_TARGET} target cannot be added; \
             install Rust with rustup (https://rustup.rs)"
        ),
    }
}

/// wasm-opt shrinks the web app and strips its debug names; the build needs it.
pub fn wasm_opt() -> Result<()> {
    if found("wasm-opt") {
        return Ok(());
    }
    if !found("npm") {
        bail!("wasm-opt is missing; install Node.js and then run: npm install -g {BINARYEN}");
    }
    eprintln!("installing wasm-opt ({BINARYEN})");
    run(Command::new("npm").args(["install", "-g", "--no-audit", "--no-fund", BINARYEN])).context(
        format!("installing wasm-opt failed; run: npm install -g {BINARYEN}"),
    )
}

/// Chromium and its WebDriver for the browser tests.
pub fn chromium() -> Result<()> {
    if found("chromium") && found("chromedriver") {
        return Ok(());
    }
    apt_install(
        "Chromium with chromedriver",
        &["chromium", "chromium-driver"],
    )
}

/// LibreOffice Calc, which reads the CSV exports back as a spreadsheet program does.
pub fn spreadsheet() -> Result<()> {
    if found("soffice") {
        return Ok(());
    }
    apt_install("LibreOffice Calc", &["libreoffice-calc-nogui"])
}

/// wrk, the HTTP load generator `cargo xtask bench` drives.
pub fn wrk() -> Result<()> {
    // wrk has no version flag that exits with success; that it starts is enough.
    if Command::new("wrk").arg("--version").output().is_ok() {
        return Ok(());
    }
    apt_install("wrk", &["wrk"])
}

/// Poppler's `pdftotext` and `pdffonts`, which read generated PDFs as a reader's viewer does.
pub fn pdf_tools() -> Result<()> {
    if found("pdftotext") && found("pdffonts") {
        return Ok(());
    }
    apt_install("Poppler's PDF tools", &["poppler-utils"])
}

/// Starts the local PostgreSQL cluster when it does not answer (Debian's pg_ctlcluster).
pub fn postgres() -> Result<()> {
    let ready = || {
        Command::new("pg_isready")
            .args(["-h", "127.0.0.1", "-p", "5432"])
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    };
    if std::env::var_os("MENTORAT_TEST_PG_URL").is_some() || ready() {
        return Ok(());
    }
    if let Ok(versions) = std::fs::read_dir("/etc/postgresql") {
        for version in versions.flatten() {
            let v = version.file_name().to_string_lossy().into_owned();
            let _ = Command::new("pg_ctlcluster")
                .args(["--skip-systemctl-redirect", &v, "main", "start"])
                .status();
        }
    }
    for _ in 0..30 {
        if ready() {
            return Ok(());
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
    bail!(
        "PostgreSQL does not answer on 127.0.0.1:5432; start it (pg_ctlcluster <version> main start) \
         or set MENTORAT_TEST_PG_URL"
    )
}

/// Runs `install` unless `marker` already records the content of `spec` (the pinned list).
fn installed_once(marker: &Path, spec: &Path, install: impl FnOnce() -> Result<()>) -> Result<()> {
    let wanted = std::fs::read(spec).with_context(|| format!("read {}", spec.display()))?;
    if std::fs::read(marker).is_ok_and(|have| have == wanted) {
        return Ok(());
    }
    install()?;
    std::fs::write(marker, wanted)?;
    Ok(())
}

/// The pinned Python tools (OpenAPI validator and client generator, schemathesis, an SMTP
/// server) in a virtual environment under `target/tools/venv`.
pub fn python_tools() -> Result<()> {
    let venv = tools_dir().join("venv");
    let spec = root().join("tests/tools/requirements.txt");
    installed_once(&venv.join("installed.txt"), &spec, || {
        if !found("python3") {
            bail!(
                "python3 is missing; install it with: sudo apt-get install -y python3 python3-venv"
            );
        }
        eprintln!(
            "installing the pinned Python test tools into {}",
            venv.display()
        );
        run(Command::new("python3").arg("-m").arg("venv").arg(&venv))
            .context("creating the Python venv failed; install python3-venv")?;
        run(Command::new(venv.join("bin/pip"))
            .args(["install", "--quiet", "--disable-pip-version-check", "-r"])
            .arg(&spec))
    })
}

/// The pinned npm tools (openapi-typescript, openapi-fetch, TypeScript, axe-core) under
/// `target/tools/node`, installed from the committed lock file.
pub fn node_tools() -> Result<()> {
    let dir = tools_dir().join("node");
    let spec = root().join("tests/tools/package-lock.json");
    installed_once(&dir.join("installed.txt"), &spec, || {
        if !found("npm") {
            bail!("npm is missing; install it with: sudo apt-get install -y nodejs npm");
        }
        eprintln!(
            "installing the pinned npm test tools into {}",
            dir.display()
        );
        std::fs::create_dir_all(&dir)?;
        for file in ["package.json", "package-lock.json"] {
            std::fs::copy(root().join("tests/tools").join(file), dir.join(file))?;
        }
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--silent"])
            .current_dir(&dir))
    })
}
