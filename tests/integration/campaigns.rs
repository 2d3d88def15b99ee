//! Email campaigns: only people who said yes get one, each exactly once even
//! when "send" is pressed twice at the same moment; mail reaches a real SMTP
//! server with RFC 8058 one-click unsubscribe; the unsubscribe link works
//! signed out and an altered one is refused; click links lead only to this
//! shop's pages; merge values are escaped; the audience filter counts right.

use std::time::Duration;

use bazaar::accounts::Role;
use bazaar::campaigns::links::click_mac;
use reqwest::Method;
use serde_json::{Value, json};

use crate::analytics::{buy, customer, shop};
use crate::db_test;
use crate::helpers::{Backend, PASSWORD, TestApp, spawn_app_with};
use crate::on_both;
use crate::smtp::SmtpServer;

/// A person who registered, saying yes (or no) to marketing mail, with a
/// beauty profile.
async fn person(app: &TestApp, email: &str, name: &str, yes: bool, profile: Value) -> TestApp {
    let c = TestApp::with_client(app);
    let body = json!({"full_name": name, "email": email, "password": PASSWORD, "marketing_opt_in": yes});
    assert_eq!(c.post_json("/api/v1/auth/register", body).await.0, 201);
    if profile != json!({}) {
        let (status, p) = c.send_json(Method::PATCH, "/api/v1/users/profile", profile).await;
        assert_eq!(status, 200, "{p}");
    }
    c
}

fn campaign(name: &str, audience: Value) -> Value {
    json!({"name": name, "subject": "News for {{first_name}}", "template": "Hello {{first_name}}!\n\n{{products}}\n\nSee you at {{shop_url}}",
           "audience_filter": audience})
}

/// The token in a delivered mail's List-Unsubscribe header.
fn token_of(mail: &str) -> String {
    let line = mail.lines().find(|l| l.starts_with("List-Unsubscribe: ")).expect("a List-Unsubscribe header");
    let url = line.trim_start_matches("List-Unsubscribe: <").trim_end_matches('>');
    url.rsplit('/').next().unwrap().to_owned()
}

async fn sent_once(backend: Backend) {
    let Some(smtp) = SmtpServer::start().await else { return };
    let url = smtp.url();
    let Some(app) = spawn_app_with(backend, true, |s| {
        s.mail.smtp_url = Some(url);
        s.mail.campaign_rate = 6000;
    })
    .await
    else {
        return;
    };
    app.sign_in_as(Role::Admin, "boss@example.com").await;
    let _ann = person(&app, "ann@example.com", "<b>Ann</b> Lee", true, json!({})).await;
    let bob = person(&app, "bob@example.com", "Bob Stone", true, json!({})).await;
    let _cleo = person(&app, "cleo@example.com", "Cleo Park", false, json!({})).await;

    let (status, r) = app.post_json("/api/v1/campaigns/audience", json!({})).await;
    assert_eq!((status, r["recipients"].as_i64()), (200, Some(2)), "only the two who said yes: {r}");
    let (status, made) = app.post_json("/api/v1/campaigns", campaign("Spring", json!({}))).await;
    assert_eq!(status, 201, "{made}");
    let id = made["campaign_id"].as_str().unwrap().to_owned();

    // "Send" twice at once: one start, two recipients, one audit row.
    let path = format!("/api/v1/campaigns/{id}/send");
    let twin = TestApp::with_client(&app);
    twin.post_json("/api/v1/auth/login", json!({"email": "boss@example.com", "password": PASSWORD})).await;
    let (a, b) = tokio::join!(app.post_json(&path, json!({})), twin.post_json(&path, json!({})));
    for (status, r) in [&a, &b] {
        assert_eq!((*status, r["recipients"].as_i64()), (202, Some(2)), "{r}");
    }
    let mails = smtp.wait_for(2, |m| m.contains("Subject: News for")).await;
    tokio::time::sleep(Duration::from_millis(2_500)).await;
    let all: Vec<String> = smtp.delivered().into_iter().filter(|m| m.contains("Subject: News for")).collect();
    assert_eq!(all.len(), 2, "once each");
    assert!(!all.iter().any(|m| m.contains("cleo@example.com")), "nothing for the one who said no");
    let to_ann = mails.iter().find(|m| m.contains("To: ann@example.com")).expect("Ann's mail");
    assert!(to_ann.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), "{to_ann}");
    // Quoted-printable undone: soft line breaks and "=3D".
    let decoded = to_ann.replace("=\r\n", "").replace("=3D", "=");
    assert!(decoded.contains("Hello &lt;b&gt;Ann&lt;/b&gt;!"), "escaped in the HTML: {decoded}");
    assert!(!decoded.contains("<p>Hello <b>Ann</b>"), "never markup");
    assert!(decoded.contains("Hello <b>Ann</b>!"), "the plain-text part keeps the name as written");
    let audits = app.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'campaign_sent'").await;
    assert_eq!(audits, 1, "one start");

    // One-click unsubscribe, signed out; an altered token is refused.
    let token = token_of(to_ann);
    let stranger = reqwest::Client::new();
    let one_click = |t: &str| {
        stranger
            .post(app.url(&format!("/api/v1/unsubscribe/{t}")))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("List-Unsubscribe=One-Click")
            .send()
    };
    let mut altered = token.clone();
    altered.replace_range(0..1, if token.starts_with('a') { "b" } else { "a" });
    assert_eq!(one_click(&altered).await.unwrap().status(), 404);
    let r = one_click(&token).await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM profiles WHERE marketing_opt_in_at IS NOT NULL").await, 1);
    assert_eq!(one_click(&token).await.unwrap().status(), 200, "again: still fine");

    // The pixel, and clicks: own pages only, the MAC must fit.
    let pixel = stranger.get(app.url(&format!("/c/{token}/open.gif"))).send().await.unwrap();
    assert_eq!(pixel.headers()["content-type"], "image/gif");
    let go = |to: &str, mac: String| {
        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let request = client.get(app.url(&format!("/c/{token}/go"))).query(&[("to", to), ("s", &mac)]);
        async move { request.send().await.unwrap() }
    };
    let evil = "https://evil.test/";
    assert_eq!(
        go(evil, click_mac(&token, evil)).await.status(),
        400,
        "another host, even with a fitting MAC"
    );
    assert_eq!(go("//evil.test", click_mac(&token, "//evil.test")).await.status(), 400);
    assert_eq!(go("/products", click_mac(&token, "/checkout")).await.status(), 400, "a changed target");
    let r = go("/products", click_mac(&token, "/products")).await;
    assert_eq!((r.status().as_u16(), r.headers()["location"].to_str().unwrap()), (303, "/products"));

    // Results and the list.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (_, c) = app.get_json(&format!("/api/v1/campaigns/{id}")).await;
    let res = &c["results"];
    assert_eq!(c["status"], "sent", "{c}");
    assert_eq!(
        (&res["recipients"], &res["sent"], &res["opens"], &res["clicks"], &res["unsubscribes"]),
        (&json!(2), &json!(2), &json!(1), &json!(1), &json!(1)),
        "{c}"
    );
    let (_, list) = app.get_json("/api/v1/campaigns?limit=5").await;
    let row = &list["campaigns"][0];
    assert_eq!(
        (&row["sent_count"], &row["open_rate"], &list["total_count"]),
        (&json!(2), &json!(0.5), &json!(1))
    );
    assert_eq!(row["audience"], "Everyone who opted in");

    // A test copy goes to the administrator only.
    let (status, _) = app.post_json(&format!("/api/v1/campaigns/{id}/test"), json!({})).await;
    assert_eq!(status, 202);
    let tests = smtp.wait_for(1, |m| m.contains("Subject: [Test] News for")).await;
    assert!(tests[0].contains("To: boss@example.com") && !tests[0].contains("List-Unsubscribe"));

    // Not for customers; and a started campaign cannot change.
    assert_eq!(bob.get_json("/api/v1/campaigns").await.0, 403);
    assert_eq!(bob.post_json(&path, json!({})).await.0, 403);
    let (status, _) =
        app.send_json(Method::PUT, &format!("/api/v1/campaigns/{id}"), campaign("Changed", json!({}))).await;
    assert_eq!(status, 409);
}
on_both!(sent_once);

async fn paused_and_opted_out(backend: Backend) {
    // One mail a round: pausing right after "send" leaves at most one written.
    let Some(app) = spawn_app_with(backend, false, |s| s.mail.campaign_rate = 1).await else { return };
    app.sign_in_as(Role::Admin, "boss@example.com").await;
    for (email, name) in [("a@example.com", "Al"), ("b@example.com", "Bea"), ("c@example.com", "Cy")] {
        person(&app, email, name, true, json!({})).await;
    }
    let (_, made) = app.post_json("/api/v1/campaigns", campaign("Slow", json!({}))).await;
    let id = made["campaign_id"].as_str().unwrap().to_owned();
    assert_eq!(
        app.post_json(&format!("/api/v1/campaigns/{id}/resume"), json!({})).await.0,
        409,
        "not paused"
    );
    assert_eq!(app.post_json(&format!("/api/v1/campaigns/{id}/send"), json!({})).await.0, 202);
    let (status, r) = app.post_json(&format!("/api/v1/campaigns/{id}/pause"), json!({})).await;
    assert_eq!((status, &r["status"]), (200, &json!("paused")), "{r}");
    tokio::time::sleep(Duration::from_millis(4_500)).await;
    let written = app.scalar("SELECT COUNT(*) FROM outbox WHERE kind = 'campaign'").await;
    assert!(written <= 1, "paused: {written} written");
    // Everyone opts out while it is paused; resumed, nobody more gets it.
    app.exec(bazaar::sql!("UPDATE profiles SET marketing_opt_in_at = NULL")).await;
    assert_eq!(app.post_json(&format!("/api/v1/campaigns/{id}/resume"), json!({})).await.0, 200);
    let mut status = Value::Null;
    for _ in 0..40 {
        status = app.get_json(&format!("/api/v1/campaigns/{id}")).await.1;
        if status["status"] == "sent" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(status["status"], "sent", "{status}");
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM outbox WHERE kind = 'campaign'").await,
        written,
        "opted out: nothing"
    );
    assert_eq!(status["results"]["skipped"].as_i64(), Some(3 - written), "{status}");
}
on_both!(paused_and_opted_out);

db_test!(the_audience_filter_counts_right, true, |app: TestApp| async move {
    app.sign_in_as(Role::Admin, "boss@example.com").await;
    let (seller, product) = shop(&app, "maker@example.com", "Fern", 12).await;
    drop(seller);
    let shop_id: String =
        app.db().scalar(&bazaar::sql!("SELECT id FROM sellers WHERE shop_name = $1", "Fern")).await.unwrap();
    let (buyer, address) = customer(&app, "buyer@example.com").await;
    buyer
        .send_json(
            Method::PATCH,
            "/api/v1/users/profile",
            json!({"marketing_opt_in": true, "skin_type": "oily"}),
        )
        .await;
    buy(&buyer, &address, &[(&product, 1)]).await;
    person(
        &app,
        "dry@example.com",
        "Dee",
        true,
        json!({"skin_type": "dry", "skin_concerns": ["acne", "pores"]}),
    )
    .await;
    let fan = person(&app, "fan@example.com", "Fay", true, json!({"skin_type": "dry"})).await;
    assert_eq!(fan.post_json(&format!("/api/v1/sellers/{shop_id}/follow"), json!({})).await.0 / 100, 2);
    person(&app, "no@example.com", "Ned", false, json!({"skin_type": "dry"})).await;

    let count = |audience: Value| {
        let app = &app;
        async move {
            let (status, r) = app.post_json("/api/v1/campaigns/audience", audience).await;
            assert_eq!(status, 200, "{r}");
            r["recipients"].as_i64().unwrap()
        }
    };
    assert_eq!(count(json!({})).await, 3);
    assert_eq!(count(json!({"skin_types": ["dry"]})).await, 2, "Ned said no");
    assert_eq!(count(json!({"skin_types": ["dry", "oily"]})).await, 3);
    assert_eq!(count(json!({"concerns": ["pores"]})).await, 1);
    assert_eq!(count(json!({"seller_ids": [shop_id.clone()]})).await, 1);
    let category: String = app
        .db()
        .scalar(&bazaar::sql!("SELECT category_id FROM products WHERE id = $1", &product))
        .await
        .unwrap();
    assert_eq!(count(json!({"category_ids": [category]})).await, 1);
    assert_eq!(count(json!({"category_ids": ["no-such-category"]})).await, 0);
    assert_eq!(count(json!({"last_order_within_days": 7})).await, 1);
    assert_eq!(count(json!({"last_order_before_days": 7})).await, 0, "ordered today");
    assert_eq!(count(json!({"follows_seller_id": shop_id})).await, 1);
    assert_eq!(count(json!({"skin_types": ["oily"], "last_order_within_days": 30})).await, 1, "ANDed");

    let (status, r) = app.post_json("/api/v1/campaigns/audience", json!({"skin": ["dry"]})).await;
    assert_eq!(status, 400, "unknown key: {r}");
    let (status, r) = app.post_json("/api/v1/campaigns/audience", json!({"skin_types": ["scaly"]})).await;
    assert_eq!((status, r["error"]["fields"]["skin_types"].is_string()), (400, true), "{r}");
    let mut bad = campaign("Oops", json!({}));
    bad["template"] = json!("Dear {{last_name}}");
    let (status, r) = app.post_json("/api/v1/campaigns", bad).await;
    assert_eq!((status, r["error"]["fields"]["template"].is_string()), (400, true), "{r}");
    let mut late = campaign("Late", json!({}));
    late["scheduled_time"] = json!("2020-01-01T09:00:00Z");
    let (status, r) = app.post_json("/api/v1/campaigns", late).await;
    assert_eq!((status, r["error"]["fields"]["scheduled_time"].is_string()), (400, true), "{r}");
    assert_eq!(app.scalar("SELECT COUNT(*) FROM campaigns").await, 0, "nothing half-written");
    assert_eq!(buyer.post_json("/api/v1/campaigns/audience", json!({})).await.0, 403);
});
