//! The `bazaar` binary: `serve [--demo]`, `migrate`, `seed --products N`.

/// mimalloc: fewer cycles per render than glibc malloc, and freed memory
/// goes back to the system (see BENCHMARKS.md).
#[cfg(feature = "ssr")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    bazaar::cli::run().await
}

#[cfg(not(feature = "ssr"))]
fn main() {
    // The browser build has no binary; `cargo leptos` builds this with `ssr`.
}
