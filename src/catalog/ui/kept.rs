//! Parts of a page rendered once and kept as HTML for a moment.
//!
//! A product page's body is the same for every shopper whose hearts on it
//! are the same, yet rendering it is most of a request's work. On the server
//! the HTML is kept in the product cache (two seconds, emptied by the product
//! change feed like the data it shows) under a key that names everything the
//! part shows; the page then copies it in. The parts hold no islands and no
//! resources, so the copy is exactly what a fresh render would write.

use leptos::prelude::*;

/// `render`'s view; on the server, its HTML kept under `key`.
pub fn kept<V: IntoView + 'static>(key: String, render: impl FnOnce() -> V) -> AnyView {
    #[cfg(feature = "ssr")]
    if let Ok(state) = crate::server::state::current() {
        let html = state.products.html_or_render(key, || render().into_view().to_html());
        return leptos::tachys::html::InertElement::new(String::from(&*html)).into_any();
    }
    let _ = key;
    render().into_any()
}
