//! Security events: every sign-in, failure, throttle, reset and session
//! ended is recorded with where it came from; the person sees their own on
//! /account/security, administrators everyone's on /admin/security with
//! filters.

use bazaar::accounts::Role;
use serde_json::json;

use crate::db_test;
use crate::helpers::{PASSWORD, TestApp};
use crate::password_reset::outbox_tokens;

const FIREFOX: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 \
                      (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

async fn login(client: &TestApp, email: &str, password: &str) -> u16 {
    client.post_json("/api/v1/auth/login", json!({"email": email, "password": password})).await.0
}

/// The kinds of `email`'s events, oldest first.
async fn kinds(app: &TestApp, email: &str) -> Vec<String> {
    let rows: Vec<(String,)> = app
        .db()
        .all(&bazaar::sql!(
            "SELECT kind FROM security_events WHERE email = $1 ORDER BY created_at, id",
            email
        ))
        .await
        .unwrap();
    rows.into_iter().map(|(k,)| k).collect()
}

db_test!(security_events_are_recorded_and_shown_to_their_owner, false, |app: TestApp| async move {
    app.create_account("ada@example.com", "Ada Lovelace", PASSWORD, Role::Customer).await;
    app.create_account("bob@example.com", "Bob Byron", PASSWORD, Role::Customer).await;
    let laptop = TestApp::browser(&app, FIREFOX, &[]);
    let phone = TestApp::browser(&app, IPHONE, &[]);
    assert_eq!(login(&phone, "ada@example.com", "not my password").await, 401);
    assert_eq!(login(&phone, "nobody@example.com", PASSWORD).await, 401);
    assert_eq!(login(&laptop, "ada@example.com", PASSWORD).await, 200);
    assert_eq!(login(&phone, "ada@example.com", PASSWORD).await, 200);
    assert_eq!(login(&TestApp::browser(&app, FIREFOX, &[]), "bob@example.com", PASSWORD).await, 200);
    assert_eq!(laptop.post_json("/api/v1/auth/sessions/revoke-others", json!({})).await.0, 204);
    assert_eq!(laptop.post_json("/api/v1/auth/logout", json!({})).await.0, 204);

    // A reset: asked, then used.
    assert_eq!(
        app.post_json("/api/v1/auth/password-reset", json!({"email": "ada@example.com"})).await.0,
        202
    );
    let token = outbox_tokens(&app, 1).await.remove(0);
    let (status, _) = app
        .post_json(
            "/api/v1/auth/password-reset/confirm",
            json!({"token": token, "password": "tulips in the rain 7"}),
        )
        .await;
    assert_eq!(status, 204);
    assert_eq!(
        kinds(&app, "ada@example.com").await,
        [
            "sign_in_failed",
            "sign_in",
            "sign_in",
            "other_sessions_revoked",
            "sign_out",
            "password_reset_requested",
            "password_reset_used"
        ]
    );
    assert_eq!(kinds(&app, "nobody@example.com").await, ["sign_in_failed"], "the address typed, no account");
    let unknown = app
        .scalar("SELECT COUNT(*) FROM security_events WHERE email = 'nobody@example.com' AND user_id IS NULL")
        .await;
    assert_eq!(unknown, 1);
    let from_phone = app
        .scalar(&format!(
            "SELECT COUNT(*) FROM security_events WHERE kind = 'sign_in_failed' AND ip = '127.0.0.1' \
             AND user_agent = '{IPHONE}'"
        ))
        .await;
    assert_eq!(from_phone, 2, "where each came from");
    let revoked = app.scalar("SELECT COUNT(*) FROM security_events WHERE detail = '1 session'").await;
    assert_eq!(revoked, 1, "how many were ended");

    // Ada's page lists her activity, newest first, and nobody else's.
    assert_eq!(login(&laptop, "ada@example.com", "tulips in the rain 7").await, 200);
    let (status, html) = laptop.get_text("/account/security").await;
    assert_eq!(status, 200);
    let at = |label: &str| html.find(label).unwrap_or_else(|| panic!("{label} in {html}"));
    assert!(at("Password reset by link") < at("Password reset link sent"), "newest first");
    assert!(at("Wrong password") > at("Every other session signed out"));
    assert!(html.contains("Safari on iPhone · 127.0.0.1"));
    assert!(!html.contains("bob@example.com") && !html.contains("nobody@example.com"));
    let items = html.matches(r#"data-testid="security-event""#).count();
    assert_eq!(items, 8, "Ada's eight events, Bob's sign-in not among them");
});

db_test!(a_throttled_sign_in_is_recorded_once, false, |app: TestApp| async move {
    app.create_account("ada@example.com", "Ada Lovelace", PASSWORD, Role::Customer).await;
    for _ in 0..10 {
        assert_eq!(login(&app, "ada@example.com", "wrong password 1").await, 401);
    }
    for _ in 0..3 {
        assert_eq!(login(&app, "ada@example.com", "wrong password 1").await, 429);
    }
    let kinds = kinds(&app, "ada@example.com").await;
    assert_eq!(kinds.iter().filter(|k| *k == "sign_in_failed").count(), 10);
    assert_eq!(kinds.iter().filter(|k| *k == "sign_in_throttled").count(), 1, "not one per refusal");
});

db_test!(administrators_filter_everyones_events, false, |app: TestApp| async move {
    app.create_account("ada@example.com", "Ada Lovelace", PASSWORD, Role::Customer).await;
    app.create_account("bob@example.com", "Bob Byron", PASSWORD, Role::Customer).await;
    assert_eq!(login(&TestApp::with_client(&app), "ada@example.com", "nope nope nope").await, 401);
    assert_eq!(login(&TestApp::with_client(&app), "bob@example.com", PASSWORD).await, 200);
    let customer = TestApp::with_client(&app);
    assert_eq!(login(&customer, "ada@example.com", PASSWORD).await, 200);
    assert_eq!(customer.get("/admin/security").await.status(), 403, "administrators only");

    let admin = TestApp::with_client(&app);
    admin.sign_in_as(Role::Admin, "root@example.com").await;
    let (status, all) = admin.get_text("/admin/security").await;
    assert_eq!(status, 200);
    assert!(all.contains("ada@example.com") && all.contains("bob@example.com"));
    let (_, failed) = admin.get_text("/admin/security?person=ADA&kind=sign_in_failed").await;
    assert_eq!(failed.matches(r#"data-kind="sign_in_failed""#).count(), 1, "{failed}");
    assert_eq!(failed.matches(r#"data-testid="security-event""#).count(), 1);
    let (_, bobs) = admin.get_text("/admin/security?person=bob").await;
    assert!(bobs.contains("bob@example.com") && !bobs.contains("ada@example.com"));
    let (_, future) = admin.get_text("/admin/security?from=2999-01-01").await;
    assert!(future.contains("No events match."));
    let today = bazaar::dates::local_input(bazaar::server::now_ms())[..10].to_owned();
    let (_, today) = admin.get_text(&format!("/admin/security?to={today}")).await;
    assert!(today.contains("bob@example.com"), "the last day is included");
    let (_, bad) = admin.get_text("/admin/security?from=someday&kind=root").await;
    assert!(bad.contains("Use a date like 2026-12-01.") && bad.contains("Choose a kind from the list."));
});
