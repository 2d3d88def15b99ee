//! `bazaar search-eval` (bench/search-eval.sh): the labelled set's nDCG@10,
//! words alone against words and meaning, printed as a table; `bazaar
//! recs-eval` (bench/recs.sh): the recommender against popularity on the
//! demo shop's order history with each shopper's last checkout held out.

use std::path::Path;
use std::time::{Duration, Instant};

use super::IndexerPhase;
use super::eval::{self, LabelledSet};
use crate::server::config::Settings;
use crate::server::startup;
use crate::server::state::AppState;

/// The demo shop (seeded into an empty database) with every product's
/// vector and the search index built.
async fn demo_state(settings: Settings) -> Result<AppState, String> {
    let state = startup::build_state(settings).await.map_err(|e| e.to_string())?;
    if !state.semantic.is_on() {
        return Err("the embedding model did not load (BAZAAR_MODEL_DIR); see the log".into());
    }
    crate::catalog::seed::demo(&state.db).await.map_err(|e| e.to_string())?;
    crate::catalog::search::sync::start(state.db.clone(), state.search.clone());
    super::indexer::start(state.db.clone(), state.semantic.clone());
    let started = Instant::now();
    while !(state.search.is_ready()
        && state.semantic.status(0, 0).phase == IndexerPhase::Current
        && state.semantic.is_ready())
    {
        if started.elapsed() > Duration::from_secs(1_800) {
            return Err("the catalog was not indexed within 30 minutes".into());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    println!(
        "indexed {} products in {:.1}s",
        state.semantic.vectors().len(),
        started.elapsed().as_secs_f64()
    );
    Ok(state)
}

pub async fn search_eval(settings: Settings, queries: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(queries).map_err(|e| format!("{}: {e}", queries.display()))?;
    let set: LabelledSet = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", queries.display()))?;
    let state = demo_state(settings).await?;
    let scored = eval::evaluate(&state, &set).await.map_err(|e| e.to_string())?;
    println!("{:<40} {:>8} {:>8} {:>8}", "query", "relevant", "words", "hybrid");
    for s in &scored {
        // `+ 0.0` turns a negative zero into a plain one.
        println!("{:<40} {:>8} {:>8.3} {:>8.3}", s.q, s.relevant, s.words + 0.0, s.hybrid + 0.0);
    }
    let n = scored.len().max(1) as f64;
    let words = scored.iter().map(|s| s.words).sum::<f64>() / n;
    let hybrid = scored.iter().map(|s| s.hybrid).sum::<f64>() / n;
    let better = scored.iter().filter(|s| s.hybrid > s.words + 1e-9).count();
    let worse = scored.iter().filter(|s| s.hybrid + 1e-9 < s.words).count();
    println!("\nqueries: {}  mean nDCG@10  words: {words:.3}  hybrid: {hybrid:.3}", scored.len());
    println!("hybrid better on {better}, worse on {worse}, equal on {}", scored.len() - better - worse);
    Ok(())
}

pub async fn recs_eval(settings: Settings) -> Result<(), String> {
    let state = demo_state(settings).await?;
    let started = Instant::now();
    let checkouts =
        crate::recs::history::seed(&state.db, &state.passwords).await.map_err(|e| e.to_string())?;
    println!("order history: {checkouts} checkouts in {:.1}s", started.elapsed().as_secs_f64());
    let f = crate::recs::eval::evaluate(&state).await.map_err(|e| e.to_string())?;
    println!("shoppers evaluated: {} (last checkout held out)", f.shoppers);
    println!("{:<22} {:>14} {:>8}", "", "hit-rate@10", "MRR");
    println!("{:<22} {:>14.3} {:>8.3}", "recommender", f.hit_rate, f.mrr);
    println!("{:<22} {:>14.3} {:>8.3}", "popularity baseline", f.baseline_hit_rate, f.baseline_mrr);
    println!("one recommendation (in-process, snapshot built): p50 {} µs, p95 {} µs", f.p50_us, f.p95_us);
    Ok(())
}
