//! Courses, their sessions, enrolments, attendance and certificates.

use super::{with_query, Change, Download, Read};
use crate::api::Method;
use crate::i18n::Lang;
use serde::Serialize;
use shared::accompaniment::{Accompaniment, AccompanimentMeetingInput, AttendedMeeting};
use shared::certificates::{Certificate, IssueInput, RevocationInput};
use shared::courses::{
    AttendanceGrid, AttendanceMark, Course, CourseInput, Enrolment, EnrolmentInput,
    EnrolmentStatusInput, ScheduledSession, SessionInput, StatusInput,
};
use shared::Page;

/// A page of courses, filtered by `filter` (with its `offset`; empty fields are not sent).
pub fn list<F: Serialize>(filter: &F, limit: i64) -> Read<Page<Course>> {
    Read::new(with_query(&format!("/courses?limit={limit}"), filter))
}

/// Mentor courses a trainer tandem can be enrolled for (as the local course they run).
pub fn local_courses() -> Read<Page<Course>> {
    Read::new("/courses?kind=mentor_course&limit=100")
}

pub fn get(id: i64) -> Read<Course> {
    Read::new(format!("/courses/{id}"))
}

pub fn create(course: &CourseInput) -> Change<Course> {
    Change::new(Method::Post, "/courses").body(course)
}

pub fn update(id: i64, etag: Option<String>, course: &CourseInput) -> Change<Course> {
    Change::new(Method::Put, format!("/courses/{id}"))
        .etag(etag)
        .body(course)
}

pub fn set_status(id: i64, status: &StatusInput) -> Change<Course> {
    Change::new(Method::Put, format!("/courses/{id}/status")).body(status)
}

/// All sessions in the calendar overview.
pub fn schedule() -> Read<Vec<ScheduledSession>> {
    Read::new("/sessions")
}

pub fn add_session(course: i64, session: &SessionInput) -> Change<Course> {
    Change::new(Method::Post, format!("/courses/{course}/sessions")).body(session)
}

pub fn update_session(
    course: i64,
    session: i64,
    etag: Option<String>,
    input: &SessionInput,
) -> Change<Course> {
    Change::new(Method::Put, format!("/courses/{course}/sessions/{session}"))
        .etag(etag)
        .body(input)
}

pub fn remove_session(course: i64, session: i64) -> Change<Course> {
    Change::new(
        Method::Delete,
        format!("/courses/{course}/sessions/{session}"),
    )
}

pub fn enrolments(course: i64) -> Read<Vec<Enrolment>> {
    Read::new(format!("/courses/{course}/enrolments"))
}

pub fn enrol(course: i64, enrolment: &EnrolmentInput) -> Change<Vec<Enrolment>> {
    Change::new(Method::Post, format!("/courses/{course}/enrolments")).body(enrolment)
}

pub fn set_enrolment_status(
    course: i64,
    enrolment: i64,
    status: &EnrolmentStatusInput,
) -> Change<Vec<Enrolment>> {
    Change::new(
        Method::Put,
        format!("/courses/{course}/enrolments/{enrolment}"),
    )
    .body(status)
}

pub fn attendance(course: i64) -> Read<AttendanceGrid> {
    Read::new(format!("/courses/{course}/attendance"))
}

pub fn record_attendance(
    course: i64,
    session: i64,
    marks: &[AttendanceMark],
) -> Change<AttendanceGrid> {
    Change::new(
        Method::Put,
        format!("/courses/{course}/sessions/{session}/attendance"),
    )
    .body(&marks)
}

pub fn certificates(course: i64) -> Read<Vec<Certificate>> {
    Read::new(format!("/courses/{course}/certificates"))
}

pub fn issue_certificates(course: i64, input: &IssueInput) -> Change<Certificate> {
    Change::new(Method::Post, format!("/courses/{course}/certificates")).body(input)
}

pub fn revoke_certificate(certificate: i64, revocation: &RevocationInput) -> Change<Certificate> {
    Change::new(
        Method::Post,
        format!("/certificates/{certificate}/revocation"),
    )
    .body(revocation)
}

/// The certificate as a PDF in `lang` (German or English), whatever the app's language.
pub fn certificate_pdf(certificate: &Certificate, lang: Lang) -> Download {
    let (query, name) = match lang {
        Lang::De => ("", "Zertifikat"),
        Lang::En => ("?lang=en", "Certificate"),
    };
    Download {
        path: format!("/certificates/{}/pdf{query}", certificate.id),
        file_name: format!("{name}-{}.pdf", certificate.serial),
    }
}

/// The course's sessions as an iCalendar file (a link the browser follows itself).
pub fn calendar_url(course: i64) -> String {
    format!("/api/v1/courses/{course}/calendar.ics")
}

/// The course's accompaniment year: mentors and meetings.
pub fn accompaniment(course: i64) -> Read<Accompaniment> {
    Read::new(format!("/courses/{course}/accompaniment"))
}

pub fn record_meeting(course: i64, meeting: &AccompanimentMeetingInput) -> Change<Accompaniment> {
    Change::new(Method::Post, format!("/courses/{course}/accompaniment")).body(meeting)
}

/// The accompaniment meetings a person attended.
pub fn attended_meetings(person: i64) -> Read<Vec<AttendedMeeting>> {
    Read::new(format!("/people/{person}/accompaniment"))
}
