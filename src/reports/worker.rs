//! The report runner: every node looks for queued reports, claims one (the
//! database says who won), writes its file a page at a time with its
//! progress beside it, and sweeps files past their keeping. A report whose
//! node stopped beating is taken up again by another.

use std::time::Duration;

use tokio::io::AsyncWriteExt;

use super::db;
use super::lists;
use super::service;
use super::stream::{Encoder, Format, PAGE};
use crate::error::{AppError, AppResult};
use crate::media::MediaStore;
use crate::server::config::Settings;
use crate::server::db::Db;
use crate::server::now_ms;

/// How often an idle node looks for work.
const POLL: Duration = Duration::from_secs(1);
/// A running report silent this long is taken over.
const STALE_MS: i64 = 5 * 60 * 1000;
/// How often expired reports are swept.
const SWEEP_EVERY: Duration = Duration::from_secs(3600);

/// Where a report's file lives.
pub fn file_key(id: &str, format: &str) -> String {
    format!("reports/{id}.{format}")
}

/// Run the next queued report, if any; its id.
pub async fn run_next(db: &Db, media: &MediaStore, settings: &Settings) -> AppResult<Option<String>> {
    let now = now_ms();
    let Some(id) = db::claim(&mut db.conn().await?, now, now - STALE_MS).await? else {
        return Ok(None);
    };
    if let Err(e) = run(db, media, settings, &id).await {
        tracing::error!(report = %id, error = %e, "a report failed");
        let reason = match &e {
            AppError::Validation(_) | AppError::NotFound(_) | AppError::Forbidden => e.to_string(),
            _ => "The report could not be written; ask for it again.".to_owned(),
        };
        db::failed(&mut db.conn().await?, &id, &reason, now_ms()).await?;
    }
    Ok(Some(id))
}

async fn run(db: &Db, media: &MediaStore, settings: &Settings, id: &str) -> AppResult<()> {
    let row = db::get(&mut db.conn().await?, id).await?.ok_or_else(|| AppError::NotFound("Report".into()))?;
    let format = Format::parse(&row.format)?;
    // The finance kind reads the rollups: the orders' queued changes first.
    crate::analytics::queue::settle(db).await?;
    let list = service::list_of(&mut db.conn().await?, &row, settings).await?;
    let (total, head) = {
        let mut c = db.conn().await?;
        (lists::count(&mut c, &list).await?, lists::head(&mut c, &list).await?)
    };
    db::progress(&mut db.conn().await?, id, 0, total, now_ms()).await?;
    let key = file_key(id, format.name());
    let (file, tmp) = media.create(&key).await?;
    let mut out = tokio::io::BufWriter::new(file);
    let mut enc = Encoder::new(format, head);
    let start = enc.start()?;
    out.write_all(&start).await?;
    let (mut after, mut written, mut bytes) = (String::new(), 0i64, start.len() as u64);
    loop {
        let (rows, next) = lists::page(&mut db.conn().await?, &list, &after, PAGE).await?;
        let chunk = enc.rows(&rows)?;
        bytes += chunk.len() as u64;
        out.write_all(&chunk).await?;
        written += rows.len() as i64;
        db::progress(&mut db.conn().await?, id, written, total.max(written), now_ms()).await?;
        match next {
            Some(key) => after = key,
            None => break,
        }
    }
    let end = enc.end();
    bytes += end.len() as u64;
    out.write_all(&end).await?;
    out.flush().await?;
    out.into_inner().sync_all().await?;
    media.publish(&tmp, &key).await?;
    db::done(&mut db.conn().await?, id, &key, written, bytes as i64, now_ms()).await?;
    tracing::info!(report = %id, rows = written, bytes, "report written");
    Ok(())
}

/// Delete reports (and their files) past their keeping.
pub async fn sweep(db: &Db, media: &MediaStore) -> AppResult<usize> {
    let gone = db::expired(&mut db.conn().await?, now_ms()).await?;
    for (id, key) in &gone {
        if let Some(key) = key {
            media.delete(key).await?;
        }
        db::delete(&mut db.conn().await?, id).await?;
    }
    Ok(gone.len())
}

/// Run reports in the background for as long as the process lives.
pub fn spawn(db: Db, media: MediaStore, settings: std::sync::Arc<Settings>) {
    tokio::spawn(async move {
        let mut swept = tokio::time::Instant::now() - SWEEP_EVERY;
        loop {
            match run_next(&db, &media, &settings).await {
                Ok(Some(_)) => continue,
                Ok(None) => {}
                Err(e) => tracing::warn!(error = %e, "could not look for reports; will retry"),
            }
            if swept.elapsed() >= SWEEP_EVERY {
                swept = tokio::time::Instant::now();
                if let Err(e) = sweep(&db, &media).await {
                    tracing::warn!(error = %e, "could not sweep old reports");
                }
            }
            tokio::time::sleep(POLL).await;
        }
    });
}
