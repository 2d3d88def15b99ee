//! `/sell` (apply) and `/admin/sellers` (review).

mod admin_sellers;
mod sell_page;

pub use admin_sellers::AdminSellersPage;
pub use sell_page::SellPage;
