//! WHIP and WHEP rules. Publishing needs the stream's key (the console and
//! OBS both hold it) and goes live if the stream was only scheduled; a
//! viewer is answered by the node that holds the publisher, or sent there.

use super::Role;
use crate::error::{AppError, AppResult};
use crate::live::db as sdb;
use crate::live::{StreamStatus, service};
use crate::server::random_hex;
use crate::server::state::AppState;

/// An answered offer: the SDP answer and the session's URL (for `DELETE`).
pub struct Session {
    pub answer: String,
    pub location: String,
}

/// Where a viewer gets its video.
pub enum Watch {
    Here(Session),
    /// The node holding the publisher (its public URL).
    Elsewhere(String),
}

/// Equal in constant time, so the key cannot be guessed byte by byte.
fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn session_url(stream: &str, kind: &str, token: &str) -> String {
    format!("/api/v1/streams/{stream}/{kind}/{token}")
}

/// The stream when `key` is its current key; 401 otherwise.
async fn keyed(state: &AppState, id: &str, key: Option<&str>) -> AppResult<sdb::Head> {
    let key = key.filter(|k| !k.is_empty()).ok_or(AppError::Unauthorized)?;
    let mut c = state.db.conn().await?;
    let head = service::require_stream(&mut c, id).await?;
    if same_secret(&head.stream_key, key) { Ok(head) } else { Err(AppError::Unauthorized) }
}

/// WHIP: publish `offer` to stream `id`.
pub async fn publish(state: &AppState, id: &str, key: Option<&str>, offer: &str) -> AppResult<Session> {
    let head = keyed(state, id, key).await?;
    match StreamStatus::parse(&head.status) {
        Some(StreamStatus::Scheduled | StreamStatus::Live) => {}
        _ => return Err(AppError::Conflict("This stream is over; schedule a new one.".into())),
    }
    let (rtc, answer) = state.video.answer(offer)?;
    let node = state.video.node_url().to_owned();
    state
        .db
        .write(async |tx| {
            if head.status == StreamStatus::Scheduled.as_str() {
                service::go_live(tx, id, &head).await?;
            }
            Ok(sdb::set_node(tx, id, Some(&node)).await?)
        })
        .await?;
    let token = random_hex(16);
    state.video.join(&token, id, Role::Publisher, rtc);
    tracing::info!(stream = id, "live video: publisher joined");
    Ok(Session { answer, location: session_url(id, "whip", &token) })
}

/// WHIP `DELETE`: the encoder stops (the stream stays live until ended).
pub async fn unpublish(state: &AppState, id: &str, key: Option<&str>, token: &str) -> AppResult<()> {
    keyed(state, id, key).await?;
    state.video.leave(token);
    Ok(())
}

/// WHEP: watch stream `id` with `offer`.
pub async fn watch(state: &AppState, id: &str, offer: &str) -> AppResult<Watch> {
    let head = {
        let mut c = state.db.conn().await?;
        service::require_stream(&mut c, id).await?
    };
    if head.status != StreamStatus::Live.as_str() {
        return Err(AppError::Conflict("This stream is not live.".into()));
    }
    if !state.video.carries(id) {
        return match head.node_url {
            Some(node) if node != state.video.node_url() => Ok(Watch::Elsewhere(node)),
            _ => Err(AppError::Conflict("The stream has no video yet; try again in a moment.".into())),
        };
    }
    let (rtc, answer) = state.video.answer(offer)?;
    let token = random_hex(16);
    state.video.join(&token, id, Role::Viewer, rtc);
    Ok(Watch::Here(Session { answer, location: session_url(id, "whep", &token) }))
}

#[cfg(test)]
mod tests {
    #[test]
    fn secrets_compare_whole() {
        assert!(super::same_secret("abc", "abc"));
        assert!(!super::same_secret("abc", "abd"));
        assert!(!super::same_secret("abc", "ab"));
    }
}
