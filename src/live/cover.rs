//! A stream's cover picture: uploaded from the console (a plain multipart
//! form) or over REST by the stream's own people, re-encoded like every
//! upload (no EXIF, bounded size); without one, the first featured
//! product's picture stands in.

use axum::Json;
use axum::extract::{Path, Request, State};
use axum::response::{IntoResponse, Redirect, Response};

use crate::accounts::Viewer;
use crate::catalog::studio::{MAX_IMAGE_BYTES, image_message};
use crate::error::{AppError, AppResult};
use crate::live::rest::check_id;
use crate::media;
use crate::server::auth::Signed;
use crate::server::now_ms;
use crate::server::state::AppState;

/// The longest side a cover is kept at.
const COVER_SIDE: u32 = 1600;

/// Store `bytes` as the cover of stream `id` (which the viewer runs).
pub async fn set(state: &AppState, viewer: &Viewer, id: &str, bytes: Vec<u8>) -> AppResult<()> {
    super::service::runs(&mut state.db.conn().await?, viewer, id).await?;
    let image =
        tokio::task::spawn_blocking(move || media::reencode(&bytes, COVER_SIDE)).await?.map_err(|e| {
            AppError::field(
                "image",
                image_message(if e == media::ImageError::Type { "type" } else { "broken" }),
            )
        })?;
    let old_file = state
        .db
        .write(async |tx| {
            super::service::runs(tx, viewer, id).await?;
            let media_id = media::save_file(tx, &state.media, &image).await?;
            Ok(match super::db::set_cover(tx, id, &media_id, now_ms()).await? {
                Some(old) => media::delete(tx, &old).await?,
                None => None,
            })
        })
        .await?;
    if let Some(key) = old_file
        && let Err(e) = state.media.delete(&key).await
    {
        tracing::warn!(error = %e, key, "could not remove an old stream cover");
    }
    Ok(())
}

/// `POST /studio/streams/{id}/cover`: the console's form; back to the
/// console with `done=cover` or `cover_error=<code>`.
pub async fn upload_form(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Path(id): Path<String>,
    req: Request,
) -> Result<Redirect, AppError> {
    check_id(&id)?;
    let back = |q: &str| Redirect::to(&format!("/studio/streams/{id}?{q}"));
    let upload = match media::upload::read(req, "image", MAX_IMAGE_BYTES).await {
        Ok(upload) => upload,
        Err(code) => return Ok(back(&format!("cover_error={code}"))),
    };
    match set(&state, &viewer, &id, upload.bytes).await {
        Ok(()) => Ok(back("done=cover")),
        Err(AppError::Validation(fields)) => {
            let typed = fields.get("image").map(String::as_str) == Some(image_message("type"));
            Ok(back(if typed { "cover_error=type" } else { "cover_error=broken" }))
        }
        Err(e) => Err(e),
    }
}

/// Set a stream's cover (multipart field `image`).
#[utoipa::path(
    post, path = "/api/v1/streams/{id}/cover", tag = "streams",
    params(("id" = String, Path, description = "Stream id")),
    request_body(content_type = "multipart/form-data", description = "Field `image`: PNG, JPEG or WebP, at most 5 MB"),
    responses(
        (status = 200, description = "The stream with its new cover", body = super::rest::StreamJson),
        (status = 400, description = "Not a PNG, JPEG or WebP picture, or unreadable", body = crate::server::rest::ErrorBody),
        (status = 401, description = "Not signed in", body = crate::server::rest::ErrorBody),
        (status = 403, description = "Not a seller nor staff", body = crate::server::rest::ErrorBody),
        (status = 404, description = "No such stream of the viewer's shop", body = crate::server::rest::ErrorBody),
        (status = 413, description = "Larger than 5 MB", body = crate::server::rest::ErrorBody),
    )
)]
pub async fn upload_rest(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Path(id): Path<String>,
    req: Request,
) -> Result<Response, AppError> {
    check_id(&id)?;
    let upload = crate::catalog::studio::images::read_picture(req).await?;
    set(&state, &viewer, &id, upload.bytes).await?;
    let card = super::service::card_of(&mut state.db.conn().await?, &id).await?;
    Ok(Json(super::rest::StreamJson::from(card)).into_response())
}
