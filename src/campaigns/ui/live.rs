//! The editor's live preview: an island with no markup of its own that
//! watches the editor's form and, a moment after each change, asks the
//! server for the preview and the recipient count (`live_driver`).

use leptos::prelude::*;

#[island(lazy)]
pub fn CampaignLive() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    super::live_driver::start();
    view! { <span hidden=true></span> }
}
