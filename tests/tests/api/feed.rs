//! The sync feed of the public listing: a follower that applies it ends with exactly the
//! server's listing, however many writers on however many instances change consents meanwhile;
//! a position older than the tombstones are kept is refused with 410.

use crate::people::{create, mentor};
use rand::Rng;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};
use tests::{on_both_databases, Method, StatusCode, TestApp};

/// A municipality's copy of the listing, kept up to date through the feed.
#[derive(Default)]
struct Follower {
    copy: BTreeMap<i64, Value>,
    /// The newest `modified_at` applied: where the next round resumes.
    resume: String,
}

impl Follower {
    fn new() -> Self {
        Self {
            copy: BTreeMap::new(),
            resume: "1970-01-01T00:00:00Z".into(),
        }
    }

    /// Follows the feed from `resume` to its end, `next` link by `next` link.
    async fn sync(&mut self, app: &TestApp) {
        let mut url = format!(
            "/api/v1/public/mentors?modified_since={}&limit=7",
            self.resume
        );
        loop {
            let reply = app.get(&url).await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
            let page = reply.json();
            for item in page["items"].as_array().unwrap() {
                let id = item["id"].as_i64().unwrap();
                if item["deleted"] == true {
                    self.copy.remove(&id);
                } else {
                    self.copy.insert(id, item.clone());
                }
                let at = item["modified_at"].as_str().unwrap().to_owned();
                assert!(
                    at >= self.resume,
                    "the feed goes forward: {at} after {}",
                    self.resume
                );
                self.resume = at;
            }
            match page["next"].as_str() {
                Some(next) => url = next.to_owned(),
                None => break,
            }
        }
    }
}

/// The listing as a fresh reader sees it, all pages.
async fn full_listing(app: &TestApp) -> BTreeMap<i64, Value> {
    let page = app.get("/api/v1/public/mentors?limit=200").await.json();
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["id"].as_i64().unwrap(), m.clone()))
        .collect()
}

async fn a_follower_ends_with_exactly_the_listing_while_writers_change_it(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let staff = app.staff_token().await;
    let second = app.second_instance().await;
    let mut people = Vec::new();
    for i in 0..30 {
        let ags = ["08111000", "08116019", "08116020", "08416041"][i % 4];
        let person = create(
            app,
            &staff,
            mentor("Mentor", &format!("Folge{i}"), ags, &[1], "active"),
        )
        .await;
        people.push(person["id"].as_i64().unwrap());
    }

    let deadline = Instant::now() + Duration::from_secs(6);
    let writers = (0..12).map(|w| {
        let (server, staff, people) = (if w % 2 == 0 { app } else { &second }, &staff, &people);
        async move {
            let mut changes = 0;
            while Instant::now() < deadline {
                let (person, level) = {
                    let mut rng = rand::thread_rng();
                    let person = people[rng.gen_range(0..people.len())];
                    (
                        person,
                        ["none", "name_fields", "contact"][rng.gen_range(0..3)],
                    )
                };
                let reply = server
                    .call(
                        Method::PUT,
                        &format!("/api/v1/people/{person}/consent"),
                        staff,
                        Some(json!({ "level": level })),
                    )
                    .await;
                assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
                changes += 1;
            }
            changes
        }
    });
    let follow = async {
        let mut follower = Follower::new();
        let mut rounds = 0;
        while Instant::now() < deadline {
            follower.sync(&second).await;
            rounds += 1;
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        (follower, rounds)
    };
    let (changes, (mut follower, rounds)) =
        futures::join!(futures::future::join_all(writers), follow);
    let changes: usize = changes.iter().sum();
    // Enough overlap to matter even on a slow, busy machine.
    assert!(
        changes > 50 && rounds > 1,
        "{changes} changes, {rounds} rounds"
    );

    follower.sync(app).await;
    let listing = full_listing(app).await;
    assert!(!listing.is_empty());
    assert_eq!(
        follower.copy, listing,
        "after {changes} changes the copy is the listing, withdrawals included"
    );
    second.stop().await;
}

async fn a_position_older_than_the_tombstones_is_gone(app: &TestApp) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    let staff = app.staff_token().await;
    let old = (chrono::Utc::now() - chrono::Duration::days(181))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let gone = app
        .get(&format!("/api/v1/public/mentors?modified_since={old}"))
        .await;
    let problem = gone.problem(410);
    assert!(problem["detail"]
        .as_str()
        .unwrap()
        .contains("1970-01-01T00:00:00Z"));
    let recent = (chrono::Utc::now() - chrono::Duration::days(179))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    assert_eq!(
        app.get(&format!("/api/v1/public/mentors?modified_since={recent}"))
            .await
            .status,
        StatusCode::OK
    );
    // A cursor handed out more than 180 days ago is gone too, whatever entry it points at.
    let issued = chrono::Utc::now().timestamp() - 181 * 24 * 3600;
    app.get(&format!(
        "/api/v1/public/mentors?modified_since=1970-01-01T00:00:00Z&after=0.1.{issued}"
    ))
    .await
    .problem(410);

    // Tombstones past the retention are removed when the next one is written.
    let person = create(
        app,
        &staff,
        mentor("Alt", "Ausgetreten", "08111000", &[1], "active"),
    )
    .await;
    let consent = |id: i64, level: &'static str| {
        let (app, staff) = (app, staff.clone());
        async move {
            let path = format!("/api/v1/people/{id}/consent");
            let body = json!({ "level": level });
            let reply = app.call(Method::PUT, &path, &staff, Some(body)).await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        }
    };
    consent(person["id"].as_i64().unwrap(), "contact").await;
    consent(person["id"].as_i64().unwrap(), "none").await;
    app.execute_sql(&format!(
        "UPDATE public_tombstones SET deleted_at = '{}' WHERE person_id = {}",
        (chrono::Utc::now() - chrono::Duration::days(200)).format("%Y-%m-%d %H:%M:%S"),
        person["id"]
    ))
    .await;
    let other = create(
        app,
        &staff,
        mentor("Neu", "Ausgetreten", "08111000", &[1], "active"),
    )
    .await;
    consent(other["id"].as_i64().unwrap(), "contact").await;
    consent(other["id"].as_i64().unwrap(), "none").await;
    let feed = app
        .get("/api/v1/public/mentors?modified_since=1970-01-01T00:00:00Z")
        .await
        .json();
    let tombstones: Vec<&Value> = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["deleted"] == true)
        .map(|m| &m["id"])
        .collect();
    assert_eq!(
        tombstones,
        [&other["id"]],
        "the old tombstone is gone, the new one kept"
    );
}

on_both_databases!(
    a_follower_ends_with_exactly_the_listing_while_writers_change_it,
    a_position_older_than_the_tombstones_is_gone
);
