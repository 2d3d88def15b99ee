//! Reviews: one per person, helpful votes once, moderation, the rating
//! totals moving with them, and review text always escaped.

use bazaar::accounts::Role;
use serde_json::{Value, json};

use crate::db_test;
use crate::helpers::TestApp;

/// A product with its id, slug and rating count.
async fn product(app: &TestApp) -> (String, String, i64) {
    let (_, list) = app.get_json("/api/v1/products?limit=1&sort=price_asc").await;
    let p = &list["data"][0];
    let id = p["id"].as_str().unwrap().to_owned();
    let (_, reviews) = app.get_json(&format!("/api/v1/products/{id}/reviews")).await;
    (id, p["slug"].as_str().unwrap().to_owned(), reviews["summary"]["rating_count"].as_i64().unwrap())
}

fn count(body: &Value) -> i64 {
    body["summary"]["rating_count"].as_i64().unwrap()
}

db_test!(one_review_per_person_and_totals_follow, true, |app: TestApp| async move {
    let (id, _, before) = product(&app).await;
    let url = format!("/api/v1/products/{id}/reviews");
    let (status, _) = app.post_json(&url, json!({"rating": 5, "comment": "Lovely"})).await;
    assert_eq!(status, 401, "visitors cannot review");
    app.sign_in_as(Role::Customer, "ada@example.com").await;
    let (status, body) = app.post_json(&url, json!({"rating": 7, "comment": " "})).await;
    assert_eq!(status, 400);
    assert!(body["error"]["fields"]["rating"].is_string() && body["error"]["fields"]["comment"].is_string());
    let (status, review) =
        app.post_json(&url, json!({"rating": 4, "comment": "Smells of summer.", "title": "Good"})).await;
    assert_eq!(status, 201, "{review}");
    assert_eq!(review["verified_purchase"], false, "no orders exist yet");
    let (status, _) = app.post_json(&url, json!({"rating": 1, "comment": "Again"})).await;
    assert_eq!(status, 409);
    let (_, list) = app.get_json(&url).await;
    assert_eq!(count(&list), before + 1);
    assert_eq!(list["summary"]["review_count"], 1);
    assert_eq!(list["summary"]["histogram"]["4"], 1);
    assert_eq!(list["data"][0]["comment"], "Smells of summer.");
    assert_eq!(list["data"][0]["author"], "Test P.");
    let (status, _) =
        app.post_json("/api/v1/products/nope/reviews", json!({"rating": 4, "comment": "x"})).await;
    assert_eq!(status, 404);
});

db_test!(helpful_votes_once_and_never_ones_own, true, |app: TestApp| async move {
    let (id, ..) = product(&app).await;
    app.sign_in_as(Role::Customer, "author@example.com").await;
    let (_, review) = app
        .post_json(&format!("/api/v1/products/{id}/reviews"), json!({"rating": 5, "comment": "Great"}))
        .await;
    let rid = review["id"].as_str().unwrap().to_owned();
    let (status, _) = app.post_json(&format!("/api/v1/reviews/{rid}/helpful"), json!({})).await;
    assert_eq!(status, 403, "not one's own");
    let reader = TestApp::with_client(&app);
    reader.sign_in_as(Role::Customer, "reader@example.com").await;
    let (status, voted) = reader.post_json(&format!("/api/v1/reviews/{rid}/helpful"), json!({})).await;
    assert_eq!(status, 200);
    assert_eq!(voted["helpful_count"], 1);
    let (status, _) = reader.post_json(&format!("/api/v1/reviews/{rid}/helpful"), json!({})).await;
    assert_eq!(status, 409);
    let (_, sorted) = app.get_json(&format!("/api/v1/products/{id}/reviews?sort=helpful")).await;
    assert_eq!(sorted["data"][0]["helpful_count"], 1);
});

db_test!(administrators_hide_and_restore, true, |app: TestApp| async move {
    let (id, _, before) = product(&app).await;
    app.sign_in_as(Role::Customer, "writer@example.com").await;
    let (_, review) = app
        .post_json(&format!("/api/v1/products/{id}/reviews"), json!({"rating": 1, "comment": "Spam spam"}))
        .await;
    let rid = review["id"].as_str().unwrap().to_owned();
    let (status, _) =
        app.post_json(&format!("/api/v1/admin/reviews/{rid}/hide"), json!({"reason": "spam"})).await;
    assert_eq!(status, 403);
    let admin = TestApp::with_client(&app);
    admin.sign_in_as(Role::Admin, "root@example.com").await;
    let (status, _) =
        admin.post_json(&format!("/api/v1/admin/reviews/{rid}/hide"), json!({"reason": ""})).await;
    assert_eq!(status, 400, "a reason is required");
    let (status, hidden) =
        admin.post_json(&format!("/api/v1/admin/reviews/{rid}/hide"), json!({"reason": "Spam"})).await;
    assert_eq!(status, 200);
    assert_eq!(hidden["hidden"], true);
    let (_, list) = app.get_json(&format!("/api/v1/products/{id}/reviews")).await;
    assert_eq!(list["data"].as_array().unwrap().len(), 0, "hidden reviews are not listed");
    assert_eq!(count(&list), before, "its rating left the product's");
    let (status, _) = admin.post_json(&format!("/api/v1/admin/reviews/{rid}/unhide"), json!({})).await;
    assert_eq!(status, 200);
    let (_, list) = app.get_json(&format!("/api/v1/products/{id}/reviews")).await;
    assert_eq!(count(&list), before + 1);
    let (_, page) = admin.get_text("/admin/reviews").await;
    assert!(page.contains("Spam spam"));
});

db_test!(review_text_is_always_escaped, true, |app: TestApp| async move {
    let (id, slug, _) = product(&app).await;
    app.sign_in_as(Role::Customer, "mallory@example.com").await;
    let (status, _) = app
        .post_json(
            &format!("/api/v1/products/{id}/reviews"),
            json!({"rating": 3, "title": "<script>alert(1)</script>", "comment": "<img src=x onerror=alert(2)>"}),
        )
        .await;
    assert_eq!(status, 201);
    let (_, page) = app.get_text(&format!("/products/{slug}")).await;
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "title escaped");
    assert!(page.contains("&lt;img src=x onerror=alert(2)&gt;"), "text escaped");
    assert!(!page.contains("<img src=x"), "never raw");
    // The edit form's textarea holds the text escaped too.
    assert!(!page.contains("<script>alert(1)"));
});

db_test!(the_review_form_works_without_javascript, true, |app: TestApp| async move {
    let (id, slug, before) = product(&app).await;
    app.sign_in_as(Role::Customer, "form@example.com").await;
    let post = |rating: &'static str, comment: &'static str| {
        let (app, id, slug) = (&app, id.clone(), slug.clone());
        async move {
            app.client
                .post(app.url("/api/save_review"))
                .header("accept", "text/html")
                .header("origin", &app.base)
                .header("referer", app.url(&format!("/products/{slug}")))
                .form(&[
                    ("product_id", id.as_str()),
                    ("back", &format!("/products/{slug}")),
                    ("rating", rating),
                    ("title", "Fresh"),
                    ("comment", comment),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    let res = post("5", "Lasted two weeks.").await;
    assert_eq!(res.status(), 302);
    assert_eq!(res.headers()["location"], format!("/products/{slug}?reviewed=1#reviews").as_str());
    let res = post("3", "Edited: lasted one week.").await;
    assert_eq!(res.status(), 302, "the same form edits the review");
    let (_, list) = app.get_json(&format!("/api/v1/products/{id}/reviews")).await;
    assert_eq!(count(&list), before + 1, "still one review");
    assert_eq!(list["data"][0]["rating"], 3);
    let (_, page) = app.get_text(&format!("/products/{slug}?reviewed=1")).await;
    assert!(page.contains("Edited: lasted one week."));
    assert!(page.contains("Edit your review"));
});
