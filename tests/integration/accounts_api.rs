//! `/api/v1/auth` and `/api/v1/users`: registration, sign-in, sessions,
//! throttling, CSRF, profile and addresses — on both databases.

use reqwest::Method;
use serde_json::json;

use crate::db_test;
use crate::helpers::{Backend, TestApp, spawn_app_with};

const PASSWORD: &str = "violets at dawn 42";

async fn register(app: &TestApp, email: &str) -> (u16, serde_json::Value) {
    app.post_json(
        "/api/v1/auth/register",
        json!({"full_name": "Ada Lovelace", "email": email, "password": PASSWORD}),
    )
    .await
}

fn session_cookie(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.contains("bazaar_session="))
        .map(str::to_owned)
}

fn cookie_value(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().to_owned()
}

db_test!(register_sign_in_me_and_logout, false, |app: TestApp| async move {
    let res = app
        .client
        .post(app.url("/api/v1/auth/register"))
        .json(&json!({"full_name": " Ada Lovelace ", "email": "  Ada@Example.COM ", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let cookie = session_cookie(&res).expect("registration signs in");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain http in tests: {cookie}");
    assert!(!cookie.contains("Max-Age"), "a browser-session cookie unless remembered: {cookie}");
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["user"]["email"], "ada@example.com");
    assert_eq!(body["user"]["role"], "customer");
    assert!(body.get("token").is_none(), "no bearer tokens");

    let (status, me) = app.get_json("/api/v1/users/me").await;
    assert_eq!(status, 200);
    assert_eq!(me["email"], "ada@example.com");
    assert_eq!(me["full_name"], "Ada Lovelace");
    assert_eq!(me["profile"]["interests"], json!([]));

    let (status, _) = app.post_json("/api/v1/auth/logout", json!({})).await;
    assert_eq!(status, 204);
    let (status, err) = app.get_json("/api/v1/users/me").await;
    assert_eq!(status, 401);
    assert_eq!(err["error"]["code"], "unauthorized");

    let res = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": "ADA@example.com", "password": PASSWORD, "remember": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let cookie = session_cookie(&res).unwrap();
    assert!(cookie.contains("Max-Age="), "remember me keeps the cookie: {cookie}");
    assert_eq!(app.get_json("/api/v1/users/me").await.0, 200);
});

db_test!(registration_errors, false, |app: TestApp| async move {
    let (status, err) = app
        .post_json("/api/v1/auth/register", json!({"full_name": "", "email": "nope", "password": "short"}))
        .await;
    assert_eq!(status, 400);
    assert_eq!(err["error"]["code"], "validation_failed");
    for field in ["full_name", "email", "password"] {
        assert!(err["error"]["fields"][field].is_string(), "{field}: {err}");
    }
    let (status, err) = app
        .post_json(
            "/api/v1/auth/register",
            json!({"full_name": "A", "email": "a@b.co", "password": "1qaz2wsx3edc"}),
        )
        .await;
    assert_eq!(status, 400);
    assert!(err["error"]["fields"]["password"].as_str().unwrap().contains("common"));
    let (status, err) = app.post_json("/api/v1/auth/register", json!({"email": "a@b.co"})).await;
    assert_eq!(status, 400, "missing fields: {err}");
    let long = "x".repeat(300);
    let (status, _) = app
        .post_json(
            "/api/v1/auth/register",
            json!({"full_name": long, "email": "a@b.co", "password": PASSWORD}),
        )
        .await;
    assert_eq!(status, 400);

    assert_eq!(register(&app, "ada@example.com").await.0, 201);
    let fresh = app.new_client();
    let res = fresh
        .post(app.url("/api/v1/auth/register"))
        .json(&json!({"full_name": "Other", "email": " ADA@example.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409, "emails are unique after normalising");
});

db_test!(wrong_email_and_wrong_password_look_alike, false, |app: TestApp| async move {
    register(&app, "ada@example.com").await;
    let anon = app.new_client();
    let attempt = |email: &'static str, password: &'static str| {
        let (anon, url) = (anon.clone(), app.url("/api/v1/auth/login"));
        async move {
            let res =
                anon.post(url).json(&json!({"email": email, "password": password})).send().await.unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        }
    };
    let (s1, wrong_password) = attempt("ada@example.com", "violets at dusk").await;
    let (s2, unknown_email) = attempt("nobody@example.com", PASSWORD).await;
    assert_eq!((s1, s2), (401, 401));
    assert_eq!(wrong_password, unknown_email, "the same answer for both");
    assert!(wrong_password.contains("invalid_credentials"));
});

db_test!(session_id_is_cycled_at_login, false, |app: TestApp| async move {
    register(&app, "ada@example.com").await;
    let login = || async {
        let res = app
            .client
            .post(app.url("/api/v1/auth/login"))
            .json(&json!({"email": "ada@example.com", "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        cookie_value(&session_cookie(&res).expect("a new cookie at every sign-in"))
    };
    let first = login().await;
    let second = login().await;
    assert_ne!(first, second, "signing in again issues a new session id");
    let raw = reqwest::Client::new();
    let old = raw.get(app.url("/api/v1/users/me")).header("cookie", &first).send().await.unwrap();
    assert_eq!(old.status(), 401, "the old id no longer works");
    let new = raw.get(app.url("/api/v1/users/me")).header("cookie", &second).send().await.unwrap();
    assert_eq!(new.status(), 200);
});

db_test!(failed_logins_are_throttled_per_account, false, |app: TestApp| async move {
    register(&app, "ada@example.com").await;
    let login = |password: &'static str| {
        let (client, url) = (app.new_client(), app.url("/api/v1/auth/login"));
        async move {
            client
                .post(url)
                .json(&json!({"email": "ada@example.com", "password": password}))
                .send()
                .await
                .unwrap()
        }
    };
    // Five misses, then a success resets the count.
    for _ in 0..5 {
        assert_eq!(login("wrong password 1").await.status(), 401);
    }
    assert_eq!(login(PASSWORD).await.status(), 200);
    for i in 0..10 {
        assert_eq!(login("wrong password 1").await.status(), 401, "attempt {}", i + 1);
    }
    let locked = login("wrong password 1").await;
    assert_eq!(locked.status(), 429, "the 11th miss in 15 minutes");
    let retry: u64 = locked.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=900).contains(&retry), "Retry-After {retry}");
    assert_eq!(login(PASSWORD).await.status(), 429, "even the right password waits");
});

db_test!(failed_logins_are_throttled_per_client, false, |app: TestApp| async move {
    let client = app.new_client();
    for i in 0..50 {
        let res = client
            .post(app.url("/api/v1/auth/login"))
            .json(&json!({"email": format!("guess{i}@example.com"), "password": "wrong password 1"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401);
    }
    let res = client
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": "fresh@example.com", "password": "wrong password 1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429, "fifty misses from one address lock it");
});

db_test!(cross_origin_writes_are_refused, false, |app: TestApp| async move {
    register(&app, "ada@example.com").await;
    let evil = app
        .client
        .post(app.url("/api/v1/auth/logout"))
        .header("origin", "http://evil.test")
        .send()
        .await
        .unwrap();
    assert_eq!(evil.status(), 403);
    let evil_form = app
        .client
        .post(app.url("/api/logout"))
        .header("referer", "http://evil.test/page")
        .header("content-type", "application/x-www-form-urlencoded")
        .body("")
        .send()
        .await
        .unwrap();
    assert_eq!(evil_form.status(), 403, "server functions too (the JS-off form path)");
    assert_eq!(app.get_json("/api/v1/users/me").await.0, 200, "still signed in");
    let own =
        app.client.post(app.url("/api/v1/auth/logout")).header("origin", &app.base).send().await.unwrap();
    assert_eq!(own.status(), 204);
});

db_test!(profile_updates, false, |app: TestApp| async move {
    assert_eq!(app.send_json(Method::PATCH, "/api/v1/users/profile", json!({"bio": "x"})).await.0, 401);
    register(&app, "ada@example.com").await;
    let (status, profile) = app
        .send_json(
            Method::PATCH,
            "/api/v1/users/profile",
            json!({"username": "Ada_L", "gender": "female", "interests": ["skincare", "gifts"],
                   "skin_type": "dry", "skin_concerns": ["redness"], "bio": "  Loves peonies. "}),
        )
        .await;
    assert_eq!(status, 200, "{profile}");
    assert_eq!(profile["username"], "ada_l");
    assert_eq!(profile["bio"], "Loves peonies.");
    assert_eq!(profile["interests"], json!(["skincare", "gifts"]));
    let (_, me) = app.get_json("/api/v1/users/me").await;
    assert_eq!(me["profile"]["skin_type"], "dry");
    assert_eq!(me["full_name"], "Ada Lovelace", "absent fields are kept");

    let (status, err) = app
        .send_json(Method::PATCH, "/api/v1/users/profile", json!({"gender": "robot", "interests": ["x"]}))
        .await;
    assert_eq!(status, 400);
    assert!(err["error"]["fields"]["gender"].is_string() && err["error"]["fields"]["interests"].is_string());

    let other = app.new_client();
    other
        .post(app.url("/api/v1/auth/register"))
        .json(&json!({"full_name": "Grace", "email": "grace@example.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    let res = other
        .patch(app.url("/api/v1/users/profile"))
        .json(&json!({"username": "ada_l"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("taken"));
});

db_test!(addresses_keep_exactly_one_default, false, |app: TestApp| async move {
    assert_eq!(app.get_json("/api/v1/users/addresses").await.0, 401);
    register(&app, "ada@example.com").await;
    let home = json!({"full_name": "Ada Lovelace", "address_line1": "12 St James's Square", "city": "London",
                      "postal_code": "SW1Y 4JH", "country": "gb"});
    let (status, first) = app.post_json("/api/v1/users/addresses", home).await;
    assert_eq!(status, 201, "{first}");
    assert_eq!(first["is_default"], true, "the first address is the default");
    assert_eq!(first["country"], "GB");
    let work = json!({"full_name": "Ada Lovelace", "address_line1": "1 Bath Rd", "city": "Bath",
                      "postal_code": "BA1 1AA", "country": "GB", "is_default": true});
    let (status, second) = app.post_json("/api/v1/users/addresses", work).await;
    assert_eq!(status, 201);
    let (_, list) = app.get_json("/api/v1/users/addresses").await;
    let defaults: Vec<_> = list.as_array().unwrap().iter().filter(|a| a["is_default"] == true).collect();
    assert_eq!(defaults.len(), 1);
    assert_eq!(defaults[0]["id"], second["id"]);

    let first_id = first["id"].as_str().unwrap();
    let (status, patched) = app
        .send_json(
            Method::PATCH,
            &format!("/api/v1/users/addresses/{first_id}"),
            json!({"is_default": true, "city": "Londres"}),
        )
        .await;
    assert_eq!(status, 200, "{patched}");
    assert_eq!(patched["city"], "Londres");
    let (_, list) = app.get_json("/api/v1/users/addresses").await;
    assert_eq!(list[0]["id"], first["id"], "the default comes first");
    assert_eq!(list.as_array().unwrap().iter().filter(|a| a["is_default"] == true).count(), 1);

    let (status, err) = app.post_json("/api/v1/users/addresses", json!({"full_name": "Ada"})).await;
    assert_eq!(status, 400);
    assert!(err["error"]["fields"]["city"].is_string());

    // Someone else's address is not found, for reading, editing and deleting.
    let other = app.new_client();
    other
        .post(app.url("/api/v1/auth/register"))
        .json(&json!({"full_name": "Grace", "email": "grace@example.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    let url = app.url(&format!("/api/v1/users/addresses/{first_id}"));
    assert_eq!(other.patch(&url).json(&json!({"city": "X"})).send().await.unwrap().status(), 404);
    assert_eq!(other.delete(&url).send().await.unwrap().status(), 404);

    // Deleting the default hands it to the remaining address.
    assert_eq!(app.client.delete(&url).send().await.unwrap().status(), 204);
    let (_, list) = app.get_json("/api/v1/users/addresses").await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["is_default"], true);
});

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secure_cookies_get_the_host_prefix() {
    let app = spawn_app_with(Backend::Sqlite, false, |s| s.server.secure_cookies = true).await.unwrap();
    let res = app
        .client
        .post(app.url("/api/v1/auth/register"))
        .json(&json!({"full_name": "Ada", "email": "ada@example.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("__Host-bazaar_session="), "{cookie}");
    assert!(cookie.contains("Secure") && cookie.contains("Path=/") && !cookie.contains("Domain"), "{cookie}");
}

db_test!(openapi_lists_the_account_routes, false, |app: TestApp| async move {
    let (_, doc) = app.get_json("/api/v1/openapi.json").await;
    for path in
        ["/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/users/me", "/api/v1/users/addresses/{id}"]
    {
        assert!(doc["paths"][path].is_object(), "{path} is documented");
    }
});

db_test!(changing_the_password_signs_out_other_sessions, false, |app: TestApp| async move {
    register(&app, "ada@example.com").await;
    let phone = app.new_client();
    let res = phone
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": "ada@example.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let change = |current: &'static str| {
        app.client
            .post(app.url("/api/change_password"))
            .header("accept", "application/json")
            .form(&[
                ("current_password", current),
                ("new_password", "tulips by the river"),
                ("new_password_confirm", "tulips by the river"),
            ])
            .send()
    };
    let wrong = change("not my password").await.unwrap();
    assert_eq!(wrong.status(), 400, "a wrong current password is the person's mistake");
    assert!(wrong.text().await.unwrap().contains("current_password"));
    let ok = change(PASSWORD).await.unwrap();
    assert_eq!(ok.status(), 200, "{}", ok.text().await.unwrap());
    assert_eq!(app.get_json("/api/v1/users/me").await.0, 200, "this browser stays signed in");
    let other = phone.get(app.url("/api/v1/users/me")).send().await.unwrap();
    assert_eq!(other.status(), 401, "the other session ended");
    let relogin = phone
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": "ada@example.com", "password": "tulips by the river"}))
        .send()
        .await
        .unwrap();
    assert_eq!(relogin.status(), 200);
});

db_test!(marketing_mail_needs_a_yes, false, |app: TestApp| async move {
    let (status, _) = app
        .post_json(
            "/api/v1/auth/register",
            json!({"full_name": "Ada", "email": "ada@example.com", "password": PASSWORD}),
        )
        .await;
    assert_eq!(status, 201);
    let (_, me) = app.get_json("/api/v1/users/me").await;
    assert_eq!(
        (&me["marketing_opt_in"], &me["profile"]["marketing_opt_in"]),
        (&json!(false), &json!(false)),
        "off unless asked"
    );

    let yes = TestApp::with_client(&app);
    let body =
        json!({"full_name": "Bo", "email": "bo@example.com", "password": PASSWORD, "marketing_opt_in": true});
    assert_eq!(yes.post_json("/api/v1/auth/register", body).await.0, 201);
    assert_eq!(yes.get_json("/api/v1/users/me").await.1["marketing_opt_in"], true);
    let when =
        || async { app.scalar("SELECT COUNT(*) FROM profiles WHERE marketing_opt_in_at IS NOT NULL").await };
    assert_eq!(when().await, 1, "the time of the yes is kept");

    // Changed in the profile, and other profile changes leave it alone.
    let (status, p) = yes.send_json(Method::PATCH, "/api/v1/users/profile", json!({"bio": "Hello"})).await;
    assert_eq!((status, &p["marketing_opt_in"]), (200, &json!(true)), "{p}");
    let (_, p) =
        yes.send_json(Method::PATCH, "/api/v1/users/profile", json!({"marketing_opt_in": false})).await;
    assert_eq!(p["marketing_opt_in"], false);
    assert_eq!(when().await, 0);
    let (_, p) =
        app.send_json(Method::PATCH, "/api/v1/users/profile", json!({"marketing_opt_in": true})).await;
    assert_eq!(p["marketing_opt_in"], true);
});
