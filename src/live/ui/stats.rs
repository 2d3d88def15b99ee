//! A stream's numbers: tiles, viewers over time (an inline SVG, no script)
//! and the products bought from it. In the console and the back office.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::accounts::ui::Refused;
use crate::live::stats::StreamStats;
use crate::live::{StreamCard, StreamStatus};

/// "1 h 4 min", "4 min 12 s", "35 s".
pub fn duration_label(ms: i64) -> String {
    let s = ms / 1000;
    match (s / 3600, (s % 3600) / 60, s % 60) {
        (0, 0, s) => format!("{s} s"),
        (0, m, s) => format!("{m} min {s} s"),
        (h, m, _) => format!("{h} h {m} min"),
    }
}

#[component]
fn Tile(label: &'static str, value: String) -> impl IntoView {
    view! {
        <div class="rounded-xl border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
            <dt class="text-xs font-medium uppercase tracking-wide text-stone-600 dark:text-stone-400">{label}</dt>
            <dd class="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
        </div>
    }
}

/// Viewers over time as an area chart scaled to the peak.
#[component]
fn Curve(points: Vec<i64>, peak: i64) -> impl IntoView {
    let (w, h) = (480.0_f64, 96.0_f64);
    let top = peak.max(1) as f64;
    let step = if points.len() > 1 { w / (points.len() - 1) as f64 } else { w };
    let line: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, v)| format!("{:.1},{:.1}", i as f64 * step, h - (*v as f64 / top) * (h - 4.0)))
        .collect();
    let area = format!("0,{h} {} {w},{h}", line.join(" "));
    view! {
        <svg viewBox=format!("0 0 {w} {h}") class="h-24 w-full text-rose-600 dark:text-rose-400" preserveAspectRatio="none"
            role="img" aria-label=format!("Viewers over time, at most {peak} at once") data-testid="viewer-curve">
            <polygon points=area fill="currentColor" fill-opacity="0.15"></polygon>
            <polyline points=line.join(" ") fill="none" stroke="currentColor" stroke-width="2" vector-effect="non-scaling-stroke"></polyline>
        </svg>
    }
}

/// The numbers of one stream.
#[component]
pub fn StatsPanel(stats: StreamStats) -> impl IntoView {
    let s = stats;
    view! {
        <section class="mt-8" aria-labelledby="stats-heading" data-testid="stream-stats">
            <h2 id="stats-heading" class="text-lg font-semibold">{if s.live { "How it is going" } else { "How it went" }}</h2>
            <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">
                {format!("{} on air.", duration_label(s.duration_ms))}
                {s.live.then_some(" So far: people watching now count once they leave.")}
            </p>
            <dl class="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
                <Tile label="Peak viewers" value=s.peak_viewers.to_string() />
                <Tile label="Average viewers" value=format!("{:.1}", s.average_viewers) />
                <Tile label="Unique viewers" value=s.unique_viewers.to_string() />
                <Tile label="Average watch" value=duration_label(s.average_watch_ms) />
                <Tile label="Chat messages" value=s.messages.to_string() />
                <Tile label="Orders" value=s.orders.to_string() />
                <Tile label="Revenue" value=s.revenue.clone() />
            </dl>
            <div class="mt-4 rounded-xl border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
                <p class="text-sm font-medium">"Viewers over time"</p>
                <Curve points=s.curve.clone() peak=s.peak_viewers />
            </div>
            <div class="mt-4">
                <h3 class="text-sm font-semibold">"Top products"</h3>
                {if s.top_products.is_empty() {
                    view! { <p class="mt-2 text-sm text-stone-600 dark:text-stone-400">"Nothing bought from this stream yet."</p> }.into_any()
                } else {
                    view! {
                        <ol class="mt-2 divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white text-sm dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900" data-testid="top-products">
                            {s.top_products.into_iter().map(|p| view! {
                                <li class="flex justify-between gap-4 px-4 py-2">
                                    <span class="min-w-0 truncate">{p.title}</span>
                                    <span class="flex-none tabular-nums text-stone-600 dark:text-stone-400">{format!("{} sold · {}", p.quantity, p.revenue)}</span>
                                </li>
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }}
            </div>
        </section>
    }
}

/// `/admin/streams`: every stream that went on air, with its numbers
/// (staff and administrators).
#[component]
pub fn AdminStreamsPage() -> impl IntoView {
    let rows = Resource::new(|| (), |_| crate::live::api::admin_streams());
    view! {
        <Title text="Live streams" />
        <Meta name="robots" content="noindex" />
        <div class="pt-8">
            <a href="/admin" class="text-sm text-rose-700 hover:underline dark:text-rose-300">"← Back office"</a>
            <h1 class="mt-2 text-2xl font-semibold tracking-tight sm:text-3xl">"Live streams"</h1>
            <Suspense fallback=|| view! { <p class="mt-6 text-sm text-stone-500" aria-busy="true">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Ok(rows) if rows.is_empty() => view! {
                            <p class="mt-6 rounded-2xl border border-dashed border-stone-300 p-10 text-center text-sm dark:border-stone-700">"No stream has gone live yet."</p>
                        }.into_any(),
                        Ok(rows) => view! { <DeskTable rows /> }.into_any(),
                        Err(e) => view! { <Refused error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn DeskTable(rows: Vec<(StreamCard, StreamStats)>) -> impl IntoView {
    view! {
        <div class="mt-6 overflow-x-auto rounded-2xl border border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900">
            <table class="w-full min-w-[48rem] text-left text-sm" data-testid="stream-desk">
                <thead class="text-xs uppercase text-stone-600 dark:text-stone-400">
                    <tr>
                        <th scope="col" class="px-4 py-3">"Stream"</th>
                        <th scope="col" class="px-2">"On air"</th>
                        <th scope="col" class="px-2 text-right">"Peak"</th>
                        <th scope="col" class="px-2 text-right">"Unique"</th>
                        <th scope="col" class="px-2 text-right">"Avg. watch"</th>
                        <th scope="col" class="px-2 text-right">"Messages"</th>
                        <th scope="col" class="px-2 text-right">"Orders"</th>
                        <th scope="col" class="px-4 text-right">"Revenue"</th>
                    </tr>
                </thead>
                <tbody class="divide-y divide-stone-100 dark:divide-stone-800">
                    {rows.into_iter().map(|(card, s)| view! {
                        <tr>
                            <td class="px-4 py-3">
                                <a href=format!("/studio/streams/{}", card.id) class="font-medium text-rose-700 hover:underline dark:text-rose-300">{card.title.clone()}</a>
                                <span class="block text-xs text-stone-600 dark:text-stone-400">
                                    {card.shop_name.clone()}{(card.status == StreamStatus::Live).then_some(" · live now")}
                                </span>
                            </td>
                            <td class="px-2">{duration_label(s.duration_ms)}</td>
                            <td class="px-2 text-right tabular-nums">{s.peak_viewers}</td>
                            <td class="px-2 text-right tabular-nums">{s.unique_viewers}</td>
                            <td class="px-2 text-right tabular-nums">{duration_label(s.average_watch_ms)}</td>
                            <td class="px-2 text-right tabular-nums">{s.messages}</td>
                            <td class="px-2 text-right tabular-nums">{s.orders}</td>
                            <td class="px-4 text-right tabular-nums">{s.revenue.clone()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn durations_read_naturally() {
        assert_eq!(super::duration_label(35_000), "35 s");
        assert_eq!(super::duration_label(252_000), "4 min 12 s");
        assert_eq!(super::duration_label(3_840_000), "1 h 4 min");
    }
}
