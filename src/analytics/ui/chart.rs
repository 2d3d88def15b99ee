//! A chart and its data. The option JSON rides in a data attribute (escaped
//! like any attribute); the chart script draws it and folds the table away
//! under "Show as table". Without JavaScript the table is simply there.

use leptos::prelude::*;

#[component]
pub fn ChartFigure(
    title: &'static str,
    /// What the chart says, in words (its `aria-label`).
    summary: String,
    /// ECharts option JSON.
    option: String,
    #[prop(optional)] tall: bool,
    /// The table as a CSV file.
    #[prop(optional)]
    download: Option<String>,
    children: Children,
) -> impl IntoView {
    let height = if tall { "h-80" } else { "h-64" };
    view! {
        <figure class="min-w-0 rounded-2xl border border-stone-200 bg-white p-4 sm:p-5 dark:border-stone-800 dark:bg-stone-900" data-chart-figure>
            <figcaption class="flex items-baseline justify-between gap-2">
                <span class="text-base font-semibold">{title}</span>
                {download.map(|href| view! { <CsvLink href what=title.to_lowercase() /> })}
            </figcaption>
            <div data-chart data-option=option role="img" aria-label=summary class=format!("mt-3 w-full {height}") hidden></div>
            <details open data-chart-table class="mt-3 text-sm">
                <summary class="focus-ring cursor-pointer rounded text-rose-700 hover:underline dark:text-rose-300">"Show as table"</summary>
                <div class="mt-2 max-h-80 overflow-auto">{children()}</div>
            </details>
        </figure>
    }
}

/// A table's CSV download; `what` names it for a screen reader.
#[component]
pub fn CsvLink(href: String, #[prop(into)] what: String) -> impl IntoView {
    view! {
        <a href=href download class="focus-ring rounded text-xs font-medium text-rose-700 hover:underline dark:text-rose-300">
            "CSV"<span class="sr-only">{format!(" of {what}")}</span>
        </a>
    }
}
