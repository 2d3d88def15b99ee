//! Review rules: one per person per product, helpful votes once each and
//! never on one's own, moderation by administrators; the product's and the
//! shop's rating totals move in the same transaction.

use super::db::{self, NewReview, ReviewRow};
use super::{PER_PAGE, Review, ReviewInput, ReviewPage, ReviewSort, ReviewSummary};
use crate::accounts::Viewer;
use crate::audit::Entity;
use crate::audit::log::{Actor, Change};
use crate::error::{AppError, AppResult};
use crate::server::db::{Conn, Tx, is_unique_violation};
use crate::server::{new_id, now_ms};

/// Reviews an administrator sees at once.
pub const MODERATION_PAGE: i64 = 100;

pub(crate) fn review(row: ReviewRow) -> Review {
    Review {
        id: row.id,
        product_id: row.product_id,
        author: first_name(&row.author),
        rating: row.rating.clamp(1, 5) as u8,
        title: row.title,
        body: row.body,
        verified_purchase: row.verified_purchase,
        helpful_count: row.helpful_count,
        hidden: row.hidden,
        hidden_reason: row.hidden_reason,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

/// Reviews are signed with a first name and an initial ("Ada L.").
fn first_name(full: &str) -> String {
    let mut parts = full.split_whitespace();
    match (parts.next(), parts.last()) {
        (Some(first), Some(last)) => format!("{first} {}.", last.chars().next().unwrap_or_default()),
        (Some(first), None) => first.to_owned(),
        _ => "A shopper".to_owned(),
    }
}

/// Whether this person bought this product. Orders do not exist yet (the
/// buying issue adds them); this is the one place that will ask them.
async fn bought(c: &mut Conn, user_id: &str, product_id: &str) -> AppResult<bool> {
    crate::orders::service::has_bought(c, user_id, product_id).await
}

/// A page of a product's visible reviews with its summary.
pub async fn page(
    c: &mut Conn,
    product_id: &str,
    viewer: Option<&Viewer>,
    sort: ReviewSort,
    page: u32,
) -> AppResult<ReviewPage> {
    let mut shown = shared_page(c, product_id, sort, page).await?;
    if let Some(v) = viewer {
        add_viewer(c, v, product_id, &mut shown).await?;
    }
    Ok(shown)
}

/// The part of a page of reviews every viewer sees alike (the product
/// page shares it for a moment; see `api::get_reviews`).
pub async fn shared_page(
    c: &mut Conn,
    product_id: &str,
    sort: ReviewSort,
    page: u32,
) -> AppResult<ReviewPage> {
    let (average_hundredths, rating_count, histogram) =
        db::summary(c, product_id).await?.ok_or_else(|| AppError::NotFound("Product".into()))?;
    let written: i64 = histogram.iter().sum();
    let page = page.clamp(1, 10_000);
    let offset = i64::from(page - 1) * i64::from(PER_PAGE);
    // Most products have no written reviews: then the page is empty without asking.
    let items: Vec<Review> = if written > offset {
        db::page(c, product_id, sort, i64::from(PER_PAGE), offset).await?.into_iter().map(review).collect()
    } else {
        Vec::new()
    };
    Ok(ReviewPage {
        summary: ReviewSummary { average_hundredths, rating_count, written, histogram },
        items,
        page,
        per_page: PER_PAGE,
        sort,
        signed_in: false,
        mine: None,
        voted: Vec::new(),
    })
}

/// The viewer's own review and helpful votes on a shared page.
pub async fn add_viewer(
    c: &mut Conn,
    viewer: &Viewer,
    product_id: &str,
    shown: &mut ReviewPage,
) -> AppResult<()> {
    let ids: Vec<String> = shown.items.iter().map(|r| r.id.clone()).collect();
    shown.signed_in = true;
    shown.mine = db::by_author(c, product_id, &viewer.id).await?.map(review);
    shown.voted = db::voted(c, &viewer.id, &ids).await?;
    Ok(())
}

/// Write a review; a second one by the same person is a conflict.
pub async fn create(tx: &mut Tx, viewer: &Viewer, product_id: &str, input: ReviewInput) -> AppResult<Review> {
    db::product_rating(tx, product_id).await?.ok_or_else(|| AppError::NotFound("Product".into()))?;
    if db::by_author(tx, product_id, &viewer.id).await?.is_some() {
        return Err(already());
    }
    let id = new_id();
    let verified_purchase = bought(tx, &viewer.id, product_id).await?;
    let row = NewReview {
        id: &id,
        product_id,
        user_id: &viewer.id,
        rating: i64::from(input.rating),
        title: &input.title,
        body: &input.body,
        verified_purchase,
        now: now_ms(),
    };
    db::insert(tx, &row).await.map_err(|e| if is_unique_violation(&e) { already() } else { e.into() })?;
    db::adjust_ratings(tx, product_id, i64::from(input.rating), 1).await?;
    tx.notify(crate::catalog::search::sync::CHANNEL, product_id).await?;
    let written = db::by_id(tx, &id).await?.map(review).ok_or(AppError::Internal)?;
    crate::notifications::service::review_written(tx, i64::from(input.rating)).await?;
    Ok(written)
}

fn already() -> AppError {
    AppError::Conflict("You have reviewed this product already; edit your review instead.".into())
}

/// Create, or edit the person's existing review (the web form does both).
pub async fn save(tx: &mut Tx, viewer: &Viewer, product_id: &str, input: ReviewInput) -> AppResult<Review> {
    match db::by_author(tx, product_id, &viewer.id).await? {
        None => create(tx, viewer, product_id, input).await,
        Some(old) => {
            db::update(tx, &old.id, i64::from(input.rating), &input.title, &input.body, now_ms()).await?;
            if !old.hidden {
                db::adjust_ratings(tx, product_id, i64::from(input.rating) - old.rating, 0).await?;
                tx.notify(crate::catalog::search::sync::CHANNEL, product_id).await?;
            }
            db::by_id(tx, &old.id).await?.map(review).ok_or(AppError::Internal)
        }
    }
}

/// One helpful vote per person, never on one's own review.
pub async fn vote_helpful(tx: &mut Tx, viewer: &Viewer, review_id: &str) -> AppResult<Review> {
    let row = db::by_id(tx, review_id)
        .await?
        .filter(|r| !r.hidden)
        .ok_or_else(|| AppError::NotFound("Review".into()))?;
    if row.user_id == viewer.id {
        return Err(AppError::Forbidden);
    }
    if !db::add_vote(tx, review_id, &viewer.id, now_ms()).await? {
        return Err(AppError::Conflict("You found this review helpful already.".into()));
    }
    // The count shows on the product page's shared reviews.
    tx.notify(crate::catalog::search::sync::CHANNEL, &row.product_id).await?;
    db::by_id(tx, review_id).await?.map(review).ok_or(AppError::Internal)
}

/// Hide a review (with a reason) or show it again; its rating leaves or
/// rejoins the product's.
pub async fn moderate(
    tx: &mut Tx,
    actor: Actor<'_>,
    review_id: &str,
    hide: bool,
    reason: &str,
) -> AppResult<Review> {
    let row = db::by_id(tx, review_id).await?.ok_or_else(|| AppError::NotFound("Review".into()))?;
    let reason = reason.trim();
    if hide && reason.is_empty() {
        return Err(AppError::field("reason", "Say why the review is hidden."));
    }
    if reason.chars().count() > 500 {
        return Err(AppError::field("reason", "Use at most 500 characters."));
    }
    if db::set_hidden(tx, review_id, hide, if hide { reason } else { "" }, now_ms()).await? == 1 {
        let sign = if hide { -1 } else { 1 };
        db::adjust_ratings(tx, &row.product_id, sign * row.rating, sign).await?;
        tx.notify(crate::catalog::search::sync::CHANNEL, &row.product_id).await?;
        let change = Change {
            entity: Entity::Review,
            entity_id: review_id,
            action: "review_moderated",
            before: serde_json::json!({ "hidden": row.hidden, "reason": row.hidden_reason }),
            after: serde_json::json!({ "hidden": hide, "reason": if hide { reason } else { "" } }),
        };
        crate::audit::log::record(tx, actor, change).await?;
    }
    db::by_id(tx, review_id).await?.map(review).ok_or(AppError::Internal)
}

/// The newest reviews anywhere, hidden ones included (moderation).
pub async fn recent(c: &mut Conn) -> AppResult<Vec<(Review, String)>> {
    Ok(db::recent(c, MODERATION_PAGE)
        .await?
        .into_iter()
        .map(|r| {
            let product = r.product_id.clone();
            (review(r), product)
        })
        .collect())
}
