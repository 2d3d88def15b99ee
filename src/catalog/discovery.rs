//! Discovery: related products, "Trending" (recent views and sales) and
//! "New from shops you follow". Product views are counted in memory and
//! flushed in batches ([`ViewCounter`]): a page view never writes.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::ProductCard;
use crate::error::AppResult;
use crate::server::db::{Conn, Db};
use crate::server::now_ms;
use crate::server::ttl_cache::TtlCache;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;
/// Trending looks at this many days of views.
const TRENDING_DAYS: i64 = 7;
/// How often counted views are written.
const FLUSH_EVERY: Duration = Duration::from_secs(10);
/// Distinct products held between flushes; beyond this a view is dropped
/// (bounded memory under a crawl), and counted in the log.
const MAX_PENDING: usize = 50_000;

/// How long a product's related products are reused: relatedness does not
/// change by the second, and it costs two queries to work out.
const RELATED_TTL: Duration = Duration::from_secs(60);
const RELATED_ENTRIES: usize = 20_000;

/// This node's discovery state: the view counter and recent related lists.
#[derive(Clone, Debug)]
pub struct Discovery {
    pub views: ViewCounter,
    related: TtlCache<String, Arc<Vec<String>>>,
}

impl Default for Discovery {
    fn default() -> Self {
        Self { views: ViewCounter::default(), related: TtlCache::new(RELATED_TTL, RELATED_ENTRIES) }
    }
}

impl Discovery {
    /// [`related_ids`] for this product, reused for a minute.
    pub async fn related(
        &self,
        c: &mut Conn,
        card: &ProductCard,
        limit: usize,
    ) -> AppResult<Arc<Vec<String>>> {
        if let Some(ids) = self.related.get(&card.id) {
            return Ok(ids);
        }
        let ids = Arc::new(related_ids(c, card, limit).await?);
        self.related.insert(card.id.clone(), ids.clone());
        Ok(ids)
    }
}

/// Views since the last flush, by product id, and the signed-in viewers'
/// last view of each product (for their suggestions). Cheap to clone.
#[derive(Clone, Default)]
pub struct ViewCounter {
    pending: Arc<Mutex<HashMap<String, i64>>>,
    people: Arc<Mutex<HashMap<(String, String), i64>>>,
}

impl std::fmt::Debug for ViewCounter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ViewCounter").finish_non_exhaustive()
    }
}

impl ViewCounter {
    pub fn record(&self, product_id: &str) {
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = pending.get_mut(product_id) {
            *n += 1;
        } else if pending.len() < MAX_PENDING {
            pending.insert(product_id.to_owned(), 1);
        }
    }

    /// A signed-in person looked at a product.
    pub fn record_person(&self, user_id: &str, product_id: &str) {
        let mut people = self.people.lock().unwrap_or_else(|e| e.into_inner());
        if people.len() < MAX_PENDING || people.contains_key(&(user_id.to_owned(), product_id.to_owned())) {
            people.insert((user_id.to_owned(), product_id.to_owned()), now_ms());
        }
    }

    fn take(&self) -> HashMap<String, i64> {
        std::mem::take(&mut *self.pending.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Write what was counted: one upsert a product, in one transaction.
    pub async fn flush(&self, db: &Db) -> AppResult<usize> {
        let people = std::mem::take(&mut *self.people.lock().unwrap_or_else(|e| e.into_inner()));
        if !people.is_empty() {
            // Lost on failure: a suggestion signal, not a record anyone keeps.
            db.write(async |tx| crate::recs::service::remember_views(tx, &people).await).await?;
        }
        let counted = self.take();
        if counted.is_empty() {
            return Ok(0);
        }
        let day = now_ms().div_euclid(DAY_MS);
        let n = counted.len();
        let result = db
            .write(async |tx| {
                for (id, views) in &counted {
                    // A product deleted since its view is skipped, not an error.
                    super::db::discovery::add_views(tx, id, day, *views).await?;
                }
                Ok(())
            })
            .await;
        if let Err(e) = result {
            // Put them back for the next flush rather than lose them.
            let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
            for (id, views) in counted {
                *pending.entry(id).or_default() += views;
            }
            return Err(e);
        }
        Ok(n)
    }

    /// Flush every few seconds in the background.
    pub fn start(&self, db: Db) {
        let counter = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(FLUSH_EVERY);
            loop {
                tick.tick().await;
                if let Err(e) = counter.flush(&db).await {
                    tracing::warn!(error = %e, "could not write product views; will retry");
                }
            }
        });
    }
}

/// Ids of the most viewed (last 7 days) and best-selling active products.
pub async fn trending_ids(c: &mut Conn, limit: i64) -> AppResult<Vec<String>> {
    let since = now_ms().div_euclid(DAY_MS) - TRENDING_DAYS;
    Ok(super::db::discovery::trending(c, since, limit).await?)
}

/// The newest active products of the shops the person follows.
pub async fn followed_ids(c: &mut Conn, user_id: &str, limit: i64) -> AppResult<Vec<String>> {
    Ok(super::db::discovery::from_followed(c, user_id, limit).await?)
}

/// Products like this one: the same category, those sharing the most
/// attributes (skin type, concern, occasion…) first, then the best rated.
pub async fn related_ids(c: &mut Conn, card: &ProductCard, limit: usize) -> AppResult<Vec<String>> {
    use super::db::discovery as db;
    let candidates = db::same_category(c, &card.category_id, &card.id).await?;
    if candidates.len() <= limit {
        return Ok(candidates);
    }
    let mine = db::attributes_of(c, &card.id).await?;
    let theirs = db::attributes_among(c, &candidates).await?;
    let mut shared: HashMap<&str, usize> = HashMap::new();
    for (id, name, value) in &theirs {
        if mine.iter().any(|(n, v)| n == name && v == value) {
            *shared.entry(id.as_str()).or_default() += 1;
        }
    }
    let mut ranked: Vec<(usize, usize, &String)> = candidates
        .iter()
        .enumerate()
        .map(|(i, id)| (shared.get(id.as_str()).copied().unwrap_or(0), i, id))
        .collect();
    // More shared attributes first; the rating order breaks ties.
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    Ok(ranked.into_iter().take(limit).map(|(_, _, id)| id.clone()).collect())
}
