//! `POST /api/v1/payments/webhook`: Stripe's events. The signature is
//! checked over the raw body by async-stripe's `Webhook` (HMAC-SHA256 with
//! the endpoint secret, at most 5 minutes old) before anything is read;
//! then the event is handled once (see `service::handle_event`).

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use serde::Serialize;
use stripe_webhook::{Webhook, WebhookError};
use utoipa::ToSchema;

use super::service::{self, Incoming};
use crate::error::AppError;
use crate::server::rest::ErrorBody;
use crate::server::state::AppState;

/// Events are small; anything larger is not Stripe's.
const MAX_EVENT_BYTES: usize = 256 * 1024;

fn bad_signature(message: &str) -> AppError {
    AppError::field("stripe_signature", message)
}

/// Whether `sig` signs `payload` with `secret`, and is fresh. The library
/// checks the signature and its age before it parses the event, so its
/// parse error (our events are read into our own types) means it held.
pub fn verify(payload: &str, sig: &str, secret: &str) -> Result<(), AppError> {
    match Webhook::construct_event(payload, sig, secret) {
        Ok(_) | Err(WebhookError::BadParse(_)) => Ok(()),
        Err(WebhookError::BadTimestamp(_)) => Err(bad_signature("The signature is more than 5 minutes old.")),
        Err(_) => Err(bad_signature("The signature does not match.")),
    }
}

#[derive(Serialize, ToSchema)]
pub struct Received {
    received: bool,
    /// `paid`, `already_paid`, `refunding`, `failure_noted`, `duplicate`, `ignored`.
    outcome: &'static str,
}

#[utoipa::path(
    post, path = "/api/v1/payments/webhook", tag = "payments",
    request_body(content = String, description = "A Stripe event, signed in the `Stripe-Signature` header", content_type = "application/json"),
    responses(
        (status = 200, description = "Handled (or seen before, or not ours)", body = Received),
        (status = 400, description = "Missing, wrong or stale signature, or not an event: nothing changes", body = ErrorBody),
        (status = 404, description = "Card payments are not set up", body = ErrorBody),
    )
)]
pub async fn receive(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Received>, AppError> {
    let gw = state.payments.as_deref().ok_or_else(|| AppError::NotFound("Payments".into()))?;
    if body.len() > MAX_EVENT_BYTES {
        return Err(AppError::TooLarge);
    }
    let sig = super::rest::signature(&headers)
        .ok_or_else(|| bad_signature("The Stripe-Signature header is missing."))?;
    let payload =
        std::str::from_utf8(&body).map_err(|_| AppError::field("body", "The event is not UTF-8."))?;
    verify(payload, sig, &gw.webhook_secret)?;
    let event: Incoming =
        serde_json::from_str(payload).map_err(|_| AppError::field("body", "That is not a Stripe event."))?;
    if event.id.len() > 255 || event.data.object.id.len() > 255 {
        return Err(AppError::field("body", "That is not a Stripe event."));
    }
    let handled = service::handle_event(&state.db, &event).await?;
    tracing::info!(event = %event.id, kind = %event.kind, outcome = handled.as_str(), "Stripe event");
    Ok(Json(Received { received: true, outcome: handled.as_str() }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_are_checked_before_anything_is_read() {
        let body = r#"{"id":"evt_1","type":"payment_intent.succeeded","data":{"object":{"id":"pi_1"}}}"#;
        let good = Webhook::generate_test_header(body, "whsec_a", None);
        assert!(verify(body, &good, "whsec_a").is_ok(), "an event we read ourselves still verifies");
        assert!(verify(body, &good, "whsec_b").is_err(), "another secret");
        assert!(verify(&body.replace("pi_1", "pi_2"), &good, "whsec_a").is_err(), "a changed body");
        let stale = Webhook::generate_test_header(body, "whsec_a", Some(chrono_free_now() - 301));
        assert_eq!(
            verify(body, &stale, "whsec_a").unwrap_err().field_message("stripe_signature").unwrap(),
            "The signature is more than 5 minutes old."
        );
        assert!(verify(body, "t=1,v1=zz", "whsec_a").is_err());
        assert!(verify(body, "", "whsec_a").is_err());
    }

    fn chrono_free_now() -> i64 {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
    }
}
