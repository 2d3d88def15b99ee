//! Pricing and placing a checkout. `quote` is the one function that prices
//! (page, REST preview and placement all call it); `place` is one
//! transaction: the person's row is locked (their checkouts run one at a
//! time, so an idempotency key is seen by the second submit), lines are
//! re-priced from the database, stock is taken with conditional updates,
//! the promo use is counted, and the checkout, one order per shop, their
//! lines and the outbox mail are written — or, on any failure, nothing.

use super::db::{self, CheckoutRow, NewCheckout};
use super::pricing::{self, share};
use super::{ItemRequest, PaymentMethod, Placed, PlacedOrder, Quote, QuoteLine, ShopQuote};
use crate::accounts::{Address, Viewer};
use crate::catalog::buying::{self, VariantLine};
use crate::error::{AppError, AppResult};
use crate::orders::{OrderStatus, ShipTo};
use crate::promos::service::{self as promos, Eligible};
use crate::server::db::{Conn, Db};
use crate::server::{new_id, now_ms};

/// What a checkout is asked for: items (or the cart), an address, a promo.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// `None`: the viewer's cart.
    pub items: Option<Vec<ItemRequest>>,
    pub address_id: String,
    pub promo_code: Option<String>,
}

/// Placing adds how to pay and the idempotency key (REST header or the
/// page's one-time token).
#[derive(Debug, Clone)]
pub struct PlaceRequest {
    pub request: Request,
    pub payment_method: PaymentMethod,
    pub key: String,
}

/// The items asked for, read fresh and merged by variant: the same variant
/// twice is one line, checked against stock once.
async fn wanted(c: &mut Conn, items: &[ItemRequest]) -> AppResult<Vec<(VariantLine, i64)>> {
    if items.is_empty() {
        return Err(AppError::field("items", "Your cart is empty."));
    }
    if items.len() as i64 > crate::cart::MAX_LINES {
        return Err(AppError::field("items", format!("At most {} items at once.", crate::cart::MAX_LINES)));
    }
    let mut merged: Vec<(VariantLine, i64)> = Vec::new();
    for item in items {
        let v = buying::pick_variant(c, &item.product_id, item.variant_id.as_deref()).await?;
        match merged.iter_mut().find(|(m, _)| m.variant_id == v.variant_id) {
            Some((_, quantity)) => *quantity += item.quantity,
            None => merged.push((v, item.quantity)),
        }
    }
    for (v, quantity) in &merged {
        if !(1..=crate::cart::MAX_PER_LINE).contains(quantity) {
            return Err(AppError::field(
                "items",
                format!("{}: choose 1 to {} per order.", v.full_title(), crate::cart::MAX_PER_LINE),
            ));
        }
    }
    Ok(merged)
}

/// Stock and sale checks, with the product's name in the message.
fn check_line(v: &VariantLine, quantity: i64, currency: &str) -> AppResult<()> {
    if !v.on_sale() || v.currency != currency {
        return Err(AppError::Conflict(format!("{} is no longer available.", v.full_title())));
    }
    match v.stock {
        0 => Err(AppError::OutOfStock(format!("{} is sold out.", v.full_title()))),
        n if n < quantity => Err(AppError::OutOfStock(format!("{}: only {n} left.", v.full_title()))),
        _ => Ok(()),
    }
}

/// Price these lines for delivery to `ship_to` with an optional promo code:
/// subtotal, shipping (per shop), discount (shared over the shops it
/// covers), tax (on goods after discount), total — integer minor units.
pub async fn quote(
    c: &mut Conn,
    lines: &[(VariantLine, i64)],
    ship_to: &Address,
    promo_code: Option<&str>,
    user_id: Option<&str>,
    currency: &str,
) -> AppResult<Quote> {
    for (v, quantity) in lines {
        check_line(v, *quantity, currency)?;
    }
    let applied = match promo_code.map(str::trim).filter(|c| !c.is_empty()) {
        Some(code) => {
            let eligible: Vec<Eligible<'_>> = lines
                .iter()
                .map(|(v, q)| Eligible {
                    shop_id: &v.shop_id,
                    category_id: &v.category_id,
                    category_parent: v.category_parent.as_deref(),
                    line_total: v.price_minor * q,
                })
                .collect();
            Some(promos::apply(c, code, user_id, &eligible, currency).await?)
        }
        None => None,
    };
    // Shops in the order their first line came.
    let mut shops: Vec<ShopQuote> = Vec::new();
    let mut eligible_by_shop: Vec<i64> = Vec::new();
    for (i, (v, quantity)) in lines.iter().enumerate() {
        let covered = applied.as_ref().is_some_and(|a| a.covers[i]);
        let line = QuoteLine {
            product_id: v.product_id.clone(),
            variant_id: v.variant_id.clone(),
            slug: v.slug.clone(),
            title: v.title.clone(),
            variant_title: v.variant_title.clone(),
            sku: v.sku.clone(),
            unit_price: v.price_minor,
            quantity: *quantity,
            line_total: v.price_minor * quantity,
            discounted: covered,
        };
        let at = match shops.iter().position(|s| s.shop_id == v.shop_id) {
            Some(at) => at,
            None => {
                shops.push(ShopQuote {
                    shop_id: v.shop_id.clone(),
                    shop_name: v.shop_name.clone(),
                    lines: Vec::new(),
                    subtotal: 0,
                    shipping: 0,
                    tax: 0,
                    discount: 0,
                    total: 0,
                });
                eligible_by_shop.push(0);
                shops.len() - 1
            }
        };
        shops[at].subtotal += line.line_total;
        if covered {
            eligible_by_shop[at] += line.line_total;
        }
        shops[at].lines.push(line);
    }
    let discount = applied.as_ref().map_or(0, |a| a.discount.on(eligible_by_shop.iter().sum()));
    let shares = share(discount, &eligible_by_shop);
    let shop_ids: Vec<String> = shops.iter().map(|s| s.shop_id.clone()).collect();
    let rates = db::shipping_rates(c, &shop_ids).await?;
    let tax_bp = db::tax_rate(c, &ship_to.country, &ship_to.state).await?;
    for (shop, discount) in shops.iter_mut().zip(shares) {
        shop.discount = discount;
        shop.shipping = rates.get(&shop.shop_id).map_or(0, |r| r.price(shop.subtotal));
        shop.tax = pricing::tax(shop.subtotal - discount, tax_bp);
        shop.total = shop.subtotal - discount + shop.shipping + shop.tax;
    }
    let sum = |f: fn(&ShopQuote) -> i64| shops.iter().map(f).sum::<i64>();
    Ok(Quote {
        currency: currency.to_owned(),
        subtotal: sum(|s| s.subtotal),
        shipping: sum(|s| s.shipping),
        tax: sum(|s| s.tax),
        discount: sum(|s| s.discount),
        total: sum(|s| s.total),
        promo: applied.map(|a| (a.promo.code.clone(), a.promo.label(currency))),
        shops,
    })
}

/// The items of a request: as given, or the viewer's cart.
async fn items_of(c: &mut Conn, req: &Request, cart_id: Option<&str>) -> AppResult<Vec<ItemRequest>> {
    match &req.items {
        Some(items) => Ok(items.clone()),
        None => crate::cart::service::requested(c, cart_id).await,
    }
}

fn address_missing() -> AppError {
    AppError::field("shipping_address_id", "Choose one of your addresses.")
}

async fn ship_address(c: &mut Conn, user_id: &str, id: &str) -> AppResult<Address> {
    match crate::accounts::service::address(c, user_id, id).await {
        Err(AppError::NotFound(_)) => Err(address_missing()),
        other => other,
    }
}

/// Price a request without placing it (the page and the REST preview).
pub async fn preview(
    c: &mut Conn,
    viewer: &Viewer,
    req: &Request,
    cart_id: Option<&str>,
    currency: &str,
) -> AppResult<Quote> {
    let address = ship_address(c, &viewer.id, &req.address_id).await?;
    let items = items_of(c, req, cart_id).await?;
    let lines = wanted(c, &items).await?;
    quote(c, &lines, &address, req.promo_code.as_deref(), Some(&viewer.id), currency).await
}

/// Checkout behaviour the settings decide.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// Card payments are set up.
    pub card_enabled: bool,
    /// How long an unpaid card checkout holds its stock.
    pub hold_ms: i64,
    /// The shop's low-stock line for products without their own.
    pub low_stock: i64,
}

impl Policy {
    pub fn of(state: &crate::server::state::Shared) -> Self {
        let shop = state.shop();
        Self {
            card_enabled: state.settings.payments.card_enabled(),
            hold_ms: shop.checkout_hold_minutes * 60_000,
            low_stock: shop.low_stock,
        }
    }
}

/// Place a checkout. Returns the result and whether it is new (`false`: the
/// key was used before, and this is that first result).
pub async fn place(
    db_: &Db,
    viewer: &Viewer,
    req: &PlaceRequest,
    cart_id: Option<&str>,
    currency: &str,
    policy: Policy,
) -> AppResult<(Placed, bool)> {
    let key = req.key.trim();
    if key.is_empty() || key.len() > 128 {
        return Err(AppError::field("idempotency_key", "Send a key of 1 to 128 characters."));
    }
    if req.payment_method == PaymentMethod::Card && !policy.card_enabled {
        return Err(AppError::field(
            "payment_method",
            "Card payments are not set up in this shop yet; choose cash on delivery.",
        ));
    }
    db_.write(async |tx| {
        crate::accounts::service::lock_person(tx, &viewer.id).await?;
        if let Some(first) = db::by_key(tx, &viewer.id, key).await? {
            return Ok((placed(tx, &first).await?, false));
        }
        let address = ship_address(tx, &viewer.id, &req.request.address_id).await?;
        let items = items_of(tx, &req.request, cart_id).await?;
        let lines = wanted(tx, &items).await?;
        let quote =
            quote(tx, &lines, &address, req.request.promo_code.as_deref(), Some(&viewer.id), currency)
                .await?;
        let taken: Vec<(String, i64)> = lines.iter().map(|(v, q)| (v.variant_id.clone(), *q)).collect();
        crate::catalog::service::take_stock(tx, &taken).await?;
        let id = new_id();
        let now = now_ms();
        let (payment_status, order_status, hold_until) = match req.payment_method {
            PaymentMethod::Card => ("pending", OrderStatus::Pending, Some(now + policy.hold_ms)),
            PaymentMethod::CashOnDelivery => ("due_on_delivery", OrderStatus::Processing, None),
        };
        if let Some((code, _)) = &quote.promo {
            promos::count_use_by_code(tx, code, &id, &viewer.id).await?;
        }
        let row = NewCheckout {
            id: &id,
            user_id: &viewer.id,
            key,
            payment_method: req.payment_method.as_str(),
            payment_status,
            quote: &quote,
            hold_until,
            now,
        };
        db::insert(tx, &row).await?;
        let ship_to = ship_to(&address);
        let mut orders = Vec::with_capacity(quote.shops.len());
        for shop in &quote.shops {
            let draft = crate::orders::service::Draft {
                checkout_id: &id,
                user_id: &viewer.id,
                shop,
                status: order_status,
                payment_method: req.payment_method.as_str(),
                currency,
                ship_to: &ship_to,
                cart_id: if req.request.items.is_none() { cart_id } else { None },
            };
            orders.push(crate::orders::service::create(tx, &draft).await?);
        }
        if req.request.items.is_none() {
            let bought: Vec<String> = lines.iter().map(|(v, _)| v.variant_id.clone()).collect();
            crate::cart::service::remove_bought(tx, cart_id, &bought).await?;
        }
        let sold: Vec<(String, i64)> = lines.iter().map(|(v, q)| (v.product_id.clone(), *q)).collect();
        crate::catalog::buying::record_sales(tx, &sold).await?;
        crate::notifications::service::stock_taken(tx, &sold, policy.low_stock).await?;
        let placed = Placed {
            checkout_id: id,
            status: payment_status.to_owned(),
            payment_method: req.payment_method.as_str().to_owned(),
            total: quote.total,
            currency: currency.to_owned(),
            orders,
            client_secret: None,
            payment_intent_id: None,
        };
        crate::mail::orders::placed(tx, viewer, &placed, &quote).await?;
        crate::notifications::service::orders_placed(tx, &placed).await?;
        Ok((placed, true))
    })
    .await
}

fn ship_to(a: &Address) -> ShipTo {
    ShipTo {
        ship_name: a.full_name.clone(),
        ship_phone: a.phone.clone(),
        ship_line1: a.address_line1.clone(),
        ship_line2: a.address_line2.clone(),
        ship_city: a.city.clone(),
        ship_region: a.state.clone(),
        ship_postal_code: a.postal_code.clone(),
        ship_country: a.country.clone(),
    }
}

/// A checkout as its placing answered.
pub async fn placed(c: &mut Conn, row: &CheckoutRow) -> AppResult<Placed> {
    let orders = crate::orders::service::of_checkout(c, &row.id).await?;
    Ok(Placed {
        checkout_id: row.id.clone(),
        status: row.payment_status.clone(),
        payment_method: row.payment_method.clone(),
        total: row.total_minor,
        currency: row.currency.clone(),
        orders: orders
            .into_iter()
            .rev()
            .map(|o| PlacedOrder {
                order_id: o.id,
                number: o.number,
                seller_id: o.shop_id,
                status: o.status,
                total: o.total_minor,
            })
            .collect(),
        client_secret: row.client_secret.clone(),
        payment_intent_id: row.payment_intent_id.clone(),
    })
}

/// The checkout's payment state, for order pages.
pub async fn payment_status(c: &mut Conn, checkout_id: &str) -> AppResult<String> {
    Ok(db::by_id(c, checkout_id).await?.map(|r| r.payment_status).unwrap_or_default())
}

/// A checkout the viewer placed (someone else's: not found).
pub async fn mine(c: &mut Conn, viewer: &Viewer, id: &str) -> AppResult<Placed> {
    let row = db::by_id(c, id)
        .await?
        .filter(|r| r.user_id == viewer.id)
        .ok_or_else(|| AppError::NotFound("Checkout".into()))?;
    placed(c, &row).await
}
