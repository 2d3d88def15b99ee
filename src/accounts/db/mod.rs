//! Accounts SQL. Portable: `$n` placeholders, TEXT ids, BIGINT unix ms,
//! JSON arrays as TEXT. People and profiles here; addresses and failed
//! sign-ins in their own files.

mod addresses;
mod failures;

pub use addresses::*;
pub use failures::*;

use sqlx::{AnyConnection, AnyPool, FromRow};

use super::{Role, Viewer};
use crate::server::{new_id, now_ms};

#[derive(Debug, FromRow)]
struct ViewerRow {
    id: String,
    email: String,
    full_name: String,
    role: String,
    session_epoch: i64,
}

fn role(s: &str) -> Role {
    Role::parse(s).unwrap_or(Role::Customer)
}

/// The person behind a session, with their current session epoch.
pub async fn viewer(pool: &AnyPool, user_id: &str) -> Result<Option<(Viewer, i64)>, sqlx::Error> {
    let row: Option<ViewerRow> =
        sqlx::query_as("SELECT id, email, full_name, role, session_epoch FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|r| {
        (Viewer { role: role(&r.role), id: r.id, email: r.email, full_name: r.full_name }, r.session_epoch)
    }))
}

/// What sign-in needs to know about an email.
#[derive(Debug, FromRow)]
pub struct LoginRow {
    pub id: String,
    pub password_hash: String,
    pub session_epoch: i64,
}

pub async fn find_login(pool: &AnyPool, email: &str) -> Result<Option<LoginRow>, sqlx::Error> {
    sqlx::query_as("SELECT id, password_hash, session_epoch FROM users WHERE email = $1")
        .bind(email)
        .fetch_optional(pool)
        .await
}

pub async fn password_hash(pool: &AnyPool, user_id: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(pool)
        .await
}

pub async fn email_taken(conn: &mut AnyConnection, email: &str) -> Result<bool, sqlx::Error> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = $1").bind(email).fetch_one(conn).await?;
    Ok(n > 0)
}

/// A new user and their empty profile; returns the id.
pub async fn insert_user(
    conn: &mut AnyConnection,
    email: &str,
    password_hash: &str,
    full_name: &str,
    role: Role,
) -> Result<String, sqlx::Error> {
    let id = new_id();
    let now = now_ms();
    sqlx::query(
        "INSERT INTO users (id, email, password_hash, full_name, role, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6)",
    )
    .bind(&id)
    .bind(email)
    .bind(password_hash)
    .bind(full_name)
    .bind(role.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query("INSERT INTO profiles (user_id, updated_at) VALUES ($1, $2)")
        .bind(&id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(id)
}

/// New hash; the epoch moves on so every other session ends. Returns it.
pub async fn set_password(conn: &mut AnyConnection, user_id: &str, hash: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE users SET password_hash = $1, session_epoch = session_epoch + 1, updated_at = $2 \
         WHERE id = $3 RETURNING session_epoch",
    )
    .bind(hash)
    .bind(now_ms())
    .bind(user_id)
    .fetch_one(conn)
    .await
}

pub async fn set_role(conn: &mut AnyConnection, user_id: &str, role: Role) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET role = $1, updated_at = $2 WHERE id = $3")
        .bind(role.as_str())
        .bind(now_ms())
        .bind(user_id)
        .execute(conn)
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
}

pub async fn profile(pool: &AnyPool, user_id: &str) -> Result<Option<ProfileRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.email, u.full_name, p.username, p.bio, p.gender, p.interests, p.skin_type, \
         p.skin_concerns, p.avatar_media_id \
         FROM users u JOIN profiles p ON p.user_id = u.id WHERE u.id = $1",
    )
    .bind(user_id)
    .fetch_optional(pool)
    .await
}

/// Whether another person already uses `username`.
pub async fn username_taken(
    conn: &mut AnyConnection,
    username: &str,
    user_id: &str,
) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM profiles WHERE username = $1 AND user_id <> $2")
        .bind(username)
        .bind(user_id)
        .fetch_one(conn)
        .await?;
    Ok(n > 0)
}

pub async fn save_profile(
    conn: &mut AnyConnection,
    user_id: &str,
    p: &ProfileRow,
) -> Result<(), sqlx::Error> {
    let now = now_ms();
    sqlx::query("UPDATE users SET full_name = $1, updated_at = $2 WHERE id = $3")
        .bind(&p.full_name)
        .bind(now)
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "UPDATE profiles SET username = $1, bio = $2, gender = $3, interests = $4, skin_type = $5, \
         skin_concerns = $6, avatar_media_id = $7, updated_at = $8 WHERE user_id = $9",
    )
    .bind(&p.username)
    .bind(&p.bio)
    .bind(&p.gender)
    .bind(&p.interests)
    .bind(&p.skin_type)
    .bind(&p.skin_concerns)
    .bind(&p.avatar_media_id)
    .bind(now)
    .bind(user_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn delete_media(conn: &mut AnyConnection, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM media WHERE id = $1").bind(id).execute(conn).await?;
    Ok(())
}
