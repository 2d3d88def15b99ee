//! What campaigns did: the list with its figures, one campaign's results,
//! and the marks a recipient's token leaves (open, click, unsubscribe).

use crate::campaigns::{ATTRIBUTION_MS, Audience, CampaignRow, Results, Status};
use crate::server::db::Conn;
use crate::sql;

/// Per-recipient figures of the campaigns in `ids` (one GROUP BY).
const FIGURES: &str = "SELECT r.campaign_id, COUNT(*), \
     SUM(CASE WHEN r.status = 'queued' THEN 1 ELSE 0 END), \
     SUM(CASE WHEN o.sent_at IS NOT NULL THEN 1 ELSE 0 END), \
     SUM(CASE WHEN o.sent_at IS NULL AND o.last_error IS NOT NULL THEN 1 ELSE 0 END), \
     SUM(CASE WHEN r.status = 'skipped' THEN 1 ELSE 0 END), \
     SUM(CASE WHEN r.opened_at IS NOT NULL THEN 1 ELSE 0 END), \
     SUM(CASE WHEN r.clicked_at IS NOT NULL THEN 1 ELSE 0 END), \
     SUM(CASE WHEN r.unsubscribed_at IS NOT NULL THEN 1 ELSE 0 END) \
     FROM campaign_recipients r LEFT JOIN outbox o ON o.id = r.outbox_id";

type FigureRow = (String, i64, i64, i64, i64, i64, i64, i64, i64);

fn results_of(row: &FigureRow) -> Results {
    let (_, recipients, queued, sent, failed, skipped, opens, clicks, unsubscribes) = row.clone();
    Results { recipients, queued, sent, failed, skipped, opens, clicks, unsubscribes, ..Default::default() }
}

#[derive(sqlx::FromRow)]
struct ListRow {
    id: String,
    name: String,
    audience: String,
    status: String,
    scheduled_at: Option<i64>,
    recipient_count: i64,
    created_at: i64,
}

/// One page of campaigns, newest first, with their figures.
pub async fn list(c: &mut Conn, limit: i64, offset: i64) -> Result<(Vec<CampaignRow>, i64), sqlx::Error> {
    let total: i64 = c.scalar(&sql!("SELECT COUNT(*) FROM campaigns")).await?;
    let rows: Vec<ListRow> = c
        .all(&sql!(
            "SELECT id, name, audience, status, scheduled_at, recipient_count, created_at FROM campaigns \
             ORDER BY created_at DESC, id DESC LIMIT $1 OFFSET $2",
            limit,
            offset
        ))
        .await?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let figures: Vec<FigureRow> = if ids.is_empty() {
        Vec::new()
    } else {
        let mut q = sql!(FIGURES);
        q.push(" WHERE r.campaign_id IN ").push_list(&ids).push(" GROUP BY r.campaign_id");
        c.all(&q).await?
    };
    let campaigns = rows
        .into_iter()
        .map(|r| {
            let results = figures.iter().find(|f| f.0 == r.id).map(results_of).unwrap_or_default();
            let audience: Audience = serde_json::from_str(&r.audience).unwrap_or_default();
            CampaignRow {
                open_rate: results.open_rate(),
                sent_count: results.sent,
                recipients: r.recipient_count,
                audience: audience.describe(),
                status: Status::parse(&r.status).unwrap_or(Status::Draft),
                id: r.id,
                name: r.name,
                scheduled_at: r.scheduled_at,
                created_at: r.created_at,
            }
        })
        .collect();
    Ok((campaigns, total))
}

/// One campaign's results, orders and revenue within 7 days of a click included.
pub async fn results(c: &mut Conn, campaign: &str) -> Result<Results, sqlx::Error> {
    let mut q = sql!(FIGURES);
    q.push(" WHERE r.campaign_id = ").push_bind(campaign).push(" GROUP BY r.campaign_id");
    let row: Option<FigureRow> = c.opt(&q).await?;
    let mut results = row.as_ref().map(results_of).unwrap_or_default();
    let (orders, revenue, currency): (i64, i64, Option<String>) = c
        .one(&sql!(
            "SELECT COUNT(o.id), CAST(COALESCE(SUM(o.total_minor), 0) AS BIGINT), MIN(o.currency) FROM campaign_recipients r \
             JOIN orders o ON o.user_id = r.user_id AND o.created_at >= r.clicked_at AND o.created_at < r.clicked_at + $2 \
             WHERE r.campaign_id = $1 AND r.clicked_at IS NOT NULL AND o.status NOT IN ('pending', 'cancelled')",
            campaign,
            ATTRIBUTION_MS
        ))
        .await?;
    results.orders = orders;
    results.revenue_minor = revenue;
    results.currency = currency.unwrap_or_default();
    Ok(results)
}

/// The recipient a token names: campaign id and person id.
pub async fn by_token(c: &mut Conn, token_hash: &str) -> Result<Option<(String, String)>, sqlx::Error> {
    c.opt(&sql!("SELECT campaign_id, user_id FROM campaign_recipients WHERE token_hash = $1", token_hash))
        .await
}

/// The pixel loaded: opened (the first time counts).
pub async fn mark_open(c: &mut Conn, token_hash: &str, now: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE campaign_recipients SET opened_at = $2 WHERE token_hash = $1 AND opened_at IS NULL",
        token_hash,
        now
    ))
    .await?;
    Ok(())
}

/// A link clicked: clicked, and so opened (first times count).
pub async fn mark_click(c: &mut Conn, token_hash: &str, now: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE campaign_recipients SET clicked_at = COALESCE(clicked_at, $2), opened_at = COALESCE(opened_at, $2) \
         WHERE token_hash = $1",
        token_hash,
        now
    ))
    .await?;
    Ok(())
}

/// Unsubscribed through this campaign's mail (the first time counts).
pub async fn mark_unsubscribed(c: &mut Conn, token_hash: &str, now: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE campaign_recipients SET unsubscribed_at = $2 WHERE token_hash = $1 AND unsubscribed_at IS NULL",
        token_hash,
        now
    ))
    .await?;
    Ok(())
}

/// No more marketing mail for `user`.
pub async fn opt_out(c: &mut Conn, user: &str) -> Result<(), sqlx::Error> {
    c.exec(&sql!("UPDATE profiles SET marketing_opt_in_at = NULL WHERE user_id = $1", user)).await?;
    Ok(())
}

/// The address of `user` (for the unsubscribe page: "x@y will get no more…").
pub async fn email_of(c: &mut Conn, user: &str) -> Result<Option<String>, sqlx::Error> {
    c.scalar_opt(&sql!("SELECT email FROM users WHERE id = $1", user)).await
}

/// What the editor offers: categories, open shops, and the 24 best-selling
/// active products ((id, title, price minor, currency)).
pub type ProductChoice = (String, String, i64, String);

pub async fn choices(
    c: &mut Conn,
) -> Result<(Vec<(String, String)>, Vec<(String, String)>, Vec<ProductChoice>), sqlx::Error> {
    let categories = c.all(&sql!("SELECT id, name FROM categories ORDER BY name, id")).await?;
    let shops = c
        .all(&sql!("SELECT id, shop_name FROM sellers WHERE status = 'verified' ORDER BY shop_name, id"))
        .await?;
    let products = c
        .all(&sql!(
            "SELECT id, title, price_minor, currency FROM products WHERE status = 'active' \
             ORDER BY sold_count DESC, title, id LIMIT 24"
        ))
        .await?;
    Ok((categories, shops, products))
}
