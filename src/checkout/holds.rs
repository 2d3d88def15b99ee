//! Unpaid card checkouts hold their stock for `BAZAAR_CHECKOUT_HOLD_MINUTES`
//! (30). Then this job cancels them: the checkout's payment becomes
//! `cancelled`, each order moves to cancelled (stock back, a history row,
//! the shopper's mail) and the promo use is given back — all in one
//! transaction per checkout, claimed with a conditional update so two app
//! nodes never release one twice. It runs every 30 s from start-up, so
//! holds that ran out while the server was down are released on restart.

use super::db;
use crate::error::AppResult;
use crate::orders::OrderStatus;
use crate::server::db::{Db, Tx};

const NOTE: &str = "Cancelled: the card payment did not arrive in time.";

/// Release every hold that ran out before `now`; how many checkouts.
pub async fn release_expired(db_: &Db, now: i64) -> AppResult<usize> {
    let due = db::expired_holds(&mut db_.conn().await?, now, 100).await?;
    let mut released = 0;
    for row in due {
        if db_.write(async |tx| release(tx, &row, now).await).await? {
            released += 1;
        }
    }
    Ok(released)
}

/// Cancel one checkout's orders, unless it was paid or released meanwhile.
async fn release(tx: &mut Tx, row: &db::CheckoutRow, now: i64) -> AppResult<bool> {
    if !db::set_payment_status(tx, &row.id, "pending", "cancelled", now).await? {
        return Ok(false);
    }
    for order in crate::orders::service::of_checkout(tx, &row.id).await? {
        if order.status() == OrderStatus::Pending {
            crate::orders::service::transition(
                tx,
                crate::audit::log::Actor::Shop,
                &order,
                OrderStatus::Cancelled,
                NOTE,
            )
            .await?;
        }
    }
    if let Some(code) = &row.promo_code {
        crate::promos::service::return_use(tx, code, &row.id).await?;
    }
    Ok(true)
}
