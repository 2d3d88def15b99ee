//! Customer analytics: new and returning customers, repeat and churn
//! rates, lifetime value, cohorts and skin types equal what the orders
//! say — across days, as orders are placed and cancelled (the running rows
//! equal a rebuild) — and a seller sees only their own shop's customers.

use bazaar::accounts::Role;
use bazaar::analytics::zone::Zone;
use serde_json::{Value, json};

use crate::analytics::{ZONE, buy, customer, order, rollups, shop};
use crate::helpers::{Backend, TestApp, spawn_app_with};
use crate::on_both;

const DAY_MS: i64 = 86_400_000;

/// Move an order `days` back in time (placed and sold then).
async fn age(app: &TestApp, id: &str, days: i64) {
    let at = bazaar::server::now_ms() - days * DAY_MS;
    app.exec(bazaar::sql!("UPDATE orders SET sold_at = $1, created_at = $1 WHERE id = $2", at, id)).await;
}

fn month_ago(days: i64) -> String {
    let d = Zone::parse(ZONE).unwrap().date_of(bazaar::server::now_ms() - days * DAY_MS);
    format!("{:04}-{:02}", d.year(), d.month())
}

fn cohort<'a>(r: &'a Value, month: &str) -> &'a Value {
    r["cohorts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["month"] == month)
        .unwrap_or_else(|| panic!("{month}: {r}"))
}

fn counts(r: &Value) -> (i64, i64, i64) {
    let n = |k: &str| r[k].as_i64().unwrap();
    (n("customers"), n("new_customers"), n("repeat_customers"))
}

async fn customers_match_the_orders(backend: Backend) {
    let Some(app) = spawn_app_with(backend, true, |s| s.shop.time_zone = ZONE.into()).await else { return };
    let (seller_a, soap) = shop(&app, "ann@example.com", "Anemone", 8).await;
    let (seller_b, _) = shop(&app, "ben@example.com", "Bramble", 20).await;
    let (c1, addr1) = customer(&app, "c1@example.com").await;
    let (c2, addr2) = customer(&app, "c2@example.com").await;
    let (c3, addr3) = customer(&app, "c3@example.com").await;
    let (status, body) =
        c2.send_json(reqwest::Method::PATCH, "/api/v1/users/profile", json!({"skin_type": "oily"})).await;
    assert_eq!(status, 200, "{body}");

    // c3 bought 160 days ago and not since; c1 100 days ago and today; c2
    // today for the first time.
    let o3 = buy(&c3, &addr3, &[(&soap, 1)]).await;
    age(&app, &o3[0], 160).await;
    let o1a = buy(&c1, &addr1, &[(&soap, 2)]).await;
    age(&app, &o1a[0], 100).await;
    let o1b = buy(&c1, &addr1, &[(&soap, 1)]).await;
    let o2 = buy(&c2, &addr2, &[(&soap, 1)]).await;
    bazaar::analytics::service::rebuild_all(app.db()).await.unwrap();
    let admin = TestApp::with_client(&app);
    admin.sign_in_as(Role::Admin, "boss@example.com").await;
    let mut totals = Vec::new();
    for id in [&o3[0], &o1a[0], &o1b[0], &o2[0]] {
        totals.push(order(&admin, id).await["total"].as_i64().unwrap());
    }

    let (status, r) = admin.get_json("/api/v1/analytics/customers?group_by=day").await;
    assert_eq!(status, 200, "{r}");
    assert_eq!(counts(&r), (2, 1, 1), "c1 came back, c2 is new: {r}");
    assert_eq!(r["repeat_rate"].as_f64(), Some(0.5));
    assert_eq!(
        r["churn_rate"].as_f64(),
        Some(0.5),
        "of c1 and c3 (bought 90+ days ago), c3 did not come back"
    );
    assert_eq!(r["orders"], 2);
    assert_eq!(r["average_order_value"].as_i64(), Some((totals[2] + totals[3] + 1) / 2));
    let lifetime: i64 = totals.iter().sum();
    assert_eq!(
        r["lifetime_value"].as_i64(),
        Some((lifetime + 1) / 3),
        "every sale to date per customer to date"
    );
    let sum = |k: &str| r["series"].as_array().unwrap().iter().map(|p| p[k].as_i64().unwrap()).sum::<i64>();
    assert_eq!((sum("new_customers"), sum("returning_customers")), (1, 1));
    let segments: Vec<(String, i64, i64)> = r["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["skin_type"].as_str().unwrap().to_owned(),
                s["customers"].as_i64().unwrap(),
                s["new_customers"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(segments, [(String::new(), 1, 0), ("oily".into(), 1, 1)]);
    let c1_cohort = cohort(&r, &month_ago(100));
    assert_eq!(c1_cohort["customers"], 1);
    assert_eq!(c1_cohort["active"].as_array().unwrap().last().unwrap(), 1, "c1 bought again this month: {r}");
    let c3_cohort = cohort(&r, &month_ago(160));
    assert_eq!(
        (
            c3_cohort["customers"].as_i64(),
            c3_cohort["active"].as_array().unwrap().last().and_then(Value::as_i64)
        ),
        (Some(1), Some(0))
    );
    assert_eq!(cohort(&r, &month_ago(0))["customers"], 1, "c2's month");

    // c3 comes back today (the running rows link the day to 160 days ago).
    buy(&c3, &addr3, &[(&soap, 1)]).await;
    let (_, r) = admin.get_json("/api/v1/analytics/customers").await;
    assert_eq!(counts(&r), (3, 1, 2), "{r}");
    assert_eq!(r["churn_rate"].as_f64(), Some(0.0), "both came back");

    // c1's first order is cancelled: today is now c1's first day.
    let (status, body) = c1.post_json(&format!("/api/v1/orders/{}/cancel", o1a[0]), json!({})).await;
    assert_eq!(status, 200, "{body}");
    let (_, r) = admin.get_json("/api/v1/analytics/customers").await;
    assert_eq!(counts(&r), (3, 2, 1), "c1 and c2 new, c3 returning: {r}");
    assert_eq!(r["churn_rate"].as_f64(), Some(0.0), "only c3 had bought 90 days ago, and came back");
    let running = rollups(&app).await;
    bazaar::analytics::service::rebuild_all(app.db()).await.unwrap();
    assert_eq!(rollups(&app).await, running, "the running rows equal a rebuild");

    // A seller sees their own shop's customers only.
    let (status, mine) = seller_a.get_json("/api/v1/analytics/customers").await;
    assert_eq!((status, counts(&mine)), (200, (3, 2, 1)), "{mine}");
    let (status, theirs) = seller_b.get_json("/api/v1/analytics/customers").await;
    assert_eq!((status, counts(&theirs)), (200, (0, 0, 0)), "{theirs}");
    let shop_a = mine["seller_id"].as_str().unwrap().to_owned();
    let (status, _) = seller_b.get_json(&format!("/api/v1/analytics/customers?seller_id={shop_a}")).await;
    assert_eq!(status, 403, "another shop's customers");
    assert_eq!(c1.get_json("/api/v1/analytics/customers").await.0, 403, "a customer");
    assert_eq!(TestApp::with_client(&app).get_json("/api/v1/analytics/customers").await.0, 401);

    // The tables download.
    let (status, rows) = admin.get_json("/api/v1/analytics/customers/export?table=cohorts&format=json").await;
    assert_eq!((status, rows.as_array().map(Vec::len)), (200, Some(12)), "{rows}");
    let res = admin.get("/api/v1/analytics/customers/export?table=segments").await;
    assert!(
        res.text().await.unwrap().starts_with("skin_type,customers,new_customers,orders,revenue_minor\n")
    );

    // The pages, readable without JavaScript.
    let (status, html) = admin.get_text("/admin/analytics/customers").await;
    assert_eq!(status, 200);
    assert!(
        html.contains(r#"data-testid="cohorts""#) && html.contains(r#"data-testid="segments-table""#),
        "{html}"
    );
    assert!(html.contains("Oily"), "the skin type's label");
    assert_eq!(seller_a.get_text("/admin/analytics/customers").await.0, 403);
    let (status, html) = seller_a.get_text("/studio/analytics/customers").await;
    assert_eq!(status, 200);
    assert!(html.contains("Your customers") && html.contains(r#"data-testid="customers-table""#));
}
on_both!(customers_match_the_orders);
