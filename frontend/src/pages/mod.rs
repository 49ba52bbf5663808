//! One module per area of the app.

pub mod districts;
pub mod fields;
pub mod home;
pub mod login;
pub mod organisations;
