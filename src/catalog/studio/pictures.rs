//! The rules of a product's pictures: added (decoded and encoded afresh
//! off the request threads, a large copy and a card copy), reused from the
//! same shop (REST bodies' `images` URLs) and removed. The first picture's
//! card copy is the product's cover.

use super::db;
use super::service::editable;
use super::{EditImage, MAX_IMAGES, image_message};
use crate::accounts::Viewer;
use crate::catalog::search::sync::CHANNEL;
use crate::error::{AppError, AppResult};
use crate::media::{self, MediaStore, Picture};
use crate::server::db::Tx;
use crate::server::state::AppState;
use crate::server::{new_id, now_ms};

/// Pictures are kept at most this many pixels a side, and cards' copies at this.
const PICTURE_SIDE: u32 = 1600;
const THUMB_SIDE: u32 = 480;

/// Add a picture: decoded and encoded afresh (off the request threads) as
/// a large copy and a card-sized one, both kept in the media store.
pub async fn add_image(
    state: &AppState,
    viewer: &Viewer,
    id: &str,
    bytes: Vec<u8>,
    alt: &str,
) -> AppResult<EditImage> {
    {
        let mut c = state.db.conn().await?;
        editable(&mut c, viewer, id).await?;
        if db::images(&mut c, id).await?.len() >= MAX_IMAGES {
            return Err(AppError::field("image", image_message("too_many")));
        }
    }
    let encoded = tokio::task::spawn_blocking(move || {
        let picture = Picture::decode(&bytes)?;
        Ok::<_, media::ImageError>((picture.encode(PICTURE_SIDE)?, picture.encode(THUMB_SIDE)?))
    })
    .await?;
    let (large, small) = encoded.map_err(|e| {
        AppError::field("image", image_message(if e == media::ImageError::Type { "type" } else { "broken" }))
    })?;
    let alt: String = alt.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(200).collect();
    state
        .db
        .write(async |tx| {
            editable(tx, viewer, id).await?;
            let images = db::images(tx, id).await?;
            if images.len() >= MAX_IMAGES {
                return Err(AppError::field("image", image_message("too_many")));
            }
            let media_id = media::save_file(tx, &state.media, &large).await?;
            let thumb_id = media::save_file(tx, &state.media, &small).await?;
            let title = db::fields(tx, id).await?.title;
            let alt = if alt.is_empty() { title } else { alt.clone() };
            let image_id = new_id();
            db::insert_image(tx, &image_id, id, &media_id, &thumb_id, &alt, images.len() as i64).await?;
            let cover = images
                .first()
                .map_or(thumb_id.as_str(), |i| i.thumb_media_id.as_deref().unwrap_or(&i.media_id));
            db::touch(tx, id, Some(cover), now_ms()).await?;
            tx.notify(CHANNEL, id).await?;
            Ok(EditImage { id: image_id, url: media::url(&media_id), thumb_url: media::url(&thumb_id), alt })
        })
        .await
}

/// Attach pictures already in this shop (a REST body's `images` URLs).
pub async fn reuse_images(tx: &mut Tx, viewer: &Viewer, id: &str, urls: &[String]) -> AppResult<()> {
    let head = editable(tx, viewer, id).await?;
    let wanted: Vec<String> =
        urls.iter().map(|u| u.trim().trim_start_matches("/media/").to_owned()).collect::<Vec<_>>();
    let found = db::shop_media(tx, &head.seller_id, &wanted).await?;
    let mut images = db::images(tx, id).await?;
    for (i, media_id) in wanted.iter().enumerate() {
        let Some(source) = found.iter().find(|f| &f.media_id == media_id) else {
            return Err(AppError::field(
                &format!("images.{i}"),
                "Upload pictures with POST /api/v1/products/{id}/images; only this shop's /media/ URLs can be reused.",
            ));
        };
        if images.iter().any(|i| &i.media_id == media_id) {
            continue;
        }
        if images.len() >= MAX_IMAGES {
            return Err(AppError::field("images", image_message("too_many")));
        }
        let thumb = source.thumb_media_id.clone().unwrap_or_else(|| source.media_id.clone());
        let image_id = new_id();
        db::insert_image(tx, &image_id, id, media_id, &thumb, &source.alt, images.len() as i64).await?;
        images.push(db::ImageRow {
            id: image_id,
            media_id: media_id.clone(),
            thumb_media_id: Some(thumb),
            alt: source.alt.clone(),
        });
    }
    let cover = images.first().map(|i| i.thumb_media_id.clone().unwrap_or_else(|| i.media_id.clone()));
    db::touch(tx, id, cover.as_deref(), now_ms()).await?;
    tx.notify(CHANNEL, id).await?;
    Ok(())
}

/// Remove a picture; the next one becomes the cover.
pub async fn remove_image(state: &AppState, viewer: &Viewer, id: &str, image_id: &str) -> AppResult<()> {
    let files = state
        .db
        .write(async |tx| {
            editable(tx, viewer, id).await?;
            let images = db::images(tx, id).await?;
            let Some(gone) = images.iter().find(|i| i.id == image_id) else {
                return Err(AppError::NotFound("Picture".into()));
            };
            db::delete_image(tx, id, image_id).await?;
            let cover = images
                .iter()
                .find(|i| i.id != image_id)
                .map(|i| i.thumb_media_id.clone().unwrap_or_else(|| i.media_id.clone()));
            db::touch(tx, id, cover.as_deref(), now_ms()).await?;
            let ids =
                [Some(gone.media_id.clone()), gone.thumb_media_id.clone()].into_iter().flatten().collect();
            let files = drop_unused_media(tx, ids).await?;
            tx.notify(CHANNEL, id).await?;
            Ok(files)
        })
        .await?;
    remove_files(&state.media, files).await;
    Ok(())
}

/// Delete media rows nobody uses any more; returns their files' keys.
pub(super) async fn drop_unused_media(tx: &mut Tx, ids: Vec<String>) -> AppResult<Vec<String>> {
    let used = db::media_in_use(tx, &ids).await?;
    let mut files = Vec::new();
    for id in ids.iter().filter(|id| !used.contains(id)) {
        if let Some(key) = media::delete(tx, id).await? {
            files.push(key);
        }
    }
    Ok(files)
}

/// Remove files after the rows describing them are gone for good.
pub(super) async fn remove_files(store: &MediaStore, keys: Vec<String>) {
    for key in keys {
        if let Err(e) = store.delete(&key).await {
            tracing::warn!(error = %e, key, "could not remove a media file");
        }
    }
}
