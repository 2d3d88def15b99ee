//! Build the router and serve it until Ctrl-C or SIGTERM.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use axum::routing::{get, post};
use leptos::config::{Env, LeptosOptions};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tokio::net::TcpListener;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use super::config::Settings;
use super::db::Db;
use super::page_cache::{self, PageCache};
use super::state::AppState;
use super::{csrf, limits, ops, responses, rest, telemetry, theme};
use crate::accounts::password::Passwords;
use crate::accounts::store::DbSessionStore;
use crate::app::{App, shell};
use crate::catalog::cache::CategoryCache;
use crate::error::AppError;

fn leptos_options(settings: &Settings) -> LeptosOptions {
    let env = match std::env::var("LEPTOS_ENV").as_deref() {
        Ok("DEV") | Ok("dev") | Ok("development") => Env::DEV,
        _ => Env::PROD,
    };
    LeptosOptions::builder()
        .output_name("bazaar")
        .site_root(settings.server.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(settings.server.addr)
        .env(env)
        .build()
}

/// Memory the page micro-cache may hold.
const PAGE_CACHE_BYTES: usize = 64 * 1024 * 1024;

/// How long category counts may lag behind writes made on another node.
const CATEGORY_CACHE_TTL: Duration = Duration::from_secs(5);

/// TLS for the clients the process makes (Gemini, Stripe): ring, installed
/// once for the whole process (two providers compiled in leave rustls
/// unable to choose on its own).
pub fn install_crypto() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// Connect, migrate and assemble the state.
pub async fn build_state(settings: Settings) -> Result<AppState, AppError> {
    install_crypto();
    let db = Db::connect(&settings.database.url, settings.database.max_connections).await?;
    db.migrate().await?;
    let live = crate::settings::live::Live::start(&db, settings.shop.clone()).await?;
    let zone = live.now().shop.time_zone.clone();
    crate::analytics::service::sync_zone(&db, &zone).await?;
    let sessions = DbSessionStore::connect(&db).await?;
    let media = crate::media::MediaStore::open(&settings.media.url).map_err(|e| {
        tracing::error!(error = %e, "cannot open the media store");
        AppError::Internal
    })?;
    let chat = crate::live::chat::hub::ChatHub::start(&db).await;
    crate::live::chat::hub::watch_pinned(chat.clone(), db.clone());
    let video = crate::live::video::Video::start(&settings).await.map_err(|e| {
        tracing::error!(error = %e, "cannot start live video");
        AppError::Internal
    })?;
    let model_dir = settings.ai.model_dir.clone();
    let semantic =
        tokio::task::spawn_blocking(move || crate::ai::semantic::Semantic::load(&model_dir)).await?;
    Ok(AppState::from(crate::server::state::Shared {
        leptos_options: leptos_options(&settings),
        db,
        settings: Arc::new(settings.clone()),
        metrics: telemetry::metrics_handle(),
        categories: CategoryCache::new(CATEGORY_CACHE_TTL),
        sessions,
        passwords: Passwords::default(),
        search: crate::catalog::search::SearchIndex::new()?,
        media,
        discovery: Default::default(),
        products: Default::default(),
        chat,
        stream_views: Default::default(),
        video,
        semantic,
        recommender: Default::default(),
        traffic: crate::traffic::log::Traffic::new(
            crate::analytics::zone::Zone::parse(&zone)
                .unwrap_or_else(|_| crate::analytics::zone::Zone::utc()),
        ),
        live,
        payments: crate::payments::gateway::Gateway::from_settings(&settings.payments)?.map(Arc::new),
    }))
}

/// The whole HTTP surface.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let leptos_options = state.leptos_options.clone();
    let fallback_state = state.clone();
    let request_id = HeaderName::from_static("x-request-id");
    let page_cache =
        PageCache::new(Duration::from_millis(state.settings.server.page_cache_ms), PAGE_CACHE_BYTES);

    Router::new()
        .route("/health", get(ops::health))
        .route("/metrics", get(ops::metrics))
        .route("/media/{id}", get(crate::media::serve::serve))
        .route("/c/{token}/open.gif", get(crate::campaigns::track::open_pixel))
        .route("/c/{token}/go", get(crate::campaigns::track::click))
        .route("/theme", post(theme::set_theme))
        .route("/assistant/thread", get(crate::assistant::ui::fragment::thread))
        .route("/account/avatar", post(crate::accounts::avatar::upload))
        .route("/admin/settings/logo", post(crate::settings::logo::upload))
        .route("/studio/products/{id}/images", post(crate::catalog::studio::images::upload_form))
        .route("/studio/shop/{which}", post(crate::sellers::profile::upload_form))
        .route("/studio/streams/{id}/cover", post(crate::live::cover::upload_form))
        .nest("/api/v1", rest::router())
        .leptos_routes_with_context(&state, routes, page_context, {
            let options = leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(
            move || provide_context(fallback_state.clone()),
            shell,
        ))
        .route_layer(axum::middleware::from_fn(telemetry::tag_route))
        .route_layer(axum::middleware::from_fn_with_state(state.clone(), crate::accounts::gate::enrolment))
        .layer(session_layer(&state))
        .layer(axum::middleware::from_fn_with_state(state.clone(), csrf::check_origin))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(request_id.clone(), MakeRequestUuid))
                .layer(TraceLayer::new_for_http().make_span_with(|req: &axum::http::Request<_>| {
                    let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
                    tracing::info_span!("http", method = %req.method(), uri = %req.uri(), request_id = %id)
                }))
                .layer(PropagateRequestIdLayer::new(request_id))
                .layer(axum::middleware::from_fn(telemetry::record))
                .layer(CatchPanicLayer::custom(responses::panic_response))
                .layer(axum::middleware::from_fn(responses::finish))
                .layer(axum::middleware::from_fn_with_state(state.clone(), crate::traffic::layer::count))
                .layer(axum::middleware::from_fn_with_state(page_cache, page_cache::layer))
                .layer(axum::middleware::from_fn(limits::limit_body))
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ))
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::REFERRER_POLICY,
                    HeaderValue::from_static("strict-origin-when-cross-origin"),
                ))
                .layer(SetResponseHeaderLayer::if_not_present(
                    HeaderName::from_static("x-frame-options"),
                    HeaderValue::from_static("SAMEORIGIN"),
                ))
                .layer(CompressionLayer::new()),
        )
        .with_state(state)
}

/// Per-render context: the page's Content-Security-Policy carries the
/// nonce leptos gave this render's hydration scripts.
fn page_context() {
    use leptos::prelude::{use_context, with_context};
    provide_context(super::auth::ViewerMemo::default());
    let origins = with_context::<AppState, _>(|s| s.payments.as_ref().map(|p| p.browser_origins.clone()))
        .flatten()
        .unwrap_or_default();
    if let (Some(nonce), Some(res)) =
        (leptos::nonce::use_nonce(), use_context::<leptos_axum::ResponseOptions>())
        && let Ok(v) = HeaderValue::from_str(&responses::content_security_policy(&nonce, &origins))
    {
        res.insert_header(header::CONTENT_SECURITY_POLICY, v);
    }
}

/// Cookie sessions: `HttpOnly`, `SameSite=Lax`, and over https `Secure`
/// with the `__Host-` prefix (which also pins the cookie to this host and
/// path `/`). Browser-session cookies unless the person asks to be remembered.
fn session_layer(state: &AppState) -> SessionManagerLayer<DbSessionStore> {
    let secure = state.settings.server.secure_cookies;
    SessionManagerLayer::new(state.sessions.clone())
        .with_name(if secure { "__Host-bazaar_session" } else { "bazaar_session" })
        .with_secure(secure)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        .with_expiry(Expiry::OnSessionEnd)
}

/// Serve on an already-bound listener until `shutdown` resolves, then let
/// in-flight requests finish and close the pool.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let db = state.db.clone();
    state.sessions.spawn_cleanup();
    crate::catalog::search::sync::start(state.db.clone(), state.search.clone());
    crate::ai::indexer::start(state.db.clone(), state.semantic.clone());
    state.recommender.start(state.db.clone());
    crate::assistant::service::spawn_sweeper(state.db.clone(), state.settings.ai.chat_retention_days);
    state.discovery.views.start(state.db.clone());
    state.stream_views.start(state.db.clone());
    state.traffic.start(state.db.clone());
    state.products.watch(state.db.clone());
    crate::cart::service::spawn_sweeper(state.db.clone());
    crate::mail::worker::spawn(state.db.clone(), &state.settings.mail);
    crate::campaigns::worker::spawn(state.clone());
    crate::analytics::queue::spawn(state.db.clone());
    crate::reports::worker::spawn(state.db.clone(), state.media.clone(), state.settings.clone());
    crate::payments::jobs::spawn(state.db.clone(), state.payments.clone());
    let app = router(state);
    axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await?;
    tokio::time::timeout(Duration::from_secs(10), db.close()).await.ok();
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        tokio::signal::ctrl_c().await.ok();
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down: finishing in-flight requests");
}
