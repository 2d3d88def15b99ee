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
}
