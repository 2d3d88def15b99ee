//! Order rules: who may see an order (its buyer, its shop, staff), the
//! moves of its life (checked against `OrderStatus::can_become`, applied
//! with a conditional update so two moves never both win), stock back on
//! cancel, and a history row for every change. Each change is announced on
//! `CHANNEL` so open order pages update live, on every node.

use super::db::{self, NewOrder, Scope};
use super::{OrderDetail, OrderFilter, OrderLine, OrderStatus, OrderSummary, ShipTo};
use crate::accounts::areas::Area;
use crate::accounts::session::Device;
use crate::accounts::{Role, Viewer};
use crate::audit::Entity;
use crate::audit::log::{Actor, Change};
use crate::error::{AppError, AppResult};
use crate::server::db::{Conn, Tx};
use crate::server::{new_id, now_ms};

/// Order changes (the order id), for live pages.
pub const CHANNEL: &str = "orders";

/// Orders on one page of a list.
pub const PER_PAGE: i64 = 20;

/// "BZ-" and ten characters from 50 random bits: unguessable enough that
/// an order number says nothing about how many orders a shop has.
pub fn order_number() -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    let mut n = rand::random::<u64>();
    let mut out = String::from("BZ-");
    for _ in 0..10 {
        out.push(ALPHABET[(n % 32) as usize] as char);
        n /= 32;
    }
    out
}

/// Who did something, as the history shows it.
pub fn actor(viewer: Option<&Viewer>) -> (Option<&str>, String) {
    match viewer {
        Some(v) => (Some(v.id.as_str()), format!("{} ({})", v.full_name, v.role.label().to_lowercase())),
        None => (None, "Bazaar".to_owned()),
    }
}

/// The order the checkout makes for one shop, with its lines and first event.
pub struct Draft<'a> {
    pub checkout_id: &'a str,
    pub user_id: &'a str,
    pub shop: &'a crate::checkout::ShopQuote,
    pub status: OrderStatus,
    pub payment_method: &'a str,
    pub currency: &'a str,
    pub ship_to: &'a ShipTo,
    /// The cart it was bought from: its lines' live streams and channels
    /// pass to the order's lines (none: bought directly by the API).
    pub cart_id: Option<&'a str>,
}

/// Write one shop's order, its lines and its first history row.
pub async fn create(tx: &mut Tx, d: &Draft<'_>) -> AppResult<crate::checkout::PlacedOrder> {
    let (id, number, now) = (new_id(), order_number(), now_ms());
    let s = d.shop;
    let order = NewOrder {
        id: &id,
        number: &number,
        checkout_id: d.checkout_id,
        user_id: d.user_id,
        shop_id: &s.shop_id,
        status: d.status.as_str(),
        payment_method: d.payment_method,
        currency: d.currency,
        subtotal: s.subtotal,
        shipping: s.shipping,
        tax: s.tax,
        discount: s.discount,
        total: s.total,
        ship_to: d.ship_to,
        now,
        sold_at: (d.status != OrderStatus::Pending).then_some(now),
    };
    db::insert(tx, &order).await?;
    for l in &s.lines {
        let line = OrderLine {
            id: new_id(),
            product_id: l.product_id.clone(),
            variant_id: l.variant_id.clone(),
            title: l.title.clone(),
            variant_title: l.variant_title.clone(),
            sku: l.sku.clone(),
            unit_price_minor: l.unit_price,
            quantity: l.quantity,
            line_total_minor: l.line_total,
            refunded_quantity: 0,
        };
        db::insert_line(tx, &id, &s.shop_id, &line).await?;
    }
    let note = match d.status {
        OrderStatus::Pending => "Order placed; awaiting card payment.",
        _ => "Order placed; payment due on delivery.",
    };
    db::insert_event(tx, &id, d.status.as_str(), (Some(d.user_id), "Customer"), note, now).await?;
    if let Some(cart) = d.cart_id {
        let placed = [id.clone()];
        crate::live::service::attribute_orders(tx, cart, &placed).await?;
        crate::cart::service::channels_to_orders(tx, cart, &placed).await?;
    }
    super::sales::placed(tx, &id, d.user_id, s, d.status, now).await?;
    Ok(crate::checkout::PlacedOrder {
        order_id: id,
        number,
        seller_id: s.shop_id.clone(),
        status: d.status.as_str().to_owned(),
        total: s.total,
    })
}

/// May `viewer` see this order? Its buyer, its shop's owner, staff and
/// administrators; anyone else is told it does not exist.
async fn visible(c: &mut Conn, viewer: &Viewer, order: &OrderSummary) -> AppResult<()> {
    let allowed = if viewer.may(Area::Orders) || order.user_id == viewer.id {
        true
    } else if viewer.role == Role::Seller {
        crate::sellers::service::mine(c, &viewer.id).await?.is_some_and(|s| s.id == order.shop_id)
    } else {
        false
    };
    if allowed { Ok(()) } else { Err(missing()) }
}

fn missing() -> AppError {
    AppError::NotFound("Order".into())
}

pub async fn detail(c: &mut Conn, viewer: &Viewer, id: &str) -> AppResult<OrderDetail> {
    let order = db::summary(c, id).await?.ok_or_else(missing)?;
    visible(c, viewer, &order).await?;
    let payment_status = crate::checkout::service::payment_status(c, &order.checkout_id).await?;
    Ok(OrderDetail {
        ship_to: db::ship_to(c, id).await?,
        lines: db::lines(c, id).await?,
        events: db::events(c, id).await?,
        refunds: crate::payments::refunds::of_order(c, id).await?,
        payment_status,
        card: None,
        order,
    })
}

/// The viewer's own orders, newest first.
pub async fn mine(c: &mut Conn, viewer: &Viewer, page: u32) -> AppResult<Vec<OrderSummary>> {
    let scope = Scope { user_id: Some(&viewer.id), ..Scope::default() };
    Ok(db::list(c, &scope, PER_PAGE, offset(page)).await?)
}

/// The viewer's shop's orders (sellers; administrators with a shop too).
pub async fn shop_orders(
    c: &mut Conn,
    viewer: &Viewer,
    filter: &OrderFilter,
) -> AppResult<Vec<OrderSummary>> {
    let (shop_id, _, _) = crate::catalog::studio::service::own_shop(c, viewer).await?;
    let mut only_here = filter.clone();
    (only_here.shop, only_here.customer) = (String::new(), String::new());
    list(c, &only_here, Some(&shop_id)).await
}

/// Every order, narrowed by the filter (the orders area).
pub async fn all_orders(c: &mut Conn, viewer: &Viewer, filter: &OrderFilter) -> AppResult<Vec<OrderSummary>> {
    if !viewer.may(Area::Orders) {
        return Err(AppError::Forbidden);
    }
    let shop_id = match filter.shop.trim() {
        "" => None,
        s => Some(crate::catalog::db::find_shop(c, s).await?.map(|shop| shop.id).unwrap_or_default()),
    };
    list(c, filter, shop_id.as_deref()).await
}

async fn list(c: &mut Conn, f: &OrderFilter, shop_id: Option<&str>) -> AppResult<Vec<OrderSummary>> {
    let status = match f.status.trim() {
        "" => None,
        s => {
            Some(OrderStatus::parse(s).ok_or_else(|| AppError::field("status", "Unknown status."))?.as_str())
        }
    };
    let day = |field: &str, text: &str| match text.trim() {
        "" => Ok(None),
        t => crate::dates::day_start(t)
            .map(Some)
            .ok_or_else(|| AppError::field(field, "Use a date like 2026-11-30.")),
    };
    let customer = f.customer.trim();
    if customer.chars().count() > 100 {
        return Err(AppError::field("customer", "Use at most 100 characters."));
    }
    let scope = Scope {
        shop_id,
        status,
        from: day("from", &f.from)?,
        to: day("to", &f.to)?.map(|t| t + 86_400_000),
        customer: (!customer.is_empty()).then_some(customer),
        ..Scope::default()
    };
    Ok(db::list(c, &scope, PER_PAGE, offset(f.page.max(1))).await?)
}

/// Whether the person has an order of this product that was not cancelled
/// (reviews mark it "verified purchase").
pub async fn has_bought(c: &mut Conn, user_id: &str, product_id: &str) -> AppResult<bool> {
    Ok(db::has_bought(c, user_id, product_id).await?)
}

/// The orders of one checkout (the shopper sees them together).
pub async fn of_checkout(c: &mut Conn, checkout_id: &str) -> AppResult<Vec<OrderSummary>> {
    let scope = Scope { checkout_id: Some(checkout_id), ..Scope::default() };
    Ok(db::list(c, &scope, 100, 0).await?)
}

fn offset(page: u32) -> i64 {
    i64::from(page.clamp(1, 10_000) - 1) * PER_PAGE
}

/// Move an order, recording who did it and why. Refuses moves its life
/// does not allow, and moves someone else made first.
pub async fn transition(
    tx: &mut Tx,
    by: Actor<'_>,
    order: &OrderSummary,
    to: OrderStatus,
    note: &str,
) -> AppResult<()> {
    let viewer = by.viewer();
    let from = order.status();
    if !from.can_become(to) {
        return Err(AppError::Conflict(format!(
            "An order that is {} cannot become {}.",
            from.label().to_lowercase(),
            to.label().to_lowercase()
        )));
    }
    let now = now_ms();
    if !db::set_status(tx, &order.id, from.as_str(), to.as_str(), now).await? {
        return Err(AppError::Conflict("The order changed meanwhile; reload and try again.".into()));
    }
    super::sales::moved(tx, order, to, now).await?;
    if to == OrderStatus::Cancelled {
        let lines = db::lines(tx, &order.id).await?;
        let back: Vec<(String, String, i64)> = lines
            .into_iter()
            .map(|l| (l.product_id, l.variant_id, l.quantity - l.refunded_quantity))
            .filter(|(_, _, q)| *q > 0)
            .collect();
        crate::catalog::buying::return_stock(tx, &back).await?;
    }
    let (actor_id, actor_name) = actor(viewer);
    db::insert_event(tx, &order.id, to.as_str(), (actor_id, &actor_name), note, now).await?;
    if !matches!(to, OrderStatus::Refunded | OrderStatus::PartiallyRefunded) {
        // A refund's row, with its amount, is `payments::refunds`'s.
        let change = Change {
            entity: Entity::Order,
            entity_id: &order.id,
            action: "order_status_changed",
            before: serde_json::json!({ "status": from.as_str() }),
            after: serde_json::json!({ "status": to.as_str() }),
        };
        crate::audit::log::record(tx, by, change).await?;
    }
    tx.notify(CHANNEL, &order.id).await?;
    if let Some(moved) = db::summary(tx, &order.id).await? {
        crate::mail::orders::status_changed(tx, &moved, note).await?;
    }
    Ok(())
}

/// Add a note to an order's history without moving it (a failed card
/// payment, a refund that Stripe refused); open pages hear of it.
pub async fn note(tx: &mut Tx, order: &OrderSummary, note: &str) -> AppResult<()> {
    db::insert_event(tx, &order.id, &order.status, (None, "Bazaar"), note, now_ms()).await?;
    tx.notify(CHANNEL, &order.id).await?;
    Ok(())
}

/// The shopper cancels their own order before it ships.
pub async fn cancel(tx: &mut Tx, viewer: &Viewer, device: &Device, id: &str) -> AppResult<OrderSummary> {
    let order = db::summary(tx, id).await?.filter(|o| o.user_id == viewer.id).ok_or_else(missing)?;
    if !order.status().cancellable() {
        return Err(AppError::Conflict("This order has shipped and can no longer be cancelled.".into()));
    }
    let by = Actor::Person(viewer, device);
    transition(tx, by, &order, OrderStatus::Cancelled, "Cancelled by the customer.").await?;
    db::summary(tx, id).await?.ok_or(AppError::Internal)
}

/// The shop (its owner), staff or an administrator moves an order along;
/// shipping needs a tracking number.
pub async fn set_status(
    tx: &mut Tx,
    viewer: &Viewer,
    device: &Device,
    id: &str,
    to: OrderStatus,
    carrier: &str,
    tracking: &str,
) -> AppResult<OrderSummary> {
    let order = db::summary(tx, id).await?.ok_or_else(missing)?;
    let allowed = if viewer.may(Area::Orders) {
        true
    } else if viewer.role == Role::Seller {
        crate::sellers::service::mine(tx, &viewer.id).await?.is_some_and(|s| s.id == order.shop_id)
    } else {
        false
    };
    if !allowed {
        return Err(if order.user_id == viewer.id { AppError::Forbidden } else { missing() });
    }
    if matches!(to, OrderStatus::Refunded | OrderStatus::PartiallyRefunded) {
        return Err(AppError::field("status", "Refunds are made from the order's refund form."));
    }
    let (carrier, tracking) = (carrier.trim(), tracking.trim());
    let note = if to == OrderStatus::Shipped {
        if tracking.is_empty() || tracking.len() > 64 {
            return Err(AppError::field("tracking_number", "Enter the parcel's tracking number."));
        }
        if carrier.len() > 64 {
            return Err(AppError::field("carrier", "Use at most 64 characters."));
        }
        db::set_tracking(tx, id, carrier, tracking).await?;
        format!(
            "Shipped with {}, tracking {tracking}.",
            if carrier.is_empty() { "the carrier" } else { carrier }
        )
    } else {
        format!("Marked {}.", to.label().to_lowercase())
    };
    transition(tx, Actor::Person(viewer, device), &order, to, &note).await?;
    db::summary(tx, id).await?.ok_or(AppError::Internal)
}

#[cfg(test)]
mod tests {
    #[test]
    fn order_numbers_look_alike_and_differ() {
        let a = super::order_number();
        assert_eq!(a.len(), 13);
        assert!(a.starts_with("BZ-"));
        assert_ne!(a, super::order_number());
    }
}
