//! The analytics pages beside `/admin` (the back office's home, in
//! `admin::ui`): the customers view for the back office, and a seller's own
//! shop's figures under `/studio/analytics` (never another shop's: the
//! server picks the shop from the seller's account).

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::shell::ViewNav;
use super::{CustomerFigures, FinanceFigures, InventoryFigures, SalesDashboard, TrafficFigures};

const BACK: &str = "text-sm text-rose-700 hover:underline dark:text-rose-300";
const H1: &str = "mt-2 text-2xl font-semibold tracking-tight sm:text-3xl";
const LEAD: &str = "mt-1 text-sm text-stone-600 dark:text-stone-400";

#[component]
pub fn AdminCustomersPage() -> impl IntoView {
    view! {
        <Title text="Customers · Back office" />
        <div class="pt-8">
            <CustomerFigures admin=true intro=|| view! {
                <a href="/admin" class=BACK>"← Back office"</a>
                <h1 class=H1>"Customers"</h1>
                <p class=LEAD>"Who bought, who came back and who drifted away, by the day of their paid orders."</p>
                <ViewNav admin=true current="Customers" />
            } />
        </div>
    }
}

#[component]
pub fn AdminSalesPage() -> impl IntoView {
    view! {
        <Title text="Sales · Back office" />
        <div class="pt-8">
            <SalesDashboard admin=true detail=true intro=|| view! {
                <a href="/admin" class=BACK>"← Back office"</a>
                <h1 class=H1>"Sales"</h1>
                <p class=LEAD>"Paid orders less refunds, by the day they were paid: by shop, category, product and channel, and what promo codes did."</p>
                <ViewNav admin=true current="Sales" />
            } />
        </div>
    }
}

#[component]
pub fn StudioAnalyticsPage() -> impl IntoView {
    view! {
        <Title text="Your shop's figures" />
        <Meta name="robots" content="noindex" />
        <div class="pt-8">
            <SalesDashboard admin=false detail=true intro=|| view! {
                <a href="/studio" class=BACK>"← Studio"</a>
                <h1 class=H1>"Your shop's figures"</h1>
                <p class=LEAD>"Sales of your shop: paid orders, less refunds, by the day they were paid."</p>
                <ViewNav admin=false current="Sales" />
            } />
        </div>
    }
}

#[component]
pub fn StudioCustomersPage() -> impl IntoView {
    view! {
        <Title text="Your customers" />
        <Meta name="robots" content="noindex" />
        <div class="pt-8">
            <CustomerFigures admin=false intro=|| view! {
                <a href="/studio" class=BACK>"← Studio"</a>
                <h1 class=H1>"Your customers"</h1>
                <p class=LEAD>"Who bought from your shop, who came back and who drifted away."</p>
                <ViewNav admin=false current="Customers" />
            } />
        </div>
    }
}

#[component]
pub fn AdminInventoryPage() -> impl IntoView {
    view! {
        <Title text="Inventory · Back office" />
        <div class="pt-8">
            <InventoryFigures admin=true intro=|| view! {
                <a href="/admin" class=BACK>"← Back office"</a>
                <h1 class=H1>"Inventory"</h1>
                <p class=LEAD>"What the stock is worth, what is about to run out, and what is not selling."</p>
                <ViewNav admin=true current="Inventory" />
            } />
        </div>
    }
}

#[component]
pub fn StudioInventoryPage() -> impl IntoView {
    view! {
        <Title text="Your stock" />
        <Meta name="robots" content="noindex" />
        <div class="pt-8">
            <InventoryFigures admin=false intro=|| view! {
                <a href="/studio" class=BACK>"← Studio"</a>
                <h1 class=H1>"Your stock"</h1>
                <p class=LEAD>"What your stock is worth, what is about to run out, and what is not selling. Give products a cost and their own alert level in their editor."</p>
                <ViewNav admin=false current="Inventory" />
            } />
        </div>
    }
}

#[component]
pub fn AdminFinancePage() -> impl IntoView {
    view! {
        <Title text="Finance · Back office" />
        <div class="pt-8">
            <FinanceFigures admin=true intro=|| view! {
                <a href="/admin" class=BACK>"← Back office"</a>
                <h1 class=H1>"Finance"</h1>
                <p class=LEAD>"Month by month: sales, discounts, refunds, tax, card fees and the goods' cost, what is left, and what each shop is owed."</p>
                <ViewNav admin=true current="Finance" />
            } />
        </div>
    }
}

#[component]
pub fn StudioFinancePage() -> impl IntoView {
    view! {
        <Title text="Your money" />
        <Meta name="robots" content="noindex" />
        <div class="pt-8">
            <FinanceFigures admin=false intro=|| view! {
                <a href="/studio" class=BACK>"← Studio"</a>
                <h1 class=H1>"Your money"</h1>
                <p class=LEAD>"What your shop sold, what it cost, and what it kept, month by month."</p>
                <ViewNav admin=false current="Finance" />
            } />
        </div>
    }
}

#[component]
pub fn AdminTrafficPage() -> impl IntoView {
    view! {
        <Title text="Traffic · Back office" />
        <div class="pt-8">
            <TrafficFigures intro=|| view! {
                <a href="/admin" class=BACK>"← Back office"</a>
                <h1 class=H1>"Traffic"</h1>
                <p class=LEAD>"Who came, what they looked at, how many bought — counted by the shop itself, with no cookie and no outside script."</p>
                <ViewNav admin=true current="Traffic" />
            } />
        </div>
    }
}
