use leptos::prelude::*;

use crate::catalog::{Category, ListQuery, Sort};
use crate::components::FOCUS;

/// Category links with counts; parents first, children indented.
/// `href` turns a category slug (None = all) into a link.
#[component]
pub fn CategoryNav(
    categories: Vec<Category>,
    current: Option<String>,
    href: Callback<Option<String>, String>,
) -> impl IntoView {
    let item = move |slug: Option<String>, label: String, count: i64, indent: bool| {
        let active = slug == current;
        let class = format!(
            "flex items-center justify-between rounded-lg px-3 py-1.5 text-sm {} {} {FOCUS}",
            if indent { "ml-3" } else { "font-medium" },
            if active {
                "bg-stone-900 text-white dark:bg-stone-100 dark:text-stone-900"
            } else {
                "text-stone-700 hover:bg-stone-100 dark:text-stone-300 dark:hover:bg-stone-800"
            }
        );
        view! {
            <li>
                <a href=href.run(slug) class=class aria-current=active.then_some("page")>
                    <span>{label}</span>
                    <span class="text-xs opacity-70">{count}</span>
                </a>
            </li>
        }
    };
    let total: i64 = categories.iter().filter(|c| c.parent_id.is_none()).map(|c| c.product_count).sum();
    let parents: Vec<Category> = categories.iter().filter(|c| c.parent_id.is_none()).cloned().collect();
    view! {
        <nav aria-label="Categories">
            <h2 class="px-3 text-xs font-semibold uppercase tracking-wider text-stone-500 dark:text-stone-400">"Categories"</h2>
            <ul class="mt-2 space-y-0.5" role="list">
                {item(None, "All products".into(), total, false)}
                {parents.into_iter().map(|p| {
                    let children: Vec<Category> =
                        categories.iter().filter(|c| c.parent_id.as_ref() == Some(&p.id)).cloned().collect();
                    view! {
                        {item(Some(p.slug.clone()), p.name.clone(), p.product_count, false)}
                        {children.into_iter().map(|c| item(Some(c.slug), c.name, c.product_count, true)).collect_view()}
                    }
                }).collect_view()}
            </ul>
        </nav>
    }
}

/// Sort select in a GET form that keeps the other filters. Submits on
/// change with JavaScript (an island); the button does it without.
#[island]
pub fn SortForm(query: ListQuery, action: String) -> impl IntoView {
    let on_change = move |_ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            if let Some(form) = _ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .and_then(|s| s.form())
            {
                let _ = form.request_submit();
            }
        }
    };
    let current = query.sort;
    view! {
        <form method="get" action=action class="flex items-center gap-2">
            {query.search.clone().map(|q| view! { <input type="hidden" name="q" value=q /> })}
            {query.category.clone().map(|c| view! { <input type="hidden" name="category" value=c /> })}
            {query.filters.iter().map(|(k, v)| view! { <input type="hidden" name=k.param() value=v.clone() /> }).collect_view()}
            <label for="sort" class="text-sm text-stone-600 dark:text-stone-400">"Sort by"</label>
            <select
                id="sort"
                name="sort"
                on:change=on_change
                class=format!("rounded-full border border-stone-300 bg-white py-1.5 pl-3 pr-8 text-sm dark:border-stone-700 dark:bg-stone-900 {FOCUS}")
            >
                {Sort::options(query.search.is_some()).map(|s| view! {
                    <option value=s.as_str() selected=s == current>{s.label()}</option>
                }).collect_view()}
            </select>
            <button type="submit" class=format!("rounded-full border border-stone-300 px-3 py-1.5 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800 {FOCUS}")>
                "Apply"
            </button>
        </form>
    }
}
