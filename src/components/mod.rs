//! Shared UI pieces used by more than one page.

mod account_menu;
mod error_view;
pub mod escape;
mod footer;
pub mod form;
mod header;
mod hydration_mark;
mod icons;
pub mod lists;
mod pager;
mod panel;
mod price;
mod search_box;
mod stars;
mod theme_toggle;

pub use account_menu::AccountMenu;
pub use error_view::{ErrorView, NotFound, set_status};
pub use footer::Footer;
pub use header::Header;
pub use hydration_mark::HydrationMark;
pub use icons::Icon;
pub use pager::Pager;
pub use panel::Panel;
pub use price::Price;
pub use search_box::SearchBox;
pub use stars::Stars;
pub use theme_toggle::ThemeToggle;

/// Focus ring shared by links and buttons, visible in both themes.
pub const FOCUS: &str = "focus-ring";
