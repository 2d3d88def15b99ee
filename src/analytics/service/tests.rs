use super::*;

fn q(range: &str, from: &str, to: &str, group: &str) -> RangeQuery {
    RangeQuery { range: range.into(), from: from.into(), to: to.into(), group: group.into() }
}

fn day(s: &str) -> Date {
    parse_day(s).unwrap()
}

#[test]
fn ranges_end_today_and_pick_a_bucket_size() {
    let today = day("2026-11-30");
    let r = resolve(&q("", "", "", ""), today).unwrap();
    assert_eq!((r.first, r.last, r.group.as_str()), (day("2026-11-01"), today, "day"));
    let r = resolve(&q("7d", "", "", ""), today).unwrap();
    assert_eq!(r.first, day("2026-11-24"));
    let r = resolve(&q("90d", "", "", ""), today).unwrap();
    assert_eq!(r.group, "week");
    let r = resolve(&q("year", "", "", ""), today).unwrap();
    assert_eq!((r.first, r.group.as_str()), (day("2026-01-01"), "month"));
    let r = resolve(&q("month", "", "", "week"), today).unwrap();
    assert_eq!((r.first, r.group.as_str()), (day("2026-11-01"), "week"));
    let r = resolve(&q("today", "", "", ""), today).unwrap();
    assert_eq!((r.first, r.last), (today, today));
}

#[test]
fn custom_ranges_are_checked() {
    let today = day("2026-11-30");
    let r = resolve(&q("custom", "2025-01-01", "2025-01-31", ""), today).unwrap();
    assert_eq!((r.first, r.last), (day("2025-01-01"), day("2025-01-31")));
    for (from, to, field) in [
        ("2025-02-01", "2025-01-01", "to"),
        ("nope", "2025-01-01", "from"),
        ("2020-01-01", "2025-01-01", "from"),
    ] {
        match resolve(&q("custom", from, to, ""), today) {
            Err(AppError::Validation(f)) => assert!(f.contains_key(field), "{from}..{to}: {f:?}"),
            other => panic!("{from}..{to}: {other:?}"),
        }
    }
    assert!(resolve(&q("forever", "", "", ""), today).is_err());
    assert!(resolve(&q("7d", "", "", "hour"), today).is_err());
}

#[test]
fn the_previous_period_is_as_long_and_just_before() {
    assert_eq!(previous(day("2026-11-24"), day("2026-11-30")), (day("2026-11-17"), day("2026-11-23")));
    assert_eq!(previous(day("2026-03-01"), day("2026-03-01")), (day("2026-02-28"), day("2026-02-28")));
}

#[test]
fn weeks_start_on_monday_and_months_are_named() {
    // 2026-11-29 is a Sunday.
    assert_eq!(bucket(day("2026-11-29"), "week"), "2026-11-23");
    assert_eq!(bucket(day("2026-11-30"), "week"), "2026-11-30");
    assert_eq!(bucket(day("2026-11-30"), "month"), "2026-11");
    let s = empty_series(day("2026-11-01"), day("2026-12-31"), "month");
    assert_eq!(s.iter().map(|p| p.period.as_str()).collect::<Vec<_>>(), ["2026-11", "2026-12"]);
    assert_eq!(empty_series(day("2026-11-01"), day("2026-11-30"), "day").len(), 30);
}

#[test]
fn customer_rows_are_read_where_they_are_exact() {
    use super::customers::parts;
    let p = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    let none = p("1", "0");
    let today = day("2026-12-01");
    // 30 days to today: every day within 31 of the first, by day counters.
    let r = parts(day("2026-11-02"), today, today);
    assert_eq!(
        (r.months, r.gaps, r.raw),
        (none.clone(), [p("2026-11-02", "2026-12-01"), none.clone()], none.clone())
    );
    // 90 days to today: the head by day, whole months, and the last month
    // (which holds nothing after today) by its counters.
    let r = parts(day("2026-09-03"), today, today);
    assert_eq!(
        (r.months, r.gaps, r.raw),
        (p("2026-10", "2026-12"), [p("2026-09-03", "2026-09-30"), none.clone()], none.clone())
    );
    // The same range ending in the past: its last month's days are rows.
    let r = parts(day("2026-06-04"), day("2026-09-02"), today);
    assert_eq!(
        (r.months, r.gaps, r.raw),
        (
            p("2026-07", "2026-08"),
            [p("2026-06-04", "2026-06-30"), none.clone()],
            p("2026-09-01", "2026-09-02")
        )
    );
    // No whole month, over 31 days: the days past the 31st are rows.
    let r = parts(day("2026-10-15"), day("2026-11-20"), today);
    assert_eq!(
        (r.months, r.gaps, r.raw),
        (none.clone(), [p("2026-10-15", "2026-11-15"), none.clone()], p("2026-11-16", "2026-11-20"))
    );
    // A loose day after the months but still within 31 days of the first.
    let r = parts(day("2026-10-31"), day("2026-12-05"), day("2026-12-10"));
    assert_eq!(
        (r.months, r.gaps, r.raw),
        (
            p("2026-11", "2026-11"),
            [p("2026-10-31", "2026-10-31"), p("2026-12-01", "2026-12-01")],
            p("2026-12-02", "2026-12-05")
        )
    );
}
