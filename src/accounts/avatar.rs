//! Avatar upload: `POST /account/avatar`, a plain multipart form (so it
//! works without JavaScript) that redirects back to `/account`. Only PNG,
//! JPEG and WebP, recognised by their bytes (never by the name or the
//! declared type), at most 1 MiB, decoded and re-encoded at most 512 px a
//! side (metadata such as GPS positions is dropped); stored like every image.

use axum::extract::{Request, State};
use axum::response::Redirect;

use super::service;
use crate::error::AppError;
use crate::media;
use crate::server::auth::Signed;
use crate::server::state::AppState;

pub const MAX_AVATAR_BYTES: usize = 1024 * 1024;
/// Avatars are stored at most this many pixels a side.
const AVATAR_SIDE: u32 = 512;

/// Where the form lands: the account page with a note, or an error code it
/// turns into a message.
fn back(outcome: Result<(), &'static str>) -> Redirect {
    match outcome {
        Ok(()) => Redirect::to("/account?saved=avatar"),
        Err(code) => Redirect::to(&format!("/account?avatar_error={code}")),
    }
}

pub async fn upload(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    req: Request,
) -> Result<Redirect, AppError> {
    let bytes = match media::upload::read(req, "avatar", MAX_AVATAR_BYTES).await {
        Ok(upload) => upload.bytes,
        Err("broken") => {
            return Err(AppError::field(
                "avatar",
                "The upload could not be read. Choose the file and send it again.",
            ));
        }
        Err(code) => return Ok(back(Err(code))),
    };
    let image = match media::reencode(&bytes, AVATAR_SIDE) {
        Ok(image) => image,
        Err(media::ImageError::Type) => return Ok(back(Err("type"))),
        Err(media::ImageError::Broken) => return Ok(back(Err("broken"))),
    };
    state.db.write(async |tx| service::set_avatar(tx, &viewer.id, &image).await).await?;
    Ok(back(Ok(())))
}
