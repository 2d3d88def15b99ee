//! The bell: a new order tells its shop and the order desk, live over SSE
//! (on another node too); stock crossing its low-stock line tells the shop
//! once (and mails it), not at every sale after; a shop applying tells the
//! administrators; read marks stick; customers have no bell.

use bazaar::accounts::Role;
use serde_json::{Value, json};

use crate::analytics::{buy, customer, shop};
use crate::db_test;
use crate::helpers::{TestApp, read_until};

async fn inbox(who: &TestApp) -> Value {
    let (status, r) = who.get_json("/api/v1/notifications").await;
    assert_eq!(status, 200, "{r}");
    r
}

fn kinds(inbox: &Value) -> Vec<String> {
    inbox["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap().to_owned())
        .collect()
}

db_test!(the_bell_rings_for_orders_and_low_stock, true, |app: TestApp| async move {
    app.sign_in_as(Role::Admin, "boss@example.com").await;
    let (seller, product) = shop(&app, "maker@example.com", "Fern", 12).await;
    assert!(kinds(&inbox(&app).await).contains(&"seller_application".to_owned()), "the application");
    let (buyer, address) = customer(&app, "buyer@example.com").await;
    assert_eq!(buyer.get_json("/api/v1/notifications").await.0, 403, "customers have no bell");

    // The admin's open page hears of the order — through another node on
    // PostgreSQL (SQLite is one process by design).
    let postgres = matches!(app.db().backend(), bazaar::server::db::Backend::Postgres);
    let other = if postgres { Some(app.second_node().await) } else { None };
    let watcher = TestApp::with_client(other.as_ref().unwrap_or(&app));
    watcher
        .post_json(
            "/api/v1/auth/login",
            json!({"email": "boss@example.com", "password": crate::helpers::PASSWORD}),
        )
        .await;
    let mut events = watcher.get("/api/v1/notifications/events").await;
    let before = inbox(&app).await["unread_count"].as_i64().unwrap();
    assert!(read_until(&mut events, &format!("data: {before}")).await.contains("event: count"));
    buy(&buyer, &address, &[(&product, 1)]).await;
    let seen = read_until(&mut events, &format!("data: {}", before + 1)).await;
    assert!(seen.contains(&format!("data: {}", before + 1)), "{seen}");
    let shop_inbox = inbox(&seller).await;
    assert_eq!(kinds(&shop_inbox), ["new_order"], "{shop_inbox}");
    assert!(shop_inbox["notifications"][0]["link"].as_str().unwrap().starts_with("/studio/orders/"));

    // 19 left, line 5: 10 more stay above it, 4 more cross it (once, and a
    // mail); one more says nothing.
    buy(&buyer, &address, &[(&product, 10)]).await;
    buy(&buyer, &address, &[(&product, 4)]).await;
    buy(&buyer, &address, &[(&product, 1)]).await;
    let shop_inbox = inbox(&seller).await;
    let low: Vec<&Value> =
        shop_inbox["notifications"].as_array().unwrap().iter().filter(|n| n["kind"] == "low_stock").collect();
    assert_eq!(low.len(), 1, "once per crossing: {shop_inbox}");
    assert!(low[0]["title"].as_str().unwrap().contains("5 left"), "{shop_inbox}");
    assert_eq!(app.scalar("SELECT COUNT(*) FROM outbox WHERE kind = 'low_stock'").await, 1);

    // Read marks.
    let id = shop_inbox["notifications"][0]["id"].as_str().unwrap().to_owned();
    let (_, r) = seller.post_json("/api/v1/notifications/read", json!({"ids": [id]})).await;
    assert_eq!(r["unread_count"].as_i64(), Some(shop_inbox["unread_count"].as_i64().unwrap() - 1));
    let (_, r) = seller.post_json("/api/v1/notifications/read", json!({})).await;
    assert_eq!(r["unread_count"], 0);
    assert_eq!(inbox(&seller).await["notifications"][0]["read"], true);
});
