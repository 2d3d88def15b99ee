//! Campaign rules: administrators only; input checked before anything is
//! written; a campaign changes only before it starts; "send" starts it at
//! most once (a conditional UPDATE), and the audience is fixed then; every
//! change is in the audit log.

use serde_json::json;

use super::db::{self, CampaignDb, Fields};
use super::links::MailLinks;
use super::render::{self, MailProduct, Recipient, Rendered};
use super::{Audience, Campaign, CampaignInput, CampaignPage, MAX_PRODUCTS, PER_PAGE, Status};
use crate::accounts::Viewer;
use crate::accounts::session::Device;
use crate::audit::Entity;
use crate::audit::log::{self as audit, Actor, Change};
use crate::catalog::{Money, ProductCard};
use crate::error::{AppError, AppResult};
use crate::server::db::{Conn, Db};
use crate::server::state::AppState;
use crate::server::{new_id, now_ms};

/// Campaigns are the administrators'.
pub fn may(viewer: &Viewer) -> AppResult<()> {
    if viewer.acting_role().is_admin() { Ok(()) } else { Err(AppError::Forbidden) }
}

/// Input, checked and trimmed.
pub struct Checked {
    pub name: String,
    pub subject: String,
    pub template: String,
    pub audience: Audience,
    pub product_ids: Vec<String>,
    pub scheduled_at: Option<i64>,
}

fn sized(field: &str, value: &str, max: usize, what: &str) -> AppResult<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(AppError::field(field, format!("Give the campaign {what}.")));
    }
    if v.chars().count() > max {
        return Err(AppError::field(field, format!("At most {max} characters.")));
    }
    Ok(v.to_owned())
}

/// Check what an administrator wrote; `now` decides "in the future".
pub async fn check(c: &mut Conn, input: CampaignInput, now: i64) -> AppResult<Checked> {
    let name = sized("name", &input.name, 120, "a name")?;
    let subject = sized("subject", &input.subject, 200, "a subject")?;
    if subject.chars().any(char::is_control) {
        return Err(AppError::field("subject", "A subject is one line."));
    }
    let template = sized("template", &input.template.replace("\r\n", "\n"), 20_000, "a message")?;
    render::check(&subject, &template)?;
    let audience = input.audience_filter.checked()?;
    let mut product_ids: Vec<String> =
        input.product_ids.iter().map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect();
    product_ids.dedup();
    if product_ids.len() > MAX_PRODUCTS {
        return Err(AppError::field("product_ids", format!("At most {MAX_PRODUCTS} products.")));
    }
    if crate::catalog::service::cards_in_order(c, &product_ids).await?.len() != product_ids.len() {
        return Err(AppError::field("product_ids", "One of the chosen products is not in the catalog."));
    }
    let scheduled_at = match input.scheduled_time.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(t) => {
            let at: jiff::Timestamp = t.parse().map_err(|_| {
                AppError::field("scheduled_time", "A date and time such as 2026-12-24T09:00:00Z.")
            })?;
            let ms = at.as_millisecond();
            if ms <= now {
                return Err(AppError::field("scheduled_time", "Pick a time in the future."));
            }
            Some(ms)
        }
    };
    Ok(Checked { name, subject, template, audience, product_ids, scheduled_at })
}

fn snapshot(c: &Checked) -> serde_json::Value {
    json!({"name": c.name, "subject": c.subject, "template": c.template, "audience": c.audience,
           "product_ids": c.product_ids, "scheduled_at": c.scheduled_at})
}

fn stored_snapshot(c: &CampaignDb) -> serde_json::Value {
    json!({"name": c.name, "subject": c.subject, "template": c.template, "audience": c.audience(),
           "product_ids": c.product_ids(), "scheduled_at": c.scheduled_at})
}

/// Write `checked` as a new campaign (scheduled when it has a time).
pub async fn create(db: &Db, viewer: &Viewer, device: &Device, input: CampaignInput) -> AppResult<String> {
    may(viewer)?;
    let now = now_ms();
    let checked = check(&mut db.conn().await?, input, now).await?;
    let id = new_id();
    db.write(async |tx| {
        let (audience, products) =
            (json!(checked.audience).to_string(), json!(checked.product_ids).to_string());
        let status = if checked.scheduled_at.is_some() { Status::Scheduled } else { Status::Draft };
        let fields = fields(&checked, &audience, &products, status);
        db::insert(tx, &id, &fields, &viewer.id, now).await?;
        let change = Change {
            entity: Entity::Campaign,
            entity_id: &id,
            action: "campaign_created",
            before: json!({}),
            after: snapshot(&checked),
        };
        audit::record(tx, Actor::Person(viewer, device), change).await
    })
    .await?;
    Ok(id)
}

fn fields<'a>(c: &'a Checked, audience: &'a str, products: &'a str, status: Status) -> Fields<'a> {
    Fields {
        name: &c.name,
        subject: &c.subject,
        template: &c.template,
        audience,
        product_ids: products,
        status,
        scheduled_at: c.scheduled_at,
    }
}

/// Rewrite a campaign that has not started (409 once it has).
pub async fn update(
    db: &Db,
    viewer: &Viewer,
    device: &Device,
    id: &str,
    input: CampaignInput,
) -> AppResult<()> {
    may(viewer)?;
    let now = now_ms();
    let checked = check(&mut db.conn().await?, input, now).await?;
    db.write(async |tx| {
        let before = db::get(tx, id).await?.ok_or_else(|| AppError::NotFound("Campaign".into()))?;
        let (audience, products) =
            (json!(checked.audience).to_string(), json!(checked.product_ids).to_string());
        let status = if checked.scheduled_at.is_some() { Status::Scheduled } else { Status::Draft };
        if !db::update(tx, id, &fields(&checked, &audience, &products, status), now).await? {
            return Err(AppError::Conflict("This campaign has started; it can no longer be changed.".into()));
        }
        let change = Change {
            entity: Entity::Campaign,
            entity_id: id,
            action: "campaign_changed",
            before: stored_snapshot(&before),
            after: snapshot(&checked),
        };
        audit::record(tx, Actor::Person(viewer, device), change).await
    })
    .await
}

/// One campaign with its results.
pub async fn get(c: &mut Conn, viewer: &Viewer, id: &str) -> AppResult<Campaign> {
    may(viewer)?;
    let row = db::get(c, id).await?.ok_or_else(|| AppError::NotFound("Campaign".into()))?;
    let results = db::results(c, id).await?;
    let audience_filter = row.audience();
    Ok(Campaign {
        audience: audience_filter.describe(),
        audience_filter,
        product_ids: row.product_ids(),
        status: row.status(),
        id: row.id,
        name: row.name,
        subject: row.subject,
        template: row.template,
        scheduled_at: row.scheduled_at,
        created_at: row.created_at,
        started_at: row.started_at,
        finished_at: row.finished_at,
        results,
    })
}

/// A page of campaigns (1-based), `per_page` at most `PER_PAGE`.
pub async fn list(c: &mut Conn, viewer: &Viewer, page: u32, per_page: u32) -> AppResult<CampaignPage> {
    may(viewer)?;
    let per_page = i64::from(per_page.clamp(1, PER_PAGE));
    let offset = i64::from(page.max(1) - 1) * per_page;
    let (campaigns, total) = db::list(c, per_page, offset).await?;
    Ok(CampaignPage { campaigns, total })
}

/// How many people an audience reaches now.
pub async fn count(c: &mut Conn, viewer: &Viewer, audience: Audience) -> AppResult<i64> {
    may(viewer)?;
    Ok(db::count(c, &audience.checked()?, now_ms()).await?)
}

/// Start sending `id` now: its audience becomes its recipients, once. A
/// second call (or a second node) finds it started and changes nothing.
/// Returns the status and the number of recipients.
pub async fn send(db: &Db, actor: Actor<'_>, id: &str) -> AppResult<(Status, i64)> {
    if let Some(v) = actor.viewer() {
        may(v)?;
    }
    db.write(async |tx| {
        let row = db::get(tx, id).await?.ok_or_else(|| AppError::NotFound("Campaign".into()))?;
        let now = now_ms();
        if db::move_status(tx, id, &[Status::Draft, Status::Scheduled], Status::Sending, now).await? {
            let recipients = db::snapshot(tx, id, &row.audience(), now).await?;
            let change = Change {
                entity: Entity::Campaign,
                entity_id: id,
                action: "campaign_sent",
                before: json!({"status": row.status}),
                after: json!({"status": Status::Sending, "recipients": recipients}),
            };
            audit::record(tx, actor, change).await?;
            return Ok((Status::Sending, recipients));
        }
        // Started by someone else meanwhile (their UPDATE won): read it again,
        // now that theirs has committed.
        let now = db::get(tx, id).await?.unwrap_or(row);
        Ok((now.status(), now.recipient_count))
    })
    .await
}

/// Pause a campaign being sent, or resume a paused one.
pub async fn pause(db: &Db, viewer: &Viewer, device: &Device, id: &str, paused: bool) -> AppResult<Status> {
    may(viewer)?;
    let (from, to) =
        if paused { (Status::Sending, Status::Paused) } else { (Status::Paused, Status::Sending) };
    db.write(async |tx| {
        let row = db::get(tx, id).await?.ok_or_else(|| AppError::NotFound("Campaign".into()))?;
        if !db::move_status(tx, id, &[from], to, now_ms()).await? {
            return Err(AppError::Conflict(format!(
                "The campaign is {}.",
                row.status().label().to_lowercase()
            )));
        }
        let change = Change {
            entity: Entity::Campaign,
            entity_id: id,
            action: "campaign_paused",
            before: json!({"status": from}),
            after: json!({"status": to}),
        };
        audit::record(tx, Actor::Person(viewer, device), change).await?;
        Ok(to)
    })
    .await
}

/// The products block for one person: the chosen products, or their own
/// recommendations (three) when none were chosen.
pub async fn products_for(state: &AppState, chosen: &[String], user_id: &str) -> AppResult<Vec<MailProduct>> {
    let cards: Vec<ProductCard> = if chosen.is_empty() {
        crate::recs::service::for_person(state, user_id, 3).await?.0.into_iter().map(|s| s.card).collect()
    } else {
        crate::catalog::service::cards_in_order(&mut state.db.conn().await?, chosen).await?
    };
    Ok(cards
        .into_iter()
        .map(|c| MailProduct {
            price: Money::new(c.price.minor, c.price.currency.clone()).to_string(),
            path: format!("/products/{}", c.slug),
            title: c.title,
        })
        .collect())
}

/// The mail as a sample recipient would get it: the first person the
/// audience reaches, or the viewer when it reaches nobody. Returns their
/// first name too.
pub async fn preview(
    state: &AppState,
    viewer: &Viewer,
    input: CampaignInput,
) -> AppResult<(String, Rendered)> {
    may(viewer)?;
    let checked = check(&mut state.db.conn().await?, input, 0).await?;
    let sample = db::sample(&mut state.db.conn().await?, &checked.audience, now_ms()).await?;
    let (user_id, full_name) = sample.unwrap_or_else(|| (viewer.id.clone(), viewer.full_name.clone()));
    let first = first_name(&full_name).to_owned();
    let products = products_for(state, &checked.product_ids, &user_id).await?;
    let links = MailLinks::plain();
    let store = state.store();
    let r = Recipient { first_name: &first, products: &products, links: &links, shop_name: &store.name };
    Ok((first.clone(), render::render(&checked.subject, &checked.template, &r)))
}

/// "Ada" from "Ada Lovelace" ("there" when no name is known).
pub fn first_name(full_name: &str) -> &str {
    full_name.split_whitespace().next().unwrap_or("there")
}

/// A test copy of stored campaign `id` to `viewer`; the campaign as stored.
pub async fn send_test_of(state: &AppState, viewer: &Viewer, id: &str) -> AppResult<Campaign> {
    let campaign = get(&mut state.db.conn().await?, viewer, id).await?;
    send_test(state, viewer, CampaignInput::from(&campaign)).await?;
    Ok(campaign)
}

/// Mail the campaign as written to the viewer themselves, marked as a test.
pub async fn send_test(state: &AppState, viewer: &Viewer, input: CampaignInput) -> AppResult<()> {
    may(viewer)?;
    let checked = check(&mut state.db.conn().await?, input, 0).await?;
    let products = products_for(state, &checked.product_ids, &viewer.id).await?;
    let links = MailLinks::plain();
    let first = first_name(&viewer.full_name).to_owned();
    let store = state.store();
    let r = Recipient { first_name: &first, products: &products, links: &links, shop_name: &store.name };
    let mail = render::render(&checked.subject, &checked.template, &r);
    state
        .db
        .write(async |tx| {
            let m = crate::mail::Message {
                kind: super::TEST_KIND,
                to: &viewer.email,
                subject: format!("[Test] {}", mail.subject),
                text: mail.text.clone(),
                html: mail.html.clone(),
                order_id: None,
                unsubscribe_url: None,
            };
            crate::mail::enqueue(tx, &m).await
        })
        .await
}
