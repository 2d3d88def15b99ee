//! `GET /api/v1/streams/{id}/chat`: the chat as a WebSocket. Everyone may
//! read; signed-in people may write (the session cookie, as everywhere). An
//! upgrade that names a foreign Origin is refused (403): a WebSocket is not
//! covered by the browser's same-origin rules, so this is its CSRF guard.

use std::time::{Duration, Instant};

use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};

use super::{ClientFrame, ServerFrame, service};
use crate::accounts::Viewer;
use crate::error::AppError;
use crate::server::auth::Viewing;
use crate::server::now_ms;
use crate::server::state::AppState;

/// What a connection reads into at once (a viewer's frames are at most `MAX_FRAME`).
const READ_BUFFER: usize = 4096;
/// The largest frame a viewer may send.
const MAX_FRAME: usize = 4096;
/// At most one reaction per this long from one connection.
const REACTION_GAP: Duration = Duration::from_millis(250);

#[utoipa::path(
    get, path = "/api/v1/streams/{id}/chat", tag = "streams",
    params(("id" = String, Path, description = "Stream id")),
    responses(
        (status = 101, description = "WebSocket: JSON frames `history`, `message`, `viewers`, `pinned`, `deleted`, `reaction`, `error`; send `message` {text} or `reaction` {emoji}"),
        (status = 400, description = "Not a WebSocket upgrade", body = crate::server::rest::ErrorBody),
        (status = 403, description = "A foreign Origin", body = crate::server::rest::ErrorBody),
        (status = 404, description = "No such stream", body = crate::server::rest::ErrorBody),
    )
)]
pub async fn chat(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    session: tower_sessions::Session,
    Viewing(viewer): Viewing,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Result<Response, AppError> {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    if let Some(origin) = headers.get(header::ORIGIN).map(|o| o.to_str().unwrap_or("null"))
        && !crate::server::csrf::origin_allowed(origin, host, &state.settings.server.allowed_origins)
    {
        tracing::warn!(origin, "chat upgrade from a foreign origin refused");
        return Err(AppError::Forbidden);
    }
    if id.len() > 64 {
        return Err(AppError::NotFound("Stream".into()));
    }
    let upgrade =
        upgrade.map_err(|_| AppError::field("upgrade", "Connect with a WebSocket upgrade request."))?;
    let mut c = state.db.conn().await?;
    crate::live::service::require_stream(&mut c, &id).await?;
    let history = service::history(&mut c, &id).await?;
    let pinned = service::pinned(&mut c, &id).await?;
    drop(c);
    let ip = crate::server::auth::client_ip(peer.ip(), &headers, &state.settings.server.trusted_proxies);
    let who = watcher(&id, viewer.as_ref(), session.id().map(|s| s.to_string()), ip);
    Ok(upgrade
        .max_message_size(MAX_FRAME)
        // tungstenite's default buffers are 128 KiB each way: ten thousand
        // viewers would hold over a gigabyte. Frames are small and few.
        .read_buffer_size(READ_BUFFER)
        .write_buffer_size(0)
        .on_upgrade(move |socket| async move {
            let since = now_ms();
            run(socket, &state, &id, viewer, history, pinned).await;
            state.stream_views.record(&id, &who, since, now_ms());
        })
        .into_response())
}

/// Who is watching, for unique-viewer counts: the account, else the
/// session, else a hash of the address keyed by the stream (so it cannot
/// be matched across streams or turned back into the address).
fn watcher(stream: &str, viewer: Option<&Viewer>, session: Option<String>, ip: std::net::IpAddr) -> String {
    use blake2::Digest;
    if let Some(v) = viewer {
        return format!("u:{}", v.id);
    }
    if let Some(s) = session {
        return format!("s:{s}");
    }
    let digest = blake2::Blake2s256::new().chain_update(stream).chain_update(ip.to_string()).finalize();
    let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    format!("a:{hex}")
}

async fn say(socket: &mut WebSocket, frame: &ServerFrame) -> bool {
    match serde_json::to_string(frame) {
        Ok(text) => socket.send(Message::Text(text.into())).await.is_ok(),
        Err(_) => true,
    }
}

async fn run(
    mut socket: WebSocket,
    state: &AppState,
    stream: &str,
    viewer: Option<Viewer>,
    history: Vec<super::ChatMessage>,
    pinned: Option<super::PinnedProduct>,
) {
    let (mut frames, _presence) = state.chat.join(stream);
    state.chat.note_pinned(stream, pinned.as_ref().map(|p| p.id.clone()));
    let count = state.chat.viewers(stream);
    for frame in [
        ServerFrame::History { messages: history },
        ServerFrame::Viewers { count },
        ServerFrame::Pinned { product: pinned },
    ] {
        if !say(&mut socket, &frame).await {
            return;
        }
    }
    let mut last_reaction = Instant::now() - REACTION_GAP;
    loop {
        tokio::select! {
            frame = frames.recv() => match frame {
                Ok(text) => {
                    if socket.send(Message::Text(text)).await.is_err() {
                        break;
                    }
                }
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
            },
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Text(text))) => {
                    let reply = handle(state, stream, viewer.as_ref(), &text, &mut last_reaction).await;
                    if let Some(error) = reply
                        && !say(&mut socket, &ServerFrame::Error { message: error }).await
                    {
                        break;
                    }
                }
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => break,
                Some(Ok(_)) => {}
            },
        }
    }
}

/// One frame from the viewer; `Some(reason)` when it was refused.
async fn handle(
    state: &AppState,
    stream: &str,
    viewer: Option<&Viewer>,
    text: &str,
    last_reaction: &mut Instant,
) -> Option<String> {
    let Ok(frame) = serde_json::from_str::<ClientFrame>(text) else {
        return Some("That frame is not understood.".into());
    };
    let Some(viewer) = viewer else {
        return Some("Sign in to chat.".into());
    };
    let result = match frame {
        ClientFrame::Message { text } => {
            state.db.write(async |tx| service::post(tx, viewer, stream, &text).await).await.map(|_| ())
        }
        ClientFrame::Reaction { emoji } => {
            if last_reaction.elapsed() < REACTION_GAP {
                return None;
            }
            *last_reaction = Instant::now();
            service::react(&state.db, stream, &emoji).await
        }
    };
    result.err().map(|e| match e {
        AppError::Validation(fields) => fields.into_values().next().unwrap_or_default(),
        AppError::RateLimited { .. } => "You are writing too fast; wait a few seconds.".into(),
        other => other.to_string(),
    })
}
