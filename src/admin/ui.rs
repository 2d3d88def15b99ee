//! `/admin`: the back-office home. Administrators only — anyone else gets
//! the 403 page, not just a hidden link.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::analytics::ui::{SalesDashboard, ViewNav};

#[component]
pub fn AdminPage() -> impl IntoView {
    view! {
        <Title text="Back office" />
        <div class="pt-8">
            <SalesDashboard admin=true intro=|| view! {
                <div class="flex flex-wrap items-end justify-between gap-4">
                    <h1 class="text-2xl font-semibold tracking-tight sm:text-3xl">"Back office"</h1>
                    <nav aria-label="Back office" class="flex flex-wrap gap-2">
                        {LINKS.into_iter().map(|(href, label)| view! { <a href=href class=LINK>{label}</a> }).collect_view()}
                    </nav>
                </div>
                <ViewNav admin=true current="Overview" />
            } />
        </div>
    }
}

const LINK: &str = "focus-ring rounded-full border border-stone-300 px-4 py-2 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800";

const LINKS: [(&str, &str); 14] = [
    ("/admin/orders", "Orders"),
    ("/admin/people", "People"),
    ("/admin/campaigns", "Campaigns"),
    ("/admin/sellers", "Seller applications"),
    ("/admin/reviews", "Reviews"),
    ("/admin/promos", "Promo codes"),
    ("/admin/streams", "Live streams"),
    ("/admin/ai", "Search and assistant"),
    ("/admin/outbox", "Outbox"),
    ("/admin/security", "Security events"),
    ("/admin/audit", "Audit log"),
    ("/admin/reports", "Reports"),
    ("/admin/settings", "Settings"),
    ("/admin/settings/checkout", "Shipping and tax"),
];
