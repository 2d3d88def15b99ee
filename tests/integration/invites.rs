//! Inviting staff: the link comes by mail (a real SMTP server), works once
//! and for 7 days, makes a staff account with exactly the chosen areas and
//! a proven address; only administrators invite; an address with an account
//! is refused.

use bazaar::accounts::Role;
use serde_json::json;

use crate::helpers::{Backend, PASSWORD, TestApp, spawn_app_with};
use crate::on_both;
use crate::smtp::SmtpServer;

fn token_in(mail: &str) -> String {
    let plain = mail.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
    let at = plain.find("/invite?token=").expect("an invitation link") + "/invite?token=".len();
    plain[at..at + 64].to_owned()
}

async fn invited_staff_use_only_their_areas(backend: Backend) {
    let Some(smtp) = SmtpServer::start().await else { return };
    let url = smtp.url();
    let Some(app) = spawn_app_with(backend, false, |s| s.mail.smtp_url = Some(url)).await else { return };
    app.sign_in_as(Role::Admin, "boss@example.com").await;
    let body = json!({"email": "Tara@Example.com", "areas": ["orders", "support"]});
    let (status, invite) = app.post_json("/api/v1/users/invite", body).await;
    assert_eq!(status, 201, "{invite}");
    assert_eq!(
        (&invite["email"], &invite["areas"]),
        (&json!("tara@example.com"), &json!(["orders", "support"]))
    );
    let mail = smtp.wait_for(1, |m| m.contains("To: tara@example.com")).await.remove(0);
    assert!(mail.contains("Subject: You are invited to the Bazaar back office"), "{mail}");
    let token = token_in(&mail);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'staff_invited'").await, 1);

    // The page knows the invitation; a made-up token does not.
    let tara = TestApp::with_client(&app);
    let (status, html) = tara.get_text(&format!("/invite?token={token}")).await;
    let main = html.split("<main").nth(1).unwrap_or_default();
    assert!(status == 200 && main.contains("tara@example.com") && main.contains("Orders"), "{status} {main}");
    let (_, html) = tara.get_text(&format!("/invite?token={}", "0".repeat(64))).await;
    assert!(html.contains("This invitation cannot be used"));

    // Accept through the form, then sign in: staff, with those areas only.
    let fields = [
        ("token", token.as_str()),
        ("full_name", "Tara Quinn"),
        ("password", PASSWORD),
        ("confirm", PASSWORD),
    ];
    let r = tara.form_post("/api/accept_invite", "/invite", &fields).await;
    assert!(r.status().is_redirection(), "{}", r.status());
    let login = json!({"email": "tara@example.com", "password": PASSWORD});
    assert_eq!(tara.post_json("/api/v1/auth/login", login).await.0, 200);
    let (_, me) = tara.get_json("/api/v1/users/me").await;
    assert_eq!((&me["role"], &me["email_verified"]), (&json!("staff"), &json!(true)), "{me}");
    assert_eq!(tara.get_json("/api/v1/staff/escalations").await.0, 200, "support ticked");
    assert_eq!(tara.get_json("/api/v1/users").await.0, 403, "people not ticked");

    // Once only.
    let again = TestApp::with_client(&app);
    let r = again.form_post("/api/accept_invite", "/invite", &fields).await;
    assert!(
        !r.status().is_success()
            || r.headers().get("location").is_none_or(|l| !l.to_str().unwrap().contains("joined"))
    );
    assert_eq!(app.scalar("SELECT COUNT(*) FROM users WHERE email = 'tara@example.com'").await, 1);

    // An address with an account; a customer inviting; an old link.
    let (status, _) = app.post_json("/api/v1/users/invite", json!({"email": "tara@example.com"})).await;
    assert_eq!(status, 409);
    assert_eq!(tara.post_json("/api/v1/users/invite", json!({"email": "x@example.com"})).await.0, 403);
    let (status, _) =
        app.post_json("/api/v1/users/invite", json!({"email": "old@example.com", "areas": ["orders"]})).await;
    assert_eq!(status, 201);
    let old = token_in(&smtp.wait_for(1, |m| m.contains("To: old@example.com")).await.remove(0));
    app.exec(bazaar::sql!("UPDATE staff_invites SET expires_at = 0 WHERE email = 'old@example.com'")).await;
    let (_, html) = TestApp::with_client(&app).get_text(&format!("/invite?token={old}")).await;
    assert!(html.contains("This invitation cannot be used"), "7 days are over");
}
on_both!(invited_staff_use_only_their_areas);
