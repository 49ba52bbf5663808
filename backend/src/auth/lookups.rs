//! What the guards look up about a caller: a coordinator's areas, the person of a trainer's or
//! mentor's account, and whether an API client's token is still good.

use crate::db::DbConnection;
use crate::error::ApiError;
use crate::schema::{account_areas, accounts, api_clients};
use diesel::prelude::*;

/// A coordinator's districts and municipalities (empty for other accounts).
pub fn areas_of(conn: &mut DbConnection, account: i64) -> Result<Vec<String>, ApiError> {
    Ok(account_areas::table
        .filter(account_areas::account_id.eq(account))
        .select(account_areas::area)
        .order(account_areas::area)
        .load(conn)?)
}

/// The person record an account belongs to (trainers and mentors).
pub fn person_of(conn: &mut DbConnection, account: i64) -> Result<Option<i64>, ApiError> {
    Ok(accounts::table
        .find(account)
        .select(accounts::person_id)
        .first::<Option<i64>>(conn)
        .optional()?
        .flatten())
}

/// The rate limit of a client whose secret is still at `version` and that is not revoked.
pub fn live_limit(
    conn: &mut DbConnection,
    client: i64,
    version: i32,
) -> Result<Option<i32>, ApiError> {
    Ok(api_clients::table
        .find(client)
        .filter(api_clients::revoked_at.is_null())
        .filter(api_clients::secret_version.eq(version))
        .select(api_clients::rate_limit)
        .first(conn)
        .optional()?)
}
