//! Live-shopping server functions: thin — who is asking, then the service.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Console, StreamCard, StreamDetail, StudioShop, StudioStreams};
use crate::error::AppError;

/// `/live`: what is on now and what is coming.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveListing {
    pub live: Vec<StreamCard>,
    pub upcoming: Vec<StreamCard>,
}

/// Sellers see their own shops; staff and administrators see every shop.
#[server(endpoint = "studio_shops")]
pub async fn get_studio_shops() -> Result<Vec<StudioShop>, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    super::service::studio_shops(&mut state.db.conn().await?, &viewer).await
}

#[server(endpoint = "live_listing")]
pub async fn get_live_listing() -> Result<LiveListing, AppError> {
    let state = crate::server::state::current()?;
    let mut c = state.db.conn().await?;
    let mut live = super::service::live_now(&mut c).await?;
    super::service::count_viewers(&state.chat, &mut live);
    Ok(LiveListing { live, upcoming: super::service::upcoming(&mut c, None).await? })
}

/// A stream's page, with the viewer's hearts on its products.
#[server(endpoint = "stream")]
pub async fn get_stream(id: String) -> Result<StreamDetail, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::viewer().await?;
    let mut detail = super::service::detail(&mut state.db.conn().await?, viewer.as_ref(), &id).await?;
    crate::wishlist::api::mark_cards(&state, &mut detail.products).await?;
    super::service::count_viewers(&state.chat, [&mut detail.card]);
    Ok(detail)
}

/// "Remind me" (`on` = "1") or "Don't remind me"; back to the stream.
#[server(endpoint = "remind_stream")]
pub async fn remind_stream(id: String, #[server(default)] on: String) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let on = on == "1";
    state.db.write(async |tx| super::service::remind(tx, &viewer, &id, on).await).await?;
    leptos_axum::redirect(&format!("/live/{id}{}", if on { "?reminded=1" } else { "" }));
    Ok(())
}

#[server(endpoint = "studio_streams")]
pub async fn get_studio_streams() -> Result<StudioStreams, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let categories = crate::catalog::service::categories(&state)
        .await?
        .into_iter()
        .filter(|c| c.parent_id.is_some())
        .map(|c| (c.id, c.name))
        .collect();
    super::service::studio(&mut state.db.conn().await?, &viewer, categories).await
}

/// The studio's "Schedule a stream" form; on to the new stream's console.
#[server(endpoint = "schedule_stream")]
pub async fn schedule_stream(
    #[server(default)] title: String,
    #[server(default)] description: String,
    #[server(default)] scheduled_at: String,
    #[server(default)] category: String,
    #[server(default)] tags: String,
    #[server(default)] product_ids: Vec<String>,
) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let input =
        super::StreamInput { title, description, scheduled_at, category, tags, product_ids, seller_id: None };
    let (card, _) = state.db.write(async |tx| super::service::schedule(tx, &viewer, &input).await).await?;
    leptos_axum::redirect(&format!("/studio/streams/{}", card.id));
    Ok(())
}

#[server(endpoint = "stream_console")]
pub async fn get_console(id: String) -> Result<Console, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let shop = state.shop();
    let currency = &shop.currency;
    let mut console = super::service::console(&mut state.db.conn().await?, &viewer, &id, currency).await?;
    super::service::count_viewers(&state.chat, [&mut console.detail.card]);
    Ok(console)
}

/// The console's buttons: `go` is "live", "end" or "key" (a new stream key).
#[server(endpoint = "stream_control")]
pub async fn stream_control(id: String, #[server(default)] go: String) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let done = match go.as_str() {
        "live" => {
            state.db.write(async |tx| super::service::start(tx, &viewer, &id).await.map(|_| "live")).await?
        }
        "end" => {
            state.db.write(async |tx| super::service::end(tx, &viewer, &id).await.map(|_| "ended")).await?;
            state.video.end(&id);
            "ended"
        }
        "key" => {
            state
                .db
                .write(async |tx| super::service::rotate_key(tx, &viewer, &id).await.map(|_| "key"))
                .await?
        }
        _ => return Err(AppError::field("go", "Unknown action.")),
    };
    leptos_axum::redirect(&format!("/studio/streams/{id}?done={done}"));
    Ok(())
}

/// The chat's form without JavaScript (with it, the WebSocket sends).
#[server(endpoint = "post_chat")]
pub async fn post_chat(id: String, #[server(default)] text: String) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    state.db.write(async |tx| super::chat::service::post(tx, &viewer, &id, &text).await).await?;
    leptos_axum::redirect(&format!("/live/{id}#chat"));
    Ok(())
}

/// The console's chat buttons (plain forms): `action` is "delete" (the
/// message), "mute" (its author, in this stream) or "ban" (its author, in
/// every stream of the shop); back to the console.
#[server(endpoint = "moderate_chat")]
pub async fn moderate_chat(
    stream_id: String,
    message_id: String,
    user_id: String,
    action: String,
) -> Result<(), AppError> {
    use super::chat::service;
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let (s, m, u) = (stream_id.as_str(), message_id.as_str(), user_id.as_str());
    match action.as_str() {
        "delete" => state.db.write(async |tx| service::delete(tx, &viewer, s, m).await).await?,
        "mute" => state.db.write(async |tx| service::mute(tx, &viewer, s, u, false).await).await?,
        "ban" => state.db.write(async |tx| service::mute(tx, &viewer, s, u, true).await).await?,
        _ => return Err(AppError::field("action", "Unknown action.")),
    }
    leptos_axum::redirect(&format!("/studio/streams/{stream_id}?done={action}#chat"));
    Ok(())
}

/// "Buy now" on a stream's pinned product: into the cart (remembering the
/// stream, for its takings), on to checkout.
#[server(endpoint = "buy_now")]
pub async fn buy_now(product_id: String, #[server(default)] stream_id: String) -> Result<(), AppError> {
    let stream = Some(stream_id.as_str()).filter(|s| !s.is_empty() && s.len() <= 64);
    crate::cart::api::add_for_request(&product_id, None, 1, stream.map(crate::cart::From::Stream)).await?;
    leptos_axum::redirect("/checkout");
    Ok(())
}

/// The console's product tray: pin one of the stream's products, or unpin.
#[server(endpoint = "pin_product")]
pub async fn pin_product(id: String, #[server(default)] product_id: String) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let product = Some(product_id.as_str()).filter(|p| !p.is_empty());
    state.db.write(async |tx| super::chat::service::pin(tx, &viewer, &id, product).await).await?;
    leptos_axum::redirect(&format!("/studio/streams/{id}?done=pinned"));
    Ok(())
}

/// The console's slow-mode setting.
#[server(endpoint = "slow_mode")]
pub async fn set_slow_mode(id: String, #[server(default)] seconds: String) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let secs =
        seconds.trim().parse::<i64>().map_err(|_| AppError::field("seconds", "A number of seconds."))?;
    state.db.write(async |tx| super::chat::service::set_slow_mode(tx, &viewer, &id, secs).await).await?;
    leptos_axum::redirect(&format!("/studio/streams/{id}?done=slow"));
    Ok(())
}

/// A shop's stream to show on its page: live now, else the next one.
#[server(endpoint = "next_stream")]
pub async fn get_next_stream(shop_id: String) -> Result<Option<StreamCard>, AppError> {
    let state = crate::server::state::current()?;
    let mut c = state.db.conn().await?;
    let mut next = super::service::next_of_shop(&mut c, &shop_id).await?;
    super::service::count_viewers(&state.chat, next.as_mut());
    Ok(next)
}

/// `/admin/streams`: streams that went on air with their numbers (staff, administrators).
#[server(endpoint = "admin_streams")]
pub async fn admin_streams() -> Result<Vec<(super::StreamCard, super::stats::StreamStats)>, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let mut c = state.db.conn().await?;
    super::stats::service::desk(&mut c, &viewer, &state.shop().currency).await
}
