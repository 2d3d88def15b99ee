//! Discovery SQL: product views by day, trending, followed shops' new
//! products, related-product candidates and their attributes.

use crate::server::db::{Conn, Query};
use crate::sql;

fn ids(rows: Vec<(String,)>) -> Vec<String> {
    rows.into_iter().map(|(id,)| id).collect()
}

/// Add `views` to a product's count for `day` (a product deleted since is skipped).
pub async fn add_views(c: &mut Conn, product_id: &str, day: i64, views: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO product_views (product_id, day, views) \
         SELECT id, $2, $3 FROM products WHERE id = $1 \
         ON CONFLICT (product_id, day) DO UPDATE SET views = product_views.views + excluded.views",
        product_id,
        day,
        views
    ))
    .await?;
    Ok(())
}

/// Active products by views since `since_day` plus units sold.
pub async fn trending(c: &mut Conn, since_day: i64, limit: i64) -> Result<Vec<String>, sqlx::Error> {
    let rows = c
        .all(&sql!(
            "SELECT p.id FROM products p \
             LEFT JOIN (SELECT product_id, SUM(views) AS views FROM product_views WHERE day > $1 GROUP BY product_id) v \
             ON v.product_id = p.id \
             WHERE p.status = 'active' AND p.id IN ( \
                 SELECT product_id FROM product_views WHERE day > $1 \
                 UNION SELECT id FROM (SELECT id FROM products WHERE status = 'active' \
                                       ORDER BY sold_count DESC, id DESC LIMIT 100) best) \
             ORDER BY COALESCE(v.views, 0) + p.sold_count DESC, p.id LIMIT $2",
            since_day,
            limit
        ))
        .await?;
    Ok(ids(rows))
}

/// The newest active products of the shops the person follows.
pub async fn from_followed(c: &mut Conn, user_id: &str, limit: i64) -> Result<Vec<String>, sqlx::Error> {
    let rows = c
        .all(&sql!(
            "SELECT p.id FROM products p WHERE p.status = 'active' \
             AND p.seller_id IN (SELECT seller_id FROM follows WHERE user_id = $1) \
             ORDER BY p.created_at DESC, p.id DESC LIMIT $2",
            user_id,
            limit
        ))
        .await?;
    Ok(ids(rows))
}

/// The best-rated active products of a category, but one.
pub async fn same_category(
    c: &mut Conn,
    category_id: &str,
    except: &str,
) -> Result<Vec<String>, sqlx::Error> {
    let rows = c
        .all(&sql!(
            "SELECT id FROM products WHERE category_id = $1 AND status = 'active' AND id <> $2 \
             ORDER BY rating_avg DESC, id LIMIT 48",
            category_id,
            except
        ))
        .await?;
    Ok(ids(rows))
}

/// A product's (name, value) attributes.
pub async fn attributes_of(c: &mut Conn, product_id: &str) -> Result<Vec<(String, String)>, sqlx::Error> {
    c.all(&sql!("SELECT name, value FROM product_attributes WHERE product_id = $1", product_id)).await
}

/// (product id, name, value) for these products.
pub async fn attributes_among(
    c: &mut Conn,
    ids: &[String],
) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Query::new("SELECT product_id, name, value FROM product_attributes WHERE product_id IN ");
    q.push_list(ids);
    c.all(&q).await
}
