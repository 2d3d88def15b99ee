//! Catalog SQL. Portable: `$n` placeholders, BIGINT money and time, TEXT ids.

use sqlx::{AnyConnection, AnyPool, FromRow};

use super::query::{ListQuery, Sort};
use crate::server::sql::{Sql, like_escape};

/// The columns every product card needs.
const CARD_COLUMNS: &str = "SELECT p.id, p.seller_id, p.category_id, p.slug, p.title, p.subtitle, p.price_minor, \
     p.compare_at_minor, p.currency, p.stock, p.rating_avg, p.rating_count, p.cover_media_id, \
     s.shop_name, s.slug AS shop_slug, c.name AS category_name, c.slug AS category_slug, \
     (SELECT COUNT(*) FROM product_variants v WHERE v.product_id = p.id) AS variant_count";

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
fn filtered(filter: &Filter<'_>) -> Sql {
    let mut sql = Sql::new(" FROM products p");
    sql.push(" WHERE p.status = 'active'");
    if let Some(id) = filter.category_id {
        sql.push(" AND p.category_id IN (SELECT id FROM categories WHERE id = ")
            .bind_text(id)
            .push(" OR parent_id = ")
            .bind_text(id)
            .push(")");
    }
    if let Some(id) = filter.seller_id {
        sql.push(" AND p.seller_id = ").bind_text(id);
    }
    for word in &filter.words {
        sql.push(" AND p.search_text LIKE ")
            .bind_text(format!("%{}%", like_escape(word)))
            .push(" ESCAPE '\\'");
    }
    sql
}

fn order_by(sort: Sort) -> &'static str {
    match sort {
        Sort::Newest => " ORDER BY p.created_at DESC, p.id DESC",
        Sort::PriceAsc => " ORDER BY p.price_minor ASC, p.id ASC",
        Sort::PriceDesc => " ORDER BY p.price_minor DESC, p.id DESC",
        Sort::Rating => " ORDER BY p.rating_avg DESC, p.rating_count DESC, p.id DESC",
    }
}

/// One page of active products and the total matching.
pub async fn list_cards(
    pool: &AnyPool,
    filter: &Filter<'_>,
    query: &ListQuery,
) -> Result<(Vec<CardRow>, i64), sqlx::Error> {
    let base = filtered(filter);
    let total: i64 = base.fork("SELECT COUNT(*)").query_scalar().fetch_one(pool).await?;
    // Pick the page's ids first, then join and compute per-row columns for
    // those rows only (not for every row the sort has to look at).
    let order = order_by(query.sort);
    let mut page = base.fork(&format!("{CARD_COLUMNS}{CARD_FROM} JOIN (SELECT p.id AS page_id"));
    page.push(order).push(" LIMIT ").bind_int(i64::from(query.per_page));
    page.push(" OFFSET ").bind_int(i64::from(query.page - 1) * i64::from(query.per_page));
    page.push(") page ON page.page_id = p.id").push(order);
    let rows = page.query_as().fetch_all(pool).await?;
    Ok((rows, total))
}

/// Featured, newest or best-rated cards for the home page.
pub async fn showcase(
    pool: &AnyPool,
    featured_only: bool,
    sort: Sort,
    limit: i64,
) -> Result<Vec<CardRow>, sqlx::Error> {
    let mut sql = Sql::new(CARD_COLUMNS);
    sql.push(CARD_FROM).push(" WHERE p.status = 'active' AND p.stock > 0");
    if featured_only {
        sql.push(" AND p.featured = TRUE");
    }
    sql.push(order_by(sort)).push(" LIMIT ").bind_int(limit);
    sql.query_as().fetch_all(pool).await
}

#[derive(Debug, FromRow)]
pub struct DetailRow {
    pub id: String,
    pub seller_id: String,
    pub category_id: String,
    pub description: String,
    pub status: String,
    pub created_at: i64,
    pub updated_at: i64,
}

/// The card and extra columns of an active product, by slug or id.
pub async fn find_product(
    pool: &AnyPool,
    slug_or_id: &str,
) -> Result<Option<(CardRow, DetailRow)>, sqlx::Error> {
    let mut sql = Sql::new(CARD_COLUMNS);
    sql.push(CARD_FROM).push(" WHERE p.status = 'active' AND (p.slug = ");
    sql.bind_text(slug_or_id).push(" OR p.id = ").bind_text(slug_or_id).push(")");
    let Some(card) = sql.query_as::<CardRow>().fetch_optional(pool).await? else {
        return Ok(None);
    };
    let detail = sqlx::query_as::<_, DetailRow>(
        "SELECT id, seller_id, category_id, description, status, created_at, updated_at \
         FROM products WHERE id = $1",
    )
    .bind(&card.id)
    .fetch_one(pool)
    .await?;
    Ok(Some((card, detail)))
}

#[derive(Debug, FromRow)]
pub struct ImageRow {
    pub media_id: String,
    pub alt: String,
}

pub async fn product_images(pool: &AnyPool, product_id: &str) -> Result<Vec<ImageRow>, sqlx::Error> {
    sqlx::query_as("SELECT media_id, alt FROM product_images WHERE product_id = $1 ORDER BY position, id")
        .bind(product_id)
        .fetch_all(pool)
        .await
}

#[derive(Debug, FromRow)]
pub struct OptionRow {
    pub name: String,
    pub option_values: String,
}

pub async fn product_options(pool: &AnyPool, product_id: &str) -> Result<Vec<OptionRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT name, option_values FROM product_options WHERE product_id = $1 ORDER BY position, name",
    )
    .bind(product_id)
    .fetch_all(pool)
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

pub async fn product_variants(pool: &AnyPool, product_id: &str) -> Result<Vec<VariantRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, sku, title, option_values, price_minor, stock FROM product_variants \
         WHERE product_id = $1 ORDER BY position, sku",
    )
    .bind(product_id)
    .fetch_all(pool)
    .await
}

#[derive(Debug, FromRow)]
pub struct AttributeRow {
    pub name: String,
    pub value: String,
}

pub async fn product_attributes(pool: &AnyPool, product_id: &str) -> Result<Vec<AttributeRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT name, value FROM product_attributes WHERE product_id = $1 ORDER BY name, position, value",
    )
    .bind(product_id)
    .fetch_all(pool)
    .await
}

#[derive(Debug, FromRow)]
pub struct CategoryRow {
    pub id: String,
    pub parent_id: Option<String>,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub vertical: String,
    pub product_count: i64,
}

/// Counts are filled in by the service from [`category_counts`]: one
/// GROUP BY is far cheaper than a correlated count per category.
const CATEGORY_SELECT: &str = "SELECT c.id, c.parent_id, c.slug, c.name, c.description, c.vertical, \
     CAST(0 AS BIGINT) AS product_count FROM categories c";

/// Active products per leaf category id.
pub async fn category_counts(pool: &AnyPool) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT category_id, COUNT(*) FROM products WHERE status = 'active' GROUP BY category_id")
        .fetch_all(pool)
        .await
}

/// Every category, parents before children, in display order.
pub async fn categories(pool: &AnyPool) -> Result<Vec<CategoryRow>, sqlx::Error> {
    sqlx::query_as(&format!("{CATEGORY_SELECT} ORDER BY c.position, c.name")).fetch_all(pool).await
}

pub async fn find_category(pool: &AnyPool, slug_or_id: &str) -> Result<Option<CategoryRow>, sqlx::Error> {
    sqlx::query_as(&format!("{CATEGORY_SELECT} WHERE c.slug = $1 OR c.id = $1"))
        .bind(slug_or_id)
        .fetch_optional(pool)
        .await
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
    pub product_count: i64,
}

pub async fn find_shop(pool: &AnyPool, slug_or_id: &str) -> Result<Option<ShopRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.id, s.slug, s.shop_name, s.tagline, s.description, s.location, s.status, \
         (SELECT COUNT(*) FROM products p WHERE p.seller_id = s.id AND p.status = 'active') AS product_count \
         FROM sellers s WHERE (s.slug = $1 OR s.id = $1) AND s.status <> 'suspended'",
    )
    .bind(slug_or_id)
    .fetch_optional(pool)
    .await
}

pub async fn count_active(pool: &AnyPool) -> Result<(i64, i64), sqlx::Error> {
    let products: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM products WHERE status = 'active'").fetch_one(pool).await?;
    let shops: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM sellers WHERE status = 'verified'").fetch_one(pool).await?;
    Ok((products, shops))
}

#[derive(Debug, FromRow)]
pub struct MediaRow {
    pub content_type: String,
    pub bytes: Vec<u8>,
}

pub async fn media(pool: &AnyPool, id: &str) -> Result<Option<MediaRow>, sqlx::Error> {
    sqlx::query_as("SELECT content_type, bytes FROM media WHERE id = $1").bind(id).fetch_optional(pool).await
}

pub async fn insert_media(
    conn: &mut AnyConnection,
    id: &str,
    content_type: &str,
    bytes: &[u8],
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO media (id, content_type, bytes, byte_size, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(content_type)
    .bind(bytes.to_vec())
    .bind(bytes.len() as i64)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}
