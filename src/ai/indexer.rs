//! Keeping every active product's vector current, in the background: at
//! start the stored vectors are read into memory, then the products whose
//! text changed since (or that never had one) are embedded in batches on
//! the model's own thread; afterwards the product change feed and a slow
//! poll bring changes. A product's vector is made from its title, subtitle,
//! categories, attributes and description; a hash of that text (and the
//! model's name) decides whether it must be made again — a price or stock
//! change does not.

use std::collections::HashSet;
use std::time::Duration;

use blake2::{Blake2b512, Digest};
use tokio::sync::broadcast::error::RecvError;

use super::IndexerPhase;
use super::db;
use super::semantic::Semantic;
use super::vectors::{from_bytes, to_bytes};
use crate::catalog::search::schema::IndexDoc;
use crate::catalog::search::sync::{CHANNEL, active_docs_after, active_docs_by_id, changed_since};
use crate::error::AppResult;
use crate::server::db::Db;
use crate::server::now_ms;

/// Products embedded per model call and stored per transaction.
const BATCH: usize = 8;
/// The catch-up poll (for changes a dropped listener missed).
const POLL: Duration = Duration::from_secs(30);
const OVERLAP_MS: i64 = 10_000;
const MODEL_ID: &str = "all-MiniLM-L6-v2";

/// Start the indexer (nothing when the model is off).
pub fn start(db: Db, semantic: Semantic) {
    if !semantic.is_on() {
        return;
    }
    tokio::spawn(async move {
        let mut changes = db.subscribe(CHANNEL).await;
        let mut watermark = now_ms();
        while let Err(e) = initial(&db, &semantic).await {
            tracing::error!(error = %e, "product embeddings: start failed; retrying in 5 s");
            tokio::time::sleep(Duration::from_secs(5)).await;
        }
        let mut poll = tokio::time::interval(POLL);
        loop {
            let result = tokio::select! {
                change = changes.recv() => match change {
                    Ok(id) => {
                        let mut ids = vec![id];
                        while ids.len() < 500 {
                            let Ok(more) = changes.try_recv() else { break };
                            ids.push(more);
                        }
                        refresh(&db, &semantic, ids).await
                    }
                    Err(RecvError::Lagged(_)) => initial(&db, &semantic).await,
                    Err(RecvError::Closed) => break,
                },
                _ = poll.tick() => {
                    let since = watermark - OVERLAP_MS;
                    watermark = now_ms();
                    catch_up(&db, &semantic, since).await
                }
            };
            if let Err(e) = result {
                tracing::error!(error = %e, "product embeddings: update failed");
            }
        }
    });
}

/// Re-read the products changed since `since` (ms).
async fn catch_up(db: &Db, semantic: &Semantic, since: i64) -> AppResult<()> {
    let ids = changed_since(&mut db.conn().await?, since).await?;
    if ids.is_empty() { Ok(()) } else { refresh(db, semantic, ids).await }
}

/// Read the stored vectors, then embed every active product whose text
/// changed (all of them the first time).
pub async fn initial(db: &Db, semantic: &Semantic) -> AppResult<()> {
    semantic.set_phase(IndexerPhase::Starting, 0);
    let mut c = db.conn().await?;
    let mut after: Option<String> = None;
    loop {
        let page = db::page_after(&mut c, after.as_deref()).await?;
        let Some((last, ..)) = page.last() else { break };
        after = Some(last.clone());
        let full = page.len() as i64 == db::PAGE;
        semantic
            .vectors()
            .put(page.into_iter().filter_map(|(id, hash, bytes)| Some((id, hash, from_bytes(&bytes)?))));
        if !full {
            break;
        }
    }
    let mut stale: Vec<(String, i64, String)> = Vec::new();
    let mut active = HashSet::new();
    let mut after: Option<String> = None;
    loop {
        let docs = active_docs_after(&mut c, after.as_deref()).await?;
        let Some(last) = docs.last() else { break };
        after = Some(last.id.clone());
        for d in &docs {
            active.insert(d.id.clone());
            let text = text_of(d);
            let hash = hash_of(&text);
            if semantic.vectors().hash_of(&d.id) != Some(hash) {
                stale.push((d.id.clone(), hash, text));
            }
        }
    }
    drop(c);
    tracing::info!(
        stored = semantic.vectors().len(),
        to_embed = stale.len(),
        "product embeddings: read; embedding new and changed products"
    );
    embed(db, semantic, stale).await?;
    semantic.set_phase(IndexerPhase::Current, 0);
    tracing::info!(products = semantic.vectors().len(), "product embeddings: current");
    Ok(())
}

/// Re-read these products: active ones with a changed text are embedded
/// again, the others leave the in-memory set.
pub async fn refresh(db: &Db, semantic: &Semantic, mut ids: Vec<String>) -> AppResult<()> {
    ids.sort();
    ids.dedup();
    let mut c = db.conn().await?;
    let docs = active_docs_by_id(&mut c, &ids).await?;
    let present: HashSet<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    let gone: Vec<String> = ids.iter().filter(|id| !present.contains(id.as_str())).cloned().collect();
    semantic.vectors().remove(&gone);
    let mut stale = Vec::new();
    let mut unknown = Vec::new();
    for d in &docs {
        let text = text_of(d);
        let hash = hash_of(&text);
        if semantic.vectors().hash_of(&d.id) != Some(hash) {
            unknown.push(d.id.clone());
            stale.push((d.id.clone(), hash, text));
        }
    }
    // Another node may have embedded them already.
    let stored = db::by_ids(&mut c, &unknown).await?;
    drop(c);
    let mut known = HashSet::new();
    for (id, hash, bytes) in stored {
        if stale.iter().any(|(s, h, _)| *s == id && *h == hash)
            && let Some(v) = from_bytes(&bytes)
        {
            semantic.vectors().put([(id.clone(), hash, v)]);
            known.insert(id);
        }
    }
    stale.retain(|(id, ..)| !known.contains(id));
    if stale.is_empty() {
        return Ok(());
    }
    embed(db, semantic, stale).await?;
    semantic.set_phase(IndexerPhase::Current, 0);
    Ok(())
}

/// Embed (id, hash, text) in batches; store each batch, then use it
/// (also the benchmark's way in).
pub async fn embed(db: &Db, semantic: &Semantic, stale: Vec<(String, i64, String)>) -> AppResult<()> {
    if stale.is_empty() {
        return Ok(());
    }
    semantic.set_phase(IndexerPhase::Embedding, stale.len());
    let started = std::time::Instant::now();
    let total = stale.len();
    for (n, batch) in stale.chunks(BATCH).enumerate() {
        let texts: Vec<String> = batch.iter().map(|(_, _, t)| t.clone()).collect();
        let vectors = semantic.embed_batch(texts).await?;
        let now = now_ms();
        let rows: Vec<(String, i64, Vec<f32>)> =
            batch.iter().zip(vectors).map(|((id, hash, _), v)| (id.clone(), *hash, v)).collect();
        db.write(async |tx| {
            for (id, hash, v) in &rows {
                db::put(tx, id, *hash, to_bytes(v), now).await?;
            }
            Ok(())
        })
        .await?;
        semantic.vectors().put(rows);
        semantic.add_done(batch.len());
        let done = (n + 1) * BATCH;
        if done % 1_000 < BATCH {
            tracing::info!(done = done.min(total), total, "product embeddings: embedding");
        }
    }
    tracing::info!(
        products = total,
        secs = started.elapsed().as_secs_f64(),
        "product embeddings: batch done"
    );
    Ok(())
}

/// What a product's vector is made from.
pub fn text_of(d: &IndexDoc) -> String {
    let mut out = format!("{}. {}.", d.title, d.subtitle);
    for (_, name) in &d.categories {
        out.push(' ');
        out.push_str(name);
        out.push('.');
    }
    let mut last = "";
    for (name, value) in &d.attributes {
        if name != last {
            out.push_str(if last.is_empty() { " " } else { ". " });
            out.push_str(&name.replace('_', " "));
            out.push_str(": ");
            last = name;
        } else {
            out.push_str(", ");
        }
        out.push_str(value);
    }
    if !last.is_empty() {
        out.push('.');
    }
    // The description's first paragraph: what it is and what it does (the
    // rest — ingredients, care, packaging — blurs the meaning).
    if let Some(first) = d.description.split("\n\n").next().filter(|p| !p.trim().is_empty()) {
        out.push(' ');
        out.push_str(first.trim());
    }
    out
}

/// The hash stored with a vector: the model's name and the text.
pub fn hash_of(text: &str) -> i64 {
    let digest = Blake2b512::new().chain_update(MODEL_ID).chain_update([0]).chain_update(text).finalize();
    i64::from_le_bytes(digest[..8].try_into().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_names_categories_and_attributes() {
        let d = IndexDoc {
            title: "Rose Serum".into(),
            subtitle: "For dry skin".into(),
            description: "Calms redness.".into(),
            categories: vec![("serums".into(), "Serums".into()), ("skincare".into(), "Skincare".into())],
            attributes: vec![
                ("concern".into(), "Redness".into()),
                ("skin_type".into(), "Dry".into()),
                ("skin_type".into(), "Normal".into()),
            ],
            ..Default::default()
        };
        assert_eq!(
            text_of(&d),
            "Rose Serum. For dry skin. Serums. Skincare. concern: Redness. skin type: Dry, Normal. Calms redness."
        );
        assert_eq!(hash_of("a"), hash_of("a"));
        assert_ne!(hash_of("a"), hash_of("b"));
    }
}
