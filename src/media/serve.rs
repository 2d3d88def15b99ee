//! `GET /media/{id}`: stored images, served from our own origin.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::error::AppError;
use crate::server::state::AppState;

pub async fn serve(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    if id.len() > 64 || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return AppError::NotFound("Image".into()).into_response();
    }
    let etag = format!("\"{id}\"");
    // Media rows are never rewritten (a new upload gets a new id), so the id is the ETag.
    if headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) == Some(etag.as_str()) {
        return StatusCode::NOT_MODIFIED.into_response();
    }
    let found = match state.db.conn().await {
        Ok(mut c) => super::find(&mut c, &id).await,
        Err(e) => Err(e),
    };
    let found = match found {
        Ok(Some(row)) => match row.storage_key {
            Some(key) => match state.media.get(&key).await {
                Ok(bytes) => Ok(Some((row.content_type, bytes))),
                Err(e) => {
                    tracing::error!(error = %e, key, "a media file is missing");
                    Ok(None)
                }
            },
            None => Ok(Some((row.content_type, row.bytes))),
        },
        Ok(None) => Ok(None),
        Err(e) => Err(e),
    };
    match found {
        Ok(Some((content_type, bytes))) => {
            let mut res = bytes.into_response();
            let h = res.headers_mut();
            if let Ok(ct) = HeaderValue::from_str(&content_type) {
                h.insert(header::CONTENT_TYPE, ct);
            }
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
            h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
            // An SVG opened directly must not run script.
            h.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; sandbox"),
            );
            if let Ok(v) = HeaderValue::from_str(&etag) {
                h.insert(header::ETAG, v);
            }
            res
        }
        Ok(None) => AppError::NotFound("Image".into()).into_response(),
        Err(e) => AppError::from(e).into_response(),
    }
}
