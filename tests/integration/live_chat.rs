//! Live chat over a real WebSocket: history on join, plain text escaped on
//! the page, a foreign Origin refused, limits (burst, length, slow mode),
//! moderation by the stream's own people only, the pinned product kept
//! current, and a message written on one node reaching a viewer on another.

use std::time::Duration;

use bazaar::accounts::Role;
use futures_util::{SinkExt, StreamExt};
use reqwest::Method;
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

use crate::db_test;
use crate::helpers::TestApp;

pub type Ws = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

const PASSWORD: &str = "violets at dawn 42";

/// A signed-in person's session cookie, for a WebSocket client.
pub async fn cookie_for(app: &TestApp, email: &str, name: &str) -> String {
    app.create_account(email, name, PASSWORD, Role::Customer).await;
    let res = reqwest::Client::new()
        .post(app.url("/api/v1/auth/login"))
        .header("origin", &app.base)
        .json(&json!({"email": email, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    res.headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
        .collect::<Vec<_>>()
        .join("; ")
}

pub async fn connect(
    app: &TestApp,
    stream: &str,
    cookie: Option<&str>,
    origin: Option<&str>,
) -> Result<Ws, u16> {
    let url = format!("{}/api/v1/streams/{stream}/chat", app.base.replace("http://", "ws://"));
    let mut req = url.into_client_request().unwrap();
    if let Some(c) = cookie {
        req.headers_mut().insert("cookie", c.parse().unwrap());
    }
    if let Some(o) = origin {
        req.headers_mut().insert("origin", o.parse().unwrap());
    }
    match tokio_tungstenite::connect_async(req).await {
        Ok((ws, _)) => Ok(ws),
        Err(tokio_tungstenite::tungstenite::Error::Http(res)) => Err(res.status().as_u16()),
        Err(e) => panic!("{e}"),
    }
}

/// The next frame of `kind`, skipping others; panics after 5 s.
pub async fn next(ws: &mut Ws, kind: &str) -> Value {
    tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match ws.next().await {
                Some(Ok(Message::Text(text))) => {
                    let frame: Value = serde_json::from_str(&text).unwrap();
                    if frame["type"] == kind {
                        return frame;
                    }
                }
                Some(Ok(_)) => {}
                other => panic!("socket ended: {other:?}"),
            }
        }
    })
    .await
    .unwrap_or_else(|_| panic!("no {kind} frame within 5 s"))
}

pub async fn say(ws: &mut Ws, frame: Value) {
    ws.send(Message::Text(frame.to_string().into())).await.unwrap();
}

/// A verified shop with a live stream; the stream's id.
pub async fn live_stream(app: &TestApp, email: &str, products: &[&str]) -> String {
    let (_, made) = app
        .post_json(
            "/api/v1/streams",
            json!({"title": "Chat test", "scheduled_at": crate::live::days_ahead(1), "product_ids": products}),
        )
        .await;
    let id = made["id"].as_str().unwrap_or_else(|| panic!("{email}: {made}")).to_owned();
    assert_eq!(app.post_json(&format!("/api/v1/streams/{id}/start"), json!({})).await.0, 200);
    id
}

db_test!(chat_over_a_websocket, false, |app: TestApp| async move {
    app.open_shop("host@example.com", "Host Shop").await;
    let id = live_stream(&app, "host@example.com", &[]).await;
    assert_eq!(connect(&app, &id, None, Some("http://evil.test")).await.err(), Some(403), "a foreign Origin");
    assert_eq!(connect(&app, "no-such-stream", None, None).await.err(), Some(404));

    let mut visitor = connect(&app, &id, None, Some(&app.base)).await.unwrap();
    assert_eq!(next(&mut visitor, "history").await["messages"], json!([]));
    assert!(next(&mut visitor, "pinned").await["product"].is_null());
    say(&mut visitor, json!({"type": "message", "text": "hi"})).await;
    assert_eq!(next(&mut visitor, "error").await["message"], "Sign in to chat.");

    let fan_cookie = cookie_for(&app, "fan@example.com", "Fern Okafor").await;
    let mut fan = connect(&app, &id, Some(&fan_cookie), None).await.unwrap();
    next(&mut fan, "history").await;
    // Counted: the room tells its viewers when the count moves. Asked for
    // now, before frames of other kinds are skipped while waiting below.
    let count = next(&mut visitor, "viewers").await["count"].as_i64().unwrap();
    assert!(count >= 1, "{count}");
    let attack = "<script>alert('x')</script> & hello";
    say(&mut fan, json!({"type": "message", "text": attack})).await;
    let got = next(&mut visitor, "message").await;
    assert_eq!((got["text"].as_str(), got["user"]["name"].as_str()), (Some(attack), Some("Fern O.")));
    say(&mut fan, json!({"type": "message", "text": "x".repeat(501)})).await;
    assert_eq!(next(&mut fan, "error").await["message"], "At most 500 characters.");
    say(&mut fan, json!({"type": "reaction", "emoji": "🔥"})).await;
    assert_eq!(next(&mut visitor, "reaction").await["emoji"], "🔥");

    // A newcomer gets the history.
    let mut late = connect(&app, &id, None, None).await.unwrap();
    let history = next(&mut late, "history").await;
    assert_eq!(history["messages"][0]["text"], attack);
    let (_, listed) = app.get_json(&format!("/api/v1/streams/{id}")).await;
    assert!(listed["viewer_count"].as_i64().unwrap() >= 2, "{listed}");

    // The page shows the history, escaped.
    let (_, page) = TestApp::with_client(&app).get_text(&format!("/live/{id}")).await;
    assert!(page.contains("&lt;script&gt;alert(") && !page.contains("<script>alert("), "escaped on the page");
});

db_test!(chat_limits_and_moderation, false, |app: TestApp| async move {
    app.open_shop("mod@example.com", "Mod Shop").await;
    let id = live_stream(&app, "mod@example.com", &[]).await;
    let path = format!("/api/v1/streams/{id}/messages");
    let fan = TestApp::with_client(&app);
    fan.sign_in_as(Role::Customer, "chatty@example.com").await;
    assert_eq!(TestApp::with_client(&app).post_json(&path, json!({"text": "hi"})).await.0, 401);
    assert_eq!(fan.post_json(&path, json!({"text": "  "})).await.0, 400);
    let mut first = Value::Null;
    for i in 0..10 {
        let (status, m) = fan.post_json(&path, json!({"text": format!("message {i}")})).await;
        assert_eq!(status, 201, "{m}");
        if i == 0 {
            first = m;
        }
    }
    assert_eq!(fan.post_json(&path, json!({"text": "one too many"})).await.0, 429, "10 in 10 s at most");

    // Moderation is the stream's own people's: others get 404, customers 403.
    let mid = first["id"].as_str().unwrap();
    let fan_id = first["user"]["id"].as_str().unwrap();
    let rival = TestApp::with_client(&app);
    rival.open_shop("rival@example.com", "Rival Shop").await;
    let delete = format!("{path}/{mid}");
    assert_eq!(rival.send_json(Method::DELETE, &delete, json!(null)).await.0, 404);
    assert_eq!(fan.send_json(Method::DELETE, &delete, json!(null)).await.0, 403);
    assert_eq!(app.send_json(Method::DELETE, &delete, json!(null)).await.0, 204);
    let (_, history) = app.get_json(&path).await;
    assert_eq!(history.as_array().unwrap().len(), 9, "the deleted one is gone");

    // Muted here; unmuted; banned from the shop's every stream.
    let mutes = format!("/api/v1/streams/{id}/mutes");
    assert_eq!(rival.post_json(&mutes, json!({"user_id": fan_id})).await.0, 404);
    assert_eq!(app.post_json(&mutes, json!({"user_id": fan_id})).await.0, 204);
    tokio::time::sleep(Duration::from_millis(10_100)).await; // past the burst window
    let (status, body) = fan.post_json(&path, json!({"text": "am I muted?"})).await;
    assert_eq!(
        (status, body["error"]["message"].as_str()),
        (409, Some("The shop has muted you in this chat."))
    );
    assert_eq!(app.send_json(Method::DELETE, &format!("{mutes}/{fan_id}"), json!(null)).await.0, 204);
    assert_eq!(fan.post_json(&path, json!({"text": "back"})).await.0, 201);

    // Slow mode: one message per 60 s.
    let slow = format!("/api/v1/streams/{id}/slow_mode");
    assert_eq!(app.send_json(Method::PUT, &slow, json!({"seconds": 301})).await.0, 400);
    assert_eq!(app.send_json(Method::PUT, &slow, json!({"seconds": 60})).await.0, 204);
    let (status, body) = fan.post_json(&path, json!({"text": "again"})).await;
    assert_eq!(status, 409, "{body}");
    assert!(body["error"]["message"].as_str().unwrap().starts_with("Slow mode is on"));

    assert_eq!(app.post_json(&mutes, json!({"user_id": fan_id, "ban": true})).await.0, 204);
    let (_, other) = app
        .post_json(
            "/api/v1/streams",
            json!({"title": "Second show", "scheduled_at": crate::live::days_ahead(1)}),
        )
        .await;
    let other_path = format!("/api/v1/streams/{}/messages", other["id"].as_str().unwrap());
    assert_eq!(
        fan.post_json(&other_path, json!({"text": "hello?"})).await.0,
        409,
        "banned from the shop's streams"
    );

    // Over: the chat is closed.
    app.post_json(&format!("/api/v1/streams/{id}/end"), json!({})).await;
    assert_eq!(app.post_json(&path, json!({"text": "bye"})).await.0, 409);
});

db_test!(the_pinned_product_follows_price_and_stock, true, |app: TestApp| async move {
    app.open_shop("pin@example.com", "Pin Shop").await;
    let (_, made) = app.post_json("/api/v1/products", crate::studio::serum("Pinned Serum")).await;
    let product = made["id"].as_str().unwrap().to_owned();
    let id = live_stream(&app, "pin@example.com", &[&product]).await;
    let mut viewer = connect(&app, &id, None, None).await.unwrap();
    assert!(next(&mut viewer, "pinned").await["product"].is_null());
    let pin = format!("/api/v1/streams/{id}/pin");
    let customer = TestApp::with_client(&app);
    customer.sign_in_as(Role::Customer, "c@example.com").await;
    assert_eq!(customer.send_json(Method::PUT, &pin, json!({"product_id": product})).await.0, 403);
    let (status, pinned) = app.send_json(Method::PUT, &pin, json!({"product_id": product})).await;
    assert_eq!((status, pinned["price"].as_i64()), (200, Some(2450)), "{pinned}");
    let frame = next(&mut viewer, "pinned").await;
    assert_eq!(
        (frame["product"]["title"].as_str(), frame["product"]["stock"].as_i64()),
        (Some("Pinned Serum"), Some(7))
    );
    app.send_json(Method::PATCH, &format!("/api/v1/products/{product}"), json!({"price": "19.99"})).await;
    let frame = next(&mut viewer, "pinned").await;
    assert_eq!(frame["product"]["price"], 1999, "the new price, live");
    // The page shows it with a way to buy, JavaScript or not.
    let (_, page) = TestApp::with_client(&app).get_text(&format!("/live/{id}")).await;
    assert!(page.contains("data-testid=\"pinned\"") && page.contains("action=\"/api/buy_now\""));
    // "Buy now" from the stream: the order remembers it; the console counts it.
    let buyer = TestApp::with_client(&app);
    let address = crate::checkout::shopper(&buyer, "buyer@example.com", "GB").await;
    let res = buyer
        .form_post("/api/buy_now", &format!("/live/{id}"), &[("product_id", &product), ("stream_id", &id)])
        .await;
    assert_eq!(res.headers()["location"], "/checkout");
    let place = json!({"shipping_address_id": address, "payment_method": "cash_on_delivery"});
    let (status, placed) = buyer.post_json("/api/v1/orders", place.clone()).await;
    assert_eq!(status, 201, "{placed}");
    // Bought again off the stream's page: not the stream's.
    buyer.post_json("/api/v1/cart", json!({"product_id": product, "quantity": 1})).await;
    assert_eq!(buyer.post_json("/api/v1/orders", place).await.0, 201);
    let attributed = format!("SELECT COUNT(*) FROM order_lines WHERE stream_id = '{id}'");
    assert_eq!(app.scalar(&attributed).await, 1, "one order line from the stream");
    let (_, desk) = app.get_text(&format!("/studio/streams/{id}")).await;
    assert!(desk.contains("$19.99") && desk.contains(" from 1 order"), "the stream's takings in the console");

    // Its stock went down twice (7 → 5): the viewer sees it live.
    let mut stocks = Vec::new();
    while stocks.last() != Some(&5) {
        stocks.push(next(&mut viewer, "pinned").await["product"]["stock"].as_i64().unwrap_or(-1));
        assert!(stocks.len() < 10, "{stocks:?}");
    }
    assert_eq!(app.send_json(Method::PUT, &pin, json!({"product_id": null})).await.0, 200);
    while !next(&mut viewer, "pinned").await["product"].is_null() {}
});

db_test!(a_message_reaches_viewers_on_another_node, false, |app: TestApp| async move {
    if app.state.db.backend() != bazaar::server::db::Backend::Postgres {
        return; // One SQLite file is one process: there is no second node.
    }
    app.open_shop("relay@example.com", "Relay Shop").await;
    let id = live_stream(&app, "relay@example.com", &[]).await;
    let node_b = app.second_node().await;
    let mut far = connect(&node_b, &id, None, None).await.unwrap();
    next(&mut far, "history").await;
    let fan = TestApp::with_client(&app);
    fan.sign_in_as(Role::Customer, "relay-fan@example.com").await;
    let (status, _) =
        fan.post_json(&format!("/api/v1/streams/{id}/messages"), json!({"text": "from node A"})).await;
    assert_eq!(status, 201);
    assert_eq!(next(&mut far, "message").await["text"], "from node A", "relayed through NOTIFY");
    // And a viewer on B counts on A.
    let mut seen = 0;
    for _ in 0..40 {
        seen = app.get_json(&format!("/api/v1/streams/{id}")).await.1["viewer_count"].as_i64().unwrap();
        if seen >= 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(seen, 1, "node A counts node B's viewer");
});
