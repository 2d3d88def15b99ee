//! Reports: a list downloads at once up to 50,000 rows and otherwise runs in
//! the background with its progress; a seller's report holds only their
//! shop; formulas are neutralised; a 200,000-row report is written within a
//! fixed memory bound (the rows go from the database to the file a page at
//! a time).

use std::time::Duration;

use bazaar::accounts::Role;
use serde_json::{Value, json};

use crate::analytics::{buy, customer, shop};
use crate::helpers::{Backend, TestApp, spawn_app_with};
use crate::memory;
use crate::on_both;

/// Ask for a report and wait until it is written; its final state.
async fn report(c: &TestApp, body: Value) -> Value {
    let (status, queued) = c.post_json("/api/v1/reports", body).await;
    assert_eq!(status, 202, "{queued}");
    assert_eq!(queued["status"], "queued");
    let id = queued["report_id"].as_str().unwrap().to_owned();
    // Generous: a 200,000-row report on a busy two-core machine takes a while,
    // and how long is the benchmark's business, not this test's.
    let deadline = std::time::Instant::now() + Duration::from_secs(300);
    while std::time::Instant::now() < deadline {
        let (status, r) = c.get_json(&format!("/api/v1/reports/{id}")).await;
        assert_eq!(status, 200, "{r}");
        match r["status"].as_str() {
            Some("done") | Some("failed") => return r,
            _ => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
    panic!("report {id} did not finish");
}

async fn number(c: &TestApp, id: &str) -> String {
    c.get_json(&format!("/api/v1/orders/{id}")).await.1["number"].as_str().unwrap_or_default().to_owned()
}

async fn sellers_export_their_own_rows_safely(backend: Backend) {
    let Some(app) = spawn_app_with(backend, true, |_| {}).await else { return };
    let (ann, soap) = shop(&app, "ann@example.com", "Anemone", 8).await;
    let bea = TestApp::with_client(&app);
    let bea_id = bea.open_shop("bea@example.com", "Bellflower").await;
    let product = json!({"title": "Bellflower Rose", "price": 5, "description": "A rose.", "stock_quantity": 20, "category_id": "serums"});
    let (status, made) = bea.post_json("/api/v1/products", product).await;
    assert_eq!(status, 201, "{made}");
    let rose = made["id"].as_str().unwrap().to_owned();
    let formula = json!({"title": "=HYPERLINK(\"http://evil.example\",\"x\")", "price": 3, "description": "Bad name.",
                         "stock_quantity": 4, "category_id": "serums"});
    let (status, made) = ann.post_json("/api/v1/products", formula).await;
    assert_eq!(status, 201, "{made}");
    let (buyer, address) = customer(&app, "cy@example.com").await;
    let mine = buy(&buyer, &address, &[(&soap, 2)]).await;
    let theirs = buy(&buyer, &address, &[(&rose, 1)]).await;
    let (mine_no, theirs_no) = (number(&buyer, &mine[0]).await, number(&buyer, &theirs[0]).await);
    assert!(!mine_no.is_empty() && !theirs_no.is_empty());

    // In the background: Ann's orders only, with the progress at 100 and a file.
    let r = report(&ann, json!({"kind": "orders"})).await;
    assert_eq!(
        (r["status"].as_str(), r["progress"].as_i64(), r["rows_written"].as_i64()),
        (Some("done"), Some(100), Some(1)),
        "{r}"
    );
    let (status, csv) = ann.get_text(r["download_url"].as_str().unwrap()).await;
    assert_eq!(status, 200);
    assert!(csv.starts_with("order_id,number,seller_id,shop,"), "{csv}");
    assert!(csv.contains(&mine_no) && !csv.contains(&theirs_no), "{csv}");
    // Nobody else reads Ann's report.
    let report_url = format!("/api/v1/reports/{}", r["report_id"].as_str().unwrap());
    assert_eq!(bea.get_json(&report_url).await.0, 404);
    assert_eq!(bea.get(&format!("{report_url}/download")).await.status(), 404);

    // Naming another shop, being a customer or nobody: refused.
    assert_eq!(ann.post_json("/api/v1/reports", json!({"kind": "orders", "seller_id": bea_id})).await.0, 403);
    assert_eq!(buyer.post_json("/api/v1/reports", json!({"kind": "orders"})).await.0, 403);
    assert_eq!(app.post_json("/api/v1/reports", json!({"kind": "orders"})).await.0, 401);
    let (status, e) = ann.post_json("/api/v1/reports", json!({"kind": "passwords"})).await;
    assert_eq!(status, 400, "{e}");
    assert!(e.to_string().contains("kind"), "{e}");

    // At once: the products list, a would-be formula turned into text.
    let (status, csv) = ann.get_text("/api/v1/exports?kind=products&format=csv").await;
    assert_eq!(status, 200, "{csv}");
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""), "{csv}");
    assert!(!csv.contains("Bellflower"), "another shop's products: {csv}");
    // JSON keeps numbers as numbers.
    let (status, lines) = ann.get_json("/api/v1/exports?kind=order_lines&format=json").await;
    assert_eq!(status, 200, "{lines}");
    assert_eq!(lines.as_array().map(Vec::len), Some(1), "{lines}");
    assert_eq!((lines[0]["quantity"].as_i64(), lines[0]["unit_price_minor"].as_i64()), (Some(2), Some(800)));

    // The back office sees every shop's, with the customers' addresses.
    let admin = TestApp::with_client(&app);
    admin.sign_in_as(Role::Admin, "boss@example.com").await;
    let (_, all) = admin.get_text("/api/v1/exports?kind=customers").await;
    assert!(all.contains("cy@example.com"), "{all}");
    let (_, seller_view) = ann.get_text("/api/v1/exports?kind=customers").await;
    assert!(!seller_view.contains("cy@example.com"), "a seller gets names, not addresses: {seller_view}");
}
on_both!(sellers_export_their_own_rows_safely);

/// Rows the big report has.
const BIG: i64 = 200_000;
/// What writing it may add to the process's memory at its peak.
const BOUND: usize = 8 * 1024 * 1024;

async fn a_long_report_streams_within_a_memory_bound(backend: Backend) {
    let Some(app) = spawn_app_with(backend, true, |_| {}).await else { return };
    let (ann, soap) = shop(&app, "ann@example.com", "Anemone", 8).await;
    let (buyer, address) = customer(&app, "cy@example.com").await;
    let order = buy(&buyer, &address, &[(&soap, 1)]).await.remove(0);
    // Cancelled, so the suggestions' minute-by-minute read of purchases
    // (which would hold these lines in memory) leaves it alone: the
    // measure below is the report's.
    let (status, cancelled) = buyer.post_json(&format!("/api/v1/orders/{order}/cancel"), json!({})).await;
    assert_eq!(status, 200, "{cancelled}");
    // One order with 200,000 lines (made in the database: placing them one by one would take minutes).
    app.exec(bazaar::sql!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1) \
         INSERT INTO order_lines (id, order_id, product_id, variant_id, shop_id, title, variant_title, sku, \
         unit_price_minor, quantity, line_total_minor, refunded_quantity) \
         SELECT l.id || '-' || CAST(n.i AS TEXT), l.order_id, l.product_id, l.variant_id, l.shop_id, \
         l.title || ' with a long name to make the file wide', l.variant_title, l.sku, l.unit_price_minor, \
         l.quantity, l.line_total_minor, 0 FROM n, order_lines l WHERE l.order_id = $2",
        BIG - 1,
        order.as_str()
    ))
    .await;

    // Too long to download at once.
    let (status, e) = ann.get_json("/api/v1/exports?kind=order_lines").await;
    assert_eq!(status, 400, "{e}");
    assert!(e.to_string().contains("report"), "{e}");

    // Wait until the process is quiet: the search index re-reads products
    // changed in the last seconds (its writer takes megabytes while it
    // works), and the stock moved with the order.
    for _ in 0..10 {
        memory::reset_peak();
        let (idle, _) = memory::now_and_peak();
        tokio::time::sleep(Duration::from_millis(3500)).await;
        if memory::now_and_peak().1.saturating_sub(idle) < 1024 * 1024 {
            break;
        }
    }
    memory::reset_peak();
    let (before, _) = memory::now_and_peak();
    let r = report(&ann, json!({"kind": "order_lines", "format": "csv"})).await;
    let (_, peak) = memory::now_and_peak();
    assert_eq!((r["status"].as_str(), r["rows_written"].as_i64()), (Some("done"), Some(BIG)), "{r}");
    let size = r["byte_size"].as_i64().unwrap() as usize;
    let grew = peak.saturating_sub(before);
    eprintln!("report of {BIG} rows: {size} bytes; memory grew {grew} bytes at the peak");
    assert!(size > 2 * BOUND, "the file ({size} bytes) is much larger than the bound");
    assert!(grew < BOUND, "writing the report held {grew} bytes at its peak (bound {BOUND})");

    // The file is whole: a header and every row, read as it comes.
    let mut res = ann.get(r["download_url"].as_str().unwrap()).await;
    assert_eq!(res.status(), 200);
    let (mut lines, mut bytes) = (0usize, 0usize);
    while let Some(chunk) = res.chunk().await.unwrap() {
        lines += chunk.iter().filter(|b| **b == b'\n').count();
        bytes += chunk.len();
    }
    assert_eq!((lines as i64, bytes), (BIG + 1, size));
}
on_both!(a_long_report_streams_within_a_memory_bound);
