//! Composes believable products from `data`: titles, descriptions, prices,
//! stock, variants, attributes and illustrations — deterministic per seed.

use std::collections::HashSet;

use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};

use super::art;
use super::data::{BeautyType, Demo, ShopSeed};

pub struct NewVariant {
    pub title: String,
    pub options: Vec<(String, String)>,
    pub price_minor: i64,
    pub stock: i64,
}

pub struct NewImage {
    pub svg: String,
    pub alt: String,
}

/// A product ready to insert.
pub struct NewProduct<'a> {
    pub category_slug: &'a str,
    pub shop_slug: &'a str,
    pub title: String,
    pub subtitle: String,
    pub description: String,
    pub price_minor: i64,
    pub compare_at_minor: Option<i64>,
    pub stock: i64,
    pub featured: bool,
    pub rating_avg: i64,
    pub rating_count: i64,
    pub sold_count: i64,
    pub age_ms: i64,
    pub option: Option<(String, Vec<String>)>,
    pub variants: Vec<NewVariant>,
    pub attributes: Vec<(&'static str, String)>,
    pub images: Vec<NewImage>,
}

impl<'a> NewProduct<'a> {
    /// What every kind of product has; options, variants, attributes and
    /// images come from the kind, prices and stock from `commerce`.
    pub(super) fn draft(
        category_slug: &'a str,
        shop_slug: &'a str,
        title: String,
        subtitle: String,
        description: String,
        price_minor: i64,
    ) -> Self {
        Self {
            category_slug,
            shop_slug,
            title,
            subtitle,
            description,
            price_minor,
            compare_at_minor: None,
            stock: 0,
            featured: false,
            rating_avg: 0,
            rating_count: 0,
            sold_count: 0,
            age_ms: 0,
            option: None,
            variants: Vec::new(),
            attributes: Vec::new(),
            images: Vec::new(),
        }
    }
}

/// Leaf categories, in the order products are spread over them.
pub fn leaf_categories(demo: &Demo) -> Vec<&str> {
    demo.categories.iter().filter(|c| c.parent.is_some()).map(|c| c.slug.as_str()).collect()
}

/// Makes products one after another, never repeating a title.
pub struct Generator<'a> {
    pub(super) demo: &'a Demo,
    pub(super) rng: StdRng,
    titles: HashSet<String>,
    leaves: Vec<&'a str>,
    /// Draw a second, close-up image for each product (demo yes, bulk no).
    pub detail_images: bool,
}

impl<'a> Generator<'a> {
    pub fn new(demo: &'a Demo, seed: u64) -> Self {
        Self {
            demo,
            rng: StdRng::seed_from_u64(seed),
            titles: HashSet::new(),
            leaves: leaf_categories(demo),
            detail_images: true,
        }
    }

    /// The `i`-th product; categories rotate so every one gets its share.
    pub fn product(&mut self, i: usize) -> NewProduct<'a> {
        let demo = self.demo;
        let category = self.leaves[i % self.leaves.len()];
        let shops: Vec<&'a ShopSeed> =
            demo.shops.iter().filter(|s| s.categories.iter().any(|c| c == category)).collect();
        let shop = *shops.choose(&mut self.rng).unwrap_or(&&demo.shops[0]);
        let seed = self.rng.random::<u64>();
        let mut p = if demo.beauty_types.iter().any(|t| t.category == category) {
            self.beauty(category, shop, seed)
        } else {
            self.floral(category, shop, seed)
        };
        self.commerce(&mut p);
        let mut seen = HashSet::new();
        p.attributes.retain(|(k, v)| seen.insert((*k, v.clone())));
        p
    }

    /// Draw (title, choice) pairs until the title is new; after 25 clashes
    /// number the last draw ("… No. 2").
    pub(super) fn unique<T>(&mut self, mut make: impl FnMut(&mut StdRng) -> (String, T)) -> (String, T) {
        for _ in 0..25 {
            let (t, choice) = make(&mut self.rng);
            if self.titles.insert(t.clone()) {
                return (t, choice);
            }
        }
        let (base, choice) = make(&mut self.rng);
        let mut n = 2;
        loop {
            let t = format!("{base} No. {n}");
            if self.titles.insert(t.clone()) {
                return (t, choice);
            }
            n += 1;
        }
    }

    fn beauty(&mut self, category: &'a str, shop: &'a ShopSeed, seed: u64) -> NewProduct<'a> {
        let demo = self.demo;
        let types: Vec<&BeautyType> = demo.beauty_types.iter().filter(|t| t.category == category).collect();
        let (title, (kind, active)) = self.unique(|rng| {
            let kind = *types.choose(rng).expect("every beauty category has types");
            let active = demo.actives.choose(rng).expect("actives");
            (format!("{} {} {}", active.adjective, active.name, kind.name), (kind, active))
        });
        let size = kind.sizes.first().map(|s| s.name.as_str()).unwrap_or(match kind.shape.as_str() {
            "jar" => "50 ml",
            "dropper" => "30 ml",
            "stick" => "4.5 g",
            "bottle" => "200 ml",
            _ => "100 ml",
        });
        let skin: Vec<&str> = active.skin_types.iter().take(3).map(String::as_str).collect();
        let concerns: Vec<&str> = active.concerns.iter().map(String::as_str).collect();
        let subtitle = if kind.option == "Shade" {
            format!("For {} skin", join_lower(&skin))
        } else {
            format!("For {} skin · {size}", join_lower(&skin))
        };
        let extras: Vec<&str> =
            kind.base_inci.split(", ").filter(|i| *i != "Aqua" && !i.contains('%')).take(2).collect();
        let description = format!(
            "{}. {}\n\nMade for {} skin, especially if you are dealing with {}. {}\n\nKey ingredients: {}, {}. \
             Made in small batches by {} in {}. Vegan, cruelty-free and packed in recyclable packaging.",
            active.benefit,
            kind.texture,
            join_lower(&skin),
            join_lower(&concerns),
            kind.usage,
            active.inci,
            kind.base_inci,
            shop.name,
            shop.location
        );
        let mut attributes: Vec<(&'static str, String)> = Vec::new();
        attributes.extend(skin.iter().map(|s| ("skin_type", (*s).to_owned())));
        attributes.extend(active.concerns.iter().map(|c| ("concern", (*c).to_owned())));
        attributes.push(("ingredient", active.name.to_owned()));
        attributes.extend(extras.iter().map(|e| ("ingredient", (*e).to_owned())));
        let label = shop.name.split_whitespace().next().unwrap_or(&shop.name).to_uppercase();
        let mut images = vec![NewImage {
            svg: art::beauty_package(&kind.shape, &active.colour, &label, seed),
            alt: format!("{title}: {} packaging from {}", kind.name.to_lowercase(), shop.name),
        }];
        if self.detail_images {
            images.push(NewImage {
                svg: art::beauty_swatch(&active.colour, seed),
                alt: format!("Texture close-up of {title}"),
            });
        }
        let price = round_to(self.rng.random_range(kind.price.0..=kind.price.1), 100);
        let option = (!kind.sizes.is_empty())
            .then(|| (kind.option.clone(), kind.sizes.iter().map(|s| s.name.clone()).collect()));
        let variants = kind
            .sizes
            .iter()
            .map(|s| NewVariant {
                title: s.name.clone(),
                options: vec![(kind.option.clone(), s.name.clone())],
                price_minor: round_to(price * s.percent / 100, 50),
                stock: 0,
            })
            .collect();
        NewProduct {
            option,
            variants,
            attributes,
            images,
            ..NewProduct::draft(category, &shop.slug, title, subtitle, description, price)
        }
    }

    /// Price reductions, stock levels, ratings, age and featuring.
    fn commerce(&mut self, p: &mut NewProduct) {
        let rng = &mut self.rng;
        if rng.random::<f64>() < 0.12 {
            p.compare_at_minor = Some(round_to(p.price_minor * 125 / 100, 100));
        }
        let roll = rng.random::<f64>();
        let units = |rng: &mut StdRng| {
            if roll < 0.05 {
                0
            } else if roll < 0.13 {
                rng.random_range(1..=5)
            } else {
                rng.random_range(8..=140)
            }
        };
        if p.variants.is_empty() {
            p.stock = units(rng);
        } else {
            for v in &mut p.variants {
                v.stock = units(rng);
            }
            // Low-stock products keep one variant sold out, as real shelves do.
            if (0.05..0.13).contains(&roll) && p.variants.len() > 1 {
                p.variants[0].stock = 0;
            }
            p.stock = p.variants.iter().map(|v| v.stock).sum();
            p.price_minor = p.variants.iter().map(|v| v.price_minor).min().unwrap_or(p.price_minor);
        }
        if rng.random::<f64>() >= 0.15 {
            p.rating_count = rng.random_range(1..=40) * rng.random_range(1..=8);
            p.rating_avg = rng.random_range(360..=498);
        }
        p.sold_count = rng.random_range(0..=900);
        p.featured = rng.random::<f64>() < 0.1;
        p.age_ms = rng.random_range(0..=180) * 86_400_000 + rng.random_range(0..86_400_000);
    }
}

pub(super) fn round_to(value: i64, step: i64) -> i64 {
    ((value + step / 2) / step * step).max(step)
}

/// "a, b and c" in lower case.
pub(super) fn join_lower(items: &[&str]) -> String {
    let lower: Vec<String> = items.iter().map(|s| s.to_lowercase()).collect();
    match lower.len() {
        0 => String::new(),
        1 => lower[0].clone(),
        n => format!("{} and {}", lower[..n - 1].join(", "), lower[n - 1]),
    }
}

/// URL slug for a title.
pub fn slugify(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_url_safe() {
        assert_eq!(slugify("Blush Hour Peony Bouquet"), "blush-hour-peony-bouquet");
        assert_eq!(slugify("Daily Fluid SPF 50 — 100 ml!"), "daily-fluid-spf-50-100-ml");
    }

    #[test]
    fn products_are_deterministic_unique_and_complete() {
        let demo = Demo::load().unwrap();
        let mut a = Generator::new(&demo, 42);
        let mut b = Generator::new(&demo, 42);
        let mut titles = HashSet::new();
        for i in 0..300 {
            let p = a.product(i);
            assert_eq!(p.title, b.product(i).title);
            assert!(titles.insert(p.title.clone()), "duplicate title {}", p.title);
            assert!(p.price_minor > 0 && !p.description.is_empty() && !p.images.is_empty());
            assert!(!p.attributes.is_empty());
            let distinct: HashSet<_> = p.attributes.iter().collect();
            assert_eq!(distinct.len(), p.attributes.len(), "repeated attribute on {}", p.title);
            if !p.variants.is_empty() {
                assert_eq!(p.stock, p.variants.iter().map(|v| v.stock).sum::<i64>());
            }
        }
    }
}
