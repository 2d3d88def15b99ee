//! Accounts SQL. Portable: `$n` placeholders, TEXT ids, BIGINT unix ms,
//! JSON arrays as TEXT.

use sqlx::{AnyConnection, AnyPool, FromRow};

use super::{Address, Role, Viewer};
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

/// `is_default` is read as 0/1: the Any driver cannot decode SQLite's BOOLEAN.
const ADDRESS_COLUMNS: &str = "SELECT id, full_name, phone, address_line1, address_line2, city, state, \
     postal_code, country, CAST(CASE WHEN is_default THEN 1 ELSE 0 END AS BIGINT) AS is_default FROM addresses";

#[derive(Debug, FromRow)]
struct AddressRow {
    id: String,
    full_name: String,
    phone: String,
    address_line1: String,
    address_line2: String,
    city: String,
    state: String,
    postal_code: String,
    country: String,
    is_default: i64,
}

impl From<AddressRow> for Address {
    fn from(r: AddressRow) -> Self {
        Address {
            id: r.id,
            full_name: r.full_name,
            phone: r.phone,
            address_line1: r.address_line1,
            address_line2: r.address_line2,
            city: r.city,
            state: r.state,
            postal_code: r.postal_code,
            country: r.country,
            is_default: r.is_default != 0,
        }
    }
}

/// The default first, then oldest first.
pub async fn addresses(conn: &mut AnyConnection, user_id: &str) -> Result<Vec<Address>, sqlx::Error> {
    let rows: Vec<AddressRow> =
        sqlx::query_as(&format!("{ADDRESS_COLUMNS} WHERE user_id = $1 ORDER BY 10 DESC, created_at, id"))
            .bind(user_id)
            .fetch_all(conn)
            .await?;
    Ok(rows.into_iter().map(Address::from).collect())
}

/// One of `user_id`'s addresses; someone else's is `None`.
pub async fn address(
    conn: &mut AnyConnection,
    user_id: &str,
    id: &str,
) -> Result<Option<Address>, sqlx::Error> {
    let row: Option<AddressRow> =
        sqlx::query_as(&format!("{ADDRESS_COLUMNS} WHERE user_id = $1 AND id = $2"))
            .bind(user_id)
            .bind(id)
            .fetch_optional(conn)
            .await?;
    Ok(row.map(Address::from))
}

/// Binds the nine address fields, in the order both statements list them.
fn bind_fields<'q>(
    q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    a: &'q Address,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    q.bind(&a.full_name)
        .bind(&a.phone)
        .bind(&a.address_line1)
        .bind(&a.address_line2)
        .bind(&a.city)
        .bind(&a.state)
        .bind(&a.postal_code)
        .bind(&a.country)
        .bind(a.is_default)
}

pub async fn insert_address(conn: &mut AnyConnection, user_id: &str, a: &Address) -> Result<(), sqlx::Error> {
    let q = sqlx::query(
        "INSERT INTO addresses (full_name, phone, address_line1, address_line2, city, state, postal_code, \
         country, is_default, created_at, updated_at, id, user_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12)",
    );
    bind_fields(q, a).bind(now_ms()).bind(&a.id).bind(user_id).execute(conn).await?;
    Ok(())
}

pub async fn update_address(conn: &mut AnyConnection, user_id: &str, a: &Address) -> Result<(), sqlx::Error> {
    let q = sqlx::query(
        "UPDATE addresses SET full_name = $1, phone = $2, address_line1 = $3, address_line2 = $4, city = $5, \
         state = $6, postal_code = $7, country = $8, is_default = $9, updated_at = $10 \
         WHERE id = $11 AND user_id = $12",
    );
    bind_fields(q, a).bind(now_ms()).bind(&a.id).bind(user_id).execute(conn).await?;
    Ok(())
}

pub async fn delete_address(conn: &mut AnyConnection, user_id: &str, id: &str) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM addresses WHERE id = $1 AND user_id = $2")
        .bind(id)
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// Clear the default flag, so another address can take it without
/// tripping the one-default index.
pub async fn clear_default(conn: &mut AnyConnection, user_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE addresses SET is_default = FALSE WHERE user_id = $1 AND is_default = TRUE")
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_default(conn: &mut AnyConnection, user_id: &str, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE addresses SET is_default = TRUE WHERE user_id = $1 AND id = $2")
        .bind(user_id)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// One failed sign-in for `key`.
pub async fn record_failure(pool: &AnyPool, key: &str, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO login_failures (id, scope_key, created_at) VALUES ($1, $2, $3)")
        .bind(new_id())
        .bind(key)
        .bind(at)
        .execute(pool)
        .await?;
    Ok(())
}

/// Failures for `key` since `since`, and the oldest of them.
pub async fn failures_since(
    pool: &AnyPool,
    key: &str,
    since: i64,
) -> Result<(i64, Option<i64>), sqlx::Error> {
    sqlx::query_as(
        "SELECT COUNT(*), MIN(created_at) FROM login_failures WHERE scope_key = $1 AND created_at > $2",
    )
    .bind(key)
    .bind(since)
    .fetch_one(pool)
    .await
}

pub async fn clear_failures(pool: &AnyPool, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_failures WHERE scope_key = $1").bind(key).execute(pool).await?;
    Ok(())
}

pub async fn prune_failures(pool: &AnyPool, before: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_failures WHERE created_at <= $1").bind(before).execute(pool).await?;
    Ok(())
}

pub async fn delete_media(conn: &mut AnyConnection, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM media WHERE id = $1").bind(id).execute(conn).await?;
    Ok(())
}
