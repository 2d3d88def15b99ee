use leptos::prelude::*;

/// The card around one form section.
#[component]
pub fn Panel(
    title: &'static str,
    #[prop(optional)] description: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="rounded-2xl border border-stone-200 bg-white p-6 shadow-sm dark:border-stone-800 dark:bg-stone-900">
            <h2 class="text-lg font-semibold">{title}</h2>
            {(!description.is_empty()).then(|| view! { <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">{description}</p> })}
            <div class="mt-5">{children()}</div>
        </section>
    }
}
