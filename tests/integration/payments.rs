//! Card payments against a real fake Stripe: localstripe (PyPI, installed
//! by `scripts/bootstrap --test`) on loopback, driven through async-stripe,
//! delivering signed webhooks to the app.

use std::time::Duration;

use bazaar::accounts::Role;
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp};
use crate::on_both;
use crate::stripe::{SECRET, StripeDouble, buy_by_card, card_app, count, count_reaches, status_of, wait_for};

fn event(kind: &str, id: &str, intent: &str, amount: i64) -> String {
    json!({"id": id, "object": "event", "type": kind, "created": 1, "api_version": "2017-08-15",
           "data": {"object": {"id": intent, "object": "payment_intent", "amount": amount, "status": "succeeded"}}})
    .to_string()
}

async fn deliver(app: &TestApp, body: &str, signature: Option<String>) -> (u16, Value) {
    let mut req = app.client.post(app.url("/api/v1/payments/webhook")).body(body.to_owned());
    if let Some(sig) = signature {
        req = req.header("Stripe-Signature", sig);
    }
    let res = req.header("Content-Type", "application/json").send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

fn sign(body: &str, secret: &str, at: Option<i64>) -> Option<String> {
    Some(stripe_webhook::Webhook::generate_test_header(body, secret, at))
}

/// Declined, then paid: the order turns paid only when Stripe's webhook says so.
async fn a_card_payment_settles_by_webhook(backend: Backend) {
    let Some(stripe) = StripeDouble::start().await else { return };
    let Some(app) = card_app(backend, &stripe).await else { return };
    let placed = buy_by_card(&app, "cara@example.com", 2).await;
    assert_eq!(placed["status"], "pending");
    let intent = placed["payment"]["payment_intent_id"].as_str().expect("an intent per checkout").to_owned();
    assert!(intent.starts_with("pi_") && placed["payment"]["client_secret"].is_string(), "{placed}");
    let checkout = placed["checkout_id"].as_str().unwrap().to_owned();
    let order = placed["orders"][0]["order_id"].as_str().unwrap().to_owned();
    let (status, charged) =
        stripe.call(reqwest::Method::GET, &format!("/v1/payment_intents/{intent}"), &[]).await;
    assert_eq!(
        (status, charged["amount"].as_i64()),
        (200, placed["total"].as_i64()),
        "Stripe charges the total"
    );

    let pay = format!("/api/v1/checkouts/{checkout}/pay");
    let (status, declined) =
        app.post_json(&pay, json!({"payment_method": "pm_card_chargeCustomerFail"})).await;
    assert_eq!((status, declined["error"]["code"].as_str()), (402, Some("payment_failed")), "{declined}");
    let (status, _) = app.post_json(&pay, json!({"payment_method": "4242424242424242"})).await;
    assert_eq!(status, 400, "only Stripe's ids, never card numbers");
    assert_eq!(status_of(&app, &order).await, "pending");
    let q = bazaar::sql!(
        "SELECT COUNT(*) FROM order_events WHERE order_id = $1 AND note LIKE '%did not go through%'",
        order.clone()
    );
    assert_eq!(count_reaches(&app, q, 1).await, 1, "the declined attempt is in the history");

    let (status, ok) = app.post_json(&pay, json!({"payment_method": "pm_card_visa"})).await;
    assert_eq!((status, ok["status"].as_str()), (200, Some("succeeded")), "{ok}");
    wait_for(&app, &order, "paid").await;
    let q = bazaar::sql!(
        "SELECT COUNT(*) FROM outbox WHERE kind = 'order_paid' AND order_id = $1",
        order.clone()
    );
    assert_eq!(count(&app, q).await, 1, "the payment-received mail");
    let q = bazaar::sql!(
        "SELECT COUNT(*) FROM checkouts WHERE id = $1 AND payment_status = 'paid'",
        checkout.clone()
    );
    assert_eq!(count(&app, q).await, 1);

    // Someone else cannot pay, or see, this checkout.
    let other = TestApp::with_client(&app);
    other.sign_in_as(Role::Customer, "mallory@example.com").await;
    let (status, _) = other.post_json(&pay, json!({"payment_method": "pm_card_visa"})).await;
    assert_eq!(status, 404);
}
on_both!(a_card_payment_settles_by_webhook);

/// Bad, stale or missing signatures change nothing; an event is handled
/// once; a late failure cannot un-pay.
async fn webhooks_are_verified_and_handled_once(backend: Backend) {
    let Some(stripe) = StripeDouble::start().await else { return };
    let Some(app) = card_app(backend, &stripe).await else { return };
    let placed = buy_by_card(&app, "cara@example.com", 1).await;
    let intent = placed["payment"]["payment_intent_id"].as_str().unwrap().to_owned();
    let order = placed["orders"][0]["order_id"].as_str().unwrap().to_owned();
    let total = placed["total"].as_i64().unwrap();
    let paid = event("payment_intent.succeeded", "evt_paid_1", &intent, total);

    for (label, sig) in [
        ("another secret", sign(&paid, "whsec_someone_else", None)),
        ("six minutes old", sign(&paid, SECRET, Some(chrono_now() - 360))),
        ("no header", None),
        ("garbage", Some("t=abc,v1=00".to_owned())),
    ] {
        let (status, body) = deliver(&app, &paid, sig).await;
        assert_eq!(status, 400, "{label}: {body}");
    }
    let forged = paid.replace(&total.to_string(), "1");
    let (status, _) = deliver(&app, &forged, sign(&paid, SECRET, None)).await;
    assert_eq!(status, 400, "a body changed after signing");
    assert_eq!(status_of(&app, &order).await, "pending", "nothing changed");
    assert_eq!(count(&app, bazaar::sql!("SELECT COUNT(*) FROM payment_events")).await, 0);

    let (status, body) = deliver(&app, &paid, sign(&paid, SECRET, None)).await;
    assert_eq!((status, body["outcome"].as_str()), (200, Some("paid")), "{body}");
    let (status, body) = deliver(&app, &paid, sign(&paid, SECRET, None)).await;
    assert_eq!((status, body["outcome"].as_str()), (200, Some("duplicate")), "{body}");
    let failed = event("payment_intent.payment_failed", "evt_failed_late", &intent, total);
    let (status, body) = deliver(&app, &failed, sign(&failed, SECRET, None)).await;
    assert_eq!((status, body["outcome"].as_str()), (200, Some("ignored")), "{body}");
    assert_eq!(status_of(&app, &order).await, "paid", "a late failure cannot un-pay");
    let q = bazaar::sql!(
        "SELECT COUNT(*) FROM order_events WHERE order_id = $1 AND status = 'paid'",
        order.clone()
    );
    assert_eq!(count(&app, q).await, 1, "one transition for one event");
    let unknown = event("payment_intent.succeeded", "evt_other", "pi_not_ours", 100);
    let (status, body) = deliver(&app, &unknown, sign(&unknown, SECRET, None)).await;
    assert_eq!((status, body["outcome"].as_str()), (200, Some("ignored")));
}
on_both!(webhooks_are_verified_and_handled_once);

fn chrono_now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

/// The shopper pays while the server is down, so Stripe's webhook finds
/// nobody; after the restart the order is paid all the same — by the
/// start-up reconciliation, and a late redelivery changes nothing.
async fn a_payment_made_while_the_server_was_down_is_reconciled(backend: Backend) {
    let Some(stripe) = StripeDouble::start().await else { return };
    let Some(app) = card_app(backend, &stripe).await else { return };
    let placed = buy_by_card(&app, "cara@example.com", 1).await;
    let intent = placed["payment"]["payment_intent_id"].as_str().unwrap().to_owned();
    let order = placed["orders"][0]["order_id"].as_str().unwrap().to_owned();
    let total = placed["total"].as_i64().unwrap();

    let stopped = app.stop().await;
    stripe.pay_directly(&intent).await;
    tokio::time::sleep(Duration::from_millis(1_500)).await; // its one webhook attempt finds nobody
    let app = stopped.start().await;
    stripe.webhook_to(&app).await;
    wait_for(&app, &order, "paid").await;

    let late = event("payment_intent.succeeded", "evt_redelivered", &intent, total);
    let (status, body) = deliver(&app, &late, sign(&late, SECRET, None)).await;
    assert_eq!((status, body["outcome"].as_str()), (200, Some("already_paid")), "{body}");
    let q = bazaar::sql!(
        "SELECT COUNT(*) FROM order_events WHERE order_id = $1 AND status = 'paid'",
        order.clone()
    );
    assert_eq!(count(&app, q).await, 1);
}
on_both!(a_payment_made_while_the_server_was_down_is_reconciled);
