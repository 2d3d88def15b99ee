//! What the session cookie stands for: who signed in, when, and whether
//! they asked to be remembered. The record itself lives in the database
//! (see `store.rs`); the cookie carries only its random id.

use std::net::IpAddr;

use serde::{Deserialize, Serialize};
use tower_sessions::{Expiry, Session};

use super::audit::{self, Subject};
use super::events::SecurityKind;
use super::{Viewer, db};
use crate::error::{AppError, AppResult};
use crate::server::db::{Db, Tx};
use crate::server::{new_id, now_ms};

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
    /// The public handle of this session (`user_sessions.id`); empty in a
    /// session begun before handles existed, which gets one on its next
    /// request.
    #[serde(default)]
    handle: String,
}

impl SignedIn {
    fn expired(&self, now: i64) -> bool {
        let l = limits(self.remember);
        now - self.seen_at > l.idle_ms || now - self.login_at > l.absolute_ms
    }
}

/// The bounds `db::open_sessions` lists within: (idle, remembered idle) and
/// (begun, remembered begun), as "since" times.
pub fn list_bounds(now: i64) -> ((i64, i64), (i64, i64)) {
    let (short, long) = (limits(false), limits(true));
    ((now - short.idle_ms, now - long.idle_ms), (now - short.absolute_ms, now - long.absolute_ms))
}

/// The browser a request comes from, as the sessions list shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Device {
    pub ip: Option<IpAddr>,
    pub user_agent: String,
    /// The request's `x-request-id`, for the audit log; empty outside a request.
    pub request_id: String,
}

impl Device {
    /// At most 300 characters of the user agent, without control characters.
    pub fn new(ip: Option<IpAddr>, user_agent: &str) -> Self {
        let user_agent = user_agent.chars().filter(|c| !c.is_control()).take(300).collect();
        Self { ip, user_agent, request_id: String::new() }
    }

    /// The same, naming the request it came with (at most 64 visible characters).
    pub fn with_request_id(mut self, id: &str) -> Self {
        self.request_id = id.chars().filter(|c| c.is_ascii_graphic()).take(64).collect();
        self
    }

    /// The address as text; empty when unknown.
    pub fn ip_text(&self) -> String {
        self.ip.map(|ip| ip.to_string()).unwrap_or_default()
    }
}

fn store_error(e: tower_sessions::session::Error) -> AppError {
    tracing::error!(error = %e, "session store error");
    AppError::Internal
}

/// Start a signed-in session with a new id (the old id, which a visitor may
/// have been handed before signing in, stops working) and a new handle in
/// the person's sessions list. A cart filled before signing in joins the
/// person's.
pub async fn sign_in(
    session: &Session,
    db: &Db,
    user_id: &str,
    epoch: i64,
    remember: bool,
    device: &Device,
) -> AppResult<()> {
    close_previous(session, db).await?;
    session.cycle_id().await.map_err(store_error)?;
    let now = now_ms();
    let detail = if remember { "Remembered on this device" } else { "" };
    let handle = db
        .write(async |tx| {
            let handle = open_handle(tx, user_id, epoch, remember, device, now).await?;
            audit::record(tx, Subject::User(user_id), SecurityKind::SignIn, device, detail).await?;
            Ok(handle)
        })
        .await?;
    let record =
        SignedIn { user_id: user_id.to_owned(), epoch, login_at: now, seen_at: now, remember, handle };
    session.set_expiry(Some(if remember {
        Expiry::OnInactivity(time::Duration::days(REMEMBER_DAYS))
    } else {
        Expiry::OnSessionEnd
    }));
    session.insert(KEY, record).await.map_err(store_error)?;
    session.remove::<PendingSignIn>(PENDING).await.map_err(store_error)?;
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

async fn open_handle(
    tx: &mut Tx,
    user_id: &str,
    epoch: i64,
    remember: bool,
    device: &Device,
    now: i64,
) -> AppResult<String> {
    let handle = new_id();
    let ip = device.ip_text();
    let row = db::NewSession {
        id: &handle,
        user_id,
        epoch,
        user_agent: &device.user_agent,
        ip: &ip,
        remember,
        now,
    };
    db::insert_session(tx, &row).await?;
    Ok(handle)
}

/// A sign-in over a signed-in session (someone else, or the same person
/// again) closes the earlier handle: it would linger in the list.
async fn close_previous(session: &Session, db: &Db) -> AppResult<()> {
    if let Some(record) = session.get::<SignedIn>(KEY).await.map_err(store_error)? {
        let now = now_ms();
        db.write(async |tx| Ok(db::end_session(tx, &record.user_id, &record.handle, now).await?)).await?;
    }
    Ok(())
}

/// Sign out, as the person asked from `device`: the handle is closed, the
/// record deleted and the cookie removed.
pub async fn sign_out(session: &Session, db: &Db, device: &Device) -> AppResult<()> {
    end(session, db, Some(device)).await
}

/// End the session; an event only when the person asked.
async fn end(session: &Session, db: &Db, asked_from: Option<&Device>) -> AppResult<()> {
    if let Some(record) = session.get::<SignedIn>(KEY).await.map_err(store_error)? {
        let now = now_ms();
        db.write(async |tx| {
            db::end_session(tx, &record.user_id, &record.handle, now).await?;
            if let Some(device) = asked_from {
                audit::record(tx, Subject::User(&record.user_id), SecurityKind::SignOut, device, "").await?;
            }
            Ok(())
        })
        .await?;
    }
    forget(session).await
}

/// Drop the record and the cookie (the handle is closed already, or never was).
pub async fn forget(session: &Session) -> AppResult<()> {
    session.flush().await.map_err(store_error)
}

/// Keep the person signed in under a new session id, e.g. after their role
/// or password changed: the handle moves to the new epoch.
pub async fn renew(session: &Session, db: &Db, epoch: i64) -> AppResult<()> {
    if let Some(mut record) = session.get::<SignedIn>(KEY).await.map_err(store_error)? {
        session.cycle_id().await.map_err(store_error)?;
        db.write(async |tx| Ok(db::set_session_epoch(tx, &record.handle, epoch).await?)).await?;
        record.epoch = epoch;
        session.insert(KEY, record).await.map_err(store_error)?;
    }
    Ok(())
}

const PENDING: &str = "second_step";
const FRESH_CODES: &str = "fresh_recovery_codes";
/// How long the second step may wait after the right password.
const PENDING_MS: i64 = 5 * MINUTE;

/// A right password whose second step is still owed.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PendingSignIn {
    pub user_id: String,
    pub epoch: i64,
    pub remember: bool,
    at: i64,
}

/// The password was right and a code is owed: this browser is not signed
/// in (nobody is, under its new id) until the code comes.
pub async fn await_second_step(
    session: &Session,
    db: &Db,
    user_id: &str,
    epoch: i64,
    remember: bool,
) -> AppResult<()> {
    close_previous(session, db).await?;
    session.cycle_id().await.map_err(store_error)?;
    session.remove::<SignedIn>(KEY).await.map_err(store_error)?;
    let pending = PendingSignIn { user_id: user_id.to_owned(), epoch, remember, at: now_ms() };
    session.insert(PENDING, pending).await.map_err(store_error)
}

/// The sign-in waiting for its second step, if it has not waited too long.
pub async fn pending_second_step(session: &Session) -> AppResult<Option<PendingSignIn>> {
    let pending: Option<PendingSignIn> = session.get(PENDING).await.map_err(store_error)?;
    Ok(pending.filter(|p| now_ms() - p.at <= PENDING_MS))
}

/// Recovery codes just made, for the security page to show until the
/// person says they saved them (ten minutes at most, this session only).
pub async fn keep_fresh_codes(session: &Session, codes: Vec<String>) -> AppResult<()> {
    session.insert(FRESH_CODES, (codes, now_ms())).await.map_err(store_error)
}

/// The codes kept by [`keep_fresh_codes`], while they may still be shown.
pub async fn fresh_codes(session: &Session) -> AppResult<Vec<String>> {
    let kept: Option<(Vec<String>, i64)> = session.get(FRESH_CODES).await.map_err(store_error)?;
    Ok(kept.filter(|(_, at)| now_ms() - at <= 10 * MINUTE).map(|(codes, _)| codes).unwrap_or_default())
}

/// "I have saved them": the codes are not shown again.
pub async fn drop_fresh_codes(session: &Session) -> AppResult<()> {
    session.remove::<(Vec<String>, i64)>(FRESH_CODES).await.map_err(store_error)?;
    Ok(())
}

/// This session's public handle, when signed in.
pub async fn handle(session: &Session) -> AppResult<Option<String>> {
    Ok(session.get::<SignedIn>(KEY).await.map_err(store_error)?.map(|r| r.handle))
}

/// The signed-in person, or `None`. Expired sessions, sessions of deleted
/// accounts, sessions from before a password change and sessions ended
/// from another device are ended here.
pub async fn viewer(session: &Session, db: &Db) -> AppResult<Option<Viewer>> {
    let Some(mut record) = session.get::<SignedIn>(KEY).await.map_err(store_error)? else {
        return Ok(None);
    };
    let now = now_ms();
    if record.expired(now) {
        end(session, db, None).await?;
        return Ok(None);
    }
    if record.handle.is_empty() {
        let epoch = record.epoch;
        let (user_id, remember) = (record.user_id.clone(), record.remember);
        record.handle = db
            .write(async |tx| open_handle(tx, &user_id, epoch, remember, &Device::default(), now).await)
            .await?;
        session.insert(KEY, record.clone()).await.map_err(store_error)?;
    }
    let found = db::viewer_in_session(&mut db.conn().await?, &record.user_id, &record.handle).await?;
    let Some((mut viewer, true)) = found else {
        forget(session).await?;
        return Ok(None);
    };
    if viewer.must_enrol {
        // Staff powers wait for two-step sign-in: every role check refuses.
        viewer.role = super::Role::Customer;
    }
    // Touch at most every five minutes: it rewrites the session row and,
    // for remembered sessions, slides the cookie's 30-day window.
    if now - record.seen_at > 5 * MINUTE {
        record.seen_at = now;
        db.write(async |tx| Ok(db::touch_session(tx, &record.handle, now).await?)).await?;
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
            handle: "h".into(),
        };
        let now = 100 * DAY;
        assert!(!at(now - HOUR, now - HOUR, false).expired(now));
        assert!(at(now - DAY, now - 13 * HOUR, false).expired(now), "idle for half a day");
        assert!(!at(now - DAY, now - 13 * HOUR, true).expired(now), "remembered");
        assert!(at(now - 8 * DAY, now - MINUTE, false).expired(now), "a week at most");
        assert!(at(now - 91 * DAY, now - MINUTE, true).expired(now), "90 days at most");
    }
}
