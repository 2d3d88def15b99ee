//! Order mail goes out through the outbox to a real SMTP server on loopback
//! (aiosmtpd from PyPI, installed by `scripts/bootstrap --test`), once each.

use std::time::Duration;

use bazaar::accounts::Role;
use serde_json::json;

use crate::helpers::{Backend, TestApp, spawn_app_with};
use crate::smtp::SmtpServer;

async fn order_mail_arrives(backend: Backend) {
    let Some(smtp) = SmtpServer::start().await else { return };
    let url = smtp.url();
    let Some(app) = spawn_app_with(backend, true, |s| s.mail.smtp_url = Some(url)).await else { return };
    let product: (String,) = app
        .db()
        .opt(&bazaar::sql!(
            "SELECT p.id FROM products p WHERE p.status = 'active' \
             AND (SELECT SUM(stock) FROM product_variants v WHERE v.product_id = p.id) > 2 \
             AND (SELECT COUNT(*) FROM product_variants x WHERE x.product_id = p.id) = 1 ORDER BY p.id LIMIT 1"
        ))
        .await
        .unwrap()
        .unwrap();
    app.sign_in_as(Role::Customer, "ada@example.com").await;
    let (_, address) = app
        .post_json(
            "/api/v1/users/addresses",
            json!({"full_name": "Ada", "address_line1": "1 Rose Lane", "city": "Bath", "postal_code": "BA1 1AA", "country": "GB"}),
        )
        .await;
    let body = json!({"items": [{"product_id": product.0, "quantity": 2}], "shipping_address_id": address["id"],
                      "payment_method": "cash_on_delivery"});
    let (status, placed) = app.post_json("/api/v1/orders", body).await;
    assert_eq!(status, 201, "{placed}");
    let number = placed["orders"][0]["number"].as_str().unwrap().to_owned();
    let total = bazaar::catalog::Money::new(placed["total"].as_i64().unwrap(), "USD").to_string();

    let mails = smtp.wait_for(2, |_| true).await;
    assert_eq!(mails.len(), 2, "the confirmation and the shop's new-order mail");
    let to_customer = mails.iter().find(|m| m.contains("To: ada@example.com")).expect("the customer's mail");
    assert!(to_customer.contains(&format!("Subject: Your Bazaar order {number} ({total})")), "{to_customer}");
    assert!(
        to_customer.contains("multipart/alternative") && to_customer.contains("text/html"),
        "plain text and HTML"
    );
    let to_shop = mails.iter().find(|m| !m.contains("To: ada@example.com")).unwrap();
    assert!(to_shop.contains(&format!("Subject: New order {number} for {total}")), "{to_shop}");
    // Sent once: marked in the outbox, and nothing more arrives.
    tokio::time::sleep(Duration::from_millis(2_500)).await;
    assert_eq!(smtp.delivered().len(), 2);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL").await, 2);

    // Shipping tells the shopper.
    let admin = TestApp::with_client(&app);
    admin.sign_in_as(Role::Admin, "boss@example.com").await;
    let order = placed["orders"][0]["order_id"].as_str().unwrap();
    let (status, _) = admin
        .send_json(
            reqwest::Method::PUT,
            &format!("/api/v1/orders/{order}/status"),
            json!({"status": "shipped", "carrier": "DHL", "tracking_number": "JD014600006281"}),
        )
        .await;
    assert_eq!(status, 200);
    let subject = format!("Subject: Your order {number} is on its way");
    assert_eq!(smtp.wait_for(1, |m| m.contains(&subject)).await.len(), 1, "the shipped mail arrives");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn order_mail_arrives_sqlite() {
    order_mail_arrives(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn order_mail_arrives_postgres() {
    order_mail_arrives(Backend::Postgres).await;
}

/// Without SMTP, mail waits in the outbox and the back office shows it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_smtp_mail_waits_in_the_outbox() {
    let app = crate::helpers::spawn_app(Backend::Sqlite, true).await.unwrap();
    let admin = TestApp::with_client(&app);
    admin.sign_in_as(Role::Admin, "boss@example.com").await;
    let (status, html) = admin.get_text("/admin/outbox").await;
    assert_eq!(status, 200);
    assert!(html.contains("Without an SMTP server"), "{html}");
    let visitor = app.get("/admin/outbox").await;
    assert!(visitor.status().is_redirection(), "visitors are sent to sign in");
    assert!(visitor.headers()["location"].to_str().unwrap().starts_with("/login"));
}
