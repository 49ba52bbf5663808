//! Citizens' own registrations: the form, the confirmation link and the personal link.

use super::{encode, Change, Read};
use crate::api::Method;
use shared::registrations::{ConfirmedRegistration, RegistrationInput, RegistrationStatus};

pub fn register(course: i64, form: &RegistrationInput) -> Change<()> {
    Change::new(Method::Post, format!("/courses/{course}/registrations")).body(form)
}

pub fn confirm(token: &str) -> Change<ConfirmedRegistration> {
    Change::new(
        Method::Post,
        format!("/registrations/confirm/{}", encode(token)),
    )
}

pub fn status(token: &str) -> Read<RegistrationStatus> {
    Read::new(format!("/registrations/by-token/{}", encode(token)))
}

pub fn withdraw(token: &str) -> Change<RegistrationStatus> {
    Change::new(
        Method::Delete,
        format!("/registrations/by-token/{}", encode(token)),
    )
}

/// Registrations whose person may have been recorded before (staff).
pub fn reviews() -> Read<Vec<shared::registrations::RegistrationReview>> {
    Read::new("/registrations/reviews")
}

pub fn decide_review(id: i64, decision: &shared::registrations::ReviewDecision) -> Change<()> {
    Change::new(Method::Post, format!("/registrations/reviews/{id}")).body(decision)
}
