//! The accompaniment year: after a Mentorenkurs its trainers meet the new mentors for a year
//! (Begleittreffen) and record who came.

use crate::values::FieldErrors;
use crate::values::{optional_text, required_text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How long the accompaniment runs after the course's completion.
pub const ACCOMPANIMENT_MONTHS: u32 = 12;

/// The last day of the accompaniment year of a course completed on `completed_on`.
pub fn accompaniment_ends(completed_on: NaiveDate) -> NaiveDate {
    completed_on
        .checked_add_months(chrono::Months::new(ACCOMPANIMENT_MONTHS))
        .unwrap_or(completed_on)
}

/// A new mentor of the course: a participant who kept their place to its end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccompaniedMentor {
    pub enrolment_id: i64,
    pub person_id: i64,
    pub given_name: String,
    pub family_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccompanimentMeeting {
    pub id: i64,
    pub date: NaiveDate,
    pub place: Option<String>,
    pub topic: String,
    /// Enrolment ids of the mentors who attended.
    pub attendees: Vec<i64>,
}

/// A course's accompaniment year: its dates, the mentors, the meetings held.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Accompaniment {
    pub course_id: i64,
    /// The course's completion; absent while the course is not completed.
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub mentors: Vec<AccompaniedMentor>,
    /// Oldest first.
    pub meetings: Vec<AccompanimentMeeting>,
}

/// A meeting as recorded by the trainers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccompanimentMeetingInput {
    pub date: Option<NaiveDate>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub place: Option<String>,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub topic: String,
    /// Enrolment ids of the mentors who attended.
    #[serde(default)]
    pub attendees: Vec<i64>,
}

/// A checked [`AccompanimentMeetingInput`].
#[derive(Debug, Clone, PartialEq)]
pub struct AccompanimentMeetingDraft {
    pub date: NaiveDate,
    pub place: Option<String>,
    pub topic: String,
    pub attendees: Vec<i64>,
}

impl AccompanimentMeetingInput {
    pub fn parse(&self) -> Result<AccompanimentMeetingDraft, FieldErrors> {
        let mut e = FieldErrors::default();
        if self.date.is_none() {
            e.add("date", "required", "Bitte das Datum des Treffens angeben.");
        }
        let topic = e.check("topic", required_text(&self.topic, 200));
        let place = e.check(
            "place",
            optional_text(self.place.as_deref().unwrap_or(""), 200),
        );
        let (Some(date), Some(topic), Some(place)) = (self.date, topic, place) else {
            return Err(e);
        };
        let mut attendees = self.attendees.clone();
        attendees.sort_unstable();
        attendees.dedup();
        Ok(AccompanimentMeetingDraft {
            date,
            place,
            topic,
            attendees,
        })
    }
}

/// A meeting a person attended, for their record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttendedMeeting {
    pub course_id: i64,
    pub course_title: String,
    pub date: NaiveDate,
    pub place: Option<String>,
    pub topic: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_runs_twelve_months_and_meetings_need_date_and_topic() {
        let done = NaiveDate::from_ymd_opt(2026, 5, 20).unwrap();
        assert_eq!(accompaniment_ends(done).to_string(), "2027-05-20");
        let errors = AccompanimentMeetingInput::default().parse().unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["date", "topic"]);
    }
}
