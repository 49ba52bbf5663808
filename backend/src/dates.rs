//! Dates where the programme happens: course times are local times in Europe/Berlin.

use chrono::{NaiveDate, Utc};
use chrono_tz::Europe::Berlin;

/// A date as German messages write it: `09.03.2027`.
pub fn german_short(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

/// Today's date where the courses take place.
pub fn today_in_berlin() -> NaiveDate {
    Utc::now().with_timezone(&Berlin).date_naive()
}
