//! One hub per node: a room per stream with the node's WebSocket viewers.
//! Frames reach rooms only through the change feed (`live_chat`), so every
//! node — this one included — hears every message, deletion, pin and
//! reaction. Viewer counts are summed across nodes: each node tells the
//! others (`live_viewers`) how many it holds, on change and every few
//! seconds; a node not heard from for a while counts for nothing.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::ws::Utf8Bytes;
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;

use super::ServerFrame;
use crate::server::db::Db;

/// The feed every chat frame travels on.
pub const CHANNEL: &str = "live_chat";
/// Each node's viewer counts.
const VIEWERS: &str = "live_viewers";
/// Frames a slow viewer may lag before it misses some.
const ROOM_CAPACITY: usize = 256;
/// How often counts are told (when changed) and how often anyway.
const TICK: Duration = Duration::from_millis(500);
const HEARTBEAT: Duration = Duration::from_secs(5);
/// A node not heard from for this long counts for nothing.
const STALE: Duration = Duration::from_secs(15);

/// A frame for one stream's room, as it travels on the feed.
#[derive(Serialize, Deserialize)]
pub struct Envelope {
    pub stream: String,
    pub frame: ServerFrame,
}

#[derive(Serialize, Deserialize)]
struct Count {
    node: String,
    stream: String,
    count: i64,
}

struct Room {
    /// Frames as WebSocket text: one buffer shared by every viewer's send.
    tx: broadcast::Sender<Utf8Bytes>,
    /// Viewers connected to this node.
    local: i64,
    /// What this node last told the others, and when.
    told: Option<(i64, Instant)>,
    /// Every node's count (this one's too, as heard back), and when heard.
    nodes: HashMap<String, (i64, Instant)>,
    /// The total last shown to viewers.
    shown: i64,
    pinned: Option<String>,
}

impl Room {
    fn new() -> Self {
        Self {
            tx: broadcast::channel(ROOM_CAPACITY).0,
            local: 0,
            told: None,
            nodes: HashMap::new(),
            shown: 0,
            pinned: None,
        }
    }

    fn total(&self) -> i64 {
        self.nodes.values().filter(|(_, at)| at.elapsed() < STALE).map(|(n, _)| n).sum()
    }
}

/// Cheap to clone: clones share the rooms.
#[derive(Clone)]
pub struct ChatHub {
    node: Arc<str>,
    rooms: Arc<Mutex<HashMap<String, Room>>>,
}

impl std::fmt::Debug for ChatHub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChatHub").field("node", &self.node).finish_non_exhaustive()
    }
}

/// A viewer's place in a room; leaving (drop) lowers the count.
pub struct Presence {
    hub: ChatHub,
    stream: String,
}

impl Drop for Presence {
    fn drop(&mut self) {
        if let Some(room) = self.hub.rooms().get_mut(&self.stream) {
            room.local -= 1;
        }
    }
}

impl ChatHub {
    fn rooms(&self) -> std::sync::MutexGuard<'_, HashMap<String, Room>> {
        self.rooms.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Start listening to the feed; frames then reach this node's rooms.
    pub async fn start(db: &Db) -> Self {
        let hub = Self { node: crate::server::new_id().into(), rooms: Arc::default() };
        let mut frames = db.subscribe(CHANNEL).await;
        let mut counts = db.subscribe(VIEWERS).await;
        let relay = hub.clone();
        tokio::spawn(async move {
            loop {
                match frames.recv().await {
                    Ok(payload) => relay.deliver(&payload),
                    Err(broadcast::error::RecvError::Lagged(n)) => {
                        tracing::warn!(missed = n, "chat relay lagged")
                    }
                    Err(broadcast::error::RecvError::Closed) => break,
                }
            }
        });
        let heard = hub.clone();
        tokio::spawn(async move {
            loop {
                match counts.recv().await {
                    Ok(payload) => {
                        if let Ok(count) = serde_json::from_str::<Count>(&payload) {
                            heard.hear(count);
                        }
                    }
                    Err(broadcast::error::RecvError::Lagged(_)) => {}
                    Err(broadcast::error::RecvError::Closed) => break,
                }
            }
        });
        let teller = hub.clone();
        let db = db.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(TICK);
            loop {
                tick.tick().await;
                for count in teller.due() {
                    if let Ok(payload) = serde_json::to_string(&count)
                        && let Err(e) = db.notify(VIEWERS, &payload).await
                    {
                        tracing::warn!(error = %e, "cannot tell viewer counts");
                    }
                }
                teller.show_counts();
            }
        });
        hub
    }

    /// Join a stream's room: its frames from now on, and a presence.
    pub fn join(&self, stream: &str) -> (broadcast::Receiver<Utf8Bytes>, Presence) {
        let mut rooms = self.rooms();
        let room = rooms.entry(stream.to_owned()).or_insert_with(Room::new);
        room.local += 1;
        (room.tx.subscribe(), Presence { hub: self.clone(), stream: stream.to_owned() })
    }

    /// People watching a stream, on every node.
    pub fn viewers(&self, stream: &str) -> i64 {
        self.rooms().get(stream).map_or(0, |room| room.total().max(room.local))
    }

    /// Streams whose pinned product is `product_id`, among this node's rooms.
    pub fn pinning(&self, product_id: &str) -> Vec<String> {
        self.rooms()
            .iter()
            .filter(|(_, r)| r.local > 0 && r.pinned.as_deref() == Some(product_id))
            .map(|(s, _)| s.clone())
            .collect()
    }

    /// Show a pinned product's fresh card to this node's viewers of
    /// `stream` only (every node works it out for itself) — unless the room
    /// has pinned something else meanwhile.
    fn show_pinned_here(&self, stream: &str, product_id: &str, frame: &ServerFrame) {
        let rooms = self.rooms();
        let Some(room) = rooms.get(stream).filter(|r| r.pinned.as_deref() == Some(product_id)) else {
            return;
        };
        if let Ok(text) = serde_json::to_string(frame) {
            let _ = room.tx.send(text.into());
        }
    }

    fn deliver(&self, payload: &str) {
        let Ok(envelope) = serde_json::from_str::<Envelope>(payload) else { return };
        let mut rooms = self.rooms();
        let Some(room) = rooms.get_mut(&envelope.stream) else { return };
        if let ServerFrame::Pinned { product } = &envelope.frame {
            room.pinned = product.as_ref().map(|p| p.id.clone());
        }
        if let Ok(text) = serde_json::to_string(&envelope.frame) {
            let _ = room.tx.send(text.into());
        }
    }

    /// Remember which product a room has pinned (read at join).
    pub fn note_pinned(&self, stream: &str, product_id: Option<String>) {
        if let Some(room) = self.rooms().get_mut(stream) {
            room.pinned = product_id;
        }
    }

    fn hear(&self, count: Count) {
        let mut rooms = self.rooms();
        let room = rooms.entry(count.stream).or_insert_with(Room::new);
        room.nodes.insert(count.node, (count.count, Instant::now()));
    }

    /// This node's counts that changed, or are due for a heartbeat; rooms
    /// nobody watches anywhere are dropped.
    fn due(&self) -> Vec<Count> {
        let mut rooms = self.rooms();
        rooms.retain(|_, r| {
            r.local > 0 || r.told.is_some_and(|(n, _)| n > 0) || r.total() > 0 || r.tx.receiver_count() > 0
        });
        let mut due = Vec::new();
        for (stream, room) in rooms.iter_mut() {
            let changed = room.told.is_none_or(|(n, at)| n != room.local || at.elapsed() >= HEARTBEAT);
            if changed && (room.local > 0 || room.told.is_some_and(|(n, _)| n > 0)) {
                room.told = Some((room.local, Instant::now()));
                due.push(Count { node: self.node.to_string(), stream: stream.clone(), count: room.local });
            }
        }
        due
    }

    /// Tell each room's viewers the total when it moved.
    fn show_counts(&self) {
        let mut rooms = self.rooms();
        for room in rooms.values_mut() {
            let total = room.total();
            if total != room.shown {
                room.shown = total;
                if let Ok(text) = serde_json::to_string(&ServerFrame::Viewers { count: total }) {
                    let _ = room.tx.send(text.into());
                }
            }
        }
    }
}

/// Keep pinned products current: when a product changes (price, stock…),
/// every room on this node that pins it gets the new card.
pub fn watch_pinned(hub: ChatHub, db: Db) {
    tokio::spawn(async move {
        let mut changes = db.subscribe(crate::catalog::search::sync::CHANNEL).await;
        loop {
            let product = match changes.recv().await {
                Ok(product) => product,
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => break,
            };
            let streams = hub.pinning(&product);
            if streams.is_empty() {
                continue;
            }
            let view = match db.conn().await {
                Ok(mut c) => super::service::product_view(&mut c, &product).await,
                Err(e) => Err(e.into()),
            };
            match view {
                Ok(view) => {
                    for stream in streams {
                        hub.show_pinned_here(
                            &stream,
                            &product,
                            &ServerFrame::Pinned { product: view.clone() },
                        );
                    }
                }
                Err(e) => tracing::warn!(error = %e, "cannot refresh a pinned product"),
            }
        }
    });
}
