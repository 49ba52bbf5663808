//! Every page of the web app, signed out and in each of the five roles (staff, admin, coordinator,
//! trainer, mentor), in headless Chromium on the demo
//! data: axe-core's WCAG 2.1 A and AA rules, and reflow (no sideways scrolling) at 320 and
//! 390 CSS px. What it finds is compared with the committed list of known findings,
//! `tests/accessibility-findings.txt`: a finding not on the list fails the test, and so does a
//! listed one that no longer occurs, so the list only shrinks. `MENTORAT_WRITE_FINDINGS=1`
//! writes the list anew (review the diff before committing it).

use fantoccini::{Client, Locator};
use serde_json::Value;
use std::collections::BTreeSet;
use std::time::{Duration, Instant};
use tests::browser::{frontend_dist, sign_in_as, Browser};
use tests::{spawn_with, tools, Database, Options, Role, TestApp};

const FINDINGS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/accessibility-findings.txt");

/// The widths a page must fit without scrolling sideways (WCAG 1.4.10: 320 CSS px).
const PHONE_WIDTHS: [u32; 2] = [320, 390];

/// How long a page may take to show its heading and finish loading.
const SETTLE: Duration = Duration::from_secs(10);

/// Who looks at the pages.
#[derive(Clone, Copy)]
enum Viewer {
    SignedOut,
    Signed(Role, &'static str),
}

impl Viewer {
    fn name(self) -> String {
        match self {
            Viewer::SignedOut => "signed-out".to_owned(),
            Viewer::Signed(role, _) => role.code().to_owned(),
        }
    }
}

/// Every route of `frontend/src/route.rs`: its pattern (named in the findings) and the address
/// visited, with ids of demo records and tokens that do not exist (the page's "invalid link"
/// state is a page too).
fn routes(ids: &DemoIds) -> Vec<(&'static str, String)> {
    let DemoIds {
        organisation,
        person,
        course,
    } = ids;
    vec![
        ("/", "/".into()),
        ("/anmelden", "/anmelden".into()),
        ("/organisationen", "/organisationen".into()),
        ("/organisationen/neu", "/organisationen/neu".into()),
        (
            "/organisationen/:id",
            format!("/organisationen/{organisation}"),
        ),
        (
            "/organisationen/:id/bearbeiten",
            format!("/organisationen/{organisation}/bearbeiten"),
        ),
        ("/einsatzfelder", "/einsatzfelder".into()),
        ("/personen", "/personen".into()),
        ("/personen/neu", "/personen/neu".into()),
        ("/personen/:id", format!("/personen/{person}")),
        (
            "/personen/:id/bearbeiten",
            format!("/personen/{person}/bearbeiten"),
        ),
        ("/abdeckung", "/abdeckung".into()),
        ("/oeffentlich", "/oeffentlich".into()),
        ("/kreise", "/kreise".into()),
        ("/kreise/:key", "/kreise/08116".into()),
        ("/kurse", "/kurse".into()),
        ("/kurse/neu", "/kurse/neu".into()),
        ("/kurse/:id", format!("/kurse/{course}")),
        (
            "/kurse/:id/bearbeiten",
            format!("/kurse/{course}/bearbeiten"),
        ),
        (
            "/kurse/:id/anwesenheit",
            format!("/kurse/{course}/anwesenheit"),
        ),
        ("/kurs-finden", "/kurs-finden".into()),
        ("/kurs-finden/:id", format!("/kurs-finden/{course}")),
        (
            "/anmeldung/bestaetigen/:token",
            "/anmeldung/bestaetigen/ungueltig".into(),
        ),
        ("/anmeldung/:token", "/anmeldung/ungueltig".into()),
        ("/kalender", "/kalender".into()),
        ("/berichte", "/berichte".into()),
        ("/pruefen", "/pruefen".into()),
        ("/pruefen/:code", "/pruefen/UNBEKANNT".into()),
        ("/verwaltung", "/verwaltung".into()),
        ("/verwaltung/protokoll", "/verwaltung/protokoll".into()),
        ("/verwaltung/clients", "/verwaltung/clients".into()),
        ("/verwaltung/post", "/verwaltung/post".into()),
        (
            "/kurse/anmeldungen-pruefen",
            "/kurse/anmeldungen-pruefen".into(),
        ),
        (
            "/kurse/tandembewerbungen",
            "/kurse/tandembewerbungen".into(),
        ),
        (
            "/tandem/bestaetigen/:token",
            "/tandem/bestaetigen/ungueltig".into(),
        ),
        ("/einladung/:token", "/einladung/ungueltig".into()),
        ("/passwort-vergessen", "/passwort-vergessen".into()),
        (
            "/passwort-zuruecksetzen/:token",
            "/passwort-zuruecksetzen/ungueltig".into(),
        ),
        ("/konto", "/konto".into()),
        ("/barrierefreiheit", "/barrierefreiheit".into()),
        ("/nicht-gefunden", "/gibt-es-nicht".into()),
    ]
}

struct DemoIds {
    organisation: i64,
    person: i64,
    course: i64,
}

async fn demo_ids(app: &TestApp, token: &str) -> DemoIds {
    let first = |path: &'static str| async move {
        let page = app.call(tests::Method::GET, path, token, None).await.json();
        page["items"][0]["id"]
            .as_i64()
            .unwrap_or_else(|| panic!("no demo record at {path}: {page}"))
    };
    // The demo data has no people: one mentor, so the person pages show a full record.
    let mentor = serde_json::json!({
        "given_name": "Ayşe",
        "family_name": "Yılmaz",
        "email": "ayse.yilmaz@example.org",
        "phone": "0711 555 0100",
        "address": { "street": "Lindenweg 3", "postal_code": "70173", "city": "Stuttgart" },
        "municipality": "08111000",
        "languages": ["de", "tr"],
        "mentor": {
            "status": "active",
            "fields": [1],
            "municipalities": ["08111000"],
            "activity_profile": "Begleitet Vereine beim Gewinnen junger Ehrenamtlicher.",
            "target_groups": ["Jugendliche"],
            "themes": ["Integration"],
            "availability": "abends"
        }
    });
    let created = app
        .call(tests::Method::POST, "/api/v1/people", token, Some(mentor))
        .await;
    assert_eq!(
        created.status,
        tests::StatusCode::CREATED,
        "{}",
        created.text
    );
    DemoIds {
        organisation: first("/api/v1/organisations?limit=1").await,
        person: created.json()["id"].as_i64().unwrap(),
        course: first("/api/v1/courses?limit=1").await,
    }
}

const COORDINATOR: &str = "koordination@mentorat.example";
const TRAINER: &str = "trainerin@mentorat.example";
const MENTOR: &str = "mentorin@mentorat.example";

/// Accounts for the roles the demo lacks, made as an admin makes them (an invitation, accepted
/// with [`tests::STAFF_PASSWORD`]): a coordinator for Esslingen, a trainer with a trainer's
/// record, and the demo mentor `mentor` with an account of her own.
async fn invite_the_other_roles(app: &TestApp, staff: &str, admin: &str, mentor: i64) {
    use serde_json::json;
    let trainer = app
        .call(
            tests::Method::POST,
            "/api/v1/people",
            staff,
            Some(json!({ "given_name": "Tina", "family_name": "Trainerin", "trainer": { "kind": "professional" } })),
        )
        .await
        .json()["id"]
        .clone();
    for body in [
        json!({ "email": COORDINATOR, "display_name": "Koordination Esslingen", "role": "coordinator", "areas": ["08116"] }),
        json!({ "email": TRAINER, "display_name": "Tina Trainerin", "role": "trainer", "person_id": trainer }),
        json!({ "email": MENTOR, "display_name": "Ayşe Yılmaz", "role": "mentor", "person_id": mentor }),
    ] {
        app.invite_and_accept(admin, body).await;
    }
}

/// Waits until the page shows its main heading and nothing is loading any more; a page that
/// never does is audited as it stands (axe then names what is missing).
async fn settle(c: &Client) {
    let started = Instant::now();
    while started.elapsed() < SETTLE {
        let ready = c
            .execute(
                "return !!document.querySelector('main h1') \
                 && !document.querySelector('.loading, [aria-busy=true]');",
                vec![],
            )
            .await
            .unwrap();
        if ready == Value::Bool(true) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// axe-core's WCAG 2.1 A and AA violations on the page: (rule, where, first elements).
async fn axe(c: &Client, source: &str) -> Vec<(String, String)> {
    c.execute(source, vec![]).await.unwrap();
    let violations = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { runOnly: { type: 'tag',
                 values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
               .then(r => done(r.violations.map(v => [v.id,
                   v.nodes.length + '× ' + v.nodes.slice(0, 3)
                       .map(n => n.target.join(' ')).join(', ')
                   + ' (' + (v.nodes[0].failureSummary || '').replace(/\\s+/g, ' ') + ')'])))
               .catch(e => done([['axe-failed', String(e)]]));",
            vec![],
        )
        .await
        .unwrap();
    violations
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v[0].as_str().unwrap().to_owned(),
                v[1].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Whether the page scrolls sideways at `width` CSS px (scrolling inside a region of its own,
/// such as a wide table's, does not count: it does not widen the page).
async fn scrolls_sideways_at(c: &Client, width: u32) -> Option<String> {
    c.set_window_size(width, 800).await.unwrap();
    tokio::time::sleep(Duration::from_millis(150)).await;
    // The page's width, the window's, and the innermost elements reaching past the window
    // (outside scrolling regions): what to mend.
    let measured = c
        .execute(
            "const w = window.innerWidth;
             const over = el => el.getBoundingClientRect().right > w + 1 && !el.closest('.scroll');
             const culprits = [...document.querySelectorAll('body *')]
               .filter(el => over(el) && ![...el.children].some(over))
               .concat([...document.querySelectorAll('body *')].filter(el =>
                   !el.closest('.scroll') && el.scrollWidth > el.clientWidth + 1
                   && getComputedStyle(el).overflowX === 'visible'
                   && el.getBoundingClientRect().right + el.scrollWidth - el.clientWidth > w + 1))
               .slice(0, 4)
               .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                 + (typeof el.className === 'string' && el.className.trim()
                     ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
                 + ' (' + Math.round(el.getBoundingClientRect().width) + ' px)');
             return [document.documentElement.scrollWidth, w, culprits.join(', ')];",
            vec![],
        )
        .await
        .unwrap();
    let (page, window) = (measured[0].as_i64().unwrap(), measured[1].as_i64().unwrap());
    (page > window).then(|| format!("page {page} px in a {window} px window: {}", measured[2]))
}

/// The audit's list of routes is the app's: a route added to `frontend/src/route.rs` without
/// being audited fails here.
#[test]
fn the_audit_visits_every_route_of_the_app() {
    let app: BTreeSet<&str> = include_str!("../../frontend/src/route.rs")
        .lines()
        .filter_map(|line| line.trim().strip_prefix("#[at(\""))
        .filter_map(|rest| rest.strip_suffix("\")]"))
        .collect();
    let audited: BTreeSet<&str> = routes(&DemoIds {
        organisation: 1,
        person: 1,
        course: 1,
    })
    .into_iter()
    .map(|(pattern, _)| pattern)
    .collect();
    assert!(app.len() > 30, "routes not found in route.rs: {app:?}");
    assert_eq!(audited, app);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_passes_axe_and_fits_a_phone() {
    let app = spawn_with(
        Database::Sqlite,
        Options {
            static_dir: Some(frontend_dist()),
            demo: true,
            ..Options::default()
        },
    )
    .await;
    let staff = app.staff_token().await;
    let admin = app.admin_token().await;
    let ids = demo_ids(&app, &staff).await;
    invite_the_other_roles(&app, &staff, &admin, ids.person).await;
    let axe_source = std::fs::read_to_string(tools::node_modules().join("axe-core/axe.min.js"))
        .expect("axe-core is installed with the pinned npm tools");
    let browser = Browser::start().await;
    let c = &browser.client;

    let viewers = [
        Viewer::SignedOut,
        Viewer::Signed(Role::Staff, "mitarbeiterin@mentorat.example"),
        Viewer::Signed(Role::Admin, "admin@mentorat.example"),
        Viewer::Signed(Role::Coordinator, COORDINATOR),
        Viewer::Signed(Role::Trainer, TRAINER),
        Viewer::Signed(Role::Mentor, MENTOR),
    ];
    // `MENTORAT_AUDIT_ONLY=/kurse/:id` audits one route, to see its details while mending it
    // (the comparison with the list is then skipped).
    let only = std::env::var("MENTORAT_AUDIT_ONLY").ok();
    let mut found = BTreeSet::new();
    let mut details = Vec::new();
    for viewer in viewers {
        c.goto(&app.url("/")).await.unwrap();
        c.execute("localStorage.clear(); sessionStorage.clear();", vec![])
            .await
            .unwrap();
        if let Viewer::Signed(_, email) = viewer {
            sign_in_as(c, &app, email).await;
            c.wait()
                .at_most(SETTLE)
                .for_element(Locator::Css("main h1"))
                .await
                .unwrap();
        }
        for (pattern, path) in routes(&ids) {
            if only.as_ref().is_some_and(|only| only != pattern) {
                continue;
            }
            c.set_window_size(1366, 900).await.unwrap();
            c.goto(&app.url(&path)).await.unwrap();
            settle(c).await;
            let at = format!("{} {pattern}", viewer.name());
            for (rule, nodes) in axe(c, &axe_source).await {
                details.push(format!("{at} axe:{rule}: {nodes}"));
                found.insert(format!("{at} axe:{rule}"));
            }
            for width in PHONE_WIDTHS {
                if let Some(how) = scrolls_sideways_at(c, width).await {
                    details.push(format!("{at} reflow:{width}: {how}"));
                    found.insert(format!("{at} reflow:{width}"));
                }
            }
        }
    }
    browser.close().await;
    app.stop().await;

    if only.is_some() {
        eprintln!("{}", details.join("\n"));
        return;
    }
    if std::env::var_os("MENTORAT_WRITE_FINDINGS").is_some() {
        let mut text = String::from(
            "# Known accessibility findings (tests/tests/accessibility.rs): viewer, route, rule.\n\
             # Each line is a defect to mend; the test fails when one is mended and still listed.\n",
        );
        for line in &found {
            text.push_str(line);
            text.push('\n');
        }
        std::fs::write(FINDINGS, text).unwrap();
        eprintln!("{}", details.join("\n"));
    }
    let known: BTreeSet<String> = std::fs::read_to_string(FINDINGS)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_owned)
        .collect();
    let new: Vec<_> = found.difference(&known).collect();
    let mended: Vec<_> = known.difference(&found).collect();
    assert!(
        new.is_empty() && mended.is_empty(),
        "new findings: {new:#?}\nmended but still listed in {FINDINGS}: {mended:#?}\nall details:\n{}",
        details.join("\n")
    );
}
