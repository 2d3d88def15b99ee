//! The rules of a seller's product edits. Who may touch a product is
//! decided once, in [`editable`]: its own verified seller, or an
//! administrator; anyone else's product is "not found" (404), and a
//! customer is refused outright (403).

use super::db::{self, Head, VariantWrite};
use super::pictures::{drop_unused_media, remove_files};
use super::validate::{ProductInput, VariantInput};
use super::{ATTRIBUTE_KEYS, CategoryChoice, EditImage, EditProduct, ProductStatus, StudioList, StudioRow};
use crate::accounts::{Role, Viewer};
use crate::audit::log::Actor;
use crate::catalog::db::write::{self as catalog_write, ProductRow};
use crate::catalog::search::sync::CHANNEL;
use crate::catalog::seed::generate::slugify;
use crate::catalog::{Category, Image, Money};
use crate::error::{AppError, AppResult};
use crate::media;
use crate::sellers::ShopStatus;
use crate::server::db::{Conn, Tx};
use crate::server::state::AppState;
use crate::server::{new_id, now_ms};

/// The studio lists this many products at most.
const LIST_LIMIT: i64 = 500;

/// The viewer's own verified shop: (id, name, slug).
pub async fn own_shop(c: &mut Conn, viewer: &Viewer) -> AppResult<(String, String, String)> {
    if !matches!(viewer.role, Role::Seller | Role::Admin) {
        return Err(AppError::Forbidden);
    }
    match crate::sellers::service::mine(c, &viewer.id).await? {
        Some(shop) if shop.status == ShopStatus::Verified => Ok((shop.id, shop.shop_name, shop.slug)),
        _ => Err(AppError::Forbidden),
    }
}

/// The product if the viewer may edit it.
pub(super) async fn editable(c: &mut Conn, viewer: &Viewer, id: &str) -> AppResult<Head> {
    if !matches!(viewer.role, Role::Seller | Role::Admin) {
        return Err(AppError::Forbidden);
    }
    let missing = || AppError::NotFound("Product".into());
    let head = db::head(c, id).await?.ok_or_else(missing)?;
    if viewer.role == Role::Admin {
        return Ok(head);
    }
    let (shop_id, _, _) = own_shop(c, viewer).await?;
    if head.seller_id == shop_id { Ok(head) } else { Err(missing()) }
}

fn status_of(head: &Head) -> ProductStatus {
    ProductStatus::parse(&head.status).unwrap_or(ProductStatus::Draft)
}

/// The studio's list of the viewer's products.
pub async fn list(c: &mut Conn, viewer: &Viewer) -> AppResult<StudioList> {
    let (shop_id, shop_name, shop_slug) = own_shop(c, viewer).await?;
    let rows = db::list(c, &shop_id, LIST_LIMIT).await?;
    Ok(StudioList {
        shop_name,
        shop_slug,
        rows: rows
            .into_iter()
            .map(|r| StudioRow {
                image: r.cover_media_id.map(|m| Image { url: media::url(&m), alt: r.title.clone() }),
                status: ProductStatus::parse(&r.status).unwrap_or(ProductStatus::Draft),
                price: Money::new(r.price_minor, r.currency),
                id: r.id,
                slug: r.slug,
                title: r.title,
                stock: r.stock,
                variant_count: r.variant_count,
                updated_at: r.updated_at,
            })
            .collect(),
    })
}

/// Categories as choices: "Skincare › Serums".
pub fn category_choices(categories: &[Category]) -> Vec<CategoryChoice> {
    let name_of = |id: &str| categories.iter().find(|c| c.id == id).map(|c| c.name.clone());
    let mut out: Vec<CategoryChoice> = categories
        .iter()
        .map(|c| CategoryChoice {
            id: c.id.clone(),
            label: match c.parent_id.as_deref().and_then(name_of) {
                Some(parent) => format!("{parent} › {}", c.name),
                None => c.name.clone(),
            },
            vertical: c.vertical.clone(),
        })
        .collect();
    out.sort_by(|a, b| a.label.cmp(&b.label));
    out
}

/// A product as the editor shows it.
pub async fn edit(c: &mut Conn, viewer: &Viewer, id: &str) -> AppResult<EditProduct> {
    let head = editable(c, viewer, id).await?;
    let fields = db::fields(c, id).await?;
    let option_names = db::option_names(c, id).await?;
    let variants = db::variants(c, id)
        .await?
        .into_iter()
        .map(|v| {
            let pairs: Vec<(String, String)> = serde_json::from_str(&v.option_values).unwrap_or_default();
            VariantInput {
                id: Some(v.id),
                values: option_names
                    .iter()
                    .map(|n| pairs.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone()).unwrap_or_default())
                    .collect(),
                sku: v.sku,
                price_minor: v.price_minor,
                stock: v.stock,
            }
        })
        .collect();
    let mut attributes: Vec<(String, Vec<String>)> = Vec::new();
    for row in crate::catalog::db::product_attributes(c, id).await? {
        match attributes.iter_mut().find(|(k, _)| *k == row.name) {
            Some((_, values)) => values.push(row.value),
            None => attributes.push((row.name, vec![row.value])),
        }
    }
    attributes.sort_by_key(|(k, _)| ATTRIBUTE_KEYS.iter().position(|(key, _)| key == k));
    let images = db::images(c, id)
        .await?
        .into_iter()
        .map(|i| EditImage {
            url: media::url(&i.media_id),
            thumb_url: media::url(i.thumb_media_id.as_deref().unwrap_or(&i.media_id)),
            id: i.id,
            alt: i.alt,
        })
        .collect();
    Ok(EditProduct {
        status: status_of(&head),
        ordered: head.sold_count > 0 || head.review_rows > 0,
        id: head.id,
        slug: head.slug,
        input: ProductInput {
            title: fields.title,
            subtitle: fields.subtitle,
            description: fields.description,
            price_minor: fields.price_minor,
            compare_at_minor: fields.compare_at_minor,
            category_id: fields.category_id,
            cost_minor: fields.cost_minor,
            low_stock_at: fields.low_stock_at,
            option_names,
            variants,
            attributes,
        },
        images,
    })
}

/// The search text, after checking the category exists and the attributes
/// belong to its vertical.
async fn search_text(c: &mut Conn, seller_id: &str, input: &ProductInput) -> AppResult<String> {
    let Some((shop, category, vertical)) = db::names(c, seller_id, &input.category_id).await? else {
        return Err(AppError::field("category_id", "Choose a category."));
    };
    for (key, _) in &input.attributes {
        let fits = ATTRIBUTE_KEYS.iter().any(|(k, v)| k == key && *v == vertical);
        if !fits {
            let label = crate::catalog::attribute_label(key);
            return Err(AppError::field(
                &format!("attributes.{key}"),
                format!("{label} do not apply to {category}."),
            ));
        }
    }
    let values: Vec<&str> = input.attributes.iter().flat_map(|(_, v)| v.iter().map(String::as_str)).collect();
    Ok(catalog_write::search_words(&input.title, &input.subtitle, &shop, &category, &values))
}

/// A slug for a new product: the title's, made unique.
async fn fresh_slug(c: &mut Conn, title: &str, id: &str) -> AppResult<String> {
    let base = match slugify(title) {
        s if s.is_empty() => "product".to_owned(),
        s => s.chars().take(80).collect::<String>().trim_end_matches('-').to_owned(),
    };
    for n in 1..=5 {
        let candidate = if n == 1 { base.clone() } else { format!("{base}-{n}") };
        if !db::slug_taken(c, &candidate).await? {
            return Ok(candidate);
        }
    }
    Ok(format!("{base}-{}", &id[id.len() - 8..]))
}

/// Write the cost terms, options, attributes and variants of `product_id` to match `input`.
async fn write_parts(tx: &mut Tx, product_id: &str, input: &ProductInput) -> AppResult<()> {
    db::set_stock_terms(tx, product_id, input.cost_minor, input.low_stock_at).await?;
    db::clear_options_and_attributes(tx, product_id).await?;
    for (pos, name) in input.option_names.iter().enumerate() {
        let mut values: Vec<&str> = Vec::new();
        for v in &input.variants {
            if let Some(value) = v.values.get(pos)
                && !values.contains(&value.as_str())
            {
                values.push(value);
            }
        }
        let json = serde_json::to_string(&values).unwrap_or_else(|_| "[]".into());
        catalog_write::insert_option(tx, &new_id(), product_id, name, &json).await?;
    }
    for (key, values) in &input.attributes {
        for (pos, value) in values.iter().enumerate() {
            catalog_write::insert_attribute(tx, product_id, key, value, pos as i64).await?;
        }
    }
    // Variants keep their ids (carts and orders point at them).
    let kept: Vec<String> = input.variants.iter().filter_map(|v| v.id.clone()).collect();
    db::delete_variants(tx, product_id, &kept).await?;
    let tail = &product_id[product_id.len() - 8..];
    for (pos, v) in input.variants.iter().enumerate() {
        let sku =
            if v.sku.is_empty() { format!("BZ-{tail}-{}", pos + 1).to_uppercase() } else { v.sku.clone() };
        let field =
            if input.option_names.is_empty() { "sku".to_owned() } else { format!("variants.{pos}.sku") };
        if db::sku_taken(tx, &sku, product_id).await?
            || input.variants[..pos].iter().any(|o| !o.sku.is_empty() && o.sku == v.sku)
        {
            return Err(AppError::field(&field, format!("The SKU {sku} is already used.")));
        }
        let pairs: Vec<(&String, &String)> = input.option_names.iter().zip(&v.values).collect();
        let json = serde_json::to_string(&pairs).unwrap_or_else(|_| "[]".into());
        let id = v.id.clone().unwrap_or_else(new_id);
        let row = VariantWrite {
            id: &id,
            product_id,
            sku: &sku,
            title: &v.title(),
            options_json: &json,
            price_minor: v.price_minor,
            stock: v.stock,
            position: pos as i64,
        };
        if v.id.is_some() {
            if !db::update_variant(tx, &row).await? {
                return Err(AppError::field(
                    &format!("variants.{pos}.values"),
                    "This variant no longer exists.",
                ));
            }
        } else {
            catalog_write::insert_variant(
                tx,
                &catalog_write::VariantRow {
                    id: &id,
                    product_id,
                    sku: &sku,
                    title: row.title,
                    options_json: &json,
                    price_minor: v.price_minor,
                    stock: v.stock,
                    position: pos as i64,
                },
            )
            .await?;
        }
    }
    Ok(())
}

/// A new product in the viewer's shop.
pub async fn create(
    tx: &mut Tx,
    viewer: &Viewer,
    input: &ProductInput,
    status: ProductStatus,
    currency: &str,
) -> AppResult<String> {
    let (shop_id, _, _) = own_shop(tx, viewer).await?;
    let search_text = search_text(tx, &shop_id, input).await?;
    let id = new_id();
    let slug = fresh_slug(tx, &input.title, &id).await?;
    let now = now_ms();
    catalog_write::insert_product(
        tx,
        &ProductRow {
            id: &id,
            seller_id: &shop_id,
            category_id: &input.category_id,
            slug: &slug,
            title: &input.title,
            subtitle: &input.subtitle,
            description: &input.description,
            price_minor: input.price_minor,
            compare_at_minor: input.compare_at_minor,
            currency,
            status: status.as_str(),
            featured: false,
            cover_media_id: None,
            rating_avg: 0,
            rating_count: 0,
            sold_count: 0,
            search_text: &search_text,
            created_at: now,
        },
    )
    .await?;
    write_parts(tx, &id, input).await?;
    tx.notify(CHANNEL, &id).await?;
    Ok(id)
}

/// Save an edit; the slug stays as it was (links keep working after a rename).
pub async fn update(tx: &mut Tx, viewer: &Viewer, id: &str, input: &ProductInput) -> AppResult<()> {
    let head = editable(tx, viewer, id).await?;
    let search_text = search_text(tx, &head.seller_id, input).await?;
    db::update(
        tx,
        &db::Update {
            id,
            category_id: &input.category_id,
            title: &input.title,
            subtitle: &input.subtitle,
            description: &input.description,
            price_minor: input.price_minor,
            compare_at_minor: input.compare_at_minor,
            search_text: &search_text,
            now: now_ms(),
        },
    )
    .await?;
    write_parts(tx, id, input).await?;
    tx.notify(CHANNEL, id).await?;
    Ok(())
}

/// Publish, unpublish (draft) or archive.
pub async fn set_status(tx: &mut Tx, viewer: &Viewer, id: &str, status: ProductStatus) -> AppResult<()> {
    let head = editable(tx, viewer, id).await?;
    if status == ProductStatus::Active && viewer.role != Role::Admin {
        // A suspended shop cannot put products back on sale.
        own_shop(tx, viewer).await?;
    }
    if head.status != status.as_str() {
        db::set_status(tx, id, status.as_str(), now_ms()).await?;
        tx.notify(CHANNEL, id).await?;
    }
    Ok(())
}

/// What deleting did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removal {
    Deleted,
    /// Ever ordered or reviewed: kept for that history, out of the shop.
    Archived,
}

/// Delete a product, or archive it when orders or reviews point at it.
pub async fn delete(state: &AppState, by: Actor<'_>, id: &str) -> AppResult<Removal> {
    let viewer = by.viewer().ok_or(AppError::Forbidden)?;
    let (removal, files) = state
        .db
        .write(async |tx| {
            let head = editable(tx, viewer, id).await?;
            let before = super::audit::snapshot(tx, id).await?;
            if head.sold_count > 0 || head.review_rows > 0 {
                db::set_status(tx, id, ProductStatus::Archived.as_str(), now_ms()).await?;
                tx.notify(CHANNEL, id).await?;
                super::audit::record(tx, by, id, before).await?;
                return Ok((Removal::Archived, Vec::new()));
            }
            let images = db::images(tx, id).await?;
            db::delete_product(tx, id).await?;
            super::audit::record(tx, by, id, before).await?;
            let files = drop_unused_media(
                tx,
                images.into_iter().flat_map(|i| [Some(i.media_id), i.thumb_media_id]).flatten().collect(),
            )
            .await?;
            tx.notify(CHANNEL, id).await?;
            Ok((Removal::Deleted, files))
        })
        .await?;
    remove_files(&state.media, files).await;
    Ok(removal)
}
