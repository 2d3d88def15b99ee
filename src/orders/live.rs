//! `GET /api/v1/orders/{id}/events`: an order's status as server-sent
//! events, for open order pages. The current state is sent at once, then
//! again after every change; changes come from the `orders` channel, which
//! PostgreSQL's LISTEN/NOTIFY carries to every app node.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::StreamExt;
use futures_util::stream::{self, Stream};
use serde::Serialize;

use super::{OrderSummary, service};
use crate::error::AppError;
use crate::server::auth::Signed;
use crate::server::state::AppState;

/// What an open page needs to redraw the order's state.
#[derive(Serialize)]
struct Update {
    status: String,
    label: &'static str,
    carrier: Option<String>,
    tracking_number: Option<String>,
}

fn event(o: &OrderSummary) -> Event {
    let update = Update {
        status: o.status.clone(),
        label: o.status().label(),
        carrier: o.carrier.clone(),
        tracking_number: o.tracking_number.clone(),
    };
    Event::default().event("status").data(serde_json::to_string(&update).unwrap_or_default())
}

#[utoipa::path(
    get, path = "/api/v1/orders/{id}/events", tag = "orders",
    params(("id" = String, Path, description = "Order id")),
    responses(
        (status = 200, description = "text/event-stream: a `status` event now and after every change"),
        (status = 401, description = "Not signed in"),
        (status = 404, description = "No such order, or someone else's"),
    )
)]
pub async fn events(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Path(id): Path<String>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, AppError> {
    if id.len() > 64 {
        return Err(AppError::NotFound("Order".into()));
    }
    // Listen first, then read: a change in between is not missed.
    let changes = state.db.subscribe(service::CHANNEL).await;
    let first = service::detail(&mut state.db.conn().await?, &viewer, &id).await?.order;
    let db = state.db.clone();
    let rest = crate::server::db::changes_to(changes, id.clone()).filter_map(move |()| {
        let (db, id) = (db.clone(), id.clone());
        async move {
            let mut c = db.conn().await.ok()?;
            let now = super::db::summary(&mut c, &id).await.ok()??;
            Some(Ok(event(&now)))
        }
    });
    let all = stream::once(async move { Ok(event(&first)) });
    Ok(Sse::new(all.chain(rest)).keep_alive(KeepAlive::new().interval(Duration::from_secs(20))))
}
