//! Reading and saving the settings: validation, one audit row per save
//! with the fields that changed, and the new values in force at once.

use serde_json::json;

use super::live::{Snapshot, keys};
use super::{SettingsView, StoreProfile};
use crate::accounts::Viewer;
use crate::accounts::session::Device;
use crate::accounts::validate::{Email, Fields};
use crate::analytics::zone::Zone;
use crate::audit::log::Actor;
use crate::error::{AppError, AppResult};
use crate::server::db::Tx;
use crate::server::now_ms;
use crate::server::state::AppState;

pub const MAX_STORE_NAME: usize = 80;
pub const MAX_PHONE: usize = 30;
pub const MAX_ADDRESS: usize = 300;
pub const MAX_LOW_STOCK: i64 = 100_000;

/// Everything the page shows.
pub async fn view(state: &AppState) -> AppResult<SettingsView> {
    let mut c = state.db.conn().await?;
    let Snapshot { shop, store } = state.live.reload(&mut c).await?;
    Ok(SettingsView {
        store: (*store).clone(),
        time_zone: shop.time_zone.clone(),
        figures_zone: crate::analytics::ledger::zone(&mut c).await?.name().to_owned(),
        currency: shop.currency.clone(),
        currency_locked: !super::db::nothing_priced(&mut c).await?,
        low_stock: shop.low_stock,
        commission_bps: shop.commission_bps,
        staff_two_factor: crate::admin::service::staff_two_factor(&mut c).await?,
        integrations: super::integrations::views(state, &mut c).await?,
    })
}

/// The name, contact email, phone and postal address as typed.
#[derive(Debug, Clone, Default)]
pub struct StoreForm {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub address: String,
}

impl StoreForm {
    /// Trimmed and checked; an empty email, phone or address is "not shown".
    pub fn parse(&self) -> AppResult<StoreProfile> {
        let mut fields = Fields::default();
        let name = self.name.trim();
        fields.check(
            "name",
            match name.chars().count() {
                0 => Err("Enter the shop's name.".to_owned()),
                n if n > MAX_STORE_NAME => Err(format!("Use at most {MAX_STORE_NAME} characters.")),
                _ => Ok(()),
            },
        );
        let email = self.email.trim();
        let email = match email {
            "" => String::new(),
            e => fields.check("email", Email::parse(e)).map(|e| e.as_str().to_owned()).unwrap_or_default(),
        };
        let phone = self.phone.trim();
        let phone_ok = phone.chars().count() <= MAX_PHONE
            && phone.chars().all(|c| c.is_ascii_digit() || " +()-./".contains(c));
        fields.check(
            "phone",
            if phone_ok { Ok(()) } else { Err("Use digits, spaces and + ( ) - only, up to 30.".to_owned()) },
        );
        let address = self.address.trim().replace("\r\n", "\n");
        fields.check(
            "address",
            if address.chars().count() <= MAX_ADDRESS && !address.chars().any(|c| c.is_control() && c != '\n')
            {
                Ok(())
            } else {
                Err(format!("Use at most {MAX_ADDRESS} characters."))
            },
        );
        fields.finish()?;
        Ok(StoreProfile { name: name.to_owned(), logo: None, email, phone: phone.to_owned(), address })
    }
}

/// The time zone, currency, low-stock line and commission as typed.
#[derive(Debug, Clone, Default)]
pub struct ShopForm {
    pub time_zone: String,
    pub currency: String,
    pub low_stock: String,
    /// A percentage, e.g. "12.5".
    pub commission: String,
}

/// Checked values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopChoice {
    pub zone: String,
    pub currency: String,
    pub low_stock: i64,
    pub commission_bps: i64,
}

impl ShopForm {
    pub fn parse(&self) -> AppResult<ShopChoice> {
        let mut fields = Fields::default();
        let zone = fields.check("time_zone", Zone::parse(self.time_zone.trim()).map_err(|e| e.to_string()));
        let currency = self.currency.trim().to_ascii_uppercase();
        let currency_ok = currency.len() == 3 && currency.bytes().all(|b| b.is_ascii_uppercase());
        fields.check(
            "currency",
            if currency_ok { Ok(()) } else { Err("Use a three-letter ISO code like EUR.".to_owned()) },
        );
        let low_stock = fields.check(
            "low_stock",
            self.low_stock
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|n| (0..=MAX_LOW_STOCK).contains(n))
                .ok_or_else(|| format!("Enter a whole number from 0 to {MAX_LOW_STOCK}.")),
        );
        let commission = fields.check(
            "commission",
            crate::catalog::money::parse_major(self.commission.trim().trim_end_matches('%').trim(), 2)
                .filter(|bp| *bp <= 10_000)
                .ok_or_else(|| "Enter a percentage from 0 to 100, like 12.5.".to_owned()),
        );
        fields.finish()?;
        Ok(ShopChoice {
            zone: zone.map(|z| z.name().to_owned()).unwrap_or_default(),
            currency,
            low_stock: low_stock.unwrap_or_default(),
            commission_bps: commission.unwrap_or_default(),
        })
    }
}

async fn put_all(tx: &mut Tx, rows: &[(&str, String)], by: &str) -> AppResult<()> {
    let now = now_ms();
    for (name, value) in rows {
        super::db::put_setting(tx, name, value, by, now).await?;
    }
    Ok(())
}

fn store_json(s: &StoreProfile) -> serde_json::Value {
    json!({ "name": s.name, "email": s.email, "phone": s.phone, "address": s.address, "logo": s.logo })
}

/// Save the name and contact details.
pub async fn save_store(
    state: &AppState,
    admin: &Viewer,
    device: &Device,
    form: &StoreForm,
) -> AppResult<()> {
    let mut next = form.parse()?;
    state
        .db
        .write(async |tx| {
            let was = state.live.reload(tx).await?.store;
            next.logo = was.logo.clone();
            let rows = [
                (keys::STORE_NAME, next.name.clone()),
                (keys::STORE_EMAIL, next.email.clone()),
                (keys::STORE_PHONE, next.phone.clone()),
                (keys::STORE_ADDRESS, next.address.clone()),
            ];
            put_all(tx, &rows, &admin.id).await?;
            let actor = Actor::Person(admin, device);
            crate::audit::log::setting(tx, actor, "store", store_json(&was), store_json(&next)).await
        })
        .await?;
    state.live.reload(&mut state.db.conn().await?).await?;
    Ok(())
}

/// Put a new logo in place (`None`: take it down); the old picture goes.
pub async fn set_logo(
    state: &AppState,
    admin: &Viewer,
    device: &Device,
    image: Option<&crate::media::Stored>,
) -> AppResult<()> {
    state
        .db
        .write(async |tx| {
            let was = state.live.reload(tx).await?.store;
            let id = match image {
                Some(image) => Some(crate::media::insert(tx, image).await?),
                None => None,
            };
            put_all(tx, &[(keys::STORE_LOGO, id.clone().unwrap_or_default())], &admin.id).await?;
            if let Some(old) = &was.logo {
                crate::media::delete(tx, old).await?;
            }
            let actor = Actor::Person(admin, device);
            crate::audit::log::setting(tx, actor, "store", json!({ "logo": was.logo }), json!({ "logo": id }))
                .await
        })
        .await?;
    state.live.reload(&mut state.db.conn().await?).await?;
    Ok(())
}

/// Save the time zone, currency, low-stock line and commission. A new time
/// zone recuts the figures in the background; the currency cannot change
/// once anything is priced.
pub async fn save_shop(state: &AppState, admin: &Viewer, device: &Device, form: &ShopForm) -> AppResult<()> {
    let next = form.parse()?;
    let was = state
        .db
        .write(async |tx| {
            let was = state.live.reload(tx).await?.shop;
            if next.currency != was.currency && !super::db::nothing_priced(tx).await? {
                return Err(AppError::field(
                    "currency",
                    "Products and orders are priced in the current currency: it can no longer change.",
                ));
            }
            let rows = [
                (keys::TIME_ZONE, next.zone.clone()),
                (keys::CURRENCY, next.currency.clone()),
                (keys::LOW_STOCK, next.low_stock.to_string()),
                (keys::COMMISSION, next.commission_bps.to_string()),
            ];
            put_all(tx, &rows, &admin.id).await?;
            let json = |zone: &str, currency: &str, low: i64, bps: i64| {
                json!({ "time_zone": zone, "currency": currency, "low_stock": low, "commission_bps": bps })
            };
            let before = json(&was.time_zone, &was.currency, was.low_stock, was.commission_bps);
            let after = json(&next.zone, &next.currency, next.low_stock, next.commission_bps);
            crate::audit::log::setting(tx, Actor::Person(admin, device), "shop", before, after).await?;
            Ok(was)
        })
        .await?;
    state.live.reload(&mut state.db.conn().await?).await?;
    if was.time_zone != next.zone
        && let Ok(zone) = Zone::parse(&next.zone)
    {
        state.traffic.set_zone(zone);
        let db = state.db.clone();
        tokio::spawn(async move {
            if let Err(e) = crate::analytics::service::sync_zone(&db, &next.zone).await {
                tracing::error!(error = %e, "could not recut the figures in the new time zone");
            }
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_details_are_checked_field_by_field() {
        let ok = StoreForm {
            name: "  Petal & Pot ".into(),
            email: "Hello@Petal.example".into(),
            phone: "+44 (0)20 7946-0000".into(),
            address: "1 Bloom St\r\nLondon".into(),
        };
        let s = ok.parse().unwrap();
        assert_eq!((s.name.as_str(), s.email.as_str()), ("Petal & Pot", "hello@petal.example"));
        assert_eq!(s.address, "1 Bloom St\nLondon");
        let bad = StoreForm {
            name: " ".into(),
            email: "nope".into(),
            phone: "call me".into(),
            address: "x".repeat(301),
        };
        let AppError::Validation(errors) = bad.parse().unwrap_err() else { panic!("not a validation error") };
        for field in ["name", "email", "phone", "address"] {
            assert!(errors.contains_key(field), "{field}");
        }
    }

    #[test]
    fn shop_figures_are_checked() {
        let form = |zone: &str, cur: &str, low: &str, com: &str| ShopForm {
            time_zone: zone.into(),
            currency: cur.into(),
            low_stock: low.into(),
            commission: com.into(),
        };
        let ok = form("Europe/London", "eur", "3", "12.5%").parse().unwrap();
        assert_eq!(
            ok,
            ShopChoice {
                zone: "Europe/London".into(),
                currency: "EUR".into(),
                low_stock: 3,
                commission_bps: 1250
            }
        );
        let AppError::Validation(errors) = form("Mars/Base", "euro", "-1", "101").parse().unwrap_err() else {
            panic!("not a validation error")
        };
        assert_eq!(errors.len(), 4);
    }
}
