//! The console's camera ([`super::camera::Broadcast`]): pick a camera and
//! microphone, preview, publish over WHIP with the stream key, stop.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::{
    Element, HtmlMediaElement, HtmlSelectElement, MediaStream, MediaStreamConstraints, MediaStreamTrack,
    RequestInit, RtcPeerConnection, RtcRtpSender, RtcRtpTransceiverDirection, RtcRtpTransceiverInit,
};

use super::video_driver::{Failure, by_id, enable, hold, message, negotiate, on_click, say, show, swap};

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
