//! Many requests at once from one person: nothing is lost, nothing answers
//! 5xx, limits hold exactly — on both databases.

use futures_util::future::join_all;
use serde_json::json;

use crate::db_test;
use crate::helpers::TestApp;

const PASSWORD: &str = "violets at dawn 42";

async fn signed_in(app: &TestApp, email: &str) {
    let (status, _) = app
        .post_json(
            "/api/v1/auth/register",
            json!({"full_name": "Ada Lovelace", "email": email, "password": PASSWORD}),
        )
        .await;
    assert_eq!(status, 201);
}

fn statuses(all: &[u16]) -> String {
    let mut counts = std::collections::BTreeMap::new();
    for s in all {
        *counts.entry(*s).or_insert(0) += 1;
    }
    format!("{counts:?}")
}

db_test!(concurrent_profile_updates_lose_nothing, false, |app: TestApp| async move {
    signed_in(&app, "ada@example.com").await;
    // Half change the name, half the bio, all at once: each PATCH changes
    // one field, so every field must end with one of the values sent to it.
    let calls = (0..100_u32).map(|i| {
        let body = if i.is_multiple_of(2) {
            json!({"full_name": format!("Ada {i}")})
        } else {
            json!({"bio": format!("Bio {i}")})
        };
        let req = app.client.patch(app.url("/api/v1/users/profile")).json(&body).send();
        async move { req.await.unwrap().status().as_u16() }
    });
    let all: Vec<u16> = join_all(calls).await;
    assert!(all.iter().all(|s| *s == 200), "{}", statuses(&all));
    let (_, me) = app.get_json("/api/v1/users/me").await;
    assert!(me["full_name"].as_str().unwrap().starts_with("Ada "), "{me}");
    assert!(me["profile"]["bio"].as_str().unwrap().starts_with("Bio "), "no lost bio: {me}");
});

db_test!(concurrent_address_changes_keep_one_default, false, |app: TestApp| async move {
    signed_in(&app, "ada@example.com").await;
    let address = |i: usize| {
        json!({"full_name": "Ada", "address_line1": format!("{i} Rose Lane"), "city": "Bath",
               "postal_code": "BA1 1AA", "country": "GB", "is_default": i.is_multiple_of(3)})
    };
    // 20 adds (the most one person may keep) beside 80 default switches.
    let adds = (0..20).map(|i| {
        let req = app.client.post(app.url("/api/v1/users/addresses")).json(&address(i)).send();
        async move { req.await.unwrap().status().as_u16() }
    });
    let added: Vec<u16> = join_all(adds).await;
    assert!(added.iter().all(|s| *s == 201), "{}", statuses(&added));
    let (_, list) = app.get_json("/api/v1/users/addresses").await;
    let ids: Vec<String> =
        list.as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(ids.len(), 20);
    let switches = (0..80).map(|i| {
        let id = &ids[i % ids.len()];
        let req = app
            .client
            .patch(app.url(&format!("/api/v1/users/addresses/{id}")))
            .json(&json!({"is_default": true}))
            .send();
        async move { req.await.unwrap().status().as_u16() }
    });
    let one_more = app.post_json("/api/v1/users/addresses", address(99));
    let (switched, (extra, _)) = tokio::join!(join_all(switches), one_more);
    assert!(switched.iter().all(|s| *s == 200), "{}", statuses(&switched));
    assert_eq!(extra, 400, "the 21st address is refused");
    let (_, list) = app.get_json("/api/v1/users/addresses").await;
    let defaults = list.as_array().unwrap().iter().filter(|a| a["is_default"] == true).count();
    assert_eq!(defaults, 1, "exactly one default");
});

db_test!(concurrent_registrations_never_fail_on_our_side, false, |app: TestApp| async move {
    // 120 sign-ups at once from one address: the first twenty are welcome,
    // the rest are told to wait (429) — none is a 5xx.
    let calls = (0..120).map(|i| {
        let client = app.new_client();
        let url = app.url("/api/v1/auth/register");
        async move {
            let body = json!({"full_name": "Ada Lovelace", "email": format!("ada{i}@example.com"), "password": PASSWORD});
            client.post(url).json(&body).send().await.unwrap().status().as_u16()
        }
    });
    let all: Vec<u16> = join_all(calls).await;
    assert!(all.iter().all(|s| *s == 201 || *s == 429), "{}", statuses(&all));
    assert_eq!(all.iter().filter(|s| **s == 201).count(), 20, "{}", statuses(&all));
    assert_eq!(app.scalar("SELECT COUNT(*) FROM users").await, 20);
});

db_test!(parallel_wrong_passwords_count_at_most_the_limit, false, |app: TestApp| async move {
    signed_in(&app, "ada@example.com").await;
    let calls = (0..12).map(|_| {
        let client = app.new_client();
        let url = app.url("/api/v1/auth/login");
        async move {
            let body = json!({"email": "ada@example.com", "password": "not the password"});
            client.post(url).json(&body).send().await.unwrap().status().as_u16()
        }
    });
    let all: Vec<u16> = join_all(calls).await;
    assert_eq!(all.iter().filter(|s| **s == 401).count(), 10, "{}", statuses(&all));
    assert_eq!(all.iter().filter(|s| **s == 429).count(), 2, "{}", statuses(&all));
});

db_test!(stock_is_taken_all_or_nothing, true, |app: TestApp| async move {
    use bazaar::catalog::service::take_stock;
    let mut c = app.db().conn().await.unwrap();
    let rows: Vec<(String, i64)> = c
        .all(&bazaar::sql!("SELECT id, stock FROM product_variants WHERE stock >= 3 ORDER BY id LIMIT 2"))
        .await
        .unwrap();
    drop(c);
    let (a, b) = (&rows[0], &rows[1]);
    // Step two asks for more than there is: step one must leave no trace.
    let lines = vec![(a.0.clone(), 2), (b.0.clone(), b.1 + 1)];
    let err = app.db().write(async |tx| take_stock(tx, &lines).await).await.unwrap_err();
    assert!(matches!(err, bazaar::error::AppError::OutOfStock(_)), "{err:?}");
    let stock = |id: String| {
        let db = app.db().clone();
        async move {
            db.scalar::<i64>(&bazaar::sql!("SELECT stock FROM product_variants WHERE id = $1", id))
                .await
                .unwrap()
        }
    };
    assert_eq!(stock(a.0.clone()).await, a.1, "the first line was rolled back");
    // And concurrent buyers of the last units never take more than there is.
    let last = a.0.clone();
    let buys = (0..(a.1 + 5)).map(|_| {
        let db = app.db().clone();
        let lines = vec![(last.clone(), 1)];
        async move { db.write(async |tx| take_stock(tx, &lines).await).await.is_ok() }
    });
    let sold = join_all(buys).await.into_iter().filter(|ok| *ok).count() as i64;
    assert_eq!(sold, a.1, "exactly the units in stock were sold");
    assert_eq!(stock(last).await, 0);
});

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_notify_from_one_pool_reaches_a_listener_on_another() {
    let Some(app) = crate::helpers::spawn_app(crate::helpers::Backend::Postgres, false).await else { return };
    let url = app.state.settings.database.url.clone();
    let other = bazaar::server::db::Db::connect(&url, Some(2)).await.unwrap();
    let mut rx = other.subscribe("orders").await;
    app.db().notify("orders", "order-42 paid").await.unwrap();
    let got =
        tokio::time::timeout(std::time::Duration::from_secs(5), rx.recv()).await.expect("in time").unwrap();
    assert_eq!(got, "order-42 paid");
}
