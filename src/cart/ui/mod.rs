//! `/cart`, the add-to-cart forms and the header's cart link.

mod add;
mod cart_page;

pub use add::{AddToCartForm, CartLink};
pub use cart_page::CartPage;
