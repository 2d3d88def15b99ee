use leptos::prelude::*;

use crate::components::{FOCUS, Panel};

const BUTTON: &str = "inline-flex items-center justify-center gap-2 rounded-full px-5 py-2.5 text-sm font-semibold disabled:opacity-50";
const SELECT: &str = "mt-1 w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm disabled:opacity-60 dark:border-stone-700 dark:bg-stone-900";

/// The console's camera: pick a camera and microphone, check the preview,
/// go live from the browser (WHIP with the stream key). Without JavaScript
/// or a camera, the buttons stay off and OBS remains the way.
#[component]
pub fn CameraPanel(stream_id: String, stream_key: String) -> impl IntoView {
    view! {
        <Broadcast stream_id stream_key>
            <Panel title="Camera" description="Go live from this browser: choose a camera and microphone, check the preview, then go live.">
                <div class="relative aspect-video overflow-hidden rounded-xl bg-stone-900">
                    <video id="camera-preview" class="h-full w-full object-cover" autoplay=true muted=true playsinline=true aria-label="Camera preview" data-testid="camera-preview"></video>
                    <p id="camera-idle" class="absolute inset-0 flex items-center justify-center p-4 text-center text-sm text-stone-300">"Camera off"</p>
                </div>
                <div class="mt-3 grid gap-3 sm:grid-cols-2">
                    <div>
                        <label for="camera-video" class="block text-sm font-medium">"Camera"</label>
                        <select id="camera-video" class=SELECT disabled=true><option value="">"Default camera"</option></select>
                    </div>
                    <div>
                        <label for="camera-audio" class="block text-sm font-medium">"Microphone"</label>
                        <select id="camera-audio" class=SELECT disabled=true><option value="">"Default microphone"</option></select>
                    </div>
                </div>
                <p id="camera-status" class="mt-3 text-sm text-stone-600 dark:text-stone-400" aria-live="polite" data-testid="camera-status">
                    "Going live from the browser needs JavaScript and a camera; OBS works either way."
                </p>
                <div class="mt-3 flex flex-wrap gap-3">
                    <button id="camera-on" type="button" disabled=true class=format!("{BUTTON} border border-stone-300 hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800 {FOCUS}")>"Turn camera on"</button>
                    <button id="camera-publish" type="button" disabled=true class=format!("{BUTTON} bg-rose-700 text-white hover:bg-rose-800 dark:bg-rose-600 dark:hover:bg-rose-500 {FOCUS}")>"Go live with this camera"</button>
                    <button id="camera-stop" type="button" hidden=true class=format!("{BUTTON} border border-stone-300 hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800 {FOCUS}")>"Stop sending"</button>
                </div>
            </Panel>
        </Broadcast>
    }
}

/// Wires up [`CameraPanel`] in the browser (split off: only the console loads it).
#[island(lazy)]
pub fn Broadcast(stream_id: String, stream_key: String, children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    super::broadcast_driver::broadcast(&stream_id, &stream_key);
    #[cfg(not(feature = "hydrate"))]
    let _ = (stream_id, stream_key);
    view! { <div class="contents">{children()}</div> }
}

/// A live stream's picture: a `<video>` over the cover, filled over WHEP
/// once JavaScript runs (muted until the viewer turns the sound on, as
/// browsers only autoplay silent video).
#[component]
pub fn StreamVideo(stream_id: String) -> impl IntoView {
    view! {
        <LiveVideo stream_id>
            <video id="stream-video" hidden=true class="absolute inset-0 h-full w-full bg-black object-contain" autoplay=true muted=true playsinline=true
                aria-label="Live video" data-testid="stream-video"></video>
            <p id="stream-video-status" class="absolute bottom-4 left-4 right-40 z-10 text-sm text-white" aria-live="polite" data-testid="stream-video-status"></p>
            <button id="stream-unmute" type="button" hidden=true
                class=format!("absolute bottom-4 right-4 z-10 rounded-full bg-white/90 px-4 py-2 text-sm font-semibold text-stone-900 hover:bg-white {FOCUS}")>
                "Turn sound on"
            </button>
        </LiveVideo>
    }
}

/// Wires up [`StreamVideo`] in the browser (split off: only stream pages load it).
#[island(lazy)]
pub fn LiveVideo(stream_id: String, children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    super::video_driver::watch(&stream_id);
    #[cfg(not(feature = "hydrate"))]
    let _ = stream_id;
    view! { <div class="contents">{children()}</div> }
}
