//! The rules for running people: who may look (the "people" area), who may
//! change (administrators), what may never happen (switching off the last
//! active administrator, or oneself), and an audit row for every change,
//! written in the change's own transaction.

use serde_json::json;

use super::{PeopleFilter, PeoplePage, PersonDetail, PersonRow, Status, db};
use crate::accounts::areas::{Area, Areas};
use crate::accounts::session::Device;
use crate::accounts::{Role, Viewer};
use crate::audit::log::{self as audit, Actor, Change};
use crate::audit::{AuditFilter, Entity};
use crate::error::{AppError, AppResult};
use crate::server::db::{Conn, Db};
use crate::server::{new_id, now_ms};

/// The longest note.
pub const NOTE_MAX: usize = 2_000;

fn may_look(viewer: &Viewer) -> AppResult<()> {
    if viewer.may(Area::People) { Ok(()) } else { Err(AppError::Forbidden) }
}

pub(crate) fn must_administer(viewer: &Viewer) -> AppResult<()> {
    if viewer.role == Role::Admin { Ok(()) } else { Err(AppError::Forbidden) }
}

fn missing() -> AppError {
    AppError::NotFound("Person".into())
}

/// A page of `per_page` people (at most `PER_PAGE`) under `filter`.
pub async fn list(
    c: &mut Conn,
    viewer: &Viewer,
    filter: &PeopleFilter,
    per_page: u32,
) -> AppResult<PeoplePage> {
    may_look(viewer)?;
    let q = filter.q.trim().to_lowercase();
    if q.chars().count() > 100 {
        return Err(AppError::field("q", "Use at most 100 characters."));
    }
    let role = match filter.role.trim() {
        "" => None,
        r => Some(Role::parse(r).ok_or_else(|| AppError::field("role", "Choose a role from the list."))?),
    };
    let status = match filter.status.trim() {
        "" => None,
        s => {
            Some(Status::parse(s).ok_or_else(|| AppError::field("status", "Choose active or deactivated."))?)
        }
    };
    let scope = db::Scope {
        q: (!q.is_empty()).then_some(q.as_str()),
        role: role.map(Role::as_str),
        status: status.map(Status::as_str),
    };
    let per_page = i64::from(per_page.clamp(1, super::PER_PAGE));
    let offset = i64::from(filter.page.clamp(1, 10_000) - 1) * per_page;
    let (people, total) = db::search(c, &scope, per_page, offset).await?;
    Ok(PeoplePage { people, total })
}

/// A person's page.
pub async fn detail(c: &mut Conn, viewer: &Viewer, user_id: &str) -> AppResult<PersonDetail> {
    may_look(viewer)?;
    let facts = db::facts(c, user_id).await?.ok_or_else(missing)?;
    let (orders, order_count) = db::orders(c, user_id, 10).await?;
    let history_filter = AuditFilter {
        entity: Entity::User.as_str().into(),
        entity_id: user_id.into(),
        page: 1,
        ..Default::default()
    };
    let mut history = audit::search(c, &history_filter, None).await?;
    history.truncate(20);
    Ok(PersonDetail {
        person: facts.row(),
        areas: Areas::from_text(&facts.staff_areas),
        two_factor: crate::accounts::two_factor::is_on(c, user_id).await?,
        email_verified: facts.email_verified_at.is_some(),
        deleted: facts.deleted_at.is_some(),
        order_count,
        orders,
        addresses: crate::accounts::db::addresses(c, user_id).await?,
        shop: db::shop(c, user_id).await?,
        sessions: crate::accounts::sessions::list(c, user_id, None).await?,
        events: crate::accounts::audit::mine(c, user_id).await?,
        notes: db::notes(c, user_id, 50).await?,
        history,
        can_manage: viewer.role == Role::Admin,
    })
}

/// Switch an account off (every session ends, sign-in is refused, orders
/// stay) or back on.
pub async fn set_status(
    db: &Db,
    admin: &Viewer,
    device: &Device,
    user_id: &str,
    status: Status,
) -> AppResult<PersonRow> {
    must_administer(admin)?;
    if user_id == admin.id && status == Status::Deactivated {
        return Err(AppError::Conflict("You cannot switch off your own account.".into()));
    }
    db.write(async |tx| {
        let facts = db::facts(tx, user_id).await?.filter(|f| f.deleted_at.is_none()).ok_or_else(missing)?;
        if facts.status == status.as_str() {
            return Ok(facts.row());
        }
        if status == Status::Deactivated && crate::accounts::data::db::erase::last_admin(tx, user_id).await? {
            return Err(AppError::Conflict(
                "This is the shop's only active administrator. Make someone else an administrator first."
                    .into(),
            ));
        }
        db::set_status(tx, user_id, status == Status::Active, now_ms()).await?;
        let change = Change {
            entity: Entity::User,
            entity_id: user_id,
            action: "status_changed",
            before: json!({ "status": facts.status }),
            after: json!({ "status": status.as_str() }),
        };
        audit::record(tx, Actor::Person(admin, device), change).await?;
        Ok(PersonRow { status: status.as_str().into(), ..facts.row() })
    })
    .await
}

/// Which areas a staff member may use.
pub async fn set_areas(
    db: &Db,
    admin: &Viewer,
    device: &Device,
    user_id: &str,
    areas: &Areas,
) -> AppResult<Areas> {
    must_administer(admin)?;
    db.write(async |tx| {
        let facts = db::facts(tx, user_id).await?.filter(|f| f.deleted_at.is_none()).ok_or_else(missing)?;
        if facts.role != Role::Staff.as_str() {
            return Err(AppError::Conflict(
                "Only staff members have areas: administrators have them all; make this person staff first."
                    .into(),
            ));
        }
        let (before, after) = (Areas::from_text(&facts.staff_areas).to_text(), areas.to_text());
        db::set_areas(tx, user_id, &after, now_ms()).await?;
        let change = Change {
            entity: Entity::User,
            entity_id: user_id,
            action: "areas_changed",
            before: json!({ "areas": before }),
            after: json!({ "areas": after }),
        };
        audit::record(tx, Actor::Person(admin, device), change).await?;
        Ok(areas.clone())
    })
    .await
}

/// Keep a note about a person (anyone who may look them up).
pub async fn add_note(db: &Db, viewer: &Viewer, device: &Device, user_id: &str, body: &str) -> AppResult<()> {
    may_look(viewer)?;
    let body = body.trim();
    if body.is_empty() {
        return Err(AppError::field("body", "Write the note first."));
    }
    if body.chars().count() > NOTE_MAX {
        return Err(AppError::field("body", "Keep a note under 2,000 characters."));
    }
    db.write(async |tx| {
        db::facts(tx, user_id).await?.filter(|f| f.deleted_at.is_none()).ok_or_else(missing)?;
        let id = new_id();
        db::insert_note(tx, &id, user_id, &viewer.id, body, now_ms()).await?;
        let change = Change {
            entity: Entity::User,
            entity_id: user_id,
            action: "note_added",
            before: json!({}),
            after: json!({ "note": id }),
        };
        audit::record(tx, Actor::Person(viewer, device), change).await
    })
    .await
}
