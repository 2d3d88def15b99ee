//! Catalog writes. Each takes a connection inside the caller's transaction.

use sqlx::AnyConnection;

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
    pub stock: i64,
    pub featured: bool,
    pub cover_media_id: Option<&'a str>,
    pub rating_avg: i64,
    pub rating_count: i64,
    pub sold_count: i64,
    pub search_text: &'a str,
    pub created_at: i64,
}

pub async fn insert_product(conn: &mut AnyConnection, p: &ProductRow<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO products (id, seller_id, category_id, slug, title, subtitle, description, price_minor, \
         compare_at_minor, currency, stock, status, featured, cover_media_id, rating_sum, rating_count, rating_avg, \
         sold_count, search_text, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'active', $12, $13, $14, $15, $16, $17, $18, $19, $19)",
    )
    .bind(p.id)
    .bind(p.seller_id)
    .bind(p.category_id)
    .bind(p.slug)
    .bind(p.title)
    .bind(p.subtitle)
    .bind(p.description)
    .bind(p.price_minor)
    .bind(p.compare_at_minor)
    .bind(p.currency)
    .bind(p.stock)
    .bind(p.featured)
    .bind(p.cover_media_id)
    .bind(p.rating_avg * p.rating_count / 100)
    .bind(p.rating_count)
    .bind(p.rating_avg)
    .bind(p.sold_count)
    .bind(p.search_text)
    .bind(p.created_at)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn insert_image(
    conn: &mut AnyConnection,
    id: &str,
    product_id: &str,
    media_id: &str,
    alt: &str,
    position: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO product_images (id, product_id, media_id, alt, position) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(product_id)
    .bind(media_id)
    .bind(alt)
    .bind(position)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn insert_option(
    conn: &mut AnyConnection,
    id: &str,
    product_id: &str,
    name: &str,
    values_json: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO product_options (id, product_id, name, option_values, position) VALUES ($1, $2, $3, $4, 0)")
        .bind(id)
        .bind(product_id)
        .bind(name)
        .bind(values_json)
        .execute(conn)
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

pub async fn insert_variant(conn: &mut AnyConnection, v: &VariantRow<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO product_variants (id, product_id, sku, title, option_values, price_minor, stock, position) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(v.id)
    .bind(v.product_id)
    .bind(v.sku)
    .bind(v.title)
    .bind(v.options_json)
    .bind(v.price_minor)
    .bind(v.stock)
    .bind(v.position)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn insert_attribute(
    conn: &mut AnyConnection,
    product_id: &str,
    name: &str,
    value: &str,
    position: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO product_attributes (product_id, name, value, position) VALUES ($1, $2, $3, $4)")
        .bind(product_id)
        .bind(name)
        .bind(value)
        .bind(position)
        .execute(conn)
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

pub async fn insert_category(conn: &mut AnyConnection, c: &CategoryRow<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO categories (id, parent_id, slug, name, description, vertical, position, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(c.id)
    .bind(c.parent_id)
    .bind(c.slug)
    .bind(c.name)
    .bind(c.description)
    .bind(c.vertical)
    .bind(c.position)
    .bind(c.created_at)
    .execute(conn)
    .await?;
    Ok(())
}
