//! Command line: parse, load settings, dispatch.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::accounts::{Role, service};
use crate::catalog::seed::{self, people as demo};
use crate::server::config::Settings;
use crate::server::{startup, telemetry};

#[derive(Parser)]
#[command(name = "bazaar", version, about = "Self-hosted commerce: storefront, marketplace, live shopping")]
struct Cli {
    /// Settings file (missing is fine: defaults and BAZAAR_* variables apply).
    #[arg(long, env = "BAZAAR_CONFIG", default_value = "Leptos.toml", global = true)]
    config: PathBuf,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate, then serve HTTP until Ctrl-C or SIGTERM.
    Serve {
        /// Seed the demo shop first when the catalog is empty.
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Add generated products (for benchmarks) — creates the demo shops if missing.
    Seed {
        /// How many products to add.
        #[arg(long, default_value_t = 200)]
        products: usize,
    },
    /// Build the search index from the database and time queries in-process.
    SearchBench {
        /// How many times each query runs.
        #[arg(long, default_value_t = 50)]
        rounds: usize,
    },
    /// Search quality on a labelled set over the demo catalog (seeded into an
    /// empty database): nDCG@10 with words alone and with words and meaning.
    SearchEval {
        /// The labelled queries.
        #[arg(long, default_value = "bench/search_labels.json")]
        queries: PathBuf,
    },
    /// Embedding throughput, then hybrid search and recommendations at full
    /// size (see `bench/ai.sh`): generated products are added up to `products`.
    AiBench {
        #[arg(long, default_value_t = 100_000)]
        products: usize,
        /// Products embedded for real (the rest get derived vectors).
        #[arg(long, default_value_t = 10_000)]
        embed: usize,
    },
    /// Recommendations against a popularity baseline on the demo shop's
    /// generated order history, each shopper's last checkout held out.
    RecsEval,
    /// Many buyers placing orders at once (see `bench/checkout.sh`).
    CheckoutBench {
        /// Buyers (accounts made for the run).
        #[arg(long, default_value_t = 200)]
        buyers: usize,
        /// Placements per run.
        #[arg(long, default_value_t = 4000)]
        attempts: usize,
        /// Units of the hot product.
        #[arg(long, default_value_t = 100)]
        stock: i64,
        /// Placements in flight at once.
        #[arg(long, default_value_t = 200)]
        concurrency: usize,
    },
    /// Dashboards at scale: a generated order history, the rollups
    /// rebuilt, each report timed (see `bench/analytics.sh`).
    AnalyticsBench {
        #[arg(long, default_value_t = 1_000_000)]
        orders: usize,
        #[arg(long, default_value_t = 50)]
        shops: usize,
        #[arg(long, default_value_t = 100_000)]
        customers: usize,
        /// Days of history, ending today.
        #[arg(long, default_value_t = 730)]
        days: i64,
        /// Timed runs per report.
        #[arg(long, default_value_t = 20)]
        runs: usize,
        /// Made-up visitors a day at the end (fewer earlier; about 3.2
        /// traffic events each: 2,400 over two years is some 5 million).
        #[arg(long, default_value_t = 2_400)]
        visitors: usize,
        /// Keep a history generated before (same database) instead of writing one.
        #[arg(long)]
        reuse: bool,
    },
    /// Manage administrators.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create an administrator. The password is read from
    /// BAZAAR_ADMIN_PASSWORD, or from the first line of standard input.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Administrator")]
        name: String,
    },
}

pub async fn run() -> ExitCode {
    let cli = Cli::parse();
    let settings = match Settings::load(&cli.config) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("bazaar: {e}");
            return ExitCode::from(2);
        }
    };
    telemetry::init_logs(&settings.server.log_format);
    let result = match cli.command.unwrap_or(Command::Serve { demo: false }) {
        Command::Serve { demo } => serve(settings, demo).await,
        Command::Migrate => migrate(settings).await,
        Command::Seed { products } => seed_products(settings, products).await,
        Command::SearchBench { rounds } => search_bench(settings, rounds).await,
        Command::SearchEval { queries } => crate::ai::bench::search_eval(settings, &queries).await,
        Command::AiBench { products, embed } => crate::ai::load::run(settings, products, embed).await,
        Command::RecsEval => crate::ai::bench::recs_eval(settings).await,
        Command::CheckoutBench { buyers, attempts, stock, concurrency } => {
            checkout_bench(settings, buyers, attempts, stock, concurrency).await
        }
        Command::AnalyticsBench { orders, shops, customers, days, runs, visitors, reuse } => {
            let args =
                crate::analytics::bench::Args { orders, shops, customers, days, runs, visitors, reuse };
            analytics_bench(settings, &args).await
        }
        Command::Admin { command: AdminCommand::Create { email, name } } => {
            create_admin(settings, &email, &name).await
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            tracing::error!("{msg}");
            eprintln!("bazaar: {msg}");
            ExitCode::FAILURE
        }
    }
}

/// Days of made-up visits behind the demo shop's traffic figures.
const DEMO_TRAFFIC_DAYS: i64 = 180;

async fn serve(settings: Settings, demo: bool) -> Result<(), String> {
    let addr = settings.server.addr;
    let db_display = settings.database_display();
    let state = startup::build_state(settings).await.map_err(|e| format!("cannot start: {e}"))?;
    if demo {
        // Demo data (and its well-known passwords) only ever goes into an
        // empty database, catalog and people in the same step.
        match seed::demo(&state.db).await.map_err(|e| format!("demo seed failed: {e}"))? {
            Some(r) => {
                tracing::info!(
                    products = r.products,
                    shops = r.shops,
                    categories = r.categories,
                    "seeded the demo shop"
                );
                let people = demo::seed(&state.db, &state.passwords)
                    .await
                    .map_err(|e| format!("demo accounts failed: {e}"))?;
                let checkouts = crate::recs::history::seed(&state.db, &state.passwords)
                    .await
                    .map_err(|e| format!("demo order history failed: {e}"))?;
                tracing::info!(checkouts, "seeded the demo shop's order history");
                let zone =
                    crate::analytics::ledger::zone(&mut state.db.conn().await.map_err(|e| e.to_string())?)
                        .await
                        .map_err(|e| e.to_string())?;
                let hits = crate::traffic::seed::generate(&state.db, &zone, DEMO_TRAFFIC_DAYS, 300, 7)
                    .await
                    .map_err(|e| format!("demo traffic failed: {e}"))?;
                tracing::info!(hits, "seeded the demo shop's traffic");
                println!("Demo accounts (password: {}):", demo::DEMO_PASSWORD);
                for (role, email) in people {
                    println!("  {:<9} {email}", role.as_str());
                }
            }
            None => println!("The database already holds data: no demo data or demo accounts were added."),
        }
    }
    let listener =
        tokio::net::TcpListener::bind(addr).await.map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    tracing::info!(database = %db_display, backend = state.db.backend().name(), "database ready");
    println!("Bazaar is listening on http://{local} (database: {db_display})");
    startup::serve(listener, state, startup::shutdown_signal()).await.map_err(|e| e.to_string())?;
    tracing::info!("stopped cleanly");
    Ok(())
}

async fn create_admin(settings: Settings, email: &str, name: &str) -> Result<(), String> {
    let password = match std::env::var("BAZAAR_ADMIN_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            eprintln!("Password for {email} (at least 12 characters), then Enter:");
            let mut line = String::new();
            std::io::stdin().read_line(&mut line).map_err(|e| e.to_string())?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let db =
        crate::server::db::Db::connect(&settings.database.url, Some(2)).await.map_err(|e| e.to_string())?;
    db.migrate().await.map_err(|e| e.to_string())?;
    let passwords = crate::accounts::password::Passwords::default();
    service::create_account(&db, &passwords, email, name, &password, Role::Admin).await.map_err(
        |e| match e {
            crate::error::AppError::Validation(fields) => {
                fields.iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>().join("; ")
            }
            other => other.to_string(),
        },
    )?;
    println!("administrator {email} created");
    Ok(())
}

async fn migrate(settings: Settings) -> Result<(), String> {
    let db =
        crate::server::db::Db::connect(&settings.database.url, Some(2)).await.map_err(|e| e.to_string())?;
    db.migrate().await.map_err(|e| e.to_string())?;
    println!("migrations applied (database: {})", settings.database_display());
    Ok(())
}

async fn analytics_bench(settings: Settings, args: &crate::analytics::bench::Args) -> Result<(), String> {
    let db = crate::server::db::Db::connect(&settings.database.url, settings.database.max_connections)
        .await
        .map_err(|e| e.to_string())?;
    db.migrate().await.map_err(|e| e.to_string())?;
    crate::analytics::service::sync_zone(&db, &settings.shop.time_zone).await.map_err(|e| e.to_string())?;
    crate::analytics::bench::run(&db, args).await.map_err(|e| e.to_string())
}

async fn checkout_bench(
    settings: Settings,
    buyers: usize,
    attempts: usize,
    stock: i64,
    concurrency: usize,
) -> Result<(), String> {
    let db = crate::server::db::Db::connect(&settings.database.url, settings.database.max_connections)
        .await
        .map_err(|e| e.to_string())?;
    db.migrate().await.map_err(|e| e.to_string())?;
    // The analytics applier takes its turns at the database as in a running shop.
    crate::analytics::queue::spawn(db.clone());
    crate::checkout::bench::run(
        &db,
        buyers,
        attempts.max(1),
        stock,
        concurrency.max(1),
        &settings.shop.currency,
    )
    .await
    .map_err(|e| e.to_string())
}

async fn search_bench(settings: Settings, rounds: usize) -> Result<(), String> {
    let db =
        crate::server::db::Db::connect(&settings.database.url, Some(2)).await.map_err(|e| e.to_string())?;
    db.migrate().await.map_err(|e| e.to_string())?;
    crate::catalog::search::bench::run(&db, rounds.max(1)).await.map_err(|e| e.to_string())
}

async fn seed_products(settings: Settings, count: usize) -> Result<(), String> {
    let db =
        crate::server::db::Db::connect(&settings.database.url, Some(2)).await.map_err(|e| e.to_string())?;
    db.migrate().await.map_err(|e| e.to_string())?;
    let start = std::time::Instant::now();
    let added = seed::bulk(&db, count).await.map_err(|e| e.to_string())?;
    println!("added {added} products in {:.1}s", start.elapsed().as_secs_f64());
    Ok(())
}
