//! `bazaar ai-bench` (bench/ai.sh): embedding throughput on generated
//! products, then hybrid search and recommendations at full size — the
//! products beyond those embedded get vectors derived from the embedded
//! ones (a small random nudge, stored with their own text's hash, so a
//! server started on the same database takes them as current).

use std::time::Instant;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::{db, indexer, model};
use crate::catalog::search::sync::{active_docs_after, full_build};
use crate::catalog::{ListQuery, listing, service as catalog};
use crate::error::{AppError, AppResult};
use crate::recs::model::{Ask, History};
use crate::server::config::Settings;
use crate::server::{now_ms, startup};

/// CPU seconds this process has used (user + system), from /proc.
fn cpu_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 (11 and 12 after the command).
    (ticks(11) + ticks(12)) / 100.0
}

fn rss_mib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        .unwrap_or(0)
        / 1024
}

/// Distinct shopper-like searches: `n` of them.
pub fn queries(n: usize) -> Vec<String> {
    let needs = [
        "something for",
        "a gift for",
        "help with",
        "gentle",
        "best",
        "cheap",
        "natural",
        "light",
        "rich",
        "calming",
    ];
    let things = [
        "pimples",
        "dry patches",
        "my mum",
        "a wedding",
        "oily skin",
        "wrinkles",
        "red cheeks",
        "sunburn",
        "a birthday",
        "tired eyes",
        "dull skin",
        "chapped lips",
        "sensitive skin",
        "an anniversary",
        "my desk",
        "a new baby",
        "dark spots",
        "large pores",
        "summer",
        "winter",
        "the beach",
        "a funeral",
        "a thank you",
        "my sister",
        "long days",
        "night time",
        "cracked hands",
        "redness",
        "a dinner table",
        "spring",
    ];
    let tails = ["", " please", " under $40", " that smells nice", " vegan"];
    let mut out = Vec::new();
    'all: for t in tails {
        for a in needs {
            for b in things {
                out.push(format!("{a} {b}{t}"));
                if out.len() == n {
                    break 'all;
                }
            }
        }
    }
    out
}

pub async fn run(settings: Settings, products: usize, embed: usize) -> Result<(), String> {
    measure(settings, products, embed).await.map_err(|e| e.to_string())
}

async fn measure(settings: Settings, products: usize, embed: usize) -> AppResult<()> {
    let state = startup::build_state(settings).await?;
    if !state.semantic.is_on() {
        tracing::error!("the embedding model did not load (BAZAAR_MODEL_DIR)");
        return Err(AppError::Internal);
    }
    println!("model loaded; RSS {} MiB", rss_mib());
    let have = db::coverage(&mut state.db.conn().await?).await?.0 as usize;
    if have < products {
        let started = Instant::now();
        crate::catalog::seed::bulk(&state.db, products - have).await?;
        println!("seeded {} products in {:.0}s", products - have, started.elapsed().as_secs_f64());
    }
    // Every active product's text, in id order.
    let mut docs = Vec::new();
    let mut c = state.db.conn().await?;
    let mut after: Option<String> = None;
    loop {
        let page = active_docs_after(&mut c, after.as_deref()).await?;
        let Some(last) = page.last() else { break };
        after = Some(last.id.clone());
        docs.extend(page);
    }
    drop(c);
    let embed = embed.min(docs.len());
    let stale: Vec<(String, i64, String)> = docs[..embed]
        .iter()
        .map(|d| {
            let text = indexer::text_of(d);
            (d.id.clone(), indexer::hash_of(&text), text)
        })
        .collect();
    let (wall, cpu) = (Instant::now(), cpu_secs());
    indexer::embed(&state.db, &state.semantic, stale).await?;
    let (secs, cpu) = (wall.elapsed().as_secs_f64(), cpu_secs() - cpu);
    println!(
        "embedded {embed} products in {secs:.0}s wall, {cpu:.0} CPU s: {:.1} products/CPU-second \
         (projection for 100,000: {:.0} min on one core)",
        embed as f64 / cpu.max(1e-9),
        100_000.0 * cpu / embed.max(1) as f64 / 60.0
    );
    // The rest: derived vectors, stored as current.
    let mut rng = StdRng::seed_from_u64(7);
    let now = now_ms();
    for chunk in docs[embed..].chunks(1_000) {
        let rows: Vec<(String, i64, Vec<f32>)> = chunk
            .iter()
            .map(|d| {
                let base = state
                    .semantic
                    .vectors()
                    .get(&docs[rng.random_range(0..embed.max(1))].id)
                    .unwrap_or_default();
                let nudged = base.iter().map(|x| x + rng.random_range(-0.02..0.02)).collect();
                (d.id.clone(), indexer::hash_of(&indexer::text_of(d)), model::normalised(nudged))
            })
            .collect();
        state
            .db
            .write(async |tx| {
                for (id, hash, v) in &rows {
                    db::put(tx, id, *hash, super::vectors::to_bytes(v), now).await?;
                }
                Ok(())
            })
            .await?;
        state.semantic.vectors().put(rows);
    }
    println!("vectors: {} in memory; RSS {} MiB", state.semantic.vectors().len(), rss_mib());
    full_build(&state.db, &state.search).await?;
    state.search.set_ready();
    let categories = catalog::categories(&state).await?;
    for meaning in [false, true] {
        let mut ms = Vec::new();
        for q in queries(200) {
            let query = ListQuery::from_pairs(&[("q".to_owned(), q.clone())])?;
            let started = Instant::now();
            listing::list_products_by(&state, &query, &categories, meaning).await?;
            ms.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        let (p50, p95) = crate::server::stats::p50_p95(ms);
        let label = if meaning { "hybrid (query embedded, uncached)" } else { "words alone (BM25)" };
        println!("search at {} products, {label}: p50 {p50:.1} ms, p95 {p95:.1} ms", docs.len());
    }
    let started = Instant::now();
    let checkouts = crate::recs::history::seed(&state.db, &state.passwords).await?;
    state.recommender.refresh(&state.db).await?;
    println!(
        "order history: {checkouts} checkouts, snapshot built in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    let snap = state.recommender.snapshot();
    let mut ms = Vec::new();
    for (i, skin) in
        ["dry", "oily", "combination", "normal", "sensitive"].iter().cycle().take(200).enumerate()
    {
        let concerns = [["acne"], ["ageing"], ["redness"], ["dullness"]][i % 4].map(String::from);
        let bought = vec![(docs[i % docs.len()].id.clone(), now - 40 * 86_400_000)];
        let ask = Ask {
            profile: crate::recs::service::profile_of(skin, &concerns),
            history: History { bought, ..Default::default() },
            limit: 10,
            now,
            ..Default::default()
        };
        let started = Instant::now();
        crate::recs::model::recommend(&snap, state.semantic.vectors(), &ask);
        ms.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let (p50, p95) = crate::server::stats::p50_p95(ms);
    println!(
        "recommendations at {} products (snapshot precomputed): p50 {p50:.1} ms, p95 {p95:.1} ms",
        snap.items.len()
    );
    // The assistant, offline (no Gemini key): first questions and follow-ups,
    // each from its own visitor (the per-visitor limit stays out of it).
    let mut ms = Vec::new();
    for (i, q) in queries(100).into_iter().enumerate() {
        let asker = crate::assistant::owner::Asker::Visitor(Some(format!("bench-{i}")));
        let started = Instant::now();
        let reply = crate::assistant::service::ask(&state, &asker, None, &q, None).await?;
        ms.push(started.elapsed().as_secs_f64() * 1000.0);
        let started = Instant::now();
        crate::assistant::service::ask(&state, &asker, None, "cheaper ones?", Some(&reply.conversation_id))
            .await?;
        ms.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let (p50, p95) = crate::server::stats::p50_p95(ms);
    println!(
        "assistant answer at {} products (offline, 200 messages): p50 {p50:.1} ms, p95 {p95:.1} ms",
        docs.len()
    );
    println!(
        "RSS with the model, {} vectors and the index: {} MiB",
        state.semantic.vectors().len(),
        rss_mib()
    );
    Ok(())
}
