//! Deleting an account. Never with the session alone (password, and a code
//! with two-step sign-in on), and not while something still needs the
//! person: their own orders on the way, their shop's orders to fulfil, or
//! the shop without another administrator. Then, in one transaction: every
//! session ends, personal fields are erased, orders stay in the shops'
//! books as "Former customer", reviews stay under that name, a shop closes.

use super::DataOverview;
use super::db::{self, erase};
use crate::accounts::audit::{self, Subject};
use crate::accounts::events::SecurityKind;
use crate::accounts::session::Device;
use crate::accounts::{Viewer, two_factor};
use crate::error::{AppError, AppResult};
use crate::server::db::{Conn, Tx};
use crate::server::now_ms;
use crate::server::state::AppState;

/// How many order numbers a blocker names before "and N more".
const NAMED: usize = 5;

fn numbers(list: &[String]) -> String {
    let shown = list.iter().take(NAMED).map(|n| format!("#{n}")).collect::<Vec<_>>().join(", ");
    match list.len().saturating_sub(NAMED) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}

/// What must finish before the account can go, in words (empty: nothing).
pub async fn blockers(c: &mut Conn, viewer: &Viewer) -> AppResult<Vec<String>> {
    let mut out = Vec::new();
    let own = erase::open_orders(c, &viewer.id).await?;
    if !own.is_empty() {
        out.push(format!(
            "Your orders {} are still on their way. Once they are delivered or cancelled, you can delete your account.",
            numbers(&own)
        ));
    }
    let shop = erase::open_shop_orders(c, &viewer.id).await?;
    if !shop.is_empty() {
        out.push(format!("Your shop's orders {} must be fulfilled or cancelled first.", numbers(&shop)));
    }
    if erase::last_admin(c, &viewer.id).await? {
        out.push("You are the shop's only administrator. Make someone else an administrator first.".into());
    }
    Ok(out)
}

/// `/account/data`: what is held, and whether deleting can happen now.
pub async fn overview(c: &mut Conn, viewer: &Viewer) -> AppResult<DataOverview> {
    let n = db::counts(c, &viewer.id).await?;
    let held = [
        ("Addresses", n.addresses),
        ("Orders", n.orders),
        ("Reviews", n.reviews),
        ("Saved products", n.wishlist),
        ("Shops followed", n.follows),
        ("Assistant conversations", n.conversations),
        ("Security events", n.events),
    ];
    Ok(DataOverview {
        held: held.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
        blockers: blockers(c, viewer).await?,
        two_factor: two_factor::is_on(c, &viewer.id).await?,
    })
}

/// Delete the person's account after the step-up. `Conflict` (with the
/// reasons) while something must finish first.
pub async fn delete(
    state: &AppState,
    viewer: &Viewer,
    password: &str,
    code: &str,
    device: &Device,
) -> AppResult<()> {
    two_factor::step_up(&state.db, &state.passwords, viewer, password, code, device).await?;
    let avatar_file = state.db.write(async |tx| erase_now(tx, viewer).await).await?;
    if let Some(key) = avatar_file
        && let Err(e) = state.media.delete(&key).await
    {
        tracing::warn!(error = %e, "a deleted account's picture file stayed");
    }
    Ok(())
}

/// The erasure, checked again inside the transaction (an order placed a
/// moment ago counts). Returns the avatar's file key, if it had one; the
/// shop's products leave the caches and search through the catalog channel.
async fn erase_now(tx: &mut Tx, viewer: &Viewer) -> AppResult<Option<String>> {
    crate::accounts::db::lock_user(tx, &viewer.id).await?;
    let reasons = blockers(tx, viewer).await?;
    if !reasons.is_empty() {
        return Err(AppError::Conflict(reasons.join(" ")));
    }
    let (uid, now) = (viewer.id.as_str(), now_ms());
    let placeholder = format!("deleted-{uid}@deleted.invalid");
    erase::forget(tx, uid, now).await?;
    erase::anonymise_orders(tx, uid).await?;
    let avatar = erase::clear_profile(tx, uid, now).await?;
    let avatar_file = match avatar {
        Some(id) => crate::media::delete(tx, &id).await?,
        None => None,
    };
    for id in &erase::close_shop(tx, uid, now).await? {
        tx.notify(crate::catalog::search::sync::CHANNEL, id).await?;
    }
    erase::blank_events(tx, uid, &viewer.email, &placeholder).await?;
    erase::erase_user(tx, uid, &placeholder, now).await?;
    let nowhere = Device::new(None, "");
    audit::record(tx, Subject::User(uid), SecurityKind::AccountDeleted, &nowhere, "").await?;
    crate::mail::accounts::account_deleted(tx, &viewer.email, viewer.first_name()).await?;
    Ok(avatar_file)
}
