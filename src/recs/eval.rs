//! Offline evaluation (`bench/recs.sh`): each generated shopper's last
//! checkout is held out; the recommender, knowing everything else (their
//! profile, their earlier purchases, every other checkout), suggests 10
//! products, and so does a popularity baseline. Hit-rate@10: the share of
//! shoppers with a held-out product among the 10; MRR: the mean of 1/rank of
//! the first such product (0 when none).

use std::collections::{HashMap, HashSet};

use super::db::history as history_db;
use super::history::EMAIL_DOMAIN;
use super::model::{self, Ask, History};
use super::service;
use crate::error::AppResult;
use crate::server::state::AppState;

/// Suggestions judged per shopper.
pub const K: usize = 10;

#[derive(Debug, Clone, Copy, Default)]
pub struct Figures {
    pub shoppers: usize,
    pub hit_rate: f64,
    pub mrr: f64,
    pub baseline_hit_rate: f64,
    pub baseline_mrr: f64,
    /// p50 and p95 of one recommendation, microseconds.
    pub p50_us: u128,
    pub p95_us: u128,
}

/// 1/rank of the first relevant id (0 when none).
pub fn reciprocal_rank(ranked: &[String], relevant: &HashSet<String>) -> f64 {
    ranked.iter().position(|id| relevant.contains(id)).map_or(0.0, |i| 1.0 / (i + 1) as f64)
}

/// A checkout: (id, when, products).
type Basket<'a> = (&'a str, i64, Vec<&'a str>);

pub async fn evaluate(state: &AppState) -> AppResult<Figures> {
    let mut c = state.db.conn().await?;
    let rows = history_db::shopper_purchases(&mut c, EMAIL_DOMAIN).await?;
    // Per shopper: checkouts in time order with their products.
    let mut by_shopper: HashMap<&str, Vec<Basket>> = HashMap::new();
    for (checkout, user, product, at) in &rows {
        let list = by_shopper.entry(user).or_default();
        match list.last_mut() {
            Some((id, _, products)) if id == checkout => products.push(product),
            _ => list.push((checkout, *at, vec![product])),
        }
    }
    let held_out: HashSet<String> = by_shopper
        .values()
        .filter(|l| l.len() >= 2)
        .filter_map(|l| l.last())
        .map(|(id, ..)| (*id).to_owned())
        .collect();
    let snap = service::build(&mut c, &held_out, crate::server::now_ms()).await?;
    let mut f = Figures::default();
    let mut times = Vec::new();
    let mut users: Vec<&&str> = by_shopper.keys().collect();
    users.sort();
    for user in users {
        let list = &by_shopper[*user];
        if list.len() < 2 {
            continue;
        }
        let (_, at, last) = list.last().expect("two checkouts");
        let relevant: HashSet<String> = last.iter().map(|p| (*p).to_owned()).collect();
        let (profile, _) = service::person(&mut c, user).await?;
        let bought = list[..list.len() - 1]
            .iter()
            .flat_map(|(_, at, ps)| ps.iter().map(move |p| ((*p).to_owned(), *at)))
            .collect();
        let ask = Ask {
            profile,
            history: History { bought, ..Default::default() },
            limit: K,
            now: *at,
            ..Default::default()
        };
        let started = std::time::Instant::now();
        let ours: Vec<String> =
            model::recommend(&snap, state.semantic.vectors(), &ask).into_iter().map(|s| s.id).collect();
        times.push(started.elapsed().as_micros() as f64);
        let base = model::popular(&snap, &ask);
        f.shoppers += 1;
        f.mrr += reciprocal_rank(&ours, &relevant);
        f.baseline_mrr += reciprocal_rank(&base, &relevant);
        f.hit_rate += f64::from(u8::from(ours.iter().any(|id| relevant.contains(id))));
        f.baseline_hit_rate += f64::from(u8::from(base.iter().any(|id| relevant.contains(id))));
    }
    let n = f.shoppers.max(1) as f64;
    f.mrr /= n;
    f.baseline_mrr /= n;
    f.hit_rate /= n;
    f.baseline_hit_rate /= n;
    let (p50, p95) = crate::server::stats::p50_p95(times);
    (f.p50_us, f.p95_us) = (p50 as u128, p95 as u128);
    Ok(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reciprocal_rank_is_one_over_the_first_hit() {
        let ranked: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        let relevant: HashSet<String> = ["c".to_owned(), "b".to_owned()].into();
        assert_eq!(reciprocal_rank(&ranked, &relevant), 0.5);
        assert_eq!(reciprocal_rank(&ranked, &HashSet::new()), 0.0);
    }
}
