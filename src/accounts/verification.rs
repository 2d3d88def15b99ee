//! Proving an email address: a link mailed at registration (and again on
//! request), and a change of address that takes effect only when the new
//! address is proved — the old address is told. Links are the one-time
//! links of `links.rs` (purpose `verify_email`, 24 hours; a newer one voids
//! the older, so a second change request voids the first).

use super::audit::{self, Subject};
use super::events::SecurityKind;
use super::password::Passwords;
use super::session::Device;
use super::validate::Email;
use super::{Viewer, db, links};
use crate::error::{AppError, AppResult};
use crate::server::db::{Db, Tx, is_unique_violation};
use crate::server::now_ms;

const PURPOSE: &str = "verify_email";
pub const VERIFY_HOURS: i64 = 24;

/// Mail a link proving `email` (the person's address, or the one they want).
pub async fn send_link(tx: &mut Tx, viewer: &Viewer, email: &str) -> AppResult<()> {
    let (token, hash) = links::new_token();
    let now = now_ms();
    db::replace_token(tx, &hash, &viewer.id, PURPOSE, email, now, now + VERIFY_HOURS * 3_600_000).await?;
    let change = email != viewer.email;
    crate::mail::accounts::verify_link(tx, email, viewer.first_name(), &token, change).await
}

/// Use a link: the address is proved (and becomes the person's, for a
/// change; the old address is told). Used, expired or unknown links are
/// `InvalidToken`.
pub async fn verify(db: &Db, token: &str, device: &Device) -> AppResult<Viewer> {
    let hash = links::stored_form(token).ok_or(AppError::InvalidToken)?;
    db.write(async |tx| {
        let (user_id, email) =
            db::take_token(tx, &hash, PURPOSE, now_ms()).await?.ok_or(AppError::InvalidToken)?;
        let (before, _) = db::viewer(tx, &user_id).await?.ok_or(AppError::InvalidToken)?;
        match db::set_verified_email(tx, &user_id, &email, now_ms()).await {
            Err(e) if is_unique_violation(&e) => {
                return Err(AppError::Conflict("That address now belongs to another account.".into()));
            }
            other => other?,
        }
        if before.email == email {
            audit::record(tx, Subject::User(&user_id), SecurityKind::EmailVerified, device, "").await?;
        } else {
            let detail = format!("from {}", before.email);
            crate::mail::accounts::email_changed(tx, &before.email, before.first_name(), &email).await?;
            audit::record(tx, Subject::User(&user_id), SecurityKind::EmailChanged, device, &detail).await?;
        }
        let (after, _) = db::viewer(tx, &user_id).await?.ok_or(AppError::InvalidToken)?;
        Ok(after)
    })
    .await
}

/// Another link to the person's own address. `Conflict` when it is proved.
pub async fn resend(db: &Db, viewer: &Viewer) -> AppResult<()> {
    super::throttle::verification_mail(db, &viewer.id).await?;
    db.write(async |tx| {
        if db::email_verified(tx, &viewer.id).await? {
            return Err(AppError::Conflict("Your email address is confirmed already.".into()));
        }
        send_link(tx, viewer, &viewer.email).await
    })
    .await
}

/// Ask to change the address: the current password (and a code with
/// two-step sign-in on), never the session alone. Nothing changes until the
/// link mailed to the new address is used.
pub async fn request_change(
    db: &Db,
    passwords: &Passwords,
    viewer: &Viewer,
    new_email: &str,
    password: &str,
    code: &str,
    device: &Device,
) -> AppResult<()> {
    let email = Email::parse(new_email).map_err(|m| AppError::field("email", m))?;
    if email.as_str() == viewer.email {
        return Err(AppError::field("email", "That is your address already."));
    }
    if db::email_taken(&mut db.conn().await?, email.as_str()).await? {
        return Err(AppError::field("email", "An account with this email already exists."));
    }
    super::two_factor::step_up(db, passwords, viewer, password, code, device).await?;
    super::throttle::verification_mail(db, &viewer.id).await?;
    db.write(async |tx| {
        send_link(tx, viewer, email.as_str()).await?;
        let detail = format!("to {}", email.as_str());
        audit::record(tx, Subject::User(&viewer.id), SecurityKind::EmailChangeRequested, device, &detail)
            .await
    })
    .await
}
