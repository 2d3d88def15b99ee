//! Changing a password: by the person (the current one, and a code with
//! two-step sign-in on), or through a reset link mailed to them.
//!
//! Password reset by mail. Asking answers the same way, in the same time,
//! for known and unknown addresses: the request is counted (per address
//! and per client, the same for both), and the lookup, the link and the
//! mail happen after the answer, in a task of their own. The link works
//! once, for 30 minutes, and a newer one voids it; using it sets the new
//! password, ends every session of the person and tells them by mail.

use super::audit::{self, Subject};
use super::events::SecurityKind;
use super::password::Passwords;
use super::service::SignIn;
use super::session::Device;
use super::validate::{Email, Fields, new_password};
use super::{db, links, throttle};
use crate::error::{AppError, AppResult};
use crate::server::db::Db;
use crate::server::now_ms;

pub const RESET_MINUTES: i64 = 30;
const PURPOSE: &str = "password_reset";

/// Ask for a reset link to `email`. `Ok` whether or not it has an account;
/// a malformed address is a field error, the throttle a `RateLimited`.
pub async fn request(db: &Db, email: &str, device: &Device) -> AppResult<()> {
    let email = Email::parse(email).map_err(|m| AppError::field("email", m))?;
    throttle::password_reset(db, email.as_str(), device.ip).await?;
    let (db, device) = (db.clone(), device.clone());
    tokio::spawn(async move {
        if let Err(e) = send_link(&db, &email, &device, now_ms()).await {
            tracing::error!(error = %e, "could not queue a password-reset mail");
        }
    });
    Ok(())
}

/// The link and its mail, for an address that has an account.
async fn send_link(db: &Db, email: &Email, device: &Device, now: i64) -> AppResult<()> {
    let Some(login) = db::find_login(&mut db.conn().await?, email.as_str()).await? else {
        return Ok(());
    };
    let (token, hash) = links::new_token();
    db.write(async |tx| {
        let Some((viewer, _)) = db::viewer(tx, &login.id).await? else { return Ok(()) };
        let expires = now + RESET_MINUTES * 60_000;
        db::replace_token(tx, &hash, &viewer.id, PURPOSE, &viewer.email, now, expires).await?;
        crate::mail::accounts::reset_link(tx, &viewer.email, viewer.first_name(), &token, RESET_MINUTES)
            .await?;
        let kind = SecurityKind::PasswordResetRequested;
        audit::record(tx, Subject::User(&viewer.id), kind, device, "").await
    })
    .await
}

/// Whether `token` is a reset link that still works (the page asks before
/// showing the form).
pub async fn usable(db: &Db, token: &str) -> AppResult<bool> {
    let Some(hash) = links::stored_form(token) else { return Ok(false) };
    Ok(db::peek_token(&mut db.conn().await?, &hash, PURPOSE, now_ms()).await?.is_some())
}

/// Set a new password through a reset link. `confirm` is the page's second
/// box (the API sends one). Every session of the person ends; the caller
/// may sign this client in with the returned epoch.
pub async fn reset(
    db: &Db,
    passwords: &Passwords,
    token: &str,
    password: &str,
    confirm: Option<&str>,
    device: &Device,
) -> AppResult<SignIn> {
    let hash = links::stored_form(token).ok_or(AppError::InvalidToken)?;
    let (_, email) = db::peek_token(&mut db.conn().await?, &hash, PURPOSE, now_ms())
        .await?
        .ok_or(AppError::InvalidToken)?;
    let mut f = Fields::default();
    f.check("password", new_password(password, Email::parse(&email).ok().as_ref()));
    if confirm.is_some_and(|c| c != password) {
        f.check::<()>("password_confirm", Err("The passwords do not match.".into()));
    }
    f.finish()?;
    let new_hash = passwords.hash(password.to_owned()).await?;
    db.write(async |tx| {
        // Taken inside the write: of two uses at once, one wins.
        let (user_id, _) =
            db::take_token(tx, &hash, PURPOSE, now_ms()).await?.ok_or(AppError::InvalidToken)?;
        let epoch = db::set_password(tx, &user_id, &new_hash).await?;
        let (viewer, _) = db::viewer(tx, &user_id).await?.ok_or(AppError::InvalidToken)?;
        crate::mail::accounts::password_changed(tx, &viewer.email, viewer.first_name()).await?;
        audit::record(tx, Subject::User(&user_id), SecurityKind::PasswordResetUsed, device, "").await?;
        Ok(SignIn { viewer, epoch })
    })
    .await
}

/// The password form: the current one, the new one twice, and — with
/// two-step sign-in on — a code.
pub struct PasswordChange<'a> {
    pub current: &'a str,
    pub new: &'a str,
    pub confirm: &'a str,
    pub code: &'a str,
}

/// Change the password after checking the current one (and a code, with
/// two-step sign-in on: never the session alone), and tell the person by
/// mail. Returns the new session epoch: every other session ends.
pub async fn change_password(
    db: &Db,
    passwords: &Passwords,
    user_id: &str,
    change: &PasswordChange<'_>,
    device: &Device,
) -> AppResult<i64> {
    let (current, new) = (change.current, change.new);
    let stored = db::password_hash(&mut db.conn().await?, user_id).await?.ok_or(AppError::Unauthorized)?;
    let mut f = Fields::default();
    let right = passwords.verify(current.to_owned(), Some(stored)).await?;
    if !right {
        f.check::<()>("current_password", Err("This is not your current password.".into()));
    }
    f.check("new_password", new_password(new, None));
    if new != change.confirm {
        f.check::<()>("new_password_confirm", Err("The passwords do not match.".into()));
    }
    let needs_code = super::two_factor::is_on(&mut db.conn().await?, user_id).await?;
    if needs_code && change.code.trim().is_empty() {
        f.check::<()>("code", Err("Enter the code from your authenticator app.".into()));
    }
    f.finish()?;
    if needs_code {
        let answer = super::two_factor::Answer::guess(change.code);
        super::two_factor::check(db, user_id, &answer, device).await.map_err(|e| match e {
            AppError::Validation(_) => {
                AppError::field("code", "That code is not right, or it was used already.")
            }
            e => e,
        })?;
    }
    let hash = passwords.hash(new.to_owned()).await?;
    db.write(async |tx| {
        let epoch = db::set_password(tx, user_id, &hash).await?;
        let (viewer, _) = db::viewer(tx, user_id).await?.ok_or(AppError::Unauthorized)?;
        crate::mail::accounts::password_changed(tx, &viewer.email, viewer.first_name()).await?;
        audit::record(tx, Subject::User(user_id), SecurityKind::PasswordChanged, device, "").await?;
        Ok(epoch)
    })
    .await
}
