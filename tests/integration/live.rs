//! Live shopping, first part: streams scheduled, started and ended only by
//! their own people; one live stream per shop, held by the database under
//! concurrency; reminders mailed through the outbox at the start; the
//! pages, with JavaScript off.

use bazaar::accounts::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::db_test;
use crate::helpers::TestApp;

/// `days` from now, as RFC 3339.
pub fn days_ahead(days: i64) -> String {
    format!("{}:00Z", bazaar::dates::local_input(bazaar::server::now_ms() + days * 86_400_000))
}

fn stream(title: &str, products: &[&str]) -> Value {
    json!({
        "title": title,
        "scheduled_at": days_ahead(2),
        "description": "Winter bouquets, made live.\n\nAsk anything.",
        "tags": ["Roses", "gifts"],
        "product_ids": products,
    })
}

/// A verified shop with one product on sale; (product id, product slug).
async fn shop_with_product(app: &TestApp, email: &str, shop: &str, product: &str) -> (String, String) {
    app.open_shop(email, shop).await;
    let (status, made) = app.post_json("/api/v1/products", crate::studio::serum(product)).await;
    assert_eq!(status, 201, "{made}");
    (made["id"].as_str().unwrap().to_owned(), made["slug"].as_str().unwrap().to_owned())
}

async fn schedule(app: &TestApp, body: Value) -> String {
    let (status, made) = app.post_json("/api/v1/streams", body).await;
    assert_eq!(status, 201, "{made}");
    made["id"].as_str().unwrap().to_owned()
}

db_test!(one_live_stream_per_shop_even_when_asked_at_once, false, |app: TestApp| async move {
    app.open_shop("duo@example.com", "Duo Flowers").await;
    for _ in 0..3 {
        let a = schedule(&app, stream("Morning show", &[])).await;
        let b = schedule(&app, stream("Evening show", &[])).await;
        let (start_a, start_b) = (format!("/api/v1/streams/{a}/start"), format!("/api/v1/streams/{b}/start"));
        let (ra, rb) = tokio::join!(app.post_json(&start_a, json!({})), app.post_json(&start_b, json!({})));
        let mut statuses = [ra.0, rb.0];
        statuses.sort();
        assert_eq!(statuses, [200, 409], "{} / {}", ra.1, rb.1);
        let (loser, winner) = if ra.0 == 409 { (&ra.1, &b) } else { (&rb.1, &a) };
        assert_eq!(loser["error"]["code"], "conflict");
        assert_eq!(app.scalar("SELECT COUNT(*) FROM streams WHERE status = 'live'").await, 1);
        let (status, ended) = app.post_json(&format!("/api/v1/streams/{winner}/end"), json!({})).await;
        assert_eq!((status, ended["status"].as_str()), (200, Some("ended")));
        // Over is over: it cannot start again, nor end twice.
        assert_eq!(app.post_json(&format!("/api/v1/streams/{winner}/start"), json!({})).await.0, 409);
        assert_eq!(app.post_json(&format!("/api/v1/streams/{winner}/end"), json!({})).await.0, 409);
        let other = if winner == &a { &b } else { &a };
        assert_eq!(
            app.post_json(&format!("/api/v1/streams/{other}/end"), json!({})).await.1["status"],
            "cancelled"
        );
    }
});

db_test!(streams_are_run_only_by_their_own_people, true, |app: TestApp| async move {
    let (product, _) = shop_with_product(&app, "ivy@example.com", "Ivy Blooms", "Frost Rose Bundle").await;
    let visitor = TestApp::with_client(&app);
    assert_eq!(visitor.post_json("/api/v1/streams", stream("x", &[])).await.0, 401);
    let customer = TestApp::with_client(&app);
    customer.sign_in_as(Role::Customer, "cus@example.com").await;
    assert_eq!(customer.post_json("/api/v1/streams", stream("x", &[])).await.0, 403);

    // Every problem by its field; nothing written.
    let bad = json!({"title": "", "scheduled_at": "next week", "tags": ["a,b"]});
    let (status, body) = app.post_json("/api/v1/streams", bad).await;
    assert_eq!((status, body["error"]["code"].as_str()), (400, Some("validation_failed")), "{body}");
    let (_, body) = app.post_json("/api/v1/streams", json!({"title": "", "scheduled_at": "soon"})).await;
    assert!(
        body["error"]["fields"]["title"].is_string() && body["error"]["fields"]["scheduled_at"].is_string(),
        "{body}"
    );
    let (_, body) = app
        .post_json("/api/v1/streams", json!({"title": "Old", "scheduled_at": "2001-01-01T00:00:00Z"}))
        .await;
    assert_eq!(body["error"]["fields"]["scheduled_at"], "That time has passed.");
    assert_eq!(app.scalar("SELECT COUNT(*) FROM streams").await, 0);

    // Another shop's product cannot be featured.
    let rival = TestApp::with_client(&app);
    let (rival_product, _) = shop_with_product(&rival, "rue@example.com", "Rue Garden", "Rue Posy").await;
    let (status, body) = app.post_json("/api/v1/streams", stream("Mixed", &[&product, &rival_product])).await;
    assert_eq!((status, body["error"]["fields"]["product_ids"].is_string()), (400, true), "{body}");

    let (status, made) = app.post_json("/api/v1/streams", stream("Frost roses live", &[&product])).await;
    assert_eq!(status, 201, "{made}");
    let id = made["id"].as_str().unwrap().to_owned();
    assert_eq!(
        (made["status"].as_str(), made["seller"]["shop_name"].as_str()),
        (Some("scheduled"), Some("Ivy Blooms"))
    );
    assert_eq!(made["stream_key"].as_str().map(str::len), Some(48), "the key comes with the new stream");
    assert!(made["cover_url"].is_null(), "the product has no picture yet");
    let (_, shown) = visitor.get_json(&format!("/api/v1/streams/{id}")).await;
    assert_eq!(shown["tags"], json!(["roses", "gifts"]));
    assert_eq!(shown["products"][0]["id"], product.as_str());
    assert!(shown.get("stream_key").is_none(), "the key is not public");

    // Another seller, a customer: as if it did not exist / refused.
    for path in ["start", "end", "key"] {
        assert_eq!(
            rival.post_json(&format!("/api/v1/streams/{id}/{path}"), json!({})).await.0,
            404,
            "{path}"
        );
        assert_eq!(
            customer.post_json(&format!("/api/v1/streams/{id}/{path}"), json!({})).await.0,
            403,
            "{path}"
        );
    }
    // The key turns over.
    let (_, key) = app.post_json(&format!("/api/v1/streams/{id}/key"), json!({})).await;
    assert_ne!(key["stream_key"], made["stream_key"]);

    // Staff run any shop's stream; they name the shop when scheduling.
    let staff = TestApp::with_client(&app);
    staff.sign_in_as(Role::Staff, "staff@example.com").await;
    let (status, body) = staff.post_json("/api/v1/streams", stream("House show", &[])).await;
    assert_eq!((status, body["error"]["fields"]["seller_id"].is_string()), (400, true), "{body}");
    let shop = made["seller"]["id"].as_str().unwrap();
    let mut for_shop = stream("House show", &[]);
    for_shop["seller_id"] = json!(shop);
    assert_eq!(staff.post_json("/api/v1/streams", for_shop).await.0, 201);
    let (status, live) = staff.post_json(&format!("/api/v1/streams/{id}/start"), json!({})).await;
    assert_eq!((status, live["status"].as_str()), (200, Some("live")), "{live}");
    let (_, listed) = visitor.get_json("/api/v1/streams/live").await;
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(
        (listed[0]["id"].as_str(), listed[0]["seller"]["slug"].as_str()),
        (Some(id.as_str()), Some("ivy-blooms"))
    );
    assert!(listed[0]["started_at"].as_i64().is_some() && listed[0]["viewer_count"] == 0);
    let (_, upcoming) = visitor.get_json("/api/v1/streams/upcoming").await;
    assert_eq!(upcoming[0]["title"], "House show");
    assert_eq!(app.send_json(Method::GET, "/api/v1/streams/nope", json!(null)).await.0, 404);
});

db_test!(reminders_are_mailed_when_the_stream_starts, false, |app: TestApp| async move {
    app.open_shop("lark@example.com", "Lark Candles").await;
    let id = schedule(&app, stream("Candle pouring <live>", &[])).await;
    let fan = TestApp::with_client(&app);
    fan.sign_in_as(Role::Customer, "fan@example.com").await;
    let path = format!("/api/v1/streams/{id}/remind");
    assert_eq!(TestApp::with_client(&app).post_json(&path, json!({})).await.0, 401);
    assert_eq!(fan.post_json(&path, json!({})).await.0, 204);
    assert_eq!(fan.post_json(&path, json!({})).await.0, 204, "asking twice is one reminder");
    let quitter = TestApp::with_client(&app);
    quitter.sign_in_as(Role::Customer, "quitter@example.com").await;
    quitter.post_json(&path, json!({})).await;
    assert_eq!(quitter.send_json(Method::DELETE, &path, json!(null)).await.0, 204);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM outbox WHERE kind = 'stream_live'").await, 0);

    assert_eq!(app.post_json(&format!("/api/v1/streams/{id}/start"), json!({})).await.0, 200);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM outbox WHERE kind = 'stream_live'").await, 1);
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM outbox WHERE kind = 'stream_live' AND recipient = 'fan@example.com'"
        )
        .await,
        1
    );
    let html =
        app.scalar("SELECT COUNT(*) FROM outbox WHERE html_body LIKE '%Candle pouring &lt;live&gt;%'").await;
    assert_eq!(html, 1, "the title is escaped in the mail's HTML");
    assert_eq!(fan.post_json(&path, json!({})).await.0, 409, "too late to ask: it is live");
});

db_test!(stream_pages_work_without_javascript, true, |app: TestApp| async move {
    let (product, _) = shop_with_product(&app, "moss@example.com", "Moss & Fern", "Fern Terrarium").await;
    let visitor = TestApp::with_client(&app);
    let (status, page) = visitor.get_text("/live").await;
    assert_eq!(status, 200);
    assert!(page.contains("Nobody is live right now") && page.contains("No streams are scheduled yet"));

    // Scheduled from the studio's form, as a browser without JavaScript sends it.
    let (_, studio) = app.get_text("/studio/streams").await;
    assert!(studio.contains("Schedule a stream") && studio.contains("Fern Terrarium"));
    let fields = [
        ("title", "Terrariums <b>live</b>"),
        ("description", "Tiny gardens."),
        ("scheduled_at", &days_ahead(9)[..16]),
        ("category", ""),
        ("tags", "glass, moss"),
        ("product_ids[]", product.as_str()),
    ];
    let res = app.form_post("/api/schedule_stream", "/studio/streams", &fields).await;
    assert_eq!(res.status(), 302);
    let console = res.headers()["location"].to_str().unwrap().to_owned();
    let id = console.trim_start_matches("/studio/streams/").to_owned();
    let (_, desk) = app.get_text(&console).await;
    assert!(desk.contains("Go live") && desk.contains("data-testid=\"stream-key\""), "the console");
    assert!(desk.contains("Terrariums &lt;b&gt;live&lt;/b&gt;"), "escaped");
    let bad = app
        .form_post("/api/schedule_stream", "/studio/streams", &[("title", ""), ("scheduled_at", "x")])
        .await;
    assert_eq!(bad.status(), 302);
    let back = bad.headers()["location"].to_str().unwrap().to_owned();
    assert!(back.contains("/studio/streams?") && back.contains("__err"), "{back}");
    let (_, again) = app.get_text(back.trim_start_matches(&app.base)).await;
    assert!(
        again.contains("Give the stream a title.") && again.contains("Give a date and time"),
        "errors by their fields"
    );

    // Nobody else opens the console.
    let to_login = visitor.get(&console).await;
    assert_eq!(to_login.status(), 302);
    assert!(
        to_login.headers()["location"].to_str().unwrap().starts_with("/login"),
        "a visitor signs in first"
    );
    let stranger = TestApp::with_client(&app);
    stranger.open_shop("other@example.com", "Other Shop").await;
    let (status, _) = stranger.get_text(&console).await;
    assert_eq!(status, 404);

    // The viewer page: upcoming, reminders, featured products with a way to buy.
    let (_, page) = visitor.get_text(&format!("/live/{id}")).await;
    assert!(page.contains("Sign in to get a reminder") && page.contains("Fern Terrarium"));
    assert!(page.contains("action=\"/api/add_to_cart\""), "featured products can be bought");
    let fan = TestApp::with_client(&app);
    fan.sign_in_as(Role::Customer, "fan@example.com").await;
    let res = fan.form_post("/api/remind_stream", &format!("/live/{id}"), &[("id", &id), ("on", "1")]).await;
    assert_eq!(res.headers()["location"], format!("/live/{id}?reminded=1").as_str());
    let (_, page) = fan.get_text(&format!("/live/{id}")).await;
    assert!(
        page.contains("data-testid=\"reminder-on\"") && page.contains("Don&#x27;t remind me")
            || page.contains("Don't remind me")
    );

    // The shop's page points to it.
    let (_, shown) = app.get_json(&format!("/api/v1/streams/{id}")).await;
    let shop_page = format!("/shops/{}", shown["seller"]["slug"].as_str().unwrap());
    let (_, shop) = fan.get_text(&shop_page).await;
    assert!(
        shop.contains("data-testid=\"next-stream\"") && shop.contains("Next live stream"),
        "upcoming on the shop page"
    );

    // Live from the console's button; the listing shows it.
    let res = app.form_post("/api/stream_control", &console, &[("id", &id), ("go", "live")]).await;
    assert_eq!(res.headers()["location"], format!("{console}?done=live").as_str());
    let (_, listing) = fan.get_text("/live").await; // signed in: past the 1 s page cache
    assert!(
        listing.contains(&format!("href=\"/live/{id}\"")) && !listing.contains("Nobody is live right now")
    );
    let (_, desk) = app.get_text(&console).await;
    assert!(desk.contains("End the stream") && desk.contains("1 person asked to be reminded."));
    let (_, shop) = fan.get_text(&shop_page).await;
    assert!(
        shop.contains("Live now") && shop.contains(&format!("href=\"/live/{id}\"")),
        "live on the shop page"
    );
});
