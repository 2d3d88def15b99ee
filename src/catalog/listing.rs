//! Listing products: the rule for which engine answers (the search index
//! for words and facet filters, SQL for plain browsing), and the facet
//! groups with their labels. Pages, server functions and REST call this.

use super::db::{self, Filter};
use super::facets::{FacetGroup, FacetKey, FacetValue, PRICE_BANDS, RATING_MINIMUMS};
use super::intent::{self, Intent};
use super::query::{MAX_SEARCH_CHARS, Sort};
use super::search::SearchRequest;
use super::{Category, ListQuery, Money, ProductCard, ProductPage, Suggestion, SuggestionKind, service};
use crate::error::{AppError, AppResult};
use crate::server::state::AppState;

/// Search results stop here (as deep as anyone pages; bounds the work).
pub const MAX_SEARCH_WINDOW: u32 = 10_000;

/// Values shown per group before "more" would be needed.
const MAX_VALUES: usize = 6;

/// A page of products with its facets. Unknown category or shop → `NotFound`.
/// `categories` is the counted tree (labels, and totals for plain browsing).
pub async fn list_products(
    state: &AppState,
    query: &ListQuery,
    categories: &[Category],
) -> AppResult<ProductPage> {
    list_products_by(state, query, categories, true).await
}

/// [`list_products`], with searches ranked by words and meaning (`meaning`)
/// or by words alone (the search evaluation compares the two).
pub async fn list_products_by(
    state: &AppState,
    query: &ListQuery,
    categories: &[Category],
    meaning: bool,
) -> AppResult<ProductPage> {
    let mut c = state.db.conn().await?;
    let category = match &query.category {
        Some(key) => Some(
            categories
                .iter()
                .find(|c| &c.slug == key || &c.id == key)
                .ok_or_else(|| AppError::NotFound("Category".into()))?,
        ),
        None => None,
    };
    let seller = match &query.seller {
        Some(key) => {
            Some(db::find_shop(&mut c, key).await?.ok_or_else(|| AppError::NotFound("Shop".into()))?)
        }
        None => None,
    };
    let index = &state.search;
    if !index.is_ready() {
        if !query.filters.is_empty() {
            // The index is still being built (seconds after a start).
            return Err(AppError::Busy { retry_after_secs: 5 });
        }
        // Until the index has been built, words are matched as substrings.
        let filter = Filter {
            category_id: category.map(|c| c.id.as_str()),
            seller_id: seller.as_ref().map(|s| s.id.as_str()),
            words: service::words(query.search.as_deref()),
        };
        let (rows, total) = db::list_cards(&mut c, &filter, query, None).await?;
        return Ok(page_of(query, rows.into_iter().map(service::card).collect(), total));
    }
    let offset = (query.page - 1).saturating_mul(query.per_page);
    if query.is_filtered() && offset.saturating_add(query.per_page) > MAX_SEARCH_WINDOW {
        return Err(AppError::field("page", format!("search results stop at {MAX_SEARCH_WINDOW} products")));
    }
    let intent = match query.search.as_deref() {
        Some(text) => intent::parse(text, &skin_types(index).await?),
        None => Intent::default(),
    };
    let words = index.words(&intent.words);
    if query.search.is_some() && words.is_empty() && !intent.has_filters() {
        // Only punctuation was typed: nothing to look for, nothing found.
        return Ok(page_of(query, Vec::new(), 0));
    }
    let mut filters = query.filters.clone();
    filters.extend(intent.skin_types.iter().map(|v| (FacetKey::SkinType, v.clone())));
    filters.sort();
    filters.dedup();
    let request = SearchRequest {
        words: words.clone(),
        category: category.map(|c| c.slug.clone()),
        shop: seller.as_ref().map(|s| s.slug.clone()),
        filters,
        price_from: intent.price_from,
        price_to: intent.price_to,
        also_ids: Vec::new(),
        sort: query.sort,
        offset: offset as usize,
        limit: query.per_page as usize,
    };
    if !query.is_filtered() {
        // Plain browsing: SQL pages through the products indexes; facet
        // counts for the scope come from the index, cached briefly.
        let filter = Filter {
            category_id: category.map(|c| c.id.as_str()),
            seller_id: seller.as_ref().map(|s| s.id.as_str()),
            words: Vec::new(),
        };
        let known = if seller.is_none() {
            Some(category.map_or_else(
                || categories.iter().filter(|c| c.parent_id.is_none()).map(|c| c.product_count).sum(),
                |c| c.product_count,
            ))
        } else {
            None
        };
        let key = format!("{:?}|{:?}|{known:?}", filter, query);
        let cached = state
            .products
            .page_or_load(key, || async {
                let (rows, total) = db::list_cards(&mut c, &filter, query, known).await?;
                Ok(page_of(query, rows.into_iter().map(service::card).collect(), total))
            })
            .await?;
        drop(c);
        let counts = index.scope_facets(request).await?;
        let mut page = super::ProductPage::clone(&cached);
        page.facets = groups(state, query, categories, counts.as_slice());
        return Ok(page);
    }
    drop(c);
    let near =
        if meaning && query.sort == Sort::Relevance { near(state, &intent.meaning).await? } else { None };
    let hits = match near {
        Some(near) => index.hybrid_async(request, near).await?,
        None => index.search_async(request).await?,
    };
    let mut cards = service::cards_in_order(&mut state.db.conn().await?, &hits.ids).await?;
    let marks = index.highlight_all(&words, cards.iter().map(|c| c.title.as_str()));
    for (card, marks) in cards.iter_mut().zip(marks) {
        card.title_marks = marks;
    }
    let mut page = page_of(query, cards, hits.total as i64);
    page.facets = groups(state, query, categories, &hits.facets);
    page.understood = understood(state, &intent);
    if hits.total == 0 && !words.is_empty() {
        page.did_you_mean = index.did_you_mean_async(words).await?;
    }
    Ok(page)
}

/// Suggestions at most.
pub const MAX_SUGGESTIONS: usize = 8;

/// What the search box offers for the words typed so far (2 letters at
/// least): products, then categories and shops whose names have a word
/// starting with the last word typed.
pub async fn suggest(state: &AppState, text: &str) -> AppResult<Vec<Suggestion>> {
    let text = text.trim();
    if text.chars().count() > MAX_SEARCH_CHARS {
        return Err(AppError::field("q", format!("must be at most {MAX_SEARCH_CHARS} characters")));
    }
    let index = &state.search;
    if text.chars().count() < 2 || !index.is_ready() {
        return Ok(Vec::new());
    }
    let words = index.words(text);
    let Some(prefix) = words.last().map(|w| w.plain.clone()) else { return Ok(Vec::new()) };
    let starts = |name: &str| name.to_lowercase().split_whitespace().any(|w| w.starts_with(&prefix));
    let mut others: Vec<Suggestion> = service::categories(state)
        .await?
        .into_iter()
        .filter(|c| c.product_count > 0 && starts(&c.name))
        .take(2)
        .map(|c| Suggestion {
            kind: SuggestionKind::Category,
            label: c.name,
            url: format!("/categories/{}", c.slug),
        })
        .collect();
    others.extend(index.shops_matching(&prefix, 2).into_iter().map(|(slug, name)| Suggestion {
        kind: SuggestionKind::Shop,
        label: name,
        url: format!("/shops/{slug}"),
    }));
    let room = MAX_SUGGESTIONS - others.len();
    let index = index.clone();
    let products = tokio::task::spawn_blocking(move || index.suggest(words, room)).await??;
    let mut out: Vec<Suggestion> = products
        .into_iter()
        .map(|(slug, title)| Suggestion {
            kind: SuggestionKind::Product,
            label: title,
            url: format!("/products/{slug}"),
        })
        .collect();
    out.extend(others);
    Ok(out)
}

/// Products by meaning considered at most, and how alike they must be: at
/// least [`NEAR_MIN`], and within [`NEAR_SPREAD`] of the best (a query
/// that fits nothing well brings few).
const NEAR_K: usize = 60;
const NEAR_MIN: f32 = 0.2;
const NEAR_SPREAD: f32 = 0.2;

/// The products nearest `meaning`, best first; `None` when semantic search
/// is off or not ready (then words alone answer).
async fn near(state: &AppState, meaning: &str) -> AppResult<Option<Vec<String>>> {
    let semantic = &state.semantic;
    if meaning.trim().is_empty() || !semantic.is_ready() {
        return Ok(None);
    }
    let Some(near) = semantic.nearest_to(meaning, NEAR_K, NEAR_MIN).await? else { return Ok(None) };
    let floor = near.first().map_or(NEAR_MIN, |best| (best.score - NEAR_SPREAD).max(NEAR_MIN));
    Ok(Some(near.iter().filter(|n| n.score >= floor).map(|n| n.id.clone()).collect()))
}

/// The skin types the catalog has (what "for dry skin" can mean).
async fn skin_types(index: &super::search::SearchIndex) -> AppResult<Vec<String>> {
    let counts = index.scope_facets(SearchRequest::default()).await?;
    Ok(counts
        .iter()
        .find(|(k, _)| *k == FacetKey::SkinType)
        .map(|(_, values)| values.iter().map(|(v, _)| v.clone()).collect())
        .unwrap_or_default())
}

/// Labels for the filters read from the words.
fn understood(state: &AppState, intent: &Intent) -> Vec<String> {
    let shop = state.shop();
    let currency = &shop.currency;
    let money = |minor: i64| Money::new(minor, currency).to_string().trim_end_matches(".00").to_owned();
    let mut out = Vec::new();
    match (intent.price_from, intent.price_to) {
        (Some(from), Some(to)) => out.push(format!("{} – {}", money(from), money(to))),
        (None, Some(to)) => out.push(format!("Up to {}", money(to))),
        (Some(from), None) => out.push(format!("From {}", money(from))),
        (None, None) => {}
    }
    out.extend(intent.skin_types.iter().map(|s| format!("{s} skin")));
    out
}

fn page_of(query: &ListQuery, items: Vec<ProductCard>, total: i64) -> ProductPage {
    ProductPage {
        items,
        total,
        page: query.page,
        per_page: query.per_page,
        facets: Vec::new(),
        did_you_mean: None,
        understood: Vec::new(),
    }
}

/// Label every group's values and mark the chosen ones. Chosen values stay
/// listed even when nothing is left under them, so they can be unchosen.
fn groups(
    state: &AppState,
    query: &ListQuery,
    categories: &[Category],
    counts: &[(FacetKey, Vec<(String, u64)>)],
) -> Vec<FacetGroup> {
    let shop = state.shop();
    let currency = &shop.currency;
    let mut out = Vec::new();
    for (key, values) in counts {
        let key = *key;
        let chosen: Vec<&str> = match key {
            FacetKey::Category => query.category.as_deref().into_iter().collect(),
            _ => query.selected(key).collect(),
        };
        let mut list: Vec<(String, u64)> = match key {
            FacetKey::Price => PRICE_BANDS
                .iter()
                .map(|(band, ..)| (band.to_string(), count_of(values, band)))
                .filter(|(band, n)| *n > 0 || chosen.contains(&band.as_str()))
                .collect(),
            FacetKey::Rating => RATING_MINIMUMS
                .iter()
                .map(|m| (m.to_string(), count_of(values, m)))
                .filter(|(m, n)| *n > 0 || chosen.contains(&m.as_str()))
                .collect(),
            _ => values.iter().take(MAX_VALUES).cloned().collect(),
        };
        for value in &chosen {
            if !list.iter().any(|(v, _)| v == value) {
                list.push(((*value).to_owned(), count_of(values, value)));
            }
        }
        if list.is_empty() {
            continue;
        }
        let values = list
            .into_iter()
            .map(|(value, count)| FacetValue {
                label: label(state, key, &value, categories, currency),
                selected: chosen.contains(&value.as_str()),
                value,
                count,
            })
            .collect();
        out.push(FacetGroup { key, values });
    }
    out
}

fn count_of(values: &[(String, u64)], value: &str) -> u64 {
    values.iter().find(|(v, _)| v == value).map_or(0, |(_, n)| *n)
}

fn label(state: &AppState, key: FacetKey, value: &str, categories: &[Category], currency: &str) -> String {
    let whole = |minor: i64| Money::new(minor, currency).to_string().trim_end_matches(".00").to_owned();
    match key {
        FacetKey::Category => {
            categories.iter().find(|c| c.slug == value).map_or_else(|| value.to_owned(), |c| c.name.clone())
        }
        FacetKey::Shop => state.search.shop_name(value).unwrap_or_else(|| value.to_owned()),
        FacetKey::Price => match PRICE_BANDS.iter().find(|(band, ..)| *band == value) {
            Some((_, 0, Some(below))) => format!("Under {}", whole(*below)),
            Some((_, from, Some(below))) => format!("{} – {}", whole(*from), whole(*below)),
            Some((_, from, None)) => format!("{} and up", whole(*from)),
            None => value.to_owned(),
        },
        FacetKey::Rating => format!("{value} stars & up"),
        FacetKey::Stock => "In stock".to_owned(),
        _ => value.to_owned(),
    }
}
