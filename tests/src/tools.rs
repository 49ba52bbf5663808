//! The outside tools the tests run against the server, pinned in `tests/tools/` and installed
//! by `cargo xtask test` (into `target/tools`, or `MENTORAT_TOOLS_DIR`). A missing tool fails
//! the test with the command that installs it: no test is skipped quietly.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Where `cargo xtask test` installed the pinned tools.
pub fn dir() -> PathBuf {
    std::env::var_os("MENTORAT_TOOLS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target/tools"))
}

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ lives in the workspace")
        .to_path_buf()
}

fn installed(path: PathBuf) -> PathBuf {
    assert!(
        path.exists(),
        "{} is missing: run the tests with `cargo xtask test`, which installs the pinned tools",
        path.display()
    );
    path
}

/// A program of the pinned Python tools (`python`, `st`, `openapi-python-client`, …).
pub fn python_bin(name: &str) -> PathBuf {
    installed(dir().join("venv/bin").join(name))
}

/// A program of the pinned npm tools (`openapi-typescript`, `tsc`, …).
pub fn node_bin(name: &str) -> PathBuf {
    installed(dir().join("node/node_modules/.bin").join(name))
}

/// The `node_modules` directory of the pinned npm tools.
pub fn node_modules() -> PathBuf {
    installed(dir().join("node/node_modules"))
}

/// A file of `tests/tools/` (scripts and settings for the tools).
pub fn file(name: &str) -> PathBuf {
    installed(workspace().join("tests/tools").join(name))
}

/// Runs `command` to its end and returns its output; panics, with everything it printed, when
/// it cannot start or fails.
pub fn run(command: &mut Command) -> Output {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot start {command:?}: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed ({}):\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// Runs a Poppler tool on a PDF and returns what it prints, as a reader's viewer sees the file:
/// text (`pdftotext`, written to standard output), fonts, images, or a page as pixels.
pub fn poppler(tool: &str, pdf: &[u8], args: &[&str]) -> String {
    String::from_utf8(poppler_bytes(tool, pdf, args)).expect("UTF-8 from poppler")
}

/// [`poppler`] for tools that print binary data, such as `pdftoppm`.
pub fn poppler_bytes(tool: &str, pdf: &[u8], args: &[&str]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("document.pdf");
    std::fs::write(&file, pdf).unwrap();
    let mut command = Command::new(tool);
    command.args(args).arg(&file);
    if tool == "pdftotext" {
        command.arg("-");
    }
    run(&mut command).stdout
}

/// Reads a download as the program a person opens it with would: writes `bytes` to a temporary
/// file ending in `suffix` and runs the Python tool `script` (in `tests/tools`) on it, which
/// prints what it sees as JSON.
pub fn read_download(script: &str, suffix: &str, bytes: &[u8], args: &[&str]) -> serde_json::Value {
    let file = tempfile::NamedTempFile::with_suffix(suffix).unwrap();
    std::fs::write(file.path(), bytes).unwrap();
    let output = run(Command::new(python_bin("python"))
        .arg(self::file(script))
        .arg(file.path())
        .args(args));
    serde_json::from_slice(&output.stdout).expect("the tool prints JSON")
}

/// Asserts that `pdf` is what PDF/A-2b asks of it, as pikepdf (qpdf, through `archive.py`)
/// reads it: the conformance its XMP metadata declares, the syntax, the sRGB output intent, the
/// title and producer agreeing between document information and XMP, the file ID, unfiltered
/// metadata, no encryption, every font program embedded and no interpolated images.
pub fn assert_pdf_a_2b(pdf: &[u8]) {
    let seen = read_download("archive.py", ".pdf", pdf, &[]);
    assert_eq!(seen["pdfa"], "2B", "{seen}");
    assert_eq!(seen["syntax_problems"], serde_json::json!([]), "{seen}");
    assert_eq!(
        seen["output_intents"],
        serde_json::json!([{
            "subtype": "/GTS_PDFA1", "components": 3, "class": "mntr", "colour_space": "RGB"
        }]),
        "{seen}"
    );
    assert_ne!(seen["info_title"], "", "{seen}");
    assert_eq!(seen["info_title"], seen["xmp_title"], "{seen}");
    assert_eq!(seen["info_producer"], seen["xmp_producer"], "{seen}");
    assert_eq!(seen["file_id"], true, "{seen}");
    assert_eq!(seen["metadata_filtered"], false, "{seen}");
    assert_eq!(seen["encrypted"], false, "{seen}");
    assert_eq!(seen["interpolated_images"], 0, "{seen}");
    let fonts = seen["fonts"].as_object().expect("fonts");
    assert!(!fonts.is_empty(), "{seen}");
    assert!(fonts.values().all(|embedded| embedded == true), "{seen}");
}

/// A real SMTP server (aiosmtpd, through `smtp_sink.py`) beside the test, which keeps every
/// mail it accepts for the test to read; stopped when dropped.
pub struct SmtpServer {
    child: std::process::Child,
    port: u16,
    inbox: tempfile::TempDir,
}

/// A mail as it arrived at the SMTP server.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct ReceivedMail {
    pub to: Vec<String>,
    pub subject: String,
    pub body: String,
    #[serde(default)]
    pub attachments: Vec<ReceivedAttachment>,
}

/// An attachment as it arrived, decoded to text.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct ReceivedAttachment {
    pub filename: Option<String>,
    pub content_type: String,
    pub content: String,
}

/// The first link in a mail's `body` starting with `prefix`, as a person would click it.
pub fn link_in(body: &str, prefix: &str) -> Option<String> {
    body.split_whitespace()
        .find(|word| word.starts_with(prefix))
        .map(str::to_owned)
}

impl ReceivedMail {
    /// The first link in the body starting with `prefix`.
    pub fn link(&self, prefix: &str) -> String {
        link_in(&self.body, prefix).unwrap_or_else(|| panic!("no link {prefix}… in {self:?}"))
    }
}

impl SmtpServer {
    pub fn start() -> Self {
        Self::with_delay(0.0)
    }

    /// A server that waits `delay` seconds after storing each mail before it answers "250".
    pub fn with_delay(delay: f64) -> Self {
        use std::io::BufRead;
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let inbox = tempfile::tempdir().unwrap();
        let mut child = Command::new(python_bin("python"))
            .arg(file("smtp_sink.py"))
            .arg(port.to_string())
            .arg(inbox.path())
            .arg(delay.to_string())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("start the SMTP server");
        let mut ready = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut ready)
            .unwrap();
        assert_eq!(ready.trim(), "ready", "the SMTP server did not start");
        Self { child, port, inbox }
    }

    /// The URL the server under test sends through.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every mail received so far, in order of arrival.
    pub fn received(&self) -> Vec<ReceivedMail> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.inbox.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort_by_key(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            let (nanos, count) = name.split_once('-').unwrap();
            (
                nanos.parse::<u128>().unwrap(),
                count.parse::<u64>().unwrap(),
            )
        });
        files
            .iter()
            .map(|p| serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap())
            .collect()
    }

    /// Waits (up to 20 s) until a mail to `to` whose subject contains `subject` arrived.
    pub async fn wait_for(&self, to: &str, subject: &str) -> ReceivedMail {
        for _ in 0..200 {
            if let Some(mail) = self
                .received()
                .into_iter()
                .find(|m| m.to.iter().any(|t| t == to) && m.subject.contains(subject))
            {
                return mail;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!(
            "no mail to {to} with “{subject}” arrived; received: {:#?}",
            self.received()
        );
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
