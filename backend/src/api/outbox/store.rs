//! Queries and rules of `outbox`: what the handlers in `mod.rs` call.

use chrono::Utc;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct OutboxMail {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: chrono::DateTime<Utc>,
}
