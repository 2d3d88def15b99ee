//! Chat rules: who may write (signed in, not muted, the stream not over),
//! how often (10 messages in 10 s; slow mode: one per N s), how long
//! (500 characters, plain text); moderation (delete, mute, ban, slow mode)
//! and the pinned product, by the stream's own people only. Every effect
//! travels on the feed in the same transaction as its row.

use super::db;
use super::hub::{CHANNEL, Envelope};
use super::{Author, ChatMessage, HISTORY, MAX_MESSAGE, PinnedProduct, ServerFrame};
use crate::accounts::Viewer;
use crate::error::{AppError, AppResult};
use crate::live::StreamStatus;
use crate::live::service::runs;
use crate::server::db::{Conn, Tx};
use crate::server::{new_id, now_ms};

/// Messages a person may write in `BURST_MS`.
/// (One a second on average; a person typing fast is not cut off.)
const BURST: i64 = 10;
const BURST_MS: i64 = 10_000;
/// The slowest slow mode.
pub const MAX_SLOW_SECS: i64 = 300;

/// "Maya O." from "Maya Okafor" (or "Dr. Maya Okafor"): enough to tell
/// people apart, no more.
pub fn public_name(full_name: &str) -> String {
    let mut words = full_name.split_whitespace().skip_while(|w| w.len() <= 4 && w.ends_with('.'));
    match (words.next(), words.last()) {
        (Some(first), Some(last)) => format!("{first} {}.", last.chars().next().unwrap_or_default()),
        (Some(first), None) => first.to_owned(),
        _ => "Someone".to_owned(),
    }
}

fn message(r: db::MessageRow) -> ChatMessage {
    ChatMessage { id: r.id, user: Author { id: r.user_id, name: r.author }, text: r.body, at: r.created_at }
}

/// The latest messages, oldest first.
pub async fn history(c: &mut Conn, stream_id: &str) -> AppResult<Vec<ChatMessage>> {
    Ok(db::recent(c, stream_id, HISTORY).await?.into_iter().map(message).collect())
}

async fn send(tx: &mut Tx, stream_id: &str, frame: ServerFrame) -> AppResult<()> {
    let payload = serde_json::to_string(&Envelope { stream: stream_id.to_owned(), frame }).map_err(|e| {
        tracing::error!(error = %e, "cannot encode a chat frame");
        AppError::Internal
    })?;
    tx.notify(CHANNEL, &payload).await?;
    Ok(())
}

/// Write a message to the stream's chat.
pub async fn post(tx: &mut Tx, viewer: &Viewer, stream_id: &str, text: &str) -> AppResult<ChatMessage> {
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::field("text", "Write something first."));
    }
    if text.chars().count() > MAX_MESSAGE {
        return Err(AppError::field("text", format!("At most {MAX_MESSAGE} characters.")));
    }
    let head = crate::live::service::require_stream(tx, stream_id).await?;
    if matches!(StreamStatus::parse(&head.status), Some(StreamStatus::Ended | StreamStatus::Cancelled)) {
        return Err(AppError::Conflict("This stream is over; its chat is closed.".into()));
    }
    if db::muted(tx, &head.seller_id, stream_id, &viewer.id).await? {
        return Err(AppError::Conflict("The shop has muted you in this chat.".into()));
    }
    let now = now_ms();
    let (slow, _) = db::settings(tx, stream_id).await?.unwrap_or((0, None));
    let (burst, _) = db::written_since(tx, stream_id, &viewer.id, now - BURST_MS).await?;
    if burst >= BURST {
        return Err(AppError::RateLimited { retry_after_secs: (BURST_MS / 1000) as u64 });
    }
    if slow > 0 {
        let (_, last) = db::written_since(tx, stream_id, &viewer.id, now - slow * 1000).await?;
        if let Some(last) = last {
            let wait = (last + slow * 1000 - now).max(1000) / 1000;
            return Err(AppError::Conflict(format!("Slow mode is on: you can write again in {wait} s.")));
        }
    }
    let m = ChatMessage {
        id: new_id(),
        user: Author { id: viewer.id.clone(), name: public_name(&viewer.full_name) },
        text: text.to_owned(),
        at: now,
    };
    db::insert(tx, &m.id, stream_id, &viewer.id, &m.user.name, &m.text, now).await?;
    send(tx, stream_id, ServerFrame::Message(m.clone())).await?;
    Ok(m)
}

/// Take a message down (its row stays, marked).
pub async fn delete(tx: &mut Tx, viewer: &Viewer, stream_id: &str, message_id: &str) -> AppResult<()> {
    runs(tx, viewer, stream_id).await?;
    if !db::delete(tx, stream_id, message_id, now_ms()).await? {
        return Err(AppError::NotFound("Message".into()));
    }
    send(tx, stream_id, ServerFrame::Deleted { id: message_id.to_owned() }).await
}

/// Mute a person in this stream, or (`ban`) in every stream of the shop.
pub async fn mute(tx: &mut Tx, viewer: &Viewer, stream_id: &str, user_id: &str, ban: bool) -> AppResult<()> {
    let head = runs(tx, viewer, stream_id).await?;
    if user_id == viewer.id {
        return Err(AppError::field("user_id", "You cannot mute yourself."));
    }
    if crate::accounts::db::viewer(tx, user_id).await?.is_none() {
        return Err(AppError::field("user_id", "No such person."));
    }
    db::mute(tx, &head.seller_id, if ban { "" } else { stream_id }, user_id, &viewer.id, now_ms()).await?;
    Ok(())
}

/// Let a person write again (undoes a mute in this stream and a shop ban).
pub async fn unmute(tx: &mut Tx, viewer: &Viewer, stream_id: &str, user_id: &str) -> AppResult<()> {
    let head = runs(tx, viewer, stream_id).await?;
    let here = db::unmute(tx, &head.seller_id, stream_id, user_id).await?;
    let shop = db::unmute(tx, &head.seller_id, "", user_id).await?;
    if here || shop { Ok(()) } else { Err(AppError::NotFound("Mute".into())) }
}

/// One message per `secs` per person; 0 turns slow mode off.
pub async fn set_slow_mode(tx: &mut Tx, viewer: &Viewer, stream_id: &str, secs: i64) -> AppResult<()> {
    runs(tx, viewer, stream_id).await?;
    if !(0..=MAX_SLOW_SECS).contains(&secs) {
        return Err(AppError::field("seconds", format!("From 0 (off) to {MAX_SLOW_SECS} seconds.")));
    }
    db::set_slow_mode(tx, stream_id, secs).await?;
    Ok(())
}

/// The pinned product as viewers see it, if any (and still on sale).
pub async fn pinned(c: &mut Conn, stream_id: &str) -> AppResult<Option<PinnedProduct>> {
    let Some((_, Some(product))) = db::settings(c, stream_id).await? else { return Ok(None) };
    product_view(c, &product).await
}

pub async fn product_view(c: &mut Conn, product_id: &str) -> AppResult<Option<PinnedProduct>> {
    let card = crate::catalog::service::cards_in_order(c, &[product_id.to_owned()]).await?.into_iter().next();
    Ok(card.map(|p| PinnedProduct {
        price_label: p.price.to_string(),
        price: p.price.minor,
        currency: p.price.currency,
        id: p.id,
        slug: p.slug,
        title: p.title,
        stock: p.stock,
        image_url: p.image.map(|i| i.url),
        simple: !p.has_variants,
    }))
}

/// Pin one of the shop's products on sale (or, with `None`, unpin).
pub async fn pin(
    tx: &mut Tx,
    viewer: &Viewer,
    stream_id: &str,
    product_id: Option<&str>,
) -> AppResult<Option<PinnedProduct>> {
    let head = runs(tx, viewer, stream_id).await?;
    let product = match product_id {
        Some(id) => {
            let on_sale = crate::live::db::shop_products_among(tx, &head.seller_id, &[id.to_owned()]).await?;
            if on_sale.is_empty() {
                return Err(AppError::field("product_id", "Pin one of this shop's products on sale."));
            }
            product_view(tx, id).await?
        }
        None => None,
    };
    db::set_pinned(tx, stream_id, product.as_ref().map(|p| p.id.as_str())).await?;
    send(tx, stream_id, ServerFrame::Pinned { product: product.clone() }).await?;
    Ok(product)
}

/// A reaction, to everyone watching (not kept).
pub async fn react(db: &crate::server::db::Db, stream_id: &str, emoji: &str) -> AppResult<()> {
    if !super::REACTIONS.contains(&emoji) {
        return Err(AppError::field("emoji", "Not a reaction."));
    }
    let frame = ServerFrame::Reaction { emoji: emoji.to_owned() };
    let payload = serde_json::to_string(&Envelope { stream: stream_id.to_owned(), frame })
        .map_err(|_| AppError::Internal)?;
    db.notify(CHANNEL, &payload).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_are_shortened() {
        assert_eq!(super::public_name("Maya Okafor"), "Maya O.");
        assert_eq!(super::public_name("Cher"), "Cher");
        assert_eq!(super::public_name("  "), "Someone");
        assert_eq!(super::public_name("Ana María López"), "Ana L.");
        assert_eq!(super::public_name("Dr. Aisha Bello"), "Aisha B.");
    }
}
