//! Account pages as a browser without JavaScript sees them: redirects,
//! form posts to server functions, role checks with real status codes.

use bazaar::accounts::Role;
use serde_json::json;

use crate::db_test;
use crate::helpers::{PASSWORD, TestApp};

/// A plain HTML form post, as a browser with JavaScript off sends it.
async fn form_post(app: &TestApp, path: &str, from: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    app.form_post(path, from, fields).await
}

db_test!(visitors_are_sent_to_sign_in, false, |app: TestApp| async move {
    for (page, next) in [("/account", "/account"), ("/account/addresses", "/account/addresses")] {
        let res = app.client.get(app.url(page)).header("accept", "text/html").send().await.unwrap();
        assert_eq!(res.status(), 302, "{page}");
        let location = res.headers()["location"].to_str().unwrap().to_owned();
        assert!(
            location.starts_with("/login?next=") && location.contains(next.trim_start_matches("%2F")),
            "{location}"
        );
    }
    let (status, html) = app.get_text("/login").await;
    assert_eq!(status, 200);
    assert!(html.contains("name=\"email\"") && html.contains("name=\"password\""));
    assert!(html.contains("<label for=\"field-email\""), "fields are labelled");
    let (status, html) = app.get_text("/register").await;
    assert_eq!(status, 200);
    assert!(html.contains("name=\"password_confirm\""));
});

db_test!(roles_are_checked_on_the_server, true, |app: TestApp| async move {
    app.sign_in_as(Role::Customer, "maya@example.com").await;
    let (status, html) = app.get_text("/admin").await;
    assert_eq!(status, 403, "a customer opening /admin is refused");
    assert!(html.contains("Not allowed"));
    assert!(!html.contains("Back office</h1>"));
    assert_eq!(app.get_text("/studio").await.0, 403);
    let (_, home) = app.get_text("/").await;
    assert!(!home.contains("href=\"/admin\""), "no back-office link for customers");
    assert!(home.contains("Sign out"));

    let admin = TestApp::with_client(&app);
    app.create_account("priya@example.com", "Priya Raman", PASSWORD, Role::Admin).await;
    admin
        .client
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": "priya@example.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    let (status, html) = admin.get_text("/admin").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Back office</h1>") && html.contains(r#"data-testid="revenue""#),
        "the sales dashboard"
    );
    assert!(html.contains("href=\"/admin\"") && html.contains("href=\"/studio\""), "role links in the menu");
    assert_eq!(admin.get_text("/studio").await.0, 200);
});

db_test!(sign_in_and_profile_forms_work_without_javascript, false, |app: TestApp| async move {
    app.create_account("ada@example.com", "Ada Lovelace", PASSWORD, Role::Customer).await;
    let wrong = form_post(
        &app,
        "/api/login",
        "/login?next=/account/addresses",
        &[("email", "ada@example.com"), ("password", "nope nope nope"), ("next", "/account/addresses")],
    )
    .await;
    assert_eq!(wrong.status(), 302);
    let back = wrong.headers()["location"].to_str().unwrap().to_owned();
    assert!(back.contains("/login?") && back.contains("__err="), "back to the form with the error: {back}");
    let (_, html) = app.get_text(back.trim_start_matches(&app.base)).await;
    assert!(html.contains("That email and password do not match an account."), "the error shows on the page");

    let ok = form_post(
        &app,
        "/api/login",
        "/login",
        &[("email", "ada@example.com"), ("password", PASSWORD), ("next", "/account/addresses")],
    )
    .await;
    assert_eq!(ok.status(), 302);
    assert_eq!(ok.headers()["location"], "/account/addresses", "lands where they came from");
    let (status, html) = app.get_text("/account").await;
    assert_eq!(status, 200);
    assert!(html.contains("ada@example.com"));

    let saved = form_post(
        &app,
        "/api/update_profile",
        "/account",
        &[
            ("full_name", "Ada King"),
            ("username", "countess"),
            ("bio", "Analyst."),
            ("gender", "female"),
            ("interests[0]", "skincare"),
            ("interests[3]", "flowers"),
            ("skin_type", "dry"),
            ("skin_concerns[5]", "redness"),
        ],
    )
    .await;
    assert_eq!(saved.status(), 302);
    assert_eq!(saved.headers()["location"], "/account?saved=profile");
    let (_, html) = app.get_text("/account?saved=profile").await;
    assert!(html.contains("Your profile is saved."));
    let (_, me) = app.get_json("/api/v1/users/me").await;
    assert_eq!(me["full_name"], "Ada King");
    assert_eq!(me["profile"]["interests"], json!(["skincare", "flowers"]));
    assert_eq!(me["profile"]["skin_concerns"], json!(["redness"]));

    let logout = form_post(&app, "/api/logout", "/account", &[]).await;
    assert_eq!(logout.status(), 302);
    assert_eq!(app.get_json("/api/v1/users/me").await.0, 401);
});

/// A multipart body with one file field named `avatar`.
fn multipart(bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "bazaar-test-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"me.png\"\r\nContent-Type: image/png\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

db_test!(avatar_upload_checks_the_bytes, false, |app: TestApp| async move {
    app.sign_in_as(Role::Customer, "ada@example.com").await;
    let upload = |bytes: Vec<u8>| {
        let (content_type, body) = multipart(&bytes);
        app.client.post(app.url("/account/avatar")).header("content-type", content_type).body(body).send()
    };
    let svg =
        upload(b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".to_vec()).await.unwrap();
    assert_eq!(svg.status(), 303);
    assert_eq!(svg.headers()["location"], "/account?avatar_error=type", "an SVG named .png is refused");
    let big = upload([b"\x89PNG\r\n\x1a\n".as_slice(), &vec![0u8; 1024 * 1024 + 1]].concat()).await.unwrap();
    assert_eq!(big.headers()["location"], "/account?avatar_error=too_large");

    let fake = [b"\x89PNG\r\n\x1a\n".as_slice(), b"\0\0\0\rIHDR tiny"].concat();
    let broken = upload(fake).await.unwrap();
    assert_eq!(
        broken.headers()["location"],
        "/account?avatar_error=broken",
        "a PNG header alone is not a picture"
    );

    // A real picture, too big, with a script riding after the image data.
    let mut png = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_pixel(900, 300, image::Rgb([190, 60, 90]))
        .write_to(&mut png, image::ImageFormat::Png)
        .unwrap();
    let mut png = png.into_inner();
    png.extend_from_slice(b"<script>alert(1)</script>");
    let ok = upload(png.clone()).await.unwrap();
    assert_eq!(ok.headers()["location"], "/account?saved=avatar");
    let (_, me) = app.get_json("/api/v1/users/me").await;
    let url = me["profile"]["avatar_url"].as_str().expect("avatar url").to_owned();
    let img = app.get(&url).await;
    assert_eq!(img.headers()["content-type"], "image/png");
    let stored = img.bytes().await.unwrap();
    assert_ne!(stored.as_ref(), png.as_slice(), "stored re-encoded, not as uploaded");
    assert!(!stored.windows(8).any(|w| w == b"<script>"), "nothing rides along");
    let decoded = image::load_from_memory(&stored).unwrap();
    assert_eq!(decoded.width(), 512, "scaled to 512 px");
    assert!((170..=171).contains(&decoded.height()), "aspect kept");

    // Not a multipart body at all: a clear 400, not a 500.
    let junk =
        app.client.post(app.url("/account/avatar")).header("content-type", "text/plain").body("x").send();
    assert_eq!(junk.await.unwrap().status(), 400);

    let anon = reqwest::Client::new();
    let (content_type, body) = multipart(&png);
    let res =
        anon.post(app.url("/account/avatar")).header("content-type", content_type).body(body).send().await;
    assert_eq!(res.unwrap().status(), 401, "visitors cannot upload");
});
