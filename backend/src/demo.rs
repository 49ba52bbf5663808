//! Demo data for a first look at the app (`serve --demo`): a few municipalities, partner
//! organisations and a staff account. Only ever written into an empty database.

use crate::auth::upsert_account;
use crate::db::{write_tx, DbConnection};
use crate::municipalities::import;
use crate::schema::{accounts, organisations};
use diesel::prelude::*;
use shared::auth::Role;
use shared::organisations::{Address, Contact, OrganisationInput, OrganisationKind as Kind, ProgrammeRole as Role_};

pub const DEMO_ADMIN_EMAIL: &str = "admin@mentorat.example";
pub const DEMO_ADMIN_PASSWORD: &str = "mentorat-demo";

const MUNICIPALITIES: &str = "ags,name,kind,population,postal_code
08111000,Stuttgart,Stadtkreis,610458,70173
08116019,Esslingen am Neckar,Große Kreisstadt,94442,73728
08136088,Aalen,Große Kreisstadt,67139,73430
08212000,Karlsruhe,Stadtkreis,305408,76124
08221000,Heidelberg,Stadtkreis,153809,69117
08311000,Freiburg im Breisgau,Stadtkreis,233040,79098
08416041,Tübingen,Große Kreisstadt,90499,72070
08421000,Ulm,Stadtkreis,127116,89073
";

fn organisation(kind: Kind, name: &str, city: &str, ags: &str, fields: &[i64], roles: &[Role_]) -> OrganisationInput {
    OrganisationInput {
        kind,
        name: name.into(),
        address: Address { city: Some(city.into()), ..Address::default() },
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
    let file = import::parse(MUNICIPALITIES).map_err(|e| anyhow::anyhow!("demo municipalities: {e:?}"))?;
    import::apply(conn, &file)?;
    upsert_account(conn, &DEMO_ADMIN_EMAIL.parse()?, "Demo-Administration", DEMO_ADMIN_PASSWORD, Role::Admin)
        .map_err(|e| anyhow::anyhow!("demo account: {e}"))?;
    let demo = [
        organisation(Kind::EducationProvider, "Paritätisches Bildungswerk Baden-Württemberg", "Stuttgart", "08111000", &[], &[Role_::EducationProvider, Role_::CourseVenue]),
        organisation(Kind::Ministry, "Ministerium für Soziales, Gesundheit und Integration", "Stuttgart", "08111000", &[], &[Role_::CommissioningBody, Role_::Sponsor]),
        organisation(Kind::Association, "Bürgerverein Esslingen-Mitte e. V.", "Esslingen am Neckar", "08116019", &[2, 10], &[Role_::Partner]),
        organisation(Kind::School, "Friedrich-Schiller-Gymnasium", "Aalen", "08136088", &[1, 6], &[Role_::Partner]),
        organisation(Kind::MigrantOrganisation, "Interkulturelles Forum Ulm", "Ulm", "08421000", &[4, 5], &[Role_::Partner, Role_::CourseVenue]),
        organisation(Kind::Company, "Stadtwerke Tübingen", "Tübingen", "08416041", &[9], &[Role_::Sponsor]),
    ];
    write_tx(conn, |conn| {
        for input in &demo {
            let draft = input.parse().map_err(|e| anyhow::anyhow!("demo organisation: {:?}", e.0))?;
            crate::organisations::store(conn, None, &draft, 1).map_err(|e| anyhow::anyhow!("demo organisation: {e}"))?;
        }
        Ok::<_, anyhow::Error>(())
    })?;
    tracing::info!(account = DEMO_ADMIN_EMAIL, "demo data created");
    Ok(())
}
