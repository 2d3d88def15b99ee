//! `bazaar analytics-bench`: a generated history (by default a million
//! orders of 2.5 lines over two years, 50 shops, 100,000 customers; some
//! cancelled, some partly refunded) on whatever database
//! `BAZAAR_DATABASE_URL` names, then the rollups rebuilt from it (timed), the
//! dashboard report timed per range (p50/p95 of the server's own time), and
//! the ledger's cost per placed order. See `bench/analytics.sh`.

use std::time::Instant;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::db::bench as bench_sql;
use super::finance::Rates;
use super::ledger::{self, Sale, Units};
use super::{RangeQuery, ShopRef, service};
use crate::error::AppResult;
use crate::server::db::Db;
use crate::server::now_ms;
use crate::server::stats::p50_p95;

const DAY_MS: i64 = 86_400_000;
const PRODUCTS_PER_SHOP: usize = 40;
const CATEGORIES: usize = 5;
const CHUNK: usize = 500;

pub struct Args {
    pub orders: usize,
    pub shops: usize,
    pub customers: usize,
    pub days: i64,
    pub runs: usize,
    /// Made-up visitors a day (about 3.2 hits each), over the same days.
    pub visitors: usize,
    /// Keep the history already generated in this database.
    pub reuse: bool,
}

/// Run the whole benchmark, printing as it goes.
pub async fn run(db: &Db, a: &Args) -> AppResult<()> {
    let kept = db.scalar::<i64>(&bench_sql::generated()).await?;
    if a.reuse && kept > 0 {
        println!("kept the {kept} orders generated before");
    } else {
        let t = Instant::now();
        generate(db, a).await?;
        println!("generated {} orders in {:.1} s", a.orders, t.elapsed().as_secs_f64());
        let t = Instant::now();
        let zone = ledger::zone(&mut db.conn().await?).await?;
        let hits = crate::traffic::seed::generate(db, &zone, a.days, a.visitors, 2026).await?;
        println!("generated {hits} traffic events in {:.1} s", t.elapsed().as_secs_f64());
    }
    let t = Instant::now();
    let days = service::rebuild_all(db).await?;
    println!("rollups rebuilt ({days} days) in {:.1} s", t.elapsed().as_secs_f64());
    println!();
    println!("{:<40} {:>9} {:>9}", "report (server time)", "p50 ms", "p95 ms");
    let one = ShopRef { id: "bench-shop-0".into(), name: "Bench shop 0".into() };
    let rates = Rates { card_fee_bps: 290, card_fee_fixed: 30, commission_bps: 1000 };
    for view in ["sales", "customers", "inventory", "finance", "traffic"] {
        for range in ["today", "7d", "30d", "90d", "year", "365d"] {
            if view == "inventory" && range != "30d" {
                continue; // stock is a snapshot; the range only picks best sellers
            }
            for shop in [None, Some(one.clone())] {
                if view == "traffic" && shop.is_some() {
                    continue; // the whole site's (a shop's funnel is in its sales)
                }
                let q = match range {
                    "365d" => RangeQuery { range: "custom".into(), ..custom_year() },
                    r => RangeQuery { range: r.into(), ..RangeQuery::default() },
                };
                let mut c = db.conn().await?;
                let r = service::resolve(&q, ledger::zone(&mut c).await?.today())?;
                let mut ms = Vec::with_capacity(a.runs);
                for _ in 0..a.runs {
                    let t = Instant::now();
                    let s = shop.clone();
                    match view {
                        "sales" => drop(service::sales(&mut c, &r, s, "USD").await?),
                        "customers" => drop(service::customers::report(&mut c, &r, s, "USD").await?),
                        "inventory" => drop(service::inventory::report(&mut c, &r, s, "USD", 5).await?),
                        "traffic" => drop(crate::traffic::service::report(&mut c, &r).await?),
                        _ => drop(service::finance::report(&mut c, &r, s, "USD", rates).await?),
                    }
                    ms.push(t.elapsed().as_secs_f64() * 1000.0);
                }
                let (p50, p95) = p50_p95(ms);
                let label =
                    format!("{view}, {range}, {}", if shop.is_some() { "one shop" } else { "all shops" });
                println!("{label:<40} {p50:>9.1} {p95:>9.1}");
            }
        }
    }
    ledger_cost(db, a.runs.max(200)).await
}

fn custom_year() -> RangeQuery {
    let today = crate::dates::civil(now_ms());
    let last = format!("{:04}-{:02}-{:02}", today.0, today.1, today.2);
    let first = crate::dates::civil(now_ms() - 364 * DAY_MS);
    RangeQuery {
        from: format!("{:04}-{:02}-{:02}", first.0, first.1, first.2),
        to: last,
        ..RangeQuery::default()
    }
}

/// What the rollups add to placing an order: a 2.5-line sale queued in its
/// own transaction, `n` times; then the applier's time for them (off the
/// order's path); then the same sales applied inside their own
/// transactions, as before the queue; and a bare transaction beside them.
async fn ledger_cost(db: &Db, n: usize) -> AppResult<()> {
    let queued = timed(n, async |i| db.write(async |tx| Ok(sale(tx, i).await?)).await).await?;
    let t = Instant::now();
    super::queue::settle(db).await?;
    let applied = t.elapsed().as_secs_f64() * 1000.0 / n as f64;
    let inline = timed(n, async |i| {
        db.write(async |tx| {
            sale(tx, i).await?;
            Ok(super::queue::drain(tx).await?)
        })
        .await
    })
    .await?;
    // One trivial write: what a transaction costs without the ledger.
    let bare =
        timed(n, async |_| db.write(async |tx| Ok(tx.exec(&bench_sql::touch()).await.map(drop)?)).await)
            .await?;
    println!();
    println!("per placed order, in its own transaction (p50 / p95 ms):");
    println!("  a bare transaction (one trivial write)   {:.2} / {:.2}", bare.0, bare.1);
    println!("  the sale queued (what placing pays)      {:.2} / {:.2}", queued.0, queued.1);
    println!("  the sale applied in the same transaction {:.2} / {:.2}", inline.0, inline.1);
    println!("the applier, {n} queued sales in batches: {applied:.3} ms a sale");
    Ok(())
}

/// p50 and p95 of `n` runs of `work`, ms.
async fn timed(n: usize, work: impl AsyncFn(usize) -> AppResult<()>) -> AppResult<(f64, f64)> {
    let mut ms = Vec::with_capacity(n);
    for i in 0..n {
        let t = Instant::now();
        work(i).await?;
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(p50_p95(ms))
}

/// A generated 2.5-line card sale placed and paid now (the `i`th).
async fn sale(tx: &mut crate::server::db::Tx, i: usize) -> Result<(), sqlx::Error> {
    let now = now_ms();
    let placed = ledger::placed("bench-shop-0", now, "processing");
    let sale = Sale {
        order_id: "bench-order".into(),
        shop_id: "bench-shop-0".into(),
        card: true,
        user_id: format!("bench-customer-{}", i % 1000),
        money: super::db::SaleMoney { gross: 3495, subtotal: 3000, discount: 0, shipping: 495, tax: 0 },
        lines: [i % 40, (i + 7) % 40]
            .iter()
            .map(|p| Units {
                line_id: String::new(),
                product_id: format!("bench-p-0-{p}"),
                units: 1,
                revenue: 1500,
            })
            .collect(),
    };
    ledger::record(tx, &[placed, ledger::sold(sale, now)]).await
}

/// Write the generated history in chunks, one transaction each.
async fn generate(db: &Db, a: &Args) -> AppResult<()> {
    let now = now_ms();
    let [people, shops] = bench_sql::shops(a.shops, now);
    let catalog = bench_sql::catalog(a.shops, PRODUCTS_PER_SHOP, CATEGORIES, now);
    db.write(async |tx| {
        tx.exec(&people).await?;
        tx.exec(&shops).await?;
        for q in &catalog {
            tx.exec(q).await?;
        }
        Ok(())
    })
    .await?;
    for start in (0..a.customers).step_by(CHUNK) {
        let q = bench_sql::customers(start..(start + CHUNK).min(a.customers), now);
        db.write(async |tx| Ok(tx.exec(&q).await?)).await?;
    }
    let mut rng = StdRng::seed_from_u64(2026);
    for start in (0..a.orders).step_by(CHUNK) {
        let batch: Vec<GenOrder> =
            (start..(start + CHUNK).min(a.orders)).map(|i| GenOrder::new(&mut rng, i, a, now)).collect();
        let statements = bench_sql::statements(&batch);
        db.write(async |tx| {
            for q in &statements {
                tx.exec(q).await?;
            }
            Ok(())
        })
        .await?;
    }
    Ok(())
}

/// A generated product's price, minor units.
pub fn price(p: usize) -> i64 {
    500 + (p as i64 * 237) % 9500
}

/// One generated order with its lines.
pub struct GenOrder {
    pub id: String,
    pub user: String,
    pub shop: String,
    pub status: &'static str,
    pub at: i64,
    /// (product, unit price, quantity, refunded)
    pub lines: Vec<(String, i64, i64, i64)>,
    pub shipping: i64,
}

impl GenOrder {
    fn new(rng: &mut StdRng, i: usize, a: &Args, now: i64) -> Self {
        let shop = rng.random_range(0..a.shops);
        let at = now - rng.random_range(0..a.days * DAY_MS);
        let n = match rng.random_range(0..4) {
            0 => 1,
            1 | 2 => rng.random_range(2..=3),
            _ => 4,
        };
        let lines: Vec<(String, i64, i64, i64)> = (0..n)
            .map(|_| {
                let p = rng.random_range(0..PRODUCTS_PER_SHOP);
                (format!("bench-p-{shop}-{p}"), price(p), rng.random_range(1..=2), 0)
            })
            .collect();
        let roll = rng.random_range(0..100);
        let status = match roll {
            0..5 => "cancelled",
            5..8 => "partially_refunded",
            8..10 => "processing",
            _ => "delivered",
        };
        let mut order = GenOrder {
            id: format!("bench-order-{i}"),
            user: format!("bench-customer-{}", rng.random_range(0..a.customers)),
            shop: format!("bench-shop-{shop}"),
            status,
            at,
            lines,
            shipping: if rng.random_bool(0.5) { 495 } else { 0 },
        };
        if status == "partially_refunded" {
            order.lines[0].3 = 1;
        }
        order
    }

    pub fn subtotal(&self) -> i64 {
        self.lines.iter().map(|(_, price, q, _)| price * q).sum()
    }

    pub fn total(&self) -> i64 {
        self.subtotal() + self.shipping
    }

    /// What the partial refund paid back (the first line's one unit).
    pub fn refunded(&self) -> i64 {
        self.lines.first().map_or(0, |(_, price, _, back)| price * back)
    }
}
