use std::net::SocketAddr;

use bazaar::server::config::Settings;
use bazaar::server::db::Db;
use bazaar::server::state::AppState;
use bazaar::server::{new_id, startup};
use sqlx::Connection;
use tokio::sync::oneshot;

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A running app on a fresh database.
pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub state: AppState,
    settings: Settings,
    shutdown: Option<oneshot::Sender<()>>,
    _dir: Option<tempfile::TempDir>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("request failed")
    }

    pub async fn get_json(&self, path: &str) -> (u16, serde_json::Value) {
        let res = self.get(path).await;
        let status = res.status().as_u16();
        (status, res.json().await.expect("body is JSON"))
    }

    pub async fn get_text(&self, path: &str) -> (u16, String) {
        let res = self.get(path).await;
        let status = res.status().as_u16();
        (status, res.text().await.expect("body is text"))
    }

    pub fn db(&self) -> &Db {
        &self.state.db
    }

    /// A count or other single number straight from the database.
    pub async fn scalar(&self, sql: &str) -> i64 {
        self.state.db.scalar::<i64>(&bazaar::server::db::Query::new(sql.to_owned())).await.expect("query")
    }

    /// Run one statement straight on the database (set up a situation).
    pub async fn exec(&self, q: bazaar::server::db::Query) {
        self.state.db.conn().await.expect("conn").exec(&q).await.expect("statement");
    }

    /// Create an account directly (no throttles), as `bazaar admin create` does.
    pub async fn create_account(
        &self,
        email: &str,
        name: &str,
        password: &str,
        role: bazaar::accounts::Role,
    ) {
        bazaar::accounts::service::create_account(
            &self.state.db,
            &self.state.passwords,
            email,
            name,
            password,
            role,
        )
        .await
        .expect("account created");
    }

    /// Create an account with `role` and sign this client in as it.
    pub async fn sign_in_as(&self, role: bazaar::accounts::Role, email: &str) {
        self.create_account(email, "Test Person", PASSWORD, role).await;
        let (status, _) = self
            .post_json("/api/v1/auth/login", serde_json::json!({"email": email, "password": PASSWORD}))
            .await;
        assert_eq!(status, 200, "sign in as {email}");
    }

    /// POST a JSON body; returns the status and the JSON reply (`Null` when empty).
    pub async fn send_json(
        &self,
        method: reqwest::Method,
        path: &str,
        body: serde_json::Value,
    ) -> (u16, serde_json::Value) {
        let res =
            self.client.request(method, self.url(path)).json(&body).send().await.expect("request failed");
        let status = res.status().as_u16();
        let text = res.text().await.expect("body");
        (status, serde_json::from_str(&text).unwrap_or(serde_json::Value::Null))
    }

    pub async fn post_json(&self, path: &str, body: serde_json::Value) -> (u16, serde_json::Value) {
        self.send_json(reqwest::Method::POST, path, body).await
    }

    /// A plain HTML form post, as a browser with JavaScript off sends it.
    pub async fn form_post(&self, path: &str, from: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("accept", "text/html,application/xhtml+xml")
            .header("origin", &self.base)
            .header("referer", self.url(from))
            .form(fields)
            .send()
            .await
            .expect("form post")
    }

    /// A verified shop: this client applies as a new customer and an
    /// administrator (another client) approves; returns the shop's id.
    pub async fn open_shop(&self, email: &str, shop_name: &str) -> String {
        self.sign_in_as(bazaar::accounts::Role::Customer, email).await;
        let application = serde_json::json!({
            "shop_name": shop_name, "category": "Beauty", "experience_level": "I sell occasionally",
            "monthly_revenue": "Under $1000", "return_address": {"full_name": "Test Person", "post_code": "N1 9GU"},
            "agreed_to_terms": true
        });
        let (status, applied) = self.post_json("/api/v1/sellers/apply", application).await;
        assert_eq!(status, 201, "{applied}");
        let id = applied["id"].as_str().expect("application id").to_owned();
        let admin = TestApp::with_client(self);
        admin.sign_in_as(bazaar::accounts::Role::Admin, &format!("admin-{email}")).await;
        let (status, body) =
            admin.post_json(&format!("/api/v1/admin/sellers/{id}/approve"), serde_json::json!({})).await;
        assert_eq!(status, 200, "{body}");
        id
    }

    /// A second app node on the same database (its own port, hub and caches),
    /// as a second machine behind the load balancer would be.
    pub async fn second_node(&self) -> TestApp {
        serve(self.settings.clone(), false, None).await
    }

    /// The same app seen from a second browser (its own cookie jar).
    pub fn with_client(app: &TestApp) -> TestApp {
        TestApp {
            base: app.base.clone(),
            client: app.new_client(),
            state: app.state.clone(),
            settings: app.settings.clone(),
            shutdown: None,
            _dir: None,
        }
    }

    /// Another person's browser, which names itself (`User-Agent`) and may
    /// send more headers on every request (Do Not Track…).
    pub fn browser(app: &TestApp, agent: &str, headers: &[(&'static str, &'static str)]) -> TestApp {
        let mut t = Self::with_client(app);
        let mut default = reqwest::header::HeaderMap::new();
        for (k, v) in headers {
            default.insert(*k, reqwest::header::HeaderValue::from_static(v));
        }
        t.client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(60))
            .user_agent(agent)
            .default_headers(default)
            .build()
            .expect("client");
        t
    }

    /// A second browser: same server, its own cookie jar.
    pub fn new_client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .expect("client")
    }
}

/// The password of accounts the tests create.
pub const PASSWORD: &str = "violets at dawn 42";

/// The admin URL of the throwaway cluster `scripts/test` starts.
fn postgres_admin_url() -> Option<String> {
    std::env::var("BAZAAR_TEST_POSTGRES_URL").ok().filter(|s| !s.is_empty())
}

/// Start the app on `backend` with a fresh, migrated database (and the demo
/// catalog when `seeded`). `None` only for Postgres when no cluster is
/// configured and `BAZAAR_REQUIRE_POSTGRES` is unset (a plain `cargo test`).
pub async fn spawn_app(backend: Backend, seeded: bool) -> Option<TestApp> {
    spawn_app_with(backend, seeded, |_| {}).await
}

/// `spawn_app` with settings changed by `tweak` first.
pub async fn spawn_app_with(
    backend: Backend,
    seeded: bool,
    tweak: impl FnOnce(&mut Settings),
) -> Option<TestApp> {
    bazaar::server::telemetry::init_logs("pretty");
    bazaar::server::startup::install_crypto();
    let mut settings = Settings::default();
    settings.server.addr = SocketAddr::from(([127, 0, 0, 1], 0));
    settings.live.udp = SocketAddr::from(([127, 0, 0, 1], 0));
    settings.database.max_connections = Some(5);
    // The embedding model only where a test asks for it (`with_model`).
    settings.ai.model_dir = String::new();
    // Every app gets its own folder: the SQLite file and uploaded pictures.
    let tmp = tempfile::tempdir().expect("temp dir");
    settings.media.url = format!("{}/media", tmp.path().display());
    settings.database.url = match backend {
        Backend::Sqlite => format!("sqlite://{}/test.db", tmp.path().display()),
        Backend::Postgres => {
            let Some(admin) = postgres_admin_url() else {
                assert!(
                    std::env::var("BAZAAR_REQUIRE_POSTGRES").is_err(),
                    "BAZAAR_REQUIRE_POSTGRES is set but BAZAAR_TEST_POSTGRES_URL is not"
                );
                eprintln!("skipping: BAZAAR_TEST_POSTGRES_URL not set");
                return None;
            };
            fresh_postgres_database(&admin).await
        }
    };
    tweak(&mut settings);
    Some(serve(settings, seeded, Some(tmp)).await)
}

/// Build the state for `settings` (migrating its database, then the demo
/// catalog when `seeded`) and serve it.
async fn serve(mut settings: Settings, seeded: bool, dir: Option<tempfile::TempDir>) -> TestApp {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    // Each node's own URL: where other nodes send this node's video viewers.
    settings.live.node_url = Some(format!("http://{addr}"));
    let state = startup::build_state(settings.clone()).await.expect("app state");
    if seeded {
        bazaar::catalog::seed::demo(&state.db).await.expect("demo seed");
    }
    let (tx, rx) = oneshot::channel::<()>();
    let server_state = state.clone();
    tokio::spawn(async move {
        let _ = startup::serve(listener, server_state, async {
            let _ = rx.await;
        })
        .await;
    });
    // Search answers from the index once its first build has committed.
    for _ in 0..200 {
        if state.search.is_ready() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        // A hung response fails the test instead of stalling the whole suite.
        .timeout(std::time::Duration::from_secs(60))
        .build()
        .expect("client");
    TestApp { base: format!("http://{addr}"), client, state, settings, shutdown: Some(tx), _dir: dir }
}

/// A stopped app: its database and settings, ready to start again.
pub struct Stopped {
    settings: Settings,
    dir: Option<tempfile::TempDir>,
}

impl Stopped {
    /// A new server on the same database and settings (new port, new cookies).
    pub async fn start(self) -> TestApp {
        serve(self.settings, false, self.dir).await
    }
}

impl TestApp {
    /// Stop this server, as a crash between requests would.
    pub async fn stop(mut self) -> Stopped {
        let dir = self._dir.take();
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let settings = self.settings.clone();
        let db = self.state.db.clone();
        drop(self);
        tokio::time::timeout(std::time::Duration::from_secs(10), db.close()).await.ok();
        Stopped { settings, dir }
    }
}

async fn fresh_postgres_database(admin: &str) -> String {
    let name = format!("bazaar_test_{}", new_id().replace('-', ""));
    let mut conn = sqlx::PgConnection::connect(admin).await.expect("connect to the test cluster");
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.expect("create database");
    conn.close().await.ok();
    let (base, _) = admin.rsplit_once('/').expect("admin url has a database path");
    format!("{base}/{name}")
}

/// The embedding model's folder for tests that need it (`scripts/test` sets
/// `BAZAAR_TEST_MODEL_DIR` and `BAZAAR_REQUIRE_MODEL`); `None` skips them in
/// a plain `cargo test` without the model.
pub fn test_model_dir() -> Option<String> {
    let dir = std::env::var("BAZAAR_TEST_MODEL_DIR").ok().filter(|s| !s.is_empty());
    if dir.is_none() {
        assert!(
            std::env::var("BAZAAR_REQUIRE_MODEL").is_err(),
            "BAZAAR_REQUIRE_MODEL is set but BAZAAR_TEST_MODEL_DIR is not"
        );
        eprintln!("skipping: BAZAAR_TEST_MODEL_DIR not set");
    }
    dir
}

/// An app with the embedding model loaded (unseeded: the test adds what it
/// needs, as embedding the whole demo catalog unoptimised takes a while).
pub async fn spawn_app_with_model(backend: Backend) -> Option<TestApp> {
    let dir = test_model_dir()?;
    spawn_app_with(backend, false, |s| s.ai.model_dir = dir).await
}

/// `db_test!` for tests that need the embedding model.
#[macro_export]
macro_rules! model_test {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                if let Some(app) =
                    $crate::helpers::spawn_app_with_model($crate::helpers::Backend::Sqlite).await
                {
                    ($body)(app).await;
                }
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) =
                    $crate::helpers::spawn_app_with_model($crate::helpers::Backend::Postgres).await
                {
                    ($body)(app).await;
                }
            }
        }
    };
}

/// Declare a test that runs once on SQLite and once on PostgreSQL:
/// `db_test!(name, seeded, |app| async move { … })`.
#[macro_export]
macro_rules! db_test {
    ($name:ident, $seeded:expr, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = $crate::helpers::spawn_app($crate::helpers::Backend::Sqlite, $seeded)
                    .await
                    .expect("sqlite app");
                ($body)(app).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) =
                    $crate::helpers::spawn_app($crate::helpers::Backend::Postgres, $seeded).await
                {
                    ($body)(app).await;
                }
            }
        }
    };
}

/// Read an event stream until `want` shows up (or 10 s pass); what was read.
pub async fn read_until(stream: &mut reqwest::Response, want: &str) -> String {
    let mut seen = String::new();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !seen.contains(want) && std::time::Instant::now() < deadline {
        match tokio::time::timeout(std::time::Duration::from_secs(10), stream.chunk()).await {
            Ok(Ok(Some(bytes))) => seen.push_str(&String::from_utf8_lossy(&bytes)),
            _ => break,
        }
    }
    seen
}
