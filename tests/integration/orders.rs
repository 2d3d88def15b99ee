//! An order's life after checkout: the shop sees only its own orders and
//! moves them along (shipping needs a tracking number), illegal moves are
//! refused, every change is in the history, staff filter every order.

use bazaar::accounts::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::db_test;
use crate::helpers::TestApp;

/// A seller's shop with one product; a customer who bought two of it.
/// Returns (seller, customer, order id).
pub(crate) async fn sold(app: &TestApp) -> (TestApp, TestApp, String) {
    let seller = TestApp::with_client(app);
    seller.open_shop("maker@example.com", "Quince & Co").await;
    let product = json!({"title": "Quince Soap", "price": 8, "description": "Soap.", "stock_quantity": 5, "category_id": "serums"});
    let (status, made) = seller.post_json("/api/v1/products", product).await;
    assert_eq!(status, 201, "{made}");
    let customer = TestApp::with_client(app);
    customer.sign_in_as(Role::Customer, "buyer@example.com").await;
    let (_, address) = customer
        .post_json(
            "/api/v1/users/addresses",
            json!({"full_name": "Bo Buyer", "address_line1": "2 Elm St", "city": "Austin", "state": "TX",
                   "postal_code": "73301", "country": "US"}),
        )
        .await;
    let body = json!({"items": [{"product_id": made["id"], "quantity": 2}], "shipping_address_id": address["id"],
                      "payment_method": "cash_on_delivery"});
    let (status, placed) = customer.post_json("/api/v1/orders", body).await;
    assert_eq!(status, 201, "{placed}");
    let id = placed["orders"][0]["order_id"].as_str().unwrap().to_owned();
    (seller, customer, id)
}

fn status_body(status: &str, tracking: Option<&str>) -> Value {
    json!({"status": status, "tracking_number": tracking, "carrier": "Royal Mail"})
}

db_test!(the_shop_ships_its_own_orders, true, |app: TestApp| async move {
    let (seller, customer, id) = sold(&app).await;
    let path = format!("/api/v1/orders/{id}/status");

    // The shop sees it in its studio list and on its page.
    let (_, html) = seller.get_text("/studio/orders").await;
    assert_eq!(html.matches(r#"data-testid="desk-order-row""#).count(), 1, "{html}");
    assert!(html.contains("Test Person"), "the customer's name");
    let (status, _) = seller.get_text(&format!("/studio/orders/{id}")).await;
    assert_eq!(status, 200);

    // Shipping needs a tracking number; then it ships.
    let (status, body) = seller.send_json(Method::PUT, &path, status_body("shipped", None)).await;
    assert_eq!(status, 400, "{body}");
    assert!(body["error"]["fields"]["tracking_number"].is_string());
    let (status, body) =
        seller.send_json(Method::PUT, &path, status_body("shipped", Some("RM123456789GB"))).await;
    assert_eq!((status, body["status"].as_str()), (200, Some("shipped")), "{body}");
    // A shipped order is not cancelled, by anyone.
    let (status, body) = seller.send_json(Method::PUT, &path, status_body("cancelled", None)).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(customer.post_json(&format!("/api/v1/orders/{id}/cancel"), json!({})).await.0, 409);
    let (status, _) = seller.send_json(Method::PUT, &path, status_body("delivered", None)).await;
    assert_eq!(status, 200);
    let (status, _) = seller.send_json(Method::PUT, &path, status_body("bogus", None)).await;
    assert_eq!(status, 400);

    // The buyer sees every step, with who did it.
    let (_, order) = customer.get_json(&format!("/api/v1/orders/{id}")).await;
    assert_eq!(order["status"], "delivered");
    assert_eq!(order["tracking_number"], "RM123456789GB");
    let steps: Vec<&str> =
        order["events"].as_array().unwrap().iter().map(|e| e["status"].as_str().unwrap()).collect();
    assert_eq!(steps, ["processing", "shipped", "delivered"]);
    assert!(order["events"][1]["actor"].as_str().unwrap().contains("seller"), "{order}");
    assert!(order["tax"].as_i64().unwrap() == 0, "no tax rate for Texas here: {order}");
    // The buyer may not move it themselves.
    assert_eq!(customer.send_json(Method::PUT, &path, status_body("processing", None)).await.0, 403);
});

db_test!(other_shops_and_customers_see_nothing, true, |app: TestApp| async move {
    let (_, _, id) = sold(&app).await;
    let rival = TestApp::with_client(&app);
    rival.open_shop("rival@example.com", "Rival Goods").await;
    let path = format!("/api/v1/orders/{id}/status");
    assert_eq!(rival.send_json(Method::PUT, &path, status_body("processing", None)).await.0, 404);
    assert_eq!(rival.get_json(&format!("/api/v1/orders/{id}")).await.0, 404);
    let (_, html) = rival.get_text("/studio/orders").await;
    assert!(html.contains("No orders match."), "a rival's list is empty");
    assert_eq!(rival.get_text(&format!("/studio/orders/{id}")).await.0, 404);
    let stranger = TestApp::with_client(&app);
    stranger.sign_in_as(Role::Customer, "nosy@example.com").await;
    assert_eq!(stranger.send_json(Method::PUT, &path, status_body("processing", None)).await.0, 404);
    assert_eq!(stranger.get_text("/studio/orders").await.0, 403);
    assert_eq!(stranger.get_text("/admin/orders").await.0, 403);
});

db_test!(staff_filter_every_order, true, |app: TestApp| async move {
    let (_, _, id) = sold(&app).await;
    let admin = TestApp::with_client(&app);
    admin.sign_in_as(Role::Admin, "boss@example.com").await;
    let count = |html: &str| html.matches(r#"data-testid="desk-order-row""#).count();
    let (_, html) = admin.get_text("/admin/orders").await;
    assert_eq!(count(&html), 1);
    assert_eq!(count(&admin.get_text("/admin/orders?status=processing&customer=BUYER@").await.1), 1);
    assert_eq!(count(&admin.get_text("/admin/orders?status=shipped").await.1), 0);
    assert_eq!(count(&admin.get_text("/admin/orders?shop=quince-co").await.1), 1);
    assert_eq!(count(&admin.get_text("/admin/orders?shop=no-such-shop").await.1), 0);
    assert_eq!(count(&admin.get_text("/admin/orders?from=2000-01-01&to=2000-12-31").await.1), 0);
    let (status, _) = admin.get_text("/admin/orders?from=yesterday").await;
    assert_eq!(status, 400, "a bad date is explained");
    // The back office moves it along with the same form as the studio (JS off).
    let res = admin
        .form_post(
            "/api/update_order_status",
            &format!("/admin/orders/{id}"),
            &[
                ("id", &id),
                ("status", "shipped"),
                ("carrier", "DHL"),
                ("tracking_number", "JD0001"),
                ("back", &format!("/admin/orders/{id}")),
            ],
        )
        .await;
    assert_eq!(res.headers()["location"].to_str().unwrap(), format!("/admin/orders/{id}?updated=1"));
    let (_, html) = admin.get_text(&format!("/admin/orders/{id}?updated=1")).await;
    let main = &html[html.find("<main").unwrap_or(0)..];
    assert!(main.contains("The order is updated.") && main.contains("JD0001"), "{main}");
});

db_test!(buyers_reviews_are_verified_and_sales_are_counted, true, |app: TestApp| async move {
    let (_, customer, id) = sold(&app).await;
    let (_, order) = customer.get_json(&format!("/api/v1/orders/{id}")).await;
    let product = order["lines"][0]["product_id"].as_str().unwrap().to_owned();
    let sold_count = app
        .db()
        .scalar::<i64>(&bazaar::sql!("SELECT sold_count FROM products WHERE id = $1", product.clone()))
        .await
        .unwrap();
    assert_eq!(sold_count, 2, "two units sold");
    let (status, review) = customer
        .post_json(
            &format!("/api/v1/products/{product}/reviews"),
            json!({"rating": 5, "comment": "Lovely soap."}),
        )
        .await;
    assert_eq!(status, 201, "{review}");
    assert_eq!(review["verified_purchase"], true);
    let stranger = TestApp::with_client(&app);
    stranger.sign_in_as(Role::Customer, "never@example.com").await;
    let (_, review) = stranger
        .post_json(
            &format!("/api/v1/products/{product}/reviews"),
            json!({"rating": 4, "comment": "Looks nice."}),
        )
        .await;
    assert_eq!(review["verified_purchase"], false);
});

db_test!(open_order_pages_hear_of_changes, true, |app: TestApp| async move {
    let (seller, customer, id) = sold(&app).await;
    let mut stream = customer.get(&format!("/api/v1/orders/{id}/events")).await;
    assert_eq!(stream.status().as_u16(), 200);
    assert!(stream.headers()["content-type"].to_str().unwrap().starts_with("text/event-stream"));
    let first = crate::helpers::read_until(&mut stream, "\"status\":\"processing\"").await;
    assert!(first.contains("event: status"), "the current state at once: {first}");
    let (status, _) = seller
        .send_json(
            Method::PUT,
            &format!("/api/v1/orders/{id}/status"),
            status_body("shipped", Some("TRACK123")),
        )
        .await;
    assert_eq!(status, 200);
    let next = crate::helpers::read_until(&mut stream, "\"status\":\"shipped\"").await;
    assert!(next.contains("TRACK123"), "the change, pushed: {next}");
    // Someone else's order has no stream.
    let stranger = TestApp::with_client(&app);
    stranger.sign_in_as(Role::Customer, "nosy@example.com").await;
    assert_eq!(stranger.get(&format!("/api/v1/orders/{id}/events")).await.status().as_u16(), 404);
});
