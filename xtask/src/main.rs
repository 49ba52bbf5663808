//! Build orchestration for Mentorat (`cargo xtask <command>`):
//!
//! - `serve [ARGS…]`   build the web app and the server (release) and serve with demo data
//! - `test`            prepare the machine's test services and run every test
//! - `prepare`         install or start what the tests need (browser, database, tools)
//! - `frontend`        build the web app into `frontend/dist`
//! - `openapi`         rewrite `openapi/openapi.json` from the code
//! - `bench [SIZES…]`  load-test the public mentor listing with wrk and write BENCHMARKS.md

mod bench;
mod setup;

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

use setup::WASM_TARGET;

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_default();
    let rest: Vec<String> = args.collect();
    match command.as_str() {
        "serve" => serve(&rest),
        "test" => test(&rest),
        "frontend" => build_frontend(),
        "prepare" => prepare(),
        "openapi" => openapi(),
        "bench" => bench::bench(&root(), &rest),
        _ => {
            eprintln!("usage: cargo xtask <serve [server args…] | test [cargo test args…] | prepare | frontend | openapi | bench [sizes…]>");
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

/// Compiles the yew app to wasm, generates the JS bindings and assembles `frontend/dist`.
fn build_frontend() -> Result<()> {
    setup::wasm_target()?;
    setup::wasm_opt()?;
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
    // wasm-opt shrinks the module by about a third and drops the debug names.
    let optimised = dist.join("mentorat_bg.opt.wasm");
    run(Command::new("wasm-opt")
        .args([
            "-Oz",
            "--strip-debug",
            "--strip-producers",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "-o",
        ])
        .arg(&optimised)
        .arg(&bg))?;
    std::fs::rename(&optimised, &bg)?;
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

/// Installs or starts what the tests need: browser, spreadsheet, database, pinned tools.
fn prepare() -> Result<()> {
    setup::chromium()?;
    setup::spreadsheet()?;
    setup::pdf_tools()?;
    setup::postgres()?;
    setup::python_tools()?;
    setup::node_tools()
}

/// Everything the tests need, installed or started, then every test of the workspace.
fn test(args: &[String]) -> Result<()> {
    prepare()?;
    build_frontend()?;
    run(cargo()
        .args(["test", "--workspace", "--exclude", "frontend"])
        .args(args)
        .env("MENTORAT_TOOLS_DIR", setup::tools_dir()))
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
