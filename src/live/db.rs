//! Live-shopping SQL.

use sqlx::FromRow;

use super::StudioShop;
use crate::server::db::Conn;
use crate::sql;

#[derive(FromRow)]
struct Row {
    slug: String,
    shop_name: String,
    status: String,
    products: i64,
    in_stock: i64,
}

/// Shops with product counts; only `owner`'s when given.
pub async fn studio_shops(c: &mut Conn, owner: Option<&str>) -> Result<Vec<StudioShop>, sqlx::Error> {
    let rows: Vec<Row> = c
        .all(&sql!(
            "SELECT s.slug, s.shop_name, s.status, \
             (SELECT COUNT(*) FROM products p WHERE p.seller_id = s.id AND p.status = 'active') AS products, \
             (SELECT COUNT(*) FROM products p WHERE p.seller_id = s.id AND p.status = 'active' \
              AND EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = p.id AND v.stock > 0)) AS in_stock \
             FROM sellers s WHERE ($1 IS NULL OR s.user_id = $1) ORDER BY s.shop_name",
            owner
        ))
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
