//! A shop's public profile as its seller edits it at `/studio/shop`: the
//! tagline, description and location, and the logo and banner pictures
//! (plain multipart forms to `/studio/shop/logo` and `/studio/shop/banner`).

use serde::{Deserialize, Serialize};

pub const MAX_TAGLINE: usize = 120;
pub const MAX_DESCRIPTION: usize = 2000;
pub const MAX_LOCATION: usize = 80;

/// What the shop-profile page shows and edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopProfile {
    pub id: String,
    pub slug: String,
    pub shop_name: String,
    pub tagline: String,
    pub description: String,
    pub location: String,
    pub logo_url: Option<String>,
    pub banner_url: Option<String>,
}

/// Which picture an upload replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShopPicture {
    Logo,
    Banner,
}

impl ShopPicture {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "logo" => Some(Self::Logo),
            "banner" => Some(Self::Banner),
            _ => None,
        }
    }

    /// At most this many pixels a side.
    pub fn side(self) -> u32 {
        match self {
            Self::Logo => 512,
            Self::Banner => 1920,
        }
    }
}

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use axum::extract::{Path, Request, State};
    use axum::response::Redirect;

    use super::{MAX_DESCRIPTION, MAX_LOCATION, MAX_TAGLINE, ShopPicture, ShopProfile};
    use crate::accounts::{Role, Viewer};
    use crate::error::{AppError, AppResult, FieldErrors};
    use crate::media;
    use crate::server::auth::Signed;
    use crate::server::db::Conn;
    use crate::server::now_ms;
    use crate::server::state::AppState;

    use crate::sellers::db::{self, ProfileRow};

    /// The viewer's own verified shop.
    async fn own(c: &mut Conn, viewer: &Viewer) -> AppResult<ProfileRow> {
        if !matches!(viewer.role, Role::Seller | Role::Admin) {
            return Err(AppError::Forbidden);
        }
        db::own_profile(c, &viewer.id).await?.ok_or(AppError::Forbidden)
    }

    pub async fn profile(c: &mut Conn, viewer: &Viewer) -> AppResult<ShopProfile> {
        let r = own(c, viewer).await?;
        Ok(ShopProfile {
            logo_url: r.logo_media_id.as_deref().map(media::url),
            banner_url: r.banner_media_id.as_deref().map(media::url),
            id: r.id,
            slug: r.slug,
            shop_name: r.shop_name,
            tagline: r.tagline,
            description: r.description,
            location: r.location,
        })
    }

    /// Save the words; each checked, every problem named.
    pub async fn save(
        c: &mut Conn,
        viewer: &Viewer,
        tagline: &str,
        description: &str,
        location: &str,
    ) -> AppResult<()> {
        let shop = own(c, viewer).await?;
        let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let (tagline, location) = (one_line(tagline), one_line(location));
        let description = description.trim().replace("\r\n", "\n");
        let mut errors = FieldErrors::new();
        for (field, value, max) in [
            ("tagline", &tagline, MAX_TAGLINE),
            ("description", &description, MAX_DESCRIPTION),
            ("location", &location, MAX_LOCATION),
        ] {
            if value.chars().count() > max {
                errors.insert(field.into(), format!("Use at most {max} characters."));
            }
        }
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
        db::save_profile(c, &shop.id, &tagline, &description, &location, now_ms()).await?;
        Ok(())
    }

    /// Replace the logo or banner with a fresh encoding of `bytes`.
    pub async fn set_picture(
        state: &AppState,
        viewer: &Viewer,
        which: ShopPicture,
        bytes: Vec<u8>,
    ) -> AppResult<()> {
        own(&mut state.db.conn().await?, viewer).await?;
        let side = which.side();
        let image =
            tokio::task::spawn_blocking(move || media::reencode(&bytes, side)).await?.map_err(|e| {
                AppError::field(
                    "image",
                    crate::catalog::studio::image_message(if e == media::ImageError::Type {
                        "type"
                    } else {
                        "broken"
                    }),
                )
            })?;
        let old_file = state
            .db
            .write(async |tx| {
                let shop = own(tx, viewer).await?;
                let id = media::save_file(tx, &state.media, &image).await?;
                let old = match which {
                    ShopPicture::Logo => shop.logo_media_id,
                    ShopPicture::Banner => shop.banner_media_id,
                };
                db::set_picture(tx, &shop.id, which == ShopPicture::Logo, &id, now_ms()).await?;
                Ok(match old {
                    Some(old) => media::delete(tx, &old).await?,
                    None => None,
                })
            })
            .await?;
        if let Some(key) = old_file
            && let Err(e) = state.media.delete(&key).await
        {
            tracing::warn!(error = %e, key, "could not remove an old shop picture");
        }
        Ok(())
    }

    /// `POST /studio/shop/{logo|banner}`: the page's upload form.
    pub async fn upload_form(
        State(state): State<AppState>,
        Signed(viewer): Signed,
        Path(which): Path<String>,
        req: Request,
    ) -> Result<Redirect, AppError> {
        let which = ShopPicture::parse(&which).ok_or_else(|| AppError::NotFound("Page".into()))?;
        let back = |q: String| Redirect::to(&format!("/studio/shop?{q}"));
        let upload = match media::upload::read(req, "image", crate::catalog::studio::MAX_IMAGE_BYTES).await {
            Ok(upload) => upload,
            Err(code) => return Ok(back(format!("image_error={code}"))),
        };
        match set_picture(&state, &viewer, which, upload.bytes).await {
            Ok(()) => Ok(back("saved=picture".into())),
            Err(AppError::Validation(fields)) => {
                let code = if fields.get("image").map(String::as_str)
                    == Some(crate::catalog::studio::image_message("type"))
                {
                    "type"
                } else {
                    "broken"
                };
                Ok(back(format!("image_error={code}")))
            }
            Err(e) => Err(e),
        }
    }
}
