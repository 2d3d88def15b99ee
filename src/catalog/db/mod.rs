//! Catalog SQL (reads here, writes in `write.rs`). Portable: `$n` placeholders, BIGINT money and time, TEXT ids.
//! Stock lives on variants only (every product has at least one); a
//! product's stock is the sum over its variants.

pub mod buying;
pub mod discovery;
pub mod search;
pub mod write;

use sqlx::FromRow;

use super::Category;
use super::query::{ListQuery, Sort};
use crate::server::db::{Conn, Query, like_escape};
use crate::sql;

/// The columns every product card needs.
const CARD_COLUMNS: &str = "SELECT p.id, p.seller_id, p.category_id, p.slug, p.title, p.subtitle, p.price_minor, \
     p.compare_at_minor, p.currency, \
     (SELECT CAST(COALESCE(SUM(v.stock), 0) AS BIGINT) FROM product_variants v WHERE v.product_id = p.id) AS stock, \
     p.rating_avg, p.rating_count, p.cover_media_id, \
     s.shop_name, s.slug AS shop_slug, c.name AS category_name, c.slug AS category_slug, \
     (SELECT COUNT(*) FROM product_variants v WHERE v.product_id = p.id) AS variant_count";

/// "Has a variant in stock", for a product aliased `p`.
const IN_STOCK: &str = "EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = p.id AND v.stock > 0)";

const CARD_FROM: &str = " FROM products p \
     JOIN sellers s ON s.id = p.seller_id \
     JOIN categories c ON c.id = p.category_id";

#[derive(Debug, FromRow)]
pub struct CardRow {
    pub id: String,
    pub seller_id: String,
    pub category_id: String,
    pub slug: String,
    pub title: String,
    pub subtitle: String,
    pub price_minor: i64,
    pub compare_at_minor: Option<i64>,
    pub currency: String,
    pub stock: i64,
    pub rating_avg: i64,
    pub rating_count: i64,
    pub cover_media_id: Option<String>,
    pub shop_name: String,
    pub shop_slug: String,
    pub category_name: String,
    pub category_slug: String,
    pub variant_count: i64,
}

/// Filters resolved to ids by the service.
#[derive(Debug, Default)]
pub struct Filter<'a> {
    pub category_id: Option<&'a str>,
    pub seller_id: Option<&'a str>,
    pub words: Vec<String>,
}

/// `FROM products p WHERE …` — no joins, so counting and paging stay on the
/// products indexes; shop and category columns are joined for the page only.
fn filtered(filter: &Filter<'_>) -> Query {
    let mut sql = Query::new(" FROM products p");
    sql.push(" WHERE p.status = 'active'");
    if let Some(id) = filter.category_id {
        sql.push(" AND p.category_id IN (SELECT id FROM categories WHERE id = ")
            .push_bind(id)
            .push(" OR parent_id = ")
            .push_bind(id)
            .push(")");
    }
    if let Some(id) = filter.seller_id {
        sql.push(" AND p.seller_id = ").push_bind(id);
    }
    for word in &filter.words {
        sql.push(" AND p.search_text LIKE ")
            .push_bind(format!("%{}%", like_escape(word)))
            .push(" ESCAPE '\\'");
    }
    sql
}

fn order_by(sort: Sort) -> &'static str {
    match sort {
        Sort::Newest | Sort::Relevance => " ORDER BY p.created_at DESC, p.id DESC",
        Sort::PriceAsc => " ORDER BY p.price_minor ASC, p.id ASC",
        Sort::PriceDesc => " ORDER BY p.price_minor DESC, p.id DESC",
        Sort::Rating => " ORDER BY p.rating_avg DESC, p.rating_count DESC, p.id DESC",
    }
}

/// One page of active products and the total matching (counted here
/// unless the caller already knows it).
pub async fn list_cards(
    c: &mut Conn,
    filter: &Filter<'_>,
    query: &ListQuery,
    known: Option<i64>,
) -> Result<(Vec<CardRow>, i64), sqlx::Error> {
    let base = filtered(filter);
    let total: i64 = match known {
        Some(n) => n,
        None => c.scalar(&base.fork("SELECT COUNT(*)")).await?,
    };
    // Pick the page's ids first, then join and compute per-row columns for
    // those rows only (not for every row the sort has to look at).
    let order = order_by(query.sort);
    let mut page = base.fork(&format!("{CARD_COLUMNS}{CARD_FROM} JOIN (SELECT p.id AS page_id"));
    page.push(order).push(" LIMIT ").push_bind(query.per_page);
    page.push(" OFFSET ").push_bind(i64::from(query.page - 1) * i64::from(query.per_page));
    page.push(") page ON page.page_id = p.id").push(order);
    Ok((c.all(&page).await?, total))
}

/// The cards of these products (any order; the caller orders them).
pub async fn cards_by_ids(c: &mut Conn, ids: &[String]) -> Result<Vec<CardRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Query::new(CARD_COLUMNS);
    q.push(CARD_FROM).push(" WHERE p.id IN ").push_list(ids);
    c.all(&q).await
}

/// Featured, newest or best-rated cards for the home page.
pub async fn showcase(
    c: &mut Conn,
    featured_only: bool,
    sort: Sort,
    limit: i64,
) -> Result<Vec<CardRow>, sqlx::Error> {
    let mut sql = Query::new(CARD_COLUMNS);
    sql.push(CARD_FROM).push(" WHERE p.status = 'active' AND ").push(IN_STOCK);
    if featured_only {
        sql.push(" AND p.featured = TRUE");
    }
    sql.push(order_by(sort)).push(" LIMIT ").push_bind(limit);
    c.all(&sql).await
}

/// The card and the product page's extra columns, in one row.
#[derive(Debug, FromRow)]
pub struct DetailRow {
    #[sqlx(flatten)]
    pub card: CardRow,
    pub description: String,
    pub status: String,
    pub created_at: i64,
    pub updated_at: i64,
}

/// An active product with its page's columns, by slug or id.
pub async fn find_product(c: &mut Conn, slug_or_id: &str) -> Result<Option<DetailRow>, sqlx::Error> {
    let mut sql = Query::new(CARD_COLUMNS);
    sql.push(", p.description, p.status, p.created_at, p.updated_at");
    sql.push(CARD_FROM).push(" WHERE p.status = 'active' AND (p.slug = ");
    sql.push_bind(slug_or_id).push(" OR p.id = ").push_bind(slug_or_id).push(")");
    c.opt(&sql).await
}

#[derive(Debug, FromRow)]
pub struct ImageRow {
    pub media_id: String,
    pub alt: String,
}

pub async fn product_images(c: &mut Conn, product_id: &str) -> Result<Vec<ImageRow>, sqlx::Error> {
    c.all(&sql!(
        "SELECT media_id, alt FROM product_images WHERE product_id = $1 ORDER BY position, id",
        product_id
    ))
    .await
}

#[derive(Debug, FromRow)]
pub struct OptionRow {
    pub name: String,
    pub option_values: String,
}

pub async fn product_options(c: &mut Conn, product_id: &str) -> Result<Vec<OptionRow>, sqlx::Error> {
    c.all(&sql!(
        "SELECT name, option_values FROM product_options WHERE product_id = $1 ORDER BY position, name",
        product_id
    ))
    .await
}

#[derive(Debug, FromRow)]
pub struct VariantRow {
    pub id: String,
    pub sku: String,
    pub title: String,
    pub option_values: String,
    pub price_minor: i64,
    pub stock: i64,
}

pub async fn product_variants(c: &mut Conn, product_id: &str) -> Result<Vec<VariantRow>, sqlx::Error> {
    c.all(&sql!(
        "SELECT id, sku, title, option_values, price_minor, stock FROM product_variants \
         WHERE product_id = $1 ORDER BY position, sku",
        product_id
    ))
    .await
}

#[derive(Debug, FromRow)]
pub struct AttributeRow {
    pub name: String,
    pub value: String,
}

pub async fn product_attributes(c: &mut Conn, product_id: &str) -> Result<Vec<AttributeRow>, sqlx::Error> {
    c.all(&sql!(
        "SELECT name, value FROM product_attributes WHERE product_id = $1 ORDER BY name, position, value",
        product_id
    ))
    .await
}

/// Counts are filled in by the service from [`category_counts`]: one
/// GROUP BY is far cheaper than a correlated count per category.
const CATEGORY_SELECT: &str = "SELECT c.id, c.parent_id, c.slug, c.name, c.description, c.vertical, \
     CAST(0 AS BIGINT) AS product_count FROM categories c";

/// Active products per leaf category id.
pub async fn category_counts(c: &mut Conn) -> Result<Vec<(String, i64)>, sqlx::Error> {
    c.all(&sql!("SELECT category_id, COUNT(*) FROM products WHERE status = 'active' GROUP BY category_id"))
        .await
}

/// Every category, parents before children, in display order.
pub async fn categories(c: &mut Conn) -> Result<Vec<Category>, sqlx::Error> {
    c.all(&Query::new(format!("{CATEGORY_SELECT} ORDER BY c.position, c.name"))).await
}

pub async fn find_category(c: &mut Conn, slug_or_id: &str) -> Result<Option<Category>, sqlx::Error> {
    c.opt(&Query::new(format!("{CATEGORY_SELECT} WHERE c.slug = $1 OR c.id = $1")).bind(slug_or_id)).await
}

#[derive(Debug, FromRow)]
pub struct ShopRow {
    pub id: String,
    pub slug: String,
    pub shop_name: String,
    pub tagline: String,
    pub description: String,
    pub location: String,
    pub status: String,
    pub logo_media_id: Option<String>,
    pub banner_media_id: Option<String>,
    pub rating_sum: i64,
    pub rating_count: i64,
    pub follower_count: i64,
    pub product_count: i64,
}

pub async fn find_shop(c: &mut Conn, slug_or_id: &str) -> Result<Option<ShopRow>, sqlx::Error> {
    c.opt(&sql!(
        "SELECT s.id, s.slug, s.shop_name, s.tagline, s.description, s.location, s.status, \
         s.logo_media_id, s.banner_media_id, s.rating_sum, s.rating_count, s.follower_count, \
         (SELECT COUNT(*) FROM products p WHERE p.seller_id = s.id AND p.status = 'active') AS product_count \
         FROM sellers s WHERE (s.slug = $1 OR s.id = $1) AND s.status <> 'suspended'",
        slug_or_id
    ))
    .await
}

pub async fn count_active(c: &mut Conn) -> Result<(i64, i64), sqlx::Error> {
    c.one(&sql!(
        "SELECT (SELECT COUNT(*) FROM products WHERE status = 'active'), \
         (SELECT COUNT(*) FROM sellers WHERE status = 'verified')"
    ))
    .await
}

/// Take `quantity` units of a variant, only if that many are in stock.
/// Returns whether it did: callers check every line, in variant id order,
/// inside one transaction, and roll back when any is short.
pub async fn take_stock(c: &mut Conn, variant_id: &str, quantity: i64) -> Result<bool, sqlx::Error> {
    let changed = c
        .exec(&sql!(
            "UPDATE product_variants SET stock = stock - $1 WHERE id = $2 AND stock >= $1",
            quantity,
            variant_id
        ))
        .await?;
    Ok(changed == 1)
}
