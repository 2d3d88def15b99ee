//! Email address SQL: proved addresses and changes of address.

use crate::server::db::Conn;
use crate::sql;

pub async fn email_verified(c: &mut Conn, user_id: &str) -> Result<bool, sqlx::Error> {
    let at: Option<i64> =
        c.scalar_opt(&sql!("SELECT email_verified_at FROM users WHERE id = $1", user_id)).await?.flatten();
    Ok(at.is_some())
}

/// The person proved `email` is theirs: it becomes their address (a change
/// when it differs), verified now. A unique violation means another account
/// took the address meanwhile.
pub async fn set_verified_email(
    c: &mut Conn,
    user_id: &str,
    email: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE users SET email = $1, email_verified_at = $2, updated_at = $2 WHERE id = $3",
        email,
        now,
        user_id
    ))
    .await?;
    Ok(())
}
