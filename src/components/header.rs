use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{AccountMenu, FOCUS, Icon, SearchBox, ThemeToggle};

const NAV: [(&str, &str); 5] = [
    ("/products", "Shop all"),
    ("/categories/beauty", "Beauty"),
    ("/categories/florals", "Florals"),
    ("/live", "Live"),
    ("/assistant", "Assistant"),
];

/// The search box, pre-filled with the current query.
#[component]
fn SearchForm(id: &'static str) -> impl IntoView {
    let current = use_query_map().read_untracked().get("q").unwrap_or_default();
    view! {
        <form method="get" action="/products" role="search" class="relative w-full">
            <label for=id class="sr-only">"Search products"</label>
            <SearchBox id=id.to_owned() value=current />
            <span class="pointer-events-none absolute inset-y-0 left-3 flex items-center text-stone-500">
                <Icon name="search" class="h-4 w-4" />
            </span>
        </form>
    }
}

#[component]
pub fn Header() -> impl IntoView {
    let link = format!(
        "rounded-md px-3 py-2 text-sm font-medium text-stone-700 hover:bg-stone-100 hover:text-stone-900 dark:text-stone-300 dark:hover:bg-stone-800 dark:hover:text-white {FOCUS}"
    );
    let store = crate::settings::current_store();
    let initial = store.name.chars().next().unwrap_or('B').to_uppercase().to_string();
    view! {
        <header class="sticky top-0 z-40 border-b border-stone-200 bg-white/90 backdrop-blur dark:border-stone-800 dark:bg-stone-900/90">
            <div class="mx-auto flex h-16 max-w-7xl items-center gap-4 px-4 sm:px-6 lg:px-8">
                <a href="/" class=format!("flex items-center gap-2 rounded-md text-lg font-semibold tracking-tight {FOCUS}")>
                    {match store.logo {
                        Some(id) => view! { <img src=crate::media::url(&id) alt="" width="32" height="32" class="h-8 w-8 rounded-lg object-contain" /> }.into_any(),
                        None => view! { <span class="grid h-8 w-8 place-items-center rounded-lg bg-rose-700 text-white" aria-hidden="true">{initial}</span> }.into_any(),
                    }}
                    <span class="max-w-[10rem] truncate sm:max-w-none">{store.name}</span>
                </a>
                <nav class="hidden md:flex md:items-center md:gap-1" aria-label="Main">
                    {NAV.iter().map(|(href, label)| view! { <a href=*href class=link.clone()>{*label}</a> }).collect_view()}
                </nav>
                <div class="ml-auto hidden w-full max-w-sm sm:block">
                    <SearchForm id="search-desktop" />
                </div>
                <div class="ml-auto flex items-center gap-1 sm:ml-0">
                    <ThemeToggle />
                    <crate::notifications::ui::NotificationBell />
                    <AccountMenu />
                    <crate::cart::ui::CartLink />
                    <details class="relative md:hidden">
                        <summary class=format!("flex h-10 w-10 cursor-pointer list-none items-center justify-center rounded-full hover:bg-stone-100 dark:hover:bg-stone-800 {FOCUS}")>
                            <Icon name="menu" />
                            <span class="sr-only">"Menu"</span>
                        </summary>
                        <nav class="absolute right-0 mt-2 w-48 rounded-xl border border-stone-200 bg-white p-2 shadow-lg dark:border-stone-700 dark:bg-stone-900" aria-label="Mobile">
                            {NAV.iter().map(|(href, label)| view! { <a href=*href class=format!("block {link}")>{*label}</a> }).collect_view()}
                        </nav>
                    </details>
                </div>
            </div>
            <div class="px-4 pb-3 sm:hidden">
                <SearchForm id="search-mobile" />
            </div>
        </header>
    }
}
