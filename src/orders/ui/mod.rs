//! `/orders` and `/orders/{id}`.

mod desk;
mod live;
mod order_page;
mod orders_page;

pub use desk::{AdminOrdersPage, StudioOrdersPage};
pub use live::LiveOrderStatus;
#[cfg(feature = "hydrate")]
pub use live::watch;
pub use order_page::{OrderDeskPage, OrderPage};
pub use orders_page::OrdersPage;

use leptos::prelude::*;

use super::OrderStatus;

/// A coloured status label.
#[component]
pub fn StatusBadge(status: OrderStatus) -> impl IntoView {
    let class = match status {
        OrderStatus::Pending => "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
        OrderStatus::Paid | OrderStatus::Processing => {
            "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200"
        }
        OrderStatus::Shipped | OrderStatus::Delivered => {
            "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200"
        }
        _ => "bg-stone-200 text-stone-800 dark:bg-stone-800 dark:text-stone-200",
    };
    view! {
        <span class=format!("inline-flex rounded-full px-2.5 py-0.5 text-xs font-semibold {class}") data-testid="order-status">
            {status.label()}
        </span>
    }
}

pub use crate::dates::when;
