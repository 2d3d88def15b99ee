//! Staff who must turn on two-step sign-in (an administrator's setting)
//! are sent to enrolment before any back-office or studio page: a full
//! page load of `/admin…` or `/studio…` answers with a redirect to
//! /account/security. Server functions and REST routes refuse them on
//! their own (`AppError::TwoFactorRequired`, or the role check).

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use crate::server::state::AppState;

/// Where they are sent.
pub const ENROL: &str = "/account/security?enrol=1";

fn gated(path: &str) -> bool {
    ["/admin", "/studio"]
        .iter()
        .any(|p| path == *p || path.strip_prefix(p).is_some_and(|rest| rest.starts_with('/')))
}

pub async fn enrolment(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if req.method() == Method::GET
        && gated(req.uri().path())
        && let Some(session) = req.extensions().get::<Session>().cloned()
        && let Ok(Some(viewer)) = super::session::viewer(&session, &state.db).await
        && viewer.must_enrol
    {
        return Redirect::to(ENROL).into_response();
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_the_back_office_and_studio_are_gated() {
        assert!(super::gated("/admin") && super::gated("/admin/orders") && super::gated("/studio/products"));
        assert!(!super::gated("/administer") && !super::gated("/account/security") && !super::gated("/"));
    }
}
