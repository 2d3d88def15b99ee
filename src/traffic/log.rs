//! The traffic log: hits are pushed in memory by the request that made them
//! (a lock and a push, nothing awaited) and written every few seconds in
//! one transaction — raw events, day counts, distinct visitors per step and
//! the top lists — so counting costs a page almost nothing.

use std::collections::{HashMap, HashSet};
use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::http::HeaderMap;

use super::db;
use super::tally::{Hit, Kind, Step, Tally, Target};
use super::visit::{self, Visit};
use crate::analytics::zone::Zone;
use crate::error::AppResult;
use crate::server::db::{Db, Tx};
use crate::server::{new_id, now_ms, random_hex};

/// How often hits are written.
const FLUSH_EVERY: Duration = Duration::from_secs(2);
/// Hits held at most (beyond, new ones are dropped until a write succeeds).
const MAX_PENDING: usize = 100_000;
/// Steps remembered as counted today (beyond, the database is asked).
const MAX_SEEN: usize = 500_000;
/// Shops of products and shop pages remembered.
const MAX_SHOPS: usize = 50_000;
/// Raw events are kept this many days; rollups forever.
pub const KEEP_DAYS: i64 = 90;
/// How often old events are swept.
const SWEEP_EVERY: Duration = Duration::from_secs(3600);

#[derive(Clone)]
pub struct Traffic(Arc<Inner>);

struct Inner {
    /// The shop's time zone (changed from the back office without a restart).
    zone: Mutex<Zone>,
    pending: Mutex<Vec<Hit>>,
    /// (day, its salt, the day's last ms).
    salt: Mutex<Option<(String, String, i64)>>,
    /// Today's steps already written (day, set).
    seen: Mutex<(String, HashSet<Step>)>,
    shops: Mutex<HashMap<Target, Option<String>>>,
}

impl std::fmt::Debug for Traffic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Traffic").finish_non_exhaustive()
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Traffic {
    /// Days cut in `zone`, as the sales figures are.
    pub fn new(zone: Zone) -> Self {
        Self(Arc::new(Inner {
            zone: Mutex::new(zone),
            pending: Mutex::default(),
            salt: Mutex::default(),
            seen: Mutex::default(),
            shops: Mutex::default(),
        }))
    }

    /// Cut days in `zone` from now on.
    pub fn set_zone(&self, zone: Zone) {
        *lock(&self.0.zone) = zone;
    }

    fn zone(&self) -> Zone {
        lock(&self.0.zone).clone()
    }

    /// Today's visitor behind a request, or `None` when it is not counted
    /// (a robot, a prefetch, Do Not Track / Global Privacy Control).
    pub async fn visit(&self, db: &Db, ip: IpAddr, headers: &HeaderMap) -> Option<Visit> {
        if !visit::countable(headers) {
            return None;
        }
        let (day, salt) = match self.salt_now() {
            Some(known) => known,
            None => self.load_salt(db).await?,
        };
        Some(Visit { visitor: visit::visitor(&salt, ip, headers), day })
    }

    fn salt_now(&self) -> Option<(String, String)> {
        let now = now_ms();
        lock(&self.0.salt)
            .as_ref()
            .filter(|(_, _, until)| now < *until)
            .map(|(d, s, _)| (d.clone(), s.clone()))
    }

    /// The day's salt from the database (made by the first node to ask).
    async fn load_salt(&self, db: &Db) -> Option<(String, String)> {
        let now = now_ms();
        let zone = self.zone();
        let date = zone.date_of(now);
        let day = date.to_string();
        let until = zone.start_of(crate::analytics::zone::next_day(date));
        let read = async {
            let mut c = db.conn().await?;
            if let Some(s) = db::salt(&mut c, &day).await? {
                return Ok::<_, sqlx::Error>(s);
            }
            db::offer_salt(&mut c, &day, &random_hex(32)).await?;
            db::salt(&mut c, &day).await.map(Option::unwrap_or_default)
        };
        match read.await {
            Ok(salt) if !salt.is_empty() => {
                *lock(&self.0.salt) = Some((day.clone(), salt.clone(), until));
                Some((day, salt))
            }
            Ok(_) => None,
            Err(e) => {
                tracing::warn!(error = %e, "no traffic salt: this request is not counted");
                None
            }
        }
    }

    fn push(&self, visit: &Visit, kind: Kind) {
        let mut pending = lock(&self.0.pending);
        if pending.len() < MAX_PENDING {
            pending.push(Hit { at: now_ms(), day: visit.day.clone(), visitor: visit.visitor.clone(), kind });
        }
    }

    /// A page was shown.
    pub fn page(&self, visit: &Visit, path: &str, referrer: Option<String>) {
        if let Some(path) = visit::clean(path, 200) {
            self.push(visit, Kind::Page { path, referrer });
        }
    }

    /// A product went into a cart.
    pub fn cart(&self, visit: &Visit, product_id: &str) {
        self.push(visit, Kind::Cart { product_id: product_id.to_owned() });
    }

    /// A search found nothing (terms are kept lower case).
    pub fn no_results(&self, visit: &Visit, term: &str) {
        if let Some(term) = visit::clean(&term.to_lowercase(), 100) {
            self.push(visit, Kind::Search { term });
        }
    }

    /// Find the shops of the batch's products and shop pages (remembered).
    async fn shops(&self, db: &Db, hits: &[Hit]) -> AppResult<HashMap<Target, Option<String>>> {
        let targets: HashSet<Target> = hits.iter().filter_map(Hit::target).collect();
        let mut found = HashMap::new();
        let mut c = None;
        for t in targets {
            if let Some(known) = lock(&self.0.shops).get(&t) {
                found.insert(t, known.clone());
                continue;
            }
            let c = match &mut c {
                Some(c) => c,
                None => c.insert(db.conn().await?),
            };
            let shop = match &t {
                Target::ProductSlug(s) => db::shop_of_product_slug(c, s).await?,
                Target::ProductId(id) => db::shop_of_product(c, id).await?,
                Target::ShopSlug(s) => db::shop_of_slug(c, s).await?,
            };
            let mut memo = lock(&self.0.shops);
            if memo.len() >= MAX_SHOPS {
                memo.clear();
            }
            memo.insert(t.clone(), shop.clone());
            found.insert(t, shop);
        }
        Ok(found)
    }

    /// Write what was logged, in one transaction; on failure it is kept for
    /// the next try. Returns the hits written.
    pub async fn flush(&self, db: &Db) -> AppResult<usize> {
        let hits = std::mem::take(&mut *lock(&self.0.pending));
        if hits.is_empty() {
            return Ok(0);
        }
        match self.write(db, &hits).await {
            Ok(()) => Ok(hits.len()),
            Err(e) => {
                let mut pending = lock(&self.0.pending);
                let room = MAX_PENDING.saturating_sub(pending.len());
                pending.extend(hits.into_iter().take(room));
                Err(e)
            }
        }
    }

    async fn write(&self, db: &Db, hits: &[Hit]) -> AppResult<()> {
        let shops = self.shops(db, hits).await?;
        let shop_of = |h: &Hit| h.target().and_then(|t| shops.get(&t).cloned().flatten());
        let owned: Vec<Option<String>> = hits.iter().map(shop_of).collect();
        let mut tally = Tally::of(hits, |i| owned[i].as_deref());
        // Steps already written today need no second look.
        let fresh: Vec<Step> = {
            let seen = lock(&self.0.seen);
            tally.steps.iter().filter(|s| !(s.0 == seen.0 && seen.1.contains(*s))).cloned().collect()
        };
        let counted = db
            .write(async |tx| {
                store_events(tx, hits, &owned).await?;
                let mut counted = Vec::new();
                for step in &fresh {
                    if db::first_step(tx, &step.0, &step.1, step.2, &step.3).await? {
                        tally.days.entry((step.1.clone(), step.0.clone())).or_default().bump(step.2);
                    }
                    counted.push(step.clone());
                }
                store_rollups(tx, &tally).await?;
                Ok(counted)
            })
            .await?;
        let mut seen = lock(&self.0.seen);
        let today = self.zone().day_of(now_ms());
        if seen.0 != today || seen.1.len() > MAX_SEEN {
            *seen = (today.clone(), HashSet::new());
        }
        seen.1.extend(counted.into_iter().filter(|s| s.0 == today));
        Ok(())
    }
}

/// Keep the raw events of a batch (`shops[i]` is hit `i`'s shop).
pub async fn store_events(tx: &mut Tx, hits: &[Hit], shops: &[Option<String>]) -> AppResult<()> {
    for (hit, shop) in hits.iter().zip(shops) {
        db::insert_event(tx, &new_id(), hit, shop.as_deref()).await?;
    }
    Ok(())
}

/// Add a batch's counts to the day rows and its top lists to their days
/// and months (distinct visitors already bumped into `tally.days`).
pub async fn store_rollups(tx: &mut Tx, tally: &Tally) -> AppResult<()> {
    for ((shop, day), n) in &tally.days {
        db::add_day(tx, shop, day, n).await?;
    }
    let mut months: HashMap<(&str, &str, &str), i64> = HashMap::new();
    for ((dim, day, name), n) in &tally.tops {
        db::add_top(tx, dim, "d", day, name, *n).await?;
        *months.entry((dim, &day[..7.min(day.len())], name)).or_default() += n;
    }
    for ((dim, month, name), n) in months {
        db::add_top(tx, dim, "m", month, name, n).await?;
    }
    Ok(())
}

impl Traffic {
    /// Forget raw events older than [`KEEP_DAYS`], and yesterday's steps
    /// and salts.
    pub async fn sweep(&self, db: &Db) -> AppResult<u64> {
        let now = now_ms();
        let today = self.zone().day_of(now);
        let before = now - KEEP_DAYS * 86_400_000;
        db.write(async |tx| Ok(db::sweep(tx, before, &today).await?)).await
    }

    /// Write every few seconds, sweep every hour, in the background.
    pub fn start(&self, db: Db) {
        let log = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(FLUSH_EVERY);
            let mut swept = tokio::time::Instant::now() - SWEEP_EVERY;
            loop {
                tick.tick().await;
                if let Err(e) = log.flush(&db).await {
                    tracing::warn!(error = %e, "could not write traffic; will retry");
                }
                if swept.elapsed() >= SWEEP_EVERY {
                    swept = tokio::time::Instant::now();
                    if let Err(e) = log.sweep(&db).await {
                        tracing::warn!(error = %e, "could not sweep old traffic");
                    }
                }
            }
        });
    }
}
