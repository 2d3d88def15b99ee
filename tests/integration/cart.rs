//! The cart: one line per variant, quantities bounded by stock and 10,
//! visitors' carts merging into the person's at sign-in, the same rules
//! through REST and through the plain forms (JavaScript off).

use bazaar::accounts::Role;
use serde_json::{Value, json};

use crate::db_test;
use crate::helpers::TestApp;

/// A product with one variant (and `stock` units of it), and one with several.
async fn products(app: &TestApp, stock: i64) -> (String, String, String) {
    let mut c = app.db().conn().await.unwrap();
    let single: (String, String) = c
        .one(&bazaar::sql!(
            "SELECT p.id, v.id FROM products p JOIN product_variants v ON v.product_id = p.id \
             WHERE p.status = 'active' AND (SELECT COUNT(*) FROM product_variants x WHERE x.product_id = p.id) = 1 \
             ORDER BY p.id LIMIT 1"
        ))
        .await
        .unwrap();
    let many: (String,) = c
        .one(&bazaar::sql!(
            "SELECT p.id FROM products p WHERE p.status = 'active' \
             AND (SELECT COUNT(*) FROM product_variants x WHERE x.product_id = p.id) > 1 ORDER BY p.id LIMIT 1"
        ))
        .await
        .unwrap();
    c.exec(&bazaar::sql!("UPDATE product_variants SET stock = $1 WHERE id = $2", stock, single.1.clone()))
        .await
        .unwrap();
    (single.0, single.1, many.0)
}

fn lines(cart: &Value) -> &Vec<Value> {
    cart["items"].as_array().unwrap()
}

db_test!(one_line_per_variant_within_stock_and_ten, true, |app: TestApp| async move {
    let (product, variant, with_options) = products(&app, 12).await;
    let (status, cart) = app.get_json("/api/v1/cart").await;
    assert_eq!(status, 200);
    assert_eq!((cart["count"].as_i64(), lines(&cart).len()), (Some(0), 0), "a visitor starts empty: {cart}");

    let (status, cart) = app.post_json("/api/v1/cart", json!({"product_id": product, "quantity": 2})).await;
    assert_eq!(status, 201, "{cart}");
    let (status, cart) =
        app.post_json("/api/v1/cart", json!({"product_id": product, "variant_id": variant})).await;
    assert_eq!(status, 201, "{cart}");
    assert_eq!(lines(&cart).len(), 1, "the same variant twice is one line: {cart}");
    let line = &lines(&cart)[0];
    assert_eq!(line["quantity"], 3);
    assert_eq!(line["line_total"].as_i64().unwrap(), line["unit_price"].as_i64().unwrap() * 3);
    assert_eq!(cart["subtotal"], line["line_total"]);
    assert_eq!(cart["count"], 3);
    let item = line["id"].as_str().unwrap().to_owned();

    // Ten of one item at most, whatever the stock.
    let (status, body) = app.post_json("/api/v1/cart", json!({"product_id": product, "quantity": 8})).await;
    assert_eq!(status, 400, "{body}");
    assert!(body["error"]["fields"]["quantity"].as_str().unwrap().contains("at most 10"), "{body}");
    let (status, _) =
        app.send_json(reqwest::Method::PUT, &format!("/api/v1/cart/{item}"), json!({"quantity": 11})).await;
    assert_eq!(status, 400);
    let (status, cart) =
        app.send_json(reqwest::Method::PUT, &format!("/api/v1/cart/{item}"), json!({"quantity": 10})).await;
    assert_eq!((status, cart["count"].as_i64()), (200, Some(10)), "{cart}");

    // Never more than the stock: it drops to 4, so raising is refused, lowering works.
    app.exec(bazaar::sql!("UPDATE product_variants SET stock = 4 WHERE id = $1", variant.clone())).await;
    let (_, cart) = app.get_json("/api/v1/cart").await;
    assert_eq!(lines(&cart)[0]["problem"], "Only 4 left — lower the quantity.", "{cart}");
    assert_eq!(cart["subtotal"], 0, "a line that cannot be bought is not counted: {cart}");
    let (status, body) = app.post_json("/api/v1/cart", json!({"product_id": product})).await;
    assert_eq!(status, 409, "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("only 4 left"), "{body}");
    let (status, cart) =
        app.send_json(reqwest::Method::PUT, &format!("/api/v1/cart/{item}"), json!({"quantity": 4})).await;
    assert_eq!(status, 200);
    assert!(lines(&cart)[0]["problem"].is_null(), "{cart}");

    // A product with options needs one chosen; unknown products are 404.
    let (status, body) = app.post_json("/api/v1/cart", json!({"product_id": with_options})).await;
    assert_eq!(status, 400, "{body}");
    assert!(body["error"]["fields"]["variant_id"].is_string(), "{body}");
    let (status, _) = app.post_json("/api/v1/cart", json!({"product_id": "no-such-product"})).await;
    assert_eq!(status, 404);
    let (status, _) = app.post_json("/api/v1/cart", json!({"product_id": product, "quantity": 0})).await;
    assert_eq!(status, 400);

    // Sold out: adding is refused with the product's name.
    app.exec(bazaar::sql!("UPDATE product_variants SET stock = 0 WHERE id = $1", variant.clone())).await;
    let (status, body) = app.post_json("/api/v1/cart", json!({"product_id": product})).await;
    assert_eq!(status, 409);
    assert!(body["error"]["message"].as_str().unwrap().ends_with("is sold out."), "{body}");

    // Remove: gone, and a second time 404.
    let (status, _) =
        app.send_json(reqwest::Method::DELETE, &format!("/api/v1/cart/{item}"), json!({})).await;
    assert_eq!(status, 204);
    let (status, _) =
        app.send_json(reqwest::Method::DELETE, &format!("/api/v1/cart/{item}"), json!({})).await;
    assert_eq!(status, 404);
});

db_test!(nobody_touches_anothers_cart, true, |app: TestApp| async move {
    let (product, _, _) = products(&app, 20).await;
    let (_, cart) = app.post_json("/api/v1/cart", json!({"product_id": product})).await;
    let item = lines(&cart)[0]["id"].as_str().unwrap().to_owned();
    let other = TestApp::with_client(&app);
    let (_, theirs) = other.get_json("/api/v1/cart").await;
    assert_eq!(theirs["count"], 0, "another browser has its own cart");
    let (status, _) =
        other.send_json(reqwest::Method::PUT, &format!("/api/v1/cart/{item}"), json!({"quantity": 2})).await;
    assert_eq!(status, 404);
    let (status, _) =
        other.send_json(reqwest::Method::DELETE, &format!("/api/v1/cart/{item}"), json!({})).await;
    assert_eq!(status, 404);
    other.sign_in_as(Role::Customer, "other@example.com").await;
    let (status, _) =
        other.send_json(reqwest::Method::DELETE, &format!("/api/v1/cart/{item}"), json!({})).await;
    assert_eq!(status, 404, "signed in, still not theirs");
    let (_, mine) = app.get_json("/api/v1/cart").await;
    assert_eq!(mine["count"], 1);
});

db_test!(a_visitors_cart_merges_at_sign_in, true, |app: TestApp| async move {
    let (product, _, _) = products(&app, 6).await;
    // The person already has 4 in their cart from another device.
    let phone = TestApp::with_client(&app);
    phone.sign_in_as(Role::Customer, "ada@example.com").await;
    phone.post_json("/api/v1/cart", json!({"product_id": product, "quantity": 4})).await;
    // As a visitor on this browser: 3 more, then sign in.
    let (status, _) = app.post_json("/api/v1/cart", json!({"product_id": product, "quantity": 3})).await;
    assert_eq!(status, 201);
    let (status, _) = app
        .post_json(
            "/api/v1/auth/login",
            json!({"email": "ada@example.com", "password": crate::helpers::PASSWORD}),
        )
        .await;
    assert_eq!(status, 200);
    let (_, cart) = app.get_json("/api/v1/cart").await;
    assert_eq!(lines(&cart).len(), 1, "{cart}");
    assert_eq!(lines(&cart)[0]["quantity"], 6, "4 + 3, capped at the 6 in stock: {cart}");
    let (_, on_phone) = phone.get_json("/api/v1/cart").await;
    assert_eq!(on_phone["count"], 6, "one cart for the person on every device");
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM carts WHERE user_id IS NULL").await,
        0,
        "the visitor cart is gone"
    );
    // Signing out leaves the person's cart; the browser is a visitor again.
    app.post_json("/api/v1/auth/logout", json!({})).await;
    let (_, visitor) = app.get_json("/api/v1/cart").await;
    assert_eq!(visitor["count"], 0);
});

db_test!(the_cart_works_without_javascript, true, |app: TestApp| async move {
    let (product, _, _) = products(&app, 3).await;
    let slug: String = app
        .db()
        .opt::<(String,)>(&bazaar::sql!("SELECT slug FROM products WHERE id = $1", product.clone()))
        .await
        .unwrap()
        .unwrap()
        .0;
    let page = format!("/products/{slug}");
    let (_, html) = app.get_text(&page).await;
    assert!(html.contains(r#"action="/api/add_to_cart""#), "the product page has an add-to-cart form");

    let res = app.form_post("/api/add_to_cart", &page, &[("product_id", &product), ("quantity", "2")]).await;
    assert!(res.status().is_redirection(), "{}", res.status());
    assert_eq!(res.headers()["location"], "/cart?added=1");
    let (status, html) = app.get_text("/cart?added=1").await;
    assert_eq!(status, 200);
    assert!(html.contains("Added to your cart."), "{html}");
    assert_eq!(html.matches(r#"data-testid="cart-line""#).count(), 1);
    let badge = html.find("cart-link").map(|i| &html[i..i + 900]).unwrap_or_default();
    assert!(html.contains("Cart, 2 items"), "the header counts the items: {badge}");

    // Asking for more than there is comes back to the page with the reason.
    let res = app.form_post("/api/add_to_cart", &page, &[("product_id", &product), ("quantity", "2")]).await;
    assert!(res.status().is_redirection(), "{}", res.status());
    let back = res.headers()["location"].to_str().unwrap().trim_start_matches(&app.base).to_owned();
    assert!(back.starts_with(&page), "{back}");
    let (_, html) = app.get_text(&back).await;
    assert!(html.contains("only 3 left"), "the refusal is shown beside the form");

    let (_, cart) = app.get_json("/api/v1/cart").await;
    let item = lines(&cart)[0]["id"].as_str().unwrap().to_owned();
    let res = app.form_post("/api/update_cart_line", "/cart", &[("item_id", &item), ("quantity", "3")]).await;
    assert_eq!(res.headers()["location"], "/cart?updated=1");
    let (_, cart) = app.get_json("/api/v1/cart").await;
    assert_eq!(cart["count"], 3);
    let res = app.form_post("/api/remove_cart_line", "/cart", &[("item_id", &item)]).await;
    assert_eq!(res.headers()["location"], "/cart?removed=1");
    let (_, html) = app.get_text("/cart").await;
    assert!(html.contains("Your cart is empty."));
});

db_test!(wishlist_items_move_to_the_cart, true, |app: TestApp| async move {
    let (product, _, _) = products(&app, 5).await;
    app.sign_in_as(Role::Customer, "wisher@example.com").await;
    app.post_json("/api/v1/wishlist", json!({"product_id": product})).await;
    let (_, html) = app.get_text("/wishlist").await;
    assert!(html.contains(r#"formaction="/api/move_to_cart""#), "a Move to cart button");
    let res = app.form_post("/api/move_to_cart", "/wishlist", &[("product_id", &product)]).await;
    assert_eq!(res.headers()["location"], "/cart?added=1");
    let (_, cart) = app.get_json("/api/v1/cart").await;
    assert_eq!(lines(&cart)[0]["product_id"], product.as_str());
    let (_, wishes) = app.get_json("/api/v1/wishlist").await;
    assert_eq!(wishes["data"].as_array().unwrap().len(), 0, "moved, not copied");
});

db_test!(old_visitor_carts_are_forgotten, true, |app: TestApp| async move {
    let (product, _, _) = products(&app, 5).await;
    app.post_json("/api/v1/cart", json!({"product_id": product})).await;
    let kept = TestApp::with_client(&app);
    kept.post_json("/api/v1/cart", json!({"product_id": product})).await;
    let month_ago = bazaar::server::now_ms() - 31 * 24 * 3_600_000;
    app.exec(bazaar::sql!(
        "UPDATE carts SET updated_at = $1 WHERE id IN (SELECT id FROM carts ORDER BY created_at, id LIMIT 1)",
        month_ago
    ))
    .await;
    let gone = app.db().write(async |tx| bazaar::cart::service::sweep(tx).await).await.unwrap();
    assert_eq!(gone, 1);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM carts").await, 1);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM cart_items").await, 1);
    let (_, cart) = kept.get_json("/api/v1/cart").await;
    assert_eq!(cart["count"], 1, "a recent cart stays");
});
