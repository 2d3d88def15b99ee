//! The demo shop's order history, generated (seed 2026, so every run is the
//! same): 300 shoppers with beauty profiles, 2–6 delivered checkouts each
//! over the last six months, and verified reviews of some of what they
//! bought. Like real shoppers they mostly buy what suits their skin — a
//! routine around one active ingredient that treats their concerns — and
//! now and then flowers as a gift; they rate what suits them higher. This
//! gives "bought together", ratings by skin type and the offline
//! evaluation (`bench/recs.sh`) something true to learn from. Demo only:
//! `serve --demo` adds it to the demo shop; the shoppers cannot sign in.

use std::collections::HashMap;

use rand::rngs::StdRng;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};

use super::db::history::{self as db, Buyable, HistoryOrder};
use super::model::{DAY_MS, Item, profile_fit};
use super::service;
use crate::accounts::password::Passwords;
use crate::accounts::{SKIN_CONCERNS, SKIN_TYPES};
use crate::error::AppResult;
use crate::server::db::Db;
use crate::server::{new_id, now_ms};

/// Generated shoppers' addresses end with this.
pub const EMAIL_DOMAIN: &str = "@shoppers.bazaar.test";
pub const SHOPPERS: usize = 300;

const FIRST: [&str; 20] = [
    "Ada", "Bea", "Cleo", "Dara", "Eli", "Farah", "Gus", "Hana", "Ines", "Jae", "Kofi", "Lena", "Milo",
    "Nia", "Omar", "Pia", "Quinn", "Rosa", "Sami", "Tess",
];
const LAST: [&str; 15] = [
    "Abara", "Berg", "Castillo", "Dube", "Eriksen", "Fontaine", "Gupta", "Haddad", "Ito", "Jensen",
    "Kowalski", "Laurent", "Moreau", "Nakamura", "Osei",
];

/// Add the history to the demo shop once (nothing if its shoppers exist).
/// Returns the checkouts written.
pub async fn seed(db: &Db, passwords: &Passwords) -> AppResult<usize> {
    if db::any_shopper(&mut db.conn().await?, EMAIL_DOMAIN).await? {
        return Ok(0);
    }
    // One hash of a password nobody is told: the shoppers cannot sign in.
    let secret = format!("{}{}", new_id(), new_id());
    let hash = passwords.hash(secret).await?;
    let buyables = db::buyables(&mut db.conn().await?).await?;
    let snap = service::build(&mut db.conn().await?, &Default::default(), now_ms()).await?;
    let items: HashMap<&str, &Item> = snap.items.iter().map(|i| (i.id.as_str(), i)).collect();
    let goods: Vec<(&Buyable, &Item)> =
        buyables.iter().filter_map(|b| Some((b, *items.get(b.product_id.as_str())?))).collect();
    let mut rng = StdRng::seed_from_u64(2026);
    let now = now_ms();
    let mut checkouts = 0;
    let mut order_no = 0;
    db.write(async |tx| {
        db::give_costs(tx).await?;
        for n in 0..SHOPPERS {
            let skin = SKIN_TYPES[1 + rng.random_range(0..SKIN_TYPES.len() - 1)].0;
            let mut codes: Vec<&str> = SKIN_CONCERNS.iter().map(|(c, _)| *c).collect();
            codes.shuffle(&mut rng);
            codes.truncate(rng.random_range(1..=2));
            let profile =
                service::profile_of(skin, &codes.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>());
            let user = new_id();
            let name = format!("{} {}", FIRST[n % FIRST.len()], LAST[(n / FIRST.len()) % LAST.len()]);
            let email = format!("shopper{:03}{EMAIL_DOMAIN}", n + 1);
            let joined = now - 200 * DAY_MS;
            let concerns_json = serde_json::to_string(&codes).unwrap_or_else(|_| "[]".into());
            let shopper = db::Shopper {
                id: &user,
                email: &email,
                name: &name,
                password_hash: &hash,
                skin_type: skin,
                concerns_json: &concerns_json,
                at: joined,
                // Two in three said yes to news: the demo's campaigns have an audience.
                news: n % 3 != 0,
            };
            db::insert_shopper(tx, &shopper).await?;
            // Their routine: the active ingredient that best treats their concerns.
            let suits: Vec<&(&Buyable, &Item)> = goods
                .iter()
                .filter(|(_, i)| i.vertical == "beauty" && profile_fit(&profile, i) >= 0.5)
                .collect();
            let active = suits.choose(&mut rng).map(|(_, i)| active_of(&i.title));
            let mut days: Vec<i64> = (0..rng.random_range(2..=6)).map(|_| rng.random_range(1..180)).collect();
            days.sort_unstable_by(|a, b| b.cmp(a));
            let mut reviewed: Vec<&str> = Vec::new();
            for day in days {
                let at = now - day * DAY_MS - rng.random_range(0..DAY_MS);
                let basket = basket(&mut rng, &goods, &suits, active.as_deref());
                if basket.is_empty() {
                    continue;
                }
                let checkout = new_id();
                let total: i64 = basket.iter().map(|(b, _)| b.price_minor).sum();
                db::insert_checkout(tx, &checkout, &user, total, at).await?;
                checkouts += 1;
                let mut by_shop: HashMap<&str, Vec<&(&Buyable, &Item)>> = HashMap::new();
                for g in &basket {
                    by_shop.entry(g.0.seller_id.as_str()).or_default().push(g);
                }
                let mut shops: Vec<_> = by_shop.into_iter().collect();
                shops.sort_by(|a, b| a.0.cmp(b.0));
                for (shop, lines) in shops {
                    order_no += 1;
                    let order = new_id();
                    let number = format!("H{order_no:06}");
                    let total: i64 = lines.iter().map(|(b, _)| b.price_minor).sum();
                    let o = HistoryOrder {
                        id: &order,
                        number: &number,
                        checkout_id: &checkout,
                        user_id: &user,
                        shop_id: shop,
                        name: &name,
                        total,
                        at,
                    };
                    db::insert_order(tx, &o).await?;
                    for (b, item) in lines {
                        db::insert_line(tx, &new_id(), &order, b, 1).await?;
                        if !reviewed.contains(&b.product_id.as_str()) && rng.random_bool(0.4) {
                            reviewed.push(&b.product_id);
                            let rating =
                                rating(&mut rng, profile_fit(&profile, item), item.vertical == "beauty");
                            review(tx, &b.product_id, &user, rating, (at + 10 * DAY_MS).min(now)).await?;
                        }
                    }
                }
            }
        }
        // Written straight to the tables: the sales figures are built from them.
        let zone = crate::analytics::ledger::zone(tx).await?;
        crate::analytics::rebuild::everything(tx, &zone).await?;
        Ok(())
    })
    .await?;
    Ok(checkouts)
}

/// 1–3 products: mostly a routine around their active ingredient, or
/// anything that suits them; sometimes flowers as a gift.
fn basket<'a>(
    rng: &mut StdRng,
    goods: &'a [(&'a Buyable, &'a Item)],
    suits: &[&'a (&'a Buyable, &'a Item)],
    active: Option<&str>,
) -> Vec<&'a (&'a Buyable, &'a Item)> {
    let size = rng.random_range(1..=3);
    let mut out: Vec<&(&Buyable, &Item)> = Vec::new();
    for _ in 0..size * 4 {
        if out.len() >= size {
            break;
        }
        let roll: f64 = rng.random();
        let pick = if roll < 0.55 {
            let routine: Vec<&&(&Buyable, &Item)> =
                suits.iter().filter(|(_, i)| active.is_some_and(|a| i.title.contains(a))).collect();
            routine.choose(rng).map(|g| **g)
        } else if roll < 0.8 {
            suits.choose(rng).copied()
        } else {
            let florals: Vec<&(&Buyable, &Item)> =
                goods.iter().filter(|(_, i)| i.vertical == "florals").collect();
            florals.choose(rng).copied()
        };
        if let Some(g) = pick
            && !out.iter().any(|o| o.0.product_id == g.0.product_id)
            && !out.iter().any(|o| o.1.category == g.1.category && g.1.vertical == "beauty")
        {
            out.push(g);
        }
    }
    out
}

/// "Calming Centella Serum" → "Centella" (the second word names the active;
/// two-word actives keep both: "Hyaluronic Acid").
fn active_of(title: &str) -> String {
    let words: Vec<&str> = title.split_whitespace().collect();
    match words.as_slice() {
        [_, a, b, ..] if matches!(*b, "Acid" | "C" | "Tea" | "Oat") => format!("{a} {b}"),
        [_, a, ..] => (*a).to_owned(),
        _ => title.to_owned(),
    }
}

/// Stars: what suits them is rated higher.
fn rating(rng: &mut StdRng, fit: f32, beauty: bool) -> i64 {
    let r: f64 = rng.random();
    match (beauty, fit) {
        (true, f) if f >= 0.75 => {
            if r < 0.65 {
                5
            } else if r < 0.92 {
                4
            } else {
                3
            }
        }
        (true, f) if f >= 0.5 => {
            if r < 0.35 {
                5
            } else if r < 0.75 {
                4
            } else {
                3
            }
        }
        (true, _) => {
            if r < 0.15 {
                4
            } else if r < 0.6 {
                3
            } else {
                2
            }
        }
        (false, _) => {
            if r < 0.5 {
                5
            } else if r < 0.85 {
                4
            } else {
                3
            }
        }
    }
}

async fn review(
    tx: &mut crate::server::db::Tx,
    product: &str,
    user: &str,
    rating: i64,
    at: i64,
) -> AppResult<()> {
    let id = new_id();
    let (title, body) = match rating {
        5 => ("Exactly what I hoped", "Lovely to use and it does what it says. I will buy it again."),
        4 => ("Really good", "Works well for me; I would buy it again."),
        3 => ("It's fine", "Does the job, nothing special for me."),
        _ => ("Not for me", "It did not suit me, sadly."),
    };
    let r = crate::reviews::db::NewReview {
        id: &id,
        product_id: product,
        user_id: user,
        rating,
        title,
        body,
        verified_purchase: true,
        now: at,
    };
    crate::reviews::db::insert(tx, &r).await?;
    crate::reviews::db::adjust_ratings(tx, product, rating, 1).await?;
    Ok(())
}
