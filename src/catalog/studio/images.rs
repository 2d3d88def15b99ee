//! Picture uploads: the editor's plain multipart form
//! (`POST /studio/products/{id}/images`, works without JavaScript, comes
//! back to the editor) and `POST /api/v1/products/{id}/images` (201
//! `{"url"}`). The file's name and declared type are ignored: the bytes
//! are sniffed, decoded and encoded afresh by the service.

use axum::Json;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Serialize;
use utoipa::ToSchema;

use super::MAX_IMAGE_BYTES;
use crate::error::AppError;
use crate::server::auth::Signed;
use crate::server::state::AppState;

/// A REST upload's picture (multipart field `image`, at most 5 MB), or the
/// JSON error that says why not (413, or 400 naming the field).
pub async fn read_picture(req: Request) -> Result<crate::media::upload::Upload, AppError> {
    match crate::media::upload::read(req, "image", MAX_IMAGE_BYTES).await {
        Ok(upload) => Ok(upload),
        Err("too_large") => Err(AppError::TooLarge),
        Err(code) => Err(AppError::field("image", super::image_message(code))),
    }
}

/// The editor's upload form; back to the editor with a note or an error code.
pub async fn upload_form(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Path(id): Path<String>,
    req: Request,
) -> Result<Redirect, AppError> {
    if id.len() > 64 {
        return Err(AppError::NotFound("Product".into()));
    }
    let back = |query: &str| Redirect::to(&format!("/studio/products/{id}?{query}#pictures"));
    let upload = match crate::media::upload::read(req, "image", MAX_IMAGE_BYTES).await {
        Ok(upload) => upload,
        Err(code) => return Ok(back(&format!("image_error={code}"))),
    };
    match super::pictures::add_image(&state, &viewer, &id, upload.bytes, &upload.alt).await {
        Ok(_) => Ok(back("saved=image")),
        Err(AppError::Validation(fields)) => {
            let code = match fields.get("image").map(String::as_str) {
                Some(m) if m == super::image_message("type") => "type",
                Some(m) if m == super::image_message("too_many") => "too_many",
                Some(m) if m == super::image_message("broken") => "broken",
                _ => "broken",
            };
            Ok(back(&format!("image_error={code}")))
        }
        Err(e) => Err(e),
    }
}

#[derive(Serialize, ToSchema)]
pub struct ImageUrl {
    /// Where the picture is served (`/media/{id}`).
    url: String,
    /// The card-sized copy.
    thumbnail_url: String,
}

/// Add a picture to a product (multipart field `image`, optional `alt`).
#[utoipa::path(
    post, path = "/api/v1/products/{id}/images", tag = "products",
    params(("id" = String, Path, description = "Product id")),
    request_body(content_type = "multipart/form-data", description = "Field `image`: PNG, JPEG or WebP, at most 5 MB; optional `alt`"),
    responses(
        (status = 201, description = "Stored (re-encoded)", body = ImageUrl),
        (status = 400, description = "Not a PNG, JPEG or WebP picture, or unreadable", body = crate::server::rest::ErrorBody),
        (status = 401, description = "Not signed in", body = crate::server::rest::ErrorBody),
        (status = 403, description = "Not a seller", body = crate::server::rest::ErrorBody),
        (status = 404, description = "No such product in your shop", body = crate::server::rest::ErrorBody),
        (status = 413, description = "Larger than 5 MB", body = crate::server::rest::ErrorBody),
    )
)]
pub async fn upload_rest(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    Path(id): Path<String>,
    req: Request,
) -> Result<Response, AppError> {
    if id.len() > 64 {
        return Err(AppError::NotFound("Product".into()));
    }
    let upload = read_picture(req).await?;
    let image = super::pictures::add_image(&state, &viewer, &id, upload.bytes, &upload.alt).await?;
    Ok((StatusCode::CREATED, Json(ImageUrl { url: image.url, thumbnail_url: image.thumb_url }))
        .into_response())
}
