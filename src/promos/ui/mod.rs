//! `/admin/promos`: the promo codes, a form for a new one, and switching
//! one off or on. Plain forms.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::accounts::ui::Refused;
use crate::components::form::{Field, FormError, Notice, Submit, action_error};
use crate::components::{FOCUS, Panel};
use crate::promos::Promo;
use crate::promos::api::{CreatePromo, TogglePromo, get_promos};

#[component]
pub fn AdminPromosPage() -> impl IntoView {
    let create = ServerAction::<CreatePromo>::new();
    let toggle = ServerAction::<TogglePromo>::new();
    let query = use_query_map();
    let promos = Resource::new(move || (create.version().get(), toggle.version().get()), |_| get_promos());
    let created =
        Signal::derive(move || query.read().get("created").map(|_| "The promo code is live.".to_owned()));
    view! {
        <Title text="Promo codes" />
        <div class="pt-8">
            <a href="/admin" class="text-sm text-rose-700 hover:underline dark:text-rose-300">"← Back office"</a>
            <h1 class="mt-2 text-2xl font-semibold tracking-tight sm:text-3xl">"Promo codes"</h1>
            <div class="mt-4"><Notice text=created /></div>
            <Suspense fallback=|| view! { <p class="mt-6 text-sm text-stone-500" aria-busy="true">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match promos.await {
                        Ok((list, currency)) => view! {
                            <div class="mt-6 grid gap-8 lg:grid-cols-[1fr_24rem] lg:items-start">
                                <PromoTable list currency toggle />
                                <NewPromo create />
                            </div>
                        }.into_any(),
                        Err(e) => view! { <Refused error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn PromoTable(list: Vec<Promo>, currency: String, toggle: ServerAction<TogglePromo>) -> impl IntoView {
    if list.is_empty() {
        return view! {
            <p class="rounded-2xl border border-dashed border-stone-300 p-10 text-center text-sm dark:border-stone-700">"No promo codes yet. Make the first one with the form."</p>
        }
        .into_any();
    }
    view! {
        <div class="overflow-x-auto rounded-2xl border border-stone-200 dark:border-stone-800">
            <table class="w-full text-left text-sm">
                <thead class="bg-stone-50 text-xs uppercase tracking-wide text-stone-600 dark:bg-stone-900 dark:text-stone-400">
                    <tr><th scope="col" class="px-4 py-3">"Code"</th><th scope="col" class="px-4 py-3">"Value"</th><th scope="col" class="px-4 py-3">"Used"</th><th scope="col" class="px-4 py-3">"State"</th><th scope="col" class="px-4 py-3"><span class="sr-only">"Actions"</span></th></tr>
                </thead>
                <tbody class="divide-y divide-stone-200 dark:divide-stone-800">
                    {list.into_iter().map(|p| {
                        let used = match p.usage_limit { Some(n) => format!("{} of {n}", p.used_count), None => p.used_count.to_string() };
                        let label = p.label(&currency);
                        let (id, active, code) = (p.id.clone(), p.active, p.code.clone());
                        view! {
                            <tr data-testid="promo-row">
                                <td class="px-4 py-3 font-mono font-semibold">{p.code.clone()}</td>
                                <td class="px-4 py-3">{label}</td>
                                <td class="px-4 py-3 tabular-nums">{used}</td>
                                <td class="px-4 py-3">{if active { "Active" } else { "Off" }}</td>
                                <td class="px-4 py-3 text-right">
                                    <ActionForm action=toggle>
                                        <input type="hidden" name="id" value=id />
                                        <input type="hidden" name="active" value=(!active).to_string() />
                                        <button type="submit" class=format!("rounded-full border border-stone-300 px-3 py-1 text-xs font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800 {FOCUS}")>
                                            {if active { "Switch off" } else { "Switch on" }}<span class="sr-only">{format!(" {code}")}</span>
                                        </button>
                                    </ActionForm>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn NewPromo(create: ServerAction<CreatePromo>) -> impl IntoView {
    let error = action_error(create);
    let kind_msg = move || error.get().and_then(|e| e.field_message("kind"));
    view! {
        <Panel title="New promo code">
            <ActionForm action=create attr:class="space-y-4" attr:novalidate=true>
                <FormError error />
                <Field label="Code" name="code" maxlength=32 hint="Letters, digits, - or _; shoppers type it in any case." error />
                <fieldset>
                    <legend class="text-sm font-medium">"Kind"</legend>
                    <div class="mt-1 flex gap-4 text-sm">
                        <label class="flex items-center gap-2"><input type="radio" name="kind" value="percent" checked=true class="accent-rose-700" />"Percent off"</label>
                        <label class="flex items-center gap-2"><input type="radio" name="kind" value="fixed" class="accent-rose-700" />"Amount off"</label>
                    </div>
                    <p class="mt-1 text-xs text-rose-700 dark:text-rose-300" aria-live="polite">{kind_msg}</p>
                </fieldset>
                <Field label="Value" name="value" maxlength=12 hint="10 for 10%, or 5.00 for an amount." error />
                <Field label="Minimum subtotal" name="min_subtotal" required=false maxlength=12 error />
                <div class="grid grid-cols-2 gap-3">
                    <Field label="Starts" name="starts_on" kind="date" required=false error />
                    <Field label="Ends" name="ends_on" kind="date" required=false error />
                </div>
                <div class="grid grid-cols-2 gap-3">
                    <Field label="Total uses" name="usage_limit" kind="number" required=false error />
                    <Field label="Uses per customer" name="per_customer_limit" kind="number" required=false error />
                </div>
                <Field label="Only this shop" name="shop" required=false hint="The shop's address name, e.g. dewdrop-botanics." error />
                <Field label="Only this category" name="category" required=false hint="e.g. florals or serums." error />
                <Submit label="Create promo code" pending=create.pending() />
            </ActionForm>
        </Panel>
    }
}
