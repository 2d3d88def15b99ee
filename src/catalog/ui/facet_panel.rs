use leptos::prelude::*;

use crate::catalog::{FacetGroup, FacetKey, ListQuery, Sort};

/// Facet checkboxes with counts in a GET form that keeps the words,
/// category and sort. Without JavaScript the "Apply" button submits; with
/// it, any change does (the `AutoSubmit` island).
#[component]
pub fn FacetPanel(query: ListQuery, facets: Vec<FacetGroup>, action: String) -> impl IntoView {
    let groups: Vec<FacetGroup> = facets.into_iter().filter(|g| g.key != FacetKey::Category).collect();
    if groups.is_empty() {
        return ().into_any();
    }
    let by_default = if query.search.is_some() { Sort::Relevance } else { Sort::Newest };
    let clear = ListQuery { filters: Vec::new(), page: 1, ..query.clone() }.href(&action);
    let any_chosen = !query.filters.is_empty();
    view! {
        <form method="get" action=action aria-label="Filters" class="mt-8">
            {query.search.clone().map(|q| view! { <input type="hidden" name="q" value=q /> })}
            {query.category.clone().map(|c| view! { <input type="hidden" name="category" value=c /> })}
            {(query.sort != by_default).then(|| view! { <input type="hidden" name="sort" value=query.sort.as_str() /> })}
            <AutoSubmit>
                <div class="space-y-6">
                    {groups.into_iter().map(|g| view! { <Group group=g /> }).collect_view()}
                </div>
            </AutoSubmit>
            <div class="mt-6 flex items-center gap-3">
                <button type="submit" class="focus-ring rounded-full bg-stone-900 px-4 py-1.5 text-sm font-medium text-white hover:bg-stone-700 dark:bg-stone-100 dark:text-stone-900 dark:hover:bg-stone-300">
                    "Apply filters"
                </button>
                {any_chosen.then(|| view! {
                    <a href=clear class="focus-ring rounded text-sm font-medium text-rose-700 underline dark:text-rose-300">"Clear filters"</a>
                })}
            </div>
        </form>
    }
    .into_any()
}

#[component]
fn Group(group: FacetGroup) -> impl IntoView {
    let key = group.key;
    let name = key.param();
    // A minimum rating is one choice (radio, with "any"); the rest add up.
    let radio = key == FacetKey::Rating;
    let none_chosen = !group.values.iter().any(|v| v.selected);
    view! {
        <fieldset>
            <legend class="px-3 text-xs font-semibold uppercase tracking-wider text-stone-500 dark:text-stone-400">
                {key.label()}
            </legend>
            <ul class="mt-2 space-y-0.5" role="list">
                {radio.then(|| view! {
                    <li>
                        <label class="facet-option">
                            <input type="radio" name=name value="" checked=none_chosen class="facet-input" />
                            <span>"Any rating"</span>
                        </label>
                    </li>
                })}
                {group.values.into_iter().map(|v| view! {
                    <li>
                        <label class="facet-option">
                            <input
                                type=if radio { "radio" } else { "checkbox" }
                                name=name
                                value=v.value
                                checked=v.selected
                                class="facet-input"
                            />
                            <span>{v.label}</span>
                            <span class="facet-count">{v.count}</span>
                        </label>
                    </li>
                }).collect_view()}
            </ul>
        </fieldset>
    }
}

/// Submits the surrounding form whenever a field inside changes.
#[island]
pub fn AutoSubmit(children: Children) -> impl IntoView {
    let on_change = move |_ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            if let Some(form) = _ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .and_then(|i| i.form())
            {
                let _ = form.request_submit();
            }
        }
    };
    view! { <div on:change=on_change>{children()}</div> }
}
