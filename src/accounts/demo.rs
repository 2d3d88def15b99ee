//! Demo people for `./scripts/run`: one of each role, and a password for the
//! demo shops' owners. Demo data only — a real shop's first administrator
//! comes from `bazaar admin create`.

use super::{Role, db, password, service};
use crate::catalog::seed::data::SHOPS;
use crate::error::{AppError, AppResult};
use crate::server::db::Db;

/// Printed at start; never use it outside a demo.
pub const DEMO_PASSWORD: &str = "bazaar-demo-2026";

const PEOPLE: [(Role, &str, &str); 3] = [
    (Role::Customer, "Maya Okafor", "customer@bazaar.test"),
    (Role::Staff, "Theo Lindqvist", "staff@bazaar.test"),
    (Role::Admin, "Priya Raman", "admin@bazaar.test"),
];

/// Create the demo people that are missing and let the demo shop owners
/// sign in. Returns every demo account as (role, email).
pub async fn seed(db: &Db) -> AppResult<Vec<(Role, String)>> {
    let mut accounts = Vec::new();
    for (role, name, email) in PEOPLE {
        match service::create_account(db, email, name, DEMO_PASSWORD, role).await {
            Ok(_) | Err(AppError::Conflict(_)) => accounts.push((role, email.to_owned())),
            Err(e) => return Err(e),
        }
    }
    for shop in SHOPS {
        let Some(owner) = db::find_login(db.pool(), shop.email).await? else { continue };
        // Only owners the catalog seed left without a password ("!").
        if owner.password_hash == "!" {
            let hash = password::hash(DEMO_PASSWORD.to_owned()).await?;
            let mut conn = db.pool().acquire().await?;
            db::set_password(&mut conn, &owner.id, &hash).await?;
        }
        accounts.push((Role::Seller, shop.email.to_owned()));
    }
    Ok(accounts)
}
