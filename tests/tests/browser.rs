//! The web app in headless Chromium against the real server.

use fantoccini::Locator;
use tests::browser::{open_from_menu, sign_in, sign_in_as, spawn_with_web_app, Browser, WAIT};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_sign_in_create_an_organisation_and_find_it_in_the_list() {
    let app = spawn_with_web_app().await;
    app.staff_token().await;
    app.import_municipalities("ags,name,kind\n08111000,Stuttgart,Stadtkreis\n08116019,Esslingen am Neckar,Große Kreisstadt\n").await;
    let browser = Browser::start().await;
    let c = &browser.client;

    sign_in(c, &app).await;
    c.goto(&app.url("/organisationen")).await.unwrap();
    // Signed in, the list offers "Neue Organisation".
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::LinkText("Neue Organisation"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let name = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#name"))
        .await
        .unwrap();
    // A submit without a name shows the server's message at the field.
    c.find(Locator::Css("form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let message = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#name-error"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(message.contains("nicht leer"), "{message}");
    // Switched to English, the same answer reads in English (the UI translates its code) …
    let switch = |label: &'static str| async move {
        c.find(Locator::XPath(&format!(
            "//button[normalize-space()='{label}']"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    };
    switch("English").await;
    let english = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            "//div[@id='name-error'][contains(., 'Please fill in this field')]",
        ))
        .await;
    assert!(english.is_ok(), "no English field error");
    let summary = c
        .find(Locator::Css("[role=alert]"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(summary, "Please check the marked fields.");
    // … and back in German.
    switch("Deutsch").await;
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            "//div[@id='name-error'][contains(., 'nicht leer')]",
        ))
        .await
        .unwrap();

    name.send_keys("Bürgerstiftung Esslingen").await.unwrap();
    c.find(Locator::Css("#kind"))
        .await
        .unwrap()
        .select_by_value("foundation")
        .await
        .unwrap();
    c.find(Locator::Css("#municipality-district"))
        .await
        .unwrap()
        .select_by_value("08116")
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#municipality option[value='08116019']"))
        .await
        .unwrap();
    c.find(Locator::Css("#municipality"))
        .await
        .unwrap()
        .select_by_value("08116019")
        .await
        .unwrap();
    c.find(Locator::Css("form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();

    // The detail page of the new organisation …
    let heading = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            "//h1[contains(., 'Bürgerstiftung Esslingen')]",
        ))
        .await
        .unwrap();
    assert_eq!(heading.text().await.unwrap(), "Bürgerstiftung Esslingen");
    // … and the list shows it with its municipality.
    c.find(Locator::LinkText("← Partnerorganisationen"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let row = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            "//table[@id='organisations']//tr[contains(., 'Bürgerstiftung Esslingen')]",
        ))
        .await
        .unwrap();
    let text = row.text().await.unwrap();
    assert!(
        text.contains("Esslingen am Neckar") && text.contains("Stiftung"),
        "{text}"
    );

    // Filters live in the address: after opening a record, Back shows the same filtered list.
    c.find(Locator::Css("#org-kind-filter"))
        .await
        .unwrap()
        .select_by_value("foundation")
        .await
        .unwrap();
    c.find(Locator::Css("#org-search"))
        .await
        .unwrap()
        .send_keys("stiftung")
        .await
        .unwrap();
    let mut address = String::new();
    for _ in 0..50 {
        address = c.current_url().await.unwrap().to_string();
        if address.contains("q=stiftung") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        address.contains("q=stiftung") && address.contains("kind=foundation"),
        "{address}"
    );
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::LinkText("Bürgerstiftung Esslingen"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            "//h1[contains(., 'Bürgerstiftung Esslingen')]",
        ))
        .await
        .unwrap();
    c.back().await.unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            "//table[@id='organisations']//tr[contains(., 'Bürgerstiftung Esslingen')]",
        ))
        .await
        .unwrap();
    let search = c.find(Locator::Css("#org-search")).await.unwrap();
    assert_eq!(
        search.prop("value").await.unwrap().as_deref(),
        Some("stiftung")
    );
    let kind = c.find(Locator::Css("#org-kind-filter")).await.unwrap();
    assert_eq!(
        kind.prop("value").await.unwrap().as_deref(),
        Some("foundation")
    );

    // The server agrees.
    let listed = app.get("/api/v1/organisations?q=stiftung").await.json();
    assert_eq!(listed["total"], 1);
    assert_eq!(listed["items"][0]["municipality"]["ags"], "08116019");

    // Signing out in the app ends the session on the server: the token it held is worthless.
    let stored = c
        .execute("return localStorage.getItem('mentorat.session')", vec![])
        .await
        .unwrap();
    let stored: serde_json::Value =
        serde_json::from_str(stored.as_str().expect("a stored session")).unwrap();
    let token = stored["token"].as_str().unwrap().to_owned();
    assert_eq!(
        app.call(tests::Method::GET, "/api/v1/auth/me", &token, None)
            .await
            .status,
        tests::StatusCode::OK
    );
    c.find(Locator::XPath("//button[normalize-space()='Abmelden']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::LinkText("Anmelden"))
        .await
        .unwrap();
    let mut revoked = false;
    for _ in 0..50 {
        if app
            .call(tests::Method::GET, "/api/v1/auth/me", &token, None)
            .await
            .status
            == tests::StatusCode::UNAUTHORIZED
        {
            revoked = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(revoked, "the token still works after signing out");
    browser.close().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_active_mentor_shows_on_the_coverage_page() {
    let app = spawn_with_web_app().await;
    app.staff_token().await;
    app.import_municipalities("ags,name,kind\n08111000,Stuttgart,Stadtkreis\n08116019,Esslingen am Neckar,Große Kreisstadt\n08116020,Filderstadt,Große Kreisstadt\n").await;
    let browser = Browser::start().await;
    let c = &browser.client;
    sign_in(c, &app).await;

    c.goto(&app.url("/abdeckung")).await.unwrap();
    let count = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#coverage-mentors"))
        .await
        .unwrap();
    assert_eq!(count.text().await.unwrap(), "0");

    c.goto(&app.url("/personen/neu")).await.unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#given_name"))
        .await
        .unwrap()
        .send_keys("Emine")
        .await
        .unwrap();
    c.find(Locator::Css("#family_name"))
        .await
        .unwrap()
        .send_keys("Esslinger")
        .await
        .unwrap();
    c.find(Locator::Css("#is-mentor"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#mentor-status"))
        .await
        .unwrap()
        .select_by_value("active")
        .await
        .unwrap();
    c.find(Locator::Css("#mentor-place-district"))
        .await
        .unwrap()
        .select_by_value("08116")
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#mentor-place option[value='08116019']"))
        .await
        .unwrap();
    c.find(Locator::Css("#mentor-place"))
        .await
        .unwrap()
        .select_by_value("08116019")
        .await
        .unwrap();
    c.find(Locator::Css("#add-place"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            // Named with its district, not by its key (08116019).
            "//ul[@id='mentor-places']/li[contains(., 'Esslingen am Neckar (Landkreis Esslingen)')]",
        ))
        .await
        .unwrap();
    c.find(Locator::Css(".checks input[type=checkbox]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.find(Locator::Css("form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();

    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath("//h1[contains(., 'Emine Esslinger')]"))
        .await
        .unwrap();
    let consent = c
        .find(Locator::Css("#consent-level"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        consent, "keine Veröffentlichung",
        "no consent until it is given deliberately"
    );

    c.goto(&app.url("/abdeckung")).await.unwrap();
    let count = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#coverage-mentors"))
        .await
        .unwrap();
    assert_eq!(count.text().await.unwrap(), "1");
    c.find(Locator::Css("g[data-district='08116'] rect"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let row = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            "//table[@id='coverage-municipalities']//tr[contains(., 'Esslingen am Neckar')]",
        ))
        .await
        .unwrap();
    assert!(row.text().await.unwrap().contains('1'));
    let spot = c
        .find(Locator::XPath(
            "//table[@id='coverage-municipalities']//tr[contains(., 'Filderstadt')]",
        ))
        .await
        .unwrap();
    assert_eq!(
        spot.attr("class").await.unwrap().as_deref(),
        Some("white-spot")
    );

    // The public preview's CSV button gives the whole listing, not the page on screen.
    app.seed_mentors(300).await;
    c.goto(&app.url("/oeffentlich")).await.unwrap();
    let button = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#public-csv"))
        .await
        .unwrap();
    let href = button
        .attr("href")
        .await
        .unwrap()
        .expect("the button links the CSV");
    assert!(!href.contains("limit"), "{href}");
    let csv = app.get(&href).await;
    let total = app.get("/api/v1/public/mentors?limit=1").await.json()["total"]
        .as_u64()
        .unwrap();
    assert!(total > 100, "more than the preview shows: {total}");
    let rows = csv.text.trim_end().split("\r\n").count() as u64;
    assert_eq!(
        rows,
        total + 1,
        "a header and a row for every listed mentor"
    );

    // A name typed without its accents finds its mentors; the count is said, and the CSV
    // button follows the search.
    let family = app.get("/api/v1/public/mentors?limit=1").await.json()["items"][0]["family_name"]
        .as_str()
        .unwrap()
        .to_owned();
    let typed: String = family
        .chars()
        .map(|ch| match ch {
            'ä' => 'a',
            'ö' => 'o',
            'ü' => 'u',
            c => c,
        })
        .collect::<String>()
        .to_uppercase();
    let matching = app
        .get(&format!("/api/v1/public/mentors?limit=1&q={}", typed))
        .await
        .json()["total"]
        .as_u64()
        .unwrap();
    assert!(matching > 0 && matching < total, "{typed}: {matching}");
    c.find(Locator::Css("#public-name"))
        .await
        .unwrap()
        .send_keys(&typed)
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&format!(
            "//*[@id='public-count'][normalize-space()='{matching} Einträge']"
        )))
        .await
        .unwrap();
    let names = c
        .find(Locator::Css("#public-mentors"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(names.contains(&family), "{names}");
    let href = c
        .find(Locator::Css("#public-csv"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    assert!(href.contains("q="), "{href}");
    // A name no one has is answered as such, not as an empty listing.
    c.find(Locator::Css("#public-name"))
        .await
        .unwrap()
        .send_keys("xq")
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            "//p[@class='empty'][starts-with(., 'Niemand mit diesem Namen')]",
        ))
        .await
        .unwrap();
    browser.close().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_fill_in_attendance_for_a_session_and_issue_the_certificate() {
    use serde_json::json;
    use tests::Method;
    let app = spawn_with_web_app().await;
    let token = app.staff_token().await;
    let id = open_evening_course(&app, &token, &["2026-10-06", "2026-10-13"]).await;
    let mut enrolments = Vec::new();
    for (given, family) in [("Aylin", "Demir"), ("Bernd", "Schäfer")] {
        let person = new_person(&app, &token, given, family).await;
        enrolments.push(enrol(&app, &token, id, person).await);
    }
    let browser = Browser::start().await;
    let c = &browser.client;
    sign_in(c, &app).await;

    // From the course list to the course page and on to the attendance.
    c.goto(&app.url("/kurse")).await.unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::LinkText("Mentorenkurs Nürtingen"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            "//table[@id='participants']//tr[contains(., 'Demir, Aylin')]",
        ))
        .await
        .unwrap();
    c.find(Locator::LinkText("Anwesenheit erfassen"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();

    // The first evening: everyone present, then Bernd only partly, for 1,5 hours.
    let session = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#attendance-session"))
        .await
        .unwrap();
    session.select_by_index(0).await.unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css(&format!("#mark-{}", enrolments[1])))
        .await
        .unwrap();
    c.find(Locator::Css("#all-present"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.find(Locator::Css(&format!("#mark-{}", enrolments[1])))
        .await
        .unwrap()
        .select_by_value("partial")
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css(&format!("#hours-{}", enrolments[1])))
        .await
        .unwrap()
        .send_keys("1,5")
        .await
        .unwrap();
    c.find(Locator::Css("#save-attendance"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            "//*[@role='status'][contains(., 'Anwesenheit gespeichert')]",
        ))
        .await
        .unwrap();

    let total = |enrolment: i64| {
        format!("//table[@id='attendance-grid']//tr[@data-enrolment='{enrolment}']/td[contains(@class, 'total')]")
    };
    let wait_total = |enrolment: i64, expected: &'static str| {
        let xpath = format!(
            "{}[starts-with(normalize-space(), '{expected}')]",
            total(enrolment)
        );
        async move {
            c.wait()
                .at_most(WAIT)
                .for_element(Locator::XPath(&xpath))
                .await
                .unwrap_or_else(|e| panic!("no total {expected}: {e}"))
        }
    };
    wait_total(enrolments[0], "3 / 6").await;
    wait_total(enrolments[1], "1,5 / 6").await;

    // The second evening: everyone there; Aylin reaches the six hours.
    c.find(Locator::Css("#attendance-session"))
        .await
        .unwrap()
        .select_by_index(1)
        .await
        .unwrap();
    c.find(Locator::Css("#all-present"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.find(Locator::Css("#save-attendance"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let reached = wait_total(enrolments[0], "6 / 6").await;
    assert!(reached
        .attr("class")
        .await
        .unwrap()
        .unwrap_or_default()
        .contains("reached"));
    wait_total(enrolments[1], "4,5 / 6").await;

    // The server agrees.
    let grid = app
        .call(
            Method::GET,
            &format!("/api/v1/courses/{id}/attendance"),
            &token,
            None,
        )
        .await
        .json();
    let row = |e: i64| {
        grid["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["enrolment_id"] == e)
            .unwrap()
            .clone()
    };
    assert_eq!(
        (
            row(enrolments[0])["total_hours"].as_f64(),
            row(enrolments[0])["reached"].as_bool()
        ),
        (Some(6.0), Some(true))
    );
    assert_eq!(
        row(enrolments[1])["sessions"][0],
        json!({ "status": "partial", "hours": 1.5 })
    );

    // Once the course is completed, the certificate is issued from the course page.
    let running = app
        .call(
            Method::PUT,
            &format!("/api/v1/courses/{id}/status"),
            &token,
            Some(json!({ "status": "running" })),
        )
        .await;
    assert_eq!(running.status, tests::StatusCode::OK, "{}", running.text);
    // Completed on the course page: two evenings a week apart are far from three months, so the
    // page asks for the reason, which is kept with the course.
    c.goto(&app.url(&format!("/kurse/{id}"))).await.unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("button[data-status='completed']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#completion-reason #reason"))
        .await
        .unwrap()
        .send_keys("Verkürzter Pilotkurs")
        .await
        .unwrap();
    c.find(Locator::Css("#completion-reason button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            "//p[contains(., 'Abgeschlossen am') and contains(., 'Verkürzter Pilotkurs')]",
        ))
        .await
        .unwrap();
    let completed = app.get(&format!("/api/v1/courses/{id}")).await.json();
    assert_eq!(completed["status"], "completed");
    assert_eq!(completed["completion_reason"], "Verkürzter Pilotkurs");
    let aylin = format!(
        "//table[@id='participants']//tr[@data-enrolment='{}']",
        enrolments[0]
    );
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&format!(
            "{aylin}//button[.='Zertifikat ausstellen']"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let serial = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&format!("{aylin}//td[contains(., 'MfB-')]")))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let bernd = format!(
        "//table[@id='participants']//tr[@data-enrolment='{}']",
        enrolments[1]
    );
    assert!(
        c.find(Locator::XPath(&format!(
            "{bernd}//button[.='Zertifikat ausstellen']"
        )))
        .await
        .is_err(),
        "4,5 of 6 hours earn no certificate"
    );
    let issued = app
        .call(
            Method::GET,
            &format!("/api/v1/courses/{id}/certificates"),
            &token,
            None,
        )
        .await
        .json();
    assert!(
        serial.contains(issued[0]["serial"].as_str().unwrap()),
        "{serial}"
    );

    // The accompaniment year starts with the completion: a meeting with Aylin is recorded.
    let completed_on = completed["completed_on"].as_str().unwrap().to_owned();
    c.execute(
        "const e = document.getElementById('meeting-date'); e.value = arguments[0]; \
         e.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![serde_json::json!(completed_on)],
    )
    .await
    .unwrap();
    c.find(Locator::Css("#meeting-topic"))
        .await
        .unwrap()
        .send_keys("Erste Projekte im Quartier")
        .await
        .unwrap();
    c.find(Locator::Css(&format!("#attendee-{}", enrolments[0])))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.find(Locator::XPath(
        "//form[@id='accompaniment-form']//button[@type='submit']",
    ))
    .await
    .unwrap()
    .click()
    .await
    .unwrap();
    let meeting = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            "//table[@id='accompaniment-meetings']//tr[td[.='Erste Projekte im Quartier']]",
        ))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(meeting.contains("Aylin"), "{meeting}");

    // Revoked from the course page with a reason; the public check then says so, with the date
    // and without the reason.
    c.find(Locator::XPath(&format!("{aylin}//button[.='Widerrufen']")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.send_alert_text("Stunden falsch erfasst").await.unwrap();
    c.accept_alert().await.unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&format!(
            "{aylin}//td[contains(., 'widerrufen am')]"
        )))
        .await
        .unwrap();
    let code = issued[0]["verification_code"].as_str().unwrap();
    c.goto(&app.url(&format!("/pruefen/{code}"))).await.unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            "//div[@id='verification-result']//strong[contains(., 'widerrufen')]",
        ))
        .await
        .unwrap();
    let page = c
        .find(Locator::Css("#verification-result"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !page.contains("Stunden falsch"),
        "the reason stays private: {page}"
    );
    browser.close().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_invites_a_coordinator_who_then_sees_only_the_own_district() {
    use serde_json::json;
    use tests::Method;
    let app = spawn_with_web_app().await;
    app.import_municipalities("ags,name,kind\n08111000,Stuttgart,Stadtkreis\n08116019,Esslingen am Neckar,Große Kreisstadt\n").await;
    let staff = app.staff_token().await;
    app.admin_token().await;
    for (given, ags) in [("Elif", "08116019"), ("Sven", "08111000")] {
        let body = json!({ "given_name": given, "family_name": "Muster", "municipality": ags, "mentor": { "status": "active", "municipalities": [ags] } });
        assert_eq!(
            app.call(Method::POST, "/api/v1/people", &staff, Some(body))
                .await
                .status,
            tests::StatusCode::CREATED
        );
    }
    let browser = Browser::start().await;
    let c = &browser.client;
    sign_in_as(c, &app, "admin@mentorat.example").await;

    open_from_menu(c, "Verwaltung", "Konten und Rollen").await;
    // An API client for the municipal portal: the secret is shown once and works.
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::LinkText("API-Clients"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#client-form #name"))
        .await
        .unwrap()
        .send_keys("Gemeindeportal")
        .await
        .unwrap();
    c.find(Locator::XPath(
        "//form[@id='client-form']//label[contains(., 'mentors:read')]/input",
    ))
    .await
    .unwrap()
    .click()
    .await
    .unwrap();
    c.find(Locator::Css("#client-form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let id = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#client-id"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let secret = c
        .find(Locator::Css("#client-secret"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", id.trim_start_matches("client_id=")),
        ("client_secret", secret.trim_start_matches("client_secret=")),
    ];
    let token = app
        .send(app.client.post(app.url("/api/v1/oauth/token")).form(&form))
        .await;
    assert_eq!(token.status, tests::StatusCode::OK, "{}", token.text);
    assert_eq!(token.json()["scope"], "mentors:read");
    open_from_menu(c, "Verwaltung", "Konten und Rollen").await;
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#invite-form #email"))
        .await
        .unwrap()
        .send_keys("koordination@esslingen.example")
        .await
        .unwrap();
    c.find(Locator::Css("#invite-form #display_name"))
        .await
        .unwrap()
        .send_keys("Koordination Esslingen")
        .await
        .unwrap();
    c.find(Locator::Css("#invite-role"))
        .await
        .unwrap()
        .select_by_value("coordinator")
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#invite-form #areas"))
        .await
        .unwrap()
        .send_keys("08116")
        .await
        .unwrap();
    c.find(Locator::Css("#invite-form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let link = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#invitation-link"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = link.rsplit('/').next().unwrap().to_owned();

    // The staff account becomes a coordinator for Stuttgart.
    let row = "//table[@id='accounts']//tr[contains(., 'mitarbeiterin@mentorat.example')]";
    c.find(Locator::XPath(&format!("{row}//button[.='Zugang ändern']")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#access-form #invite-role"))
        .await
        .unwrap()
        .select_by_value("coordinator")
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#access-form #areas"))
        .await
        .unwrap()
        .send_keys("08111")
        .await
        .unwrap();
    c.find(Locator::Css("#access-form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&format!("{row}/td[contains(., '08111')]")))
        .await
        .unwrap();
    let admin = app.admin_token().await;
    let accounts = app
        .call(Method::GET, "/api/v1/accounts", &admin, None)
        .await
        .json();
    let changed = accounts
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["email"] == "mitarbeiterin@mentorat.example")
        .unwrap();
    assert_eq!(
        (changed["role"].as_str(), changed["areas"].clone()),
        (Some("coordinator"), json!(["08111"]))
    );

    // The invited person opens the link (signed out), chooses a password and is signed in.
    c.find(Locator::XPath("//button[normalize-space()='Abmelden']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::LinkText("Anmelden"))
        .await
        .unwrap();
    c.goto(&app.url(&format!("/einladung/{token}")))
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            "//p[contains(., 'koordination@esslingen.example')]",
        ))
        .await
        .unwrap();
    c.find(Locator::Css("#password"))
        .await
        .unwrap()
        .send_keys("koordinations-passwort")
        .await
        .unwrap();
    c.find(Locator::Css("form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath("//a[contains(., 'Koordination Esslingen')]"))
        .await
        .unwrap();
    // No administration for a coordinator; the mentor list holds only the own district.
    assert!(c
        .find(Locator::XPath(
            "//nav//button[starts-with(normalize-space(), 'Verwaltung')]"
        ))
        .await
        .is_err());
    c.find(Locator::LinkText("Personen"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath("//table//a[contains(., 'Muster, Elif')]"))
        .await
        .unwrap();
    assert!(
        c.find(Locator::XPath("//table//a[contains(., 'Sven')]"))
            .await
            .is_err(),
        "a mentor of another district is listed"
    );
    browser.close().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mentor_keeps_the_own_details_and_consent() {
    use serde_json::json;
    use tests::Method;
    let app = spawn_with_web_app().await;
    app.import_municipalities("ags,name,kind\n08116019,Esslingen am Neckar,Große Kreisstadt\n")
        .await;
    let staff = app.staff_token().await;
    let admin = app.admin_token().await;
    let body = json!({ "given_name": "Mara", "family_name": "Muster", "municipality": "08116019", "mentor": { "status": "active", "municipalities": ["08116019"] } });
    let person = app
        .call(Method::POST, "/api/v1/people", &staff, Some(body))
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    app.invite_and_accept(
        &admin,
        json!({ "email": "mara@example.org", "display_name": "Mara", "role": "mentor", "person_id": person }),
    )
    .await;

    let browser = Browser::start().await;
    let c = &browser.client;
    sign_in_as(c, &app, "mara@example.org").await;
    c.find(Locator::XPath("//a[contains(., 'Mara')]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let availability = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#my-profile [name='mentor.availability']"))
        .await
        .unwrap();
    availability.send_keys("dienstags abends").await.unwrap();
    c.find(Locator::Css("#my-profile button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            "//*[@role='status'][contains(., 'Angaben sind gespeichert')]",
        ))
        .await
        .unwrap();
    c.find(Locator::Css("#my-consent input[value='contact']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.find(Locator::Css("#my-consent button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            "//*[@role='status'][contains(., 'Einwilligung ist gespeichert')]",
        ))
        .await
        .unwrap();

    let stored = app
        .call(
            Method::GET,
            &format!("/api/v1/people/{person}"),
            &staff,
            None,
        )
        .await
        .json();
    assert_eq!(stored["mentor"]["availability"], "dienstags abends");
    assert_eq!(stored["mentor"]["consent"]["level"], "contact");
    assert_eq!(
        stored["mentor"]["status"], "active",
        "the status stays with the education provider"
    );
    browser.close().await;
    app.stop().await;
}

/// Staff read the programme report for a year and a quarter, with the period in the address.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_read_the_programme_report_by_year_and_quarter() {
    let app = spawn_with_web_app().await;
    app.staff_token().await;
    // One course in Esslingen, held in May 2026 (second quarter).
    app.execute_sql(
        "INSERT INTO courses (id, kind, title, status, municipality_ags, required_hours, capacity, completed_on, created_at, updated_at)
           VALUES (9101, 'mentor_course', 'Esslingen 2026', 'completed', '08116019', 3, 10, '2026-05-20', '2026-01-01 00:00:00', '2026-01-01 00:00:00');
         INSERT INTO course_sessions (id, course_id, session_date, start_time, end_time)
           VALUES (9201, 9101, '2026-05-12', '18:00:00', '21:00:00');",
    )
    .await;
    let browser = Browser::start().await;
    let c = &browser.client;
    sign_in(c, &app).await;

    c.goto(&app.url("/berichte?year=2026")).await.unwrap();
    let row = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            "//table[@id='report-districts']//tr[th[normalize-space()='Esslingen']]",
        ))
        .await
        .unwrap();
    let cells: Vec<String> = {
        let mut texts = Vec::new();
        for cell in row.find_all(Locator::Css("td")).await.unwrap() {
            texts.push(cell.text().await.unwrap());
        }
        texts
    };
    // Planned 1, held 1, cancelled 0, …, hours "3".
    assert_eq!(&cells[..3], ["1", "1", "0"], "{cells:?}");
    assert_eq!(cells[7], "3", "{cells:?}");
    let chart = c
        .find(Locator::Css("figure.chart svg"))
        .await
        .unwrap()
        .attr("aria-label")
        .await
        .unwrap();
    assert_eq!(chart.as_deref(), Some("Durchgeführte Kurse je Kreis"));
    // While the year runs, mentor figures are as of the start of an hour (Berlin time); once it
    // is over, as of its last day.
    let counted = c
        .find(Locator::Css("#report-counted-at"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let moment = counted
        .strip_prefix("Mentorenzahlen: Stand ")
        .unwrap_or_else(|| panic!("{counted}"));
    assert!(
        moment == "31.12.2026" || (moment.len() == 17 && moment.ends_with(":00")),
        "{counted}"
    );

    // The first quarter had no course; the choice is kept in the address.
    c.find(Locator::Css("#report-quarter"))
        .await
        .unwrap()
        .select_by_value("1")
        .await
        .unwrap();
    let started = std::time::Instant::now();
    loop {
        let url = c.current_url().await.unwrap().to_string();
        let held = c
            .find(Locator::XPath(
                "//table[@id='report-districts']//tr[th[normalize-space()='Esslingen']]/td[2]",
            ))
            .await;
        let held = match held {
            Ok(cell) => cell.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        if url.contains("quarter=1") && held == "0" {
            break;
        }
        assert!(
            started.elapsed() < WAIT,
            "Q1 not shown: {url}, held {held:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        c.find(Locator::Css("figure.chart")).await.is_err(),
        "no chart without a course held"
    );
    let counted = c
        .find(Locator::Css("#report-counted-at"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(counted, "Mentorenzahlen: Stand 31.03.2026");
    browser.close().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_set_the_signatory_and_upload_the_logo_of_a_provider() {
    let app = spawn_with_web_app().await;
    let token = app.staff_token().await;
    let provider = app
        .call(
            tests::Method::POST,
            "/api/v1/organisations",
            &token,
            Some(
                serde_json::json!({ "kind": "education_provider", "name": "Bildungswerk Neckar" }),
            ),
        )
        .await
        .json();
    let id = provider["id"].as_i64().unwrap();
    let logo = tempfile::Builder::new().suffix(".svg").tempfile().unwrap();
    std::fs::write(
        logo.path(),
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100"><rect width="300" height="100" fill="#005a9c"/></svg>"##,
    )
    .unwrap();
    let browser = Browser::start().await;
    let c = &browser.client;
    sign_in(c, &app).await;

    c.goto(&app.url(&format!("/organisationen/{id}")))
        .await
        .unwrap();
    let name = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#signatory_name"))
        .await
        .unwrap();
    assert!(c.find(Locator::Css("img.logo-preview")).await.is_err());
    name.send_keys("Dr. Małgorzata Keller").await.unwrap();
    c.find(Locator::Css("#signatory_role"))
        .await
        .unwrap()
        .send_keys("Geschäftsführerin")
        .await
        .unwrap();
    c.find(Locator::Css(
        "#certificate-profile ~ form button[type=submit]",
    ))
    .await
    .unwrap()
    .click()
    .await
    .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            "//div[@role='status'][normalize-space()='Gespeichert.']",
        ))
        .await
        .unwrap();
    // The file goes up as it is chosen; the preview shows the rendered logo.
    c.find(Locator::Css("#logo-file"))
        .await
        .unwrap()
        .send_keys(logo.path().to_str().unwrap())
        .await
        .unwrap();
    let preview = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("img.logo-preview"))
        .await
        .unwrap();
    assert_eq!(
        preview.attr("alt").await.unwrap().as_deref(),
        Some("Logo des Bildungsträgers")
    );
    let started = std::time::Instant::now();
    loop {
        let width = c
            .execute(
                "return document.querySelector('img.logo-preview').naturalWidth",
                vec![],
            )
            .await
            .unwrap();
        if width.as_u64().unwrap_or(0) == 1200 {
            break;
        }
        assert!(started.elapsed() < WAIT, "preview not rendered: {width}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // What the page showed is what the server keeps.
    let profile = app
        .call(
            tests::Method::GET,
            &format!("/api/v1/organisations/{id}/certificate-profile"),
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(profile["signatory_name"], "Dr. Małgorzata Keller");
    assert_eq!(profile["signatory_role"], "Geschäftsführerin");
    assert_eq!(profile["logo_media_type"], "image/svg+xml");
    browser.close().await;
    app.stop().await;
}

/// Whether the page is wider than the window, i.e. scrolls sideways.
async fn scrolls_sideways(c: &fantoccini::Client) -> (bool, String) {
    let widths = c
        .execute(
            "return [document.documentElement.scrollWidth, window.innerWidth];",
            vec![],
        )
        .await
        .unwrap();
    let (page, window) = (widths[0].as_i64().unwrap(), widths[1].as_i64().unwrap());
    (
        page > window,
        format!("page {page} px in a {window} px window"),
    )
}

/// A citizen on a phone, not signed in, finds an open course by district and month and reads
/// what it is, when it meets (an undated session "to be agreed"), the free places and whom to
/// ask, on pages that do not scroll sideways.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_on_a_phone_finds_an_open_course_registers_and_confirms() {
    use chrono::{Datelike, Months};
    use serde_json::json;
    use tests::Method;
    let app = spawn_with_web_app().await;
    let token = app.staff_token().await;
    let planned = tests::fixtures::plan_course(&app, &token, "mentor_course", 7.0).await;
    let id = &planned.id;
    let next_month = chrono::Utc::now()
        .date_naive()
        .with_day(12)
        .unwrap()
        .checked_add_months(Months::new(1))
        .unwrap();
    let month = format!("{}-{:02}", next_month.year(), next_month.month());
    for session in [
        json!({ "date": next_month, "start": "18:00:00", "end": "21:30:00" }),
        json!({}),
    ] {
        let reply = app
            .call(
                Method::POST,
                &format!("/api/v1/courses/{id}/sessions"),
                &token,
                Some(session),
            )
            .await;
        assert_eq!(reply.status, tests::StatusCode::CREATED, "{}", reply.text);
    }
    tests::fixtures::set_status(&app, &token, id, &["registration_open"]).await;

    let browser = Browser::start().await;
    let c = &browser.client;
    c.set_window_size(390, 844).await.unwrap();
    c.goto(&app.url("/")).await.unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::LinkText(
            "Mentorin oder Mentor werden: offene Kurse finden",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#finder-district option[value='08116']"))
        .await
        .unwrap();
    c.find(Locator::Css("#finder-district"))
        .await
        .unwrap()
        .select_by_value("08116")
        .await
        .unwrap();
    c.find(Locator::Css("#finder-month"))
        .await
        .unwrap()
        .select_by_value(&month)
        .await
        .unwrap();
    let card = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            "//ul[@id='finder-courses']/li[.//a[normalize-space()='Bürgermentoren Esslingen']]",
        ))
        .await
        .unwrap();
    let url = c.current_url().await.unwrap().to_string();
    assert!(
        url.contains("district=08116") && url.contains(&format!("month={month}")),
        "the choice is in the address: {url}"
    );
    let text = card.text().await.unwrap();
    for expected in [
        "Mentorenkurs",
        "10.01.2026 – ",
        "Esslingen am Neckar",
        "10 Plätze frei",
        "Petra Beispiel",
    ] {
        assert!(text.contains(expected), "{expected:?} in the card: {text}");
    }
    let (wide, widths) = scrolls_sideways(c).await;
    assert!(!wide, "the course list: {widths}");
    // The phone received the web app compressed: the wasm module as sent and as unpacked.
    let sizes = c
        .execute(
            "const e = performance.getEntriesByType('resource').find(r => r.name.endsWith('.wasm')); \
             return [e.encodedBodySize, e.decodedBodySize];",
            vec![],
        )
        .await
        .unwrap();
    let (sent, unpacked) = (sizes[0].as_i64().unwrap(), sizes[1].as_i64().unwrap());
    assert!(
        sent > 0 && sent * 3 < unpacked,
        "the wasm module went out with {sent} bytes for {unpacked}"
    );

    card.find(Locator::LinkText("Details und Anmeldung"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let sessions = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#open-course-sessions"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(sessions.contains("10.01.2026 · 18:00–21:30"), "{sessions}");
    assert!(
        sessions.contains("Termin wird mit den Teilnehmenden abgestimmt"),
        "{sessions}"
    );
    let page = c
        .find(Locator::Css("main"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for expected in [
        "Worum es geht",
        "Wozu der Kurs führt",
        "Rolle und Haltung",
        "So melden Sie sich an",
        "Paritätisches Bildungswerk",
    ] {
        assert!(page.contains(expected), "{expected:?} on the page: {page}");
    }
    let mail = c
        .find(Locator::Css("#open-course-contact a[href^='mailto:']"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap();
    assert_eq!(mail.as_deref(), Some("mailto:kurse@bildungswerk.example"));
    let (wide, widths) = scrolls_sideways(c).await;
    assert!(!wide, "the course page: {widths}");

    // She registers with the form below, on the phone.
    let send = |id: &'static str, text: &'static str| async move {
        c.find(Locator::Id(id))
            .await
            .unwrap()
            .send_keys(text)
            .await
            .unwrap();
    };
    send("given_name", "Ayşe").await;
    send("family_name", "Yılmaz").await;
    send("email", "ayse@example.de").await;
    c.find(Locator::Css("#municipality-district"))
        .await
        .unwrap()
        .select_by_value("08116")
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#municipality option[value='08116019']"))
        .await
        .unwrap();
    c.find(Locator::Css("#municipality"))
        .await
        .unwrap()
        .select_by_value("08116019")
        .await
        .unwrap();
    send(
        "motivation",
        "Ich möchte Vereine und Schulen zusammenbringen.",
    )
    .await;
    let submit = c
        .find(Locator::XPath(
            "//button[normalize-space()='Anmeldung absenden']",
        ))
        .await
        .unwrap();
    // Without consent the form says so next to the box, and nothing is stored.
    submit.click().await.unwrap();
    let missing = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#consent-error"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(missing.contains("Einwilligung"), "{missing}");
    c.find(Locator::Id("consent"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    submit.click().await.unwrap();
    let sent = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#registration-sent"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        sent.contains("Bitte bestätigen Sie Ihre Anmeldung"),
        "{sent}"
    );

    // The link from her mail (read from the outbox here; the API tests read a real SMTP
    // server) opens the confirmation page.
    let admin = app.admin_token().await;
    let outbox = app
        .call(Method::GET, "/api/v1/outbox", &admin, None)
        .await
        .json();
    let link = tests::tools::link_in(
        outbox[0]["body"].as_str().unwrap(),
        "https://mentorat.example/anmeldung/bestaetigen/",
    )
    .unwrap()
    .replace("https://mentorat.example", "");
    c.goto(&app.url(&link)).await.unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Id("confirm-registration"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let state = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Id("registration-state"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        state.contains("Platz bestätigt") && state.contains("Bürgermentoren Esslingen"),
        "{state}"
    );
    let (wide, widths) = scrolls_sideways(c).await;
    assert!(!wide, "the confirmation page: {widths}");

    // Her personal link shows the place and withdraws it, after asking.
    c.find(Locator::LinkText("Meine Anmeldung"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Id("withdraw"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Id("withdraw-yes"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let state = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            "//*[@id='registration-state'][contains(., 'zurückgezogen')]",
        ))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(state.contains("Bürgermentoren Esslingen"), "{state}");
    let (wide, widths) = scrolls_sideways(c).await;
    assert!(!wide, "the personal page: {widths}");

    // The administration sees the three mails in the outbox (no SMTP server here), and staff
    // find no registration to check: hers matched nobody.
    sign_in_as(c, &app, "admin@mentorat.example").await;
    c.goto(&app.url("/verwaltung/post")).await.unwrap();
    let outbox = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#outbox"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for subject in [
        "Bitte bestätigen Sie Ihre Anmeldung: Bürgermentoren Esslingen",
        "Platz bestätigt: Bürgermentoren Esslingen",
        "Anmeldung zurückgezogen: Bürgermentoren Esslingen",
    ] {
        assert!(outbox.contains(subject), "{subject:?} in {outbox}");
    }
    assert!(outbox.contains("im Postausgang"), "{outbox}");
    let (wide, widths) = scrolls_sideways(c).await;
    assert!(!wide, "the outbox: {widths}");
    c.goto(&app.url("/kurse/anmeldungen-pruefen"))
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            "//p[normalize-space()='Keine Anmeldung wartet auf eine Prüfung.']",
        ))
        .await
        .unwrap();
    browser.close().await;
    app.stop().await;
}

/// A tandem applies on a phone for a Mentorentrainerkurs, both partners confirm with their own
/// links, and staff accept the application: the tandem's local course appears as a draft naming
/// the trainer course, and the professional's record shows the training "in Ausbildung".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tandem_applies_on_a_phone_and_staff_accept_it() {
    use serde_json::json;
    use tests::Method;
    let app = spawn_with_web_app().await;
    let token = app.staff_token().await;
    let planned = tests::fixtures::plan_course(&app, &token, "trainer_course", 7.0).await;
    tests::fixtures::set_status(&app, &token, &planned.id, &["registration_open"]).await;

    let browser = Browser::start().await;
    let c = &browser.client;
    c.set_window_size(390, 844).await.unwrap();
    c.goto(&app.url(&format!("/kurs-finden/{}", planned.id)))
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#tandem-form"))
        .await
        .unwrap();
    let send = |id: &'static str, text: &'static str| async move {
        c.find(Locator::Id(id))
            .await
            .unwrap()
            .send_keys(text)
            .await
            .unwrap();
    };
    send("professional-given_name", "Petra").await;
    send("professional-family_name", "Keller").await;
    send("professional-email", "petra@example.de").await;
    send("employer", "Stadt Esslingen am Neckar").await;
    send("citizen-given_name", "Bernd").await;
    send("citizen-family_name", "Maier").await;
    send("citizen-email", "bernd@example.de").await;
    c.find(Locator::Css("#municipality-district"))
        .await
        .unwrap()
        .select_by_value("08116")
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#municipality option[value='08116019']"))
        .await
        .unwrap();
    c.find(Locator::Css("#municipality"))
        .await
        .unwrap()
        .select_by_value("08116019")
        .await
        .unwrap();
    let today = chrono::Local::now().date_naive();
    for (id, days) in [("planned_start", 60), ("planned_end", 150)] {
        c.execute(
            "const e = document.getElementById(arguments[0]); e.value = arguments[1]; \
             e.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![
                json!(id),
                json!((today + chrono::Days::new(days)).to_string()),
            ],
        )
        .await
        .unwrap();
    }
    send("venue", "Bürgerhaus Esslingen").await;
    let submit = c
        .find(Locator::XPath(
            "//button[normalize-space()='Bewerbung absenden']",
        ))
        .await
        .unwrap();
    submit.click().await.unwrap();
    let missing = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#consent-error"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(missing.contains("Einwilligung"), "{missing}");
    let (wide, widths) = scrolls_sideways(c).await;
    assert!(!wide, "the application form: {widths}");
    c.find(Locator::Id("consent"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    submit.click().await.unwrap();
    let sent = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#tandem-sent"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(sent.contains("Bitte bestätigen Sie beide"), "{sent}");

    // Each partner's link from the outbox (no SMTP server here) opens the confirmation page.
    let admin = app.admin_token().await;
    let outbox = app
        .call(Method::GET, "/api/v1/outbox", &admin, None)
        .await
        .json();
    let link_to = |to: &str| {
        let mail = outbox
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["recipient"] == to)
            .unwrap_or_else(|| panic!("a mail to {to}: {outbox}"));
        tests::tools::link_in(
            mail["body"].as_str().unwrap(),
            "https://mentorat.example/tandem/bestaetigen/",
        )
        .unwrap()
        .replace("https://mentorat.example", "")
    };
    for (to, expected) in [
        (
            "petra@example.de",
            "Es fehlt noch die Bestätigung von Bernd Maier",
        ),
        ("bernd@example.de", "Sie haben beide bestätigt"),
    ] {
        c.goto(&app.url(&link_to(to))).await.unwrap();
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("confirm-tandem"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let state = c
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Id("tandem-state"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(state.contains(expected), "{expected:?} in {state}");
        let (wide, widths) = scrolls_sideways(c).await;
        assert!(!wide, "the confirmation page: {widths}");
    }

    // Staff find the application in the queue, on a phone too, and accept it.
    sign_in(c, &app).await;
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("nav"))
        .await
        .unwrap();
    c.goto(&app.url("/kurse/tandembewerbungen")).await.unwrap();
    let card = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(".tandem-application"))
        .await
        .unwrap();
    let text = card.text().await.unwrap();
    for expected in [
        "Petra Keller",
        "Bernd Maier",
        "Stadt Esslingen am Neckar",
        "Esslingen am Neckar",
        "Bürgerhaus Esslingen",
        "Bürgermentoren Esslingen",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    let (wide, widths) = scrolls_sideways(c).await;
    assert!(!wide, "the application queue: {widths}");
    card.find(Locator::XPath(".//button[normalize-space()='Annehmen']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::LinkText("Zum Mentorenkurs (Entwurf)"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let trained_in = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#course-trained-in"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        trained_in
            .contains("während seiner Ausbildung im Mentorentrainerkurs Bürgermentoren Esslingen"),
        "{trained_in}"
    );
    let heading = c
        .find(Locator::Css("h1"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        heading.contains("Mentorenkurs Esslingen am Neckar"),
        "{heading}"
    );

    // The professional's record: a trainer in training, with the course and the local course.
    let accepted = app
        .call(
            Method::GET,
            "/api/v1/tandem-applications?state=accepted",
            &token,
            None,
        )
        .await
        .json();
    let petra = accepted[0]["professional"]["person_id"].as_i64().unwrap();
    c.goto(&app.url(&format!("/personen/{petra}")))
        .await
        .unwrap();
    let qualified = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#trainer-qualified"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(qualified, "in Ausbildung");
    let training = c
        .find(Locator::Css("#trainer-training"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        training.contains("Bürgermentoren Esslingen")
            && training.contains("Mentorenkurs Esslingen am Neckar"),
        "{training}"
    );
    let (wide, widths) = scrolls_sideways(c).await;
    assert!(!wide, "the person page: {widths}");
    browser.close().await;
    app.stop().await;
}

/// Serves `html` to every request from a thread on another origin (`http://localhost:port/`),
/// under a content security policy that allows only scripts and connections from `app`: the
/// page a municipality's web site would be.
fn municipal_page(html: String, app: &str) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let csp = format!(
        "default-src 'none'; script-src {app}; style-src 'unsafe-inline' {app}; \
         connect-src {app}; frame-src {app}"
    );
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let reply = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\n\
                 content-security-policy: {csp}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{html}",
                html.len()
            );
            let _ = (&stream).write_all(reply.as_bytes());
        }
    });
    format!("http://localhost:{port}/")
}

/// A municipality puts its open courses and its mentors on its own web site, once as a frame
/// and once with the script in its own colours, and the site's visitors see them; only the
/// frame pages may be framed by other sites.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_municipal_web_site_shows_its_courses_and_mentors() {
    let app = spawn_with_web_app().await;
    let token = app.staff_token().await;
    let planned = tests::fixtures::plan_course(&app, &token, "mentor_course", 7.0).await;
    tests::fixtures::set_status(&app, &token, &planned.id, &["registration_open"]).await;
    app.seed_mentors(60).await;
    let listed = app.get("/api/v1/public/mentors?limit=3").await.json();
    let names: Vec<String> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            [&m["given_name"], &m["family_name"]]
                .iter()
                .filter_map(|part| part.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    assert_eq!(names.len(), 3, "{listed}");

    let origin = app.url("");
    let origin = origin.trim_end_matches('/');
    let page = municipal_page(
        format!(
            r#"<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Stadt Esslingen</title>
<style>:root {{ --mentorat-accent: rgb(0, 90, 156); }}</style></head>
<body><h1>Bürgerengagement in Esslingen</h1>
<iframe id="frame" src="{origin}/einbetten/kurse?municipality=08116019" title="Kurse"></iframe>
<div id="courses" data-mentorat="kurse" data-district="08116"></div>
<div id="mentors" data-mentorat="mentoren" data-limit="3"></div>
<script src="{origin}/einbetten/mentorat.js" defer></script></body></html>"#
        ),
        origin,
    );
    let browser = Browser::start().await;
    let c = &browser.client;
    c.goto(&page).await.unwrap();
    let course = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#courses .mentorat-course"))
        .await
        .unwrap();
    let text = course.text().await.unwrap();
    for expected in [
        "Bürgermentoren Esslingen",
        "Mentorenkurs",
        "10.01.2026 – 21.03.2026",
        "Esslingen am Neckar",
        "10 Plätze frei",
        "Petra Beispiel · kurse@bildungswerk.example · 0711 123456",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    let link = course.find(Locator::Css("h3 a")).await.unwrap();
    assert_eq!(
        link.attr("href").await.unwrap(),
        Some(format!("{origin}/kurs-finden/{}", planned.id))
    );
    assert_eq!(
        link.css_value("color").await.unwrap(),
        "rgba(0, 90, 156, 1)",
        "the site's accent colour"
    );
    let mentors = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#mentors .mentorat-list"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for name in &names {
        assert!(mentors.contains(name.as_str()), "{name:?} in {mentors}");
    }

    c.enter_frame(Some(0)).await.unwrap();
    let framed = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(".mentorat-course"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(framed.contains("Bürgermentoren Esslingen"), "{framed}");
    c.enter_parent_frame().await.unwrap();

    // Only the frame pages may be framed by other sites.
    let frame = app.get("/einbetten/mentoren").await;
    assert!(frame
        .header("content-security-policy")
        .unwrap()
        .ends_with("frame-ancestors *"));
    assert_eq!(frame.header("x-frame-options"), None);
    for path in ["/einbetten", "/kurs-finden"] {
        let reply = app.get(path).await;
        assert_eq!(reply.header("x-frame-options"), Some("DENY"), "{path}");
    }
    assert_eq!(app.get("/einbetten/unbekannt").await.status, 404);
    browser.close().await;
    app.stop().await;
}

/// A trainer course's page names each trainee's tandem partner and links the local course the
/// tandem will run; hours not yet attended read "0", not "-0".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trainer_course_shows_its_tandems_and_their_local_course() {
    use serde_json::json;
    use tests::Method;
    let app = spawn_with_web_app().await;
    let token = app.staff_token().await;
    // Cem first, so that Pia's trainer record can name Cem as her tandem partner.
    let mut ids = Vec::new();
    for (given, kind) in [("Cem", "citizen"), ("Pia", "professional")] {
        let person = app
            .call(
                Method::POST,
                "/api/v1/people",
                &token,
                Some(json!({
                    "given_name": given, "family_name": "Tandem",
                    "trainer": { "kind": kind, "tandem_partner": ids.first() }
                })),
            )
            .await
            .json();
        ids.push(person["id"].as_i64().unwrap());
    }
    ids.reverse(); // Pia, Cem
    let mut courses = Vec::new();
    for (kind, title) in [
        ("trainer_course", "Trainerkurs Stuttgart"),
        ("mentor_course", "Mentorenkurs Filderstadt"),
    ] {
        let course = app
            .call(
                Method::POST,
                "/api/v1/courses",
                &token,
                Some(json!({ "kind": kind, "title": title, "capacity": 10, "required_hours": 35 })),
            )
            .await
            .json();
        courses.push(course["id"].as_i64().unwrap());
    }
    let (trainer_course, local) = (courses[0], courses[1]);
    let reply = app
        .call(
            Method::POST,
            &format!("/api/v1/courses/{trainer_course}/enrolments"),
            &token,
            Some(json!({ "person_id": ids[0], "tandem_partner_id": ids[1], "local_course_id": local })),
        )
        .await;
    assert_eq!(reply.status, tests::StatusCode::CREATED, "{}", reply.text);

    let browser = Browser::start().await;
    let c = &browser.client;
    sign_in(c, &app).await;
    c.goto(&app.url(&format!("/kurse/{trainer_course}")))
        .await
        .unwrap();
    let row = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            "//table[@id='participants']//tr[.//a[normalize-space()='Tandem, Pia']]",
        ))
        .await
        .unwrap();
    let text = row.text().await.unwrap();
    assert!(text.contains("Tandempartner/in: Cem Tandem"), "{text}");
    assert!(text.contains("0 / 35"), "{text}");
    assert!(!text.contains("-0"), "{text}");
    row.find(Locator::LinkText("Örtlicher Mentorenkurs des Tandems"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            "//h1[normalize-space()='Mentorenkurs Filderstadt']",
        ))
        .await
        .unwrap();
    // Each trainee's record names the partner, once loaded, not by number.
    c.goto(&app.url(&format!("/personen/{}", ids[0])))
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            "//dl[dt[normalize-space()='Tandempartner/in']]/dd/a[normalize-space()='Cem Tandem']",
        ))
        .await
        .unwrap();
    browser.close().await;
    app.stop().await;
}

/// The element that has focus: its id, tag, text and `aria-expanded`.
async fn focused(c: &fantoccini::Client) -> serde_json::Value {
    c.execute(
        "const e = document.activeElement; return { id: e.id, tag: e.tagName, \
         text: e.textContent.trim(), expanded: e.getAttribute('aria-expanded') };",
        vec![],
    )
    .await
    .unwrap()
}

/// Presses `key` (a WebDriver key code) on the focused element.
async fn press(c: &fantoccini::Client, key: &str) {
    c.active_element()
        .await
        .unwrap()
        .send_keys(key)
        .await
        .unwrap();
}

/// Tabs forward until `found` holds for the focused element, at most 60 times.
async fn tab_to(c: &fantoccini::Client, found: impl Fn(&serde_json::Value) -> bool) {
    tab_until(c, TAB, found).await
}

/// Tabs backwards (Shift+Tab) until `found` holds for the focused element.
async fn tab_back_to(c: &fantoccini::Client, found: impl Fn(&serde_json::Value) -> bool) {
    tab_until(c, SHIFT_TAB, found).await
}

async fn tab_until(c: &fantoccini::Client, key: &str, found: impl Fn(&serde_json::Value) -> bool) {
    for _ in 0..60 {
        press(c, key).await;
        if found(&focused(c).await) {
            return;
        }
    }
    panic!(
        "Tab never reached the element; last focus: {}",
        focused(c).await
    );
}

const TAB: &str = "\u{e004}";
/// Shift held for the rest of the key sequence, then Tab.
const SHIFT_TAB: &str = "\u{e008}\u{e004}";
const ENTER: &str = "\u{e007}";
const ESCAPE: &str = "\u{e00c}";

async fn menu_shown(c: &fantoccini::Client) -> bool {
    c.find(Locator::Css("#nav-pages"))
        .await
        .unwrap()
        .is_displayed()
        .await
        .unwrap()
}

/// On a phone the navigation is one "Menü" button; by keyboard alone it opens, Escape closes
/// it, a group opens with Enter, and the chosen page starts at its heading, named in the
/// window's title and marked as the current page. On a desktop an admin's navigation, the
/// longest, fits one row.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_navigation_works_by_keyboard_on_a_phone_and_fits_one_row_on_a_desktop() {
    let app = spawn_with_web_app().await;
    app.admin_token().await;
    let browser = Browser::start().await;
    let c = &browser.client;
    c.set_window_size(390, 844).await.unwrap();
    c.goto(&app.url("/")).await.unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("main h1"))
        .await
        .unwrap();
    assert!(!menu_shown(c).await, "the menu starts closed on a phone");

    tab_to(c, |f| f["id"] == "nav-menu-toggle").await;
    assert_eq!(focused(c).await["expanded"], "false");
    press(c, ENTER).await;
    assert!(menu_shown(c).await, "Enter opens the menu");
    assert_eq!(focused(c).await["expanded"], "true");
    press(c, ESCAPE).await;
    assert!(!menu_shown(c).await, "Escape closes it");
    assert_eq!(
        focused(c).await["id"],
        "nav-menu-toggle",
        "focus stays on the button"
    );

    press(c, ENTER).await;
    tab_to(c, |f| {
        f["tag"] == "BUTTON" && f["text"].as_str().unwrap().starts_with("Landesweit")
    })
    .await;
    press(c, ENTER).await;
    assert_eq!(
        focused(c).await["expanded"],
        "true",
        "Enter opens the group"
    );
    press(c, TAB).await;
    assert_eq!(focused(c).await["text"], "Kreise und Gemeinden");
    press(c, ENTER).await;
    c.wait()
        .at_most(WAIT)
        .for_url(app.url("/kreise").parse().unwrap())
        .await
        .unwrap();
    let after = focused(c).await;
    assert_eq!(
        (after["tag"].as_str(), after["text"].as_str()),
        (Some("H1"), Some("Kreise und Gemeinden")),
        "focus starts at the new page's heading"
    );
    assert_eq!(c.title().await.unwrap(), "Kreise und Gemeinden – Mentorat");
    assert!(!menu_shown(c).await, "the menu closes on the new page");
    let current = c
        .find(Locator::Css("#nav-pages a[aria-current='page']"))
        .await
        .unwrap()
        .html(false)
        .await
        .unwrap();
    assert!(current.contains("Kreise und Gemeinden"), "{current}");

    // An admin has the most entries; on a desktop they stay in one row, and on a phone the
    // header stays short.
    sign_in_as(c, &app, "admin@mentorat.example").await;
    let rows = "const items = [...document.querySelectorAll('#nav-pages > li')]; \
                const tops = new Set(items.map(li => li.getBoundingClientRect().top)); \
                const last = items[items.length - 1].getBoundingClientRect().right; \
                const room = document.querySelector('header.top .bar').getBoundingClientRect().right; \
                return [tops.size, last <= room, document.querySelector('header.top').offsetHeight];";
    for width in [1366, 1024] {
        c.set_window_size(width, 900).await.unwrap();
        let desktop = c.execute(rows, vec![]).await.unwrap();
        assert_eq!(
            desktop[0], 1,
            "one row of navigation at {width} px: {desktop}"
        );
        assert_eq!(
            desktop[1], true,
            "inside the header at {width} px: {desktop}"
        );
    }
    c.set_window_size(320, 800).await.unwrap();
    let phone = c.execute(rows, vec![]).await.unwrap();
    assert!(
        phone[2].as_i64().unwrap() <= 130,
        "the header at 320 px is {} px high",
        phone[2]
    );
    browser.close().await;
    app.stop().await;
}

/// Types `text` into the focused element.
async fn type_text(c: &fantoccini::Client, text: &str) {
    press(c, text).await;
}

/// Staff sign in and record a person with the keyboard alone: focus starts at each new
/// page's heading, languages are picked by name, and a field the server refuses gets focus
/// with its message, so it is mended without searching for it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_sign_in_and_record_a_person_by_keyboard_alone() {
    let app = spawn_with_web_app().await;
    app.staff_token().await;
    let browser = Browser::start().await;
    let c = &browser.client;
    c.goto(&app.url("/anmelden")).await.unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#email"))
        .await
        .unwrap();
    tab_to(c, |f| f["id"] == "email").await;
    type_text(c, "mitarbeiterin@mentorat.example").await;
    press(c, TAB).await;
    assert_eq!(focused(c).await["id"], "password");
    type_text(c, tests::STAFF_PASSWORD).await;
    press(c, ENTER).await;
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath("//button[normalize-space()='Abmelden']"))
        .await
        .unwrap();

    tab_to(c, |f| f["tag"] == "A" && f["text"] == "Personen").await;
    press(c, ENTER).await;
    c.wait()
        .at_most(WAIT)
        .for_url(app.url("/personen").parse().unwrap())
        .await
        .unwrap();
    assert_eq!(focused(c).await["tag"], "H1");
    tab_to(c, |f| f["text"] == "Neue Person").await;
    press(c, ENTER).await;
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#given_name"))
        .await
        .unwrap();
    assert_eq!(focused(c).await["tag"], "H1");

    tab_to(c, |f| f["id"] == "given_name").await;
    type_text(c, "Jürgen").await;
    press(c, TAB).await;
    type_text(c, "Yılmaz").await;
    tab_to(c, |f| f["id"] == "address-postal_code").await;
    type_text(c, "701").await;
    tab_to(c, |f| f["id"] == "languages").await;
    type_text(c, "Türkisch").await;
    type_text(c, "ukr").await;
    press(c, ENTER).await;
    let chosen = c
        .find(Locator::Css("#languages-chosen"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        chosen.contains("Türkisch") && chosen.contains("Ukrainisch"),
        "{chosen}"
    );
    // A trainer, qualified since a day typed the German way, whatever the browser's locale;
    // the year is short of a digit, so the browser refuses it before anything is sent.
    tab_to(c, |f| f["id"] == "is-trainer").await;
    type_text(c, " ").await;
    tab_to(c, |f| f["id"] == "trainer-qualified_since").await;
    type_text(c, "15.03.202").await;
    tab_to(c, |f| f["tag"] == "BUTTON" && f["text"] == "Speichern").await;
    press(c, ENTER).await;
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#trainer-qualified_since-error"))
        .await
        .unwrap();
    assert_eq!(focused(c).await["id"], "trainer-qualified_since");
    let message = c
        .find(Locator::Css("#trainer-qualified_since-error"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(message.contains("TT.MM.JJJJ"), "{message}");
    type_text(c, "5").await;
    tab_to(c, |f| f["tag"] == "BUTTON" && f["text"] == "Speichern").await;
    press(c, ENTER).await;
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#address-postal_code-error"))
        .await
        .unwrap();
    assert_eq!(
        focused(c).await["id"],
        "address-postal_code",
        "focus goes to the refused field"
    );
    type_text(c, "73").await;
    tab_to(c, |f| f["tag"] == "BUTTON" && f["text"] == "Speichern").await;
    press(c, ENTER).await;
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath("//h1[contains(., 'Yılmaz')]"))
        .await
        .unwrap();
    let heading = focused(c).await;
    assert_eq!(
        heading["tag"], "H1",
        "focus starts at the new record: {heading}"
    );
    let page = c
        .find(Locator::Css("main"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Türkisch, Ukrainisch"), "{page}");
    assert!(page.contains("70173"), "{page}");
    let qualified = c
        .find(Locator::Css("#trainer-qualified"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(qualified, "15.03.2025");
    browser.close().await;
    app.stop().await;
}

/// Waits until the app's live region has said `message` to screen readers.
async fn announced(c: &fantoccini::Client, message: &str) {
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&format!(
            "//*[@id='announcer'][@role='status'][normalize-space()='{message}']"
        )))
        .await
        .unwrap_or_else(|e| panic!("never announced {message}: {e}"));
}

/// Staff enrol a participant and record an evening's attendance with the keyboard alone: the
/// search says how many it found, focus stays where the choice was made, the saved changes
/// are announced, and a partial attendance takes its hours as typed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_enrol_and_record_attendance_by_keyboard_alone() {
    use tests::Method;
    let app = spawn_with_web_app().await;
    let token = app.staff_token().await;
    let id = open_evening_course(&app, &token, &["2026-10-06"]).await;
    let aylin = new_person(&app, &token, "Aylin", "Demir").await;
    let bernd = new_person(&app, &token, "Bernd", "Schäfer").await;
    enrol(&app, &token, id, bernd).await;
    let browser = Browser::start().await;
    let c = &browser.client;
    sign_in(c, &app).await;

    c.goto(&app.url("/kurse")).await.unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::LinkText("Mentorenkurs Nürtingen"))
        .await
        .unwrap();
    tab_to(c, |f| f["text"] == "Mentorenkurs Nürtingen").await;
    press(c, ENTER).await;
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#enrol-person"))
        .await
        .unwrap();
    assert_eq!(focused(c).await["tag"], "H1");

    // A confirmation is the browser's own dialog: it holds focus while open, and cancelling
    // it leaves focus on the button that asked, with nothing deleted.
    tab_to(c, |f| f["tag"] == "BUTTON" && f["text"] == "Löschen").await;
    press(c, ENTER).await;
    c.dismiss_alert().await.unwrap();
    assert_eq!(focused(c).await["text"], "Löschen");
    assert_eq!(
        c.find_all(Locator::XPath(
            "//section[@aria-labelledby='sessions-title']//tbody/tr"
        ))
        .await
        .unwrap()
        .len(),
        1,
        "the evening is still there"
    );

    // Enrol Aylin: type, hear how many match, Tab to her, Enter.
    tab_to(c, |f| f["id"] == "enrol-person").await;
    type_text(c, "Demir").await;
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            "//*[@id='enrol-person-count'][starts-with(normalize-space(), '1 Treffer')]",
        ))
        .await
        .unwrap();
    press(c, TAB).await;
    assert_eq!(focused(c).await["text"], "Aylin Demir");
    press(c, ENTER).await;
    let choice = focused(c).await;
    assert_eq!(
        choice["id"], "enrol-person",
        "focus stays at the choice: {choice}"
    );
    assert!(
        choice["text"].as_str().unwrap().contains("Aylin Demir"),
        "{choice}"
    );
    tab_to(c, |f| f["tag"] == "BUTTON" && f["text"] == "Anmelden").await;
    press(c, ENTER).await;
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            "//table[@id='participants']//tr[contains(., 'Demir, Aylin')]",
        ))
        .await
        .unwrap();
    announced(c, "Gespeichert.").await;
    let next = focused(c).await;
    assert_eq!(
        (next["id"].as_str(), next["tag"].as_str()),
        (Some("enrol-person"), Some("INPUT")),
        "focus is back in the search for the next participant: {next}"
    );

    // On to the attendance: everyone present, then Bernd only partly, for 1,5 hours.
    tab_back_to(c, |f| f["text"] == "Anwesenheit erfassen").await;
    press(c, ENTER).await;
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#all-present"))
        .await
        .unwrap();
    assert_eq!(focused(c).await["tag"], "H1");
    tab_to(c, |f| f["id"] == "all-present").await;
    press(c, ENTER).await;
    let enrolments = app
        .call(
            Method::GET,
            &format!("/api/v1/courses/{id}/enrolments"),
            &token,
            None,
        )
        .await
        .json();
    let (aylin, bernd) = (
        enrolment_of(&enrolments, aylin),
        enrolment_of(&enrolments, bernd),
    );
    let mark = format!("mark-{bernd}");
    tab_back_to(c, |f| f["id"] == mark.as_str()).await;
    type_text(c, "teil").await;
    let hours = format!("hours-{bernd}");
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Id(&hours))
        .await
        .unwrap();
    press(c, TAB).await;
    assert_eq!(focused(c).await["id"], hours.as_str());
    type_text(c, "1,5").await;
    tab_to(c, |f| f["id"] == "save-attendance").await;
    press(c, ENTER).await;
    announced(c, "Gespeichert.").await;
    for (enrolment, total) in [(aylin, "3 / 6"), (bernd, "1,5 / 6")] {
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::XPath(&format!(
                "//table[@id='attendance-grid']//tr[@data-enrolment='{enrolment}']\
                 /td[contains(@class, 'total')][starts-with(normalize-space(), '{total}')]"
            )))
            .await
            .unwrap_or_else(|e| panic!("no total {total}: {e}"));
    }
    browser.close().await;
    app.stop().await;
}

/// "Mentorenkurs Nürtingen", open for registration, under a qualified tandem, with a 3-hour
/// evening on each of `dates`; its id.
async fn open_evening_course(app: &tests::TestApp, token: &str, dates: &[&str]) -> i64 {
    use serde_json::json;
    use tests::Method;
    let trainers = app.qualified_tandem(token).await;
    let course = app
        .call(
            Method::POST,
            "/api/v1/courses",
            token,
            Some(json!({
                "kind": "mentor_course", "title": "Mentorenkurs Nürtingen", "capacity": 10,
                "required_hours": 6, "trainers": trainers
            })),
        )
        .await
        .json();
    let id = course["id"].as_i64().unwrap();
    for date in dates {
        app.call(
            Method::POST,
            &format!("/api/v1/courses/{id}/sessions"),
            token,
            Some(json!({ "date": date, "start": "18:00:00", "end": "21:00:00" })),
        )
        .await;
    }
    app.call(
        Method::PUT,
        &format!("/api/v1/courses/{id}/status"),
        token,
        Some(json!({ "status": "registration_open" })),
    )
    .await;
    id
}

/// A person with just a name; their id.
async fn new_person(app: &tests::TestApp, token: &str, given: &str, family: &str) -> i64 {
    let body = serde_json::json!({ "given_name": given, "family_name": family });
    app.call(tests::Method::POST, "/api/v1/people", token, Some(body))
        .await
        .json()["id"]
        .as_i64()
        .unwrap()
}

/// Enrols `person` in `course`; the enrolment's id.
async fn enrol(app: &tests::TestApp, token: &str, course: i64, person: i64) -> i64 {
    let body = serde_json::json!({ "person_id": person });
    let path = format!("/api/v1/courses/{course}/enrolments");
    let list = app
        .call(tests::Method::POST, &path, token, Some(body))
        .await
        .json();
    enrolment_of(&list, person)
}

/// The id of `person`'s enrolment in a course's list of enrolments.
fn enrolment_of(list: &serde_json::Value, person: i64) -> i64 {
    list.as_array()
        .unwrap()
        .iter()
        .find(|e| e["person_id"] == person)
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

/// The web app builds the browser fetched for this page: `mentorat` or `mentorat-public`.
async fn loaded_apps(c: &fantoccini::Client) -> Vec<String> {
    let names = c
        .execute(
            "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname) \
             .filter(p => p.endsWith('_bg.wasm')).map(p => p.slice(1, -'_bg.wasm'.length));",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(names).unwrap()
}

/// A signed-out visitor of a citizens' page gets the smaller build, at most 300 KB as sent;
/// moving on to a staff page loads the whole app, as does every page once signed in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn citizens_get_the_small_app_and_move_on_to_the_whole_one() {
    let app = spawn_with_web_app().await;
    app.staff_token().await;
    let sent = app
        .send(
            app.client
                .get(app.url("/mentorat-public_bg.wasm"))
                .header("accept-encoding", "gzip"),
        )
        .await;
    assert_eq!(sent.header("content-encoding"), Some("gzip"));
    assert!(
        sent.bytes.len() <= 300_000,
        "the citizens' app is {} bytes gzipped",
        sent.bytes.len()
    );

    let browser = Browser::start().await;
    let c = &browser.client;
    c.goto(&app.url("/kurs-finden")).await.unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("main h1"))
        .await
        .unwrap();
    assert_eq!(loaded_apps(c).await, ["mentorat-public"]);

    c.find(Locator::XPath("//header//a[normalize-space()='Anmelden']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#email"))
        .await
        .unwrap();
    assert_eq!(
        loaded_apps(c).await,
        ["mentorat"],
        "the sign-in page is in the whole app"
    );

    sign_in(c, &app).await;
    c.goto(&app.url("/kurs-finden")).await.unwrap();
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath("//button[normalize-space()='Abmelden']"))
        .await
        .unwrap();
    assert_eq!(
        loaded_apps(c).await,
        ["mentorat"],
        "signed in, the whole app"
    );
    browser.close().await;
    app.stop().await;
}
