//! Catalog writes. Each takes a connection inside the caller's transaction.

use crate::server::db::Conn;
use crate::sql;

/// The words of a product the simple (SQL) filter matches against.
pub fn search_words(title: &str, subtitle: &str, shop: &str, category: &str, attributes: &[&str]) -> String {
    format!("{title} {subtitle} {shop} {category} {}", attributes.join(" ")).to_lowercase()
}

/// A product row to insert; ids and timestamps decided by the caller.
pub struct ProductRow<'a> {
    pub id: &'a str,
    pub seller_id: &'a str,
    pub category_id: &'a str,
    pub slug: &'a str,
    pub title: &'a str,
    pub subtitle: &'a str,
    pub description: &'a str,
    pub price_minor: i64,
    pub compare_at_minor: Option<i64>,
    pub currency: &'a str,
    pub status: &'a str,
    pub featured: bool,
    pub cover_media_id: Option<&'a str>,
    pub rating_avg: i64,
    pub rating_count: i64,
    pub sold_count: i64,
    pub search_text: &'a str,
    pub created_at: i64,
}

pub async fn insert_product(c: &mut Conn, p: &ProductRow<'_>) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO products (id, seller_id, category_id, slug, title, subtitle, description, price_minor, \
         compare_at_minor, currency, status, featured, cover_media_id, rating_sum, rating_count, rating_avg, \
         sold_count, search_text, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $19, $11, $12, $13, $14, $15, $16, $17, $18, $18)",
        p.id,
        p.seller_id,
        p.category_id,
        p.slug,
        p.title,
        p.subtitle,
        p.description,
        p.price_minor,
        p.compare_at_minor,
        p.currency,
        p.featured,
        p.cover_media_id,
        p.rating_avg * p.rating_count / 100,
        p.rating_count,
        p.rating_avg,
        p.sold_count,
        p.search_text,
        p.created_at,
        p.status
    ))
    .await?;
    Ok(())
}

pub async fn insert_image(
    c: &mut Conn,
    id: &str,
    product_id: &str,
    media_id: &str,
    alt: &str,
    position: i64,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO product_images (id, product_id, media_id, alt, position) VALUES ($1, $2, $3, $4, $5)",
        id,
        product_id,
        media_id,
        alt,
        position
    ))
    .await?;
    Ok(())
}

pub async fn insert_option(
    c: &mut Conn,
    id: &str,
    product_id: &str,
    name: &str,
    values_json: &str,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO product_options (id, product_id, name, option_values, position) VALUES ($1, $2, $3, $4, 0)",
        id,
        product_id,
        name,
        values_json
    ))
    .await?;
    Ok(())
}

/// A variant row to insert.
pub struct VariantRow<'a> {
    pub id: &'a str,
    pub product_id: &'a str,
    pub sku: &'a str,
    pub title: &'a str,
    pub options_json: &'a str,
    pub price_minor: i64,
    pub stock: i64,
    pub position: i64,
}

pub async fn insert_variant(c: &mut Conn, v: &VariantRow<'_>) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO product_variants (id, product_id, sku, title, option_values, price_minor, stock, position) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        v.id,
        v.product_id,
        v.sku,
        v.title,
        v.options_json,
        v.price_minor,
        v.stock,
        v.position
    ))
    .await?;
    Ok(())
}

pub async fn insert_attribute(
    c: &mut Conn,
    product_id: &str,
    name: &str,
    value: &str,
    position: i64,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO product_attributes (product_id, name, value, position) VALUES ($1, $2, $3, $4)",
        product_id,
        name,
        value,
        position
    ))
    .await?;
    Ok(())
}

/// A category row to insert.
pub struct CategoryRow<'a> {
    pub id: &'a str,
    pub parent_id: Option<&'a str>,
    pub slug: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub vertical: &'a str,
    pub position: i64,
    pub created_at: i64,
}

pub async fn insert_category(c: &mut Conn, cat: &CategoryRow<'_>) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO categories (id, parent_id, slug, name, description, vertical, position, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        cat.id,
        cat.parent_id,
        cat.slug,
        cat.name,
        cat.description,
        cat.vertical,
        cat.position,
        cat.created_at
    ))
    .await?;
    Ok(())
}

/// A shop row to insert (the demo seed now; "apply to sell" later).
pub struct ShopRow<'a> {
    pub id: &'a str,
    pub user_id: &'a str,
    pub slug: &'a str,
    pub shop_name: &'a str,
    pub tagline: &'a str,
    pub description: &'a str,
    pub location: &'a str,
    pub status: &'a str,
    pub created_at: i64,
}

pub async fn insert_shop(c: &mut Conn, s: &ShopRow<'_>) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO sellers (id, user_id, slug, shop_name, tagline, description, location, status, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
        s.id,
        s.user_id,
        s.slug,
        s.shop_name,
        s.tagline,
        s.description,
        s.location,
        s.status,
        s.created_at
    ))
    .await?;
    Ok(())
}

/// slug → id of every category.
pub async fn category_ids(c: &mut Conn) -> Result<Vec<(String, String)>, sqlx::Error> {
    c.all(&sql!("SELECT slug, id FROM categories")).await
}

/// slug → id of every shop.
pub async fn shop_ids(c: &mut Conn) -> Result<Vec<(String, String)>, sqlx::Error> {
    c.all(&sql!("SELECT slug, id FROM sellers")).await
}

/// Products in the catalog, whatever their status.
pub async fn count_products(c: &mut Conn) -> Result<i64, sqlx::Error> {
    c.scalar(&sql!("SELECT COUNT(*) FROM products")).await
}

/// Each shop's rating totals from its products' (after seeding).
pub async fn refresh_shop_ratings(c: &mut Conn) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE sellers SET \
         rating_sum = (SELECT COALESCE(SUM(p.rating_sum), 0) FROM products p WHERE p.seller_id = sellers.id), \
         rating_count = (SELECT COALESCE(SUM(p.rating_count), 0) FROM products p WHERE p.seller_id = sellers.id)"
    ))
    .await?;
    Ok(())
}
