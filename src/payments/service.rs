//! Paying a card checkout and settling it on Stripe's word.

use serde::Deserialize;

use super::db;
use super::gateway::Gateway;
use super::{CardForm, PayOutcome};
use crate::accounts::Viewer;
use crate::checkout::db::{self as checkouts, CheckoutRow};
use crate::checkout::{PaymentMethod, Placed};
use crate::error::{AppError, AppResult};
use crate::orders::OrderStatus;
use crate::server::db::{Conn, Db, Tx};
use crate::server::{new_id, now_ms};

/// The checkout's PaymentIntent: made right after placing, or now when
/// Stripe could not be reached then. Returns (intent id, client secret).
pub async fn ensure_intent(db_: &Db, gw: &Gateway, row: &CheckoutRow) -> AppResult<(String, String)> {
    if let (Some(id), Some(secret)) = (&row.payment_intent_id, &row.client_secret) {
        return Ok((id.clone(), secret.clone()));
    }
    let intent = gw.create_intent(&row.id, &row.id, row.total_minor, &row.currency).await?;
    let secret = intent.client_secret.clone().unwrap_or_default();
    db::set_intent(&mut db_.conn().await?, &row.id, None, &intent.id, &secret).await?;
    Ok((intent.id, secret))
}

/// Give the checkout a fresh intent in place of `old`, which is cancelled
/// first so it can never be paid. Only for an intent that cannot take a new
/// card (localstripe keeps a declined charge on its intent; Stripe does not).
async fn replace_intent(db_: &Db, gw: &Gateway, row: &CheckoutRow, old: &str) -> AppResult<(String, String)> {
    gw.cancel(old).await?;
    let intent = gw.create_intent(&row.id, &new_id(), row.total_minor, &row.currency).await?;
    let secret = intent.client_secret.clone().unwrap_or_default();
    db::set_intent(&mut db_.conn().await?, &row.id, Some(old), &intent.id, &secret).await?;
    Ok((intent.id, secret))
}

/// After a card checkout is placed: give it its intent. Stripe being down
/// does not undo the order — the card form makes the intent later.
pub async fn after_place(db_: &Db, gw: Option<&Gateway>, mut placed: Placed) -> Placed {
    let (Some(gw), true) =
        (gw, placed.payment_method == PaymentMethod::Card.as_str() && placed.status == "pending")
    else {
        return placed;
    };
    let row = match checkout(db_, &placed.checkout_id).await {
        Ok(Some(row)) => row,
        _ => return placed,
    };
    match ensure_intent(db_, gw, &row).await {
        Ok((id, secret)) => {
            placed.payment_intent_id = Some(id);
            placed.client_secret = Some(secret);
        }
        Err(e) => tracing::warn!(checkout = %placed.checkout_id, error = %e, "no PaymentIntent yet"),
    }
    placed
}

async fn checkout(db_: &Db, id: &str) -> AppResult<Option<CheckoutRow>> {
    Ok(checkouts::by_id(&mut db_.conn().await?, id).await?)
}

async fn own_checkout(c: &mut Conn, viewer: &Viewer, id: &str) -> AppResult<CheckoutRow> {
    checkouts::by_id(c, id)
        .await?
        .filter(|r| r.user_id == viewer.id)
        .ok_or_else(|| AppError::NotFound("Checkout".into()))
}

/// Confirm the checkout's intent with the card the browser tokenised.
/// The order becomes paid only when Stripe says so (webhook), never here.
pub async fn pay(
    db_: &Db,
    gw: Option<&Gateway>,
    viewer: &Viewer,
    checkout_id: &str,
    payment_method: &str,
) -> AppResult<PayOutcome> {
    let gw = gw.ok_or_else(|| AppError::Conflict("Card payments are not set up in this shop.".into()))?;
    if !super::valid_payment_method(payment_method) {
        return Err(AppError::field("payment_method", "Enter your card again."));
    }
    let row = own_checkout(&mut db_.conn().await?, viewer, checkout_id).await?;
    match (row.payment_method.as_str(), row.payment_status.as_str()) {
        ("card", "pending") => {}
        (_, "paid") => return Ok(PayOutcome { status: "succeeded".into(), client_secret: None }),
        ("card", "cancelled") => {
            return Err(AppError::Conflict(
                "This order was cancelled because the payment did not arrive in time.".into(),
            ));
        }
        _ => return Err(AppError::Conflict("There is nothing to pay by card on this order.".into())),
    }
    let orders = crate::orders::service::of_checkout(&mut db_.conn().await?, &row.id).await?;
    if !orders.iter().any(|o| o.status() == OrderStatus::Pending) {
        return Err(AppError::Conflict("This order is cancelled; there is nothing to pay.".into()));
    }
    let (mut intent_id, mut secret) = ensure_intent(db_, gw, &row).await?;
    if gw.attach(&intent_id, payment_method).await?.status == "requires_payment_method" {
        (intent_id, secret) = replace_intent(db_, gw, &row, &intent_id).await?;
        gw.attach(&intent_id, payment_method).await?;
    }
    let intent = gw.confirm(&intent_id).await?;
    let action = intent.status == "requires_action";
    Ok(PayOutcome { status: intent.status, client_secret: action.then_some(secret) })
}

/// The card form for an unpaid card checkout the viewer placed.
pub async fn card_form(
    c: &mut Conn,
    gw: Option<&Gateway>,
    viewer: &Viewer,
    checkout_id: &str,
) -> AppResult<Option<CardForm>> {
    let Some(gw) = gw else { return Ok(None) };
    let row = own_checkout(c, viewer, checkout_id).await?;
    if row.payment_method != "card" || row.payment_status != "pending" {
        return Ok(None);
    }
    let orders = crate::orders::service::of_checkout(c, checkout_id).await?;
    Ok(Some(CardForm {
        checkout_id: row.id.clone(),
        publishable_key: gw.publishable_key.clone(),
        js_url: gw.js_url.clone(),
        amount: crate::catalog::Money::new(row.total_minor, &row.currency).to_string(),
        order_numbers: orders.into_iter().rev().map(|o| o.number).collect(),
    }))
}

/// What became of a payment Stripe reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    /// The checkout and its orders are paid now.
    Paid,
    /// Already paid (a repeat, or the other path got there first).
    AlreadyPaid,
    /// The checkout was cancelled before the money came: paid back.
    RefundedLate,
    /// Not one of ours, or an amount that does not match.
    Ignored,
}

const PAID_NOTE: &str = "Card payment received.";

/// Stripe says the intent succeeded: the checkout and its pending orders
/// become paid (history, mail, live pages), once. Money that arrives after
/// the hold ran out is paid back whole.
pub async fn settle(tx: &mut Tx, row: &CheckoutRow, amount: i64) -> AppResult<Settled> {
    if amount != row.total_minor {
        tracing::error!(checkout = %row.id, amount, total = row.total_minor, "paid amount does not match");
        return Ok(Settled::Ignored);
    }
    let now = now_ms();
    if checkouts::set_payment_status(tx, &row.id, "pending", "paid", now).await? {
        db::clear_hold(tx, &row.id).await?;
        for order in crate::orders::service::of_checkout(tx, &row.id).await? {
            match order.status() {
                OrderStatus::Pending => {
                    crate::orders::service::transition(
                        tx,
                        crate::audit::log::Actor::Shop,
                        &order,
                        OrderStatus::Paid,
                        PAID_NOTE,
                    )
                    .await?;
                }
                // The shopper cancelled this shop's order before paying: its part goes back.
                OrderStatus::Cancelled => refund_cancelled(tx, row, &order, now).await?,
                _ => {}
            }
        }
        return Ok(Settled::Paid);
    }
    let now_status = checkouts::by_id(tx, &row.id).await?.map(|r| r.payment_status).unwrap_or_default();
    match now_status.as_str() {
        "cancelled" => {
            let refund = db::NewRefund {
                id: &new_id(),
                checkout_id: &row.id,
                order_id: None,
                amount,
                currency: &row.currency,
                method: "card",
                status: "pending",
                reason: "The payment arrived after the order was cancelled.",
                actor: "Bazaar",
                now,
            };
            db::insert_refund(tx, &refund).await?;
            tracing::warn!(checkout = %row.id, "payment after cancellation: refunding");
            Ok(Settled::RefundedLate)
        }
        "paid" | "refunded" => Ok(Settled::AlreadyPaid),
        _ => Ok(Settled::Ignored),
    }
}

/// Book the refund of an order cancelled before its checkout was paid.
async fn refund_cancelled(
    tx: &mut Tx,
    row: &CheckoutRow,
    order: &crate::orders::OrderSummary,
    now: i64,
) -> AppResult<()> {
    let amount = order.total_minor - order.refunded_minor;
    if amount <= 0 || !db::add_refunded(tx, &order.id, amount).await? {
        return Ok(());
    }
    let refund = db::NewRefund {
        id: &new_id(),
        checkout_id: &row.id,
        order_id: Some(&order.id),
        amount,
        currency: &row.currency,
        method: "card",
        status: "pending",
        reason: "The order was cancelled before the payment arrived.",
        actor: "Bazaar",
        now,
    };
    db::insert_refund(tx, &refund).await?;
    let note = format!("{} paid after it was cancelled: refunding it.", order.money(amount));
    crate::orders::service::note(tx, order, &note).await
}

/// A Stripe event, as far as we read it.
#[derive(Debug, Deserialize)]
pub struct Incoming {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub data: IncomingData,
}

#[derive(Debug, Deserialize)]
pub struct IncomingData {
    pub object: IncomingObject,
}

#[derive(Debug, Deserialize)]
pub struct IncomingObject {
    pub id: String,
    #[serde(default)]
    pub amount: i64,
    #[serde(default)]
    pub last_payment_error: Option<PaymentError>,
    #[serde(default)]
    pub metadata: std::collections::HashMap<String, String>,
}

#[derive(Debug, Deserialize)]
pub struct PaymentError {
    #[serde(default)]
    pub message: Option<String>,
}

/// What a webhook delivery did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handled {
    Settled(Settled),
    /// The failure was noted on the orders' history.
    FailureNoted,
    /// Seen before: nothing changes.
    Duplicate,
    /// Not an event we act on, or not one of our checkouts.
    Ignored,
}

impl Handled {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Settled(Settled::Paid) => "paid",
            Self::Settled(Settled::AlreadyPaid) => "already_paid",
            Self::Settled(Settled::RefundedLate) => "refunding",
            Self::Settled(Settled::Ignored) | Self::Ignored => "ignored",
            Self::FailureNoted => "failure_noted",
            Self::Duplicate => "duplicate",
        }
    }
}

/// Handle one verified event in one transaction with its record, so a
/// redelivery is a no-op and a late `payment_failed` cannot un-pay.
pub async fn handle_event(db_: &Db, ev: &Incoming) -> AppResult<Handled> {
    db_.write(async |tx| {
        if !db::first_sight(tx, &ev.id, &ev.kind, &ev.data.object.id, now_ms()).await? {
            return Ok(Handled::Duplicate);
        }
        // By its intent, or — for an intent the checkout replaced — by the
        // checkout id it carries: money for a checkout is never lost.
        let row = match db::by_intent(tx, &ev.data.object.id).await? {
            Some(row) => Some(row),
            None => match ev.data.object.metadata.get("checkout_id") {
                Some(id) => checkouts::by_id(tx, id).await?.filter(|r| r.payment_method == "card"),
                None => None,
            },
        };
        let Some(row) = row else { return Ok(Handled::Ignored) };
        match ev.kind.as_str() {
            "payment_intent.succeeded" => {
                Ok(Handled::Settled(settle(tx, &row, ev.data.object.amount).await?))
            }
            "payment_intent.payment_failed" if row.payment_status == "pending" => {
                let reason = ev.data.object.last_payment_error.as_ref().and_then(|e| e.message.clone());
                let note = format!(
                    "The card payment did not go through: {}",
                    reason.as_deref().unwrap_or("the bank refused it.")
                );
                for order in crate::orders::service::of_checkout(tx, &row.id).await? {
                    crate::orders::service::note(tx, &order, &note).await?;
                }
                Ok(Handled::FailureNoted)
            }
            _ => Ok(Handled::Ignored),
        }
    })
    .await
}
