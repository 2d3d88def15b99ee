//! What a recipient's token does, signed out: the open pixel
//! (`GET /c/{token}/open.gif`), click links (`GET /c/{token}/go?to&s`, a
//! 303 to a path on this site when the MAC fits, else 400) and
//! unsubscribing (the page `/unsubscribe/{token}`, and RFC 8058's one-click
//! `POST /api/v1/unsubscribe/{token}`). An unknown or altered token changes
//! nothing.

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::db;
use super::links::{mac_ok, safe_target, stored_form};
use crate::error::{AppError, AppResult};
use crate::server::db::Db;
use crate::server::now_ms;
use crate::server::state::AppState;

/// A transparent 1×1 GIF.
const PIXEL: [u8; 43] = [
    0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff,
    0xff, 0xff, 0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00,
    0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b,
];

fn unknown() -> AppError {
    AppError::NotFound("Link".into())
}

/// The stored form of a token that names a recipient.
async fn recipient(db: &Db, token: &str) -> AppResult<(String, String, String)> {
    let hash = stored_form(token).ok_or_else(unknown)?;
    let (campaign, user) = db::by_token(&mut db.conn().await?, &hash).await?.ok_or_else(unknown)?;
    Ok((hash, campaign, user))
}

/// The address a token's mail went to, masked ("a•••@example.com").
pub async fn who(db: &Db, token: &str) -> AppResult<String> {
    let (_, _, user) = recipient(db, token).await?;
    let email = db::email_of(&mut db.conn().await?, &user).await?.ok_or_else(unknown)?;
    Ok(mask(&email))
}

/// "ada@example.com" → "a•••@example.com".
pub fn mask(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => format!("{}•••@{domain}", local.chars().next().unwrap_or('•')),
        None => "•••".to_owned(),
    }
}

/// No more marketing mail for the token's person. Idempotent.
pub async fn unsubscribe(db: &Db, token: &str) -> AppResult<String> {
    let (hash, _, user) = recipient(db, token).await?;
    db.write(async |tx| {
        db::opt_out(tx, &user).await?;
        db::mark_unsubscribed(tx, &hash, now_ms()).await?;
        Ok(())
    })
    .await?;
    who(db, token).await
}

/// `GET /c/{token}/open.gif`: counts the first open; always the pixel.
pub async fn open_pixel(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let db = &state.db;
    let token = token.trim_end_matches(".gif");
    if let Some(hash) = stored_form(token)
        && let Ok(mut c) = db.conn().await
        && let Err(e) = db::mark_open(&mut c, &hash, now_ms()).await
    {
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
    let db = &state.db;
    let to = q.to.unwrap_or_default();
    let target =
        safe_target(&to).ok_or_else(|| AppError::field("to", "Links lead to this shop's own pages only."))?;
    if !mac_ok(&token, target, q.s.as_deref().unwrap_or("")) {
        return Err(AppError::field("s", "This link has been altered."));
    }
    let (hash, _, _) = recipient(db, &token).await?;
    db::mark_click(&mut db.conn().await?, &hash, now_ms()).await?;
    Ok((StatusCode::SEE_OTHER, [(header::LOCATION, target.to_owned())]).into_response())
}
