//! Refunds: lines or whole orders, through Stripe for cards (with retries),
//! recorded for cash on delivery; stock back, the shopper told.

use bazaar::accounts::Role;
use serde_json::json;

use crate::helpers::{Backend, TestApp};
use crate::on_both;
use crate::stripe::{
    StripeDouble, buy_by_card, card_app, count, count_reaches, status_of, stocked_product, wait_for,
};

async fn stock(app: &TestApp, order_id: &str) -> i64 {
    let q = bazaar::sql!(
        "SELECT v.stock FROM product_variants v JOIN order_lines l ON l.variant_id = v.id WHERE l.order_id = $1",
        order_id
    );
    app.db().scalar::<i64>(&q).await.unwrap()
}

/// Refund one of two, then the rest: money back through Stripe, stock back,
/// the order partly then wholly refunded, the shopper told.
async fn refunds_go_through_stripe(backend: Backend) {
    let Some(stripe) = StripeDouble::start().await else { return };
    let Some(app) = card_app(backend, &stripe).await else { return };
    let placed = buy_by_card(&app, "cara@example.com", 2).await;
    let intent = placed["payment"]["payment_intent_id"].as_str().unwrap().to_owned();
    let order = placed["orders"][0]["order_id"].as_str().unwrap().to_owned();
    let total = placed["total"].as_i64().unwrap();
    let refund_path = format!("/api/v1/orders/{order}/refund");
    let admin = TestApp::with_client(&app);
    admin.sign_in_as(Role::Admin, "boss@example.com").await;
    let (status, body) = admin.post_json(&refund_path, json!({})).await;
    assert_eq!(status, 409, "nothing paid yet: {body}");

    let checkout = placed["checkout_id"].as_str().unwrap();
    let (status, _) = app
        .post_json(&format!("/api/v1/checkouts/{checkout}/pay"), json!({"payment_method": "pm_card_visa"}))
        .await;
    assert_eq!(status, 200);
    wait_for(&app, &order, "paid").await;
    let before = stock(&app, &order).await;

    let (status, _) = app.post_json(&refund_path, json!({})).await;
    assert_eq!(status, 403, "the shopper cannot refund themselves");
    let (_, detail) = app.get_json(&format!("/api/v1/orders/{order}")).await;
    let line = detail["lines"][0]["id"].as_str().unwrap().to_owned();
    let (status, body) =
        admin.post_json(&refund_path, json!({"lines": [{"line_id": line, "quantity": 3}]})).await;
    assert_eq!(status, 400, "more than was bought: {body}");
    let (status, body) = admin
        .post_json(
            &refund_path,
            json!({"lines": [{"line_id": line, "quantity": 1}], "reason": "Arrived bent"}),
        )
        .await;
    assert_eq!((status, body["status"].as_str()), (200, Some("partially_refunded")), "{body}");
    assert_eq!(stock(&app, &order).await, before + 1, "one back on sale");
    let first = body["refunded"].as_i64().unwrap();
    assert!(first > 0 && first < total, "{first} of {total}");

    let (status, body) = admin.post_json(&refund_path, json!({})).await;
    assert_eq!((status, body["status"].as_str()), (200, Some("refunded")), "{body}");
    assert_eq!(body["refunded"].as_i64(), Some(total), "shipping comes back with the last line");
    assert_eq!(stock(&app, &order).await, before + 2);
    let (status, _) = admin.post_json(&refund_path, json!({})).await;
    assert_eq!(status, 409, "nothing left");

    let q = bazaar::sql!(
        "SELECT COUNT(*) FROM refunds WHERE order_id = $1 AND status = 'succeeded' AND stripe_refund_id LIKE 're_%'",
        order.clone()
    );
    assert_eq!(count(&app, q).await, 2, "both refunds made at Stripe");
    let (status, refunded) =
        stripe.call(reqwest::Method::GET, &format!("/v1/payment_intents/{intent}"), &[]).await;
    assert_eq!(status, 200, "{refunded}");
    let q = bazaar::sql!(
        "SELECT COUNT(*) FROM outbox WHERE kind = 'order_refunded' AND order_id = $1",
        order.clone()
    );
    assert_eq!(count(&app, q).await, 2, "the shopper hears of each refund");
}
on_both!(refunds_go_through_stripe);

/// A payment that arrives after the hold ran out is paid back whole.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn money_after_the_hold_ran_out_goes_back() {
    let Some(stripe) = StripeDouble::start().await else { return };
    let Some(app) = card_app(Backend::Sqlite, &stripe).await else { return };
    let placed = buy_by_card(&app, "cara@example.com", 1).await;
    let intent = placed["payment"]["payment_intent_id"].as_str().unwrap().to_owned();
    let order = placed["orders"][0]["order_id"].as_str().unwrap().to_owned();
    let checkout = placed["checkout_id"].as_str().unwrap().to_owned();
    let later = bazaar::server::now_ms() + 31 * 60_000;
    assert_eq!(bazaar::checkout::holds::release_expired(app.db(), later).await.unwrap(), 1);
    assert_eq!(status_of(&app, &order).await, "cancelled");
    let (status, body) = app
        .post_json(&format!("/api/v1/checkouts/{checkout}/pay"), json!({"payment_method": "pm_card_visa"}))
        .await;
    assert_eq!(status, 409, "too late to pay here: {body}");

    stripe.pay_directly(&intent).await;
    let q = bazaar::sql!(
        "SELECT COUNT(*) FROM refunds WHERE checkout_id = $1 AND order_id IS NULL",
        checkout.clone()
    );
    assert_eq!(count_reaches(&app, q, 1).await, 1, "the webhook books a refund");
    let gw = app.state.payments.clone().unwrap();
    bazaar::payments::jobs::send_refunds(app.db(), &gw, i64::MAX).await.unwrap();
    let q = bazaar::sql!(
        "SELECT COUNT(*) FROM checkouts WHERE id = $1 AND payment_status = 'refunded'",
        checkout
    );
    assert_eq!(count(&app, q).await, 1, "paid back at Stripe");
    assert_eq!(status_of(&app, &order).await, "cancelled", "and the order stays cancelled");
}

/// The back office's refund form (a plain form post) and cash on delivery.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cash_on_delivery_is_refunded_by_form_after_delivery() {
    let app = crate::helpers::spawn_app(Backend::Sqlite, true).await.unwrap();
    let product = stocked_product(&app).await;
    app.sign_in_as(Role::Customer, "dora@example.com").await;
    let (_, address) = app
        .post_json(
            "/api/v1/users/addresses",
            json!({"full_name": "Dora", "address_line1": "2 Elm Row", "city": "York", "postal_code": "YO1 7HH", "country": "GB"}),
        )
        .await;
    let body = json!({"items": [{"product_id": product, "quantity": 3}], "shipping_address_id": address["id"],
                      "payment_method": "cash_on_delivery"});
    let (status, placed) = app.post_json("/api/v1/orders", body).await;
    assert_eq!(status, 201, "{placed}");
    let order = placed["orders"][0]["order_id"].as_str().unwrap().to_owned();
    let admin = TestApp::with_client(&app);
    admin.sign_in_as(Role::Admin, "boss@example.com").await;
    let page = format!("/admin/orders/{order}");
    let (status, body) = admin.post_json(&format!("/api/v1/orders/{order}/refund"), json!({})).await;
    assert_eq!(status, 409, "not delivered, so nothing was paid: {body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("cancel the order instead"));
    for to in ["shipped", "delivered"] {
        let (status, _) = admin
            .send_json(
                reqwest::Method::PUT,
                &format!("/api/v1/orders/{order}/status"),
                json!({"status": to, "tracking_number": "TRK1"}),
            )
            .await;
        assert_eq!(status, 200);
    }
    let (_, detail) = app.get_json(&format!("/api/v1/orders/{order}")).await;
    let line = detail["lines"][0]["id"].as_str().unwrap().to_owned();
    let (_, html) = admin.get_text(&page).await;
    assert!(html.contains("Refund everything left"), "the form is on the back office's page");

    let res = admin
        .form_post(
            "/api/refund_order",
            &page,
            &[("id", &order), ("back", &page), ("lines[0][line_id]", &line), ("lines[0][quantity]", "0")],
        )
        .await;
    assert!(res.status().is_redirection() || res.status() == 400, "{}", res.status());
    assert_eq!(status_of(&app, &order).await, "delivered", "nothing chosen, nothing refunded");
    let res = admin
        .form_post(
            "/api/refund_order",
            &page,
            &[
                ("id", &order),
                ("back", &page),
                ("lines[0][line_id]", &line),
                ("lines[0][quantity]", "2"),
                ("reason", "Too big"),
            ],
        )
        .await;
    assert!(res.status().is_redirection(), "{}", res.status());
    assert_eq!(status_of(&app, &order).await, "partially_refunded");
    let q = bazaar::sql!(
        "SELECT COUNT(*) FROM refunds WHERE order_id = $1 AND method = 'cash_on_delivery' AND status = 'succeeded'",
        order.clone()
    );
    assert_eq!(count(&app, q).await, 1, "cash handed back is recorded at once");
    let res =
        admin.form_post("/api/refund_order", &page, &[("id", &order), ("back", &page), ("whole", "1")]).await;
    assert!(res.status().is_redirection(), "{}", res.status());
    assert_eq!(status_of(&app, &order).await, "refunded");
    let (_, html) = app.get_text(&format!("/orders/{order}")).await;
    assert!(html.contains("Too big") && html.contains("handed back"), "the shopper sees the refunds");
}

/// The shopper cancels an unpaid card order: the form refuses to take money
/// for it, and money that reaches Stripe anyway goes back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn money_for_an_order_cancelled_before_paying_goes_back() {
    let Some(stripe) = StripeDouble::start().await else { return };
    let Some(app) = card_app(Backend::Sqlite, &stripe).await else { return };
    let placed = buy_by_card(&app, "cara@example.com", 1).await;
    let intent = placed["payment"]["payment_intent_id"].as_str().unwrap().to_owned();
    let order = placed["orders"][0]["order_id"].as_str().unwrap().to_owned();
    let checkout = placed["checkout_id"].as_str().unwrap().to_owned();
    let (status, _) = app.post_json(&format!("/api/v1/orders/{order}/cancel"), json!({})).await;
    assert_eq!(status, 200);
    let (status, body) = app
        .post_json(&format!("/api/v1/checkouts/{checkout}/pay"), json!({"payment_method": "pm_card_visa"}))
        .await;
    assert_eq!(status, 409, "nothing to pay for: {body}");

    stripe.pay_directly(&intent).await;
    let q = bazaar::sql!("SELECT COUNT(*) FROM refunds WHERE order_id = $1", order.clone());
    assert_eq!(count_reaches(&app, q, 1).await, 1, "the webhook books its refund");
    let gw = app.state.payments.clone().unwrap();
    bazaar::payments::jobs::send_refunds(app.db(), &gw, i64::MAX).await.unwrap();
    let q = bazaar::sql!(
        "SELECT COUNT(*) FROM refunds WHERE order_id = $1 AND status = 'succeeded'",
        order.clone()
    );
    assert_eq!(count(&app, q).await, 1, "paid back at Stripe");
    assert_eq!(status_of(&app, &order).await, "cancelled");
}
