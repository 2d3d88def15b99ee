use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::{FOCUS, Icon};
use crate::accounts::Viewer;
use crate::accounts::api::{Logout, get_viewer};

/// "Sign in" for visitors; for signed-in people a menu with their pages,
/// the links their role opens, and a sign-out form (a POST, so it works
/// without JavaScript and cannot be triggered by a link elsewhere).
#[component]
pub fn AccountMenu() -> impl IntoView {
    let location = use_location();
    // Asked again on every navigation, so signing in or out shows at once.
    let viewer = Resource::new(move || location.pathname.get(), |_| get_viewer());
    view! {
        <Suspense fallback=|| view! { <span class="h-10 w-10" aria-hidden="true"></span> }>
            {move || Suspend::new(async move {
                match viewer.await {
                    Ok(Some(v)) => view! { <Menu viewer=v /> }.into_any(),
                    _ => view! {
                        <a href="/login" class=format!("rounded-full px-3 py-2 text-sm font-medium text-stone-700 hover:bg-stone-100 dark:text-stone-200 dark:hover:bg-stone-800 {FOCUS}")>
                            "Sign in"
                        </a>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Menu(viewer: Viewer) -> impl IntoView {
    let logout = ServerAction::<Logout>::new();
    let item = format!(
        "block rounded-lg px-3 py-2 text-sm text-stone-700 hover:bg-stone-100 dark:text-stone-200 dark:hover:bg-stone-800 {FOCUS}"
    );
    let mut links = vec![
        ("/account", "Your account"),
        ("/orders", "Orders"),
        ("/account/addresses", "Addresses"),
        ("/wishlist", "Wishlist"),
        ("/assistant", "Shopping assistant"),
    ];
    use crate::accounts::Role;
    use crate::accounts::areas::Area;
    if matches!(viewer.role, Role::Seller | Role::Admin) {
        links.push(("/studio/products", "Your products"));
        links.push(("/studio/orders", "Your shop's orders"));
    }
    if viewer.role == Role::Seller || viewer.may(Area::Live) {
        links.push(("/studio", "Stream studio"));
    } else if viewer.role == Role::Customer {
        links.push(("/sell", "Sell on Bazaar"));
    }
    if viewer.may(Area::Support) {
        links.push(("/studio/inbox", "Assistant inbox"));
    }
    if viewer.role.is_admin() {
        links.push(("/admin", "Back office"));
    } else {
        // Staff: a way into each area they were given.
        let areas = [
            (Area::Orders, "/admin/orders", "Orders desk"),
            (Area::Analytics, "/admin/analytics/sales", "Analytics"),
            (Area::Finance, "/admin/analytics/finance", "Finance"),
            (Area::People, "/admin/people", "People"),
        ];
        links
            .extend(areas.into_iter().filter(|(a, ..)| viewer.may(*a)).map(|(_, href, label)| (href, label)));
    }
    view! {
        <details class="relative" data-testid="account-menu">
            <summary class=format!("flex h-10 cursor-pointer list-none items-center gap-2 rounded-full px-2 hover:bg-stone-100 dark:hover:bg-stone-800 {FOCUS}")>
                <span class="grid h-7 w-7 place-items-center rounded-full bg-rose-100 text-xs font-semibold text-rose-900 dark:bg-rose-900 dark:text-rose-100" aria-hidden="true">
                    {viewer.first_name().chars().next().unwrap_or('?').to_uppercase().to_string()}
                </span>
                <span class="hidden text-sm font-medium sm:inline">{viewer.first_name().to_owned()}</span>
                <span class="sr-only">"Account menu"</span>
                <Icon name="chevron-down" class="h-4 w-4" />
            </summary>
            <div class="absolute right-0 mt-2 w-56 rounded-xl border border-stone-200 bg-white p-2 shadow-lg dark:border-stone-700 dark:bg-stone-900">
                <p class="px-3 py-2 text-xs text-stone-500 dark:text-stone-400">
                    {viewer.email.clone()}<br />{viewer.role.label()}
                </p>
                <nav aria-label="Account">
                    {links.into_iter().map(|(href, label)| view! { <a href=href class=item.clone()>{label}</a> }).collect_view()}
                </nav>
                <ActionForm action=logout>
                    <button type="submit" class=format!("w-full text-left {item}")>"Sign out"</button>
                </ActionForm>
            </div>
        </details>
    }
}
