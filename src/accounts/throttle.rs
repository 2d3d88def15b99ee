//! Sign-in throttling, counted in the database so every node agrees:
//! ten failed passwords for one account, or fifty from one address, within
//! fifteen minutes lock further attempts until the oldest failure ages out.
//! A successful sign-in clears the account's count.

use std::net::IpAddr;

use super::db;
use crate::error::{AppError, AppResult};
use crate::server::db::Db;
use crate::server::now_ms;

pub const WINDOW_MS: i64 = 15 * 60_000;
pub const ACCOUNT_LIMIT: i64 = 10;
pub const CLIENT_LIMIT: i64 = 50;

/// The counters one sign-in attempt touches.
pub struct Keys {
    account: String,
    client: Option<String>,
}

impl Keys {
    pub fn new(email: &str, ip: Option<IpAddr>) -> Self {
        Self { account: format!("email:{email}"), client: ip.map(|ip| format!("ip:{ip}")) }
    }

    fn all(&self) -> impl Iterator<Item = (&str, i64)> {
        std::iter::once((self.account.as_str(), ACCOUNT_LIMIT))
            .chain(self.client.as_deref().map(|c| (c, CLIENT_LIMIT)))
    }
}

/// Seconds until a locked counter lets the next attempt through.
fn retry_after(oldest: i64, now: i64) -> u64 {
    ((oldest + WINDOW_MS - now).max(1000) as u64).div_ceil(1000)
}

/// `RateLimited` when any counter is full.
pub async fn check(db: &Db, keys: &Keys) -> AppResult<()> {
    let now = now_ms();
    for (key, limit) in keys.all() {
        let (count, oldest) = db::failures_since(db.pool(), key, now - WINDOW_MS).await?;
        if count >= limit {
            let retry_after_secs = retry_after(oldest.unwrap_or(now), now);
            tracing::warn!(key, count, "sign-in throttled");
            return Err(AppError::RateLimited { retry_after_secs });
        }
    }
    Ok(())
}

pub async fn failed(db: &Db, keys: &Keys) -> AppResult<()> {
    let now = now_ms();
    for (key, _) in keys.all() {
        db::record_failure(db.pool(), key, now).await?;
    }
    // Old rows are useless; drop them now and then (cheap with the index).
    if now % 16 == 0 {
        db::prune_failures(db.pool(), now - WINDOW_MS).await?;
    }
    Ok(())
}

pub async fn succeeded(db: &Db, keys: &Keys) -> AppResult<()> {
    db::clear_failures(db.pool(), &keys.account).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_counts_down_the_window() {
        assert_eq!(retry_after(0, 0), 900);
        assert_eq!(retry_after(0, WINDOW_MS - 1500), 2);
        assert_eq!(retry_after(0, WINDOW_MS + 10), 1, "never zero");
    }
}
