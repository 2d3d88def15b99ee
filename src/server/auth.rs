//! Who is asking, for REST handlers (the `Signed` extractor) and for server
//! functions and page renders (`viewer`, `require_role`). Both read the same
//! cookie session.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use tower_sessions::Session;

use super::state::AppState;
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

/// The session of the request a server function or page is answering.
pub async fn current_session() -> AppResult<Session> {
    leptos_axum::extract::<Session>().await.map_err(|_| no_session())
}

/// The signed-in person behind the current request, if any.
pub async fn viewer() -> AppResult<Option<Viewer>> {
    let state = super::state::current()?;
    let s = current_session().await?;
    session::viewer(&s, &state.db).await
}

/// The signed-in person, or `Unauthorized`.
pub async fn require_viewer() -> AppResult<Viewer> {
    viewer().await?.ok_or(AppError::Unauthorized)
}

/// The signed-in person when they hold one of `roles`; `Forbidden` when
/// signed in without it.
pub async fn require_role(roles: &[Role]) -> AppResult<Viewer> {
    let v = require_viewer().await?;
    if roles.contains(&v.role) { Ok(v) } else { Err(AppError::Forbidden) }
}

/// The client address of the current server-function request.
pub async fn current_ip() -> Option<IpAddr> {
    leptos_axum::extract::<ConnectInfo<SocketAddr>>().await.ok().map(|c| c.0.ip())
}

/// Give a failed server function its real status (400, 401, 409, 429 …)
/// instead of the generic 500 — except for plain form posts (JS off),
/// which must stay a redirect back to the form.
pub fn with_status<T>(result: AppResult<T>) -> AppResult<T> {
    if let Err(e) = &result {
        let form_post = leptos::prelude::use_context::<axum::http::request::Parts>().is_some_and(|p| {
            p.headers
                .get(axum::http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("text/html"))
        });
        if !form_post
            && let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
            && let Ok(status) = axum::http::StatusCode::from_u16(e.status())
        {
            res.set_status(status);
        }
    }
    result
}
