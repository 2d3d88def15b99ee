//! Avatar upload: `POST /account/avatar`, a plain multipart form (so it
//! works without JavaScript) that redirects back to `/account`. Only PNG,
//! JPEG and WebP, recognised by their bytes (never by the name or the
//! declared type), at most 1 MiB; stored in the database like every image.

use axum::extract::{Multipart, State};
use axum::response::Redirect;

use super::service;
use crate::error::AppError;
use crate::server::auth::Signed;
use crate::server::state::AppState;

pub const MAX_AVATAR_BYTES: usize = 1024 * 1024;

/// The image type from the file's first bytes.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Some("image/png"),
        [0xFF, 0xD8, 0xFF, ..] => Some("image/jpeg"),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some("image/webp"),
        _ => None,
    }
}

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
    mut form: Multipart,
) -> Result<Redirect, AppError> {
    let mut file = None;
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some("avatar") {
            match field.bytes().await {
                Ok(b) => file = Some(b),
                Err(_) => return Ok(back(Err("too_large"))),
            }
        }
    }
    let Some(bytes) = file.filter(|b| !b.is_empty()) else { return Ok(back(Err("missing"))) };
    if bytes.len() > MAX_AVATAR_BYTES {
        return Ok(back(Err("too_large")));
    }
    let Some(content_type) = sniff(&bytes) else { return Ok(back(Err("type"))) };
    service::set_avatar(&state.db, &viewer.id, content_type, &bytes).await?;
    Ok(back(Ok(())))
}

#[cfg(test)]
mod tests {
    use super::sniff;

    #[test]
    fn images_are_recognised_by_their_bytes() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff(b"\xff\xd8\xff\xe0...."), Some("image/jpeg"));
        assert_eq!(sniff(b"RIFF\x10\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(sniff(b"<svg onload=alert(1)>"), None);
        assert_eq!(sniff(b"GIF89a"), None);
    }
}
