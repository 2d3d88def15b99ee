//! The recommender's rules: its snapshot of the shop, rebuilt every minute
//! in the background ([`Recommender`]), and the four kinds of suggestion.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use super::model::{self, Ask, DAY_MS, History, Item, Profile, Snapshot};
use super::{Suggestion, concern_values, db, skin_value};
use crate::accounts::{SKIN_CONCERNS, SKIN_TYPES, Viewer};
use crate::catalog::search::sync::active_docs_after;
use crate::catalog::service::cards_in_order;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::server::db::{Conn, Db, Tx};
use crate::server::now_ms;
use crate::server::state::AppState;

/// How often the snapshot is rebuilt.
const REFRESH: Duration = Duration::from_secs(60);
/// Pairs counted per checkout at most (a huge checkout says little).
const MAX_PAIR_LINES: usize = 12;
/// "Bought together" partners kept per product.
const MAX_PARTNERS: usize = 30;

/// This node's recommender: the latest snapshot. Cheap to clone.
#[derive(Clone, Default)]
pub struct Recommender {
    snap: Arc<RwLock<Arc<Snapshot>>>,
    /// A snapshot was built (an empty shop's is empty, and built).
    built: Arc<std::sync::atomic::AtomicBool>,
}

impl std::fmt::Debug for Recommender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recommender").field("products", &self.snapshot().items.len()).finish()
    }
}

impl Recommender {
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.snap.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn replace(&self, snap: Snapshot) {
        *self.snap.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(snap);
        self.built.store(true, std::sync::atomic::Ordering::Release);
    }

    /// The snapshot, built now when asked before the first background build
    /// finished (once: an empty shop's snapshot counts as built).
    pub async fn current(&self, db: &Db) -> AppResult<Arc<Snapshot>> {
        if !self.built.load(std::sync::atomic::Ordering::Acquire) {
            self.refresh(db).await?;
        }
        Ok(self.snapshot())
    }

    /// Build now, then every minute.
    pub fn start(&self, db: Db) {
        let this = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(REFRESH);
            loop {
                tick.tick().await;
                if let Err(e) = this.refresh(&db).await {
                    tracing::warn!(error = %e, "recommendations: rebuild failed");
                }
            }
        });
    }

    /// Build now (tests, and the first request after a start).
    pub async fn refresh(&self, db: &Db) -> AppResult<()> {
        let snap = build(&mut db.conn().await?, &HashSet::new(), now_ms()).await?;
        self.replace(snap);
        Ok(())
    }
}

/// Work out a snapshot from the database, leaving out `held_out` checkouts
/// (the offline evaluation hides each customer's last one).
pub async fn build(c: &mut Conn, held_out: &HashSet<String>, now: i64) -> AppResult<Snapshot> {
    let mut items = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let docs = active_docs_after(c, after.as_deref()).await?;
        let Some(last) = docs.last() else { break };
        after = Some(last.id.clone());
        items.extend(docs.into_iter().map(|d| Item {
            vertical: d.categories.last().map(|(slug, _)| slug.clone()).unwrap_or_default(),
            category: d.categories.first().map(|(slug, _)| slug.clone()).unwrap_or_default(),
            skin_types:
                d.attributes.iter().filter(|(n, _)| n == "skin_type").map(|(_, v)| v.clone()).collect(),
            concerns: d.attributes.iter().filter(|(n, _)| n == "concern").map(|(_, v)| v.clone()).collect(),
            in_stock: d.in_stock,
            title: d.title,
            id: d.id,
        }));
    }
    let lines = db::purchases(c, now - db::PURCHASE_DAYS * DAY_MS).await?;
    let mut baskets: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut sold: HashMap<String, u32> = HashMap::new();
    for (checkout, _, product, units, at) in &lines {
        if held_out.contains(checkout) {
            continue;
        }
        let basket = baskets.entry(checkout).or_default();
        if !basket.contains(&product.as_str()) {
            basket.push(product);
        }
        if *at >= now - 30 * DAY_MS {
            *sold.entry(product.clone()).or_default() += (*units).max(0) as u32;
        }
    }
    let mut pairs: HashMap<&str, HashMap<&str, u32>> = HashMap::new();
    for basket in baskets.values() {
        let basket = &basket[..basket.len().min(MAX_PAIR_LINES)];
        for a in basket {
            for b in basket {
                if a != b {
                    *pairs.entry(a).or_default().entry(b).or_default() += 1;
                }
            }
        }
    }
    let together = pairs
        .into_iter()
        .map(|(a, others)| {
            let mut list: Vec<(String, u32)> = others.into_iter().map(|(b, n)| (b.to_owned(), n)).collect();
            list.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
            list.truncate(MAX_PARTNERS);
            (a.to_owned(), list)
        })
        .collect();
    let views = db::views_since(c, now.div_euclid(DAY_MS) - 7).await?;
    let mut heat: HashMap<String, f32> = sold.iter().map(|(id, n)| (id.clone(), *n as f32)).collect();
    for (id, v) in views {
        *heat.entry(id).or_default() += v as f32 * 0.05;
    }
    let top = heat.values().copied().fold(0.0f32, f32::max).max(1.0);
    let popularity = heat.into_iter().map(|(id, h)| (id, h / top)).collect();
    let mut ratings_by_skin = HashMap::new();
    for (product, code, good, all) in db::ratings_by_skin(c).await? {
        if let Some(skin) = skin_value(&code) {
            ratings_by_skin.insert((product, skin.to_owned()), (good.max(0) as u32, all.max(0) as u32));
        }
    }
    Ok(Snapshot { items, together, popularity, sold_recently: sold, ratings_by_skin, ..Default::default() }
        .indexed())
}

/// A profile from codes (`dry`, `acne,redness`) in the catalog's words.
pub fn profile_of(skin_type: &str, concerns: &[String]) -> Profile {
    Profile {
        skin_type: skin_value(skin_type).map(str::to_owned),
        concerns: concerns.iter().flat_map(|c| concern_values(c).iter().map(|v| (*v).to_owned())).collect(),
    }
}

/// A signed-in person's profile and history.
pub async fn person(c: &mut Conn, user_id: &str) -> AppResult<(Profile, History)> {
    let profile = match db::profile(c, user_id).await? {
        Some((skin, concerns)) => {
            let concerns: Vec<String> = serde_json::from_str(&concerns).unwrap_or_default();
            profile_of(&skin, &concerns)
        }
        None => Profile::default(),
    };
    let history = History {
        bought: db::bought_by(c, user_id).await?,
        viewed: db::viewed_by(c, user_id).await?,
        wished: db::wished_by(c, user_id).await?,
    };
    Ok((profile, history))
}

/// Suggestions asked for through the API: every parameter as written (the
/// limit 1–[`MAX_LIMIT`], 10 when absent; skin type and concerns as codes,
/// which win over the person's stored profile field by field).
#[derive(Debug, Default)]
pub struct Wanted<'a> {
    pub limit: Option<&'a str>,
    pub product_id: Option<&'a str>,
    pub skin_type: Option<&'a str>,
    /// Comma separated.
    pub concerns: Option<&'a str>,
}

/// Suggestions at most, per request.
pub const MAX_LIMIT: usize = 50;

/// [`Wanted`] checked (every bad field named at once), then answered for
/// `viewer` (their profile and history) or a visitor.
pub async fn wanted(state: &AppState, viewer: Option<&Viewer>, w: Wanted<'_>) -> AppResult<Vec<Suggestion>> {
    let mut errors = FieldErrors::new();
    let limit = match w.limit.map(str::parse::<usize>) {
        None => 10,
        Some(Ok(n)) if (1..=MAX_LIMIT).contains(&n) => n,
        Some(_) => {
            errors.insert("limit".into(), format!("must be a whole number from 1 to {MAX_LIMIT}"));
            10
        }
    };
    if w.skin_type.is_some_and(|s| !SKIN_TYPES.iter().any(|(code, _)| !code.is_empty() && *code == s)) {
        errors.insert("skin_type".into(), "must be one of dry, oily, combination, normal, sensitive".into());
    }
    let concerns: Vec<String> = w.concerns.map_or_else(Vec::new, |c| {
        c.split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect()
    });
    if concerns.len() > SKIN_CONCERNS.len()
        || concerns.iter().any(|c| !SKIN_CONCERNS.iter().any(|(code, _)| code == c))
    {
        errors.insert(
            "concerns".into(),
            "must be a comma separated list of acne, ageing, dryness, dullness, pigmentation, redness, pores"
                .into(),
        );
    }
    if w.product_id.is_some_and(|p| p.len() > 64) {
        errors.insert("product_id".into(), "is not a valid id".into());
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut ask = Ask { limit, now: now_ms(), anchor: w.product_id.map(str::to_owned), ..Default::default() };
    if let Some(viewer) = viewer {
        (ask.profile, ask.history) = person(&mut state.db.conn().await?, &viewer.id).await?;
    }
    let asked = profile_of(w.skin_type.unwrap_or_default(), &concerns);
    if asked.skin_type.is_some() {
        ask.profile.skin_type = asked.skin_type;
    }
    if !asked.concerns.is_empty() {
        ask.profile.concerns = asked.concerns;
    }
    let snap = state.recommender.current(&state.db).await?;
    if let Some(id) = &ask.anchor
        && snap.item(id).is_none()
    {
        return Err(AppError::NotFound("Product".into()));
    }
    suggest(state, &ask).await
}

/// Scored suggestions for `ask`, as cards (in the snapshot's order).
pub async fn suggest(state: &AppState, ask: &Ask) -> AppResult<Vec<Suggestion>> {
    let snap = state.recommender.snapshot();
    let scored = model::recommend(&snap, state.semantic.vectors(), ask);
    cards_for(state, scored.into_iter().map(|s| (s.id, s.score, s.reason)).collect()).await
}

/// "For you": a signed-in person's suggestions, and whether they have no
/// beauty profile yet.
pub async fn for_person(state: &AppState, user_id: &str, limit: usize) -> AppResult<(Vec<Suggestion>, bool)> {
    let (profile, history) = person(&mut state.db.conn().await?, user_id).await?;
    let no_profile = profile == Profile::default();
    let ask = Ask { profile, history, limit, now: now_ms(), ..Default::default() };
    Ok((suggest(state, &ask).await?, no_profile))
}

/// "Complete your routine": what goes with the cart — the same kind of
/// shop (beauty with beauty), other categories than those in the cart,
/// suited to the person when signed in.
pub async fn routine(
    state: &AppState,
    user_id: Option<&str>,
    cart: &[String],
    limit: usize,
) -> AppResult<Vec<Suggestion>> {
    if cart.is_empty() {
        return Ok(Vec::new());
    }
    let mut ask = Ask { cart: cart.to_vec(), limit: limit * 4, now: now_ms(), ..Default::default() };
    if let Some(user) = user_id {
        (ask.profile, ask.history) = person(&mut state.db.conn().await?, user).await?;
    }
    let snap = state.recommender.snapshot();
    let in_cart: Vec<&Item> = cart.iter().filter_map(|id| snap.item(id)).collect();
    let picked = model::recommend(&snap, state.semantic.vectors(), &ask)
        .into_iter()
        .filter(|s| {
            snap.item(&s.id).is_some_and(|i| {
                in_cart.iter().any(|c| c.vertical == i.vertical)
                    && !in_cart.iter().any(|c| c.category == i.category)
            })
        })
        .take(limit)
        .map(|s| (s.id, s.score, s.reason))
        .collect();
    cards_for(state, picked).await
}

/// "Often bought together": products in the same checkouts as `product_id`.
pub async fn together(state: &AppState, product_id: &str, limit: usize) -> AppResult<Vec<Suggestion>> {
    let snap = state.recommender.snapshot();
    let Some(partners) = snap.together.get(product_id) else { return Ok(Vec::new()) };
    let top = partners.first().map_or(1, |(_, n)| *n).max(1) as f32;
    let picked = partners
        .iter()
        .filter(|(id, _)| snap.item(id).is_some_and(|i| i.in_stock))
        .take(limit)
        .map(|(id, n)| {
            let who = if *n == 1 { "1 shopper".to_owned() } else { format!("{n} shoppers") };
            (id.clone(), *n as f32 / top, format!("Bought together by {who}"))
        })
        .collect();
    cards_for(state, picked).await
}

/// "Similar": nearest by meaning (in stock), else nothing (the caller
/// falls back to the same category's best).
pub async fn similar(state: &AppState, product_id: &str, limit: usize) -> AppResult<Vec<Suggestion>> {
    let vectors = state.semantic.vectors();
    let Some(v) = vectors.get(product_id) else { return Ok(Vec::new()) };
    let snap = state.recommender.snapshot();
    let picked = vectors
        .nearest(&v, limit * 3, 0.3, &[product_id])
        .into_iter()
        .filter(|n| snap.item(&n.id).is_some_and(|i| i.in_stock))
        .take(limit)
        .map(|n| (n.id, n.score.clamp(0.0, 1.0), "Similar in what it is and does".to_owned()))
        .collect();
    cards_for(state, picked).await
}

/// Remember signed-in people's product views (the view counter's flush).
pub async fn remember_views(tx: &mut Tx, views: &HashMap<(String, String), i64>) -> AppResult<()> {
    for ((user, product), at) in views {
        db::add_person_view(tx, user, product, *at).await?;
    }
    Ok(())
}

async fn cards_for(state: &AppState, picked: Vec<(String, f32, String)>) -> AppResult<Vec<Suggestion>> {
    if picked.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = picked.iter().map(|(id, ..)| id.clone()).collect();
    let cards = cards_in_order(&mut state.db.conn().await?, &ids).await?;
    let mut by_id: HashMap<String, (f32, String)> =
        picked.into_iter().map(|(id, s, r)| (id, (s, r))).collect();
    Ok(cards
        .into_iter()
        .filter_map(|card| {
            let (score, reason) = by_id.remove(&card.id)?;
            Some(Suggestion { card, score, reason })
        })
        .collect())
}
