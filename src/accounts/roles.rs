//! Changing someone's role: administrators only, never with the session
//! alone (their password, and a code with two-step sign-in on), never
//! leaving the shop without an administrator. The role is read from the
//! database on every request, so the change holds from the person's very
//! next request on every node.

use super::audit::{self, Subject};
use super::events::SecurityKind;
use super::password::Passwords;
use super::session::Device;
use super::{Role, Viewer, db, two_factor};
use serde_json::json;

use super::areas::Areas;
use crate::audit::Entity;
use crate::audit::log::{Actor, Change};
use crate::error::{AppError, AppResult};
use crate::server::db::Db;

/// What an administrator asks: whose role, to what, and their step-up.
pub struct RoleChange<'a> {
    pub user_id: &'a str,
    pub role: Role,
    pub password: &'a str,
    pub code: &'a str,
}

/// Change the role; returns the person as they now are. Unknown or deleted
/// accounts are `NotFound`; demoting the last administrator is `Conflict`.
pub async fn change(
    db: &Db,
    passwords: &Passwords,
    admin: &Viewer,
    change: &RoleChange<'_>,
    device: &Device,
) -> AppResult<Viewer> {
    if admin.role != Role::Admin {
        return Err(AppError::Forbidden);
    }
    two_factor::step_up(db, passwords, admin, change.password, change.code, device).await?;
    let missing = || AppError::NotFound("Person".into());
    db.write(async |tx| {
        if !db::lock_user(tx, change.user_id).await? || db::is_deleted(tx, change.user_id).await? {
            return Err(missing());
        }
        let (before, _) = db::viewer(tx, change.user_id).await?.ok_or_else(missing)?;
        if before.role == change.role {
            return Ok(before);
        }
        if change.role != Role::Admin && super::data::db::erase::last_admin(tx, change.user_id).await? {
            return Err(AppError::Conflict(
                "This is the shop's only administrator. Make someone else an administrator first.".into(),
            ));
        }
        db::set_role(tx, change.user_id, change.role).await?;
        let entry = Change {
            entity: Entity::User,
            entity_id: change.user_id,
            action: "role_changed",
            before: json!({ "role": before.role.as_str(), "areas": before.areas.to_text() }),
            after: json!({ "role": change.role.as_str(), "areas": Areas::first(change.role).to_text() }),
        };
        crate::audit::log::record(tx, Actor::Person(admin, device), entry).await?;
        let detail = format!("{} → {} by {}", before.role.as_str(), change.role.as_str(), admin.email);
        audit::record(tx, Subject::User(change.user_id), SecurityKind::RoleChanged, device, &detail).await?;
        let (after, _) = db::viewer(tx, change.user_id).await?.ok_or_else(missing)?;
        Ok(after)
    })
    .await
}
