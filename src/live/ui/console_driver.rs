//! While the console's camera is live, a page reload would cut the video:
//! the console's plain forms (pin, moderation, slow mode) are then sent
//! in the background instead, and the page is updated in place.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::{Element, HtmlFormElement, HtmlInputElement, RequestInit, SubmitEvent};

/// The forms that may go in the background (the rest navigate as usual).
const QUIET: [&str; 3] = ["/api/pin_product", "/api/moderate_chat", "/api/slow_mode"];

/// Start sending the console's forms in the background; `live` says
/// whether the camera is sending right now.
pub fn keep_on_page(live: impl Fn() -> bool + 'static) {
    let on_submit = Closure::<dyn FnMut(SubmitEvent)>::new(move |ev: SubmitEvent| {
        let Some(form) = ev.target().and_then(|t| t.dyn_into::<HtmlFormElement>().ok()) else { return };
        let action = form.get_attribute("action").unwrap_or_default();
        if !live() || !QUIET.contains(&action.as_str()) || ev.default_prevented() {
            return;
        }
        ev.prevent_default();
        let body = encode(&form, ev.submitter());
        spawn_local(async move {
            let done = send(&action, &body).await;
            after(&form, &action, done);
        });
    });
    let document = leptos::prelude::document();
    let _ = document.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
    on_submit.forget();
}

/// The form's fields (and the button pressed) as `application/x-www-form-urlencoded`.
fn encode(form: &HtmlFormElement, submitter: Option<web_sys::HtmlElement>) -> String {
    let mut pairs = Vec::new();
    let fields = form.elements();
    for i in 0..fields.length() {
        let Some(input) = fields.item(i).and_then(|e| e.dyn_into::<HtmlInputElement>().ok()) else {
            continue;
        };
        if !input.name().is_empty() {
            pairs.push((input.name(), input.value()));
        }
    }
    let select = form.query_selector("select[name]").ok().flatten();
    if let Some(select) = select.and_then(|s| s.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
        pairs.push((select.name(), select.value()));
    }
    if let Some(button) = submitter
        && let (Some(name), Some(value)) = (button.get_attribute("name"), button.get_attribute("value"))
    {
        pairs.push((name, value));
    }
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", js_sys::encode_uri_component(k), js_sys::encode_uri_component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// POST the form; done when the server answered with its usual redirect.
async fn send(action: &str, body: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_body(&JsValue::from_str(body));
    init.set_redirect(web_sys::RequestRedirect::Manual);
    if let Ok(headers) = web_sys::Headers::new() {
        let _ = headers.set("Content-Type", "application/x-www-form-urlencoded");
        init.set_headers_headers(&headers);
    }
    let Ok(response) = JsFuture::from(window.fetch_with_str_and_init(action, &init)).await else {
        return false;
    };
    let response: web_sys::Response = response.unchecked_into();
    response.type_() == web_sys::ResponseType::Opaqueredirect || response.ok()
}

fn after(form: &HtmlFormElement, action: &str, done: bool) {
    let text = match (done, action) {
        (false, _) => "That did not go through; try again.",
        (true, "/api/pin_product") => "Viewers see the pinned product now.",
        (true, "/api/slow_mode") => "Slow mode saved.",
        (true, _) => "Done.",
    };
    if let Some(status) = leptos::prelude::document().get_element_by_id("camera-status") {
        status.set_text_content(Some(text));
    }
    if done && action == "/api/pin_product" {
        let pinned = form
            .query_selector("input[name=product_id]")
            .ok()
            .flatten()
            .and_then(|i| i.get_attribute("value"));
        retray(pinned.unwrap_or_default());
    }
}

/// The tray's buttons after a pin (`""`: nothing pinned now).
fn retray(pinned: String) {
    let document = leptos::prelude::document();
    let Ok(forms) = document.query_selector_all("form[data-product]") else { return };
    for i in 0..forms.length() {
        let Some(form) = forms.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        let product = form.get_attribute("data-product").unwrap_or_default();
        let title = form.get_attribute("data-title").unwrap_or_default();
        let on = !pinned.is_empty() && product == pinned;
        if let Ok(Some(input)) = form.query_selector("input[name=product_id]") {
            let _ = input.set_attribute("value", if on { "" } else { &product });
        }
        if let Ok(Some(button)) = form.query_selector("button") {
            let word = if on { "Unpin" } else { "Pin" };
            button.set_text_content(Some(word));
            let _ = button.set_attribute("aria-label", &format!("{word} {title}"));
        }
    }
}
