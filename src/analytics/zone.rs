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

    /// Unix ms as a `datetime-local` field shows it here ("2026-12-24T09:00").
    pub fn local_input(&self, ms: i64) -> String {
        let ts = Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH);
        ts.to_zoned_datetime(self.tz.clone()).strftime("%Y-%m-%dT%H:%M").to_string()
    }

    /// A `datetime-local` value read as a time here, in unix ms.
    pub fn parse_local(&self, value: &str) -> Option<i64> {
        let dt: jiff::civil::DateTime = value.trim().parse().ok()?;
        dt.to_zoned_datetime(self.tz.clone()).ok().map(|z| z.timestamp().as_millisecond())
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

/// Days, both ends included.
type Days = Option<(Date, Date)>;

/// `first..=last` as whole months and the loose days before and after them.
pub fn spans(first: Date, last: Date) -> (Option<(String, String)>, Days, Days) {
    let a = if first.day() == 1 { first } else { add_days(first.last_of_month(), 1) };
    let b = if last == last.last_of_month() { last } else { add_days(last.first_of_month(), -1) };
    if a > b {
        return (None, Some((first, last)), None);
    }
    let head = (first < a).then(|| (first, add_days(a, -1)));
    let tail = (b < last).then(|| (add_days(b, 1), last));
    (Some((month_of(a), month_of(b))), head, tail)
}

/// A day's month, as month rollups key it (`YYYY-MM`).
pub fn month_of(d: Date) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

/// [`spans`] as SQL text bounds for rollups kept by month and by day: an
/// empty part is ("1", "0"), which matches nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spans {
    months: (String, String),
    head: (String, String),
    tail: (String, String),
}

impl Spans {
    pub fn of(first: Date, last: Date) -> Self {
        let (months, head, tail) = spans(first, last);
        let none = || ("1".to_owned(), "0".to_owned());
        let days = |s: Days| s.map_or_else(none, |(a, b)| (a.to_string(), b.to_string()));
        Self { months: months.unwrap_or_else(none), head: days(head), tail: days(tail) }
    }

    /// Whole months (`YYYY-MM`, both included).
    pub fn months(&self) -> (&str, &str) {
        (&self.months.0, &self.months.1)
    }

    /// The loose days before the months (or all the days, when no month is whole).
    pub fn head(&self) -> (&str, &str) {
        (&self.head.0, &self.head.1)
    }

    /// The loose days after the months.
    pub fn tail(&self) -> (&str, &str) {
        (&self.tail.0, &self.tail.1)
    }
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
    fn schedule_fields_are_read_in_the_shops_zone() {
        let ny = Zone::parse("America/New_York").unwrap();
        let ms = ny.parse_local("2026-12-24T09:00").unwrap();
        assert_eq!(ms, "2026-12-24T14:00:00Z".parse::<Timestamp>().unwrap().as_millisecond());
        assert_eq!(ny.local_input(ms), "2026-12-24T09:00");
        assert_eq!(ny.parse_local("tomorrow"), None);
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

    #[test]
    fn a_range_splits_into_whole_months_and_loose_days() {
        use jiff::civil::date;
        let (m, h, t) = spans(date(2026, 1, 15), date(2026, 4, 10));
        assert_eq!(m, Some(("2026-02".into(), "2026-03".into())));
        assert_eq!(h, Some((date(2026, 1, 15), date(2026, 1, 31))));
        assert_eq!(t, Some((date(2026, 4, 1), date(2026, 4, 10))));
        let (m, h, t) = spans(date(2026, 1, 1), date(2026, 12, 31));
        assert_eq!((m, h, t), (Some(("2026-01".into(), "2026-12".into())), None, None));
        let (m, h, t) = spans(date(2026, 3, 3), date(2026, 3, 20));
        assert_eq!((m, h, t), (None, Some((date(2026, 3, 3), date(2026, 3, 20))), None));
        let (m, h, t) = spans(date(2026, 2, 20), date(2026, 3, 5));
        assert_eq!((m, h, t), (None, Some((date(2026, 2, 20), date(2026, 3, 5))), None));
    }
}
