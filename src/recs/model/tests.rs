use super::*;

fn item(id: &str, vertical: &str, category: &str, skins: &[&str], concerns: &[&str]) -> Item {
    Item {
        id: id.into(),
        title: format!("Product {id}"),
        in_stock: true,
        vertical: vertical.into(),
        category: category.into(),
        skin_types: skins.iter().map(|s| (*s).into()).collect(),
        concerns: concerns.iter().map(|s| (*s).into()).collect(),
    }
}

fn shop() -> Snapshot {
    let mut sold_out = item("gone", "beauty", "serums", &["Dry"], &["Redness"]);
    sold_out.in_stock = false;
    Snapshot {
        items: vec![
            item("serum", "beauty", "serums", &["Dry", "Normal"], &["Redness"]),
            item("cream", "beauty", "moisturisers", &["Dry"], &["Dryness"]),
            item("gel", "beauty", "cleansers", &["Oily"], &["Breakouts"]),
            item("roses", "florals", "roses", &[], &[]),
            sold_out,
        ],
        together: [("serum".to_owned(), vec![("cream".to_owned(), 7)])].into(),
        popularity: [("roses".to_owned(), 1.0), ("gel".to_owned(), 0.5)].into(),
        sold_recently: [("roses".to_owned(), 12)].into(),
        ratings_by_skin: [(("serum".to_owned(), "Dry".to_owned()), (9, 10))].into(),
        ..Default::default()
    }
    .indexed()
}

const NOW: i64 = 1_000 * DAY_MS;

#[test]
fn profile_fit_counts_skin_type_and_concerns() {
    let p = Profile { skin_type: Some("Dry".into()), concerns: vec!["Redness".into(), "Dullness".into()] };
    let serum = item("s", "beauty", "serums", &["Dry"], &["Redness"]);
    assert_eq!(profile_fit(&p, &serum), 0.75);
    assert_eq!(profile_fit(&p, &item("r", "florals", "roses", &[], &[])), 0.0);
    assert_eq!(profile_fit(&Profile::default(), &serum), 0.0);
}

#[test]
fn the_profile_leads_with_its_figures_and_sold_out_never_shows() {
    let ask = Ask {
        profile: Profile { skin_type: Some("Dry".into()), concerns: vec!["Redness".into()] },
        limit: 10,
        now: NOW,
        ..Default::default()
    };
    let out = recommend(&shop(), &Vectors::default(), &ask);
    assert_eq!(out[0].id, "serum");
    assert_eq!(out[0].signal, Signal::Profile);
    assert_eq!(out[0].reason, "For dry skin with redness; 90% of buyers with dry skin rated it 4 or 5");
    assert!(out.iter().all(|s| s.id != "gone"), "out of stock");
    assert!(out.windows(2).all(|w| w[0].score >= w[1].score));
    assert!(out.iter().all(|s| (0.0..=1.0).contains(&s.score)));
}

#[test]
fn bought_together_names_the_product_and_the_shoppers() {
    let ask = Ask { anchor: Some("serum".into()), limit: 3, now: NOW, ..Default::default() };
    let out = recommend(&shop(), &Vectors::default(), &ask);
    assert!(out.iter().all(|s| s.id != "serum"), "not the product itself");
    let cream = out.iter().find(|s| s.id == "cream").expect("cream");
    assert_eq!(cream.reason, "Bought with Product serum by 7 shoppers");
}

#[test]
fn a_recent_purchase_waits_and_an_older_one_is_a_refill() {
    let bought_now = Ask {
        history: History { bought: vec![("gel".into(), NOW - 3 * DAY_MS)], ..Default::default() },
        limit: 10,
        now: NOW,
        ..Default::default()
    };
    assert!(recommend(&shop(), &Vectors::default(), &bought_now).iter().all(|s| s.id != "gel"));
    let bought_before = Ask {
        history: History { bought: vec![("gel".into(), NOW - 63 * DAY_MS)], ..Default::default() },
        ..bought_now
    };
    let out = recommend(&shop(), &Vectors::default(), &bought_before);
    let gel = out.iter().find(|s| s.id == "gel").expect("offered again");
    assert_eq!(gel.signal, Signal::Refill);
    assert_eq!(gel.reason, "You bought it 9 weeks ago — time for a refill?");
    // Visitors with nothing known get what sells, with the figure.
    let visitor = Ask { limit: 1, now: NOW, ..Default::default() };
    let top = recommend(&shop(), &Vectors::default(), &visitor);
    assert_eq!(top[0].reason, "Popular now: 12 sold this month");
    assert_eq!(popular(&shop(), &visitor), ["roses"]);
}
