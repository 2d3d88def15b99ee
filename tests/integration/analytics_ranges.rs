//! Customer figures over any range equal what the orders say, however the
//! report reads them (month counters, day counters, rows): ranges of a
//! day up to a year, ending today or in the past, starting mid-month;
//! buying days close together and far apart; day, week and month buckets,
//! churn, lifetime value and cohorts.

use std::collections::{BTreeMap, BTreeSet};

use bazaar::accounts::Role;
use bazaar::analytics::zone::{Zone, add_days, month_of};
use jiff::civil::Date;
use serde_json::{Value, json};

use crate::analytics::{ZONE, buy, customer, order, shop};
use crate::helpers::{Backend, TestApp, spawn_app_with};
use crate::on_both;

const DAY_MS: i64 = 86_400_000;

/// Each customer's orders, as days before today (two on one day for c1).
const AGES: [&[i64]; 4] =
    [&[0, 3, 3, 20, 33, 64, 100], &[1, 2, 40, 41, 95, 180], &[10, 31, 32, 62, 150], &[5, 45, 120, 121, 199]];

/// (days back to the first day, days back to the last day) of the ranges asked.
const RANGES: [(i64, i64); 12] = [
    (0, 0),
    (6, 0),
    (29, 0),
    (89, 0),
    (364, 0),
    (40, 10),
    (75, 35),
    (150, 12),
    (200, 50),
    (33, 2),
    (31, 0),
    (61, 29),
];

/// The orders: (customer, local day, total).
type Sold = Vec<(usize, Date, i64)>;

fn distinct(sold: &Sold, keep: impl Fn(Date) -> bool) -> BTreeSet<usize> {
    sold.iter().filter(|(_, d, _)| keep(*d)).map(|(c, _, _)| *c).collect()
}

fn first_days(sold: &Sold) -> BTreeMap<usize, Date> {
    let mut out = BTreeMap::new();
    for (c, d, _) in sold {
        let e = out.entry(*c).or_insert(*d);
        *e = (*e).min(*d);
    }
    out
}

/// (customers, new customers) buying in `a..=b`.
fn bought_in(sold: &Sold, a: Date, b: Date) -> (i64, i64) {
    let who = distinct(sold, |d| a <= d && d <= b);
    let firsts = first_days(sold);
    let new = who.iter().filter(|c| firsts[c] >= a).count();
    (who.len() as i64, new as i64)
}

/// What the report should say of `first..=last`, from the orders.
fn expected(sold: &Sold, first: Date, last: Date, group: &str) -> Value {
    let (customers, new) = bought_in(sold, first, last);
    let orders = sold.iter().filter(|(_, d, _)| first <= *d && *d <= last).count();
    let firsts = first_days(sold);
    let cutoff = add_days(last, -90);
    let base: BTreeSet<usize> = firsts.iter().filter(|(_, d)| **d <= cutoff).map(|(c, _)| *c).collect();
    let back = distinct(sold, |d| cutoff < d && d <= last);
    let churn = (!base.is_empty()).then(|| base.difference(&back).count() as f64 / base.len() as f64);
    let ever = firsts.values().filter(|d| **d <= last).count() as i64;
    let net: i64 = sold.iter().filter(|(_, d, _)| *d <= last).map(|(_, _, t)| t).sum();
    let lifetime = if ever > 0 { (net + ever / 2) / ever } else { 0 };
    let mut series = Vec::new();
    let mut day = first;
    while day <= last {
        let (label, end) = match group {
            "week" => {
                let monday = add_days(day, -i64::from(day.weekday().to_monday_zero_offset()));
                (monday.to_string(), add_days(monday, 6).min(last))
            }
            "month" => (month_of(day), day.last_of_month().min(last)),
            _ => (day.to_string(), day),
        };
        let (c, n) = bought_in(sold, day, end);
        series.push(json!([label, n, c - n]));
        day = add_days(end, 1);
    }
    // Twelve cohorts up to the last day's month, counting days up to it.
    let months: Vec<String> = (0..12)
        .map(|k| month_of(last.first_of_month().checked_sub(jiff::Span::new().months(11 - k)).unwrap()))
        .collect();
    let cohorts: Vec<Value> = months
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let members: BTreeSet<usize> =
                firsts.iter().filter(|(_, d)| month_of(**d) == *m && **d <= last).map(|(c, _)| *c).collect();
            let active: Vec<usize> = months[i..]
                .iter()
                .map(|later| {
                    let buyers = distinct(sold, |d| month_of(d) == *later && d <= last);
                    members.intersection(&buyers).count()
                })
                .collect();
            json!([m, members.len(), active])
        })
        .collect();
    json!({"customers": customers, "new_customers": new, "orders": orders, "churn_rate": churn,
           "lifetime_value": lifetime, "series": series, "cohorts": cohorts})
}

/// The same figures as the report gave them.
fn found(r: &Value) -> Value {
    let series: Vec<Value> = r["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| json!([p["period"], p["new_customers"], p["returning_customers"]]))
        .collect();
    let cohorts: Vec<Value> = r["cohorts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| json!([c["month"], c["customers"], c["active"]]))
        .collect();
    json!({"customers": r["customers"], "new_customers": r["new_customers"], "orders": r["orders"],
           "churn_rate": r["churn_rate"], "lifetime_value": r["lifetime_value"], "series": series,
           "cohorts": cohorts})
}

async fn any_range_matches_the_orders(backend: Backend) {
    let Some(app) = spawn_app_with(backend, true, |s| s.shop.time_zone = ZONE.into()).await else { return };
    let (_, soap) = shop(&app, "ann@example.com", "Anemone", 8).await;
    let (_, rose) = shop(&app, "ben@example.com", "Bramble", 20).await;
    let admin = TestApp::with_client(&app);
    admin.sign_in_as(Role::Admin, "boss@example.com").await;
    let zone = Zone::parse(ZONE).unwrap();
    let now = bazaar::server::now_ms();
    let mut sold: Sold = Vec::new();
    for (who, ages) in AGES.iter().enumerate() {
        let (c, address) = customer(&app, &format!("c{who}@example.com")).await;
        for (k, age) in ages.iter().enumerate() {
            let product = if k % 2 == 0 { &soap } else { &rose };
            let id = buy(&c, &address, &[(product, 1)]).await.remove(0);
            let at = now - age * DAY_MS;
            app.exec(bazaar::sql!("UPDATE orders SET sold_at = $1, created_at = $1 WHERE id = $2", at, &id))
                .await;
            let total = order(&admin, &id).await["total"].as_i64().unwrap();
            sold.push((who, zone.date_of(at), total));
        }
    }
    bazaar::analytics::service::rebuild_all(app.db()).await.unwrap();
    let today = zone.date_of(now);
    for (back_first, back_last) in RANGES {
        let (first, last) = (add_days(today, -back_first), add_days(today, -back_last));
        for group in ["day", "week", "month"] {
            let url =
                format!("/api/v1/analytics/customers?start_date={first}&end_date={last}&group_by={group}");
            let (status, r) = admin.get_json(&url).await;
            assert_eq!(status, 200, "{r}");
            assert_eq!(found(&r), expected(&sold, first, last, group), "{first}..{last} by {group}");
        }
    }
}
on_both!(any_range_matches_the_orders);
