//! Card payments against a real fake Stripe: localstripe (PyPI, installed
//! by `scripts/bootstrap --test`) on loopback, driven through async-stripe,
//! delivering signed webhooks to the app.

use std::path::PathBuf;
use std::time::Duration;

use bazaar::accounts::Role;
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, spawn_app_with};

const SECRET: &str = "whsec_bazaar_tests";

/// localstripe on a free loopback port; killed when dropped.
struct StripeDouble {
    child: std::process::Child,
    port: u16,
    http: reqwest::Client,
}

impl Drop for StripeDouble {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn python() -> PathBuf {
    let tools = std::env::var("BAZAAR_TOOLS").unwrap_or_else(|_| "/opt/bazaar-tools".into());
    PathBuf::from(tools).join("stripe/bin/python")
}

impl StripeDouble {
    async fn start() -> Option<Self> {
        if !python().exists() {
            assert!(
                std::env::var("BAZAAR_REQUIRE_POSTGRES").is_err(),
                "the full suite needs localstripe: run scripts/bootstrap --test"
            );
            eprintln!("skipping: no localstripe (run scripts/bootstrap --test)");
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/stripe-double.py");
        let mut child = std::process::Command::new(python())
            .arg(script)
            .arg(port.to_string())
            .spawn()
            .expect("start localstripe");
        for _ in 0..200 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return Some(Self { child, port, http: reqwest::Client::new() });
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("localstripe did not start");
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// A call to its API, as the shop's account.
    async fn call(&self, method: reqwest::Method, path: &str, form: &[(&str, &str)]) -> (u16, Value) {
        let res = self
            .http
            .request(method, self.url(path))
            .basic_auth("sk_test_bazaar", Some(""))
            .form(form)
            .send()
            .await
            .expect("localstripe answers");
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    /// Send its events to `app`.
    async fn webhook_to(&self, app: &TestApp) {
        let url = app.url("/api/v1/payments/webhook");
        let (status, _) = self
            .call(reqwest::Method::POST, "/_config/webhooks/bazaar", &[("url", &url), ("secret", SECRET)])
            .await;
        assert_eq!(status, 200);
    }

    /// Pay an intent as a browser would, without the shop in between.
    async fn pay_directly(&self, intent: &str) {
        let path = format!("/v1/payment_intents/{intent}");
        let (status, _) =
            self.call(reqwest::Method::POST, &path, &[("payment_method", "pm_card_visa")]).await;
        assert_eq!(status, 200);
        let (status, paid) = self.call(reqwest::Method::POST, &format!("{path}/confirm"), &[]).await;
        assert_eq!((status, paid["status"].as_str()), (200, Some("succeeded")), "{paid}");
    }
}

async fn card_app(backend: Backend, stripe: &StripeDouble) -> Option<TestApp> {
    let (api, js) = (stripe.url("/"), stripe.url("/js.stripe.com/v3/"));
    let app = spawn_app_with(backend, true, |s| {
        s.payments.stripe_secret_key = Some("sk_test_bazaar".into());
        s.payments.stripe_publishable_key = Some("pk_test_bazaar".into());
        s.payments.stripe_webhook_secret = Some(SECRET.into());
        s.payments.stripe_api_url = api;
        s.payments.stripe_js_url = js;
    })
    .await?;
    stripe.webhook_to(&app).await;
    Some(app)
}

/// A signed-in customer places a card order for `quantity` of a product
/// with one variant; the placing answer.
async fn buy_by_card(app: &TestApp, email: &str, quantity: i64) -> Value {
    let product: (String,) = app
        .db()
        .opt(&bazaar::sql!(
            "SELECT p.id FROM products p WHERE p.status = 'active' \
             AND (SELECT SUM(stock) FROM product_variants v WHERE v.product_id = p.id) > 5 \
             AND (SELECT COUNT(*) FROM product_variants x WHERE x.product_id = p.id) = 1 ORDER BY p.id LIMIT 1"
        ))
        .await
        .unwrap()
        .unwrap();
    app.sign_in_as(Role::Customer, email).await;
    let (_, address) = app
        .post_json(
            "/api/v1/users/addresses",
            json!({"full_name": "Cara", "address_line1": "1 Rose Lane", "city": "Bath", "postal_code": "BA1 1AA", "country": "GB"}),
        )
        .await;
    let body = json!({"items": [{"product_id": product.0, "quantity": quantity}],
                      "shipping_address_id": address["id"], "payment_method": "card"});
    let (status, placed) = app.post_json("/api/v1/orders", body).await;
    assert_eq!(status, 201, "{placed}");
    placed
}

async fn status_of(app: &TestApp, order_id: &str) -> String {
    let q = bazaar::sql!("SELECT status FROM orders WHERE id = $1", order_id);
    app.db().opt::<(String,)>(&q).await.unwrap().unwrap().0
}

/// Poll until the order is `want` (webhooks arrive about a second later).
async fn wait_for(app: &TestApp, order_id: &str, want: &str) {
    for _ in 0..150 {
        if status_of(app, order_id).await == want {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("order {order_id} is {}, not {want}", status_of(app, order_id).await);
}

async fn count(app: &TestApp, q: bazaar::server::db::Query) -> i64 {
    app.db().scalar::<i64>(&q).await.unwrap()
}

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

macro_rules! on_both {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name(crate::helpers::Backend::Sqlite).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name(crate::helpers::Backend::Postgres).await;
            }
        }
    };
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
    for _ in 0..50 {
        if count(&app, q.clone()).await > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(count(&app, q).await, 1, "the declined attempt is in the history");

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
    for _ in 0..100 {
        if count(&app, q.clone()).await == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(count(&app, q).await, 1, "the webhook books a refund");
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
    let product: (String,) = app
        .db()
        .opt(&bazaar::sql!(
            "SELECT p.id FROM products p WHERE p.status = 'active' \
             AND (SELECT SUM(stock) FROM product_variants v WHERE v.product_id = p.id) > 5 \
             AND (SELECT COUNT(*) FROM product_variants x WHERE x.product_id = p.id) = 1 ORDER BY p.id LIMIT 1"
        ))
        .await
        .unwrap()
        .unwrap();
    app.sign_in_as(Role::Customer, "dora@example.com").await;
    let (_, address) = app
        .post_json(
            "/api/v1/users/addresses",
            json!({"full_name": "Dora", "address_line1": "2 Elm Row", "city": "York", "postal_code": "YO1 7HH", "country": "GB"}),
        )
        .await;
    let body = json!({"items": [{"product_id": product.0, "quantity": 3}], "shipping_address_id": address["id"],
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
