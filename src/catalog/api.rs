//! Catalog server functions: thin — find the state, call the service.

use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

use super::{CategoryView, HomeData, ListingView, ProductDetail, ShopView, Suggestion};
use crate::error::AppError;

/// Query-string pairs as the page received them; parsed on the server.
pub type Pairs = Vec<(String, String)>;

#[server(input = Json)]
pub async fn get_home() -> Result<HomeData, AppError> {
    let state = crate::server::state::current()?;
    let mut home = super::service::home(&state).await?;
    if let Some(viewer) = crate::server::auth::viewer().await? {
        let mut c = state.db.conn().await?;
        let ids = super::discovery::followed_ids(&mut c, &viewer.id, 8).await?;
        home.from_followed = super::service::cards_in_order(&mut c, &ids).await?;
        (home.for_you, home.no_profile) = crate::recs::service::for_person(&state, &viewer.id, 8).await?;
        let mut for_you: Vec<super::ProductCard> = home.for_you.iter().map(|s| s.card.clone()).collect();
        crate::wishlist::service::mark(&mut c, &viewer.id, &mut for_you).await?;
        for (s, card) in home.for_you.iter_mut().zip(for_you) {
            s.card = card;
        }
        for shelf in [
            &mut home.featured,
            &mut home.new_arrivals,
            &mut home.top_rated,
            &mut home.trending,
            &mut home.from_followed,
        ] {
            crate::wishlist::service::mark(&mut c, &viewer.id, shelf).await?;
        }
    }
    Ok(home)
}

/// One round trip for the listing page: products and the category tree
/// (a single resource keeps the page's Suspense simple).
#[server(input = Json)]
pub async fn get_listing(pairs: Pairs) -> Result<ListingView, AppError> {
    let state = crate::server::state::current()?;
    let query = super::ListQuery::from_pairs(&pairs)?;
    let mut view = super::service::listing(&state, &query).await?;
    crate::wishlist::api::mark_cards(&state, &mut view.products.items).await?;
    // Searches that found nothing tell the shop what to stock.
    if let (Some(words), 0, Some(visit)) =
        (query.search.as_deref(), view.products.total, crate::traffic::layer::current_visit())
        && query.page == 1
    {
        state.traffic.no_results(&visit, words);
    }
    Ok(view)
}

#[server(input = Json)]
pub async fn get_product(slug: String) -> Result<ProductDetail, AppError> {
    let state = crate::server::state::current()?;
    // The product and its related cards are shared for a moment (emptied by
    // the change feed); only the viewer's hearts are added per request.
    let cached = state
        .products
        .get_or_load(&slug, || async {
            let categories = super::service::categories(&state).await?;
            let mut c = state.db.conn().await?;
            let mut detail = super::service::product(&mut c, &slug, &categories).await?;
            let similar = crate::recs::service::similar(&state, &detail.card.id, 4).await?;
            detail.related = if similar.is_empty() {
                let related = state.discovery.related(&mut c, &detail.card, 4).await?;
                super::service::cards_in_order(&mut c, &related).await?
            } else {
                similar.into_iter().map(|s| s.card).collect()
            };
            detail.together = crate::recs::service::together(&state, &detail.card.id, 4)
                .await?
                .into_iter()
                .map(|s| s.card)
                .collect();
            Ok(detail)
        })
        .await?;
    let mut detail = ProductDetail::clone(&cached);
    state.discovery.views.record(&detail.card.id);
    if let Some(viewer) = crate::server::auth::viewer().await? {
        state.discovery.views.record_person(&viewer.id, &detail.card.id);
    }
    // The product's heart and its related cards' hearts in one query.
    let (related, together) = (detail.related.len(), detail.together.len());
    let mut cards: Vec<super::ProductCard> = std::iter::once(detail.card.clone())
        .chain(detail.related.drain(..))
        .chain(detail.together.drain(..))
        .collect();
    crate::wishlist::api::mark_cards(&state, &mut cards).await?;
    let mut cards = cards.into_iter();
    detail.card = cards.next().ok_or(AppError::Internal)?;
    detail.related = cards.by_ref().take(related).collect();
    detail.together = cards.take(together).collect();
    Ok(detail)
}

#[server(input = Json)]
pub async fn get_category_view(slug: String, pairs: Pairs) -> Result<CategoryView, AppError> {
    let state = crate::server::state::current()?;
    let query = super::ListQuery::from_pairs(&pairs)?;
    let mut view = super::service::category_view(&state, &slug, &query).await?;
    crate::wishlist::api::mark_cards(&state, &mut view.products.items).await?;
    Ok(view)
}

#[server(input = Json)]
pub async fn get_shop_view(slug: String, pairs: Pairs) -> Result<ShopView, AppError> {
    let state = crate::server::state::current()?;
    let query = super::ListQuery::from_pairs(&pairs)?;
    let mut view = super::service::shop_view(&state, &slug, &query).await?;
    if let Some(viewer) = crate::server::auth::viewer().await? {
        let mut c = state.db.conn().await?;
        crate::wishlist::service::mark(&mut c, &viewer.id, &mut view.products.items).await?;
        view.following = Some(crate::sellers::follows::follows(&mut c, &viewer.id, &view.shop.id).await?);
    }
    Ok(view)
}

/// The search box's suggestions for what has been typed so far.
#[server(input = GetUrl)]
pub async fn get_suggestions(q: String) -> Result<Vec<Suggestion>, AppError> {
    let state = crate::server::state::current()?;
    super::listing::suggest(&state, &q).await
}
