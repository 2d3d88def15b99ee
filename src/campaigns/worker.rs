//! The campaign worker: every two seconds it starts scheduled campaigns
//! whose time has come, then writes the next batch of each campaign being
//! sent into the outbox — `BAZAAR_CAMPAIGN_RATE` a minute in all. Each
//! recipient is claimed by a conditional UPDATE in the transaction that
//! writes their mail, so with several app nodes (or a round that overlaps
//! another) nobody gets the campaign twice. People who opted out or whose
//! account was switched off or deleted since "send" are skipped.

use std::time::Duration;

use super::db::{self, CampaignDb};
use super::links::MailLinks;
use super::render::{self, Recipient};
use super::service::{self, first_name};
use crate::audit::log::Actor;
use crate::error::AppResult;
use crate::server::state::AppState;
use crate::server::{new_id, now_ms};

/// How often a round runs.
const TICK: Duration = Duration::from_secs(2);

/// Mails one round may write for a rate of `per_minute`.
pub fn per_round(per_minute: u32) -> i64 {
    (i64::from(per_minute) * TICK.as_millis() as i64 / 60_000).max(1)
}

pub fn spawn(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(TICK);
        loop {
            tick.tick().await;
            if let Err(e) = round(&state).await {
                tracing::warn!(error = %e, "campaign round failed");
            }
        }
    });
}

/// Start what is due, then one batch of each campaign being sent. Returns
/// how many mails were written.
pub async fn round(state: &AppState) -> AppResult<usize> {
    let due = db::due(&mut state.db.conn().await?, now_ms()).await?;
    for id in due {
        let (_, recipients) = service::send(&state.db, Actor::Shop, &id).await?;
        tracing::info!(campaign = %id, recipients, "scheduled campaign started");
    }
    let mut budget = per_round(state.settings.mail.campaign_rate);
    let mut written = 0;
    for campaign in db::sending(&mut state.db.conn().await?).await? {
        if budget == 0 {
            break;
        }
        let n = batch(state, &campaign, budget).await?;
        budget -= n as i64;
        written += n;
    }
    Ok(written)
}

/// Write up to `limit` mails of `campaign`; mark it sent when nobody is left.
async fn batch(state: &AppState, campaign: &CampaignDb, limit: i64) -> AppResult<usize> {
    let pending = db::pending(&mut state.db.conn().await?, &campaign.id, limit).await?;
    let chosen = campaign.product_ids();
    let mut written = 0;
    let store = state.store();
    for person in &pending {
        if !person.still_wanted {
            state.db.write(async |tx| Ok(db::skip(tx, &campaign.id, &person.user_id).await?)).await?;
            continue;
        }
        let products = service::products_for(state, &chosen, &person.user_id).await?;
        let (token, token_hash) = crate::accounts::links::new_token();
        let links = MailLinks::tracked(token);
        let first = first_name(&person.full_name);
        let r = Recipient { first_name: first, products: &products, links: &links, shop_name: &store.name };
        let mail = render::render(&campaign.subject, &campaign.template, &r);
        let outbox_id = new_id();
        let message = crate::mail::Message {
            kind: super::MAIL_KIND,
            to: &person.email,
            subject: mail.subject,
            text: mail.text,
            html: mail.html,
            order_id: None,
            unsubscribe_url: links.one_click(),
        };
        let claimed = state
            .db
            .write(async |tx| {
                let claimed = db::claim(tx, &campaign.id, &person.user_id, &token_hash, &outbox_id).await?;
                if claimed {
                    crate::mail::db::insert(tx, &outbox_id, &message, now_ms()).await?;
                }
                Ok(claimed)
            })
            .await?;
        written += usize::from(claimed);
    }
    if (pending.len() as i64) < limit {
        let done =
            state.db.write(async |tx| Ok(db::finish_if_done(tx, &campaign.id, now_ms()).await?)).await?;
        if done {
            tracing::info!(campaign = %campaign.id, "campaign written to the outbox in full");
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_rate_is_spread_over_rounds() {
        assert_eq!(super::per_round(600), 20);
        assert_eq!(super::per_round(1), 1, "at least one a round");
        assert_eq!(super::per_round(6000), 200);
    }
}
