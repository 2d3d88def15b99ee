//! What a recipient's token does, signed out, over HTTP: the open pixel
//! (`GET /c/{token}/open.gif`) and click links (`GET /c/{token}/go?to&s`, a
//! 303 to a path on this site when the MAC fits, else 400). The rules are
//! `recipient`'s; unsubscribing is the page `/unsubscribe/{token}` and
//! RFC 8058's one-click `POST /api/v1/unsubscribe/{token}`.

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::recipient;
use crate::error::AppError;
use crate::server::state::AppState;

/// A transparent 1×1 GIF.
const PIXEL: [u8; 43] = [
    0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff,
    0xff, 0xff, 0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00,
    0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b,
];

/// `GET /c/{token}/open.gif`: counts the first open; always the pixel.
pub async fn open_pixel(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    if let Err(e) = recipient::count_open(&state.db, token.trim_end_matches(".gif")).await {
        tracing::warn!(error = %e, "campaign open not counted");
    }
    ([(header::CONTENT_TYPE, "image/gif"), (header::CACHE_CONTROL, "no-store, private")], PIXEL)
        .into_response()
}

#[derive(Deserialize)]
pub struct Click {
    to: Option<String>,
    s: Option<String>,
}

/// `GET /c/{token}/go?to=/path&s=mac`: counts the click, then 303 to the
/// path. Another host, a changed path or token: 400, nothing counted.
pub async fn click(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Query(q): Query<Click>,
) -> Result<Response, AppError> {
    let to = q.to.unwrap_or_default();
    let target = recipient::count_click(&state.db, &token, &to, q.s.as_deref().unwrap_or("")).await?;
    Ok((StatusCode::SEE_OTHER, [(header::LOCATION, target.to_owned())]).into_response())
}
