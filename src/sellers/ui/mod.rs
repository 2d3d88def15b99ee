//! `/sell` (apply) and `/admin/sellers` (review).

mod admin_sellers;
mod following;
mod sell_page;
mod shop_profile;

pub use admin_sellers::AdminSellersPage;
pub use following::FollowingPage;
pub use sell_page::SellPage;
pub use shop_profile::ShopProfilePage;
