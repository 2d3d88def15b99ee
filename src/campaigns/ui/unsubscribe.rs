//! `/unsubscribe/{token}`: the link at the foot of every campaign mail. It
//! works signed out: the page names the (masked) address, one button stops
//! the news. Opening the page changes nothing — link checkers in mail
//! filters open links too — only the button does (and RFC 8058's one-click
//! POST, which mail apps send themselves).

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::campaigns::api::{Unsubscribe, unsubscribe_who};
use crate::components::FOCUS;
use crate::components::form::{FormError, action_error};

const CARD: &str = "mx-auto mt-12 max-w-md rounded-2xl border border-stone-200 bg-white p-6 text-center dark:border-stone-800 dark:bg-stone-900";
const LINK: &str = "text-rose-700 underline dark:text-rose-300";

#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let done = move || query.read().get("done").is_some();
    let who = Resource::new(token, unsubscribe_who);
    let action = ServerAction::<Unsubscribe>::new();
    let error = action_error(action);
    view! {
        <Title text="Unsubscribe" />
        <Meta name="robots" content="noindex" />
        <div class=CARD>
            <h1 class="text-xl font-semibold">"News by mail"</h1>
            <Suspense fallback=|| view! { <p class="mt-4 text-sm" aria-busy="true">"Checking the link…"</p> }>
                {move || Suspend::new(async move {
                    match (who.await, done()) {
                        (Ok(email), true) => view! {
                            <p class="mt-4" role="status">{format!("You are unsubscribed: {email} gets no more news from us.")}</p>
                            <p class="mt-2 text-sm text-stone-600 dark:text-stone-400">"Mail about your orders and your account still arrives. Changed your mind? Tick “news” in "<a href="/account" class=LINK>"your account"</a>"."</p>
                        }.into_any(),
                        (Ok(email), false) => view! {
                            <p class="mt-4">{format!("Stop sending news and offers to {email}?")}</p>
                            <ActionForm action attr:class="mt-4 space-y-3">
                                <FormError error />
                                <input type="hidden" name="token" value=token() />
                                <button type="submit" class=format!("rounded-full bg-rose-700 px-5 py-2.5 text-sm font-semibold text-white hover:bg-rose-800 dark:bg-rose-600 dark:hover:bg-rose-500 {FOCUS}")>"Unsubscribe"</button>
                            </ActionForm>
                            <p class="mt-3 text-xs text-stone-600 dark:text-stone-400">"No need to sign in. Order and account mail are not affected."</p>
                        }.into_any(),
                        (Err(_), _) => view! {
                            <p class="mt-4" role="alert">"This link is not one of ours: it may have been changed or cut short."</p>
                            <p class="mt-2 text-sm text-stone-600 dark:text-stone-400">"You can turn news off in "<a href="/account" class=LINK>"your account"</a>" too."</p>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
