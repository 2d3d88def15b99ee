//! The payment job, every 30 s from start-up on every node: ask Stripe
//! about unpaid card checkouts (at start-up all of them — a webhook lost
//! while the server was down is made good here; later only those whose
//! hold is about to run out), then release the holds that ran out, then
//! send the card refunds that are due.

use std::time::Duration;

use super::gateway::Gateway;
use crate::error::AppResult;
use crate::server::db::Db;
use crate::server::now_ms;

/// Ask Stripe about unpaid card checkouts whose hold ends before `before`:
/// a succeeded intent settles the checkout (as its webhook would have).
pub async fn reconcile(db_: &Db, gw: &Gateway, before: i64) -> AppResult<usize> {
    let rows = super::db::unpaid_intents(&mut db_.conn().await?, before, 100).await?;
    let mut settled = 0;
    for row in rows {
        let Some(intent_id) = row.payment_intent_id.clone() else { continue };
        let intent = match gw.retrieve(&intent_id).await {
            Ok(intent) => intent,
            Err(e) => {
                tracing::warn!(checkout = %row.id, error = ?e, "could not ask Stripe about a payment");
                continue;
            }
        };
        if intent.succeeded() {
            let done = db_.write(async |tx| super::service::settle(tx, &row, intent.amount).await).await?;
            if done == super::service::Settled::Paid {
                tracing::info!(checkout = %row.id, "payment found without its webhook");
                settled += 1;
            }
        } else if row.hold_until.is_some_and(|h| h < now_ms())
            && matches!(
                intent.status.as_str(),
                "requires_payment_method" | "requires_confirmation" | "requires_action"
            )
        {
            // The hold is over: nobody may pay this intent any more.
            if let Err(e) = gw.cancel(&intent_id).await {
                tracing::warn!(checkout = %row.id, error = ?e, "could not cancel an unpaid intent");
            }
        }
    }
    Ok(settled)
}

/// Send every card refund that is due.
pub async fn send_refunds(db_: &Db, gw: &Gateway, now: i64) -> AppResult<usize> {
    let due = super::db::due_refunds(&mut db_.conn().await?, now, 50).await?;
    let n = due.len();
    for row in due {
        super::refunds::send(db_, gw, &row).await?;
    }
    Ok(n)
}

async fn tick(db_: &Db, gw: Option<&Gateway>, first: bool) {
    let now = now_ms();
    if let Some(gw) = gw {
        let before = if first { i64::MAX } else { now + 60_000 };
        if let Err(e) = reconcile(db_, gw, before).await {
            tracing::warn!(error = %e, "could not reconcile card payments");
        }
    }
    match crate::checkout::holds::release_expired(db_, now).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(checkouts = n, "released unpaid card holds"),
        Err(e) => tracing::warn!(error = %e, "could not release unpaid holds"),
    }
    if let Some(gw) = gw
        && let Err(e) = send_refunds(db_, gw, now).await
    {
        tracing::warn!(error = %e, "could not send refunds");
    }
}

/// Run the job for as long as the server runs.
pub fn spawn(db_: Db, gw: Option<std::sync::Arc<Gateway>>) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(30));
        let mut first = true;
        loop {
            every.tick().await;
            tick(&db_, gw.as_deref(), first).await;
            first = false;
        }
    });
}
