//! A micro-cache for anonymous GET responses (storefront pages and the
//! public REST catalog), in the spirit of an nginx `proxy_cache` with a
//! one-second lifetime.
//!
//! Only requests that carry nothing personal are served from it: no
//! `Authorization` header and no cookie except the theme choice (which is
//! part of the key, since it changes the rendered `<html>` class). A signed-in
//! shopper, a seller or anyone with a cart always gets a fresh render.
//! Only `200` responses without `Set-Cookie` are stored, per URL, theme and
//! `Accept-Encoding` (so a compressed body is compressed once). Concurrent
//! misses on one key render once and share the result.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::theme::THEME_COOKIE;

/// Larger bodies are passed through and not stored.
const MAX_BODY: usize = 2 * 1024 * 1024;
/// At most this many URLs are remembered at once (hits, misses and
/// "not storable" markers alike), so a flood of unique URLs cannot grow
/// memory without bound.
const MAX_ENTRIES: usize = 10_000;
/// What a slot costs beyond its body: the key, the map entry, the headers.
const SLOT_OVERHEAD: usize = 512;
/// Paths that are never stored: they have their own caching or must be
/// live (a revoked wishlist link, a used password-reset link must stop
/// working at once).
const SKIP_PREFIXES: [&str; 6] =
    ["/pkg/", "/media/", "/health", "/metrics", "/wishlist/shared/", "/reset-password"];

#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    uri: String,
    theme: String,
    encoding: String,
}

/// What one render produced: a stored copy, or "not storable, render yourself".
enum Outcome {
    Stored(Entry),
    Pass,
}

struct Entry {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    route: Option<MatchedPath>,
}

struct Slot {
    born: Instant,
    /// Bytes of the key: every slot counts, stored or not.
    key_bytes: usize,
    cell: tokio::sync::OnceCell<Outcome>,
}

#[derive(Default)]
struct Store {
    slots: HashMap<Key, Arc<Slot>>,
    bytes: usize,
}

/// Cheap to clone; a zero lifetime turns the cache off.
#[derive(Clone)]
pub struct PageCache {
    ttl: Duration,
    max_bytes: usize,
    store: Arc<Mutex<Store>>,
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageCache").field("ttl", &self.ttl).finish_non_exhaustive()
    }
}

impl PageCache {
    pub fn new(ttl: Duration, max_bytes: usize) -> Self {
        Self { ttl, max_bytes, store: Arc::default() }
    }

    /// The request's key, or `None` when it must not be served from cache.
    fn key(&self, req: &Request) -> Option<Key> {
        if self.ttl.is_zero()
            || req.method() != Method::GET
            || req.headers().contains_key(header::AUTHORIZATION)
            // A WebSocket upgrade (the live chat) is a connection, not a page.
            || req.headers().contains_key(header::UPGRADE)
            // A page in our checkout drawer is laid out without the header.
            || req.headers().get("sec-fetch-dest").is_some_and(|d| d == "iframe")
            || SKIP_PREFIXES.iter().any(|p| req.uri().path().starts_with(p))
        {
            return None;
        }
        let mut theme = String::new();
        for value in req.headers().get_all(header::COOKIE) {
            for pair in value.to_str().ok()?.split(';') {
                let (name, value) = pair.trim().split_once('=').unwrap_or((pair.trim(), ""));
                if name.is_empty() {
                    continue;
                }
                if name != THEME_COOKIE {
                    return None;
                }
                theme = value.to_owned();
            }
        }
        let encoding = req.headers().get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).unwrap_or("");
        Some(Key { uri: req.uri().to_string(), theme, encoding: encoding.to_owned() })
    }

    /// The live slot for `key`, making a new one when missing or stale.
    fn slot(&self, key: &Key) -> Arc<Slot> {
        let mut store = self.store.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(slot) = store.slots.get(key).filter(|s| s.born.elapsed() < self.ttl) {
            return slot.clone();
        }
        if store.bytes > self.max_bytes || store.slots.len() >= MAX_ENTRIES {
            // Over budget: drop whatever has expired, and everything if
            // that is not enough (a storm of distinct URLs).
            let ttl = self.ttl;
            store.slots.retain(|_, s| s.born.elapsed() < ttl);
            store.bytes = store.slots.values().map(|s| s.size()).sum();
            if store.bytes > self.max_bytes || store.slots.len() >= MAX_ENTRIES {
                store.slots.clear();
                store.bytes = 0;
            }
        }
        let key_bytes = key.uri.len() + key.theme.len() + key.encoding.len() + SLOT_OVERHEAD;
        let slot = Arc::new(Slot { born: Instant::now(), key_bytes, cell: tokio::sync::OnceCell::new() });
        store.bytes += key_bytes;
        if let Some(old) = store.slots.insert(key.clone(), slot.clone()) {
            store.bytes = store.bytes.saturating_sub(old.size());
        }
        slot
    }

    fn count(&self, size: usize) {
        self.store.lock().unwrap_or_else(|e| e.into_inner()).bytes += size;
    }
}

impl Slot {
    fn size(&self) -> usize {
        self.key_bytes
            + match self.cell.get() {
                Some(Outcome::Stored(e)) => e.body.len(),
                _ => 0,
            }
    }
}

impl Entry {
    fn response(&self, cache_status: &'static str) -> Response {
        let mut res = Response::new(Body::from(self.body.clone()));
        *res.status_mut() = self.status;
        *res.headers_mut() = self.headers.clone();
        res.headers_mut().insert("x-cache", HeaderValue::from_static(cache_status));
        if let Some(route) = &self.route {
            res.extensions_mut().insert(route.clone());
        }
        res
    }
}

/// Store `res` when it may be shared; otherwise hand it back untouched.
async fn to_outcome(res: Response) -> Result<Entry, Response> {
    // A Location on a 200 is a redirect meant for a script (leptos answers
    // non-HTML clients that way): never share it.
    let storable = res.status() == StatusCode::OK
        && !res.headers().contains_key(header::SET_COOKIE)
        && !res.headers().contains_key(header::LOCATION)
        && !res
            .headers()
            .get(header::CACHE_CONTROL)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("no-store") || v.contains("private"));
    let small = res
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok())
        .is_none_or(|len| len <= MAX_BODY);
    if !storable || !small {
        return Err(res);
    }
    let (mut parts, body) = res.into_parts();
    match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(body) => {
            parts.headers.remove("x-request-id");
            Ok(Entry {
                status: parts.status,
                route: parts.extensions.get::<MatchedPath>().cloned(),
                headers: parts.headers,
                body,
            })
        }
        Err(e) => {
            tracing::error!(error = %e, "page body could not be read for the cache");
            Err(StatusCode::INTERNAL_SERVER_ERROR.into_response())
        }
    }
}

/// Middleware: serve from the cache, or render once and store.
pub async fn layer(State(cache): State<PageCache>, req: Request, next: Next) -> Response {
    let Some(key) = cache.key(&req) else {
        return next.run(req).await;
    };
    let slot = cache.slot(&key);
    let mut pending = Some((req, next));
    let mut own: Option<Response> = None;
    let outcome = slot
        .cell
        .get_or_init(|| async {
            let (req, next) = pending.take().expect("the initialiser runs once");
            match to_outcome(next.run(req).await).await {
                Ok(entry) => {
                    cache.count(entry.body.len());
                    Outcome::Stored(entry)
                }
                Err(res) => {
                    own = Some(res);
                    Outcome::Pass
                }
            }
        })
        .await;
    match (outcome, pending) {
        // This request rendered it.
        (Outcome::Stored(entry), None) => entry.response("miss"),
        (Outcome::Pass, None) => own.unwrap_or_else(|| StatusCode::INTERNAL_SERVER_ERROR.into_response()),
        // Another request rendered it.
        (Outcome::Stored(entry), Some(_)) => entry.response("hit"),
        (Outcome::Pass, Some((req, next))) => next.run(req).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(uri: &str, cookie: Option<&str>) -> Request {
        let mut b = axum::http::Request::builder().uri(uri);
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        b.body(Body::empty()).unwrap()
    }

    #[test]
    fn only_anonymous_gets_are_keyed() {
        let cache = PageCache::new(Duration::from_secs(1), 1 << 20);
        assert!(cache.key(&req("/products?page=2", None)).is_some());
        let themed = cache.key(&req("/products", Some("theme=dark"))).unwrap();
        assert_eq!(themed.theme, "dark");
        assert!(cache.key(&req("/products", Some("theme=dark; session=abc"))).is_none());
        assert!(cache.key(&req("/media/x", None)).is_none());
        let mut post = req("/products", None);
        *post.method_mut() = Method::POST;
        assert!(cache.key(&post).is_none());
        assert!(PageCache::new(Duration::ZERO, 1).key(&req("/", None)).is_none());
    }

    #[test]
    fn unstorable_urls_count_and_are_capped() {
        let cache = PageCache::new(Duration::from_secs(60), 1 << 30);
        for i in 0..(MAX_ENTRIES + 50) {
            let key = cache.key(&req(&format!("/nope-{i}"), None)).unwrap();
            cache.slot(&key);
        }
        let store = cache.store.lock().unwrap();
        assert!(store.slots.len() <= MAX_ENTRIES, "{} entries", store.slots.len());
        assert!(store.bytes >= store.slots.len() * SLOT_OVERHEAD, "empty slots are counted");
    }

    #[test]
    fn stale_slots_are_replaced() {
        let cache = PageCache::new(Duration::from_millis(1), 1 << 20);
        let key = cache.key(&req("/", None)).unwrap();
        let first = cache.slot(&key);
        std::thread::sleep(Duration::from_millis(5));
        assert!(!Arc::ptr_eq(&first, &cache.slot(&key)));
        let fresh = PageCache::new(Duration::from_secs(60), 1 << 20);
        let a = fresh.slot(&key);
        assert!(Arc::ptr_eq(&a, &fresh.slot(&key)));
    }
}
