//! `POST /admin/settings/logo`: the shop's logo, a plain multipart form
//! (works without JavaScript) that redirects back to `/admin/settings`.
//! PNG, JPEG or WebP recognised by their bytes, at most 1 MiB, re-encoded
//! at most 256 px a side (metadata dropped). Administrators only.

use axum::extract::{Request, State};
use axum::response::Redirect;

use crate::accounts::Role;
use crate::error::AppError;
use crate::media;
use crate::server::auth::{ClientDevice, Signed};
use crate::server::state::AppState;

/// An avatar's limit (the pages share its messages).
pub const MAX_LOGO_BYTES: usize = crate::accounts::avatar::MAX_AVATAR_BYTES;
const LOGO_SIDE: u32 = 256;

fn back(outcome: Result<&str, &str>) -> Redirect {
    match outcome {
        Ok(what) => Redirect::to(&format!("/admin/settings?saved={what}")),
        Err(code) => Redirect::to(&format!("/admin/settings?logo_error={code}")),
    }
}

pub async fn upload(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    ClientDevice(device): ClientDevice,
    req: Request,
) -> Result<Redirect, AppError> {
    if viewer.acting_role() != Role::Admin {
        return Err(AppError::Forbidden);
    }
    let bytes = match media::upload::read(req, "logo", MAX_LOGO_BYTES).await {
        Ok(upload) => upload.bytes,
        Err(code) => return Ok(back(Err(code))),
    };
    let image = match media::reencode(&bytes, LOGO_SIDE) {
        Ok(image) => image,
        Err(media::ImageError::Type) => return Ok(back(Err("type"))),
        Err(media::ImageError::Broken) => return Ok(back(Err("broken"))),
    };
    super::service::set_logo(&state, &viewer, &device, Some(&image)).await?;
    Ok(back(Ok("logo")))
}
