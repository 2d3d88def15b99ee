//! Recording security events, in the transaction of what they record
//! where there is one, and reading them back: the person's own recent
//! activity and the back office's filtered list.

use super::events::{EVENTS_PER_PAGE, EventFilter, SecurityEvent, SecurityKind};
use super::session::Device;
use super::sessions::device_label;
use super::{db, validate::Fields};
use crate::error::{AppError, AppResult};
use crate::server::db::{Conn, Db};
use crate::server::{new_id, now_ms};

/// How many events /account/security shows.
pub const MINE: i64 = 20;
/// One "sign-in paused" event per address in this long.
const THROTTLE_QUIET_MS: i64 = 15 * 60_000;

/// Whose event: an account, or an address typed that has none.
#[derive(Clone, Copy)]
pub enum Subject<'a> {
    User(&'a str),
    Address(&'a str),
}

/// Write one event.
pub async fn record(
    c: &mut Conn,
    subject: Subject<'_>,
    kind: SecurityKind,
    device: &Device,
    detail: &str,
) -> AppResult<()> {
    let (user_id, email) = match subject {
        Subject::User(id) => (Some(id), ""),
        Subject::Address(email) => (None, email),
    };
    let ip = device.ip_text();
    let id = new_id();
    let event = db::NewEvent {
        id: &id,
        user_id,
        email,
        kind: kind.as_str(),
        ip: &ip,
        user_agent: &device.user_agent,
        detail,
        now: now_ms(),
    };
    Ok(db::insert_event(c, &event).await?)
}

/// A sign-in refused by the throttle: written once per address in a quiet
/// spell, so a flood of refused guesses does not flood the table.
pub async fn throttled(db: &Db, subject: Subject<'_>, email: &str, device: &Device) -> AppResult<()> {
    let kind = SecurityKind::SignInThrottled;
    db.write(async |tx| {
        if !db::event_since(tx, email, kind.as_str(), now_ms() - THROTTLE_QUIET_MS).await? {
            record(tx, subject, kind, device, "").await?;
        }
        Ok(())
    })
    .await
}

fn event(row: db::EventRow) -> Option<SecurityEvent> {
    Some(SecurityEvent {
        kind: SecurityKind::parse(&row.kind)?,
        device: if row.user_agent.is_empty() { String::new() } else { device_label(&row.user_agent) },
        id: row.id,
        email: row.email,
        ip: row.ip,
        detail: row.detail,
        created_at: row.created_at,
    })
}

/// The person's newest events.
pub async fn mine(c: &mut Conn, user_id: &str) -> AppResult<Vec<SecurityEvent>> {
    Ok(db::user_events(c, user_id, MINE).await?.into_iter().filter_map(event).collect())
}

/// Everyone's events under the back office's filters, a page at a time.
pub async fn search(c: &mut Conn, filter: &EventFilter) -> AppResult<Vec<SecurityEvent>> {
    let mut f = Fields::default();
    let kind = match filter.kind.trim() {
        "" => None,
        k => f.check("kind", SecurityKind::parse(k).ok_or_else(|| "Choose a kind from the list.".to_owned())),
    };
    let (from, to) = crate::dates::day_range(&filter.from, &filter.to, &mut f);
    f.finish()?;
    let person = filter.person.trim().to_lowercase();
    if person.chars().count() > 100 {
        return Err(AppError::field("person", "Use at most 100 characters."));
    }
    let scope = db::EventScope {
        person: (!person.is_empty()).then_some(person.as_str()),
        kind: kind.map(SecurityKind::as_str),
        from,
        to,
    };
    let per_page = i64::from(EVENTS_PER_PAGE);
    let offset = i64::from(filter.page.clamp(1, 1000) - 1) * per_page;
    let rows = db::search_events(c, &scope, per_page + 1, offset).await?;
    Ok(rows.into_iter().filter_map(event).collect())
}
