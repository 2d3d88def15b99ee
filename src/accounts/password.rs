//! Password hashing: argon2id with OWASP's parameters (19 MiB, 2 passes,
//! 1 lane), run on the blocking pool so a burst of sign-ins never stalls
//! the async workers — and at most one hash per core at a time, so a burst
//! cannot take gigabytes of memory. Callers beyond that queue for a few
//! seconds, then get `Busy` (503 + Retry-After).

use std::sync::Arc;
use std::time::Duration;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

use crate::error::{AppError, AppResult};

/// How long a hash request may wait for a free core.
const QUEUE_TIMEOUT: Duration = Duration::from_secs(10);

/// Hashes and checks passwords, a bounded number at a time. Cheap to clone;
/// one per process, kept in `AppState`.
#[derive(Clone, Debug)]
pub struct Passwords {
    permits: Arc<Semaphore>,
    wait: Duration,
}

impl Default for Passwords {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Self::new(cores)
    }
}

impl Passwords {
    pub fn new(concurrent: usize) -> Self {
        Self { permits: Arc::new(Semaphore::new(concurrent.max(1))), wait: QUEUE_TIMEOUT }
    }

    /// Wait at most `wait` for a free slot (tests use a short one).
    pub fn with_wait(mut self, wait: Duration) -> Self {
        self.wait = wait;
        self
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> AppResult<T> + Send + 'static,
    ) -> AppResult<T> {
        let permit = tokio::time::timeout(self.wait, self.permits.clone().acquire_owned())
            .await
            .map_err(|_| {
                tracing::warn!("password hashing queue full");
                AppError::Busy { retry_after_secs: 5 }
            })?
            .map_err(|_| AppError::Internal)?;
        tokio::task::spawn_blocking(move || {
            let out = work();
            drop(permit);
            out
        })
        .await
        .map_err(|_| AppError::Internal)?
    }

    /// A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`).
    pub async fn hash(&self, password: String) -> AppResult<String> {
        self.run(move || hash_now(&password)).await
    }

    /// Whether `password` matches `stored`. With `stored = None` (no such
    /// account) it still spends one hash's time, so timing does not tell
    /// whether an email is registered.
    pub async fn verify(&self, password: String, stored: Option<String>) -> AppResult<bool> {
        self.run(move || Ok(verify_now(&password, stored))).await
    }
}

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("OWASP argon2id parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn hash_now(password: &str) -> AppResult<String> {
    let salt = SaltString::encode_b64(&rand::random::<[u8; 16]>()).map_err(|e| {
        tracing::error!(error = %e, "bad salt");
        AppError::Internal
    })?;
    hasher().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| {
        tracing::error!(error = %e, "password hashing failed");
        AppError::Internal
    })
}

fn verify_now(password: &str, stored: Option<String>) -> bool {
    // No account, or one locked with a non-hash marker ("!"): compare
    // against the dummy so the answer takes just as long.
    let (phc, known) = match stored {
        Some(s) if s.starts_with('$') => (s, true),
        _ => (DUMMY_HASH.to_owned(), false),
    };
    let Ok(parsed) = PasswordHash::new(&phc) else {
        tracing::error!("stored password hash is not a PHC string");
        return false;
    };
    let matches = hasher().verify_password(password.as_bytes(), &parsed).is_ok();
    known && matches
}

/// The hash of a random string with the same parameters, compared against
/// when the account does not exist.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Xnq4uP6QKRbvh8vGCZ1H6U2kqqcVwVn8mHHyVbq5C1c";

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_differ() {
        let p = Passwords::default();
        let (hash, verify) = (|s: String| p.hash(s), |s: String, h| p.verify(s, h));
        let a = hash("violets at dawn".into()).await.unwrap();
        let b = hash("violets at dawn".into()).await.unwrap();
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert_ne!(a, b, "each hash has its own salt");
        assert!(verify("violets at dawn".into(), Some(a.clone())).await.unwrap());
        assert!(!verify("violets at dusk".into(), Some(a)).await.unwrap());
    }

    #[tokio::test]
    async fn a_full_queue_answers_busy_not_memory() {
        let p = Passwords::new(1).with_wait(Duration::from_millis(50));
        let held = p.permits.clone().acquire_owned().await.unwrap();
        let err = p.hash("violets at dawn".into()).await.unwrap_err();
        assert!(matches!(err, AppError::Busy { .. }));
        drop(held);
    }

    #[tokio::test]
    async fn unknown_accounts_cost_one_real_check() {
        // Deterministic, not timed: an unknown account is checked against a
        // dummy hash with exactly the parameters real hashes use, so it
        // costs the same work.
        let p = Passwords::default();
        let real = p.hash("violets at dawn".into()).await.unwrap();
        assert!(!p.verify("violets at dawn".into(), None).await.unwrap());
        assert!(!p.verify("violets at dawn".into(), Some("!".into())).await.unwrap());
        let params = |phc: &str| phc.split('$').nth(3).map(str::to_owned);
        assert_eq!(params(DUMMY_HASH), params(&real), "same m, t, p");
        assert!(PasswordHash::new(DUMMY_HASH).is_ok(), "the dummy hash parses");
    }
}
