//! Made-up traffic for the demo shop and the analytics benchmark: visitors
//! arriving from a few sources, reading pages and products, some putting
//! things in their cart and going to the checkout, some searching for what
//! the shop does not sell. Written day by day through the same rollup code
//! as real traffic (raw events only for the days they would still be kept).

use std::collections::HashMap;

use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};

use super::db;
use super::log::{KEEP_DAYS, store_events, store_rollups};
use super::tally::{CHECKOUT_PATH, Hit, Kind, Tally, Target};
use crate::analytics::zone::{Zone, add_days};
use crate::error::AppResult;
use crate::server::db::Db;

const SOURCES: [Option<&str>; 8] = [
    None,
    None,
    None,
    Some("google.com"),
    Some("google.com"),
    Some("instagram.com"),
    Some("pinterest.com"),
    Some("newsletter"),
];
const PAGES: [&str; 5] = ["/", "/products", "/live", "/categories/skincare", "/categories/bouquets"];
const MISSES: [&str; 8] = [
    "vegan lipstick",
    "peony bouquet",
    "gift card",
    "beard oil",
    "retinol 1%",
    "orchid",
    "sunscreen spf 50",
    "men's shaving",
];

/// Days of traffic ending today, about `per_day` visitors a day.
pub async fn generate(db: &Db, zone: &Zone, days: i64, per_day: usize, seed: u64) -> AppResult<usize> {
    let products = db::product_shops(&mut db.conn().await?).await?;
    if products.is_empty() {
        return Ok(0);
    }
    let by_slug: HashMap<String, String> =
        products.iter().map(|(s, _, shop)| (s.clone(), shop.clone())).collect();
    let by_id: HashMap<String, String> =
        products.iter().map(|(_, id, shop)| (id.clone(), shop.clone())).collect();
    let mut rng = StdRng::seed_from_u64(seed);
    let today = zone.today();
    let mut written = 0;
    let mut day = add_days(today, -(days - 1));
    while day <= today {
        let start = zone.start_of(day);
        let age = crate::analytics::zone::days_between(day, today);
        // Weekends are busier; the shop grows a little over time.
        let weekend = matches!(day.weekday().to_monday_one_offset(), 6 | 7);
        let growth = 1.0 - age as f64 / (days as f64 * 3.0);
        let visitors = ((per_day as f64) * growth * if weekend { 1.25 } else { 1.0 }) as usize;
        let mut hits = Vec::new();
        for v in 0..visitors {
            let visitor = format!("{seed:04x}{:06x}{v:06x}", age);
            let mut at = start + rng.random_range(0..86_000_000);
            let page = |path: String, referrer: Option<String>, at: i64| Hit {
                at,
                day: day.to_string(),
                visitor: visitor.clone(),
                kind: Kind::Page { path, referrer },
            };
            let source = SOURCES.choose(&mut rng).copied().flatten().map(str::to_owned);
            hits.push(page((*PAGES.choose(&mut rng).unwrap_or(&"/")).to_owned(), source, at));
            let mut chosen = None;
            for _ in 0..rng.random_range(0..5) {
                at += rng.random_range(5_000..90_000);
                let (slug, id, _) = products.choose(&mut rng).cloned().unwrap_or_default();
                hits.push(page(format!("/products/{slug}"), None, at));
                chosen = Some(id);
            }
            if rng.random_bool(0.04) {
                let term = (*MISSES.choose(&mut rng).unwrap_or(&"gift card")).to_owned();
                hits.push(Hit {
                    at,
                    day: day.to_string(),
                    visitor: visitor.clone(),
                    kind: Kind::Search { term },
                });
            }
            if let Some(product_id) = chosen.filter(|_| rng.random_bool(0.15)) {
                hits.push(Hit {
                    at,
                    day: day.to_string(),
                    visitor: visitor.clone(),
                    kind: Kind::Cart { product_id },
                });
                if rng.random_bool(0.7) {
                    hits.push(page(CHECKOUT_PATH.to_owned(), None, at + 60_000));
                }
            }
        }
        let shops: Vec<Option<String>> = hits
            .iter()
            .map(|h| match h.target() {
                Some(Target::ProductSlug(s)) => by_slug.get(&s).cloned(),
                Some(Target::ProductId(id)) => by_id.get(&id).cloned(),
                _ => None,
            })
            .collect();
        let mut tally = Tally::of(&hits, |i| shops[i].as_deref());
        // Every visitor of the day is in this batch: each step is new.
        for step in std::mem::take(&mut tally.steps) {
            tally.days.entry((step.1, step.0)).or_default().bump(step.2);
        }
        let raw = age < KEEP_DAYS;
        db.write(async |tx| {
            if raw {
                store_events(tx, &hits, &shops).await?;
            }
            store_rollups(tx, &tally).await
        })
        .await?;
        written += hits.len();
        day = add_days(day, 1);
    }
    Ok(written)
}
