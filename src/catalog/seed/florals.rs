//! Floral products: bouquets, roses, dried flowers, plants — titles,
//! descriptions, flowers and colours, variants and illustrations.

use rand::Rng;
use rand::seq::{IndexedRandom, SliceRandom};

use super::art;
use super::data::{FloralType, ShopSeed};
use super::generate::{Generator, NewImage, NewProduct, NewVariant, join_lower, round_to};

impl<'a> Generator<'a> {
    pub(super) fn floral(&mut self, category: &'a str, shop: &'a ShopSeed, seed: u64) -> NewProduct<'a> {
        let demo = self.demo;
        let types: Vec<&FloralType> = demo.floral_types.iter().filter(|t| t.category == category).collect();
        let kind = *types.choose(&mut self.rng).expect("every floral category has types");
        let (flowers, colours) = self.pick_flowers(&kind.shape);
        let main_flower = singular(&flowers[0]);
        let colour = colours[0].clone();
        let (title, ()) = self.unique(|rng| {
            let name = demo.bouquet_names.choose(rng).expect("names");
            let t = match kind.shape.as_str() {
                "plant" => format!(
                    "{} in a {} Pot",
                    demo.plant_names.choose(rng).expect("plants"),
                    ["Terracotta", "Stoneware", "Linen Grey", "Glazed Ivory"].choose(rng).expect("pots")
                ),
                "orchid" => format!("{colour} Phalaenopsis {}", kind.name),
                "roses" if kind.name == "Rose Bouquet" => format!("{name} {colour} {}", kind.name),
                "dried" | "wreath" => format!("{name} {}", kind.name),
                _ => format!("{name} {main_flower} {}", kind.name),
            };
            (t, ())
        });
        let mut occasions: Vec<&str> = demo.occasions.iter().map(String::as_str).collect();
        occasions.shuffle(&mut self.rng);
        let mut occasions: Vec<String> =
            occasions.into_iter().take(self.rng.random_range(2..=3)).map(str::to_owned).collect();
        if category == "wedding-events" {
            occasions.insert(0, "Wedding".to_owned());
            occasions.truncate(2);
        }
        let finish = [
            "loosely gathered with trailing greenery for a just-picked look",
            "arranged in a soft dome with eucalyptus and seasonal foliage",
            "built around a few statement blooms and plenty of texture",
            "tied by hand and finished with a cotton ribbon",
        ]
        .choose(&mut self.rng)
        .expect("finishes");
        let description = format!(
            "{title} brings together {} in {} tones, {finish}. Every stem comes from growers we know by name, and the mix shifts a little with the season.\n\n{}\n\nMade by {} in {}. Order by 1pm for same-day delivery nearby; a handwritten card is included free.",
            join_lower(&flowers.iter().map(String::as_str).collect::<Vec<_>>()),
            join_lower(&colours.iter().map(String::as_str).collect::<Vec<_>>()),
            kind.care,
            shop.name,
            shop.location
        );
        let hexes: Vec<&str> = colours.iter().map(|c| demo.colour_hex(c)).collect();
        let mut images = vec![NewImage {
            svg: art::floral(&kind.shape, &hexes, seed),
            alt: format!(
                "{title}: {} in {}",
                join_lower(&flowers.iter().map(String::as_str).collect::<Vec<_>>()),
                join_lower(&colours.iter().map(String::as_str).collect::<Vec<_>>())
            ),
        }];
        if self.detail_images {
            images.push(NewImage {
                svg: art::floral_detail(hexes[0], seed),
                alt: format!("Close-up of a bloom from {title}"),
            });
        }
        let mut attributes: Vec<(&'static str, String)> = Vec::new();
        attributes.extend(occasions.into_iter().map(|o| ("occasion", o)));
        attributes.extend(flowers.iter().map(|f| ("flower_type", f.clone())));
        attributes.extend(colours.iter().map(|c| ("colour", c.clone())));
        let price = round_to(self.rng.random_range(kind.price.0..=kind.price.1), 500);
        let option = (!kind.sizes.is_empty())
            .then(|| ("Size".to_owned(), kind.sizes.iter().map(|s| s.name.clone()).collect()));
        let variants = kind
            .sizes
            .iter()
            .map(|s| NewVariant {
                title: s.name.clone(),
                options: vec![("Size".to_owned(), s.name.clone())],
                price_minor: round_to(price * s.percent / 100, 500),
                stock: 0,
            })
            .collect();
        let subtitle = format!("{} · {}", flowers.join(", "), colours.join(" & "));
        NewProduct {
            option,
            variants,
            attributes,
            images,
            ..NewProduct::draft(category, &shop.slug, title, subtitle, description, price)
        }
    }

    fn pick_flowers(&mut self, shape: &str) -> (Vec<String>, Vec<String>) {
        match shape {
            "dried" | "wreath" => {
                let mut pool =
                    vec!["Pampas grass", "Lavender", "Strawflower", "Bunny tail", "Eucalyptus", "Statice"];
                pool.shuffle(&mut self.rng);
                let colours = ["Natural", "Blush", "White", "Purple"];
                let c = colours.choose(&mut self.rng).expect("colours");
                (pool.into_iter().take(3).map(str::to_owned).collect(), vec![(*c).to_owned()])
            }
            "plant" => (vec!["Foliage".to_owned()], vec!["Green".to_owned()]),
            "orchid" => {
                let c = ["White", "Pink", "Purple"].choose(&mut self.rng).expect("colours");
                (vec!["Orchids".to_owned()], vec![(*c).to_owned()])
            }
            "roses" => {
                let cols = &self.demo.flowers[0].colours;
                let c = cols.choose(&mut self.rng).expect("colours");
                (vec!["Roses".to_owned(), "Eucalyptus".to_owned()], vec![(*c).to_owned()])
            }
            _ => {
                let flowers_data = &self.demo.flowers;
                let mut idx: Vec<usize> = (0..flowers_data.len()).collect();
                idx.shuffle(&mut self.rng);
                let chosen: Vec<usize> = idx.into_iter().take(self.rng.random_range(2..=3)).collect();
                let flowers = chosen.iter().map(|i| flowers_data[*i].name.clone()).collect();
                let mut colours: Vec<String> = Vec::new();
                for i in &chosen {
                    let c = flowers_data[*i].colours.choose(&mut self.rng).expect("colours");
                    if !colours.iter().any(|x| x == c) {
                        colours.push(c.clone());
                    }
                }
                (flowers, colours)
            }
        }
    }
}

fn singular(flower: &str) -> String {
    match flower {
        "Peonies" => "Peony".into(),
        "Lilies" => "Lily".into(),
        "Ranunculus" | "Hydrangea" | "Lisianthus" => flower.into(),
        f => f.trim_end_matches('s').into(),
    }
}
