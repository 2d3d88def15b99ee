//! Form pieces shared by every page that takes input: a labelled field with
//! its error beside it, a submit button, and the banner for form-wide
//! messages. Errors come from the server (`AppError::Validation`), with or
//! without JavaScript.

use leptos::prelude::*;

use super::FOCUS;
use crate::error::AppError;

pub const INPUT: &str = "mt-1 block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-stone-400 focus:border-rose-500 focus:outline-none focus:ring-2 focus:ring-rose-500/40 aria-[invalid=true]:border-rose-600 dark:border-stone-700 dark:bg-stone-900";

/// The latest error of a form's action, as a signal of `Option<AppError>`.
pub fn action_error<I, O>(action: ServerAction<I>) -> Signal<Option<AppError>>
where
    I: leptos::server_fn::ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(|r| r.err()))
}

/// A labelled input. `error` is the form's last error; the field shows the
/// message for its own `name`.
#[component]
pub fn Field(
    label: &'static str,
    name: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional, into)] value: Signal<String>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// The keyboard a phone shows (`numeric` for codes).
    #[prop(optional)]
    inputmode: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = true)] required: bool,
    #[prop(default = 200)] maxlength: u32,
    #[prop(into)] error: Signal<Option<AppError>>,
    /// The error's field name when it differs from the input's
    /// (`return_address.city` for `return_address[city]`).
    #[prop(optional)]
    error_key: Option<&'static str>,
) -> impl IntoView {
    let id = format!("field-{}", name.replace(['[', ']'], "-"));
    let key = error_key.unwrap_or(name);
    let message = move || error.get().and_then(|e| e.field_message(key));
    let described = format!("{id}-msg");
    view! {
        <div>
            <label for=id.clone() class="block text-sm font-medium">
                {label}
                {(!required).then(|| view! { <span class="font-normal text-stone-500 dark:text-stone-400">" (optional)"</span> })}
            </label>
            <input
                id=id
                name=name
                type=kind
                prop:value=move || value.get()
                value=move || value.get()
                autocomplete=autocomplete
                inputmode=inputmode
                required=required
                maxlength=maxlength
                aria-invalid=move || message().is_some().to_string()
                aria-describedby=described.clone()
                class=INPUT
            />
            <p id=described class="mt-1 text-xs text-stone-600 dark:text-stone-400" aria-live="polite">
                {move || match message() {
                    Some(m) => view! { <span class="text-rose-700 dark:text-rose-300">{m}</span> }.into_any(),
                    None => hint.unwrap_or_default().into_any(),
                }}
            </p>
        </div>
    }
}

/// A labelled `<select>` of fixed choices, with its error beside it.
#[component]
pub fn Select(
    label: &'static str,
    name: &'static str,
    options: &'static [&'static str],
    #[prop(optional, into)] value: Signal<String>,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let described = format!("{id}-msg");
    let message = move || error.get().and_then(|e| e.field_message(name));
    view! {
        <div>
            <label for=id.clone() class="block text-sm font-medium">{label}</label>
            <select
                id=id
                name=name
                required=true
                aria-invalid=move || message().is_some().to_string()
                aria-describedby=described.clone()
                class=INPUT
            >
                <option value="" selected=move || value.get().is_empty()>"Choose…"</option>
                {options.iter().map(|o| view! {
                    <option value=*o selected=move || value.get() == *o>{*o}</option>
                }).collect_view()}
            </select>
            <p id=described class="mt-1 text-xs text-rose-700 dark:text-rose-300" aria-live="polite">{message}</p>
        </div>
    }
}

/// A form-wide message: errors that belong to no single field.
#[component]
pub fn FormError(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let text = move || {
        error.get().map(|e| match e {
            AppError::Validation(_) => "Please correct the highlighted fields.".to_owned(),
            other => other.to_string(),
        })
    };
    view! {
        <Show when=move || text().is_some()>
            <div role="alert" class="rounded-lg border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-800 dark:border-rose-900 dark:bg-rose-950 dark:text-rose-200">
                {text}
            </div>
        </Show>
    }
}

/// A success note, e.g. "Saved".
#[component]
pub fn Notice(#[prop(into)] text: Signal<Option<String>>) -> impl IntoView {
    view! {
        <Show when=move || text.get().is_some()>
            <div role="status" class="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-200">
                {move || text.get()}
            </div>
        </Show>
    }
}

/// The primary button; shows progress while the action runs.
#[component]
pub fn Submit(label: &'static str, #[prop(into)] pending: Signal<bool>) -> impl IntoView {
    view! {
        <button
            type="submit"
            disabled=move || pending.get()
            aria-busy=move || pending.get().to_string()
            class=format!("inline-flex items-center justify-center gap-2 rounded-full bg-rose-700 px-5 py-2.5 text-sm font-semibold text-white hover:bg-rose-800 disabled:opacity-60 dark:bg-rose-600 dark:hover:bg-rose-500 {FOCUS}")
        >
            <Show when=move || pending.get()>
                <span class="h-4 w-4 animate-spin rounded-full border-2 border-white/40 border-t-white" aria-hidden="true"></span>
            </Show>
            {label}
        </button>
    }
}

/// The end of a back office's GET filter form: the first and last day
/// (`from`, `to`, `YYYY-MM-DD`) and the button that applies the filter.
#[component]
pub fn DatesAndShow(from: String, to: String) -> impl IntoView {
    let label = "block text-xs font-medium text-stone-600 dark:text-stone-400";
    view! {
        <div>
            <label for="f-from" class=label>"From"</label>
            <input id="f-from" name="from" type="date" value=from class=INPUT />
        </div>
        <div>
            <label for="f-to" class=label>"To"</label>
            <input id="f-to" name="to" type="date" value=to class=INPUT />
        </div>
        <button type="submit" class=format!("rounded-full bg-stone-900 px-4 py-2 text-sm font-semibold text-white hover:bg-stone-700 dark:bg-stone-100 dark:text-stone-900 {FOCUS}")>"Show"</button>
    }
}
