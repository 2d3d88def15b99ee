//! Wishlists: save and remove (REST and the heart form), bulk remove, and
//! share links that are unguessable, revocable and renewable.

use bazaar::accounts::Role;
use serde_json::{Value, json};

use crate::db_test;
use crate::helpers::TestApp;

async fn some_products(app: &TestApp, n: usize) -> Vec<(String, String)> {
    let (_, list) = app.get_json(&format!("/api/v1/products?limit={n}")).await;
    list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap().to_owned(), p["slug"].as_str().unwrap().to_owned()))
        .collect()
}

fn ids(body: &Value) -> Vec<String> {
    body["data"].as_array().unwrap().iter().map(|w| w["product_id"].as_str().unwrap().to_owned()).collect()
}

/// A form post as a browser without JavaScript sends it.
async fn form(app: &TestApp, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .header("accept", "text/html")
        .header("origin", &app.base)
        .header("referer", app.url("/wishlist"))
        .form(fields)
        .send()
        .await
        .unwrap()
}

db_test!(save_list_and_remove, true, |app: TestApp| async move {
    let products = some_products(&app, 3).await;
    let (a, b) = (&products[0].0, &products[1].0);
    let (status, _) = app.post_json("/api/v1/wishlist", json!({"product_id": a})).await;
    assert_eq!(status, 401);
    app.sign_in_as(Role::Customer, "wisher@example.com").await;
    let (status, _) = app.post_json("/api/v1/wishlist", json!({"product_id": a})).await;
    assert_eq!(status, 201);
    let (status, _) = app.post_json("/api/v1/wishlist", json!({"product_id": a})).await;
    assert_eq!(status, 200, "saving twice keeps one");
    app.post_json("/api/v1/wishlist", json!({"product_id": b})).await;
    let (status, _) = app.post_json("/api/v1/wishlist", json!({"product_id": "nope"})).await;
    assert_eq!(status, 404);
    let (_, list) = app.get_json("/api/v1/wishlist").await;
    assert_eq!(ids(&list), [b.clone(), a.clone()], "newest first");
    let (status, _) =
        app.send_json(reqwest::Method::DELETE, &format!("/api/v1/wishlist/{a}"), json!({})).await;
    assert_eq!(status, 204);
    let (status, _) =
        app.send_json(reqwest::Method::DELETE, &format!("/api/v1/wishlist/{a}"), json!({})).await;
    assert_eq!(status, 404);
    let (_, list) = app.get_json("/api/v1/wishlist").await;
    assert_eq!(ids(&list), vec![b.clone()]);
});

db_test!(hearts_and_bulk_remove_without_javascript, true, |app: TestApp| async move {
    let products = some_products(&app, 3).await;
    let (_, visitor_page) = app.get_text(&format!("/products/{}", products[0].1)).await;
    assert!(visitor_page.contains("Sign in to save"), "visitors are asked to sign in");
    app.sign_in_as(Role::Customer, "hearts@example.com").await;
    for (id, slug) in &products {
        let back = format!("/products/{slug}");
        let res = form(&app, "/api/toggle_wish", &[("product_id", id), ("back", &back)]).await;
        assert_eq!(res.status(), 302);
        assert_eq!(res.headers()["location"], back.as_str());
    }
    let (_, page) = app.get_text(&format!("/products/{}", products[0].1)).await;
    assert!(page.contains("aria-pressed=\"true\""), "the heart shows it is saved");
    let (_, listing) = app.get_text("/products").await;
    assert!(listing.contains("aria-pressed=\"true\""), "hearts on the listing too");
    // The heart again unsaves; a hostile `back` goes nowhere else.
    let res =
        form(&app, "/api/toggle_wish", &[("product_id", &products[0].0), ("back", "//evil.test")]).await;
    assert_eq!(res.headers()["location"], "/account");
    let res = form(
        &app,
        "/api/remove_wishes",
        &[("product_ids[]", products[1].0.as_str()), ("product_ids[]", products[2].0.as_str())],
    )
    .await;
    assert_eq!(res.status(), 302);
    assert_eq!(res.headers()["location"], "/wishlist?removed=2");
    let (_, list) = app.get_json("/api/v1/wishlist").await;
    assert!(ids(&list).is_empty());
    let (_, page) = app.get_text("/wishlist?removed=2").await;
    assert!(page.contains("Removed 2 products.") && page.contains("Nothing saved yet."));
});

db_test!(share_links_are_random_revocable_and_renewable, true, |app: TestApp| async move {
    let products = some_products(&app, 1).await;
    app.sign_in_as(Role::Customer, "sharer@example.com").await;
    app.post_json("/api/v1/wishlist", json!({"product_id": products[0].0})).await;
    let (status, first) = app.post_json("/api/v1/wishlist/share", json!({})).await;
    assert_eq!(status, 200);
    let url = first["url"].as_str().unwrap().to_owned();
    let token = url.strip_prefix("/wishlist/shared/").unwrap();
    assert_eq!(token.len(), 32, "128 bits in hex");
    assert!(token.chars().all(|c| c.is_ascii_hexdigit()));
    let stranger = TestApp::with_client(&app);
    let (status, page) = stranger.get_text(&url).await;
    assert_eq!(status, 200);
    assert!(page.contains("Test’s wishlist"), "owner's first name");
    assert!(page.contains(&format!("/products/{}", products[0].1)));
    // A second person's link differs; a renewed link replaces the old one.
    let other = TestApp::with_client(&app);
    other.sign_in_as(Role::Customer, "other@example.com").await;
    let (_, theirs) = other.post_json("/api/v1/wishlist/share", json!({})).await;
    assert_ne!(theirs["url"], first["url"]);
    let (_, renewed) = app.post_json("/api/v1/wishlist/share", json!({})).await;
    assert_ne!(renewed["url"], first["url"]);
    let (status, _) = stranger.get_text(&url).await;
    assert_eq!(status, 404, "the old link stops working");
    let (status, _) = app.send_json(reqwest::Method::DELETE, "/api/v1/wishlist/share", json!({})).await;
    assert_eq!(status, 204);
    let (status, _) = stranger.get_text(renewed["url"].as_str().unwrap()).await;
    assert_eq!(status, 404, "revoked");
    let (status, _) = stranger.get_text("/wishlist/shared/not-a-token").await;
    assert_eq!(status, 404);
});
