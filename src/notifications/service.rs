//! Who is told what. `tell` writes one row per person in the caller's
//! transaction and announces it on `CHANNEL` (delivered after commit, on
//! every node); the hooks below pick the people: the shop's owner for its
//! orders and stock, administrators and the staff with the matching area.

use std::collections::{BTreeMap, BTreeSet};

use super::db;
use super::{CHANNEL, Inbox, Kind, Notification, PAGE};
use crate::accounts::{Role, Viewer};
use crate::catalog::Money;
use crate::checkout::Placed;
use crate::error::{AppError, AppResult};
use crate::server::db::{Conn, Db, Tx};
use crate::server::{new_id, now_ms};

/// Sellers, staff and administrators have a bell; customers do not.
pub fn has_bell(viewer: &Viewer) -> bool {
    matches!(viewer.acting_role(), Role::Seller | Role::Staff | Role::Admin)
}

/// Tell `people` (each once) about `kind`.
pub async fn tell(tx: &mut Tx, kind: Kind, title: &str, link: &str, people: &[String]) -> AppResult<()> {
    let now = now_ms();
    let unique: BTreeSet<&String> = people.iter().collect();
    for person in unique {
        db::insert(tx, &new_id(), person, kind.as_str(), title, link, now).await?;
        tx.notify(CHANNEL, person).await?;
    }
    Ok(())
}

/// A checkout placed: each shop's owner (to their studio) and the team with
/// the orders area (to the order desk).
pub async fn orders_placed(tx: &mut Tx, placed: &Placed) -> AppResult<()> {
    let team = db::team(tx, Some("orders")).await?;
    for o in &placed.orders {
        let total = Money::new(o.total, placed.currency.clone());
        let owner = db::shop_owner(tx, &o.seller_id).await?;
        let shop = owner.as_ref().map_or(String::new(), |(_, _, name)| format!(" for {name}"));
        let title = format!("New order {}{shop} ({total})", o.number);
        if let Some((owner_id, _, _)) = &owner {
            tell(
                tx,
                Kind::NewOrder,
                &title,
                &format!("/studio/orders/{}", o.order_id),
                std::slice::from_ref(owner_id),
            )
            .await?;
        }
        let others: Vec<String> = team
            .iter()
            .filter(|id| owner.as_ref().is_none_or(|(owner_id, ..)| owner_id != *id))
            .cloned()
            .collect();
        tell(tx, Kind::NewOrder, &title, &format!("/admin/orders/{}", o.order_id), &others).await?;
    }
    Ok(())
}

/// Stock was taken (`(product id, units)`): a product that crossed its
/// low-stock line with this sale — above it before, at or below it now —
/// tells its shop (also by mail) and the team with the catalog area. A
/// product already below the line says nothing more until restocked above it.
pub async fn stock_taken(tx: &mut Tx, sold: &[(String, i64)], default_line: i64) -> AppResult<()> {
    let mut units: BTreeMap<&str, i64> = BTreeMap::new();
    for (product, n) in sold {
        *units.entry(product.as_str()).or_default() += n;
    }
    for (product, n) in units {
        let Some((left, line, shop, title)) = db::stock_line(tx, product, default_line).await? else {
            continue;
        };
        if !(left + n > line && left <= line) {
            continue;
        }
        let what = if left == 0 { format!("{title} is sold out") } else { format!("{title}: {left} left") };
        let link = format!("/studio/products/{product}");
        let mut people = db::team(tx, Some("catalog")).await?;
        if let Some((owner_id, email, shop_name)) = db::shop_owner(tx, &shop).await? {
            people.push(owner_id);
            let text = format!(
                "{what} in {shop_name} (your low-stock line is {line}). Restock it in your studio: {{site}}{link}"
            );
            let message = crate::mail::Message {
                kind: "low_stock",
                to: &email,
                subject: format!("Running low: {what}"),
                html: crate::mail::html(std::slice::from_ref(&text)),
                text,
                order_id: None,
                unsubscribe_url: None,
            };
            crate::mail::enqueue(tx, &message).await?;
        }
        tell(tx, Kind::LowStock, &what, &link, &people).await?;
    }
    Ok(())
}

/// A shop applied to sell: the administrators.
pub async fn seller_applied(tx: &mut Tx, shop_name: &str) -> AppResult<()> {
    let admins = db::team(tx, None).await?;
    tell(tx, Kind::SellerApplication, &format!("{shop_name} applied to sell"), "/admin/sellers", &admins)
        .await
}

/// A low review was written: the team with the catalog area.
pub async fn review_written(tx: &mut Tx, rating: i64) -> AppResult<()> {
    if rating > 2 {
        return Ok(());
    }
    let team = db::team(tx, Some("catalog")).await?;
    let stars = if rating == 1 { "1 star" } else { "2 stars" };
    tell(tx, Kind::ReviewToModerate, &format!("A {stars} review to look at"), "/admin/reviews", &team).await
}

/// The assistant handed a conversation to staff: the support area.
pub async fn escalated(tx: &mut Tx) -> AppResult<()> {
    let team = db::team(tx, Some("support")).await?;
    tell(tx, Kind::Escalation, "A customer is waiting for a person in the assistant", "/studio/inbox", &team)
        .await
}

/// The outbox gave up on a message: the administrators.
pub async fn mail_failed(tx: &mut Tx, recipient: &str, subject: &str) -> AppResult<()> {
    let admins = db::team(tx, None).await?;
    let title = format!("Mail to {recipient} could not be delivered: “{subject}”");
    tell(tx, Kind::MailFailed, &title, "/admin/outbox", &admins).await
}

fn forbidden_without_bell(viewer: &Viewer) -> AppResult<()> {
    if has_bell(viewer) { Ok(()) } else { Err(AppError::Forbidden) }
}

/// The viewer's newest notifications (or only the unread) and the unread count.
pub async fn inbox(c: &mut Conn, viewer: &Viewer, unread_only: bool) -> AppResult<Inbox> {
    forbidden_without_bell(viewer)?;
    let rows = db::newest(c, &viewer.id, unread_only, PAGE).await?;
    let notifications = rows
        .into_iter()
        .filter_map(|r| {
            Some(Notification {
                kind: Kind::parse(&r.kind)?,
                id: r.id,
                title: r.title,
                link: r.link,
                created_at: r.created_at,
                read: r.read_at.is_some(),
            })
        })
        .collect();
    Ok(Inbox { notifications, unread_count: db::unread(c, &viewer.id).await? })
}

/// Unread count; `None` for people without a bell.
pub async fn unread(c: &mut Conn, viewer: &Viewer) -> AppResult<Option<i64>> {
    if !has_bell(viewer) {
        return Ok(None);
    }
    Ok(Some(db::unread(c, &viewer.id).await?))
}

/// Mark these read (none named: all). Returns the unread count after.
pub async fn mark_read(db_: &Db, viewer: &Viewer, ids: &[String]) -> AppResult<i64> {
    forbidden_without_bell(viewer)?;
    if ids.len() > PAGE as usize {
        return Err(AppError::field("ids", format!("At most {PAGE} at once.")));
    }
    db_.write(async |tx| {
        db::mark_read(tx, &viewer.id, ids, now_ms()).await?;
        tx.notify(CHANNEL, &viewer.id).await?;
        Ok(db::unread(tx, &viewer.id).await?)
    })
    .await
}
