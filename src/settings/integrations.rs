//! Stripe, SMTP and Gemini: configured or not, a test on demand, and the
//! outcome of the last test or failed use (kept in `site_settings` as
//! `check.{name}`, so every node shows the same).

use std::time::Duration;

use lettre::{AsyncSmtpTransport, Tokio1Executor};

use super::{Check, Integration, IntegrationView, tail};
use crate::error::AppResult;
use crate::server::db::Conn;
use crate::server::now_ms;
use crate::server::state::AppState;

/// A test gives up after this long.
const TEST_TIMEOUT: Duration = Duration::from_secs(15);
/// Errors are kept this long, at most (characters).
const MAX_ERROR: usize = 300;

fn key(which: Integration) -> String {
    format!("check.{}", which.as_str())
}

/// `scheme://host[:port]` of a URL, never its user or password.
fn host_of(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(u) => {
            let port = u.port().map(|p| format!(":{p}")).unwrap_or_default();
            format!("{}://{}{port}", u.scheme(), u.host_str().unwrap_or(""))
        }
        Err(_) => "(not a valid URL)".into(),
    }
}

fn smtp_password(url: &str) -> Option<String> {
    reqwest::Url::parse(url).ok()?.password().map(str::to_owned)
}

/// Each integration with where it points and its last outcome.
pub async fn views(state: &AppState, c: &mut Conn) -> AppResult<Vec<IntegrationView>> {
    let (pay, mail, ai) = (&state.settings.payments, &state.settings.mail, &state.settings.ai);
    let mut out = Vec::new();
    for which in Integration::ALL {
        let (configured, target, secret) = match which {
            Integration::Stripe => {
                (state.payments.is_some(), host_of(&pay.stripe_api_url), pay.stripe_secret_key.clone())
            }
            Integration::Smtp => match &mail.smtp_url {
                Some(url) => (true, host_of(url), smtp_password(url)),
                None => (false, String::new(), None),
            },
            Integration::Gemini => (
                ai.gemini_api_key.is_some(),
                format!("{} · {}", host_of(&ai.gemini_base_url), ai.gemini_model),
                ai.gemini_api_key.clone(),
            ),
        };
        let last = last(c, which).await?;
        let secret_tail = secret.as_deref().map(tail);
        out.push(IntegrationView { which, configured, target, secret_tail, last });
    }
    Ok(out)
}

async fn last(c: &mut Conn, which: Integration) -> AppResult<Option<Check>> {
    let stored = super::db::setting(c, &key(which)).await?;
    Ok(stored.and_then(|json| serde_json::from_str(&json).ok()))
}

/// Remember an outcome (a test, or a real use that failed).
pub async fn record(c: &mut Conn, which: Integration, outcome: &Result<(), String>) -> AppResult<Check> {
    let error = match outcome {
        Ok(()) => String::new(),
        Err(e) => e.chars().take(MAX_ERROR).collect(),
    };
    let check = Check { ok: outcome.is_ok(), error, at: now_ms() };
    let json = serde_json::to_string(&check).unwrap_or_default();
    super::db::put_setting(c, &key(which), &json, "", check.at).await?;
    Ok(check)
}

/// Mark it working again after a failure, without a write when it already is.
pub async fn recovered(c: &mut Conn, which: Integration) -> AppResult<()> {
    if last(c, which).await?.is_some_and(|l| !l.ok) {
        record(c, which, &Ok(())).await?;
    }
    Ok(())
}

/// Try it now and keep the outcome.
pub async fn test(state: &AppState, which: Integration) -> AppResult<Check> {
    let outcome = match tokio::time::timeout(TEST_TIMEOUT, probe(state, which)).await {
        Ok(outcome) => outcome,
        Err(_) => Err(format!("No answer within {} seconds.", TEST_TIMEOUT.as_secs())),
    };
    if let Err(e) = &outcome {
        tracing::warn!(integration = which.as_str(), error = %e, "integration test failed");
    }
    record(&mut state.db.conn().await?, which, &outcome).await
}

async fn probe(state: &AppState, which: Integration) -> Result<(), String> {
    let off = || Err(format!("Not configured: set {}.", which.keys()));
    match which {
        Integration::Stripe => match &state.payments {
            Some(gateway) => gateway.check().await,
            None => off(),
        },
        Integration::Smtp => {
            let Some(url) = &state.settings.mail.smtp_url else { return off() };
            let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                .map_err(|e| format!("BAZAAR_SMTP_URL is not a valid smtp:// URL: {e}"))?
                .timeout(Some(TEST_TIMEOUT))
                .build::<Tokio1Executor>();
            match transport.test_connection().await {
                Ok(true) => Ok(()),
                Ok(false) => Err("The mail server did not accept a connection.".into()),
                Err(e) => Err(format!("The mail server could not be reached: {e}")),
            }
        }
        Integration::Gemini => {
            let Some(gemini) = crate::assistant::gemini::Gemini::from_settings(&state.settings.ai) else {
                return off();
            };
            let ping = [crate::assistant::gemini::Turn { model: false, text: "ping".into() }];
            gemini
                .generate("Answer with the single word OK.", &ping)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_never_show_credentials() {
        assert_eq!(
            host_of("smtp://mailer:hunter2secret@mail.example.com:587"),
            "smtp://mail.example.com:587"
        );
        assert_eq!(
            smtp_password("smtp://mailer:hunter2secret@mail.example.com:587").as_deref(),
            Some("hunter2secret")
        );
        assert_eq!(smtp_password("smtp://127.0.0.1:2525"), None);
        assert_eq!(host_of("https://api.stripe.com"), "https://api.stripe.com");
    }
}
