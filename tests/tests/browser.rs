//! The web app in headless Chromium against the real server.

use fantoccini::Locator;
use std::time::Duration;
use tests::browser::{frontend_dist, Browser};
use tests::{spawn_with, Database, Options, STAFF_PASSWORD};

const WAIT: Duration = Duration::from_secs(20);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_sign_in_create_an_organisation_and_find_it_in_the_list() {
    let app = spawn_with(Database::Sqlite, Options { static_dir: Some(frontend_dist()), ..Options::default() }).await;
    app.staff_token().await;
    app.import_municipalities("ags,name,kind\n08111000,Stuttgart,Stadtkreis\n08116019,Esslingen am Neckar,Große Kreisstadt\n").await;
    let browser = Browser::start().await;
    let c = &browser.client;

    c.goto(&app.url("/anmelden")).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#email")).await.unwrap().send_keys("mitarbeiterin@mentorat.example").await.unwrap();
    c.find(Locator::Css("#password")).await.unwrap().send_keys(STAFF_PASSWORD).await.unwrap();
    c.find(Locator::Css("form button[type=submit]")).await.unwrap().click().await.unwrap();

    // Signed in, the list offers "Neue Organisation".
    c.wait().at_most(WAIT).for_element(Locator::LinkText("Neue Organisation")).await.unwrap().click().await.unwrap();
    let name = c.wait().at_most(WAIT).for_element(Locator::Css("#name")).await.unwrap();
    // A submit without a name shows the server's message at the field.
    c.find(Locator::Css("form button[type=submit]")).await.unwrap().click().await.unwrap();
    let message = c.wait().at_most(WAIT).for_element(Locator::Css("#name-error")).await.unwrap().text().await.unwrap();
    assert!(message.contains("nicht leer"), "{message}");

    name.send_keys("Bürgerstiftung Esslingen").await.unwrap();
    c.find(Locator::Css("#kind")).await.unwrap().select_by_value("foundation").await.unwrap();
    c.find(Locator::Css("#district")).await.unwrap().select_by_value("08116").await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#municipality option[value='08116019']")).await.unwrap();
    c.find(Locator::Css("#municipality")).await.unwrap().select_by_value("08116019").await.unwrap();
    c.find(Locator::Css("form button[type=submit]")).await.unwrap().click().await.unwrap();

    // The detail page of the new organisation …
    let heading = c.wait().at_most(WAIT).for_element(Locator::XPath("//h1[contains(., 'Bürgerstiftung Esslingen')]")).await.unwrap();
    assert_eq!(heading.text().await.unwrap(), "Bürgerstiftung Esslingen");
    // … and the list shows it with its municipality.
    c.find(Locator::LinkText("← Partnerorganisationen")).await.unwrap().click().await.unwrap();
    let row = c.wait().at_most(WAIT).for_element(Locator::XPath("//table[@id='organisations']//tr[contains(., 'Bürgerstiftung Esslingen')]")).await.unwrap();
    let text = row.text().await.unwrap();
    assert!(text.contains("Esslingen am Neckar") && text.contains("Stiftung"), "{text}");

    // The server agrees.
    let listed = app.get("/api/v1/organisations?q=stiftung").await.json();
    assert_eq!(listed["total"], 1);
    assert_eq!(listed["items"][0]["municipality"]["ags"], "08116019");
    browser.close().await;
}
