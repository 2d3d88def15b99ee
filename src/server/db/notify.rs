//! Change notifications between app nodes. On PostgreSQL a transaction's
//! `pg_notify` reaches every node's listener after commit (one `PgListener`
//! per node feeds local hubs); on SQLite — one process by design — the same
//! calls go straight to the in-process hub. Callers see one API:
//! [`Db::subscribe`](super::Db::subscribe) and [`Tx::notify`](super::Tx::notify).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use sqlx::postgres::PgListener;
use tokio::sync::{broadcast, mpsc, oneshot};

/// The notifications of one key (an order, a conversation) on a channel
/// subscribed to: an item each time it changed — or may have (the
/// subscriber lagged); the stream ends when the hub closes. Subscribe first,
/// then read the current state: a change in between is not missed.
pub fn changes_to(
    rx: broadcast::Receiver<String>,
    key: String,
) -> impl futures_util::Stream<Item = ()> + Send + Unpin {
    Box::pin(futures_util::stream::unfold((rx, key), |(mut rx, key)| async move {
        loop {
            match rx.recv().await {
                Ok(changed) if changed != key => continue,
                Ok(_) | Err(broadcast::error::RecvError::Lagged(_)) => return Some(((), (rx, key))),
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    }))
}

/// Messages a subscriber may lag behind before it misses some.
const HUB_CAPACITY: usize = 1024;

type ListenRequest = (String, oneshot::Sender<()>);

/// Cheap to clone: one hub per channel, shared by the whole process.
#[derive(Clone, Default)]
pub struct Notifier {
    hubs: Arc<Mutex<HashMap<String, broadcast::Sender<String>>>>,
    /// Asks the PostgreSQL listener task to LISTEN on a channel.
    listen: Option<mpsc::UnboundedSender<ListenRequest>>,
}

impl std::fmt::Debug for Notifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Notifier").field("postgres", &self.listen.is_some()).finish_non_exhaustive()
    }
}

impl Notifier {
    /// The in-process hub only (SQLite).
    pub fn local() -> Self {
        Self::default()
    }

    /// Relay PostgreSQL notifications into the local hubs. The listener has
    /// its own connection (not one of the pool's, so closing the pool never
    /// waits on it), reconnects by itself and LISTENs again on every channel.
    pub fn postgres(url: String) -> Self {
        let (tx, mut rx) = mpsc::unbounded_channel::<ListenRequest>();
        let notifier = Self { hubs: Arc::default(), listen: Some(tx) };
        let hubs = notifier.hubs.clone();
        tokio::spawn(async move {
            let mut listener = loop {
                match PgListener::connect(&url).await {
                    Ok(l) => break l,
                    Err(e) => {
                        tracing::warn!(error = %e, "notification listener cannot connect; retrying");
                        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                    }
                }
            };
            loop {
                tokio::select! {
                    request = rx.recv() => {
                        let Some((channel, ack)) = request else { break };
                        if let Err(e) = listener.listen(&channel).await {
                            tracing::error!(error = %e, channel, "LISTEN failed");
                        }
                        let _ = ack.send(());
                    }
                    note = listener.recv() => match note {
                        Ok(note) => publish(&hubs, note.channel(), note.payload().to_owned()),
                        Err(e) => {
                            tracing::warn!(error = %e, "notification listener error");
                            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                        }
                    },
                }
            }
        });
        notifier
    }

    /// A receiver for every later notification on `channel`. On PostgreSQL
    /// this returns once the LISTEN is in place, so nothing sent after it
    /// is missed.
    pub async fn subscribe(&self, channel: &str) -> broadcast::Receiver<String> {
        let (rx, new) = {
            let mut hubs = self.hubs.lock().unwrap_or_else(|e| e.into_inner());
            match hubs.get(channel) {
                Some(hub) => (hub.subscribe(), false),
                None => {
                    let (tx, rx) = broadcast::channel(HUB_CAPACITY);
                    hubs.insert(channel.to_owned(), tx);
                    (rx, true)
                }
            }
        };
        if new && let Some(listen) = &self.listen {
            let (ack, done) = oneshot::channel();
            if listen.send((channel.to_owned(), ack)).is_ok() {
                let _ = done.await;
            }
        }
        rx
    }

    /// Deliver to this process's subscribers (SQLite, after commit).
    pub fn publish_local(&self, channel: &str, payload: String) {
        publish(&self.hubs, channel, payload);
    }
}

fn publish(hubs: &Mutex<HashMap<String, broadcast::Sender<String>>>, channel: &str, payload: String) {
    let hubs = hubs.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(hub) = hubs.get(channel) {
        // No receiver left is fine: nobody is listening right now.
        let _ = hub.send(payload);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn local_hub_delivers_to_every_subscriber() {
        let n = Notifier::local();
        let mut a = n.subscribe("orders").await;
        let mut b = n.subscribe("orders").await;
        n.publish_local("orders", "paid".into());
        n.publish_local("other", "ignored".into());
        assert_eq!(a.recv().await.unwrap(), "paid");
        assert_eq!(b.recv().await.unwrap(), "paid");
        assert!(a.try_recv().is_err());
    }
}
