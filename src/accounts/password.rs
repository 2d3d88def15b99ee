//! Password hashing: argon2id with OWASP's parameters (19 MiB, 2 passes,
//! 1 lane), run on the blocking pool so a burst of sign-ins never stalls
//! the async workers.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::{AppError, AppResult};

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("OWASP argon2id parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`).
pub async fn hash(password: String) -> AppResult<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::encode_b64(&rand::random::<[u8; 16]>()).map_err(|e| {
            tracing::error!(error = %e, "bad salt");
            AppError::Internal
        })?;
        hasher().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| {
            tracing::error!(error = %e, "password hashing failed");
            AppError::Internal
        })
    })
    .await
    .map_err(|_| AppError::Internal)?
}

/// Whether `password` matches `stored`. With `stored = None` (no such
/// account) it still spends one hash's time, so timing does not tell
/// whether an email is registered.
pub async fn verify(password: String, stored: Option<String>) -> AppResult<bool> {
    tokio::task::spawn_blocking(move || {
        // No account, or one locked with a non-hash marker ("!"): compare
        // against the dummy so the answer takes just as long.
        let (phc, known) = match stored {
            Some(s) if s.starts_with('$') => (s, true),
            _ => (DUMMY_HASH.to_owned(), false),
        };
        let Ok(parsed) = PasswordHash::new(&phc) else {
            tracing::error!("stored password hash is not a PHC string");
            return Ok(false);
        };
        let matches = hasher().verify_password(password.as_bytes(), &parsed).is_ok();
        Ok(known && matches)
    })
    .await
    .map_err(|_| AppError::Internal)?
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
        let a = hash("violets at dawn".into()).await.unwrap();
        let b = hash("violets at dawn".into()).await.unwrap();
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert_ne!(a, b, "each hash has its own salt");
        assert!(verify("violets at dawn".into(), Some(a.clone())).await.unwrap());
        assert!(!verify("violets at dusk".into(), Some(a)).await.unwrap());
    }

    #[tokio::test]
    async fn unknown_accounts_spend_the_same_time() {
        let real = hash("violets at dawn".into()).await.unwrap();
        let t = std::time::Instant::now();
        assert!(!verify("violets at dawn".into(), None).await.unwrap());
        let dummy = t.elapsed();
        let t = std::time::Instant::now();
        verify("violets at dusk".into(), Some(real)).await.unwrap();
        let known = t.elapsed();
        // Same parameters, same work: within a factor of three either way.
        assert!(dummy * 3 > known && known * 3 > dummy, "dummy {dummy:?} vs real {known:?}");
        assert!(PasswordHash::new(DUMMY_HASH).is_ok(), "the dummy hash parses");
    }
}
