//! Sessions you can see and end: listed with device and address (a public
//! handle, never the cookie), ended one by one or all but this one — refused
//! on the very next request, on every node — and a mail when a sign-in comes
//! from a browser not seen before.

use bazaar::accounts::Role;
use serde_json::{Value, json};

use crate::db_test;
use crate::helpers::{PASSWORD, TestApp};

const FIREFOX: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 \
                      (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
const LINUX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

async fn signed_in(app: &TestApp, agent: &str, email: &str) -> TestApp {
    let client = TestApp::browser(app, agent, &[]);
    let (status, body) =
        client.post_json("/api/v1/auth/login", json!({"email": email, "password": PASSWORD})).await;
    assert_eq!(status, 200, "{body}");
    client
}

async fn sessions(client: &TestApp) -> Vec<Value> {
    let (status, body) = client.get_json("/api/v1/auth/sessions").await;
    assert_eq!(status, 200, "{body}");
    body["sessions"].as_array().unwrap().clone()
}

async fn new_device_mails(app: &TestApp) -> i64 {
    app.scalar("SELECT COUNT(*) FROM outbox WHERE kind = 'new_device'").await
}

db_test!(sessions_are_listed_and_ended, false, |app: TestApp| async move {
    app.create_account("ada@example.com", "Ada Lovelace", PASSWORD, Role::Customer).await;
    app.create_account("bob@example.com", "Bob Byron", PASSWORD, Role::Customer).await;
    let laptop = signed_in(&app, FIREFOX, "ada@example.com").await;
    assert_eq!(new_device_mails(&app).await, 0, "not on the first sign-in ever");
    let phone = signed_in(&app, IPHONE, "ada@example.com").await;
    assert_eq!(new_device_mails(&app).await, 1, "a browser not seen before");
    let bob = signed_in(&app, FIREFOX, "bob@example.com").await;

    let list = sessions(&laptop).await;
    assert_eq!(list.len(), 2, "{list:?}");
    let mine = list.iter().find(|s| s["current"] == true).expect("this device is marked");
    assert_eq!(mine["device"], "Firefox on Windows");
    assert_eq!(mine["ip"], "127.0.0.1");
    let other = list.iter().find(|s| s["current"] == false).unwrap();
    assert_eq!(other["device"], "Safari on iPhone");
    assert!(other["created_at"].as_i64().unwrap() > 0 && other["last_seen_at"].as_i64().unwrap() > 0);
    let handle = mine["id"].as_str().unwrap();
    let in_handles = app
        .scalar(&format!("SELECT COUNT(*) FROM user_sessions WHERE id = '{handle}' AND ended_at IS NULL"))
        .await;
    assert_eq!(in_handles, 1, "the id is the public handle of an open session");

    // Someone else's session, and one that does not exist: 404.
    let bobs = sessions(&bob).await[0]["id"].as_str().unwrap().to_owned();
    let del = |client: &TestApp, id: &str| {
        let url = client.url(&format!("/api/v1/auth/sessions/{id}"));
        let req = client.client.delete(url);
        async move { req.send().await.unwrap().status().as_u16() }
    };
    assert_eq!(del(&laptop, &bobs).await, 404);
    assert_eq!(del(&laptop, "no-such-session").await, 404);
    assert_eq!(bob.get_json("/api/v1/users/me").await.0, 200, "Bob is untouched");

    // End the phone's session: its very next request is signed out, on this
    // node and on another.
    let node2 = app.second_node().await;
    assert_eq!(phone.client.get(node2.url("/api/v1/users/me")).send().await.unwrap().status(), 200);
    assert_eq!(del(&laptop, other["id"].as_str().unwrap()).await, 204);
    assert_eq!(phone.client.get(node2.url("/api/v1/users/me")).send().await.unwrap().status(), 401);
    assert_eq!(phone.get_json("/api/v1/users/me").await.0, 401);
    assert_eq!(laptop.get_json("/api/v1/users/me").await.0, 200);
    assert_eq!(sessions(&laptop).await.len(), 1);

    // Sign out everywhere else.
    let phone = signed_in(&app, IPHONE, "ada@example.com").await;
    let desktop = signed_in(&app, LINUX, "ada@example.com").await;
    assert_eq!(new_device_mails(&app).await, 2, "the phone again is no news; Linux is");
    assert_eq!(sessions(&laptop).await.len(), 3);
    let (status, _) = laptop.post_json("/api/v1/auth/sessions/revoke-others", json!({})).await;
    assert_eq!(status, 204);
    for gone in [&phone, &desktop] {
        assert_eq!(gone.get_json("/api/v1/users/me").await.0, 401);
    }
    assert_eq!(laptop.get_json("/api/v1/users/me").await.0, 200, "this one stays");
    assert_eq!(sessions(&laptop).await.len(), 1);
    assert_eq!(bob.get_json("/api/v1/users/me").await.0, 200, "nobody else's");

    // Signing out ends the handle; a changed password ends the others.
    let phone = signed_in(&app, IPHONE, "ada@example.com").await;
    let (status, _) = phone.post_json("/api/v1/auth/logout", json!({})).await;
    assert_eq!(status, 204);
    assert_eq!(sessions(&laptop).await.len(), 1);
    assert_eq!(app.get_json("/api/v1/auth/sessions").await.0, 401, "visitors have none");
});

db_test!(the_security_page_lists_and_ends_sessions_without_javascript, false, |app: TestApp| async move {
    app.create_account("ada@example.com", "Ada Lovelace", PASSWORD, Role::Customer).await;
    let laptop = signed_in(&app, FIREFOX, "ada@example.com").await;
    let phone = signed_in(&app, IPHONE, "ada@example.com").await;
    let (status, html) = laptop.get_text("/account/security").await;
    assert_eq!(status, 200);
    assert!(html.contains("Firefox on Windows") && html.contains("Safari on iPhone"), "{html}");
    assert!(html.contains("This device"));
    let phone_id = sessions(&phone).await.iter().find(|s| s["current"] == true).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = laptop.form_post("/api/revoke_session", "/account/security", &[("id", &phone_id)]).await;
    assert_eq!(res.status(), 302);
    assert_eq!(res.headers()["location"], "/account/security?saved=revoked");
    assert_eq!(phone.get_json("/api/v1/users/me").await.0, 401);
    let page =
        phone.client.get(phone.url("/account/security")).header("accept", "text/html").send().await.unwrap();
    assert_eq!(page.status(), 302, "the ended session's next page is the sign-in page");
    assert!(page.headers()["location"].to_str().unwrap().starts_with("/login"));
    let (_, html) = laptop.get_text("/account/security?saved=revoked").await;
    assert!(html.contains("That session is signed out."));
    assert_eq!(html.matches(r#"data-testid="session""#).count(), 1, "the phone's session is gone");
    assert!(!html.contains("Sign out this device (Safari on iPhone)"));
});
