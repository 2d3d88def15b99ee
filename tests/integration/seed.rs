//! The demo catalog and the bulk seeder.

use bazaar::catalog::seed;

use crate::db_test;
use crate::helpers::TestApp;

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(app.db().pool()).await.unwrap()
}

db_test!(demo_catalog_is_rich_and_idempotent, false, |app: TestApp| async move {
    let report = seed::demo(app.db()).await.unwrap().expect("first run seeds");
    assert!(report.products >= 200);
    assert!(seed::demo(app.db()).await.unwrap().is_none(), "second run does nothing");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM products").await, report.products as i64);
    assert!(count(&app, "SELECT COUNT(*) FROM categories").await >= 8);
    assert!(count(&app, "SELECT COUNT(*) FROM sellers WHERE status = 'verified'").await >= 5);
    assert!(count(&app, "SELECT COUNT(*) FROM products WHERE stock = 0").await > 0, "some sold out");
    assert!(count(&app, "SELECT COUNT(*) FROM products WHERE stock BETWEEN 1 AND 5").await > 0, "some low");
    assert!(count(&app, "SELECT COUNT(DISTINCT product_id) FROM product_variants").await > 20);
    assert!(count(&app, "SELECT COUNT(*) FROM product_attributes WHERE name = 'skin_type'").await > 0);
    assert!(count(&app, "SELECT COUNT(*) FROM product_attributes WHERE name = 'occasion'").await > 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM products WHERE cover_media_id IS NULL").await, 0);
    let mismatched = count(
        &app,
        "SELECT COUNT(*) FROM products p WHERE EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = p.id) \
         AND p.stock <> (SELECT SUM(v.stock) FROM product_variants v WHERE v.product_id = p.id)",
    )
    .await;
    assert_eq!(mismatched, 0, "product stock is the sum of its variants");
});

db_test!(bulk_seed_adds_unique_products, false, |app: TestApp| async move {
    seed::demo(app.db()).await.unwrap();
    let before = count(&app, "SELECT COUNT(*) FROM products").await;
    assert_eq!(seed::bulk(app.db(), 600).await.unwrap(), 600);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM products").await, before + 600);
    assert_eq!(seed::bulk(app.db(), 10).await.unwrap(), 10, "a second bulk run keeps slugs unique");
});
