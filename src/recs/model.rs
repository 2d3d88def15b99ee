//! The recommender's arithmetic, with no I/O: a [`Snapshot`] of the shop
//! (products, what was bought together, what sells, how people with each
//! skin type rated each product) and an [`Ask`] (who, their profile and
//! history, the product or cart in view) give scored products with a
//! reason. The service refreshes the snapshot in the background, so a
//! request is arithmetic over memory.

use std::collections::HashMap;

use crate::ai::vectors::{Vectors, dot};

pub const DAY_MS: i64 = 24 * 60 * 60 * 1000;
/// A product bought this recently is not offered again…
pub const REBUY_AFTER_DAYS: i64 = 30;
/// …and until this long after, a beauty product is offered as a refill.
pub const REFILL_UNTIL_DAYS: i64 = 120;
/// Ratings by people with a skin type count from this many up.
const MIN_RATINGS: u32 = 3;

/// What the recommender knows of a product.
#[derive(Debug, Clone, Default)]
pub struct Item {
    pub id: String,
    pub title: String,
    pub in_stock: bool,
    /// The top category's slug ("beauty", "florals").
    pub vertical: String,
    pub category: String,
    pub skin_types: Vec<String>,
    pub concerns: Vec<String>,
}

/// Everything worked out ahead of a request.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub items: Vec<Item>,
    pub index: HashMap<String, usize>,
    /// Product → (other product, checkouts holding both), most first.
    pub together: HashMap<String, Vec<(String, u32)>>,
    /// Recent sales and views, 0..1 (the best seller is 1).
    pub popularity: HashMap<String, f32>,
    /// Units sold in the last 30 days.
    pub sold_recently: HashMap<String, u32>,
    /// (product, skin type as the catalog spells it) → (rated 4 or 5, rated).
    pub ratings_by_skin: HashMap<(String, String), (u32, u32)>,
    /// `popularity` by position in `items` (filled by [`Snapshot::indexed`]):
    /// the scoring loop reads it without hashing an id per product.
    pub popularity_at: Vec<f32>,
}

impl Snapshot {
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.index.get(id).map(|&i| &self.items[i])
    }

    /// Fill `index` from `items`.
    pub fn indexed(mut self) -> Self {
        self.index = self.items.iter().enumerate().map(|(i, it)| (it.id.clone(), i)).collect();
        self.popularity_at =
            self.items.iter().map(|it| self.popularity.get(&it.id).copied().unwrap_or(0.0)).collect();
        self
    }
}

/// A beauty profile, in the catalog's words ("Combination", "Redness").
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profile {
    pub skin_type: Option<String>,
    pub concerns: Vec<String>,
}

/// What a person did: (product, when) bought, viewed and wishlisted.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub bought: Vec<(String, i64)>,
    pub viewed: Vec<String>,
    pub wished: Vec<String>,
}

/// One request for suggestions.
#[derive(Debug, Clone, Default)]
pub struct Ask {
    pub profile: Profile,
    pub history: History,
    /// The product being looked at ("bought together", "similar").
    pub anchor: Option<String>,
    /// Products in the cart ("complete your routine").
    pub cart: Vec<String>,
    pub limit: usize,
    pub now: i64,
}

/// Which signal a suggestion rests on most.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    Profile,
    Together,
    Similar,
    Refill,
    Popular,
}

/// A product offered, 0..1, with the reason in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub id: String,
    pub score: f32,
    pub signal: Signal,
    pub reason: String,
}

/// Weights of the signals (they add up to 1, so the score is 0..1).
const W_PROFILE: f32 = 0.35;
const W_TOGETHER: f32 = 0.25;
const W_SIMILAR: f32 = 0.25;
const W_POPULAR: f32 = 0.15;

/// The best `ask.limit` products for `ask`, best first: in stock, not the
/// anchor, not in the cart, not bought in the last [`REBUY_AFTER_DAYS`].
pub fn recommend(snap: &Snapshot, vectors: &Vectors, ask: &Ask) -> Vec<Scored> {
    let recent_cut = ask.now - REBUY_AFTER_DAYS * DAY_MS;
    let refill_cut = ask.now - REFILL_UNTIL_DAYS * DAY_MS;
    // Per product position, so the loop over every product hashes nothing.
    let n = snap.items.len();
    let at = |id: &str| snap.index.get(id).copied();
    let mut excluded = vec![false; n];
    for id in ask
        .anchor
        .iter()
        .chain(&ask.cart)
        .chain(ask.history.bought.iter().filter(|(_, when)| *when >= recent_cut).map(|(id, _)| id))
    {
        if let Some(i) = at(id) {
            excluded[i] = true;
        }
    }
    // Seeds: what "together" and "similar" are measured from.
    let mut seeds: Vec<(&str, f32)> = Vec::new();
    if let Some(a) = &ask.anchor {
        seeds.push((a, 1.0));
    }
    seeds.extend(ask.cart.iter().map(|c| (c.as_str(), 1.0)));
    let mut bought: Vec<&(String, i64)> = ask.history.bought.iter().collect();
    bought.sort_by_key(|(_, at)| std::cmp::Reverse(*at));
    seeds.extend(bought.iter().take(5).map(|(id, _)| (id.as_str(), 0.8)));
    seeds.extend(ask.history.wished.iter().take(5).map(|id| (id.as_str(), 0.7)));
    seeds.extend(ask.history.viewed.iter().take(5).map(|id| (id.as_str(), 0.5)));
    let seed_vectors: Vec<(&str, f32, Vec<f32>)> =
        seeds.iter().filter_map(|(id, w)| Some((*id, *w, vectors.get(id)?))).collect();
    // One pass over every vector with the seeds' weighted mean (the taste).
    let mut sims = vec![0.0f32; n];
    if let Some(t) = taste(&seed_vectors) {
        for near in vectors.nearest(&t, SIMILAR_POOL, 0.2, &[]) {
            if let Some(i) = at(&near.id) {
                // Cosines of this model sit in 0.2..0.8 for related products.
                sims[i] = ((near.score - 0.2) / 0.6).clamp(0.0, 1.0);
            }
        }
    }

    // Bought together with any seed, as a share of the strongest pair.
    let mut together: HashMap<&str, (f32, &str, u32)> = HashMap::new();
    for (seed, weight) in &seeds {
        for (other, n) in snap.together.get(*seed).map(Vec::as_slice).unwrap_or_default() {
            let e = together.entry(other.as_str()).or_insert((0.0, seed, 0));
            let v = *n as f32 * weight;
            if v > e.0 {
                *e = (v, seed, *n);
            }
        }
    }
    let top_together = together.values().map(|(v, ..)| *v).fold(0.0f32, f32::max).max(1.0);
    let together: HashMap<usize, (f32, &str, u32)> =
        together.into_iter().filter_map(|(id, t)| Some((at(id)?, t))).collect();
    // Products bought between the refill bounds: when (the latest).
    let mut refills: HashMap<usize, i64> = HashMap::new();
    for (id, when) in &ask.history.bought {
        if *when < recent_cut
            && *when >= refill_cut
            && let Some(i) = at(id)
        {
            let e = refills.entry(i).or_insert(*when);
            *e = (*e).max(*when);
        }
    }

    // Scores for every product first (arithmetic only); words for the few kept.
    let mut scored: Vec<Candidate> = Vec::new();
    for (i, item) in snap.items.iter().enumerate() {
        if !item.in_stock || excluded[i] {
            continue;
        }
        let fit = profile_fit(&ask.profile, item);
        let (tog, tog_seed, tog_n) =
            together.get(&i).map_or((0.0, "", 0), |(v, seed, n)| ((v / top_together).min(1.0), *seed, *n));
        let (sim, pop) = (sims[i], snap.popularity_at.get(i).copied().unwrap_or(0.0));
        let refill =
            if refills.is_empty() || item.vertical != "beauty" { None } else { refills.get(&i).copied() };
        let mut parts = [
            (Signal::Profile, W_PROFILE * fit),
            (Signal::Together, W_TOGETHER * tog),
            (Signal::Similar, W_SIMILAR * sim),
            (Signal::Popular, W_POPULAR * pop),
        ];
        let mut score: f32 = parts.iter().map(|(_, v)| v).sum();
        if refill.is_some() {
            // A refill of something they liked enough to buy: as strong as a fit.
            score = (score + W_PROFILE).min(1.0);
        }
        if score <= 0.0 {
            continue;
        }
        parts.sort_by(|a, b| b.1.total_cmp(&a.1));
        let signal = if refill.is_some() { Signal::Refill } else { parts[0].0 };
        scored.push(Candidate { item, score: score.min(1.0), signal, refill, tog_seed, tog_n });
    }
    let best_first =
        |a: &Candidate, b: &Candidate| b.score.total_cmp(&a.score).then_with(|| a.item.id.cmp(&b.item.id));
    // Enough of the best for the per-category rule to pick from.
    let keep = (ask.limit * 20).max(100);
    if scored.len() > keep {
        scored.select_nth_unstable_by(keep, best_first);
        scored.truncate(keep);
    }
    scored.sort_by(best_first);
    diversified(scored, ask.limit)
        .into_iter()
        .map(|c| Scored {
            id: c.item.id.clone(),
            score: c.score,
            signal: c.signal,
            reason: reason(snap, vectors, ask, &seed_vectors, &c),
        })
        .collect()
}

/// A product scored, before its reason is written.
struct Candidate<'a> {
    item: &'a Item,
    score: f32,
    signal: Signal,
    refill: Option<i64>,
    tog_seed: &'a str,
    tog_n: u32,
}

/// The reason in words, with the signal's figures.
fn reason(
    snap: &Snapshot,
    vectors: &Vectors,
    ask: &Ask,
    seeds: &[(&str, f32, Vec<f32>)],
    c: &Candidate,
) -> String {
    match c.signal {
        Signal::Refill => {
            let weeks = (ask.now - c.refill.unwrap_or(ask.now)) / (7 * DAY_MS);
            format!("You bought it {weeks} weeks ago — time for a refill?")
        }
        Signal::Profile => profile_reason(snap, &ask.profile, c.item),
        Signal::Together => {
            let title = snap.item(c.tog_seed).map_or("this", |i| i.title.as_str());
            let shoppers =
                if c.tog_n == 1 { "1 shopper".to_owned() } else { format!("{} shoppers", c.tog_n) };
            format!("Bought with {title} by {shoppers}")
        }
        Signal::Similar => {
            let seed = closest_seed(vectors, &c.item.id, seeds);
            let title = snap.item(seed).map_or("what you looked at", |i| i.title.as_str());
            format!("Like {title}")
        }
        Signal::Popular => match snap.sold_recently.get(&c.item.id) {
            Some(n) if *n > 0 => format!("Popular now: {n} sold this month"),
            _ => "Popular now".to_owned(),
        },
    }
}

/// Products of one category at most this many times among the first picks
/// (eight serums of one line say less than a serum, a cream and a mask).
const PER_CATEGORY: usize = 2;

/// The best `limit`, taking at most [`PER_CATEGORY`] of a category before
/// the rest fill the places left; order by score within.
fn diversified(sorted: Vec<Candidate>, limit: usize) -> Vec<Candidate> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let (mut picked, mut later) = (Vec::new(), Vec::new());
    for s in sorted {
        let n = seen.entry(s.item.category.as_str()).or_default();
        if *n < PER_CATEGORY && picked.len() < limit {
            *n += 1;
            picked.push(s);
        } else {
            later.push(s);
        }
    }
    picked.extend(later.into_iter().take(limit.saturating_sub(picked.len())));
    picked.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.item.id.cmp(&b.item.id)));
    picked
}

/// The most-sold products in stock (the baseline the recommender must beat).
pub fn popular(snap: &Snapshot, ask: &Ask) -> Vec<String> {
    let recent_cut = ask.now - REBUY_AFTER_DAYS * DAY_MS;
    let mut ids: Vec<(&str, f32)> = snap
        .items
        .iter()
        .filter(|i| i.in_stock)
        .filter(|i| !ask.history.bought.iter().any(|(id, at)| *id == i.id && *at >= recent_cut))
        .map(|i| (i.id.as_str(), snap.popularity.get(&i.id).copied().unwrap_or(0.0)))
        .collect();
    ids.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    ids.into_iter().take(ask.limit).map(|(id, _)| id.to_owned()).collect()
}

/// 0..1: half for the skin type, half for the share of concerns it treats.
/// Products with no skin attributes (flowers) fit nobody in particular.
pub fn profile_fit(profile: &Profile, item: &Item) -> f32 {
    if item.skin_types.is_empty() && item.concerns.is_empty() {
        return 0.0;
    }
    let skin =
        profile.skin_type.as_ref().map_or(0.0, |s| if item.skin_types.contains(s) { 0.5 } else { 0.0 });
    let concerns = if profile.concerns.is_empty() {
        0.0
    } else {
        let hit = profile.concerns.iter().filter(|c| item.concerns.contains(c)).count();
        0.5 * hit as f32 / profile.concerns.len() as f32
    };
    skin + concerns
}

/// Products compared by meaning per request at most.
const SIMILAR_POOL: usize = 300;

/// The seeds' weighted mean, scaled to length 1.
fn taste(seeds: &[(&str, f32, Vec<f32>)]) -> Option<Vec<f32>> {
    let first = seeds.first()?;
    let mut sum = vec![0.0f32; first.2.len()];
    for (_, w, v) in seeds {
        for (s, x) in sum.iter_mut().zip(v) {
            *s += w * x;
        }
    }
    Some(crate::ai::model::normalised(sum))
}

/// The seed most like product `id` (for the reason's words).
fn closest_seed<'a>(vectors: &Vectors, id: &str, seeds: &[(&'a str, f32, Vec<f32>)]) -> &'a str {
    let Some(v) = vectors.get(id) else { return "" };
    seeds
        .iter()
        .filter(|(seed, ..)| *seed != id)
        .map(|(seed, _, sv)| (*seed, dot(&v, sv)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map_or("", |(seed, _)| seed)
}

/// "For combination skin with redness; 89% of buyers with your skin type rated it 4 or 5".
fn profile_reason(snap: &Snapshot, profile: &Profile, item: &Item) -> String {
    let mut out = String::from("For ");
    match profile.skin_type.as_ref().filter(|s| item.skin_types.contains(s)) {
        Some(s) => out.push_str(&format!("{} skin", s.to_lowercase())),
        None => out.push_str("your skin"),
    }
    let treated: Vec<String> =
        profile.concerns.iter().filter(|c| item.concerns.contains(c)).map(|c| c.to_lowercase()).collect();
    if !treated.is_empty() {
        out.push_str(" with ");
        out.push_str(&treated.join(" and "));
    }
    if let Some(skin) = &profile.skin_type
        && let Some((good, all)) = snap.ratings_by_skin.get(&(item.id.clone(), skin.clone()))
        && *all >= MIN_RATINGS
    {
        let pct = (*good as f32 * 100.0 / *all as f32).round() as u32;
        out.push_str(&format!("; {pct}% of buyers with {} skin rated it 4 or 5", skin.to_lowercase()));
    }
    out
}

#[cfg(test)]
mod tests;
