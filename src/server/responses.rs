//! Last touches on every response, in one place:
//! - server functions answer errors with their real status (the runtime
//!   sends each as a 500 carrying the encoded `AppError`; it is read back
//!   and its 400/401/403/404/409/429/503 set, with Retry-After);
//! - a page that redirects (a visitor opening `/account`) is a real 302
//!   whatever the `Accept` header, never a 200 with a `Location`;
//! - everything under `/api/` is JSON, including 413 and other errors that
//!   never reached our handlers;
//! - pages for a person with a session are `Cache-Control: private, no-store`.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;

/// The marker header server-fn error responses carry.
const SERVER_FN_ERROR: &str = "serverfnerror";
/// The header leptos uses to ask its own client to redirect.
const SERVER_FN_REDIRECT: &str = "serverfnredirect";
/// Encoded errors are tiny; anything larger is passed through untouched.
const MAX_ERROR_BODY: usize = 64 * 1024;

pub async fn finish(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let page_get = req.method() == Method::GET && !path.starts_with("/api/");
    let has_session = req
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.contains("bazaar_session="));
    let mut res = next.run(req).await;
    if res.headers().contains_key(SERVER_FN_ERROR) && res.status() == StatusCode::INTERNAL_SERVER_ERROR {
        res = server_fn_status(res).await;
    }
    if page_get && res.status() == StatusCode::OK && res.headers().contains_key(header::LOCATION) {
        *res.status_mut() = StatusCode::FOUND;
        res.headers_mut().remove(SERVER_FN_REDIRECT);
    }
    if path.starts_with("/api/") && res.status().is_client_error() && !is_json(&res) {
        res = json_error(res.status());
    }
    if has_session && !path.starts_with("/pkg/") && !path.starts_with("/media/") {
        res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    }
    res
}

fn is_json(res: &Response) -> bool {
    res.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
        || res.headers().contains_key(SERVER_FN_ERROR)
}

/// A JSON error body for a status our handlers never produced (413 from
/// the body limit, 415 …).
fn json_error(status: StatusCode) -> Response {
    let err = match status {
        StatusCode::PAYLOAD_TOO_LARGE => AppError::TooLarge,
        StatusCode::NOT_FOUND => AppError::NotFound("Endpoint".into()),
        StatusCode::UNAUTHORIZED => AppError::Unauthorized,
        StatusCode::FORBIDDEN => AppError::Forbidden,
        other => AppError::field("request", other.canonical_reason().unwrap_or("The request is not valid.")),
    };
    let mut res = err.into_response();
    *res.status_mut() = status;
    res
}

async fn server_fn_status(res: Response) -> Response {
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_ERROR_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if let Some(secs) = err.retry_after()
            && let Ok(v) = HeaderValue::from_str(&secs.to_string())
        {
            parts.headers.insert(header::RETRY_AFTER, v);
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// A panic in a handler: logged, answered as our JSON 500.
pub fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    AppError::Internal.into_response()
}

/// The Content-Security-Policy of a page: inline scripts only with this
/// render's nonce (the hydration scripts carry it), script files only from
/// our own origin (the bundle; uploads are never served as script), wasm
/// allowed to compile. `payments`: the card form's Stripe.js and API
/// origins (empty when card payments are off), which it loads, frames and
/// talks to.
pub fn content_security_policy(nonce: &str, payments: &[String]) -> String {
    let extra: String = payments.iter().map(|o| format!(" {o}")).collect();
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'{extra}; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'{extra}; \
         frame-src 'self'{extra}; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panic_is_our_json_500() {
        let res = panic_response(Box::new("boom"));
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(res.into_body(), 4096).await.unwrap();
        let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(json["error"]["code"], "internal");
        assert!(!body.windows(4).any(|w| w == b"boom"), "no detail leaks");
    }

    #[test]
    fn the_csp_allows_only_nonced_scripts() {
        let csp = content_security_policy("abc", &[]);
        assert!(csp.contains("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval';"));
        // Framed only by our own pages (a live stream's checkout drawer).
        assert!(csp.contains("frame-ancestors 'self'") && csp.contains("object-src 'none'"));
    }
}
