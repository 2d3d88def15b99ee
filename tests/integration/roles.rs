//! Changing a role: administrators only, after their password; the change
//! holds from the person's next request; the last administrator stays.

use bazaar::accounts::Role;
use reqwest::Method;
use serde_json::json;

use crate::db_test;
use crate::helpers::{PASSWORD, TestApp};

async fn put(who: &TestApp, path: &str, role: &str, password: &str) -> (u16, serde_json::Value) {
    who.send_json(Method::PUT, path, json!({"role": role, "password": password})).await
}

db_test!(administrators_change_roles_after_their_password, false, |app: TestApp| async move {
    app.sign_in_as(Role::Admin, "root@example.com").await;
    let person = TestApp::with_client(&app);
    person.sign_in_as(Role::Customer, "cleo@example.com").await;
    let (_, me) = person.get_json("/api/v1/users/me").await;
    let path = format!("/api/v1/users/{}/roles", me["id"].as_str().unwrap());

    let (status, body) = put(&app, &path, "staff", "not my password").await;
    assert_eq!((status, body["error"]["fields"]["password"].is_string()), (400, true), "{body}");
    let (status, body) = put(&app, &path, "wizard", PASSWORD).await;
    assert_eq!((status, body["error"]["fields"]["role"].is_string()), (400, true), "{body}");
    assert_eq!(
        put(&person, &path, "admin", PASSWORD).await.0,
        403,
        "not for a customer, even with a password"
    );
    let (_, me) = person.get_json("/api/v1/users/me").await;
    assert_eq!(me["role"], "customer", "nothing changed yet");

    let (status, body) = put(&app, &path, "staff", PASSWORD).await;
    assert_eq!((status, body["role"].as_str()), (200, Some("staff")), "{body}");
    let (_, me) = person.get_json("/api/v1/users/me").await;
    assert_eq!(me["role"], "staff", "the very next request of the person's open session");
    let detail: String = app
        .db()
        .scalar(&bazaar::sql!("SELECT detail FROM security_events WHERE kind = 'role_changed'"))
        .await
        .unwrap();
    assert_eq!(detail, "customer → staff by root@example.com");

    // The shop keeps an administrator.
    let (_, root) = app.get_json("/api/v1/users/me").await;
    let own = format!("/api/v1/users/{}/roles", root["id"].as_str().unwrap());
    let (status, body) = put(&app, &own, "staff", PASSWORD).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(put(&app, "/api/v1/users/nobody/roles", "staff", PASSWORD).await.0, 404);
});
