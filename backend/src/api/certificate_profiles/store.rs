//! Queries of `certificate_profiles`: what the handlers in `mod.rs` and the certificate call.

use crate::db::{now, DbConnection};
use crate::error::ApiError;
use crate::logo::{Logo, LogoFormat};
use crate::schema::{certificate_profiles, organisations};
use diesel::prelude::*;
use shared::organisations::{CertificateProfile, SignatoryDraft};

#[derive(Queryable, Selectable)]
#[diesel(table_name = certificate_profiles)]
struct ProfileRow {
    organisation_id: i64,
    signatory_name: Option<String>,
    signatory_role: Option<String>,
    logo_media_type: Option<String>,
    version: i64,
}

/// The organisation's profile; an empty one (version 0) while nothing was configured.
pub(crate) fn find(
    conn: &mut DbConnection,
    organisation: i64,
) -> Result<CertificateProfile, ApiError> {
    let exists: Option<i64> = organisations::table
        .find(organisation)
        .select(organisations::id)
        .first(conn)
        .optional()?;
    if exists.is_none() {
        return Err(ApiError::not_found("Die Organisation"));
    }
    let row = certificate_profiles::table
        .find(organisation)
        .select(ProfileRow::as_select())
        .first(conn)
        .optional()?;
    Ok(row.map_or_else(
        || CertificateProfile {
            organisation_id: organisation,
            ..Default::default()
        },
        |r| CertificateProfile {
            organisation_id: r.organisation_id,
            signatory_name: r.signatory_name,
            signatory_role: r.signatory_role,
            logo_media_type: r.logo_media_type,
            version: r.version,
        },
    ))
}

/// The change a save makes; the untouched half of the profile stays as it is.
pub(crate) enum Change<'a> {
    Signatory(&'a SignatoryDraft),
    Logo(Option<(LogoFormat, &'a [u8])>),
}

/// Applies `change` to the profile if it is still at `expected` (any version without If-Match)
/// and returns the profile as it now is. Removing a logo that is not there changes nothing.
pub(crate) fn apply(
    conn: &mut DbConnection,
    organisation: i64,
    expected: Option<i64>,
    change: Change,
) -> Result<CertificateProfile, ApiError> {
    let current = find(conn, organisation)?;
    crate::http::check_version(expected, current.version)?;
    if !matches!(change, Change::Logo(None)) || current.logo_media_type.is_some() {
        save(conn, &current, change)?;
    }
    find(conn, organisation)
}

/// Applies `change` as the profile's next version (creating the row on first use).
fn save(
    conn: &mut DbConnection,
    current: &CertificateProfile,
    change: Change,
) -> Result<(), ApiError> {
    let at = now();
    let organisation = current.organisation_id;
    if current.version == 0 {
        diesel::insert_into(certificate_profiles::table)
            .values((
                certificate_profiles::organisation_id.eq(organisation),
                certificate_profiles::version.eq(0),
                certificate_profiles::updated_at.eq(at),
            ))
            .execute(conn)?;
    }
    let target = certificate_profiles::table
        .find(organisation)
        .filter(certificate_profiles::version.eq(current.version));
    let stamp = (
        certificate_profiles::version.eq(current.version + 1),
        certificate_profiles::updated_at.eq(at),
    );
    let changed = match change {
        Change::Signatory(draft) => diesel::update(target)
            .set((
                certificate_profiles::signatory_name.eq(&draft.name),
                certificate_profiles::signatory_role.eq(&draft.role),
                stamp,
            ))
            .execute(conn)?,
        Change::Logo(logo) => diesel::update(target)
            .set((
                certificate_profiles::logo_media_type.eq(logo.map(|(f, _)| f.media_type())),
                certificate_profiles::logo.eq(logo.map(|(_, bytes)| bytes)),
                stamp,
            ))
            .execute(conn)?,
    };
    // Someone else saved between reading and writing: their change is not overwritten.
    if changed == 0 {
        return Err(ApiError::PreconditionFailed);
    }
    Ok(())
}

/// The logo of an organisation, read again from the upload kept.
pub(crate) fn logo(conn: &mut DbConnection, organisation: i64) -> Result<Option<Logo>, ApiError> {
    let stored: Option<(Option<String>, Option<Vec<u8>>)> = certificate_profiles::table
        .find(organisation)
        .select((
            certificate_profiles::logo_media_type,
            certificate_profiles::logo,
        ))
        .first(conn)
        .optional()?;
    let Some((Some(media_type), Some(bytes))) = stored else {
        return Ok(None);
    };
    let format = LogoFormat::from_media_type(&media_type)
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("stored logo type {media_type}")))?;
    // It was read on upload; failing now is a fault of ours, not of the request.
    Logo::parse(format, &bytes)
        .map(Some)
        .map_err(ApiError::internal)
}
