//! Certificates: who may get one, what issuing changes, the PDF's text and public verification.

use serde_json::{json, Value};
use tests::{on_both_databases, Method, StatusCode, TestApp};

use tests::fixtures::{plan_course as plan, set_status as step};
use tests::tools::poppler;

async fn issue(app: &TestApp, token: &str, course: &Value, enrolment: &Value) -> tests::Reply {
    app.call(
        Method::POST,
        &format!("/api/v1/courses/{course}/certificates"),
        token,
        Some(json!({ "enrolment_id": enrolment })),
    )
    .await
}

async fn certificates_need_a_completed_course_and_the_hours(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let course = plan(app, &token, "mentor_course", 7.0).await;
    let id = &course.id;
    let mut people = Vec::new();
    for (given, family) in [("Jürgen", "Weiß-Öztürk"), ("Bea", "Teilzeit")] {
        let body = json!({ "given_name": given, "family_name": family, "mentor": { "status": "in_training" } });
        people.push(
            app.call(Method::POST, "/api/v1/people", &token, Some(body))
                .await
                .json()["id"]
                .clone(),
        );
    }
    let mut enrolled = Vec::new();
    for p in &people {
        let list = app
            .call(
                Method::POST,
                &format!("/api/v1/courses/{id}/enrolments"),
                &token,
                Some(json!({ "person_id": p })),
            )
            .await
            .json();
        enrolled.push(
            list.as_array()
                .unwrap()
                .iter()
                .find(|e| e["person_id"] == *p)
                .unwrap()["id"]
                .clone(),
        );
    }
    let (full, partly) = (&enrolled[0], &enrolled[1]);
    for (i, session) in course.sessions.iter().enumerate() {
        let marks = json!([{ "enrolment_id": full, "status": "present" }, { "enrolment_id": partly, "status": if i == 0 { "present" } else { "absent" } }]);
        let reply = app
            .call(
                Method::PUT,
                &format!("/api/v1/courses/{id}/sessions/{session}/attendance"),
                &token,
                Some(marks),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    }

    let early = issue(app, &token, id, full).await.problem(409);
    assert!(
        early["detail"].as_str().unwrap().contains("abgeschlossen"),
        "{early}"
    );
    step(
        app,
        &token,
        id,
        &["registration_open", "running", "completed"],
    )
    .await;
    let short = issue(app, &token, id, partly).await.problem(409);
    assert!(
        short["detail"]
            .as_str()
            .unwrap()
            .contains("3,5 von 7 Stunden"),
        "{short}"
    );
    issue(app, &token, id, &json!(999_999)).await.problem(409);
    app.send(
        app.client
            .post(app.url(&format!("/api/v1/courses/{id}/certificates")))
            .json(&json!({ "enrolment_id": full })),
    )
    .await
    .problem(401);

    let reply = issue(app, &token, id, full).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
    let certificate = reply.json();
    let serial = certificate["serial"].as_str().unwrap();
    assert!(
        serial.starts_with("MfB-20") && serial.len() == 14,
        "{serial}"
    );
    let code = certificate["verification_code"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!((code.len(), &code[4..5]), (14, "-"));
    assert_eq!(certificate["holder_name"], "Jürgen Weiß-Öztürk");
    assert_eq!(
        (
            certificate["first_date"].as_str(),
            certificate["last_date"].as_str()
        ),
        (Some("2026-01-10"), Some("2026-03-21"))
    );
    assert_eq!(
        (certificate["hours"].as_f64(), certificate["place"].as_str()),
        (Some(7.0), Some("Esslingen am Neckar"))
    );
    issue(app, &token, id, full).await.problem(409);

    // Issuing completes the enrolment and makes the person a certified mentor.
    let person = app
        .call(
            Method::GET,
            &format!("/api/v1/people/{}", people[0]),
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(person["mentor"]["status"], "certified");
    assert_eq!(
        person["mentor"]["status_history"]
            .as_array()
            .unwrap()
            .last()
            .unwrap()["status"],
        "certified"
    );
    let list = app
        .call(
            Method::GET,
            &format!("/api/v1/courses/{id}/enrolments"),
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(
        list.as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == *full)
            .unwrap()["status"],
        "completed"
    );
    let listed = app
        .call(
            Method::GET,
            &format!("/api/v1/courses/{id}/certificates"),
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(listed, json!([certificate]));

    // The register entry is kept.
    app.call(
        Method::DELETE,
        &format!("/api/v1/people/{}", people[0]),
        &token,
        None,
    )
    .await
    .problem(409);

    // Public verification: name, course and date, nothing more; typed codes are forgiving.
    let typed = code.to_lowercase().replace('-', " ");
    let check = app
        .get(&format!("/api/v1/public/certificates/{typed}"))
        .await;
    assert_eq!(check.status, StatusCode::OK, "{}", check.text);
    assert_eq!(
        check.json(),
        json!({ "holder_name": "Jürgen Weiß-Öztürk", "course_title": "Bürgermentoren Esslingen", "issued_on": certificate["issued_on"], "revoked_on": null })
    );
    let unknown = if code.starts_with('A') {
        "BBBB-BBBB-BBBB"
    } else {
        "AAAA-AAAA-AAAA"
    };
    app.get(&format!("/api/v1/public/certificates/{unknown}"))
        .await
        .problem(404);
    app.get("/api/v1/public/certificates/not-a-code")
        .await
        .problem(422);
}

async fn the_pdf_states_name_course_dates_hours_topics_and_provider(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let course = plan(app, &token, "mentor_course", 7.0).await;
    let id = &course.id;
    let person = app
        .call(
            Method::POST,
            "/api/v1/people",
            &token,
            Some(json!({ "given_name": "Jürgen", "family_name": "Weiß-Öztürk" })),
        )
        .await
        .json();
    let list = app
        .call(
            Method::POST,
            &format!("/api/v1/courses/{id}/enrolments"),
            &token,
            Some(json!({ "person_id": person["id"] })),
        )
        .await
        .json();
    let enrolment = list[0]["id"].clone();
    for session in &course.sessions {
        app.call(
            Method::PUT,
            &format!("/api/v1/courses/{id}/sessions/{session}/attendance"),
            &token,
            Some(json!([{ "enrolment_id": enrolment, "status": "present" }])),
        )
        .await;
    }
    step(
        app,
        &token,
        id,
        &["registration_open", "running", "completed"],
    )
    .await;
    let certificate = issue(app, &token, id, &enrolment).await.json();

    let path = format!("/api/v1/certificates/{}/pdf", certificate["id"]);
    app.get(&path).await.problem(401);
    let reply = app.call(Method::GET, &path, &token, None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("content-type"), Some("application/pdf"));
    assert!(reply
        .header("content-disposition")
        .unwrap()
        .contains(certificate["serial"].as_str().unwrap()));
    let text = pdf_extract::extract_text_from_mem(&reply.bytes).expect("a readable PDF");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
            "ZERTIFIKAT",
            "Mentorat für Bürgerengagement",
            "Jürgen Weiß-Öztürk",
            "vom 10. Januar 2026 bis 21. März 2026 in Esslingen am Neckar am Mentorenkurs „Bürgermentoren Esslingen“",
            "mit 7 Stunden erfolgreich abgeschlossen",
            "Veranstalter: Paritätisches Bildungswerk",
            // The signature lines name who signs: the provider and the trainer tandem.
            "Hanna Tandem Trainerin / Trainer Bruno Tandem Trainerin / Trainer",
            "Im Auftrag von Sozialministerium Baden-Württemberg, gefördert von Baden-Württemberg Stiftung",
            "zur Bürgermentorin / zum Bürgermentor",
            "Rolle und Haltung",
            "Projektplanung",
            certificate["serial"].as_str().unwrap(),
            certificate["verification_code"].as_str().unwrap(),
            &format!("https://mentorat.example/pruefen/{}", certificate["verification_code"].as_str().unwrap()),
        ] {
            assert!(text.contains(expected), "{expected:?} missing in: {text}");
        }
    // Handing out the document is an export, and the audit log says so.
    let admin = app.admin_token().await;
    let log = app
        .call(Method::GET, "/api/v1/audit?action=export", &admin, None)
        .await
        .json();
    assert_eq!(log["total"], 1);
    assert_eq!(
        log["items"][0]["record"],
        format!("certificates/{}/pdf", certificate["id"])
    );
    assert_eq!(
        log["items"][0]["route"],
        "GET /api/v1/certificates/{id}/pdf"
    );
}

async fn a_trainer_course_certificate_qualifies_the_tandem(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let course = plan(app, &token, "trainer_course", 7.0).await;
    let id = &course.id;
    let local = app
        .call(
            Method::POST,
            "/api/v1/courses",
            &token,
            Some(json!({ "kind": "mentor_course", "title": "Eigener Kurs", "capacity": 10 })),
        )
        .await
        .json();
    let mut ids = Vec::new();
    for (given, kind) in [("Pia", "professional"), ("Cem", "citizen")] {
        let body =
            json!({ "given_name": given, "family_name": "Tandem", "trainer": { "kind": kind } });
        ids.push(
            app.call(Method::POST, "/api/v1/people", &token, Some(body))
                .await
                .json()["id"]
                .clone(),
        );
    }
    let list = app.call(Method::POST, &format!("/api/v1/courses/{id}/enrolments"), &token,
            Some(json!({ "person_id": ids[0], "tandem_partner_id": ids[1], "local_course_id": local["id"] }))).await.json();
    let pia = list
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["person_id"] == ids[0])
        .unwrap()["id"]
        .clone();
    for session in &course.sessions {
        app.call(
            Method::PUT,
            &format!("/api/v1/courses/{id}/sessions/{session}/attendance"),
            &token,
            Some(json!([{ "enrolment_id": pia, "status": "present" }])),
        )
        .await;
    }
    step(
        app,
        &token,
        id,
        &["registration_open", "running", "completed"],
    )
    .await;
    let certificate = issue(app, &token, id, &pia).await;
    assert_eq!(
        certificate.status,
        StatusCode::CREATED,
        "{}",
        certificate.text
    );
    let issued_on = certificate.json()["issued_on"].clone();
    let pia = app
        .call(
            Method::GET,
            &format!("/api/v1/people/{}", ids[0]),
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(pia["trainer"]["qualified_since"], issued_on);
    let cem = app
        .call(
            Method::GET,
            &format!("/api/v1/people/{}", ids[1]),
            &token,
            None,
        )
        .await
        .json();
    assert_eq!(
        cem["trainer"]["qualified_since"],
        Value::Null,
        "no certificate, no qualification"
    );
}

/// Names from the intercultural projects the programme works with print exactly as registered,
/// in an embedded font, on every certificate.
async fn certificates_print_every_name_exactly_in_an_embedded_font(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let course = plan(app, &token, "mentor_course", 7.0).await;
    let id = &course.id;
    let names = [
        ("Ayşe", "Yılmaz"),
        ("Łukasz", "Wróbel-Żak"),
        ("Jiří", "Dvořák"),
        ("Gergő", "Kővári"),
        ("Ольга", "Петрова"),
        ("Γιώργος", "Παπαδόπουλος"),
    ];
    let mut enrolments = Vec::new();
    for (given, family) in names {
        let person = app
            .call(
                Method::POST,
                "/api/v1/people",
                &token,
                Some(json!({ "given_name": given, "family_name": family })),
            )
            .await;
        assert_eq!(person.status, StatusCode::CREATED, "{}", person.text);
        let list = app
            .call(
                Method::POST,
                &format!("/api/v1/courses/{id}/enrolments"),
                &token,
                Some(json!({ "person_id": person.json()["id"] })),
            )
            .await
            .json();
        let enrolment = list
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["person_id"] == person.json()["id"])
            .unwrap()["id"]
            .clone();
        enrolments.push((format!("{given} {family}"), enrolment));
    }
    let marks: Vec<Value> = enrolments
        .iter()
        .map(|(_, e)| json!({ "enrolment_id": e, "status": "present" }))
        .collect();
    for session in &course.sessions {
        let reply = app
            .call(
                Method::PUT,
                &format!("/api/v1/courses/{id}/sessions/{session}/attendance"),
                &token,
                Some(Value::Array(marks.clone())),
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    }
    step(
        app,
        &token,
        id,
        &["registration_open", "running", "completed"],
    )
    .await;
    for (name, enrolment) in &enrolments {
        let certificate = issue(app, &token, id, enrolment).await.json();
        let pdf = app
            .call(
                Method::GET,
                &format!("/api/v1/certificates/{}/pdf", certificate["id"]),
                &token,
                None,
            )
            .await;
        assert_eq!(pdf.status, StatusCode::OK);
        let text = poppler("pdftotext", &pdf.bytes, &["-enc", "UTF-8"]);
        assert!(text.contains(name.as_str()), "{name:?} not in:\n{text}");
        assert!(text.contains("Mentorat für Bürgerengagement"), "{text}");
        // pdffonts: a header, a rule, then one line per font whose "emb" column says yes.
        let fonts = poppler("pdffonts", &pdf.bytes, &[]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert_eq!(rows.len(), 2, "regular and bold:\n{fonts}");
        for row in rows {
            let columns: Vec<&str> = row.split_whitespace().collect();
            assert!(
                row.contains("+DejaVuSans"),
                "a subset of DejaVu Sans: {row}"
            );
            assert_eq!(columns[columns.len() - 5], "yes", "embedded: {row}");
            assert_eq!(columns[columns.len() - 4], "yes", "subset: {row}");
            assert_eq!(
                columns[columns.len() - 3],
                "yes",
                "with a Unicode map: {row}"
            );
        }
        tests::tools::assert_pdf_a_2b(&pdf.bytes);
    }
}

/// A revoked certificate stays in the register; the public check says "revoked" with the date
/// and never the reason, and the PDF is no longer handed out.
async fn a_revoked_certificate_says_so_publicly_without_the_reason(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let course = plan(app, &token, "mentor_course", 7.0).await;
    let id = &course.id;
    let person = app
        .call(
            Method::POST,
            "/api/v1/people",
            &token,
            Some(json!({ "given_name": "Rita", "family_name": "Rückruf" })),
        )
        .await
        .json();
    let enrolment = app
        .call(
            Method::POST,
            &format!("/api/v1/courses/{id}/enrolments"),
            &token,
            Some(json!({ "person_id": person["id"] })),
        )
        .await
        .json()[0]["id"]
        .clone();
    for session in &course.sessions {
        app.call(
            Method::PUT,
            &format!("/api/v1/courses/{id}/sessions/{session}/attendance"),
            &token,
            Some(json!([{ "enrolment_id": enrolment, "status": "present" }])),
        )
        .await;
    }
    step(
        app,
        &token,
        id,
        &["registration_open", "running", "completed"],
    )
    .await;
    let certificate = issue(app, &token, id, &enrolment).await.json();
    let code = certificate["verification_code"].as_str().unwrap();
    let check = format!("/api/v1/public/certificates/{code}");
    assert_eq!(app.get(&check).await.json()["revoked_on"], Value::Null);

    let revocation = format!("/api/v1/certificates/{}/revocation", certificate["id"]);
    let blank = app
        .call(
            Method::POST,
            &revocation,
            &token,
            Some(json!({ "reason": "  " })),
        )
        .await
        .problem(422);
    assert_eq!(blank["errors"][0]["field"], "reason");
    let reason = "Anwesenheit nachträglich berichtigt";
    let revoked = app
        .call(
            Method::POST,
            &revocation,
            &token,
            Some(json!({ "reason": reason })),
        )
        .await;
    assert_eq!(revoked.status, StatusCode::OK, "{}", revoked.text);
    let revoked = revoked.json();
    assert_eq!(revoked["revocation_reason"], reason);
    let day = revoked["revoked_on"]
        .as_str()
        .expect("a revocation date")
        .to_owned();

    let public = app.get(&check).await;
    assert_eq!(public.status, StatusCode::OK);
    assert_eq!(public.json()["revoked_on"], day.as_str());
    assert_eq!(public.json()["holder_name"], "Rita Rückruf");
    assert!(
        !public.text.contains("berichtigt"),
        "the reason stays private: {}",
        public.text
    );

    let again = app
        .call(
            Method::POST,
            &revocation,
            &token,
            Some(json!({ "reason": reason })),
        )
        .await
        .problem(409);
    assert_eq!(again["code"], "already_revoked");
    let pdf = app
        .call(
            Method::GET,
            &format!("/api/v1/certificates/{}/pdf", certificate["id"]),
            &token,
            None,
        )
        .await
        .problem(409);
    assert_eq!(pdf["code"], "certificate_revoked");
}

on_both_databases!(
    a_revoked_certificate_says_so_publicly_without_the_reason,
    certificates_print_every_name_exactly_in_an_embedded_font,
    certificates_need_a_completed_course_and_the_hours,
    the_pdf_states_name_course_dates_hours_topics_and_provider,
    a_trainer_course_certificate_qualifies_the_tandem
);
