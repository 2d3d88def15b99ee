//! Account rules. The server functions and the REST API both call these;
//! neither touches SQL or passwords itself.

use std::net::IpAddr;

use super::throttle::{self, Keys};
use super::validate::{AddressInput, Email, Fields, ProfileInput, RegisterInput, new_password};
use super::{Address, Profile, Role, Viewer, db, password};
use crate::catalog::service::media_url;
use crate::error::{AppError, AppResult};
use crate::server::db::Db;
use crate::server::new_id;

/// Who was signed in, and the epoch their session must carry.
#[derive(Debug, Clone)]
pub struct SignIn {
    pub viewer: Viewer,
    pub epoch: i64,
}

fn unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

/// A new customer account. `Conflict` when the email is registered — the
/// one place that may say so.
pub async fn register(db: &Db, input: RegisterInput) -> AppResult<SignIn> {
    let account = input.parse()?;
    let hash = password::hash(account.password.clone()).await?;
    let mut tx = db.pool().begin().await?;
    if db::email_taken(&mut tx, account.email.as_str()).await? {
        return Err(email_conflict());
    }
    let id = match db::insert_user(&mut tx, account.email.as_str(), &hash, &account.full_name, Role::Customer)
        .await
    {
        Ok(id) => id,
        Err(e) if unique_violation(&e) => return Err(email_conflict()),
        Err(e) => return Err(e.into()),
    };
    tx.commit().await?;
    let viewer = Viewer {
        id,
        email: account.email.as_str().to_owned(),
        full_name: account.full_name,
        role: Role::Customer,
    };
    Ok(SignIn { viewer, epoch: 0 })
}

fn email_conflict() -> AppError {
    AppError::Conflict("An account with this email already exists. Sign in instead.".into())
}

/// The one answer for a wrong email and a wrong password alike.
fn bad_credentials() -> AppError {
    AppError::InvalidCredentials
}

/// Check a password, with throttling per account and per client address.
pub async fn authenticate(db: &Db, email: &str, password: &str, ip: Option<IpAddr>) -> AppResult<SignIn> {
    if password.is_empty() || password.chars().count() > super::validate::MAX_PASSWORD {
        return Err(bad_credentials());
    }
    // A malformed email cannot match an account; it still pays the hash time.
    let email = Email::parse(email).map(|e| e.as_str().to_owned()).unwrap_or_default();
    let keys = Keys::new(&email, ip);
    throttle::check(db, &keys).await?;
    let row = if email.is_empty() { None } else { db::find_login(db.pool(), &email).await? };
    let ok = password::verify(password.to_owned(), row.as_ref().map(|r| r.password_hash.clone())).await?;
    match row {
        Some(row) if ok => {
            throttle::succeeded(db, &keys).await?;
            let (viewer, epoch) = db::viewer(db.pool(), &row.id).await?.ok_or(AppError::Internal)?;
            Ok(SignIn { viewer, epoch })
        }
        _ => {
            throttle::failed(db, &keys).await?;
            Err(bad_credentials())
        }
    }
}

fn json_list(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

fn to_json(list: &[String]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".into())
}

pub async fn profile(db: &Db, user_id: &str) -> AppResult<Profile> {
    let row = db::profile(db.pool(), user_id).await?.ok_or(AppError::Unauthorized)?;
    Ok(Profile {
        full_name: row.full_name,
        email: row.email,
        username: row.username,
        bio: row.bio,
        gender: row.gender,
        interests: json_list(&row.interests),
        skin_type: row.skin_type,
        skin_concerns: json_list(&row.skin_concerns),
        avatar_url: row.avatar_media_id.as_deref().map(media_url),
    })
}

/// Change the fields present in `input`; the others keep their values.
pub async fn update_profile(db: &Db, user_id: &str, input: ProfileInput) -> AppResult<Profile> {
    let change = input.parse()?;
    let mut row = db::profile(db.pool(), user_id).await?.ok_or(AppError::Unauthorized)?;
    let mut tx = db.pool().begin().await?;
    if let Some(Some(name)) = &change.username
        && db::username_taken(&mut tx, name, user_id).await?
    {
        return Err(AppError::field("username", "This username is taken."));
    }
    if let Some(v) = change.full_name {
        row.full_name = v;
    }
    if let Some(v) = change.username {
        row.username = v;
    }
    if let Some(v) = change.bio {
        row.bio = v;
    }
    if let Some(v) = change.gender {
        row.gender = v;
    }
    if let Some(v) = change.interests {
        row.interests = to_json(&v);
    }
    if let Some(v) = change.skin_type {
        row.skin_type = v;
    }
    if let Some(v) = change.skin_concerns {
        row.skin_concerns = to_json(&v);
    }
    match db::save_profile(&mut tx, user_id, &row).await {
        Err(e) if unique_violation(&e) => return Err(AppError::field("username", "This username is taken.")),
        other => other?,
    }
    tx.commit().await?;
    profile(db, user_id).await
}

/// Change the password after checking the current one. Returns the new
/// session epoch: every other session of this person ends.
pub async fn change_password(
    db: &Db,
    user_id: &str,
    current: &str,
    new: &str,
    confirm: &str,
) -> AppResult<i64> {
    let stored = db::password_hash(db.pool(), user_id).await?.ok_or(AppError::Unauthorized)?;
    let mut f = Fields::default();
    if !password::verify(current.to_owned(), Some(stored)).await? {
        f.check::<()>("current_password", Err("This is not your current password.".into()));
    }
    f.check("new_password", new_password(new, None));
    if new != confirm {
        f.check::<()>("new_password_confirm", Err("The passwords do not match.".into()));
    }
    f.finish()?;
    let hash = password::hash(new.to_owned()).await?;
    let mut tx = db.pool().begin().await?;
    let epoch = db::set_password(&mut tx, user_id, &hash).await?;
    tx.commit().await?;
    Ok(epoch)
}

pub async fn addresses(db: &Db, user_id: &str) -> AppResult<Vec<Address>> {
    let mut conn = db.pool().acquire().await?;
    Ok(db::addresses(&mut conn, user_id).await?)
}

/// One of the person's addresses; someone else's is `NotFound`.
pub async fn address(db: &Db, user_id: &str, id: &str) -> AppResult<Address> {
    let mut conn = db.pool().acquire().await?;
    db::address(&mut conn, user_id, id).await?.ok_or_else(|| AppError::NotFound("Address".into()))
}

fn address_from(id: String, input: AddressInput) -> Address {
    Address {
        id,
        full_name: input.full_name,
        phone: input.phone,
        address_line1: input.address_line1,
        address_line2: input.address_line2,
        city: input.city,
        state: input.state,
        postal_code: input.postal_code,
        country: input.country,
        is_default: input.is_default,
    }
}

/// Add an address. The first one, or one marked default, becomes the default.
pub async fn add_address(db: &Db, user_id: &str, input: AddressInput) -> AppResult<Address> {
    let input = input.parse()?;
    let mut tx = db.pool().begin().await?;
    let existing = db::addresses(&mut tx, user_id).await?;
    if existing.len() >= 20 {
        return Err(AppError::field("address_line1", "You can keep at most 20 addresses."));
    }
    let mut address = address_from(new_id(), input);
    address.is_default = address.is_default || existing.is_empty();
    if address.is_default {
        db::clear_default(&mut tx, user_id).await?;
    }
    db::insert_address(&mut tx, user_id, &address).await?;
    tx.commit().await?;
    Ok(address)
}

/// Replace an address's fields. Someone else's address is `NotFound`.
pub async fn update_address(db: &Db, user_id: &str, id: &str, input: AddressInput) -> AppResult<Address> {
    let input = input.parse()?;
    let mut tx = db.pool().begin().await?;
    let old = db::address(&mut tx, user_id, id).await?.ok_or_else(|| AppError::NotFound("Address".into()))?;
    let mut address = address_from(old.id, input);
    // Unticking "default" on the default would leave none: it stays.
    address.is_default = address.is_default || old.is_default;
    if address.is_default && !old.is_default {
        db::clear_default(&mut tx, user_id).await?;
    }
    db::update_address(&mut tx, user_id, &address).await?;
    tx.commit().await?;
    Ok(address)
}

/// Make one address the default (and no other).
pub async fn set_default_address(db: &Db, user_id: &str, id: &str) -> AppResult<Vec<Address>> {
    let mut tx = db.pool().begin().await?;
    db::address(&mut tx, user_id, id).await?.ok_or_else(|| AppError::NotFound("Address".into()))?;
    db::clear_default(&mut tx, user_id).await?;
    db::set_default(&mut tx, user_id, id).await?;
    let all = db::addresses(&mut tx, user_id).await?;
    tx.commit().await?;
    Ok(all)
}

/// Delete an address; when it was the default, the oldest remaining one
/// takes over.
pub async fn delete_address(db: &Db, user_id: &str, id: &str) -> AppResult<Vec<Address>> {
    let mut tx = db.pool().begin().await?;
    let old = db::address(&mut tx, user_id, id).await?.ok_or_else(|| AppError::NotFound("Address".into()))?;
    db::delete_address(&mut tx, user_id, id).await?;
    let mut all = db::addresses(&mut tx, user_id).await?;
    if old.is_default
        && let Some(first) = all.first_mut()
    {
        db::set_default(&mut tx, user_id, &first.id).await?;
        first.is_default = true;
    }
    tx.commit().await?;
    Ok(all)
}

/// An account made from the command line (`bazaar admin create`) or the
/// demo seed, with any role.
pub async fn create_account(
    db: &Db,
    email: &str,
    full_name: &str,
    password: &str,
    role: Role,
) -> AppResult<String> {
    let email = Email::parse(email).map_err(|m| AppError::field("email", m))?;
    let name = super::validate::full_name(full_name).map_err(|m| AppError::field("full_name", m))?;
    new_password(password, Some(&email)).map_err(|m| AppError::field("password", m))?;
    let hash = password::hash(password.to_owned()).await?;
    let mut tx = db.pool().begin().await?;
    if db::email_taken(&mut tx, email.as_str()).await? {
        return Err(email_conflict());
    }
    let id = db::insert_user(&mut tx, email.as_str(), &hash, &name, role).await?;
    tx.commit().await?;
    Ok(id)
}

/// Store a new avatar (already checked by type and size) and drop the old one.
pub async fn set_avatar(db: &Db, user_id: &str, content_type: &str, bytes: &[u8]) -> AppResult<()> {
    let mut row = db::profile(db.pool(), user_id).await?.ok_or(AppError::Unauthorized)?;
    let old = row.avatar_media_id.take();
    let id = new_id();
    let mut tx = db.pool().begin().await?;
    crate::catalog::db::insert_media(&mut tx, &id, content_type, bytes, crate::server::now_ms()).await?;
    row.avatar_media_id = Some(id);
    db::save_profile(&mut tx, user_id, &row).await?;
    if let Some(old) = old {
        db::delete_media(&mut tx, &old).await?;
    }
    tx.commit().await?;
    Ok(())
}
