//! `GET /api/v1/analytics/live`: a `sales` event whenever an order in the
//! viewer's scope is sold, cancelled after it was sold, or refunded, so an
//! open dashboard re-reads its figures. Changes come from the ledger's
//! channel (PostgreSQL's LISTEN/NOTIFY carries it to every node).

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::{Query, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use serde::Deserialize;
use tokio::sync::broadcast;
use utoipa::IntoParams;

use super::{ledger, service};
use crate::error::AppError;
use crate::server::auth::Signed;
use crate::server::state::AppState;

#[derive(Deserialize, IntoParams)]
pub struct LiveParams {
    /// One shop's changes (administrators, staff; a seller always hears their own).
    #[serde(default)]
    seller_id: String,
}

#[utoipa::path(
    get, path = "/api/v1/analytics/live", tag = "analytics", params(LiveParams),
    responses(
        (status = 200, description = "text/event-stream: a `sales` event (the shop's id) after every change to the figures"),
        (status = 401, description = "Not signed in"),
        (status = 403, description = "A customer, or a seller naming another shop"),
    )
)]
pub async fn events(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Query(p): Query<LiveParams>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, AppError> {
    let seller = Some(p.seller_id.as_str()).filter(|s| !s.is_empty());
    let shop = service::scope(&mut state.db.conn().await?, &viewer, seller).await?.map(|s| s.id);
    let rx = state.db.subscribe(ledger::CHANNEL).await;
    let changes = stream::unfold((rx, shop), |(mut rx, shop)| async move {
        loop {
            match rx.recv().await {
                Ok(changed) if shop.as_ref().is_some_and(|s| *s != changed) => continue,
                Ok(changed) => return Some((Ok(Event::default().event("sales").data(changed)), (rx, shop))),
                Err(broadcast::error::RecvError::Lagged(_)) => {
                    return Some((Ok(Event::default().event("sales").data("")), (rx, shop)));
                }
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    Ok(Sse::new(changes).keep_alive(KeepAlive::new().interval(Duration::from_secs(20))))
}
