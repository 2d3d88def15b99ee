//! What the session cookie stands for: who signed in, when, and whether
//! they asked to be remembered. The record itself lives in the database
//! (see `store.rs`); the cookie carries only its random id.

use serde::{Deserialize, Serialize};
use tower_sessions::{Expiry, Session};

use super::{Viewer, db};
use crate::error::{AppError, AppResult};
use crate::server::db::Db;
use crate::server::now_ms;

const KEY: &str = "auth";
const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

/// "Remember me": the cookie outlives the browser for 30 idle days.
pub const REMEMBER_DAYS: i64 = 30;

/// How long a session may sit idle, and live at all.
struct Limits {
    idle_ms: i64,
    absolute_ms: i64,
}

fn limits(remember: bool) -> Limits {
    if remember {
        Limits { idle_ms: REMEMBER_DAYS * DAY, absolute_ms: 90 * DAY }
    } else {
        Limits { idle_ms: 12 * HOUR, absolute_ms: 7 * DAY }
    }
}

/// Stored under `auth` in the session record.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct SignedIn {
    user_id: String,
    /// The user's `session_epoch` at sign-in; a password change bumps it.
    epoch: i64,
    login_at: i64,
    seen_at: i64,
    remember: bool,
}

impl SignedIn {
    fn expired(&self, now: i64) -> bool {
        let l = limits(self.remember);
        now - self.seen_at > l.idle_ms || now - self.login_at > l.absolute_ms
    }
}

fn store_error(e: tower_sessions::session::Error) -> AppError {
    tracing::error!(error = %e, "session store error");
    AppError::Internal
}

/// Start a signed-in session with a new id (the old id, which a visitor may
/// have been handed before signing in, stops working). A cart filled
/// before signing in joins the person's.
pub async fn sign_in(session: &Session, db: &Db, user_id: &str, epoch: i64, remember: bool) -> AppResult<()> {
    session.cycle_id().await.map_err(store_error)?;
    let now = now_ms();
    let record = SignedIn { user_id: user_id.to_owned(), epoch, login_at: now, seen_at: now, remember };
    session.set_expiry(Some(if remember {
        Expiry::OnInactivity(time::Duration::days(REMEMBER_DAYS))
    } else {
        Expiry::OnSessionEnd
    }));
    session.insert(KEY, record).await.map_err(store_error)?;
    // Signing in matters more than the cart: a failed merge leaves the
    // visitor's lines where they were.
    if let Err(e) = crate::cart::owner::adopt(db, session, user_id).await {
        tracing::warn!(error = %e, "the visitor's cart did not merge at sign-in");
    }
    // Likewise the visitor's assistant conversations.
    if let Err(e) = crate::assistant::owner::adopt(db, session, user_id).await {
        tracing::warn!(error = %e, "the visitor's assistant conversations did not follow at sign-in");
    }
    Ok(())
}

/// End the session: the record is deleted and the cookie removed.
pub async fn sign_out(session: &Session) -> AppResult<()> {
    session.flush().await.map_err(store_error)
}

/// Keep the person signed in under a new session id, e.g. after their role
/// or password changed.
pub async fn renew(session: &Session, epoch: i64) -> AppResult<()> {
    if let Some(mut record) = session.get::<SignedIn>(KEY).await.map_err(store_error)? {
        session.cycle_id().await.map_err(store_error)?;
        record.epoch = epoch;
        session.insert(KEY, record).await.map_err(store_error)?;
    }
    Ok(())
}

/// The signed-in person, or `None`. Expired sessions, sessions of deleted
/// accounts and sessions from before a password change are ended here.
pub async fn viewer(session: &Session, db: &Db) -> AppResult<Option<Viewer>> {
    let Some(mut record) = session.get::<SignedIn>(KEY).await.map_err(store_error)? else {
        return Ok(None);
    };
    let now = now_ms();
    if record.expired(now) {
        sign_out(session).await?;
        return Ok(None);
    }
    let Some((viewer, epoch)) = db::viewer(&mut db.conn().await?, &record.user_id).await? else {
        sign_out(session).await?;
        return Ok(None);
    };
    if epoch != record.epoch {
        sign_out(session).await?;
        return Ok(None);
    }
    // Touch at most every five minutes: it rewrites the session row and,
    // for remembered sessions, slides the cookie's 30-day window.
    if now - record.seen_at > 5 * MINUTE {
        record.seen_at = now;
        session.insert(KEY, record).await.map_err(store_error)?;
    }
    Ok(Some(viewer))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_and_absolute_limits() {
        let at = |login_at, seen_at, remember| SignedIn {
            user_id: "u".into(),
            epoch: 0,
            login_at,
            seen_at,
            remember,
        };
        let now = 100 * DAY;
        assert!(!at(now - HOUR, now - HOUR, false).expired(now));
        assert!(at(now - DAY, now - 13 * HOUR, false).expired(now), "idle for half a day");
        assert!(!at(now - DAY, now - 13 * HOUR, true).expired(now), "remembered");
        assert!(at(now - 8 * DAY, now - MINUTE, false).expired(now), "a week at most");
        assert!(at(now - 91 * DAY, now - MINUTE, true).expired(now), "90 days at most");
    }
}
