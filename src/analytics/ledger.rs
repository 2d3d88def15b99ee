//! What an order's life means for the rollups, written down in the order's
//! own transaction: its changes (placed, moved, sold, cancelled after it
//! was sold, refunded) are one row in `analytics_queue` — a single insert,
//! so placing an order pays almost nothing for the dashboards. The queue's
//! applier (`queue`) folds the rows into the rollups in batches, right
//! after the commit on this node (within a couple of seconds on any other),
//! and every dashboard read applies what is still waiting first, so the
//! figures are always exact.

use serde::{Deserialize, Serialize};

use super::db::{self, SaleMoney};
use super::zone::Zone;
use crate::server::db::{Conn, Tx};

/// Sales changes (the shop's id), for open dashboards.
pub const CHANNEL: &str = "analytics";
/// Rows waiting in the queue (this node's applier listens).
pub const QUEUED: &str = "analytics-queued";

/// What an order brings to the figures.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Sale {
    pub order_id: String,
    pub shop_id: String,
    pub user_id: String,
    pub money: SaleMoney,
    /// Paid by card (its payment fee counts in the finance figures).
    pub card: bool,
    pub lines: Vec<Units>,
}

/// Units of an order line's product and their line revenue (unit price × units).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Units {
    pub line_id: String,
    pub product_id: String,
    pub units: i64,
    pub revenue: i64,
}

/// One change to the figures, as queued.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// A new order, in its first status, on the day it was placed.
    Placed { shop: String, placed_at: i64, status: String },
    /// An order moved from one status to another.
    Moved { shop: String, placed_at: i64, from: String, to: String },
    /// The order became a sale at `at`.
    Sold { sale: Sale, at: i64 },
    /// A sold order was cancelled.
    Unsold { sale: Sale, sold_at: i64 },
    /// Money paid back at `at` on an order sold at `sold_at`; `lines` are
    /// the units refunded (taken off the day they were sold).
    Refunded { order_id: String, shop: String, amount: i64, lines: Vec<Units>, sold_at: i64, at: i64 },
}

/// The zone the rollups are cut in (UTC until the first start sets it).
pub async fn zone(c: &mut Conn) -> Result<Zone, sqlx::Error> {
    let name = db::zone(c).await?;
    Ok(Zone::parse(&name).unwrap_or_else(|_| Zone::utc()))
}

/// Queue what one order's transaction changed — one row, however many
/// changes — in that transaction; this node's applier is woken once it
/// commits.
pub async fn record(tx: &mut Tx, changes: &[Change]) -> Result<(), sqlx::Error> {
    if changes.is_empty() {
        return Ok(());
    }
    let event = serde_json::to_string(changes).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    db::queue::push(tx, &crate::server::new_id(), &event).await?;
    tx.after_commit_here(QUEUED, "");
    Ok(())
}

/// A queue row: the changes of one transaction (rows written before they
/// were grouped hold a single change).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Queued {
    Many(Vec<Change>),
    One(Change),
}

impl Queued {
    pub fn into_changes(self) -> Vec<Change> {
        match self {
            Self::Many(changes) => changes,
            Self::One(change) => vec![change],
        }
    }
}

pub fn placed(shop: &str, placed_at: i64, status: &str) -> Change {
    Change::Placed { shop: shop.to_owned(), placed_at, status: status.to_owned() }
}

pub fn moved(shop: &str, placed_at: i64, from: &str, to: &str) -> Change {
    let (shop, from, to) = (shop.to_owned(), from.to_owned(), to.to_owned());
    Change::Moved { shop, placed_at, from, to }
}

pub fn sold(sale: Sale, at: i64) -> Change {
    Change::Sold { sale, at }
}

/// After the order's status changed to cancelled.
pub fn unsold(sale: Sale, sold_at: i64) -> Change {
    Change::Unsold { sale, sold_at }
}

pub fn refunded(
    (order_id, shop): (&str, &str),
    amount: i64,
    lines: Vec<Units>,
    sold_at: i64,
    at: i64,
) -> Change {
    let (order_id, shop) = (order_id.to_owned(), shop.to_owned());
    Change::Refunded { order_id, shop, amount, lines, sold_at, at }
}
