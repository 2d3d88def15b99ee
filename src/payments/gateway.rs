//! Stripe, through async-stripe's client and request builders. Answers are
//! read into the few fields we use (`Intent`, `RefundDone`), so fields a
//! newer API version adds — or a test double leaves out — change nothing.
//! Every call that moves money carries an idempotency key.

use std::collections::HashMap;
use std::time::Duration;

use stripe::{Client, ClientBuilder, IdempotencyKey, RequestStrategy, StripeError, StripeRequest};
use stripe_core::payment_intent::{
    CancelPaymentIntent, ConfirmPaymentIntent, CreatePaymentIntent, ListPaymentIntent, RetrievePaymentIntent,
    UpdatePaymentIntent,
};
use stripe_core::refund::CreateRefund;

use crate::error::{AppError, AppResult};
use crate::server::config::PaymentSettings;

/// A PaymentIntent, as far as we read it.
#[derive(Debug, Clone, PartialEq, Eq, miniserde::Deserialize)]
pub struct Intent {
    pub id: String,
    /// `requires_payment_method`, `requires_action`, `processing`, `succeeded`, `canceled`…
    pub status: String,
    pub amount: i64,
    pub currency: String,
    pub client_secret: Option<String>,
}

impl Intent {
    pub fn succeeded(&self) -> bool {
        self.status == "succeeded"
    }
}

/// A page of a list, as far as a health check reads it.
#[derive(Debug, miniserde::Deserialize)]
struct Listed {
    object: String,
}

/// A refund Stripe made.
#[derive(Debug, Clone, PartialEq, Eq, miniserde::Deserialize)]
pub struct RefundDone {
    pub id: String,
    pub status: String,
    pub amount: i64,
}

/// Why a call failed, as the caller needs to act on it.
#[derive(Debug)]
pub enum StripeFailure {
    /// Stripe said no (a declined card, a refund larger than the charge):
    /// trying again will not help. The message is Stripe's, for people.
    Refused(String),
    /// Stripe could not be reached or answered oddly: try again later.
    Unavailable(String),
}

impl From<StripeError> for StripeFailure {
    fn from(e: StripeError) -> Self {
        match e {
            StripeError::Stripe(errors, status) if (400..500).contains(&status) && status != 429 => {
                Self::Refused(errors.message.unwrap_or_else(|| "The payment was refused.".to_owned()))
            }
            other => Self::Unavailable(other.to_string()),
        }
    }
}

impl From<StripeFailure> for AppError {
    fn from(f: StripeFailure) -> Self {
        match f {
            StripeFailure::Refused(message) => AppError::Payment(message),
            StripeFailure::Unavailable(detail) => {
                tracing::warn!(%detail, "Stripe did not answer");
                AppError::Busy { retry_after_secs: 10 }
            }
        }
    }
}

/// The shop's Stripe account: its API client, the browser's key, the
/// webhook secret and where Stripe.js comes from.
#[derive(Clone)]
pub struct Gateway {
    client: Client,
    pub publishable_key: String,
    pub webhook_secret: String,
    pub js_url: String,
    /// What the page's Content-Security-Policy adds for the card form.
    pub browser_origins: Vec<String>,
}

impl std::fmt::Debug for Gateway {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gateway").field("js_url", &self.js_url).finish_non_exhaustive()
    }
}

type Stripe<T> = Result<T, StripeFailure>;

impl Gateway {
    /// `None` unless all three keys are set (card payments are off).
    pub fn from_settings(s: &PaymentSettings) -> AppResult<Option<Self>> {
        if !s.card_enabled() {
            return Ok(None);
        }
        let secret = s.stripe_secret_key.clone().unwrap_or_default();
        let client = ClientBuilder::new(secret)
            .url(s.stripe_api_url.clone())
            .timeout(Duration::from_secs(20))
            .build()
            .map_err(|e| {
                tracing::error!(error = %e, "cannot build the Stripe client");
                AppError::Internal
            })?;
        Ok(Some(Self {
            client,
            publishable_key: s.stripe_publishable_key.clone().unwrap_or_default(),
            webhook_secret: s.stripe_webhook_secret.clone().unwrap_or_default(),
            js_url: s.stripe_js_url.clone(),
            browser_origins: s.browser_origins(),
        }))
    }

    fn key(key: &str) -> RequestStrategy {
        match IdempotencyKey::new(key) {
            Ok(k) => RequestStrategy::Idempotent(k),
            Err(_) => RequestStrategy::Once,
        }
    }

    /// A PaymentIntent for a checkout: asking twice with the same `attempt`
    /// returns the first (it is the idempotency key).
    pub async fn create_intent(
        &self,
        checkout_id: &str,
        attempt: &str,
        amount: i64,
        currency: &str,
    ) -> Stripe<Intent> {
        let currency: stripe_types::Currency = currency
            .to_ascii_lowercase()
            .parse()
            .map_err(|_| StripeFailure::Refused(format!("Stripe does not take {currency}.")))?;
        let metadata = HashMap::from([("checkout_id".to_owned(), checkout_id.to_owned())]);
        let req = CreatePaymentIntent::new(amount, currency).metadata(metadata);
        let intent = req
            .build()
            .customize::<Intent>()
            .request_strategy(Self::key(&format!("checkout-{attempt}")))
            .send(&self.client)
            .await?;
        Ok(intent)
    }

    pub async fn retrieve(&self, intent_id: &str) -> Stripe<Intent> {
        Ok(RetrievePaymentIntent::new(intent_id).build().customize::<Intent>().send(&self.client).await?)
    }

    /// Attach the card the browser tokenised.
    pub async fn attach(&self, intent_id: &str, payment_method: &str) -> Stripe<Intent> {
        let req = UpdatePaymentIntent::new(intent_id).payment_method(payment_method);
        Ok(req.build().customize::<Intent>().send(&self.client).await?)
    }

    /// Confirm (charge). A declined card is `Refused` with Stripe's words;
    /// 3-D Secure is `requires_action`.
    pub async fn confirm(&self, intent_id: &str) -> Stripe<Intent> {
        Ok(ConfirmPaymentIntent::new(intent_id).build().customize::<Intent>().send(&self.client).await?)
    }

    /// The key works and Stripe answers: list one payment intent.
    pub async fn check(&self) -> Result<(), String> {
        let listed = ListPaymentIntent::new().limit(1).build().customize::<Listed>().send(&self.client).await;
        match listed {
            Ok(l) if l.object == "list" => Ok(()),
            Ok(l) => Err(format!("Stripe answered with a {} instead of a list", l.object)),
            Err(StripeError::Stripe(e, status)) => {
                Err(format!("Stripe answered {status}: {}", e.message.unwrap_or_default()))
            }
            Err(e) => Err(format!("Stripe could not be reached: {e}")),
        }
    }

    /// Give up on an intent nobody paid (best effort: the hold ran out).
    pub async fn cancel(&self, intent_id: &str) -> Stripe<Intent> {
        Ok(CancelPaymentIntent::new(intent_id).build().customize::<Intent>().send(&self.client).await?)
    }

    /// Refund `amount` of an intent; `key` (our refund's id) makes a retry
    /// return the first refund instead of paying back twice.
    pub async fn refund(&self, intent_id: &str, amount: i64, key: &str) -> Stripe<RefundDone> {
        let req = CreateRefund::new().payment_intent(intent_id).amount(amount);
        Ok(req
            .build()
            .customize::<RefundDone>()
            .request_strategy(Self::key(&format!("refund-{key}")))
            .send(&self.client)
            .await?)
    }
}
