//! The demo catalog and the bulk seeder.

use bazaar::catalog::seed;

use crate::db_test;
use crate::helpers::TestApp;

/// Per-product stock, from its variants (the one place stock lives).
const STOCK: &str = "(SELECT SUM(v.stock) FROM product_variants v WHERE v.product_id = p.id)";

db_test!(demo_catalog_is_rich_and_idempotent, false, |app: TestApp| async move {
    let report = seed::demo(app.db()).await.unwrap().expect("first run seeds");
    assert!(report.products >= 200);
    assert!(seed::demo(app.db()).await.unwrap().is_none(), "second run does nothing");
    assert_eq!(app.scalar("SELECT COUNT(*) FROM products").await, report.products as i64);
    assert!(app.scalar("SELECT COUNT(*) FROM categories").await >= 8);
    assert!(app.scalar("SELECT COUNT(*) FROM sellers WHERE status = 'verified'").await >= 5);
    let sold_out = format!("SELECT COUNT(*) FROM products p WHERE {STOCK} = 0");
    let low = format!("SELECT COUNT(*) FROM products p WHERE {STOCK} BETWEEN 1 AND 5");
    assert!(app.scalar(&sold_out).await > 0, "some sold out");
    assert!(app.scalar(&low).await > 0, "some low");
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM products p WHERE NOT EXISTS \
             (SELECT 1 FROM product_variants v WHERE v.product_id = p.id)"
        )
        .await,
        0,
        "every product has a variant: stock lives there only"
    );
    assert!(app.scalar("SELECT COUNT(*) FROM product_attributes WHERE name = 'skin_type'").await > 0);
    assert!(app.scalar("SELECT COUNT(*) FROM product_attributes WHERE name = 'occasion'").await > 0);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM products WHERE cover_media_id IS NULL").await, 0);
});

db_test!(demo_seed_never_touches_a_shop_with_people, false, |app: TestApp| async move {
    app.create_account(
        "owner@example.com",
        "Real Owner",
        "a long real password",
        bazaar::accounts::Role::Admin,
    )
    .await;
    assert!(seed::demo(app.db()).await.unwrap().is_none(), "a database with people gets no demo data");
    assert_eq!(app.scalar("SELECT COUNT(*) FROM products").await, 0);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM users").await, 1, "no demo accounts");
});

db_test!(bulk_seed_adds_unique_products, false, |app: TestApp| async move {
    seed::demo(app.db()).await.unwrap();
    let before = app.scalar("SELECT COUNT(*) FROM products").await;
    assert_eq!(seed::bulk(app.db(), 600).await.unwrap(), 600);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM products").await, before + 600);
    assert_eq!(seed::bulk(app.db(), 10).await.unwrap(), 10, "a second bulk run keeps slugs unique");
});
