//! Keeps the editor's preview and count in step with the form: 400 ms
//! after the last change, the form goes to `/api/admin_campaign_preview`
//! and the answer fills the preview frame, the subject and the count. An
//! answer to an older change is dropped.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::{FormData, HtmlFormElement, HtmlIFrameElement, RequestInit, UrlSearchParams};

const ENDPOINT: &str = "/api/admin_campaign_preview";

pub fn start() {
    let document = leptos::prelude::document();
    let Some(form) =
        document.get_element_by_id("campaign-form").and_then(|e| e.dyn_into::<HtmlFormElement>().ok())
    else {
        return;
    };
    let latest = Rc::new(Cell::new(0u32));
    let on_change = {
        let form = form.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
            let turn = latest.get().wrapping_add(1);
            latest.set(turn);
            let (form, latest) = (form.clone(), latest.clone());
            leptos::prelude::set_timeout(
                move || {
                    if latest.get() == turn {
                        spawn_local(async move { refresh(&form, &latest, turn).await });
                    }
                },
                Duration::from_millis(400),
            );
        })
    };
    for kind in ["input", "change"] {
        let _ = form.add_event_listener_with_callback(kind, on_change.as_ref().unchecked_ref());
    }
    on_change.forget();
}

fn set_text(id: &str, text: &str) {
    if let Some(el) = leptos::prelude::document().get_element_by_id(id) {
        el.set_text_content(Some(text));
    }
}

fn field(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

async fn refresh(form: &HtmlFormElement, latest: &Cell<u32>, turn: u32) {
    let Some(body) = FormData::new_with_form(form)
        .ok()
        .and_then(|data| UrlSearchParams::new_with_str_sequence_sequence(&data).ok())
        .map(|params| String::from(params.to_string()))
    else {
        return;
    };
    let answer = post(&body).await;
    if latest.get() != turn {
        return;
    }
    let Some(preview) = answer else {
        set_text(
            "campaign-count",
            "Fix the form to see the preview: a field above says what is wrong once you save.",
        );
        return;
    };
    let recipients = field(&preview, "recipients").as_f64().unwrap_or(0.0) as i64;
    set_text("campaign-count", &crate::campaigns::reach(recipients));
    set_text("campaign-subject", &field(&preview, "subject").as_string().unwrap_or_default());
    set_text("campaign-sample", &field(&preview, "first_name").as_string().unwrap_or_default());
    let frame = leptos::prelude::document().get_element_by_id("campaign-preview");
    if let Some(frame) = frame.and_then(|f| f.dyn_into::<HtmlIFrameElement>().ok()) {
        frame.set_srcdoc(&field(&preview, "html").as_string().unwrap_or_default());
    }
}

/// The preview as JSON, or `None` when the server refused the form.
async fn post(body: &str) -> Option<JsValue> {
    let window = web_sys::window()?;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_body(&JsValue::from_str(body));
    let headers = web_sys::Headers::new().ok()?;
    headers.set("Content-Type", "application/x-www-form-urlencoded").ok()?;
    headers.set("Accept", "application/json").ok()?;
    init.set_headers_headers(&headers);
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_str_and_init(ENDPOINT, &init)).await.ok()?.unchecked_into();
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.json().ok()?).await.ok()
}
