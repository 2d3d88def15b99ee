//! Live-shopping pages: `/live` (on now and coming up), `/live/{id}` (a
//! stream), the studio home, the studio's stream list and the console.

#[cfg(feature = "hydrate")]
mod broadcast_driver;
mod camera;
mod chat;
#[cfg(feature = "hydrate")]
mod chat_driver;
mod console;
#[cfg(feature = "hydrate")]
mod console_driver;
mod listing;
mod stats;
mod studio;
mod studio_home;
#[cfg(feature = "hydrate")]
mod video_driver;
mod watch;

pub use camera::{Broadcast, CameraPanel, LiveVideo, StreamVideo};
pub use chat::{ChatPanel, LiveChat};
pub use console::ConsolePage;
pub use listing::LivePage;
pub use stats::{AdminStreamsPage, StatsPanel};
pub use studio::StudioStreamsPage;
pub use studio_home::StudioPage;
pub use watch::StreamPage;

use leptos::prelude::*;

use super::{StreamCard, StreamStatus};
use crate::components::{FOCUS, Icon};

/// "Live" (pulsing), "Upcoming", "Ended" or "Cancelled".
#[component]
pub fn StatusBadge(status: StreamStatus) -> impl IntoView {
    let class = match status {
        StreamStatus::Live => "bg-rose-600 text-white",
        StreamStatus::Scheduled => {
            "bg-white/90 text-stone-900 ring-1 ring-stone-200 dark:bg-stone-900/90 dark:text-stone-100 dark:ring-stone-700"
        }
        _ => "bg-stone-800/80 text-white",
    };
    view! {
        <span class=format!("inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-semibold uppercase tracking-wide {class}") data-testid="stream-status">
            {(status == StreamStatus::Live).then(|| view! { <span class="h-1.5 w-1.5 animate-pulse rounded-full bg-white motion-reduce:animate-none" aria-hidden="true"></span> })}
            {status.label()}
        </span>
    }
}

/// When, in words: "Live since …", "Nov 30, 2026, 18:00 UTC", "Ended …".
pub fn when_label(s: &StreamCard) -> String {
    match s.status {
        StreamStatus::Live => {
            format!("Live since {}", crate::dates::when(s.started_at.unwrap_or(s.scheduled_at)))
        }
        StreamStatus::Scheduled => crate::dates::when(s.scheduled_at),
        StreamStatus::Ended => format!("Ended {}", crate::dates::when(s.ended_at.unwrap_or(s.scheduled_at))),
        StreamStatus::Cancelled => format!("Was planned for {}", crate::dates::when(s.scheduled_at)),
    }
}

/// The cover: the first featured product's picture, or a plain panel.
#[component]
pub fn Cover(
    url: Option<String>,
    title: String,
    #[prop(default = "aspect-video")] class: &'static str,
) -> impl IntoView {
    match url {
        Some(url) => view! {
            <img src=url alt=format!("Cover of {title}") width="640" height="360" loading="lazy" decoding="async"
                class=format!("{class} w-full rounded-2xl bg-stone-200 object-cover dark:bg-stone-800") />
        }
        .into_any(),
        None => view! {
            <div class=format!("{class} grid w-full place-items-center rounded-2xl bg-gradient-to-br from-rose-200 to-amber-100 text-rose-800 dark:from-rose-950 dark:to-stone-900 dark:text-rose-200")
                role="img" aria-label=format!("Cover of {title}")>
                <Icon name="store" class="h-10 w-10" />
            </div>
        }
        .into_any(),
    }
}

/// One stream in a list, linking to `href`.
#[component]
pub fn StreamTile(s: StreamCard, href: String) -> impl IntoView {
    let when = when_label(&s);
    let viewers = (s.status == StreamStatus::Live).then(|| format!("{} watching", s.viewer_count));
    view! {
        <li>
            <article class="group relative">
                <div class="relative">
                    <Cover url=s.cover_url.clone() title=s.title.clone() />
                    <div class="absolute left-3 top-3 flex items-center gap-2">
                        <StatusBadge status=s.status />
                        {viewers.map(|v| view! { <span class="rounded-full bg-stone-900/75 px-2.5 py-1 text-xs font-medium text-white">{v}</span> })}
                    </div>
                </div>
                <h3 class="mt-3 font-semibold leading-snug">
                    <a href=href class=format!("rounded after:absolute after:inset-0 hover:underline {FOCUS}")>{s.title.clone()}</a>
                </h3>
                <p class="mt-0.5 text-sm text-stone-600 dark:text-stone-400">{s.shop_name.clone()}</p>
                <p class="mt-0.5 text-xs text-stone-500 dark:text-stone-400">{when}</p>
            </article>
        </li>
    }
}

/// Tiles in a responsive grid, or `empty` when there are none.
#[component]
pub fn StreamGrid(
    streams: Vec<StreamCard>,
    empty: &'static str,
    #[prop(default = "/live/")] base: &'static str,
) -> impl IntoView {
    if streams.is_empty() {
        return view! {
            <p class="mt-4 rounded-2xl border border-dashed border-stone-300 p-8 text-center text-sm text-stone-600 dark:border-stone-700 dark:text-stone-400">{empty}</p>
        }
        .into_any();
    }
    view! {
        <ul class="mt-4 grid gap-6 sm:grid-cols-2 lg:grid-cols-3" role="list">
            {streams.into_iter().map(|s| {
                let href = format!("{base}{}", s.id);
                view! { <StreamTile s href /> }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// On a shop's page: its live stream, or the next one, with a way in.
#[component]
pub fn NextStream(shop_id: String) -> impl IntoView {
    let next = Resource::new(move || shop_id.clone(), super::api::get_next_stream);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                next.await.ok().flatten().map(|s| {
                    let live = s.status == StreamStatus::Live;
                    let (lead, action) = if live { ("Live now", "Watch") } else { ("Next live stream", "Details") };
                    view! {
                        <a href=format!("/live/{}", s.id) data-testid="next-stream"
                            class=format!("mt-6 flex items-center gap-4 rounded-2xl border border-stone-200 bg-white p-4 hover:border-rose-300 dark:border-stone-800 dark:bg-stone-900 {FOCUS}")>
                            <StatusBadge status=s.status />
                            <span class="min-w-0 flex-1">
                                <span class="block text-xs font-semibold uppercase tracking-wide text-stone-500 dark:text-stone-400">{lead}</span>
                                <span class="block truncate font-medium">{s.title.clone()}</span>
                                <span class="block text-sm text-stone-600 dark:text-stone-400">{when_label(&s)}</span>
                            </span>
                            <span class="flex-none text-sm font-semibold text-rose-700 dark:text-rose-300">{action}" →"</span>
                        </a>
                    }
                })
            })}
        </Suspense>
    }
}
