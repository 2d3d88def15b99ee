//! The tests' Stripe: localstripe (PyPI, installed by `scripts/bootstrap
//! --test`) on a free loopback port, and a shop pointed at it.

use std::path::PathBuf;
use std::time::Duration;

use bazaar::accounts::Role;
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, spawn_app_with};

pub(crate) const SECRET: &str = "whsec_bazaar_tests";

/// localstripe on a free loopback port; killed when dropped.
pub(crate) struct StripeDouble {
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
    pub(crate) async fn start() -> Option<Self> {
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
                bazaar::server::startup::install_crypto();
                return Some(Self { child, port, http: reqwest::Client::new() });
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("localstripe did not start");
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// A call to its API, as the shop's account.
    pub(crate) async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        form: &[(&str, &str)],
    ) -> (u16, Value) {
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
    pub(crate) async fn webhook_to(&self, app: &TestApp) {
        let url = app.url("/api/v1/payments/webhook");
        let (status, _) = self
            .call(reqwest::Method::POST, "/_config/webhooks/bazaar", &[("url", &url), ("secret", SECRET)])
            .await;
        assert_eq!(status, 200);
    }

    /// Pay an intent as a browser would, without the shop in between.
    pub(crate) async fn pay_directly(&self, intent: &str) {
        let path = format!("/v1/payment_intents/{intent}");
        let (status, _) =
            self.call(reqwest::Method::POST, &path, &[("payment_method", "pm_card_visa")]).await;
        assert_eq!(status, 200);
        let (status, paid) = self.call(reqwest::Method::POST, &format!("{path}/confirm"), &[]).await;
        assert_eq!((status, paid["status"].as_str()), (200, Some("succeeded")), "{paid}");
    }
}

pub(crate) async fn card_app(backend: Backend, stripe: &StripeDouble) -> Option<TestApp> {
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
pub(crate) async fn buy_by_card(app: &TestApp, email: &str, quantity: i64) -> Value {
    let product = stocked_product(app).await;
    app.sign_in_as(Role::Customer, email).await;
    let (_, address) = app
        .post_json(
            "/api/v1/users/addresses",
            json!({"full_name": "Cara", "address_line1": "1 Rose Lane", "city": "Bath", "postal_code": "BA1 1AA", "country": "GB"}),
        )
        .await;
    let body = json!({"items": [{"product_id": product, "quantity": quantity}],
                      "shipping_address_id": address["id"], "payment_method": "card"});
    let (status, placed) = app.post_json("/api/v1/orders", body).await;
    assert_eq!(status, 201, "{placed}");
    placed
}

/// An active product with one variant and more than 5 in stock.
pub(crate) async fn stocked_product(app: &TestApp) -> String {
    let q = bazaar::sql!(
        "SELECT p.id FROM products p WHERE p.status = 'active' \
         AND (SELECT SUM(stock) FROM product_variants v WHERE v.product_id = p.id) > 5 \
         AND (SELECT COUNT(*) FROM product_variants x WHERE x.product_id = p.id) = 1 ORDER BY p.id LIMIT 1"
    );
    app.db().opt::<(String,)>(&q).await.unwrap().expect("a stocked product").0
}

/// Poll until the count `q` reads is `want` (webhooks arrive about a second
/// later); the count as last read.
pub(crate) async fn count_reaches(app: &TestApp, q: bazaar::server::db::Query, want: i64) -> i64 {
    for _ in 0..100 {
        if count(app, q.clone()).await == want {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    count(app, q).await
}

pub(crate) async fn status_of(app: &TestApp, order_id: &str) -> String {
    let q = bazaar::sql!("SELECT status FROM orders WHERE id = $1", order_id);
    app.db().opt::<(String,)>(&q).await.unwrap().unwrap().0
}

/// Poll until the order is `want` (webhooks arrive about a second later).
pub(crate) async fn wait_for(app: &TestApp, order_id: &str, want: &str) {
    for _ in 0..150 {
        if status_of(app, order_id).await == want {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("order {order_id} is {}, not {want}", status_of(app, order_id).await);
}

pub(crate) async fn count(app: &TestApp, q: bazaar::server::db::Query) -> i64 {
    app.db().scalar::<i64>(&q).await.unwrap()
}

/// A test run once on SQLite and once on PostgreSQL: `on_both!(name)` for
/// `async fn name(backend: Backend)`.
#[macro_export]
macro_rules! on_both {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::helpers::Backend::Sqlite).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name($crate::helpers::Backend::Postgres).await;
            }
        }
    };
}
