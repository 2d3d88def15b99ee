//! Two-step sign-in: setup and the first code, sign-in in two steps (the
//! session is not signed in between), a code taken once, recovery codes
//! used once, five wrong codes throttled, turning off with password and
//! code, step-up for a password change, and the back-office rule that
//! staff must have it.

use bazaar::accounts::Role;
use bazaar::accounts::totp::{Key, STEP_SECS};
use serde_json::{Value, json};

use crate::db_test;
use crate::helpers::{PASSWORD, TestApp};

fn step_now() -> i64 {
    bazaar::server::now_ms() / 1000 / STEP_SECS as i64
}

/// Setup and enable for the signed-in `client`: the key, the recovery codes
/// and the code that turned it on.
async fn turn_on(client: &TestApp) -> (Key, Vec<String>, String) {
    let (status, setup) = client.post_json("/api/v1/auth/2fa/setup", json!({})).await;
    assert_eq!(status, 200, "{setup}");
    let secret = setup["secret"].as_str().unwrap();
    let url = setup["otpauth_url"].as_str().unwrap();
    assert!(url.starts_with("otpauth://totp/Bazaar:") && url.contains(&format!("secret={secret}")), "{url}");
    let key = Key::from_base32(secret, "").unwrap();
    let (status, body) = client.post_json("/api/v1/auth/2fa/enable", json!({"code": "000000"})).await;
    assert_eq!(status, 400, "a wrong first code: {body}");
    let first = key.code_at_step(step_now());
    let (status, body) = client.post_json("/api/v1/auth/2fa/enable", json!({"code": first})).await;
    assert_eq!(status, 200, "{body}");
    let codes: Vec<String> =
        body["recovery_codes"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_owned()).collect();
    (key, codes, first)
}

async fn password_step(app: &TestApp, email: &str) -> TestApp {
    let client = TestApp::with_client(app);
    let (status, body) =
        client.post_json("/api/v1/auth/login", json!({"email": email, "password": PASSWORD})).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body, json!({"two_factor_required": true}));
    assert_eq!(client.get_json("/api/v1/users/me").await.0, 401, "not signed in between the steps");
    client
}

async fn second_step(client: &TestApp, body: Value) -> (u16, Value) {
    client.post_json("/api/v1/auth/login/2fa", body).await
}

async fn outbox(app: &TestApp, kind: &str) -> i64 {
    app.scalar(&format!("SELECT COUNT(*) FROM outbox WHERE kind = '{kind}'")).await
}

db_test!(two_step_sign_in_takes_each_code_once, false, |app: TestApp| async move {
    let laptop = TestApp::with_client(&app);
    laptop.sign_in_as(Role::Customer, "ada@example.com").await;
    let (key, codes, first) = turn_on(&laptop).await;
    assert_eq!(codes.len(), 10);
    assert_eq!(outbox(&app, "two_factor_on").await, 1, "the person is told");
    let stored =
        app.scalar("SELECT COUNT(*) FROM recovery_codes WHERE code_hash = '' OR code_hash LIKE '%-%'").await;
    assert_eq!(stored, 0, "only hashes are kept");
    let (status, _) = laptop.post_json("/api/v1/auth/2fa/setup", json!({})).await;
    assert_eq!(status, 409, "on already");

    // Sign in: the password, then a code. The code enable took is spent.
    let phone = password_step(&app, "ada@example.com").await;
    let (status, body) = second_step(&phone, json!({"code": first})).await;
    assert_eq!(status, 400, "the code enable took works no second time: {body}");
    assert!(body["error"]["fields"]["code"].is_string(), "{body}");
    let next = key.code_at_step(step_now() + 1);
    let (status, body) = second_step(&phone, json!({"code": next})).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["user"]["email"], "ada@example.com");
    assert_eq!(phone.get_json("/api/v1/users/me").await.0, 200);

    // The same code on another client, inside its window: refused.
    let thief = password_step(&app, "ada@example.com").await;
    assert_eq!(second_step(&thief, json!({"code": next})).await.0, 400, "a code works once");
    // A recovery code works once, and the person is told.
    let (status, body) = second_step(&thief, json!({"recovery_code": codes[0].to_uppercase()})).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(outbox(&app, "recovery_code_used").await, 1);
    let again = password_step(&app, "ada@example.com").await;
    assert_eq!(second_step(&again, json!({"recovery_code": codes[0]})).await.0, 400, "used up");
    assert_eq!(second_step(&again, json!({})).await.0, 400, "nothing given");
    let kinds = app
        .scalar(
            "SELECT COUNT(*) FROM security_events WHERE kind IN ('two_factor_enabled', 'recovery_code_used')",
        )
        .await;
    assert_eq!(kinds, 2);

    // No sign-in waiting: 401.
    assert_eq!(second_step(&TestApp::with_client(&app), json!({"code": "123456"})).await.0, 401);
});

db_test!(five_wrong_codes_and_the_next_waits, false, |app: TestApp| async move {
    let laptop = TestApp::with_client(&app);
    laptop.sign_in_as(Role::Customer, "ada@example.com").await;
    let (key, _, _) = turn_on(&laptop).await;
    let client = password_step(&app, "ada@example.com").await;
    // `turn_on` spent one wrong guess on enabling; its right code cleared it.
    for i in 0..5 {
        let (status, body) = second_step(&client, json!({"code": "000000"})).await;
        assert_eq!(status, 400, "guess {}: {body}", i + 1);
    }
    let res = client
        .client
        .post(client.url("/api/v1/auth/login/2fa"))
        .json(&json!({"code": "000000"}))
        .send()
        .await;
    let res = res.unwrap();
    assert_eq!(res.status(), 429, "the sixth waits");
    assert!(res.headers().contains_key("retry-after"));
    let right = key.code_at_step(step_now() + 1);
    assert_eq!(second_step(&client, json!({"code": right})).await.0, 429, "even a right one");
});

db_test!(turning_off_needs_the_password_and_a_code, false, |app: TestApp| async move {
    let laptop = TestApp::with_client(&app);
    laptop.sign_in_as(Role::Customer, "ada@example.com").await;
    let (key, codes, _) = turn_on(&laptop).await;
    let off = |password: &str, code: &str| {
        let body = json!({"password": password, "code": code});
        let laptop = &laptop;
        async move { laptop.post_json("/api/v1/auth/2fa/disable", body).await }
    };
    let (status, body) = off("not my password", &key.code_at_step(step_now() + 1)).await;
    assert_eq!((status, body["error"]["fields"]["password"].is_string()), (400, true), "{body}");
    let (status, body) = off(PASSWORD, "000000").await;
    assert_eq!((status, body["error"]["fields"]["code"].is_string()), (400, true), "{body}");

    // Step-up: with it on, a password change needs a code too.
    let change = laptop
        .client
        .post(laptop.url("/api/change_password"))
        .header("accept", "application/json")
        .form(&[
            ("current_password", PASSWORD),
            ("new_password", "tulips in the rain 7"),
            ("new_password_confirm", "tulips in the rain 7"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(change.status(), 400);
    assert!(change.text().await.unwrap().contains("Enter the code from your authenticator app."));
    let unchanged = app.scalar("SELECT COUNT(*) FROM security_events WHERE kind = 'password_changed'").await;
    assert_eq!(unchanged, 0, "no code, no change");

    // A recovery code turns it off (the phone is lost).
    let (status, body) = off(PASSWORD, &codes[3]).await;
    assert_eq!(status, 204, "{body}");
    assert_eq!(outbox(&app, "two_factor_off").await, 1);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM recovery_codes").await, 0);
    let (status, body) = TestApp::with_client(&app)
        .post_json("/api/v1/auth/login", json!({"email": "ada@example.com", "password": PASSWORD}))
        .await;
    assert_eq!(status, 200);
    assert_eq!(body["user"]["email"], "ada@example.com", "one step again");
});

db_test!(staff_must_turn_it_on_when_the_shop_says_so, false, |app: TestApp| async move {
    let admin = TestApp::with_client(&app);
    admin.sign_in_as(Role::Admin, "root@example.com").await;
    turn_on(&admin).await;
    let res =
        admin.form_post("/api/admin_set_staff_two_factor", "/admin/security", &[("required", "on")]).await;
    assert_eq!(res.status(), 302);
    let rule = app.scalar("SELECT COUNT(*) FROM security_events WHERE kind = 'policy_changed'").await;
    assert_eq!(rule, 1, "recorded");

    let staff = TestApp::with_client(&app);
    staff.sign_in_as(Role::Staff, "theo@example.com").await;
    let page =
        staff.client.get(staff.url("/admin/orders")).header("accept", "text/html").send().await.unwrap();
    assert_eq!(page.status(), 303, "sent to enrolment");
    assert_eq!(page.headers()["location"], "/account/security?enrol=1");
    let (_, html) = staff.get_text("/account/security?enrol=1").await;
    assert!(html.contains("Your role needs two-step sign-in."), "{html}");
    let (status, body) = staff.get_json("/api/v1/staff/escalations").await;
    assert_eq!((status, body["error"]["code"].as_str()), (403, Some("two_factor_required")), "{body}");

    turn_on(&staff).await;
    let page =
        staff.client.get(staff.url("/admin/orders")).header("accept", "text/html").send().await.unwrap();
    assert_eq!(page.status(), 200, "staff powers back");
    // The administrator has it on, so nothing changed for them.
    assert_eq!(admin.get("/admin/security").await.status(), 200);
});
