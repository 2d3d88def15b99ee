//! The browser half of the live chat ([`super::LiveChat`]): a WebSocket to
//! the stream's chat, frames applied straight to the server-rendered panel
//! with DOM calls, the form and the reactions sent over the socket, and a
//! reconnect after a drop. Kept free of view trees and typed decoders: it
//! ships (split off, `#[island(lazy)]`) to every viewer of a stream.

use std::cell::RefCell;
use std::rc::Rc;

use serde_json::Value;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Document, Element};

use super::chat::{LI, MOD_BUTTON, MOD_FORM, TEXT, stock_label};
use crate::live::chat::HISTORY;

type Socket = Rc<RefCell<Option<web_sys::WebSocket>>>;

fn doc() -> Document {
    leptos::prelude::document()
}

fn by_id(id: &str) -> Option<Element> {
    doc().get_element_by_id(id)
}

fn set_text(id: &str, text: &str) {
    if let Some(el) = by_id(id) {
        el.set_text_content(Some(text));
    }
}

fn set_hidden(el: &Element, hidden: bool) {
    let _ = if hidden { el.set_attribute("hidden", "") } else { el.remove_attribute("hidden") };
}

pub fn start(stream_id: &str, moderate: bool) {
    let socket: Socket = Rc::default();
    open(socket.clone(), stream_id.to_owned(), moderate);
    // `{"type": kind, key: value}`, quoted by the browser's JSON (no
    // serializer in this download).
    let send = {
        let socket = socket.clone();
        move |kind: &str, key: &str, value: &str| {
            let quoted = js_sys::JSON::stringify(&value.into()).ok().and_then(|q| q.as_string());
            if let (Some(ws), Some(quoted)) = (socket.borrow().as_ref(), quoted) {
                let _ = ws.send_with_str(&format!(r#"{{"type":"{kind}","{key}":{quoted}}}"#));
            }
        }
    };
    if let Some(form) = by_id("chat-form") {
        let send = send.clone();
        let on_submit = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            ev.prevent_default();
            let Some(input) = by_id("chat-text").and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let text = input.value();
            if !text.trim().is_empty() {
                send("message", "text", &text);
                input.set_value("");
            }
        });
        let _ = form.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
        on_submit.forget();
    }
    if let Some(group) = by_id("chat-react") {
        if let Ok(buttons) = group.query_selector_all("button") {
            for i in 0..buttons.length() {
                if let Some(b) = buttons.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    let _ = b.remove_attribute("disabled");
                    let _ = b.remove_attribute("title");
                }
            }
        }
        let on_click = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            let emoji = ev
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|e| e.closest("[data-reaction]").ok().flatten())
                .and_then(|e| e.get_attribute("data-reaction"));
            if let Some(emoji) = emoji {
                send("reaction", "emoji", &emoji);
            }
        });
        let _ = group.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
        on_click.forget();
    }
    drawer();
}

/// On a stream page, "Buy now" opens the checkout in a drawer over the
/// stream (the form posts into the drawer's frame) instead of leaving it.
fn drawer() {
    let (Some(buy), Some(dialog)) = (by_id("pinned-buy"), by_id("checkout-drawer")) else { return };
    let Ok(dialog) = dialog.dyn_into::<web_sys::HtmlDialogElement>() else { return };
    let _ = buy.set_attribute("target", "checkout-frame");
    let on_submit = Closure::<dyn FnMut()>::new(move || {
        if !dialog.open() {
            let _ = dialog.show_modal();
        }
    });
    let _ = buy.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
    on_submit.forget();
}

fn open(socket: Socket, stream_id: String, moderate: bool) {
    let location = leptos::prelude::window().location();
    let scheme = if location.protocol().as_deref() == Ok("https:") { "wss" } else { "ws" };
    let Ok(host) = location.host() else { return };
    let Ok(ws) = web_sys::WebSocket::new(&format!("{scheme}://{host}/api/v1/streams/{stream_id}/chat"))
    else {
        return;
    };
    let on_message = {
        let stream_id = stream_id.clone();
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            if let Some(frame) = ev.data().as_string().and_then(|t| serde_json::from_str::<Value>(&t).ok()) {
                apply(frame, &stream_id, moderate);
            }
        })
    };
    ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let on_close = {
        let socket = socket.clone();
        Closure::<dyn FnMut()>::new(move || {
            let (socket, stream_id) = (socket.clone(), stream_id.clone());
            leptos::prelude::set_timeout(
                move || open(socket, stream_id, moderate),
                std::time::Duration::from_secs(2),
            );
        })
    };
    ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    on_close.forget();
    *socket.borrow_mut() = Some(ws);
}

/// A string field ("" when missing). Frames are read as JSON values, not
/// through the typed derives: their decoders would double this island's size.
fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_default()
}

fn apply(frame: Value, stream_id: &str, moderate: bool) {
    let Some(list) = by_id("chat-messages") else { return };
    match frame["type"].as_str().unwrap_or_default() {
        "history" => {
            if let Some(messages) = frame["messages"].as_array() {
                list.set_text_content(None);
                for m in messages {
                    append(&list, m, stream_id, moderate);
                }
            }
        }
        "message" => {
            append(&list, &frame, stream_id, moderate);
            while list.child_element_count() > (HISTORY * 2) as u32 {
                if let Some(first) = list.first_element_child() {
                    first.remove();
                }
            }
            list.set_scroll_top(list.scroll_height());
        }
        "deleted" => {
            let id = frame["id"].as_str().unwrap_or_default().replace(['"', '\\'], "");
            if let Ok(Some(li)) = list.query_selector(&format!("[data-message=\"{id}\"]")) {
                li.remove();
            }
        }
        "viewers" => {
            set_text("chat-viewers", &format!("{} watching", frame["count"].as_i64().unwrap_or_default()))
        }
        "pinned" => pin(&frame["product"]),
        "error" => set_text("chat-error", frame["message"].as_str().unwrap_or_default()),
        "reaction" => react(frame["emoji"].as_str().unwrap_or_default()),
        _ => {}
    }
}

fn element(tag: &str, class: &str) -> Option<Element> {
    let el = doc().create_element(tag).ok()?;
    el.set_class_name(class);
    Some(el)
}

fn hidden_input(name: &str, value: &str) -> Option<Element> {
    let input = doc().create_element("input").ok()?;
    input.set_attribute("type", "hidden").ok()?;
    input.set_attribute("name", name).ok()?;
    input.set_attribute("value", value).ok()?;
    Some(input)
}

/// One message as the server renders it; text only through text nodes.
fn append(list: &Element, m: &Value, stream_id: &str, moderate: bool) -> Option<()> {
    let (id, user) = (text(m, "id"), &m["user"]);
    let li = element("li", LI)?;
    li.set_attribute("data-message", id).ok()?;
    let p = element("p", TEXT)?;
    let name = element("span", "font-semibold")?;
    name.set_text_content(Some(text(user, "name")));
    p.append_child(&name).ok()?;
    p.append_child(&doc().create_text_node(&format!(" {}", text(m, "text")))).ok()?;
    li.append_child(&p).ok()?;
    if moderate {
        let form = element("form", MOD_FORM)?;
        form.set_attribute("method", "post").ok()?;
        form.set_attribute("action", "/api/moderate_chat").ok()?;
        for (name, value) in [("stream_id", stream_id), ("message_id", id), ("user_id", text(user, "id"))] {
            let input = hidden_input(name, value)?;
            form.append_child(&input).ok()?;
        }
        for (action, label) in [("delete", "Delete"), ("mute", "Mute"), ("ban", "Ban")] {
            let b = element("button", MOD_BUTTON)?;
            b.set_attribute("type", "submit").ok()?;
            b.set_attribute("name", "action").ok()?;
            b.set_attribute("value", action).ok()?;
            b.set_text_content(Some(label));
            form.append_child(&b).ok()?;
        }
        li.append_child(&form).ok()?;
    }
    list.append_child(&li).ok()?;
    Some(())
}

fn pin(p: &Value) {
    let Some(block) = by_id("chat-pinned") else { return };
    if p.is_null() {
        set_hidden(&block, true);
        return;
    }
    set_hidden(&block, false);
    let (stock, simple, image) = (
        p["stock"].as_i64().unwrap_or_default(),
        p["simple"].as_bool().unwrap_or(true),
        p["image_url"].as_str(),
    );
    let href = format!("/products/{}", text(p, "slug"));
    if let Some(link) = by_id("pinned-link") {
        let _ = link.set_attribute("href", &href);
        link.set_text_content(Some(text(p, "title")));
    }
    if let Some(img) = by_id("pinned-img") {
        let _ = img.set_attribute("src", image.unwrap_or_default());
        set_hidden(&img, image.is_none());
    }
    set_text("pinned-price", text(p, "price_label"));
    set_text("pinned-stock", &stock_label(stock));
    if let Some(buy) = by_id("pinned-buy") {
        if let Ok(Some(input)) = buy.query_selector("input[name=product_id]") {
            let _ = input.set_attribute("value", text(p, "id"));
        }
        set_hidden(&buy, stock <= 0 || !simple);
    }
    if let Some(choose) = by_id("pinned-choose") {
        let _ = choose.set_attribute("href", &href);
        set_hidden(&choose, stock <= 0 || simple);
    }
}

fn react(emoji: &str) {
    let (Some(room), Some(bubble)) =
        (by_id("chat-reactions"), element("span", "reaction-float absolute bottom-2 right-6 text-2xl"))
    else {
        return;
    };
    bubble.set_text_content(Some(emoji));
    if room.append_child(&bubble).is_ok() {
        leptos::prelude::set_timeout(move || bubble.remove(), std::time::Duration::from_millis(1800));
    }
}
