use leptos::prelude::*;

#[component]
pub fn Footer() -> impl IntoView {
    let store = crate::settings::current_store();
    let phone_href = format!("tel:{}", store.phone.replace([' ', '(', ')', '-', '.', '/'], ""));
    view! {
        <footer class="border-t border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900">
            <div class="mx-auto grid max-w-7xl gap-8 px-4 py-10 text-sm sm:grid-cols-3 sm:px-6 lg:px-8">
                <div>
                    <p class="font-semibold">{store.name.clone()}</p>
                    <p class="mt-2 text-stone-600 dark:text-stone-400">
                        "Independent beauty labels and florists, in one market."
                    </p>
                    <address class="mt-3 space-y-1 not-italic text-stone-600 dark:text-stone-400">
                        {(!store.email.is_empty()).then(|| view! { <p><a class="hover:underline" href=format!("mailto:{}", store.email)>{store.email.clone()}</a></p> })}
                        {(!store.phone.is_empty()).then(|| view! { <p><a class="hover:underline" href=phone_href>{store.phone.clone()}</a></p> })}
                        {(!store.address.is_empty()).then(|| view! { <p class="whitespace-pre-line">{store.address.clone()}</p> })}
                    </address>
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
