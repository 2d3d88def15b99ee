//! A small, bounded, short-lived map shared by request handlers: answers
//! many shoppers ask for within seconds (a search's hits, a product's
//! related products) are worked out once. Entries expire after the
//! time-to-live; when the map is full it is emptied (cheap, and the next
//! requests refill what is hot). Owners clear it when the data changes.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Cheap to clone: clones share the map.
#[derive(Clone)]
pub struct TtlCache<K, V> {
    ttl: Duration,
    max: usize,
    map: Arc<Mutex<HashMap<K, (Instant, V)>>>,
}

impl<K: Eq + Hash, V: Clone> TtlCache<K, V> {
    pub fn new(ttl: Duration, max: usize) -> Self {
        Self { ttl, max, map: Arc::default() }
    }

    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<K, (Instant, V)>> {
        self.map.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The value if it is younger than the time-to-live.
    pub fn get(&self, key: &K) -> Option<V> {
        self.map().get(key).filter(|(at, _)| at.elapsed() < self.ttl).map(|(_, v)| v.clone())
    }

    pub fn insert(&self, key: K, value: V) {
        let mut map = self.map();
        if map.len() >= self.max {
            map.clear();
        }
        map.insert(key, (Instant::now(), value));
    }

    pub fn clear(&self) {
        self.map().clear();
    }
}

impl<K, V> std::fmt::Debug for TtlCache<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TtlCache").field("ttl", &self.ttl).field("max", &self.max).finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_expire_and_the_map_stays_bounded() {
        let cache = TtlCache::new(Duration::from_secs(60), 2);
        cache.insert("a", 1);
        cache.insert("b", 2);
        assert_eq!(cache.get(&"a"), Some(1));
        cache.insert("c", 3);
        assert_eq!((cache.get(&"a"), cache.get(&"c")), (None, Some(3)), "full: emptied, then refilled");
        cache.clear();
        assert_eq!(cache.get(&"c"), None);
        let gone = TtlCache::new(Duration::ZERO, 10);
        gone.insert("x", 1);
        assert_eq!(gone.get(&"x"), None);
    }
}
