//! The HTML shell, the root component and the route table — nothing else.

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::accounts::ui::{
    AccountPage, AddressesPage, ForgotPasswordPage, LoginPage, RegisterPage, ResetPasswordPage,
    SecondStepPage, SecurityPage,
};
use crate::admin::ui::AdminPage;
use crate::catalog::studio::ui::{ProductEditorPage, StudioProductsPage};
use crate::catalog::ui::{CategoryPage, HomePage, ProductListPage, ProductPage, ShopPage};
use crate::components::{Footer, Header, NotFound};
use crate::live::ui::StudioPage;
use crate::reviews::ui::AdminReviewsPage;
use crate::sellers::ui::{AdminSellersPage, FollowingPage, SellPage, ShopProfilePage};
use crate::wishlist::ui::{SharedWishlistPage, WishlistPage};

/// The document around the app. Rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en" class=html_class()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                <link rel="icon" href="/favicon.ico" sizes="any" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body class="min-h-screen bg-stone-50 text-stone-900 antialiased dark:bg-stone-950 dark:text-stone-100">
                <App />
            </body>
        </html>
    }
}

/// `dark`, `light`, or `auto` from the theme cookie of the request.
fn html_class() -> &'static str {
    #[cfg(feature = "ssr")]
    {
        let theme = use_context::<http::request::Parts>()
            .and_then(|parts| parts.headers.get(http::header::COOKIE).cloned())
            .and_then(|c| c.to_str().ok().and_then(crate::theme::Theme::from_cookie_header));
        crate::theme::Theme::html_class(theme)
    }
    #[cfg(not(feature = "ssr"))]
    {
        "auto"
    }
}

/// The page is loaded in one of our own frames (the checkout drawer of a
/// live stream): no header and footer around it.
fn framed() -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .is_some_and(|p| p.headers.get("sec-fetch-dest").is_some_and(|d| d == "iframe"))
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}

/// The assistant's drawer is on the shop's pages, not on its own page and
/// not in the back office.
fn shows_assistant() -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>().is_some_and(|p| {
            let path = p.uri.path();
            !["/assistant", "/studio", "/admin"].iter().any(|room| path.starts_with(room))
        })
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let framed = framed();
    let assistant = !framed && shows_assistant();

    let shop_name = crate::settings::current_store().name;
    view! {
        <Stylesheet id="leptos" href="/pkg/bazaar.css" />
        // Every page's title goes through here; leptos_meta writes it into
        // the server HTML unescaped, so it is escaped on the way.
        <Title formatter=move |title: String| {
            crate::components::escape::raw_text(&if title.is_empty() { shop_name.clone() } else { format!("{title} · {shop_name}") })
        } />
        <Router>
            <a
                href="#main"
                class="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2 focus:text-stone-900"
            >
                "Skip to content"
            </a>
            {(!framed).then(|| view! { <Header /> })}
            <main id="main" class="mx-auto w-full max-w-7xl px-4 pb-16 sm:px-6 lg:px-8">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/products") view=ProductListPage ssr=SsrMode::Async />
                    <Route path=path!("/products/:slug") view=ProductPage ssr=SsrMode::Async />
                    <Route path=path!("/categories/:slug") view=CategoryPage ssr=SsrMode::Async />
                    <Route path=path!("/shops/:slug") view=ShopPage ssr=SsrMode::Async />
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/login/2fa") view=SecondStepPage ssr=SsrMode::Async />
                    <Route path=path!("/verify-email") view=crate::accounts::ui::VerifyEmailPage ssr=SsrMode::Async />
                    <Route path=path!("/register") view=RegisterPage ssr=SsrMode::Async />
                    <Route path=path!("/forgot-password") view=ForgotPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/reset-password") view=ResetPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async />
                    <Route path=path!("/account/addresses") view=AddressesPage ssr=SsrMode::Async />
                    <Route path=path!("/account/following") view=FollowingPage ssr=SsrMode::Async />
                    <Route path=path!("/account/security") view=SecurityPage ssr=SsrMode::Async />
                    <Route path=path!("/account/data") view=crate::accounts::ui::DataPage ssr=SsrMode::Async />
                    <Route path=path!("/admin") view=AdminPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/sellers") view=AdminSellersPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/reviews") view=AdminReviewsPage ssr=SsrMode::Async />
                    <Route path=path!("/sell") view=SellPage ssr=SsrMode::Async />
                    <Route path=path!("/wishlist") view=WishlistPage ssr=SsrMode::Async />
                    <Route path=path!("/cart") view=crate::cart::ui::CartPage ssr=SsrMode::Async />
                    <Route path=path!("/checkout") view=crate::checkout::ui::CheckoutPage ssr=SsrMode::Async />
                    <Route path=path!("/orders") view=crate::orders::ui::OrdersPage ssr=SsrMode::Async />
                    <Route path=path!("/orders/:id") view=crate::orders::ui::OrderPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/promos") view=crate::promos::ui::AdminPromosPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/settings") view=crate::settings::ui::AdminSettingsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/settings/checkout") view=crate::checkout::ui::CheckoutSettingsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/streams") view=crate::live::ui::AdminStreamsPage ssr=SsrMode::Async />
                    <Route path=path!("/assistant") view=crate::assistant::ui::AssistantPage ssr=SsrMode::Async />
                    <Route path=path!("/studio/inbox") view=crate::assistant::ui::InboxPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/ai") view=crate::ai::ui::AdminAiPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/outbox") view=crate::admin::outbox::AdminOutboxPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/security") view=crate::admin::security::AdminSecurityPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/people") view=crate::people::ui::AdminPeoplePage ssr=SsrMode::Async />
                    <Route path=path!("/admin/people/invite") view=crate::people::invites::ui::InviteStaffPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/people/:id") view=crate::people::ui::PersonPage ssr=SsrMode::Async />
                    <Route path=path!("/invite") view=crate::people::invites::ui::AcceptInvitePage ssr=SsrMode::Async />
                    <Route path=path!("/admin/audit") view=crate::audit::ui::AdminAuditPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/campaigns") view=crate::campaigns::ui::AdminCampaignsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/campaigns/:id") view=crate::campaigns::ui::CampaignPage ssr=SsrMode::Async />
                    <Route path=path!("/notifications") view=crate::notifications::ui::NotificationsPage ssr=SsrMode::Async />
                    <Route path=path!("/unsubscribe/:token") view=crate::campaigns::ui::UnsubscribePage ssr=SsrMode::Async />
                    <Route path=path!("/api/docs") view=crate::docs::ApiDocsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/orders") view=crate::orders::ui::AdminOrdersPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/orders/:id") view=|| view! { <crate::orders::ui::OrderDeskPage list="/admin/orders" /> } ssr=SsrMode::Async />
                    <Route path=path!("/studio/orders") view=crate::orders::ui::StudioOrdersPage ssr=SsrMode::Async />
                    <Route path=path!("/studio/analytics") view=crate::analytics::ui::StudioAnalyticsPage ssr=SsrMode::Async />
                    <Route path=path!("/studio/analytics/customers") view=crate::analytics::ui::StudioCustomersPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/analytics/sales") view=crate::analytics::ui::AdminSalesPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/analytics/customers") view=crate::analytics::ui::AdminCustomersPage ssr=SsrMode::Async />
                    <Route path=path!("/studio/analytics/inventory") view=crate::analytics::ui::StudioInventoryPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/analytics/inventory") view=crate::analytics::ui::AdminInventoryPage ssr=SsrMode::Async />
                    <Route path=path!("/studio/analytics/finance") view=crate::analytics::ui::StudioFinancePage ssr=SsrMode::Async />
                    <Route path=path!("/admin/analytics/finance") view=crate::analytics::ui::AdminFinancePage ssr=SsrMode::Async />
                    <Route path=path!("/admin/analytics/traffic") view=crate::analytics::ui::AdminTrafficPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/reports") view=crate::reports::ui::AdminReportsPage ssr=SsrMode::Async />
                    <Route path=path!("/studio/reports") view=crate::reports::ui::StudioReportsPage ssr=SsrMode::Async />
                    <Route path=path!("/studio/orders/:id") view=|| view! { <crate::orders::ui::OrderDeskPage list="/studio/orders" /> } ssr=SsrMode::Async />
                    <Route path=path!("/wishlist/shared/:token") view=SharedWishlistPage ssr=SsrMode::Async />
                    <Route path=path!("/live") view=crate::live::ui::LivePage ssr=SsrMode::Async />
                    <Route path=path!("/live/:id") view=crate::live::ui::StreamPage ssr=SsrMode::Async />
                    <Route path=path!("/studio") view=StudioPage ssr=SsrMode::Async />
                    <Route path=path!("/studio/streams") view=crate::live::ui::StudioStreamsPage ssr=SsrMode::Async />
                    <Route path=path!("/studio/streams/:id") view=crate::live::ui::ConsolePage ssr=SsrMode::Async />
                    <Route path=path!("/studio/products") view=StudioProductsPage ssr=SsrMode::Async />
                    <Route path=path!("/studio/shop") view=ShopProfilePage ssr=SsrMode::Async />
                    <Route path=path!("/studio/shipping") view=crate::checkout::ui::ShopShippingPage ssr=SsrMode::Async />
                    <Route path=path!("/studio/products/:id") view=ProductEditorPage ssr=SsrMode::Async />
                </Routes>
            </main>
            {(!framed).then(|| view! { <Footer /> })}
            {assistant.then(|| view! { <crate::assistant::ui::AssistantDrawer /> })}
            <crate::components::HydrationMark />
        </Router>
    }
}
