//! Sellers set their own shop's shipping; checkouts price it per shop.

use serde_json::json;

use crate::checkout::{shopper, two_shops};
use crate::db_test;
use crate::helpers::TestApp;

db_test!(a_seller_sets_their_own_shipping, true, |app: TestApp| async move {
    let [(mine, _), (theirs, _)] = two_shops(&app, 10).await;
    let seller = TestApp::with_client(&app);
    let shop = seller.open_shop("sam@example.com", "Sam's Soaps").await;
    app.exec(bazaar::sql!("UPDATE products SET seller_id = $1 WHERE id = $2", shop, mine.clone())).await;
    let page = "/studio/shipping";
    let (status, html) = seller.get_text(page).await;
    assert_eq!(status, 200);
    assert!(html.contains("uses the shop-wide rate: $4.95 per order, free from $50.00"), "{html}");

    let res = seller.form_post("/api/save_shop_shipping", page, &[("flat", "four"), ("free_over", "")]).await;
    let (_, html) =
        seller.get_text(res.headers()["location"].to_str().unwrap().trim_start_matches(&app.base)).await;
    assert!(html.contains("Enter an amount like 4.95."), "the field says why");
    let res = seller.form_post("/api/save_shop_shipping", page, &[("flat", "0.99"), ("free_over", "")]).await;
    assert_eq!(res.headers()["location"], "/studio/shipping?saved=1");
    let (_, html) = seller.get_text(page).await;
    assert!(html.contains("charges its own rate: $0.99 per order"), "{html}");

    let address = shopper(&app, "ada@example.com", "GB").await;
    let quote = |product: String| {
        let body = json!({"items": [{"product_id": product, "quantity": 1}], "shipping_address_id": address.clone()});
        let app = &app;
        async move { app.post_json("/api/v1/orders/checkout", body).await.1 }
    };
    let ours = quote(mine.clone()).await;
    assert_eq!(ours["shipping"], 99, "the shop's own rate, never free: {ours}");
    let other = quote(theirs.clone()).await;
    let subtotal = other["subtotal"].as_i64().unwrap();
    assert_eq!(other["shipping"], if subtotal >= 5_000 { 0 } else { 495 }, "other shops keep the default");

    // Only their own shop, and only sellers.
    assert_eq!(app.get_text(page).await.0, 403, "a customer has no shop");
    let res = app.form_post("/api/save_shop_shipping", page, &[("flat", "0"), ("free_over", "")]).await;
    assert_ne!(res.status().as_u16(), 200);
    assert_eq!(quote(theirs.clone()).await["shipping"], other["shipping"], "nothing changed for anyone");

    let res = seller.form_post("/api/save_shop_shipping", page, &[("reset", "1")]).await;
    assert_eq!(res.headers()["location"], "/studio/shipping?saved=1");
    let back = quote(mine).await;
    let subtotal = back["subtotal"].as_i64().unwrap();
    assert_eq!(back["shipping"], if subtotal >= 5_000 { 0 } else { 495 }, "back on the default");
});
