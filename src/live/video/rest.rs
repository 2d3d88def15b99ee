//! WHIP (`/api/v1/streams/{id}/whip`) and WHEP (`…/whep`): an SDP offer in,
//! `201` with the SDP answer and the session's `Location` out. WHEP is
//! public and cookie-free, so any origin may use it (CORS), and a node that
//! does not hold the stream's publisher redirects (`307`) to the one that does.

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, post};
use utoipa::OpenApi;

use super::service::{self, Session, Watch};
use crate::error::AppError;
use crate::live::rest::check_id;
use crate::server::rest::ErrorBody;
use crate::server::state::AppState;

/// An SDP offer is a few kilobytes; this leaves room for many tracks.
const MAX_OFFER_BYTES: usize = 64 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/streams/{id}/whip", post(publish))
        .route("/streams/{id}/whip/{session}", delete(unpublish))
        .route("/streams/{id}/whep", post(watch).options(preflight))
        .route("/streams/{id}/whep/{session}", delete(unwatch).options(preflight))
}

#[derive(OpenApi)]
#[openapi(paths(publish, unpublish, watch, unwatch), tags((name = "video", description = "Live video (WHIP/WHEP)")))]
pub struct Api;

/// True for the cookie-free WHEP routes, which any origin may call.
pub fn open_to_any_origin(path: &str) -> bool {
    let Some(rest) = path.strip_prefix("/api/v1/streams/") else { return false };
    let mut parts = rest.split('/');
    parts.next().is_some_and(|id| !id.is_empty()) && parts.next() == Some("whep") && parts.count() <= 1
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// The request's SDP offer: `application/sdp`, at most 64 KiB.
async fn offer(headers: &HeaderMap, body: Body) -> Result<String, AppError> {
    let sdp = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| {
        v.split(';').next().is_some_and(|t| t.trim().eq_ignore_ascii_case("application/sdp"))
    });
    if !sdp {
        return Err(AppError::field("sdp", "Send the offer as Content-Type: application/sdp."));
    }
    let bytes = to_bytes(body, MAX_OFFER_BYTES).await.map_err(|_| AppError::TooLarge)?;
    String::from_utf8(bytes.to_vec()).map_err(|_| AppError::field("sdp", "The SDP offer is not UTF-8 text."))
}

fn created(session: Session) -> Response {
    let mut response = (StatusCode::CREATED, session.answer).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/sdp"));
    if let Ok(location) = HeaderValue::from_str(&session.location) {
        headers.insert(header::LOCATION, location);
    }
    response
}

/// A 401 says how to authenticate (RFC 6750).
fn challenge(e: AppError) -> Response {
    let unauthorized = matches!(e, AppError::Unauthorized);
    let mut response = e.into_response();
    if unauthorized {
        response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    response
}

/// Any origin may read WHEP answers and their `Location`.
fn open(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    headers.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static("Location"));
    response
}

#[utoipa::path(
    post, path = "/api/v1/streams/{id}/whip", tag = "video",
    params(("id" = String, Path, description = "Stream id")),
    request_body(content = String, content_type = "application/sdp", description = "SDP offer"),
    responses(
        (status = 201, description = "SDP answer; `Location` is the session to DELETE", body = String, content_type = "application/sdp"),
        (status = 400, description = "Not an SDP offer", body = ErrorBody),
        (status = 401, description = "No stream key, or not this stream's", body = ErrorBody),
        (status = 404, description = "No such stream", body = ErrorBody),
        (status = 409, description = "Over, or the shop is live with another stream", body = ErrorBody),
    )
)]
/// Publish (the console or OBS, with `Authorization: Bearer <stream key>`);
/// a scheduled stream goes live.
pub async fn publish(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let result = async {
        check_id(&id)?;
        let key = bearer(&headers).map(str::to_owned);
        if key.is_none() {
            return Err(AppError::Unauthorized);
        }
        let sdp = offer(&headers, body).await?;
        service::publish(&state, &id, key.as_deref(), &sdp).await
    }
    .await;
    result.map(created).unwrap_or_else(challenge)
}

#[utoipa::path(
    delete, path = "/api/v1/streams/{id}/whip/{session}", tag = "video",
    params(("id" = String, Path, description = "Stream id"), ("session" = String, Path, description = "From `Location`")),
    responses(
        (status = 204, description = "The encoder's session is closed (the stream stays live until ended)"),
        (status = 401, description = "No stream key, or not this stream's", body = ErrorBody),
        (status = 404, description = "No such stream", body = ErrorBody),
    )
)]
pub async fn unpublish(
    State(state): State<AppState>,
    Path(ids): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let (id, session) = ids;
    let result = async {
        check_id(&id)?;
        service::unpublish(&state, &id, bearer(&headers), &session).await
    }
    .await;
    result.map(|()| StatusCode::NO_CONTENT.into_response()).unwrap_or_else(challenge)
}

#[utoipa::path(
    post, path = "/api/v1/streams/{id}/whep", tag = "video",
    params(("id" = String, Path, description = "Stream id")),
    request_body(content = String, content_type = "application/sdp", description = "SDP offer (receive only)"),
    responses(
        (status = 201, description = "SDP answer; `Location` is the session to DELETE", body = String, content_type = "application/sdp"),
        (status = 307, description = "Another node carries this stream's video: repeat the request there"),
        (status = 400, description = "Not an SDP offer", body = ErrorBody),
        (status = 404, description = "No such stream", body = ErrorBody),
        (status = 409, description = "Not live, or no video yet", body = ErrorBody),
    )
)]
/// Watch a live stream.
pub async fn watch(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let result = async {
        check_id(&id)?;
        let sdp = offer(&headers, body).await?;
        service::watch(&state, &id, &sdp).await
    }
    .await;
    open(match result {
        Ok(Watch::Here(session)) => created(session),
        Ok(Watch::Elsewhere(node)) => {
            let target = format!("{node}/api/v1/streams/{id}/whep");
            match HeaderValue::from_str(&target) {
                Ok(location) => {
                    (StatusCode::TEMPORARY_REDIRECT, [(header::LOCATION, location)]).into_response()
                }
                Err(_) => AppError::Internal.into_response(),
            }
        }
        Err(e) => e.into_response(),
    })
}

#[utoipa::path(
    delete, path = "/api/v1/streams/{id}/whep/{session}", tag = "video",
    params(("id" = String, Path, description = "Stream id"), ("session" = String, Path, description = "From `Location`")),
    responses((status = 204, description = "The viewer's session is closed"))
)]
pub async fn unwatch(State(state): State<AppState>, Path(ids): Path<(String, String)>) -> Response {
    state.video.leave(&ids.1);
    open(StatusCode::NO_CONTENT.into_response())
}

/// CORS preflight for WHEP from a page on another origin.
async fn preflight() -> Response {
    let mut response = open(StatusCode::NO_CONTENT.into_response());
    let headers = response.headers_mut();
    headers.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("POST, DELETE, OPTIONS"));
    headers.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("Content-Type"));
    headers.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
    response
}

#[cfg(test)]
mod tests {
    use super::open_to_any_origin;

    #[test]
    fn only_whep_is_open_to_any_origin() {
        assert!(open_to_any_origin("/api/v1/streams/abc/whep"));
        assert!(open_to_any_origin("/api/v1/streams/abc/whep/tok"));
        assert!(!open_to_any_origin("/api/v1/streams/abc/whip"));
        assert!(!open_to_any_origin("/api/v1/streams/abc/whep/tok/x"));
        assert!(!open_to_any_origin("/api/v1/streams//whep"));
        assert!(!open_to_any_origin("/api/v1/streams/abc/chat"));
    }
}
