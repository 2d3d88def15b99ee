//! `/studio/inbox`: conversations the assistant handed over (a shopper
//! asked for a person, or it found nothing twice), waiting ones first; the
//! chosen one's messages and a reply form. Staff and administrators only.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::thread::Thread;
use crate::accounts::ui::Refused;
use crate::assistant::api::{StaffReply, get_inbox};
use crate::components::FOCUS;
use crate::components::form::{FormError, action_error};

#[component]
pub fn InboxPage() -> impl IntoView {
    let query = use_query_map();
    let chosen = move || query.read().get("c");
    let reply = ServerAction::<StaffReply>::new();
    let data = Resource::new(move || (chosen(), reply.version().get()), |(c, _)| get_inbox(c));
    let error = action_error(reply);
    view! {
        <Title text="Inbox" />
        <div class="pt-8">
            <h1 class="text-2xl font-semibold tracking-tight sm:text-3xl">"Inbox"</h1>
            <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">"Conversations the assistant handed to the team. Your reply shows in the shopper's open chat at once, and goes by email to signed-in shoppers."</p>
            <Suspense fallback=|| view! { <p class="mt-6 text-sm text-stone-500" aria-busy="true">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <Refused error=e /> }.into_any(),
                        Ok((list, messages)) if list.is_empty() => view! {
                            <p class="mt-6 rounded-2xl border border-dashed border-stone-300 p-10 text-center text-sm dark:border-stone-700" data-testid="inbox-empty">
                                "Nothing waiting. When a shopper asks for a person, the conversation lands here."
                            </p>
                            {let _ = messages;}
                        }.into_any(),
                        Ok((list, messages)) => {
                            let current = chosen().filter(|c| list.iter().any(|e| &e.conversation_id == c));
                            view! {
                                <div class="mt-6 grid gap-6 lg:grid-cols-[20rem_1fr]">
                                    <ul class="space-y-2" role="list" aria-label="Handed-over conversations">
                                        {list.into_iter().map(|e| {
                                            let on = current.as_deref() == Some(e.conversation_id.as_str());
                                            view! {
                                                <li>
                                                    <a href=format!("/studio/inbox?c={}", e.conversation_id) aria-current=on.then_some("page") data-testid="inbox-item"
                                                        class=format!("block rounded-xl border px-4 py-3 text-sm hover:border-rose-300 {} {FOCUS}", if on { "border-rose-400 bg-rose-50 dark:bg-rose-950/40" } else { "border-stone-200 dark:border-stone-800" })>
                                                        <span class="flex items-center justify-between gap-2">
                                                            <span class="font-semibold">{e.customer.clone()}</span>
                                                            {if e.answered {
                                                                view! { <span class="rounded-full bg-emerald-100 px-2 text-xs text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">"Answered"</span> }.into_any()
                                                            } else {
                                                                view! { <span class="rounded-full bg-amber-100 px-2 text-xs text-amber-900 dark:bg-amber-900 dark:text-amber-100">"Waiting"</span> }.into_any()
                                                            }}
                                                        </span>
                                                        <span class="mt-1 block truncate text-stone-600 dark:text-stone-400">{e.last_message.clone()}</span>
                                                        <span class="mt-1 block text-xs text-stone-500">{crate::dates::when(e.escalated_at)}</span>
                                                    </a>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                    <section aria-label="Conversation" class="rounded-2xl border border-stone-200 bg-white p-4 sm:p-6 dark:border-stone-800 dark:bg-stone-900">
                                        {match current {
                                            None => view! { <p class="text-sm text-stone-600 dark:text-stone-400">"Choose a conversation to read and answer it."</p> }.into_any(),
                                            Some(id) => view! {
                                                <Thread messages />
                                                <ActionForm action=reply attr:class="mt-6" attr:id="staff-reply-form">
                                                    <FormError error />
                                                    <input type="hidden" name="conversation_id" value=id />
                                                    <label for="staff-reply" class="block text-sm font-medium">"Your reply"</label>
                                                    <textarea id="staff-reply" name="message" rows="3" maxlength="2000" required
                                                        class=format!("mt-1 w-full rounded-xl border border-stone-300 bg-white px-3 py-2 text-sm dark:border-stone-700 dark:bg-stone-950 {FOCUS}")></textarea>
                                                    <button type="submit" class=format!("mt-2 rounded-full bg-rose-700 px-5 py-2.5 text-sm font-semibold text-white hover:bg-rose-800 dark:bg-rose-600 {FOCUS}")>"Send reply"</button>
                                                </ActionForm>
                                            }.into_any(),
                                        }}
                                    </section>
                                </div>
                            }.into_any()
                        }
                    }
                })}
            </Suspense>
        </div>
    }
}
