//! Inventory analytics: stock value at cost and at price, low stock (a
//! product's own threshold or the shop's), days of cover from the last 30
//! days' sales, products with no sale in 90 days — equal to what the
//! catalogue and the orders say; a seller sees only their own stock.

use bazaar::accounts::Role;
use serde_json::{Value, json};

use crate::analytics::{buy, customer, shop};
use crate::helpers::{Backend, TestApp, spawn_app_with};
use crate::on_both;

async fn product(seller: &TestApp, body: Value) -> (String, Value) {
    let (status, made) = seller.post_json("/api/v1/products", body).await;
    assert_eq!(status, 201, "{made}");
    (made["id"].as_str().unwrap().to_owned(), made)
}

fn names(rows: &Value) -> Vec<&str> {
    rows.as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect()
}

async fn inventory_matches_the_stock(backend: Backend) {
    let Some(app) = spawn_app_with(backend, true, |_| {}).await else { return };
    let (seller, _) = shop(&app, "ann@example.com", "Anemone", 8).await;
    let (other, _) = shop(&app, "ben@example.com", "Bramble", 20).await;
    // The shop() helper's product is replaced by ones the test describes.
    app.exec(bazaar::sql!("UPDATE products SET status = 'archived'")).await;
    let (soap, made) = product(
        &seller,
        json!({"title": "Rose Soap", "price": 8, "cost_price": 3, "low_stock_threshold": 25,
        "description": "Soap.", "stock_quantity": 20, "category_id": "serums"}),
    )
    .await;
    product(
        &seller,
        json!({"title": "Lip Balm", "price": 10, "description": "Balm.", "stock_quantity": 2,
        "category_id": "serums"}),
    )
    .await;
    let (candle, _) = product(
        &seller,
        json!({"title": "Old Candle", "price": 15, "description": "Wax.", "stock_quantity": 9,
        "category_id": "serums"}),
    )
    .await;
    let long_ago = bazaar::server::now_ms() - 120 * 86_400_000;
    app.exec(bazaar::sql!("UPDATE products SET created_at = $1 WHERE id = $2", long_ago, candle.as_str()))
        .await;
    let (c, address) = customer(&app, "c@example.com").await;
    buy(&c, &address, &[(&soap, 2)]).await;

    // The product keeps its cost and threshold; bad ones are refused by field.
    assert_eq!(
        (made["cost_price"].as_f64(), made["low_stock_threshold"].as_i64()),
        (Some(3.0), Some(25)),
        "{made}"
    );
    let (status, bad) = seller
        .send_json(
            reqwest::Method::PATCH,
            &format!("/api/v1/products/{soap}"),
            json!({"cost_price": "three"}),
        )
        .await;
    assert_eq!((status, bad["error"]["fields"]["cost"].is_string()), (400, true), "{bad}");

    let (status, r) = seller.get_json("/api/v1/analytics/inventory").await;
    assert_eq!(status, 200, "{r}");
    let n = |k: &str| r[k].as_i64().unwrap();
    assert_eq!((n("products"), n("units_in_stock")), (3, 18 + 2 + 9), "{r}");
    assert_eq!(n("stock_value_at_cost"), 18 * 300, "only the soap has a cost");
    assert_eq!(n("stock_value_at_price"), 18 * 800 + 2 * 1000 + 9 * 1500);
    assert_eq!((n("products_without_cost"), n("low_stock_count"), n("out_of_stock_count")), (2, 2, 0));
    assert_eq!(names(&r["low_stock"]), ["Lip Balm", "Rose Soap"], "the least stock first: {r}");
    let soap_row = &r["low_stock"][1];
    assert_eq!(
        (
            soap_row["low_stock_threshold"].as_i64(),
            soap_row["units_sold_30_days"].as_i64(),
            soap_row["days_of_cover"].as_i64()
        ),
        (Some(25), Some(2), Some(18 * 30 / 2))
    );
    assert_eq!(r["low_stock"][0]["low_stock_threshold"], 5, "the shop's default line");
    assert!(r["low_stock"][0]["days_of_cover"].is_null(), "nothing sold: no pace to measure");
    assert_eq!(names(&r["no_sales_90_days"]), ["Old Candle"], "listed long ago and never sold");
    assert_eq!(names(&r["best_sellers"]), ["Rose Soap"]);

    // The tables download; a product named like a formula stays text.
    let (status, _) = seller
        .send_json(
            reqwest::Method::PATCH,
            &format!("/api/v1/products/{soap}"),
            json!({"title": "=Rose Soap"}),
        )
        .await;
    assert_eq!(status, 200);
    let res = seller.get("/api/v1/analytics/inventory/export?table=low_stock").await;
    assert_eq!(res.status().as_u16(), 200);
    let text = res.text().await.unwrap();
    assert!(text.contains(",'=Rose Soap,Anemone,18,25,2,270,14400\n"), "{text}");
    let (status, rows) =
        seller.get_json("/api/v1/analytics/inventory/export?table=no_sales&format=json").await;
    assert_eq!(
        (status, rows[0]["name"].as_str(), rows[0]["stock"].as_i64()),
        (200, Some("Old Candle"), Some(9)),
        "{rows}"
    );

    // Another shop's seller sees none of it, nor may ask for it.
    let (status, theirs) = other.get_json("/api/v1/analytics/inventory").await;
    assert_eq!((status, theirs["products"].as_i64()), (200, Some(0)), "{theirs}");
    let shop_a = r["seller_id"].as_str().unwrap();
    assert_eq!(other.get_json(&format!("/api/v1/analytics/inventory?seller_id={shop_a}")).await.0, 403);
    assert_eq!(c.get_json("/api/v1/analytics/inventory").await.0, 403, "a customer");
    assert_eq!(TestApp::with_client(&app).get_json("/api/v1/analytics/inventory").await.0, 401);
    let admin = TestApp::with_client(&app);
    admin.sign_in_as(Role::Admin, "boss@example.com").await;
    let (_, all) = admin.get_json("/api/v1/analytics/inventory").await;
    assert_eq!(all["products"], 3, "every shop's products not archived: {all}");
    assert_eq!(all["low_stock"][0]["seller_name"], "Anemone");

    // The pages, readable without JavaScript.
    let (status, html) = admin.get_text("/admin/analytics/inventory").await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"data-testid="low-stock-table""#) && html.contains("Old Candle"), "{html}");
    let (status, html) = seller.get_text("/studio/analytics/inventory").await;
    assert_eq!(status, 200);
    assert!(html.contains("Your stock") && html.contains("Lip Balm"));
    assert_eq!(c.get_text("/studio/analytics/inventory").await.0, 403);
}
on_both!(inventory_matches_the_stock);
