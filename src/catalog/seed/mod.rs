//! Demo data: a believable two-vertical marketplace for `./scripts/run`, and
//! bulk products for benchmarks (`bazaar seed --products N`).

pub mod art;
pub mod data;
mod florals;
pub mod generate;
pub mod people;

use std::collections::HashMap;

use super::db::write::{self as db_write, ProductRow, ShopRow, VariantRow};
use crate::error::AppResult;
use crate::media::{self, Stored};
use crate::server::db::{Conn, Db};
use crate::server::{new_id, now_ms};
use data::Demo;
use generate::{Generator, NewProduct, NewVariant, slugify};

/// Products in the demo catalog.
pub const DEMO_PRODUCTS: usize = 242;

/// What a seed run created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    pub categories: usize,
    pub shops: usize,
    pub products: usize,
}

/// Seed the demo shop into an empty database — no products and no people
/// — in one transaction; `None` (and nothing written) otherwise.
pub async fn demo(db: &Db) -> AppResult<Option<Report>> {
    db.write(async |tx| {
        if db_write::count_products(tx).await? > 0 || crate::accounts::service::any_account(tx).await? {
            return Ok(None);
        }
        let demo = Demo::load()?;
        let ids = ensure_base(tx, &demo).await?;
        let mut generator = Generator::new(&demo, 42);
        let now = now_ms();
        for i in 0..DEMO_PRODUCTS {
            let p = generator.product(i);
            insert(tx, &demo, &ids, &p, &slugify(&p.title), now).await?;
        }
        db_write::refresh_shop_ratings(tx).await?;
        Ok(Some(Report {
            categories: demo.categories.len(),
            shops: demo.shops.len(),
            products: DEMO_PRODUCTS,
        }))
    })
    .await
}

/// Add `count` generated products (one image each), committing in batches.
pub async fn bulk(db: &Db, count: usize) -> AppResult<usize> {
    let demo = Demo::load()?;
    let ids = db.write(async |tx| ensure_base(tx, &demo).await).await?;
    let offset = db_write::count_products(&mut db.conn().await?).await?;
    let mut generator = Generator::new(&demo, 7 + offset as u64);
    generator.detail_images = false;
    let now = now_ms();
    let mut done = 0;
    while done < count {
        let batch = 500.min(count - done);
        db.write(async |tx| {
            for i in 0..batch {
                let n = offset as usize + done + i;
                let p = generator.product(n);
                let slug = format!("{}-{n}", slugify(&p.title));
                insert(tx, &demo, &ids, &p, &slug, now).await?;
            }
            Ok(())
        })
        .await?;
        done += batch;
    }
    db.write(async |tx| Ok(db_write::refresh_shop_ratings(tx).await?)).await?;
    Ok(done)
}

/// Ids of the categories and shops, by slug.
struct BaseIds {
    categories: HashMap<String, String>,
    shops: HashMap<String, String>,
}

/// Create the categories and shops (with their owners) unless present.
async fn ensure_base(conn: &mut Conn, demo: &Demo) -> AppResult<BaseIds> {
    let now = now_ms();
    let mut categories: HashMap<String, String> = db_write::category_ids(conn).await?.into_iter().collect();
    for (pos, c) in demo.categories.iter().enumerate() {
        if categories.contains_key(&c.slug) {
            continue;
        }
        let id = new_id();
        let parent_id = c.parent.as_ref().and_then(|p| categories.get(p).cloned());
        let row = db_write::CategoryRow {
            id: &id,
            parent_id: parent_id.as_deref(),
            slug: &c.slug,
            name: &c.name,
            description: &c.description,
            vertical: &c.vertical,
            position: pos as i64,
            created_at: now,
        };
        db_write::insert_category(conn, &row).await?;
        categories.insert(c.slug.clone(), id);
    }
    let mut shops: HashMap<String, String> = db_write::shop_ids(conn).await?.into_iter().collect();
    for shop in &demo.shops {
        if shops.contains_key(&shop.slug) {
            continue;
        }
        // Demo owners cannot sign in ("!" never verifies) until the demo
        // accounts seed gives them the demo password.
        let user_id = crate::accounts::service::create_locked_account(
            conn,
            &shop.email,
            &shop.owner,
            crate::accounts::Role::Seller,
        )
        .await?;
        let id = new_id();
        let row = ShopRow {
            id: &id,
            user_id: &user_id,
            slug: &shop.slug,
            shop_name: &shop.name,
            tagline: &shop.tagline,
            description: &shop.description,
            location: &shop.location,
            status: "verified",
            created_at: now,
        };
        db_write::insert_shop(conn, &row).await?;
        shops.insert(shop.slug.clone(), id);
    }
    Ok(BaseIds { categories, shops })
}

async fn insert(
    conn: &mut Conn,
    demo: &Demo,
    ids: &BaseIds,
    p: &NewProduct<'_>,
    slug: &str,
    now: i64,
) -> AppResult<()> {
    let product_id = new_id();
    let mut media_ids = Vec::with_capacity(p.images.len());
    for image in &p.images {
        let svg = Stored { content_type: "image/svg+xml".into(), bytes: image.svg.as_bytes().to_vec() };
        media_ids.push(media::insert(conn, &svg).await?);
    }
    let shop = demo.shop(p.shop_slug).map(|s| s.name.as_str()).unwrap_or_default();
    let category = demo.category(p.category_slug).map(|c| c.name.as_str()).unwrap_or_default();
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
            status: "active",
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
    // Stock lives on variants only: a product without options gets one.
    let default = [NewVariant {
        title: "Default".into(),
        options: Vec::new(),
        price_minor: p.price_minor,
        stock: p.stock,
    }];
    let variants = if p.variants.is_empty() { &default[..] } else { &p.variants[..] };
    for (pos, v) in variants.iter().enumerate() {
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
pub fn search_text(p: &NewProduct<'_>, shop: &str, category: &str) -> String {
    let attrs: Vec<&str> = p.attributes.iter().map(|(_, v)| v.as_str()).collect();
    db_write::search_words(&p.title, &p.subtitle, shop, category, &attrs)
}
