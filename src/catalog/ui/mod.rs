//! Storefront pages for the catalog.

mod category_page;
mod facet_panel;
mod filters;
mod home;
mod kept;
mod product_card;
mod product_list;
mod product_page;
mod shop_page;

pub use category_page::CategoryPage;
pub use facet_panel::FacetPanel;
pub use home::HomePage;
pub use kept::kept;
pub use product_card::{GridSkeleton, ProductCardView, ProductGrid};
pub use product_list::ProductListPage;
pub use product_page::ProductPage;
pub use shop_page::ShopPage;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The current URL's query as owned pairs, to hand to a server function.
pub fn query_pairs() -> impl Fn() -> Vec<(String, String)> + Copy + Send + Sync + 'static {
    let query = use_query_map();
    move || query.get().into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}
