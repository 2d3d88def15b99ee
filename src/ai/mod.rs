//! Meaning, not just words: sentence embeddings of the products made in the
//! process (`model`, `semantic`, kept current by `indexer`), compared by
//! cosine (`vectors`). Search fuses them with the words' ranking
//! (`catalog::listing`); recommendations and the assistant build on them.
//! Types here are shared with the browser; the rest is server-only.

use serde::{Deserialize, Serialize};

pub mod api;
#[cfg(feature = "ssr")]
pub mod bench;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod eval;
#[cfg(feature = "ssr")]
pub mod indexer;
#[cfg(feature = "ssr")]
pub mod load;
#[cfg(feature = "ssr")]
pub mod model;
#[cfg(feature = "ssr")]
pub mod semantic;
pub mod ui;
#[cfg(feature = "ssr")]
pub mod vectors;

/// What the product indexer is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum IndexerPhase {
    /// Reading the stored vectors.
    Starting,
    /// Embedding new or changed products (the first run: all of them).
    Embedding,
    /// Every active product has a current vector; following changes.
    Current,
}

/// The semantic features' state, for the back office.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SemanticStatus {
    /// The model loaded.
    pub on: bool,
    pub off_reason: Option<String>,
    pub phase: IndexerPhase,
    /// Products to embed in this phase, and done so far.
    pub todo: u64,
    pub done: u64,
    pub active_products: i64,
    pub embedded_products: i64,
    /// Vectors this node compares with.
    pub in_memory: u64,
    /// Products embedded per second of the indexer's time.
    pub per_second: f64,
    pub phase_secs: u64,
}

/// The back office's view of the assistant's parts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AiOverview {
    pub semantic: SemanticStatus,
    pub model_dir: String,
    /// A Gemini key is set.
    pub gemini: bool,
    pub gemini_model: String,
}
