//! API tests through real HTTP against a spawned server, each on SQLite and on PostgreSQL.

mod accompaniment;
mod attendance;
mod audit;
mod auth;
mod bad_input;
mod calendar;
mod certificate_profiles;
mod certificates;
mod clients;
mod compression;
mod conventions;
mod courses;
mod demo;
mod enrolments;
mod feed;
mod fields;
mod hardening;
mod mail_queue;
mod matrix;
mod organisations;
mod outage;
mod people;
mod privacy;
mod public;
mod reference;
mod registrations;
mod reports;
mod roles;
mod tandem_applications;

/// A small municipality fixture: two in Stuttgart's region, one in Tübingen's.
pub const MUNICIPALITIES: &str = "ags,name,kind,population
08111000,Stuttgart,Stadtkreis,610458
08116019,Esslingen am Neckar,Große Kreisstadt,94442
08116020,Filderstadt,Große Kreisstadt,46000
08416041,Tübingen,Große Kreisstadt,90499
";
