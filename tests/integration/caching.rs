//! The anonymous-page micro-cache and the category-count cache.

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
