//! Invitation rules: administrators invite; the link is a random token
//! whose hash alone is stored; accepting creates the staff account and uses
//! the invitation in one transaction (a second use finds it used).

use serde_json::json;

use super::db::{self, NewInvite};
use super::{INVITE_DAYS, Invite};
use crate::accounts::areas::Areas;
use crate::accounts::password::Passwords;
use crate::accounts::session::Device;
use crate::accounts::validate::{Email, full_name, new_password};
use crate::accounts::{Role, Viewer, links};
use crate::audit::Entity;
use crate::audit::log::{self as audit, Actor, Change};
use crate::error::{AppError, AppResult};
use crate::server::db::Db;
use crate::server::now_ms;

const DAY_MS: i64 = 86_400_000;

fn gone() -> AppError {
    AppError::NotFound("Invitation (it may have been used, withdrawn or run out)".into())
}

fn invite_of(email: String, areas: &str, expires_at: i64) -> Invite {
    Invite {
        email,
        areas: Areas::from_text(areas).iter().map(|a| a.as_str().to_owned()).collect(),
        expires_at,
    }
}

/// Invite `email` to the back office with `areas`; mails the link.
pub async fn invite(
    db: &Db,
    admin: &Viewer,
    device: &Device,
    email: &str,
    areas: &Areas,
) -> AppResult<Invite> {
    crate::people::service::must_administer(admin)?;
    let email = Email::parse(email).map_err(|m| AppError::field("email", m))?;
    let (token, token_hash) = links::new_token();
    let now = now_ms();
    let expires_at = now + INVITE_DAYS * DAY_MS;
    let areas_text = areas.to_text();
    db.write(async |tx| {
        if crate::accounts::db::email_taken(tx, email.as_str()).await? {
            return Err(AppError::Conflict(
                "This address already has an account: open the person in People to change their role.".into(),
            ));
        }
        db::withdraw(tx, email.as_str(), now).await?;
        let row = NewInvite {
            token_hash: &token_hash,
            email: email.as_str(),
            areas: &areas_text,
            created_by: &admin.id,
            now,
            expires_at,
        };
        db::insert(tx, &row).await?;
        crate::mail::accounts::staff_invite(tx, email.as_str(), &admin.full_name, &token, INVITE_DAYS)
            .await?;
        let change = Change {
            entity: Entity::User,
            entity_id: email.as_str(),
            action: "staff_invited",
            before: json!({}),
            after: json!({ "email": email.as_str(), "areas": areas_text }),
        };
        audit::record(tx, Actor::Person(admin, device), change).await
    })
    .await?;
    Ok(invite_of(email.as_str().to_owned(), &areas_text, expires_at))
}

/// The invitation a link carries, while it can still be used.
pub async fn look(db: &Db, token: &str) -> AppResult<Invite> {
    let hash = links::stored_form(token).ok_or_else(gone)?;
    let (email, areas, expires_at) =
        db::open(&mut db.conn().await?, &hash, now_ms()).await?.ok_or_else(gone)?;
    Ok(invite_of(email, &areas, expires_at))
}

/// Become staff through the link: the account is made with the invited
/// address (proven: the link came to it) and areas. Returns the address.
pub async fn accept(
    db: &Db,
    passwords: &Passwords,
    token: &str,
    name: &str,
    password: &str,
) -> AppResult<String> {
    let hash = links::stored_form(token).ok_or_else(gone)?;
    let invite = look(db, token).await?;
    let name = full_name(name).map_err(|m| AppError::field("full_name", m))?;
    let email = Email::parse(&invite.email).map_err(|m| AppError::field("email", m))?;
    new_password(password, Some(&email)).map_err(|m| AppError::field("password", m))?;
    let password_hash = passwords.hash(password.to_owned()).await?;
    let areas = Areas::parse_names(&invite.areas).unwrap_or_default().to_text();
    db.write(async |tx| {
        if crate::accounts::db::email_taken(tx, email.as_str()).await? {
            return Err(AppError::Conflict("This address already has an account. Sign in instead.".into()));
        }
        let now = now_ms();
        let id =
            crate::accounts::db::insert_user(tx, email.as_str(), &password_hash, &name, Role::Staff, true)
                .await?;
        crate::people::db::set_areas(tx, &id, &areas, now).await?;
        if !db::accept(tx, &hash, &id, now).await? {
            return Err(gone());
        }
        Ok(())
    })
    .await?;
    Ok(email.as_str().to_owned())
}
