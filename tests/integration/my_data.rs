//! "My data": the download holds the person's data and none of anyone
//! else's; deleting needs the password, waits for orders on their way,
//! ends every session, erases the person and keeps their orders in the
//! shop's books anonymised.

use std::io::{Cursor, Read};

use bazaar::accounts::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::db_test;
use crate::helpers::{PASSWORD, TestApp};
use crate::orders::sold;

/// Every file of the ZIP at `/api/v1/users/me/export`, by name.
async fn download(app: &TestApp) -> Vec<(String, String)> {
    let res = app.get("/api/v1/users/me/export").await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()["content-type"], "application/zip");
    let disposition = res.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert!(disposition.starts_with("attachment; filename=\"bazaar-my-data-"), "{disposition}");
    let bytes = res.bytes().await.unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).expect("a ZIP");
    let mut files = Vec::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        files.push((file.name().to_owned(), text));
    }
    files
}

fn file<'a>(files: &'a [(String, String)], name: &str) -> &'a str {
    &files.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("{name} in the ZIP")).1
}

fn json_file(files: &[(String, String)], name: &str) -> Value {
    serde_json::from_str(file(files, name)).unwrap()
}

/// Someone else who bought the same thing and follows the same shop.
async fn another_buyer(app: &TestApp, product_id: &str) {
    let eve = TestApp::with_client(app);
    eve.sign_in_as(Role::Customer, "eve@example.com").await;
    let (_, address) = eve
        .post_json(
            "/api/v1/users/addresses",
            json!({"full_name": "Eve Hidden", "address_line1": "9 Secret Row", "city": "Leeds",
                   "postal_code": "LS1 1AA", "country": "GB"}),
        )
        .await;
    let body = json!({"items": [{"product_id": product_id, "quantity": 1}], "shipping_address_id": address["id"],
                      "payment_method": "cash_on_delivery"});
    assert_eq!(eve.post_json("/api/v1/orders", body).await.0, 201);
    assert_eq!(eve.post_json("/api/v1/wishlist", json!({"product_id": product_id})).await.0, 201);
}

async fn product_of(app: &TestApp, order_id: &str) -> String {
    app.db()
        .scalar::<String>(&bazaar::sql!(
            "SELECT product_id FROM order_lines WHERE order_id = $1",
            order_id.to_owned()
        ))
        .await
        .unwrap()
}

db_test!(the_download_holds_my_data_and_no_one_elses, true, |app: TestApp| async move {
    let (_, customer, order_id) = sold(&app).await;
    let product = product_of(&app, &order_id).await;
    another_buyer(&app, &product).await;
    assert_eq!(customer.post_json("/api/v1/wishlist", json!({"product_id": product})).await.0, 201);

    let files = download(&customer).await;
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    for want in
        ["README.txt", "profile.json", "addresses.csv", "orders.json", "order_lines.csv", "reviews.json"]
    {
        assert!(names.contains(&want), "{want} in {names:?}");
    }
    for want in ["wishlist.csv", "follows.json", "assistant.json", "security_events.csv", "sessions.json"] {
        assert!(names.contains(&want), "{want} in {names:?}");
    }
    let profile = json_file(&files, "profile.json");
    assert_eq!(profile["email"], "buyer@example.com");
    assert!(profile["interests"].is_array(), "{profile}");
    let orders = json_file(&files, "orders.json");
    assert_eq!(orders.as_array().unwrap().len(), 1, "{orders}");
    assert_eq!(orders[0]["ship_line1"], "2 Elm St");
    assert_eq!(orders[0]["lines"][0]["quantity"], 2, "{orders}");
    assert!(file(&files, "addresses.csv").contains("2 Elm St"));
    assert_eq!(json_file(&files, "wishlist.json").as_array().unwrap().len(), 1);
    let events = json_file(&files, "security_events.json");
    assert!(events.as_array().unwrap().iter().any(|e| e["kind"] == "sign_in"), "{events}");
    for (name, text) in &files {
        for theirs in ["eve@example.com", "Eve Hidden", "9 Secret Row", "Leeds"] {
            assert!(!text.contains(theirs), "{name} holds someone else's {theirs}");
        }
    }
    let exported = app.scalar("SELECT COUNT(*) FROM security_events WHERE kind = 'data_exported'").await;
    assert_eq!(exported, 1);
    let stranger = TestApp::with_client(&app);
    assert_eq!(stranger.get("/api/v1/users/me/export").await.status().as_u16(), 401);
});

async fn delete(who: &TestApp, password: &str) -> (u16, Value) {
    who.send_json(Method::DELETE, "/api/v1/users/me", json!({"password": password})).await
}

fn status_body(status: &str) -> Value {
    json!({"status": status, "tracking_number": "RM123456789GB", "carrier": "Royal Mail"})
}

db_test!(deleting_waits_for_open_orders_then_anonymises_them, true, |app: TestApp| async move {
    let (seller, customer, order_id) = sold(&app).await;
    let elsewhere = TestApp::with_client(&app);
    let login = json!({"email": "buyer@example.com", "password": PASSWORD});
    assert_eq!(elsewhere.post_json("/api/v1/auth/login", login.clone()).await.0, 200);
    let (number, uid): (String, String) = app
        .db()
        .opt(&bazaar::sql!("SELECT number, user_id FROM orders WHERE id = $1", order_id.clone()))
        .await
        .unwrap()
        .unwrap();

    // Open orders hold both sides back, each told which.
    let (status, body) = delete(&customer, PASSWORD).await;
    assert_eq!(status, 409, "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains(&number), "{body}");
    let (status, body) = delete(&seller, PASSWORD).await;
    assert_eq!(status, 409, "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("Your shop"), "{body}");
    let path = format!("/api/v1/orders/{order_id}/status");
    assert_eq!(seller.send_json(Method::PUT, &path, status_body("shipped")).await.0, 200);
    assert_eq!(seller.send_json(Method::PUT, &path, status_body("delivered")).await.0, 200);

    // The session alone is not enough.
    let (status, body) = delete(&customer, "not my password").await;
    assert_eq!((status, body["error"]["fields"]["password"].is_string()), (400, true), "{body}");
    let total_before = app.scalar("SELECT CAST(SUM(total_minor) AS BIGINT) FROM orders").await;
    let (status, body) = delete(&customer, PASSWORD).await;
    assert_eq!(status, 204, "{body}");

    // Every session ends.
    assert_eq!(customer.get_json("/api/v1/users/me").await.0, 401);
    assert_eq!(elsewhere.get_json("/api/v1/users/me").await.0, 401, "the other session too");

    // The order stays in the shop's books, without the person.
    type Shipped = (String, String, String, String);
    let (name, line1, city, email): Shipped = app
        .db()
        .opt(&bazaar::sql!(
            "SELECT o.ship_name, o.ship_line1, o.ship_city, u.email FROM orders o JOIN users u ON u.id = o.user_id \
             WHERE o.id = $1",
            order_id.clone()
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!((name.as_str(), line1.as_str(), city.as_str()), ("Former customer", "", ""));
    assert!(email.starts_with("deleted-") && email.ends_with("@deleted.invalid"), "{email}");
    assert_eq!(
        app.scalar("SELECT CAST(SUM(total_minor) AS BIGINT) FROM orders").await,
        total_before,
        "the books add up"
    );
    let (_, html) = seller.get_text(&format!("/studio/orders/{order_id}")).await;
    assert!(html.contains("Former customer") && !html.contains("2 Elm St"), "the shop's view");
    let left = app
        .scalar(&format!(
            "SELECT (SELECT COUNT(*) FROM addresses WHERE user_id = '{uid}') \
             + (SELECT COUNT(*) FROM users WHERE email = 'buyer@example.com') \
             + (SELECT COUNT(*) FROM security_events WHERE email = 'buyer@example.com' \
                OR (user_id = '{uid}' AND (ip <> '' OR user_agent <> '')))"
        ))
        .await;
    assert_eq!(left, 0, "addresses, the address and where it signed in from are gone");
    let told = app
        .scalar(
            "SELECT COUNT(*) FROM outbox WHERE kind = 'account_deleted' AND recipient = 'buyer@example.com'",
        )
        .await;
    assert_eq!(told, 1, "a last mail says it is done");
    // The address no longer signs in (that failure is a new event, after the erasure).
    assert_eq!(TestApp::with_client(&app).post_json("/api/v1/auth/login", login).await.0, 401);
});

/// Columns that name a person. A new table with one must be looked at by
/// `accounts::data` (exported, erased, or kept for a stated reason) before
/// this list — and so this test — can change.
const PERSON_COLUMNS: &str =
    "('user_id', 'requested_by', 'author_id', 'muted_by', 'reviewed_by', 'created_by', 'actor_id')";
// `order_events.actor_id` stays, its `actor` name becomes "Former customer".

db_test!(every_table_that_names_a_person_is_accounted_for, false, |app: TestApp| async move {
    let text = match app.db().backend() {
        bazaar::server::db::Backend::Sqlite => format!(
            "SELECT m.name || '.' || p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND p.name IN {PERSON_COLUMNS}"
        ),
        bazaar::server::db::Backend::Postgres => format!(
            "SELECT table_name || '.' || column_name FROM information_schema.columns \
             WHERE table_schema = current_schema() AND column_name IN {PERSON_COLUMNS}"
        ),
    };
    let rows: Vec<(String,)> = app.db().all(&bazaar::sql!(text)).await.unwrap();
    let mut found: Vec<String> = rows.into_iter().map(|(c,)| c).collect();
    found.sort();
    let expected = [
        // Erased or deleted with the account (accounts::data::db::erase).
        "account_tokens.user_id",
        "addresses.user_id",
        "assistant_conversations.user_id",
        "campaign_recipients.user_id",
        "carts.user_id",
        "chat_mutes.user_id",
        "follows.user_id",
        "notifications.user_id",
        "person_notes.user_id",
        "person_views.user_id",
        "profiles.user_id",
        "recovery_codes.user_id",
        "security_events.user_id",
        "staff_invites.user_id",
        "stream_messages.user_id",
        "stream_reminders.user_id",
        "two_factor.user_id",
        "user_sessions.user_id",
        "wishlist_items.user_id",
        "wishlist_shares.user_id",
        // Kept, pointing at the anonymised account: the shops' books and
        // their rollups, reviews ("Former customer"), votes and promo use.
        "checkouts.user_id",
        "customer_days.user_id",
        "customer_firsts.user_id",
        "order_events.actor_id",
        "orders.user_id",
        "product_reviews.user_id",
        "promo_uses.user_id",
        "review_votes.user_id",
        // Who did something as staff or as a seller: the record of it.
        "assistant_messages.author_id",
        // The audit log is append-only: it keeps the account's id (whose
        // row is erased) and the address it acted from, as staff.
        "audit_log.actor_id",
        "campaigns.created_by",
        "chat_mutes.muted_by",
        "person_notes.author_id",
        "reports.requested_by",
        "sellers.reviewed_by",
        "sellers.user_id",
        "staff_invites.created_by",
        "streams.created_by",
    ];
    let mut expected: Vec<String> = expected.iter().map(|s| (*s).to_owned()).collect();
    expected.sort();
    assert_eq!(found, expected, "a column naming a person changed: look at accounts::data first");
});
