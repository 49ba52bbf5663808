//! Reports: the programme report's figures against a fixture counted by hand, and their
//! stability when a person is erased.
//!
//! The fixture is written with SQL, because reports are about the past: dated status histories,
//! completed courses and revoked certificates of earlier years, which the API (rightly) only
//! records as of today. Ids start at 9001 so they never meet ids the API hands out.

use serde_json::Value;
use tests::{on_both_databases, Method, StatusCode, TestApp};

/// Five courses, their people and certificates, and three mentors; see the comments for what
/// each row contributes to the counts asserted below.
const FIXTURE: &str = "
INSERT INTO people (id, given_name, family_name, sort_name, search_text, email, created_at, updated_at) VALUES
 (9001, 'Pia', 'Eins', 'eins pia', 'pia eins', 'pia.eins@example.org', '2025-01-01 00:00:00', '2025-01-01 00:00:00'),
 (9002, 'Paul', 'Zwei', 'zwei paul', 'paul zwei', NULL, '2025-01-01 00:00:00', '2025-01-01 00:00:00'),
 (9003, 'Petra', 'Drei', 'drei petra', 'petra drei', NULL, '2025-01-01 00:00:00', '2025-01-01 00:00:00'),
 (9004, 'Peer', 'Vier', 'vier peer', 'peer vier', NULL, '2025-01-01 00:00:00', '2025-01-01 00:00:00'),
 (9005, 'Pauline', 'Fünf', 'funf pauline', 'pauline funf', NULL, '2025-01-01 00:00:00', '2025-01-01 00:00:00'),
 (9006, 'Piet', 'Sechs', 'sechs piet', 'piet sechs', NULL, '2025-01-01 00:00:00', '2025-01-01 00:00:00'),
 (9007, 'Paula', 'Sieben', 'sieben paula', 'paula sieben', NULL, '2025-01-01 00:00:00', '2025-01-01 00:00:00'),
 (9008, 'Pit', 'Acht', 'acht pit', 'pit acht', NULL, '2025-01-01 00:00:00', '2025-01-01 00:00:00'),
 (9011, 'Tina', 'Tandem', 'tandem tina', 'tina tandem', NULL, '2025-01-01 00:00:00', '2025-01-01 00:00:00'),
 (9012, 'Tom', 'Tandem', 'tandem tom', 'tom tandem', NULL, '2025-01-01 00:00:00', '2025-01-01 00:00:00'),
 (9021, 'Mara', 'Neu', 'neu mara', 'mara neu', NULL, '2025-01-01 00:00:00', '2025-01-01 00:00:00'),
 (9022, 'Moritz', 'Ruhestand', 'ruhestand moritz', 'moritz ruhestand', NULL, '2025-01-01 00:00:00', '2025-01-01 00:00:00'),
 (9023, 'Mia', 'Aktiv', 'aktiv mia', 'mia aktiv', 'mia.aktiv@example.org', '2025-01-01 00:00:00', '2025-01-01 00:00:00');

-- C1 Esslingen: 2026-02-10 (3 h) and 2026-05-12 (3.5 h), completed 2026-05-20.
-- C2 Stuttgart: 2025-10-01 (2 h) and 2026-01-15 (2 h), completed 2026-01-20.
-- C3 Tübingen: cancelled, would have started 2026-03-01.
-- C4 trainer course without municipality: 2026-04-01 and 2026-04-02 (7 h each), completed 2026-04-10.
-- C5 Esslingen: planned, 2026-12-20, after 'today' (2026-11-26), so no hours yet.
INSERT INTO courses (id, kind, title, status, municipality_ags, required_hours, capacity, completed_on, created_at, updated_at) VALUES
 (9101, 'mentor_course', 'C1', 'completed', '08116019', 6, 10, '2026-05-20', '2025-01-01 00:00:00', '2025-01-01 00:00:00'),
 (9102, 'mentor_course', 'C2', 'completed', '08111000', 4, 10, '2026-01-20', '2025-01-01 00:00:00', '2025-01-01 00:00:00'),
 (9103, 'mentor_course', 'C3', 'cancelled', '08416041', 3, 10, NULL, '2025-01-01 00:00:00', '2025-01-01 00:00:00'),
 (9104, 'trainer_course', 'C4', 'completed', NULL, 14, 10, '2026-04-10', '2025-01-01 00:00:00', '2025-01-01 00:00:00'),
 (9105, 'mentor_course', 'C5', 'planned', '08116020', 2, 10, NULL, '2025-01-01 00:00:00', '2025-01-01 00:00:00');
INSERT INTO course_sessions (id, course_id, session_date, start_time, end_time) VALUES
 (9201, 9101, '2026-02-10', '18:00:00', '21:00:00'),
 (9202, 9101, '2026-05-12', '18:00:00', '21:30:00'),
 (9203, 9102, '2025-10-01', '10:00:00', '12:00:00'),
 (9204, 9102, '2026-01-15', '10:00:00', '12:00:00'),
 (9205, 9103, '2026-03-01', '09:00:00', '12:00:00'),
 (9206, 9104, '2026-04-01', '09:30:00', '16:30:00'),
 (9207, 9104, '2026-04-02', '09:30:00', '16:30:00'),
 (9208, 9105, '2026-12-20', '18:00:00', '20:00:00'),
 (9209, 9105, NULL, NULL, NULL);
INSERT INTO enrolments (id, course_id, person_id, status, tandem_partner_id, created_at, updated_at) VALUES
 (9301, 9101, 9001, 'completed', NULL, '2025-12-01 00:00:00', '2025-12-01 00:00:00'),
 (9302, 9101, 9002, 'completed', NULL, '2025-12-01 00:00:00', '2025-12-01 00:00:00'),
 (9303, 9101, 9003, 'dropped_out', NULL, '2025-12-01 00:00:00', '2025-12-01 00:00:00'),
 (9304, 9101, 9004, 'cancelled', NULL, '2025-12-01 00:00:00', '2025-12-01 00:00:00'),
 (9305, 9101, 9005, 'waitlisted', NULL, '2025-12-01 00:00:00', '2025-12-01 00:00:00'),
 (9306, 9102, 9006, 'completed', NULL, '2025-09-01 00:00:00', '2025-09-01 00:00:00'),
 (9307, 9103, 9007, 'confirmed', NULL, '2025-12-01 00:00:00', '2025-12-01 00:00:00'),
 (9308, 9104, 9011, 'completed', 9012, '2026-01-01 00:00:00', '2026-01-01 00:00:00'),
 (9309, 9104, 9012, 'completed', 9011, '2026-01-01 00:00:00', '2026-01-01 00:00:00'),
 (9310, 9105, 9008, 'registered', NULL, '2026-10-01 00:00:00', '2026-10-01 00:00:00');
-- The tandem trained in C4 leads C5.
UPDATE enrolments SET local_course_id = 9105 WHERE id IN (9308, 9309);
-- Certified: Pia (C1), Piet (C2); Paul's certificate was revoked in June.
INSERT INTO certificates (id, serial, verification_code, enrolment_id, person_id, course_id, course_kind, holder_name, course_title, hours, topics, issued_on, issued_at, revoked_on) VALUES
 (9401, 'R-1', 'RCODE0001', 9301, 9001, 9101, 'mentor_course', 'Pia Eins', 'C1', 6.5, '', '2026-05-20', '2026-05-20 12:00:00', NULL),
 (9402, 'R-2', 'RCODE0002', 9302, 9002, 9101, 'mentor_course', 'Paul Zwei', 'C1', 6.5, '', '2026-05-20', '2026-05-20 12:00:00', '2026-06-01'),
 (9403, 'R-3', 'RCODE0003', 9306, 9006, 9102, 'mentor_course', 'Piet Sechs', 'C2', 4, '', '2026-01-20', '2026-01-20 12:00:00', NULL);

-- Mara: certified 2026-05-20, active since June, in Esslingen, field A.
-- Moritz: active 2025-03-01, retired 2026-09-01, in Stuttgart and Filderstadt, fields A and B.
-- Mia: active since 2025-11-01 in Filderstadt, field B.
INSERT INTO mentors (person_id, status, status_since, public_modified_at) VALUES
 (9021, 'active', '2026-06-01 00:00:00', '2026-06-01 00:00:00'),
 (9022, 'retired', '2026-09-01 00:00:00', '2026-09-01 00:00:00'),
 (9023, 'active', '2025-11-01 00:00:00', '2025-11-01 00:00:00');
INSERT INTO mentor_status_history (id, person_id, status, changed_at) VALUES
 (9501, 9021, 'in_training', '2025-06-01 09:00:00'),
 (9502, 9021, 'certified', '2026-05-20 09:00:00'),
 (9503, 9021, 'active', '2026-06-01 09:00:00'),
 (9504, 9022, 'active', '2025-03-01 09:00:00'),
 (9505, 9022, 'retired', '2026-09-01 09:00:00'),
 (9506, 9023, 'active', '2025-11-01 09:00:00');
-- The accompaniment year of C1: two meetings, Pia at both, Paul at the first.
INSERT INTO accompaniment_meetings (id, course_id, meeting_date, place, topic, created_at) VALUES
 (9601, 9101, '2026-06-15', 'Rathaus Esslingen', 'Erste Projekte', '2026-06-15 20:00:00'),
 (9602, 9101, '2026-10-01', NULL, 'Vernetzung', '2026-10-01 20:00:00');
INSERT INTO accompaniment_attendance (meeting_id, enrolment_id) VALUES (9601, 9301), (9601, 9302), (9602, 9301);
INSERT INTO mentor_municipalities (person_id, municipality_ags) VALUES
 (9021, '08116019'), (9022, '08111000'), (9022, '08116020'), (9023, '08116020');
";

/// The mentors' two fields: the first two fields of activity.
const FIELDS: &str = "
INSERT INTO mentor_fields (person_id, field_id) VALUES
 (9021, {A}), (9022, {A}), (9022, {B}), (9023, {B});
";

async fn report(app: &TestApp, token: &str, query: &str) -> Value {
    let reply = app
        .call(
            Method::GET,
            &format!("/api/v1/reports/programme?{query}"),
            token,
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    reply.json()
}

fn district<'a>(report: &'a Value, key: &str) -> &'a Value {
    report["districts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["key"] == key)
        .unwrap_or_else(|| panic!("district {key} in the report"))
}

/// The named figures of `row`, in order, for compact comparisons.
fn figures(row: &Value, names: &[&str]) -> Vec<f64> {
    names
        .iter()
        .map(|n| row[*n].as_f64().unwrap_or_else(|| panic!("{n} in {row}")))
        .collect()
}

const COURSES: [&str; 9] = [
    "courses_planned",
    "courses_held",
    "courses_cancelled",
    "participants_started",
    "participants_completed",
    "participants_certified",
    "participants_dropped_out",
    "hours_delivered",
    "tandems_trained",
];
const MENTORS: [&str; 6] = [
    "mentors_new",
    "mentors_active",
    "mentors_active_previous",
    "municipalities",
    "municipalities_with_mentor",
    "municipalities_with_mentor_previous",
];

async fn load_fixture(app: &TestApp, token: &str) -> (i64, i64) {
    app.import_municipalities(crate::MUNICIPALITIES).await;
    app.execute_sql(FIXTURE).await;
    let fields = app
        .call(Method::GET, "/api/v1/fields", token, None)
        .await
        .json();
    let ids: Vec<i64> = fields["items"]
        .as_array()
        .or(fields.as_array())
        .unwrap()
        .iter()
        .map(|f| f["id"].as_i64().unwrap())
        .collect();
    let (a, b) = (ids[0], ids[1]);
    app.execute_sql(
        &FIELDS
            .replace("{A}", &a.to_string())
            .replace("{B}", &b.to_string()),
    )
    .await;
    (a, b)
}

async fn the_programme_report_counts_what_happened(app: &TestApp) {
    let token = app.staff_token().await;
    let (field_a, field_b) = load_fixture(app, &token).await;

    let year = report(app, &token, "year=2026").await;
    assert_eq!(year["period"]["from"], "2026-01-01");
    assert_eq!(year["previous"]["year"], 2025);
    // planned C1 C4 C5; held C1 C2 C4; cancelled C3; started Pia Paul Petra (C1), the tandem
    // (C4), Pit (C5); completed Pia Paul Piet and the tandem; certified Pia Piet; dropped out
    // Petra; hours 6.5 (C1) + 2 (C2 in 2026) + 14 (C4); one tandem.
    assert_eq!(
        figures(&year["total"], &COURSES),
        [3.0, 3.0, 1.0, 6.0, 5.0, 2.0, 1.0, 22.5, 1.0]
    );
    // New: Mara. Active at the end of 2026: Mara, Mia; of 2025: Moritz, Mia. Municipalities with
    // a mentor (of the state's 1,101): Esslingen and Filderstadt; a year before Stuttgart and
    // Filderstadt.
    assert_eq!(
        figures(&year["total"], &MENTORS),
        [1.0, 2.0, 2.0, 1101.0, 2.0, 2.0]
    );
    assert_eq!(
        figures(district(&year, "08116"), &COURSES),
        [2.0, 1.0, 0.0, 4.0, 2.0, 1.0, 1.0, 6.5, 0.0]
    );
    assert_eq!(
        figures(district(&year, "08116"), &MENTORS),
        [1.0, 2.0, 2.0, 44.0, 2.0, 1.0]
    );
    assert_eq!(
        figures(district(&year, "08111"), &COURSES),
        [0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 2.0, 0.0]
    );
    assert_eq!(
        figures(district(&year, "08111"), &MENTORS),
        [0.0, 0.0, 1.0, 1.0, 0.0, 1.0]
    );
    assert_eq!(
        figures(district(&year, "08416"), &COURSES),
        [0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    );
    assert_eq!(
        figures(&year["without_district"], &COURSES),
        [1.0, 1.0, 0.0, 2.0, 2.0, 0.0, 0.0, 14.0, 1.0]
    );
    let accompaniment = ["accompaniment_meetings", "accompaniment_attendances"];
    assert_eq!(figures(&year["total"], &accompaniment), [2.0, 3.0]);
    assert_eq!(
        figures(district(&year, "08116"), &accompaniment),
        [2.0, 3.0]
    );
    let kinds = year["kinds"].as_array().unwrap();
    assert_eq!(kinds[0]["kind"], "mentor_course");
    assert_eq!(
        figures(&kinds[0], &COURSES),
        [2.0, 2.0, 1.0, 4.0, 3.0, 2.0, 1.0, 8.5, 0.0]
    );
    assert_eq!(
        figures(&kinds[1], &COURSES),
        [1.0, 1.0, 0.0, 2.0, 2.0, 0.0, 0.0, 14.0, 1.0]
    );
    let field = |id: i64| {
        year["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["field_id"] == id)
            .unwrap()
            .clone()
    };
    let mentor_only = &MENTORS[..3];
    assert_eq!(figures(&field(field_a), mentor_only), [1.0, 1.0, 1.0]);
    assert_eq!(figures(&field(field_b), mentor_only), [0.0, 1.0, 2.0]);

    // The tandem trained in C4 (once, though both partners are enrolled) and its local course.
    assert_eq!(
        year["tandems"],
        serde_json::json!([{
            "trainer_course_id": 9104, "trainer_course_title": "C4", "completed_on": "2026-04-10",
            "trainers": ["Tina Tandem", "Tom Tandem"],
            "local_course": { "id": 9105, "title": "C5", "status": "planned", "first_date": "2026-12-20" }
        }])
    );

    // The year before: C2 started (Piet), its first session held; Moritz and Mia new.
    let before = report(app, &token, "year=2025").await;
    assert_eq!(
        figures(&before["total"], &COURSES),
        [1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 2.0, 0.0]
    );
    assert_eq!(figures(&before["total"], &MENTORS[..2]), [2.0, 2.0]);

    // The second quarter: C4 starts; C1 and C4 are held; Paul's certificate was revoked before
    // the quarter ended; hours 3.5 (C1) + 14 (C4).
    let q2 = report(app, &token, "year=2026&quarter=2").await;
    assert_eq!(q2["previous"]["quarter"], 1);
    assert_eq!(
        figures(
            &q2["total"],
            &["accompaniment_meetings", "accompaniment_attendances"]
        ),
        [1.0, 2.0]
    );
    assert_eq!(
        figures(&q2["total"], &COURSES),
        [1.0, 2.0, 0.0, 2.0, 4.0, 1.0, 0.0, 17.5, 1.0]
    );

    // Bad periods are explained; only staff read reports.
    let missing = app
        .call(Method::GET, "/api/v1/reports/programme", &token, None)
        .await
        .problem(422);
    assert_eq!(missing["errors"][0]["field"], "year");
    let quarter = app
        .call(
            Method::GET,
            "/api/v1/reports/programme?year=2026&quarter=5",
            &token,
            None,
        )
        .await
        .problem(422);
    assert_eq!(quarter["errors"][0]["field"], "quarter");
    app.get("/api/v1/reports/programme?year=2026")
        .await
        .problem(401);
}

async fn the_report_reads_back_as_a_german_spreadsheet(app: &TestApp) {
    let token = app.staff_token().await;
    load_fixture(app, &token).await;
    let reply = app
        .send(
            app.client
                .get(app.url("/api/v1/reports/programme?year=2026&format=csv"))
                .bearer_auth(&token),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert!(reply
        .header("content-disposition")
        .unwrap()
        .contains("mentorat-bericht-2026.csv"));
    // Opened as German Excel opens it: `;`, UTF-8, German number format.
    let cells: Vec<Vec<Value>> = serde_json::from_value(tests::tools::read_download(
        "spreadsheet.py",
        ".csv",
        &reply.bytes,
        &["1031"],
    ))
    .unwrap();
    let rows: Vec<Vec<Value>> = cells
        .iter()
        .map(|row| row.iter().map(|c| c["value"].clone()).collect())
        .collect();
    assert_eq!(rows[0][0], "Ebene");
    assert_eq!(rows[0][10], "Stunden durchgeführt");
    let state = &rows[1];
    assert_eq!(state[2], "Baden-Württemberg gesamt");
    // Excel reads the hours as the number 22.5 from "22,5", the district key as text.
    assert_eq!(state[10], 22.5);
    assert_eq!(state[3], 3);
    let esslingen = rows
        .iter()
        .find(|r| r[1] == "08116")
        .expect("Esslingen's row with its key as text");
    assert_eq!(esslingen[3], 2);
    assert_eq!(esslingen[10], 6.5);
    assert_eq!(
        esslingen[19], 4.55,
        "2 of the district's 44 municipalities, in percent"
    );
}

async fn the_report_opens_in_excel_with_number_and_date_cells(app: &TestApp) {
    let token = app.staff_token().await;
    load_fixture(app, &token).await;
    let reply = app
        .send(
            app.client
                .get(app.url("/api/v1/reports/programme?year=2026&quarter=2&format=xlsx"))
                .bearer_auth(&token),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert!(reply
        .header("content-disposition")
        .unwrap()
        .contains("mentorat-bericht-2026-Q2.xlsx"));
    let book = tests::tools::read_download("workbook.py", ".xlsx", &reply.bytes, &[]);
    assert_eq!(book["title"], "Bericht 2026 Q2");
    assert_eq!(book["frozen"], "D5", "header row and names stay in view");
    let rows = book["rows"].as_array().unwrap();
    // The period as real dates, shown the German way.
    assert_eq!(rows[1][1]["value"], "2026-04-01T00:00:00");
    assert_eq!(rows[1][1]["type"], "datetime");
    assert_eq!(rows[1][1]["format"], "dd.mm.yyyy");
    assert_eq!(rows[1][2]["value"], "2026-06-30T00:00:00");
    assert_eq!(rows[3][10]["value"], "Stunden durchgeführt");
    let state = &rows[4];
    assert_eq!(state[2]["value"], "Baden-Württemberg gesamt");
    // Held C1 and C4; 17.5 hours as a number with one decimal.
    assert_eq!(state[4]["value"], 2);
    assert_eq!(state[4]["type"], "int");
    assert_eq!(state[10]["value"], 17.5);
    assert_eq!(state[10]["format"], "0.0");
    let esslingen = rows
        .iter()
        .find(|r| r[1]["value"] == "08116")
        .expect("the district key as text");
    assert_eq!(esslingen[19]["format"], "0.0%");
    assert!((esslingen[19]["value"].as_f64().unwrap() - 2.0 / 44.0).abs() < 1e-9);
    app.call(
        Method::GET,
        "/api/v1/reports/programme?year=2026&format=docx",
        &token,
        None,
    )
    .await
    .problem(422);
}

/// Erasing people keeps the figures of past periods: their enrolments, attendance, certificates
/// and status history stay, anonymised.
async fn erasure_keeps_the_figures_of_past_periods(app: &TestApp) {
    let token = app.staff_token().await;
    load_fixture(app, &token).await;
    let periods = ["year=2025", "year=2026&quarter=1", "year=2026&quarter=3"];
    let mut before = Vec::new();
    for p in periods {
        before.push(report(app, &token, p).await);
    }
    // Petra dropped out of C1; Mia is an active mentor without a certificate.
    for id in [9003, 9023] {
        let erased = app
            .call(
                Method::DELETE,
                &format!("/api/v1/people/{id}"),
                &token,
                None,
            )
            .await;
        assert_eq!(erased.status, StatusCode::NO_CONTENT, "{}", erased.text);
    }
    for (p, was) in periods.iter().zip(&before) {
        let now = report(app, &token, p).await;
        assert!(
            &now == was,
            "{p} changed with the erasure: {} before, {} after",
            was["total"],
            now["total"]
        );
    }
    let rows = app.every_row().await;
    for gone in ["Petra", "Drei", "Mia", "mia.aktiv@example.org"] {
        let found: Vec<&str> = rows.lines().filter(|l| l.contains(gone)).collect();
        assert!(found.is_empty(), "{gone} is still stored: {found:?}");
    }
    // An erased person is gone for everyone, including staff.
    app.call(Method::GET, "/api/v1/people/9023", &token, None)
        .await
        .problem(404);
}

/// Pixels of the bars' blue on a page `pdftoppm` rendered (PPM).
fn bar_pixels(ppm: &[u8]) -> usize {
    let header = ppm
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(2)
        .unwrap()
        .0
        + 1;
    ppm[header..]
        .chunks(3)
        .filter(|p| p[0] < 20 && (80..100).contains(&p[1]) && (145..165).contains(&p[2]))
        .count()
}

async fn the_annual_report_reads_as_a_pdf_with_charts_and_tables(app: &TestApp) {
    let token = app.staff_token().await;
    load_fixture(app, &token).await;
    let json = report(app, &token, "year=2026").await;
    let reply = app
        .call(
            Method::GET,
            "/api/v1/reports/programme?year=2026&format=pdf",
            &token,
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.header("content-type"), Some("application/pdf"));
    assert!(reply
        .header("content-disposition")
        .unwrap()
        .contains("mentorat-bericht-2026.pdf"));
    // Read as a reader's viewer shows it, columns kept apart.
    let text = tests::tools::poppler("pdftotext", &reply.bytes, &["-layout", "-enc", "UTF-8"]);
    let line_of = |start: &str| -> Vec<String> {
        text.lines()
            .find(|l| l.trim_start().starts_with(start))
            .unwrap_or_else(|| panic!("no line {start:?} in:\n{text}"))
            .split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect()
    };
    assert!(text.contains("Programmbericht 2026"), "{text}");
    let total = &json["total"];
    assert_eq!(
        line_of("Kurse durchgeführt"),
        [
            "Kurse durchgeführt",
            &total["courses_held"].to_string(),
            "–"
        ]
    );
    assert_eq!(
        line_of("Stunden durchgeführt")[1],
        format!("{:.1}", total["hours_delivered"].as_f64().unwrap()).replace('.', ",")
    );
    // The district table carries the chart's figures as text.
    let esslingen = district(&json, "08116");
    let label = esslingen["label"].as_str().unwrap();
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.trim_start().starts_with(label))
        .collect();
    assert_eq!(rows.len(), 2, "one bar and one table row: {rows:?}");
    let bar: Vec<&str> = rows[0].split_whitespace().collect();
    assert_eq!(
        bar.last().unwrap().to_string(),
        esslingen["courses_held"].to_string()
    );
    let cells: Vec<&str> = rows[1]
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let figure = |name: &str| esslingen[name].to_string();
    assert_eq!(
        cells,
        [
            label,
            &figure("courses_held"),
            &figure("participants_certified"),
            &figure("mentors_active"),
            &figure("municipalities_with_mentor"),
            "4,5 %",
        ]
    );
    let fonts = tests::tools::poppler("pdffonts", &reply.bytes, &[]);
    assert!(
        fonts.lines().skip(2).all(|l| l.contains(" yes ")),
        "every font embedded: {fonts}"
    );
    tests::tools::assert_pdf_a_2b(&reply.bytes);
    let page = tests::tools::poppler_bytes(
        "pdftoppm",
        &reply.bytes,
        &["-r", "50", "-f", "1", "-l", "1"],
    );
    assert!(bar_pixels(&page) > 50, "the bars are drawn");

    // In English, and for a year before the programme: no bars, a sentence instead.
    let english = app
        .call(
            Method::GET,
            "/api/v1/reports/programme?year=2001&format=pdf&lang=en",
            &token,
            None,
        )
        .await;
    let text = tests::tools::poppler("pdftotext", &english.bytes, &["-enc", "UTF-8"]);
    assert!(text.contains("Programme report 2001"), "{text}");
    assert!(text.contains("No figures for this period."), "{text}");
    let page = tests::tools::poppler_bytes(
        "pdftoppm",
        &english.bytes,
        &["-r", "50", "-f", "1", "-l", "1"],
    );
    assert_eq!(bar_pixels(&page), 0);
}

/// Who was active when follows every write to the status history: rows recorded out of order,
/// a date corrected afterwards, a row deleted.
async fn active_mentors_follow_every_change_of_the_status_history(app: &TestApp) {
    let token = app.staff_token().await;
    let person = app
        .call(
            Method::POST,
            "/api/v1/people",
            &token,
            Some(serde_json::json!({ "given_name": "Zeynep", "family_name": "Kaya" })),
        )
        .await
        .json();
    let id = &person["id"];
    // Certified in February, active in March, paused in May, active again in September; the
    // September row is written first.
    for (status, at) in [
        ("active", "2025-09-01 10:00:00"),
        ("certified", "2025-02-01 10:00:00"),
        ("active", "2025-03-01 10:00:00"),
        ("paused", "2025-05-01 10:00:00"),
    ] {
        app.execute_sql(&format!(
            "INSERT INTO mentor_status_history (person_id, status, changed_at) VALUES ({id}, '{status}', '{at}')"
        ))
        .await;
    }
    let active = |quarter: u8| {
        let token = token.clone();
        async move {
            let r = report(app, &token, &format!("year=2025&quarter={quarter}")).await;
            let total = &r["total"];
            (
                total["mentors_new"].as_i64().unwrap(),
                total["mentors_active"].as_i64().unwrap(),
            )
        }
    };
    assert_eq!(
        active(1).await,
        (1, 1),
        "new and active at the end of March"
    );
    assert_eq!(active(2).await, (0, 0), "paused at the end of June");
    assert_eq!(active(3).await, (0, 1), "active again in September");
    // The return is corrected to December: the third quarter ends paused.
    app.execute_sql(&format!(
        "UPDATE mentor_status_history SET changed_at = '2025-12-01 10:00:00' WHERE person_id = {id} AND changed_at = '2025-09-01 10:00:00'"
    ))
    .await;
    assert_eq!(active(3).await, (0, 0));
    // The pause was recorded by mistake: without it, June ends active.
    app.execute_sql(&format!(
        "DELETE FROM mentor_status_history WHERE person_id = {id} AND status = 'paused'"
    ))
    .await;
    assert_eq!(active(2).await, (0, 1));
}

/// The per-course figures the report reads follow every write their triggers watch: a session
/// moved to another year and one deleted, an enrolment's state changed, a course moved to
/// another district.
async fn course_figures_follow_every_change_of_courses_sessions_and_enrolments(app: &TestApp) {
    let token = app.staff_token().await;
    load_fixture(app, &token).await;
    for change in [
        "UPDATE course_sessions SET session_date = '2025-05-12' WHERE id = 9202",
        "DELETE FROM course_sessions WHERE id = 9201",
        "UPDATE enrolments SET status = 'completed' WHERE id = 9303",
        "UPDATE courses SET municipality_ags = '08111000' WHERE id = 9101",
    ] {
        app.execute_sql(change).await;
    }
    // C1 now starts on 2025-05-12 (3.5 h, its only session), in Stuttgart, with Pia, Paul and
    // Petra completed. Esslingen keeps C5 alone.
    let year = report(app, &token, "year=2026").await;
    assert_eq!(
        figures(district(&year, "08116"), &COURSES),
        [1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    );
    // Stuttgart: C2 and C1 held; completed Piet and C1's three; certified Piet and Pia; C2's
    // two hours of 2026.
    assert_eq!(
        figures(district(&year, "08111"), &COURSES),
        [0.0, 2.0, 0.0, 0.0, 4.0, 2.0, 0.0, 2.0, 0.0]
    );
    // 2025: C2 and C1 planned there, Piet and C1's three started, 2 h + 3.5 h held.
    let before = report(app, &token, "year=2025").await;
    assert_eq!(
        figures(district(&before, "08111"), &COURSES),
        [2.0, 0.0, 0.0, 4.0, 0.0, 0.0, 0.0, 5.5, 0.0]
    );
}

/// Mentor figures say when they were counted: a past period at its end; a running one at the
/// start of the current hour, recorded and read back unchanged by the next ask.
async fn mentor_figures_say_when_they_were_counted(app: &TestApp) {
    let token = app.staff_token().await;
    load_fixture(app, &token).await;
    let past = report(app, &token, "year=2025").await;
    assert_eq!(past["mentors_counted_at"], "2026-01-01T00:00:00Z");
    let running = report(app, &token, "year=2099").await;
    let counted_at: chrono::DateTime<chrono::Utc> =
        serde_json::from_value(running["mentors_counted_at"].clone()).unwrap();
    let age = chrono::Utc::now() - counted_at;
    assert!(
        age >= chrono::Duration::zero() && age < chrono::Duration::hours(1),
        "{counted_at}"
    );
    assert_eq!(counted_at.timestamp() % 3600, 0, "the start of an hour");
    let now = report(app, &token, "year=2026").await;
    assert_eq!(now["mentors_counted_at"], running["mentors_counted_at"]);
    assert_eq!(report(app, &token, "year=2026").await, now);
}

/// Two server instances on one database asked for the same reports at once give the same
/// figures, and those a later ask reads back: whichever counted first recorded them.
async fn two_instances_count_and_record_the_same_mentor_figures(app: &TestApp) {
    let token = app.staff_token().await;
    load_fixture(app, &token).await;
    let second = app.second_instance().await;
    let periods = [
        "year=2025",
        "year=2026",
        "year=2026&quarter=2",
        "year=2026&quarter=4",
    ];
    let asks = periods.iter().flat_map(|p| [(app, *p), (&second, *p)]);
    let answers = futures::future::join_all(asks.map(|(server, period)| {
        let token = token.clone();
        async move { report(server, &token, period).await }
    }))
    .await;
    for (i, period) in periods.iter().enumerate() {
        assert_eq!(answers[2 * i], answers[2 * i + 1], "{period}");
        assert_eq!(
            report(app, &token, period).await,
            answers[2 * i],
            "{period}"
        );
    }
    second.stop().await;
}

/// A server counts the mentor figures of each year and quarter of the last three years when it
/// starts, so reports read them back; they are the figures a report would count itself.
async fn a_server_counts_the_recent_periods_ahead(app: &TestApp) {
    use chrono::Datelike;
    let token = app.staff_token().await;
    load_fixture(app, &token).await;
    let counting = app
        .instance_with(tests::Options {
            count_ahead: true,
            ..Default::default()
        })
        .await;
    // Three years and every quarter begun: two whole years' four and this year's so far.
    let today = backend::dates::today_in_berlin();
    let periods = 3 + 8 + i64::from(today.month0() / 3 + 1);
    let counted = "SELECT COUNT(*) AS n FROM mentor_figures WHERE dimension = 'state'";
    let started = std::time::Instant::now();
    while app.count_sql(counted).await < periods {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "{} of {periods} periods counted",
            app.count_sql(counted).await
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    counting.stop().await;
    let queries = [
        "year=2025",
        "year=2026&quarter=2",
        &format!("year={}", today.year()),
    ];
    let mut ahead = Vec::new();
    for query in queries {
        ahead.push(report(app, &token, query).await);
    }
    app.execute_sql("DELETE FROM mentor_figures").await;
    for (query, ahead) in queries.iter().zip(ahead) {
        assert_eq!(report(app, &token, query).await, ahead, "{query}");
    }
}

on_both_databases!(
    active_mentors_follow_every_change_of_the_status_history,
    a_server_counts_the_recent_periods_ahead,
    course_figures_follow_every_change_of_courses_sessions_and_enrolments,
    mentor_figures_say_when_they_were_counted,
    two_instances_count_and_record_the_same_mentor_figures,
    the_annual_report_reads_as_a_pdf_with_charts_and_tables,
    the_programme_report_counts_what_happened,
    the_report_reads_back_as_a_german_spreadsheet,
    the_report_opens_in_excel_with_number_and_date_cells,
    erasure_keeps_the_figures_of_past_periods,
);
