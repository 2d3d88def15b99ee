//! Live-shopping rules: who may run a stream (its shop's seller, staff, an
//! administrator — decided once, in [`runs`]), a stream's life (scheduled →
//! live → ended, scheduled → cancelled; one live stream per shop, held by
//! the database), and reminders mailed at the start.

use super::db::{self as sdb, CardRow, Head};
use super::{
    Console, StreamCard, StreamDetail, StreamInput, StreamStatus, StudioShop, StudioStreams, validate,
};
use crate::accounts::{Role, Viewer};
use crate::error::{AppError, AppResult};
use crate::server::db::{Conn, Tx, is_unique_violation};
use crate::server::{new_id, now_ms, random_hex};

/// Lists show at most this many streams.
const LIST_LIMIT: i64 = 60;

/// Who may run streams: sellers for their own shops, staff and
/// administrators for every shop. The one definition of it.
pub fn may_stream(viewer: &Viewer) -> AppResult<()> {
    if viewer.role.can_stream() { Ok(()) } else { Err(AppError::Forbidden) }
}

/// The shops `viewer` may stream for, with what they have in stock.
pub async fn studio_shops(c: &mut Conn, viewer: &Viewer) -> AppResult<Vec<StudioShop>> {
    may_stream(viewer)?;
    let owner = (viewer.role == Role::Seller).then_some(viewer.id.as_str());
    Ok(sdb::studio_shops(c, owner).await?)
}

fn missing() -> AppError {
    AppError::NotFound("Stream".into())
}

/// The stream, or "not found".
pub async fn require_stream(c: &mut Conn, id: &str) -> AppResult<Head> {
    sdb::head(c, id).await?.ok_or_else(missing)
}

/// Runs the house's streams: the live area.
fn staff(viewer: &Viewer) -> bool {
    viewer.may(crate::accounts::areas::Area::Live)
}

/// The viewer's own verified shop's id.
async fn own_shop(c: &mut Conn, viewer: &Viewer) -> AppResult<Option<String>> {
    Ok(crate::sellers::service::mine(c, &viewer.id)
        .await?
        .filter(|s| s.status == crate::sellers::ShopStatus::Verified)
        .map(|s| s.id))
}

/// The stream if the viewer runs it; another shop's stream is "not found".
pub(crate) async fn runs(c: &mut Conn, viewer: &Viewer, id: &str) -> AppResult<Head> {
    may_stream(viewer)?;
    let head = sdb::head(c, id).await?.ok_or_else(missing)?;
    if staff(viewer) || own_shop(c, viewer).await?.as_deref() == Some(head.seller_id.as_str()) {
        Ok(head)
    } else {
        Err(missing())
    }
}

fn status_of(s: &str) -> StreamStatus {
    StreamStatus::parse(s).unwrap_or(StreamStatus::Ended)
}

pub(crate) fn card(r: CardRow) -> StreamCard {
    StreamCard {
        status: status_of(&r.status),
        cover_url: r.cover_media.as_deref().map(crate::media::url),
        id: r.id,
        title: r.title,
        shop_id: r.shop_id,
        shop_name: r.shop_name,
        shop_slug: r.shop_slug,
        scheduled_at: r.scheduled_at,
        started_at: r.started_at,
        ended_at: r.ended_at,
        viewer_count: 0,
    }
}

pub(crate) async fn card_of(c: &mut Conn, id: &str) -> AppResult<StreamCard> {
    sdb::card(c, id).await?.map(card).ok_or_else(missing)
}

/// Schedule a stream for the viewer's shop (staff and administrators name
/// any verified shop in `seller_id`); the stream and its key.
pub async fn schedule(tx: &mut Tx, viewer: &Viewer, input: &StreamInput) -> AppResult<(StreamCard, String)> {
    may_stream(viewer)?;
    let now = now_ms();
    let valid = validate::check(input, now)?;
    let named = input.seller_id.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let shop = match named {
        Some(named) if staff(viewer) => crate::sellers::db::verified_shop_id(tx, named)
            .await?
            .ok_or_else(|| AppError::field("seller_id", "No such shop."))?,
        _ => own_shop(tx, viewer).await?.ok_or_else(|| {
            if staff(viewer) {
                AppError::field("seller_id", "Name the shop the stream is for.")
            } else {
                AppError::Forbidden
            }
        })?,
    };
    if let Some(category) = &valid.category
        && !sdb::category_exists(tx, category).await?
    {
        return Err(AppError::field("category", "Unknown category."));
    }
    let on_sale = sdb::shop_products_among(tx, &shop, &valid.product_ids).await?;
    if on_sale.len() != valid.product_ids.len() {
        return Err(AppError::field("product_ids", "Feature only this shop's products that are on sale."));
    }
    let id = new_id();
    let key = random_hex(24);
    let tags = valid.tags.join(",");
    sdb::insert(
        tx,
        &sdb::NewStream {
            id: &id,
            seller_id: &shop,
            created_by: &viewer.id,
            title: &valid.title,
            description: &valid.description,
            category_id: valid.category.as_deref(),
            tags: &tags,
            scheduled_at: valid.scheduled_at,
            stream_key: &key,
            now,
        },
    )
    .await?;
    for (position, product) in valid.product_ids.iter().enumerate() {
        sdb::insert_product(tx, &id, product, position as i64).await?;
    }
    Ok((card_of(tx, &id).await?, key))
}

/// Go live. Another live stream of the same shop → 409, whoever asked first.
pub async fn start(tx: &mut Tx, viewer: &Viewer, id: &str) -> AppResult<StreamCard> {
    let head = runs(tx, viewer, id).await?;
    go_live(tx, id, &head).await
}

/// Scheduled → live for whoever may start it (the console, or an encoder
/// holding the stream key), mailing the reminders.
pub(crate) async fn go_live(tx: &mut Tx, id: &str, head: &Head) -> AppResult<StreamCard> {
    match sdb::set_live(tx, id, now_ms()).await {
        Err(e) if is_unique_violation(&e) => {
            return Err(AppError::Conflict("This shop is live already: end that stream first.".into()));
        }
        Err(e) => return Err(e.into()),
        Ok(0) => {
            return Err(AppError::Conflict(match status_of(&head.status) {
                StreamStatus::Live => "The stream is live already.".into(),
                _ => "This stream is over; schedule a new one.".into(),
            }));
        }
        Ok(_) => {}
    }
    let started = card_of(tx, id).await?;
    tell_reminded(tx, &started).await?;
    Ok(started)
}

/// "It's live" to everyone who asked, through the outbox.
async fn tell_reminded(tx: &mut Tx, stream: &StreamCard) -> AppResult<()> {
    for (email, name) in sdb::reminder_recipients(tx, &stream.id).await? {
        let subject = format!("{} is live now: {}", stream.shop_name, stream.title);
        let lines = [
            format!("Hello {name},"),
            format!(
                "{} just went live with “{}”, the stream you asked to hear about.",
                stream.shop_name, stream.title
            ),
            format!("Watch and shop: {{site}}/live/{}", stream.id),
        ];
        let html = lines.iter().map(|l| format!("<p>{}</p>", crate::mail::html_escape(l))).collect();
        crate::mail::enqueue(
            tx,
            &crate::mail::Message {
                kind: "stream_live",
                to: &email,
                subject,
                text: lines.join("\n\n"),
                html,
                order_id: None,
                unsubscribe_url: None,
            },
        )
        .await?;
    }
    Ok(())
}

/// End a live stream, or call off a scheduled one.
pub async fn end(tx: &mut Tx, viewer: &Viewer, id: &str) -> AppResult<StreamCard> {
    let head = runs(tx, viewer, id).await?;
    let (from, to) = match status_of(&head.status) {
        StreamStatus::Live => (StreamStatus::Live, StreamStatus::Ended),
        StreamStatus::Scheduled => (StreamStatus::Scheduled, StreamStatus::Cancelled),
        _ => return Err(AppError::Conflict("This stream is over already.".into())),
    };
    if sdb::finish(tx, id, from.as_str(), to.as_str(), now_ms()).await? == 0 {
        return Err(AppError::Conflict("The stream changed meanwhile; reload and try again.".into()));
    }
    card_of(tx, id).await
}

/// A new stream key; the old one stops working.
pub async fn rotate_key(tx: &mut Tx, viewer: &Viewer, id: &str) -> AppResult<String> {
    runs(tx, viewer, id).await?;
    let key = random_hex(24);
    sdb::set_key(tx, id, &key, now_ms()).await?;
    Ok(key)
}

/// Live now, newest first.
pub async fn live_now(c: &mut Conn) -> AppResult<Vec<StreamCard>> {
    Ok(sdb::live(c, LIST_LIMIT).await?.into_iter().map(card).collect())
}

/// Scheduled from an hour ago on (a late start still shows), soonest first;
/// only one shop's when given.
pub async fn upcoming(c: &mut Conn, shop: Option<&str>) -> AppResult<Vec<StreamCard>> {
    let since = now_ms() - 3_600_000;
    Ok(sdb::upcoming(c, since, shop, LIST_LIMIT).await?.into_iter().map(card).collect())
}

/// A shop's live stream, else its next scheduled one.
pub async fn next_of_shop(c: &mut Conn, shop_id: &str) -> AppResult<Option<StreamCard>> {
    if let Some(live) = sdb::live_of_shop(c, shop_id).await? {
        return Ok(Some(card(live)));
    }
    Ok(upcoming(c, Some(shop_id)).await?.into_iter().next())
}

/// A stream's page for `viewer` (none: a visitor).
pub async fn detail(c: &mut Conn, viewer: Option<&Viewer>, id: &str) -> AppResult<StreamDetail> {
    let head = sdb::head(c, id).await?.ok_or_else(missing)?;
    let card = card_of(c, id).await?;
    let category = match &head.category_id {
        Some(category) => sdb::category(c, category).await?,
        None => None,
    };
    let ids = sdb::product_ids(c, id).await?;
    let products = crate::catalog::service::cards_in_order(c, &ids).await?;
    let (reminded, manages) = match viewer {
        Some(v) => (Some(sdb::reminded(c, id, &v.id).await?), runs(c, v, id).await.is_ok()),
        None => (None, false),
    };
    Ok(StreamDetail {
        card,
        description: head.description,
        category,
        tags: head.tags.split(',').filter(|t| !t.is_empty()).map(str::to_owned).collect(),
        products,
        reminded,
        manages,
        chat: super::chat::service::history(c, id).await?,
        pinned: super::chat::service::pinned(c, id).await?,
    })
}

/// Fill in how many people watch each stream now (every node's viewers).
pub fn count_viewers<'a>(
    hub: &super::chat::hub::ChatHub,
    cards: impl IntoIterator<Item = &'a mut StreamCard>,
) {
    for card in cards {
        if card.status == StreamStatus::Live {
            card.viewer_count = hub.viewers(&card.id);
        }
    }
}

/// Ask to be mailed when the stream starts (`on`), or stop asking.
pub async fn remind(tx: &mut Tx, viewer: &Viewer, id: &str, on: bool) -> AppResult<bool> {
    let head = sdb::head(tx, id).await?.ok_or_else(missing)?;
    if on && status_of(&head.status) != StreamStatus::Scheduled {
        return Err(AppError::Conflict("This stream is not upcoming any more.".into()));
    }
    Ok(if on {
        sdb::add_reminder(tx, id, &viewer.id, now_ms()).await?
    } else {
        sdb::remove_reminder(tx, id, &viewer.id).await?
    })
}

/// The console for the stream's own people.
pub async fn console(c: &mut Conn, viewer: &Viewer, id: &str, currency: &str) -> AppResult<Console> {
    let head = runs(c, viewer, id).await?;
    let detail = detail(c, Some(viewer), id).await?;
    let (orders, revenue) = sdb::takings(c, id).await?;
    let stats = crate::live::stats::service::compute(c, &detail.card, currency).await?;
    Ok(Console {
        stats,
        detail,
        stream_key: head.stream_key,
        whip_path: format!("/api/v1/streams/{id}/whip"),
        reminders: sdb::reminder_count(c, id).await?,
        orders,
        revenue: crate::catalog::Money::new(revenue, currency),
    })
}

/// `/studio/streams`: a seller's shop's streams and what a new one may
/// feature; staff and administrators without a shop see every upcoming and
/// live stream (they schedule for a shop over REST, naming it).
pub async fn studio(
    c: &mut Conn,
    viewer: &Viewer,
    categories: Vec<(String, String)>,
) -> AppResult<StudioStreams> {
    may_stream(viewer)?;
    let soon = crate::dates::local_input((now_ms() / 900_000 + 5) * 900_000);
    match own_shop(c, viewer).await? {
        Some(shop) => {
            let shop_name =
                crate::sellers::service::mine(c, &viewer.id).await?.map(|s| s.shop_name).unwrap_or_default();
            Ok(StudioStreams {
                shop_name,
                streams: sdb::of_shop(c, &shop, LIST_LIMIT).await?.into_iter().map(card).collect(),
                products: sdb::shop_product_choices(c, &shop).await?,
                categories,
                soon,
            })
        }
        None if staff(viewer) => {
            let mut streams = live_now(c).await?;
            streams.extend(upcoming(c, None).await?);
            Ok(StudioStreams {
                shop_name: String::new(),
                streams,
                products: Vec::new(),
                categories: Vec::new(),
                soon,
            })
        }
        None => Err(AppError::Forbidden),
    }
}

/// A cart line added from a live stream remembers it (nothing if the stream
/// is not live: a stale page's "Buy now" still buys, unattributed).
pub async fn attribute_cart_line(tx: &mut Tx, line_id: &str, stream_id: &str) -> AppResult<()> {
    sdb::attribute_cart_line(tx, line_id, stream_id).await?;
    Ok(())
}

/// How long after a stream ends an order still counts as its.
const ATTRIBUTION_MS: i64 = 24 * 3_600_000;

/// At placing: the orders' lines take their cart lines' streams.
pub async fn attribute_orders(tx: &mut Tx, cart_id: &str, order_ids: &[String]) -> AppResult<()> {
    sdb::attribute_orders(tx, cart_id, order_ids, now_ms() - ATTRIBUTION_MS).await?;
    Ok(())
}
