//! `AppState`: everything a handler needs, handed over through axum state and
//! Leptos context — never a global.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use metrics_exporter_prometheus::PrometheusHandle;

use super::config::Settings;
use super::db::Db;
use crate::accounts::password::Passwords;
use crate::accounts::store::DbSessionStore;
use crate::catalog::cache::CategoryCache;
use crate::error::AppError;

/// Cheap to clone (one shared allocation): pages and server functions take
/// it from the context many times a request.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl From<Shared> for AppState {
    fn from(shared: Shared) -> Self {
        Self(Arc::new(shared))
    }
}

/// What leptos_axum takes from the state.
impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

pub struct Shared {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub settings: Arc<Settings>,
    pub metrics: PrometheusHandle,
    /// The category tree with counts, shared by every page for a few seconds.
    pub categories: CategoryCache,
    /// Where cookie sessions are kept (the shop's own database).
    pub sessions: DbSessionStore,
    /// Password hashing, a bounded number at a time.
    pub passwords: Passwords,
    /// This node's catalog search index (kept current by `catalog::search::sync`).
    pub search: crate::catalog::search::SearchIndex,
    /// Where uploaded pictures are kept (`BAZAAR_MEDIA_URL`).
    pub media: crate::media::MediaStore,
    /// Product pages' data, for a couple of seconds (emptied on every change).
    pub products: crate::catalog::cache::ProductCache,
    /// Product views counted in memory (written in batches), related lists.
    pub discovery: crate::catalog::discovery::Discovery,
    /// Live chat rooms and viewer counts on this node.
    pub chat: crate::live::chat::hub::ChatHub,
    /// Stays on stream pages, written in batches (stream analytics).
    pub stream_views: crate::live::stats::log::ViewLog,
    /// Live video: this node's WebRTC forwarding unit.
    pub video: crate::live::video::Video,
    /// The embedding model (when installed) and every product's vector.
    pub semantic: crate::ai::semantic::Semantic,
    /// Suggestions: this node's snapshot of purchases, ratings and popularity.
    pub recommender: crate::recs::service::Recommender,
    /// First-party traffic, counted in memory and written in batches.
    pub traffic: crate::traffic::log::Traffic,
    /// The shop's settings in force: `settings.shop` with what the back
    /// office saved over it (read them through `shop()` and `store()`).
    pub live: crate::settings::live::Live,
    /// Stripe, when card payments are set up (`BAZAAR_STRIPE_*`).
    pub payments: Option<Arc<crate::payments::gateway::Gateway>>,
}

impl Shared {
    /// Currency, time zone, low-stock line, commission… as now in force.
    pub fn shop(&self) -> Arc<crate::server::config::ShopSettings> {
        self.live.now().shop
    }

    /// The shop's name, logo and contact details.
    pub fn store(&self) -> Arc<crate::settings::StoreProfile> {
        self.live.now().store
    }
}

/// The state inside a server function or a page render.
pub fn current() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal
    })
}
