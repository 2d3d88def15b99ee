//! `/health`, `/metrics`, request ids, the origin check and the theme cookie.

use crate::db_test;
use crate::helpers::TestApp;

db_test!(health_reports_database_and_migrations, false, |app: TestApp| async move {
    let (status, body) = app.get_json("/health").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "ok");
    assert!(body["migration"].as_i64().unwrap() >= 20261123000001);
    assert_eq!(body["migration"], body["expected_migration"]);
    app.db().close().await;
    let (status, body) = app.get_json("/health").await;
    assert_eq!(status, 503);
    assert_eq!(body["status"], "database_unreachable");
});

db_test!(metrics_count_requests_by_route, false, |app: TestApp| async move {
    assert_eq!(app.get("/api/v1/products").await.status().as_u16(), 200);
    let (status, text) = app.get_text("/metrics").await;
    assert_eq!(status, 200);
    assert!(
        text.contains("http_requests_total{method=\"GET\",route=\"/api/v1/products\",status=\"200\"}"),
        "{text}"
    );
    assert!(text.contains("http_request_duration_seconds_bucket"));
    assert!(text.contains("db_pool_connections"));
});

db_test!(responses_carry_a_request_id, false, |app: TestApp| async move {
    let res = app.get("/health").await;
    let id = res.headers().get("x-request-id").expect("request id").to_str().unwrap().to_owned();
    assert_eq!(id.len(), 36);
    let res = app.client.get(app.url("/health")).header("x-request-id", "abc-123").send().await.unwrap();
    assert_eq!(res.headers()["x-request-id"], "abc-123", "a caller's id is kept");
});

db_test!(foreign_origin_posts_are_refused, false, |app: TestApp| async move {
    let res = app
        .client
        .post(app.url("/theme"))
        .header("origin", "http://evil.example")
        .form(&[("theme", "dark")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403);
    assert!(res.headers().get("set-cookie").is_none());
    let res = app
        .client
        .post(app.url("/theme"))
        .header("referer", "http://evil.example/page")
        .form(&[("theme", "dark")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 403, "a foreign Referer is refused when Origin is absent");
});

db_test!(theme_form_sets_cookie_and_returns, false, |app: TestApp| async move {
    let res = app
        .client
        .post(app.url("/theme"))
        .header("origin", &app.base)
        .header("referer", app.url("/products?page=2"))
        .form(&[("theme", "dark")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(res.headers()["location"], "/products?page=2");
    let cookie = res.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("theme=dark") && cookie.contains("SameSite=Lax"), "{cookie}");
    let (_, html) = app.get_text("/").await;
    assert!(html.contains("<html lang=\"en\" class=\"dark\""), "server renders the remembered theme");
});

db_test!(media_is_served_with_cache_headers, true, |app: TestApp| async move {
    let (_, list) = app.get_json("/api/v1/products?limit=1").await;
    let url = list["data"][0]["image_url"].as_str().unwrap().to_owned();
    let res = app.get(&url).await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()["content-type"], "image/svg+xml");
    assert!(res.headers()["cache-control"].to_str().unwrap().contains("immutable"));
    let etag = res.headers()["etag"].to_str().unwrap().to_owned();
    assert!(res.text().await.unwrap().starts_with("<svg"));
    let again = app.client.get(app.url(&url)).header("if-none-match", etag).send().await.unwrap();
    assert_eq!(again.status().as_u16(), 304);
    assert_eq!(app.get("/media/0000").await.status().as_u16(), 404);
});
