//! The anonymous-page micro-cache, the category-count cache and the product
//! page's kept HTML.

use crate::db_test;
use crate::helpers::TestApp;

fn cache_status(res: &reqwest::Response) -> Option<String> {
    res.headers().get("x-cache").map(|v| v.to_str().unwrap().to_owned())
}

db_test!(anonymous_pages_are_shared_briefly, true, |app: TestApp| async move {
    let first = app.client.get(app.url("/products?sort=rating")).send().await.unwrap();
    let second = app.client.get(app.url("/products?sort=rating")).send().await.unwrap();
    assert_eq!(cache_status(&first).as_deref(), Some("miss"));
    assert_eq!(cache_status(&second).as_deref(), Some("hit"));
    let id = |r: &reqwest::Response| r.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert_ne!(id(&first), id(&second), "every response gets its own request id");
    assert_eq!(second.headers()["content-type"], first.headers()["content-type"]);
    assert_eq!(first.text().await.unwrap(), second.text().await.unwrap());

    // Another URL is another entry; JSON is cached the same way.
    let other = app.get("/products?sort=rating&page=2").await;
    assert_eq!(cache_status(&other).as_deref(), Some("miss"));
    app.get("/api/v1/products?limit=3").await;
    assert_eq!(cache_status(&app.get("/api/v1/products?limit=3").await).as_deref(), Some("hit"));

    // After the lifetime the page is rendered again.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(cache_status(&app.get("/products?sort=rating").await).as_deref(), Some("miss"));
});

db_test!(personal_requests_and_errors_bypass_the_cache, true, |app: TestApp| async move {
    let plain = reqwest::Client::new();
    for _ in 0..2 {
        let res = plain
            .get(app.url("/products"))
            .header("cookie", "theme=dark; bazaar_session=abc")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(cache_status(&res), None, "a session cookie always gets a fresh render");
        let res = plain.get(app.url("/api/v1/products")).header("authorization", "Basic eDp5").send().await;
        assert_eq!(cache_status(&res.unwrap()), None);
        let missing = app.get("/products/no-such-product").await;
        assert_eq!(missing.status(), 404);
        assert_eq!(cache_status(&missing), None, "only 200s are stored");
        assert_eq!(cache_status(&app.get("/health").await), None);
    }
    // The theme cookie is part of the key: dark and light pages never mix.
    let dark = plain.get(app.url("/")).header("cookie", "theme=dark").send().await.unwrap();
    let light = plain.get(app.url("/")).header("cookie", "theme=light").send().await.unwrap();
    assert_eq!(cache_status(&dark).as_deref(), Some("miss"));
    assert_eq!(cache_status(&light).as_deref(), Some("miss"));
    assert_ne!(dark.text().await.unwrap(), light.text().await.unwrap());
});

db_test!(concurrent_misses_render_once, true, |app: TestApp| async move {
    let url = app.url("/products?sort=price_desc&page=3");
    let requests = (0..20).map(|_| {
        let (client, url) = (app.client.clone(), url.clone());
        tokio::spawn(async move { cache_status(&client.get(url).send().await.unwrap()) })
    });
    let mut misses = 0;
    for r in requests {
        if r.await.unwrap().as_deref() == Some("miss") {
            misses += 1;
        }
    }
    // One render serves all twenty, unless the run was slow enough for the
    // one-second entry to expire part-way.
    assert!((1..=2).contains(&misses), "{misses} renders for 20 concurrent requests");
});

db_test!(kept_product_html_follows_hearts_query_and_changes, true, |app: TestApp| async move {
    use bazaar::accounts::Role;
    use serde_json::json;
    app.open_shop("kept@example.com", "Kept Shop").await;
    let (_, made) = app.post_json("/api/v1/products", crate::studio::serum("Linden Night Balm")).await;
    let (id, slug) = (made["id"].as_str().unwrap().to_owned(), made["slug"].as_str().unwrap().to_owned());
    let page = format!("/products/{slug}");
    // A session cookie that is no session: past the micro-cache, as a visitor.
    let stranger = TestApp::with_client(&app);
    let visitor = || async {
        let res = stranger
            .client
            .get(stranger.url(&page))
            .header("cookie", "bazaar_session=none")
            .send()
            .await
            .unwrap();
        let html = res.text().await.unwrap();
        // Every response has its own CSP nonce.
        let nonce = html.split("nonce=\"").nth(1).and_then(|s| s.split('"').next()).unwrap().to_owned();
        html.replace(&nonce, "")
    };
    let first = visitor().await;
    assert!(first.contains("Sign in to save Linden Night Balm"), "a visitor is asked to sign in");
    assert_eq!(visitor().await, first, "the kept copy is what a render writes");

    // Signed in: their own heart, not the visitor's link nor anyone else's heart.
    let fan = TestApp::with_client(&app);
    fan.sign_in_as(Role::Customer, "fan@example.com").await;
    fan.post_json("/api/v1/wishlist", json!({"product_id": id})).await;
    let other = TestApp::with_client(&app);
    other.sign_in_as(Role::Customer, "other@example.com").await;
    let heart = |on: bool| {
        format!("aria-pressed=\"{on}\" aria-label=\"{} Linden Night Balm", if on { "Remove" } else { "Save" })
    };
    let (_, fans) = fan.get_text(&page).await;
    assert!(fans.contains(&heart(true)) && !fans.contains("Sign in to save Linden"), "the fan's heart is on");
    let (_, others) = other.get_text(&page).await;
    assert!(others.contains(&heart(false)) && !others.contains(&heart(true)), "nobody else's heart shows");
    // The heart's way back keeps the page's query.
    let (_, sorted) = other.get_text(&format!("{page}?review_sort=newest")).await;
    assert!(sorted.contains("review_sort=newest\""), "the way back is this very URL");

    // A change shows at once, to visitors and signed-in viewers alike.
    let path = format!("/api/v1/products/{id}");
    let (status, _) = app.send_json(reqwest::Method::PATCH, &path, json!({"price": "31.75"})).await;
    assert_eq!(status, 200);
    let mut seen = (String::new(), String::new());
    for _ in 0..50 {
        seen = (visitor().await, other.get_text(&page).await.1);
        if seen.0.contains("31.75") && seen.1.contains("31.75") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(seen.0.contains("31.75") && seen.1.contains("31.75"), "the new price is on the page");
});
