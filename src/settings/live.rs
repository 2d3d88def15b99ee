//! The settings in force on this node: the `BAZAAR_*` defaults overlaid
//! with what the back office saved, re-read every few seconds so a change
//! made on another node arrives without a restart.

use std::sync::{Arc, RwLock, Weak};
use std::time::Duration;

use super::StoreProfile;
use crate::error::AppResult;
use crate::server::config::ShopSettings;
use crate::server::db::{Conn, Db};

/// How long a change made on another node may take to arrive.
const RELOAD_EVERY: Duration = Duration::from_secs(3);

/// Names in `site_settings`.
pub mod keys {
    pub const STORE_NAME: &str = "store.name";
    pub const STORE_LOGO: &str = "store.logo";
    pub const STORE_EMAIL: &str = "store.email";
    pub const STORE_PHONE: &str = "store.phone";
    pub const STORE_ADDRESS: &str = "store.address";
    pub const TIME_ZONE: &str = "shop.time_zone";
    pub const CURRENCY: &str = "shop.currency";
    pub const LOW_STOCK: &str = "shop.low_stock";
    pub const COMMISSION: &str = "shop.commission_bps";
}

/// One consistent set of values.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub shop: Arc<ShopSettings>,
    pub store: Arc<StoreProfile>,
}

/// `base` with the saved rows laid over it (rows that do not parse are
/// ignored: the default stands).
pub fn overlay(base: &ShopSettings, rows: &[(String, String)]) -> Snapshot {
    let (mut shop, mut store) = (base.clone(), StoreProfile::default());
    for (name, value) in rows {
        let number = || value.parse::<i64>().ok().filter(|n| *n >= 0);
        match name.as_str() {
            keys::STORE_NAME if !value.is_empty() => store.name = value.clone(),
            keys::STORE_LOGO if !value.is_empty() => store.logo = Some(value.clone()),
            keys::STORE_EMAIL => store.email = value.clone(),
            keys::STORE_PHONE => store.phone = value.clone(),
            keys::STORE_ADDRESS => store.address = value.clone(),
            keys::TIME_ZONE if crate::analytics::zone::Zone::parse(value).is_ok() => {
                shop.time_zone = value.clone()
            }
            keys::CURRENCY if value.len() == 3 => shop.currency = value.clone(),
            keys::LOW_STOCK => shop.low_stock = number().unwrap_or(shop.low_stock),
            keys::COMMISSION => shop.commission_bps = number().unwrap_or(shop.commission_bps).min(10_000),
            _ => {}
        }
    }
    Snapshot { shop: Arc::new(shop), store: Arc::new(store) }
}

struct Inner {
    base: ShopSettings,
    now: RwLock<Snapshot>,
}

/// Cheap to clone; every clone sees the same values.
#[derive(Clone)]
pub struct Live(Arc<Inner>);

impl std::fmt::Debug for Live {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Live").finish_non_exhaustive()
    }
}

impl Live {
    /// The values now in the database over `base`, kept current by a task
    /// that ends when the last clone is dropped.
    pub async fn start(db: &Db, base: ShopSettings) -> AppResult<Self> {
        let first = overlay(&base, &super::db::all(&mut db.conn().await?).await?);
        let live = Self(Arc::new(Inner { base, now: RwLock::new(first) }));
        let (weak, db) = (Arc::downgrade(&live.0), db.clone());
        tokio::spawn(keep_current(weak, db));
        Ok(live)
    }

    pub fn now(&self) -> Snapshot {
        self.0.now.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Read the rows again (right after this node saved a change).
    pub async fn reload(&self, c: &mut Conn) -> AppResult<Snapshot> {
        let next = overlay(&self.0.base, &super::db::all(c).await?);
        *self.0.now.write().unwrap_or_else(|e| e.into_inner()) = next.clone();
        Ok(next)
    }
}

async fn keep_current(weak: Weak<Inner>, db: Db) {
    loop {
        tokio::time::sleep(RELOAD_EVERY).await;
        let Some(inner) = weak.upgrade() else { return };
        let live = Live(inner);
        let reloaded = async { live.reload(&mut db.conn().await?).await }.await;
        if let Err(e) = reloaded {
            tracing::warn!(error = %e, "could not re-read the settings");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(k: &str, v: &str) -> (String, String) {
        (k.to_owned(), v.to_owned())
    }

    #[test]
    fn saved_values_win_over_the_defaults_and_bad_ones_do_not() {
        let base = ShopSettings::default();
        let s = overlay(
            &base,
            &[
                row(keys::STORE_NAME, "Petal & Pot"),
                row(keys::TIME_ZONE, "Europe/London"),
                row(keys::LOW_STOCK, "-3"),
                row(keys::COMMISSION, "1250"),
                row(keys::CURRENCY, "euro"),
            ],
        );
        assert_eq!(s.store.name, "Petal & Pot");
        assert_eq!(s.shop.time_zone, "Europe/London");
        assert_eq!(s.shop.low_stock, base.low_stock);
        assert_eq!(s.shop.commission_bps, 1250);
        assert_eq!(s.shop.currency, base.currency);
        let none = overlay(&base, &[row(keys::TIME_ZONE, "Mars/Olympus")]);
        assert_eq!(none.shop.time_zone, base.time_zone);
        assert_eq!(none.store.name, "Bazaar");
    }
}
