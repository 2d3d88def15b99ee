use leptos::prelude::*;

/// Marks `<body data-hydrated>` once the page's islands are awake, so
/// end-to-end tests (and people's scripts) know the page is interactive.
/// Renders nothing.
#[island]
pub fn HydrationMark() -> impl IntoView {
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
