//! Folding a batch of queued changes into the rollups, inside the
//! applier's transaction. What only adds up (sales, products, categories,
//! channels, promo codes, statuses) is summed over the batch in memory and
//! written once a row (`Sums`); each customer's days are linked change by
//! change, in the order the changes were made, with their counters taken
//! out before and put back after. The order facts the figures need (each
//! line's category, channel and unit cost, the promo code, the buyer's skin
//! type) are read once for the whole batch.

use std::collections::{BTreeMap, BTreeSet};

use super::db::breakdowns::{self, LineFact};
use super::db::{self, Added, customers};
use super::ledger::{CHANNEL, Change, Sale, Units};
use super::zone::Zone;
use crate::server::db::{Conn, Tx};

/// A rollup row's key: (shop, day, third key column).
type Key = (String, String, String);

/// The batch's additive changes, one entry a rollup row.
#[derive(Default)]
struct Sums {
    /// (shop, day) → orders, gross, subtotal, discount, shipping, tax,
    /// card orders, card gross, refunds, refunded.
    sales: BTreeMap<(String, String), [i64; 10]>,
    /// → units, revenue, cost.
    products: BTreeMap<Key, [i64; 3]>,
    categories: BTreeMap<Key, [i64; 3]>,
    /// → units, revenue.
    channels: BTreeMap<Key, [i64; 2]>,
    /// → orders, discount, gross.
    promos: BTreeMap<Key, [i64; 3]>,
    /// → orders.
    statuses: BTreeMap<Key, [i64; 1]>,
}

fn add<const N: usize, K: Ord>(map: &mut BTreeMap<K, [i64; N]>, key: K, amounts: [i64; N]) {
    let row = map.entry(key).or_insert([0; N]);
    for (a, b) in row.iter_mut().zip(amounts) {
        *a += b;
    }
}

fn key(shop: &str, day: &str, third: &str) -> Key {
    (shop.to_owned(), day.to_owned(), third.to_owned())
}

/// What the batch's orders and buyers bring, read once.
struct Facts {
    /// By line id.
    lines: BTreeMap<String, LineFact>,
    promos: BTreeMap<String, String>,
    skins: BTreeMap<String, String>,
}

impl Sums {
    /// A sale's money, lines and promo code into (`sign` 1) or out of (-1) its day.
    fn sale(&mut self, f: &Facts, sale: &Sale, day: &str, sign: i64) {
        let m = &sale.money;
        let card = i64::from(sale.card);
        let money = [1, m.gross, m.subtotal, m.discount, m.shipping, m.tax, card, card * m.gross, 0, 0];
        add(&mut self.sales, (sale.shop_id.clone(), day.to_owned()), money.map(|v| sign * v));
        self.lines(f, (&sale.shop_id, day), &sale.lines, sign);
        if let Some(code) = f.promos.get(&sale.order_id) {
            add(&mut self.promos, key(&sale.shop_id, day, code), [sign, sign * m.discount, sign * m.gross]);
        }
    }

    /// Lines' units into (`sign` 1) or out of (-1) the day's product,
    /// category and channel rows.
    fn lines(&mut self, f: &Facts, (shop, day): (&str, &str), lines: &[Units], sign: i64) {
        for l in lines {
            let fact = f.lines.get(&l.line_id);
            let (units, revenue) = (sign * l.units, sign * l.revenue);
            let cost = fact.map_or(0, |x| x.unit_cost) * units;
            add(&mut self.products, key(shop, day, &l.product_id), [units, revenue, cost]);
            let category = fact.map_or("", |x| x.category_id.as_str());
            add(&mut self.categories, key(shop, day, category), [units, revenue, cost]);
            let channel = fact.map_or("storefront", |x| x.channel.as_str());
            add(&mut self.channels, key(shop, day, channel), [units, revenue]);
        }
    }

    /// Write every row, a multi-row upsert a table.
    async fn write(self, c: &mut Conn) -> Result<(), sqlx::Error> {
        // Rows that net to nothing are left alone (not created at zero).
        fn rows<const N: usize>(map: &BTreeMap<Key, [i64; N]>) -> Vec<Added> {
            map.iter()
                .filter(|(_, v)| v.iter().any(|x| *x != 0))
                .map(|((a, b, c), v)| (vec![a.clone(), b.clone(), c.clone()], v.to_vec()))
                .collect()
        }
        let sales: Vec<Added> = self
            .sales
            .iter()
            .filter(|(_, v)| v.iter().any(|x| *x != 0))
            .map(|((shop, day), v)| (vec![shop.clone(), day.clone()], v.to_vec()))
            .collect();
        let sale_sums = [
            "orders",
            "gross_minor",
            "subtotal_minor",
            "discount_minor",
            "shipping_minor",
            "tax_minor",
            "card_orders",
            "card_gross_minor",
            "refunds",
            "refunds_minor",
        ];
        db::add_rows(c, "sales_days", &["shop_id", "day"], &sale_sums, &sales).await?;
        let money = ["units", "revenue_minor", "cost_minor"];
        db::add_rows(
            c,
            "product_sales_days",
            &["shop_id", "day", "product_id"],
            &money,
            &rows(&self.products),
        )
        .await?;
        let mut months: BTreeMap<Key, [i64; 3]> = BTreeMap::new();
        for ((shop, day, product), v) in &self.products {
            add(&mut months, key(shop, &day[..7.min(day.len())], product), *v);
        }
        db::add_rows(c, "product_sales_months", &["shop_id", "month", "product_id"], &money, &rows(&months))
            .await?;
        db::add_rows(c, "category_days", &["shop_id", "day", "category_id"], &money, &rows(&self.categories))
            .await?;
        let units = ["units", "revenue_minor"];
        db::add_rows(c, "channel_days", &["shop_id", "day", "channel"], &units, &rows(&self.channels))
            .await?;
        let promo = ["orders", "discount_minor", "gross_minor"];
        db::add_rows(c, "promo_days", &["shop_id", "day", "code"], &promo, &rows(&self.promos)).await?;
        db::add_rows(c, "status_days", &["shop_id", "day", "status"], &["orders"], &rows(&self.statuses))
            .await
    }
}

/// Apply `changes` (oldest first) and tell open dashboards which shops moved.
pub async fn all(tx: &mut Tx, zone: &Zone, changes: &[Change]) -> Result<(), sqlx::Error> {
    let mut orders = BTreeSet::new();
    let mut buyers = BTreeSet::new();
    for change in changes {
        match change {
            Change::Sold { sale, .. } | Change::Unsold { sale, .. } => {
                orders.insert(sale.order_id.clone());
                for scope in ["", sale.shop_id.as_str()] {
                    buyers.insert((scope.to_owned(), sale.user_id.clone()));
                }
            }
            Change::Refunded { order_id, .. } => {
                orders.insert(order_id.clone());
            }
            Change::Placed { .. } | Change::Moved { .. } => {}
        }
    }
    let orders: Vec<String> = orders.into_iter().collect();
    let users: Vec<String> =
        buyers.iter().map(|(_, u)| u.clone()).collect::<BTreeSet<_>>().into_iter().collect();
    let facts = Facts {
        lines: breakdowns::line_facts(tx, &orders).await?.into_iter().map(|l| (l.id.clone(), l)).collect(),
        promos: breakdowns::promos_of(tx, &orders).await?.into_iter().collect(),
        skins: customers::skin_types(tx, &users).await?.into_iter().collect(),
    };
    let mut sums = Sums::default();
    let mut shops = BTreeSet::new();
    customers::count(tx, Some(&buyers), -1).await?;
    for change in changes {
        if let Some(shop) = one(tx, zone, &facts, &mut sums, change).await? {
            shops.insert(shop);
        }
    }
    customers::count(tx, Some(&buyers), 1).await?;
    sums.write(tx).await?;
    for shop in shops {
        tx.notify(CHANNEL, shop).await?;
    }
    Ok(())
}

/// Apply one change; returns the shop whose sales figures it moved.
async fn one<'a>(
    c: &mut Conn,
    zone: &Zone,
    facts: &Facts,
    sums: &mut Sums,
    change: &'a Change,
) -> Result<Option<&'a str>, sqlx::Error> {
    match change {
        Change::Placed { shop, placed_at, status } => {
            add(&mut sums.statuses, key(shop, &zone.day_of(*placed_at), status), [1]);
            Ok(None)
        }
        Change::Moved { shop, placed_at, from, to } => {
            let day = zone.day_of(*placed_at);
            add(&mut sums.statuses, key(shop, &day, from), [-1]);
            add(&mut sums.statuses, key(shop, &day, to), [1]);
            Ok(None)
        }
        Change::Sold { sale, at } => {
            let day = zone.day_of(*at);
            sums.sale(facts, sale, &day, 1);
            let skin = facts.skins.get(&sale.user_id).map_or("", String::as_str);
            for scope in ["", sale.shop_id.as_str()] {
                db::first_sale(c, scope, &sale.user_id, &day).await?;
                customers::bought(c, scope, &sale.user_id, &day, sale.money.gross, skin).await?;
            }
            Ok(Some(&sale.shop_id))
        }
        Change::Unsold { sale, sold_at } => {
            // The order leaves the day it was sold on, and the customer's
            // first sale is found again.
            let day = zone.day_of(*sold_at);
            sums.sale(facts, sale, &day, -1);
            for scope in ["", sale.shop_id.as_str()] {
                customers::unbought(c, scope, &sale.user_id, &day, sale.money.gross).await?;
                let shop = (!scope.is_empty()).then_some(scope);
                let first = db::earliest_sale(c, &sale.user_id, shop).await?.map(|ms| zone.day_of(ms));
                db::reset_first(c, scope, &sale.user_id, first.as_deref()).await?;
            }
            Ok(Some(&sale.shop_id))
        }
        Change::Refunded { shop, amount, lines, sold_at, at, .. } => {
            let refund = [0, 0, 0, 0, 0, 0, 0, 0, 1, *amount];
            add(&mut sums.sales, (shop.clone(), zone.day_of(*at)), refund);
            sums.lines(facts, (shop, &zone.day_of(*sold_at)), lines, -1);
            Ok(Some(shop))
        }
    }
}
