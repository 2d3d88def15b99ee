//! The assistant's live parts, as server-sent events: an answer streamed as
//! it is written (`POST /api/v1/chat/stream`), and a conversation's new
//! messages for open chats and the staff inbox (`GET …/{id}/events`), which
//! also tell that the owner is there (so staff replies are mailed only to
//! those who left).

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream, StreamExt};
use serde_json::json;
use tower_sessions::Session;

use super::rest::{ChatBody, ChatReplyJson, MessageJson, check_id, who};
use super::{ChatMessage, service};
use crate::error::AppError;
use crate::server::rest::{ErrorBody, JsonBody};
use crate::server::state::AppState;

fn sse(
    events: impl Stream<Item = Event> + Send + 'static,
) -> Sse<impl Stream<Item = Result<Event, Infallible>> + Send> {
    Sse::new(events.map(Ok::<_, Infallible>)).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// Ask, and read the answer as it is written: `delta` events
/// (`{"text"}`, to append), then `done` with the whole reply — the same
/// JSON as `POST /api/v1/chat`, whose `response` replaces what was shown —
/// or `error` (`{"status","error"}`). Refusals (length, limit, someone
/// else's conversation) come before the stream, with their status.
#[utoipa::path(
    post, path = "/api/v1/chat/stream", tag = "assistant", request_body = ChatBody,
    responses(
        (status = 200, description = "text/event-stream: `delta` events, then `done` (the reply) or `error`", content_type = "text/event-stream"),
        (status = 400, description = "Empty or longer than 2,000 characters", body = ErrorBody),
        (status = 404, description = "No such conversation, or someone else's", body = ErrorBody),
        (status = 429, description = "More than 20 messages a minute", body = ErrorBody),
    )
)]
pub async fn chat_stream(
    State(state): State<AppState>,
    s: Session,
    JsonBody(body): JsonBody<ChatBody>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>> + Send>, AppError> {
    if let Some(id) = &body.conversation_id {
        check_id(id)?;
    }
    let (asker, viewer) = who(&state, &s, true).await?;
    service::check(&state, &asker, &body.message, body.conversation_id.as_deref()).await?;
    let (events, out) = tokio::sync::mpsc::channel::<Event>(64);
    // The answer is made and kept even if the reader goes away.
    tokio::spawn(async move {
        let (words, mut written) = tokio::sync::mpsc::channel::<String>(64);
        let work = service::ask_with(
            &state,
            &asker,
            viewer.as_ref(),
            &body.message,
            body.conversation_id.as_deref(),
            Some(&words),
        );
        tokio::pin!(work);
        let result = loop {
            tokio::select! {
                Some(text) = written.recv() => {
                    let _ = events.send(Event::default().event("delta").data(json!({"text": text}).to_string())).await;
                }
                result = &mut work => break result,
            }
        };
        while let Ok(text) = written.try_recv() {
            let _ =
                events.send(Event::default().event("delta").data(json!({"text": text}).to_string())).await;
        }
        let last = match result {
            Ok(reply) => Event::default().event("done").data(json!(ChatReplyJson::from(reply)).to_string()),
            Err(e) => Event::default()
                .event("error")
                .data(json!({"status": e.status(), "error": e.to_string()}).to_string()),
        };
        let _ = events.send(last).await;
    });
    Ok(sse(stream::unfold(out, |mut out| async move { out.recv().await.map(|e| (e, out)) })))
}

/// What wakes a conversation's feed.
enum Wake {
    Changed,
    /// Time to say the owner is still there.
    Beat,
}

/// Marks the owner gone when their open chat closes.
struct Presence {
    state: AppState,
    id: String,
}

impl Drop for Presence {
    fn drop(&mut self) {
        let (state, id) = (self.state.clone(), std::mem::take(&mut self.id));
        // A runtime shutting down takes the feeds with it: nothing to mark then.
        let Ok(runtime) = tokio::runtime::Handle::try_current() else { return };
        runtime.spawn(async move {
            if let Err(e) = service::owner_gone(&state, &id).await {
                tracing::debug!(error = %e, "assistant: marking the owner gone failed");
            }
        });
    }
}

/// New messages of a conversation as server-sent events (`message`), for
/// the open chat (its owner) and the staff inbox.
#[utoipa::path(
    get, path = "/api/v1/chat/{conversation_id}/events", tag = "assistant",
    params(("conversation_id" = String, Path, description = "Conversation id")),
    responses(
        (status = 200, description = "text/event-stream: a `message` event for each new message", content_type = "text/event-stream"),
        (status = 404, description = "No such conversation, or someone else's"),
    )
)]
pub async fn events(
    State(state): State<AppState>,
    s: Session,
    Path(id): Path<String>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>> + Send>, AppError> {
    check_id(&id)?;
    let (asker, viewer) = who(&state, &s, false).await?;
    // Listen first, then read: a message in between is not missed.
    let changes = state.db.subscribe(service::CHANNEL).await;
    let seen = service::history(&state, &asker, viewer.as_ref(), &id).await?;
    let since = seen.last().map_or(0, |m| m.timestamp);
    let owner = service::owns(&state, &asker, &id).await?;
    let presence = if owner {
        service::owner_here(&state, &id).await?;
        Some(Presence { state: state.clone(), id: id.clone() })
    } else {
        None
    };
    let changed = crate::server::db::changes_to(changes, id.clone()).map(|()| Wake::Changed);
    let beats = stream::unfold(presence.is_some(), |owner| async move {
        if !owner {
            return None;
        }
        tokio::time::sleep(service::PRESENCE_BEAT).await;
        Some((Wake::Beat, owner))
    });
    let wakes = stream::select(changed, beats);
    let feed = stream::unfold(
        (Box::pin(wakes), state, asker, viewer, id, since, presence),
        |(mut wakes, state, asker, viewer, id, mut since, presence)| async move {
            let fresh: Vec<Event> = match wakes.next().await? {
                Wake::Beat => {
                    service::owner_here(&state, &id).await.ok()?;
                    Vec::new()
                }
                Wake::Changed => {
                    let all = service::history(&state, &asker, viewer.as_ref(), &id).await.ok()?;
                    let fresh: Vec<ChatMessage> = all.into_iter().filter(|m| m.timestamp > since).collect();
                    since = fresh.last().map_or(since, |m| m.timestamp);
                    fresh
                        .into_iter()
                        .map(|m| {
                            let json = serde_json::to_string(&MessageJson::from(m)).unwrap_or_default();
                            Event::default().event("message").data(json)
                        })
                        .collect()
                }
            };
            Some((stream::iter(fresh), (wakes, state, asker, viewer, id, since, presence)))
        },
    )
    .flatten();
    Ok(sse(feed))
}
