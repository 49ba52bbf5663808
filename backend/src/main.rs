//! The `mentorat` command: serve the app, migrate, create an admin, import municipalities.

use anyhow::Context;
use backend::api::municipalities::import;
use backend::app::Application;
use backend::config::{DatabaseConfig, ServerConfig};
use backend::{auth, db};
use clap::{Parser, Subcommand};
use shared::auth::Role;
use std::path::PathBuf;

/// Mentorat: the platform of the programme "Mentorat für Bürgerengagement" in Baden-Württemberg.
///
/// Every option can also be set through the environment variable shown in its help.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API and the web app (applies pending migrations first).
    Serve(ServerConfig),
    /// Apply pending database migrations and exit.
    Migrate(DatabaseConfig),
    /// Create an admin account, or reset the password of an existing one.
    CreateAdmin {
        #[command(flatten)]
        database: DatabaseConfig,
        /// E-mail address to sign in with.
        #[arg(long)]
        email: String,
        /// Display name.
        #[arg(long, default_value = "Administration")]
        name: String,
        /// Password (at least 10 characters); read from MENTORAT_ADMIN_PASSWORD when not given.
        #[arg(long, env = "MENTORAT_ADMIN_PASSWORD", hide_env_values = true)]
        password: String,
    },
    /// Import municipalities from the official directory (GV100AD) or a CSV (ags,name,…).
    ///
    /// Only Baden-Württemberg (AGS 08…) is imported; other states' records are counted and skipped.
    /// A file with any error imports nothing. Re-importing a newer edition updates names and kinds.
    ImportMunicipalities {
        #[command(flatten)]
        database: DatabaseConfig,
        /// GV100AD text file (UTF-8, fixed width) or CSV with header ags,name[,kind,population,postal_code].
        file: PathBuf,
    },
    /// Add N synthetic mentors spread over the imported municipalities (for demos and benchmarks).
    SeedMentors {
        #[command(flatten)]
        database: DatabaseConfig,
        /// How many mentors to add.
        count: usize,
    },
    /// Add N synthetic courses with sessions and participants over 2024–2026 (for benchmarks).
    ///
    /// Needs municipalities and mentors (`seed-mentors`) to enrol.
    SeedCourses {
        #[command(flatten)]
        database: DatabaseConfig,
        /// How many courses to add.
        count: usize,
    },
    /// Print the OpenAPI document.
    Openapi,
}

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,actix_server=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    match Cli::parse().command {
        Command::Serve(config) => actix_web::rt::System::new().block_on(async {
            let app = Application::build(config)?;
            app.run().await.context("server stopped")
        }),
        Command::Migrate(database) => {
            db::connect(&database.database_url, 1)?;
            println!("Database is up to date.");
            Ok(())
        }
        Command::CreateAdmin {
            database,
            email,
            name,
            password,
        } => {
            let email: shared::Email = email.parse()?;
            let pool = db::connect(&database.database_url, 1)?;
            auth::upsert_account(&mut *pool.get()?, &email, &name, &password, Role::Admin)
                .map_err(|e| anyhow::anyhow!("{e}{}", validation_details(&e)))?;
            println!("Admin account {email} is ready.");
            Ok(())
        }
        Command::ImportMunicipalities { database, file } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let parsed = import::parse(&text)
                .map_err(|errors| anyhow::anyhow!("{}", import::ImportError::Invalid(errors)))?;
            let pool = db::connect(&database.database_url, 1)?;
            let summary = import::apply(&mut *pool.get()?, &parsed)?;
            println!(
                "Imported {} municipalities of Baden-Württemberg from {} ({:?}): {} new, {} updated, {} unchanged; \
                 {} already known but not in the file were kept; {} records of other states skipped.",
                parsed.records.len(),
                file.display(),
                parsed.format,
                summary.inserted,
                summary.updated,
                summary.unchanged,
                summary.kept_not_in_file,
                summary.skipped_other_states,
            );
            Ok(())
        }
        Command::SeedMentors { database, count } => {
            let pool = db::connect(&database.database_url, 1)?;
            let mut conn = pool.get()?;
            backend::app::search_texts_up_to_date(&mut conn)?;
            let written = backend::api::people::seed::seed_mentors(&mut conn, count)?;
            println!("Added {written} synthetic mentors.");
            Ok(())
        }
        Command::SeedCourses { database, count } => {
            let pool = db::connect(&database.database_url, 1)?;
            let written = backend::api::courses::seed::seed_courses(
                &mut *pool.get()?,
                count,
                backend::dates::today_in_berlin(),
            )?;
            println!("Added {written} synthetic courses.");
            Ok(())
        }
        Command::Openapi => {
            print!("{}", backend::openapi::document_json());
            Ok(())
        }
    }
}

fn validation_details(e: &backend::error::ApiError) -> String {
    match e {
        backend::error::ApiError::Validation(errors) => {
            errors.iter().map(|e| format!(": {}", e.message)).collect()
        }
        _ => String::new(),
    }
}
