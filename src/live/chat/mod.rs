//! A stream's chat: plain-text messages kept in the database, a hub per
//! node that fans them out to the node's WebSocket viewers, and the change
//! feed (`live_chat`: NOTIFY on PostgreSQL) that carries every frame to
//! every node — a message written on node A reaches viewers on node B.
//!
//! Frames (JSON, `type`-tagged): server → `history`, `message`, `viewers`,
//! `pinned`, `deleted`, `reaction`, `error`; client → `message`, `reaction`.

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod hub;
#[cfg(feature = "ssr")]
pub mod rest;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod ws;

use serde::{Deserialize, Serialize};

/// The longest message, in characters.
pub const MAX_MESSAGE: usize = 500;
/// How many past messages a joining viewer gets.
pub const HISTORY: i64 = 50;
/// Reactions a viewer may send.
pub const REACTIONS: [&str; 5] = ["❤️", "🔥", "😍", "👏", "😂"];

/// Who wrote a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    pub id: String,
    pub name: String,
}

/// One chat message. `text` is plain text: escape it wherever it is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatMessage {
    pub id: String,
    pub user: Author,
    pub text: String,
    /// Unix ms.
    pub at: i64,
}

/// The pinned product as the stream shows it; money in minor units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinnedProduct {
    pub id: String,
    pub slug: String,
    pub title: String,
    pub price: i64,
    /// `price` as shown ("$24.50").
    pub price_label: String,
    pub currency: String,
    pub stock: i64,
    pub image_url: Option<String>,
    /// One variant: "Buy now" adds it straight away.
    pub simple: bool,
}

/// Server → viewer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerFrame {
    History {
        messages: Vec<ChatMessage>,
    },
    Message(ChatMessage),
    Viewers {
        count: i64,
    },
    Pinned {
        product: Option<PinnedProduct>,
    },
    Deleted {
        id: String,
    },
    Reaction {
        emoji: String,
    },
    /// Only to the sender: why their message was not sent.
    Error {
        message: String,
    },
}

/// Viewer → server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientFrame {
    Message { text: String },
    Reaction { emoji: String },
}
