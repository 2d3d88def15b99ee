//! Search by meaning with the real embedding model: products found although
//! no word matches, vectors stored and following product edits, and the
//! shop still answering (words only) without the model.

use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::TestApp;
use crate::{db_test, model_test};
use bazaar::accounts::Role;
use bazaar::ai::IndexerPhase;

/// Products (one per leaf category, plus one) and their vectors.
async fn catalog_with_vectors(app: &TestApp, products: usize) {
    bazaar::catalog::seed::bulk(app.db(), products).await.expect("products");
    bazaar::ai::indexer::initial(app.db(), &app.state.semantic).await.expect("embed");
    assert_eq!(app.state.semantic.vectors().len(), products);
    let indexed =
        bazaar::catalog::search::sync::full_build(app.db(), &app.state.search).await.expect("index");
    assert_eq!(indexed, products as u64);
}

fn categories(body: &Value) -> Vec<String> {
    body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["category"]["slug"].as_str().unwrap().to_owned())
        .collect()
}

model_test!(meaning_finds_what_no_word_says, |app: TestApp| async move {
    catalog_with_vectors(&app, 12).await;
    for (q, wanted) in [
        ("protect my face from the sun", "sun-care"),
        ("wedding decorations", "wedding-events"),
        ("wash my face", "cleansers"),
    ] {
        let url = format!("/api/v1/products?search={}&limit=3", q.replace(' ', "+"));
        let (status, body) = app.get_json(&url).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(categories(&body).first().map(String::as_str), Some(wanted), "{q}: {body}");
    }
    let stored = app.scalar("SELECT COUNT(*) FROM product_embeddings").await;
    assert_eq!(stored, 12, "each vector is stored once");
    // The storefront page ranks the same way.
    let (_, page) = app.get_text("/products?q=wash+my+face").await;
    assert!(page.contains("data-testid=\"result-count\""), "a listing, not an error");
});

model_test!(vectors_follow_product_edits, |app: TestApp| async move {
    catalog_with_vectors(&app, 12).await;
    app.sign_in_as(Role::Admin, "vectors-admin@example.com").await;
    let (_, body) = app.get_json("/api/v1/products?category_id=plants&limit=1").await;
    let id = body["data"][0]["id"].as_str().unwrap().to_owned();
    let before = app.state.semantic.vectors().get(&id).expect("a vector");
    let path = format!("/api/v1/products/{id}");
    let (status, reply) = app
        .send_json(
            Method::PATCH,
            &path,
            json!({"title": "Sea Salt Sunscreen SPF 50", "description": "Broad spectrum protection for long days at the beach."}),
        )
        .await;
    assert_eq!(status, 200, "{reply}");
    // The change feed brings the edit to the indexer, which embeds it again.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let now = app.state.semantic.vectors().get(&id).expect("still a vector");
        if now != before {
            break;
        }
        assert!(Instant::now() < deadline, "the edited product was never embedded again");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    while app.state.semantic.status(0, 0).phase != IndexerPhase::Current {
        assert!(Instant::now() < deadline, "the indexer did not settle");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Archived or deleted products leave the vectors compared with.
    assert_eq!(app.send_json(Method::DELETE, &path, json!(null)).await.0, 204);
    let deadline = Instant::now() + Duration::from_secs(30);
    while app.state.semantic.vectors().get(&id).is_some() {
        assert!(Instant::now() < deadline, "the deleted product kept its vector");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
});

db_test!(without_the_model_words_still_answer, true, |app: TestApp| async move {
    assert!(!app.state.semantic.is_on());
    let (status, body) = app.get_json("/api/v1/products?search=rose&limit=3").await;
    assert_eq!(status, 200);
    assert!(body["pagination"]["total"].as_i64().unwrap() > 0, "{body}");
    app.sign_in_as(Role::Admin, "ai-admin@example.com").await;
    let (status, page) = app.get_text("/admin/ai").await;
    assert_eq!(status, 200);
    assert!(page.contains("Searches match words and suggestions use popularity only"), "{page}");
    assert!(page.contains("Offline: written from templates"));
});

db_test!(prices_and_skin_types_in_the_words_become_filters, true, |app: TestApp| async move {
    let (status, body) =
        app.get_json("/api/v1/products?search=cleanser+for+dry+skin+under+%2425&limit=50").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["understood"], json!(["Up to $25", "Dry skin"]));
    let items = body["data"].as_array().unwrap();
    assert!(!items.is_empty(), "{body}");
    for p in items {
        assert!(p["price"].as_f64().unwrap() <= 25.0, "{p}");
        assert!(p["title"].as_str().unwrap().to_lowercase().contains("cleans"), "{p}");
    }
    // Every one is for dry skin: the same search with the facet gives the same total.
    let (_, faceted) =
        app.get_json("/api/v1/products?search=cleanser+under+%2425&skin_type=Dry&limit=1").await;
    assert_eq!(faceted["pagination"]["total"], body["pagination"]["total"]);
    let (_, page) = app.get_text("/products?q=cleanser+for+dry+skin+under+%2425").await;
    assert!(page.contains("Read from your words"), "the page says what it understood");
});
