//! The browser half of the assistant's drawer ([`super::drawer`]): a message
//! goes out through [`super::drawer_send`]; the server's rendering of the
//! conversation is put in place (`/assistant/thread`: cards with real prices
//! and "Add to cart"); keeps
//! the conversation (its id in local storage) from page to page; listens to
//! its feed so a reply from our team shows at once. DOM calls and JSON
//! values only — it ships in the main bundle, to every page.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::{Element, HtmlDetailsElement, HtmlElement, HtmlFormElement};

/// Where the open conversation's id is kept between pages…
const KEPT: &str = "bazaar.assistant";
/// …and whether it waits for our team (then its feed stays open while the
/// drawer is closed, to show a dot when they answer).
const WAITING: &str = "bazaar.assistant.waiting";

#[derive(Default)]
pub(super) struct Drawer {
    pub(super) conversation: String,
    feed: Option<web_sys::EventSource>,
    /// Handed over to our team, not answered yet.
    pub(super) waiting: bool,
    /// The thread shown is the current one.
    fresh: bool,
    /// A message is on its way.
    pub(super) busy: bool,
    /// The drawer's first words, to show again for a new chat.
    welcome: String,
}

pub(super) type Shared = Rc<RefCell<Drawer>>;

pub(super) fn by_id(id: &str) -> Option<Element> {
    leptos::prelude::document().get_element_by_id(id)
}

pub(super) fn typed<T: JsCast>(id: &str) -> Option<T> {
    by_id(id)?.dyn_into::<T>().ok()
}

fn listen<E: wasm_bindgen::convert::FromWasmAbi + 'static>(
    target: &Element,
    kind: &str,
    f: impl FnMut(E) + 'static,
) {
    let f = Closure::<dyn FnMut(E)>::new(f);
    let _ = target.add_event_listener_with_callback(kind, f.as_ref().unchecked_ref());
    f.forget();
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn set_hidden(id: &str, hidden: bool) {
    if let Some(el) = by_id(id) {
        let _ = if hidden { el.set_attribute("hidden", "") } else { el.remove_attribute("hidden") };
    }
}

pub(super) fn say_error(text: &str) {
    if let Some(el) = by_id("assistant-drawer-error") {
        el.set_text_content(Some(text));
    }
}

pub fn start() {
    let (Some(details), Some(form), Some(thread)) =
        (by_id("assistant-drawer"), by_id("assistant-drawer-form"), by_id("assistant-drawer-thread"))
    else {
        return;
    };
    let shared: Shared = Rc::new(RefCell::new(Drawer { welcome: thread.inner_html(), ..Drawer::default() }));
    if let Some(id) = storage().and_then(|s| s.get_item(KEPT).ok().flatten()).filter(|id| !id.is_empty()) {
        let waiting = storage().and_then(|s| s.get_item(WAITING).ok().flatten()).is_some();
        adopt(&shared, &id, waiting);
    }
    let on_toggle = shared.clone();
    listen(&details, "toggle", move |_: web_sys::Event| {
        let open = is_open();
        tune(&on_toggle);
        if !open {
            return;
        }
        set_hidden("assistant-drawer-dot", true);
        if !on_toggle.borrow().fresh {
            on_toggle.borrow_mut().fresh = true;
            spawn_local(load(on_toggle.clone()));
        }
        if let Some(input) = typed::<HtmlElement>("assistant-drawer-message") {
            let _ = input.focus();
        }
    });
    listen(&details, "keydown", move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape"
            && let Some(d) = typed::<HtmlDetailsElement>("assistant-drawer")
        {
            d.set_open(false);
            if let Ok(Some(summary)) = d.query_selector("summary")
                && let Ok(summary) = summary.dyn_into::<HtmlElement>()
            {
                let _ = summary.focus();
            }
        }
    });
    let on_submit = shared.clone();
    listen(&form, "submit", move |ev: web_sys::Event| {
        ev.prevent_default();
        spawn_local(super::drawer_send::send(on_submit.clone()));
    });
    if let Some(input) = by_id("assistant-drawer-message") {
        listen(&input, "keydown", |ev: web_sys::KeyboardEvent| {
            if ev.key() == "Enter" && !ev.shift_key() && !ev.is_composing() {
                ev.prevent_default();
                if let Some(form) = typed::<HtmlFormElement>("assistant-drawer-form") {
                    let _ = form.request_submit();
                }
            }
        });
    }
    if let Some(button) = by_id("assistant-drawer-new") {
        let shared = shared.clone();
        listen(&button, "click", move |_: web_sys::Event| {
            let welcome = shared.borrow().welcome.clone();
            forget(&shared);
            if let Some(thread) = by_id("assistant-drawer-thread") {
                thread.set_inner_html(&welcome);
            }
            if let Some(input) = typed::<HtmlElement>("assistant-drawer-message") {
                let _ = input.focus();
            }
        });
    }
    // Wired up: the form no longer leaves the page.
    let _ = details.set_attribute("data-ready", "");
}

fn is_open() -> bool {
    typed::<HtmlDetailsElement>("assistant-drawer").is_some_and(|d| d.open())
}

/// Make `id` the drawer's conversation: kept, sent with the next message,
/// and listened to while the drawer is open or our team is to answer.
pub(super) fn adopt(shared: &Shared, id: &str, waiting: bool) {
    if shared.borrow().conversation != id {
        forget(shared);
        shared.borrow_mut().conversation = id.to_owned();
        if let Some(s) = storage() {
            let _ = s.set_item(KEPT, id);
        }
        if let Some(input) = by_id("assistant-drawer-conversation") {
            let _ = input.set_attribute("value", id);
        }
        set_hidden("assistant-drawer-new", false);
    }
    shared.borrow_mut().waiting = waiting;
    if let Some(s) = storage() {
        let _ = if waiting { s.set_item(WAITING, "1") } else { s.remove_item(WAITING) };
    }
    tune(shared);
}

/// The feed open only when it is needed: every open connection counts
/// against the browser's few per site.
fn tune(shared: &Shared) {
    let (wanted, has, id) = {
        let d = shared.borrow();
        (!d.conversation.is_empty() && (d.waiting || is_open()), d.feed.is_some(), d.conversation.clone())
    };
    if wanted && !has {
        listen_to(shared, &id);
    } else if !wanted && let Some(feed) = shared.borrow_mut().feed.take() {
        feed.close();
    }
}

fn listen_to(shared: &Shared, id: &str) {
    let Ok(feed) = web_sys::EventSource::new(&format!("/api/v1/chat/{id}/events")) else { return };
    // On each new message, and on (re)connecting — a message may have come
    // while the feed was not yet listening.
    let on_news = {
        let shared = shared.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            if shared.borrow().busy {
                return;
            }
            if is_open() {
                spawn_local(load(shared.clone()));
            } else if ev.type_() == "message" {
                shared.borrow_mut().fresh = false;
                set_hidden("assistant-drawer-dot", false);
            }
        })
    };
    for kind in ["message", "open"] {
        let _ = feed.add_event_listener_with_callback(kind, on_news.as_ref().unchecked_ref());
    }
    on_news.forget();
    shared.borrow_mut().feed = Some(feed);
}

/// Start afresh: no conversation, no feed.
fn forget(shared: &Shared) {
    let mut d = shared.borrow_mut();
    if let Some(feed) = d.feed.take() {
        feed.close();
    }
    d.conversation.clear();
    d.waiting = false;
    if let Some(s) = storage() {
        let _ = s.remove_item(KEPT);
        let _ = s.remove_item(WAITING);
    }
    if let Some(input) = by_id("assistant-drawer-conversation") {
        let _ = input.set_attribute("value", "");
    }
    set_hidden("assistant-drawer-new", true);
}

pub(super) async fn fetch(url: &str, init: &web_sys::RequestInit) -> Option<web_sys::Response> {
    let promise = web_sys::window()?.fetch_with_str_and_init(url, init);
    Some(JsFuture::from(promise).await.ok()?.unchecked_into())
}

pub(super) async fn text_of(response: &web_sys::Response) -> String {
    let Ok(promise) = response.text() else { return String::new() };
    JsFuture::from(promise).await.ok().and_then(|t| t.as_string()).unwrap_or_default()
}

/// Put the server's rendering of the conversation in place.
pub(super) async fn load(shared: Shared) {
    let id = shared.borrow().conversation.clone();
    let Some(response) = fetch(&format!("/assistant/thread?c={id}"), &web_sys::RequestInit::new()).await
    else {
        return;
    };
    if response.status() == 404 {
        forget(&shared);
    }
    let Some(thread) = by_id("assistant-drawer-thread").filter(|_| response.ok()) else { return };
    thread.set_inner_html(&text_of(&response).await);
    let shown = thread.first_element_child();
    let id = shown.as_ref().and_then(|w| w.get_attribute("data-conversation")).unwrap_or_default();
    if !id.is_empty() {
        adopt(&shared, &id, shown.is_some_and(|w| w.has_attribute("data-waiting")));
    }
    thread.set_scroll_top(thread.scroll_height());
}

pub(super) fn element(tag: &str, class: &str) -> Option<Element> {
    let el = leptos::prelude::document().create_element(tag).ok()?;
    el.set_class_name(class);
    Some(el)
}
