//! The studio's product pages.

mod editor;
mod fields;
mod pictures;
mod products;

use leptos::prelude::*;

pub use editor::ProductEditorPage;
pub use products::StudioProductsPage;

use super::ProductStatus;

/// "Published" / "Draft" / "Archived" as a small coloured label.
#[component]
fn StatusBadge(status: ProductStatus) -> impl IntoView {
    let tone = match status {
        ProductStatus::Active => "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
        ProductStatus::Draft => "bg-amber-100 text-amber-950 dark:bg-amber-950 dark:text-amber-100",
        ProductStatus::Archived => "bg-stone-200 text-stone-800 dark:bg-stone-800 dark:text-stone-200",
    };
    view! {
        <span class=format!("inline-flex shrink-0 items-center rounded-full px-2.5 py-0.5 text-xs font-medium {tone}")>
            {status.label()}
        </span>
    }
}
