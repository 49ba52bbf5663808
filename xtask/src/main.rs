//! Build orchestration for Mentorat (`cargo xtask <command>`):
//!
//! - `serve [ARGS…]`   build the web app and the server (release) and serve with demo data
//! - `test`            prepare the machine's test services and run every test
//! - `frontend`        build the web app into `frontend/dist`
//! - `openapi`         rewrite `openapi/openapi.json` from the code
//! - `bench [SIZES…]`  load-test the public mentor listing with wrk and write BENCHMARKS.md

mod bench;

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

const WASM_TARGET: &str = "wasm32-unknown-unknown";

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_default();
    let rest: Vec<String> = args.collect();
    match command.as_str() {
        "serve" => serve(&rest),
        "test" => test(&rest),
        "frontend" => build_frontend(),
        "openapi" => openapi(),
        "bench" => bench::bench(&root(), &rest),
        _ => {
            eprintln!("usage: cargo xtask <serve [server args…] | test [cargo test args…] | frontend | openapi | bench [sizes…]>");
            bail!("unknown command {command:?}")
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

pub(crate) fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(root());
    cmd
}

pub(crate) fn run(cmd: &mut Command) -> Result<()> {
    let status = cmd
        .status()
        .with_context(|| format!("cannot start {cmd:?}"))?;
    if !status.success() {
        bail!("{cmd:?} failed with {status}");
    }
    Ok(())
}

/// Adds the wasm target when this toolchain lacks it (needs rustup; a no-op when present).
fn ensure_wasm_target() -> Result<()> {
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
        // Without rustup the target must come with the toolchain; the build below says if not.
        Err(_) => Ok(()),
    }
}

/// Compiles the yew app to wasm, generates the JS bindings and assembles `frontend/dist`.
fn build_frontend() -> Result<()> {
    ensure_wasm_target()?;
    run(cargo().args([
        "build",
        "--package",
        "frontend",
        "--profile",
        "wasm-release",
        "--target",
        WASM_TARGET,
    ]))?;
    let root = root();
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let wasm = target_dir
        .join(WASM_TARGET)
        .join("wasm-release")
        .join("frontend.wasm");
    let dist = root.join("frontend").join("dist");
    if dist.exists() {
        std::fs::remove_dir_all(&dist)?;
    }
    std::fs::create_dir_all(&dist)?;
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .web(true)?
        .out_name("mentorat")
        .typescript(false)
        .generate(&dist)
        .context("wasm-bindgen failed")?;
    let bg = dist.join("mentorat_bg.wasm");
    // wasm-opt (npm package binaryen) shrinks the module by about a third when it is
    // installed; without it, or if it fails, the app works the same, only larger.
    if Command::new("wasm-opt").arg("--version").output().is_ok() {
        let optimised = dist.join("mentorat_bg.opt.wasm");
        let status = Command::new("wasm-opt")
            .args([
                "-Oz",
                "--enable-bulk-memory",
                "--enable-nontrapping-float-to-int",
                "--enable-sign-ext",
                "--enable-mutable-globals",
                "-o",
            ])
            .arg(&optimised)
            .arg(&bg)
            .status();
        match status {
            Ok(s) if s.success() => std::fs::rename(&optimised, &bg)?,
            _ => {
                let _ = std::fs::remove_file(&optimised);
                eprintln!("warning: wasm-opt failed; keeping the unoptimised module");
            }
        }
    }
    for file in ["index.html", "boot.js", "style.css"] {
        std::fs::copy(root.join("frontend").join(file), dist.join(file))
            .with_context(|| format!("copy {file}"))?;
    }
    let size = std::fs::metadata(&bg)?.len();
    println!(
        "web app built in {} ({} KiB wasm)",
        dist.display(),
        size / 1024
    );
    Ok(())
}

fn serve(args: &[String]) -> Result<()> {
    build_frontend()?;
    let mut cmd = cargo();
    cmd.args([
        "run",
        "--release",
        "--package",
        "backend",
        "--bin",
        "mentorat",
        "--",
        "serve",
        "--demo",
    ])
    .args(args);
    run(&mut cmd)
}

/// Starts the local PostgreSQL cluster when it does not answer (Debian's pg_ctlcluster).
pub(crate) fn ensure_postgres() -> Result<()> {
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
    bail!("PostgreSQL does not answer on 127.0.0.1:5432; start it or set MENTORAT_TEST_PG_URL")
}

fn test(args: &[String]) -> Result<()> {
    build_frontend()?;
    ensure_postgres()?;
    run(cargo()
        .args(["test", "--workspace", "--exclude", "frontend"])
        .args(args))
}

fn openapi() -> Result<()> {
    let out = cargo()
        .args([
            "run",
            "--quiet",
            "--package",
            "backend",
            "--bin",
            "mentorat",
            "--",
            "openapi",
        ])
        .output()?;
    if !out.status.success() {
        bail!(
            "generating the OpenAPI document failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let path = root().join("openapi").join("openapi.json");
    std::fs::write(&path, &out.stdout)?;
    println!("wrote {}", path.display());
    Ok(())
}
