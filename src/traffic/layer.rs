//! The traffic middleware: finds today's visitor behind each request (for
//! the code that records a step) and counts every storefront page shown —
//! outside the page cache, so a page served from it counts too.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

use super::visit::{self, Visit};
use crate::server::auth::client_ip;
use crate::server::state::AppState;

/// Requests that are never a visit: files, the back office's and sellers'
/// own pages, operations.
const SKIP: [&str; 9] =
    ["/pkg/", "/media/", "/vendor/", "/health", "/metrics", "/favicon", "/admin", "/studio", "/theme"];

fn skipped(path: &str) -> bool {
    SKIP.iter().any(|p| path.starts_with(p)) || path.rsplit('/').next().is_some_and(|last| last.contains('.'))
}

pub async fn count(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    if skipped(&path) || !visit::countable(req.headers()) {
        return next.run(req).await;
    }
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::LOCALHOST), |c| c.0.ip());
    let ip = client_ip(peer, req.headers(), &state.settings.server.trusted_proxies);
    let Some(visit) = state.traffic.visit(&state.db, ip, req.headers()).await else {
        return next.run(req).await;
    };
    let page = req.method() == Method::GET && !path.starts_with("/api/");
    let source = page.then(|| visit::source(req.headers(), req.uri().query())).flatten();
    req.extensions_mut().insert(visit.clone());
    let res = next.run(req).await;
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if page && html && res.status() == StatusCode::OK {
        state.traffic.page(&visit, &path, source);
    }
    res
}

/// Today's visitor of the current server-function request or page render.
pub fn current_visit() -> Option<Visit> {
    leptos::prelude::use_context::<axum::http::request::Parts>()?.extensions.get::<Visit>().cloned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn files_and_back_office_pages_are_not_visits() {
        for p in
            ["/pkg/bazaar.js", "/media/abc", "/admin", "/admin/orders", "/studio/products", "/robots.txt"]
        {
            assert!(super::skipped(p), "{p}");
        }
        for p in ["/", "/products/rose-serum", "/checkout", "/api/add_to_cart", "/shops/dewdrop"] {
            assert!(!super::skipped(p), "{p}");
        }
    }
}
