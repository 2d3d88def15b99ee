//! The browser half of live video: a viewer's `<video>` fed over WHEP
//! ([`super::camera::LiveVideo`]), and the WHIP/WHEP exchange and DOM
//! helpers the console's camera ([`super::broadcast_driver`]) shares. DOM
//! calls on the server's markup, like the chat driver; both ship split off,
//! only to the pages using them.

use js_sys::{Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::{
    Element, HtmlMediaElement, MediaStream, RequestInit, Response, RtcPeerConnection, RtcPeerConnectionState,
    RtcRtpTransceiverDirection, RtcRtpTransceiverInit, RtcSdpType, RtcSessionDescriptionInit, RtcTrackEvent,
};

pub(super) fn by_id<T: JsCast>(id: &str) -> Option<T> {
    leptos::prelude::document().get_element_by_id(id).and_then(|e| e.dyn_into().ok())
}

pub(super) fn say(id: &str, text: &str) {
    if let Some(el) = by_id::<Element>(id) {
        el.set_text_content(Some(text));
    }
}

pub(super) fn show(id: &str, on: bool) {
    if let Some(el) = by_id::<Element>(id) {
        let _ = if on { el.remove_attribute("hidden") } else { el.set_attribute("hidden", "") };
    }
}

pub(super) fn enable(id: &str, on: bool) {
    if let Some(el) = by_id::<Element>(id) {
        let _ = if on { el.remove_attribute("disabled") } else { el.set_attribute("disabled", "") };
    }
}

pub(super) fn on_click(id: &str, f: impl FnMut() + 'static) {
    if let Some(el) = by_id::<Element>(id) {
        let handler = Closure::<dyn FnMut()>::new(f);
        let _ = el.add_event_listener_with_callback("click", handler.as_ref().unchecked_ref());
        handler.forget();
    }
}

/// Put a `<template>`'s markup in place of an element's content.
pub(super) fn swap(target: &str, template: &str) {
    if let (Some(t), Some(tpl)) = (by_id::<Element>(target), by_id::<Element>(template)) {
        t.set_inner_html(&tpl.inner_html());
        tpl.remove();
    }
}

pub(super) fn message(e: &JsValue) -> String {
    Reflect::get(e, &"message".into()).ok().and_then(|m| m.as_string()).unwrap_or_else(|| format!("{e:?}"))
}

pub(super) async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Why an exchange failed, and whether trying again later may help.
pub(super) struct Failure {
    pub(super) text: String,
    retry: bool,
}

impl From<JsValue> for Failure {
    fn from(e: JsValue) -> Self {
        Self { text: message(&e), retry: true }
    }
}

/// Offer, POST it (WHIP or WHEP), take the answer; the session's URL.
pub(super) async fn negotiate(
    pc: &RtcPeerConnection,
    url: &str,
    key: Option<&str>,
) -> Result<String, Failure> {
    let offer = JsFuture::from(pc.create_offer()).await?;
    let sdp = Reflect::get(&offer, &"sdp".into())?.as_string().unwrap_or_default();
    let local = RtcSessionDescriptionInit::new(RtcSdpType::Offer);
    local.set_sdp(&sdp);
    JsFuture::from(pc.set_local_description(&local)).await?;
    let headers = web_sys::Headers::new()?;
    headers.set("Content-Type", "application/sdp")?;
    if let Some(key) = key {
        headers.set("Authorization", &format!("Bearer {key}"))?;
    }
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_headers_headers(&headers);
    init.set_body(&JsValue::from_str(&sdp));
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await?.dyn_into()?;
    let body = JsFuture::from(response.text()?).await?.as_string().unwrap_or_default();
    if response.status() != 201 {
        // Our JSON error's message, else the status.
        let text = js_sys::JSON::parse(&body)
            .ok()
            .and_then(|v| Reflect::get(&v, &"error".into()).ok())
            .and_then(|e| Reflect::get(&e, &"message".into()).ok())
            .and_then(|m| m.as_string())
            .unwrap_or_else(|| format!("The server said {}.", response.status()));
        return Err(Failure { text, retry: response.status() == 409 || response.status() >= 500 });
    }
    let remote = RtcSessionDescriptionInit::new(RtcSdpType::Answer);
    remote.set_sdp(&body);
    JsFuture::from(pc.set_remote_description(&remote)).await?;
    let location = response.headers().get("Location")?.unwrap_or_default();
    Ok(web_sys::Url::new_with_base(&location, &response.url()).map(|u| u.href()).unwrap_or(location))
}

/// Wait while the connection is being made or holds; true if it ever connected.
pub(super) async fn hold(pc: &RtcPeerConnection, mut connected: impl FnMut()) -> bool {
    let mut ever = false;
    loop {
        match pc.connection_state() {
            RtcPeerConnectionState::Connected => {
                if !ever {
                    connected();
                }
                ever = true;
            }
            RtcPeerConnectionState::New | RtcPeerConnectionState::Connecting => {}
            _ => return ever,
        }
        sleep(1000).await;
    }
}

/// A viewer: subscribe with WHEP, play what comes, and try again while the
/// seller's camera is not on yet or the connection drops.
pub fn watch(stream_id: &str) {
    let url = format!("/api/v1/streams/{stream_id}/whep");
    on_click("stream-unmute", || {
        if let Some(video) = by_id::<HtmlMediaElement>("stream-video") {
            video.set_muted(false);
        }
        show("stream-unmute", false);
    });
    spawn_local(async move {
        loop {
            match watch_once(&url).await {
                Ok(pc) => {
                    hold(&pc, || say("stream-video-status", "")).await;
                    pc.close();
                    say("stream-video-status", "The video dropped; reconnecting…");
                }
                Err(f) if !f.retry => return say("stream-video-status", &f.text),
                Err(f) => say("stream-video-status", &f.text),
            }
            sleep(3000).await;
        }
    });
}

async fn watch_once(url: &str) -> Result<RtcPeerConnection, Failure> {
    let pc = RtcPeerConnection::new()?;
    for kind in ["video", "audio"] {
        let init = RtcRtpTransceiverInit::new();
        init.set_direction(RtcRtpTransceiverDirection::Recvonly);
        pc.add_transceiver_with_str_and_init(kind, &init);
    }
    let ontrack = Closure::<dyn FnMut(RtcTrackEvent)>::new(move |ev: RtcTrackEvent| {
        let Some(video) = by_id::<HtmlMediaElement>("stream-video") else { return };
        let stream = ev.streams().get(0).dyn_into::<MediaStream>().ok().or_else(|| {
            let s = MediaStream::new().ok()?;
            s.add_track(&ev.track());
            Some(s)
        });
        if video.src_object().is_none() || ev.track().kind() == "video" {
            video.set_src_object(stream.as_ref());
        }
        show("stream-video", true);
        show("stream-unmute", true);
        show("stream-stage", false);
        let _ = video.play();
    });
    pc.set_ontrack(Some(ontrack.as_ref().unchecked_ref()));
    ontrack.forget();
    negotiate(&pc, url, None).await?;
    Ok(pc)
}
