//! Back-office rules.

use super::{Overview, db};
use crate::accounts::Role;
use crate::error::AppResult;
use crate::server::db::Db;

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
