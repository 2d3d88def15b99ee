//! `Semantic`: the model (if it loaded), the products' vectors, a cache of
//! query vectors, and the indexer's progress. One per node, in `AppState`.
//! Without the model every method still answers — with "nothing" — and the
//! shop falls back to words and popularity.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::oneshot;

use super::model::{Embedder, ModelError};
use super::vectors::{Near, Vectors};
use super::{IndexerPhase, SemanticStatus};
use crate::error::{AppError, AppResult};
use crate::server::ttl_cache::TtlCache;

/// Query vectors kept (shoppers repeat queries).
const QUERY_CACHE: usize = 20_000;
const QUERY_TTL: Duration = Duration::from_secs(3_600);

/// A search's text, how many nearest and how alike at least (f32 bits).
type NearKey = (String, usize, u32);

type Job = (Vec<String>, oneshot::Sender<Result<Vec<Vec<f32>>, ModelError>>);

#[derive(Clone)]
pub struct Semantic {
    inner: Arc<Inner>,
}

struct Inner {
    embedder: Option<Arc<Embedder>>,
    /// Why semantic features are off (no model, a broken file…).
    off_reason: Option<String>,
    vectors: Vectors,
    queries: TtlCache<String, Arc<Vec<f32>>>,
    /// A search's nearest products, with the vectors' version they were
    /// found in (shoppers repeat searches; a pass over every vector is the
    /// costliest part of one).
    nearby: TtlCache<NearKey, (u64, Arc<Vec<Near>>)>,
    progress: Mutex<Progress>,
    /// The indexer's own thread: product texts are embedded there, one
    /// core at most, so requests keep the other.
    batches: Option<std::sync::mpsc::Sender<Job>>,
}

#[derive(Debug, Clone)]
struct Progress {
    phase: IndexerPhase,
    todo: usize,
    done: usize,
    since: Instant,
    embedded_total: usize,
    embedding_secs: f64,
}

impl std::fmt::Debug for Semantic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Semantic").field("on", &self.is_on()).field("vectors", &self.inner.vectors).finish()
    }
}

impl Semantic {
    /// Load the model from `dir` ("" = off). Logs whether semantic
    /// features are on, and why not.
    pub fn load(dir: &str) -> Self {
        if dir.trim().is_empty() {
            tracing::info!("semantic search and recommendations: off (BAZAAR_MODEL_DIR is empty)");
            return Self::off("BAZAAR_MODEL_DIR is empty".into());
        }
        let started = Instant::now();
        match Embedder::load(Path::new(dir)) {
            Ok(embedder) => {
                tracing::info!(
                    model = dir,
                    ms = started.elapsed().as_millis() as u64,
                    "semantic search and recommendations: on (all-MiniLM-L6-v2)"
                );
                Self::with(Arc::new(embedder))
            }
            Err(e) => {
                tracing::warn!(error = %e, "semantic search and recommendations: off; words and popularity only");
                Self::off(e.to_string())
            }
        }
    }

    pub fn off(reason: String) -> Self {
        Self::build(None, Some(reason))
    }

    pub fn with(embedder: Arc<Embedder>) -> Self {
        Self::build(Some(embedder), None)
    }

    fn build(embedder: Option<Arc<Embedder>>, off_reason: Option<String>) -> Self {
        let batches = embedder.clone().map(spawn_worker);
        Self {
            inner: Arc::new(Inner {
                embedder,
                off_reason,
                vectors: Vectors::default(),
                queries: TtlCache::new(QUERY_TTL, QUERY_CACHE),
                nearby: TtlCache::new(QUERY_TTL, QUERY_CACHE),
                progress: Mutex::new(Progress {
                    phase: IndexerPhase::Starting,
                    todo: 0,
                    done: 0,
                    since: Instant::now(),
                    embedded_total: 0,
                    embedding_secs: 0.0,
                }),
                batches,
            }),
        }
    }

    /// The model loaded.
    pub fn is_on(&self) -> bool {
        self.inner.embedder.is_some()
    }

    /// The model loaded and products have vectors to compare with.
    pub fn is_ready(&self) -> bool {
        self.is_on() && !self.inner.vectors.is_empty()
    }

    pub fn vectors(&self) -> &Vectors {
        &self.inner.vectors
    }

    /// A search's vector (cached by its lower-cased text); `None` when off.
    pub async fn query_vector(&self, text: &str) -> AppResult<Option<Arc<Vec<f32>>>> {
        let Some(embedder) = self.inner.embedder.clone() else { return Ok(None) };
        let key = text.trim().to_lowercase();
        if let Some(v) = self.inner.queries.get(&key) {
            return Ok(Some(v));
        }
        let text = key.clone();
        let v = tokio::task::spawn_blocking(move || embedder.embed_one(&text)).await?.map_err(|e| {
            tracing::error!(error = %e, "query embedding failed");
            AppError::Internal
        })?;
        let v = Arc::new(v);
        self.inner.queries.insert(key, v.clone());
        Ok(Some(v))
    }

    /// The `k` products nearest a search's meaning, at least `min` alike,
    /// best first (cached until the vectors change); `None` when off.
    pub async fn nearest_to(&self, text: &str, k: usize, min: f32) -> AppResult<Option<Arc<Vec<Near>>>> {
        let key = (text.trim().to_lowercase(), k, min.to_bits());
        let version = self.inner.vectors.version();
        if let Some((made_in, near)) = self.inner.nearby.get(&key)
            && made_in == version
        {
            return Ok(Some(near));
        }
        let Some(query) = self.query_vector(text).await? else { return Ok(None) };
        let near = Arc::new(self.inner.vectors.nearest(&query, k, min, &[]));
        self.inner.nearby.insert(key, (version, near.clone()));
        Ok(Some(near))
    }

    /// Embed product texts on the indexer's thread (one at a time, in order).
    pub async fn embed_batch(&self, texts: Vec<String>) -> AppResult<Vec<Vec<f32>>> {
        let Some(batches) = &self.inner.batches else { return Ok(Vec::new()) };
        let started = Instant::now();
        let n = texts.len();
        let (tx, rx) = oneshot::channel();
        batches.send((texts, tx)).map_err(|_| AppError::Internal)?;
        let vectors = rx.await.map_err(|_| AppError::Internal)?.map_err(|e| {
            tracing::error!(error = %e, "product embedding failed");
            AppError::Internal
        })?;
        let mut p = self.progress();
        p.embedded_total += n;
        p.embedding_secs += started.elapsed().as_secs_f64();
        Ok(vectors)
    }

    /// The indexer's phase changes (todo = products to embed in it).
    pub fn set_phase(&self, phase: IndexerPhase, todo: usize) {
        let mut p = self.progress();
        p.phase = phase;
        p.todo = todo;
        p.done = 0;
        p.since = Instant::now();
    }

    pub fn add_done(&self, n: usize) {
        self.progress().done += n;
    }

    /// What the back office shows; `active`/`embedded` come from the database.
    pub fn status(&self, active: i64, embedded: i64) -> SemanticStatus {
        let p = self.progress().clone();
        SemanticStatus {
            on: self.is_on(),
            off_reason: self.inner.off_reason.clone(),
            phase: p.phase,
            todo: p.todo as u64,
            done: p.done as u64,
            active_products: active,
            embedded_products: embedded,
            in_memory: self.inner.vectors.len() as u64,
            per_second: if p.embedding_secs > 0.0 { p.embedded_total as f64 / p.embedding_secs } else { 0.0 },
            phase_secs: p.since.elapsed().as_secs(),
        }
    }

    fn progress(&self) -> std::sync::MutexGuard<'_, Progress> {
        self.inner.progress.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The indexer's thread: embeds batches with a one-thread pool, so the
/// model's matrix work uses one core.
fn spawn_worker(embedder: Arc<Embedder>) -> std::sync::mpsc::Sender<Job> {
    let (tx, rx) = std::sync::mpsc::channel::<Job>();
    let spawned = std::thread::Builder::new().name("bazaar-embed".into()).spawn(move || {
        let pool = match rayon::ThreadPoolBuilder::new().num_threads(1).build() {
            Ok(pool) => pool,
            Err(e) => {
                tracing::error!(error = %e, "embedding thread pool");
                return;
            }
        };
        for (texts, reply) in rx {
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let _ = reply.send(pool.install(|| embedder.embed(&refs)));
        }
    });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "could not start the embedding thread");
    }
    tx
}
