//! The SQL that writes `analytics-bench`'s generated history: its shop
//! owners and shops, customers, and each chunk of orders as four multi-row
//! inserts (checkouts, orders, lines, refunds).

use crate::analytics::bench::GenOrder;
use crate::server::db::Query;

/// `n` shop owners and their verified shops (`bench-owner-{s}`, `bench-shop-{s}`).
pub fn shops(n: usize, now: i64) -> [Query; 2] {
    let mut people = Query::new(
        "INSERT INTO users (id, email, password_hash, full_name, role, created_at, updated_at) VALUES ",
    );
    let mut shops = Query::new(
        "INSERT INTO sellers (id, user_id, slug, shop_name, status, created_at, updated_at) VALUES ",
    );
    for s in 0..n {
        let sep = if s == 0 { "(" } else { ", (" };
        people
            .push(sep)
            .push_bind(format!("bench-owner-{s}"))
            .push(", ")
            .push_bind(format!("owner{s}@bench.example"));
        people.push(", 'x', 'Owner', 'seller', ").push_bind(now).push(", ").push_bind(now).push(")");
        shops.push(sep).push_bind(format!("bench-shop-{s}")).push(", ").push_bind(format!("bench-owner-{s}"));
        shops.push(", ").push_bind(format!("bench-shop-{s}")).push(", ").push_bind(format!("Bench shop {s}"));
        shops.push(", 'verified', ").push_bind(now).push(", ").push_bind(now).push(")");
    }
    [people, shops]
}

/// Categories bench `bench-cat-{k}`, and each shop's products
/// `bench-p-{shop}-{p}` with one variant each, a cost of two fifths of the
/// price and some stock (one statement a table, a shop at a time).
pub fn catalog(shops: usize, per_shop: usize, categories: usize, now: i64) -> Vec<Query> {
    let mut out = Vec::new();
    let mut cats =
        Query::new("INSERT INTO categories (id, slug, name, vertical, position, created_at) VALUES ");
    for k in 0..categories {
        cats.push(if k == 0 { "(" } else { ", (" }).push_bind(format!("bench-cat-{k}")).push(", ");
        cats.push_bind(format!("bench-cat-{k}")).push(", ").push_bind(format!("Bench category {k}"));
        cats.push(", 'general', ").push_bind(k as i64).push(", ").push_bind(now).push(")");
    }
    out.push(cats);
    for s in 0..shops {
        let mut products = Query::new(
            "INSERT INTO products (id, seller_id, category_id, slug, title, price_minor, cost_minor, status, \
             created_at, updated_at) VALUES ",
        );
        let mut variants = Query::new(
            "INSERT INTO product_variants (id, product_id, sku, title, option_values, price_minor, stock, position) VALUES ",
        );
        for p in 0..per_shop {
            let (id, price) = (format!("bench-p-{s}-{p}"), crate::analytics::bench::price(p));
            let sep = if p == 0 { "(" } else { ", (" };
            products
                .push(sep)
                .push_bind(id.clone())
                .push(", ")
                .push_bind(format!("bench-shop-{s}"))
                .push(", ");
            products.push_bind(format!("bench-cat-{}", p % categories)).push(", ").push_bind(id.clone());
            products.push(", ").push_bind(format!("Bench product {s}-{p}")).push(", ").push_bind(price);
            products.push(", ").push_bind(price * 2 / 5).push(", 'active', ").push_bind(now - 800 * DAY_MS);
            products.push(", ").push_bind(now).push(")");
            variants.push(sep).push_bind(format!("{id}-v")).push(", ").push_bind(id.clone()).push(", ");
            variants.push_bind(format!("SKU-{id}")).push(", 'Default', '[]', ").push_bind(price).push(", ");
            variants.push_bind(((s * 7 + p * 13) % 60) as i64).push(", 0)");
        }
        out.push(products);
        out.push(variants);
    }
    out
}

/// A write that changes nothing: a transaction's own cost, for comparison.
pub fn touch() -> Query {
    Query::new("UPDATE analytics_zone SET time_zone = time_zone WHERE id = 1")
}

/// Orders generated before.
pub fn generated() -> Query {
    Query::new("SELECT COUNT(*) FROM orders WHERE id LIKE 'bench-order-%'")
}

/// Customers `bench-customer-{i}` for `i` in `range`.
pub fn customers(range: std::ops::Range<usize>, now: i64) -> Query {
    let mut q = Query::new(
        "INSERT INTO users (id, email, password_hash, full_name, role, created_at, updated_at) VALUES ",
    );
    let start = range.start;
    for i in range {
        q.push(if i == start { "(" } else { ", (" }).push_bind(format!("bench-customer-{i}"));
        q.push(", ").push_bind(format!("c{i}@bench.example")).push(", 'x', 'Customer', 'customer', ");
        q.push_bind(now).push(", ").push_bind(now).push(")");
    }
    q
}

const DAY_MS: i64 = 86_400_000;

pub fn statements(batch: &[GenOrder]) -> Vec<Query> {
    let mut checkouts = Query::new(
        "INSERT INTO checkouts (id, user_id, idempotency_key, payment_method, payment_status, currency, \
         subtotal_minor, shipping_minor, tax_minor, discount_minor, total_minor, created_at, updated_at) VALUES ",
    );
    let mut orders = Query::new(
        "INSERT INTO orders (id, number, checkout_id, user_id, shop_id, status, payment_method, currency, \
         subtotal_minor, shipping_minor, tax_minor, discount_minor, total_minor, refunded_minor, ship_name, ship_line1, \
         ship_city, ship_postal_code, ship_country, created_at, updated_at, sold_at) VALUES ",
    );
    let mut lines = Query::new(
        "INSERT INTO order_lines (id, order_id, product_id, variant_id, shop_id, title, variant_title, sku, \
         unit_price_minor, quantity, line_total_minor, refunded_quantity) VALUES ",
    );
    let mut refunds = Query::new(
        "INSERT INTO refunds (id, checkout_id, order_id, amount_minor, currency, method, status, actor, \
         next_attempt_at, created_at, updated_at) VALUES ",
    );
    let (mut n_lines, mut n_refunds) = (0, 0);
    for (i, o) in batch.iter().enumerate() {
        let sep = if i == 0 { "(" } else { ", (" };
        checkouts.push(sep).push_bind(o.id.as_str()).push(", ").push_bind(o.user.as_str()).push(", ");
        checkouts.push_bind(o.id.as_str()).push(", 'cash_on_delivery', 'due_on_delivery', 'USD', ");
        checkouts
            .push_bind(o.subtotal())
            .push(", ")
            .push_bind(o.shipping)
            .push(", 0, 0, ")
            .push_bind(o.total());
        checkouts.push(", ").push_bind(o.at).push(", ").push_bind(o.at).push(")");

        orders.push(sep).push_bind(o.id.as_str()).push(", ").push_bind(o.id.as_str()).push(", ");
        orders
            .push_bind(o.id.as_str())
            .push(", ")
            .push_bind(o.user.as_str())
            .push(", ")
            .push_bind(o.shop.as_str());
        orders.push(", ").push_bind(o.status).push(", 'cash_on_delivery', 'USD', ").push_bind(o.subtotal());
        orders
            .push(", ")
            .push_bind(o.shipping)
            .push(", 0, 0, ")
            .push_bind(o.total())
            .push(", ")
            .push_bind(o.refunded());
        orders
            .push(", 'Bench', '1 Load Lane', 'Bath', 'BA1 1AA', 'GB', ")
            .push_bind(o.at)
            .push(", ")
            .push_bind(o.at);
        orders.push(", ").push_bind(o.at).push(")");

        for (k, (product, price, quantity, back)) in o.lines.iter().enumerate() {
            lines.push(if n_lines == 0 { "(" } else { ", (" });
            n_lines += 1;
            lines.push_bind(format!("{}-{k}", o.id)).push(", ").push_bind(o.id.as_str()).push(", ");
            lines
                .push_bind(product.as_str())
                .push(", ")
                .push_bind(product.as_str())
                .push(", ")
                .push_bind(o.shop.as_str());
            lines.push(", 'Bench product', '', 'SKU', ").push_bind(*price).push(", ").push_bind(*quantity);
            lines.push(", ").push_bind(price * quantity).push(", ").push_bind(*back).push(")");
        }
        if o.refunded() > 0 {
            refunds.push(if n_refunds == 0 { "(" } else { ", (" });
            n_refunds += 1;
            let at = o.at + 3 * DAY_MS;
            refunds.push_bind(format!("{}-r", o.id)).push(", ").push_bind(o.id.as_str()).push(", ");
            refunds.push_bind(o.id.as_str()).push(", ").push_bind(o.refunded());
            refunds.push(", 'USD', 'cash_on_delivery', 'succeeded', 'Bench', ").push_bind(at).push(", ");
            refunds.push_bind(at).push(", ").push_bind(at).push(")");
        }
    }
    let mut out = vec![checkouts, orders];
    if n_lines > 0 {
        out.push(lines);
    }
    if n_refunds > 0 {
        out.push(refunds);
    }
    out
}
