//! Server-rendered pages: content, titles and status codes (the no-JS view).

use crate::db_test;
use crate::helpers::TestApp;

fn title_of(html: &str) -> String {
    let start = html.find("<title>").map(|i| i + 7).unwrap_or(0);
    let end = html[start..].find("</title>").map(|i| start + i).unwrap_or(start);
    html[start..end].to_owned()
}

db_test!(home_shows_featured_and_categories, true, |app: TestApp| async move {
    let (status, html) = app.get_text("/").await;
    assert_eq!(status, 200);
    assert!(html.contains("Featured this week"));
    assert!(html.contains("href=\"/categories/serums\""));
    assert!(html.contains("/media/"), "product images are on our own origin");
    assert!(title_of(&html).contains("Bazaar"));
    assert!(html.contains("name=\"description\""));
    assert!(!html.contains("http://cdn") && !html.contains("https://cdn"), "no CDN assets");
});

db_test!(product_listing_pages_and_sorts, true, |app: TestApp| async move {
    let (status, html) = app.get_text("/products").await;
    assert_eq!(status, 200);
    assert!(html.contains("All products"));
    assert!(html.contains("page 1 of 11"), "242 products at 24 a page");
    assert!(html.contains("href=\"/products?page=2\""));
    let (status, page2) = app.get_text("/products?page=2").await;
    assert_eq!(status, 200);
    assert!(page2.contains("page 2 of 11"));
    assert!(title_of(&page2).contains("page 2"));
    let (_, cheap) = app.get_text("/products?sort=price_asc").await;
    let (_, api) = app.get_json("/api/v1/products?sort=price_asc&limit=1").await;
    let cheapest = api["data"][0]["title"].as_str().unwrap().replace('&', "&amp;");
    assert!(cheap.contains(&cheapest), "the cheapest product leads the price_asc page");
    assert!(cheap.contains("<option value=\"price_asc\" selected"));
});

db_test!(category_filter_and_category_page, true, |app: TestApp| async move {
    let (status, html) = app.get_text("/products?category=roses").await;
    assert_eq!(status, 200);
    // `<!>` is a hydration marker between text nodes, not content.
    let html = html.replace("<!>", "");
    assert!(html.contains("<h1") && html.contains(">Roses</h1>"));
    let (status, page) = app.get_text("/categories/florals").await;
    assert_eq!(status, 200);
    assert!(page.contains("Florals"));
    assert!(page.contains("href=\"/categories/bouquets\""), "children are listed");
    let (status, _) = app.get_text("/categories/no-such-category").await;
    assert_eq!(status, 404);
});

db_test!(product_page_and_missing_product, true, |app: TestApp| async move {
    let (_, api) = app.get_json("/api/v1/products?limit=1").await;
    let slug = api["data"][0]["slug"].as_str().unwrap().to_owned();
    let title = api["data"][0]["title"].as_str().unwrap().replace('&', "&amp;");
    let (status, html) = app.get_text(&format!("/products/{slug}")).await;
    assert_eq!(status, 200);
    assert!(title_of(&html).starts_with(&title));
    assert!(html.contains("data-testid=\"stock-state\""));
    assert!(html.contains("alt=\""), "images carry alt text");
    let (status, html) = app.get_text("/products/definitely-not-a-product").await;
    assert_eq!(status, 404);
    assert!(html.contains("couldn"));
    let (status, _) = app.get_text("/no/such/page").await;
    assert_eq!(status, 404);
});

db_test!(bad_listing_input_is_explained, true, |app: TestApp| async move {
    let (status, html) = app.get_text("/products?sort=cheapest").await;
    assert_eq!(status, 400);
    assert!(html.contains("sort: must be one of"));
});

db_test!(shop_page_lists_its_products, true, |app: TestApp| async move {
    let (status, html) = app.get_text("/shops/lumen-lab").await;
    assert_eq!(status, 200);
    assert!(html.contains("Lumen Lab Skincare"));
    assert!(html.contains("Verified seller"));
    let (status, _) = app.get_text("/shops/nobody").await;
    assert_eq!(status, 404);
});

db_test!(the_api_reference_is_served_from_our_origin, false, |app: TestApp| async move {
    let (status, html) = app.get_text("/api/docs").await;
    assert_eq!(status, 200);
    assert!(title_of(&html).contains("API reference"), "{}", title_of(&html));
    assert!(
        html.contains(r#"src="/vendor/swagger/swagger-ui-bundle.js""#) && html.contains(r#"id="swagger-ui""#)
    );
    assert!(html.contains("/api/v1/users/{id}/permissions"), "the no-JavaScript list names every endpoint");
    assert!(!html.contains("unpkg.com") && !html.contains("cdn."), "no CDN");
});
