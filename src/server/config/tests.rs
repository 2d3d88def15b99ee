use super::*;

#[test]
fn toml_then_env_overrides() {
    let mut s =
        Settings::from_toml("[server]\naddr = \"0.0.0.0:8080\"\n[database]\nurl = \"sqlite://x.db\"\n")
            .unwrap();
    assert_eq!(s.server.addr.port(), 8080);
    s.apply_env(|k| (k == "BAZAAR_DATABASE_URL").then(|| "postgres://a:b@h/d".to_owned())).unwrap();
    assert_eq!(s.database.url, "postgres://a:b@h/d");
    assert_eq!(s.database_display(), "postgres://a:***@h/d");
    assert_eq!(s.database.max_connections, None, "untouched keys keep defaults");
}

#[test]
fn bad_env_value_names_the_key() {
    let mut s = Settings::default();
    let err = s.apply_env(|k| (k == "BAZAAR_ADDR").then(|| "nope".to_owned())).unwrap_err();
    assert!(err.to_string().contains("BAZAAR_ADDR"));
}

#[test]
fn trusted_proxies_take_cidrs_and_addresses() {
    let mut s = Settings::default();
    s.apply_env(|k| (k == "BAZAAR_TRUSTED_PROXIES").then(|| "10.0.0.0/8, 127.0.0.1".to_owned())).unwrap();
    assert_eq!(s.server.trusted_proxies.len(), 2);
    assert!(s.server.trusted_proxies[1].contains(&"127.0.0.1".parse::<std::net::IpAddr>().unwrap()));
    let err = s.apply_env(|k| (k == "BAZAAR_TRUSTED_PROXIES").then(|| "nope".to_owned())).unwrap_err();
    assert!(err.to_string().contains("BAZAAR_TRUSTED_PROXIES"));
}

#[test]
fn card_payments_need_all_three_keys_and_never_print_them() {
    let mut s = Settings::default();
    assert!(!s.payments.card_enabled());
    s.apply_env(|k| match k {
        "BAZAAR_STRIPE_SECRET_KEY" => Some("sk_test_secret".into()),
        "BAZAAR_STRIPE_PUBLISHABLE_KEY" => Some("pk_test_x".into()),
        "BAZAAR_STRIPE_API_URL" => Some("http://127.0.0.1:8420/".into()),
        "BAZAAR_STRIPE_JS_URL" => Some("http://127.0.0.1:8420/js.stripe.com/v3/".into()),
        _ => None,
    })
    .unwrap();
    assert!(!s.payments.card_enabled(), "no webhook secret yet");
    s.apply_env(|k| (k == "BAZAAR_STRIPE_WEBHOOK_SECRET").then(|| "whsec_x".into())).unwrap();
    assert!(s.payments.card_enabled());
    assert_eq!(s.payments.browser_origins(), ["http://127.0.0.1:8420"]);
    assert_eq!(
        PaymentSettings::default().browser_origins(),
        ["https://js.stripe.com", "https://api.stripe.com", "https://hooks.stripe.com"]
    );
    assert!(!format!("{s:?}").contains("sk_test_secret"));
}

#[test]
fn unknown_keys_are_rejected() {
    assert!(Settings::from_toml("[server]\nadr = \"x\"\n").is_err());
}

#[test]
fn the_shipped_settings_file_parses_with_live_video_env() {
    let mut s = Settings::from_toml(include_str!("../../../Leptos.toml")).expect("Leptos.toml is valid");
    assert_eq!(s.live.udp.port(), 8189);
    s.apply_env(|k| match k {
        "BAZAAR_RTC_UDP" => Some("0.0.0.0:9000".into()),
        "BAZAAR_RTC_PUBLIC_IP" => Some("203.0.113.7".into()),
        "BAZAAR_NODE_URL" => Some("https://node-a.example/".into()),
        _ => None,
    })
    .unwrap();
    assert_eq!(s.live.udp.port(), 9000);
    assert_eq!(s.live.public_ip, Some("203.0.113.7".parse().unwrap()));
    assert_eq!(s.node_url(), "https://node-a.example");
    let err = s.apply_env(|k| (k == "BAZAAR_RTC_PUBLIC_PORT").then(|| "many".into())).unwrap_err();
    assert!(err.to_string().contains("BAZAAR_RTC_PUBLIC_PORT"));
}
