use leptos::prelude::*;

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="border-t border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900">
            <div class="mx-auto grid max-w-7xl gap-8 px-4 py-10 text-sm sm:grid-cols-3 sm:px-6 lg:px-8">
                <div>
                    <p class="font-semibold">"Bazaar"</p>
                    <p class="mt-2 text-stone-600 dark:text-stone-400">
                        "Independent beauty labels and florists, in one market."
                    </p>
                </div>
                <nav aria-label="Shop">
                    <p class="font-semibold">"Shop"</p>
                    <ul class="mt-2 space-y-1 text-stone-600 dark:text-stone-400">
                        <li><a class="hover:underline" href="/products">"All products"</a></li>
                        <li><a class="hover:underline" href="/categories/beauty">"Beauty"</a></li>
                        <li><a class="hover:underline" href="/categories/florals">"Florals"</a></li>
                        <li><a class="hover:underline" href="/sell">"Sell on Bazaar"</a></li>
                    </ul>
                </nav>
                <nav aria-label="Developers">
                    <p class="font-semibold">"Developers"</p>
                    <ul class="mt-2 space-y-1 text-stone-600 dark:text-stone-400">
                        <li><a class="hover:underline" href="/api/docs">"API reference"</a></li>
                        <li><a class="hover:underline" href="/api/v1/openapi.json" rel="external">"OpenAPI document"</a></li>
                        <li><a class="hover:underline" href="/health" rel="external">"Status"</a></li>
                    </ul>
                </nav>
            </div>
        </footer>
    }
}
