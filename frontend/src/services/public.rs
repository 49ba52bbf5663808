//! The public reads: the mentor listing, open courses, certificate verification.

use super::Read;
use shared::certificates::Verification;
use shared::people::PublicMentorPage;

/// The public listing's query for a district or a municipality (`district=…` or empty).
pub fn mentors(query: &str, limit: i64) -> Read<PublicMentorPage> {
    Read::new(format!("/public/mentors?limit={limit}&{query}"))
}

/// The same listing as CSV (a link the browser follows itself).
pub fn mentors_csv_url(query: &str) -> String {
    format!("/api/v1/public/mentors?format=csv&{query}")
}

/// Open courses as an iCalendar file (a link the browser follows itself).
pub fn open_courses_calendar_url() -> &'static str {
    "/api/v1/public/courses.ics"
}

pub fn verify_certificate(code: &str) -> Read<Verification> {
    Read::new(format!("/public/certificates/{}", super::encode(code)))
}
