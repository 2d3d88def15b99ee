//! What a batch of hits adds to the rollups, worked out in memory (pure):
//! plain counts by (shop, day), the (visitor, step) pairs that may be new
//! today, and the top-list hits by day.

use std::collections::{BTreeMap, BTreeSet};

/// One thing a visitor did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub at: i64,
    pub day: String,
    pub visitor: String,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A page shown: its path (no query) and where the visit came from.
    Page { path: String, referrer: Option<String> },
    /// A product put in a cart.
    Cart { product_id: String },
    /// A search that found nothing.
    Search { term: String },
}

impl Kind {
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Page { .. } => "page",
            Kind::Cart { .. } => "cart",
            Kind::Search { .. } => "search",
        }
    }
}

/// What a hit is about, to find its shop.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    ProductSlug(String),
    ProductId(String),
    ShopSlug(String),
}

impl Hit {
    pub fn target(&self) -> Option<Target> {
        match &self.kind {
            Kind::Page { path, .. } => {
                let slug = |prefix: &str| {
                    path.strip_prefix(prefix).filter(|s| !s.is_empty() && !s.contains('/')).map(str::to_owned)
                };
                slug("/products/").map(Target::ProductSlug).or_else(|| slug("/shops/").map(Target::ShopSlug))
            }
            Kind::Cart { product_id } => Some(Target::ProductId(product_id.clone())),
            Kind::Search { .. } => None,
        }
    }

    fn is_product_page(&self) -> bool {
        matches!(self.target(), Some(Target::ProductSlug(_)))
    }
}

/// Steps a visitor is counted at once a day.
pub const VISIT: &str = "visit";
pub const VIEW: &str = "view";
pub const CART: &str = "cart";
pub const CHECKOUT: &str = "checkout";

/// The page where checkout starts.
pub const CHECKOUT_PATH: &str = "/checkout";

/// A (shop, day) row's additions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub page_views: i64,
    pub visitors: i64,
    pub product_views: i64,
    pub viewers: i64,
    pub cart_adds: i64,
    pub carters: i64,
    pub checkouts: i64,
}

impl Counts {
    /// One more distinct visitor at `step`.
    pub fn bump(&mut self, step: &str) {
        match step {
            VISIT => self.visitors += 1,
            VIEW => self.viewers += 1,
            CART => self.carters += 1,
            _ => self.checkouts += 1,
        }
    }
}

/// (day, shop, step, visitor): a visitor reaching a step.
pub type Step = (String, String, &'static str, String);

#[derive(Debug, Default)]
pub struct Tally {
    /// Keyed by (shop, day); shop '' is the whole site.
    pub days: BTreeMap<(String, String), Counts>,
    pub steps: BTreeSet<Step>,
    /// (dim, day, name) → hits.
    pub tops: BTreeMap<(&'static str, String, String), i64>,
}

impl Tally {
    /// Add up `hits`; `shop(i)` is hit `i`'s shop (`None`: none, or unknown).
    pub fn of<'a>(hits: &[Hit], shop: impl Fn(usize) -> Option<&'a str>) -> Self {
        let mut t = Tally::default();
        for (i, hit) in hits.iter().enumerate() {
            let shops: Vec<String> =
                std::iter::once(String::new()).chain(shop(i).map(str::to_owned)).collect();
            for s in &shops {
                let row = t.days.entry((s.clone(), hit.day.clone())).or_default();
                let mut step = |name: &'static str| {
                    t.steps.insert((hit.day.clone(), s.clone(), name, hit.visitor.clone()));
                };
                match &hit.kind {
                    Kind::Page { path, .. } => {
                        row.page_views += 1;
                        step(VISIT);
                        if hit.is_product_page() {
                            row.product_views += 1;
                            step(VIEW);
                        }
                        if path == CHECKOUT_PATH {
                            step(CHECKOUT);
                        }
                    }
                    Kind::Cart { .. } => {
                        row.cart_adds += 1;
                        step(CART);
                    }
                    Kind::Search { .. } => {}
                }
            }
            let mut top = |dim: &'static str, name: &str| {
                *t.tops.entry((dim, hit.day.clone(), name.to_owned())).or_default() += 1;
            };
            match &hit.kind {
                Kind::Page { path, referrer } => {
                    top("page", path);
                    if let Some(r) = referrer {
                        top("referrer", r);
                    }
                }
                Kind::Search { term } => top("search", term),
                Kind::Cart { .. } => {}
            }
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(visitor: &str, kind: Kind) -> Hit {
        Hit { at: 0, day: "2026-11-30".into(), visitor: visitor.into(), kind }
    }

    fn page(path: &str) -> Kind {
        Kind::Page { path: path.into(), referrer: None }
    }

    #[test]
    fn a_batch_counts_views_per_site_and_shop_and_steps_once() {
        let hits = vec![
            hit("a", Kind::Page { path: "/".into(), referrer: Some("google.com".into()) }),
            hit("a", page("/products/rose-serum")),
            hit("a", page("/products/rose-serum")),
            hit("b", page("/products/rose-serum")),
            hit("a", Kind::Cart { product_id: "p1".into() }),
            hit("a", page("/checkout")),
            hit("c", Kind::Search { term: "unicorn".into() }),
        ];
        let t = Tally::of(&hits, |i| hits[i].target().map(|_| "shop-1"));
        let site = &t.days[&(String::new(), "2026-11-30".into())];
        assert_eq!((site.page_views, site.product_views, site.cart_adds), (5, 3, 1));
        let shop = &t.days[&("shop-1".into(), "2026-11-30".into())];
        assert_eq!((shop.page_views, shop.product_views, shop.cart_adds), (3, 3, 1));
        let steps = |shop: &str, step: &str| t.steps.iter().filter(|s| s.1 == shop && s.2 == step).count();
        assert_eq!(steps("", VISIT), 2, "a and b visited; c only searched");
        assert_eq!(steps("", VIEW), 2);
        assert_eq!(steps("shop-1", VIEW), 2);
        assert_eq!(steps("", CART), 1);
        assert_eq!(steps("", CHECKOUT), 1);
        assert_eq!(steps("shop-1", CHECKOUT), 0, "checkout is the whole site's");
        assert_eq!(t.tops[&("page", "2026-11-30".into(), "/products/rose-serum".into())], 3);
        assert_eq!(t.tops[&("referrer", "2026-11-30".into(), "google.com".into())], 1);
        assert_eq!(t.tops[&("search", "2026-11-30".into(), "unicorn".into())], 1);
    }
}
