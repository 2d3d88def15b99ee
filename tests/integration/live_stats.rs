//! A stream's numbers: viewers from their stays on the page (peak, unique,
//! watch time), its chat and what was bought from it — for its own people
//! in the console and over REST, and for staff in the back office.

use std::time::Duration;

use bazaar::accounts::Role;
use serde_json::json;

use crate::db_test;
use crate::helpers::TestApp;
use crate::live_chat::{connect, cookie_for, live_stream, next, say};

db_test!(a_stream_counts_its_viewers_chat_and_sales, true, |app: TestApp| async move {
    app.open_shop("stats@example.com", "Stats Shop").await;
    let (_, made) = app.post_json("/api/v1/products", crate::studio::serum("Counted Serum")).await;
    let product = made["id"].as_str().unwrap().to_owned();
    let id = live_stream(&app, "stats@example.com", &[&product]).await;

    // Two visitors from one address and one signed-in customer, at once.
    let cookie = cookie_for(&app, "watcher@example.com", "Wanda Watcher").await;
    let mut first = connect(&app, &id, None, None).await.unwrap();
    let mut second = connect(&app, &id, None, None).await.unwrap();
    let mut customer = connect(&app, &id, Some(&cookie), None).await.unwrap();
    next(&mut customer, "history").await;
    say(&mut customer, json!({"type": "message", "text": "Hello from the front row"})).await;
    next(&mut first, "message").await;
    // Bought from the stream.
    let buyer = TestApp::with_client(&app);
    let address = crate::checkout::shopper(&buyer, "buyer@example.com", "GB").await;
    buyer
        .form_post("/api/buy_now", &format!("/live/{id}"), &[("product_id", &product), ("stream_id", &id)])
        .await;
    let place = json!({"shipping_address_id": address, "payment_method": "cash_on_delivery"});
    assert_eq!(buyer.post_json("/api/v1/orders", place).await.0, 201);
    tokio::time::sleep(Duration::from_millis(30)).await;
    for ws in [&mut first, &mut second, &mut customer] {
        ws.close(None).await.unwrap();
    }
    // The stays are logged as people leave and written in a batch.
    for _ in 0..100 {
        app.state.stream_views.flush(&app.state.db).await.unwrap();
        if app.scalar(&format!("SELECT COUNT(*) FROM stream_views WHERE stream_id = '{id}'")).await == 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(app.post_json(&format!("/api/v1/streams/{id}/end"), json!({})).await.0, 200);

    let (status, stats) = app.get_json(&format!("/api/v1/streams/{id}/analytics")).await;
    assert_eq!(status, 200, "{stats}");
    assert_eq!(stats["live"], false);
    assert_eq!(stats["peak_viewers"], 3, "{stats}");
    assert_eq!(stats["unique_viewers"], 2, "one address without a session is one visitor: {stats}");
    assert!(stats["average_watch_ms"].as_i64().unwrap() >= 30, "{stats}");
    assert_eq!((stats["messages"].as_i64(), stats["orders"].as_i64()), (Some(1), Some(1)), "{stats}");
    assert_eq!(stats["revenue"], "$24.50");
    assert_eq!(stats["top_products"][0]["title"], "Counted Serum");
    assert_eq!(stats["top_products"][0]["quantity"], 1);
    assert_eq!(stats["curve"].as_array().unwrap().len(), bazaar::live::stats::CURVE_POINTS);
    let (_, console) = app.get_text(&format!("/studio/streams/{id}")).await;
    assert!(console.contains("How it went") && console.contains("Peak viewers"), "the console shows them");

    // Only the stream's people and the back office see them.
    let other = TestApp::with_client(&app);
    other.sign_in_as(Role::Customer, "nosy@example.com").await;
    assert_eq!(other.get_json(&format!("/api/v1/streams/{id}/analytics")).await.0, 403);
    let (_, desk) = other.get_text("/admin/streams").await;
    assert!(!desk.contains("Counted Serum") && !desk.contains("stream-desk"));
    let staff = TestApp::with_client(&app);
    staff.sign_in_as(Role::Staff, "staff@example.com").await;
    let (_, desk) = staff.get_text("/admin/streams").await;
    assert!(
        desk.contains("data-testid=\"stream-desk\"") && desk.contains("Chat test"),
        "the back office lists it"
    );
});

/// The console's cover form, as a browser posts it.
async fn cover_form(app: &TestApp, id: &str, name: &str, bytes: Vec<u8>) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned());
    app.client
        .post(app.url(&format!("/studio/streams/{id}/cover")))
        .header("origin", &app.base)
        .multipart(reqwest::multipart::Form::new().part("image", part))
        .send()
        .await
        .unwrap()
}

db_test!(a_stream_takes_a_cover_picture, true, |app: TestApp| async move {
    app.open_shop("cover@example.com", "Cover Shop").await;
    let id = live_stream(&app, "cover@example.com", &[]).await;
    let path = format!("/api/v1/streams/{id}/cover");
    let (status, body) = crate::studio::upload(&app, &path, "notes.txt", b"not a picture".to_vec()).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"]["fields"]["image"], "Use a PNG, JPEG or WebP picture.");
    let (status, stream) =
        crate::studio::upload(&app, &path, "cover.png", crate::studio::png(1200, 675)).await;
    assert_eq!(status, 200, "{stream}");
    let cover = stream["cover_url"].as_str().unwrap().to_owned();
    assert!(cover.starts_with("/media/"), "{stream}");
    assert_eq!(
        app.get_json("/api/v1/streams/live").await.1[0]["cover_url"],
        cover.as_str(),
        "/live shows it"
    );
    assert_eq!(app.get(&cover).await.status(), 200);

    // Only the stream's own people may change it.
    let rival = TestApp::with_client(&app);
    rival.open_shop("rival@example.com", "Rival Shop").await;
    assert_eq!(crate::studio::upload(&rival, &path, "x.png", crate::studio::png(10, 10)).await.0, 404);

    // The console's form: a new cover replaces the old one (whose file is removed).
    let res = cover_form(&app, &id, "new.png", crate::studio::png(800, 450)).await;
    assert_eq!(res.headers()["location"], format!("/studio/streams/{id}?done=cover").as_str());
    let (_, stream) = app.get_json(&format!("/api/v1/streams/{id}")).await;
    assert_ne!(stream["cover_url"].as_str(), Some(cover.as_str()));
    assert_eq!(app.get(&cover).await.status(), 404, "the old cover is gone");
    let res = cover_form(&app, &id, "x.gif", b"GIF89a".to_vec()).await;
    let back = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(back.ends_with("cover_error=type"), "{back}");
    let (_, console) = app.get_text(&back).await;
    assert!(console.contains("Use a PNG, JPEG or WebP picture."), "the reason beside the field");
});
