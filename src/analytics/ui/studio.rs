//! `/studio/analytics`: a seller's own shop's figures (never another's:
//! the server picks the shop from the seller's account).

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::SalesDashboard;

#[component]
pub fn StudioAnalyticsPage() -> impl IntoView {
    view! {
        <Title text="Your shop's figures" />
        <Meta name="robots" content="noindex" />
        <div class="pt-8">
            <SalesDashboard admin=false intro=|| view! {
                <a href="/studio" class="text-sm text-rose-700 hover:underline dark:text-rose-300">"← Studio"</a>
                <h1 class="mt-2 text-2xl font-semibold tracking-tight sm:text-3xl">"Your shop's figures"</h1>
                <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">"Sales of your shop: paid orders, less refunds, by the day they were paid."</p>
            } />
        </div>
    }
}
