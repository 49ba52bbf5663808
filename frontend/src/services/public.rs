//! The public reads: the mentor listing, open courses, certificate verification.

use super::{with_query, Read};
use serde::Serialize;
use shared::certificates::Verification;
use shared::courses::PublicCourse;
use shared::people::PublicMentorPage;
use shared::Page;

/// The public listing's query for a district or a municipality (`district=…` or empty).
pub fn mentors(query: &str, limit: i64) -> Read<PublicMentorPage> {
    Read::new(format!("/public/mentors?limit={limit}&{query}"))
}

/// The same listing as CSV (a link the browser follows itself).
pub fn mentors_csv_url(query: &str) -> String {
    format!("/api/v1/public/mentors?format=csv&{query}")
}

/// A page of the courses open for registration, chosen by `filter` (district, municipality,
/// kind, month and `offset`; empty fields are not sent).
pub fn open_courses<F: Serialize>(filter: &F, limit: i64) -> Read<Page<PublicCourse>> {
    Read::new(with_query(
        &format!("/public/courses?limit={limit}"),
        filter,
    ))
}

/// One course open for registration.
pub fn open_course(id: i64) -> Read<PublicCourse> {
    Read::new(format!("/public/courses/{id}"))
}

/// Open courses as an iCalendar file (a link the browser follows itself).
pub fn open_courses_calendar_url() -> &'static str {
    "/api/v1/public/courses.ics"
}

pub fn verify_certificate(code: &str) -> Read<Verification> {
    Read::new(format!("/public/certificates/{}", super::encode(code)))
}

/// Who runs this installation and how to reach them (for the accessibility statement).
pub fn site_contact() -> Read<shared::site::SiteContact> {
    Read::new("/public/site")
}
