use leptos::prelude::*;

use crate::catalog::Suggestion;
#[cfg(feature = "hydrate")]
use crate::catalog::api::get_suggestions;

/// The search field with suggestions: after 2 letters (and a pause in
/// typing) it lists products, categories and shops; arrow keys move
/// through them, Enter opens the chosen one, Esc closes the list. Without
/// JavaScript it is a plain field in a GET form.
#[island]
pub fn SearchBox(id: String, value: String) -> impl IntoView {
    let list_id = format!("{id}-suggestions");
    let (items, set_items) = signal(Vec::<Suggestion>::new());
    let (active, set_active) = signal(None::<usize>);
    let (open, set_open) = signal(false);
    let close = move || {
        set_open.set(false);
        set_active.set(None);
    };
    let on_input = move |_ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        fetch_later(event_target_value(&_ev), set_items, set_open, set_active);
        #[cfg(not(feature = "hydrate"))]
        let _ = set_items;
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let n = items.with(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                set_open.set(true);
                set_active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % n)));
            }
            "ArrowUp" if n > 0 => {
                ev.prevent_default();
                set_open.set(true);
                set_active.update(|a| *a = Some(a.map_or(n - 1, |i| (i + n - 1) % n)));
            }
            "Enter" => {
                let chosen = active.get().and_then(|i| items.with(|v| v.get(i).map(|s| s.url.clone())));
                if let Some(url) = chosen.filter(|_| open.get()) {
                    ev.prevent_default();
                    let _ = window().location().set_href(&url);
                }
            }
            "Escape" => close(),
            _ => {}
        }
    };
    let option_id = {
        let list_id = list_id.clone();
        move |i: usize| format!("{list_id}-{i}")
    };
    let descendant = {
        let option_id = option_id.clone();
        move || active.get().filter(|_| open.get()).map(&option_id)
    };
    view! {
        <input
            id=id
            name="q"
            type="search"
            maxlength="100"
            value=value
            autocomplete="off"
            role="combobox"
            aria-autocomplete="list"
            aria-controls=list_id.clone()
            aria-expanded=move || open.get().to_string()
            aria-activedescendant=descendant
            on:input=on_input
            on:keydown=on_keydown
            on:blur=move |_| close()
            placeholder="Search serums, roses, gift sets…"
            class="search-input"
        />
        <ul
            id=list_id
            role="listbox"
            aria-label="Suggestions"
            hidden=move || !open.get()
            // Keep focus in the field while a suggestion is clicked.
            on:mousedown=|ev| ev.prevent_default()
            class="absolute inset-x-0 top-full z-50 mt-2 overflow-hidden rounded-2xl border border-stone-200 bg-white py-1 shadow-lg dark:border-stone-700 dark:bg-stone-900"
        >
            {move || items.get().into_iter().enumerate().map(|(i, s)| {
                let selected = move || active.get() == Some(i);
                view! {
                    <li id=option_id(i) role="option" aria-selected=move || selected().to_string()>
                        <a
                            href=s.url
                            tabindex="-1"
                            class=move || if selected() { "suggestion bg-stone-100 dark:bg-stone-800" } else { "suggestion" }
                        >
                            <span class="flex-1 truncate">{s.label}</span>
                            <span class="text-xs text-stone-500 dark:text-stone-400">{s.kind.as_str()}</span>
                        </a>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// Ask for suggestions once typing pauses; an answer to an older text is dropped.
#[cfg(feature = "hydrate")]
fn fetch_later(
    text: String,
    set_items: WriteSignal<Vec<Suggestion>>,
    set_open: WriteSignal<bool>,
    set_active: WriteSignal<Option<usize>>,
) {
    use std::cell::RefCell;
    thread_local! {
        static PENDING: RefCell<Option<TimeoutHandle>> = const { RefCell::new(None) };
        static LATEST: RefCell<String> = const { RefCell::new(String::new()) };
    }
    PENDING.with(|p| {
        if let Some(h) = p.borrow_mut().take() {
            h.clear();
        }
    });
    LATEST.with(|l| *l.borrow_mut() = text.clone());
    if text.trim().chars().count() < 2 {
        set_items.set(Vec::new());
        set_open.set(false);
        return;
    }
    let handle = set_timeout_with_handle(
        move || {
            leptos::task::spawn_local(async move {
                let found = get_suggestions(text.clone()).await.unwrap_or_default();
                if LATEST.with(|l| *l.borrow() == text) {
                    set_open.set(!found.is_empty());
                    set_active.set(None);
                    set_items.set(found);
                }
            });
        },
        std::time::Duration::from_millis(150),
    );
    PENDING.with(|p| *p.borrow_mut() = handle.ok());
}
