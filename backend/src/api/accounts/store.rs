//! Queries and rules of `accounts`: what the handlers in `mod.rs` call.

use crate::db::{now, DbConnection};
use crate::error::ApiError;
use crate::schema::{account_areas, accounts, invitations, people};
use chrono::{NaiveDateTime, TimeZone, Utc};
use diesel::prelude::*;
use shared::accounts::{Access, AccountDetail, Invitation};
use shared::auth::Role;

/// How long an invitation link stays valid.
pub(crate) const INVITATION_DAYS: i64 = 14;

pub(crate) fn token_hash(token: &str) -> String {
    crate::secrets::digest_hex(token.trim())
}

pub(crate) fn utc(t: NaiveDateTime) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&t)
}

/// The areas of the given accounts, by account.
pub(crate) fn areas_by_account(
    conn: &mut DbConnection,
    ids: &[i64],
) -> Result<Vec<(i64, String)>, ApiError> {
    Ok(account_areas::table
        .filter(account_areas::account_id.eq_any(ids))
        .select((account_areas::account_id, account_areas::area))
        .order((account_areas::account_id, account_areas::area))
        .load(conn)?)
}

pub(crate) fn list_accounts(
    conn: &mut DbConnection,
    only: Option<i64>,
) -> Result<Vec<AccountDetail>, ApiError> {
    let mut q = accounts::table.into_boxed();
    if let Some(id) = only {
        q = q.filter(accounts::id.eq(id));
    }
    type Row = (i64, String, String, Role, Option<i64>, NaiveDateTime, i64);
    let rows: Vec<Row> = q
        .select((
            accounts::id,
            accounts::email,
            accounts::display_name,
            accounts::role,
            accounts::person_id,
            accounts::created_at,
            accounts::version,
        ))
        .order(accounts::email)
        .load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let areas = areas_by_account(conn, &ids)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, email, display_name, role, person_id, created_at, version)| AccountDetail {
                areas: areas
                    .iter()
                    .filter(|(a, _)| *a == id)
                    .map(|(_, area)| area.clone())
                    .collect(),
                id,
                email,
                display_name,
                role,
                person_id,
                created_at: utc(created_at),
                version,
            },
        )
        .collect())
}

/// The accounts of a person (a trainer's or mentor's own sign-in).
pub fn of_person(conn: &mut DbConnection, person: i64) -> Result<Vec<AccountDetail>, ApiError> {
    let ids: Vec<i64> = accounts::table
        .filter(accounts::person_id.eq(person))
        .select(accounts::id)
        .load(conn)?;
    let mut found = Vec::new();
    for id in ids {
        found.extend(list_accounts(conn, Some(id))?);
    }
    Ok(found)
}

pub(crate) fn check_person(conn: &mut DbConnection, access: &Access) -> Result<(), ApiError> {
    if let Some(person) = access.person_id {
        if people::table
            .find(person)
            .select(people::id)
            .first::<i64>(conn)
            .optional()?
            .is_none()
        {
            return Err(ApiError::field(
                "person_id",
                "unknown",
                "Diese Person gibt es nicht.",
            ));
        }
    }
    Ok(())
}

pub(crate) fn store_access(
    conn: &mut DbConnection,
    account: i64,
    access: &Access,
) -> Result<(), ApiError> {
    diesel::update(accounts::table.find(account))
        .set((
            accounts::role.eq(access.role.code()),
            accounts::person_id.eq(access.person_id),
            accounts::version.eq(accounts::version + 1),
        ))
        .execute(conn)?;
    diesel::delete(account_areas::table.filter(account_areas::account_id.eq(account)))
        .execute(conn)?;
    for area in &access.areas {
        diesel::insert_into(account_areas::table)
            .values((
                account_areas::account_id.eq(account),
                account_areas::area.eq(area.key()),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub(crate) type InvitationRow = (
    i64,
    String,
    String,
    Role,
    Option<i64>,
    String,
    NaiveDateTime,
    Option<NaiveDateTime>,
);

pub(crate) fn invitation(row: InvitationRow) -> Invitation {
    let (id, email, display_name, role, person_id, areas, expires_at, accepted_at) = row;
    Invitation {
        id,
        email,
        display_name,
        role,
        person_id,
        areas: areas.lines().map(str::to_owned).collect(),
        expires_at: utc(expires_at),
        accepted_at: accepted_at.map(utc),
    }
}

macro_rules! invitation_columns {
    () => {
        (
            invitations::id,
            invitations::email,
            invitations::display_name,
            invitations::role,
            invitations::person_id,
            invitations::areas,
            invitations::expires_at,
            invitations::accepted_at,
        )
    };
}

/// The open, unexpired invitation of a token.
pub(crate) fn pending(conn: &mut DbConnection, token: &str) -> Result<Invitation, ApiError> {
    let row: Option<InvitationRow> = invitations::table
        .filter(invitations::token_hash.eq(token_hash(token)))
        .filter(invitations::accepted_at.is_null())
        .filter(invitations::expires_at.gt(now()))
        .select(invitation_columns!())
        .first(conn)
        .optional()?;
    row.map(invitation).ok_or_else(|| {
        ApiError::NotFound(
            "Diese Einladung gibt es nicht, sie ist abgelaufen oder schon angenommen.".into(),
        )
    })
}
