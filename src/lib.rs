//! Bazaar: a self-hosted commerce platform, one Leptos full-stack app.
//! Domain folders hold shared types (`mod.rs`), server functions (`api.rs`),
//! rules (`service.rs`), SQL (`db.rs`), REST (`rest.rs`) and pages (`ui/`).

#![recursion_limit = "256"]

pub mod accounts;
pub mod admin;
pub mod ai;
pub mod analytics;
pub mod app;
pub mod assistant;
pub mod audit;
pub mod campaigns;
pub mod cart;
pub mod catalog;
pub mod checkout;
pub mod components;
pub mod dates;
pub mod docs;
pub mod error;
pub mod live;
pub mod media;
pub mod notifications;
pub mod orders;
pub mod payments;
pub mod people;
pub mod promos;
pub mod recs;
pub mod reports;
pub mod reviews;
pub mod sellers;
pub mod settings;
pub mod theme;
pub mod traffic;
pub mod wishlist;

#[cfg(feature = "ssr")]
pub mod cli;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod server;

/// Entry point of the WASM bundle: wake the islands in the server-rendered
/// page (everything else stays plain HTML).
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
