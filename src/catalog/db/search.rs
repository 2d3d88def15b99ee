//! Reading products for the search index: in id order for a full build,
//! by id for changes, by `updated_at` for the catch-up poll.

use sqlx::FromRow;

use crate::catalog::search::schema::IndexDoc;
use crate::server::db::{Conn, Query};
use crate::sql;

/// Rows per batch of a full build.
pub const BATCH: i64 = 500;

const DOC_SELECT: &str = "SELECT p.id, p.slug, p.title, p.subtitle, p.description, p.price_minor, p.rating_avg, \
     p.created_at, s.slug AS shop_slug, s.shop_name, c.slug AS category_slug, c.name AS category_name, \
     pc.slug AS parent_slug, pc.name AS parent_name, \
     CAST(CASE WHEN EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = p.id AND v.stock > 0) \
          THEN 1 ELSE 0 END AS BIGINT) AS in_stock \
     FROM products p \
     JOIN sellers s ON s.id = p.seller_id \
     JOIN categories c ON c.id = p.category_id \
     LEFT JOIN categories pc ON pc.id = c.parent_id \
     WHERE p.status = 'active'";

#[derive(Debug, FromRow)]
struct DocRow {
    id: String,
    slug: String,
    title: String,
    subtitle: String,
    description: String,
    price_minor: i64,
    rating_avg: i64,
    created_at: i64,
    shop_slug: String,
    shop_name: String,
    category_slug: String,
    category_name: String,
    parent_slug: Option<String>,
    parent_name: Option<String>,
    in_stock: i64,
}

#[derive(Debug, FromRow)]
struct AttributeRow {
    product_id: String,
    name: String,
    value: String,
}

/// Active products with ids after `after` (all when `None`), `BATCH` at most, in id order.
pub async fn docs_after(c: &mut Conn, after: Option<&str>) -> Result<Vec<IndexDoc>, sqlx::Error> {
    let mut q = Query::new(DOC_SELECT);
    if let Some(after) = after {
        q.push(" AND p.id > ").push_bind(after);
    }
    q.push(" ORDER BY p.id LIMIT ").push_bind(BATCH);
    let rows = c.all::<DocRow>(&q).await?;
    with_attributes(c, rows).await
}

/// These products, if active (the ones missing are to leave the index).
pub async fn docs_by_id(c: &mut Conn, ids: &[String]) -> Result<Vec<IndexDoc>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Query::new(DOC_SELECT);
    q.push(" AND p.id IN ").push_list(ids);
    let rows = c.all::<DocRow>(&q).await?;
    with_attributes(c, rows).await
}

/// Ids of products changed at or after `since` (unix ms), any status.
pub async fn changed_since(c: &mut Conn, since: i64) -> Result<Vec<String>, sqlx::Error> {
    c.all::<(String,)>(&sql!("SELECT id FROM products WHERE updated_at >= $1 ORDER BY id LIMIT 5000", since))
        .await
        .map(|rows| rows.into_iter().map(|(id,)| id).collect())
}

async fn with_attributes(c: &mut Conn, rows: Vec<DocRow>) -> Result<Vec<IndexDoc>, sqlx::Error> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut q = Query::new("SELECT product_id, name, value FROM product_attributes");
    q.push(" WHERE product_id IN ").push_list(&ids);
    q.push(" ORDER BY product_id, name, position, value");
    let mut attributes: std::collections::HashMap<String, Vec<(String, String)>> = Default::default();
    for a in c.all::<AttributeRow>(&q).await? {
        attributes.entry(a.product_id).or_default().push((a.name, a.value));
    }
    Ok(rows
        .into_iter()
        .map(|r| {
            let mut categories = vec![(r.category_slug, r.category_name)];
            if let (Some(slug), Some(name)) = (r.parent_slug, r.parent_name) {
                categories.push((slug, name));
            }
            IndexDoc {
                attributes: attributes.remove(&r.id).unwrap_or_default(),
                id: r.id,
                slug: r.slug,
                title: r.title,
                subtitle: r.subtitle,
                description: r.description,
                categories,
                shop_slug: r.shop_slug,
                shop_name: r.shop_name,
                price_minor: r.price_minor,
                rating_avg: r.rating_avg,
                created_at: r.created_at,
                in_stock: r.in_stock > 0,
            }
        })
        .collect())
}
