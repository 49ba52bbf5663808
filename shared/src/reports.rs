//! Reports for the ministry and the funder: what the programme did in a year or quarter, per
//! district, course kind and field of activity. Every figure is counted by the database; the
//! definitions below are the ones the report's readers get.

use crate::courses::CourseKind;
use crate::DistrictKey;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A calendar year or one of its quarters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Period {
    pub year: i32,
    /// 1–4; absent for the whole year.
    pub quarter: Option<u8>,
    /// First day of the period.
    pub from: NaiveDate,
    /// Last day of the period.
    pub to: NaiveDate,
}

impl Period {
    /// The year, or a quarter of it; `None` outside 2000–2100 or for a quarter other than 1–4.
    pub fn new(year: i32, quarter: Option<u8>) -> Option<Period> {
        if !(2000..=2100).contains(&year) {
            return None;
        }
        let (first_month, months) = match quarter {
            None => (1, 12),
            Some(q @ 1..=4) => (u32::from(q) * 3 - 2, 3),
            Some(_) => return None,
        };
        let from = NaiveDate::from_ymd_opt(year, first_month, 1)?;
        let to = from
            .checked_add_months(chrono::Months::new(months))?
            .pred_opt()?;
        Some(Period {
            year,
            quarter,
            from,
            to,
        })
    }

    /// The period before: the previous year, or the previous quarter (Q4 of last year for Q1).
    pub fn previous(&self) -> Period {
        let (year, quarter) = match self.quarter {
            None => (self.year - 1, None),
            Some(1) => (self.year - 1, Some(4)),
            Some(q) => (self.year, Some(q - 1)),
        };
        Period::new(year, quarter).unwrap_or(*self)
    }

    /// "2026" or "2026 Q2", as in file names and titles.
    pub fn label(&self) -> String {
        match self.quarter {
            None => self.year.to_string(),
            Some(q) => format!("{} Q{q}", self.year),
        }
    }
}

/// Courses and their participants in a period.
///
/// A course belongs to the period in which its first dated session lies.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CourseFigures {
    /// Courses starting in the period that were not cancelled.
    pub courses_planned: i64,
    /// Courses completed in the period (by their completion date).
    pub courses_held: i64,
    /// Cancelled courses that would have started in the period.
    pub courses_cancelled: i64,
    /// People who took a place in a course starting in the period (confirmed, completed or
    /// dropped out).
    pub participants_started: i64,
    /// Participants who completed a course completed in the period.
    pub participants_completed: i64,
    /// Certificates issued in the period and not revoked.
    pub participants_certified: i64,
    /// Participants who dropped out of a course starting in the period.
    pub participants_dropped_out: i64,
    /// Hours of the sessions held in the period (dated in it, not after today, course not
    /// cancelled).
    pub hours_delivered: f64,
    /// Trainer tandems who completed a trainer course completed in the period.
    pub tandems_trained: i64,
    /// Meetings of the accompaniment year held in the period.
    pub accompaniment_meetings: i64,
    /// Mentors' attendances at those meetings (one per mentor and meeting).
    pub accompaniment_attendances: i64,
}

/// Mentors and the municipalities they are active in.
///
/// A mentor is new in the period in which they were first certified or active; active at the end
/// of a period when their status then was "active". A mentor active in several districts counts
/// in each of them and once in the total.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MentorFigures {
    pub mentors_new: i64,
    /// Active at the end of the period.
    pub mentors_active: i64,
    /// Active at the end of the previous period.
    pub mentors_active_previous: i64,
}

/// The municipalities of an area and how many of them have an active mentor.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MunicipalityFigures {
    pub municipalities: i64,
    /// With at least one active mentor at the end of the period.
    pub municipalities_with_mentor: i64,
    /// The same at the end of the previous period.
    pub municipalities_with_mentor_previous: i64,
}

/// Every figure for one area (a district, or the whole state).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AreaFigures {
    #[serde(flatten)]
    pub courses: CourseFigures,
    #[serde(flatten)]
    pub mentors: MentorFigures,
    #[serde(flatten)]
    pub municipalities: MunicipalityFigures,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DistrictFigures {
    pub key: DistrictKey,
    /// The district's name as shown to people ("Heilbronn (Stadtkreis)").
    pub label: String,
    #[serde(flatten)]
    pub figures: AreaFigures,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KindFigures {
    pub kind: CourseKind,
    #[serde(flatten)]
    pub figures: CourseFigures,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldFigures {
    pub field_id: i64,
    pub name_de: String,
    pub name_en: String,
    #[serde(flatten)]
    pub figures: MentorFigures,
}

/// A local course a newly trained tandem leads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocalCourse {
    pub id: i64,
    pub title: String,
    pub status: crate::courses::CourseStatus,
    /// The first dated session, if any.
    pub first_date: Option<NaiveDate>,
}

/// A trainer tandem that completed a trainer course in the period, and the local Mentorenkurs
/// it plans or ran.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrainedTandem {
    pub trainer_course_id: i64,
    pub trainer_course_title: String,
    pub completed_on: NaiveDate,
    /// "Given Family" of each partner (one name when the partner is not recorded).
    pub trainers: Vec<String>,
    pub local_course: Option<LocalCourse>,
}

/// The programme report for a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgrammeReport {
    pub period: Period,
    pub previous: Period,
    /// The whole state.
    pub total: AreaFigures,
    /// Every district, in the order of their keys.
    pub districts: Vec<DistrictFigures>,
    /// Courses without a municipality (counted in the total, in no district).
    pub without_district: CourseFigures,
    pub kinds: Vec<KindFigures>,
    pub fields: Vec<FieldFigures>,
    /// Tandems trained in the period, by completion of their trainer course.
    pub tandems: Vec<TrainedTandem>,
    /// The moment the mentor figures describe: the end of the period or, while it runs, the start
    /// of the hour they were counted in (they are counted once per hour).
    pub mentors_counted_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_years_and_quarters() {
        let q1 = Period::new(2026, Some(1)).unwrap();
        assert_eq!(q1.from.to_string(), "2026-01-01");
        assert_eq!(q1.to.to_string(), "2026-03-31");
        assert_eq!(q1.previous().label(), "2025 Q4");
        let year = Period::new(2026, None).unwrap();
        assert_eq!(year.to.to_string(), "2026-12-31");
        assert_eq!(year.previous().label(), "2025");
        assert_eq!(
            Period::new(2026, Some(4)).unwrap().from.to_string(),
            "2026-10-01"
        );
        assert!(Period::new(2026, Some(5)).is_none());
        assert!(Period::new(1999, None).is_none());
    }
}
