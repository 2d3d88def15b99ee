//! Two-step sign-in: set up (a key shown as a QR code and as text), turned
//! on by a first right code (ten recovery codes, shown once, kept hashed),
//! checked at sign-in (a code works once; five wrong and the next waits),
//! turned off with the password and a code.

use super::audit::{self, Subject};
use super::events::SecurityKind;
use super::password::Passwords;
use super::security_api::{TwoFactorSetup, TwoFactorStatus};
use super::session::Device;
use super::throttle::{self, Keys};
use super::totp::{self, Key};
use super::{Viewer, db};
use crate::error::{AppError, AppResult};
use crate::server::db::{Conn, Db};
use crate::server::{new_id, now_ms};

/// The second step's answer: a code from the app, or a recovery code.
#[derive(Debug, Clone)]
pub enum Answer {
    Code(String),
    Recovery(String),
}

impl Answer {
    /// From the form or JSON: a recovery code when one is given, else the code.
    pub fn from_fields(code: Option<&str>, recovery_code: Option<&str>) -> AppResult<Self> {
        match (code.map(str::trim).filter(|c| !c.is_empty()), recovery_code.map(str::trim)) {
            (_, Some(r)) if !r.is_empty() => Ok(Self::Recovery(r.to_owned())),
            (Some(c), _) => Ok(Self::Code(c.to_owned())),
            _ => Err(AppError::field("code", "Enter the 6-digit code from your authenticator app.")),
        }
    }

    /// A six-digit code, or else a recovery code (turning it off may use one).
    pub fn guess(text: &str) -> Self {
        if totp::normal_code(text).is_some() {
            Self::Code(text.to_owned())
        } else {
            Self::Recovery(text.to_owned())
        }
    }

    fn field(&self) -> &'static str {
        match self {
            Self::Code(_) => "code",
            Self::Recovery(_) => "recovery_code",
        }
    }
}

fn now_secs() -> u64 {
    (now_ms() / 1000).max(0) as u64
}

/// Whether signing in as `user_id` asks for a code.
pub async fn is_on(c: &mut Conn, user_id: &str) -> AppResult<bool> {
    Ok(db::two_factor(c, user_id).await?.is_some_and(|r| r.enabled_at.is_some()))
}

/// What /account/security shows: on or off, a setup waiting for its code.
pub async fn status(c: &mut Conn, viewer: &Viewer) -> AppResult<TwoFactorStatus> {
    let row = db::two_factor(c, &viewer.id).await?;
    let setup = match &row {
        Some(r) if r.enabled_at.is_none() => Some(setup_of(&Key::from_base32(&r.secret, &viewer.email)?)?),
        _ => None,
    };
    Ok(TwoFactorStatus {
        enabled: row.as_ref().is_some_and(|r| r.enabled_at.is_some()),
        setup,
        recovery_codes_left: db::unused_recovery_codes(c, &viewer.id).await?,
    })
}

fn setup_of(key: &Key) -> AppResult<TwoFactorSetup> {
    let otpauth_url = key.otpauth_url();
    Ok(TwoFactorSetup { secret: key.base32(), qr_svg: totp::qr_svg(&otpauth_url)?, otpauth_url })
}

/// Begin turning it on: a new key, waiting for its first code (a second
/// setup replaces the first). `Conflict` when it is on already.
pub async fn setup(db: &Db, viewer: &Viewer) -> AppResult<TwoFactorSetup> {
    let key = Key::generate(&viewer.email)?;
    let secret = key.base32();
    let stored =
        db.write(async |tx| Ok(db::put_pending_key(tx, &viewer.id, &secret, now_ms()).await?)).await?;
    if !stored {
        return Err(AppError::Conflict("Two-step sign-in is on already.".into()));
    }
    setup_of(&key)
}

fn wrong(field: &str) -> AppError {
    AppError::field(
        field,
        "That code is not right, or it was used already. Check your phone's clock and try the next one.",
    )
}

/// Turn it on with the first code from the app: returns the ten recovery
/// codes, the only time they are shown.
pub async fn enable(db: &Db, viewer: &Viewer, code: &str, device: &Device) -> AppResult<Vec<String>> {
    let row = db::two_factor(&mut db.conn().await?, &viewer.id).await?;
    let row = match row {
        Some(r) if r.enabled_at.is_none() => r,
        Some(_) => return Err(AppError::Conflict("Two-step sign-in is on already.".into())),
        None => return Err(AppError::field("code", "Start again: choose “Turn on” to get a key.")),
    };
    let key = Key::from_base32(&row.secret, &viewer.email)?;
    let attempt = throttle::second_factor(db, &viewer.id).await?;
    let step = key.matching_step(code, now_secs()).ok_or_else(|| wrong("code"))?;
    let codes = totp::new_recovery_codes();
    let hashes: Vec<(String, String)> =
        codes.iter().filter_map(|c| totp::recovery_hash(c)).map(|h| (new_id(), h)).collect();
    db.write(async |tx| {
        if !db::enable_key(tx, &viewer.id, &row.secret, step, now_ms()).await? {
            return Err(AppError::field(
                "code",
                "That key was replaced by a newer one: scan the code shown now.",
            ));
        }
        db::replace_recovery_codes(tx, &viewer.id, &hashes, now_ms()).await?;
        crate::mail::accounts::two_factor_changed(tx, &viewer.email, viewer.first_name(), true).await?;
        audit::record(tx, Subject::User(&viewer.id), SecurityKind::TwoFactorEnabled, device, "").await
    })
    .await?;
    throttle::second_factor_passed(db, &viewer.id, attempt).await?;
    Ok(codes)
}

/// Check a second-step answer for `user_id`: counted against the throttle
/// first, a code taken only once, a recovery code used up (and the person
/// told). A wrong answer is a field error on the answer's field.
pub async fn check(db: &Db, user_id: &str, answer: &Answer, device: &Device) -> AppResult<()> {
    let attempt = throttle::second_factor(db, user_id).await?;
    let ok = match answer {
        Answer::Code(code) => {
            let row =
                db::two_factor(&mut db.conn().await?, user_id).await?.filter(|r| r.enabled_at.is_some());
            match row {
                // The account name only labels the app's entry; checking needs none.
                Some(r) => match Key::from_base32(&r.secret, "")?.matching_step(code, now_secs()) {
                    Some(step) => db.write(async |tx| Ok(db::take_step(tx, user_id, step).await?)).await?,
                    None => false,
                },
                None => false,
            }
        }
        Answer::Recovery(typed) => match totp::recovery_hash(typed) {
            Some(hash) => db.write(async |tx| use_recovery_code(tx, user_id, &hash, device).await).await?,
            None => false,
        },
    };
    if !ok {
        let kind = SecurityKind::TwoFactorFailed;
        db.write(async |tx| audit::record(tx, Subject::User(user_id), kind, device, "").await).await?;
        return Err(wrong(answer.field()));
    }
    throttle::second_factor_passed(db, user_id, attempt).await
}

async fn use_recovery_code(
    tx: &mut crate::server::db::Tx,
    user_id: &str,
    hash: &str,
    device: &Device,
) -> AppResult<bool> {
    if !db::use_recovery_code(tx, user_id, hash, now_ms()).await? {
        return Ok(false);
    }
    let left = db::unused_recovery_codes(tx, user_id).await?;
    let (viewer, _) = db::viewer(tx, user_id).await?.ok_or(AppError::Unauthorized)?;
    crate::mail::accounts::recovery_code_used(tx, &viewer.email, viewer.first_name(), left).await?;
    let detail = format!("{left} left");
    audit::record(tx, Subject::User(user_id), SecurityKind::RecoveryCodeUsed, device, &detail).await?;
    Ok(true)
}

/// Turn it off: the current password and a code (or a recovery code), never
/// the session alone.
pub async fn disable(
    db: &Db,
    passwords: &Passwords,
    viewer: &Viewer,
    password: &str,
    code: &str,
    device: &Device,
) -> AppResult<()> {
    if !is_on(&mut db.conn().await?, &viewer.id).await? {
        return Err(AppError::Conflict("Two-step sign-in is off already.".into()));
    }
    confirm_password(db, passwords, viewer, password, device).await?;
    check(db, &viewer.id, &Answer::guess(code), device).await.map_err(|e| match e {
        AppError::Validation(_) => wrong("code"),
        e => e,
    })?;
    db.write(async |tx| {
        db::delete_two_factor(tx, &viewer.id).await?;
        crate::mail::accounts::two_factor_changed(tx, &viewer.email, viewer.first_name(), false).await?;
        audit::record(tx, Subject::User(&viewer.id), SecurityKind::TwoFactorDisabled, device, "").await
    })
    .await
}

/// Step-up for a change the session alone must not make (email, deleting
/// the account): the current password, and a code or recovery code when
/// two-step sign-in is on.
pub async fn step_up(
    db: &Db,
    passwords: &Passwords,
    viewer: &Viewer,
    password: &str,
    code: &str,
    device: &Device,
) -> AppResult<()> {
    confirm_password(db, passwords, viewer, password, device).await?;
    if is_on(&mut db.conn().await?, &viewer.id).await? {
        if code.trim().is_empty() {
            return Err(AppError::field("code", "Enter the code from your authenticator app."));
        }
        check(db, &viewer.id, &Answer::guess(code), device).await.map_err(|e| match e {
            AppError::Validation(_) => wrong("code"),
            e => e,
        })?;
    }
    Ok(())
}

/// Step-up: the person's current password, throttled like a sign-in.
pub async fn confirm_password(
    db: &Db,
    passwords: &Passwords,
    viewer: &Viewer,
    password: &str,
    device: &Device,
) -> AppResult<()> {
    let keys = Keys::new(&viewer.email, device.ip);
    let attempt = throttle::attempt(db, &keys).await?;
    let stored = db::password_hash(&mut db.conn().await?, &viewer.id).await?;
    if password.is_empty() || !passwords.verify(password.to_owned(), stored).await? {
        return Err(AppError::field("password", "This is not your current password."));
    }
    throttle::succeeded(db, &keys, attempt).await
}
