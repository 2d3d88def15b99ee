use leptos::prelude::*;

use super::StatusBadge;
use crate::orders::OrderStatus;

/// The order's status badge, kept current while the page is open: an
/// `EventSource` on `/api/v1/orders/{id}/events` (served across app nodes
/// through the change feed). Without JavaScript it is the badge as rendered.
#[island]
pub fn LiveOrderStatus(order_id: String, status: String, tracking: Option<String>) -> impl IntoView {
    let (status, set_status) = signal(status);
    let (tracking, set_tracking) = signal(tracking);
    #[cfg(feature = "hydrate")]
    listen(&order_id, set_status, set_tracking);
    #[cfg(not(feature = "hydrate"))]
    let _ = (&order_id, set_status, set_tracking);
    view! {
        <span class="inline-flex items-center gap-2" data-testid="live-status">
            {move || view! { <StatusBadge status=OrderStatus::parse(&status.get()).unwrap_or(OrderStatus::Pending) /> }}
        </span>
        {move || tracking.get().map(|t| view! { <span class="block w-full text-sm" data-testid="tracking">{format!("Tracking: {t}")}</span> })}
    }
}

#[cfg(feature = "hydrate")]
fn listen(order_id: &str, set_status: WriteSignal<String>, set_tracking: WriteSignal<Option<String>>) {
    watch(order_id, move |update| {
        if let Some(s) = update["status"].as_str() {
            set_status.set(s.to_owned());
        }
        if let Some(t) = update["tracking_number"].as_str() {
            let carrier = update["carrier"].as_str().unwrap_or_default();
            set_tracking.set(Some(format!("{carrier} {t}").trim().to_owned()));
        }
    });
}

/// Call `on` with every status update of an order while the page is open
/// (`{"status", "label", "carrier", "tracking_number"}`).
#[cfg(feature = "hydrate")]
pub fn watch(order_id: &str, mut on: impl FnMut(serde_json::Value) + 'static) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let Ok(source) = web_sys::EventSource::new(&format!("/api/v1/orders/{order_id}/events")) else { return };
    let on_status = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let Some(text) = ev.data().as_string() else { return };
        if let Ok(update) = serde_json::from_str::<serde_json::Value>(&text) {
            on(update);
        }
    });
    let _ = source.add_event_listener_with_callback("status", on_status.as_ref().unchecked_ref());
    // The page owns the stream until it is left.
    on_status.forget();
    std::mem::forget(source);
}
