//! Demo data: a believable two-vertical marketplace for `./scripts/run`, and
//! bulk products for benchmarks (`bazaar seed --products N`).

pub mod art;
pub mod data;
pub mod generate;

use std::collections::HashMap;

use sqlx::{Acquire, AnyConnection};

use super::db_write::{self, ProductRow, VariantRow};
use crate::catalog::db::insert_media;
use crate::error::AppResult;
use crate::server::db::Db;
use crate::server::{new_id, now_ms};
use generate::{Generator, NewProduct, slugify};

/// Products in the demo catalog.
pub const DEMO_PRODUCTS: usize = 242;

/// What a seed run created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    pub categories: usize,
    pub shops: usize,
    pub products: usize,
}

/// Seed the demo shop into an empty catalog; `None` when products exist.
pub async fn demo(db: &Db) -> AppResult<Option<Report>> {
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM products").fetch_one(db.pool()).await?;
    if existing > 0 {
        return Ok(None);
    }
    let mut tx = db.pool().begin().await?;
    let ids = ensure_base(&mut tx).await?;
    let mut generator = Generator::new(42);
    let now = now_ms();
    for i in 0..DEMO_PRODUCTS {
        let p = generator.product(i);
        insert(&mut tx, &ids, &p, &slugify(&p.title), now).await?;
    }
    tx.commit().await?;
    Ok(Some(Report { categories: data::CATEGORIES.len(), shops: data::SHOPS.len(), products: DEMO_PRODUCTS }))
}

/// Add `count` generated products (one image each), committing in batches.
pub async fn bulk(db: &Db, count: usize) -> AppResult<usize> {
    let mut conn = db.pool().acquire().await?;
    let ids = {
        let mut tx = conn.begin().await?;
        let ids = ensure_base(&mut tx).await?;
        tx.commit().await?;
        ids
    };
    let offset: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM products").fetch_one(&mut *conn).await?;
    let mut generator = Generator::new(7 + offset as u64);
    generator.detail_images = false;
    let now = now_ms();
    let mut done = 0;
    while done < count {
        let mut tx = conn.begin().await?;
        for _ in 0..500.min(count - done) {
            let n = offset as usize + done;
            let p = generator.product(n);
            let slug = format!("{}-{n}", slugify(&p.title));
            insert(&mut tx, &ids, &p, &slug, now).await?;
            done += 1;
        }
        tx.commit().await?;
    }
    Ok(done)
}

/// Ids of the categories and shops, by slug.
struct BaseIds {
    categories: HashMap<String, String>,
    shops: HashMap<String, String>,
}

/// Create the categories and shops (with their owners) unless present.
async fn ensure_base(conn: &mut AnyConnection) -> AppResult<BaseIds> {
    let now = now_ms();
    let mut categories: HashMap<String, String> =
        sqlx::query_as::<_, (String, String)>("SELECT slug, id FROM categories")
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .collect();
    for (pos, (slug, name, description, vertical, parent)) in data::CATEGORIES.iter().enumerate() {
        if categories.contains_key(*slug) {
            continue;
        }
        let id = new_id();
        let parent_id = parent.and_then(|p| categories.get(p).cloned());
        let row = db_write::CategoryRow {
            id: &id,
            parent_id: parent_id.as_deref(),
            slug,
            name,
            description,
            vertical,
            position: pos as i64,
            created_at: now,
        };
        db_write::insert_category(conn, &row).await?;
        categories.insert((*slug).to_owned(), id);
    }
    let mut shops: HashMap<String, String> =
        sqlx::query_as::<_, (String, String)>("SELECT slug, id FROM sellers")
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .collect();
    for shop in data::SHOPS {
        if shops.contains_key(shop.slug) {
            continue;
        }
        // Demo owners cannot sign in ("!" never verifies) until the demo
        // accounts seed gives them the demo password.
        let user_id = crate::accounts::db::insert_user(
            conn,
            shop.email,
            "!",
            shop.owner,
            crate::accounts::Role::Seller,
        )
        .await?;
        let id = new_id();
        sqlx::query(
            "INSERT INTO sellers (id, user_id, slug, shop_name, tagline, description, location, status, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'verified', $8, $8)",
        )
        .bind(&id)
        .bind(&user_id)
        .bind(shop.slug)
        .bind(shop.name)
        .bind(shop.tagline)
        .bind(shop.description)
        .bind(shop.location)
        .bind(now)
        .execute(&mut *conn)
        .await?;
        shops.insert(shop.slug.to_owned(), id);
    }
    Ok(BaseIds { categories, shops })
}

async fn insert(
    conn: &mut AnyConnection,
    ids: &BaseIds,
    p: &NewProduct,
    slug: &str,
    now: i64,
) -> AppResult<()> {
    let product_id = new_id();
    let mut media_ids = Vec::with_capacity(p.images.len());
    for image in &p.images {
        let media_id = new_id();
        insert_media(conn, &media_id, "image/svg+xml", image.svg.as_bytes(), now).await?;
        media_ids.push(media_id);
    }
    let shop = data::SHOPS.iter().find(|s| s.slug == p.shop_slug).map(|s| s.name).unwrap_or_default();
    let category = data::CATEGORIES.iter().find(|c| c.0 == p.category_slug).map(|c| c.1).unwrap_or_default();
    let search_text = search_text(p, shop, category);
    db_write::insert_product(
        conn,
        &ProductRow {
            id: &product_id,
            seller_id: &ids.shops[p.shop_slug],
            category_id: &ids.categories[p.category_slug],
            slug,
            title: &p.title,
            subtitle: &p.subtitle,
            description: &p.description,
            price_minor: p.price_minor,
            compare_at_minor: p.compare_at_minor,
            currency: "USD",
            stock: p.stock,
            featured: p.featured,
            cover_media_id: media_ids.first().map(String::as_str),
            rating_avg: p.rating_avg,
            rating_count: p.rating_count,
            sold_count: p.sold_count,
            search_text: &search_text,
            created_at: now - p.age_ms,
        },
    )
    .await?;
    for (pos, (image, media_id)) in p.images.iter().zip(&media_ids).enumerate() {
        db_write::insert_image(conn, &new_id(), &product_id, media_id, &image.alt, pos as i64).await?;
    }
    if let Some((name, values)) = &p.option {
        let json = serde_json::to_string(values).unwrap_or_else(|_| "[]".into());
        db_write::insert_option(conn, &new_id(), &product_id, name, &json).await?;
    }
    for (pos, v) in p.variants.iter().enumerate() {
        let json = serde_json::to_string(&v.options).unwrap_or_else(|_| "[]".into());
        // Shop initials + the random tail of the product's UUIDv7 + the variant.
        let initials: String = shop.split_whitespace().filter_map(|w| w.chars().next()).collect();
        let tail = &product_id[product_id.len() - 12..];
        let sku = format!("{initials}-{tail}-{}", slugify(&v.title)).to_uppercase();
        db_write::insert_variant(
            conn,
            &VariantRow {
                id: &new_id(),
                product_id: &product_id,
                sku: &sku,
                title: &v.title,
                options_json: &json,
                price_minor: v.price_minor,
                stock: v.stock,
                position: pos as i64,
            },
        )
        .await?;
    }
    for (pos, (name, value)) in p.attributes.iter().enumerate() {
        db_write::insert_attribute(conn, &product_id, name, value, pos as i64).await?;
    }
    Ok(())
}

/// Lower-cased words the simple filter matches against.
pub fn search_text(p: &NewProduct, shop: &str, category: &str) -> String {
    let attrs: Vec<&str> = p.attributes.iter().map(|(_, v)| v.as_str()).collect();
    format!("{} {} {} {} {}", p.title, p.subtitle, shop, category, attrs.join(" ")).to_lowercase()
}
