//! Proving an email address: a link at registration, used once; unproved
//! people may buy but not apply to sell; a change of address needs the
//! password and takes effect only when the new address is proved, and the
//! old address is told.

use std::time::Duration;

use bazaar::accounts::Role;
use serde_json::json;

use crate::db_test;
use crate::helpers::{PASSWORD, TestApp};
use crate::sellers::application;

/// The tokens of verification mails to `to` in the outbox, oldest first.
async fn tokens_to(app: &TestApp, to: &str, count: usize) -> Vec<String> {
    for _ in 0..100 {
        let rows: Vec<(String,)> = app
            .db()
            .all(&bazaar::sql!(
                "SELECT text_body FROM outbox WHERE kind = 'verify_email' AND recipient = $1 ORDER BY created_at, id",
                to
            ))
            .await
            .unwrap();
        if rows.len() >= count {
            return rows
                .iter()
                .map(|(body,)| {
                    let at = body.find("verify-email?token=").expect("a link") + "verify-email?token=".len();
                    body[at..at + 64].to_owned()
                })
                .collect();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{count} verification mails to {to} were not queued");
}

db_test!(a_new_address_is_proved_by_the_mailed_link, false, |app: TestApp| async move {
    let (status, _) = app
        .post_json(
            "/api/v1/auth/register",
            json!({"full_name": "Fern Maker", "email": "fern@example.com", "password": PASSWORD}),
        )
        .await;
    assert_eq!(status, 201);
    let (_, me) = app.get_json("/api/v1/users/me").await;
    assert_eq!(me["email_verified"], false);
    let (status, body) = app.post_json("/api/v1/sellers/apply", application("Fern Hollow")).await;
    assert_eq!((status, body["error"]["code"].as_str()), (403, Some("email_unverified")), "{body}");

    let token = tokens_to(&app, "fern@example.com", 1).await.remove(0);
    assert_eq!(app.post_json("/api/v1/auth/verify-email", json!({"token": token})).await.0, 204);
    let (_, me) = app.get_json("/api/v1/users/me").await;
    assert_eq!(me["email_verified"], true);
    let (status, body) = app.post_json("/api/v1/auth/verify-email", json!({"token": token})).await;
    assert_eq!((status, body["error"]["code"].as_str()), (400, Some("invalid_token")), "once");
    assert_eq!(app.post_json("/api/v1/auth/verify-email/resend", json!({})).await.0, 409, "proved already");
    let (status, body) = app.post_json("/api/v1/sellers/apply", application("Fern Hollow")).await;
    assert_eq!(status, 201, "{body}");
    let sent = app.scalar("SELECT COUNT(*) FROM outbox WHERE kind = 'verify_email' AND text_body = ''").await;
    assert_eq!(sent, 0, "no SMTP here: the body waits in the outbox until sent");
});

db_test!(a_new_address_counts_only_once_it_is_proved, false, |app: TestApp| async move {
    app.sign_in_as(Role::Customer, "ada@example.com").await;
    app.create_account("bob@example.com", "Bob Byron", PASSWORD, Role::Customer).await;
    let change = |email: &str, password: &str| {
        let body = json!({"email": email, "password": password});
        let app = &app;
        async move { app.post_json("/api/v1/users/me/email", body).await }
    };
    let (status, body) = change("ada.new@example.com", "not my password").await;
    assert_eq!((status, body["error"]["fields"]["password"].is_string()), (400, true), "{body}");
    let (status, body) = change("bob@example.com", PASSWORD).await;
    assert_eq!((status, body["error"]["fields"]["email"].is_string()), (400, true), "{body}");
    let (status, body) = change("ada.new@example.com", PASSWORD).await;
    assert_eq!(status, 202, "{body}");
    let (_, me) = app.get_json("/api/v1/users/me").await;
    assert_eq!(me["email"], "ada@example.com", "nothing changes before the link");

    let token = tokens_to(&app, "ada.new@example.com", 1).await.remove(0);
    assert_eq!(app.post_json("/api/v1/auth/verify-email", json!({"token": token})).await.0, 204);
    let (_, me) = app.get_json("/api/v1/users/me").await;
    assert_eq!(
        (me["email"].as_str(), me["email_verified"].as_bool()),
        (Some("ada.new@example.com"), Some(true))
    );
    let told = app
        .scalar("SELECT COUNT(*) FROM outbox WHERE kind = 'email_changed' AND recipient = 'ada@example.com'")
        .await;
    assert_eq!(told, 1, "the old address is told");
    let login = |email: &str| {
        let body = json!({"email": email, "password": PASSWORD});
        let client = TestApp::with_client(&app);
        async move { client.post_json("/api/v1/auth/login", body).await.0 }
    };
    assert_eq!(login("ada.new@example.com").await, 200);
    assert_eq!(login("ada@example.com").await, 401);
    let events = app
        .scalar(
            "SELECT COUNT(*) FROM security_events WHERE kind IN ('email_change_requested', 'email_changed')",
        )
        .await;
    assert_eq!(events, 2);
});
