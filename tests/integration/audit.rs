//! The audit log: every audited change leaves exactly one row, with the
//! changed fields before and after and who did it; nothing can alter it.

use bazaar::accounts::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::analytics::{buy, customer, shop};
use crate::db_test;
use crate::helpers::{PASSWORD, TestApp};

async fn rows(app: &TestApp, action: &str) -> Vec<Value> {
    let (status, r) = app.get_json(&format!("/api/v1/admin/audit?action={action}")).await;
    assert_eq!(status, 200, "{r}");
    r["entries"].as_array().unwrap().clone()
}

db_test!(each_change_leaves_one_exact_row, true, |app: TestApp| async move {
    app.sign_in_as(Role::Admin, "root@example.com").await;
    let (seller, product) = shop(&app, "maker@example.com", "Maker", 12).await;
    let (buyer, address) = customer(&app, "bo@example.com").await;
    let (_, me) = buyer.get_json("/api/v1/users/me").await;
    let bo = me["id"].as_str().unwrap().to_owned();

    // A role change: the administrator, before → after, the request's id.
    let body = json!({"role": "staff", "password": PASSWORD});
    assert_eq!(app.send_json(Method::PUT, &format!("/api/v1/users/{bo}/roles"), body).await.0, 200);
    let found = rows(&app, "role_changed").await;
    let role_rows: Vec<&Value> = found.iter().filter(|r| r["entity_id"] == bo).collect();
    assert_eq!(role_rows.len(), 1, "{found:?}");
    let row = role_rows[0];
    assert_eq!(
        (row["actor"]["email"].as_str(), row["actor"]["role"].as_str()),
        (Some("root@example.com"), Some("admin"))
    );
    assert_eq!(row["before"], json!({"role": "customer", "areas": ""}));
    assert_eq!(row["after"], json!({"role": "staff", "areas": "orders,catalog,live,support,analytics"}));
    assert!(row["request_id"].as_str().is_some_and(|r| !r.is_empty()) && row["ip"] == "127.0.0.1", "{row}");
    let body = json!({"role": "customer", "password": PASSWORD});
    assert_eq!(app.send_json(Method::PUT, &format!("/api/v1/users/{bo}/roles"), body).await.0, 200);

    // A price edit: only the price, not every field of the product.
    let (status, r) =
        seller.send_json(Method::PATCH, &format!("/api/v1/products/{product}"), json!({"price": 15})).await;
    assert_eq!(status, 200, "{r}");
    let found = rows(&app, "product_changed").await;
    assert_eq!(found.len(), 1, "{found:?}");
    let (before, after) = (&found[0]["before"], &found[0]["after"]);
    assert_eq!(before["price_minor"], 1200);
    assert_eq!(after["price_minor"], 1500);
    assert!(before.get("title").is_none(), "unchanged fields stay out: {before}");

    // Order status moves and a refund: one row each, the refund with its amount.
    let order = buy(&buyer, &address, &[(&product, 2)]).await.remove(0);
    let status_path = format!("/api/v1/orders/{order}/status");
    // Cash on delivery starts in processing.
    for step in [json!({"status": "shipped", "tracking_number": "TRK1"}), json!({"status": "delivered"})] {
        assert_eq!(seller.send_json(Method::PUT, &status_path, step).await.0, 200);
    }
    let moved = rows(&app, "order_status_changed").await;
    assert_eq!(moved.len(), 2, "{moved:?}");
    assert_eq!(
        (&moved[1]["before"], &moved[1]["after"]),
        (&json!({"status": "processing"}), &json!({"status": "shipped"}))
    );
    assert_eq!(moved[1]["actor"]["email"], "maker@example.com", "the seller moved it");
    let (status, r) =
        app.post_json(&format!("/api/v1/orders/{order}/refund"), json!({"reason": "Broken"})).await;
    assert_eq!(status, 200, "{r}");
    let refunds = rows(&app, "refunded").await;
    assert_eq!(refunds.len(), 1, "{refunds:?}");
    let (before, after) = (&refunds[0]["before"], &refunds[0]["after"]);
    assert_eq!((before["status"].as_str(), after["status"].as_str()), (Some("delivered"), Some("refunded")));
    assert!(
        before["refunded_minor"] == 0 && after["refunded_minor"].as_i64() >= Some(3000),
        "{}",
        refunds[0]
    );
    assert_eq!(rows(&app, "order_status_changed").await.len(), 2, "the refund's status is in its own row");

    // Filters, entity history, CSV, and who may read it.
    let (_, r) = app.get_json(&format!("/api/v1/admin/audit?entity=order&entity_id={order}")).await;
    assert_eq!(r["entries"].as_array().unwrap().len(), 3, "{r}");
    let (status, csv) = app.get_text("/api/v1/admin/audit/export?action=refunded").await;
    assert_eq!(status, 200);
    assert!(csv.starts_with("created_at,actor_id,actor_email") && csv.contains("refunded_minor"), "{csv}");
    assert_eq!(buyer.get_json("/api/v1/admin/audit").await.0, 403);
    assert_eq!(seller.get_json("/api/v1/admin/audit").await.0, 403);
    assert_eq!(app.get_json("/api/v1/admin/audit?from=yesterday").await.0, 400);
});

db_test!(the_log_cannot_be_altered, false, |app: TestApp| async move {
    app.sign_in_as(Role::Admin, "root@example.com").await;
    let cleo = TestApp::with_client(&app);
    cleo.sign_in_as(Role::Customer, "cleo@example.com").await;
    let (_, me) = cleo.get_json("/api/v1/users/me").await;
    let path = format!("/api/v1/users/{}/status", me["id"].as_str().unwrap());
    assert_eq!(app.send_json(Method::PUT, &path, json!({"status": "deactivated"})).await.0, 200);
    let count = || async { app.scalar("SELECT COUNT(*) FROM audit_log").await };
    assert_eq!(count().await, 1);
    let mut c = app.db().conn().await.unwrap();
    for statement in ["UPDATE audit_log SET action = 'nothing'", "DELETE FROM audit_log"] {
        let refused = c.exec(&bazaar::sql!(statement)).await;
        assert!(refused.is_err_and(|e| e.to_string().contains("append-only")), "{statement} must be refused");
    }
    if app.db().backend() == bazaar::server::db::Backend::Postgres {
        assert!(c.exec(&bazaar::sql!("TRUNCATE audit_log")).await.is_err(), "TRUNCATE must be refused");
    }
    drop(c);
    assert_eq!(count().await, 1);
    let action: String = app.db().scalar(&bazaar::sql!("SELECT action FROM audit_log")).await.unwrap();
    assert_eq!(action, "status_changed");
});
