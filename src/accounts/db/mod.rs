//! Accounts SQL. Portable: `$n` placeholders, TEXT ids, BIGINT unix ms,
//! JSON arrays as TEXT. People and profiles here; addresses, sign-in
//! throttle counters, session handles, security events and one-time links in their own
//! files. Every function runs on the connection or transaction its caller
//! hands it.

mod addresses;
mod email;
mod events;
mod failures;
mod sessions;
mod tokens;
mod two_factor;

pub use addresses::*;
pub use email::*;
pub use events::*;
pub use failures::*;
pub use sessions::*;
use sqlx::FromRow;
pub use tokens::*;
pub use two_factor::*;

use super::areas::Areas;
use super::{Role, Viewer};
use crate::server::db::Conn;
use crate::server::{new_id, now_ms};
use crate::sql;

#[derive(Debug, FromRow)]
struct ViewerRow {
    id: String,
    email: String,
    full_name: String,
    role: String,
    session_epoch: i64,
    staff_areas: String,
}

fn role(s: &str) -> Role {
    Role::parse(s).unwrap_or(Role::Customer)
}

/// The person behind a session, with their current session epoch.
pub async fn viewer(c: &mut Conn, user_id: &str) -> Result<Option<(Viewer, i64)>, sqlx::Error> {
    let row: Option<ViewerRow> = c
        .opt(&sql!(
            "SELECT id, email, full_name, role, session_epoch, staff_areas FROM users WHERE id = $1",
            user_id
        ))
        .await?;
    Ok(row.map(|r| {
        let viewer = Viewer {
            role: role(&r.role),
            id: r.id,
            email: r.email,
            full_name: r.full_name,
            must_enrol: false,
            areas: Areas::from_text(&r.staff_areas),
        };
        (viewer, r.session_epoch)
    }))
}

#[derive(Debug, FromRow)]
struct SessionViewerRow {
    id: String,
    email: String,
    full_name: String,
    role: String,
    open: i64,
    two_factor: i64,
    staff_rule: i64,
    staff_areas: String,
}

/// The person behind a session handle, and whether that handle is still an
/// open session at the person's current epoch — one query per request,
/// which also says whether a staff member must turn on two-step sign-in
/// first (`must_enrol`; the role they hold is then inert, see `session`).
pub async fn viewer_in_session(
    c: &mut Conn,
    user_id: &str,
    handle: &str,
) -> Result<Option<(Viewer, bool)>, sqlx::Error> {
    let row: Option<SessionViewerRow> = c
        .opt(&sql!(
            "SELECT u.id, u.email, u.full_name, u.role, u.staff_areas, \
             (SELECT COUNT(*) FROM user_sessions s WHERE s.id = $2 AND s.user_id = u.id \
              AND s.ended_at IS NULL AND s.epoch = u.session_epoch AND u.status = 'active') AS open, \
             (SELECT COUNT(*) FROM two_factor t WHERE t.user_id = u.id AND t.enabled_at IS NOT NULL) AS two_factor, \
             (SELECT COUNT(*) FROM site_settings k WHERE k.name = 'require_staff_two_factor' AND k.value = 'on') \
              AS staff_rule \
             FROM users u WHERE u.id = $1",
            user_id,
            handle
        ))
        .await?;
    Ok(row.map(|r| {
        let role = role(&r.role);
        let must_enrol = matches!(role, Role::Staff | Role::Admin) && r.staff_rule > 0 && r.two_factor == 0;
        let areas = Areas::from_text(&r.staff_areas);
        (Viewer { role, id: r.id, email: r.email, full_name: r.full_name, must_enrol, areas }, r.open > 0)
    }))
}

/// What sign-in needs to know about an email.
#[derive(Debug, FromRow)]
pub struct LoginRow {
    pub id: String,
    pub password_hash: String,
    pub session_epoch: i64,
}

pub async fn find_login(c: &mut Conn, email: &str) -> Result<Option<LoginRow>, sqlx::Error> {
    c.opt(&sql!("SELECT id, password_hash, session_epoch FROM users WHERE email = $1", email)).await
}

pub async fn password_hash(c: &mut Conn, user_id: &str) -> Result<Option<String>, sqlx::Error> {
    c.scalar_opt(&sql!("SELECT password_hash FROM users WHERE id = $1", user_id)).await
}

pub async fn email_taken(c: &mut Conn, email: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = c.scalar(&sql!("SELECT COUNT(*) FROM users WHERE email = $1", email)).await?;
    Ok(n > 0)
}

/// Lock the person's row until the transaction ends, so their concurrent
/// changes (profile, addresses, avatar) run one after another. Portable: on
/// PostgreSQL the no-op UPDATE takes the row lock; SQLite has one writer.
pub async fn lock_user(c: &mut Conn, user_id: &str) -> Result<bool, sqlx::Error> {
    Ok(c.exec(&sql!("UPDATE users SET updated_at = updated_at WHERE id = $1", user_id)).await? == 1)
}

/// Whether the account was deleted (its row stays, erased; see `data`).
pub async fn is_deleted(c: &mut Conn, user_id: &str) -> Result<bool, sqlx::Error> {
    let at: Option<Option<i64>> =
        c.scalar_opt(&sql!("SELECT deleted_at FROM users WHERE id = $1", user_id)).await?;
    Ok(at.flatten().is_some())
}

/// Whether any account exists at all (demo people go only into an empty shop).
pub async fn any_user(c: &mut Conn) -> Result<bool, sqlx::Error> {
    Ok(c.scalar_opt::<String>(&sql!("SELECT id FROM users LIMIT 1")).await?.is_some())
}

/// A new user and their empty profile; returns the id. `verified`: the
/// address counts as proved (accounts an operator or administrator made).
pub async fn insert_user(
    c: &mut Conn,
    email: &str,
    password_hash: &str,
    full_name: &str,
    role: Role,
    verified: bool,
) -> Result<String, sqlx::Error> {
    let id = new_id();
    let now = now_ms();
    let verified_at = verified.then_some(now);
    c.exec(&sql!(
        "INSERT INTO users (id, email, password_hash, full_name, role, email_verified_at, staff_areas, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
        &id,
        email,
        password_hash,
        full_name,
        role.as_str(),
        verified_at,
        Areas::first(role).to_text(),
        now
    ))
    .await?;
    c.exec(&sql!("INSERT INTO profiles (user_id, updated_at) VALUES ($1, $2)", &id, now)).await?;
    Ok(id)
}

/// A new account's yes to marketing mail, given as it registered.
pub async fn opt_in_to_marketing(c: &mut Conn, user_id: &str, now: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!("UPDATE profiles SET marketing_opt_in_at = $2 WHERE user_id = $1", user_id, now)).await?;
    Ok(())
}

/// New hash; the epoch moves on so every other session ends. Returns it.
pub async fn set_password(c: &mut Conn, user_id: &str, hash: &str) -> Result<i64, sqlx::Error> {
    c.scalar(&sql!(
        "UPDATE users SET password_hash = $1, session_epoch = session_epoch + 1, updated_at = $2 \
         WHERE id = $3 RETURNING session_epoch",
        hash,
        now_ms(),
        user_id
    ))
    .await
}

/// A new role, with the areas it starts with (see `Areas::first`).
pub async fn set_role(c: &mut Conn, user_id: &str, role: Role) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE users SET role = $1, staff_areas = $4, updated_at = $2 WHERE id = $3",
        role.as_str(),
        now_ms(),
        user_id,
        Areas::first(role).to_text()
    ))
    .await?;
    Ok(())
}

#[derive(Debug, FromRow)]
pub struct ProfileRow {
    pub email: String,
    pub full_name: String,
    pub username: Option<String>,
    pub bio: String,
    pub gender: String,
    pub interests: String,
    pub skin_type: String,
    pub skin_concerns: String,
    pub avatar_media_id: Option<String>,
    /// When they said yes to marketing mail; `None`: no.
    pub marketing_opt_in_at: Option<i64>,
}

/// The profile; inside a write transaction, read-modify-write is safe.
pub async fn profile(c: &mut Conn, user_id: &str) -> Result<Option<ProfileRow>, sqlx::Error> {
    c.opt(&sql!(
        "SELECT u.email, u.full_name, p.username, p.bio, p.gender, p.interests, p.skin_type, \
         p.skin_concerns, p.avatar_media_id, p.marketing_opt_in_at \
         FROM users u JOIN profiles p ON p.user_id = u.id WHERE u.id = $1",
        user_id
    ))
    .await
}

/// Whether another person already uses `username`.
pub async fn username_taken(c: &mut Conn, username: &str, user_id: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = c
        .scalar(&sql!(
            "SELECT COUNT(*) FROM profiles WHERE username = $1 AND user_id <> $2",
            username,
            user_id
        ))
        .await?;
    Ok(n > 0)
}

pub async fn save_profile(c: &mut Conn, user_id: &str, p: &ProfileRow) -> Result<(), sqlx::Error> {
    let now = now_ms();
    c.exec(&sql!(
        "UPDATE users SET full_name = $1, updated_at = $2 WHERE id = $3",
        &p.full_name,
        now,
        user_id
    ))
    .await?;
    c.exec(&sql!(
        "UPDATE profiles SET username = $1, bio = $2, gender = $3, interests = $4, skin_type = $5, \
         skin_concerns = $6, avatar_media_id = $7, updated_at = $8, marketing_opt_in_at = $10 WHERE user_id = $9",
        &p.username,
        &p.bio,
        &p.gender,
        &p.interests,
        &p.skin_type,
        &p.skin_concerns,
        &p.avatar_media_id,
        now,
        user_id,
        p.marketing_opt_in_at
    ))
    .await?;
    Ok(())
}
