//! Staff invitation SQL.

use crate::server::db::Conn;
use crate::sql;

pub struct NewInvite<'a> {
    pub token_hash: &'a str,
    pub email: &'a str,
    pub areas: &'a str,
    pub created_by: &'a str,
    pub now: i64,
    pub expires_at: i64,
}

pub async fn insert(c: &mut Conn, i: &NewInvite<'_>) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO staff_invites (token_hash, email, areas, created_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
        i.token_hash,
        i.email,
        i.areas,
        i.created_by,
        i.now,
        i.expires_at
    ))
    .await?;
    Ok(())
}

/// An invitation that can still be used: (email, areas, expires_at).
pub async fn open(
    c: &mut Conn,
    token_hash: &str,
    now: i64,
) -> Result<Option<(String, String, i64)>, sqlx::Error> {
    c.opt(&sql!(
        "SELECT email, areas, expires_at FROM staff_invites \
         WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > $2",
        token_hash,
        now
    ))
    .await
}

/// Use the invitation for `user_id`; false when it was used (or ran out) meanwhile.
pub async fn accept(c: &mut Conn, token_hash: &str, user_id: &str, now: i64) -> Result<bool, sqlx::Error> {
    let n = c
        .exec(&sql!(
            "UPDATE staff_invites SET accepted_at = $3, user_id = $2 \
             WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > $3",
            token_hash,
            user_id,
            now
        ))
        .await?;
    Ok(n == 1)
}

/// Earlier open invitations to `email` stop working when a new one is sent.
pub async fn withdraw(c: &mut Conn, email: &str, now: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE staff_invites SET expires_at = $2 WHERE email = $1 AND accepted_at IS NULL AND expires_at > $2",
        email,
        now
    ))
    .await?;
    Ok(())
}
