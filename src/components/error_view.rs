use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::error::AppError;

/// Set the HTTP status of the page being rendered on the server.
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(opts), Ok(status)) =
        (use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(code))
    {
        opts.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// A friendly error panel; also sets the response status on the server.
#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    set_status(error.status());
    if let AppError::NotFound(_) = error {
        return view! { <NotFound /> }.into_any();
    }
    let fields = match &error {
        AppError::Validation(map) => map.iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>(),
        _ => Vec::new(),
    };
    let heading = match error {
        AppError::Validation(_) => "That request did not look right",
        AppError::Unauthorized => "Please sign in",
        AppError::Forbidden => "Not allowed",
        _ => "Something went wrong",
    };
    view! {
        <Title text=heading />
        <section class="mx-auto my-16 max-w-lg rounded-2xl border border-stone-200 bg-white p-8 text-center shadow-sm dark:border-stone-800 dark:bg-stone-900" role="alert">
            <h1 class="text-2xl font-semibold">{heading}</h1>
            <p class="mt-3 text-stone-600 dark:text-stone-300">{error.to_string()}</p>
            <ul class="mt-4 space-y-1 text-sm text-rose-700 dark:text-rose-300">
                {fields.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}
            </ul>
            <a href="/products" class="mt-6 inline-block rounded-full bg-stone-900 px-5 py-2 text-sm font-medium text-white hover:bg-stone-700 dark:bg-stone-100 dark:text-stone-900">
                "Back to the shop"
            </a>
        </section>
    }
    .into_any()
}

/// The 404 page (status 404 on the server).
#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    view! {
        <Title text="Page not found" />
        <Meta name="robots" content="noindex" />
        <section class="mx-auto my-20 max-w-lg text-center">
            <p class="text-sm font-semibold uppercase tracking-widest text-rose-700 dark:text-rose-300">"404"</p>
            <h1 class="mt-2 text-3xl font-semibold tracking-tight sm:text-4xl">"We couldn't find that page"</h1>
            <p class="mt-4 text-stone-600 dark:text-stone-300">
                "The product may have sold out for good, or the link has a typo."
            </p>
            <div class="mt-8 flex flex-wrap justify-center gap-3">
                <a href="/products" class="rounded-full bg-stone-900 px-5 py-2.5 text-sm font-medium text-white hover:bg-stone-700 dark:bg-stone-100 dark:text-stone-900 dark:hover:bg-white">
                    "Browse all products"
                </a>
                <a href="/" class="rounded-full border border-stone-300 px-5 py-2.5 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800">
                    "Go home"
                </a>
            </div>
        </section>
    }
}
