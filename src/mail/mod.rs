//! Mail through an outbox: messages are written in the same transaction as
//! what they tell of (an order placed, shipped, cancelled…), so a mail is
//! never sent for something that rolled back, nor lost for something that
//! committed. A worker sends them over SMTP with retries (`BAZAAR_SMTP_URL`);
//! without SMTP they wait in the outbox, visible in the back office.

pub mod accounts;
pub mod db;
pub mod orders;
pub mod worker;

use crate::error::AppResult;
use crate::server::db::Tx;
use crate::server::{new_id, now_ms};

/// One message to write to the outbox.
#[derive(Debug, Clone)]
pub struct Message<'a> {
    /// What it is about ("order_placed", "new_order", …).
    pub kind: &'a str,
    pub to: &'a str,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub order_id: Option<&'a str>,
    /// Marketing mail only: the one-click unsubscribe address
    /// (`{site}`-relative), sent as `List-Unsubscribe` (RFC 8058).
    pub unsubscribe_url: Option<String>,
}

/// Queue a message in the caller's transaction.
pub async fn enqueue(tx: &mut Tx, m: &Message<'_>) -> AppResult<()> {
    db::insert(tx, &new_id(), m, now_ms()).await?;
    Ok(())
}

/// Escape text for an HTML mail body.
pub use crate::components::escape::escape as html_escape;

/// An HTML body of plain paragraphs (each escaped).
pub fn html(paragraphs: &[String]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{}</p>", html_escape(p))).collect();
    page(&body)
}

/// `body` (already HTML) in the mail's page.
pub fn page(body: &str) -> String {
    format!("<!doctype html><html><body style=\"font-family:sans-serif;color:#1c1917\">{body}</body></html>")
}
