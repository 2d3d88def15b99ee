//! Cart rules. Every change runs in the caller's transaction, with the
//! cart's row touched first (a row lock on PostgreSQL), so two changes to
//! one cart never interleave; quantities are checked against stock as it
//! is now and `MAX_PER_LINE`.

use super::db::{self, ItemRow, NewItem};
use super::{Cart, CartLine, MAX_LINES, MAX_PER_LINE, check_quantity};
use crate::catalog::Money;
use crate::catalog::buying::{self as catalog, VariantLine};
use crate::error::{AppError, AppResult};
use crate::server::db::{Conn, Tx};
use crate::server::{new_id, now_ms};

/// Visitor carts untouched this long are forgotten.
pub const VISITOR_CART_DAYS: i64 = 30;

/// The cart priced now (an empty one when there is none).
pub async fn view(c: &mut Conn, cart_id: Option<&str>, currency: &str) -> AppResult<Cart> {
    let Some(cart_id) = cart_id else {
        return Ok(Cart::empty(currency));
    };
    let items = db::items(c, cart_id).await?;
    let ids: Vec<String> = items.iter().map(|i| i.variant_id.clone()).collect();
    let variants = catalog::lines(c, &ids).await?;
    let mut cart = Cart::empty(currency);
    for item in items {
        let Some(v) = variants.get(&item.variant_id) else { continue };
        let line = priced(&item, v, currency);
        cart.count += line.quantity;
        if line.problem().is_none() {
            cart.subtotal.minor += line.line_total.minor;
        }
        cart.lines.push(line);
    }
    Ok(cart)
}

fn priced(item: &ItemRow, v: &VariantLine, currency: &str) -> CartLine {
    CartLine {
        id: item.id.clone(),
        product_id: v.product_id.clone(),
        variant_id: v.variant_id.clone(),
        slug: v.slug.clone(),
        title: v.title.clone(),
        variant_title: v.variant_title.clone(),
        shop_id: v.shop_id.clone(),
        shop_name: v.shop_name.clone(),
        image: v.image(),
        quantity: item.quantity,
        unit_price: v.unit_price(),
        line_total: Money::new(v.price_minor * item.quantity, &v.currency),
        stock: v.stock,
        // A product priced in another currency cannot share this cart's total.
        available: v.on_sale() && v.currency == currency,
    }
}

/// The cart's lines as checkout items.
pub async fn requested(c: &mut Conn, cart_id: Option<&str>) -> AppResult<Vec<crate::checkout::ItemRequest>> {
    let Some(cart_id) = cart_id else { return Ok(Vec::new()) };
    Ok(db::items(c, cart_id)
        .await?
        .into_iter()
        .map(|i| crate::checkout::ItemRequest {
            product_id: i.product_id,
            variant_id: Some(i.variant_id),
            quantity: i.quantity,
        })
        .collect())
}

/// Take the lines just bought out of the cart (in the order's transaction).
/// Mark a cart line as added from a channel other than the storefront.
pub async fn set_channel(tx: &mut Tx, line_id: &str, channel: &str) -> AppResult<()> {
    db::set_channel(tx, line_id, channel).await?;
    Ok(())
}

/// At placing: the orders' lines take their cart lines' channels.
pub async fn channels_to_orders(tx: &mut Tx, cart_id: &str, order_ids: &[String]) -> AppResult<()> {
    db::channels_to_orders(tx, cart_id, order_ids).await?;
    Ok(())
}

pub async fn remove_bought(tx: &mut Tx, cart_id: Option<&str>, variant_ids: &[String]) -> AppResult<()> {
    if let Some(cart_id) = cart_id {
        db::delete_variants(tx, cart_id, variant_ids).await?;
    }
    Ok(())
}

/// Units in the cart (the header's badge).
pub async fn count(c: &mut Conn, cart_id: Option<&str>) -> AppResult<i64> {
    match cart_id {
        Some(id) => Ok(db::count(c, id).await?),
        None => Ok(0),
    }
}

/// Check that `wanted` units of `v` may sit on one line.
fn check_stock(v: &VariantLine, wanted: i64) -> AppResult<()> {
    if v.stock == 0 {
        return Err(AppError::OutOfStock(format!("{} is sold out.", v.full_title())));
    }
    if wanted > v.stock {
        return Err(AppError::OutOfStock(format!("{}: only {} left.", v.full_title(), v.stock)));
    }
    if wanted > MAX_PER_LINE {
        return Err(AppError::field("quantity", format!("At most {MAX_PER_LINE} of one item per order.")));
    }
    Ok(())
}

/// Add `quantity` of a product (its variant, or its only one) — to the
/// line already holding that variant, if any. Returns the line's id.
pub async fn add(
    tx: &mut Tx,
    cart_id: &str,
    product_id: &str,
    variant_id: Option<&str>,
    quantity: i64,
) -> AppResult<String> {
    let quantity = check_quantity(quantity)?;
    let v = catalog::pick_variant(tx, product_id, variant_id).await?;
    db::touch(tx, cart_id, now_ms()).await?;
    match db::item_for_variant(tx, cart_id, &v.variant_id).await? {
        Some(line) => {
            let wanted = line.quantity + quantity;
            if wanted > MAX_PER_LINE && wanted <= v.stock {
                return Err(AppError::field(
                    "quantity",
                    format!(
                        "Your cart has {} already; at most {MAX_PER_LINE} of one item per order.",
                        line.quantity
                    ),
                ));
            }
            check_stock(&v, wanted)?;
            db::set_quantity(tx, &line.id, wanted).await?;
            Ok(line.id)
        }
        None => {
            check_stock(&v, quantity)?;
            if db::line_count(tx, cart_id).await? >= MAX_LINES {
                return Err(AppError::field(
                    "product_id",
                    format!("A cart holds at most {MAX_LINES} items."),
                ));
            }
            let id = new_id();
            let item = NewItem {
                id: &id,
                cart_id,
                product_id: &v.product_id,
                variant_id: &v.variant_id,
                quantity,
                now: now_ms(),
            };
            db::insert_item(tx, &item).await?;
            Ok(id)
        }
    }
}

/// Change a line's quantity (0 removes it).
pub async fn set_quantity(tx: &mut Tx, cart_id: Option<&str>, item_id: &str, quantity: i64) -> AppResult<()> {
    let cart_id = cart_id.ok_or_else(gone)?;
    if quantity == 0 {
        return remove(tx, Some(cart_id), item_id).await;
    }
    let quantity = check_quantity(quantity)?;
    db::touch(tx, cart_id, now_ms()).await?;
    let line = db::item(tx, cart_id, item_id).await?.ok_or_else(gone)?;
    // Lowering is always allowed (a shopper fixing an "only 2 left" line).
    if quantity > line.quantity {
        let lines = catalog::lines(tx, std::slice::from_ref(&line.variant_id)).await?;
        let v = lines.get(&line.variant_id).filter(|v| v.on_sale()).ok_or_else(gone)?;
        check_stock(v, quantity)?;
    }
    db::set_quantity(tx, item_id, quantity).await?;
    Ok(())
}

pub async fn remove(tx: &mut Tx, cart_id: Option<&str>, item_id: &str) -> AppResult<()> {
    let cart_id = cart_id.ok_or_else(gone)?;
    db::touch(tx, cart_id, now_ms()).await?;
    if db::delete_item(tx, cart_id, item_id).await? { Ok(()) } else { Err(gone()) }
}

fn gone() -> AppError {
    AppError::NotFound("Cart item".into())
}

/// The person's cart, made when they have none.
pub async fn person_cart(tx: &mut Tx, user_id: &str) -> AppResult<String> {
    if let Some(id) = db::user_cart(tx, user_id).await? {
        return Ok(id);
    }
    db::insert_cart(tx, &new_id(), Some(user_id), now_ms()).await?;
    // Made here, or by a parallel request a moment ago.
    db::user_cart(tx, user_id).await?.ok_or(AppError::Internal)
}

/// A new visitor cart's id.
pub async fn visitor_cart(tx: &mut Tx) -> AppResult<String> {
    let id = new_id();
    db::insert_cart(tx, &id, None, now_ms()).await?;
    Ok(id)
}

/// Move a visitor's lines into the person's cart at sign-in: quantities
/// of the same variant are added, capped at stock and `MAX_PER_LINE`;
/// sold-out or withdrawn items stay behind. The visitor cart is deleted.
pub async fn merge(tx: &mut Tx, visitor_cart: &str, user_id: &str) -> AppResult<()> {
    let Some(from) = db::visitor_cart(tx, visitor_cart).await? else {
        return Ok(());
    };
    let items = db::items(tx, &from).await?;
    if !items.is_empty() {
        let into = person_cart(tx, user_id).await?;
        db::touch(tx, &into, now_ms()).await?;
        let ids: Vec<String> = items.iter().map(|i| i.variant_id.clone()).collect();
        let variants = catalog::lines(tx, &ids).await?;
        let mut lines = db::line_count(tx, &into).await?;
        for item in items {
            let Some(v) = variants.get(&item.variant_id).filter(|v| v.on_sale() && v.stock > 0) else {
                continue;
            };
            let cap = v.stock.min(MAX_PER_LINE);
            match db::item_for_variant(tx, &into, &item.variant_id).await? {
                Some(line) => {
                    db::set_quantity(tx, &line.id, (line.quantity + item.quantity).min(cap)).await?
                }
                None if lines < MAX_LINES => {
                    let id = new_id();
                    let new = NewItem {
                        id: &id,
                        cart_id: &into,
                        product_id: &item.product_id,
                        variant_id: &item.variant_id,
                        quantity: item.quantity.min(cap),
                        now: now_ms(),
                    };
                    db::insert_item(tx, &new).await?;
                    lines += 1;
                }
                None => {}
            }
        }
    }
    db::delete_cart(tx, &from).await?;
    Ok(())
}

/// Forget visitor carts nobody touched for `VISITOR_CART_DAYS`.
pub async fn sweep(tx: &mut Tx) -> AppResult<u64> {
    Ok(db::sweep_visitor_carts(tx, now_ms() - VISITOR_CART_DAYS * 24 * 3_600_000).await?)
}

/// Sweep old visitor carts every hour, for as long as the server runs.
pub fn spawn_sweeper(db: crate::server::db::Db) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            tick.tick().await;
            match db.write(async |tx| sweep(tx).await).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(carts = n, "forgot old visitor carts"),
                Err(e) => tracing::warn!(error = %e, "could not sweep visitor carts"),
            }
        }
    });
}
