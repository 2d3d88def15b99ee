//! Server-only plumbing: settings, database, state, HTTP stack, operations.

pub mod auth;
pub mod config;
pub mod csrf;
pub mod db;
pub mod limits;
pub mod ops;
pub mod page_cache;
pub mod responses;
pub mod rest;
pub mod startup;
pub mod state;
pub mod stats;
pub mod telemetry;
pub mod theme;
pub mod ttl_cache;

/// Milliseconds since the Unix epoch: how every timestamp is stored.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// A new time-ordered id (UUIDv7) for any row.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// A secret of `bytes` random bytes, in lowercase hex (share links, stream keys).
pub fn random_hex(bytes: usize) -> String {
    use rand::RngCore;
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    buf.iter().map(|b| format!("{b:02x}")).collect()
}
