//! A recipient's token, signed out: who it names (masked), unsubscribing,
//! counting an open and a click. Tokens are stored hashed (as password-reset
//! links are); an unknown or altered one changes nothing.

use super::db;
use super::links::{mac_ok, safe_target};
use crate::accounts::links::stored_form;
use crate::error::{AppError, AppResult};
use crate::server::db::Db;
use crate::server::now_ms;

fn unknown() -> AppError {
    AppError::NotFound("Link".into())
}

/// The stored form of a token that names a recipient.
async fn recipient(db: &Db, token: &str) -> AppResult<(String, String, String)> {
    let hash = stored_form(token).ok_or_else(unknown)?;
    let (campaign, user) = db::by_token(&mut db.conn().await?, &hash).await?.ok_or_else(unknown)?;
    Ok((hash, campaign, user))
}

/// The address a token's mail went to, masked ("a•••@example.com").
pub async fn who(db: &Db, token: &str) -> AppResult<String> {
    let (_, _, user) = recipient(db, token).await?;
    let email = db::email_of(&mut db.conn().await?, &user).await?.ok_or_else(unknown)?;
    Ok(mask(&email))
}

/// "ada@example.com" → "a•••@example.com".
pub fn mask(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => format!("{}•••@{domain}", local.chars().next().unwrap_or('•')),
        None => "•••".to_owned(),
    }
}

/// No more marketing mail for the token's person. Idempotent.
pub async fn unsubscribe(db: &Db, token: &str) -> AppResult<String> {
    let (hash, _, user) = recipient(db, token).await?;
    db.write(async |tx| {
        db::opt_out(tx, &user).await?;
        db::mark_unsubscribed(tx, &hash, now_ms()).await?;
        Ok(())
    })
    .await?;
    who(db, token).await
}

/// Count the first open of the token's mail (junk tokens are ignored).
pub async fn count_open(db: &Db, token: &str) -> AppResult<()> {
    if let Some(hash) = stored_form(token) {
        db::mark_open(&mut db.conn().await?, &hash, now_ms()).await?;
    }
    Ok(())
}

/// Count a click on a link to `to` carrying `mac`; the path to send the
/// person on to. Another host, a changed path or token: an error, nothing
/// counted.
pub async fn count_click<'a>(db: &Db, token: &str, to: &'a str, mac: &str) -> AppResult<&'a str> {
    let target =
        safe_target(to).ok_or_else(|| AppError::field("to", "Links lead to this shop's own pages only."))?;
    if !mac_ok(token, target, mac) {
        return Err(AppError::field("s", "This link has been altered."));
    }
    let (hash, _, _) = recipient(db, token).await?;
    db::mark_click(&mut db.conn().await?, &hash, now_ms()).await?;
    Ok(target)
}
