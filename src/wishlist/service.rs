//! Wishlist rules: only active products, at most `MAX_ITEMS`, share tokens
//! of 128 random bits.

use super::db;
use super::{MAX_ITEMS, SharedWishlist, Wishlist, share_path};
use crate::catalog::{ProductCard, service as catalog};
use crate::error::{AppError, AppResult};
use crate::server::db::{Conn, Tx};
use crate::server::now_ms;

pub async fn wishlist(c: &mut Conn, user_id: &str) -> AppResult<Wishlist> {
    let ids = db::product_ids(c, user_id).await?;
    let mut items = catalog::cards_in_order(c, &ids).await?;
    for card in &mut items {
        card.wished = Some(true);
    }
    let share_path = db::share_token(c, user_id).await?.as_deref().map(share_path);
    Ok(Wishlist { items, share_path })
}

/// Save a product; `false` when it was saved already.
pub async fn add(tx: &mut Tx, user_id: &str, product_id: &str) -> AppResult<bool> {
    if catalog::cards_in_order(tx, &[product_id.to_owned()]).await?.is_empty() {
        return Err(AppError::NotFound("Product".into()));
    }
    if db::count(tx, user_id).await? >= MAX_ITEMS {
        return Err(AppError::field("product_id", format!("A wishlist holds at most {MAX_ITEMS} products.")));
    }
    Ok(db::add(tx, user_id, product_id, now_ms()).await?)
}

/// Remove these products (at most `MAX_ITEMS` at once); how many were saved.
pub async fn remove(tx: &mut Tx, user_id: &str, product_ids: &[String]) -> AppResult<u64> {
    if product_ids.len() as i64 > MAX_ITEMS {
        return Err(AppError::field("product_ids", "Too many at once."));
    }
    Ok(db::remove(tx, user_id, product_ids).await?)
}

/// Save or unsave (the heart button); the new state.
pub async fn toggle(tx: &mut Tx, user_id: &str, product_id: &str) -> AppResult<bool> {
    if db::remove(tx, user_id, &[product_id.to_owned()]).await? == 1 {
        return Ok(false);
    }
    add(tx, user_id, product_id).await.map(|_| true)
}

/// Mark the cards the viewer saved.
pub async fn mark(c: &mut Conn, user_id: &str, cards: &mut [ProductCard]) -> AppResult<()> {
    let ids: Vec<String> = cards.iter().map(|c| c.id.clone()).collect();
    let saved = db::saved_among(c, user_id, &ids).await?;
    for card in cards {
        card.wished = Some(saved.contains(&card.id));
    }
    Ok(())
}

/// A new share link (any older one stops working); its path.
pub async fn share(tx: &mut Tx, user_id: &str) -> AppResult<String> {
    let token = crate::server::random_hex(16);
    db::set_share(tx, user_id, &token, now_ms()).await?;
    Ok(share_path(&token))
}

pub async fn revoke(tx: &mut Tx, user_id: &str) -> AppResult<()> {
    db::revoke_share(tx, user_id).await?;
    Ok(())
}

/// The wishlist behind a share token; unknown or revoked → `NotFound`.
pub async fn shared(c: &mut Conn, token: &str) -> AppResult<SharedWishlist> {
    let valid = token.len() == 32 && token.chars().all(|c| c.is_ascii_hexdigit());
    let (owner_id, name) = match valid {
        true => db::owner_of(c, token).await?,
        false => None,
    }
    .ok_or_else(|| AppError::NotFound("Wishlist".into()))?;
    let ids = db::product_ids(c, &owner_id).await?;
    Ok(SharedWishlist {
        owner: name.split_whitespace().next().unwrap_or("Someone").to_owned(),
        items: catalog::cards_in_order(c, &ids).await?,
    })
}
