//! Campaign SQL. Portable: `$n` placeholders, TEXT ids, BIGINT unix ms.
//! The audience filter becomes EXISTS clauses over orders, follows and the
//! beauty profile, always behind "opted in, active, not deleted".

use sqlx::FromRow;

use super::{Audience, Status};
use crate::server::db::{Conn, Query};
use crate::sql;

/// Orders that count as "bought": placed and not cancelled.
const BOUGHT: &str = "o.status NOT IN ('pending', 'cancelled')";

/// Append ` FROM users u … WHERE …` for the people `a` matches.
fn push_audience(q: &mut Query, a: &Audience, now: i64) {
    q.push(
        " FROM users u JOIN profiles p ON p.user_id = u.id \
         WHERE u.deleted_at IS NULL AND u.status = 'active' AND p.marketing_opt_in_at IS NOT NULL",
    );
    if !a.skin_types.is_empty() {
        q.push(" AND p.skin_type IN ").push_list(&a.skin_types);
    }
    if !a.concerns.is_empty() {
        // skin_concerns is a JSON array of known codes: '["acne","pores"]'.
        q.push(" AND (");
        for (i, c) in a.concerns.iter().enumerate() {
            q.push(if i == 0 { "p.skin_concerns LIKE " } else { " OR p.skin_concerns LIKE " });
            q.push_bind(format!("%\"{c}\"%"));
        }
        q.push(")");
    }
    if !a.category_ids.is_empty() {
        q.push(&format!(
            " AND EXISTS (SELECT 1 FROM orders o JOIN order_lines l ON l.order_id = o.id \
             JOIN products pr ON pr.id = l.product_id WHERE o.user_id = u.id AND {BOUGHT} AND pr.category_id IN "
        ))
        .push_list(&a.category_ids)
        .push(")");
    }
    if !a.seller_ids.is_empty() {
        q.push(&format!(
            " AND EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id AND {BOUGHT} AND o.shop_id IN "
        ))
        .push_list(&a.seller_ids)
        .push(")");
    }
    let day = 86_400_000_i64;
    if let Some(d) = a.last_order_within_days {
        q.push(&format!(
            " AND EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id AND {BOUGHT} AND o.created_at >= "
        ))
        .push_bind(now - i64::from(d) * day)
        .push(")");
    }
    if let Some(d) = a.last_order_before_days {
        q.push(&format!(" AND EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id AND {BOUGHT})"));
        q.push(&format!(
            " AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id AND {BOUGHT} AND o.created_at >= "
        ))
        .push_bind(now - i64::from(d) * day)
        .push(")");
    }
    if let Some(shop) = &a.follows_seller_id {
        q.push(" AND EXISTS (SELECT 1 FROM follows f WHERE f.user_id = u.id AND f.seller_id = ")
            .push_bind(shop)
            .push(")");
    }
}

/// How many people `a` reaches now.
pub async fn count(c: &mut Conn, a: &Audience, now: i64) -> Result<i64, sqlx::Error> {
    let mut q = Query::new("SELECT COUNT(*)");
    push_audience(&mut q, a, now);
    c.scalar(&q).await
}

/// The first person `a` reaches (a preview's sample): id and full name.
pub async fn sample(c: &mut Conn, a: &Audience, now: i64) -> Result<Option<(String, String)>, sqlx::Error> {
    let mut q = Query::new("SELECT u.id, u.full_name");
    push_audience(&mut q, a, now);
    q.push(" ORDER BY u.created_at, u.id LIMIT 1");
    c.opt(&q).await
}

/// Make everyone `a` reaches a pending recipient of `campaign` (nobody twice).
pub async fn snapshot(c: &mut Conn, campaign: &str, a: &Audience, now: i64) -> Result<i64, sqlx::Error> {
    let mut q =
        Query::new("INSERT INTO campaign_recipients (campaign_id, user_id, status, created_at) SELECT ");
    q.push_bind(campaign).push(", u.id, 'pending', ").push_bind(now);
    push_audience(&mut q, a, now);
    q.push(" ON CONFLICT (campaign_id, user_id) DO NOTHING");
    c.exec(&q).await?;
    c.scalar(&sql!(
        "UPDATE campaigns SET recipient_count = (SELECT COUNT(*) FROM campaign_recipients WHERE campaign_id = $1) \
         WHERE id = $1 RETURNING recipient_count",
        campaign
    ))
    .await
}

/// A campaign's stored fields.
#[derive(Debug, Clone, FromRow)]
pub struct CampaignDb {
    pub id: String,
    pub name: String,
    pub subject: String,
    pub template: String,
    pub audience: String,
    pub product_ids: String,
    pub status: String,
    pub scheduled_at: Option<i64>,
    pub recipient_count: i64,
    pub created_at: i64,
    pub started_at: Option<i64>,
    pub finished_at: Option<i64>,
}

impl CampaignDb {
    pub fn status(&self) -> Status {
        Status::parse(&self.status).unwrap_or(Status::Draft)
    }

    pub fn audience(&self) -> Audience {
        serde_json::from_str(&self.audience).unwrap_or_default()
    }

    pub fn product_ids(&self) -> Vec<String> {
        serde_json::from_str(&self.product_ids).unwrap_or_default()
    }
}

const COLUMNS: &str = "id, name, subject, template, audience, product_ids, status, scheduled_at, recipient_count, \
                       created_at, started_at, finished_at";

/// What is written for a campaign (JSON already encoded).
pub struct Fields<'a> {
    pub name: &'a str,
    pub subject: &'a str,
    pub template: &'a str,
    pub audience: &'a str,
    pub product_ids: &'a str,
    pub status: Status,
    pub scheduled_at: Option<i64>,
}

pub async fn insert(c: &mut Conn, id: &str, f: &Fields<'_>, by: &str, now: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO campaigns (id, name, subject, template, audience, product_ids, status, scheduled_at, created_by, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)",
        id,
        f.name,
        f.subject,
        f.template,
        f.audience,
        f.product_ids,
        f.status.as_str(),
        f.scheduled_at,
        by,
        now
    ))
    .await?;
    Ok(())
}

/// Rewrite a campaign that has not started; false when it has (or is gone).
pub async fn update(c: &mut Conn, id: &str, f: &Fields<'_>, now: i64) -> Result<bool, sqlx::Error> {
    let n = c
        .exec(&sql!(
            "UPDATE campaigns SET name = $2, subject = $3, template = $4, audience = $5, product_ids = $6, status = $7, \
             scheduled_at = $8, updated_at = $9 WHERE id = $1 AND status IN ('draft', 'scheduled')",
            id,
            f.name,
            f.subject,
            f.template,
            f.audience,
            f.product_ids,
            f.status.as_str(),
            f.scheduled_at,
            now
        ))
        .await?;
    Ok(n == 1)
}

pub async fn get(c: &mut Conn, id: &str) -> Result<Option<CampaignDb>, sqlx::Error> {
    c.opt(&Query::new(format!("SELECT {COLUMNS} FROM campaigns WHERE id = $1")).bind(id)).await
}

/// Move `id` from any of `from` to `to`; false when it was not in one of them.
pub async fn move_status(
    c: &mut Conn,
    id: &str,
    from: &[Status],
    to: Status,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let from: Vec<String> = from.iter().map(|s| s.as_str().to_owned()).collect();
    let mut q = sql!("UPDATE campaigns SET status = $1, updated_at = $2", to.as_str(), now);
    if to == Status::Sending {
        q.push(", started_at = COALESCE(started_at, ").push_bind(now).push(")");
    }
    q.push(" WHERE id = ").push_bind(id).push(" AND status IN ").push_list(&from);
    Ok(c.exec(&q).await? == 1)
}

/// Scheduled campaigns whose time has come.
pub async fn due(c: &mut Conn, now: i64) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = c
        .all(&sql!(
            "SELECT id FROM campaigns WHERE status = 'scheduled' AND scheduled_at <= $1 ORDER BY scheduled_at, id",
            now
        ))
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Campaigns being sent, oldest first.
pub async fn sending(c: &mut Conn) -> Result<Vec<CampaignDb>, sqlx::Error> {
    c.all(&Query::new(format!(
        "SELECT {COLUMNS} FROM campaigns WHERE status = 'sending' ORDER BY started_at, id"
    )))
    .await
}

/// A pending recipient, and whether they may still be written to.
#[derive(Debug, Clone, FromRow)]
pub struct Pending {
    pub user_id: String,
    pub email: String,
    pub full_name: String,
    pub still_wanted: bool,
}

pub async fn pending(c: &mut Conn, campaign: &str, limit: i64) -> Result<Vec<Pending>, sqlx::Error> {
    c.all(&sql!(
        "SELECT r.user_id, u.email, u.full_name, \
         (u.deleted_at IS NULL AND u.status = 'active' AND p.marketing_opt_in_at IS NOT NULL) AS still_wanted \
         FROM campaign_recipients r JOIN users u ON u.id = r.user_id LEFT JOIN profiles p ON p.user_id = r.user_id \
         WHERE r.campaign_id = $1 AND r.status = 'pending' ORDER BY r.user_id LIMIT $2",
        campaign,
        limit
    ))
    .await
}

/// Claim a pending recipient for this mail; false when another worker did.
pub async fn claim(
    c: &mut Conn,
    campaign: &str,
    user: &str,
    token_hash: &str,
    outbox_id: &str,
) -> Result<bool, sqlx::Error> {
    let n = c
        .exec(&sql!(
            "UPDATE campaign_recipients SET status = 'queued', token_hash = $3, outbox_id = $4 \
             WHERE campaign_id = $1 AND user_id = $2 AND status = 'pending'",
            campaign,
            user,
            token_hash,
            outbox_id
        ))
        .await?;
    Ok(n == 1)
}

pub async fn skip(c: &mut Conn, campaign: &str, user: &str) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE campaign_recipients SET status = 'skipped' WHERE campaign_id = $1 AND user_id = $2 AND status = 'pending'",
        campaign,
        user
    ))
    .await?;
    Ok(())
}

/// Sending → sent once nobody is pending.
pub async fn finish_if_done(c: &mut Conn, campaign: &str, now: i64) -> Result<bool, sqlx::Error> {
    let n = c
        .exec(&sql!(
            "UPDATE campaigns SET status = 'sent', finished_at = $2, updated_at = $2 WHERE id = $1 AND status = 'sending' \
             AND NOT EXISTS (SELECT 1 FROM campaign_recipients WHERE campaign_id = $1 AND status = 'pending')",
            campaign,
            now
        ))
        .await?;
    Ok(n == 1)
}

mod figures;
pub use figures::*;
