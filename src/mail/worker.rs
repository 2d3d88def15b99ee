//! The outbox worker: every couple of seconds it claims due messages (a
//! conditional UPDATE, so with several app nodes each message is sent by
//! one), sends them over SMTP, and marks them sent — or schedules another
//! try with a growing delay (30 s, 1 min, 2 min … 1 h; after `MAX_ATTEMPTS`
//! it stops and the back office shows the last error).

use std::time::Duration;

use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::db::{self, Claimed};
use crate::server::config::MailSettings;
use crate::server::db::Db;
use crate::server::{new_id, now_ms};

/// Tries before a message is left for a person to look at.
pub const MAX_ATTEMPTS: i64 = 10;
/// How long a claim holds before another worker may take the message.
const CLAIM_MS: i64 = 60_000;

/// Delay before try `attempts + 1`.
pub fn backoff_ms(attempts: i64) -> i64 {
    (30_000_i64 << attempts.clamp(0, 7)).min(3_600_000)
}

struct Sender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    site: String,
}

impl Sender {
    async fn send(&self, m: &Claimed) -> Result<(), String> {
        let to: Mailbox = m.recipient.parse().map_err(|e| format!("bad recipient: {e}"))?;
        let fill = |body: &str| body.replace("{site}", &self.site);
        let mut builder = Message::builder().from(self.from.clone()).to(to).subject(&m.subject);
        if let Some(url) = &m.unsubscribe_url {
            // RFC 8058 one-click: mail clients POST "List-Unsubscribe=One-Click" to it.
            let header = |name, value| HeaderValue::new(HeaderName::new_from_ascii_str(name), value);
            builder = builder
                .raw_header(header("List-Unsubscribe", format!("<{}>", fill(url))))
                .raw_header(header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click".to_owned()));
        }
        let message = builder
            .multipart(MultiPart::alternative_plain_html(fill(&m.text_body), fill(&m.html_body)))
            .map_err(|e| format!("could not build the message: {e}"))?;
        self.transport.send(message).await.map(|_| ()).map_err(|e| e.to_string())
    }
}

/// Start the worker when SMTP is configured; otherwise mail waits.
pub fn spawn(db: Db, settings: &MailSettings) {
    let Some(url) = settings.smtp_url.clone() else {
        tracing::info!("BAZAAR_SMTP_URL is not set: order mail waits in the outbox");
        return;
    };
    let sender =
        match (AsyncSmtpTransport::<Tokio1Executor>::from_url(&url), settings.from.parse::<Mailbox>()) {
            (Ok(t), Ok(from)) => Sender { transport: t.build(), from, site: settings.public_url.clone() },
            (Err(e), _) => return tracing::error!(error = %e, "BAZAAR_SMTP_URL is not a valid smtp:// URL"),
            (_, Err(e)) => return tracing::error!(error = %e, "BAZAAR_MAIL_FROM is not a valid address"),
        };
    let worker = new_id();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(2));
        loop {
            tick.tick().await;
            // A full batch means more are due (a campaign): keep going, a
            // bounded number of batches, before waiting for the next tick.
            for _ in 0..DRAIN_BATCHES {
                match round(&db, &sender, &worker).await {
                    Ok(sent) if sent == BATCH as usize => continue,
                    Ok(_) => break,
                    Err(e) => {
                        tracing::warn!(error = %e, "outbox round failed");
                        break;
                    }
                }
            }
        }
    });
}

/// Messages claimed at once.
const BATCH: i64 = 20;
/// Batches sent back to back before the next tick, at most.
const DRAIN_BATCHES: usize = 50;

/// Send (or try) up to a batch of what is due now; returns how many were claimed.
async fn round(db: &Db, sender: &Sender, worker: &str) -> crate::error::AppResult<usize> {
    let now = now_ms();
    let due = db.write(async |tx| Ok(db::claim(tx, worker, now, now + CLAIM_MS, BATCH).await?)).await?;
    let claimed = due.len();
    let mut failure = None;
    for m in due {
        let outcome = sender.send(&m).await;
        if let Err(e) = &outcome {
            failure = Some(e.clone());
        }
        db.write(async |tx| {
            match &outcome {
                Ok(()) => db::mark_sent(tx, &m.id, now_ms()).await?,
                Err(e) => {
                    let retry = if m.attempts >= MAX_ATTEMPTS {
                        i64::MAX / 2
                    } else {
                        now_ms() + backoff_ms(m.attempts)
                    };
                    tracing::warn!(id = %m.id, attempts = m.attempts, error = %e, "mail not sent");
                    db::mark_failed(tx, &m.id, &e.chars().take(500).collect::<String>(), retry).await?;
                    if m.attempts >= MAX_ATTEMPTS {
                        crate::notifications::service::mail_failed(tx, &m.recipient, &m.subject).await?;
                    }
                }
            }
            Ok(())
        })
        .await?;
    }
    // The back office's integrations card shows the last failure, until a
    // round goes through cleanly.
    if claimed > 0 {
        let which = crate::settings::Integration::Smtp;
        let mut c = db.conn().await?;
        match failure {
            Some(e) => drop(crate::settings::integrations::record(&mut c, which, &Err(e)).await?),
            None => crate::settings::integrations::recovered(&mut c, which).await?,
        }
    }
    Ok(claimed)
}

#[cfg(test)]
mod tests {
    #[test]
    fn retries_back_off_to_an_hour() {
        assert_eq!(super::backoff_ms(0), 30_000);
        assert_eq!(super::backoff_ms(1), 60_000);
        assert_eq!(super::backoff_ms(20), 3_600_000);
    }
}
