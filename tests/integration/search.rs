//! Catalog search through `/api/v1/products?search=` and `/products?q=`:
//! typos, prefixes, facets, "did you mean", and the index following writes.

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::db_test;
use crate::helpers::{Backend, TestApp, spawn_app_with};
use bazaar::catalog::search::sync::CHANNEL;

fn titles(body: &Value) -> Vec<String> {
    body["data"].as_array().unwrap().iter().map(|p| p["title"].as_str().unwrap().to_lowercase()).collect()
}

fn total(body: &Value) -> i64 {
    body["pagination"]["total"].as_i64().unwrap()
}

db_test!(typos_and_prefixes_find_products, true, |app: TestApp| async move {
    for (typed, wanted) in [("bouqet", "bouquet"), ("hyaluronc", "hyaluronic")] {
        let (status, body) = app.get_json(&format!("/api/v1/products?search={typed}&limit=5")).await;
        assert_eq!(status, 200, "{body}");
        let found = titles(&body);
        assert!(!found.is_empty(), "{typed} found nothing");
        assert!(found.iter().all(|t| t.contains(wanted)), "{typed}: {found:?}");
    }
    // The last word is a prefix; a title hit ranks above a description hit.
    let (_, body) = app.get_json("/api/v1/products?search=lavend&limit=5").await;
    assert!(titles(&body)[0].contains("lavender"), "{:?}", titles(&body));
    // "moisturzer" is two edits from "moisturiser": the moisturisers come back.
    let (_, body) = app.get_json("/api/v1/products?search=moisturzer&limit=50").await;
    let (_, category) = app.get_json("/api/v1/products?category_id=moisturisers&limit=1").await;
    assert!(total(&body) >= total(&category), "{} < {}", total(&body), total(&category));
    // Short words get no typo allowance, and nonsense finds nothing.
    let (_, none) = app.get_json("/api/v1/products?search=qqxzv").await;
    assert_eq!(total(&none), 0);
    assert!(none.get("did_you_mean").is_none(), "nothing close to suggest");
});

db_test!(nothing_found_suggests_a_correction, true, |app: TestApp| async move {
    let (status, body) = app.get_json("/api/v1/products?search=rse").await;
    assert_eq!(status, 200);
    assert_eq!(total(&body), 0);
    assert_eq!(body["did_you_mean"], "rose");
    let (_, page) = app.get_text("/products?q=rse").await;
    assert!(page.contains("Did you mean"), "the page offers the correction");
    assert!(page.contains("href=\"/products?q=rose\""), "as a link");
});

db_test!(facet_counts_equal_filtered_totals, true, |app: TestApp| async move {
    let (_, body) = app.get_json("/api/v1/products?search=rose&limit=1").await;
    let facets = body["facets"].as_object().expect("facets");
    for group in ["category", "shop", "price", "rating", "in_stock", "occasion", "colour", "flower_type"] {
        let values = facets.get(group).and_then(Value::as_array).unwrap_or_else(|| panic!("{group} missing"));
        assert!(!values.is_empty(), "{group} has values");
        for v in values.iter().take(3) {
            let (value, count) = (v["value"].as_str().unwrap(), v["count"].as_i64().unwrap());
            let param = if group == "category" { "category_id" } else { group };
            let url = format!("/api/v1/products?search=rose&limit=1&{param}={}", urlencode(value));
            let (status, filtered) = app.get_json(&url).await;
            assert_eq!(status, 200, "{url}: {filtered}");
            assert_eq!(total(&filtered), count, "{group}={value}");
        }
    }
    // Two values of one group add up (OR); two groups narrow (AND).
    let (_, two) = app.get_json("/api/v1/products?search=rose&price=25-50&price=50-100&limit=1").await;
    let bands: i64 = ["25-50", "50-100"]
        .iter()
        .map(|b| {
            facets["price"]
                .as_array()
                .unwrap()
                .iter()
                .find(|v| v["value"] == *b)
                .map_or(0, |v| v["count"].as_i64().unwrap())
        })
        .sum();
    assert_eq!(total(&two), bands);
    let (_, both) = app.get_json("/api/v1/products?search=rose&price=50-100&in_stock=1&limit=1").await;
    assert!(total(&both) <= total(&two));
    // A chosen group still counts its other values as if it were not chosen.
    let still = both["facets"]["price"].as_array().unwrap();
    assert!(still.len() > 1, "other price bands stay offered: {still:?}");
});

db_test!(bad_facet_values_are_field_errors, true, |app: TestApp| async move {
    let (status, body) = app.get_json("/api/v1/products?price=1-2&rating=9&in_stock=yes").await;
    assert_eq!(status, 400);
    for field in ["price", "rating", "in_stock"] {
        assert!(body["error"]["fields"][field].is_string(), "{field}: {body}");
    }
});

db_test!(results_page_marks_hits_and_keeps_filters, true, |app: TestApp| async move {
    let (status, page) = app.get_text("/products?q=bouqet&in_stock=1").await;
    assert_eq!(status, 200);
    assert!(page.contains("<mark class=\"search-hit\">Bouquet"), "typo hit highlighted");
    assert!(page.contains("name=\"in_stock\" value=\"1\" checked"), "chosen facet stays checked");
    assert!(page.contains("Best match"), "relevance sort offered with words");
});

db_test!(index_follows_product_changes, true, |app: TestApp| async move {
    let id: String = app
        .db()
        .scalar(&bazaar::sql!("SELECT id FROM products WHERE status = 'active' ORDER BY id LIMIT 1"))
        .await
        .unwrap();
    rename(&app, &id, "Zanzibar Quokka Balm", true).await;
    wait_for_hits(&app, "quokka", 1, Duration::from_secs(5)).await;
    // Archived products leave the index.
    let now = bazaar::server::now_ms();
    let archive = id.clone();
    app.db()
        .write(async |tx| {
            tx.exec(&bazaar::sql!(
                "UPDATE products SET status = 'archived', updated_at = $1 WHERE id = $2",
                now,
                archive.clone()
            ))
            .await?;
            tx.notify(CHANNEL, &archive).await?;
            Ok(())
        })
        .await
        .unwrap();
    wait_for_hits(&app, "quokka", 0, Duration::from_secs(5)).await;
});

// A product edited through node A is found through node B: on
// PostgreSQL through NOTIFY, on SQLite (one file, two pools: no shared
// hub) through the `updated_at` poll.
db_test!(second_node_sees_edits_within_five_seconds, true, |a: TestApp| async move {
    let url = a.state.settings.database.url.clone();
    let backend = if url.starts_with("postgres") { Backend::Postgres } else { Backend::Sqlite };
    let b = spawn_app_with(backend, false, |s| s.database.url = url).await.expect("second node");
    let id: String = a
        .db()
        .scalar(&bazaar::sql!("SELECT id FROM products WHERE status = 'active' ORDER BY id DESC LIMIT 1"))
        .await
        .unwrap();
    let started = Instant::now();
    rename(&a, &id, "Wombat Lantern Serum", true).await;
    wait_for_hits(&b, "wombat", 1, Duration::from_secs(5)).await;
    eprintln!("node B found the edit after {:?}", started.elapsed());
});

async fn rename(app: &TestApp, id: &str, title: &str, notify: bool) {
    let (id, title) = (id.to_owned(), title.to_owned());
    let now = bazaar::server::now_ms();
    app.db()
        .write(async |tx| {
            tx.exec(&bazaar::sql!(
                "UPDATE products SET title = $1, updated_at = $2 WHERE id = $3",
                title,
                now,
                id.clone()
            ))
            .await?;
            if notify {
                tx.notify(CHANNEL, &id).await?;
            }
            Ok(())
        })
        .await
        .unwrap();
}

async fn wait_for_hits(app: &TestApp, word: &str, want: i64, within: Duration) {
    let started = Instant::now();
    loop {
        let (_, body) = app.get_json(&format!("/api/v1/products?search={word}")).await;
        if total(&body) == want {
            return;
        }
        assert!(started.elapsed() < within, "{word}: {} hits after {within:?}, wanted {want}", total(&body));
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
