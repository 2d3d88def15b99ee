use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{ChatPanel, Cover, StatusBadge, StreamVideo, when_label};
use crate::catalog::ui::ProductGrid;
use crate::components::form::Notice;
use crate::components::{ErrorView, FOCUS};
use crate::live::api::get_stream;
use crate::live::{StreamDetail, StreamStatus};

const BUTTON: &str =
    "inline-flex w-full items-center justify-center gap-2 rounded-full px-5 py-2.5 text-sm font-semibold";

/// `/live/{id}`: the stream, what it features, and a reminder for an
/// upcoming one. Works without JavaScript.
#[component]
pub fn StreamPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let stream = Resource::new(id, get_stream);
    let notice = Signal::derive(move || {
        query.read().get("reminded").map(|_| "Done — we will email you when it starts.".to_owned())
    });
    view! {
        <Suspense fallback=|| view! { <div class="mt-8 aspect-video animate-pulse rounded-3xl bg-stone-200 dark:bg-stone-800" aria-busy="true"></div> }>
            {move || Suspend::new(async move {
                match stream.await {
                    Ok(d) => view! { <Watch d notice /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Watch(d: StreamDetail, notice: Signal<Option<String>>) -> impl IntoView {
    let s = d.card.clone();
    let when = when_label(&s);
    let summary =
        d.description.split("\n\n").next().unwrap_or_default().chars().take(155).collect::<String>();
    let paragraphs: Vec<String> =
        d.description.split("\n\n").filter(|p| !p.is_empty()).map(str::to_owned).collect();
    let stage = match s.status {
        StreamStatus::Live => format!("{} is live now.", s.shop_name),
        StreamStatus::Scheduled => format!("Starts {when}."),
        StreamStatus::Ended => "This stream has ended. The products it showed are below.".to_owned(),
        StreamStatus::Cancelled => {
            "This stream was called off. The products it would have shown are below.".to_owned()
        }
    };
    view! {
        <Title text=s.title.clone() />
        <Meta name="description" content=summary />
        <div class="grid gap-8 pt-6 lg:grid-cols-3">
            <div class="min-w-0 lg:col-span-2">
                <div class="relative overflow-hidden rounded-3xl bg-stone-900">
                    <Cover url=s.cover_url.clone() title=s.title.clone() />
                    {(s.status == StreamStatus::Live).then(|| view! { <StreamVideo stream_id=s.id.clone() /> })}
                    <div class="pointer-events-none absolute inset-0 flex flex-col justify-between bg-gradient-to-t from-stone-950/80 via-transparent to-stone-950/30 p-4 text-white">
                        <div class="flex items-center gap-2">
                            // The live count is the chat panel's (it follows the socket).
                            <StatusBadge status=s.status />
                        </div>
                        <p class="text-sm font-medium sm:text-base" id="stream-stage" data-testid="stream-stage">{stage}</p>
                    </div>
                </div>
                <h1 class="mt-5 text-2xl font-semibold tracking-tight sm:text-3xl">{s.title.clone()}</h1>
                <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">
                    <a href=format!("/shops/{}", s.shop_slug) class=format!("font-medium text-rose-700 hover:underline dark:text-rose-300 {FOCUS}")>{s.shop_name.clone()}</a>
                    " · "{when}
                    {d.category.clone().map(|(slug, name)| view! {
                        " · "<a href=format!("/categories/{slug}") class="hover:underline">{name}</a>
                    })}
                </p>
                <div class="mt-4 max-w-none space-y-3 text-stone-700 dark:text-stone-300">
                    {paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
                </div>
                {(!d.tags.is_empty()).then(|| view! {
                    <ul class="mt-4 flex flex-wrap gap-2" role="list" aria-label="Tags">
                        {d.tags.iter().map(|t| view! {
                            <li class="rounded-full bg-stone-100 px-3 py-1 text-xs font-medium text-stone-700 dark:bg-stone-800 dark:text-stone-200">{format!("#{t}")}</li>
                        }).collect_view()}
                    </ul>
                })}
            </div>
            <aside class="min-w-0 space-y-4 lg:sticky lg:top-20 lg:self-start" aria-label="About this stream">
                <Notice text=notice />
                <Reminder d=d.clone() />
                {d.manages.then(|| view! {
                    <a href=format!("/studio/streams/{}", s.id) class=format!("{BUTTON} border border-stone-300 hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800 {FOCUS}")>
                        "Open the stream console"
                    </a>
                })}
                <ChatPanel stream_id=s.id.clone() history=d.chat.clone() pinned=d.pinned.clone() viewers=s.viewer_count
                    signed_in=d.reminded.is_some() open=matches!(s.status, StreamStatus::Scheduled | StreamStatus::Live) moderate=false />
            </aside>
        </div>
        <CheckoutDrawer />
        <section class="mt-12" aria-labelledby="featured-heading">
            <h2 id="featured-heading" class="text-xl font-semibold tracking-tight">"Featured in this stream"</h2>
            {if d.products.is_empty() {
                view! { <p class="mt-4 text-sm text-stone-600 dark:text-stone-400">"This stream features no products yet."</p> }.into_any()
            } else {
                view! { <div class="mt-5"><ProductGrid cards=d.products /></div> }.into_any()
            }}
        </section>
    }
}

/// Where "Buy now" checks out without leaving the stream (opened by the
/// chat's script; without JavaScript the button goes to the checkout page).
#[component]
fn CheckoutDrawer() -> impl IntoView {
    view! {
        <dialog id="checkout-drawer" aria-labelledby="checkout-drawer-title" data-testid="checkout-drawer"
            class="m-0 ml-auto h-full max-h-none w-full max-w-md bg-white p-0 text-stone-900 shadow-2xl backdrop:bg-stone-950/60 dark:bg-stone-900 dark:text-stone-100">
            <div class="flex h-full flex-col">
                <div class="flex items-center justify-between border-b border-stone-200 px-4 py-3 dark:border-stone-800">
                    <h2 id="checkout-drawer-title" class="font-semibold">"Checkout"</h2>
                    <form method="dialog">
                        <button type="submit" class=format!("rounded-full px-3 py-1.5 text-sm font-medium hover:bg-stone-100 dark:hover:bg-stone-800 {FOCUS}")>"Back to the stream"</button>
                    </form>
                </div>
                <iframe name="checkout-frame" title="Checkout" class="w-full flex-1 border-0 bg-white dark:bg-stone-950" data-testid="checkout-frame"></iframe>
            </div>
        </dialog>
    }
}

/// "Remind me" for an upcoming stream: a plain form (no JavaScript needed);
/// a visitor is asked to sign in first.
#[component]
fn Reminder(d: StreamDetail) -> impl IntoView {
    if d.card.status != StreamStatus::Scheduled {
        return ().into_any();
    }
    let id = d.card.id.clone();
    let body = match d.reminded {
        None => view! {
            <a href=format!("/login?next=/live/{id}") class=format!("{BUTTON} bg-rose-700 text-white hover:bg-rose-800 dark:bg-rose-600 {FOCUS}")>
                "Sign in to get a reminder"
            </a>
        }
        .into_any(),
        Some(on) => view! {
            <form method="post" action="/api/remind_stream">
                <input type="hidden" name="id" value=id.clone() />
                <input type="hidden" name="on" value=if on { "0" } else { "1" } />
                {on.then(|| view! { <p class="mb-3 text-sm" data-testid="reminder-on">"We will email you when it starts."</p> })}
                <button type="submit" class=if on {
                    format!("{BUTTON} border border-stone-300 hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800 {FOCUS}")
                } else {
                    format!("{BUTTON} bg-rose-700 text-white hover:bg-rose-800 dark:bg-rose-600 {FOCUS}")
                }>
                    {if on { "Don't remind me" } else { "Remind me by email" }}
                </button>
            </form>
        }
        .into_any(),
    };
    view! {
        <div class="rounded-2xl border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900">
            <p class="font-semibold">"Coming up"</p>
            <p class="mb-4 mt-1 text-sm text-stone-600 dark:text-stone-400">{crate::dates::when(d.card.scheduled_at)}</p>
            {body}
        </div>
    }
    .into_any()
}
