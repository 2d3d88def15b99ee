//! Password hashing: argon2id with OWASP's parameters (19 MiB, 2 passes,
//! 1 lane), on a few long-lived worker threads (one per core) so a burst of
//! sign-ins never stalls the async workers and cannot take gigabytes of
//! memory: each worker keeps one 19 MiB block buffer and reuses it for
//! every hash (allocating it per hash, the allocator kept the freed buffers
//! and 120 parallel sign-ups grew the process to ~0.6 GB). Callers beyond
//! that queue for a few seconds, then get `Busy` (503 + Retry-After).

use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::Semaphore;

use crate::error::{AppError, AppResult};

/// How long a hash request may wait for a free core.
const QUEUE_TIMEOUT: Duration = Duration::from_secs(10);

/// Work for a hashing thread, handed that thread's reusable memory.
type Job = Box<dyn FnOnce(&mut Vec<Block>) + Send>;

/// Hashes and checks passwords, a bounded number at a time. Cheap to clone;
/// one per process, kept in `AppState`. Its worker threads end when the last
/// clone is dropped.
#[derive(Clone)]
pub struct Passwords {
    permits: Arc<Semaphore>,
    wait: Duration,
    jobs: mpsc::Sender<Job>,
}

impl std::fmt::Debug for Passwords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Passwords").field("free", &self.permits.available_permits()).finish_non_exhaustive()
    }
}

impl Default for Passwords {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Self::new(cores)
    }
}

impl Passwords {
    /// `workers` threads, each hashing one password at a time.
    pub fn new(workers: usize) -> Self {
        let workers = workers.max(1);
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for n in 0..workers {
            let queue = queue.clone();
            let spawned = std::thread::Builder::new().name(format!("password-{n}")).spawn(move || {
                let mut memory: Vec<Block> = Vec::new();
                loop {
                    // The lock is held only while taking the next job.
                    let next = queue.lock().unwrap_or_else(|e| e.into_inner()).recv();
                    match next {
                        // A panic fails that one call (its answer channel
                        // drops), never the worker.
                        Ok(job) => {
                            let _ =
                                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(&mut memory)));
                        }
                        Err(_) => break,
                    }
                }
            });
            if let Err(e) = spawned {
                tracing::error!(error = %e, "cannot start a password worker");
            }
        }
        Self { permits: Arc::new(Semaphore::new(workers)), wait: QUEUE_TIMEOUT, jobs }
    }

    /// Wait at most `wait` for a free slot (tests use a short one).
    pub fn with_wait(mut self, wait: Duration) -> Self {
        self.wait = wait;
        self
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Vec<Block>) -> AppResult<T> + Send + 'static,
    ) -> AppResult<T> {
        let permit = tokio::time::timeout(self.wait, self.permits.clone().acquire_owned())
            .await
            .map_err(|_| {
                tracing::warn!("password hashing queue full");
                AppError::Busy { retry_after_secs: 5 }
            })?
            .map_err(|_| AppError::Internal)?;
        // One permit per worker: a job never waits behind another in the queue.
        let (done, result) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move |memory| {
            let _ = done.send(work(memory));
        });
        self.jobs.send(job).map_err(|_| AppError::Internal)?;
        let out = result.await.map_err(|_| AppError::Internal)?;
        drop(permit);
        out
    }

    /// A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`).
    pub async fn hash(&self, password: String) -> AppResult<String> {
        self.run(move |memory| hash_now(memory, &password)).await
    }

    /// Whether `password` matches `stored`. With `stored = None` (no such
    /// account) it still spends one hash's time, so timing does not tell
    /// whether an email is registered.
    pub async fn verify(&self, password: String, stored: Option<String>) -> AppResult<bool> {
        self.run(move |memory| Ok(verify_now(memory, &password, stored))).await
    }
}

fn params() -> Params {
    Params::new(19 * 1024, 2, 1, None).expect("OWASP argon2id parameters are valid")
}

/// The first `params.block_count()` blocks of the worker's memory.
fn blocks<'m>(memory: &'m mut Vec<Block>, params: &Params) -> &'m mut [Block] {
    let need = params.block_count();
    if memory.len() < need {
        memory.resize(need, Block::default());
    }
    &mut memory[..need]
}

fn internal<E: std::fmt::Display>(what: &'static str) -> impl FnOnce(E) -> AppError {
    move |e| {
        tracing::error!(error = %e, "{what}");
        AppError::Internal
    }
}

/// A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`), computed in `memory`.
fn hash_now(memory: &mut Vec<Block>, password: &str) -> AppResult<String> {
    let params = params();
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let salt = SaltString::encode_b64(&rand::random::<[u8; 16]>()).map_err(internal("bad salt"))?;
    let mut salt_buf = [0u8; 64];
    let salt_bytes = salt.as_salt().decode_b64(&mut salt_buf).map_err(internal("bad salt"))?;
    let output = Output::init_with(Params::DEFAULT_OUTPUT_LEN, |out| {
        argon
            .hash_password_into_with_memory(password.as_bytes(), salt_bytes, out, blocks(memory, &params))
            .map_err(|_| argon2::password_hash::Error::Password)
    })
    .map_err(internal("password hashing failed"))?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(internal("bad params"))?,
        salt: Some(salt.as_salt()),
        hash: Some(output),
    };
    Ok(phc.to_string())
}

/// Whether `password` matches `stored`, computed in `memory`. With no
/// account (or one locked with "!") it is checked against a dummy hash with
/// the same parameters, so it takes just as long.
fn verify_now(memory: &mut Vec<Block>, password: &str, stored: Option<String>) -> bool {
    let (phc, known) = match stored {
        Some(s) if s.starts_with('$') => (s, true),
        _ => (DUMMY_HASH.to_owned(), false),
    };
    let Ok(parsed) = PasswordHash::new(&phc) else {
        tracing::error!("stored password hash is not a PHC string");
        return false;
    };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else { return false };
    let (Ok(params), Ok(algorithm)) = (Params::try_from(&parsed), Algorithm::try_from(parsed.algorithm))
    else {
        return false;
    };
    let version = parsed.version.and_then(|v| Version::try_from(v).ok()).unwrap_or_default();
    let argon = Argon2::new(algorithm, version, params.clone());
    let mut salt_buf = [0u8; 64];
    let Ok(salt_bytes) = salt.decode_b64(&mut salt_buf) else { return false };
    let computed = Output::init_with(expected.len(), |out| {
        argon
            .hash_password_into_with_memory(password.as_bytes(), salt_bytes, out, blocks(memory, &params))
            .map_err(|_| argon2::password_hash::Error::Password)
    });
    // `Output` compares in constant time.
    known && computed.is_ok_and(|c| c == expected)
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
    async fn hashes_are_standard_phc_both_ways() {
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let p = Passwords::new(1);
        let standard = Argon2::new(Algorithm::Argon2id, Version::V0x13, params());
        let salt = SaltString::encode_b64(b"0123456789abcdef").unwrap();
        let theirs = standard.hash_password(b"violets at dawn", &salt).unwrap().to_string();
        assert!(p.verify("violets at dawn".into(), Some(theirs)).await.unwrap(), "older hashes still verify");
        let ours = p.hash("violets at dawn".into()).await.unwrap();
        assert!(standard.verify_password(b"violets at dawn", &PasswordHash::new(&ours).unwrap()).is_ok());
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
