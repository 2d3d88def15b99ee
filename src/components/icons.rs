use leptos::prelude::*;

/// Inline SVG icons (decorative: hidden from screen readers).
#[component]
pub fn Icon(name: &'static str, #[prop(default = "h-5 w-5")] class: &'static str) -> impl IntoView {
    let path = match name {
        "search" => "M21 21l-4.35-4.35M10.5 18a7.5 7.5 0 1 1 0-15 7.5 7.5 0 0 1 0 15z",
        "moon" => "M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z",
        "sun" => {
            "M12 4V2m0 20v-2m8-8h2M2 12h2m13.66-5.66 1.41-1.41M4.93 19.07l1.41-1.41m0-11.32L4.93 4.93m14.14 14.14-1.41-1.41M12 17a5 5 0 1 0 0-10 5 5 0 0 0 0 10z"
        }
        "menu" => "M4 6h16M4 12h16M4 18h16",
        "chevron-left" => "M15 18l-6-6 6-6",
        "chevron-down" => "M6 9l6 6 6-6",
        "chevron-right" => "M9 18l6-6-6-6",
        "store" => "M3 9l1.5-5h15L21 9M3 9h18M3 9v11h18V9M9 20v-6h6v6",
        "check" => "M5 13l4 4L19 7",
        "chat" => "M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.4A8 8 0 1 1 21 12zM8.5 12h.01M12 12h.01M15.5 12h.01",
        "close" => "M6 6l12 12M18 6L6 18",
        "bag" => "M6 8h12l-1 12H7L6 8zm3 0V6a3 3 0 0 1 6 0v2",
        "bell" => "M6 16V11a6 6 0 0 1 12 0v5l2 2H4l2-2zm4 4a2 2 0 0 0 4 0",
        _ => "M12 12h.01",
    };
    view! {
        <svg class=class viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8"
            stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">
            <path d=path />
        </svg>
    }
}
