//! `/api/v1/products` and `/api/v1/products/{id}`.

use std::collections::HashSet;

use serde_json::Value;

use crate::db_test;
use crate::helpers::TestApp;

fn prices(body: &Value) -> Vec<f64> {
    body["data"].as_array().unwrap().iter().map(|p| p["price"].as_f64().unwrap()).collect()
}

db_test!(pages_cover_every_product_once, true, |app: TestApp| async move {
    let (status, first) = app.get_json("/api/v1/products?limit=100").await;
    assert_eq!(status, 200);
    let total = first["pagination"]["total"].as_i64().unwrap();
    assert!(total >= 200, "demo catalog has at least 200 products, got {total}");
    assert_eq!(first["pagination"]["limit"], 100);
    let mut seen = HashSet::new();
    let pages = (total + 99) / 100;
    for page in 1..=pages {
        let (_, body) = app.get_json(&format!("/api/v1/products?limit=100&page={page}")).await;
        for p in body["data"].as_array().unwrap() {
            assert!(seen.insert(p["id"].as_str().unwrap().to_owned()), "product repeated across pages");
        }
    }
    assert_eq!(seen.len() as i64, total);
    let (_, past_end) = app.get_json(&format!("/api/v1/products?limit=100&page={}", pages + 1)).await;
    assert_eq!(past_end["data"].as_array().unwrap().len(), 0);
    assert_eq!(past_end["pagination"]["total"], total);
});

db_test!(default_page_has_seed_shape, true, |app: TestApp| async move {
    let (status, body) = app.get_json("/api/v1/products").await;
    assert_eq!(status, 200);
    let data = body["data"].as_array().unwrap();
    assert_eq!(data.len(), 20, "default limit is 20");
    assert_eq!(body["pagination"]["page"], 1);
    let p = &data[0];
    for key in ["id", "title", "price", "currency", "stock", "seller", "category", "image_url"] {
        assert!(!p[key].is_null(), "{key} missing from {p}");
    }
    assert_eq!(p["currency"], "USD");
    assert!(p["price"].as_f64().unwrap() > 0.0);
});

db_test!(sorts_order_the_results, true, |app: TestApp| async move {
    let (_, asc) = app.get_json("/api/v1/products?sort=price_asc&limit=100").await;
    let a = prices(&asc);
    assert!(a.windows(2).all(|w| w[0] <= w[1]), "price_asc not ascending: {a:?}");
    let (_, desc) = app.get_json("/api/v1/products?sort=price_desc&limit=100").await;
    let d = prices(&desc);
    assert!(d.windows(2).all(|w| w[0] >= w[1]), "price_desc not descending");
    assert!(d[0] > a[0]);
    let (_, rated) = app.get_json("/api/v1/products?sort=rating&limit=50").await;
    let r: Vec<f64> =
        rated["data"].as_array().unwrap().iter().map(|p| p["rating"].as_f64().unwrap()).collect();
    assert!(r.windows(2).all(|w| w[0] >= w[1]), "rating not descending: {r:?}");
});

db_test!(category_filter_includes_children, true, |app: TestApp| async move {
    let (status, beauty) = app.get_json("/api/v1/products?category_id=beauty&limit=100").await;
    assert_eq!(status, 200);
    let beauty_total = beauty["pagination"]["total"].as_i64().unwrap();
    let (_, serums) = app.get_json("/api/v1/products?category_id=serums&limit=100").await;
    let serum_total = serums["pagination"]["total"].as_i64().unwrap();
    assert!(serum_total > 0 && serum_total < beauty_total);
    for p in serums["data"].as_array().unwrap() {
        assert_eq!(p["category"]["slug"], "serums");
    }
    // The same filter works with the category's id.
    let id = serums["data"][0]["category"]["id"].as_str().unwrap().to_owned();
    let (_, by_id) = app.get_json(&format!("/api/v1/products?category_id={id}")).await;
    assert_eq!(by_id["pagination"]["total"], serum_total);
    let (_, all) = app.get_json("/api/v1/products").await;
    let (_, florals) = app.get_json("/api/v1/products?category_id=florals").await;
    assert_eq!(
        beauty_total + florals["pagination"]["total"].as_i64().unwrap(),
        all["pagination"]["total"].as_i64().unwrap(),
        "the two verticals partition the catalog"
    );
});

db_test!(seller_filter_and_search, true, |app: TestApp| async move {
    let (_, shop) = app.get_json("/api/v1/products?seller_id=petal-and-stem&limit=100").await;
    assert!(shop["pagination"]["total"].as_i64().unwrap() > 0);
    for p in shop["data"].as_array().unwrap() {
        assert_eq!(p["seller"]["slug"], "petal-and-stem");
    }
    let (status, found) = app.get_json("/api/v1/products?search=Niacinamide&limit=100").await;
    assert_eq!(status, 200);
    let hits = found["data"].as_array().unwrap();
    assert!(!hits.is_empty());
    for p in hits {
        let id = p["id"].as_str().unwrap();
        let (_, detail) = app.get_json(&format!("/api/v1/products/{id}")).await;
        let text = detail.to_string().to_lowercase();
        assert!(text.contains("niacinamide"), "search hit without the word: {}", p["title"]);
    }
    let (_, none) = app.get_json("/api/v1/products?search=zzqxunlikely").await;
    assert_eq!(none["pagination"]["total"], 0);
    // LIKE wildcards are taken literally.
    let (_, pct) = app.get_json("/api/v1/products?search=%25%25").await;
    assert_eq!(pct["pagination"]["total"], 0);
});

db_test!(bad_parameters_get_field_errors, true, |app: TestApp| async move {
    let (status, body) = app.get_json("/api/v1/products?sort=cheapest&page=0&limit=101").await;
    assert_eq!(status, 400);
    assert_eq!(body["error"]["code"], "validation_failed");
    let fields = body["error"]["fields"].as_object().unwrap();
    for key in ["sort", "page", "limit"] {
        assert!(fields.contains_key(key), "no message for {key}: {body}");
    }
    let (status, body) = app.get_json("/api/v1/products?category_id=no-such-category").await;
    assert_eq!(status, 404);
    assert_eq!(body["error"]["code"], "not_found");
    let long = "a".repeat(101);
    let (status, _) = app.get_json(&format!("/api/v1/products?search={long}")).await;
    assert_eq!(status, 400);
});

db_test!(product_detail_by_id_and_slug, true, |app: TestApp| async move {
    let (_, list) = app.get_json("/api/v1/products?limit=100").await;
    let with_variants =
        list["data"].as_array().unwrap().iter().find(|p| p["has_variants"] == true).unwrap().clone();
    let id = with_variants["id"].as_str().unwrap();
    let (status, d) = app.get_json(&format!("/api/v1/products/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(d["id"], id);
    assert!(!d["description"].as_str().unwrap().is_empty());
    assert!(!d["images"].as_array().unwrap().is_empty());
    assert!(!d["variants"].as_array().unwrap().is_empty());
    assert!(d["seller"]["shop_name"].is_string());
    assert!(!d["attributes"].as_object().unwrap().is_empty());
    let slug = d["slug"].as_str().unwrap();
    let (status, by_slug) = app.get_json(&format!("/api/v1/products/{slug}")).await;
    assert_eq!(status, 200);
    assert_eq!(by_slug["id"], id);
    let (status, missing) = app.get_json("/api/v1/products/no-such-product").await;
    assert_eq!(status, 404);
    assert_eq!(missing["error"]["code"], "not_found");
});

db_test!(unknown_routes_and_methods_are_json, false, |app: TestApp| async move {
    let (status, body) = app.get_json("/api/v1/nothing-here").await;
    assert_eq!(status, 404);
    assert_eq!(body["error"]["code"], "not_found");
    let res = app.client.delete(app.url("/api/v1/products")).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 405);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "method_not_allowed");
});

db_test!(openapi_document_lists_the_routes, false, |app: TestApp| async move {
    let (status, doc) = app.get_json("/api/v1/openapi.json").await;
    assert_eq!(status, 200);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    assert!(doc["paths"]["/api/v1/products"]["get"].is_object());
    assert!(doc["paths"]["/api/v1/products/{id}"]["get"].is_object());
    let params = doc["paths"]["/api/v1/products"]["get"]["parameters"].as_array().unwrap();
    let names: Vec<&str> = params.iter().map(|p| p["name"].as_str().unwrap()).collect();
    for n in ["seller_id", "category_id", "search", "sort", "page", "limit"] {
        assert!(names.contains(&n), "{n} not documented");
    }
});
