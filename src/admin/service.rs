//! Back-office rules.

use super::{Overview, db};
use crate::accounts::audit::{self, Subject};
use crate::accounts::events::SecurityKind;
use crate::accounts::session::Device;
use crate::accounts::{Role, Viewer};
use crate::audit::log::Actor;
use crate::error::AppResult;
use crate::server::db::{Conn, Db};
use crate::server::now_ms;

/// The setting that makes staff and administrators turn on two-step
/// sign-in before their role counts (read per request by
/// `accounts::db::viewer_in_session`).
pub const STAFF_TWO_FACTOR: &str = "require_staff_two_factor";

pub async fn staff_two_factor(c: &mut Conn) -> AppResult<bool> {
    Ok(crate::settings::db::setting(c, STAFF_TWO_FACTOR).await?.as_deref() == Some("on"))
}

/// Turn the rule on or off, as `admin` from `device` (a security event and
/// an audit row).
pub async fn set_staff_two_factor(db: &Db, admin: &Viewer, on: bool, device: &Device) -> AppResult<()> {
    let value = if on { "on" } else { "off" };
    let admin_id = admin.id.as_str();
    db.write(async |tx| {
        let was = crate::settings::db::setting(tx, STAFF_TWO_FACTOR).await?.unwrap_or_else(|| "off".into());
        crate::settings::db::put_setting(tx, STAFF_TWO_FACTOR, value, admin_id, now_ms()).await?;
        let (before, after) = (serde_json::json!({ "value": was }), serde_json::json!({ "value": value }));
        crate::audit::log::setting(tx, Actor::Person(admin, device), STAFF_TWO_FACTOR, before, after).await?;
        let detail = format!("Two-step sign-in required for staff: {value}");
        audit::record(tx, Subject::User(admin_id), SecurityKind::PolicyChanged, device, &detail).await
    })
    .await
}

/// People per role (every role listed, zeros included), catalog size and
/// the newest accounts.
pub async fn overview(db: &Db) -> AppResult<Overview> {
    let mut c = db.conn().await?;
    let counted = db::people_by_role(&mut c).await?;
    let people_by_role = [Role::Customer, Role::Seller, Role::Staff, Role::Admin]
        .into_iter()
        .map(|role| {
            let n = counted.iter().find(|(r, _)| r == role.as_str()).map(|(_, n)| *n).unwrap_or(0);
            (role.label().to_owned(), n)
        })
        .collect();
    let (active_products, shops) = db::counts(&mut c).await?;
    Ok(Overview { people_by_role, active_products, shops, recent: db::recent_signups(&mut c, 8).await? })
}
