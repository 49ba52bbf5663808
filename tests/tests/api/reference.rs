//! Districts and municipalities.

use serde_json::json;
use tests::{on_both_databases, Method, StatusCode, TestApp};

async fn all_44_districts_with_region_and_kind(app: &TestApp) {
    let districts = app.get("/api/v1/districts").await.json();
    let districts = districts.as_array().unwrap();
    assert_eq!(districts.len(), 44);
    let count = |kind: &str| districts.iter().filter(|d| d["kind"] == kind).count();
    assert_eq!((count("landkreis"), count("stadtkreis")), (35, 9));
    let stuttgart = app.get("/api/v1/districts/08111").await.json();
    assert_eq!(stuttgart["name"], "Stuttgart");
    assert_eq!(stuttgart["region"], "Stuttgart");
    let tuebingen = app.get("/api/v1/districts/08416").await.json();
    assert_eq!(tuebingen["region"], "Tübingen");
    app.get("/api/v1/districts/99999").await.problem(404);
    app.get("/api/v1/districts/abc").await.problem(404);
}

async fn municipalities_filter_by_district_and_name(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let esslingen = app
        .get("/api/v1/municipalities?district=08116")
        .await
        .json();
    assert_eq!(
        esslingen["total"], 44,
        "the official list ships with the server"
    );
    assert_eq!(esslingen["items"][0]["district_name"], "Esslingen");
    let search = app.get("/api/v1/municipalities?q=TUBINGEN").await.json();
    assert_eq!(
        search["items"][0]["ags"], "08416041",
        "case and umlauts do not matter"
    );
    assert_eq!(
        app.get("/api/v1/municipalities?q=T%C3%BCb").await.json()["total"],
        1
    );
    assert_eq!(
        app.get("/api/v1/districts/08116").await.json()["municipality_count"],
        44
    );
    let one = app.get("/api/v1/municipalities/08111000").await.json();
    assert_eq!(
        (one["name"].as_str(), one["population"].as_i64()),
        (Some("Stuttgart"), Some(610458))
    );
    app.get("/api/v1/municipalities/08111999")
        .await
        .problem(404);
    app.get("/api/v1/municipalities?district=81")
        .await
        .problem(422);
}

async fn reimport_updates_names_and_keeps_references(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let token = app.staff_token().await;
    let org = app
        .call(
            Method::POST,
            "/api/v1/organisations",
            &token,
            Some(json!({
                "kind": "association", "name": "Bürgerverein Filder", "municipality": "08116020"
            })),
        )
        .await;
    assert_eq!(org.status, StatusCode::CREATED, "{}", org.text);
    let id = org.json()["id"].clone();
    // A newer edition: renamed, and without Tübingen.
    app.import_municipalities(
        "ags,name,kind\n08116020,Filderstadt (neu),Stadt\n08111000,Stuttgart,Stadtkreis\n",
    )
    .await;
    let org = app.get(&format!("/api/v1/organisations/{id}")).await.json();
    assert_eq!(org["municipality"]["ags"], "08116020");
    assert_eq!(org["municipality"]["name"], "Filderstadt (neu)");
    let renamed = app.get("/api/v1/municipalities/08116020").await.json();
    assert_eq!(renamed["kind"], "Stadt");
    assert_eq!(
        app.get("/api/v1/municipalities/08416041").await.status,
        StatusCode::OK,
        "kept"
    );
}

/// A new server knows the whole state from its first start: the official list ships with it.
async fn a_fresh_start_knows_every_municipality_of_the_state(app: &TestApp) {
    let municipalities = app.get("/api/v1/municipalities?limit=1").await.json();
    assert_eq!(municipalities["total"], 1101);
    let districts = app.get("/api/v1/districts").await.json();
    let districts = districts.as_array().unwrap();
    assert_eq!(districts.len(), 44);
    let counted: i64 = districts
        .iter()
        .map(|d| d["municipality_count"].as_i64().unwrap())
        .sum();
    assert_eq!(counted, 1101, "every municipality in its district");
    let label = |key: &str| {
        districts.iter().find(|d| d["key"] == key).unwrap()["label"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(label("08121"), "Heilbronn (Stadtkreis)");
    assert_eq!(label("08125"), "Heilbronn (Landkreis)");
    assert_eq!(label("08212"), "Karlsruhe (Stadtkreis)");
    assert_eq!(label("08215"), "Karlsruhe (Landkreis)");
    assert_eq!(label("08116"), "Esslingen", "a name of its own stays plain");
    let coverage = app.get("/api/v1/coverage").await.json();
    assert_eq!(coverage["state"]["municipalities"], 1101);
}

/// The accessibility statement names who runs the installation and where feedback goes, as
/// configured, to anyone without signing in.
async fn the_site_names_its_operator_and_contact(app: &TestApp) {
    let reply = app.get("/api/v1/public/site").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(
        reply.json(),
        json!({ "operator": "Bildungsträger im Test", "email": "barrierefreiheit@test.example" })
    );
}

on_both_databases!(
    the_site_names_its_operator_and_contact,
    a_fresh_start_knows_every_municipality_of_the_state,
    all_44_districts_with_region_and_kind,
    municipalities_filter_by_district_and_name,
    reimport_updates_names_and_keeps_references
);
