//! Attempt throttling, counted in the database so every node agrees: ten
//! password checks for one account, or fifty from one client address,
//! within fifteen minutes; twenty registrations from one address an hour
//! (a setting); five password-reset mails to one address, or twenty asked
//! from one client address, an hour; five two-step codes for one person
//! within fifteen minutes. Each attempt is counted *before* it
//! runs (increment, then decide, in one transaction), so a burst of
//! parallel guesses cannot slip past the limit. A right password takes its
//! attempt back and clears the account's count.

use std::net::IpAddr;

use super::db;
use crate::error::{AppError, AppResult};
use crate::server::db::Db;
use crate::server::{new_id, now_ms};

pub const WINDOW_MS: i64 = 15 * 60_000;
pub const ACCOUNT_LIMIT: i64 = 10;
pub const CLIENT_LIMIT: i64 = 50;
pub const REGISTER_WINDOW_MS: i64 = 60 * 60_000;
pub const RESET_WINDOW_MS: i64 = 60 * 60_000;
pub const RESET_ADDRESS_LIMIT: i64 = 5;
pub const RESET_CLIENT_LIMIT: i64 = 20;
pub const SECOND_FACTOR_LIMIT: i64 = 5;

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

/// A counted attempt; hand it back with [`succeeded`] when it went well.
pub struct Attempt {
    ids: Vec<String>,
}

/// Seconds until a full counter lets the next attempt through.
fn retry_after(oldest: i64, now: i64, window: i64) -> u64 {
    ((oldest + window - now).max(1000) as u64).div_ceil(1000)
}

/// Count `keys` (each with its limit) within `window`; `RateLimited` — and
/// nothing counted — when any is full.
async fn count(db: &Db, keys: Vec<(&str, i64)>, window: i64) -> AppResult<Attempt> {
    let now = now_ms();
    let ids: Vec<String> = keys.iter().map(|_| new_id()).collect();
    db.write(async |tx| {
        for ((key, limit), id) in keys.iter().zip(&ids) {
            let (n, oldest) = db::count_attempt(tx, id, key, now, now - window).await?;
            if n > *limit {
                tracing::warn!(key, n, "throttled");
                // Returning the error rolls back every row this attempt added.
                return Err(AppError::RateLimited { retry_after_secs: retry_after(oldest, now, window) });
            }
        }
        // Old rows are useless; drop them now and then.
        if now % 16 == 0 {
            db::prune_failures(tx, now - REGISTER_WINDOW_MS.max(RESET_WINDOW_MS).max(window)).await?;
        }
        Ok(())
    })
    .await?;
    Ok(Attempt { ids })
}

/// Count one sign-in attempt before the password is checked.
pub async fn attempt(db: &Db, keys: &Keys) -> AppResult<Attempt> {
    count(db, keys.all().collect(), WINDOW_MS).await
}

/// The password was right: the attempt is not a failure, and the account's
/// earlier failures are forgiven.
pub async fn succeeded(db: &Db, keys: &Keys, attempt: Attempt) -> AppResult<()> {
    db.write(async |tx| {
        for id in &attempt.ids {
            db::forget_attempt(tx, id).await?;
        }
        db::clear_failures(tx, &keys.account).await?;
        Ok(())
    })
    .await
}

/// Count one two-step code (or recovery code) for `user_id` before it is
/// checked: five wrong in fifteen minutes and the next waits.
pub async fn second_factor(db: &Db, user_id: &str) -> AppResult<Attempt> {
    let key = second_factor_key(user_id);
    count(db, vec![(key.as_str(), SECOND_FACTOR_LIMIT)], WINDOW_MS).await
}

/// The code was right: the attempt and the earlier misses are forgiven.
pub async fn second_factor_passed(db: &Db, user_id: &str, attempt: Attempt) -> AppResult<()> {
    let key = second_factor_key(user_id);
    db.write(async |tx| {
        for id in &attempt.ids {
            db::forget_attempt(tx, id).await?;
        }
        db::clear_failures(tx, &key).await?;
        Ok(())
    })
    .await
}

fn second_factor_key(user_id: &str) -> String {
    format!("2fa:{user_id}")
}

/// Count one verification mail asked by `user_id` (a resend or a change of
/// address): five an hour.
pub async fn verification_mail(db: &Db, user_id: &str) -> AppResult<()> {
    let key = format!("verify:{user_id}");
    count(db, vec![(key.as_str(), RESET_ADDRESS_LIMIT)], RESET_WINDOW_MS).await?;
    Ok(())
}

/// Count one registration from `ip` (none: not counted, e.g. the CLI)
/// against `per_hour` (`BAZAAR_REGISTRATIONS_PER_HOUR`).
pub async fn registration(db: &Db, ip: Option<IpAddr>, per_hour: i64) -> AppResult<()> {
    if let Some(ip) = ip {
        let key = format!("register:{ip}");
        count(db, vec![(key.as_str(), per_hour)], REGISTER_WINDOW_MS).await?;
    }
    Ok(())
}

/// Count one password-reset request for `email` (known or not: the same
/// count either way, so the limit tells nothing) and from `ip`.
pub async fn password_reset(db: &Db, email: &str, ip: Option<IpAddr>) -> AppResult<()> {
    let address = format!("reset:{email}");
    let client = ip.map(|ip| format!("reset-ip:{ip}"));
    let mut keys = vec![(address.as_str(), RESET_ADDRESS_LIMIT)];
    keys.extend(client.as_deref().map(|c| (c, RESET_CLIENT_LIMIT)));
    count(db, keys, RESET_WINDOW_MS).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_counts_down_the_window() {
        assert_eq!(retry_after(0, 0, WINDOW_MS), 900);
        assert_eq!(retry_after(0, WINDOW_MS - 1500, WINDOW_MS), 2);
        assert_eq!(retry_after(0, WINDOW_MS + 10, WINDOW_MS), 1, "never zero");
    }
}
