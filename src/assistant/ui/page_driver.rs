//! The browser half of [`super::drawer::PageFeed`]: `/assistant`'s open
//! conversation redrawn from the server's rendering on each new message.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_futures::spawn_local;

use super::drawer_driver::{element, fetch, text_of};

/// `/assistant`: on each new message, the page's thread is replaced by the
/// server's rendering of it.
pub fn follow_page(conversation: &str) {
    let Ok(feed) = web_sys::EventSource::new(&format!("/api/v1/chat/{conversation}/events")) else { return };
    let id = conversation.to_owned();
    let on_news = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let id = id.clone();
        let listening = ev.type_() == "open";
        spawn_local(async move {
            redraw_page(&id).await;
            if listening
                && let Ok(Some(mark)) =
                    leptos::prelude::document().query_selector("[data-testid=assistant-live]")
            {
                let _ = mark.set_attribute("data-listening", "");
            }
        });
    });
    // New messages, and (re)connecting: one may have come before it listened.
    for kind in ["message", "open"] {
        let _ = feed.add_event_listener_with_callback(kind, on_news.as_ref().unchecked_ref());
    }
    on_news.forget();
    // Kept open for the page's life.
    std::mem::forget(feed);
}

async fn redraw_page(id: &str) {
    let url = format!("/assistant/thread?c={id}&full=1");
    let Some(response) = fetch(&url, &web_sys::RequestInit::new()).await.filter(|r| r.ok()) else { return };
    let html = text_of(&response).await;
    let (Ok(Some(shown)), Some(holder)) =
        (leptos::prelude::document().query_selector("[data-testid=assistant-thread]"), element("div", ""))
    else {
        return;
    };
    holder.set_inner_html(&html);
    if let Ok(Some(fresh)) = holder.query_selector("[data-testid=assistant-thread]") {
        let _ = shown.replace_with_with_node_1(&fresh);
    }
}
