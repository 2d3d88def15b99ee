//! Sales analytics: the figures equal what the orders say, to the cent,
//! through placing, cancelling, refunding and card payments; days are cut
//! in the shop's time zone; a rebuild from the orders equals the running
//! totals; a seller sees only their own shop.

use bazaar::accounts::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, read_until as until, spawn_app_with};
use crate::on_both;
use crate::stripe::{StripeDouble, buy_by_card, card_app, wait_for};

pub(crate) const ZONE: &str = "America/New_York";

/// A shop with one product at `price` (major units); (seller, product id).
pub(crate) async fn shop(app: &TestApp, email: &str, name: &str, price: i64) -> (TestApp, String) {
    let seller = TestApp::with_client(app);
    seller.open_shop(email, name).await;
    let product = json!({"title": format!("{name} Soap"), "price": price, "description": "Soap.", "stock_quantity": 20, "category_id": "serums"});
    let (status, made) = seller.post_json("/api/v1/products", product).await;
    assert_eq!(status, 201, "{made}");
    (seller, made["id"].as_str().unwrap().to_owned())
}

/// A customer with an address; (client, address id).
pub(crate) async fn customer(app: &TestApp, email: &str) -> (TestApp, Value) {
    let c = TestApp::with_client(app);
    c.sign_in_as(Role::Customer, email).await;
    let (_, address) = c
        .post_json(
            "/api/v1/users/addresses",
            json!({"full_name": "Bo Buyer", "address_line1": "2 Elm St", "city": "Austin", "state": "TX",
                   "postal_code": "73301", "country": "US"}),
        )
        .await;
    (c, address["id"].clone())
}

/// Place a cash-on-delivery checkout; the orders' ids.
pub(crate) async fn buy(c: &TestApp, address: &Value, items: &[(&str, i64)]) -> Vec<String> {
    let items: Vec<Value> = items.iter().map(|(p, q)| json!({"product_id": p, "quantity": q})).collect();
    let body = json!({"items": items, "shipping_address_id": address, "payment_method": "cash_on_delivery"});
    let (status, placed) = c.post_json("/api/v1/orders", body).await;
    assert_eq!(status, 201, "{placed}");
    placed["orders"].as_array().unwrap().iter().map(|o| o["order_id"].as_str().unwrap().to_owned()).collect()
}

pub(crate) async fn order(admin: &TestApp, id: &str) -> Value {
    let (status, o) = admin.get_json(&format!("/api/v1/orders/{id}")).await;
    assert_eq!(status, 200, "{o}");
    o
}

/// A `sales_days` row: shop, day, orders, gross, subtotal, discount,
/// shipping, tax, refunds, refunded amount, card orders, card gross.
type SalesRow = (String, String, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64);

/// A `customer_days` row: shop, user, day, orders, revenue, previous day,
/// first day, skin type, recent previous day.
type CustomerDay = (String, String, String, i64, i64, String, String, String, String);

/// Every rollup row that holds something, in a stable order.
pub(crate) async fn rollups(app: &TestApp) -> Vec<String> {
    // The changes the orders queued, applied (as a dashboard read does).
    bazaar::analytics::queue::settle(app.db()).await.unwrap();
    let mut out = Vec::new();
    let sales: Vec<SalesRow> = app
        .db()
        .all(&bazaar::sql!(
            "SELECT shop_id, day, orders, gross_minor, subtotal_minor, discount_minor, shipping_minor, tax_minor, \
             refunds, refunds_minor, card_orders, card_gross_minor FROM sales_days ORDER BY shop_id, day"
        ))
        .await
        .unwrap();
    out.extend(sales.into_iter().filter(|r| (r.2, r.3, r.8, r.9) != (0, 0, 0, 0)).map(|r| format!("{r:?}")));
    let products: Vec<(String, String, String, i64, i64, i64)> = app
        .db()
        .all(&bazaar::sql!(
            "SELECT shop_id, day, product_id, units, revenue_minor, cost_minor FROM product_sales_days \
             UNION ALL SELECT shop_id, month, product_id, units, revenue_minor, cost_minor FROM product_sales_months \
             ORDER BY 1, 2, 3"
        ))
        .await
        .unwrap();
    out.extend(products.into_iter().filter(|r| (r.3, r.4, r.5) != (0, 0, 0)).map(|r| format!("{r:?}")));
    let statuses: Vec<(String, String, String, i64)> = app
        .db()
        .all(&bazaar::sql!("SELECT shop_id, day, status, orders FROM status_days ORDER BY 1, 2, 3"))
        .await
        .unwrap();
    out.extend(statuses.into_iter().filter(|r| r.3 != 0).map(|r| format!("{r:?}")));
    let firsts: Vec<(String, String, String)> = app
        .db()
        .all(&bazaar::sql!("SELECT shop_id, user_id, day FROM customer_firsts ORDER BY 1, 2"))
        .await
        .unwrap();
    out.extend(firsts.into_iter().map(|r| format!("{r:?}")));
    let days: Vec<CustomerDay> = app
        .db()
        .all(&bazaar::sql!(
            "SELECT shop_id, user_id, day, orders, revenue_minor, prev_day, first_day, skin_type, recent_prev \
             FROM customer_days ORDER BY 1, 2, 3"
        ))
        .await
        .unwrap();
    out.extend(days.into_iter().map(|r| format!("{r:?}")));
    let counters: Vec<(String, String, String, String, i64, i64, i64)> = app
        .db()
        .all(&bazaar::sql!(
            "SELECT shop_id, month, prev_day, skin_type, customers, orders, revenue_minor FROM customer_months \
             WHERE customers <> 0 OR orders <> 0 OR revenue_minor <> 0 \
             UNION ALL SELECT shop_id, month, cohort, 'cohort', customers, 0, 0 FROM customer_cohorts \
             WHERE customers <> 0 \
             UNION ALL SELECT shop_id, day, recent_prev, skin_type, customers, orders, revenue_minor FROM customer_gaps \
             WHERE customers <> 0 OR orders <> 0 OR revenue_minor <> 0 ORDER BY 1, 2, 3, 4"
        ))
        .await
        .unwrap();
    out.extend(counters.into_iter().map(|r| format!("{r:?}")));
    let categories: Vec<(String, String, String, i64, i64, i64)> = app
        .db()
        .all(&bazaar::sql!(
            "SELECT shop_id, day, category_id, units, revenue_minor, cost_minor FROM category_days ORDER BY 1, 2, 3"
        ))
        .await
        .unwrap();
    out.extend(categories.into_iter().filter(|r| (r.3, r.4, r.5) != (0, 0, 0)).map(|r| format!("{r:?}")));
    let channels: Vec<(String, String, String, i64, i64)> = app
        .db()
        .all(&bazaar::sql!(
            "SELECT shop_id, day, channel, units, revenue_minor FROM channel_days ORDER BY 1, 2, 3"
        ))
        .await
        .unwrap();
    out.extend(channels.into_iter().filter(|r| (r.3, r.4) != (0, 0)).map(|r| format!("{r:?}")));
    let promos: Vec<(String, String, String, i64, i64, i64)> = app
        .db()
        .all(&bazaar::sql!(
            "SELECT shop_id, day, code, orders, discount_minor, gross_minor FROM promo_days ORDER BY 1, 2, 3"
        ))
        .await
        .unwrap();
    out.extend(promos.into_iter().filter(|r| r.3 != 0).map(|r| format!("{r:?}")));
    out
}

async fn figures_match_the_orders(backend: Backend) {
    let Some(app) = spawn_app_with(backend, true, |s| s.shop.time_zone = ZONE.into()).await else { return };
    let (seller_a, soap_a) = shop(&app, "ann@example.com", "Anemone", 8).await;
    let (_seller_b, soap_b) = shop(&app, "ben@example.com", "Bramble", 20).await;
    let (c1, addr1) = customer(&app, "c1@example.com").await;
    let (c2, addr2) = customer(&app, "c2@example.com").await;
    let first = buy(&c1, &addr1, &[(&soap_a, 2)]).await;
    let both = buy(&c2, &addr2, &[(&soap_a, 1), (&soap_b, 1)]).await;
    let cancelled = buy(&c1, &addr1, &[(&soap_b, 1)]).await;
    let (status, body) = c1.post_json(&format!("/api/v1/orders/{}/cancel", cancelled[0]), json!({})).await;
    assert_eq!(status, 200, "{body}");

    // The first order is delivered, then one of its two soaps refunded.
    let admin = TestApp::with_client(&app);
    admin.sign_in_as(Role::Admin, "boss@example.com").await;
    let path = format!("/api/v1/orders/{}/status", first[0]);
    for (to, tracking) in [("shipped", Some("RM1")), ("delivered", None)] {
        let body = json!({"status": to, "tracking_number": tracking});
        let (status, moved) = admin.send_json(Method::PUT, &path, body).await;
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
    let refund = refunded["refunded"].as_i64().unwrap();

    // The orders' transactions only queued their changes; the applier
    // folds them in by itself, without waiting for a dashboard to ask.
    let mut waiting = -1;
    for _ in 0..100 {
        waiting = app.scalar("SELECT COUNT(*) FROM analytics_queue").await;
        if waiting == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(waiting, 0, "the applier emptied the queue");
    assert!(app.scalar("SELECT COUNT(*) FROM sales_days").await > 0);

    // The reference, from the orders themselves.
    let mut sold = Vec::new();
    for id in first.iter().chain(&both) {
        sold.push(order(&admin, id).await);
    }
    let gross: i64 = sold.iter().map(|o| o["total"].as_i64().unwrap()).sum();
    let (status, all) = admin.get_json("/api/v1/analytics/sales?group_by=day").await;
    assert_eq!(status, 200, "{all}");
    assert_eq!(all["time_zone"], ZONE);
    assert_eq!(all["total_orders"], 3, "the cancelled order does not count: {all}");
    assert_eq!(all["gross_sales"].as_i64(), Some(gross));
    assert_eq!(all["refunds"].as_i64(), Some(refund));
    assert_eq!(all["total_revenue"].as_i64(), Some(gross - refund), "{all}");
    assert_eq!(all["new_customers"], 2);
    let series_sum: i64 =
        all["series"].as_array().unwrap().iter().map(|p| p["revenue"].as_i64().unwrap()).sum();
    assert_eq!(series_sum, gross - refund, "the series adds up to the total");
    let top = all["top_products"].as_array().unwrap();
    assert_eq!(top[0]["product_id"].as_str(), Some(soap_b.as_str()), "{top:?}");
    assert_eq!((top[0]["units"].as_i64(), top[0]["revenue"].as_i64()), (Some(1), Some(2000)));
    assert_eq!(
        (top[1]["units"].as_i64(), top[1]["revenue"].as_i64()),
        (Some(2), Some(1600)),
        "net of the refunded soap"
    );
    // Whole months are read from the month rows: the same best sellers.
    let today: jiff::civil::Date = all["end_date"].as_str().unwrap().parse().unwrap();
    let (a, b) = (today.first_of_month(), today.last_of_month());
    let (status, months) =
        admin.get_json(&format!("/api/v1/analytics/sales?start_date={a}&end_date={b}")).await;
    assert_eq!(status, 200, "{months}");
    assert_eq!(months["top_products"], all["top_products"], "month rows agree with day rows");
    let statuses: Vec<(String, i64)> = all["orders_by_status"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["status"].as_str().unwrap().to_owned(), s["orders"].as_i64().unwrap()))
        .collect();
    assert_eq!(
        statuses,
        [("cancelled".into(), 1), ("partially_refunded".into(), 1), ("processing".into(), 2)]
    );
    let shops = all["by_shop"].as_array().unwrap();
    assert_eq!(shops.len(), 2, "{shops:?}");
    let by_shop: i64 = shops.iter().map(|s| s["revenue"].as_i64().unwrap()).sum();
    assert_eq!(by_shop, gross - refund, "the shops add up to the marketplace");
    assert!(shops.iter().any(|s| s["name"] == "Anemone"), "{shops:?}");

    // A seller reads their own shop only.
    let (status, mine) = seller_a.get_json("/api/v1/analytics/sales").await;
    assert_eq!(status, 200, "{mine}");
    assert_eq!(mine["by_shop"].as_array().map(Vec::len), Some(0), "no ranking of other shops");
    let shop_a: i64 = sold
        .iter()
        .filter(|o| o["seller_id"] == mine["seller_id"])
        .map(|o| o["total"].as_i64().unwrap())
        .sum();
    assert_eq!(
        (mine["total_orders"].as_i64(), mine["total_revenue"].as_i64()),
        (Some(2), Some(shop_a - refund))
    );
    let other = sold.iter().find(|o| o["seller_id"] != mine["seller_id"]).unwrap()["seller_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, _) = seller_a.get_json(&format!("/api/v1/analytics/sales?seller_id={other}")).await;
    assert_eq!(status, 403, "another shop's figures");
    let (status, one) = admin.get_json(&format!("/api/v1/analytics/sales?seller_id={other}")).await;
    assert_eq!((status, one["total_orders"].as_i64()), (200, Some(1)), "{one}");
    assert_eq!(c1.get_json("/api/v1/analytics/sales").await.0, 403, "a customer");
    assert_eq!(TestApp::with_client(&app).get_json("/api/v1/analytics/sales").await.0, 401, "a visitor");
    let (status, bad) =
        admin.get_json("/api/v1/analytics/sales?start_date=2026-02-01&end_date=2026-01-01").await;
    assert_eq!((status, bad["error"]["fields"]["end_date"].is_string()), (400, true), "{bad}");

    // Rebuilding from the orders gives exactly the running totals.
    let running = rollups(&app).await;
    assert!(!running.is_empty());
    bazaar::analytics::service::rebuild_all(app.db()).await.unwrap();
    assert_eq!(rollups(&app).await, running);
    // … and leaves the planner fresh statistics (stale ones made the dashboards scan).
    let analyzed = match app.db().backend() {
        bazaar::server::db::Backend::Postgres => {
            "SELECT COUNT(*) FROM pg_class WHERE relname = 'sales_days' AND reltuples > 0"
        }
        _ => "SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'sales_days'",
    };
    assert!(app.scalar(analyzed).await > 0, "sales_days analysed");

    // An order paid at 23:30 in New York lands on that New York day.
    let late = jiff_ms("2026-07-02T03:30:00Z");
    app.exec(bazaar::sql!(
        "UPDATE orders SET sold_at = $1, created_at = $1 WHERE id = $2",
        late,
        both[1].as_str()
    ))
    .await;
    bazaar::analytics::service::rebuild_all(app.db()).await.unwrap();
    let day = |d: &str| format!("/api/v1/analytics/sales?start_date={d}&end_date={d}");
    let (_, july1) = admin.get_json(&day("2026-07-01")).await;
    let (_, july2) = admin.get_json(&day("2026-07-02")).await;
    assert_eq!(
        (july1["total_orders"].as_i64(), july2["total_orders"].as_i64()),
        (Some(1), Some(0)),
        "{july1}"
    );
    assert_eq!(july1["total_revenue"].as_i64(), sold[2]["total"].as_i64());

    // The pages: the back office for staff, the studio for the shop; with
    // no JavaScript the tables carry the figures.
    let (status, html) = admin.get_text("/admin?range=30d").await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"data-testid="revenue-table""#) && html.contains("data-chart"), "{html}");
    assert_eq!(seller_a.get_text("/admin").await.0, 403, "a seller is not back office");
    let (status, html) = seller_a.get_text("/studio/analytics").await;
    assert_eq!(status, 200);
    assert!(html.contains("Anemone Soap") && !html.contains("Bramble Soap"), "own products only");
}
on_both!(figures_match_the_orders);

fn jiff_ms(rfc3339: &str) -> i64 {
    bazaar::dates::parse_instant(rfc3339).unwrap()
}

/// A card order counts once its payment arrives, not when it is placed.
async fn card_orders_count_when_paid(backend: Backend) {
    let Some(stripe) = StripeDouble::start().await else { return };
    let Some(app) = card_app(backend, &stripe).await else { return };
    let placed = buy_by_card(&app, "cara@example.com", 2).await;
    let order_id = placed["orders"][0]["order_id"].as_str().unwrap().to_owned();
    let admin = TestApp::with_client(&app);
    admin.sign_in_as(Role::Admin, "boss@example.com").await;
    let (_, before) = admin.get_json("/api/v1/analytics/sales").await;
    assert_eq!(before["total_orders"], 0, "awaiting payment: {before}");
    let checkout = placed["checkout_id"].as_str().unwrap();
    let (status, _) = app
        .post_json(&format!("/api/v1/checkouts/{checkout}/pay"), json!({"payment_method": "pm_card_visa"}))
        .await;
    assert_eq!(status, 200);
    wait_for(&app, &order_id, "paid").await;
    let (_, after) = admin.get_json("/api/v1/analytics/sales").await;
    assert_eq!(after["total_orders"], 1, "{after}");
    assert_eq!(after["total_revenue"], placed["total"], "{after}");
    // Its card fee, at the configured rate, is among the month's expenses.
    let total = placed["total"].as_i64().unwrap();
    let (_, month) = admin.get_json("/api/v1/financial/reports").await;
    assert_eq!(month["payment_fees"].as_i64(), Some((total * 290 + 5_000) / 10_000 + 30), "{month}");
}
on_both!(card_orders_count_when_paid);

/// An open dashboard hears of its own shop's sales, not of another's.
async fn dashboards_hear_of_sales(backend: Backend) {
    let Some(app) = spawn_app_with(backend, true, |_| {}).await else { return };
    let (seller_a, soap_a) = shop(&app, "ann@example.com", "Anemone", 8).await;
    let (_seller_b, soap_b) = shop(&app, "ben@example.com", "Bramble", 20).await;
    let admin = TestApp::with_client(&app);
    admin.sign_in_as(Role::Admin, "boss@example.com").await;
    let mut everything = admin.get("/api/v1/analytics/live").await;
    let mut own = seller_a.get("/api/v1/analytics/live").await;
    assert_eq!((everything.status().as_u16(), own.status().as_u16()), (200, 200));
    let (c, address) = customer(&app, "c@example.com").await;
    let b = buy(&c, &address, &[(&soap_b, 1)]).await;
    let a = buy(&c, &address, &[(&soap_a, 1)]).await;
    let (_, first) = admin.get_json(&format!("/api/v1/orders/{}", b[0])).await;
    let (_, second) = admin.get_json(&format!("/api/v1/orders/{}", a[0])).await;
    let (shop_b, shop_a) = (first["seller_id"].as_str().unwrap(), second["seller_id"].as_str().unwrap());
    let all = until(&mut everything, shop_a).await;
    assert!(all.contains(&format!("event: sales\ndata: {shop_b}")), "every shop's sales: {all}");
    let mine = until(&mut own, shop_a).await;
    assert!(!mine.contains(shop_b), "only the seller's own shop: {mine}");
    assert_eq!(c.get("/api/v1/analytics/live").await.status().as_u16(), 403);
}
on_both!(dashboards_hear_of_sales);

/// A dashboard's tables download as CSV a spreadsheet cannot run, or JSON.
async fn exports_are_safe_to_open(backend: Backend) {
    let Some(app) = spawn_app_with(backend, true, |_| {}).await else { return };
    let (seller, _) = shop(&app, "ann@example.com", "Anemone", 8).await;
    let sneaky = json!({"title": "=HYPERLINK(\"http://evil.example\",\"Soap\")", "price": 5, "description": "Soap.",
                        "stock_quantity": 5, "category_id": "serums"});
    let (status, made) = seller.post_json("/api/v1/products", sneaky).await;
    assert_eq!(status, 201, "{made}");
    let (c, address) = customer(&app, "c@example.com").await;
    buy(&c, &address, &[(made["id"].as_str().unwrap(), 2)]).await;

    let res = seller.get("/api/v1/analytics/sales/export?table=top_products").await;
    assert_eq!(res.status().as_u16(), 200);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    assert!(res.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
    let text = res.text().await.unwrap();
    assert!(text.starts_with("product_id,name,units,revenue_minor\n"), "{text}");
    assert!(
        text.contains(r#","'=HYPERLINK(""http://evil.example"",""Soap"")",2,1000"#),
        "neutralised: {text}"
    );
    let (status, rows) =
        seller.get_json("/api/v1/analytics/sales/export?table=top_products&format=json").await;
    assert_eq!(status, 200);
    assert_eq!(
        (rows[0]["units"].as_i64(), rows[0]["revenue_minor"].as_i64()),
        (Some(2), Some(1000)),
        "{rows}"
    );
    let (status, series) = seller.get_json("/api/v1/analytics/sales/export?table=series&format=json").await;
    let sum: i64 = series.as_array().unwrap().iter().map(|p| p["orders"].as_i64().unwrap()).sum();
    assert_eq!((status, sum), (200, 1));
    assert_eq!(seller.get("/api/v1/analytics/sales/export?table=nope").await.status().as_u16(), 400);
    assert_eq!(c.get("/api/v1/analytics/sales/export?table=series").await.status().as_u16(), 403);
}
on_both!(exports_are_safe_to_open);
