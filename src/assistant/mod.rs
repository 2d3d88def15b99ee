//! The shopping assistant (seed 000 #17–18): a chat that answers shopping
//! questions from the catalog (hybrid search, the beauty profile, the
//! conversation so far), "where is my order?" from the person's own orders,
//! declines what is not about the shop, and hands over to staff. Offline it
//! writes from templates (`brain`); with a Gemini key Gemini writes the
//! words (`gemini`) — but every product and price shown comes from the
//! database. Types here are shared with the browser.

use serde::{Deserialize, Serialize};

use crate::catalog::Money;

#[cfg(feature = "ssr")]
pub mod answer;
pub mod api;
#[cfg(feature = "ssr")]
pub mod brain;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod feed;
#[cfg(feature = "ssr")]
pub mod gemini;
#[cfg(feature = "ssr")]
pub mod owner;
#[cfg(feature = "ssr")]
pub mod rest;
#[cfg(feature = "ssr")]
pub mod service;
pub mod ui;

/// Characters per message at most.
pub const MAX_MESSAGE_CHARS: usize = 2_000;
/// Messages a person or visitor may send a minute.
pub const MESSAGES_PER_MINUTE: i64 = 20;

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    User,
    Assistant,
    Staff,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Assistant => "assistant",
            Self::Staff => "staff",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::User, Self::Assistant, Self::Staff].into_iter().find(|r| r.as_str() == s)
    }
}

/// A product shown with an answer, read fresh from the catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatProduct {
    pub product_id: String,
    pub name: String,
    pub slug: String,
    pub price: Money,
    pub image_url: Option<String>,
    pub in_stock: bool,
    /// Options to choose (the card links to the product instead of adding).
    pub has_variants: bool,
}

/// One message of a conversation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatMessage {
    pub id: String,
    pub role: Role,
    pub content: String,
    pub products: Vec<ChatProduct>,
    pub timestamp: i64,
}

/// A conversation as its owner lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conversation {
    pub id: String,
    pub title: String,
    pub escalated: bool,
    pub updated_at: i64,
}

/// The assistant's answer to one message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    pub conversation_id: String,
    pub message_id: String,
    pub response: String,
    pub products: Vec<ChatProduct>,
    pub escalated: bool,
}

/// A conversation handed over to staff, for the inbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Escalation {
    pub conversation_id: String,
    pub title: String,
    /// The customer's name, or "Visitor".
    pub customer: String,
    pub last_message: String,
    pub escalated_at: i64,
    pub answered: bool,
}
