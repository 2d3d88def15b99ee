//! `/sell` (apply) and `/admin/sellers` (review).

mod admin_sellers;
mod following;
mod sell_page;

pub use admin_sellers::AdminSellersPage;
pub use following::FollowingPage;
pub use sell_page::SellPage;
