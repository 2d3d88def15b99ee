use leptos::prelude::*;

use super::{FOCUS, Icon};

/// Light/dark switch. Without JavaScript it posts to `/theme`, which sets
/// the cookie and sends the visitor back; with JavaScript it flips the class
/// and the cookie in place.
#[island]
pub fn ThemeToggle() -> impl IntoView {
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        flip_in_browser();
    };
    view! {
        <form method="post" action="/theme" on:submit=on_submit>
            <button
                type="submit"
                data-testid="theme-toggle"
                title="Switch light or dark theme"
                class=format!("flex h-10 w-10 items-center justify-center rounded-full text-stone-700 hover:bg-stone-100 dark:text-stone-200 dark:hover:bg-stone-800 {FOCUS}")
            >
                <span class="dark:hidden"><Icon name="moon" /></span>
                <span class="hidden dark:inline"><Icon name="sun" /></span>
                <span class="sr-only">"Switch light or dark theme"</span>
            </button>
        </form>
    }
}

#[cfg(feature = "hydrate")]
fn flip_in_browser() {
    use wasm_bindgen::JsCast;
    let Some(root) = document().document_element() else { return };
    let classes = root.class_list();
    let system_dark =
        window().match_media("(prefers-color-scheme: dark)").ok().flatten().is_some_and(|m| m.matches());
    let dark_now = classes.contains("dark") || (classes.contains("auto") && system_dark);
    let next = if dark_now { "light" } else { "dark" };
    root.set_class_name(next);
    if let Ok(doc) = document().dyn_into::<web_sys::HtmlDocument>() {
        let _ = doc.set_cookie(&format!(
            "{}={next}; Path=/; Max-Age=31536000; SameSite=Lax",
            crate::theme::THEME_COOKIE
        ));
    }
}
