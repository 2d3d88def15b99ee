//! The category tree with its product counts, kept for a few seconds.
//!
//! Every storefront page shows the tree, and counting a large catalog on
//! every request costs more than rendering the page. Counts that lag a few
//! seconds behind are fine for a sidebar; writes on this node call
//! [`CategoryCache::invalidate`] so they show at once here, and other nodes
//! catch up within the time-to-live.

use std::future::Future;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use super::Category;
use crate::error::AppResult;

/// The tree and when it was counted.
type Stamped = Option<(Instant, Arc<[Category]>)>;

/// Cheap to clone: clones share one slot.
#[derive(Clone)]
pub struct CategoryCache {
    ttl: Duration,
    slot: Arc<RwLock<Stamped>>,
    refresh: Arc<tokio::sync::Mutex<()>>,
}

impl CategoryCache {
    pub fn new(ttl: Duration) -> Self {
        Self { ttl, slot: Arc::default(), refresh: Arc::default() }
    }

    fn fresh(&self) -> Option<Arc<[Category]>> {
        let slot = self.slot.read().unwrap_or_else(|e| e.into_inner());
        slot.as_ref().filter(|(at, _)| at.elapsed() < self.ttl).map(|(_, all)| all.clone())
    }

    /// The cached tree, or `load`'s result when it is missing or stale. Only
    /// one caller loads at a time; the others wait for its result.
    pub async fn get_or_load<F, Fut>(&self, load: F) -> AppResult<Arc<[Category]>>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = AppResult<Vec<Category>>>,
    {
        if let Some(all) = self.fresh() {
            return Ok(all);
        }
        let _guard = self.refresh.lock().await;
        if let Some(all) = self.fresh() {
            return Ok(all);
        }
        let all: Arc<[Category]> = load().await?.into();
        *self.slot.write().unwrap_or_else(|e| e.into_inner()) = Some((Instant::now(), all.clone()));
        Ok(all)
    }

    /// Forget the tree: the next read counts again.
    pub fn invalidate(&self) {
        *self.slot.write().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

impl std::fmt::Debug for CategoryCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CategoryCache").field("ttl", &self.ttl).finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(n: usize) -> Vec<Category> {
        (0..n)
            .map(|i| Category {
                id: i.to_string(),
                parent_id: None,
                slug: i.to_string(),
                name: i.to_string(),
                description: String::new(),
                vertical: "beauty".into(),
                product_count: 0,
            })
            .collect()
    }

    #[tokio::test]
    async fn loads_once_until_invalidated_or_stale() {
        let cache = CategoryCache::new(Duration::from_secs(60));
        assert_eq!(cache.get_or_load(|| async { Ok(tree(2)) }).await.unwrap().len(), 2);
        // Fresh: the loader is not called again.
        assert_eq!(cache.get_or_load(|| async { Ok(tree(5)) }).await.unwrap().len(), 2);
        cache.invalidate();
        assert_eq!(cache.get_or_load(|| async { Ok(tree(5)) }).await.unwrap().len(), 5);

        let short = CategoryCache::new(Duration::ZERO);
        short.get_or_load(|| async { Ok(tree(1)) }).await.unwrap();
        assert_eq!(short.get_or_load(|| async { Ok(tree(3)) }).await.unwrap().len(), 3);
    }

    #[tokio::test]
    async fn a_failed_load_is_not_cached() {
        let cache = CategoryCache::new(Duration::from_secs(60));
        let failed = cache.get_or_load(|| async { Err(crate::error::AppError::Internal) }).await;
        assert!(failed.is_err());
        assert_eq!(cache.get_or_load(|| async { Ok(tree(1)) }).await.unwrap().len(), 1);
    }
}

/// Product pages' data (everything but the viewer's own marks), by the slug
/// or id asked for, and plain browsing pages (no words, no filters), by the
/// query, for a couple of seconds. Every product change, on any node,
/// empties both: the change feed (`catalog_products`) reaches each node.
#[derive(Clone, Debug)]
pub struct ProductCache {
    entries: crate::server::ttl_cache::TtlCache<String, Arc<super::ProductDetail>>,
    pages: crate::server::ttl_cache::TtlCache<String, Arc<super::ProductPage>>,
    /// A product's reviews as every viewer sees them, by product, sort and page.
    reviews: crate::server::ttl_cache::TtlCache<String, Arc<crate::reviews::ReviewPage>>,
    /// Rendered HTML of a product page's parts, by everything they show
    /// (product, URL query, which hearts are on): see `catalog::ui::kept`.
    html: crate::server::ttl_cache::TtlCache<String, Arc<str>>,
}

/// Long enough that a busy product is read once a moment, short enough that
/// a change another node missed hearing about shows within it.
const PRODUCT_TTL: Duration = Duration::from_secs(2);
const PRODUCT_ENTRIES: usize = 5_000;

impl Default for ProductCache {
    fn default() -> Self {
        Self {
            entries: crate::server::ttl_cache::TtlCache::new(PRODUCT_TTL, PRODUCT_ENTRIES),
            pages: crate::server::ttl_cache::TtlCache::new(PRODUCT_TTL, PRODUCT_ENTRIES),
            reviews: crate::server::ttl_cache::TtlCache::new(PRODUCT_TTL, PRODUCT_ENTRIES),
            html: crate::server::ttl_cache::TtlCache::new(PRODUCT_TTL, PRODUCT_ENTRIES),
        }
    }
}

impl ProductCache {
    pub async fn get_or_load<F, Fut>(&self, key: &str, load: F) -> AppResult<Arc<super::ProductDetail>>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = AppResult<super::ProductDetail>>,
    {
        shared(&self.entries, key.to_owned(), load).await
    }

    /// A browsing page (cards and total, no facets) by its query's key.
    pub async fn page_or_load<F, Fut>(&self, key: String, load: F) -> AppResult<Arc<super::ProductPage>>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = AppResult<super::ProductPage>>,
    {
        shared(&self.pages, key, load).await
    }

    /// A page of a product's reviews, without the viewer's own marks.
    pub async fn reviews_or_load<F, Fut>(
        &self,
        key: String,
        load: F,
    ) -> AppResult<Arc<crate::reviews::ReviewPage>>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = AppResult<crate::reviews::ReviewPage>>,
    {
        shared(&self.reviews, key, load).await
    }

    /// Rendered HTML by a key naming everything it depends on, or `render`'s
    /// (then kept).
    pub fn html_or_render(&self, key: String, render: impl FnOnce() -> String) -> Arc<str> {
        if let Some(hit) = self.html.get(&key) {
            return hit;
        }
        let html: Arc<str> = render().into();
        self.html.insert(key, html.clone());
        html
    }

    /// Empty the cache whenever a product changes.
    pub fn watch(&self, db: crate::server::db::Db) {
        let (entries, pages, reviews, html) =
            (self.entries.clone(), self.pages.clone(), self.reviews.clone(), self.html.clone());
        tokio::spawn(async move {
            let mut changes = db.subscribe(super::search::sync::CHANNEL).await;
            // A missed message (lagged) clears too; a closed feed ends the watch.
            while let Ok(_) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) = changes.recv().await
            {
                entries.clear();
                pages.clear();
                reviews.clear();
                html.clear();
            }
        });
    }
}

/// The cached value, or `load`'s (kept when it succeeds).
async fn shared<V, F, Fut>(
    cache: &crate::server::ttl_cache::TtlCache<String, Arc<V>>,
    key: String,
    load: F,
) -> AppResult<Arc<V>>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = AppResult<V>>,
{
    if let Some(hit) = cache.get(&key) {
        return Ok(hit);
    }
    let value = Arc::new(load().await?);
    cache.insert(key, value.clone());
    Ok(value)
}
