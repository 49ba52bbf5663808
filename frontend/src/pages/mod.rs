//! One module per area of the app.

pub mod accessibility;
pub mod account;
pub mod admin;
pub mod course_finder;
pub mod courses;
pub mod coverage;
pub mod districts;
pub mod fields;
pub mod home;
pub mod login;
pub mod organisations;
pub mod people;
pub mod public;
pub mod registration;
pub mod reports;
pub mod tandem;
pub mod verify;
