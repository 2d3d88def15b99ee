use leptos::prelude::*;

use super::{FOCUS, Icon};
use crate::catalog::ListQuery;

/// Page numbers to show: first, last, and a window around the current one.
/// `None` marks a gap.
pub fn page_window(current: u32, last: u32) -> Vec<Option<u32>> {
    let mut pages: Vec<u32> = vec![1, last];
    pages.extend(current.saturating_sub(2).max(1)..=(current + 2).min(last));
    pages.sort_unstable();
    pages.dedup();
    let mut out = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        if i > 0 && *p > pages[i - 1] + 1 {
            out.push(None);
        }
        out.push(Some(*p));
    }
    out
}

/// Previous / numbered / next links that keep the rest of the query.
#[component]
pub fn Pager(query: ListQuery, page_count: u32, base: String) -> impl IntoView {
    if page_count <= 1 {
        return ().into_any();
    }
    let current = query.page.min(page_count);
    let link = |page: u32| query.with_page(page).href(&base);
    let btn =
        format!("inline-flex h-10 min-w-10 items-center justify-center rounded-full px-3 text-sm {FOCUS}");
    let prev = (current > 1).then(|| link(current - 1));
    let next = (current < page_count).then(|| link(current + 1));
    view! {
        <nav class="mt-10 flex items-center justify-center gap-1" aria-label="Pagination">
            {prev.map(|href| view! {
                <a href=href rel="prev" class=format!("{btn} hover:bg-stone-200 dark:hover:bg-stone-800")>
                    <Icon name="chevron-left" /><span class="sr-only sm:not-sr-only sm:ml-1">"Previous"</span>
                </a>
            })}
            {page_window(current, page_count).into_iter().map(|p| match p {
                None => view! { <span class="px-1 text-stone-400" aria-hidden="true">"…"</span> }.into_any(),
                Some(n) if n == current => view! {
                    <span aria-current="page" class=format!("{btn} bg-stone-900 font-semibold text-white dark:bg-stone-100 dark:text-stone-900")>
                        {n}
                    </span>
                }.into_any(),
                Some(n) => view! {
                    <a href=link(n) class=format!("{btn} hidden hover:bg-stone-200 sm:inline-flex dark:hover:bg-stone-800")
                        aria-label=format!("Page {n}")>{n}</a>
                }.into_any(),
            }).collect_view()}
            {next.map(|href| view! {
                <a href=href rel="next" class=format!("{btn} hover:bg-stone-200 dark:hover:bg-stone-800")>
                    <span class="sr-only sm:not-sr-only sm:mr-1">"Next"</span><Icon name="chevron-right" />
                </a>
            })}
        </nav>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::page_window;

    #[test]
    fn window_has_gaps() {
        assert_eq!(page_window(1, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(
            page_window(10, 20),
            vec![Some(1), None, Some(8), Some(9), Some(10), Some(11), Some(12), None, Some(20)]
        );
    }
}
