//! Finance figures: a month's revenue, cost of goods, profit, commission
//! and what each shop is owed equal what the orders say (cost as it was
//! when ordered); staff read them only when allowed; sellers only their own.

use bazaar::accounts::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::analytics::{buy, customer, order, rollups, shop};
use crate::helpers::{Backend, TestApp, spawn_app, spawn_app_with};
use crate::on_both;

fn n(v: &Value, k: &str) -> i64 {
    v[k].as_i64().unwrap_or_else(|| panic!("{k}: {v}"))
}

async fn finance_matches_the_orders(backend: Backend) {
    let Some(app) = spawn_app_with(backend, true, |s| s.shop.commission_bps = 1000).await else { return };
    let (seller_a, soap) = shop(&app, "ann@example.com", "Anemone", 8).await;
    let (seller_b, balm) = shop(&app, "ben@example.com", "Bramble", 20).await;
    let (status, body) = seller_a
        .send_json(Method::PATCH, &format!("/api/v1/products/{soap}"), json!({"cost_price": 3}))
        .await;
    assert_eq!(status, 200, "{body}");
    let (c1, addr1) = customer(&app, "c1@example.com").await;
    let (c2, addr2) = customer(&app, "c2@example.com").await;
    let first = buy(&c1, &addr1, &[(&soap, 2)]).await;
    let both = buy(&c2, &addr2, &[(&soap, 1), (&balm, 1)]).await;
    // The cost counts as it was when ordered: a later change does not rewrite it.
    seller_a.send_json(Method::PATCH, &format!("/api/v1/products/{soap}"), json!({"cost_price": 5})).await;

    let admin = TestApp::with_client(&app);
    admin.sign_in_as(Role::Admin, "boss@example.com").await;
    let path = format!("/api/v1/orders/{}/status", first[0]);
    for (to, tracking) in [("shipped", Some("RM1")), ("delivered", None)] {
        let (status, moved) =
            admin.send_json(Method::PUT, &path, json!({"status": to, "tracking_number": tracking})).await;
        assert_eq!(status, 200, "{moved}");
    }
    let line = order(&admin, &first[0]).await["lines"][0]["id"].clone();
    let (status, refunded) = admin
        .post_json(
            &format!("/api/v1/orders/{}/refund", first[0]),
            json!({"lines": [{"line_id": line, "quantity": 1}]}),
        )
        .await;
    assert_eq!(status, 200, "{refunded}");
    let refund = n(&refunded, "refunded");

    let mut orders = Vec::new();
    for id in first.iter().chain(&both) {
        orders.push(order(&admin, id).await);
    }
    let sum = |k: &str| orders.iter().map(|o| n(o, k)).sum::<i64>();
    let (status, r) = admin.get_json("/api/v1/financial/reports").await;
    assert_eq!(status, 200, "{r}");
    let revenue = sum("total") - refund - sum("tax");
    let cost = (2 - 1 + 1) * 300; // soaps kept × their cost when ordered; the balm has none
    assert_eq!(
        (n(&r, "orders"), n(&r, "gross_sales"), n(&r, "tax")),
        (3, sum("subtotal"), sum("tax")),
        "{r}"
    );
    assert_eq!((n(&r, "refunds"), n(&r, "revenue"), n(&r, "cost_of_goods")), (refund, revenue, cost), "{r}");
    assert_eq!(n(&r, "payment_fees"), 0, "cash on delivery has no card fee");
    assert_eq!((n(&r, "expenses"), n(&r, "profit")), (cost, revenue - cost));
    assert_eq!(n(&r, "commission"), (revenue + 5) / 10, "10 % of revenue");
    let soap_line =
        r["product_breakdown"].as_array().unwrap().iter().find(|p| p["id"] == soap.as_str()).unwrap();
    assert_eq!((n(soap_line, "units"), n(soap_line, "revenue"), n(soap_line, "cost")), (2, 1600, 600), "{r}");
    let categories: i64 = r["category_breakdown"].as_array().unwrap().iter().map(|c| n(c, "revenue")).sum();
    assert_eq!(categories, 1600 + 2000, "both products' lines, by category");
    let owed: i64 = r["payouts"].as_array().unwrap().iter().map(|p| n(p, "owed")).sum();
    let commissions: i64 = r["payouts"].as_array().unwrap().iter().map(|p| n(p, "commission")).sum();
    assert_eq!(owed + commissions, revenue, "the shops' payouts and commissions add up to the revenue");

    // A seller reads their own month only; staff only when the shop allows.
    let (status, mine) = seller_b.get_json("/api/v1/financial/reports").await;
    assert_eq!((status, n(&mine, "orders")), (200, 1), "{mine}");
    assert_eq!(mine["payouts"].as_array().map(Vec::len), Some(0));
    let shop_a = orders[0]["seller_id"].as_str().unwrap();
    assert_eq!(seller_b.get_json(&format!("/api/v1/financial/reports?seller_id={shop_a}")).await.0, 403);
    assert_eq!(c1.get_json("/api/v1/financial/reports").await.0, 403);
    assert_eq!(TestApp::with_client(&app).get_json("/api/v1/financial/reports").await.0, 401);
    let staff = TestApp::with_client(&app);
    staff.sign_in_as(Role::Staff, "desk@example.com").await;
    assert_eq!(staff.get_json("/api/v1/financial/reports").await.0, 403, "staff without finance");
    assert_eq!(staff.get_text("/admin/analytics/finance").await.0, 403);
    let (status, bad) = admin.get_json("/api/v1/financial/reports?month=13&year=2026").await;
    assert_eq!((status, bad["error"]["fields"]["month"].is_string()), (400, true), "{bad}");
    let (status, old) = admin.get_json("/api/v1/financial/reports?month=1&year=2020").await;
    assert_eq!((status, n(&old, "orders"), old["start_date"].as_str()), (200, 0, Some("2020-01-01")));

    // Its tables download: CSV a spreadsheet cannot run, or JSON with numbers as numbers.
    let res = admin.get("/api/v1/financial/reports/export?table=products").await;
    assert_eq!(res.status().as_u16(), 200);
    let text = res.text().await.unwrap();
    assert!(text.starts_with("id,name,units,revenue_minor,cost_minor,profit_minor\n"), "{text}");
    assert!(text.contains(",Anemone Soap,2,1600,600,1000\n"), "{text}");
    let (status, months) = admin.get_json("/api/v1/financial/reports/export?table=months&format=json").await;
    assert_eq!((status, months[0]["revenue_minor"].as_i64()), (200, Some(revenue)), "{months}");
    assert_eq!(admin.get("/api/v1/financial/reports/export?table=nope").await.status().as_u16(), 400);
    let (_, theirs) = seller_b.get_json("/api/v1/financial/reports/export?table=payouts&format=json").await;
    assert_eq!(theirs.as_array().map(Vec::len), Some(0), "a shop sees no payouts table of others: {theirs}");

    // The rebuild keeps the cost as ordered.
    let running = rollups(&app).await;
    bazaar::analytics::service::rebuild_all(app.db()).await.unwrap();
    assert_eq!(rollups(&app).await, running);

    let (status, html) = admin.get_text("/admin/analytics/finance?range=year").await;
    assert_eq!(status, 200);
    assert!(
        html.contains(r#"data-testid="months-table""#) && html.contains(r#"data-testid="payouts""#),
        "{html}"
    );
    let (status, html) = seller_a.get_text("/studio/analytics/finance").await;
    assert_eq!(status, 200);
    assert!(html.contains("Your money") && !html.contains(r#"data-testid="payouts""#));
}
on_both!(finance_matches_the_orders);

/// Staff read the figures only with the finance area, from their next
/// request after an administrator ticks it.
async fn staff_need_the_finance_area(backend: Backend) {
    let Some(app) = spawn_app(backend, true).await else { return };
    let staff = TestApp::with_client(&app);
    staff.sign_in_as(Role::Staff, "desk@example.com").await;
    for path in ["/api/v1/financial/reports", "/api/v1/financial/reports/export?table=months"] {
        assert_eq!(staff.get_json(path).await.0, 403, "{path} without the finance area");
    }
    let admin = TestApp::with_client(&app);
    admin.sign_in_as(Role::Admin, "boss@example.com").await;
    let (_, me) = staff.get_json("/api/v1/users/me").await;
    let id = me["id"].as_str().unwrap().to_owned();
    let areas = serde_json::json!({"areas": ["orders", "finance"]});
    let (status, r) =
        admin.send_json(reqwest::Method::PUT, &format!("/api/v1/users/{id}/permissions"), areas).await;
    assert_eq!((status, &r["areas"]), (200, &serde_json::json!(["orders", "finance"])), "{r}");
    let (status, r) = staff.get_json("/api/v1/financial/reports").await;
    assert_eq!((status, n(&r, "orders")), (200, 0), "{r}");
    assert_eq!(staff.get_json("/api/v1/analytics/sales").await.0, 403, "analytics was not ticked");
}
on_both!(staff_need_the_finance_area);
