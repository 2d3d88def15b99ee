//! Payment server functions: the card form's confirm, and the back
//! office's refund form (a plain form post).

use leptos::prelude::*;

use super::{PayOutcome, RefundLine};
use crate::error::AppError;

/// Confirm a card checkout with what Stripe.js made of the card. The
/// order page then waits for Stripe's webhook to say it is paid.
#[server(endpoint = "pay_checkout")]
pub async fn pay_checkout(checkout_id: String, payment_method: String) -> Result<PayOutcome, AppError> {
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    super::service::pay(&state.db, state.payments.as_deref(), &viewer, &checkout_id, &payment_method).await
}

/// Refund an order from its back-office page: `whole`, or the quantities
/// typed per line (`lines[i][line_id]`, `lines[i][quantity]`).
#[server(endpoint = "refund_order")]
pub async fn refund_order(
    id: String,
    whole: Option<String>,
    #[server(default)] lines: Vec<RefundLine>,
    #[server(default)] reason: String,
    back: String,
) -> Result<(), AppError> {
    use super::refunds::{RefundRequest, refund};
    let state = crate::server::state::current()?;
    let viewer = crate::server::auth::require_viewer().await?;
    let lines = match whole {
        Some(_) => None,
        None => {
            let picked: Vec<RefundLine> = lines.into_iter().filter(|l| l.quantity != 0).take(100).collect();
            if picked.is_empty() {
                return Err(AppError::field("lines", "Enter how many of a line to refund."));
            }
            Some(picked)
        }
    };
    let device = crate::server::auth::current_device().await;
    let req = RefundRequest { lines, reason };
    refund(&state.db, state.payments.as_deref(), &viewer, &device, &id, &req).await?;
    let back = if back.starts_with("/admin/orders/") { back } else { format!("/admin/orders/{id}") };
    leptos_axum::redirect(&format!("{back}?updated=1"));
    Ok(())
}
