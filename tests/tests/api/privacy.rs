//! Data-protection duties: a person's export holds everything stored about them; erasure
//! leaves nothing of them in any table, while courses and the audit trail (ids only) stay.

use serde_json::json;
use tests::{on_both_databases, Method, StatusCode, TestApp};

async fn export_holds_everything_and_erasure_leaves_nothing_behind(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let staff = app.staff_token().await;
    let admin = app.admin_token().await;
    let person = app.call(Method::POST, "/api/v1/people", &staff, Some(json!({
            "given_name": "Xaverine", "family_name": "Quellbrunn", "email": "xaverine.quellbrunn@example.org",
            "phone": "0711 987654321", "address": { "street": "Zauberweg 77", "postal_code": "73728", "city": "Esslingen" },
            "municipality": "08116019", "languages": ["de", "it"],
            "mentor": { "status": "active", "municipalities": ["08116019"], "activity_profile": "Einzigartiges-Profil-4711", "themes": ["Thema-Quellbrunn"] }
        }))).await;
    assert_eq!(person.status, StatusCode::CREATED, "{}", person.text);
    let id = person.json()["id"].as_i64().unwrap();
    let consent = app
        .call(
            Method::PUT,
            &format!("/api/v1/people/{id}/consent"),
            &staff,
            Some(json!({ "level": "contact" })),
        )
        .await;
    assert_eq!(consent.status, StatusCode::OK, "{}", consent.text);
    let course = app
        .call(
            Method::POST,
            "/api/v1/courses",
            &staff,
            Some(json!({ "kind": "mentor_course", "title": "Kurs Esslingen", "capacity": 5 })),
        )
        .await
        .json();
    let course_id = course["id"].as_i64().unwrap();
    let session = app
        .call(
            Method::POST,
            &format!("/api/v1/courses/{course_id}/sessions"),
            &staff,
            Some(json!({ "date": "2026-02-01", "start": "18:00:00", "end": "21:00:00" })),
        )
        .await
        .json()["sessions"][0]["id"]
        .clone();
    app.call(
        Method::PUT,
        &format!("/api/v1/courses/{course_id}/status"),
        &staff,
        Some(json!({ "status": "registration_open" })),
    )
    .await;
    let enrolment = app
        .call(
            Method::POST,
            &format!("/api/v1/courses/{course_id}/enrolments"),
            &staff,
            Some(json!({ "person_id": id })),
        )
        .await
        .json()[0]["id"]
        .clone();
    app.call(
        Method::PUT,
        &format!("/api/v1/courses/{course_id}/sessions/{session}/attendance"),
        &staff,
        Some(json!([{ "enrolment_id": enrolment, "status": "partial", "hours": 2.5 }])),
    )
    .await;
    let invited = app.call(Method::POST, "/api/v1/invitations", &admin, Some(json!({
            "email": "xaverine.login@example.org", "display_name": "Xaverine Q.", "role": "mentor", "person_id": id
        }))).await.json();
    let token = invited["link"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let accepted = app
        .send(
            app.client
                .post(app.url(&format!("/api/v1/invitations/{token}/accept")))
                .json(&json!({ "password": "xaverines-passwort" })),
        )
        .await;
    assert_eq!(accepted.status, StatusCode::CREATED, "{}", accepted.text);

    // The export: record, consent, enrolment with attendance, account and audit trail.
    let export = app
        .call(
            Method::GET,
            &format!("/api/v1/people/{id}/export"),
            &staff,
            None,
        )
        .await;
    assert_eq!(export.status, StatusCode::OK, "{}", export.text);
    assert!(export
        .header("content-disposition")
        .unwrap()
        .contains(&format!("mentorat-person-{id}.json")));
    let export = export.json();
    assert_eq!(export["person"]["email"], "xaverine.quellbrunn@example.org");
    assert_eq!(export["person"]["mentor"]["consent"]["level"], "contact");
    assert_eq!(export["enrolments"][0]["course_title"], "Kurs Esslingen");
    assert_eq!(
        export["enrolments"][0]["attendance"][0],
        json!({ "session_date": "2026-02-01", "status": "partial", "hours": 2.5 })
    );
    assert_eq!(export["accounts"][0]["email"], "xaverine.login@example.org");
    let audit_routes: Vec<&str> = export["audit"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["route"].as_str().unwrap())
        .collect();
    assert!(
        audit_routes.contains(&"POST /api/v1/people")
            && audit_routes.contains(&"PUT /api/v1/people/{id}/consent"),
        "{audit_routes:?}"
    );
    let exports = app
        .call(Method::GET, "/api/v1/audit?action=export", &admin, None)
        .await
        .json();
    assert_eq!(exports["items"][0]["record"], format!("people/{id}/export"));

    let found_by_search = || async {
        app.call(Method::GET, "/api/v1/people?q=Quellbrunn", &staff, None)
            .await
            .json()["total"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(found_by_search().await, 1);
    let before = app.every_row().await;
    assert!(
        before.contains("Quellbrunn") && before.contains("xaverine.login@example.org"),
        "the dump sees the data"
    );

    // Erasure.
    let erased = app
        .call(
            Method::DELETE,
            &format!("/api/v1/people/{id}"),
            &staff,
            None,
        )
        .await;
    assert_eq!(erased.status, StatusCode::NO_CONTENT, "{}", erased.text);
    assert_eq!(
        found_by_search().await,
        0,
        "the search index forgets the name"
    );
    let after = app.every_row().await;
    for value in [
        "Xaverine",
        "Quellbrunn",
        "xaverine",
        "987654321",
        "Zauberweg",
        "Einzigartiges-Profil-4711",
        "Thema-Quellbrunn",
    ] {
        let found: Vec<&str> = after.lines().filter(|l| l.contains(value)).collect();
        assert!(found.is_empty(), "{value} is still stored: {found:?}");
    }
    app.login("xaverine.login@example.org", "xaverines-passwort")
        .await
        .problem(401);
    app.call(
        Method::GET,
        &format!("/api/v1/people/{id}/export"),
        &staff,
        None,
    )
    .await
    .problem(404);
    // The course and the audit trail stay.
    assert_eq!(
        app.get(&format!("/api/v1/courses/{course_id}"))
            .await
            .status,
        StatusCode::OK
    );
    let trail = app
        .call(
            Method::GET,
            &format!("/api/v1/audit?record=people/{id}"),
            &admin,
            None,
        )
        .await
        .json();
    assert!(trail["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "delete"));
}

async fn only_staff_export_people(app: &TestApp) {
    let staff = app.staff_token().await;
    let admin = app.admin_token().await;
    let id = app
        .call(
            Method::POST,
            "/api/v1/people",
            &staff,
            Some(json!({ "given_name": "A", "family_name": "B" })),
        )
        .await
        .json()["id"]
        .clone();
    let created = app.call(Method::POST, "/api/v1/invitations", &admin, Some(json!({ "email": "k@example.org", "display_name": "K", "role": "coordinator", "areas": ["08116"] }))).await.json();
    let token = created["link"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let coordinator = app
        .send(
            app.client
                .post(app.url(&format!("/api/v1/invitations/{token}/accept")))
                .json(&json!({ "password": "ein-gutes-passwort" })),
        )
        .await
        .json()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    app.call(
        Method::GET,
        &format!("/api/v1/people/{id}/export"),
        &coordinator,
        None,
    )
    .await
    .problem(403);
    app.get(&format!("/api/v1/people/{id}/export"))
        .await
        .problem(401);
}

on_both_databases!(
    export_holds_everything_and_erasure_leaves_nothing_behind,
    only_staff_export_people
);

async fn a_mentor_sees_exports_and_consents_for_themselves_and_asks_for_erasure(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let staff = app.staff_token().await;
    let admin = app.admin_token().await;
    let mut ids = Vec::new();
    for given in ["Mara", "Nils"] {
        let body = json!({ "given_name": given, "family_name": "Muster", "municipality": "08116019", "mentor": { "status": "active", "municipalities": ["08116019"] } });
        ids.push(
            app.call(Method::POST, "/api/v1/people", &staff, Some(body))
                .await
                .json()["id"]
                .as_i64()
                .unwrap(),
        );
    }
    let (own, other) = (ids[0], ids[1]);
    let invited = app.call(Method::POST, "/api/v1/invitations", &admin, Some(json!({ "email": "mara@example.org", "display_name": "Mara", "role": "mentor", "person_id": own }))).await.json();
    let token = invited["link"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let mentor = app
        .send(
            app.client
                .post(app.url(&format!("/api/v1/invitations/{token}/accept")))
                .json(&json!({ "password": "maras-passwort-1" })),
        )
        .await
        .json()["token"]
        .as_str()
        .unwrap()
        .to_owned();

    assert_eq!(
        app.call(Method::GET, &format!("/api/v1/people/{own}"), &mentor, None)
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        app.call(
            Method::GET,
            &format!("/api/v1/people/{own}/export"),
            &mentor,
            None
        )
        .await
        .json()["person"]["given_name"],
        "Mara"
    );
    let consent = app
        .call(
            Method::PUT,
            &format!("/api/v1/people/{own}/consent"),
            &mentor,
            Some(json!({ "level": "contact" })),
        )
        .await;
    assert_eq!(consent.status, StatusCode::OK, "{}", consent.text);
    assert_eq!(consent.json()["mentor"]["consent"]["level"], "contact");
    // Contact details and profile texts are the mentor's own; status and areas are not.
    let profile = json!({ "email": "mara.neu@example.org", "phone": "0711 1", "languages": ["de", "fr"], "activity_profile": "Begleite Sportvereine.", "availability": "samstags" });
    let updated = app
        .call(
            Method::PUT,
            &format!("/api/v1/people/{own}/profile"),
            &mentor,
            Some(profile.clone()),
        )
        .await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.text);
    let updated = updated.json();
    assert_eq!(
        (
            updated["email"].as_str(),
            updated["mentor"]["activity_profile"].as_str()
        ),
        (Some("mara.neu@example.org"), Some("Begleite Sportvereine."))
    );
    assert_eq!(
        (
            updated["given_name"].as_str(),
            updated["mentor"]["status"].as_str()
        ),
        (Some("Mara"), Some("active"))
    );
    assert_eq!(updated["mentor"]["municipalities"][0]["ags"], "08116019");
    let broken = app
        .call(
            Method::PUT,
            &format!("/api/v1/people/{own}/profile"),
            &mentor,
            Some(json!({ "email": "kaputt" })),
        )
        .await
        .problem(422);
    assert_eq!(broken["errors"][0]["field"], "email");
    app.call(
        Method::PUT,
        &format!("/api/v1/people/{other}/profile"),
        &mentor,
        Some(profile),
    )
    .await
    .problem(404);
    // Somebody else's record does not exist for a mentor.
    app.call(
        Method::GET,
        &format!("/api/v1/people/{other}/export"),
        &mentor,
        None,
    )
    .await
    .problem(404);
    app.call(
        Method::PUT,
        &format!("/api/v1/people/{other}/consent"),
        &mentor,
        Some(json!({ "level": "none" })),
    )
    .await
    .problem(404);
    app.call(
        Method::POST,
        &format!("/api/v1/people/{other}/erasure-request"),
        &mentor,
        None,
    )
    .await
    .problem(404);
    app.call(Method::GET, "/api/v1/erasure-requests", &mentor, None)
        .await
        .problem(403);

    for _ in 0..2 {
        assert_eq!(
            app.call(
                Method::POST,
                &format!("/api/v1/people/{own}/erasure-request"),
                &mentor,
                None
            )
            .await
            .status,
            StatusCode::ACCEPTED
        );
    }
    let pending = app
        .call(Method::GET, "/api/v1/erasure-requests", &staff, None)
        .await
        .json();
    assert_eq!(pending.as_array().unwrap().len(), 1, "{pending}");
    assert_eq!(
        (
            pending[0]["person_id"].as_i64(),
            pending[0]["retention"].is_null()
        ),
        (Some(own), true)
    );
    let erased = app
        .call(
            Method::DELETE,
            &format!("/api/v1/people/{own}"),
            &staff,
            None,
        )
        .await;
    assert_eq!(erased.status, StatusCode::NO_CONTENT, "{}", erased.text);
    assert_eq!(
        app.call(Method::GET, "/api/v1/erasure-requests", &staff, None)
            .await
            .json(),
        json!([])
    );
    app.call(Method::GET, "/api/v1/auth/me", &mentor, None)
        .await
        .problem(401);
}

on_both_databases!(a_mentor_sees_exports_and_consents_for_themselves_and_asks_for_erasure);
