use super::*;

fn raw() -> RawProduct {
    RawProduct {
        title: "  Rose   water toner ".into(),
        price: "24.5".into(),
        category_id: "cat".into(),
        stock: "7".into(),
        ..Default::default()
    }
}

#[test]
fn a_simple_product_gets_one_default_variant() {
    let p = ProductInput::parse(&raw(), "USD").unwrap();
    assert_eq!(p.title, "Rose water toner");
    assert_eq!(p.price_minor, 2450);
    assert_eq!(p.variants.len(), 1);
    assert_eq!((p.variants[0].title(), p.variants[0].stock), ("Default".into(), 7));
    assert_eq!(ProductInput::parse(&p.to_raw("USD"), "USD").unwrap(), p);
}

#[test]
fn variants_need_one_value_per_option_and_no_repeats() {
    let mut r = raw();
    r.option_names = "Colour / Size".into();
    r.variants = vec![
        RawVariant {
            values: "Blush / Large".into(),
            stock: "3".into(),
            price: "30".into(),
            ..Default::default()
        },
        RawVariant { values: "blush / large".into(), stock: "1".into(), ..Default::default() },
        RawVariant { values: "Blush".into(), ..Default::default() },
        RawVariant::default(),
    ];
    let Err(AppError::Validation(e)) = ProductInput::parse(&r, "USD") else { panic!() };
    assert!(e.contains_key("variants.1.values") && e.contains_key("variants.2.values"), "{e:?}");
    r.variants.truncate(1);
    let p = ProductInput::parse(&r, "USD").unwrap();
    assert_eq!(
        (p.variants[0].title(), p.variants[0].price_minor, p.stock()),
        ("Blush / Large".into(), 3000, 3)
    );
}

#[test]
fn bad_amounts_and_fields_are_named() {
    let r = RawProduct {
        title: "<>".into(),
        price: "-3".into(),
        compare_at: "1.999".into(),
        stock: "lots".into(),
        attributes: [("colour".into(), "red".into()), ("evil".into(), "x".into())].into(),
        ..Default::default()
    };
    let Err(AppError::Validation(e)) = ProductInput::parse(&r, "USD") else { panic!() };
    for field in ["title", "price", "compare_at", "category_id", "stock", "attributes"] {
        assert!(e.contains_key(field), "{field}: {e:?}");
    }
}
