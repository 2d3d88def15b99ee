//! Signing in, one step or two: the password, then — for a person with
//! two-step sign-in on — a code, before the session counts as signed in.
//! The REST API and the pages both go through here.

use tower_sessions::Session;

use super::service::{self, SignIn};
use super::session::{self, Device};
use super::two_factor::{self, Answer};
use super::{Viewer, db, sessions};
use crate::error::{AppError, AppResult};
use crate::server::db::Db;
use crate::server::state::AppState;

/// Where a sign-in stands after a step.
#[derive(Debug)]
pub enum Step {
    SignedIn(Viewer),
    /// A code is owed; the session is not signed in yet.
    SecondStep,
}

/// The first step: email and password.
pub async fn with_password(
    state: &AppState,
    session: &Session,
    email: &str,
    password: &str,
    remember: bool,
    device: &Device,
) -> AppResult<Step> {
    let signed = service::authenticate(&state.db, &state.passwords, email, password, device).await?;
    after_password(&state.db, session, signed, remember, device).await
}

/// After a right password (a sign-in, or a new one set by a reset link):
/// signed in, or waiting for a code.
pub async fn after_password(
    db: &Db,
    session: &Session,
    signed: SignIn,
    remember: bool,
    device: &Device,
) -> AppResult<Step> {
    refuse_deactivated(db, &signed.viewer.id).await?;
    if two_factor::is_on(&mut db.conn().await?, &signed.viewer.id).await? {
        session::await_second_step(session, db, &signed.viewer.id, signed.epoch, remember).await?;
        return Ok(Step::SecondStep);
    }
    finish(db, session, signed, remember, device).await.map(Step::SignedIn)
}

/// The second step: a code from the app or a recovery code. `Unauthorized`
/// when no sign-in is waiting (or it waited more than five minutes).
pub async fn with_second_step(
    db: &Db,
    session: &Session,
    answer: &Answer,
    device: &Device,
) -> AppResult<Viewer> {
    let pending = session::pending_second_step(session).await?.ok_or(AppError::Unauthorized)?;
    two_factor::check(db, &pending.user_id, answer, device).await?;
    let (viewer, epoch) =
        db::viewer(&mut db.conn().await?, &pending.user_id).await?.ok_or(AppError::Unauthorized)?;
    if epoch != pending.epoch {
        // The password changed meanwhile.
        return Err(AppError::Unauthorized);
    }
    finish(db, session, SignIn { viewer, epoch }, pending.remember, device).await
}

/// A switched-off account is told so, but only after its right password
/// (a wrong one says nothing about the account).
async fn refuse_deactivated(db: &Db, user_id: &str) -> AppResult<()> {
    if crate::people::db::is_deactivated(&mut db.conn().await?, user_id).await? {
        return Err(AppError::AccountDeactivated);
    }
    Ok(())
}

async fn finish(
    db: &Db,
    session: &Session,
    signed: SignIn,
    remember: bool,
    device: &Device,
) -> AppResult<Viewer> {
    refuse_deactivated(db, &signed.viewer.id).await?;
    sessions::notice_sign_in(db, &signed.viewer, device).await?;
    session::sign_in(session, db, &signed.viewer.id, signed.epoch, remember, device).await?;
    Ok(signed.viewer)
}
