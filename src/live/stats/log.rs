//! Stays on stream pages, kept in memory as people leave and written in
//! batches (one transaction every few seconds), so ten thousand viewers
//! leaving at the end of a stream cost a handful of transactions.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::error::AppResult;
use crate::server::db::Db;
use crate::server::new_id;

/// How often the log is written.
const FLUSH_EVERY: Duration = Duration::from_secs(2);
/// Stays held at most (beyond, new ones are dropped until a write succeeds).
const MAX_PENDING: usize = 200_000;

/// One stay: stream, viewer, from, to (unix ms).
type Stay = (String, String, i64, i64);

#[derive(Clone, Default)]
pub struct ViewLog {
    pending: Arc<Mutex<Vec<Stay>>>,
}

impl std::fmt::Debug for ViewLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ViewLog").finish_non_exhaustive()
    }
}

impl ViewLog {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Stay>> {
        self.pending.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Someone left a stream's page after watching `from`..`to`.
    pub fn record(&self, stream: &str, viewer: &str, from: i64, to: i64) {
        let mut pending = self.lock();
        if pending.len() < MAX_PENDING {
            pending.push((stream.to_owned(), viewer.to_owned(), from, to));
        }
    }

    /// Write what was logged, in one transaction; on failure it is kept for the next try.
    pub async fn flush(&self, db: &Db) -> AppResult<usize> {
        let stays = std::mem::take(&mut *self.lock());
        if stays.is_empty() {
            return Ok(0);
        }
        let n = stays.len();
        let result = db
            .write(async |tx| {
                for (stream_id, viewer, started_at, ended_at) in &stays {
                    let stay =
                        super::db::Stay { stream_id, viewer, started_at: *started_at, ended_at: *ended_at };
                    super::db::insert(tx, &new_id(), &stay).await?;
                }
                Ok(())
            })
            .await;
        if let Err(e) = result {
            self.lock().extend(stays);
            return Err(e);
        }
        Ok(n)
    }

    /// Write every few seconds in the background.
    pub fn start(&self, db: Db) {
        let log = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(FLUSH_EVERY);
            loop {
                tick.tick().await;
                if let Err(e) = log.flush(&db).await {
                    tracing::warn!(error = %e, "could not write stream views; will retry");
                }
            }
        });
    }
}
