//! `bazaar checkout-bench`: many buyers placing cash-on-delivery orders at
//! once through `service::place` (the same transaction the page and the API
//! run), on whatever database `BAZAAR_DATABASE_URL` names. Two runs: every
//! buyer after one hot product with little stock, then orders spread over
//! many products. Prints orders/s, placement latency and the oversold count.

use std::sync::Arc;
use std::time::Instant;

use super::service::{PlaceRequest, Policy, Request, place};
use super::{ItemRequest, PaymentMethod};
use crate::accounts::validate::AddressInput;
use crate::accounts::{Role, Viewer};
use crate::catalog::db::buying;
use crate::error::{AppError, AppResult};
use crate::server::db::Db;

/// Buyers with an address each (accounts nobody can sign in to).
async fn buyers(db: &Db, n: usize) -> AppResult<Vec<(Viewer, String)>> {
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let email = format!("bench-buyer-{i}-{}@example.com", crate::server::now_ms());
        let (viewer, address) = db
            .write(async |tx| {
                let id = crate::accounts::service::create_locked_account(
                    tx,
                    &email,
                    "Bench Buyer",
                    Role::Customer,
                )
                .await?;
                let input = AddressInput {
                    full_name: "Bench Buyer".into(),
                    phone: String::new(),
                    address_line1: "1 Load Lane".into(),
                    address_line2: String::new(),
                    city: "Bath".into(),
                    state: String::new(),
                    postal_code: "BA1 1AA".into(),
                    country: "GB".into(),
                    is_default: true,
                };
                let address = crate::accounts::service::add_address(tx, &id, input).await?;
                Ok((
                    Viewer {
                        id,
                        email: email.clone(),
                        full_name: "Bench Buyer".into(),
                        role: Role::Customer,
                        must_enrol: false,
                        areas: Default::default(),
                    },
                    address.id,
                ))
            })
            .await?;
        out.push((viewer, address));
    }
    Ok(out)
}

struct Outcome {
    placed: usize,
    refused: usize,
    failed: usize,
    seconds: f64,
    latencies_ms: Vec<f64>,
}

/// `attempts` placements, `concurrency` at a time, each for one unit of
/// `pick(i)`'s product.
async fn race(
    db: &Db,
    people: &Arc<Vec<(Viewer, String)>>,
    attempts: usize,
    concurrency: usize,
    pick: impl Fn(usize) -> String + Send + Sync + 'static,
    currency: &str,
) -> Outcome {
    let pick = Arc::new(pick);
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let policy = Policy { card_enabled: false, hold_ms: 0, low_stock: 5 };
    let started = Instant::now();
    let workers = (0..concurrency).map(|_| {
        let (db, people, pick, next, currency) =
            (db.clone(), people.clone(), pick.clone(), next.clone(), currency.to_owned());
        tokio::spawn(async move {
            let mut mine = (0, 0, 0, Vec::new());
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i >= attempts {
                    return mine;
                }
                let (viewer, address) = &people[i % people.len()];
                let req = PlaceRequest {
                    request: Request {
                        items: Some(vec![ItemRequest { product_id: pick(i), variant_id: None, quantity: 1 }]),
                        address_id: address.clone(),
                        promo_code: None,
                    },
                    payment_method: PaymentMethod::CashOnDelivery,
                    key: format!("bench-{i}"),
                };
                let t = Instant::now();
                match place(&db, viewer, &req, None, &currency, policy).await {
                    Ok(_) => mine.0 += 1,
                    Err(AppError::OutOfStock(_)) => mine.1 += 1,
                    Err(e) => {
                        tracing::warn!(error = %e, "placement failed");
                        mine.2 += 1;
                    }
                }
                mine.3.push(t.elapsed().as_secs_f64() * 1000.0);
            }
        })
    });
    let mut out = Outcome { placed: 0, refused: 0, failed: 0, seconds: 0.0, latencies_ms: Vec::new() };
    for w in workers.collect::<Vec<_>>() {
        if let Ok((p, r, f, l)) = w.await {
            (out.placed, out.refused, out.failed) = (out.placed + p, out.refused + r, out.failed + f);
            out.latencies_ms.extend(l);
        }
    }
    out.seconds = started.elapsed().as_secs_f64();
    out
}

fn report(label: &str, o: &mut Outcome, oversold: i64) {
    o.latencies_ms.sort_by(f64::total_cmp);
    println!(
        "{label:<34} {:>7} {:>8} {:>6} {:>8.0} {:>9.0} {:>8.2} {:>8.2} {:>9}",
        o.placed,
        o.refused,
        o.failed,
        (o.placed + o.refused + o.failed) as f64 / o.seconds,
        o.placed as f64 / o.seconds,
        crate::server::stats::percentile(&o.latencies_ms, 0.5),
        crate::server::stats::percentile(&o.latencies_ms, 0.99),
        oversold
    );
}

pub async fn run(
    db: &Db,
    buyers_n: usize,
    attempts: usize,
    stock: i64,
    concurrency: usize,
    currency: &str,
) -> AppResult<()> {
    let people = Arc::new(buyers(db, buyers_n.max(1)).await?);
    let pool = buying::single_variant_products(&mut db.conn().await?, 1_000).await?;
    let Some((hot, hot_variant)) = pool.first().cloned() else {
        return Err(AppError::NotFound("Products to buy (run `bazaar seed` first)".into()));
    };
    println!(
        "{:<34} {:>7} {:>8} {:>6} {:>8} {:>9} {:>8} {:>8} {:>9}",
        format!("{buyers_n} buyers, {concurrency} at once"),
        "placed",
        "sold out",
        "failed",
        "tries/s",
        "orders/s",
        "p50 ms",
        "p99 ms",
        "oversold"
    );

    // One hot product with `stock` units: exactly that many may sell.
    buying::set_stock(&mut db.conn().await?, std::slice::from_ref(&hot_variant), stock).await?;
    let hot_id = hot.clone();
    let mut o = race(db, &people, attempts, concurrency, move |_| hot_id.clone(), currency).await;
    let left = buying::stock_of(&mut db.conn().await?, &hot_variant).await?.unwrap_or_default();
    let oversold = (o.placed as i64 - stock).max(0);
    if left != stock - o.placed as i64 {
        println!("!! stock left {left} does not match {stock} - {} placed", o.placed);
    }
    report(&format!("hot product, stock {stock}"), &mut o, oversold);

    // Spread over the pool, with stock to spare.
    let ids: Vec<String> = pool.iter().map(|(p, _)| p.clone()).collect();
    let variants: Vec<String> = pool.iter().map(|(_, v)| v.clone()).collect();
    buying::set_stock(&mut db.conn().await?, &variants, 1_000_000).await?;
    let n = ids.len();
    let mut o =
        race(db, &people, attempts, concurrency, move |i| ids[(i * 7919) % n].clone(), currency).await;
    report(&format!("spread over {n} products"), &mut o, 0);
    // The analytics applier ran beside the placements; what it had left.
    let t = Instant::now();
    let left = crate::analytics::db::queue::len(&mut db.conn().await?).await?;
    crate::analytics::queue::settle(db).await?;
    println!(
        "analytics changes still queued at the end: {left}, applied in {:.0} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    Ok(())
}
