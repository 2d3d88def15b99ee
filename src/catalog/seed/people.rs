//! Demo people for `./scripts/run`: one of each role, and a password for the
//! demo shops' owners. Demo data only, created in the same step as the demo
//! catalog and only into an empty shop — a real shop's first administrator
//! comes from `bazaar admin create`.

use super::data::Demo;
use crate::accounts::password::Passwords;
use crate::accounts::{Role, service};
use crate::error::AppResult;
use crate::server::db::Db;

/// Printed at start; never use it outside a demo.
pub const DEMO_PASSWORD: &str = "bazaar-demo-2026";

const PEOPLE: [(Role, &str, &str); 3] = [
    (Role::Customer, "Maya Okafor", "customer@bazaar.test"),
    (Role::Staff, "Theo Lindqvist", "staff@bazaar.test"),
    (Role::Admin, "Priya Raman", "admin@bazaar.test"),
];

/// Create the demo people and give the demo shop owners the demo password.
/// Called by the demo seed right after it filled an empty catalog, never on
/// a shop that already has data. Returns every demo account as (role, email).
pub async fn seed(db: &Db, passwords: &Passwords) -> AppResult<Vec<(Role, String)>> {
    let mut accounts = Vec::new();
    for (role, name, email) in PEOPLE {
        service::create_account(db, passwords, email, name, DEMO_PASSWORD, role).await?;
        accounts.push((role, email.to_owned()));
    }
    for shop in Demo::load()?.shops {
        // Only owners the catalog seed left without a password.
        if service::unlock_account(db, passwords, &shop.email, DEMO_PASSWORD).await? {
            accounts.push((Role::Seller, shop.email));
        }
    }
    Ok(accounts)
}
