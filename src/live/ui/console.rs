use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{CameraPanel, ChatPanel, StatsPanel, StatusBadge, when_label};
use crate::accounts::ui::Refused;
use crate::components::form::{FormError, Notice, action_error};
use crate::components::{FOCUS, Panel};
use crate::live::api::{StreamControl, get_console};
use crate::live::{Console, StreamStatus};

const BUTTON: &str = "inline-flex items-center justify-center gap-2 rounded-full px-5 py-2.5 text-sm font-semibold disabled:opacity-50";
const SECONDARY: &str =
    "border border-stone-300 hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800";

/// `/studio/streams/{id}`: the stream console — go live and end, the key
/// for OBS, what the stream features. Plain forms: works without JavaScript.
#[component]
pub fn ConsolePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let control = ServerAction::<StreamControl>::new();
    let id = move || params.read().get("id").unwrap_or_default();
    let console = Resource::new(move || (id(), control.version().get()), |(id, _)| get_console(id));
    let done = Signal::derive(move || {
        query.read().get("done").and_then(|d| match d.as_str() {
            "live" => Some("You are live. Viewers at /live can see the stream now.".to_owned()),
            "ended" => Some("The stream is over.".to_owned()),
            "key" => Some("New stream key made; the old one no longer works.".to_owned()),
            "pinned" => Some("Viewers see the pinned product now.".to_owned()),
            "slow" => Some("Slow mode saved.".to_owned()),
            "delete" => Some("Message deleted for everyone.".to_owned()),
            "mute" => Some("Muted: they can no longer write in this stream.".to_owned()),
            "ban" => Some("Banned: they can no longer write in any of your streams.".to_owned()),
            "cover" => Some("Cover saved: /live and the stream page show it now.".to_owned()),
            _ => None,
        })
    });
    view! {
        <Title text="Stream console" />
        <Meta name="robots" content="noindex" />
        <div class="pt-8">
            <a href="/studio/streams" class="text-sm text-rose-700 hover:underline dark:text-rose-300">"← Your streams"</a>
            <div class="mt-4"><Notice text=done /></div>
            <Suspense fallback=|| view! { <p class="mt-6 text-sm text-stone-500" aria-busy="true">"Loading the console…"</p> }>
                {move || Suspend::new(async move {
                    match console.await {
                        Ok(c) => view! { <Desk c control /> }.into_any(),
                        Err(e) => view! { <Refused error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Desk(c: Console, control: ServerAction<StreamControl>) -> impl IntoView {
    let error = action_error(control);
    let s = c.detail.card.clone();
    let id = s.id.clone();
    let button = move |go: &'static str, label: &'static str, class: String| {
        let id = id.clone();
        view! {
            <ActionForm action=control>
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="go" value=go />
                <button type="submit" class=format!("{BUTTON} {class} {FOCUS}") disabled=move || control.pending().get()>{label}</button>
            </ActionForm>
        }
    };
    let primary =
        "bg-rose-700 text-white hover:bg-rose-800 dark:bg-rose-600 dark:hover:bg-rose-500".to_owned();
    // Going live from the camera panel swaps these in without a reload.
    let went_live = (s.status == StreamStatus::Scheduled).then(|| {
        view! {
            <template id="console-went-live"><StatusBadge status=StreamStatus::Live /></template>
            <template id="console-live-controls">{button("end", "End the stream", primary.clone())}</template>
        }
    });
    let controls = match s.status {
        StreamStatus::Scheduled => view! {
            {button("live", "Go live", primary)}
            {button("end", "Call it off", SECONDARY.to_owned())}
        }
        .into_any(),
        StreamStatus::Live => button("end", "End the stream", primary).into_any(),
        _ => view! { <p class="text-sm text-stone-600 dark:text-stone-400">"This stream is over. Schedule a new one from your streams."</p> }.into_any(),
    };
    let over = matches!(s.status, StreamStatus::Ended | StreamStatus::Cancelled);
    let (whip_path, stream_key) = (c.whip_path.clone(), c.stream_key.clone());
    let takings = format!(
        "{}{}",
        c.revenue,
        match c.orders {
            1 => " from 1 order".to_owned(),
            n => format!(" from {n} orders"),
        }
    );
    view! {
        <div class="flex flex-wrap items-center gap-3">
            <h1 class="text-2xl font-semibold tracking-tight sm:text-3xl">{s.title.clone()}</h1>
            <span id="console-badge"><StatusBadge status=s.status /></span>
            {went_live}
        </div>
        <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">
            {format!("{} · {}", s.shop_name, when_label(&s))}" · "
            <a href=format!("/live/{}", s.id) class="font-medium text-rose-700 hover:underline dark:text-rose-300">"Viewer page"</a>
        </p>
        <div class="mt-6 grid gap-6 lg:grid-cols-2">
            <Panel title="Broadcast" description="Going live shows the stream at /live and emails everyone who asked to be reminded.">
                <FormError error />
                <div class="flex flex-wrap gap-3" id="console-controls">{controls}</div>
                <p class="mt-4 text-sm text-stone-600 dark:text-stone-400" data-testid="reminders">
                    {match c.reminders { 1 => "1 person asked to be reminded.".to_owned(), n => format!("{n} people asked to be reminded.") }}
                </p>
                <p class="mt-1 text-sm" data-testid="takings">
                    <span class="font-semibold">{takings}</span>
                    <span class="text-stone-600 dark:text-stone-400">" placed from this stream (during it or within a day)"</span>
                </p>
            </Panel>
            {(!over).then(|| view! { <CameraPanel stream_id=s.id.clone() stream_key=stream_key.clone() /> })}
            {(!over).then(|| view! {
                <Panel title="Streaming software (OBS)" description="Publish with WHIP: the URL below and the stream key as the Bearer token. Keep the key secret.">
                    <dl class="space-y-3 text-sm">
                        <div>
                            <dt class="font-medium">"WHIP URL"</dt>
                            <dd class="mt-1 break-all font-mono text-xs" data-testid="whip-path">{whip_path.clone()}<span class="font-sans text-stone-500">" (on this shop's address)"</span></dd>
                        </div>
                        <div>
                            <dt class="font-medium">"Stream key"</dt>
                            <dd class="mt-1">
                                <details>
                                    <summary class=format!("cursor-pointer rounded text-rose-700 dark:text-rose-300 {FOCUS}")>"Show the key"</summary>
                                    <code class="mt-2 block break-all rounded-lg bg-stone-100 p-2 font-mono text-xs dark:bg-stone-800" data-testid="stream-key">{stream_key.clone()}</code>
                                </details>
                            </dd>
                        </div>
                    </dl>
                    <div class="mt-4">{button("key", "Make a new key", SECONDARY.to_owned())}</div>
                </Panel>
            })}
        </div>
        {s.started_at.is_some().then(|| view! { <StatsPanel stats=c.stats.clone() /> })}
        <div class="mt-6 max-w-xl"><CoverForm id=s.id.clone() url=s.cover_url.clone() /></div>
        <div class="mt-8 grid gap-6 lg:grid-cols-2">
            <Tray c=c.clone() />
            <div class="min-w-0 space-y-4">
                <ChatPanel stream_id=s.id.clone() history=c.detail.chat.clone() pinned=c.detail.pinned.clone() viewers=s.viewer_count
                    signed_in=true open=!over moderate=true />
                {(!over).then(|| view! { <SlowMode id=s.id.clone() /> })}
            </div>
        </div>
    }
}

/// The product tray: the stream's products, each pinnable (a plain form).
#[component]
fn Tray(c: Console) -> impl IntoView {
    let id = c.detail.card.id.clone();
    let pinned = c.detail.pinned.as_ref().map(|p| p.id.clone());
    view! {
        <section class="min-w-0" aria-labelledby="tray-heading">
            <h2 id="tray-heading" class="text-lg font-semibold">"Product tray"</h2>
            <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">"Pin a product to show it to every viewer with a Buy now button."</p>
            {if c.detail.products.is_empty() {
                view! { <p class="mt-3 text-sm text-stone-600 dark:text-stone-400">"This stream features no products."</p> }.into_any()
            } else {
                view! {
                    <ul class="mt-3 divide-y divide-stone-200 rounded-2xl border border-stone-200 bg-white dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900" role="list" data-testid="tray">
                        {c.detail.products.into_iter().map(|p| {
                            let on = pinned.as_deref() == Some(p.id.as_str());
                            view! {
                                <li class="flex items-center justify-between gap-4 px-4 py-3 text-sm">
                                    <span class="min-w-0">
                                        <a href=format!("/products/{}", p.slug) class="block truncate font-medium hover:underline">{p.title.clone()}</a>
                                        <span class="text-stone-600 dark:text-stone-400">{format!("{} · {} in stock", p.price, p.stock)}</span>
                                    </span>
                                    <form method="post" action="/api/pin_product" data-product=p.id.clone() data-title=p.title.clone()>
                                        <input type="hidden" name="id" value=id.clone() />
                                        <input type="hidden" name="product_id" value=if on { String::new() } else { p.id.clone() } />
                                        <button type="submit" class=format!("{BUTTON} {SECONDARY} {FOCUS}") aria-label=format!("{} {}", if on { "Unpin" } else { "Pin" }, p.title)>
                                            {if on { "Unpin" } else { "Pin" }}
                                        </button>
                                    </form>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// One message per N seconds per person; 0 is off.
#[component]
fn SlowMode(id: String) -> impl IntoView {
    view! {
        <form method="post" action="/api/slow_mode" class="flex flex-wrap items-end gap-3 rounded-2xl border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
            <input type="hidden" name="id" value=id />
            <div>
                <label for="slow-seconds" class="block text-sm font-medium">"Slow mode"</label>
                <select id="slow-seconds" name="seconds" class="mt-1 rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm dark:border-stone-700 dark:bg-stone-900">
                    <option value="0">"Off"</option>
                    <option value="5">"One message per 5 s"</option>
                    <option value="15">"One message per 15 s"</option>
                    <option value="60">"One message per minute"</option>
                </select>
            </div>
            <button type="submit" class=format!("{BUTTON} {SECONDARY} {FOCUS}")>"Save"</button>
        </form>
    }
}

/// The stream's cover picture: a plain multipart form (works without
/// JavaScript); a refused picture says why beside the field.
#[component]
fn CoverForm(id: String, url: Option<String>) -> impl IntoView {
    let query = use_query_map();
    let error =
        query.read_untracked().get("cover_error").map(|code| crate::catalog::studio::image_message(&code));
    view! {
        <Panel title="Cover picture" description="Shown on /live and on the stream page until the video starts. Without one, the first featured product's picture is used.">
            <div class="flex flex-wrap items-end gap-4">
                {url.map(|src| view! { <img src=src alt="The current cover" width="160" height="90" class="h-[90px] w-[160px] rounded-lg object-cover" /> })}
                <form method="post" action=format!("/studio/streams/{id}/cover") enctype="multipart/form-data" class="flex flex-wrap items-end gap-3">
                    <div>
                        <label for="cover-image" class="block text-sm font-medium">"Picture (PNG, JPEG or WebP, up to 5 MB)"</label>
                        <input id="cover-image" name="image" type="file" accept="image/png,image/jpeg,image/webp" required=true
                            aria-invalid=error.is_some().then_some("true") aria-describedby="cover-image-msg"
                            class="mt-1 block text-sm file:mr-3 file:rounded-full file:border-0 file:bg-stone-100 file:px-4 file:py-2 file:text-sm file:font-medium dark:file:bg-stone-800" />
                        <p id="cover-image-msg" class="mt-1 text-sm text-rose-700 dark:text-rose-300" data-testid="cover-error">{error}</p>
                    </div>
                    <button type="submit" class=format!("{BUTTON} {SECONDARY} {FOCUS}")>"Upload cover"</button>
                </form>
            </div>
        </Panel>
    }
}
