//! The shop's time zone: which local day an instant falls on, and where a
//! local day starts. Days are `YYYY-MM-DD` text everywhere (rollup keys
//! compare as text on both databases).

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

/// A named IANA time zone ("Europe/London", "UTC").
#[derive(Debug, Clone)]
pub struct Zone {
    name: String,
    tz: TimeZone,
}

impl Zone {
    /// A zone by its IANA name; unknown names are refused.
    pub fn parse(name: &str) -> Result<Self, String> {
        let name = name.trim();
        let tz = TimeZone::get(name)
            .map_err(|_| format!("unknown time zone {name:?} (use an IANA name such as Europe/London)"))?;
        Ok(Self { name: name.to_owned(), tz })
    }

    pub fn utc() -> Self {
        Self { name: "UTC".into(), tz: TimeZone::UTC }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The local day of unix ms.
    pub fn date_of(&self, ms: i64) -> Date {
        let ts = Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH);
        ts.to_zoned_datetime(self.tz.clone()).date()
    }

    /// The local day of unix ms, as rollups key it.
    pub fn day_of(&self, ms: i64) -> String {
        self.date_of(ms).to_string()
    }

    /// Unix ms of the first instant of a local day.
    pub fn start_of(&self, day: Date) -> i64 {
        day.to_zoned_datetime(self.tz.clone()).map_or(0, |z| z.timestamp().as_millisecond())
    }

    /// `[start, end)` in unix ms of the local days `first..=last`.
    pub fn span_ms(&self, first: Date, last: Date) -> (i64, i64) {
        (self.start_of(first), self.start_of(next_day(last)))
    }

    /// Today, here.
    pub fn today(&self) -> Date {
        self.date_of(crate::server::now_ms())
    }
}

/// The day after.
pub fn next_day(day: Date) -> Date {
    day.checked_add(1.day()).unwrap_or(day)
}

/// `day` moved by `n` days (negative: back).
pub fn add_days(day: Date, n: i64) -> Date {
    day.checked_add(n.days()).unwrap_or(day)
}

/// Days from `a` to `b` (0 when equal).
pub fn days_between(a: Date, b: Date) -> i64 {
    a.until(b).map_or(0, |s| i64::from(s.get_days()))
}

/// A `YYYY-MM-DD` text as a date.
pub fn parse_day(text: &str) -> Option<Date> {
    let text = text.trim();
    (text.len() == 10).then(|| text.parse::<Date>().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_evening_order_lands_on_the_local_day() {
        let ny = Zone::parse("America/New_York").unwrap();
        // 2026-07-02T03:30Z is 23:30 on July 1st in New York (EDT, UTC-4).
        let ms = "2026-07-02T03:30:00Z".parse::<Timestamp>().unwrap().as_millisecond();
        assert_eq!(ny.day_of(ms), "2026-07-01");
        assert_eq!(Zone::utc().day_of(ms), "2026-07-02");
        let start = ny.start_of(parse_day("2026-07-01").unwrap());
        assert_eq!(start, "2026-07-01T04:00:00Z".parse::<Timestamp>().unwrap().as_millisecond());
    }

    #[test]
    fn a_day_across_a_clock_change_is_23_or_25_hours() {
        let london = Zone::parse("Europe/London").unwrap();
        let d = parse_day("2026-03-29").unwrap();
        let (a, b) = london.span_ms(d, d);
        assert_eq!(b - a, 23 * 3_600_000);
        let d = parse_day("2026-10-25").unwrap();
        let (a, b) = london.span_ms(d, d);
        assert_eq!(b - a, 25 * 3_600_000);
    }

    #[test]
    fn unknown_zones_and_bad_days_are_refused() {
        assert!(Zone::parse("Mars/Olympus").is_err());
        assert!(parse_day("2026-13-01").is_none());
        assert!(parse_day("2026-1-01").is_none());
        assert_eq!(days_between(parse_day("2026-01-30").unwrap(), parse_day("2026-03-01").unwrap()), 30);
    }
}
