//! Running people from the back office: the list and who may read it,
//! switching accounts off and on, staff areas enforced per route.

use bazaar::accounts::Role;
use reqwest::Method;
use serde_json::json;

use crate::analytics::{buy, customer, shop};
use crate::db_test;
use crate::helpers::{PASSWORD, TestApp};

async fn id_of(who: &TestApp) -> String {
    let (_, me) = who.get_json("/api/v1/users/me").await;
    me["id"].as_str().unwrap().to_owned()
}

db_test!(the_people_list_is_the_back_offices, false, |app: TestApp| async move {
    app.sign_in_as(Role::Admin, "root@example.com").await;
    let cleo = TestApp::with_client(&app);
    cleo.sign_in_as(Role::Customer, "cleo@example.com").await;
    let desk = TestApp::with_client(&app);
    desk.sign_in_as(Role::Staff, "desk@example.com").await;

    let (status, r) = app.get_json("/api/v1/users?q=CLEO&limit=10").await;
    assert_eq!((status, r["total_count"].as_i64()), (200, Some(1)), "{r}");
    let user = &r["users"][0];
    assert_eq!(
        (user["email"].as_str(), user["role"].as_str(), user["status"].as_str()),
        (Some("cleo@example.com"), Some("customer"), Some("active"))
    );
    assert!(user["created_at"].is_i64() && user["full_name"].is_string(), "{user}");
    let (_, r) = app.get_json("/api/v1/users?role=staff").await;
    assert_eq!(r["total_count"], 1, "{r}");
    assert_eq!(app.get_json("/api/v1/users?role=wizard").await.0, 400);
    let (_, one) = app.get_json("/api/v1/users?limit=1&page=1").await;
    let (_, two) = app.get_json("/api/v1/users?limit=1&page=2").await;
    assert_eq!(
        (one["total_count"].as_i64(), one["users"].as_array().map(Vec::len)),
        (Some(3), Some(1)),
        "{one}"
    );
    assert_ne!(one["users"][0]["id"], two["users"][0]["id"], "pages of one: the second is the next person");

    assert_eq!(cleo.get_json("/api/v1/users").await.0, 403, "customers");
    assert_eq!(desk.get_json("/api/v1/users").await.0, 403, "staff without the people area");
    let desk_id = id_of(&desk).await;
    let path = format!("/api/v1/users/{desk_id}/permissions");
    let (status, r) = app.send_json(Method::PUT, &path, json!({"areas": ["people", "teleport"]})).await;
    assert_eq!((status, r["error"]["fields"]["areas"].is_string()), (400, true), "{r}");
    assert_eq!(
        desk.send_json(Method::PUT, &path, json!({"areas": ["people"]})).await.0,
        403,
        "staff cannot widen their own areas"
    );
    assert_eq!(app.send_json(Method::PUT, &path, json!({"areas": ["people"]})).await.0, 200);
    assert_eq!(desk.get_json("/api/v1/users").await.0, 200, "from the next request");
    let (status, html) = desk.get_text("/admin/people?q=cleo").await;
    assert!(status == 200 && html.contains("cleo@example.com"), "{status}");
    assert_eq!(desk.get_json("/api/v1/staff/escalations").await.0, 403, "support no longer ticked");

    // Areas are staff's only.
    let cleo_id = id_of(&cleo).await;
    let (status, _) = app
        .send_json(Method::PUT, &format!("/api/v1/users/{cleo_id}/permissions"), json!({"areas": []}))
        .await;
    assert_eq!(status, 409);
});

db_test!(a_switched_off_account_is_signed_out_and_kept_out, false, |app: TestApp| async move {
    app.sign_in_as(Role::Admin, "root@example.com").await;
    let cleo = TestApp::with_client(&app);
    cleo.sign_in_as(Role::Customer, "cleo@example.com").await;
    let cleo_id = id_of(&cleo).await;
    let path = format!("/api/v1/users/{cleo_id}/status");

    assert_eq!(cleo.send_json(Method::PUT, &path, json!({"status": "deactivated"})).await.0, 403);
    assert_eq!(app.send_json(Method::PUT, &path, json!({"status": "asleep"})).await.0, 400);
    let (status, r) = app.send_json(Method::PUT, &path, json!({"status": "deactivated"})).await;
    assert_eq!((status, r["status"].as_str()), (200, Some("deactivated")), "{r}");
    assert_eq!(cleo.get_json("/api/v1/users/me").await.0, 401, "the open session ended");
    let login = |password: &str| json!({"email": "cleo@example.com", "password": password});
    let again = TestApp::with_client(&app);
    let (status, r) = again.post_json("/api/v1/auth/login", login(PASSWORD)).await;
    assert_eq!((status, r["error"]["code"].as_str()), (403, Some("account_deactivated")), "{r}");
    assert_eq!(
        again.post_json("/api/v1/auth/login", login("not the password 1")).await.0,
        401,
        "says nothing without the password"
    );

    assert_eq!(app.send_json(Method::PUT, &path, json!({"status": "active"})).await.0, 200);
    assert_eq!(again.post_json("/api/v1/auth/login", login(PASSWORD)).await.0, 200, "back on");

    // The last active administrator stays.
    let root_id = id_of(&app).await;
    let own = format!("/api/v1/users/{root_id}/status");
    assert_eq!(
        app.send_json(Method::PUT, &own, json!({"status": "deactivated"})).await.0,
        409,
        "not oneself"
    );
    let other = TestApp::with_client(&app);
    other.sign_in_as(Role::Admin, "other@example.com").await;
    let other_id = id_of(&other).await;
    let (status, _) = app
        .send_json(Method::PUT, &format!("/api/v1/users/{other_id}/status"), json!({"status": "deactivated"}))
        .await;
    assert_eq!(status, 200);
    let (status, body) = app
        .send_json(
            Method::PUT,
            &format!("/api/v1/users/{root_id}/roles"),
            json!({"role": "staff", "password": PASSWORD}),
        )
        .await;
    assert_eq!(status, 409, "a switched-off administrator does not count: {body}");
});

db_test!(staff_areas_guard_each_route, true, |app: TestApp| async move {
    app.sign_in_as(Role::Admin, "root@example.com").await;
    let desk = TestApp::with_client(&app);
    desk.sign_in_as(Role::Staff, "desk@example.com").await;
    let path = format!("/api/v1/users/{}/permissions", id_of(&desk).await);
    let (_, product) = shop(&app, "maker@example.com", "Maker", 12).await;
    let (buyer, address) = customer(&app, "bo@example.com").await;
    let order = format!("/api/v1/orders/{}", buy(&buyer, &address, &[(&product, 1)]).await[0]);
    // A new staff member has the everyday areas.
    assert_eq!(desk.get_json(&order).await.0, 200);
    assert_eq!(desk.get_json("/api/v1/staff/escalations").await.0, 200);
    assert_eq!(desk.get_json("/api/v1/analytics/sales").await.0, 200);
    assert_eq!(desk.get_json("/api/v1/financial/reports").await.0, 403);
    assert_eq!(app.send_json(Method::PUT, &path, json!({"areas": ["finance"]})).await.0, 200);
    assert_eq!(desk.get_json("/api/v1/financial/reports").await.0, 200);
    assert_eq!(desk.get_json("/api/v1/analytics/sales").await.0, 403);
    assert_eq!(desk.get_json(&order).await.0, 404, "someone else's order, without the orders area");
    assert_eq!(desk.get_json("/api/v1/staff/escalations").await.0, 403);
});
