//! Dates where the programme happens: course times are local times in Europe/Berlin.

use chrono::{NaiveDate, Utc};
use chrono_tz::Europe::Berlin;

/// Today's date where the courses take place.
pub fn today_in_berlin() -> NaiveDate {
    Utc::now().with_timezone(&Berlin).date_naive()
}
