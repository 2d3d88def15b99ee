//! Live-shopping SQL.

use sqlx::{AnyPool, FromRow};

use super::StudioShop;

#[derive(FromRow)]
struct Row {
    slug: String,
    shop_name: String,
    status: String,
    products: i64,
    in_stock: i64,
}

/// Shops with product counts; only `owner`'s when given.
pub async fn studio_shops(pool: &AnyPool, owner: Option<&str>) -> Result<Vec<StudioShop>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT s.slug, s.shop_name, s.status, \
         (SELECT COUNT(*) FROM products p WHERE p.seller_id = s.id AND p.status = 'active') AS products, \
         (SELECT COUNT(*) FROM products p WHERE p.seller_id = s.id AND p.status = 'active' AND p.stock > 0) AS in_stock \
         FROM sellers s WHERE ($1 IS NULL OR s.user_id = $1) ORDER BY s.shop_name",
    )
    .bind(owner)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| StudioShop {
            slug: r.slug,
            shop_name: r.shop_name,
            status: r.status,
            products: r.products,
            in_stock: r.in_stock,
        })
        .collect())
}
