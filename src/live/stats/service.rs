//! A stream's numbers for its own people (the console) and for staff and
//! administrators (the back office).

use super::{StreamStats, TopProduct, audience, db};
use crate::accounts::Viewer;
use crate::catalog::Money;
use crate::error::{AppError, AppResult};
use crate::live::{StreamCard, StreamStatus, service};
use crate::server::db::Conn;
use crate::server::now_ms;

/// The back office lists at most this many streams.
const DESK_LIMIT: i64 = 50;
const TOP_PRODUCTS: i64 = 5;

/// The numbers of a stream the viewer runs.
pub async fn of_stream(c: &mut Conn, viewer: &Viewer, id: &str, currency: &str) -> AppResult<StreamStats> {
    service::runs(c, viewer, id).await?;
    let card = service::card(
        crate::live::db::card(c, id).await?.ok_or_else(|| AppError::NotFound("Stream".into()))?,
    );
    compute(c, &card, currency).await
}

/// Streams that went on air with their numbers, latest first (staff, administrators).
pub async fn desk(
    c: &mut Conn,
    viewer: &Viewer,
    currency: &str,
) -> AppResult<Vec<(StreamCard, StreamStats)>> {
    if !viewer.may(crate::accounts::areas::Area::Live) {
        return Err(AppError::Forbidden);
    }
    let mut rows = Vec::new();
    for card in crate::live::db::aired(c, DESK_LIMIT).await?.into_iter().map(service::card) {
        let stats = compute(c, &card, currency).await?;
        rows.push((card, stats));
    }
    Ok(rows)
}

/// Viewers from the logged stays within the time on air (up to now while
/// live); chat, orders and products from their tables.
pub async fn compute(c: &mut Conn, card: &StreamCard, currency: &str) -> AppResult<StreamStats> {
    let Some(start) = card.started_at else {
        return Ok(StreamStats { revenue: Money::new(0, currency).to_string(), ..StreamStats::default() });
    };
    let live = card.status == StreamStatus::Live;
    let end = if live { now_ms() } else { card.ended_at.unwrap_or(start) };
    let stays = db::stays(c, &card.id, start, end).await?;
    let seen = audience(&stays, start, end);
    let (orders, revenue) = crate::live::db::takings(c, &card.id).await?;
    let top_products = db::top_products(c, &card.id, TOP_PRODUCTS)
        .await?
        .into_iter()
        .map(|(product_id, title, quantity, revenue)| TopProduct {
            product_id,
            title,
            quantity,
            revenue: Money::new(revenue, currency).to_string(),
        })
        .collect();
    Ok(StreamStats {
        live,
        duration_ms: end - start,
        peak_viewers: seen.peak,
        average_viewers: seen.average,
        unique_viewers: seen.unique,
        average_watch_ms: seen.average_watch_ms,
        messages: db::messages(c, &card.id).await?,
        orders,
        revenue: Money::new(revenue, currency).to_string(),
        top_products,
        curve: seen.curve,
    })
}
