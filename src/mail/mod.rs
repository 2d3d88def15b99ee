//! Mail through an outbox: messages are written in the same transaction as
//! what they tell of (an order placed, shipped, cancelled…), so a mail is
//! never sent for something that rolled back, nor lost for something that
//! committed. A worker sends them over SMTP with retries (`BAZAAR_SMTP_URL`);
//! without SMTP they wait in the outbox, visible in the back office.

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
}

/// Queue a message in the caller's transaction.
pub async fn enqueue(tx: &mut Tx, m: &Message<'_>) -> AppResult<()> {
    db::insert(tx, &new_id(), m, now_ms()).await?;
    Ok(())
}

/// Escape text for an HTML mail body.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn html_is_escaped() {
        assert_eq!(super::html_escape("<b>Tom & \"Jo\"</b>"), "&lt;b&gt;Tom &amp; &quot;Jo&quot;&lt;/b&gt;");
    }
}
