//! Password reset by mail: the link arrives over real SMTP, works once,
//! within 30 minutes, only while it is the newest; using it ends every
//! session; known and unknown addresses get the same answer; requests are
//! throttled per address and per client.

use std::time::Duration;

use bazaar::accounts::Role;
use serde_json::{Value, json};

use crate::db_test;
use crate::helpers::{Backend, PASSWORD, TestApp, spawn_app_with};
use crate::smtp::SmtpServer;

const NEW_PASSWORD: &str = "tulips in the rain 7";

/// The token of a reset link in a message as sent (quoted-printable or not).
fn token_in(message: &str) -> String {
    let plain = message.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
    let at = plain.find("reset-password?token=").expect("a reset link") + "reset-password?token=".len();
    plain[at..at + 64].to_owned()
}

/// Tokens of the reset mails waiting in the outbox (no SMTP server), oldest first.
pub async fn outbox_tokens(app: &TestApp, count: usize) -> Vec<String> {
    for _ in 0..100 {
        let rows: Vec<(String,)> = app
            .db()
            .all(&bazaar::sql!(
                "SELECT text_body FROM outbox WHERE kind = 'password_reset' ORDER BY created_at, id"
            ))
            .await
            .unwrap();
        if rows.len() >= count {
            return rows.iter().map(|(body,)| token_in(body)).collect();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{count} reset mails were not queued");
}

async fn confirm(app: &TestApp, token: &str, password: &str) -> (u16, Value) {
    app.post_json("/api/v1/auth/password-reset/confirm", json!({"token": token, "password": password})).await
}

async fn reset_by_mail(backend: Backend) {
    let Some(smtp) = SmtpServer::start().await else { return };
    let url = smtp.url();
    let Some(app) = spawn_app_with(backend, false, |s| s.mail.smtp_url = Some(url)).await else { return };
    app.sign_in_as(Role::Customer, "ada@example.com").await;
    let laptop = TestApp::with_client(&app);
    let (status, _) = laptop
        .post_json("/api/v1/auth/login", json!({"email": "ada@example.com", "password": PASSWORD}))
        .await;
    assert_eq!(status, 200);

    let visitor = TestApp::with_client(&app);
    let (status, body) =
        visitor.post_json("/api/v1/auth/password-reset", json!({"email": "Ada@Example.com"})).await;
    assert_eq!((status, body), (202, json!({"status": "sent"})));
    let mails = smtp.wait_for(1, |m| m.contains("Subject: Reset your Bazaar password")).await;
    assert_eq!(mails.len(), 1, "the reset mail arrives");
    assert!(mails[0].contains("To: ada@example.com"));
    let token = token_in(&mails[0]);

    // A weak password is refused and the link still works.
    let (status, body) = confirm(&visitor, &token, "password").await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"]["code"], "validation_failed");
    assert!(body["error"]["fields"]["password"].is_string());

    let (status, body) = confirm(&visitor, &token, NEW_PASSWORD).await;
    assert_eq!(status, 204, "{body}");
    for client in [&app, &laptop] {
        assert_eq!(client.get_json("/api/v1/users/me").await.0, 401, "every session ended");
    }
    let login = |password: &str| json!({"email": "ada@example.com", "password": password});
    assert_eq!(visitor.post_json("/api/v1/auth/login", login(PASSWORD)).await.0, 401);
    assert_eq!(visitor.post_json("/api/v1/auth/login", login(NEW_PASSWORD)).await.0, 200);

    let (status, body) = confirm(&visitor, &token, "another fine password 9").await;
    assert_eq!(status, 400);
    assert_eq!(body["error"]["code"], "invalid_token", "a used link is refused");

    let changed = smtp.wait_for(1, |m| m.contains("Subject: Your Bazaar password was changed")).await;
    assert_eq!(changed.len(), 1, "the person is told");
    // Once sent, the outbox no longer holds the link.
    let mut left = 1;
    for _ in 0..50 {
        left =
            app.scalar("SELECT COUNT(*) FROM outbox WHERE kind = 'password_reset' AND text_body <> ''").await;
        if left == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(left, 0, "the sent reset mail's body is dropped");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reset_by_mail_sqlite() {
    reset_by_mail(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reset_by_mail_postgres() {
    reset_by_mail(Backend::Postgres).await;
}

db_test!(links_work_once_while_newest_and_fresh, false, |app: TestApp| async move {
    app.create_account("ada@example.com", "Ada Lovelace", PASSWORD, Role::Customer).await;
    let ask = || app.post_json("/api/v1/auth/password-reset", json!({"email": "ada@example.com"}));
    let (status, body) = ask().await;
    assert_eq!(status, 202, "{body}");
    let first = outbox_tokens(&app, 1).await;
    assert_eq!(ask().await.0, 202);
    let tokens = outbox_tokens(&app, 2).await;
    assert_eq!(tokens[0], first[0]);
    assert_eq!(confirm(&app, &tokens[0], NEW_PASSWORD).await.1["error"]["code"], "invalid_token", "voided");
    assert_eq!(confirm(&app, &tokens[1], NEW_PASSWORD).await.0, 204, "the newest works");

    assert_eq!(ask().await.0, 202);
    let tokens = outbox_tokens(&app, 3).await;
    app.exec(bazaar::sql!("UPDATE account_tokens SET expires_at = $1", bazaar::server::now_ms() - 1)).await;
    let (status, body) = confirm(&app, &tokens[2], "yet another password 3").await;
    assert_eq!((status, body["error"]["code"].as_str()), (400, Some("invalid_token")), "expired");
    for junk in ["", "abc", &"0".repeat(64)] {
        assert_eq!(confirm(&app, junk, NEW_PASSWORD).await.1["error"]["code"], "invalid_token", "{junk}");
    }
    // Used and voided links are gone; the expired one is kept only as a hash.
    let stored: Vec<(String,)> =
        app.db().all(&bazaar::sql!("SELECT token_hash FROM account_tokens")).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert!(tokens.iter().all(|t| *t != stored[0].0), "never the token itself");
});

db_test!(known_and_unknown_addresses_get_the_same_answer, false, |app: TestApp| async move {
    app.create_account("ada@example.com", "Ada Lovelace", PASSWORD, Role::Customer).await;
    let client = &app;
    let ask = |email: &'static str| async move {
        let res = client
            .client
            .post(client.url("/api/v1/auth/password-reset"))
            .json(&json!({"email": email}))
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        let retry = res.headers().get("retry-after").is_some();
        (status, retry, res.text().await.unwrap())
    };
    for _ in 0..5 {
        let known = ask("ada@example.com").await;
        let unknown = ask("nobody@example.com").await;
        assert_eq!(known.0, 202);
        assert_eq!(known, unknown, "the same status and body");
    }
    let known = ask("ada@example.com").await;
    let unknown = ask("nobody@example.com").await;
    assert_eq!((known.0, known.1), (429, true), "five an hour per address, with Retry-After");
    assert_eq!(known, unknown, "throttled alike");
    assert_eq!(outbox_tokens(&app, 5).await.len(), 5, "mail only for the known address");
    let stray = app.scalar("SELECT COUNT(*) FROM outbox WHERE recipient = 'nobody@example.com'").await;
    assert_eq!(stray, 0);

    // Twenty an hour from one client, whatever the addresses.
    let mut last = 0;
    for i in 0..12 {
        let email = format!("someone{i}@example.com");
        last = app.post_json("/api/v1/auth/password-reset", json!({"email": email})).await.0;
    }
    assert_eq!(last, 429, "the client's limit");
    let (status, body) =
        app.post_json("/api/v1/auth/password-reset", json!({"email": "not an address"})).await;
    assert_eq!((status, body["error"]["code"].as_str()), (400, Some("validation_failed")));
});

db_test!(reset_pages_work_without_javascript, false, |app: TestApp| async move {
    app.create_account("ada@example.com", "Ada Lovelace", PASSWORD, Role::Customer).await;
    let (status, html) = app.get_text("/login").await;
    assert_eq!(status, 200);
    assert!(html.contains("href=\"/forgot-password\""), "linked from sign-in");
    let asked = app
        .form_post("/api/request_password_reset", "/forgot-password", &[("email", "ada@example.com")])
        .await;
    assert_eq!(asked.status(), 302);
    assert_eq!(asked.headers()["location"], "/forgot-password?sent=1");
    let (_, html) = app.get_text("/forgot-password?sent=1").await;
    assert!(html.contains("Check your inbox"), "{html}");
    let token = outbox_tokens(&app, 1).await.remove(0);

    let page = format!("/reset-password?token={token}");
    let (_, html) = app.get_text(&page).await;
    assert!(html.contains("Choose a new password") && html.contains("name=\"password_confirm\""), "{html}");
    let fields =
        [("token", token.as_str()), ("password", NEW_PASSWORD), ("password_confirm", "something else 1")];
    let mismatch = app.form_post("/api/reset_password", &page, &fields).await;
    let back = mismatch.headers()["location"].to_str().unwrap().to_owned();
    assert!(back.contains("__err="), "back to the form: {back}");
    let (_, html) = app.get_text(back.trim_start_matches(&app.base)).await;
    assert!(html.contains("The passwords do not match."), "the error beside the field");

    let fields = [("token", token.as_str()), ("password", NEW_PASSWORD), ("password_confirm", NEW_PASSWORD)];
    let done = app.form_post("/api/reset_password", &page, &fields).await;
    assert_eq!(done.status(), 302);
    assert_eq!(done.headers()["location"], "/account?saved=password_reset");
    let (status, html) = app.get_text("/account?saved=password_reset").await;
    assert_eq!(status, 200, "signed in");
    assert!(html.contains("Your new password is set"));
    let (_, html) = app.get_text(&page).await;
    assert!(html.contains("This link no longer works"), "a used link says so");
});
