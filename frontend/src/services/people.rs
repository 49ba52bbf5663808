//! People (mentors and trainers), their consent, export and erasure.

use super::{with_query, Change, Download, Read};
use crate::api::Method;
use serde::Serialize;
use shared::people::{
    ConsentInput, ErasureRequest, MergeRequest, OwnProfileInput, Person, PersonInput,
};
use shared::Page;

/// A page of people, filtered by `filter` (with its `offset`; empty fields are not sent).
pub fn list<F: Serialize>(filter: &F, limit: i64) -> Read<Page<Person>> {
    Read::new(with_query(&format!("/people?limit={limit}"), filter))
}

/// Trainers of one kind (`professional` or `citizen`), as tandem partners.
pub fn trainers_of_kind(kind: &str) -> Read<Page<Person>> {
    Read::new(format!(
        "/people?role=trainer&trainer_kind={}&limit=200",
        super::encode(kind)
    ))
}

pub fn get(id: i64) -> Read<Person> {
    Read::new(format!("/people/{id}"))
}

pub fn create(person: &PersonInput) -> Change<Person> {
    Change::new(Method::Post, "/people").body(person)
}

pub fn update(id: i64, etag: Option<String>, person: &PersonInput) -> Change<Person> {
    Change::new(Method::Put, format!("/people/{id}"))
        .etag(etag)
        .body(person)
}

pub fn remove(id: i64) -> Change<()> {
    Change::new(Method::Delete, format!("/people/{id}"))
}

pub fn set_consent(id: i64, etag: Option<String>, consent: &ConsentInput) -> Change<Person> {
    Change::new(Method::Put, format!("/people/{id}/consent"))
        .etag(etag)
        .body(consent)
}

pub fn update_own_profile(id: i64, profile: &OwnProfileInput) -> Change<Person> {
    Change::new(Method::Put, format!("/people/{id}/profile")).body(profile)
}

pub fn merge(id: i64, duplicate_id: i64) -> Change<Person> {
    Change::new(Method::Post, format!("/people/{id}/merge")).body(&MergeRequest { duplicate_id })
}

pub fn export(id: i64, file_name: impl Into<String>) -> Download {
    Download {
        path: format!("/people/{id}/export"),
        file_name: file_name.into(),
    }
}

pub fn request_erasure(id: i64) -> Change<()> {
    Change::new(Method::Post, format!("/people/{id}/erasure-request"))
}

pub fn erasure_requests() -> Read<Vec<ErasureRequest>> {
    Read::new("/erasure-requests")
}

/// The search a picker of people appends `q` to; `role` narrows it (`mentor`, `trainer`).
pub fn picker(role: Option<&str>) -> String {
    match role {
        Some(role) => format!("/people?role={}", super::encode(role)),
        None => "/people".to_owned(),
    }
}
