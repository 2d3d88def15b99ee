//! The shopping assistant over `/api/v1/chat…`: real products with real
//! prices, follow-ups, conversations that are their owner's alone, limits,
//! hand-over to staff and their reply (live and by mail), and Gemini — a
//! loopback server speaking its JSON — whose words are used but whose
//! products and failures are not trusted.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::{Value, json};

use crate::db_test;
use crate::helpers::{Backend, TestApp, spawn_app_with};
use bazaar::accounts::Role;

async fn chat(app: &TestApp, message: &str, conversation: Option<&str>) -> (u16, Value) {
    app.post_json("/api/v1/chat", json!({"message": message, "conversation_id": conversation})).await
}

/// The catalog's price of a product (major units).
async fn catalog_price(app: &TestApp, id: &str) -> f64 {
    let (status, p) = app.get_json(&format!("/api/v1/products/{id}")).await;
    assert_eq!(status, 200, "{p}");
    p["price"].as_f64().unwrap()
}

db_test!(answers_show_real_products_and_follow_ups_narrow_them, true, |app: TestApp| async move {
    let (status, first) = chat(&app, "Flowers for my mum's birthday", None).await;
    assert_eq!(status, 200, "{first}");
    let products = first["products"].as_array().unwrap();
    assert!(!products.is_empty(), "{first}");
    assert!(first["response"].as_str().unwrap().contains("The best match is"), "{first}");
    for p in products {
        let id = p["product_id"].as_str().unwrap();
        assert_eq!(p["price"].as_f64().unwrap(), catalog_price(&app, id).await, "{p}");
        assert!(!p["slug"].as_str().unwrap().is_empty());
    }
    let best = products[0]["price"].as_f64().unwrap();
    let conversation = first["conversation_id"].as_str().unwrap().to_owned();
    let (_, cheaper) = chat(&app, "cheaper ones?", Some(&conversation)).await;
    assert_eq!(cheaper["conversation_id"], conversation.as_str());
    let cheaper_products = cheaper["products"].as_array().unwrap();
    assert!(!cheaper_products.is_empty(), "{cheaper}");
    assert!(
        cheaper_products.iter().all(|p| p["price"].as_f64().unwrap() < best),
        "cheaper than the best match: {cheaper}"
    );
    // Not about the shop: declined, nothing shown.
    let (_, off) = chat(&app, "What's the weather in Paris tomorrow?", Some(&conversation)).await;
    assert!(off["response"].as_str().unwrap().contains("only help with this shop"), "{off}");
    assert!(off["products"].as_array().unwrap().is_empty());
    let (_, history) = app.get_json(&format!("/api/v1/chat/history?conversation_id={conversation}")).await;
    let roles: Vec<&str> =
        history["messages"].as_array().unwrap().iter().map(|m| m["role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["user", "assistant", "user", "assistant", "user", "assistant"]);
});

db_test!(a_conversation_is_its_owners_alone, true, |app: TestApp| async move {
    let (_, first) = chat(&app, "a calming serum", None).await;
    let id = first["conversation_id"].as_str().unwrap().to_owned();
    let stranger = TestApp::with_client(&app);
    let (status, _) = stranger.get_json(&format!("/api/v1/chat/history?conversation_id={id}")).await;
    assert_eq!(status, 404);
    assert_eq!(chat(&stranger, "and for night?", Some(&id)).await.0, 404);
    assert_eq!(stranger.send_json(Method::DELETE, &format!("/api/v1/chat/{id}"), json!(null)).await.0, 404);
    // The visitor's conversation follows them when they sign in.
    app.sign_in_as(Role::Customer, "chat-owner@example.com").await;
    let (_, list) = app.get_json("/api/v1/chat/conversations").await;
    assert_eq!(list["conversations"][0]["id"], id.as_str(), "{list}");
    let (status, _) = app.get_json(&format!("/api/v1/chat/history?conversation_id={id}")).await;
    assert_eq!(status, 200);
    // …and is theirs to delete.
    assert_eq!(app.send_json(Method::DELETE, &format!("/api/v1/chat/{id}"), json!(null)).await.0, 204);
    assert_eq!(app.get_json(&format!("/api/v1/chat/history?conversation_id={id}")).await.0, 404);
});

db_test!(limits_hold, true, |app: TestApp| async move {
    let (status, body) = chat(&app, &"a".repeat(2_001), None).await;
    assert_eq!(status, 400, "{body}");
    assert!(body["error"]["fields"]["message"].is_string());
    assert_eq!(chat(&app, "   ", None).await.0, 400);
    for n in 0..20 {
        assert_eq!(chat(&app, "hi", None).await.0, 200, "message {n}");
    }
    let response = app
        .client
        .post(app.url("/api/v1/chat"))
        .header("Origin", &app.base)
        .json(&json!({"message": "hi"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    assert!(response.headers().get("retry-after").is_some());
});

db_test!(orders_are_answered_from_the_persons_own_only, true, |app: TestApp| async move {
    let (_, visitor) = chat(&app, "Where is my order?", None).await;
    assert_eq!(visitor["response"], "Sign in and I can tell you where your orders are.");
    let [(product, _), _] = crate::checkout::two_shops(&app, 5).await;
    let address = crate::checkout::shopper(&app, "orders-ask@example.com", "US").await;
    let items = json!([{"product_id": product, "quantity": 1}]);
    let (status, placed) = app
        .post_json(
            "/api/v1/orders",
            json!({"items": items, "shipping_address_id": address, "payment_method": "cash_on_delivery"}),
        )
        .await;
    assert_eq!(status, 201, "{placed}");
    let number = placed["orders"][0]["number"].as_str().unwrap().to_owned();
    let (_, mine) = chat(&app, "Where is my order?", None).await;
    assert!(mine["response"].as_str().unwrap().contains(&number), "{mine}");
    let other = TestApp::with_client(&app);
    other.sign_in_as(Role::Customer, "someone-else@example.com").await;
    let (_, theirs) = chat(&other, "Where is my order?", None).await;
    assert!(!theirs["response"].as_str().unwrap().contains(&number), "{theirs}");
});

db_test!(hand_over_reaches_staff_and_their_reply_the_customer, true, |app: TestApp| async move {
    app.sign_in_as(Role::Customer, "needs-help@example.com").await;
    let (_, asked) = chat(&app, "Can I talk to a person please?", None).await;
    assert_eq!(asked["escalated"], true, "{asked}");
    let id = asked["conversation_id"].as_str().unwrap().to_owned();
    assert_eq!(app.get_json("/api/v1/staff/escalations").await.0, 403, "customers do not see the inbox");
    // The customer's open chat listens for new messages.
    let events = app.client.get(app.url(&format!("/api/v1/chat/{id}/events"))).send().await.unwrap();
    assert_eq!(events.status(), 200);
    let staff = TestApp::with_client(&app);
    staff.sign_in_as(Role::Staff, "helper@example.com").await;
    let (_, inbox) = staff.get_json("/api/v1/staff/escalations").await;
    let waiting = inbox["escalations"].as_array().unwrap();
    assert!(waiting.iter().any(|e| e["conversation_id"] == id.as_str() && e["answered"] == false), "{inbox}");
    let (status, reply) = staff
        .post_json(
            &format!("/api/v1/chat/{id}/reply"),
            json!({"message": "Hello! Theo here — how can I help?"}),
        )
        .await;
    assert_eq!(status, 201, "{reply}");
    // Seen live…
    let mut stream = events.bytes_stream();
    let mut seen = String::new();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !seen.contains("Theo here") {
        let chunk = tokio::time::timeout_at(deadline.into(), futures_util::StreamExt::next(&mut stream))
            .await
            .expect("the reply arrives live")
            .expect("stream open")
            .unwrap();
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(seen.contains("event: message") && seen.contains("\"role\":\"staff\""), "{seen}");
    // …and in the history; not by mail while the chat is open.
    let (_, history) = app.get_json(&format!("/api/v1/chat/history?conversation_id={id}")).await;
    assert_eq!(history["messages"].as_array().unwrap().last().unwrap()["role"], "staff");
    assert_eq!(app.scalar("SELECT COUNT(*) FROM outbox WHERE kind = 'assistant_reply'").await, 0);
    // The customer left two minutes ago (their chat's beats stopped): the next reply is mailed.
    drop(stream);
    let left = bazaar::server::now_ms() - 120_000;
    app.exec(bazaar::sql!(
        "UPDATE assistant_conversations SET owner_seen_at = $1 WHERE id = $2",
        left,
        id.clone()
    ))
    .await;
    let (status, _) = staff
        .post_json(&format!("/api/v1/chat/{id}/reply"), json!({"message": "Still there? Here is more."}))
        .await;
    assert_eq!(status, 201);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM outbox WHERE kind = 'assistant_reply'").await, 1);
    // Only staff and administrators reply.
    assert_eq!(app.post_json(&format!("/api/v1/chat/{id}/reply"), json!({"message": "me too"})).await.0, 403);
});

db_test!(two_answers_that_find_nothing_hand_over, true, |app: TestApp| async move {
    let (_, first) = chat(&app, "zxqv blorptastic wibbleflux", None).await;
    assert_eq!(first["escalated"], false, "{first}");
    let id = first["conversation_id"].as_str().unwrap().to_owned();
    let (_, second) = chat(&app, "qqzzv frobnicator", Some(&id)).await;
    assert_eq!(second["escalated"], true, "{second}");
});

/// What the fake Gemini answers.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// Names the first product it was given and one that does not exist.
    Names,
    TooMany,
    Fails,
    Stalls,
}

/// Gemini's streamed reply: the text in pieces (one split inside a
/// reference), each a JSON response on a `data:` line, a little apart.
fn streamed(reply: String) -> axum::response::Response {
    use axum::response::IntoResponse;
    use axum::response::sse::{Event, Sse};
    use futures_util::StreamExt;
    let cut = reply.find("[[").map_or(1, |i| i + 5).min(reply.len());
    let pieces: Vec<String> = vec![reply[..4].to_owned(), reply[4..cut].to_owned(), reply[cut..].to_owned()];
    let events = futures_util::stream::iter(pieces).then(|text| async move {
        tokio::time::sleep(Duration::from_millis(60)).await;
        let chunk = json!({"candidates": [{"content": {"role": "model", "parts": [{"text": text}]}}]});
        Ok::<_, std::convert::Infallible>(Event::default().data(chunk.to_string()))
    });
    Sse::new(events).into_response()
}

/// A loopback server speaking Gemini's generateContent and
/// streamGenerateContent (`alt=sse`); keeps each request (the key header
/// and the body).
async fn fake_gemini(mode: Mode) -> (String, Arc<Mutex<Vec<(String, Value)>>>) {
    use axum::http::{HeaderMap, StatusCode};
    use axum::response::IntoResponse;
    let seen: Arc<Mutex<Vec<(String, Value)>>> = Arc::default();
    let log = seen.clone();
    let app = axum::Router::new().route(
        "/v1beta/models/{model}",
        axum::routing::post(move |axum::extract::Path(model): axum::extract::Path<String>, headers: HeaderMap, axum::Json(body): axum::Json<Value>| {
            let log = log.clone();
            async move {
                let stream = model.ends_with(":streamGenerateContent");
                let key = headers.get("x-goog-api-key").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
                let text = body.to_string();
                log.lock().unwrap().push((key, body));
                match mode {
                    Mode::TooMany => (
                        StatusCode::TOO_MANY_REQUESTS,
                        axum::Json(json!({"error": {"code": 429, "message": "quota", "status": "RESOURCE_EXHAUSTED"}})),
                    )
                        .into_response(),
                    Mode::Fails => (
                        StatusCode::INTERNAL_SERVER_ERROR,
                        axum::Json(json!({"error": {"code": 500, "message": "boom", "status": "INTERNAL"}})),
                    )
                        .into_response(),
                    Mode::Stalls => {
                        tokio::time::sleep(Duration::from_secs(20)).await;
                        StatusCode::GATEWAY_TIMEOUT.into_response()
                    }
                    Mode::Names => {
                        // The first product id in the quoted data.
                        let id = text.split("\\\"id\\\":\\\"").nth(1).and_then(|r| r.split("\\\"").next()).unwrap_or("");
                        let reply = format!("You'll love [[{id}]] — and [[00000000-no-such-product]] is lovely too, only $1!");
                        if stream {
                            return streamed(reply);
                        }
                        axum::Json(json!({"candidates": [{"content": {"role": "model", "parts": [{"text": reply}]}, "finishReason": "STOP"}]}))
                            .into_response()
                    }
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.ok() });
    (base, seen)
}

async fn with_gemini(backend: Backend, mode: Mode) -> Option<(TestApp, Arc<Mutex<Vec<(String, Value)>>>)> {
    let (base, seen) = fake_gemini(mode).await;
    let app = spawn_app_with(backend, true, |s| {
        s.ai.gemini_api_key = Some("test-key-123".into());
        s.ai.gemini_base_url = base;
    })
    .await?;
    Some((app, seen))
}

macro_rules! gemini_test {
    ($name:ident, $mode:expr, $body:expr) => {
        mod $name {
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                if let Some((app, seen)) = with_gemini(Backend::Sqlite, $mode).await {
                    ($body)(app, seen).await;
                }
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some((app, seen)) = with_gemini(Backend::Postgres, $mode).await {
                    ($body)(app, seen).await;
                }
            }
        }
    };
}

gemini_test!(gemini_writes_the_words_but_the_catalog_the_products, Mode::Names, |app: TestApp,
                                                                                 seen: Arc<
    Mutex<Vec<(String, Value)>>,
>| async move {
    // Someone else's conversation exists; it must not reach Gemini.
    let other = TestApp::with_client(&app);
    other.sign_in_as(Role::Customer, "private-person@example.com").await;
    chat(&other, "my secret question about rose serum", None).await;
    seen.lock().unwrap().clear();
    app.sign_in_as(Role::Customer, "asker@example.com").await;
    let (status, reply) = chat(&app, "A gentle cleanser", None).await;
    assert_eq!(status, 200, "{reply}");
    let products = reply["products"].as_array().unwrap();
    assert_eq!(products.len(), 1, "only the product Gemini named that exists: {reply}");
    let name = products[0]["name"].as_str().unwrap();
    let text = reply["response"].as_str().unwrap();
    assert!(text.contains(name), "the reference became the name: {text}");
    assert!(!text.contains("[[") && !text.contains("no-such-product"), "{text}");
    let id = products[0]["product_id"].as_str().unwrap();
    assert_eq!(products[0]["price"].as_f64().unwrap(), catalog_price(&app, id).await);
    let requests = seen.lock().unwrap().clone();
    assert_eq!(requests.len(), 1);
    let (key, body) = &requests[0];
    assert_eq!(key, "test-key-123", "the key goes in x-goog-api-key");
    assert!(body["systemInstruction"]["parts"][0]["text"].is_string());
    let sent = body.to_string();
    for private in ["private-person@example.com", "my secret question", "asker@example.com"] {
        assert!(!sent.contains(private), "{private} reached Gemini: {sent}");
    }
});

async fn answers_in_time(app: TestApp, seen: Arc<Mutex<Vec<(String, Value)>>>) {
    let started = Instant::now();
    let (status, reply) = chat(&app, "Roses for an anniversary", None).await;
    assert_eq!(status, 200, "{reply}");
    assert!(started.elapsed() < Duration::from_secs(3), "took {:?}", started.elapsed());
    assert!(reply["response"].as_str().unwrap().contains("The best match is"), "the offline answer: {reply}");
    assert!(!reply["products"].as_array().unwrap().is_empty());
    assert_eq!(seen.lock().unwrap().len(), 1, "Gemini was asked");
}

gemini_test!(a_429_falls_back_at_once, Mode::TooMany, answers_in_time);
gemini_test!(a_500_falls_back_at_once, Mode::Fails, answers_in_time);
gemini_test!(a_stalled_gemini_falls_back_within_3_seconds, Mode::Stalls, answers_in_time);

/// `POST /api/v1/chat/stream`: the `delta` texts joined, and the `done` reply
/// (or the `error`); the time the last event came.
async fn ask_streamed(app: &TestApp, message: &str) -> (Vec<String>, Value, Duration) {
    let started = Instant::now();
    let response = app
        .client
        .post(app.url("/api/v1/chat/stream"))
        .header("Origin", &app.base)
        .json(&json!({"message": message}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/event-stream"));
    let body = response.text().await.unwrap();
    let (mut deltas, mut done) = (Vec::new(), Value::Null);
    for event in body.split("\n\n").filter(|e| !e.trim().is_empty()) {
        let kind = event.lines().find_map(|l| l.strip_prefix("event: ")).unwrap_or_default();
        let data: String = event.lines().filter_map(|l| l.strip_prefix("data: ")).collect();
        match kind {
            "delta" => deltas
                .push(serde_json::from_str::<Value>(&data).unwrap()["text"].as_str().unwrap().to_owned()),
            "done" | "error" => done = serde_json::from_str(&data).unwrap(),
            _ => {}
        }
    }
    (deltas, done, started.elapsed())
}

gemini_test!(gemini_streams_its_words_and_the_catalog_its_products, Mode::Names, |app: TestApp,
                                                                                  seen: Arc<
    Mutex<Vec<(String, Value)>>,
>| async move {
    let (deltas, done, _) = ask_streamed(&app, "A gentle cleanser").await;
    assert!(deltas.len() >= 2, "the words arrive in pieces: {deltas:?}");
    let shown = deltas.concat();
    assert!(
        !shown.contains("[[") && !shown.contains("no-such-product"),
        "references resolved as they come: {shown}"
    );
    let products = done["products"].as_array().unwrap();
    assert_eq!(products.len(), 1, "{done}");
    let name = products[0]["name"].as_str().unwrap();
    assert!(shown.contains(name) && done["response"].as_str().unwrap().contains(name), "{shown} / {done}");
    let id = products[0]["product_id"].as_str().unwrap();
    assert_eq!(products[0]["price"].as_f64().unwrap(), catalog_price(&app, id).await);
    // Kept: the history has the finished answer.
    let conversation = done["conversation_id"].as_str().unwrap();
    let (_, history) = app.get_json(&format!("/api/v1/chat/history?conversation_id={conversation}")).await;
    assert_eq!(history["messages"][1]["content"], done["response"]);
    let requests = seen.lock().unwrap().clone();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].0, "test-key-123");
});

async fn streams_in_time(app: TestApp, seen: Arc<Mutex<Vec<(String, Value)>>>) {
    let (deltas, done, took) = ask_streamed(&app, "Roses for an anniversary").await;
    assert!(took < Duration::from_secs(3), "took {took:?}");
    assert!(deltas.is_empty(), "nothing of Gemini's was shown: {deltas:?}");
    assert!(done["response"].as_str().unwrap().contains("The best match is"), "the offline answer: {done}");
    assert!(!done["products"].as_array().unwrap().is_empty());
    assert_eq!(seen.lock().unwrap().len(), 1, "Gemini was asked");
}

gemini_test!(a_stalled_stream_falls_back_within_3_seconds, Mode::Stalls, streams_in_time);
gemini_test!(a_429_on_the_stream_falls_back_at_once, Mode::TooMany, streams_in_time);
gemini_test!(a_500_on_the_stream_falls_back_at_once, Mode::Fails, streams_in_time);

db_test!(streamed_asks_are_refused_before_the_stream, true, |app: TestApp| async move {
    let (status, body) = app.post_json("/api/v1/chat/stream", json!({"message": "x".repeat(2_001)})).await;
    assert_eq!(status, 400, "{body}");
    let (status, _) =
        app.post_json("/api/v1/chat/stream", json!({"message": "hi", "conversation_id": "not-mine"})).await;
    assert_eq!(status, 404);
});

db_test!(conversations_older_than_the_retention_go, true, |app: TestApp| async move {
    let (_, first) = chat(&app, "a calming serum", None).await;
    let id = first["conversation_id"].as_str().unwrap().to_owned();
    assert_eq!(bazaar::assistant::service::sweep(app.db(), 180).await.unwrap(), 0, "a fresh one stays");
    let long_ago = bazaar::server::now_ms() - 181 * 24 * 60 * 60 * 1000;
    app.exec(bazaar::sql!(
        "UPDATE assistant_conversations SET updated_at = $1 WHERE id = $2",
        long_ago,
        id.clone()
    ))
    .await;
    assert_eq!(bazaar::assistant::service::sweep(app.db(), 180).await.unwrap(), 1);
    assert_eq!(app.scalar("SELECT COUNT(*) FROM assistant_messages").await, 0, "its messages with it");
});

db_test!(the_pages_work_as_plain_forms, true, |app: TestApp| async move {
    // A visitor asks on /assistant without JavaScript: a form post, then the page.
    let response =
        app.form_post("/api/assistant_ask", "/assistant", &[("message", "Roses for an anniversary")]).await;
    assert!(response.status().is_redirection(), "{}", response.status());
    let to = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(to.starts_with("/assistant?c="), "{to}");
    let (status, page) = app.get_text(&to).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Roses for an anniversary") && page.contains("data-testid=\"assistant-product\""),
        "the thread with cards"
    );
    assert!(
        page.contains("action=\"/api/add_to_cart\"") || page.contains("Choose options"),
        "cards can go to the cart"
    );
    // Asking for a person puts it in the staff inbox, where a reply form answers it.
    let id = to.trim_start_matches("/assistant?c=").split('#').next().unwrap().to_owned();
    app.form_post("/api/assistant_ask", &to, &[("message", "talk to a person"), ("conversation_id", &id)])
        .await;
    let staff = TestApp::with_client(&app);
    staff.sign_in_as(Role::Staff, "inbox-staff@example.com").await;
    let (_, inbox) = staff.get_text(&format!("/studio/inbox?c={id}")).await;
    assert!(inbox.contains("data-testid=\"inbox-item\"") && inbox.contains("Waiting"), "{inbox}");
    let sent = staff
        .form_post(
            "/api/assistant_staff_reply",
            "/studio/inbox",
            &[("conversation_id", &id), ("message", "Happy to help!")],
        )
        .await;
    assert!(sent.status().is_redirection(), "{}", sent.status());
    let (_, page) = app.get_text(&to).await;
    assert!(page.contains("Happy to help!") && page.contains("Our team"), "the visitor sees the reply");
    // Customers do not get the inbox.
    let customer = TestApp::with_client(&app);
    customer.sign_in_as(Role::Customer, "not-staff@example.com").await;
    let (_, refused) = customer.get_text("/studio/inbox").await;
    assert!(!refused.contains("data-testid=\"inbox-item\""));
});

db_test!(the_drawer_is_on_shop_pages_and_reads_the_latest_conversation, true, |app: TestApp| async move {
    let (_, home) = app.get_text("/").await;
    assert!(home.contains("id=\"assistant-drawer\"") && home.contains("action=\"/api/assistant_ask\""));
    let (_, own_page) = app.get_text("/assistant").await;
    assert!(!own_page.contains("id=\"assistant-drawer\""), "not on the assistant's own page");
    let (status, empty) = app.get_text("/assistant/thread").await;
    assert_eq!(status, 200);
    assert!(empty.contains("data-testid=\"assistant-empty\""), "{empty}");

    let (_, first) = chat(&app, "Roses for an anniversary", None).await;
    let id = first["conversation_id"].as_str().unwrap().to_owned();
    let (_, latest) = app.get_text("/assistant/thread").await;
    assert!(latest.contains(&format!("data-conversation=\"{id}\"")), "{latest}");
    assert!(latest.contains("data-testid=\"assistant-product\"") && !latest.contains("data-waiting"));
    chat(&app, "talk to a person", Some(&id)).await;
    let (_, waiting) = app.get_text(&format!("/assistant/thread?c={id}")).await;
    assert!(waiting.contains("data-waiting"), "handed over: {waiting}");

    let other = TestApp::with_client(&app);
    assert_eq!(other.get_text(&format!("/assistant/thread?c={id}")).await.0, 404, "someone else's");
});
