//! Courses: local mentor courses (Mentorenkurs) and trainer courses (Mentorentrainerkurs), with
//! their sessions. Status changes follow [`CourseStatus::can_become`].

use crate::values::FieldErrors;
use crate::values::{optional_text, optional_value, required_text, Ags};
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

code_enum!(
    CourseKind {
        MentorCourse = "mentor_course", "Mentorenkurs", "Mentor course";
        TrainerCourse = "trainer_course", "Mentorentrainerkurs", "Trainer course";
    }
);

code_enum!(
    CourseStatus {
        Planned = "planned", "in Planung", "planned";
        RegistrationOpen = "registration_open", "Anmeldung offen", "registration open";
        Full = "full", "ausgebucht", "full";
        Running = "running", "läuft", "running";
        Completed = "completed", "abgeschlossen", "completed";
        Cancelled = "cancelled", "abgesagt", "cancelled";
    }
);

impl CourseStatus {
    /// The sensible next steps of a course; completed and cancelled courses are final.
    pub fn can_become(self, next: CourseStatus) -> bool {
        use CourseStatus::*;
        matches!(
            (self, next),
            (Planned, RegistrationOpen | Cancelled)
                | (RegistrationOpen, Planned | Full | Running | Cancelled)
                | (Full, RegistrationOpen | Running | Cancelled)
                | (Running, Completed | Cancelled)
        )
    }
}

impl CourseKind {
    /// Required hours when none are given: 40 for a local course, five days for a trainer course.
    pub fn default_required_hours(self) -> f64 {
        match self {
            CourseKind::MentorCourse => 40.0,
            CourseKind::TrainerCourse => 35.0,
        }
    }
}

/// A course date. Without a date it is "to be fixed with the participants".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Session {
    pub id: i64,
    pub date: Option<NaiveDate>,
    /// Local time in Europe/Berlin.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "09:30:00"))]
    pub start: Option<NaiveTime>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "16:30:00"))]
    pub end: Option<NaiveTime>,
    /// Hours, from start and end.
    pub hours: f64,
    pub topic: Option<String>,
    /// Room or other venue for this session only.
    pub room: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionInput {
    #[serde(default)]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "09:30:00"))]
    pub start: Option<NaiveTime>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "16:30:00"))]
    pub end: Option<NaiveTime>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub topic: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub room: Option<String>,
}

/// Hours between two times of day (0 when either is missing).
pub fn session_hours(start: Option<NaiveTime>, end: Option<NaiveTime>) -> f64 {
    match (start, end) {
        (Some(s), Some(e)) if e > s => (e - s).num_minutes() as f64 / 60.0,
        _ => 0.0,
    }
}

/// A checked [`SessionInput`]; trainer-course days default to 09:30–16:30.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionDraft {
    pub date: Option<NaiveDate>,
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
    pub topic: Option<String>,
    pub room: Option<String>,
}

impl SessionInput {
    pub fn parse(&self, kind: CourseKind) -> Result<SessionDraft, FieldErrors> {
        let mut e = FieldErrors::default();
        let topic = e.check(
            "topic",
            optional_text(self.topic.as_deref().unwrap_or(""), 200),
        );
        let room = e.check(
            "room",
            optional_text(self.room.as_deref().unwrap_or(""), 200),
        );
        let (mut start, mut end) = (self.start, self.end);
        if kind == CourseKind::TrainerCourse && start.is_none() && end.is_none() {
            start = NaiveTime::from_hms_opt(9, 30, 0);
            end = NaiveTime::from_hms_opt(16, 30, 0);
        }
        if let (Some(s), Some(en)) = (start, end) {
            if en <= s {
                e.add(
                    "end",
                    "before_start",
                    "Das Ende liegt nicht nach dem Beginn.",
                );
            }
        }
        if start.is_some() != end.is_some() {
            e.add("end", "incomplete", "Beginn und Ende gehören zusammen.");
        }
        e.into_result()?;
        Ok(SessionDraft {
            date: self.date,
            start,
            end,
            topic: topic.flatten(),
            room: room.flatten(),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Venue {
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub name: Option<String>,
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub address: Option<String>,
    /// A partner organisation as the venue.
    pub organisation: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Course {
    pub id: i64,
    pub kind: CourseKind,
    pub title: String,
    pub description: Option<String>,
    pub status: CourseStatus,
    pub venue: Venue,
    pub municipality: Option<crate::organisations::MunicipalityRef>,
    pub provider: Option<i64>,
    pub commissioning_body: Option<i64>,
    pub funder: Option<i64>,
    /// Person ids of the trainers (a tandem).
    pub trainers: Vec<i64>,
    pub topics: Vec<String>,
    pub required_hours: f64,
    pub capacity: i64,
    pub registration_deadline: Option<NaiveDate>,
    pub sessions: Vec<Session>,
    /// Sum of the hours of all dated and undated sessions with times.
    pub planned_hours: f64,
    /// The day the course was completed; its certificates carry this date.
    #[serde(default)]
    pub completed_on: Option<NaiveDate>,
    /// Why staff completed it although its sessions spread over much less or much more than the
    /// three months a Mentorenkurs takes.
    #[serde(default)]
    pub completion_reason: Option<String>,
    /// The local Mentorenkurs of a tandem in training: the Mentorentrainerkurs where its
    /// trainers train.
    #[serde(default)]
    pub trained_in: Option<CourseLink>,
    pub version: i64,
}

/// A course named on another's page: its id and title.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CourseLink {
    pub id: i64,
    pub title: String,
}

/// Create or replace a course. New courses start as planned; the status changes through
/// `PUT /courses/{id}/status`, the sessions through their own endpoints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CourseInput {
    pub kind: CourseKind,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub title: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 5000))]
    pub description: Option<String>,
    #[serde(default)]
    pub venue: Option<Venue>,
    #[serde(default)]
    pub municipality: Option<String>,
    #[serde(default)]
    pub provider: Option<i64>,
    #[serde(default)]
    pub commissioning_body: Option<i64>,
    #[serde(default)]
    pub funder: Option<i64>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 2))]
    pub trainers: Vec<i64>,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 0.5, maximum = 500.0))]
    pub required_hours: Option<f64>,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 500))]
    pub capacity: i64,
    #[serde(default)]
    pub registration_deadline: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CourseDraft {
    pub kind: CourseKind,
    pub title: String,
    pub description: Option<String>,
    pub venue_name: Option<String>,
    pub venue_address: Option<String>,
    pub venue_organisation: Option<i64>,
    pub municipality: Option<Ags>,
    pub provider: Option<i64>,
    pub commissioning_body: Option<i64>,
    pub funder: Option<i64>,
    pub trainers: Vec<i64>,
    pub topics: Vec<String>,
    pub required_hours: f64,
    pub capacity: i64,
    pub registration_deadline: Option<NaiveDate>,
}

impl CourseInput {
    pub fn parse(&self) -> Result<CourseDraft, FieldErrors> {
        let mut e = FieldErrors::default();
        let title = e.check("title", required_text(&self.title, 200));
        let description = e.check(
            "description",
            optional_text(self.description.as_deref().unwrap_or(""), 5000),
        );
        let venue = self.venue.clone().unwrap_or(Venue {
            name: None,
            address: None,
            organisation: None,
        });
        let venue_name = e.check(
            "venue.name",
            optional_text(venue.name.as_deref().unwrap_or(""), 200),
        );
        let venue_address = e.check(
            "venue.address",
            optional_text(venue.address.as_deref().unwrap_or(""), 300),
        );
        let municipality = e.check(
            "municipality",
            optional_value::<Ags>(self.municipality.as_deref().unwrap_or("")),
        );
        let required_hours = self
            .required_hours
            .unwrap_or(self.kind.default_required_hours());
        if !(0.5..=500.0).contains(&required_hours) {
            e.add(
                "required_hours",
                "range",
                "Die Stundenzahl liegt zwischen 0,5 und 500.",
            );
        }
        if !(1..=500).contains(&self.capacity) {
            e.add(
                "capacity",
                "range",
                "Die Zahl der Plätze liegt zwischen 1 und 500.",
            );
        }
        let mut trainers = self.trainers.clone();
        trainers.sort_unstable();
        trainers.dedup();
        if trainers.len() > 2 {
            e.add(
                "trainers",
                "tandem",
                "Ein Kurs wird von einem Tandem geleitet: höchstens zwei Trainer.",
            );
        }
        let mut topics: Vec<String> = self
            .topics
            .iter()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        topics.dedup();
        e.into_result()?;
        Ok(CourseDraft {
            kind: self.kind,
            title: title.unwrap_or_default(),
            description: description.flatten(),
            venue_name: venue_name.flatten(),
            venue_address: venue_address.flatten(),
            venue_organisation: venue.organisation,
            municipality: municipality.flatten(),
            provider: self.provider,
            commissioning_body: self.commissioning_body,
            funder: self.funder,
            trainers,
            topics,
            required_hours,
            capacity: self.capacity,
            registration_deadline: self.registration_deadline,
        })
    }
}

/// Change a course's status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusInput {
    pub status: CourseStatus,
    /// Completing a Mentorenkurs whose dated sessions lie less than 6 weeks or more than 6 months
    /// apart needs a reason; it is stored with the course.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub reason: Option<String>,
}

code_enum!(
    EnrolmentStatus {
        Registered = "registered", "angemeldet", "registered";
        Confirmed = "confirmed", "bestätigt", "confirmed";
        Waitlisted = "waitlisted", "Warteliste", "waitlisted";
        Cancelled = "cancelled", "storniert", "cancelled";
        Completed = "completed", "abgeschlossen", "completed";
        DroppedOut = "dropped_out", "abgebrochen", "dropped out";
    }
);

impl EnrolmentStatus {
    /// Whether the enrolment takes one of the course's places.
    pub fn holds_place(self) -> bool {
        matches!(
            self,
            EnrolmentStatus::Registered | EnrolmentStatus::Confirmed | EnrolmentStatus::Completed
        )
    }

    /// The codes of the states that take a place, for queries.
    pub fn place_holding_codes() -> Vec<&'static str> {
        Self::ALL
            .iter()
            .filter(|s| s.holds_place())
            .map(|s| s.code())
            .collect()
    }
}

/// A person's place (or waitlist entry) in a course.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Enrolment {
    pub id: i64,
    pub course_id: i64,
    pub person_id: i64,
    pub given_name: String,
    pub family_name: String,
    pub status: EnrolmentStatus,
    /// 1 for the first on the waitlist; only while waitlisted.
    pub waitlist_position: Option<i64>,
    /// Trainer courses: the other half of the tandem.
    pub tandem_partner: Option<i64>,
    /// Trainer courses: the local Mentorenkurs the tandem runs during its training.
    pub local_course: Option<i64>,
}

/// Register a person (for a trainer course: a tandem) for a course.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnrolmentInput {
    pub person_id: i64,
    /// Trainer courses: the tandem partner, registered together with the person.
    #[serde(default)]
    pub tandem_partner_id: Option<i64>,
    /// Trainer courses: the local Mentorenkurs the tandem runs during its training.
    #[serde(default)]
    pub local_course_id: Option<i64>,
}

/// Change an enrolment: confirm, cancel, mark as dropped out or completed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnrolmentStatusInput {
    pub status: EnrolmentStatus,
}

code_enum!(
    AttendanceStatus {
        Present = "present", "anwesend", "present";
        Partial = "partial", "teilweise", "partly";
        Excused = "excused", "entschuldigt", "excused";
        Absent = "absent", "abwesend", "absent";
    }
);

/// One participant's attendance at one session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttendanceMark {
    pub enrolment_id: i64,
    pub status: AttendanceStatus,
    /// Hours attended; required for `partial`, otherwise derived from the session.
    #[serde(default)]
    pub hours: Option<f64>,
}

/// A participant's row of the attendance grid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttendanceRow {
    pub enrolment_id: i64,
    pub person_id: i64,
    pub given_name: String,
    pub family_name: String,
    /// One entry per session, in the order of the course's sessions; `null` where nothing is recorded.
    pub sessions: Vec<Option<AttendanceCell>>,
    pub total_hours: f64,
    /// Whether the total reaches the course's required hours.
    pub reached: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttendanceCell {
    pub status: AttendanceStatus,
    pub hours: f64,
}

/// Participants × sessions, with running totals against the required hours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttendanceGrid {
    pub required_hours: f64,
    pub session_ids: Vec<i64>,
    pub rows: Vec<AttendanceRow>,
}

/// An open course as municipal web sites show it: no personal data, free places counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicCourse {
    pub id: i64,
    pub kind: CourseKind,
    pub title: String,
    pub description: Option<String>,
    pub status: CourseStatus,
    pub venue: Venue,
    pub municipality: Option<crate::organisations::MunicipalityRef>,
    pub topics: Vec<String>,
    pub sessions: Vec<Session>,
    pub registration_deadline: Option<NaiveDate>,
    pub capacity: i64,
    pub free_places: i64,
    /// Whom to ask: the providing organisation and its contact person, if the course names one.
    pub contact: Option<CourseContact>,
}

/// The organisation providing a course and its contact person, as the public sees them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CourseContact {
    pub organisation: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
}

/// A dated session with the course it belongs to, for the calendar overview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScheduledSession {
    pub course_id: i64,
    pub course_title: String,
    pub course_kind: CourseKind,
    pub course_status: CourseStatus,
    pub venue: Venue,
    pub municipality: Option<crate::organisations::MunicipalityRef>,
    pub session: Session,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sensible_status_changes() {
        use CourseStatus::*;
        assert!(Planned.can_become(RegistrationOpen));
        assert!(RegistrationOpen.can_become(Running));
        assert!(Running.can_become(Completed));
        assert!(!Planned.can_become(Completed));
        assert!(!Completed.can_become(Running));
        assert!(!Cancelled.can_become(Planned));
        assert!(!Running.can_become(RegistrationOpen));
    }

    #[test]
    fn hours_follow_from_the_times_and_trainer_days_default() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0);
        assert_eq!(session_hours(t(18, 0), t(21, 30)), 3.5);
        assert_eq!(session_hours(None, t(21, 0)), 0.0);
        let day = SessionInput::default()
            .parse(CourseKind::TrainerCourse)
            .unwrap();
        assert_eq!(session_hours(day.start, day.end), 7.0);
        let open = SessionInput::default()
            .parse(CourseKind::MentorCourse)
            .unwrap();
        assert_eq!(
            (open.date, open.start),
            (None, None),
            "to be fixed with the participants"
        );
        let backwards = SessionInput {
            start: t(12, 0),
            end: t(11, 0),
            ..Default::default()
        };
        assert!(backwards.parse(CourseKind::MentorCourse).is_err());
    }
}
