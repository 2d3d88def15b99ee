//! Cross-site request forgery guard: a state-changing request (anything but
//! GET/HEAD/OPTIONS) that names a foreign origin gets 403. It works with
//! JavaScript off because browsers send `Origin` on plain form posts too.

use axum::extract::{Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::state::AppState;
use crate::error::AppError;

/// True when `origin` (scheme://host[:port]) is this server or an allowed origin.
pub fn origin_allowed(origin: &str, host: Option<&str>, allowed: &[String]) -> bool {
    let origin = origin.trim_end_matches('/');
    if allowed.iter().any(|a| a.trim_end_matches('/') == origin) {
        return true;
    }
    let Some(host) = host else { return false };
    let authority = origin.split_once("://").map(|(_, rest)| rest).unwrap_or("");
    !authority.is_empty() && authority.eq_ignore_ascii_case(host)
}

/// `scheme://authority` of a Referer URL.
fn referer_origin(referer: &str) -> Option<&str> {
    let (scheme, rest) = referer.split_once("://")?;
    let end = rest.find('/').unwrap_or(rest.len());
    Some(&referer[..scheme.len() + 3 + end])
}

pub async fn check_origin(State(state): State<AppState>, req: Request, next: Next) -> Response {
    // WHEP carries no cookie and changes nothing of anyone's: pages on
    // other nodes' origins may call it.
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        || crate::live::video::rest::open_to_any_origin(req.uri().path())
    {
        return next.run(req).await;
    }
    let headers = req.headers();
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let claimed = headers
        .get(header::ORIGIN)
        .and_then(|o| o.to_str().ok())
        .filter(|o| *o != "null")
        .or_else(|| headers.get(header::REFERER).and_then(|r| r.to_str().ok()).and_then(referer_origin));
    // An opaque "null" origin (sandboxed frame, some redirects) is refused too.
    let null_origin = headers.get(header::ORIGIN).is_some_and(|o| o == "null");
    let ok = match claimed {
        Some(origin) => origin_allowed(origin, host, &state.settings.server.allowed_origins),
        // No Origin and no Referer: not a browser, so no ambient cookie to abuse.
        None => !null_origin,
    };
    if ok {
        next.run(req).await
    } else {
        tracing::warn!(origin = ?claimed, host = ?host, "cross-origin state-changing request refused");
        AppError::Forbidden.into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_host_is_allowed() {
        assert!(origin_allowed("http://127.0.0.1:3000", Some("127.0.0.1:3000"), &[]));
        assert!(!origin_allowed("http://evil.test", Some("127.0.0.1:3000"), &[]));
        assert!(!origin_allowed("http://127.0.0.1:3001", Some("127.0.0.1:3000"), &[]));
        assert!(origin_allowed(
            "https://shop.example",
            Some("10.0.0.5:3000"),
            &["https://shop.example".into()]
        ));
    }

    #[test]
    fn referer_reduces_to_origin() {
        assert_eq!(referer_origin("http://a.test:8080/x/y?z"), Some("http://a.test:8080"));
        assert_eq!(referer_origin("http://a.test"), Some("http://a.test"));
    }
}
