//! Sign-in throttling. Every attempt is counted before its password is checked, in the
//! database, so the limits hold for parallel attempts and across server instances:
//!
//! - per address and client (network address): [`PER_CLIENT`] attempts per [`WINDOW`], so one
//!   client guessing cannot go on, while the owner signing in from elsewhere is not stopped;
//! - per address from all clients together: [`PER_ACCOUNT`] attempts per [`WINDOW`], a ceiling
//!   against guessing spread over many clients.
//!
//! A successful sign-in clears its client's count. Unknown addresses count like known ones, so
//! the answers tell nothing about which addresses have accounts.

use crate::db::DbConnection;
use crate::error::ApiError;
use crate::rate;
use chrono::{Duration, NaiveDateTime};

pub const PER_CLIENT: i32 = 5;
pub const PER_ACCOUNT: i32 = 50;
pub const WINDOW: Duration = Duration::minutes(15);

/// The two counters of an attempt to sign in as `email` from `client`.
pub struct Attempt {
    per_client: String,
    per_account: String,
}

impl Attempt {
    pub fn new(email: &str, client: &str) -> Self {
        Self {
            per_client: rate::key("sign-in", &format!("{}|{client}", email.trim())),
            per_account: rate::key("sign-in", email),
        }
    }

    /// Counts the attempt, or answers 429 when either limit is reached. In a write transaction.
    pub fn admit(&self, conn: &mut DbConnection, now: NaiveDateTime) -> Result<(), ApiError> {
        rate::hit(conn, &self.per_client, PER_CLIENT, WINDOW, now)?;
        rate::hit(conn, &self.per_account, PER_ACCOUNT, WINDOW, now)
    }

    /// After a successful sign-in: the client starts afresh.
    pub fn succeeded(&self, conn: &mut DbConnection) -> Result<(), ApiError> {
        rate::clear(conn, &self.per_client)
    }
}
