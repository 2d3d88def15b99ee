//! The shop's and the back office's order lists (`/studio/orders`,
//! `/admin/orders`) and the moves an order page offers them.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use super::{StatusBadge, when};
use crate::accounts::ui::Refused;
use crate::components::FOCUS;
use crate::components::form::{DatesAndShow, FormError, INPUT, action_error};
use crate::orders::api::{UpdateOrderStatus, get_admin_orders, get_shop_orders};
use crate::orders::{OrderFilter, OrderStatus, OrderSummary};

/// The filter as the page's query string has it.
fn filter_of(q: &leptos_router::params::ParamsMap) -> OrderFilter {
    OrderFilter {
        status: q.get("status").unwrap_or_default(),
        shop: q.get("shop").unwrap_or_default(),
        customer: q.get("customer").unwrap_or_default(),
        from: q.get("from").unwrap_or_default(),
        to: q.get("to").unwrap_or_default(),
        page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
    }
}

#[component]
pub fn StudioOrdersPage() -> impl IntoView {
    let query = use_query_map();
    let orders = Resource::new(move || filter_of(&query.read()), get_shop_orders);
    view! {
        <Title text="Your shop's orders" />
        <Meta name="robots" content="noindex" />
        <div class="pt-8">
            <h1 class="text-2xl font-semibold tracking-tight sm:text-3xl">"Orders"</h1>
            <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">"Your shop's orders, newest first. Open one to mark it processing or shipped."</p>
            <Filters admin=false current=filter_of(&query.read_untracked()) />
            <OrderList orders base="/studio/orders" />
        </div>
    }
}

#[component]
pub fn AdminOrdersPage() -> impl IntoView {
    let query = use_query_map();
    let orders = Resource::new(move || filter_of(&query.read()), get_admin_orders);
    view! {
        <Title text="Orders" />
        <Meta name="robots" content="noindex" />
        <div class="pt-8">
            <a href="/admin" class="text-sm text-rose-700 hover:underline dark:text-rose-300">"← Back office"</a>
            <h1 class="mt-2 text-2xl font-semibold tracking-tight sm:text-3xl">"Orders"</h1>
            <Filters admin=true current=filter_of(&query.read_untracked()) />
            <OrderList orders base="/admin/orders" />
        </div>
    }
}

/// A GET form: the list follows the choice, with or without JavaScript.
#[component]
fn Filters(admin: bool, current: OrderFilter) -> impl IntoView {
    let label = "block text-xs font-medium text-stone-600 dark:text-stone-400";
    view! {
        <form method="get" class="mt-6 grid grid-cols-2 items-end gap-3 rounded-2xl border border-stone-200 p-4 sm:grid-cols-3 lg:grid-cols-6 dark:border-stone-800" aria-label="Filter orders">
            <div>
                <label for="f-status" class=label>"Status"</label>
                <select id="f-status" name="status" class=INPUT>
                    <option value="" selected=current.status.is_empty()>"Any"</option>
                    {OrderStatus::ALL.into_iter().map(|s| view! {
                        <option value=s.as_str() selected=current.status == s.as_str()>{s.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            {admin.then(|| view! {
                <div>
                    <label for="f-shop" class=label>"Shop"</label>
                    <input id="f-shop" name="shop" value=current.shop.clone() placeholder="shop-address" maxlength="80" class=INPUT />
                </div>
                <div>
                    <label for="f-customer" class=label>"Customer"</label>
                    <input id="f-customer" name="customer" value=current.customer.clone() placeholder="name or email" maxlength="100" class=INPUT />
                </div>
            })}
            <DatesAndShow from=current.from.clone() to=current.to.clone() />
        </form>
    }
}

#[component]
fn OrderList(
    orders: Resource<Result<Vec<OrderSummary>, crate::error::AppError>>,
    base: &'static str,
) -> impl IntoView {
    view! {
        <Suspense fallback=|| view! { <p class="mt-6 text-sm text-stone-500" aria-busy="true">"Loading orders…"</p> }>
            {move || Suspend::new(async move {
                match orders.await {
                    Ok(list) if list.is_empty() => view! {
                        <p class="mt-6 rounded-2xl border border-dashed border-stone-300 p-10 text-center text-sm dark:border-stone-700">"No orders match."</p>
                    }.into_any(),
                    Ok(list) => view! {
                        <div class="mt-6 overflow-x-auto rounded-2xl border border-stone-200 dark:border-stone-800">
                            <table class="w-full text-left text-sm">
                                <thead class="bg-stone-50 text-xs uppercase tracking-wide text-stone-600 dark:bg-stone-900 dark:text-stone-400">
                                    <tr>
                                        <th scope="col" class="px-4 py-3">"Order"</th>
                                        <th scope="col" class="hidden px-4 py-3 sm:table-cell">"Customer"</th>
                                        <th scope="col" class="hidden px-4 py-3 md:table-cell">"Shop"</th>
                                        <th scope="col" class="hidden px-4 py-3 lg:table-cell">"Placed"</th>
                                        <th scope="col" class="px-4 py-3">"Status"</th>
                                        <th scope="col" class="px-4 py-3 text-right">"Total"</th>
                                    </tr>
                                </thead>
                                <tbody class="divide-y divide-stone-200 dark:divide-stone-800">
                                    {list.into_iter().map(|o| view! {
                                        <tr data-testid="desk-order-row">
                                            <td class="whitespace-nowrap px-4 py-3"><a href=format!("{base}/{}", o.id) class="font-medium text-rose-700 hover:underline dark:text-rose-300">{o.number.clone()}</a></td>
                                            <td class="hidden px-4 py-3 sm:table-cell">{o.customer_name.clone()}</td>
                                            <td class="hidden px-4 py-3 md:table-cell">{o.shop_name.clone()}</td>
                                            <td class="hidden px-4 py-3 lg:table-cell">{when(o.created_at)}</td>
                                            <td class="px-4 py-3"><StatusBadge status=o.status() /></td>
                                            <td class="px-4 py-3 text-right tabular-nums">{o.money(o.total_minor).to_string()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                    Err(e) => view! { <Refused error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The moves open from the order's state: processing, shipped (with a
/// tracking number), delivered, cancelled.
#[component]
pub fn Actions(order: OrderSummary, back: String) -> impl IntoView {
    let update = ServerAction::<UpdateOrderStatus>::new();
    let error = action_error(update);
    let status = order.status();
    let button = format!(
        "w-full rounded-full border border-stone-300 px-4 py-2 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800 {FOCUS}"
    );
    let simple = [OrderStatus::Processing, OrderStatus::Delivered, OrderStatus::Cancelled]
        .into_iter()
        .filter(|to| status.can_become(*to))
        .collect::<Vec<_>>();
    let tracking_msg = move || error.get().and_then(|e| e.field_message("tracking_number"));
    let ship = status.can_become(OrderStatus::Shipped).then(|| {
        let (id, back) = (order.id.clone(), back.clone());
        view! {
            <ActionForm action=update attr:class="space-y-2">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="status" value="shipped" />
                <input type="hidden" name="back" value=back />
                <div>
                    <label for="carrier" class="block text-sm font-medium">"Carrier"</label>
                    <input id="carrier" name="carrier" maxlength="64" placeholder="Royal Mail" class=INPUT />
                </div>
                <div>
                    <label for="tracking" class="block text-sm font-medium">"Tracking number"</label>
                    <input id="tracking" name="tracking_number" maxlength="64" class=INPUT aria-describedby="tracking-msg"
                        aria-invalid=move || tracking_msg().is_some().to_string() />
                    <p id="tracking-msg" class="mt-1 text-xs text-rose-700 dark:text-rose-300" aria-live="polite">{tracking_msg}</p>
                </div>
                <button type="submit" class=format!("w-full rounded-full bg-rose-700 px-4 py-2 text-sm font-semibold text-white hover:bg-rose-800 {FOCUS}")>"Mark shipped"</button>
            </ActionForm>
        }
    });
    let others = simple
        .into_iter()
        .map(|to| {
            let (id, back, class) = (order.id.clone(), back.clone(), button.clone());
            view! {
                <ActionForm action=update>
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="status" value=to.as_str() />
                    <input type="hidden" name="back" value=back />
                    <button type="submit" class=class>{format!("Mark {}", to.label().to_lowercase())}</button>
                </ActionForm>
            }
        })
        .collect_view();
    view! {
        <section class="space-y-3 rounded-2xl border border-stone-200 p-5 dark:border-stone-800" aria-labelledby="actions-heading">
            <h2 id="actions-heading" class="font-semibold">"Move this order"</h2>
            <FormError error />
            {ship}
            {others}
        </section>
    }
}
