use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::accounts::ui::Refused;
use crate::components::form::{FormError, INPUT, Notice, action_error};
use crate::sellers::Application;
use crate::sellers::api::{ApproveSeller, RejectSeller, get_applications};

/// `/admin/sellers`: the queue of applications, oldest first, each with
/// approve and reject (with a reason).
#[component]
pub fn AdminSellersPage() -> impl IntoView {
    let approve = ServerAction::<ApproveSeller>::new();
    let reject = ServerAction::<RejectSeller>::new();
    let query = use_query_map();
    let queue = Resource::new(
        move || (approve.version().get(), reject.version().get(), query.read().get("reviewed")),
        |_| get_applications(),
    );
    let done = Signal::derive(move || {
        query.read().get("reviewed").map(|what| match what.as_str() {
            "approved" => "Approved: the shop is open and its owner can list products.".to_owned(),
            _ => "Rejected: the applicant sees your reason on their page.".to_owned(),
        })
    });
    view! {
        <Title text="Seller applications" />
        <Suspense fallback=|| view! { <p class="pt-8 text-sm text-stone-500" aria-busy="true">"Loading applications…"</p> }>
            {move || Suspend::new(async move {
                match queue.await {
                    Ok(list) => view! {
                        <div class="pt-8">
                            <h1 class="text-2xl font-semibold tracking-tight sm:text-3xl">"Seller applications"</h1>
                            <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">{format!("{} waiting for review", list.len())}</p>
                            <div class="mt-6 space-y-6">
                                <Notice text=done />
                                {list.is_empty().then(|| view! {
                                    <p class="rounded-2xl border border-dashed border-stone-300 p-10 text-center text-sm text-stone-600 dark:border-stone-700 dark:text-stone-400">"No applications are waiting."</p>
                                })}
                                {list.into_iter().map(|a| view! { <Card a approve reject /> }).collect_view()}
                            </div>
                        </div>
                    }.into_any(),
                    Err(e) => view! { <Refused error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Card(
    a: Application,
    approve: ServerAction<ApproveSeller>,
    reject: ServerAction<RejectSeller>,
) -> impl IntoView {
    let error = action_error(reject);
    let reason_id = format!("reason-{}", a.id);
    let (approve_id, reject_id) = (a.id.clone(), a.id.clone());
    let links: Vec<String> = a.input.social_links.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    let address = &a.input.return_address;
    let address =
        [&address.full_name, &address.address_line1, &address.city, &address.post_code, &address.country]
            .into_iter()
            .filter(|s| !s.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
    view! {
        <article class="rounded-2xl border border-stone-200 bg-white p-6 shadow-sm dark:border-stone-800 dark:bg-stone-900" aria-label=format!("Application: {}", a.shop_name)>
            <h2 class="text-lg font-semibold">{a.shop_name.clone()}</h2>
            <p class="text-sm text-stone-600 dark:text-stone-400">{format!("{} · {}", a.applicant_name, a.applicant_email)}</p>
            <dl class="mt-4 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
                <Row term="Sells" detail=a.input.category.clone() />
                <Row term="Experience" detail=a.input.experience_level.clone() />
                <Row term="Monthly sales" detail=a.input.monthly_revenue.clone() />
                <Row term="Sells on" detail=a.input.platforms.join(", ") />
                <Row term="Links" detail=links.join(" · ") />
                <Row term="Returns to" detail=address />
            </dl>
            <div class="mt-5 flex flex-col gap-4 sm:flex-row sm:items-start">
                <ActionForm action=approve>
                    <input type="hidden" name="id" value=approve_id />
                    <button type="submit" class="focus-ring rounded-full bg-emerald-700 px-4 py-2 text-sm font-medium text-white hover:bg-emerald-800">"Approve"</button>
                </ActionForm>
                <ActionForm action=reject attr:class="flex-1 space-y-2">
                    <FormError error />
                    <input type="hidden" name="id" value=reject_id />
                    <label for=reason_id.clone() class="block text-sm font-medium">"Reason to reject"</label>
                    <textarea id=reason_id name="reason" rows="2" maxlength="500" class=INPUT placeholder="What should the applicant change?"></textarea>
                    <button type="submit" class="focus-ring rounded-full border border-rose-300 px-4 py-2 text-sm font-medium text-rose-800 hover:bg-rose-50 dark:border-rose-800 dark:text-rose-200 dark:hover:bg-rose-950">"Reject"</button>
                </ActionForm>
            </div>
        </article>
    }
}

#[component]
fn Row(term: &'static str, detail: String) -> impl IntoView {
    view! {
        <div class="flex gap-2">
            <dt class="w-32 shrink-0 text-stone-500 dark:text-stone-400">{term}</dt>
            <dd class="min-w-0 break-words">{if detail.is_empty() { "—".to_owned() } else { detail }}</dd>
        </div>
    }
}
