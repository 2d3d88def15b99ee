//! The drawer's message on its way ([`super::drawer_driver`]): drawn at once,
//! sent to `POST /api/v1/chat/stream`, the answer's words written in as the
//! events arrive, then the server's rendering of the conversation put in place.

use serde_json::{Value, json};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlTextAreaElement};

use super::drawer_driver::{Shared, adopt, by_id, element, fetch, load, say_error, text_of, typed};
use super::thread::{ASSISTANT, BUBBLE, MINE, THEIRS, USER, WHO};

/// A message drawn in the thread now (the server's rendering replaces it);
/// returns its bubble.
fn bubble(list: &Element, mine: bool, text: &str) -> Option<Element> {
    let li = element("li", if mine { MINE } else { THEIRS })?;
    let who = element("span", WHO)?;
    who.set_text_content(Some(if mine { "You" } else { "Assistant" }));
    let p = element("p", &format!("{BUBBLE} {}", if mine { USER } else { ASSISTANT }))?;
    p.set_text_content(Some(text));
    li.append_child(&who).ok()?;
    li.append_child(&p).ok()?;
    list.append_child(&li).ok()?;
    Some(p)
}

/// The thread's list, made when the drawer still shows its welcome.
fn list() -> Option<Element> {
    let thread = by_id("assistant-drawer-thread")?;
    if let Ok(Some(list)) = thread.query_selector("ol") {
        return Some(list);
    }
    thread.set_inner_html("");
    let list = element("ol", "space-y-4")?;
    list.set_attribute("aria-label", "Messages").ok()?;
    thread.append_child(&list).ok()?;
    Some(list)
}

pub(super) async fn send(shared: Shared) {
    let Some(input) = typed::<HtmlTextAreaElement>("assistant-drawer-message") else { return };
    let message = input.value();
    if message.trim().is_empty() || shared.borrow().busy {
        return;
    }
    shared.borrow_mut().busy = true;
    let button = by_id("assistant-drawer-send");
    if let Some(b) = &button {
        let _ = b.set_attribute("disabled", "");
    }
    say_error("");
    let conversation = shared.borrow().conversation.clone();
    let (Some(list), Some(thread)) = (list(), by_id("assistant-drawer-thread")) else { return };
    let mine = bubble(&list, true, &message);
    let answer = bubble(&list, false, "…");
    input.set_value("");
    let _ = thread.set_attribute("aria-busy", "true");
    thread.set_scroll_top(thread.scroll_height());

    let body =
        json!({"message": message, "conversation_id": (!conversation.is_empty()).then_some(conversation)});
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&JsValue::from_str(&body.to_string()));
    if let Ok(headers) = web_sys::Headers::new() {
        let _ = headers.set("Content-Type", "application/json");
        let _ = headers.set("Accept", "text/event-stream");
        init.set_headers_headers(&headers);
    }
    let outcome = match fetch("/api/v1/chat/stream", &init).await {
        None => Err("The assistant cannot be reached. Check your connection and try again.".to_owned()),
        Some(r) if !r.ok() => {
            let error: Value = serde_json::from_str(&text_of(&r).await).unwrap_or_default();
            let why = error["error"]["fields"]["message"].as_str().or(error["error"]["message"].as_str());
            Err(why.unwrap_or("That did not go through; try again.").to_owned())
        }
        Some(r) => read(&r, answer.as_ref(), &thread).await,
    };
    match outcome {
        Ok(id) => {
            let waiting = shared.borrow().waiting;
            adopt(&shared, &id, waiting);
            shared.borrow_mut().busy = false;
            load(shared.clone()).await;
        }
        Err(why) => {
            say_error(&why);
            for b in [mine, answer].into_iter().flatten() {
                if let Some(li) = b.parent_element() {
                    li.remove();
                }
            }
            input.set_value(&message);
            shared.borrow_mut().busy = false;
        }
    }
    let _ = thread.set_attribute("aria-busy", "false");
    if let Some(b) = &button {
        let _ = b.remove_attribute("disabled");
    }
    let _ = input.focus();
}

/// Read the answer's events: words into `answer` as they come; the
/// conversation's id when done.
async fn read(
    response: &web_sys::Response,
    answer: Option<&Element>,
    thread: &Element,
) -> Result<String, String> {
    let broken = || "The answer was cut off; try again.".to_owned();
    let reader: web_sys::ReadableStreamDefaultReader =
        response.body().ok_or_else(broken)?.get_reader().unchecked_into();
    let (mut buffer, mut written) = (Vec::<u8>::new(), String::new());
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(|_| broken())?;
        let done =
            js_sys::Reflect::get(&chunk, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true);
        if let Ok(value) = js_sys::Reflect::get(&chunk, &"value".into())
            && !value.is_undefined()
        {
            buffer.extend(js_sys::Uint8Array::new(&value).to_vec());
        }
        while let Some(end) = buffer.windows(2).position(|w| w == b"\n\n") {
            let event = String::from_utf8_lossy(&buffer[..end]).into_owned();
            buffer.drain(..end + 2);
            let kind =
                event.lines().find_map(|l| l.strip_prefix("event:")).map(str::trim).unwrap_or_default();
            let data: String =
                event.lines().filter_map(|l| l.strip_prefix("data:")).map(str::trim_start).collect();
            let data: Value = serde_json::from_str(&data).unwrap_or_default();
            match kind {
                "delta" => {
                    written.push_str(data["text"].as_str().unwrap_or_default());
                    if let Some(a) = answer {
                        a.set_text_content(Some(&written));
                    }
                    thread.set_scroll_top(thread.scroll_height());
                }
                "done" => {
                    if let Some(a) = answer {
                        a.set_text_content(data["response"].as_str());
                    }
                    return data["conversation_id"].as_str().map(str::to_owned).ok_or_else(broken);
                }
                "error" => return Err(data["error"].as_str().map_or_else(broken, str::to_owned)),
                _ => {}
            }
        }
        if done {
            return Err(broken());
        }
    }
}
