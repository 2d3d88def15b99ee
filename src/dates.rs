//! Calendar arithmetic on unix milliseconds (UTC), without a date library,
//! for the browser and the server alike.

/// Unix ms of a `YYYY-MM-DD` day's start (UTC).
pub fn day_start(text: &str) -> Option<i64> {
    let mut parts = text.trim().splitn(3, '-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    if !(1970..=9999).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some((era * 146_097 + doe - 719_468) * 86_400_000)
}

/// A filter's first and last day (`YYYY-MM-DD`, either empty: open) as
/// Unix ms `[from, to)`; a bad date is an error under its own field
/// (`from`, `to`) in `f`.
pub fn day_range(
    from: &str,
    to: &str,
    f: &mut crate::accounts::validate::Fields,
) -> (Option<i64>, Option<i64>) {
    let mut day = |text: &str, field: &str| match text.trim() {
        "" => None,
        t => f.check(field, day_start(t).ok_or_else(|| "Use a date like 2026-12-01.".to_owned())),
    };
    let from = day(from, "from");
    (from, day(to, "to").map(|t| t + 86_400_000))
}

/// Unix ms of an RFC 3339 time ("2026-12-01T18:30:00Z", "…+01:00") or of a
/// form's `datetime-local` value ("2026-12-01T18:30", taken as UTC).
pub fn parse_instant(text: &str) -> Option<i64> {
    let text = text.trim();
    let (day, rest) = text.split_at_checked(10)?;
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    // The offset: "Z", "+HH:MM", "-HH:MM" or none (UTC).
    let (clock, offset_ms) = if let Some(clock) = rest.strip_suffix(['Z', 'z']) {
        (clock, 0)
    } else if rest.len() > 6 && matches!(rest.as_bytes()[rest.len() - 6], b'+' | b'-') {
        let (clock, offset) = rest.split_at(rest.len() - 6);
        let sign = if offset.starts_with('-') { -1 } else { 1 };
        let (h, m) = offset[1..].split_once(':')?;
        let (h, m) = (h.parse::<i64>().ok()?, m.parse::<i64>().ok()?);
        if h > 23 || m > 59 {
            return None;
        }
        (clock, sign * (h * 60 + m) * 60_000)
    } else {
        (rest, 0)
    };
    let clock = clock.split_once('.').map_or(clock, |(whole, _)| whole);
    let mut parts = clock.split(':').map(|p| (p.len() == 2).then(|| p.parse::<i64>().ok()).flatten());
    let (h, m) = (parts.next()??, parts.next()??);
    let s = parts.next().unwrap_or(Some(0))?;
    if parts.next().is_some() || h > 23 || m > 59 || s > 59 {
        return None;
    }
    Some(day_start(day)? + ((h * 60 + m) * 60 + s) * 1000 - offset_ms)
}

/// (year, month 1–12, day 1–31) of unix ms (UTC): Howard Hinnant's civil_from_days.
pub fn civil(ms: i64) -> (i64, i64, i64) {
    let z = ms.div_euclid(86_400_000) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// The `datetime-local` value ("2026-12-01T18:30", UTC) of unix ms.
pub fn local_input(ms: i64) -> String {
    let (y, m, d) = civil(ms);
    let minutes = ms.div_euclid(60_000).rem_euclid(24 * 60);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}", minutes / 60, minutes % 60)
}

/// "2026-11-29T14:05:00Z" (whole seconds) of unix ms, for files and APIs.
#[cfg(feature = "ssr")]
pub fn rfc3339(ms: i64) -> String {
    jiff::Timestamp::from_second(ms.div_euclid(1000)).map(|t| t.to_string()).unwrap_or_default()
}

/// "Nov 29, 2026, 14:05 UTC".
pub fn when(ms: i64) -> String {
    let minutes = ms.div_euclid(60_000).rem_euclid(24 * 60);
    format!("{}, {:02}:{:02} UTC", crate::reviews::date_label(ms), minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    #[test]
    fn days_are_counted_from_1970() {
        assert_eq!(super::day_start("1970-01-01"), Some(0));
        assert_eq!(super::day_start("2026-11-29"), Some(1_795_910_400_000));
        assert_eq!(super::day_start("2026-13-01"), None);
        assert_eq!(super::day_start("soon"), None);
        assert_eq!(super::when(1_795_910_400_000 + 14 * 3_600_000 + 5 * 60_000), "Nov 29, 2026, 14:05 UTC");
    }

    #[test]
    fn instants_from_rfc_3339_and_forms() {
        let day = 1_795_910_400_000;
        let at = day + 14 * 3_600_000 + 5 * 60_000;
        assert_eq!(super::parse_instant("2026-11-29T14:05:00Z"), Some(at));
        assert_eq!(super::parse_instant("2026-11-29T14:05"), Some(at));
        assert_eq!(super::parse_instant("2026-11-29 14:05:00.250Z"), Some(at));
        assert_eq!(super::parse_instant("2026-11-29T15:05:00+01:00"), Some(at));
        assert_eq!(super::parse_instant("2026-11-29T09:05:00-05:00"), Some(at));
        for bad in
            ["", "2026-11-29", "2026-11-29T25:00", "2026-11-29T14:5", "tomorrow", "2026-11-29T14:05:00+1"]
        {
            assert_eq!(super::parse_instant(bad), None, "{bad}");
        }
        assert_eq!(super::local_input(at), "2026-11-29T14:05");
        assert_eq!(super::local_input(0), "1970-01-01T00:00");
        assert_eq!(
            super::parse_instant(&super::local_input(day + 59 * 86_400_000)),
            Some(day + 59 * 86_400_000)
        );
    }
}
