//! Mentorat backend: one binary serving the REST API and the web app on SQLite or PostgreSQL.
//!
//! Map: `app` builds the server (used by `main` and the tests alike); `db` is the connection
//! layer for both databases; `error` maps every failure to problem+json; `http` holds the
//! paging/ETag conventions; each resource (`fields`, `districts`, `municipalities`,
//! `organisations`, `auth`) keeps its routes and queries together.

pub mod accounts;
pub mod app;
pub mod attendance;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod certificates;
pub mod clients;
pub mod config;
pub mod courses;
pub mod coverage;
pub mod db;
pub mod demo;
pub mod districts;
pub mod enrolments;
pub mod error;
pub mod fields;
pub mod health;
pub mod http;
pub mod mail;
pub mod municipalities;
pub mod openapi;
pub mod organisations;
pub mod outbox;
pub mod people;
pub mod publication;
pub mod rate;
pub mod routing;
pub mod schema;
pub mod secrets;
pub mod state;
pub mod text;
pub mod tokens;
