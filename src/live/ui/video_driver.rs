//! The browser half of live video: a viewer's `<video>` fed over WHEP
//! ([`super::camera::LiveVideo`]) and the console's camera published over
//! WHIP ([`super::camera::Broadcast`]). DOM calls on the server's markup,
//! like the chat driver; both ship split off, only to the pages using them.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::{
    Element, HtmlMediaElement, HtmlSelectElement, MediaStream, MediaStreamConstraints, MediaStreamTrack,
    RequestInit, Response, RtcPeerConnection, RtcPeerConnectionState, RtcRtpSender,
    RtcRtpTransceiverDirection, RtcRtpTransceiverInit, RtcSdpType, RtcSessionDescriptionInit, RtcTrackEvent,
};

fn by_id<T: JsCast>(id: &str) -> Option<T> {
    leptos::prelude::document().get_element_by_id(id).and_then(|e| e.dyn_into().ok())
}

fn say(id: &str, text: &str) {
    if let Some(el) = by_id::<Element>(id) {
        el.set_text_content(Some(text));
    }
}

fn show(id: &str, on: bool) {
    if let Some(el) = by_id::<Element>(id) {
        let _ = if on { el.remove_attribute("hidden") } else { el.set_attribute("hidden", "") };
    }
}

fn enable(id: &str, on: bool) {
    if let Some(el) = by_id::<Element>(id) {
        let _ = if on { el.remove_attribute("disabled") } else { el.set_attribute("disabled", "") };
    }
}

fn on_click(id: &str, f: impl FnMut() + 'static) {
    if let Some(el) = by_id::<Element>(id) {
        let handler = Closure::<dyn FnMut()>::new(f);
        let _ = el.add_event_listener_with_callback("click", handler.as_ref().unchecked_ref());
        handler.forget();
    }
}

/// Put a `<template>`'s markup in place of an element's content.
fn swap(target: &str, template: &str) {
    if let (Some(t), Some(tpl)) = (by_id::<Element>(target), by_id::<Element>(template)) {
        t.set_inner_html(&tpl.inner_html());
        tpl.remove();
    }
}

fn message(e: &JsValue) -> String {
    Reflect::get(e, &"message".into()).ok().and_then(|m| m.as_string()).unwrap_or_else(|| format!("{e:?}"))
}

async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Why an exchange failed, and whether trying again later may help.
struct Failure {
    text: String,
    retry: bool,
}

impl From<JsValue> for Failure {
    fn from(e: JsValue) -> Self {
        Self { text: message(&e), retry: true }
    }
}

/// Offer, POST it (WHIP or WHEP), take the answer; the session's URL.
async fn negotiate(pc: &RtcPeerConnection, url: &str, key: Option<&str>) -> Result<String, Failure> {
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
async fn hold(pc: &RtcPeerConnection, mut connected: impl FnMut()) -> bool {
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

/// The console's camera: what is open, and the WHIP session when sending.
#[derive(Default)]
struct Camera {
    media: Option<MediaStream>,
    pc: Option<RtcPeerConnection>,
    session: Option<String>,
}

/// The console: choose a camera and microphone, preview, publish with WHIP.
pub fn broadcast(stream_id: &str, key: &str) {
    let camera = Rc::new(RefCell::new(Camera::default()));
    let url = format!("/api/v1/streams/{stream_id}/whip");
    enable("camera-on", true);
    say("camera-status", "Turn the camera on to see a preview.");
    let open = {
        let camera = camera.clone();
        move || {
            let camera = camera.clone();
            spawn_local(async move {
                if let Err(e) = open_camera(&camera).await {
                    say("camera-status", &format!("The camera could not start: {}", message(&e)));
                }
            });
        }
    };
    on_click("camera-on", open.clone());
    for id in ["camera-video", "camera-audio"] {
        if let Some(select) = by_id::<Element>(id) {
            let open = open.clone();
            let handler = Closure::<dyn FnMut()>::new(open);
            let _ = select.add_event_listener_with_callback("change", handler.as_ref().unchecked_ref());
            handler.forget();
        }
    }
    let key = key.to_owned();
    let publish = {
        let (camera, key) = (camera.clone(), key.clone());
        move || {
            let (camera, url, key) = (camera.clone(), url.clone(), key.clone());
            spawn_local(async move { publish(&camera, &url, &key).await });
        }
    };
    on_click("camera-publish", publish);
    let sending = camera.clone();
    super::console_driver::keep_on_page(move || sending.borrow().pc.is_some());
    on_click("camera-stop", move || stop(&camera, &key));
}

/// `{deviceId: {exact: id}}` for the chosen device, else "any".
fn wanted(select: &str) -> JsValue {
    let id = by_id::<HtmlSelectElement>(select).map(|s| s.value()).unwrap_or_default();
    if id.is_empty() {
        return JsValue::TRUE;
    }
    let exact = Object::new();
    let _ = Reflect::set(&exact, &"exact".into(), &id.into());
    let constraint = Object::new();
    let _ = Reflect::set(&constraint, &"deviceId".into(), &exact);
    constraint.into()
}

async fn open_camera(camera: &Rc<RefCell<Camera>>) -> Result<(), JsValue> {
    let devices = web_sys::window().ok_or("no window")?.navigator().media_devices()?;
    let constraints = MediaStreamConstraints::new();
    constraints.set_video(&wanted("camera-video"));
    constraints.set_audio(&wanted("camera-audio"));
    let media: MediaStream =
        JsFuture::from(devices.get_user_media_with_constraints(&constraints)?).await?.dyn_into()?;
    if let Some(preview) = by_id::<HtmlMediaElement>("camera-preview") {
        preview.set_src_object(Some(&media));
        let _ = preview.play();
    }
    show("camera-idle", false);
    show("camera-on", false);
    let old = camera.borrow_mut().media.replace(media.clone());
    if let Some(pc) = camera.borrow().pc.as_ref() {
        // Live already: the new camera or microphone takes over in place.
        for sender in pc.get_senders().iter().filter_map(|s| s.dyn_into::<RtcRtpSender>().ok()) {
            let kind = sender.track().map(|t| t.kind());
            let track = media
                .get_tracks()
                .iter()
                .filter_map(|t| t.dyn_into::<MediaStreamTrack>().ok())
                .find(|t| Some(t.kind()) == kind);
            let _ = sender.replace_track(track.as_ref());
        }
    }
    if let Some(old) = old {
        old.get_tracks().iter().filter_map(|t| t.dyn_into::<MediaStreamTrack>().ok()).for_each(|t| t.stop());
    }
    list_devices(&devices, &media).await?;
    enable("camera-publish", camera.borrow().pc.is_none());
    say(
        "camera-status",
        if camera.borrow().pc.is_some() {
            "Live: viewers see this camera."
        } else {
            "Preview on. Go live when ready."
        },
    );
    Ok(())
}

/// Fill the pickers (labels are only known once the browser has allowed the camera).
async fn list_devices(devices: &web_sys::MediaDevices, media: &MediaStream) -> Result<(), JsValue> {
    let all: Array = JsFuture::from(devices.enumerate_devices()?).await?.dyn_into()?;
    let in_use: Vec<String> = media
        .get_tracks()
        .iter()
        .filter_map(|t| t.dyn_into::<MediaStreamTrack>().ok())
        .filter_map(|t| {
            let settings = t.get_settings();
            Reflect::get(&settings, &"deviceId".into()).ok().and_then(|d| d.as_string())
        })
        .collect();
    for (select_id, kind) in [("camera-video", "videoinput"), ("camera-audio", "audioinput")] {
        let Some(select) = by_id::<HtmlSelectElement>(select_id) else { continue };
        select.set_inner_html("");
        let document = leptos::prelude::document();
        for device in all.iter().filter_map(|d| d.dyn_into::<web_sys::MediaDeviceInfo>().ok()) {
            let device_kind = Reflect::get(&device, &"kind".into()).ok().and_then(|k| k.as_string());
            if device_kind.as_deref() != Some(kind) {
                continue;
            }
            let option = document.create_element("option")?;
            option.set_attribute("value", &device.device_id())?;
            let label = device.label();
            option.set_text_content(Some(if label.is_empty() { "Device" } else { &label }));
            if in_use.contains(&device.device_id()) {
                option.set_attribute("selected", "")?;
            }
            select.append_child(&option)?;
        }
        let _ = select.remove_attribute("disabled");
    }
    Ok(())
}

async fn publish(camera: &Rc<RefCell<Camera>>, url: &str, key: &str) {
    enable("camera-publish", false);
    if camera.borrow().media.is_none()
        && let Err(e) = open_camera(camera).await
    {
        enable("camera-publish", true);
        return say("camera-status", &format!("The camera could not start: {}", message(&e)));
    }
    say("camera-status", "Connecting…");
    let result = async {
        let pc = RtcPeerConnection::new()?;
        let media = camera.borrow().media.clone().ok_or_else(|| JsValue::from_str("no camera"))?;
        for track in media.get_tracks().iter().filter_map(|t| t.dyn_into::<MediaStreamTrack>().ok()) {
            let init = RtcRtpTransceiverInit::new();
            init.set_direction(RtcRtpTransceiverDirection::Sendonly);
            init.set_streams(&Array::of1(&media));
            pc.add_transceiver_with_media_stream_track_and_init(&track, &init);
        }
        let session = negotiate(&pc, url, Some(key)).await?;
        Ok::<_, Failure>((pc, session))
    }
    .await;
    match result {
        Ok((pc, session)) => {
            {
                let mut c = camera.borrow_mut();
                c.pc = Some(pc.clone());
                c.session = Some(session);
            }
            show("camera-publish", false);
            show("camera-stop", true);
            // A scheduled stream went live with the camera: the console says so.
            swap("console-badge", "console-went-live");
            swap("console-controls", "console-live-controls");
            let held = hold(&pc, || say("camera-status", "Live: viewers see this camera.")).await;
            if camera.borrow().pc.as_ref().is_some_and(|p| p == &pc) {
                say(
                    "camera-status",
                    if held {
                        "The connection dropped. Go live again to resume."
                    } else {
                        "Could not connect the video. Try again."
                    },
                );
                end_session(camera, None);
            }
        }
        Err(f) => {
            say("camera-status", &f.text);
            enable("camera-publish", true);
        }
    }
}

/// Close the connection (and, with the key, the server's session).
fn end_session(camera: &Rc<RefCell<Camera>>, key: Option<&str>) {
    let (pc, session) = {
        let mut c = camera.borrow_mut();
        (c.pc.take(), c.session.take())
    };
    if let Some(pc) = pc {
        pc.close();
    }
    if let (Some(session), Some(key), Some(window)) = (session, key, web_sys::window()) {
        let init = RequestInit::new();
        init.set_method("DELETE");
        if let Ok(headers) = web_sys::Headers::new() {
            let _ = headers.set("Authorization", &format!("Bearer {key}"));
            init.set_headers_headers(&headers);
        }
        let _ = window.fetch_with_str_and_init(&session, &init);
    }
    show("camera-stop", false);
    show("camera-publish", true);
    enable("camera-publish", true);
}

fn stop(camera: &Rc<RefCell<Camera>>, key: &str) {
    end_session(camera, Some(key));
    say("camera-status", "Stopped sending. The stream stays live until you end it.");
}
