//! Who is asking, for REST handlers (the `Signed` extractor) and for server
//! functions and page renders (`viewer`, `require_role`). Both read the same
//! cookie session.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use ipnet::IpNet;
use tower_sessions::Session;

use super::state::AppState;
use crate::accounts::areas::Area;
use crate::accounts::{Role, Viewer, session};
use crate::error::{AppError, AppResult};

fn no_session() -> AppError {
    tracing::error!("session layer missing from the request");
    AppError::Internal
}

/// The session of a REST request.
pub async fn session_of(parts: &mut Parts, state: &AppState) -> AppResult<Session> {
    Session::from_request_parts(parts, state).await.map_err(|_| no_session())
}

/// A REST handler argument: the signed-in person, or 401.
pub struct Signed(pub Viewer);

impl FromRequestParts<AppState> for Signed {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let s = session_of(parts, state).await?;
        session::viewer(&s, &state.db).await?.map(Signed).ok_or(AppError::Unauthorized)
    }
}

/// A REST handler argument: the signed-in person, if any (visitors too).
pub struct Viewing(pub Option<Viewer>);

impl FromRequestParts<AppState> for Viewing {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let s = session_of(parts, state).await?;
        Ok(Viewing(session::viewer(&s, &state.db).await?))
    }
}

impl Signed {
    /// The signed-in person when they hold one of `roles`, else `Forbidden`.
    pub fn with_role(self, roles: &[Role]) -> AppResult<Viewer> {
        holding(self.0, roles)
    }

    /// The signed-in person when they may use `area` of the back office.
    pub fn in_area(self, area: Area) -> AppResult<Viewer> {
        using(self.0, area)
    }
}

/// The session of the request a server function or page is answering.
pub async fn current_session() -> AppResult<Session> {
    leptos_axum::extract::<Session>().await.map_err(|_| no_session())
}

/// Who a page render is for, worked out once: the header, the cart count
/// and every card's heart ask, and each answer would otherwise be a session
/// read and a query. A fresh one per request (`startup::page_context` runs
/// for page renders and server functions alike), so a sign-in or sign-out
/// is seen by the next request; none reads the viewer again after changing it.
#[derive(Clone, Default)]
pub struct ViewerMemo(std::sync::Arc<std::sync::OnceLock<Option<Viewer>>>);

/// The signed-in person behind the current request, if any.
pub async fn viewer() -> AppResult<Option<Viewer>> {
    let memo = leptos::prelude::use_context::<ViewerMemo>();
    if let Some(known) = memo.as_ref().and_then(|m| m.0.get()) {
        return Ok(known.clone());
    }
    let state = super::state::current()?;
    let s = current_session().await?;
    let found = session::viewer(&s, &state.db).await?;
    if let Some(m) = memo {
        let _ = m.0.set(found.clone());
    }
    Ok(found)
}

/// The signed-in person, or `Unauthorized`.
pub async fn require_viewer() -> AppResult<Viewer> {
    viewer().await?.ok_or(AppError::Unauthorized)
}

/// The signed-in person when they hold one of `roles`; `Forbidden` when
/// signed in without it.
pub async fn require_role(roles: &[Role]) -> AppResult<Viewer> {
    holding(require_viewer().await?, roles)
}

/// The signed-in person when they may use `area` of the back office
/// (administrators, and staff given it); `Forbidden` otherwise.
pub async fn require_area(area: Area) -> AppResult<Viewer> {
    using(require_viewer().await?, area)
}

fn using(viewer: Viewer, area: Area) -> AppResult<Viewer> {
    if viewer.may(area) {
        Ok(viewer)
    } else if viewer.must_enrol {
        Err(AppError::TwoFactorRequired)
    } else {
        Err(AppError::Forbidden)
    }
}

/// `viewer` when they hold one of `roles`; staff who must turn on two-step
/// sign-in first are told so (their role is inert until then).
fn holding(viewer: Viewer, roles: &[Role]) -> AppResult<Viewer> {
    if roles.contains(&viewer.role) {
        Ok(viewer)
    } else if viewer.must_enrol {
        Err(AppError::TwoFactorRequired)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The client's address: the socket peer, unless that peer is a trusted
/// proxy — then the nearest `X-Forwarded-For` hop that is not one. From an
/// untrusted peer the header is ignored (anyone can send it).
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let hops: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|hop| hop.trim().parse().ok())
        .collect();
    hops.iter().rev().find(|ip| !is_trusted(ip)).or(hops.first()).copied().unwrap_or(peer)
}

/// A REST handler argument: the client's address (see [`client_ip`]).
pub struct ClientIp(pub IpAddr);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip()).ok_or_else(|| {
            tracing::error!("no peer address on the request");
            AppError::Internal
        })?;
        Ok(Self(client_ip(peer, &parts.headers, &state.settings.server.trusted_proxies)))
    }
}

/// The client address of the current server-function request.
pub async fn current_ip() -> Option<IpAddr> {
    let state = super::state::current().ok()?;
    let peer = leptos_axum::extract::<ConnectInfo<SocketAddr>>().await.ok()?.0.ip();
    let parts = leptos::prelude::use_context::<Parts>()?;
    Some(client_ip(peer, &parts.headers, &state.settings.server.trusted_proxies))
}

/// The client's address and browser, for the sessions list (REST handlers).
pub struct ClientDevice(pub session::Device);

impl FromRequestParts<AppState> for ClientDevice {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let ClientIp(ip) = ClientIp::from_request_parts(parts, state).await?;
        Ok(Self(device(Some(ip), &parts.headers)))
    }
}

fn device(ip: Option<IpAddr>, headers: &HeaderMap) -> session::Device {
    let text =
        |name| headers.get(name).and_then(|v: &axum::http::HeaderValue| v.to_str().ok()).unwrap_or_default();
    session::Device::new(ip, text(axum::http::header::USER_AGENT.as_str()))
        .with_request_id(text("x-request-id"))
}

/// The same inside a server function.
pub async fn current_device() -> session::Device {
    let ip = current_ip().await;
    match leptos::prelude::use_context::<Parts>() {
        Some(parts) => device(ip, &parts.headers),
        None => session::Device::new(ip, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xff(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", v.parse().unwrap());
        h
    }

    #[test]
    fn forwarded_for_is_believed_only_from_trusted_proxies() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let proxies: Vec<IpNet> = vec!["10.0.0.0/8".parse().unwrap()];
        // From the proxy: the client it names.
        assert_eq!(client_ip(ip("10.0.0.2"), &xff("203.0.113.9"), &proxies), ip("203.0.113.9"));
        // A forged hop before the real one is skipped: the nearest untrusted wins.
        assert_eq!(
            client_ip(ip("10.0.0.2"), &xff("1.1.1.1, 203.0.113.9, 10.0.0.7"), &proxies),
            ip("203.0.113.9")
        );
        // From anyone else: the header is ignored.
        assert_eq!(client_ip(ip("198.51.100.4"), &xff("1.1.1.1"), &proxies), ip("198.51.100.4"));
        assert_eq!(client_ip(ip("10.0.0.2"), &HeaderMap::new(), &proxies), ip("10.0.0.2"));
    }
}
