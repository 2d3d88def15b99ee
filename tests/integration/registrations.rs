//! Registration is limited per client address (`BAZAAR_REGISTRATIONS_PER_HOUR`).

use serde_json::json;

use crate::helpers::{Backend, PASSWORD, TestApp, spawn_app_with};

/// One client address opens at most `BAZAAR_REGISTRATIONS_PER_HOUR` accounts an hour.
async fn registrations_are_limited_per_client(backend: Backend) {
    let Some(app) = spawn_app_with(backend, false, |s| s.server.registrations_per_hour = 3).await else {
        return;
    };
    for i in 0..4 {
        let client = TestApp::with_client(&app);
        let body =
            json!({"full_name": "New Person", "email": format!("new{i}@example.com"), "password": PASSWORD});
        let (status, reply) = client.post_json("/api/v1/auth/register", body).await;
        let want = if i < 3 { 201 } else { 429 };
        assert_eq!(status, want, "registration {i}: {reply}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registrations_are_limited_per_client_sqlite() {
    registrations_are_limited_per_client(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registrations_are_limited_per_client_postgres() {
    registrations_are_limited_per_client(Backend::Postgres).await;
}
