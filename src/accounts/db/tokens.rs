//! One-time link SQL (`account_tokens`): keyed by the token's hash.

use crate::server::db::Conn;
use crate::sql;

/// Store a new link for `user_id`; older unused links of the same purpose
/// stop working, and long-expired ones of anybody are swept.
pub async fn replace_token(
    c: &mut Conn,
    token_hash: &str,
    user_id: &str,
    purpose: &str,
    email: &str,
    now: i64,
    expires_at: i64,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!("DELETE FROM account_tokens WHERE user_id = $1 AND purpose = $2", user_id, purpose)).await?;
    c.exec(&sql!("DELETE FROM account_tokens WHERE expires_at < $1", now)).await?;
    c.exec(&sql!(
        "INSERT INTO account_tokens (token_hash, user_id, purpose, email, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
        token_hash,
        user_id,
        purpose,
        email,
        now,
        expires_at
    ))
    .await?;
    Ok(())
}

/// Whom a link that still works belongs to: `(user_id, email)`.
pub async fn peek_token(
    c: &mut Conn,
    token_hash: &str,
    purpose: &str,
    now: i64,
) -> Result<Option<(String, String)>, sqlx::Error> {
    c.opt(&sql!(
        "SELECT user_id, email FROM account_tokens WHERE token_hash = $1 AND purpose = $2 AND expires_at > $3",
        token_hash,
        purpose,
        now
    ))
    .await
}

/// Use a link: deleted whether or not it still worked, so it answers once.
/// Returns `(user_id, email)` when it had not expired.
pub async fn take_token(
    c: &mut Conn,
    token_hash: &str,
    purpose: &str,
    now: i64,
) -> Result<Option<(String, String)>, sqlx::Error> {
    let row: Option<(String, String, i64)> = c
        .opt(&sql!(
            "DELETE FROM account_tokens WHERE token_hash = $1 AND purpose = $2 RETURNING user_id, email, expires_at",
            token_hash,
            purpose
        ))
        .await?;
    Ok(row.filter(|r| r.2 > now).map(|(user, email, _)| (user, email)))
}
