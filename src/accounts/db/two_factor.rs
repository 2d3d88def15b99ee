//! Two-step sign-in SQL: `two_factor` (the key, whether it is on, the last
//! time step taken) and `recovery_codes` (hashes, used once).

use sqlx::FromRow;

use crate::server::db::Conn;
use crate::sql;

#[derive(Debug, FromRow)]
pub struct TwoFactorRow {
    pub secret: String,
    pub enabled_at: Option<i64>,
    pub last_step: i64,
}

pub async fn two_factor(c: &mut Conn, user_id: &str) -> Result<Option<TwoFactorRow>, sqlx::Error> {
    c.opt(&sql!("SELECT secret, enabled_at, last_step FROM two_factor WHERE user_id = $1", user_id)).await
}

/// A setup waiting for its first code replaces any earlier one; false
/// (nothing written) when two-step sign-in is on already.
pub async fn put_pending_key(
    c: &mut Conn,
    user_id: &str,
    secret: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    c.exec(&sql!("DELETE FROM two_factor WHERE user_id = $1 AND enabled_at IS NULL", user_id)).await?;
    let n = c
        .exec(&sql!(
            "INSERT INTO two_factor (user_id, secret, enabled_at, last_step, created_at) \
             VALUES ($1, $2, NULL, 0, $3) ON CONFLICT (user_id) DO NOTHING",
            user_id,
            secret,
            now
        ))
        .await?;
    Ok(n == 1)
}

/// Turn the waiting key `secret` on, its first code's step taken; false
/// when that key is no longer the one waiting (a second setup replaced it
/// meanwhile: the code was for a key the person's app may not hold).
pub async fn enable_key(
    c: &mut Conn,
    user_id: &str,
    secret: &str,
    step: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let n = c
        .exec(&sql!(
            "UPDATE two_factor SET enabled_at = $1, last_step = $2 \
             WHERE user_id = $3 AND secret = $4 AND enabled_at IS NULL",
            now,
            step,
            user_id,
            secret
        ))
        .await?;
    Ok(n == 1)
}

/// Take time step `step`: false when it (or a later one) was taken already,
/// so of two requests with the same code only one gets through.
pub async fn take_step(c: &mut Conn, user_id: &str, step: i64) -> Result<bool, sqlx::Error> {
    let n = c
        .exec(&sql!(
            "UPDATE two_factor SET last_step = $1 WHERE user_id = $2 AND enabled_at IS NOT NULL AND last_step < $1",
            step,
            user_id
        ))
        .await?;
    Ok(n == 1)
}

/// Turn two-step sign-in off: the key and every recovery code go.
pub async fn delete_two_factor(c: &mut Conn, user_id: &str) -> Result<(), sqlx::Error> {
    c.exec(&sql!("DELETE FROM recovery_codes WHERE user_id = $1", user_id)).await?;
    c.exec(&sql!("DELETE FROM two_factor WHERE user_id = $1", user_id)).await?;
    Ok(())
}

/// Replace the person's recovery codes with these hashes.
pub async fn replace_recovery_codes(
    c: &mut Conn,
    user_id: &str,
    hashes: &[(String, String)],
    now: i64,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!("DELETE FROM recovery_codes WHERE user_id = $1", user_id)).await?;
    for (id, hash) in hashes {
        c.exec(&sql!(
            "INSERT INTO recovery_codes (id, user_id, code_hash, used_at, created_at) VALUES ($1, $2, $3, NULL, $4)",
            id,
            user_id,
            hash,
            now
        ))
        .await?;
    }
    Ok(())
}

/// Use a recovery code: false when it is not one of the person's unused.
pub async fn use_recovery_code(
    c: &mut Conn,
    user_id: &str,
    hash: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let n = c
        .exec(&sql!(
            "UPDATE recovery_codes SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL",
            now,
            user_id,
            hash
        ))
        .await?;
    Ok(n == 1)
}

pub async fn unused_recovery_codes(c: &mut Conn, user_id: &str) -> Result<i64, sqlx::Error> {
    c.scalar(&sql!("SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL", user_id))
        .await
}
