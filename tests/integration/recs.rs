//! Recommendations: `GET /api/v1/recommendations` on the demo shop with its
//! generated order history — in stock, scored 0..1 and sorted, with a
//! reason; the profile and purchases shape them; bad input is a 400; and
//! the pages show them ("For you", "Often bought together", "Complete your
//! routine").

use reqwest::Method;
use serde_json::{Value, json};

use crate::db_test;
use crate::helpers::TestApp;

async fn with_history(app: &TestApp) {
    let n = bazaar::recs::history::seed(app.db(), &app.state.passwords).await.expect("history");
    assert!(n > 500, "{n} checkouts");
    app.state.recommender.refresh(app.db()).await.expect("snapshot");
}

fn list(body: &Value) -> &Vec<Value> {
    body["recommendations"].as_array().expect("recommendations")
}

async fn in_stock(app: &TestApp, id: &str) -> bool {
    let (_, p) = app.get_json(&format!("/api/v1/products/{id}")).await;
    p["variants"].as_array().unwrap().iter().any(|v| v["stock"].as_i64().unwrap() > 0)
}

db_test!(suggestions_are_in_stock_scored_sorted_and_explained, true, |app: TestApp| async move {
    with_history(&app).await;
    let (status, body) =
        app.get_json("/api/v1/recommendations?limit=10&skin_type=dry&concerns=redness").await;
    assert_eq!(status, 200, "{body}");
    let recs = list(&body);
    assert_eq!(recs.len(), 10, "{body}");
    let scores: Vec<f64> = recs.iter().map(|r| r["relevance_score"].as_f64().unwrap()).collect();
    assert!(scores.iter().all(|s| (0.0..=1.0).contains(s)), "{scores:?}");
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best first: {scores:?}");
    for r in recs {
        assert!(!r["reason"].as_str().unwrap().is_empty(), "{r}");
        assert!(r["price"].as_f64().unwrap() > 0.0 && !r["slug"].as_str().unwrap().is_empty(), "{r}");
        assert!(in_stock(&app, r["product_id"].as_str().unwrap()).await, "out of stock: {r}");
    }
    // The profile is the strongest signal, named with real figures.
    let first = recs[0]["reason"].as_str().unwrap();
    assert!(first.starts_with("For dry skin"), "{first}");
    assert!(
        recs.iter()
            .any(|r| r["reason"].as_str().unwrap().contains("% of buyers with dry skin rated it 4 or 5")),
        "{body}"
    );
    // A visitor without a profile gets what sells.
    let (_, popular) = app.get_json("/api/v1/recommendations?limit=5").await;
    assert_eq!(list(&popular).len(), 5);
    assert!(list(&popular)[0]["reason"].as_str().unwrap().starts_with("Popular now"), "{popular}");
});

db_test!(around_a_product_come_what_is_bought_with_it, true, |app: TestApp| async move {
    with_history(&app).await;
    // The product bought with others most often.
    let rows: Vec<(String,)> = app
        .db()
        .all(&bazaar::sql!(
            "SELECT l.product_id FROM order_lines l GROUP BY l.product_id ORDER BY COUNT(*) DESC, l.product_id LIMIT 1"
        ))
        .await
        .unwrap();
    let id = rows[0].0.clone();
    let (status, body) = app.get_json(&format!("/api/v1/recommendations?product_id={id}&limit=5")).await;
    assert_eq!(status, 200, "{body}");
    assert!(list(&body).iter().all(|r| r["product_id"] != id.as_str()), "never the product itself");
    assert!(list(&body).iter().any(|r| r["reason"].as_str().unwrap().starts_with("Bought with")), "{body}");
    let (_, product) = app.get_json(&format!("/api/v1/products/{id}")).await;
    let (_, page) = app.get_text(&format!("/products/{}", product["slug"].as_str().unwrap())).await;
    assert!(page.contains("Often bought together"), "the product page shows them");
});

db_test!(what_was_just_bought_is_not_offered_again, true, |app: TestApp| async move {
    with_history(&app).await;
    let address = crate::checkout::shopper(&app, "recs-buyer@example.com", "US").await;
    let (status, _) = app
        .send_json(
            Method::PATCH,
            "/api/v1/users/profile",
            json!({"skin_type": "oily", "skin_concerns": ["acne"]}),
        )
        .await;
    assert_eq!(status, 200);
    let (_, before) = app.get_json("/api/v1/recommendations?limit=10").await;
    let top = list(&before)[0]["product_id"].as_str().unwrap().to_owned();
    assert!(list(&before)[0]["reason"].as_str().unwrap().starts_with("For oily skin"), "{before}");
    let items = json!([{"product_id": top, "quantity": 1}]);
    let (status, placed) = app
        .post_json(
            "/api/v1/orders",
            json!({"items": items, "shipping_address_id": address, "payment_method": "cash_on_delivery"}),
        )
        .await;
    assert_eq!(status, 201, "{placed}");
    let (_, after) = app.get_json("/api/v1/recommendations?limit=50").await;
    assert!(list(&after).iter().all(|r| r["product_id"] != top.as_str()), "bought this week: not again");
    // The home page greets them with "For you".
    let (_, home) = app.get_text("/").await;
    assert!(home.contains("data-testid=\"for-you\""), "the For you shelf");
    // Their cart gets "Complete your routine" from other categories.
    app.post_json("/api/v1/cart", json!({"product_id": top, "quantity": 1})).await;
    let (_, cart) = app.get_text("/cart").await;
    assert!(cart.contains("Complete your routine"), "the cart suggests what goes with it");
});

db_test!(bad_parameters_are_400_and_unknown_products_404, true, |app: TestApp| async move {
    for (query, field) in [
        ("limit=0", "limit"),
        ("limit=51", "limit"),
        ("limit=x", "limit"),
        ("skin_type=scaly", "skin_type"),
        ("concerns=acne,warts", "concerns"),
    ] {
        let (status, body) = app.get_json(&format!("/api/v1/recommendations?{query}")).await;
        assert_eq!(status, 400, "{query}: {body}");
        assert!(body["error"]["fields"][field].is_string(), "{query}: {body}");
    }
    let (status, _) = app.get_json("/api/v1/recommendations?product_id=no-such-product").await;
    assert_eq!(status, 404);
});
