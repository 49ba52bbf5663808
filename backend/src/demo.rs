//! Demo data for a first look at the app (`serve --demo`): partner organisations, two courses
//! with their dates and a staff account (the municipalities are the official list every
//! database starts with). Only ever written into an empty database.

use crate::auth::upsert_account;
use crate::db::{write_tx, DbConnection};
use crate::schema::{accounts, organisations};
use diesel::prelude::*;
use shared::auth::Role;
use shared::organisations::{
    Address, Contact, OrganisationInput, OrganisationKind as Kind, ProgrammeRole as Role_,
};

pub const DEMO_ADMIN_EMAIL: &str = "admin@mentorat.example";
pub const DEMO_ADMIN_PASSWORD: &str = "mentorat-demo";

fn organisation(
    kind: Kind,
    name: &str,
    city: &str,
    ags: &str,
    fields: &[i64],
    roles: &[Role_],
) -> OrganisationInput {
    OrganisationInput {
        kind,
        name: name.into(),
        address: Address {
            city: Some(city.into()),
            ..Address::default()
        },
        municipality: Some(ags.into()),
        contact: Contact::default(),
        website: None,
        fields: fields.to_vec(),
        roles: roles.to_vec(),
    }
}

/// Seeds when there are no accounts and no organisations yet.
pub fn seed_if_empty(conn: &mut DbConnection) -> anyhow::Result<()> {
    let accounts: i64 = accounts::table.count().get_result(conn)?;
    let orgs: i64 = organisations::table.count().get_result(conn)?;
    if accounts > 0 || orgs > 0 {
        return Ok(());
    }
    upsert_account(
        conn,
        &DEMO_ADMIN_EMAIL.parse()?,
        "Demo-Administration",
        DEMO_ADMIN_PASSWORD,
        Role::Admin,
    )
    .map_err(|e| anyhow::anyhow!("demo account: {e}"))?;
    let demo = [
        organisation(
            Kind::EducationProvider,
            "Paritätisches Bildungswerk Baden-Württemberg",
            "Stuttgart",
            "08111000",
            &[],
            &[Role_::EducationProvider, Role_::CourseVenue],
        ),
        organisation(
            Kind::Ministry,
            "Ministerium für Soziales, Gesundheit und Integration",
            "Stuttgart",
            "08111000",
            &[],
            &[Role_::CommissioningBody, Role_::Sponsor],
        ),
        organisation(
            Kind::Association,
            "Bürgerverein Esslingen-Mitte e. V.",
            "Esslingen am Neckar",
            "08116019",
            &[2, 10],
            &[Role_::Partner],
        ),
        organisation(
            Kind::School,
            "Friedrich-Schiller-Gymnasium",
            "Aalen",
            "08136088",
            &[1, 6],
            &[Role_::Partner],
        ),
        organisation(
            Kind::MigrantOrganisation,
            "Interkulturelles Forum Ulm",
            "Ulm",
            "08421000",
            &[4, 5],
            &[Role_::Partner, Role_::CourseVenue],
        ),
        organisation(
            Kind::Company,
            "Stadtwerke Tübingen",
            "Tübingen",
            "08416041",
            &[9],
            &[Role_::Sponsor],
        ),
    ];
    write_tx(conn, |conn| {
        for input in &demo {
            let draft = input
                .parse()
                .map_err(|e| anyhow::anyhow!("demo organisation: {:?}", e.0))?;
            crate::api::organisations::store::save(conn, None, &draft, 1)
                .map_err(|e| anyhow::anyhow!("demo organisation: {e}"))?;
        }
        courses(conn)
    })?;
    tracing::info!(account = DEMO_ADMIN_EMAIL, "demo data created");
    Ok(())
}

/// A local course open for registration, weekly from next week, and a trainer course in
/// planning; dated from today so the calendar overview has something to show.
fn courses(conn: &mut DbConnection) -> anyhow::Result<()> {
    use crate::schema::courses;
    use shared::courses::{CourseInput, CourseKind, CourseStatus, SessionInput, Venue};
    let ids: Vec<i64> = organisations::table
        .select(organisations::id)
        .order(organisations::id)
        .load(conn)?;
    let (provider, ministry, association) = (
        ids.first().copied(),
        ids.get(1).copied(),
        ids.get(2).copied(),
    );
    let today = crate::dates::today_in_berlin();
    let next_monday = today
        + chrono::Days::new(
            7 - u64::from(chrono::Datelike::weekday(&today).num_days_from_monday()),
        );
    let time = |h, m| chrono::NaiveTime::from_hms_opt(h, m, 0);
    let topics = |list: &[&str]| list.iter().map(|t| t.to_string()).collect::<Vec<_>>();
    let plans = [
        (
            CourseInput {
                kind: CourseKind::MentorCourse,
                title: "Mentorenkurs Esslingen am Neckar".into(),
                description: Some("Der Kurs qualifiziert engagierte Bürgerinnen und Bürger als Mentorinnen und Mentoren für Bürgerengagement in Esslingen.".into()),
                venue: Some(Venue { name: Some("Bürgerhaus Esslingen-Mitte".into()), address: Some("Marktplatz 1, 73728 Esslingen am Neckar".into()), organisation: association }),
                municipality: Some("08116019".into()),
                provider,
                commissioning_body: ministry,
                funder: ministry,
                trainers: Vec::new(),
                topics: topics(&["Rolle und Selbstverständnis", "Engagementlandschaft vor Ort", "Projektentwicklung", "Moderation und Kommunikation", "Öffentlichkeitsarbeit"]),
                required_hours: None,
                capacity: 16,
                registration_deadline: Some(next_monday - chrono::Days::new(3)),
            },
            CourseStatus::RegistrationOpen,
            (0..8u64)
                .map(|week| SessionInput { date: Some(next_monday + chrono::Days::new(7 * week + 1)), start: time(17, 30), end: time(22, 30), topic: None, room: None })
                .chain(std::iter::once(SessionInput { topic: Some("Abschluss und Zertifikatsübergabe".into()), ..SessionInput::default() }))
                .collect::<Vec<_>>(),
        ),
        (
            CourseInput {
                kind: CourseKind::TrainerCourse,
                title: "Mentorentrainerkurs Frühjahr".into(),
                description: None,
                venue: Some(Venue { name: Some("Tagungshaus Stuttgart-Hohenheim".into()), address: None, organisation: provider }),
                municipality: Some("08111000".into()),
                provider,
                commissioning_body: ministry,
                funder: None,
                trainers: Vec::new(),
                topics: topics(&["Didaktik der Mentorenkurse", "Arbeit im Trainer-Tandem"]),
                required_hours: None,
                capacity: 12,
                registration_deadline: None,
            },
            CourseStatus::Planned,
            (0..5u64).map(|day| SessionInput { date: Some(next_monday + chrono::Days::new(35 + day)), ..SessionInput::default() }).collect(),
        ),
    ];
    for (input, status, sessions) in plans {
        let draft = input
            .parse()
            .map_err(|e| anyhow::anyhow!("demo course: {:?}", e.0))?;
        let id = crate::api::courses::store::save(conn, None, &draft, 1)
            .map_err(|e| anyhow::anyhow!("demo course: {e}"))?;
        diesel::update(courses::table.find(id))
            .set(courses::status.eq(status.code()))
            .execute(conn)?;
        for session in sessions {
            let session = session
                .parse(draft.kind)
                .map_err(|e| anyhow::anyhow!("demo session: {:?}", e.0))?;
            crate::api::courses::store::insert_session(conn, id, &session)
                .map_err(|e| anyhow::anyhow!("demo session: {e}"))?;
        }
    }
    Ok(())
}
