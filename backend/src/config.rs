//! Server configuration from environment variables (each also a command-line flag).

use clap::Args;
use secrecy::SecretString;
use std::path::PathBuf;

#[derive(Debug, Clone, Args)]
pub struct DatabaseConfig {
    /// SQLite file path, or a postgres:// URL for PostgreSQL.
    #[arg(long, env = "DATABASE_URL", default_value = "./data/mentorat.db")]
    pub database_url: String,

    /// Maximum number of pooled database connections (default: two per CPU core; more only
    /// make the database's processes fight over the cores, which shows as long tail latencies).
    #[arg(long, env = "MENTORAT_DB_POOL_SIZE", default_value_t = default_pool_size())]
    pub db_pool_size: u32,
}

fn default_pool_size() -> u32 {
    std::thread::available_parallelism().map_or(4, |n| 2 * n.get() as u32)
}

#[derive(Debug, Clone, Args)]
pub struct ServerConfig {
    #[command(flatten)]
    pub database: DatabaseConfig,

    /// Address and port to listen on.
    #[arg(long, env = "MENTORAT_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,

    /// Address under which people reach the web app; printed on certificates so their codes
    /// can be checked.
    #[arg(
        long,
        env = "MENTORAT_PUBLIC_URL",
        default_value = "http://127.0.0.1:8080"
    )]
    pub public_url: String,

    /// Directory of the built web app (index.html, .wasm, .js); `cargo xtask serve` builds it.
    #[arg(long, env = "MENTORAT_STATIC_DIR", default_value = "./frontend/dist")]
    pub static_dir: PathBuf,

    /// Secret for signing tokens (at least 32 bytes). When unset, one is generated on first
    /// start and kept in the database, so all instances on one database share it.
    #[arg(long, env = "MENTORAT_JWT_SECRET", hide_env_values = true, value_parser = secret)]
    pub jwt_secret: Option<SecretString>,

    /// How long a sign-in token is valid, in minutes.
    #[arg(long, env = "MENTORAT_TOKEN_MINUTES", default_value_t = 480)]
    pub token_minutes: i64,

    /// Web origins (e.g. `https://www.esslingen.de`) whose pages may call the authenticated API,
    /// separated by commas. The app's own origin always may; public reads are open to all.
    #[arg(long, env = "MENTORAT_CORS_ORIGINS", value_delimiter = ',')]
    pub cors_origins: Vec<String>,

    /// SMTP server for outgoing mail (password resets), e.g. `smtps://user:password@mail.example`
    /// or `smtp://mail.example:587?tls=required`. Without it, mail is kept in the outbox.
    #[arg(long, env = "MENTORAT_SMTP_URL", hide_env_values = true, value_parser = secret)]
    pub smtp_url: Option<SecretString>,

    /// Sender of outgoing mail.
    #[arg(
        long,
        env = "MENTORAT_MAIL_FROM",
        default_value = "Mentorat <noreply@mentorat.example>"
    )]
    pub mail_from: String,

    /// Name of the body that runs this installation, shown in the accessibility statement.
    #[arg(
        long,
        env = "MENTORAT_OPERATOR",
        default_value = "Mentorat (Demonstrationsbetrieb)"
    )]
    pub operator: String,

    /// Contact address for feedback on accessibility and other questions, shown in the app.
    #[arg(
        long,
        env = "MENTORAT_CONTACT_EMAIL",
        default_value = "kontakt@mentorat.example"
    )]
    pub contact_email: shared::Email,

    /// Largest accepted request body in bytes.
    #[arg(long, env = "MENTORAT_BODY_LIMIT", default_value_t = 256 * 1024)]
    pub body_limit: usize,

    /// Number of HTTP worker threads (0 = one per CPU core).
    #[arg(long, env = "MENTORAT_WORKERS", default_value_t = 0)]
    pub workers: usize,

    /// The server runs behind a reverse proxy that sets `Forwarded` or `X-Forwarded-For`: the
    /// client addresses that sign-in limits count by are taken from there. Leave it off when
    /// clients reach the server directly, or they could choose their address themselves.
    #[arg(long, env = "MENTORAT_BEHIND_PROXY", default_value_t = false)]
    pub behind_proxy: bool,

    /// Count the mentor figures of recent report periods when the server starts, and every
    /// minute those not recorded yet, so reports need not wait for a count (`--count-ahead
    /// false` to leave it to the first report that asks).
    #[arg(long, env = "MENTORAT_COUNT_AHEAD", default_value_t = true, action = clap::ArgAction::Set)]
    pub count_ahead: bool,

    /// Queue a reminder with the calendar entry to every participant two days before each
    /// session (looked for at start and every ten minutes; `--remind false` to leave it off).
    #[arg(long, env = "MENTORAT_REMIND", default_value_t = true, action = clap::ArgAction::Set)]
    pub remind: bool,

    /// Fill an empty database with demo data (a few municipalities, organisations and the
    /// account admin@mentorat.example with password "mentorat-demo").
    #[arg(long, env = "MENTORAT_DEMO", default_value_t = false)]
    pub demo: bool,
}

/// Token issuer and audience; fixed, so tokens of other systems are refused.
pub const TOKEN_ISSUER: &str = "mentorat";
pub const TOKEN_AUDIENCE: &str = "mentorat-api";

/// Secrets (the signing key, the SMTP URL with its password) are kept as `SecretString`, which
/// prints as `[REDACTED]` in `Debug` output and logs.
fn secret(raw: &str) -> Result<SecretString, std::convert::Infallible> {
    Ok(SecretString::from(raw.to_owned()))
}
