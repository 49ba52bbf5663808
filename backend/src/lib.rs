//! Mentorat backend: one binary serving the REST API and the web app on SQLite or PostgreSQL.
//!
//! Layers, top to bottom: `app` wires the server (used by `main` and the tests alike); `api`
//! holds the resources, one directory each with handlers (`mod.rs`) and queries (`store.rs`);
//! below them the mechanics every resource uses: `state`, `auth` (guards), `audit`, `db`,
//! `http`, `error`, `routing`, `tokens`, `rate`, `publication`, `mail`. The README's
//! architecture map names every file.

pub mod api;
pub mod app;
pub mod audit;
pub mod auth;
pub mod config;
pub mod dates;
pub mod db;
pub mod demo;
pub mod downloads;
pub mod embed;
pub mod error;
pub mod fonts;
pub mod health;
pub mod http;
pub mod logo;
pub mod mail;
pub mod notices;
pub mod openapi;
pub mod pdfa;
pub mod publication;
pub mod rate;
pub mod routing;
pub mod schema;
pub mod secrets;
pub mod state;
pub mod text;
pub mod tokens;
