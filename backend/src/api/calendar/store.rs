//! Queries and rules of `calendar`: what the handlers in `mod.rs` call.

use actix_web::HttpResponse;
use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Berlin;
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};
use shared::courses::{Course, CourseStatus, Session};

/// A local Berlin time as UTC; for the hour skipped in spring the later reading is taken.
pub(crate) fn berlin_to_utc(date: NaiveDate, time: NaiveTime) -> chrono::DateTime<Utc> {
    let local = date.and_time(time);
    Berlin
        .from_local_datetime(&local)
        .earliest()
        .unwrap_or_else(|| Berlin.from_utc_datetime(&(local - chrono::Duration::hours(1))))
        .with_timezone(&Utc)
}

/// Where a session takes place: its own room first, then the course's venue.
pub(crate) fn location(course: &Course, session: &Session) -> Option<String> {
    let parts: Vec<&str> = [
        session.room.as_deref(),
        course.venue.name.as_deref(),
        course.venue.address.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// One event per dated session; sessions still to be fixed have no place in a calendar yet.
pub(crate) fn session_events(course: &Course) -> impl Iterator<Item = Event> + '_ {
    course.sessions.iter().filter_map(move |session| {
        let date = session.date?;
        let mut event = Event::new();
        event
            .uid(&format!("mentorat-session-{}@mentorat", session.id))
            .sequence(course.version.max(0) as u32)
            .summary(&match &session.topic {
                Some(topic) => format!("{} – {topic}", course.title),
                None => course.title.clone(),
            })
            .description(&format!("{} ({})", course.title, course.kind.label_de()));
        match (session.start, session.end) {
            (Some(start), Some(end)) => event
                .starts(berlin_to_utc(date, start))
                .ends(berlin_to_utc(date, end)),
            _ => event.all_day(date),
        };
        if let Some(place) = location(course, session) {
            event.location(&place);
        }
        if course.status == CourseStatus::Cancelled {
            event.status(EventStatus::Cancelled);
        } else {
            event.status(EventStatus::Confirmed);
        }
        Some(event.done())
    })
}

pub(crate) fn calendar(name: &str, courses: &[Course]) -> String {
    let mut calendar = Calendar::new();
    calendar.name(name);
    for course in courses {
        for event in session_events(course) {
            calendar.push(event);
        }
    }
    calendar.done().to_string()
}

pub(crate) fn ics_response(body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .body(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn berlin_times_become_utc_in_summer_and_winter() {
        let t = NaiveTime::from_hms_opt(9, 30, 0).unwrap();
        let winter = berlin_to_utc(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), t);
        let summer = berlin_to_utc(NaiveDate::from_ymd_opt(2026, 7, 1).unwrap(), t);
        assert_eq!(winter.format("%H:%M").to_string(), "08:30");
        assert_eq!(summer.format("%H:%M").to_string(), "07:30");
        // 02:30 does not exist on the last Sunday of March; it must not panic.
        let gap = berlin_to_utc(
            NaiveDate::from_ymd_opt(2026, 3, 29).unwrap(),
            NaiveTime::from_hms_opt(2, 30, 0).unwrap(),
        );
        assert_eq!(gap.format("%H:%M").to_string(), "01:30");
    }
}
