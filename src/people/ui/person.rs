//! `/admin/people/:id`: one person — who they are, their orders, addresses,
//! shop, sessions, security activity, notes and history — and, for an
//! administrator, their role (after the administrator's password), whether
//! their account is on, and a staff member's areas.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{Badge, ROLES, role_label};
use crate::accounts::areas::Area;
use crate::accounts::ui::{ActivityList, Refused};
use crate::audit::ui::History;
use crate::catalog::Money;
use crate::components::FOCUS;
use crate::components::form::{Field, FormError, INPUT, Notice, Submit, action_error};
use crate::people::api::{AddPersonNote, SetPersonAreas, SetPersonRole, SetPersonStatus, get_person};
use crate::people::{PersonDetail, Status};

const CARD: &str = "rounded-2xl border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900";
const BUTTON: &str = "rounded-full border border-stone-300 px-4 py-2 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800";

fn saved_text(code: &str) -> Option<String> {
    let text = match code {
        "role" => "Role changed. It holds from their next click.",
        "status" => "Account status changed.",
        "areas" => "Areas saved. They hold from the person's next click.",
        "note" => "Note added.",
        _ => return None,
    };
    Some(text.to_owned())
}

#[component]
pub fn PersonPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let role = ServerAction::<SetPersonRole>::new();
    let status = ServerAction::<SetPersonStatus>::new();
    let areas = ServerAction::<SetPersonAreas>::new();
    let note = ServerAction::<AddPersonNote>::new();
    let person = Resource::new(
        move || {
            let versions =
                (role.version().get(), status.version().get(), areas.version().get(), note.version().get());
            (params.read().get("id").unwrap_or_default(), versions)
        },
        |(id, _)| get_person(id),
    );
    let saved = Signal::derive(move || query.read().get("saved").and_then(|s| saved_text(&s)));
    view! {
        <Meta name="robots" content="noindex" />
        <div class="pt-8">
            <a href="/admin/people" class="text-sm text-rose-700 hover:underline dark:text-rose-300">"← People"</a>
            <Suspense fallback=|| view! { <p class="mt-6 text-sm text-stone-500" aria-busy="true">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match person.await {
                        Ok(p) => view! { <Detail p saved role status areas note /> }.into_any(),
                        Err(e) => view! { <Refused error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Detail(
    p: PersonDetail,
    saved: Signal<Option<String>>,
    role: ServerAction<SetPersonRole>,
    status: ServerAction<SetPersonStatus>,
    areas: ServerAction<SetPersonAreas>,
    note: ServerAction<AddPersonNote>,
) -> impl IntoView {
    let off = p.person.status == Status::Deactivated.as_str();
    let is_staff = p.person.role == "staff";
    let id = p.person.id.clone();
    view! {
        <Title text=p.person.full_name.clone() />
        <header class="mt-2 flex flex-wrap items-end justify-between gap-3">
            <div class="min-w-0">
                <h1 class="truncate text-2xl font-semibold tracking-tight sm:text-3xl">{p.person.full_name.clone()}</h1>
                <p class="truncate text-sm text-stone-600 dark:text-stone-400">{p.person.email.clone()}</p>
            </div>
            <div class="flex flex-wrap gap-2">
                <Badge text=role_label(&p.person.role) />
                {off.then(|| view! { <Badge text=Status::Deactivated.label().to_owned() warn=true /> })}
                {p.deleted.then(|| view! { <Badge text="Deleted".to_owned() warn=true /> })}
                <Badge text=(if p.two_factor { "Two-step sign-in on" } else { "Two-step sign-in off" }).to_owned() warn=!p.two_factor && is_staff />
                <Badge text=(if p.email_verified { "Email confirmed" } else { "Email not confirmed" }).to_owned() />
                <Badge text=format!("Joined {}", crate::reviews::date_label(p.person.created_at)) />
            </div>
        </header>
        <div class="mt-4"><Notice text=saved /></div>
        <div class="mt-6 grid gap-6 lg:grid-cols-3">
            <div class="space-y-6 lg:col-span-2">
                <section class=CARD aria-labelledby="orders-h">
                    <h2 id="orders-h" class="font-semibold">{format!("Orders ({})", p.order_count)}</h2>
                    {if p.orders.is_empty() {
                        view! { <p class="mt-2 text-sm text-stone-600 dark:text-stone-400">"No orders yet."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="mt-2 divide-y divide-stone-200 text-sm dark:divide-stone-800">
                                {p.orders.iter().map(|o| {
                                    let label = crate::orders::OrderStatus::parse(&o.status).map_or(o.status.clone(), |s| s.label().to_owned());
                                    view! {
                                        <li class="flex flex-wrap justify-between gap-2 py-2">
                                            <a href=format!("/admin/orders/{}", o.id) class="font-medium text-rose-700 hover:underline dark:text-rose-300">{o.number.clone()}</a>
                                            <span>{label}</span>
                                            <span>{Money { minor: o.total_minor, currency: o.currency.clone() }.to_string()}</span>
                                            <span class="text-stone-500 dark:text-stone-400">{crate::reviews::date_label(o.created_at)}</span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <section class=CARD aria-labelledby="activity-h">
                    <h2 id="activity-h" class="font-semibold">"Security activity"</h2>
                    {if p.events.is_empty() {
                        view! { <p class="mt-2 text-sm text-stone-600 dark:text-stone-400">"Nothing recorded."</p> }.into_any()
                    } else {
                        view! { <ActivityList events=p.events.clone() /> }.into_any()
                    }}
                </section>
                <section class=CARD aria-labelledby="history-h">
                    <h2 id="history-h" class="font-semibold">"History"</h2>
                    <div class="mt-2"><History entries=p.history.clone() /></div>
                    <a href=format!("/admin/audit?entity=user&entity_id={}", crate::catalog::query::encode(&id)) class="mt-2 inline-block text-sm text-rose-700 hover:underline dark:text-rose-300">"All of it in the audit log"</a>
                </section>
                <Notes p=p.clone() note />
            </div>
            <div class="space-y-6">
                {p.can_manage.then(|| view! { <RoleForm id=id.clone() current=p.person.role.clone() role /> })}
                {(p.can_manage && is_staff).then(|| view! { <AreasForm id=id.clone() p=p.clone() areas /> })}
                {p.can_manage.then(|| view! { <StatusForm id=id.clone() off status /> })}
                <section class=CARD aria-labelledby="shop-h">
                    <h2 id="shop-h" class="font-semibold">"Shop"</h2>
                    {match p.shop.clone() {
                        Some(s) => view! { <p class="mt-2 text-sm"><a href=format!("/shops/{}", s.slug) class="text-rose-700 hover:underline dark:text-rose-300">{s.shop_name}</a>" · "{s.status}</p> }.into_any(),
                        None => view! { <p class="mt-2 text-sm text-stone-600 dark:text-stone-400">"No shop."</p> }.into_any(),
                    }}
                </section>
                <section class=CARD aria-labelledby="addr-h">
                    <h2 id="addr-h" class="font-semibold">"Addresses"</h2>
                    {if p.addresses.is_empty() {
                        view! { <p class="mt-2 text-sm text-stone-600 dark:text-stone-400">"None saved."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="mt-2 space-y-2 text-sm">
                                {p.addresses.iter().map(|a| view! {
                                    <li>{format!("{}, {}, {} {}, {}", a.full_name, a.address_line1, a.city, a.postal_code, a.country)}</li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <section class=CARD aria-labelledby="sessions-h">
                    <h2 id="sessions-h" class="font-semibold">{format!("Signed in ({})", p.sessions.len())}</h2>
                    <ul class="mt-2 space-y-2 text-sm">
                        {p.sessions.iter().map(|s| view! {
                            <li>{s.device.clone()}<span class="block text-xs text-stone-500 dark:text-stone-400">{format!("{} · last seen {}", s.ip, crate::dates::when(s.last_seen_at))}</span></li>
                        }).collect_view()}
                    </ul>
                </section>
            </div>
        </div>
    }
}

#[component]
fn RoleForm(id: String, current: String, role: ServerAction<SetPersonRole>) -> impl IntoView {
    let error = action_error(role);
    let pending = role.pending();
    view! {
        <section class=CARD aria-labelledby="role-h">
            <h2 id="role-h" class="font-semibold">"Role"</h2>
            <ActionForm action=role attr:class="mt-3 space-y-3" attr:novalidate=true>
                <input type="hidden" name="id" value=id />
                <FormError error />
                <div>
                    <label for="field-role" class="block text-sm font-medium">"New role"</label>
                    <select id="field-role" name="role" class=INPUT>
                        {ROLES.into_iter().map(|r| view! { <option value=r.as_str() selected=current == r.as_str()>{r.label()}</option> }).collect_view()}
                    </select>
                </div>
                <Field label="Your password" name="password" kind="password" autocomplete="current-password" error hint="Asked every time a role changes." />
                <Field label="Code from your app" name="code" inputmode="numeric" autocomplete="one-time-code" required=false maxlength=40 error hint="Only with two-step sign-in on." />
                <Submit label="Change role" pending />
            </ActionForm>
        </section>
    }
}

#[component]
fn AreasForm(id: String, p: PersonDetail, areas: ServerAction<SetPersonAreas>) -> impl IntoView {
    let error = action_error(areas);
    let pending = areas.pending();
    view! {
        <section class=CARD aria-labelledby="areas-h">
            <h2 id="areas-h" class="font-semibold">"Areas"</h2>
            <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">"What this staff member may use in the back office."</p>
            <ActionForm action=areas attr:class="mt-3 space-y-3">
                <input type="hidden" name="id" value=id />
                <FormError error />
                <fieldset class="space-y-2">
                    <legend class="sr-only">"Areas"</legend>
                    {Area::ALL.into_iter().enumerate().map(|(i, a)| view! {
                        <label class="flex items-start gap-3 text-sm">
                            <input type="checkbox" name=format!("areas[{i}]") value=a.as_str() checked=p.areas.contains(a) class="mt-0.5 h-4 w-4 rounded border-stone-300 text-rose-700 focus:ring-rose-500" />
                            <span><span class="font-medium">{a.label()}</span><span class="block text-stone-600 dark:text-stone-400">{a.hint()}</span></span>
                        </label>
                    }).collect_view()}
                </fieldset>
                <Submit label="Save areas" pending />
            </ActionForm>
        </section>
    }
}

#[component]
fn StatusForm(id: String, off: bool, status: ServerAction<SetPersonStatus>) -> impl IntoView {
    let error = action_error(status);
    let (next, label, text) = if off {
        (Status::Active, "Switch the account back on", "They can sign in again; nothing else changes.")
    } else {
        (
            Status::Deactivated,
            "Switch the account off",
            "Signs them out everywhere and refuses sign-in. Their orders, reviews and shop stay.",
        )
    };
    view! {
        <section class=CARD aria-labelledby="status-h">
            <h2 id="status-h" class="font-semibold">"Account"</h2>
            <p class="mt-1 text-sm text-stone-600 dark:text-stone-400">{text}</p>
            <ActionForm action=status attr:class="mt-3 space-y-3">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="status" value=next.as_str() />
                <FormError error />
                <button type="submit" class=format!("{BUTTON} {FOCUS}")>{label}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Notes(p: PersonDetail, note: ServerAction<AddPersonNote>) -> impl IntoView {
    let error = action_error(note);
    let pending = note.pending();
    let message = move || error.get().and_then(|e| e.field_message("body"));
    view! {
        <section class=CARD aria-labelledby="notes-h">
            <h2 id="notes-h" class="font-semibold">"Notes"</h2>
            <ActionForm action=note attr:class="mt-3 space-y-2" attr:novalidate=true>
                <input type="hidden" name="id" value=p.person.id.clone() />
                <label for="field-note" class="block text-sm font-medium">"Add a note for the team"</label>
                <textarea id="field-note" name="body" rows="3" maxlength="2000" required=true aria-describedby="field-note-msg" aria-invalid=move || message().is_some().to_string() class=INPUT></textarea>
                <p id="field-note-msg" class="text-xs text-rose-700 dark:text-rose-300" aria-live="polite">{message}</p>
                <Submit label="Add note" pending />
            </ActionForm>
            <ul class="mt-4 space-y-3 text-sm">
                {p.notes.into_iter().map(|n| view! {
                    <li class="rounded-lg bg-stone-50 p-3 dark:bg-stone-800/60">
                        <p class="whitespace-pre-line">{n.body}</p>
                        <p class="mt-1 text-xs text-stone-500 dark:text-stone-400">{format!("{} · {}", n.author, crate::dates::when(n.created_at))}</p>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
