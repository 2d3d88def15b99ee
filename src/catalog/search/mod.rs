//! Catalog search: an in-memory tantivy index that is a cache of the
//! database, never its source of truth. Built at start, kept current from
//! the product change feed (`sync`), rebuilt from scratch if it ever falls
//! behind. Each app node keeps its own.

pub mod bench;
mod hybrid;
pub mod schema;
mod suggest;
pub mod sync;
pub mod words;
mod write;

use std::collections::HashMap;
use std::ops::Bound;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use tantivy::collector::{Count, FacetCollector, FacetCounts, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, RangeQuery, TermQuery, TermSetQuery};
use tantivy::schema::{Facet, IndexRecordOption, Value};
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, Searcher, TantivyDocument, Term,
};

use self::schema::{Fields, facet};
use self::words::{MAX_WORDS, Word, is_stop_word, word_query};
use super::facets::FacetKey;
use super::query::Sort;
use crate::error::AppResult;
use crate::server::ttl_cache::TtlCache;

/// The writer's memory budget; one indexing thread (the machine has few cores).
const WRITER_BYTES: usize = 50_000_000;

/// How long the facet counts of a plain browsing scope, and a search's
/// hits, are reused (every commit forgets them at once).
const SCOPE_TTL: Duration = Duration::from_secs(5);
const SCOPE_ENTRIES: usize = 1_000;
const HIT_ENTRIES: usize = 2_000;

type Counts = Vec<(FacetKey, Vec<(String, u64)>)>;
/// A browsing scope: (category slug, shop slug).
type Scope = (Option<String>, Option<String>);

/// What to look for.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    pub words: Vec<Word>,
    /// Category slug (its children share it as a facet).
    pub category: Option<String>,
    /// Shop slug the listing is scoped to (a shop's own page).
    pub shop: Option<String>,
    pub filters: Vec<(FacetKey, String)>,
    /// A price range read from the words ("under $30"), minor units, inclusive.
    pub price_from: Option<i64>,
    pub price_to: Option<i64>,
    /// Products matched by meaning (`hybrid`): they count as matching the
    /// words too.
    pub also_ids: Vec<String>,
    pub sort: Sort,
    pub offset: usize,
    pub limit: usize,
}

/// Product ids in order, the total and every group's counts.
#[derive(Debug, Clone, Default)]
pub struct SearchHits {
    pub ids: Vec<String>,
    pub total: u64,
    pub facets: Counts,
}

/// Cheap to clone; shared by the request handlers and the sync task.
#[derive(Clone)]
pub struct SearchIndex {
    inner: Arc<Inner>,
}

struct Inner {
    reader: IndexReader,
    fields: Fields,
    writer: Mutex<IndexWriter>,
    ready: AtomicBool,
    /// Shop slug → name, for the shop facet's labels.
    shop_names: RwLock<HashMap<String, String>>,
    /// Facet counts of plain browsing scopes (category, shop), briefly.
    scopes: TtlCache<Scope, Arc<Counts>>,
    /// Recent searches' answers, by the request's exact form.
    hits: TtlCache<String, Arc<SearchHits>>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").field("ready", &self.is_ready()).finish_non_exhaustive()
    }
}

impl SearchIndex {
    pub fn new() -> tantivy::Result<Self> {
        let (schema, fields) = schema::schema();
        let index = Index::create_in_ram(schema);
        schema::register_tokenizers(&index);
        let writer = index.writer_with_num_threads(1, WRITER_BYTES)?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(Self {
            inner: Arc::new(Inner {
                reader,
                fields,
                writer: Mutex::new(writer),
                ready: AtomicBool::new(false),
                shop_names: RwLock::default(),
                scopes: TtlCache::new(SCOPE_TTL, SCOPE_ENTRIES),
                hits: TtlCache::new(SCOPE_TTL, HIT_ENTRIES),
            }),
        })
    }

    /// False until the first full build has committed.
    pub fn is_ready(&self) -> bool {
        self.inner.ready.load(Ordering::Acquire)
    }

    pub(crate) fn set_ready(&self) {
        self.inner.ready.store(true, Ordering::Release);
    }

    /// Bytes the index takes (all segments).
    pub fn size_bytes(&self) -> tantivy::Result<u64> {
        Ok(self.inner.reader.searcher().space_usage()?.total().get_bytes())
    }

    /// The typed words, plain and stemmed (at most [`MAX_WORDS`]).
    pub fn words(&self, text: &str) -> Vec<Word> {
        let mut plain = schema::plain_analyzer();
        let mut stemmed = schema::stemmed_analyzer();
        let plains: Vec<String> = schema::tokens(&mut plain, text).into_iter().take(MAX_WORDS).collect();
        let count = plains.len();
        let searcher = self.inner.reader.searcher();
        let field = self.inner.fields.plain;
        plains
            .into_iter()
            .enumerate()
            .map(|(i, p)| Word {
                stem: schema::tokens(&mut stemmed, &p).pop().unwrap_or_else(|| p.clone()),
                known: searcher.doc_freq(&Term::from_field_text(field, &p)).is_ok_and(|n| n > 0),
                plain: p,
                last: i + 1 == count,
            })
            .collect()
    }

    /// Byte ranges of `text`'s words that answer `query` (for `<mark>`).
    pub fn highlight(&self, query: &[Word], text: &str) -> Vec<(u32, u32)> {
        self.highlight_all(query, [text]).pop().unwrap_or_default()
    }

    /// [`highlight`](Self::highlight) for many texts (a page of titles),
    /// with one pair of analyzers.
    pub fn highlight_all<'a>(
        &self,
        query: &[Word],
        texts: impl IntoIterator<Item = &'a str>,
    ) -> Vec<Vec<(u32, u32)>> {
        let plain = std::cell::RefCell::new(schema::plain_analyzer());
        let stemmed = std::cell::RefCell::new(schema::stemmed_analyzer());
        let cut = |t: &str| {
            let mut out = Vec::new();
            plain.borrow_mut().token_stream(t).process(&mut |tok| {
                out.push((tok.offset_from, tok.offset_to, tok.text.clone(), String::new()));
            });
            let mut stemmed = stemmed.borrow_mut();
            for w in &mut out {
                w.3 = schema::tokens(&mut stemmed, &w.2).pop().unwrap_or_default();
            }
            out
        };
        texts.into_iter().map(|text| words::highlight_ranges(query, &cut, text)).collect()
    }

    /// One page of hits, the total and facet counts. Counts are
    /// "disjunctive": a group with a selection is counted as if that group
    /// alone were not applied, so its other values show what choosing them
    /// would add.
    pub fn search(&self, req: &SearchRequest) -> tantivy::Result<SearchHits> {
        let searcher = self.inner.reader.searcher();
        let selected: Vec<FacetKey> = {
            let mut keys: Vec<FacetKey> = req.filters.iter().map(|(k, _)| *k).collect();
            if req.category.is_some() {
                keys.push(FacetKey::Category);
            }
            keys.dedup();
            keys
        };
        let mut all_groups = FacetCollector::for_field("facet");
        for key in FacetKey::ALL.into_iter().filter(|k| !selected.contains(k)) {
            all_groups.add_facet(Facet::from_path([key.param()]));
        }
        let query = self.compose(req, None);
        let (ids, total, counts) = match req.sort {
            Sort::Relevance => {
                let top = TopDocs::with_limit(req.limit.max(1)).and_offset(req.offset).order_by_score();
                let (hits, total, counts) = searcher.search(&query, &(top, Count, all_groups))?;
                (self.ids(&searcher, hits.into_iter().map(|(_, a)| a))?, total, counts)
            }
            sort => {
                let (field, order) = match sort {
                    Sort::PriceAsc => ("price", Order::Asc),
                    Sort::PriceDesc => ("price", Order::Desc),
                    Sort::Rating => ("rating", Order::Desc),
                    _ => ("created", Order::Desc),
                };
                let top = TopDocs::with_limit(req.limit.max(1))
                    .and_offset(req.offset)
                    .order_by_fast_field::<i64>(field, order);
                let (hits, total, counts) = searcher.search(&query, &(top, Count, all_groups))?;
                (self.ids(&searcher, hits.into_iter().map(|(_, a)| a))?, total, counts)
            }
        };
        let mut facets: Vec<(FacetKey, Vec<(String, u64)>)> = Vec::new();
        for key in FacetKey::ALL {
            if selected.contains(&key) {
                let mut one = FacetCollector::for_field("facet");
                one.add_facet(Facet::from_path([key.param()]));
                let counts = searcher.search(&self.compose(req, Some(key)), &one)?;
                facets.push((key, children(&counts, key)));
            } else {
                facets.push((key, children(&counts, key)));
            }
        }
        Ok(SearchHits { ids, total: total as u64, facets })
    }

    /// Words AND category AND shop AND each group (values ORed), leaving
    /// out `skip`'s group.
    fn compose(&self, req: &SearchRequest, skip: Option<FacetKey>) -> Box<dyn Query> {
        let f = &self.inner.fields;
        let facet_term = |group: &str, value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_facet(f.facet, &facet(group, value)),
                IndexRecordOption::Basic,
            ))
        };
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let required: Vec<&Word> = {
            let content: Vec<&Word> = req.words.iter().filter(|w| !is_stop_word(&w.plain)).collect();
            if content.is_empty() { req.words.iter().collect() } else { content }
        };
        let words: Vec<(Occur, Box<dyn Query>)> =
            required.into_iter().map(|word| (Occur::Must, word_query(f, word))).collect();
        if req.also_ids.is_empty() {
            must.extend(words);
        } else {
            // The words, or one of the products found by meaning.
            let ids = TermSetQuery::new(req.also_ids.iter().map(|id| Term::from_field_text(f.id, id)));
            let mut either: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, Box::new(ids))];
            if !words.is_empty() {
                either.push((Occur::Should, Box::new(BooleanQuery::new(words))));
            }
            must.push((Occur::Must, Box::new(BooleanQuery::new(either))));
        }
        if req.price_from.is_some() || req.price_to.is_some() {
            let bound = |v: Option<i64>| {
                v.map_or(Bound::Unbounded, |v| Bound::Included(Term::from_field_i64(f.price, v)))
            };
            must.push((Occur::Must, Box::new(RangeQuery::new(bound(req.price_from), bound(req.price_to)))));
        }
        if let Some(slug) = req.category.as_deref().filter(|_| skip != Some(FacetKey::Category)) {
            must.push((Occur::Must, facet_term("category", slug)));
        }
        if let Some(slug) = req.shop.as_deref() {
            must.push((Occur::Must, facet_term("shop", slug)));
        }
        let mut groups: Vec<FacetKey> = req.filters.iter().map(|(k, _)| *k).collect();
        groups.dedup();
        for key in groups.into_iter().filter(|k| Some(*k) != skip) {
            let any: Vec<(Occur, Box<dyn Query>)> = req
                .filters
                .iter()
                .filter(|(k, _)| *k == key)
                .map(|(_, v)| (Occur::Should, facet_term(key.param(), v)))
                .collect();
            must.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        if must.is_empty() { Box::new(AllQuery) } else { Box::new(BooleanQuery::new(must)) }
    }

    /// [`search`](Self::search) on a blocking thread, its answer reused
    /// for a few seconds by the same request (a popular query is counted
    /// once, not once a shopper) until the index next changes.
    pub async fn search_async(&self, req: SearchRequest) -> AppResult<Arc<SearchHits>> {
        let key = format!("{req:?}");
        if let Some(hits) = self.inner.hits.get(&key) {
            return Ok(hits);
        }
        let index = self.clone();
        let hits = Arc::new(tokio::task::spawn_blocking(move || index.search(&req)).await??);
        self.inner.hits.insert(key, hits.clone());
        Ok(hits)
    }

    /// Facet counts of a browsing scope (no words, no filters), reused for
    /// a few seconds: every shopper browsing a category asks the same.
    pub async fn scope_facets(&self, req: SearchRequest) -> AppResult<Arc<Counts>> {
        let key = (req.category.clone(), req.shop.clone());
        if let Some(counts) = self.inner.scopes.get(&key) {
            return Ok(counts);
        }
        let request = SearchRequest { limit: 1, offset: 0, words: Vec::new(), filters: Vec::new(), ..req };
        let counts = Arc::new(self.search_async(request).await?.facets.clone());
        self.inner.scopes.insert(key, counts.clone());
        Ok(counts)
    }

    fn ids(
        &self,
        searcher: &Searcher,
        hits: impl Iterator<Item = DocAddress>,
    ) -> tantivy::Result<Vec<String>> {
        let id = self.inner.fields.id;
        let mut out = Vec::new();
        for address in hits {
            let doc: TantivyDocument = searcher.doc(address)?;
            if let Some(v) = doc.get_first(id).and_then(|v| v.as_str()) {
                out.push(v.to_owned());
            }
        }
        Ok(out)
    }
}

/// `(value, count)` under `/{group}`, most first (ties by value).
fn children(counts: &FacetCounts, key: FacetKey) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = counts
        .get(Facet::from_path([key.param()]))
        .filter_map(|(facet, count)| facet.to_path().last().map(|v| ((*v).to_owned(), count)))
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}
