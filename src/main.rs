//! The `bazaar` binary: `serve [--demo]`, `migrate`, `seed --products N`.

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    bazaar::cli::run().await
}

#[cfg(not(feature = "ssr"))]
fn main() {
    // The browser build has no binary; `cargo leptos` builds this with `ssr`.
}
