//! Trainer tandems applying for a Mentorentrainerkurs: the form, each partner's confirmation
//! link, and staff's queue and decision.

use super::{encode, Change, Read};
use crate::api::Method;
use shared::tandems::{
    TandemApplication, TandemApplicationInput, TandemConfirmation, TandemDecision,
};

pub fn apply(course: i64, form: &TandemApplicationInput) -> Change<()> {
    Change::new(
        Method::Post,
        format!("/courses/{course}/tandem-applications"),
    )
    .body(form)
}

pub fn confirm(token: &str) -> Change<TandemConfirmation> {
    Change::new(
        Method::Post,
        format!("/tandem-applications/confirm/{}", encode(token)),
    )
}

/// Applications confirmed by both partners, waiting for a decision (staff).
pub fn waiting() -> Read<Vec<TandemApplication>> {
    Read::new("/tandem-applications")
}

pub fn decide(id: i64, decision: &TandemDecision) -> Change<TandemApplication> {
    Change::new(Method::Post, format!("/tandem-applications/{id}/decision")).body(decision)
}
