//! The rollups' applier: takes the changes orders queued (`ledger`), oldest
//! first, folds a batch of them into the rollups in one transaction and
//! deletes them. It runs as soon as a transaction that queued something
//! commits on this node, every couple of seconds otherwise (changes queued
//! on other nodes, or left by a stop), and before every dashboard read.
//! Appliers on several nodes take turns (`db::queue::lock`).

use std::time::Duration;

use tokio::sync::broadcast::error::TryRecvError;

use super::db::queue as sql;
use super::ledger::{self, Change, Queued};
use crate::error::AppResult;
use crate::server::db::{Db, Tx};

/// Changes applied in one transaction at most.
pub const BATCH: usize = 500;
/// How often an idle node looks for changes queued elsewhere.
const POLL: Duration = Duration::from_secs(2);
/// Batches one read applies at most before it reads anyway (a flood of
/// orders must not hold a dashboard up for long).
const SETTLE_BATCHES: usize = 20;

/// Inside the caller's transaction: apply the oldest `BATCH` changes;
/// returns how many there were.
pub async fn apply_batch(tx: &mut Tx) -> Result<usize, sqlx::Error> {
    sql::lock(tx).await?;
    let rows = sql::take(tx, BATCH as i64).await?;
    if rows.is_empty() {
        return Ok(0);
    }
    let zone = ledger::zone(tx).await?;
    let changes: Vec<Change> = rows
        .iter()
        .filter_map(|(id, event)| {
            serde_json::from_str::<Queued>(event)
                .inspect_err(
                    |e| tracing::error!(id, error = %e, "an unreadable analytics change was dropped"),
                )
                .ok()
        })
        .flat_map(Queued::into_changes)
        .collect();
    super::apply::all(tx, &zone, &changes).await?;
    let ids: Vec<String> = rows.into_iter().map(|(id, _)| id).collect();
    sql::remove(tx, &ids).await?;
    Ok(ids.len())
}

/// Inside the caller's transaction: apply everything waiting (a rebuild
/// does this first, so no change is counted twice or lost).
pub async fn drain(tx: &mut Tx) -> Result<(), sqlx::Error> {
    while apply_batch(tx).await? == BATCH {}
    Ok(())
}

/// Apply what waits, in transactions of a batch each: after this, the
/// rollups hold every change committed before it began.
pub async fn settle(db: &Db) -> AppResult<()> {
    for _ in 0..SETTLE_BATCHES {
        if !sql::waiting(&mut db.conn().await?).await? {
            return Ok(());
        }
        if db.write(async |tx| Ok(apply_batch(tx).await?)).await? < BATCH {
            return Ok(());
        }
    }
    Ok(())
}

/// Start this node's applier.
pub fn spawn(db: Db) {
    tokio::spawn(async move {
        let mut queued = db.subscribe(ledger::QUEUED).await;
        let mut tick = tokio::time::interval(POLL);
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                _ = queued.recv() => {}
            }
            // Whatever else was queued meanwhile goes in the same round.
            while !matches!(queued.try_recv(), Err(TryRecvError::Empty | TryRecvError::Closed)) {}
            if let Err(e) = settle(&db).await {
                tracing::warn!(error = %e, "applying analytics changes failed; retrying");
            }
        }
    });
}
