//! Queries and rules of `organisations`: what the handlers in `mod.rs` call.

use super::OrganisationSort;
use crate::api::fields;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::schema::{municipalities, organisation_fields, organisation_roles, organisations};
use crate::text::{in_trigram_index, matches_search, search_key, sort_key};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::organisations::{
    Address, Contact, MunicipalityRef, Organisation, OrganisationDraft, OrganisationKind,
    ProgrammeRole,
};
use shared::{Ags, DistrictKey};

#[derive(Queryable, Selectable)]
#[diesel(table_name = organisations)]
pub(crate) struct OrganisationRow {
    pub(crate) id: i64,
    pub(crate) kind: OrganisationKind,
    pub(crate) name: String,
    pub(crate) street: Option<String>,
    pub(crate) postal_code: Option<String>,
    pub(crate) city: Option<String>,
    pub(crate) municipality_ags: Option<String>,
    pub(crate) contact_name: Option<String>,
    pub(crate) contact_email: Option<String>,
    pub(crate) contact_phone: Option<String>,
    pub(crate) website: Option<String>,
    pub(crate) version: i64,
    pub(crate) created_at: NaiveDateTime,
    pub(crate) updated_at: NaiveDateTime,
}

/// Loads organisations with their municipality, fields and roles, in the order of `ids`.
pub(crate) fn load(conn: &mut DbConnection, ids: &[i64]) -> Result<Vec<Organisation>, ApiError> {
    let rows: Vec<(OrganisationRow, Option<(String, String)>)> = organisations::table
        .left_join(municipalities::table)
        .filter(organisations::id.eq_any(ids))
        .select((
            OrganisationRow::as_select(),
            (municipalities::name, municipalities::district_key).nullable(),
        ))
        .load(conn)?;
    let field_links: Vec<(i64, i64)> = organisation_fields::table
        .filter(organisation_fields::organisation_id.eq_any(ids))
        .select((
            organisation_fields::organisation_id,
            organisation_fields::field_id,
        ))
        .order((
            organisation_fields::organisation_id,
            organisation_fields::field_id,
        ))
        .load(conn)?;
    let role_links: Vec<(i64, ProgrammeRole)> = organisation_roles::table
        .filter(organisation_roles::organisation_id.eq_any(ids))
        .select((
            organisation_roles::organisation_id,
            organisation_roles::role,
        ))
        .load(conn)?;
    let mut by_id: std::collections::HashMap<i64, Organisation> = rows
        .into_iter()
        .map(|(r, municipality)| {
            let municipality = match (r.municipality_ags, municipality) {
                (Some(ags), Some((name, district_key))) => Some(MunicipalityRef {
                    ags: ags.parse::<Ags>().map_err(ApiError::internal)?,
                    name,
                    district_key,
                }),
                _ => None,
            };
            let org = Organisation {
                id: r.id,
                kind: r.kind,
                name: r.name,
                address: Address {
                    street: r.street,
                    postal_code: r.postal_code,
                    city: r.city,
                },
                municipality,
                contact: Contact {
                    name: r.contact_name,
                    email: r.contact_email,
                    phone: r.contact_phone,
                },
                website: r.website,
                fields: field_links
                    .iter()
                    .filter(|(o, _)| *o == r.id)
                    .map(|(_, f)| *f)
                    .collect(),
                roles: {
                    let mut roles: Vec<ProgrammeRole> = role_links
                        .iter()
                        .filter(|(o, _)| *o == r.id)
                        .map(|(_, role)| *role)
                        .collect();
                    roles.sort_unstable();
                    roles
                },
                version: r.version,
                created_at: r.created_at.and_utc(),
                updated_at: r.updated_at.and_utc(),
            };
            Ok((r.id, org))
        })
        .collect::<Result<_, ApiError>>()?;
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

pub(crate) fn find(conn: &mut DbConnection, id: i64) -> Result<Organisation, ApiError> {
    load(conn, &[id])?
        .pop()
        .ok_or_else(|| ApiError::not_found("Die Organisation"))
}

/// A checked [`OrganisationFilter`].
pub(crate) struct Filter {
    pub(crate) kind: Option<OrganisationKind>,
    pub(crate) district: Option<DistrictKey>,
    pub(crate) municipality: Option<Ags>,
    pub(crate) field: Option<i64>,
    pub(crate) role: Option<ProgrammeRole>,
    pub(crate) q: Option<crate::text::SearchTerm>,
    pub(crate) sort: OrganisationSort,
}

pub(crate) type BoxedQuery<'a> =
    organisations::BoxedQuery<'a, <DbConnection as Connection>::Backend>;

/// The organisations `f` chooses; `sqlite` says where a name search finds its index.
pub(crate) fn filtered(f: &Filter, sqlite: bool) -> BoxedQuery<'_> {
    let mut q = organisations::table.into_boxed();
    if let Some(kind) = f.kind {
        q = q.filter(organisations::kind.eq(kind.code()));
    }
    if let Some(d) = &f.district {
        q = q.filter({
            let (first, last) = d.ags_range();
            organisations::municipality_ags.between(first, last)
        });
    }
    if let Some(m) = &f.municipality {
        q = q.filter(organisations::municipality_ags.eq(m.as_str()));
    }
    if let Some(field) = f.field {
        let with_field = organisation_fields::table
            .filter(organisation_fields::field_id.eq(field))
            .select(organisation_fields::organisation_id);
        q = q.filter(organisations::id.eq_any(with_field));
    }
    if let Some(role) = f.role {
        let with_role = organisation_roles::table
            .filter(organisation_roles::role.eq(role.code()))
            .select(organisation_roles::organisation_id);
        q = q.filter(organisations::id.eq_any(with_role));
    }
    if let Some(term) = &f.q {
        q = match term.trigram_query().filter(|_| sqlite) {
            Some(query) => q.filter(in_trigram_index(
                "organisations.id",
                "organisations_search",
                query,
            )),
            None => q.filter(matches_search!(organisations::search_text, term)),
        };
    }
    q
}

/// What a search for an organisation looks through: name, place and contact person.
fn search_text_of(name: &str, city: Option<&str>, contact: Option<&str>) -> String {
    search_key(&[Some(name), city, contact])
}

/// Computes every organisation's search text again (see
/// [`crate::text::SEARCH_KEYS_VERSION`]).
pub fn refresh_search_texts(conn: &mut DbConnection) -> QueryResult<usize> {
    let rows: Vec<(i64, String, Option<String>, Option<String>)> = organisations::table
        .select((
            organisations::id,
            organisations::name,
            organisations::city,
            organisations::contact_name,
        ))
        .load(conn)?;
    for (id, name, city, contact) in &rows {
        diesel::update(organisations::table.find(id))
            .set(organisations::search_text.eq(search_text_of(
                name,
                city.as_deref(),
                contact.as_deref(),
            )))
            .execute(conn)?;
    }
    Ok(rows.len())
}

/// Checks the references of a draft against the database, reporting them as field errors.
pub(crate) fn check_references(
    conn: &mut DbConnection,
    draft: &OrganisationDraft,
) -> Result<(), ApiError> {
    let mut errors = shared::FieldErrors::default();
    if let Some(ags) = &draft.municipality {
        if crate::api::municipalities::store::find(conn, ags)?.is_none() {
            errors.add(
                "municipality",
                "unknown",
                format!("Die Gemeinde {ags} ist nicht bekannt."),
            );
        }
    }
    let unknown = fields::store::unknown_ids(conn, &draft.fields)?;
    if !unknown.is_empty() {
        errors.add(
            "fields",
            "unknown",
            format!("Unbekannte Einsatzfelder: {unknown:?}"),
        );
    }
    Ok(errors.into_result()?)
}

/// Stores the draft's values, fields and roles under `id` (new or existing).
pub(crate) fn save(
    conn: &mut DbConnection,
    id: Option<i64>,
    draft: &OrganisationDraft,
    version: i64,
) -> Result<i64, ApiError> {
    check_references(conn, draft)?;
    let now = crate::db::now();
    let search_text = search_text_of(
        &draft.name,
        draft.city.as_deref(),
        draft.contact_name.as_deref(),
    );
    let values = (
        organisations::kind.eq(draft.kind.code()),
        organisations::name.eq(&draft.name),
        organisations::sort_name.eq(sort_key(&draft.name)),
        organisations::street.eq(&draft.street),
        organisations::postal_code.eq(&draft.postal_code),
        organisations::city.eq(&draft.city),
        organisations::municipality_ags.eq(draft.municipality.as_ref().map(Ags::as_str)),
        organisations::contact_name.eq(&draft.contact_name),
        organisations::contact_email.eq(draft.contact_email.as_ref().map(|e| e.as_str())),
        organisations::contact_phone.eq(&draft.contact_phone),
        organisations::website.eq(&draft.website),
        organisations::search_text.eq(&search_text),
        organisations::version.eq(version),
        organisations::updated_at.eq(now),
    );
    let id = match id {
        Some(id) => {
            diesel::update(organisations::table.find(id))
                .set(values)
                .execute(conn)?;
            diesel::delete(
                organisation_fields::table.filter(organisation_fields::organisation_id.eq(id)),
            )
            .execute(conn)?;
            diesel::delete(
                organisation_roles::table.filter(organisation_roles::organisation_id.eq(id)),
            )
            .execute(conn)?;
            id
        }
        None => diesel::insert_into(organisations::table)
            .values((values, organisations::created_at.eq(now)))
            .returning(organisations::id)
            .get_result(conn)?,
    };
    for field in &draft.fields {
        diesel::insert_into(organisation_fields::table)
            .values((
                organisation_fields::organisation_id.eq(id),
                organisation_fields::field_id.eq(field),
            ))
            .execute(conn)?;
    }
    for role in &draft.roles {
        diesel::insert_into(organisation_roles::table)
            .values((
                organisation_roles::organisation_id.eq(id),
                organisation_roles::role.eq(role.code()),
            ))
            .execute(conn)?;
    }
    Ok(id)
}
