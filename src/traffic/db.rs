//! Traffic SQL: raw events, the day rows, the steps already counted, the
//! top lists and the day's salt.

use super::tally::{Counts, Hit, Kind};
use crate::server::db::Conn;
use crate::sql;

/// The day's salt, if one was made.
pub async fn salt(c: &mut Conn, day: &str) -> Result<Option<String>, sqlx::Error> {
    c.scalar_opt(&sql!("SELECT salt FROM traffic_salts WHERE day = $1", day)).await
}

/// Offer a salt for the day; the first node's wins.
pub async fn offer_salt(c: &mut Conn, day: &str, salt: &str) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO traffic_salts (day, salt) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING",
        day,
        salt
    ))
    .await?;
    Ok(())
}

/// A product's or a shop's shop, by product slug, product id or shop slug.
pub async fn shop_of_product_slug(c: &mut Conn, slug: &str) -> Result<Option<String>, sqlx::Error> {
    c.scalar_opt(&sql!("SELECT seller_id FROM products WHERE slug = $1", slug)).await
}

pub async fn shop_of_product(c: &mut Conn, id: &str) -> Result<Option<String>, sqlx::Error> {
    c.scalar_opt(&sql!("SELECT seller_id FROM products WHERE id = $1", id)).await
}

pub async fn shop_of_slug(c: &mut Conn, slug: &str) -> Result<Option<String>, sqlx::Error> {
    c.scalar_opt(&sql!("SELECT id FROM sellers WHERE slug = $1", slug)).await
}

/// Every product on sale: (slug, id, shop).
pub async fn product_shops(c: &mut Conn) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    c.all(&sql!("SELECT slug, id, seller_id FROM products WHERE status = 'active' ORDER BY id")).await
}

/// Keep one raw event.
pub async fn insert_event(c: &mut Conn, id: &str, hit: &Hit, shop: Option<&str>) -> Result<(), sqlx::Error> {
    let (path, referrer, term) = match &hit.kind {
        Kind::Page { path, referrer } => (Some(path.as_str()), referrer.as_deref(), None),
        Kind::Cart { product_id } => (Some(product_id.as_str()), None, None),
        Kind::Search { term } => (None, None, Some(term.as_str())),
    };
    c.exec(&sql!(
        "INSERT INTO traffic_events (id, at, day, kind, visitor, shop_id, path, referrer, term) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        id,
        hit.at,
        hit.day.as_str(),
        hit.kind.name(),
        hit.visitor.as_str(),
        shop,
        path,
        referrer,
        term
    ))
    .await?;
    Ok(())
}

/// Mark a visitor as counted at a step today; false when already counted.
pub async fn first_step(
    c: &mut Conn,
    day: &str,
    shop: &str,
    step: &str,
    visitor: &str,
) -> Result<bool, sqlx::Error> {
    let n = c
        .exec(&sql!(
            "INSERT INTO traffic_seen (day, shop_id, step, visitor) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (day, shop_id, step, visitor) DO NOTHING",
            day,
            shop,
            step,
            visitor
        ))
        .await?;
    Ok(n == 1)
}

pub async fn add_day(c: &mut Conn, shop: &str, day: &str, n: &Counts) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO traffic_days (shop_id, day, page_views, visitors, product_views, viewers, cart_adds, carters, checkouts) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         ON CONFLICT (shop_id, day) DO UPDATE SET page_views = traffic_days.page_views + excluded.page_views, \
         visitors = traffic_days.visitors + excluded.visitors, \
         product_views = traffic_days.product_views + excluded.product_views, \
         viewers = traffic_days.viewers + excluded.viewers, \
         cart_adds = traffic_days.cart_adds + excluded.cart_adds, \
         carters = traffic_days.carters + excluded.carters, \
         checkouts = traffic_days.checkouts + excluded.checkouts",
        shop,
        day,
        n.page_views,
        n.visitors,
        n.product_views,
        n.viewers,
        n.cart_adds,
        n.carters,
        n.checkouts
    ))
    .await?;
    Ok(())
}

/// Add hits to a top list's day (`span` 'd') or month (`span` 'm') row.
pub async fn add_top(
    c: &mut Conn,
    dim: &str,
    span: &str,
    period: &str,
    name: &str,
    hits: i64,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO traffic_tops (dim, span, period, name, hits) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (dim, span, period, name) DO UPDATE SET hits = traffic_tops.hits + excluded.hits",
        dim,
        span,
        period,
        name,
        hits
    ))
    .await?;
    Ok(())
}

/// A span of days summed: (page views, visitors, product views, viewers,
/// cart adds, carters, checkouts).
pub type DayRow = (String, i64, i64, i64, i64, i64, i64, i64);

/// One shop's ('' the site's) day rows from `first` to `last`.
pub async fn days(c: &mut Conn, shop: &str, first: &str, last: &str) -> Result<Vec<DayRow>, sqlx::Error> {
    c.all(&sql!(
        "SELECT day, page_views, visitors, product_views, viewers, cart_adds, carters, checkouts \
         FROM traffic_days WHERE shop_id = $1 AND day >= $2 AND day <= $3 ORDER BY day",
        shop,
        first,
        last
    ))
    .await
}

/// The first `limit` names of a top list over whole months `m1..=m2` and
/// the loose days `d1..=d2` and `d3..=d4` at either end (empty spans match
/// nothing: pass a first after the last).
#[allow(clippy::too_many_arguments)]
pub async fn top(
    c: &mut Conn,
    dim: &str,
    months: (&str, &str),
    head: (&str, &str),
    tail: (&str, &str),
    limit: i64,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    c.all(&sql!(
        // Three index ranges in a UNION, not an OR (SQLite would read the
        // whole dimension for an OR).
        "SELECT name, CAST(SUM(hits) AS BIGINT) AS n FROM ( \
         SELECT name, hits FROM traffic_tops WHERE dim = $1 AND span = 'm' AND period >= $2 AND period <= $3 \
         UNION ALL SELECT name, hits FROM traffic_tops WHERE dim = $1 AND span = 'd' AND period >= $4 AND period <= $5 \
         UNION ALL SELECT name, hits FROM traffic_tops WHERE dim = $1 AND span = 'd' AND period >= $6 AND period <= $7) t \
         GROUP BY name ORDER BY n DESC, name LIMIT $8",
        dim,
        months.0,
        months.1,
        head.0,
        head.1,
        tail.0,
        tail.1,
        limit
    ))
    .await
}

/// Forget raw events before `before_ms`, and steps and salts of days
/// before `day`.
pub async fn sweep(c: &mut Conn, before_ms: i64, day: &str) -> Result<u64, sqlx::Error> {
    let events = c.exec(&sql!("DELETE FROM traffic_events WHERE at < $1", before_ms)).await?;
    c.exec(&sql!("DELETE FROM traffic_seen WHERE day < $1", day)).await?;
    c.exec(&sql!("DELETE FROM traffic_salts WHERE day < $1", day)).await?;
    Ok(events)
}
