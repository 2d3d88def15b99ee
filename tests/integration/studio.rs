//! The seller's studio: products created, edited, published and deleted
//! through REST and the server functions, only by their own seller (or an
//! administrator); picture uploads checked and re-encoded; follows; views.

use bazaar::accounts::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::db_test;
use crate::helpers::TestApp;

pub fn serum(title: &str) -> Value {
    json!({
        "title": title,
        "price": 24.5,
        "description": "A light serum.\n\nMade in small batches.",
        "stock_quantity": 7,
        "category_id": "serums",
        "attributes": {"skin_type": ["dry", "Sensitive"]}
    })
}

pub(crate) fn png(w: u32, h: u32) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_pixel(w, h, image::Rgb([120, 160, 90]))
        .write_to(&mut out, image::ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

/// POST a multipart picture; returns the status and the JSON reply.
pub(crate) async fn upload(app: &TestApp, path: &str, name: &str, bytes: Vec<u8>) -> (u16, Value) {
    let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned());
    let form = reqwest::multipart::Form::new().part("image", part).text("alt", "A bottle on linen");
    let res =
        app.client.post(app.url(path)).header("origin", &app.base).multipart(form).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

db_test!(sellers_touch_only_their_own_products, true, |app: TestApp| async move {
    app.open_shop("ann@example.com", "Ann's Apothecary").await;
    let (status, made) = app.post_json("/api/v1/products", serum("Quince Glow Serum")).await;
    assert_eq!(status, 201, "{made}");
    let id = made["id"].as_str().unwrap().to_owned();
    assert_eq!(
        (made["status"].clone(), made["price"].clone(), made["stock_quantity"].clone()),
        (json!("active"), json!(24.5), json!(7))
    );
    assert_eq!(made["slug"], "quince-glow-serum");
    assert_eq!(made["attributes"]["skin_type"], json!(["dry", "sensitive"]));
    let (status, shown) = app.get_json(&format!("/api/v1/products/{id}")).await;
    assert_eq!(status, 200, "{shown}");
    assert_eq!(shown["seller"]["shop_name"], "Ann's Apothecary");

    // Found by search (the index hears of the change at commit), typo and all.
    let mut found = Value::Null;
    for _ in 0..50 {
        found = app.get_json("/api/v1/products?search=quinse").await.1;
        if found["data"].as_array().is_some_and(|d| d.iter().any(|p| p["id"] == id.as_str())) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(found["data"].as_array().unwrap().iter().any(|p| p["id"] == id.as_str()), "{found}");

    // Renamed: the slug (and every link to it) stays.
    let path = format!("/api/v1/products/{id}");
    let (status, renamed) =
        app.send_json(Method::PATCH, &path, json!({"title": "Quince Dew Serum", "price": "19.99"})).await;
    assert_eq!(status, 200, "{renamed}");
    assert_eq!(
        (renamed["title"].clone(), renamed["slug"].clone(), renamed["price"].clone()),
        (json!("Quince Dew Serum"), json!("quince-glow-serum"), json!(19.99))
    );
    assert_eq!(
        renamed["description"], "A light serum.\n\nMade in small batches.",
        "PATCH keeps what it was not sent"
    );
    let (bad, errors) = app.send_json(Method::PATCH, &path, json!({"price": -3, "title": ""})).await;
    assert_eq!(bad, 400);
    assert!(
        errors["error"]["fields"]["price"].is_string() && errors["error"]["fields"]["title"].is_string(),
        "{errors}"
    );

    // Another seller: as if it did not exist, through REST and server functions alike.
    let other = TestApp::with_client(&app);
    other.open_shop("bob@example.com", "Bob's Blooms").await;
    assert_eq!(other.send_json(Method::PATCH, &path, json!({"title": "Mine now"})).await.0, 404);
    assert_eq!(other.send_json(Method::DELETE, &path, json!(null)).await.0, 404);
    assert_eq!(upload(&other, &format!("{path}/images"), "a.png", png(20, 20)).await.0, 404);
    for (endpoint, fields) in [
        ("/api/product_editor", vec![("id", id.as_str())]),
        (
            "/api/save_product",
            vec![("id", id.as_str()), ("title", "Mine now"), ("price", "1"), ("category_id", "x")],
        ),
        ("/api/delete_product", vec![("id", id.as_str())]),
        ("/api/set_product_status", vec![("id", id.as_str()), ("status", "draft")]),
    ] {
        let res = other
            .client
            .post(other.url(endpoint))
            .header("origin", &other.base)
            .form(&fields)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "{endpoint}");
    }
    // A customer is refused; a visitor must sign in.
    let customer = TestApp::with_client(&app);
    customer.sign_in_as(Role::Customer, "cat@example.com").await;
    assert_eq!(customer.post_json("/api/v1/products", serum("Nope")).await.0, 403);
    assert_eq!(customer.send_json(Method::PATCH, &path, json!({"title": "x"})).await.0, 403);
    let visitor = TestApp::with_client(&app);
    assert_eq!(visitor.post_json("/api/v1/products", serum("Nope")).await.0, 401);
    assert_eq!(visitor.send_json(Method::DELETE, &path, json!(null)).await.0, 401);
    let (_, after) = app.get_json(&format!("/api/v1/products/{id}")).await;
    assert_eq!(after["title"], "Quince Dew Serum", "nothing the others sent landed");

    // Administrators may edit any product.
    let admin = TestApp::with_client(&app);
    admin.sign_in_as(Role::Admin, "root@example.com").await;
    assert_eq!(admin.send_json(Method::PATCH, &path, json!({"subtitle": "30 ml"})).await.0, 200);

    // Unpublished: gone from the shop, still in the studio.
    assert_eq!(app.send_json(Method::PATCH, &path, json!({"status": "draft"})).await.0, 200);
    assert_eq!(app.get_json(&format!("/api/v1/products/{id}")).await.0, 404);
    assert_eq!(app.send_json(Method::DELETE, &path, json!(null)).await.0, 204);
    assert_eq!(app.scalar(&format!("SELECT COUNT(*) FROM products WHERE id = '{id}'")).await, 0);
});

db_test!(variants_keep_their_ids_and_skus_are_unique, true, |app: TestApp| async move {
    app.open_shop("ann@example.com", "Ann's Apothecary").await;
    let body = json!({
        "title": "Rose Toner", "price": 18, "category_id": "serums", "status": "draft",
        "options": ["Size"],
        "variants": [
            {"options": {"Size": "100 ml"}, "sku": "ROSE-100", "stock": 4},
            {"options": {"Size": "250 ml"}, "sku": "ROSE-250", "price": 32, "stock": 2}
        ]
    });
    let (status, made) = app.post_json("/api/v1/products", body).await;
    assert_eq!(status, 201, "{made}");
    assert_eq!(made["stock_quantity"], 6);
    assert_eq!(made["variants"][1]["price"], 32.0);
    let id = made["id"].as_str().unwrap();
    let kept = made["variants"][0]["id"].clone();
    let path = format!("/api/v1/products/{id}");
    let (status, changed) = app
        .send_json(
            Method::PATCH,
            &path,
            json!({"variants": [{"id": kept, "options": {"Size": "100 ml"}, "sku": "ROSE-100", "stock": 9}]}),
        )
        .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["variants"].as_array().unwrap().len(), 1);
    assert_eq!(changed["variants"][0]["id"], kept, "a kept variant keeps its id");
    assert_eq!(changed["stock_quantity"], 9);

    let (status, clash) = app
        .post_json(
            "/api/v1/products",
            json!({"title": "Clash", "price": 5, "category_id": "serums", "options": ["Size"],
            "variants": [{"options": {"Size": "S"}, "sku": "ROSE-100", "stock": 1}]}),
        )
        .await;
    assert_eq!(status, 400, "{clash}");
    assert!(clash["error"]["fields"]["variants.0.sku"].is_string(), "{clash}");
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM products WHERE title = 'Clash'").await,
        0,
        "nothing half-written"
    );
    let (status, wrong) = app
        .post_json(
            "/api/v1/products",
            json!({"title": "Odd", "price": 5, "category_id": "serums",
        "attributes": {"colour": ["red"]}}),
        )
        .await;
    assert_eq!(status, 400, "florals' colours do not fit a serum: {wrong}");
});

db_test!(reviewed_products_are_archived_not_deleted, true, |app: TestApp| async move {
    app.open_shop("ann@example.com", "Ann's Apothecary").await;
    let (_, made) = app.post_json("/api/v1/products", serum("Kept Serum")).await;
    let id = made["id"].as_str().unwrap().to_owned();
    let buyer = TestApp::with_client(&app);
    buyer.sign_in_as(Role::Customer, "cat@example.com").await;
    let (status, review) = buyer
        .post_json(&format!("/api/v1/products/{id}/reviews"), json!({"rating": 5, "comment": "Lovely."}))
        .await;
    assert_eq!(status, 201, "{review}");
    assert_eq!(app.send_json(Method::DELETE, &format!("/api/v1/products/{id}"), json!(null)).await.0, 204);
    assert_eq!(
        app.scalar(&format!("SELECT COUNT(*) FROM products WHERE id = '{id}' AND status = 'archived'")).await,
        1
    );
    assert_eq!(
        app.scalar(&format!("SELECT COUNT(*) FROM product_reviews WHERE product_id = '{id}'")).await,
        1
    );
    assert_eq!(app.get_json(&format!("/api/v1/products/{id}")).await.0, 404, "out of the shop");
});

db_test!(picture_uploads_are_checked_and_reencoded, true, |app: TestApp| async move {
    app.open_shop("ann@example.com", "Ann's Apothecary").await;
    let (_, made) = app.post_json("/api/v1/products", serum("Pictured Serum")).await;
    let id = made["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/products/{id}/images");

    let (status, e) = upload(&app, &path, "notes.png", b"just some text".to_vec()).await;
    assert_eq!((status, e["error"]["fields"]["image"].is_string()), (400, true), "not an image: {e}");
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".to_vec();
    assert_eq!(upload(&app, &path, "logo.svg", svg).await.0, 400, "SVG refused");
    let big = [png(10, 10), vec![0u8; 5 * 1024 * 1024]].concat();
    assert_eq!(upload(&app, &path, "big.png", big).await.0, 413, "over 5 MB");
    assert_eq!(upload(&app, &path, "../../etc/passwd.png", png(10, 10)).await.0, 400, "path-like name");
    assert_eq!(
        app.scalar(&format!("SELECT COUNT(*) FROM product_images WHERE product_id = '{id}'")).await,
        0
    );

    let mut bytes = png(2400, 1200);
    bytes.extend_from_slice(b"<script>alert(1)</script>");
    let (status, stored) = upload(&app, &path, "serum.png", bytes.clone()).await;
    assert_eq!(status, 201, "{stored}");
    let url = stored["url"].as_str().unwrap().to_owned();
    let res = app.get(&url).await;
    assert_eq!(res.headers()["content-type"], "image/png");
    let served = res.bytes().await.unwrap();
    assert!(!served.windows(8).any(|w| w == b"<script>"), "served re-encoded, never as uploaded");
    let large = image::load_from_memory(&served).unwrap();
    assert_eq!((large.width(), large.height()), (1600, 800));
    let thumb = image::load_from_memory(
        &app.get(stored["thumbnail_url"].as_str().unwrap()).await.bytes().await.unwrap(),
    )
    .unwrap();
    assert_eq!(thumb.width(), 480, "a card-sized copy made once");
    // Kept as files under the media folder, not in the database.
    let files = app.scalar("SELECT COUNT(*) FROM media WHERE storage_key IS NOT NULL").await;
    assert_eq!(files, 2);
    let (_, product) = app.get_json(&format!("/api/v1/products/{id}")).await;
    assert_eq!(product["image_url"], stored["thumbnail_url"], "the first picture is the cover");
    assert_eq!(product["images"][0]["url"], url.as_str());
});

db_test!(studio_form_creates_a_product_without_javascript, true, |app: TestApp| async move {
    app.open_shop("ann@example.com", "Ann's Apothecary").await;
    let category: String = {
        let mut c = app.db().conn().await.unwrap();
        bazaar::catalog::db::find_category(&mut c, "serums").await.unwrap().unwrap().id
    };
    let res = app
        .form_post(
            "/api/save_product",
            "/studio/products/new",
            &[
                ("id", ""),
                ("intent", "draft"),
                ("title", "<script>alert(1)</script> Balm"),
                ("price", "12.00"),
                ("category_id", &category),
                ("option_names", "Size"),
                ("variants[0][values]", "50 ml"),
                ("variants[0][stock]", "3"),
                ("variants[0][price]", "12"),
                ("variants[1][values]", "100 ml"),
                ("variants[1][stock]", "1"),
                ("variants[1][price]", "20"),
                ("attributes[concern]", "dryness, redness"),
            ],
        )
        .await;
    assert_eq!(res.status(), 302);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/studio/products/") && location.ends_with("?saved=1"), "{location}");
    let id = location.trim_start_matches("/studio/products/").trim_end_matches("?saved=1");
    let (status, html) = app.get_text(&format!("/studio/products/{id}")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt; Balm") && !html.contains("<script>alert(1)"),
        "escaped"
    );
    assert!(html.contains("100 ml") && html.contains("dryness, redness"));
    // A bad field comes back to the form, nothing written.
    let res = app
        .form_post(
            "/api/save_product",
            "/studio/products/new",
            &[("id", ""), ("title", ""), ("price", "abc"), ("category_id", &category)],
        )
        .await;
    assert!(res.headers()["location"].to_str().unwrap().contains("__err"), "back with the error");
    assert_eq!(app.scalar("SELECT COUNT(*) FROM products WHERE title = ''").await, 0);

    // Published, the title is escaped on the storefront too.
    let res = app
        .form_post("/api/set_product_status", "/studio/products", &[("id", id), ("status", "active")])
        .await;
    assert_eq!(res.status(), 302);
    let (_, page) = app.get_text("/products/script-alert-1-script-balm").await;
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt; Balm") && !page.contains("<script>alert(1)")
    );
    let (status, list) = app.get_text("/studio/products").await;
    assert_eq!(status, 200);
    assert!(list.contains("Published"));
});

db_test!(following_a_shop, true, |app: TestApp| async move {
    let shop_id = app.open_shop("ann@example.com", "Ann's Apothecary").await;
    let (_, made) = app.post_json("/api/v1/products", serum("Followed Serum")).await;
    assert!(made["id"].is_string());
    let fan = TestApp::with_client(&app);
    assert_eq!(fan.post_json(&format!("/api/v1/sellers/{shop_id}/follow"), json!({})).await.0, 401);
    fan.sign_in_as(Role::Customer, "fan@example.com").await;
    for _ in 0..2 {
        let (status, body) = fan.post_json(&format!("/api/v1/sellers/{shop_id}/follow"), json!({})).await;
        assert_eq!(
            (status, body),
            (200, json!({"following": true, "follower_count": 1})),
            "following twice counts once"
        );
    }
    let (_, shop) = fan.get_json(&format!("/api/v1/sellers/{shop_id}")).await;
    assert_eq!(shop["follower_count"], 1);
    let (_, following) = fan.get_text("/account/following").await;
    assert!(following.contains("Apothecary"), "listed");
    let (_, home) = fan.get_text("/").await;
    assert!(home.contains("New from shops you follow") && home.contains("Followed Serum"));
    let (status, body) =
        fan.send_json(Method::DELETE, &format!("/api/v1/sellers/{shop_id}/follow"), json!(null)).await;
    assert_eq!((status, body["follower_count"].clone()), (200, json!(0)));
    assert_eq!(fan.post_json("/api/v1/sellers/no-such-shop/follow", json!({})).await.0, 404);
});

db_test!(views_are_counted_in_batches, true, |app: TestApp| async move {
    let (_, list) = app.get_json("/api/v1/products?limit=1").await;
    let slug = list["data"][0]["slug"].as_str().unwrap().to_owned();
    let id = list["data"][0]["id"].as_str().unwrap().to_owned();
    let reader = TestApp::with_client(&app);
    reader.sign_in_as(Role::Customer, "reader@example.com").await; // signed in: no page cache
    for _ in 0..3 {
        let (status, page) = reader.get_text(&format!("/products/{slug}")).await;
        assert_eq!(status, 200);
        assert!(page.contains(">Similar<"), "similar products (the same category without the model)");
    }
    // Counted in memory; written by the flush (every 10 s, or now).
    app.state.discovery.views.flush(app.db()).await.unwrap();
    let views = app
        .scalar(&format!("SELECT CAST(SUM(views) AS BIGINT) FROM product_views WHERE product_id = '{id}'"))
        .await;
    assert_eq!(views, 3);
    let (_, home) = app.get_text("/").await;
    assert!(home.contains("Trending now"));
});

db_test!(shop_profile_words_and_pictures, true, |app: TestApp| async move {
    let shop_id = app.open_shop("ann@example.com", "Ann's Apothecary").await;
    let res = app
        .form_post(
            "/api/save_shop_profile",
            "/studio/shop",
            &[
                ("tagline", "Small-batch <b>serums</b>"),
                ("description", "<img src=x onerror=alert(1)>\n\nMade by hand."),
                ("location", "Leeds"),
            ],
        )
        .await;
    assert_eq!(res.headers()["location"], "/studio/shop?saved=profile");
    let (_, page) = app.get_text(&format!("/shops/{shop_id}")).await;
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;") && !page.contains("<img src=x"), "escaped");
    assert!(page.contains("Small-batch &lt;b&gt;serums&lt;/b&gt;"));
    let too_long = "x".repeat(3000);
    let res =
        app.form_post("/api/save_shop_profile", "/studio/shop", &[("description", too_long.as_str())]).await;
    assert!(res.headers()["location"].to_str().unwrap().contains("__err"));

    let (status, _) = upload(&app, "/studio/shop/logo", "logo.png", png(900, 900)).await;
    assert_eq!(status, 303);
    let (status, _) = upload(&app, "/studio/shop/banner", "shop.svg", b"<svg/>".to_vec()).await;
    assert_eq!(status, 303);
    let (_, shop) = app.get_json(&format!("/api/v1/sellers/{shop_id}")).await;
    let logo = shop["logo_url"].as_str().expect("logo set").to_owned();
    assert!(shop["banner_url"].is_null(), "an SVG banner is refused");
    let served = image::load_from_memory(&app.get(&logo).await.bytes().await.unwrap()).unwrap();
    assert_eq!(served.width(), 512);
    // A customer has no shop page to edit.
    let customer = TestApp::with_client(&app);
    customer.sign_in_as(Role::Customer, "cat@example.com").await;
    assert_eq!(upload(&customer, "/studio/shop/logo", "a.png", png(10, 10)).await.0, 403);
});
