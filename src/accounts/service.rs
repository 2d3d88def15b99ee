//! Account rules. The server functions and the REST API both call these;
//! neither touches SQL or passwords itself.
//!
//! Rules that only touch the database take the caller's `&mut Tx` (writes)
//! or `&mut Conn` (reads), so they compose into bigger transactions. The
//! few that hash a password first (register, sign in, change password)
//! take `&Db` and open their short write transaction *after* hashing: an
//! argon2 hash must never run while the database's write lock is held.

use std::net::IpAddr;

use super::audit::{self, Subject};
use super::events::SecurityKind;
use super::password::Passwords;
use super::session::Device;
use super::throttle::{self, Keys};
use super::validate::{AddressInput, AddressPatch, Email, ProfileInput, RegisterInput, new_password};
use super::{Address, Profile, Role, Viewer, db};
use crate::error::{AppError, AppResult};
use crate::media;
use crate::server::db::{Conn, Db, Tx, is_unique_violation};
use crate::server::{new_id, now_ms};

/// Who was signed in, and the epoch their session must carry.
#[derive(Debug, Clone)]
pub struct SignIn {
    pub viewer: Viewer,
    pub epoch: i64,
}

/// A new customer account, counted against the client's registration
/// limit (`per_hour`). `Conflict` when the email is registered — the one
/// place that may say so.
pub async fn register(
    db: &Db,
    passwords: &Passwords,
    input: RegisterInput,
    ip: Option<IpAddr>,
    per_hour: i64,
) -> AppResult<SignIn> {
    let account = input.parse()?;
    throttle::registration(db, ip, per_hour).await?;
    let hash = passwords.hash(account.password.clone()).await?;
    let viewer = db
        .write(async |tx| {
            if db::email_taken(tx, account.email.as_str()).await? {
                return Err(email_conflict());
            }
            let id = match db::insert_user(
                tx,
                account.email.as_str(),
                &hash,
                &account.full_name,
                Role::Customer,
                false,
            )
            .await
            {
                Ok(id) => id,
                Err(e) if is_unique_violation(&e) => return Err(email_conflict()),
                Err(e) => return Err(e.into()),
            };
            if account.marketing_opt_in {
                db::opt_in_to_marketing(tx, &id, now_ms()).await?;
            }
            let viewer = Viewer {
                id,
                email: account.email.as_str().to_owned(),
                full_name: account.full_name.clone(),
                role: Role::Customer,
                must_enrol: false,
                areas: Default::default(),
            };
            // The link that proves the address, in the same transaction.
            super::verification::send_link(tx, &viewer, &viewer.email).await?;
            Ok(viewer)
        })
        .await?;
    Ok(SignIn { viewer, epoch: 0 })
}

fn email_conflict() -> AppError {
    AppError::Conflict("An account with this email already exists. Sign in instead.".into())
}

/// The one answer for a wrong email and a wrong password alike.
fn bad_credentials() -> AppError {
    AppError::InvalidCredentials
}

/// Check a password, with throttling per account and per client address:
/// the attempt is counted before the check, so parallel guesses cannot
/// exceed the limit.
pub async fn authenticate(
    db: &Db,
    passwords: &Passwords,
    email: &str,
    password: &str,
    device: &Device,
) -> AppResult<SignIn> {
    if password.is_empty() || password.chars().count() > super::validate::MAX_PASSWORD {
        return Err(bad_credentials());
    }
    // A malformed email cannot match an account; it still pays the hash time.
    let typed: String = email.trim().chars().take(100).collect();
    let email = Email::parse(email).map(|e| e.as_str().to_owned()).unwrap_or_default();
    let keys = Keys::new(&email, device.ip);
    let find = async || -> AppResult<_> {
        Ok(if email.is_empty() { None } else { db::find_login(&mut db.conn().await?, &email).await? })
    };
    let attempt = match throttle::attempt(db, &keys).await {
        Ok(attempt) => attempt,
        Err(refused) => {
            let row = find().await?;
            let subject = row.as_ref().map_or(Subject::Address(&typed), |r| Subject::User(&r.id));
            audit::throttled(db, subject, &typed, device).await?;
            return Err(refused);
        }
    };
    let row = find().await?;
    let ok = passwords.verify(password.to_owned(), row.as_ref().map(|r| r.password_hash.clone())).await?;
    match row {
        Some(row) if ok => {
            throttle::succeeded(db, &keys, attempt).await?;
            let (viewer, epoch) =
                db::viewer(&mut db.conn().await?, &row.id).await?.ok_or(AppError::Internal)?;
            Ok(SignIn { viewer, epoch })
        }
        row => {
            let subject = row.as_ref().map_or(Subject::Address(&typed), |r| Subject::User(&r.id));
            let kind = SecurityKind::SignInFailed;
            db.write(async |tx| audit::record(tx, subject, kind, device, "").await).await?;
            Err(bad_credentials())
        }
    }
}

/// Serialise this person's changes (see `db::lock_user`); a deleted
/// account is no longer signed in.
async fn lock(tx: &mut Tx, user_id: &str) -> AppResult<()> {
    if db::lock_user(tx, user_id).await? { Ok(()) } else { Err(AppError::Unauthorized) }
}

/// The same lock for other domains' writes about a person.
pub async fn lock_person(tx: &mut Tx, user_id: &str) -> AppResult<()> {
    lock(tx, user_id).await
}

/// Give a customer `role`; staff and administrators keep theirs. The
/// role is read on every request, so it applies from the next one.
/// Returns the role before, when it changed.
pub async fn promote(tx: &mut Tx, user_id: &str, role: Role) -> AppResult<Option<Role>> {
    lock(tx, user_id).await?;
    let (viewer, _) = db::viewer(tx, user_id).await?.ok_or_else(|| AppError::NotFound("Person".into()))?;
    if viewer.role == Role::Customer && role != Role::Customer {
        db::set_role(tx, user_id, role).await?;
        return Ok(Some(viewer.role));
    }
    Ok(None)
}

fn json_list(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

fn to_json(list: &[String]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".into())
}

pub async fn profile(c: &mut Conn, user_id: &str) -> AppResult<Profile> {
    let row = db::profile(c, user_id).await?.ok_or(AppError::Unauthorized)?;
    let two_factor = super::two_factor::is_on(c, user_id).await?;
    let email_verified = db::email_verified(c, user_id).await?;
    Ok(Profile {
        two_factor,
        email_verified,
        marketing_opt_in: row.marketing_opt_in_at.is_some(),
        full_name: row.full_name,
        email: row.email,
        username: row.username,
        bio: row.bio,
        gender: row.gender,
        interests: json_list(&row.interests),
        skin_type: row.skin_type,
        skin_concerns: json_list(&row.skin_concerns),
        avatar_url: row.avatar_media_id.as_deref().map(media::url),
    })
}

/// Change the fields present in `input`; the others keep their values.
/// The row is read and written inside the caller's transaction, so two
/// concurrent changes to different fields both land.
pub async fn update_profile(tx: &mut Tx, user_id: &str, input: ProfileInput) -> AppResult<Profile> {
    let change = input.parse()?;
    lock(tx, user_id).await?;
    let mut row = db::profile(tx, user_id).await?.ok_or(AppError::Unauthorized)?;
    if let Some(Some(name)) = &change.username
        && db::username_taken(tx, name, user_id).await?
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
    match change.marketing_opt_in {
        Some(true) if row.marketing_opt_in_at.is_none() => row.marketing_opt_in_at = Some(now_ms()),
        Some(false) => row.marketing_opt_in_at = None,
        _ => {}
    }
    match db::save_profile(tx, user_id, &row).await {
        Err(e) if is_unique_violation(&e) => {
            return Err(AppError::field("username", "This username is taken."));
        }
        other => other?,
    }
    profile(tx, user_id).await
}

pub async fn addresses(c: &mut Conn, user_id: &str) -> AppResult<Vec<Address>> {
    Ok(db::addresses(c, user_id).await?)
}

/// One of the person's addresses; someone else's is `NotFound`.
pub async fn address(c: &mut Conn, user_id: &str, id: &str) -> AppResult<Address> {
    db::address(c, user_id, id).await?.ok_or_else(|| AppError::NotFound("Address".into()))
}

fn address_from(id: String, fields: AddressInput) -> Address {
    Address { id, fields }
}

/// Add an address. The first one, or one marked default, becomes the default.
pub async fn add_address(tx: &mut Tx, user_id: &str, input: AddressInput) -> AppResult<Address> {
    let input = input.parse()?;
    lock(tx, user_id).await?;
    let existing = db::count_addresses(tx, user_id).await?;
    if existing >= MAX_ADDRESSES {
        return Err(AppError::field("address_line1", "You can keep at most 20 addresses."));
    }
    let mut address = address_from(new_id(), input);
    address.fields.is_default = address.is_default || existing == 0;
    if address.is_default {
        db::clear_default(tx, user_id).await?;
    }
    db::insert_address(tx, user_id, &address).await?;
    Ok(address)
}

const MAX_ADDRESSES: i64 = 20;

/// Replace an address's fields. Someone else's address is `NotFound`.
pub async fn update_address(tx: &mut Tx, user_id: &str, id: &str, input: AddressInput) -> AppResult<Address> {
    let input = input.parse()?;
    lock(tx, user_id).await?;
    let old = db::address(tx, user_id, id).await?.ok_or_else(|| AppError::NotFound("Address".into()))?;
    let mut address = address_from(old.id.clone(), input);
    // Unticking "default" on the default would leave none: it stays.
    address.fields.is_default = address.is_default || old.is_default;
    if address.is_default && !old.is_default {
        db::clear_default(tx, user_id).await?;
    }
    db::update_address(tx, user_id, &address).await?;
    Ok(address)
}

/// Change only the fields present in `patch` (the REST PATCH): merged with
/// the stored address inside the same transaction.
pub async fn patch_address(tx: &mut Tx, user_id: &str, id: &str, patch: AddressPatch) -> AppResult<Address> {
    let current = db::address(tx, user_id, id).await?.ok_or_else(|| AppError::NotFound("Address".into()))?;
    update_address(tx, user_id, id, patch.apply(current)).await
}

/// Make one address the default (and no other).
pub async fn set_default_address(tx: &mut Tx, user_id: &str, id: &str) -> AppResult<Vec<Address>> {
    lock(tx, user_id).await?;
    db::address(tx, user_id, id).await?.ok_or_else(|| AppError::NotFound("Address".into()))?;
    db::clear_default(tx, user_id).await?;
    db::set_default(tx, user_id, id).await?;
    Ok(db::addresses(tx, user_id).await?)
}

/// Delete an address; when it was the default, the oldest remaining one
/// takes over.
pub async fn delete_address(tx: &mut Tx, user_id: &str, id: &str) -> AppResult<Vec<Address>> {
    lock(tx, user_id).await?;
    let old = db::address(tx, user_id, id).await?.ok_or_else(|| AppError::NotFound("Address".into()))?;
    db::delete_address(tx, user_id, id).await?;
    let mut all = db::addresses(tx, user_id).await?;
    if old.is_default
        && let Some(first) = all.first_mut()
    {
        db::set_default(tx, user_id, &first.id).await?;
        first.fields.is_default = true;
    }
    Ok(all)
}

/// An account made from the command line (`bazaar admin create`) or the
/// demo seed, with any role.
pub async fn create_account(
    db: &Db,
    passwords: &Passwords,
    email: &str,
    full_name: &str,
    password: &str,
    role: Role,
) -> AppResult<String> {
    let email = Email::parse(email).map_err(|m| AppError::field("email", m))?;
    let name = super::validate::full_name(full_name).map_err(|m| AppError::field("full_name", m))?;
    new_password(password, Some(&email)).map_err(|m| AppError::field("password", m))?;
    let hash = passwords.hash(password.to_owned()).await?;
    db.write(async |tx| {
        if db::email_taken(tx, email.as_str()).await? {
            return Err(email_conflict());
        }
        Ok(db::insert_user(tx, email.as_str(), &hash, &name, role, true).await?)
    })
    .await
}

/// An account nobody can sign in to yet (password "!", which never
/// verifies): a shop owner made by the demo seed or an import.
pub async fn create_locked_account(
    c: &mut Conn,
    email: &str,
    full_name: &str,
    role: Role,
) -> AppResult<String> {
    Ok(db::insert_user(c, email, "!", full_name, role, true).await?)
}

/// Give a locked account (see `create_locked_account`) its first password.
/// Returns whether there was such an account.
pub async fn unlock_account(db: &Db, passwords: &Passwords, email: &str, password: &str) -> AppResult<bool> {
    let locked = db::find_login(&mut db.conn().await?, email).await?.filter(|o| o.password_hash == "!");
    let Some(owner) = locked else { return Ok(false) };
    let hash = passwords.hash(password.to_owned()).await?;
    db.write(async |tx| Ok(db::set_password(tx, &owner.id, &hash).await?)).await?;
    Ok(true)
}

/// Whether anyone has an account (demo data only goes into an empty shop).
pub async fn any_account(c: &mut Conn) -> AppResult<bool> {
    Ok(db::any_user(c).await?)
}

/// Store a new avatar (already re-encoded) and drop the old one, reading
/// the current avatar inside the same transaction.
pub async fn set_avatar(tx: &mut Tx, user_id: &str, image: &media::Stored) -> AppResult<()> {
    lock(tx, user_id).await?;
    let mut row = db::profile(tx, user_id).await?.ok_or(AppError::Unauthorized)?;
    let old = row.avatar_media_id.replace(media::insert(tx, image).await?);
    db::save_profile(tx, user_id, &row).await?;
    if let Some(old) = old {
        media::delete(tx, &old).await?;
    }
    Ok(())
}
