//! Holes found by probing the running shop, each pinned by a test: script
//! injection through every field people and sellers set and every query
//! parameter, open redirects, redirect and error statuses, JSON errors,
//! the CSP and private caching — on both databases.

use serde_json::json;

use crate::db_test;
use crate::helpers::TestApp;

const PASSWORD: &str = "violets at dawn 42";

/// Every breakout at once: raw-text elements, an attribute, a URL scheme.
const PAYLOAD: &str =
    "</title></textarea></script><script>alert(1)</script>\"><img src=x onerror=alert(2)>javascript:alert(3)";

/// What must never appear in a page: markup from the payload, unescaped.
fn assert_clean(html: &str, page: &str) {
    for needle in ["<script>alert(", "<img src=x onerror", "href=\"javascript:", "src=\"javascript:"] {
        assert!(!html.contains(needle), "{page} carries `{needle}` unescaped");
    }
}

async fn sign_in(app: &TestApp, email: &str, role: bazaar::accounts::Role) {
    app.create_account(email, "Pat Doe", PASSWORD, role).await;
    let (status, _) =
        app.post_json("/api/v1/auth/login", json!({"email": email, "password": PASSWORD})).await;
    assert_eq!(status, 200);
}

db_test!(no_field_or_parameter_can_inject_markup, true, |app: TestApp| async move {
    use bazaar::accounts::Role;
    sign_in(&app, "pat@example.com", Role::Admin).await;
    let (status, _) =
        app.send_json(reqwest::Method::PATCH, "/api/v1/users/profile", json!({"bio": PAYLOAD})).await;
    assert_eq!(status, 200, "a bio may say anything: it is shown, never run");
    // Fields whose validation would refuse the payload are written directly,
    // as if they came from an import or an older version.
    let db = app.db();
    let mut c = db.conn().await.unwrap();
    for sql in [
        "UPDATE users SET full_name = $1",
        "UPDATE profiles SET username = $1 WHERE user_id = (SELECT id FROM users WHERE email = 'pat@example.com')",
        "UPDATE sellers SET shop_name = $1, tagline = $1, description = $1",
        "UPDATE categories SET name = $1, description = $1 WHERE slug = 'serums'",
        "UPDATE products SET title = $1, subtitle = $1, description = $1",
        "UPDATE product_variants SET title = $1",
        "UPDATE product_images SET alt = $1",
    ] {
        c.exec(&bazaar::server::db::Query::new(sql).bind(PAYLOAD)).await.unwrap();
    }
    drop(c);
    let address = json!({"full_name": "Pat Doe", "address_line1": "1 Rose Lane", "city": "Bath",
                         "postal_code": "BA1 1AA", "country": "GB"});
    assert_eq!(app.post_json("/api/v1/users/addresses", address).await.0, 201);
    let mut c = db.conn().await.unwrap();
    c.exec(&bazaar::sql!("UPDATE addresses SET full_name = $1, city = $1, address_line2 = $1", PAYLOAD))
        .await
        .unwrap();
    drop(c);
    let (_, list) = app.get_json("/api/v1/products?limit=1").await;
    let slug = list["data"][0]["slug"].as_str().unwrap().to_owned();
    let shop = list["data"][0]["seller"]["slug"].as_str().unwrap().to_owned();
    let q: String = url_escape(PAYLOAD);
    let pages = [
        "/".to_owned(),
        "/products".to_owned(),
        format!("/products?q={q}"),
        format!("/products?q={q}&sort={q}&page={q}"),
        format!("/products/{slug}"),
        format!("/shops/{shop}"),
        format!("/shops/{shop}?q={q}"),
        "/categories/serums".to_owned(),
        format!("/categories/serums?q={q}"),
        "/account".to_owned(),
        format!("/account?saved={q}&avatar_error={q}"),
        "/account/addresses".to_owned(),
        format!("/account/addresses?edit={q}"),
        "/admin".to_owned(),
        "/studio".to_owned(),
        format!("/nowhere/{q}"),
    ];
    for page in &pages {
        let (_, html) = app.get_text(page).await;
        assert_clean(&html, page);
    }
    // And a visitor's view of the sign-in pages with a hostile `next`.
    let visitor = TestApp::with_client(&app);
    for page in [format!("/login?next={q}"), format!("/register?next={q}")] {
        let (_, html) = visitor.get_text(&page).await;
        assert_clean(&html, &page);
    }
    // The title is escaped, not dropped.
    let (_, html) = app.get_text(&format!("/products/{slug}")).await;
    assert!(html.contains("<title>&lt;/title&gt;"), "escaped title");
});

fn url_escape(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

db_test!(protected_pages_redirect_with_a_real_status, false, |app: TestApp| async move {
    for path in ["/account", "/account/addresses", "/admin", "/studio"] {
        for accept in [None, Some("*/*"), Some("text/html")] {
            let mut req = app.client.get(app.url(path));
            if let Some(a) = accept {
                req = req.header("accept", a);
            }
            let res = req.send().await.unwrap();
            assert_eq!(res.status(), 302, "{path} with Accept {accept:?}");
            assert!(res.headers()["location"].to_str().unwrap().starts_with("/login?next="));
        }
    }
});

db_test!(denied_and_malformed_server_functions_get_their_status, false, |app: TestApp| async move {
    let call = |path: &'static str, body: &'static str| {
        app.client
            .post(app.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
    };
    assert_eq!(call("/api/admin_overview", "").await.unwrap().status(), 401, "visitor");
    assert_eq!(call("/api/studio_shops", "").await.unwrap().status(), 401, "visitor");
    sign_in(&app, "pat@example.com", bazaar::accounts::Role::Customer).await;
    assert_eq!(call("/api/admin_overview", "").await.unwrap().status(), 403, "customer");
    assert_eq!(call("/api/studio_shops", "").await.unwrap().status(), 403, "customer");
    let bad = call("/api/save_address", "full_name=%ZZ&&&").await.unwrap();
    assert_eq!(bad.status(), 400, "malformed body");
    let missing = call("/api/change_password", "current_password=x").await.unwrap();
    assert_eq!(missing.status(), 400, "missing fields");
});

db_test!(sign_in_never_redirects_off_site, false, |app: TestApp| async move {
    app.create_account("pat@example.com", "Pat Doe", PASSWORD, bazaar::accounts::Role::Customer).await;
    for next in ["/\t/evil.test", "//evil.test", "/\\evil.test", "https://evil.test", "/\n/evil.test"] {
        let client = app.new_client();
        let res = client
            .post(app.url("/api/login"))
            .header("accept", "text/html")
            .header("origin", &app.base)
            .form(&[("email", "pat@example.com"), ("password", PASSWORD), ("next", next)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.headers()["location"], "/account", "next = {next:?}");
    }
});

/// Send only the head of a request announcing `length` body bytes (the
/// server refuses it from the head alone) and read the whole answer.
async fn head_only(app: &TestApp, path: &str, length: usize) -> (u16, serde_json::Value) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = app.base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\ncontent-type: application/json\r\ncontent-length: {length}\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let read = tokio::time::timeout(std::time::Duration::from_secs(10), stream.read(&mut buf));
        let n = read.await.expect("an answer in time").unwrap();
        raw.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&raw).to_string();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let len: usize = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse().unwrap())
                })
                .unwrap_or(0);
            if body.len() >= len || n == 0 {
                let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
                return (status, serde_json::from_str(&body[..len]).unwrap_or(serde_json::Value::Null));
            }
        }
        assert!(n > 0, "connection closed before the answer");
    }
}

db_test!(api_errors_are_json_even_before_our_code, false, |app: TestApp| async move {
    let (status, body) = head_only(&app, "/api/v1/auth/login", 12 * 1024 * 1024).await;
    assert_eq!(status, 413);
    assert_eq!(body["error"]["code"], "too_large", "{body}");
    let res = app.client.post(app.url("/api/v1/auth/login")).header("content-type", "text/plain").body("hi");
    let res = res.send().await.unwrap();
    assert_eq!(res.status(), 400, "a body that is not JSON");
    let _: serde_json::Value = res.json().await.expect("a JSON body");
});

db_test!(pages_carry_a_nonce_csp_and_private_caching, true, |app: TestApp| async move {
    let res = app.get("/products").await;
    let csp = res.headers()["content-security-policy"].to_str().unwrap().to_owned();
    let nonce = csp.split("'nonce-").nth(1).and_then(|r| r.split('\'').next()).expect("a nonce").to_owned();
    let script_src = csp.split(';').find(|d| d.trim().starts_with("script-src")).expect("script-src");
    assert!(script_src.contains("'wasm-unsafe-eval'") && !script_src.contains("unsafe-inline"), "{csp}");
    let html = res.text().await.unwrap();
    assert!(html.contains(&format!("nonce=\"{nonce}\"")), "the hydration scripts carry this render's nonce");
    let again = app.get("/products?page=2").await;
    assert!(
        !again.headers()["content-security-policy"].to_str().unwrap().contains(&nonce),
        "a fresh nonce per render"
    );
    sign_in(&app, "pat@example.com", bazaar::accounts::Role::Customer).await;
    let mine = app.get("/account").await;
    assert_eq!(mine.headers()["cache-control"], "private, no-store");
});

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throttles_see_the_real_client_behind_a_trusted_proxy() {
    let app = crate::helpers::spawn_app_with(crate::helpers::Backend::Sqlite, false, |s| {
        s.server.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
    })
    .await
    .unwrap();
    let login = |ip: &'static str, n: usize| {
        app.client
            .post(app.url("/api/v1/auth/login"))
            .header("x-forwarded-for", ip)
            .json(&json!({"email": format!("guess{n}@example.com"), "password": "wrong password 1"}))
            .send()
    };
    for n in 0..50 {
        assert_eq!(login("203.0.113.1", n).await.unwrap().status(), 401);
    }
    assert_eq!(login("203.0.113.1", 99).await.unwrap().status(), 429, "that client is locked out");
    assert_eq!(
        login("203.0.113.2", 99).await.unwrap().status(),
        401,
        "another client behind the proxy is not"
    );
}
