//! Build orchestration for Mentorat (`cargo xtask <command>`):
//!
//! - `serve [ARGS…]`   build the web app and the server (release) and serve with demo data
//! - `test`            prepare the machine's test services and run every test
//! - `prepare`         install or start what the tests need (browser, database, tools)
//! - `frontend`        build the web app into `frontend/dist`
//! - `openapi`         rewrite `openapi/openapi.json` from the code
//! - `bench [SIZES…] [sqlite|postgresql]`  load-test the public mentor listing with wrk and write BENCHMARKS.md

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
            eprintln!("usage: cargo xtask <serve [server args…] | test [cargo test args…] | prepare | frontend | openapi | bench [sizes…] [sqlite|postgresql]>");
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

/// The web app's two builds: the whole app, and the citizens' pages alone (built without the
/// `staff` feature), which `boot.js` loads for a signed-out visitor of a public page, so a phone
/// fetches a third less.
const WEB_APPS: [(&str, &[&str]); 2] = [
    ("mentorat", &[]),
    ("mentorat-public", &["--no-default-features"]),
];

/// Compiles the yew app to wasm twice (see [`WEB_APPS`]), generates the JS bindings and
/// assembles `frontend/dist`.
fn build_frontend() -> Result<()> {
    setup::wasm_target()?;
    setup::wasm_opt()?;
    let root = root();
    let dist = root.join("frontend").join("dist");
    if dist.exists() {
        std::fs::remove_dir_all(&dist)?;
    }
    std::fs::create_dir_all(&dist)?;
    for (name, features) in WEB_APPS {
        build_web_app(&root, &dist, name, features)?;
    }
    for file in ["index.html", "boot.js", "style.css"] {
        std::fs::copy(root.join("frontend").join(file), dist.join(file))
            .with_context(|| format!("copy {file}"))?;
    }
    precompress(&dist)?;
    let size = |path: &Path| std::fs::metadata(path).map(|m| m.len() / 1024);
    for (name, _) in WEB_APPS {
        let wasm = dist.join(format!("{name}_bg.wasm"));
        println!(
            "{name}: {} KiB wasm, {} KiB gzip, {} KiB brotli",
            size(&wasm)?,
            size(&dist.join(format!("{name}_bg.wasm.gz")))?,
            size(&dist.join(format!("{name}_bg.wasm.br")))?,
        );
    }
    println!("web app built in {}", dist.display());
    Ok(())
}

/// One build of the web app into `dist`: `<name>.js` and `<name>_bg.wasm`.
fn build_web_app(root: &Path, dist: &Path, name: &str, features: &[&str]) -> Result<()> {
    run(cargo()
        .args([
            "build",
            "--package",
            "frontend",
            "--profile",
            "wasm-release",
            "--target",
            WASM_TARGET,
        ])
        .args(features))?;
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let wasm = target_dir
        .join(WASM_TARGET)
        .join("wasm-release")
        .join("frontend.wasm");
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .web(true)?
        .out_name(name)
        .typescript(false)
        .generate(dist)
        .context("wasm-bindgen failed")?;
    let bg = dist.join(format!("{name}_bg.wasm"));
    // wasm-opt shrinks the module by about a third and drops the debug names.
    let optimised = dist.join(format!("{name}_bg.opt.wasm"));
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
    Ok(())
}

/// Writes a gzip (`.gz`) and a brotli (`.br`) copy beside the web app's wasm, scripts and
/// styles, at the highest levels: the server sends them to clients that accept them instead of
/// compressing on every request.
fn precompress(dist: &Path) -> Result<()> {
    use std::io::Write;
    for entry in std::fs::read_dir(dist)? {
        let path = entry?.path();
        let wanted = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| ["wasm", "js", "css"].contains(&e));
        if !wanted {
            continue;
        }
        let bytes = std::fs::read(&path)?;
        let with_suffix = |suffix: &str| {
            let mut name = path.clone().into_os_string();
            name.push(suffix);
            PathBuf::from(name)
        };
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gzip.write_all(&bytes)?;
        std::fs::write(with_suffix(".gz"), gzip.finish()?)?;
        let mut brotli = Vec::new();
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            lgwin: 22,
            ..Default::default()
        };
        brotli::BrotliCompress(&mut bytes.as_slice(), &mut brotli, &params)?;
        std::fs::write(with_suffix(".br"), brotli)?;
    }
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
