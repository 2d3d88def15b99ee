//! First-party traffic: people's page views, product views, cart adds and
//! checkouts are counted once per visitor a day, robots, prefetches and Do
//! Not Track are not; the funnel ends in the paid orders and gives the
//! conversion rate; top pages, sources and searches that found nothing are
//! listed; old raw events are swept while the day rows stay.

use bazaar::accounts::Role;
use serde_json::{Value, json};

use crate::analytics::{buy, shop};
use crate::helpers::{Backend, TestApp, spawn_app_with};
use crate::on_both;

const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const SAFARI: &str =
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15";

async fn page(c: &TestApp, path: &str, extra: &[(&str, &str)]) {
    let mut req = c.client.get(c.url(path));
    for (k, v) in extra {
        req = req.header(*k, *v);
    }
    let res = req.send().await.expect("page");
    assert_eq!(res.status(), 200, "{path}");
    res.text().await.unwrap();
}

async fn people_are_counted_once_and_robots_never(backend: Backend) {
    let Some(app) = spawn_app_with(backend, true, |_| {}).await else { return };
    let (seller, soap) = shop(&app, "ann@example.com", "Anemone", 8).await;
    let (_, product) = app.get_json(&format!("/api/v1/products/{soap}")).await;
    let path = format!("/products/{}", product["slug"].as_str().unwrap());

    // Ana arrives from a search engine, looks twice, buys; her prefetches are not visits.
    let ana = TestApp::browser(&app, FIREFOX, &[]);
    page(&ana, "/", &[("referer", "https://www.google.com/search?q=soap")]).await;
    page(&ana, &path, &[]).await;
    page(&ana, &path, &[]).await;
    page(&ana, &path, &[("sec-purpose", "prefetch")]).await;
    ana.sign_in_as(Role::Customer, "ana@example.com").await;
    let (status, cart) = ana.post_json("/api/v1/cart", json!({"product_id": soap, "quantity": 1})).await;
    assert_eq!(status, 201, "{cart}");
    page(&ana, "/checkout", &[]).await;
    let (_, address) = ana
        .post_json(
            "/api/v1/users/addresses",
            json!({"full_name": "Ana", "address_line1": "2 Elm St", "city": "Austin", "state": "TX",
                   "postal_code": "73301", "country": "US"}),
        )
        .await;
    buy(&ana, &address["id"], &[(&soap, 1)]).await;
    // Ben looks once and searches for what the shop does not have.
    let ben = TestApp::browser(&app, SAFARI, &[]);
    page(&ben, &path, &[]).await;
    page(&ben, "/products?q=unicorn+tears", &[]).await;
    // Not counted: a crawler, a browser with Do Not Track or Global Privacy Control, a client with no name.
    for robot in [
        TestApp::browser(
            &app,
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            &[],
        ),
        TestApp::browser(&app, FIREFOX, &[("dnt", "1")]),
        TestApp::browser(&app, SAFARI, &[("sec-gpc", "1")]),
        TestApp::with_client(&app),
    ] {
        page(&robot, "/", &[]).await;
        page(&robot, &path, &[]).await;
        page(&robot, "/products?q=robots", &[]).await;
    }
    app.state.traffic.flush(app.db()).await.unwrap();

    let admin = TestApp::with_client(&app);
    admin.sign_in_as(Role::Admin, "boss@example.com").await;
    let (status, t) = admin.get_json("/api/v1/analytics/traffic").await;
    assert_eq!(status, 200, "{t}");
    let n = |v: &Value, k: &str| v[k].as_i64().unwrap_or_else(|| panic!("{k}: {v}"));
    // Ana: /, the product twice, the checkout; Ben: the product, the search.
    assert_eq!(n(&t, "page_views"), 6, "{t}");
    assert_eq!(n(&t, "visitors"), 2, "{t}");
    assert_eq!((n(&t, "product_views"), n(&t, "product_viewers")), (3, 2), "{t}");
    assert_eq!((n(&t, "added_to_cart"), n(&t, "started_checkout"), n(&t, "paid_orders")), (1, 1, 1), "{t}");
    assert_eq!(t["conversion_rate"].as_f64(), Some(0.5), "{t}");
    assert_eq!(t["top_pages"][0], json!({"name": path, "count": 3}), "{t}");
    assert_eq!(t["referrers"], json!([{"name": "google.com", "count": 1}]), "{t}");
    assert_eq!(t["no_result_searches"], json!([{"name": "unicorn tears", "count": 1}]), "{t}");
    let (_, sales) = admin.get_json("/api/v1/analytics/sales").await;
    assert_eq!((n(&sales, "visitors"), sales["conversion_rate"].as_f64()), (2, Some(0.5)), "{sales}");

    // The shop's own funnel: its product page's visitors, its cart adds, its orders.
    let (_, mine) = seller.get_json("/api/v1/analytics/sales").await;
    assert_eq!((n(&mine, "visitors"), mine["conversion_rate"].as_f64()), (2, Some(0.5)), "{mine}");
    let (status, _) = seller.get_json("/api/v1/analytics/traffic").await;
    assert_eq!(status, 403, "the whole site's traffic is the back office's");
    let (status, _) = app.get_json("/api/v1/analytics/traffic").await;
    assert_eq!(status, 401);

    // The dashboard shows the funnel, with JavaScript or without.
    let (status, html) = admin.get_text("/admin/analytics/traffic").await;
    assert_eq!(status, 200);
    assert!(html.contains("data-testid=\"funnel-table\"") && html.contains("unicorn tears"), "{html}");

    // A second flush of the same people the same day adds views, not visitors.
    page(&ana, &path, &[]).await;
    app.state.traffic.flush(app.db()).await.unwrap();
    let (_, t) = admin.get_json("/api/v1/analytics/traffic").await;
    assert_eq!((n(&t, "product_views"), n(&t, "product_viewers"), n(&t, "visitors")), (4, 2, 2), "{t}");

    // Raw events go after 90 days; the day rows stay.
    assert_eq!(app.scalar("SELECT COUNT(*) FROM traffic_events").await, 9);
    app.exec(bazaar::sql!("UPDATE traffic_events SET at = 0 WHERE kind = 'search'")).await;
    app.state.traffic.sweep(app.db()).await.unwrap();
    assert_eq!(app.scalar("SELECT COUNT(*) FROM traffic_events").await, 8);
    let (_, t) = admin.get_json("/api/v1/analytics/traffic").await;
    assert_eq!(t["no_result_searches"][0]["count"], 1, "{t}");
}
on_both!(people_are_counted_once_and_robots_never);
