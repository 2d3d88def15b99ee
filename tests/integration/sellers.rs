//! Applying to sell, verification by an administrator, the role change,
//! and who may do what — through REST and through the web form.

use bazaar::accounts::Role;
use serde_json::{Value, json};

use crate::db_test;
use crate::helpers::TestApp;

pub fn application(shop: &str) -> Value {
    json!({
        "shop_name": shop,
        "category": "Fashion",
        "experience_level": "I sell occasionally",
        "monthly_revenue": "$1000-$5000",
        "platforms": ["eBay", "Poshmark"],
        "social_links": {"instagram": "@vintage", "website": "https://vintage.example"},
        "return_address": {"full_name": "Ada Lovelace", "post_code": "N1 9GU"},
        "agreed_to_terms": true
    })
}

async fn role_of(app: &TestApp) -> String {
    let (_, me) = app.get_json("/api/v1/users/me").await;
    me["role"].as_str().unwrap_or_default().to_owned()
}

db_test!(apply_then_approve_makes_a_seller, false, |app: TestApp| async move {
    app.sign_in_as(Role::Customer, "ada@example.com").await;
    let (status, applied) = app.post_json("/api/v1/sellers/apply", application("Vintage Vault")).await;
    assert_eq!(status, 201, "{applied}");
    assert_eq!(applied["status"], "pending_verification");
    let id = applied["id"].as_str().unwrap().to_owned();
    let (again, _) = app.post_json("/api/v1/sellers/apply", application("Second Shop")).await;
    assert_eq!(again, 409, "one application per person");
    // Not public until verified.
    let (hidden, _) = app.get_json("/api/v1/sellers/vintage-vault").await;
    assert_eq!(hidden, 404);

    let admin = TestApp::with_client(&app);
    admin.sign_in_as(Role::Admin, "root@example.com").await;
    let (status, approved) = admin.post_json(&format!("/api/v1/admin/sellers/{id}/approve"), json!({})).await;
    assert_eq!(status, 200, "{approved}");
    assert_eq!(approved["status"], "verified");
    assert_eq!(role_of(&app).await, "seller", "the applicant's very next request is a seller's");
    let (twice, _) = admin.post_json(&format!("/api/v1/admin/sellers/{id}/approve"), json!({})).await;
    assert_eq!(twice, 409);

    let (status, shop) = app.get_json("/api/v1/sellers/vintage-vault").await;
    assert_eq!(status, 200, "{shop}");
    for key in [
        "id",
        "shop_name",
        "slug",
        "logo_url",
        "banner_url",
        "description",
        "rating",
        "review_count",
        "follower_count",
    ] {
        assert!(shop.get(key).is_some(), "{key} missing: {shop}");
    }
    assert_eq!(shop["shop_name"], "Vintage Vault");
});

db_test!(only_administrators_review, false, |app: TestApp| async move {
    let (visitor, _) = app.post_json("/api/v1/sellers/apply", application("Nobody")).await;
    assert_eq!(visitor, 401);
    app.sign_in_as(Role::Customer, "bea@example.com").await;
    let (_, applied) = app.post_json("/api/v1/sellers/apply", application("Bea's Blooms")).await;
    let id = applied["id"].as_str().unwrap().to_owned();
    let (status, _) = app.post_json(&format!("/api/v1/admin/sellers/{id}/approve"), json!({})).await;
    assert_eq!(status, 403, "a customer cannot approve their own shop");
    let stranger = TestApp::with_client(&app);
    let (status, _) =
        stranger.post_json(&format!("/api/v1/admin/sellers/{id}/reject"), json!({"reason": "x"})).await;
    assert_eq!(status, 401);
    let staff = TestApp::with_client(&app);
    staff.sign_in_as(Role::Staff, "staff@example.com").await;
    let (status, _) = staff.post_json(&format!("/api/v1/admin/sellers/{id}/approve"), json!({})).await;
    assert_eq!(status, 403);
    assert_eq!(role_of(&app).await, "customer");
});

db_test!(rejection_needs_a_reason_and_allows_a_new_try, false, |app: TestApp| async move {
    app.sign_in_as(Role::Customer, "cy@example.com").await;
    let (_, applied) = app.post_json("/api/v1/sellers/apply", application("Cy Candles")).await;
    let id = applied["id"].as_str().unwrap().to_owned();
    let admin = TestApp::with_client(&app);
    admin.sign_in_as(Role::Admin, "root@example.com").await;
    let (status, body) =
        admin.post_json(&format!("/api/v1/admin/sellers/{id}/reject"), json!({"reason": " "})).await;
    assert_eq!(status, 400);
    assert!(body["error"]["fields"]["reason"].is_string());
    let (status, rejected) = admin
        .post_json(
            &format!("/api/v1/admin/sellers/{id}/reject"),
            json!({"reason": "Add photos of your work"}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(rejected["status"], "rejected");
    assert_eq!(rejected["reason"], "Add photos of your work");
    let (_, page) = app.get_text("/sell").await;
    assert!(page.contains("Add photos of your work"), "the applicant reads the reason");
    let (status, again) = app.post_json("/api/v1/sellers/apply", application("Cy Candles & Co")).await;
    assert_eq!(status, 201, "{again}");
    assert_eq!(again["id"], id.as_str(), "the same application, back in the queue");
    assert_eq!(again["status"], "pending_verification");
    assert_eq!(role_of(&app).await, "customer");
});

db_test!(bad_applications_name_every_field, false, |app: TestApp| async move {
    app.sign_in_as(Role::Customer, "dee@example.com").await;
    let (status, body) = app
        .post_json(
            "/api/v1/sellers/apply",
            json!({"shop_name": "", "social_links": {"website": "javascript:alert(1)"}, "agreed_to_terms": false}),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    let fields = &body["error"]["fields"];
    for key in [
        "shop_name",
        "category",
        "experience_level",
        "monthly_revenue",
        "return_address.post_code",
        "social_links.website",
        "agreed_to_terms",
    ] {
        assert!(fields[key].is_string(), "{key}: {body}");
    }
    let (status, _) = app.get_json("/api/v1/sellers/nope").await;
    assert_eq!(status, 404);
});

db_test!(shop_names_are_escaped_for_the_reviewer, false, |app: TestApp| async move {
    app.sign_in_as(Role::Customer, "eve@example.com").await;
    let name = "<script>alert(1)</script> Shop";
    let (status, _) = app.post_json("/api/v1/sellers/apply", application(name)).await;
    assert_eq!(status, 201);
    let admin = TestApp::with_client(&app);
    admin.sign_in_as(Role::Admin, "root@example.com").await;
    let (status, page) = admin.get_text("/admin/sellers").await;
    assert_eq!(status, 200);
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; Shop"), "escaped in the queue");
    assert!(!page.contains("<script>alert(1)"), "never raw");
});

db_test!(the_sell_form_works_without_javascript, false, |app: TestApp| async move {
    app.sign_in_as(Role::Customer, "fay@example.com").await;
    let res = app
        .client
        .post(app.url("/api/apply_to_sell"))
        .header("accept", "text/html,application/xhtml+xml")
        .header("origin", &app.base)
        .header("referer", app.url("/sell"))
        .form(&[
            ("shop_name", "Fay's Ferns"),
            ("category", "Flowers & plants"),
            ("experience_level", "I'm just starting"),
            ("monthly_revenue", "Under $1000"),
            ("platforms[]", "Etsy"),
            ("platforms[]", "Instagram"),
            ("social_links[instagram]", "@fayferns"),
            ("return_address[full_name]", "Fay Fern"),
            ("return_address[post_code]", "EH1 1AA"),
            ("agreed_to_terms", "on"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 302);
    assert_eq!(res.headers()["location"], "/sell?sent=1");
    let (_, page) = app.get_text("/sell?sent=1").await;
    assert!(page.contains("Fay&#39;s Ferns") || page.contains("Fay's Ferns"), "status shows the shop");
    assert!(page.contains("Waiting for review"));
    let platforms: String = app
        .db()
        .scalar(&bazaar::sql!("SELECT platforms FROM sellers WHERE slug = $1", "fay-s-ferns"))
        .await
        .unwrap();
    assert_eq!(platforms, r#"["Etsy","Instagram"]"#);
    // Without agreeing: back to the form with the message.
    let other = TestApp::with_client(&app);
    other.sign_in_as(Role::Customer, "gus@example.com").await;
    let res = other
        .client
        .post(other.url("/api/apply_to_sell"))
        .header("accept", "text/html,application/xhtml+xml")
        .header("origin", &other.base)
        .header("referer", other.url("/sell"))
        .form(&[
            ("shop_name", "Gus"),
            ("category", "Other"),
            ("experience_level", "x"),
            ("monthly_revenue", "y"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 302);
    let back = res.headers()["location"].to_str().unwrap().to_owned();
    let back = back.strip_prefix(&other.base).unwrap_or(&back).to_owned();
    assert!(back.starts_with("/sell?"), "{back}");
    let (_, page) = other.get_text(&back).await;
    assert!(page.contains("Please agree to the seller terms"), "message beside the checkbox");
});

db_test!(visitors_are_sent_to_sign_in_first, false, |app: TestApp| async move {
    let res = app.client.get(app.url("/sell")).header("accept", "text/html").send().await.unwrap();
    assert_eq!(res.status(), 302);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/login?next=") && location.ends_with("sell"), "{location}");
    app.sign_in_as(Role::Customer, "hal@example.com").await;
    let res = app.client.get(app.url("/admin/sellers")).header("accept", "text/html").send().await.unwrap();
    assert_eq!(res.status(), 403);
});
