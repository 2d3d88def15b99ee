//! Catalog rules: resolve filters, page through products, assemble the
//! product page. Both the server functions and the REST API call these.

use super::db::{self, CardRow, DetailRow, ShopRow};
use super::listing::list_products;
use super::query::{ListQuery, Sort};
use super::{
    Attribute, Category, CategoryView, HomeData, Image, ListingView, Money, ProductCard, ProductDetail,
    ProductOption, Rating, ShopSummary, ShopView, Variant, attribute_label,
};
use crate::error::{AppError, AppResult};
use crate::media::url as media_url;
use crate::server::db::{Conn, Db, Tx};
use crate::server::state::AppState;

pub(crate) fn card(row: CardRow) -> ProductCard {
    let image = row.cover_media_id.as_deref().map(|id| Image {
        url: media_url(id),
        alt: format!("{} — {}", row.title, row.subtitle).trim_end_matches(" — ").to_owned(),
    });
    ProductCard {
        price: Money::new(row.price_minor, &row.currency),
        compare_at: row
            .compare_at_minor
            .filter(|c| *c > row.price_minor)
            .map(|c| Money::new(c, &row.currency)),
        rating: Rating { avg_hundredths: row.rating_avg, count: row.rating_count },
        has_variants: row.variant_count > 1,
        id: row.id,
        shop_id: row.seller_id,
        category_id: row.category_id,
        slug: row.slug,
        title: row.title,
        subtitle: row.subtitle,
        stock: row.stock,
        image,
        shop_name: row.shop_name,
        shop_slug: row.shop_slug,
        category_name: row.category_name,
        category_slug: row.category_slug,
        title_marks: Vec::new(),
        wished: None,
    }
}

fn shop(row: &ShopRow) -> ShopSummary {
    ShopSummary {
        id: row.id.clone(),
        slug: row.slug.clone(),
        shop_name: row.shop_name.clone(),
        tagline: row.tagline.clone(),
        location: row.location.clone(),
        verified: row.status == "verified",
        product_count: row.product_count,
    }
}

/// Search words: lower-cased, at most five, each at least two characters.
pub(crate) fn words(search: Option<&str>) -> Vec<String> {
    search
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 2)
        .take(5)
        .collect()
}

/// Cards of these products in the given order (missing ones left out).
pub async fn cards_in_order(c: &mut Conn, ids: &[String]) -> AppResult<Vec<ProductCard>> {
    let mut rows = db::cards_by_ids(c, ids).await?;
    let position: std::collections::HashMap<&str, usize> =
        ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
    rows.sort_by_key(|r| position.get(r.id.as_str()).copied().unwrap_or(usize::MAX));
    Ok(rows.into_iter().map(card).collect())
}

/// Every category with its product count, from the short-lived cache.
pub async fn categories(state: &AppState) -> AppResult<Vec<Category>> {
    Ok(state.categories.get_or_load(|| count_categories(&state.db)).await?.to_vec())
}

/// Every category with its product count, counted now.
async fn count_categories(db: &Db) -> AppResult<Vec<Category>> {
    let mut c = db.conn().await?;
    let mut all: Vec<Category> = db::categories(&mut c).await?;
    let counts: std::collections::HashMap<String, i64> =
        db::category_counts(&mut c).await?.into_iter().collect();
    add_counts(&mut all, &counts);
    Ok(all)
}

/// Each category counts its own products plus its children's (two levels).
fn add_counts(all: &mut [Category], counts: &std::collections::HashMap<String, i64>) {
    let own = |id: &str| counts.get(id).copied().unwrap_or(0);
    let totals: Vec<i64> = all
        .iter()
        .map(|c| {
            own(&c.id)
                + all
                    .iter()
                    .filter(|child| child.parent_id.as_deref() == Some(c.id.as_str()))
                    .map(|k| own(&k.id))
                    .sum::<i64>()
        })
        .collect();
    for (c, total) in all.iter_mut().zip(totals) {
        c.product_count = total;
    }
}

/// The listing page: a page of products and the category tree.
pub async fn listing(state: &AppState, query: &ListQuery) -> AppResult<ListingView> {
    let categories = categories(state).await?;
    let products = list_products(state, query, &categories).await?;
    Ok(ListingView { products, categories })
}

/// The home page's shelves.
pub async fn home(state: &AppState) -> AppResult<HomeData> {
    let mut c = state.db.conn().await?;
    let cards = |rows: Vec<CardRow>| rows.into_iter().map(card).collect::<Vec<_>>();
    let (product_total, shop_total) = db::count_active(&mut c).await?;
    let trending = super::discovery::trending_ids(&mut c, 8).await?;
    Ok(HomeData {
        featured: cards(db::showcase(&mut c, true, Sort::Rating, 8).await?),
        new_arrivals: cards(db::showcase(&mut c, false, Sort::Newest, 8).await?),
        top_rated: cards(db::showcase(&mut c, false, Sort::Rating, 4).await?),
        trending: cards_in_order(&mut c, &trending).await?,
        from_followed: Vec::new(),
        for_you: Vec::new(),
        no_profile: false,
        categories: categories(state).await?,
        product_total,
        shop_total,
    })
}

/// The product page, by slug or id.
/// The product page, by slug or id. The category comes from the counted
/// tree the caller holds (`categories`), read again only when it is not
/// there yet (a category younger than the cache).
pub async fn product(c: &mut Conn, slug_or_id: &str, categories: &[Category]) -> AppResult<ProductDetail> {
    let DetailRow { card: row, description, status, created_at, updated_at } =
        db::find_product(c, slug_or_id).await?.ok_or_else(|| AppError::NotFound("Product".into()))?;
    let in_category = match categories.iter().find(|k| k.id == row.category_id) {
        Some(k) => k.clone(),
        None => db::find_category(c, &row.category_id).await?.ok_or(AppError::Internal)?,
    };
    let shop_row = db::find_shop(c, &row.seller_id).await?.ok_or(AppError::Internal)?;
    let images = db::product_images(c, &row.id)
        .await?
        .into_iter()
        .map(|i| Image { url: media_url(&i.media_id), alt: i.alt })
        .collect();
    let options = db::product_options(c, &row.id)
        .await?
        .into_iter()
        .map(|o| ProductOption {
            name: o.name,
            values: serde_json::from_str(&o.option_values).unwrap_or_default(),
        })
        .collect();
    let currency = row.currency.clone();
    let variants = db::product_variants(c, &row.id)
        .await?
        .into_iter()
        .map(|v| Variant {
            options: serde_json::from_str(&v.option_values).unwrap_or_default(),
            price: Money::new(v.price_minor, &currency),
            id: v.id,
            sku: v.sku,
            title: v.title,
            stock: v.stock,
        })
        .collect();
    let attributes = group_attributes(db::product_attributes(c, &row.id).await?);
    Ok(ProductDetail {
        card: card(row),
        description,
        status,
        category: in_category,
        shop: shop(&shop_row),
        images,
        options,
        variants,
        attributes,
        related: Vec::new(),
        together: Vec::new(),
        created_at,
        updated_at,
    })
}

fn group_attributes(rows: Vec<db::AttributeRow>) -> Vec<Attribute> {
    const ORDER: [&str; 6] = ["skin_type", "concern", "ingredient", "occasion", "flower_type", "colour"];
    let mut out: Vec<Attribute> = Vec::new();
    for row in rows {
        match out.iter_mut().find(|a| a.key == row.name) {
            Some(a) => a.values.push(row.value),
            None => out.push(Attribute {
                label: attribute_label(&row.name).to_owned(),
                key: row.name,
                values: vec![row.value],
            }),
        }
    }
    out.sort_by_key(|a| ORDER.iter().position(|k| *k == a.key).unwrap_or(ORDER.len()));
    out
}

/// A category page with its children and a page of products.
pub async fn category_view(state: &AppState, slug: &str, query: &ListQuery) -> AppResult<CategoryView> {
    let all = categories(state).await?;
    let current =
        all.iter().find(|c| c.slug == slug).cloned().ok_or_else(|| AppError::NotFound("Category".into()))?;
    let parent = current.parent_id.as_ref().and_then(|p| all.iter().find(|c| &c.id == p).cloned());
    let children = all.iter().filter(|c| c.parent_id.as_ref() == Some(&current.id)).cloned().collect();
    let query = ListQuery { category: Some(current.id.clone()), ..query.clone() };
    Ok(CategoryView {
        products: list_products(state, &query, &all).await?,
        category: current,
        parent,
        children,
    })
}

/// A shop page with a page of its products.
pub async fn shop_view(state: &AppState, slug: &str, query: &ListQuery) -> AppResult<ShopView> {
    let row = db::find_shop(&mut state.db.conn().await?, slug)
        .await?
        .ok_or_else(|| AppError::NotFound("Shop".into()))?;
    let query = ListQuery { seller: Some(row.id.clone()), ..query.clone() };
    let categories = categories(state).await?;
    let avg_hundredths = if row.rating_count > 0 { row.rating_sum * 100 / row.rating_count } else { 0 };
    Ok(ShopView {
        shop: shop(&row),
        description: row.description.clone(),
        logo_url: row.logo_media_id.as_deref().map(crate::media::url),
        banner_url: row.banner_media_id.as_deref().map(crate::media::url),
        rating: Rating { avg_hundredths, count: row.rating_count },
        follower_count: row.follower_count,
        following: None,
        products: list_products(state, &query, &categories).await?,
    })
}

/// Take stock for every `(variant id, quantity)` line, or none: lines are
/// taken in variant id order (so two orders never wait on each other in a
/// cycle) with conditional updates; the first short line fails the whole
/// caller's transaction with a `Conflict` naming it.
pub async fn take_stock(tx: &mut Tx, lines: &[(String, i64)]) -> AppResult<()> {
    let mut sorted: Vec<&(String, i64)> = lines.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    for (variant, quantity) in sorted {
        if *quantity <= 0 {
            return Err(AppError::field("quantity", "Choose at least one."));
        }
        if !db::take_stock(tx, variant, *quantity).await? {
            let line = db::buying::variant_lines(tx, std::slice::from_ref(variant)).await?.pop();
            return Err(match line {
                None => AppError::NotFound("Product option".into()),
                Some(v) if v.stock == 0 => AppError::OutOfStock(format!("{} is sold out.", v.full_title())),
                Some(v) => AppError::OutOfStock(format!("{}: only {} left.", v.full_title(), v.stock)),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parents_count_their_children() {
        let cat = |id: &str, parent: Option<&str>| Category {
            id: id.into(),
            parent_id: parent.map(Into::into),
            slug: id.into(),
            name: id.into(),
            description: String::new(),
            vertical: "beauty".into(),
            product_count: 0,
        };
        let mut all = vec![cat("beauty", None), cat("serums", Some("beauty")), cat("masks", Some("beauty"))];
        let counts = [("serums".to_owned(), 3), ("masks".to_owned(), 2)].into_iter().collect();
        add_counts(&mut all, &counts);
        assert_eq!(all.iter().map(|c| c.product_count).collect::<Vec<_>>(), vec![5, 3, 2]);
    }

    #[test]
    fn search_words_are_normalised() {
        assert_eq!(words(Some("  Rose  OUD a  ")), vec!["rose", "oud"]);
        assert!(words(None).is_empty());
        assert_eq!(words(Some("a b c d e f g h ij kl mn op qr st")).len(), 5);
    }

    #[test]
    fn attributes_group_in_display_order() {
        let rows = vec![
            db::AttributeRow { name: "ingredient".into(), value: "Niacinamide".into() },
            db::AttributeRow { name: "skin_type".into(), value: "Oily".into() },
            db::AttributeRow { name: "skin_type".into(), value: "Combination".into() },
        ];
        let grouped = group_attributes(rows);
        assert_eq!(grouped[0].key, "skin_type");
        assert_eq!(grouped[0].values, vec!["Oily", "Combination"]);
        assert_eq!(grouped[1].label, "Key ingredients");
    }
}
