//! Hybrid search: the words' BM25 ranking fused with the ranking by meaning
//! (the products whose vectors are nearest the query's) by reciprocal-rank
//! fusion. Both lists go through the same filters; the total and the facet
//! counts are over either kind of match, so a search for "something for
//! pimples" finds the serums for spots although no product says "pimples".

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use tantivy::collector::TopDocs;

use super::{SearchHits, SearchIndex, SearchRequest};
use crate::catalog::query::Sort;
use crate::error::AppResult;

/// How deep the words' ranking is read (deeper pages read more).
const LEXICAL_DEPTH: usize = 200;
/// Reciprocal-rank fusion's constant: how much the first places outweigh the next.
pub const RRF_K: f32 = 60.0;

impl SearchIndex {
    /// A page of the fused ranking. `near` are product ids by meaning, best first.
    pub fn hybrid(&self, req: &SearchRequest, near: &[String]) -> tantivy::Result<SearchHits> {
        let union = self.search(&SearchRequest {
            also_ids: near.to_vec(),
            sort: Sort::Relevance,
            offset: 0,
            limit: 1,
            ..req.clone()
        })?;
        let lexical = if req.words.is_empty() {
            Vec::new()
        } else {
            let depth = LEXICAL_DEPTH.max(req.offset + req.limit);
            self.ranked_ids(&SearchRequest { also_ids: Vec::new(), offset: 0, limit: depth, ..req.clone() })?
        };
        let passing: HashSet<String> = if near.is_empty() {
            HashSet::new()
        } else {
            self.ranked_ids(&SearchRequest {
                words: Vec::new(),
                also_ids: near.to_vec(),
                offset: 0,
                limit: near.len(),
                ..req.clone()
            })?
            .into_iter()
            .collect()
        };
        let semantic: Vec<&str> =
            near.iter().map(String::as_str).filter(|id| passing.contains(*id)).collect();
        let lexical: Vec<&str> = lexical.iter().map(String::as_str).collect();
        let ids = fuse(&lexical, &semantic).into_iter().skip(req.offset).take(req.limit).collect();
        Ok(SearchHits { ids, total: union.total, facets: union.facets })
    }

    /// [`hybrid`](Self::hybrid) on a blocking thread, reused briefly like
    /// [`search_async`](Self::search_async).
    pub async fn hybrid_async(&self, req: SearchRequest, near: Vec<String>) -> AppResult<Arc<SearchHits>> {
        let key = format!("hybrid|{req:?}|{near:?}");
        if let Some(hits) = self.inner.hits.get(&key) {
            return Ok(hits);
        }
        let index = self.clone();
        let hits = Arc::new(tokio::task::spawn_blocking(move || index.hybrid(&req, &near)).await??);
        self.inner.hits.insert(key, hits.clone());
        Ok(hits)
    }

    /// Product ids matching `req`, best score first (no counts, no facets).
    fn ranked_ids(&self, req: &SearchRequest) -> tantivy::Result<Vec<String>> {
        let searcher = self.inner.reader.searcher();
        let top = TopDocs::with_limit(req.limit.max(1)).and_offset(req.offset).order_by_score();
        let hits = searcher.search(&self.compose(req, None), &top)?;
        self.ids(&searcher, hits.into_iter().map(|(_, a)| a))
    }
}

/// Reciprocal-rank fusion of two rankings: each product scores
/// `1 / (RRF_K + rank)` in every list it is in; best total first (ties: the
/// better single rank, then the id).
pub fn fuse(lexical: &[&str], semantic: &[&str]) -> Vec<String> {
    let mut scores: HashMap<&str, (f32, usize)> = HashMap::new();
    for list in [lexical, semantic] {
        for (rank, id) in list.iter().enumerate() {
            let e = scores.entry(id).or_insert((0.0, usize::MAX));
            e.0 += 1.0 / (RRF_K + rank as f32 + 1.0);
            e.1 = e.1.min(rank);
        }
    }
    let mut out: Vec<(&str, f32, usize)> = scores.into_iter().map(|(id, (s, r))| (id, s, r)).collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.2.cmp(&b.2)).then_with(|| a.0.cmp(b.0)));
    out.into_iter().map(|(id, ..)| id.to_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::fuse;

    #[test]
    fn products_in_both_lists_come_first() {
        let fused = fuse(&["a", "b", "c"], &["c", "d"]);
        assert_eq!(fused[0], "c");
        assert_eq!(fused.len(), 4);
        // Equal single ranks: ties go to the id, so the order is stable.
        assert_eq!(fuse(&["x"], &["w"]), ["w", "x"]);
        assert_eq!(fuse(&[], &["q", "p"]), ["q", "p"]);
    }
}
