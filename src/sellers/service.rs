//! Applying to sell and reviewing applications. The server functions and
//! REST handlers both call these; each write runs in the caller's transaction.

use super::db::{self, ApplicationRow, NewApplication};
use super::validate::{self, ApplicationInput, ReturnAddress};
use super::{Application, ShopStatus};
use crate::accounts::{self, Role};
use crate::audit::Entity;
use crate::audit::log::{Actor, Change};
use crate::catalog::seed::generate::slugify;
use crate::error::{AppError, AppResult};
use crate::server::db::{Conn, Tx};
use crate::server::{new_id, now_ms};

/// Applications shown to an administrator at once.
pub const QUEUE_PAGE: i64 = 100;

fn application(row: ApplicationRow) -> Application {
    let input = ApplicationInput {
        platforms: serde_json::from_str(&row.platforms).unwrap_or_default(),
        social_links: serde_json::from_str(&row.social_links).unwrap_or_default(),
        return_address: serde_json::from_str::<ReturnAddress>(&row.return_address).unwrap_or_default(),
        shop_name: row.shop_name.clone(),
        category: row.category,
        experience_level: row.experience_level,
        monthly_revenue: row.monthly_revenue,
    };
    Application {
        id: row.id,
        user_id: row.user_id,
        applicant_name: row.applicant_name,
        applicant_email: row.applicant_email,
        shop_name: row.shop_name,
        slug: row.slug,
        status: ShopStatus::from_db(&row.status),
        input,
        review_note: row.review_note,
        created_at: row.created_at,
    }
}

/// The person's application or shop, if they have one.
pub async fn mine(c: &mut Conn, user_id: &str) -> AppResult<Option<Application>> {
    Ok(db::by_user(c, user_id).await?.map(application))
}

/// A verified shop's id and name, by id or slug.
pub async fn shop_ref(c: &mut Conn, id_or_slug: &str) -> AppResult<Option<(String, String)>> {
    Ok(db::public_shop(c, id_or_slug).await?.map(|s| (s.id, s.shop_name)))
}

/// Shops' names by id.
pub async fn names(c: &mut Conn, ids: &[String]) -> AppResult<std::collections::HashMap<String, String>> {
    Ok(db::names(c, ids).await?.into_iter().collect())
}

/// The shop owner's email and the shop's name (for order mail).
pub async fn owner_contact(c: &mut Conn, shop_id: &str) -> AppResult<Option<(String, String)>> {
    Ok(db::owner_contact(c, shop_id).await?)
}

/// Apply to open a shop. A second application while one is pending or
/// verified is a conflict; a rejected one may be sent again, changed.
pub async fn apply(tx: &mut Tx, user_id: &str, input: ApplicationInput) -> AppResult<Application> {
    // Serialises this person's concurrent applications.
    accounts::service::lock_person(tx, user_id).await?;
    if !accounts::db::email_verified(tx, user_id).await? {
        return Err(AppError::EmailUnverified);
    }
    let existing = db::by_user(tx, user_id).await?;
    if let Some(row) = &existing
        && row.status != ShopStatus::Rejected.as_db()
    {
        return Err(AppError::Conflict("You have already applied to sell.".into()));
    }
    let id = existing.as_ref().map_or_else(new_id, |r| r.id.clone());
    let slug = free_slug(tx, &input.shop_name, existing.as_ref().map(|r| r.slug.as_str())).await?;
    let json = |v: &dyn erased::Json| v.to_json();
    let platforms = json(&input.platforms);
    let social = json(&input.social_links);
    let address = json(&input.return_address);
    let row = NewApplication {
        id: &id,
        user_id,
        slug: &slug,
        shop_name: &input.shop_name,
        category: &input.category,
        experience_level: &input.experience_level,
        monthly_revenue: &input.monthly_revenue,
        platforms: &platforms,
        social_links: &social,
        return_address: &address,
        now: now_ms(),
    };
    if existing.is_some() {
        db::resubmit(tx, &row).await?;
    } else {
        db::insert(tx, &row).await?;
    }
    crate::notifications::service::seller_applied(tx, &input.shop_name).await?;
    db::by_id(tx, &id).await?.map(application).ok_or(AppError::Internal)
}

/// A slug for the shop name that no other shop has (`name`, `name-2`, …).
async fn free_slug(c: &mut Conn, shop_name: &str, own: Option<&str>) -> AppResult<String> {
    let base = match slugify(shop_name) {
        s if s.is_empty() => "shop".to_owned(),
        s => s.chars().take(50).collect::<String>().trim_end_matches('-').to_owned(),
    };
    for n in 1..=50 {
        let candidate = if n == 1 { base.clone() } else { format!("{base}-{n}") };
        if Some(candidate.as_str()) == own || !db::slug_taken(c, &candidate).await? {
            return Ok(candidate);
        }
    }
    Ok(format!("{base}-{}", &new_id()[..8]))
}

/// The review queue: pending applications, oldest first.
pub async fn pending(c: &mut Conn) -> AppResult<Vec<Application>> {
    Ok(db::with_status(c, ShopStatus::Pending.as_db(), QUEUE_PAGE)
        .await?
        .into_iter()
        .map(application)
        .collect())
}

/// Approve: the shop is verified and the applicant becomes a seller now
/// (their next request already sees the role; staff and admins keep theirs).
pub async fn approve(tx: &mut Tx, by: Actor<'_>, id: &str) -> AppResult<Application> {
    let admin_id = by.viewer().map(|v| v.id.as_str()).unwrap_or_default();
    let row = db::by_id(tx, id).await?.ok_or_else(|| AppError::NotFound("Application".into()))?;
    if !db::review(tx, id, ShopStatus::Verified.as_db(), "", admin_id, now_ms()).await? {
        return Err(AppError::Conflict("This application has already been reviewed.".into()));
    }
    reviewed(tx, by, id, "seller_approved", &row.status, "").await?;
    if let Some(was) = accounts::service::promote(tx, &row.user_id, Role::Seller).await? {
        let change = Change {
            entity: Entity::User,
            entity_id: &row.user_id,
            action: "role_changed",
            before: serde_json::json!({ "role": was.as_str() }),
            after: serde_json::json!({ "role": Role::Seller.as_str() }),
        };
        crate::audit::log::record(tx, by, change).await?;
    }
    db::by_id(tx, id).await?.map(application).ok_or(AppError::Internal)
}

/// The audit row of a decision on an application.
async fn reviewed(
    tx: &mut Tx,
    by: Actor<'_>,
    id: &str,
    action: &str,
    was: &str,
    reason: &str,
) -> AppResult<()> {
    let now = if action == "seller_approved" { ShopStatus::Verified } else { ShopStatus::Rejected };
    let change = Change {
        entity: Entity::Seller,
        entity_id: id,
        action,
        before: serde_json::json!({ "status": was, "reason": "" }),
        after: serde_json::json!({ "status": now.as_db(), "reason": reason }),
    };
    crate::audit::log::record(tx, by, change).await
}

/// Reject with a reason the applicant will read.
pub async fn reject(tx: &mut Tx, by: Actor<'_>, id: &str, reason: &str) -> AppResult<Application> {
    let admin_id = by.viewer().map(|v| v.id.as_str()).unwrap_or_default();
    let reason = validate::reason(reason)?;
    let row = db::by_id(tx, id).await?.ok_or_else(|| AppError::NotFound("Application".into()))?;
    if !db::review(tx, id, ShopStatus::Rejected.as_db(), &reason, admin_id, now_ms()).await? {
        return Err(AppError::Conflict("This application has already been reviewed.".into()));
    }
    reviewed(tx, by, id, "seller_rejected", &row.status, &reason).await?;
    db::by_id(tx, id).await?.map(application).ok_or(AppError::Internal)
}

/// `serde_json::to_string` for the three JSON columns (never fails for these types).
mod erased {
    pub trait Json {
        fn to_json(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn to_json(&self) -> String {
            serde_json::to_string(self).unwrap_or_default()
        }
    }
}
