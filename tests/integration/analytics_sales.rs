//! The sales view's breakdowns: by category, by channel (a line added from
//! the assistant's answer counts as the assistant's) and by promo code,
//! equal to the orders, running rows equal to a rebuild.

use bazaar::accounts::Role;
use serde_json::{Value, json};

use crate::analytics::{buy, customer, order, rollups, shop};
use crate::helpers::{Backend, TestApp, spawn_app_with};
use crate::on_both;

fn by_name<'a>(rows: &'a Value, name: &str) -> &'a Value {
    rows.as_array().unwrap().iter().find(|r| r["name"] == name).unwrap_or_else(|| panic!("{name}: {rows}"))
}

async fn breakdowns_match_the_orders(backend: Backend) {
    let Some(app) = spawn_app_with(backend, true, |_| {}).await else { return };
    let (seller, soap) = shop(&app, "ann@example.com", "Anemone", 8).await;
    let (status, rose) = seller
        .post_json(
            "/api/v1/products",
            json!({"title": "Red Rose", "price": 5, "description": "A rose.", "stock_quantity": 30, "category_id": "roses"}),
        )
        .await;
    assert_eq!(status, 201, "{rose}");
    let rose = rose["id"].as_str().unwrap().to_owned();
    let promo = bazaar::promos::PromoInput {
        code: "SPRING".into(),
        kind: "percent".into(),
        value: 10,
        min_subtotal: 0,
        starts_at: None,
        ends_at: None,
        usage_limit: None,
        per_customer_limit: None,
        shop_id: None,
        category_id: None,
    };
    app.db().write(async |tx| bazaar::promos::service::create(tx, promo).await).await.unwrap();

    // c1 adds the soap from the assistant's answer and checks out the cart with a code.
    let (c1, addr1) = customer(&app, "c1@example.com").await;
    let (_, html) = c1.get_text("/assistant").await;
    assert!(!html.is_empty());
    let res = c1
        .form_post(
            "/api/add_to_cart",
            "/assistant",
            &[("product_id", &soap), ("quantity", "2"), ("channel", "assistant")],
        )
        .await;
    assert!(res.status().is_redirection(), "{}", res.status());
    let body =
        json!({"shipping_address_id": addr1, "payment_method": "cash_on_delivery", "promo_code": "spring"});
    let (status, placed) = c1.post_json("/api/v1/orders", body).await;
    assert_eq!(status, 201, "{placed}");
    let first = placed["orders"][0]["order_id"].as_str().unwrap().to_owned();
    // c2 buys three roses on the storefront.
    let (c2, addr2) = customer(&app, "c2@example.com").await;
    buy(&c2, &addr2, &[(&rose, 3)]).await;

    let admin = TestApp::with_client(&app);
    admin.sign_in_as(Role::Admin, "boss@example.com").await;
    let coded = order(&admin, &first).await;
    let (status, r) = admin.get_json("/api/v1/analytics/sales").await;
    assert_eq!(status, 200, "{r}");
    let n = |v: &Value, k: &str| v[k].as_i64().unwrap();
    let assistant = by_name(&r["by_channel"], "Assistant");
    assert_eq!(
        (assistant["id"].as_str(), n(assistant, "units"), n(assistant, "revenue")),
        (Some("assistant"), 2, 1600)
    );
    let storefront = by_name(&r["by_channel"], "Storefront");
    assert_eq!((n(storefront, "units"), n(storefront, "revenue")), (3, 1500));
    let serums = by_name(&r["by_category"], "Serums & Treatments");
    let roses = by_name(&r["by_category"], "Roses");
    assert_eq!((n(serums, "revenue"), n(roses, "revenue")), (1600, 1500), "{r}");
    let codes = r["promo_codes"].as_array().unwrap();
    assert_eq!(codes.len(), 1, "{r}");
    assert_eq!(codes[0]["code"], "SPRING");
    assert_eq!(
        (n(&codes[0], "orders"), n(&codes[0], "discount"), n(&codes[0], "revenue")),
        (1, n(&coded, "discount"), n(&coded, "total"))
    );
    assert!(n(&coded, "discount") > 0, "the code took something off: {coded}");

    // The promo code's row goes when its order is cancelled; a rebuild agrees.
    let (status, body) = c1.post_json(&format!("/api/v1/orders/{first}/cancel"), json!({})).await;
    assert_eq!(status, 200, "{body}");
    let (_, r) = admin.get_json("/api/v1/analytics/sales").await;
    assert_eq!(r["promo_codes"].as_array().map(Vec::len), Some(0), "{r}");
    assert!(r["by_channel"].as_array().unwrap().iter().all(|c| c["id"] != "assistant"), "{r}");
    let running = rollups(&app).await;
    bazaar::analytics::service::rebuild_all(app.db()).await.unwrap();
    assert_eq!(rollups(&app).await, running);

    let res = admin.get("/api/v1/analytics/sales/export?table=by_category").await;
    assert_eq!(res.status().as_u16(), 200);
    assert!(res.text().await.unwrap().starts_with("id,name,units,revenue_minor\n"));
    let (status, html) = admin.get_text("/admin/analytics/sales").await;
    assert_eq!(status, 200);
    for id in ["by-category", "by-channel", "promo-codes"] {
        assert!(html.contains(&format!(r#"data-testid="{id}""#)), "{id}");
    }
    let (status, html) = seller.get_text("/studio/analytics").await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"data-testid="by-channel""#), "a seller sees their own breakdowns");
}
on_both!(breakdowns_match_the_orders);
