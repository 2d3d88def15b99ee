//! `bazaar search-bench`: builds this database's index and times queries
//! in-process (no HTTP), printing the figures `bench/search.sh` records.

use std::time::Instant;

use super::{SearchIndex, SearchRequest, sync};
use crate::catalog::facets::FacetKey;
use crate::catalog::query::Sort;
use crate::error::AppResult;
use crate::server::db::Db;

/// Queries of each kind, run `rounds` times each.
const KINDS: [(&str, &[&str]); 4] = [
    ("1 word", &["rose", "serum", "peony", "cleanser", "lavender", "bouquet"]),
    ("3 words", &["white rose bouquet", "vitamin c serum", "calming night cream", "dried lavender bunch"]),
    ("typo", &["bouqet", "moisturzer", "hyaluronc", "lavendar", "peonny"]),
    ("faceted", &["rose", "serum", "cream", "tulip"]),
];

pub async fn run(db: &Db, rounds: usize) -> AppResult<()> {
    let index = SearchIndex::new()?;
    let started = Instant::now();
    let added = sync::full_build(db, &index).await?;
    let build = started.elapsed();
    println!(
        "index: {added} products in {:.1} s, {} MB in memory",
        build.as_secs_f64(),
        index.size_bytes()? / 1_000_000
    );
    println!("{:<10} {:>8} {:>9} {:>9} {:>9} {:>9}", "query", "runs", "p50 ms", "p95 ms", "p99 ms", "hits");
    for (kind, queries) in KINDS {
        let mut times = Vec::new();
        let mut hits = 0u64;
        for _ in 0..rounds {
            for q in queries {
                let filters = if kind == "faceted" {
                    vec![(FacetKey::Price, "25-50".to_owned()), (FacetKey::Stock, "1".to_owned())]
                } else {
                    Vec::new()
                };
                let request = SearchRequest {
                    words: index.words(q),
                    filters,
                    sort: Sort::Relevance,
                    limit: 24,
                    ..SearchRequest::default()
                };
                let t = Instant::now();
                hits += index.search(&request)?.total;
                times.push(t.elapsed().as_secs_f64() * 1000.0);
            }
        }
        times.sort_by(f64::total_cmp);
        let at = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
        println!(
            "{kind:<10} {:>8} {:>9.2} {:>9.2} {:>9.2} {:>9}",
            times.len(),
            at(0.50),
            at(0.95),
            at(0.99),
            hits / times.len() as u64
        );
    }
    Ok(())
}
