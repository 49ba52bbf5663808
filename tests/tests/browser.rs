//! The web app in headless Chromium against the real server.

use fantoccini::Locator;
use tests::browser::{frontend_dist, sign_in, Browser, WAIT};
use tests::{spawn_with, Database, Options};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_sign_in_create_an_organisation_and_find_it_in_the_list() {
    let app = spawn_with(Database::Sqlite, Options { static_dir: Some(frontend_dist()), ..Options::default() }).await;
    app.staff_token().await;
    app.import_municipalities("ags,name,kind\n08111000,Stuttgart,Stadtkreis\n08116019,Esslingen am Neckar,Große Kreisstadt\n").await;
    let browser = Browser::start().await;
    let c = &browser.client;

    sign_in(c, &app).await;
    c.goto(&app.url("/organisationen")).await.unwrap();
    // Signed in, the list offers "Neue Organisation".
    c.wait().at_most(WAIT).for_element(Locator::LinkText("Neue Organisation")).await.unwrap().click().await.unwrap();
    let name = c.wait().at_most(WAIT).for_element(Locator::Css("#name")).await.unwrap();
    // A submit without a name shows the server's message at the field.
    c.find(Locator::Css("form button[type=submit]")).await.unwrap().click().await.unwrap();
    let message = c.wait().at_most(WAIT).for_element(Locator::Css("#name-error")).await.unwrap().text().await.unwrap();
    assert!(message.contains("nicht leer"), "{message}");

    name.send_keys("Bürgerstiftung Esslingen").await.unwrap();
    c.find(Locator::Css("#kind")).await.unwrap().select_by_value("foundation").await.unwrap();
    c.find(Locator::Css("#municipality-district")).await.unwrap().select_by_value("08116").await.unwrap();
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
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_active_mentor_shows_on_the_coverage_page() {
    let app = spawn_with(Database::Sqlite, Options { static_dir: Some(frontend_dist()), ..Options::default() }).await;
    app.staff_token().await;
    app.import_municipalities("ags,name,kind\n08111000,Stuttgart,Stadtkreis\n08116019,Esslingen am Neckar,Große Kreisstadt\n08116020,Filderstadt,Große Kreisstadt\n").await;
    let browser = Browser::start().await;
    let c = &browser.client;
    sign_in(c, &app).await;

    c.goto(&app.url("/abdeckung")).await.unwrap();
    let count = c.wait().at_most(WAIT).for_element(Locator::Css("#coverage-mentors")).await.unwrap();
    assert_eq!(count.text().await.unwrap(), "0");

    c.goto(&app.url("/personen/neu")).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#given_name")).await.unwrap().send_keys("Emine").await.unwrap();
    c.find(Locator::Css("#family_name")).await.unwrap().send_keys("Esslinger").await.unwrap();
    c.find(Locator::Css("#is-mentor")).await.unwrap().click().await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#mentor-status")).await.unwrap().select_by_value("active").await.unwrap();
    c.find(Locator::Css("#mentor-place-district")).await.unwrap().select_by_value("08116").await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#mentor-place option[value='08116019']")).await.unwrap();
    c.find(Locator::Css("#mentor-place")).await.unwrap().select_by_value("08116019").await.unwrap();
    c.find(Locator::Css("#add-place")).await.unwrap().click().await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::XPath("//ul[@id='mentor-places']/li[contains(., '08116019')]")).await.unwrap();
    c.find(Locator::Css(".checks input[type=checkbox]")).await.unwrap().click().await.unwrap();
    c.find(Locator::Css("form button[type=submit]")).await.unwrap().click().await.unwrap();

    c.wait().at_most(WAIT).for_element(Locator::XPath("//h1[contains(., 'Emine Esslinger')]")).await.unwrap();
    let consent = c.find(Locator::Css("#consent-level")).await.unwrap().text().await.unwrap();
    assert_eq!(consent, "keine Veröffentlichung", "no consent until it is given deliberately");

    c.goto(&app.url("/abdeckung")).await.unwrap();
    let count = c.wait().at_most(WAIT).for_element(Locator::Css("#coverage-mentors")).await.unwrap();
    assert_eq!(count.text().await.unwrap(), "1");
    c.find(Locator::Css("g[data-district='08116'] rect")).await.unwrap().click().await.unwrap();
    let row = c.wait().at_most(WAIT).for_element(Locator::XPath("//table[@id='coverage-municipalities']//tr[contains(., 'Esslingen am Neckar')]")).await.unwrap();
    assert!(row.text().await.unwrap().contains('1'));
    let spot = c.find(Locator::XPath("//table[@id='coverage-municipalities']//tr[contains(., 'Filderstadt')]")).await.unwrap();
    assert_eq!(spot.attr("class").await.unwrap().as_deref(), Some("white-spot"));
    browser.close().await;
    app.stop().await;
}
