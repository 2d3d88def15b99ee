//! What the campaign pages need beyond the REST API: the editor's choices,
//! the form's fields read into `CampaignInput` (a schedule typed in the
//! shop's time zone), and "save, then test / send / schedule" as one step.

use super::api::{Choices, Editor, Preview};
use super::{Audience, CampaignInput, db, service};
use crate::accounts::Viewer;
use crate::accounts::session::Device;
use crate::analytics::zone::Zone;
use crate::audit::log::Actor;
use crate::catalog::Money;
use crate::error::{AppError, AppResult};
use crate::server::db::Conn;
use crate::server::state::AppState;

fn days(field: &str, value: &str) -> AppResult<Option<u32>> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    v.parse().map(Some).map_err(|_| AppError::field(field, "A whole number of days."))
}

/// The editor's audience fields as a filter.
pub fn audience_of(
    skin_types: Vec<String>,
    concerns: Vec<String>,
    category_ids: Vec<String>,
    seller_ids: Vec<String>,
    within: &str,
    before: &str,
    follows: String,
) -> AppResult<Audience> {
    Ok(Audience {
        skin_types,
        concerns,
        category_ids,
        seller_ids,
        last_order_within_days: days("last_order_within_days", within)?,
        last_order_before_days: days("last_order_before_days", before)?,
        follows_seller_id: Some(follows).filter(|f| !f.trim().is_empty()),
    })
}

fn zone(state: &AppState) -> Zone {
    Zone::parse(&state.shop().time_zone).unwrap_or_else(|_| Zone::utc())
}

async fn choices(c: &mut Conn) -> AppResult<Choices> {
    let (categories, shops, products) = db::choices(c).await?;
    let products = products
        .into_iter()
        .map(|(id, title, minor, currency)| (id, title, Money::new(minor, currency).to_string()))
        .collect();
    Ok(Choices { categories, shops, products })
}

/// The editor for `id` ("new": an empty one).
pub async fn editor(state: &AppState, viewer: &Viewer, id: &str) -> AppResult<Editor> {
    service::may(viewer)?;
    let mut c = state.db.conn().await?;
    let zone = zone(state);
    let campaign = if id == "new" { None } else { Some(service::get(&mut c, viewer, id).await?) };
    let choices = choices(&mut c).await?;
    drop(c);
    let preview = match &campaign {
        Some(k) if k.status.editable() => Some(preview(state, viewer, CampaignInput::from(k)).await?),
        _ => None,
    };
    let schedule_local =
        campaign.as_ref().and_then(|k| k.scheduled_at).map(|ms| zone.local_input(ms)).unwrap_or_default();
    Ok(Editor { campaign, choices, preview, zone: zone.name().to_owned(), schedule_local })
}

/// The mail for a sample recipient, and the audience's size.
pub async fn preview(state: &AppState, viewer: &Viewer, input: CampaignInput) -> AppResult<Preview> {
    let audience = input.audience_filter.clone();
    let (first_name, mail) = service::preview(state, viewer, input).await?;
    let recipients = service::count(&mut state.db.conn().await?, viewer, audience).await?;
    Ok(Preview { first_name, subject: mail.subject, html: mail.html.replace("{site}", ""), recipients })
}

/// Save the form (a new campaign when `id` is empty), then do `intent`:
/// `save`, `test`, `send` or `schedule`. Returns the campaign's id.
pub async fn save(
    state: &AppState,
    viewer: &Viewer,
    device: &Device,
    id: &str,
    mut input: CampaignInput,
    schedule: &str,
    intent: &str,
) -> AppResult<String> {
    if !["save", "test", "send", "schedule"].contains(&intent) {
        return Err(AppError::field("intent", "Choose save, test, send or schedule."));
    }
    if intent != "send" && !schedule.trim().is_empty() {
        let zone = zone(state);
        let ms = zone
            .parse_local(schedule)
            .ok_or_else(|| AppError::field("schedule", "Pick a date and a time."))?;
        let at = jiff::Timestamp::from_millisecond(ms)
            .map_err(|_| AppError::field("schedule", "Pick a date and a time."))?;
        input.scheduled_time = Some(at.to_string());
    } else if intent == "schedule" {
        return Err(AppError::field("schedule", "Pick when to send it."));
    }
    let for_test = input.clone();
    let id = if id.is_empty() {
        service::create(&state.db, viewer, device, input).await?
    } else {
        service::update(&state.db, viewer, device, id, input).await?;
        id.to_owned()
    };
    match intent {
        "test" => service::send_test(state, viewer, for_test).await?,
        "send" => {
            service::send(&state.db, Actor::Person(viewer, device), &id).await?;
        }
        _ => {}
    }
    Ok(id)
}
