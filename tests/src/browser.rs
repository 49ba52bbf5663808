//! Headless Chromium driven over WebDriver (chromedriver), for tests of the real web app.

use fantoccini::{Client, ClientBuilder};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The built web app; `cargo xtask test` builds it before the tests run.
pub fn frontend_dist() -> PathBuf {
    let dist = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../frontend/dist"));
    assert!(
        ["index.html", "mentorat_bg.wasm", "mentorat-public_bg.wasm"]
            .iter()
            .all(|file| dist.join(file).is_file()),
        "the web app is not built in {}: run `cargo xtask frontend` (or the whole suite with `cargo xtask test`)",
        dist.display()
    );
    dist
}

/// A server on a fresh SQLite database that serves the built web app, for a browser to visit.
pub async fn spawn_with_web_app() -> crate::TestApp {
    crate::spawn_with(
        crate::Database::Sqlite,
        crate::Options {
            static_dir: Some(frontend_dist()),
            ..crate::Options::default()
        },
    )
    .await
}

/// How long the browser tests wait for the app to react.
pub const WAIT: Duration = Duration::from_secs(20);

/// Signs in through the web app's form as the staff account of [`crate::TestApp::staff_token`].
pub async fn sign_in(client: &Client, app: &crate::TestApp) {
    sign_in_as(client, app, "mitarbeiterin@mentorat.example").await;
}

/// Signs in through the web app's form with [`crate::STAFF_PASSWORD`].
pub async fn sign_in_as(client: &Client, app: &crate::TestApp, email: &str) {
    use fantoccini::Locator;
    client.goto(&app.url("/anmelden")).await.unwrap();
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#email"))
        .await
        .unwrap()
        .send_keys(email)
        .await
        .unwrap();
    client
        .find(Locator::Css("#password"))
        .await
        .unwrap()
        .send_keys(crate::STAFF_PASSWORD)
        .await
        .unwrap();
    client
        .find(Locator::Css("form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath("//button[normalize-space()='Abmelden']"))
        .await
        .unwrap();
}

/// Opens `page` from the main navigation's group `group` (a desktop-wide window): the group's
/// button first, then the page's link in it.
pub async fn open_from_menu(client: &Client, group: &str, page: &str) {
    use fantoccini::Locator;
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&format!(
            "//nav//button[starts-with(normalize-space(), '{group}')]"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&format!(
            "//nav//a[normalize-space()='{page}']"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// A chromedriver process and a browser session; both end when this is dropped.
pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Browser {
    pub async fn start() -> Browser {
        let chromedriver = std::env::var("MENTORAT_CHROMEDRIVER")
            .unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let chromium =
            std::env::var("MENTORAT_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let port = free_port();
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {chromedriver} ({e}); install chromium and chromium-driver")
            });
        let profile = tempfile::tempdir().unwrap();
        let capabilities = serde_json::json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--no-first-run",
                    "--disable-sync", "--window-size=1280,900", "--lang=de-DE",
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }
        });
        let capabilities = match capabilities {
            serde_json::Value::Object(map) => map,
            _ => unreachable!(),
        };
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let url = format!("http://127.0.0.1:{port}");
        let mut last_error = String::new();
        for _ in 0..100 {
            match ClientBuilder::new(connector.clone())
                .capabilities(capabilities.clone())
                .connect(&url)
                .await
            {
                Ok(client) => {
                    return Browser {
                        client,
                        driver,
                        _profile: profile,
                    }
                }
                Err(e) => last_error = e.to_string(),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("chromedriver did not start a browser session: {last_error}");
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
