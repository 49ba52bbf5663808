//! What every handler shares: the database, the token keys, the public response cache, the
//! mailer and a few settings. Below the handlers and above the mechanics they use, so that no
//! handler needs the module that wires the server together.

use crate::db::Db;
use crate::tokens::TokenKeys;

/// Shared by all handlers.
pub struct AppState {
    pub db: Db,
    pub tokens: TokenKeys,
    /// Public answers (listing pages and counts, coverage) of the current generations.
    pub public_caches: std::sync::Arc<crate::publication::PublicCaches>,
    /// Where people reach the web app (without a trailing slash).
    pub public_url: String,
    /// Other web origins whose pages may call the authenticated API.
    pub allowed_origins: std::sync::Arc<[String]>,
    pub mailer: std::sync::Arc<crate::mail::Mailer>,
    /// Client addresses come from the reverse proxy's `Forwarded`/`X-Forwarded-For` headers.
    pub behind_proxy: bool,
    /// Who runs this installation, for the accessibility statement.
    pub contact: shared::site::SiteContact,
}
