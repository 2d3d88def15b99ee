//! Checkout and orders: one pricing function, placing as one transaction
//! that never oversells, promo limits that hold under concurrency, and
//! idempotent submits — on both databases.

use bazaar::accounts::Role;
use futures_util::future::join_all;
use serde_json::{Value, json};

use crate::db_test;
use crate::helpers::TestApp;

/// Active single-variant products of two different shops, with `stock` each.
pub(crate) async fn two_shops(app: &TestApp, stock: i64) -> [(String, String); 2] {
    let rows: Vec<(String, String, String)> = app
        .db()
        .all(&bazaar::sql!(
            "SELECT p.id, v.id, p.seller_id FROM products p JOIN product_variants v ON v.product_id = p.id \
             WHERE p.status = 'active' AND (SELECT COUNT(*) FROM product_variants x WHERE x.product_id = p.id) = 1 \
             ORDER BY p.id"
        ))
        .await
        .unwrap();
    let first = rows[0].clone();
    let second = rows.iter().find(|r| r.2 != first.2).unwrap().clone();
    for (_, variant, _) in [&first, &second] {
        app.exec(bazaar::sql!(
            "UPDATE product_variants SET stock = $1 WHERE id = $2",
            stock,
            variant.clone()
        ))
        .await;
    }
    [(first.0, first.1), (second.0, second.1)]
}

/// A signed-in customer with one address in `country`; returns its id.
pub(crate) async fn shopper(app: &TestApp, email: &str, country: &str) -> String {
    app.sign_in_as(Role::Customer, email).await;
    let (status, address) = app
        .post_json(
            "/api/v1/users/addresses",
            json!({"full_name": "Ada Lovelace", "address_line1": "1 Rose Lane", "city": "Bath",
                   "postal_code": "BA1 1AA", "country": country}),
        )
        .await;
    assert_eq!(status, 201, "{address}");
    address["id"].as_str().unwrap().to_owned()
}

async fn stock_of(app: &TestApp, variant: &str) -> i64 {
    app.db()
        .scalar::<i64>(&bazaar::sql!("SELECT stock FROM product_variants WHERE id = $1", variant.to_owned()))
        .await
        .unwrap()
}

fn place_body(address: &str, items: Value) -> Value {
    json!({"items": items, "shipping_address_id": address, "payment_method": "cash_on_delivery"})
}

db_test!(cash_on_delivery_from_the_cart, true, |app: TestApp| async move {
    let [(product, variant), _] = two_shops(&app, 5).await;
    let address = shopper(&app, "ada@example.com", "GB").await;
    app.post_json("/api/v1/cart", json!({"product_id": product, "quantity": 2})).await;

    let (status, quote) =
        app.post_json("/api/v1/orders/checkout", json!({"shipping_address_id": address})).await;
    assert_eq!(status, 200, "{quote}");
    let n = |k: &str| quote[k].as_i64().unwrap();
    assert_eq!(n("total"), n("subtotal") + n("shipping") + n("tax") - n("discount"), "{quote}");
    assert_eq!(n("tax"), (n("subtotal") * 2_000 + 5_000) / 10_000, "20% GB tax on the goods: {quote}");
    assert_eq!(quote["lines"][0]["quantity"], 2);
    assert_eq!(stock_of(&app, &variant).await, 5, "a preview reserves nothing");

    let (status, placed) = app
        .post_json(
            "/api/v1/orders",
            json!({"shipping_address_id": address, "payment_method": "cash_on_delivery"}),
        )
        .await;
    assert_eq!(status, 201, "{placed}");
    assert_eq!(placed["total"], quote["total"], "placing prices like the preview");
    assert_eq!(placed["status"], "due_on_delivery");
    let orders = placed["orders"].as_array().unwrap();
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0]["status"], "processing");
    assert_eq!(stock_of(&app, &variant).await, 3);
    let (_, cart) = app.get_json("/api/v1/cart").await;
    assert_eq!(cart["count"], 0, "bought lines leave the cart");

    let id = orders[0]["order_id"].as_str().unwrap().to_owned();
    let (status, order) = app.get_json(&format!("/api/v1/orders/{id}")).await;
    assert_eq!(status, 200, "{order}");
    assert_eq!(order["lines"][0]["quantity"], 2);
    assert!(order["lines"][0]["sku"].as_str().unwrap().len() > 2, "lines keep the SKU as bought");
    assert_eq!(order["events"].as_array().unwrap().len(), 1);
    let (_, mine) = app.get_json("/api/v1/orders").await;
    assert_eq!(mine["data"].as_array().unwrap().len(), 1);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM outbox WHERE kind = 'order_placed'").await, 1);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM outbox WHERE kind = 'new_order'").await, 1);

    // Someone else sees nothing; the buyer may cancel, and the stock comes back.
    let other = TestApp::with_client(&app);
    other.sign_in_as(Role::Customer, "eve@example.com").await;
    assert_eq!(other.get_json(&format!("/api/v1/orders/{id}")).await.0, 404);
    assert_eq!(other.post_json(&format!("/api/v1/orders/{id}/cancel"), json!({})).await.0, 404);
    let (status, cancelled) = app.post_json(&format!("/api/v1/orders/{id}/cancel"), json!({})).await;
    assert_eq!((status, cancelled["status"].as_str()), (200, Some("cancelled")), "{cancelled}");
    assert_eq!(stock_of(&app, &variant).await, 5);
    let (status, again) = app.post_json(&format!("/api/v1/orders/{id}/cancel"), json!({})).await;
    assert_eq!(status, 409, "{again}");
});

db_test!(one_checkout_two_shops_two_orders, true, |app: TestApp| async move {
    let [(a, _), (b, _)] = two_shops(&app, 5).await;
    let address = shopper(&app, "ada@example.com", "US").await;
    // The same product twice in one request is one line, checked once.
    let items = json!([{"product_id": a, "quantity": 3}, {"product_id": b, "quantity": 1}, {"product_id": a, "quantity": 2}]);
    let (status, placed) = app.post_json("/api/v1/orders", place_body(&address, items)).await;
    assert_eq!(status, 201, "{placed}");
    let orders = placed["orders"].as_array().unwrap();
    assert_eq!(orders.len(), 2, "one order per shop: {placed}");
    let sum: i64 = orders.iter().map(|o| o["total"].as_i64().unwrap()).sum();
    assert_eq!(placed["total"].as_i64().unwrap(), sum);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM order_lines").await, 2);
    assert_eq!(app.scalar("SELECT MAX(quantity) FROM order_lines").await, 5);

    // Asking for more than there is: 409 naming the product, nothing written.
    let items = json!([{"product_id": a, "quantity": 1}]);
    let (status, body) = app.post_json("/api/v1/orders", place_body(&address, items)).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["error"]["code"], "out_of_stock");
    assert!(body["error"]["message"].as_str().unwrap().ends_with("is sold out."), "{body}");
    assert_eq!(app.scalar("SELECT COUNT(*) FROM orders").await, 2);
    // Bad input is a clear 400.
    let (status, body) = app
        .post_json(
            "/api/v1/orders",
            json!({"items": [], "shipping_address_id": address, "payment_method": "cash_on_delivery"}),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    let (status, body) = app.post_json("/api/v1/orders", json!({"items": [{"product_id": b, "quantity": 1}], "shipping_address_id": "nope", "payment_method": "cash_on_delivery"})).await;
    assert_eq!((status, body["error"]["fields"]["shipping_address_id"].is_string()), (400, true), "{body}");
    let (status, _) = app.post_json("/api/v1/orders", json!({"items": [{"product_id": b, "quantity": 1}], "shipping_address_id": address, "payment_method": "iou"})).await;
    assert_eq!(status, 400);
});

/// `n` signed-in buyers, each with an address: (client, address id).
async fn buyers(app: &TestApp, n: usize) -> Vec<(TestApp, String)> {
    let mut out = Vec::new();
    for i in 0..n {
        let b = TestApp::with_client(app);
        let address = shopper(&b, &format!("buyer{i}@example.com"), "GB").await;
        out.push((b, address));
    }
    out
}

db_test!(two_hundred_buyers_ten_in_stock, true, |app: TestApp| async move {
    let [(product, variant), _] = two_shops(&app, 10).await;
    let people = buyers(&app, 50).await;
    // 50 people, 4 tries each, all at once: 200 placements race for 10 units.
    let product = &product;
    let calls = people.iter().flat_map(|(b, address)| {
        (0..4).map(move |_| {
            let body = place_body(address, json!([{"product_id": product, "quantity": 1}]));
            async move { b.post_json("/api/v1/orders", body).await }
        })
    });
    let all: Vec<(u16, Value)> = join_all(calls).await;
    let ok = all.iter().filter(|(s, _)| *s == 201).count();
    assert_eq!(ok, 10, "exactly the stock is sold");
    for (status, body) in all.iter().filter(|(s, _)| *s != 201) {
        assert_eq!(*status, 409, "{body}");
        assert_eq!(body["error"]["code"], "out_of_stock", "{body}");
    }
    assert_eq!(stock_of(&app, &variant).await, 0, "never negative");
    assert_eq!(app.scalar("SELECT COUNT(*) FROM orders").await, 10);
});

db_test!(a_promo_limited_to_one_use_is_used_once, true, |app: TestApp| async move {
    let [(product, _), _] = two_shops(&app, 100).await;
    let promo = bazaar::promos::PromoInput {
        code: "ONCE".into(),
        kind: "percent".into(),
        value: 50,
        min_subtotal: 0,
        starts_at: None,
        ends_at: None,
        usage_limit: Some(1),
        per_customer_limit: None,
        shop_id: None,
        category_id: None,
    };
    app.db().write(async |tx| bazaar::promos::service::create(tx, promo).await).await.unwrap();
    let people = buyers(&app, 20).await;
    let calls = people.iter().map(|(b, address)| {
        let mut body = place_body(address, json!([{"product_id": product, "quantity": 1}]));
        body["promo_code"] = json!("once");
        async move { b.post_json("/api/v1/orders", body).await }
    });
    let all: Vec<(u16, Value)> = join_all(calls).await;
    assert_eq!(
        all.iter().filter(|(s, _)| *s == 201).count(),
        1,
        "{:?}",
        all.iter().map(|a| a.0).collect::<Vec<_>>()
    );
    for (status, body) in all.iter().filter(|(s, _)| *s != 201) {
        assert!(*status == 400 || *status == 409, "{body}");
        assert!(body["error"].to_string().contains("used up"), "{body}");
    }
    assert_eq!(app.scalar("SELECT used_count FROM promo_codes").await, 1);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM promo_uses").await, 1);
    let (_, placed) = all.iter().find(|(s, _)| *s == 201).unwrap();
    assert_eq!(
        app.scalar("SELECT discount_minor FROM checkouts").await,
        {
            let sub = app.scalar("SELECT subtotal_minor FROM checkouts").await;
            sub / 2
        },
        "{placed}"
    );
});

db_test!(one_idempotency_key_one_order, true, |app: TestApp| async move {
    let [(product, variant), _] = two_shops(&app, 10).await;
    let address = shopper(&app, "ada@example.com", "GB").await;
    let body = place_body(&address, json!([{"product_id": product, "quantity": 1}]));
    let send = || {
        app.client.post(app.url("/api/v1/orders")).header("idempotency-key", "same-key-1").json(&body).send()
    };
    let (a, b) = tokio::join!(send(), send());
    let (a, b) = (a.unwrap(), b.unwrap());
    let mut statuses = [a.status().as_u16(), b.status().as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 201], "the second is the first's answer");
    let (a, b): (Value, Value) = (a.json().await.unwrap(), b.json().await.unwrap());
    assert_eq!(a["checkout_id"], b["checkout_id"]);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM orders").await, 1);
    assert_eq!(stock_of(&app, &variant).await, 9);
});

db_test!(promo_refusals_say_why, true, |app: TestApp| async move {
    let [(product, _), _] = two_shops(&app, 10).await;
    let address = shopper(&app, "ada@example.com", "GB").await;
    let mut expired = bazaar::promos::PromoInput {
        code: "OLD".into(),
        kind: "fixed".into(),
        value: 500,
        min_subtotal: 0,
        starts_at: Some(0),
        ends_at: Some(1_000),
        usage_limit: None,
        per_customer_limit: None,
        shop_id: None,
        category_id: None,
    };
    app.db().write(async |tx| bazaar::promos::service::create(tx, expired.clone()).await).await.unwrap();
    expired.code = "BIG".into();
    (expired.starts_at, expired.ends_at, expired.min_subtotal) = (None, None, 10_000_000);
    app.db().write(async |tx| bazaar::promos::service::create(tx, expired).await).await.unwrap();
    let preview = |code: &str| json!({"items": [{"product_id": product, "quantity": 1}], "shipping_address_id": address, "promo_code": code});
    for (code, words) in [("nope", "no promo code NOPE"), ("old", "expired"), ("big", "needs")] {
        let (status, body) = app.post_json("/api/v1/orders/checkout", preview(code)).await;
        assert_eq!(status, 400, "{body}");
        assert!(body["error"]["fields"]["promo_code"].as_str().unwrap().contains(words), "{code}: {body}");
    }
});

db_test!(administrators_make_promo_codes_with_the_form, true, |app: TestApp| async move {
    app.sign_in_as(Role::Admin, "boss@example.com").await;
    let fields = [
        ("code", "spring-10"),
        ("kind", "percent"),
        ("value", "10"),
        ("min_subtotal", "20.00"),
        ("starts_on", ""),
        ("ends_on", "2099-12-31"),
        ("usage_limit", "100"),
        ("per_customer_limit", "1"),
        ("shop", ""),
        ("category", "florals"),
    ];
    let res = app.form_post("/api/create_promo", "/admin/promos", &fields).await;
    assert_eq!(res.headers()["location"], "/admin/promos?created=1");
    let (_, html) = app.get_text("/admin/promos?created=1").await;
    assert!(html.contains("SPRING-10") && html.contains("10% off") && html.contains("0 of 100"), "{html}");
    assert_eq!(app.scalar("SELECT min_subtotal_minor FROM promo_codes").await, 2_000);

    // The same code again, and nonsense, come back with field messages.
    let res = app.form_post("/api/create_promo", "/admin/promos", &fields).await;
    let back = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(back.contains("__err"), "{back}");
    let mut bad = fields;
    (bad[0].1, bad[2].1, bad[9].1) = ("x", "250", "no-such-category");
    let res = app.form_post("/api/create_promo", "/admin/promos", &bad).await;
    let (_, html) =
        app.get_text(res.headers()["location"].to_str().unwrap().trim_start_matches(&app.base)).await;
    assert!(
        html.contains("A percentage is 1 to 100.") || html.contains("Use 3 to 32"),
        "field messages show"
    );
    assert!(html.contains("No such category."), "{html}");
    assert_eq!(app.scalar("SELECT COUNT(*) FROM promo_codes").await, 1);

    // Customers may not.
    let shopper = TestApp::with_client(&app);
    shopper.sign_in_as(Role::Customer, "ada@example.com").await;
    let res = shopper.form_post("/api/create_promo", "/admin/promos", &fields).await;
    assert_ne!(res.status().as_u16(), 200);
    assert_eq!(shopper.get_text("/admin/promos").await.0, 403);
});

db_test!(the_back_office_sets_shipping_and_tax, true, |app: TestApp| async move {
    let [(product, _), _] = two_shops(&app, 10).await;
    let admin = TestApp::with_client(&app);
    admin.sign_in_as(Role::Admin, "boss@example.com").await;
    let page = "/admin/settings/checkout";
    let res = admin.form_post("/api/save_shipping", page, &[("flat", "3.50"), ("free_over", "")]).await;
    assert_eq!(res.headers()["location"], "/admin/settings/checkout?saved=shipping");
    let res = admin
        .form_post("/api/save_tax_rate", page, &[("country", "gb"), ("region", ""), ("rate", "12.5")])
        .await;
    assert_eq!(res.headers()["location"], "/admin/settings/checkout?saved=tax");
    let res = admin.form_post("/api/save_tax_rate", page, &[("country", "Britain"), ("rate", "250")]).await;
    let (_, html) =
        admin.get_text(res.headers()["location"].to_str().unwrap().trim_start_matches(&app.base)).await;
    assert!(
        html.contains("two-letter country code") && html.contains("from 0 to 100"),
        "both fields explained"
    );
    let (_, html) = admin.get_text(page).await;
    assert!(html.contains("12.50%"), "{html}");

    let address = shopper(&app, "ada@example.com", "GB").await;
    let body = json!({"items": [{"product_id": product, "quantity": 1}], "shipping_address_id": address});
    let (_, quote) = app.post_json("/api/v1/orders/checkout", body).await;
    assert_eq!(quote["shipping"], 350, "the new flat rate, never free: {quote}");
    assert_eq!(
        quote["tax"].as_i64().unwrap(),
        (quote["subtotal"].as_i64().unwrap() * 1_250 + 5_000) / 10_000
    );
    assert_eq!(app.get_text(page).await.0, 403, "customers may not");
});

/// A customer (made directly, as the bench does) with an address.
async fn direct_buyer(app: &TestApp, email: &str) -> (bazaar::accounts::Viewer, String) {
    use bazaar::accounts::validate::AddressInput;
    let email = email.to_owned();
    app.db()
        .write(async |tx| {
            let id =
                bazaar::accounts::service::create_locked_account(tx, &email, "Cara Card", Role::Customer)
                    .await?;
            let input = AddressInput {
                full_name: "Cara Card".into(),
                phone: String::new(),
                address_line1: "9 Mint St".into(),
                address_line2: String::new(),
                city: "Leeds".into(),
                state: String::new(),
                postal_code: "LS1 1AA".into(),
                country: "GB".into(),
                is_default: true,
            };
            let address = bazaar::accounts::service::add_address(tx, &id, input).await?;
            let viewer = bazaar::accounts::Viewer {
                id,
                email: email.clone(),
                full_name: "Cara Card".into(),
                role: Role::Customer,
                must_enrol: false,
                areas: Default::default(),
            };
            Ok((viewer, address.id))
        })
        .await
        .unwrap()
}

db_test!(unpaid_card_holds_are_released, true, |app: TestApp| async move {
    use bazaar::checkout::service::{PlaceRequest, Policy, Request, place};
    use bazaar::checkout::{ItemRequest, PaymentMethod};
    let [(product, variant), _] = two_shops(&app, 5).await;
    let promo = bazaar::promos::PromoInput {
        code: "HOLD".into(),
        kind: "fixed".into(),
        value: 100,
        min_subtotal: 0,
        starts_at: None,
        ends_at: None,
        usage_limit: Some(1),
        per_customer_limit: None,
        shop_id: None,
        category_id: None,
    };
    app.db().write(async |tx| bazaar::promos::service::create(tx, promo).await).await.unwrap();
    let policy = Policy { card_enabled: true, hold_ms: 30 * 60_000, low_stock: 5 };
    let order = |key: &str, address: &str, promo: Option<&str>| PlaceRequest {
        request: Request {
            items: Some(vec![ItemRequest { product_id: product.clone(), variant_id: None, quantity: 2 }]),
            address_id: address.to_owned(),
            promo_code: promo.map(Into::into),
        },
        payment_method: PaymentMethod::Card,
        key: key.into(),
    };
    let (late, late_address) = direct_buyer(&app, "late@example.com").await;
    let (unpaid, _) =
        place(app.db(), &late, &order("a", &late_address, Some("hold")), None, "USD", policy).await.unwrap();
    assert_eq!(unpaid.status, "pending");
    assert_eq!(unpaid.orders[0].status, "pending");
    let (payer, payer_address) = direct_buyer(&app, "payer@example.com").await;
    let (paid, _) =
        place(app.db(), &payer, &order("b", &payer_address, None), None, "USD", policy).await.unwrap();
    // The payer's money arrived (what the webhook will do): not released.
    app.exec(bazaar::sql!(
        "UPDATE checkouts SET payment_status = 'paid' WHERE id = $1",
        paid.checkout_id.clone()
    ))
    .await;
    assert_eq!(stock_of(&app, &variant).await, 1);
    assert_eq!(app.scalar("SELECT used_count FROM promo_codes").await, 1);

    let now = bazaar::server::now_ms();
    assert_eq!(bazaar::checkout::holds::release_expired(app.db(), now).await.unwrap(), 0, "still held");
    let later = now + 31 * 60_000;
    assert_eq!(bazaar::checkout::holds::release_expired(app.db(), later).await.unwrap(), 1);
    assert_eq!(bazaar::checkout::holds::release_expired(app.db(), later).await.unwrap(), 0, "once");
    assert_eq!(stock_of(&app, &variant).await, 3, "the unpaid order's 2 units are back on sale");
    assert_eq!(app.scalar("SELECT used_count FROM promo_codes").await, 0, "the promo use is given back");
    let status = |id: String| {
        let db = app.db().clone();
        async move {
            db.opt::<(String,)>(&bazaar::sql!("SELECT status FROM orders WHERE id = $1", id))
                .await
                .unwrap()
                .unwrap()
                .0
        }
    };
    assert_eq!(status(unpaid.orders[0].order_id.clone()).await, "cancelled");
    assert_eq!(status(paid.orders[0].order_id.clone()).await, "pending", "a paid checkout keeps its orders");
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM order_events WHERE note LIKE '%did not arrive in time%'").await,
        1
    );
    assert_eq!(app.scalar("SELECT COUNT(*) FROM outbox WHERE kind = 'order_cancelled'").await, 1);
});
