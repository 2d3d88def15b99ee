//! `/wishlist` and `/wishlist/shared/{token}`.

mod shared_page;
mod wishlist_page;

pub use shared_page::SharedWishlistPage;
pub use wishlist_page::WishlistPage;
