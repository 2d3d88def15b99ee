//! Keeping a node's index current. Every committed product change sends
//! the product id on [`CHANNEL`] (`Tx::notify`: PostgreSQL NOTIFY reaches
//! every node; SQLite the local hub). A poll of `updated_at` every few
//! seconds catches anything a dropped listener connection missed, and a
//! lagging subscriber rebuilds the index from scratch.

use std::collections::HashSet;
use std::time::Duration;

use tokio::sync::broadcast::error::RecvError;

use super::SearchIndex;
use super::schema::IndexDoc;
use crate::catalog::db::search as db;
use crate::error::AppResult;
use crate::server::db::Db;
use crate::server::now_ms;

/// Products as the index sees them, for the other readers of the catalog
/// (the semantic indexer): active ones by id order or by id, and the ids
/// changed since a time.
pub use crate::catalog::db::search::{
    changed_since, docs_after as active_docs_after, docs_by_id as active_docs_by_id,
};

/// The notification channel; the payload is a product id.
pub const CHANNEL: &str = "catalog_products";

/// How often the catch-up poll runs, and how far back it looks beyond the
/// last poll (clocks of several nodes differ a little).
const POLL: Duration = Duration::from_secs(3);
const OVERLAP_MS: i64 = 10_000;

/// At most this many ids per incremental commit.
const MAX_BATCH: usize = 500;

/// Build the index, then keep it current, in the background.
pub fn start(db: Db, index: SearchIndex) {
    tokio::spawn(async move {
        let mut changes = db.subscribe(CHANNEL).await;
        let mut watermark = now_ms();
        while let Err(e) = full_build(&db, &index).await {
            tracing::error!(error = %e, "search index build failed; retrying in 5 s");
            tokio::time::sleep(Duration::from_secs(5)).await;
        }
        index.set_ready();
        let mut poll = tokio::time::interval(POLL);
        loop {
            let result = tokio::select! {
                change = changes.recv() => match change {
                    Ok(id) => {
                        let mut ids = vec![id];
                        while ids.len() < MAX_BATCH {
                            let Ok(more) = changes.try_recv() else { break };
                            ids.push(more);
                        }
                        refresh(&db, &index, ids).await
                    }
                    Err(RecvError::Lagged(missed)) => {
                        tracing::warn!(missed, "search index fell behind the change feed; rebuilding");
                        full_build(&db, &index).await.map(|_| ())
                    }
                    Err(RecvError::Closed) => break,
                },
                _ = poll.tick() => {
                    let since = watermark - OVERLAP_MS;
                    watermark = now_ms();
                    catch_up(&db, &index, since).await
                }
            };
            if let Err(e) = result {
                tracing::error!(error = %e, "search index update failed");
            }
        }
    });
}

/// Re-read the products changed since `since` (ms).
async fn catch_up(db: &Db, index: &SearchIndex, since: i64) -> AppResult<()> {
    let ids = db::changed_since(&mut db.conn().await?, since).await?;
    if ids.is_empty() { Ok(()) } else { refresh(db, index, ids).await }
}

/// Replace the index with every active product, logging progress.
pub async fn full_build(db: &Db, index: &SearchIndex) -> AppResult<u64> {
    let started = std::time::Instant::now();
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<IndexDoc>>(4);
    let builder = {
        let index = index.clone();
        tokio::task::spawn_blocking(move || index.rebuild(rx.into_iter()))
    };
    let mut after: Option<String> = None;
    let mut read = 0usize;
    let mut c = db.conn().await?;
    loop {
        let batch = db::docs_after(&mut c, after.as_deref()).await?;
        let Some(last) = batch.last() else { break };
        after = Some(last.id.clone());
        read += batch.len();
        if read % 10_000 < batch.len() {
            tracing::info!(products = read, "search index: building");
        }
        let full = batch.len() as i64 == db::BATCH;
        if tx.send(batch).is_err() || !full {
            break;
        }
    }
    drop(c);
    drop(tx);
    let added = builder.await??;
    tracing::info!(products = added, ms = started.elapsed().as_millis() as u64, "search index ready");
    Ok(added)
}

/// Re-read these products and put them in (or take them out) of the index.
pub async fn refresh(db: &Db, index: &SearchIndex, mut ids: Vec<String>) -> AppResult<()> {
    ids.sort();
    ids.dedup();
    let docs = db::docs_by_id(&mut db.conn().await?, &ids).await?;
    let present: HashSet<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    let removed: Vec<String> = ids.iter().filter(|id| !present.contains(id.as_str())).cloned().collect();
    let index = index.clone();
    tokio::task::spawn_blocking(move || index.apply(&docs, &removed)).await??;
    Ok(())
}
