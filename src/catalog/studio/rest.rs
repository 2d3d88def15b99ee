//! `POST /api/v1/products`, `PATCH|DELETE /api/v1/products/{id}` (and the
//! picture upload in `images.rs`): the studio's service behind the seed's
//! JSON. Prices are decimals in major units, as everywhere in the API.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{OpenApi, ToSchema};

use super::validate::{ProductInput, RawProduct, RawVariant};
use super::{EditProduct, ProductStatus, service};
use crate::audit::log::Actor;
use crate::catalog::money::Money;
use crate::error::AppError;
use crate::server::auth::{ClientDevice, Signed};
use crate::server::rest::{ErrorBody, JsonBody};
use crate::server::state::AppState;

#[derive(OpenApi)]
#[openapi(
    paths(create, update, delete, super::images::upload_rest),
    components(schemas(ProductBody, VariantBody))
)]
pub struct Api;

/// A product to create, or the fields to change (PATCH: all optional).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProductBody {
    title: Option<String>,
    subtitle: Option<String>,
    description: Option<String>,
    /// Decimal in major units (24.5 = $24.50).
    #[schema(value_type = Option<f64>)]
    price: Option<Value>,
    /// The earlier, higher price shown crossed out; `null` removes it.
    #[schema(value_type = Option<f64>)]
    compare_at_price: Option<Value>,
    /// What one unit cost the shop (major units; `null` removes it): stock
    /// value at cost and profit in the figures.
    #[schema(value_type = Option<f64>)]
    cost_price: Option<Value>,
    /// Low on stock at this many units or fewer; `null`: the shop's line.
    #[schema(value_type = Option<i64>)]
    low_stock_threshold: Option<Value>,
    /// Stock of a product without options.
    stock_quantity: Option<i64>,
    /// Category id or slug.
    category_id: Option<String>,
    /// `draft`, `active` (default on create) or `archived`.
    status: Option<String>,
    /// Pictures already in this shop (`/media/{id}` URLs) to show on this
    /// product; upload new ones with `POST /api/v1/products/{id}/images`.
    images: Option<Vec<String>>,
    /// Option names in order, e.g. `["Size"]`; variants give a value for each.
    options: Option<Vec<String>>,
    /// Replaces the variants: keep one by sending its `id`.
    variants: Option<Vec<VariantBody>>,
    /// `skin_type`, `concern`, `ingredient` (beauty) or `occasion`,
    /// `flower_type`, `colour` (florals) → values.
    attributes: Option<BTreeMap<String, Vec<String>>>,
    /// Ignored (shipping profiles are not modelled yet).
    #[serde(default, rename = "shipping_profile_id")]
    #[schema(value_type = Option<String>)]
    _shipping_profile_id: Option<Value>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VariantBody {
    id: Option<String>,
    /// Option name → value, e.g. `{"Size": "50 ml"}`.
    #[serde(default)]
    options: BTreeMap<String, String>,
    sku: Option<String>,
    /// Defaults to the product's price.
    #[schema(value_type = Option<f64>)]
    price: Option<Value>,
    #[serde(default)]
    stock: i64,
}

/// An amount as the validator reads it: the number's own digits.
fn amount_text(v: &Value) -> String {
    match v {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        _ => "?".into(),
    }
}

impl ProductBody {
    /// Lay the body over `base` (the stored product, or empty on create).
    fn onto(self, mut raw: RawProduct) -> Result<RawProduct, AppError> {
        let ProductBody {
            title,
            subtitle,
            description,
            price,
            compare_at_price,
            cost_price,
            low_stock_threshold,
            stock_quantity,
            category_id,
            ..
        } = self;
        if let Some(p) = cost_price {
            raw.cost = if p.is_null() { String::new() } else { amount_text(&p) };
        }
        if let Some(n) = low_stock_threshold {
            raw.low_stock = if n.is_null() { String::new() } else { amount_text(&n) };
        }
        raw.title = title.unwrap_or(raw.title);
        raw.subtitle = subtitle.unwrap_or(raw.subtitle);
        raw.description = description.unwrap_or(raw.description);
        if let Some(p) = price {
            raw.price = amount_text(&p);
        }
        if let Some(p) = compare_at_price {
            raw.compare_at = if p.is_null() { String::new() } else { amount_text(&p) };
        }
        raw.category_id = category_id.unwrap_or(raw.category_id);
        if let Some(names) = self.options {
            raw.option_names = names.join(" / ");
        }
        if let Some(variants) = self.variants {
            let names: Vec<&str> = raw.option_names.split(" / ").filter(|n| !n.is_empty()).collect();
            raw.variants = variants
                .into_iter()
                .map(|v| RawVariant {
                    id: v.id.unwrap_or_default(),
                    values: names
                        .iter()
                        .map(|n| v.options.get(*n).cloned().unwrap_or_default())
                        .collect::<Vec<_>>()
                        .join(" / "),
                    sku: v.sku.unwrap_or_default(),
                    price: v.price.as_ref().map(amount_text).unwrap_or_default(),
                    stock: v.stock.to_string(),
                })
                .collect();
            if names.is_empty() {
                raw.stock = String::new();
            }
        }
        if let Some(n) = stock_quantity {
            if !raw.option_names.is_empty() {
                return Err(AppError::field(
                    "stock_quantity",
                    "This product has options: set stock on its variants.",
                ));
            }
            raw.stock = n.to_string();
            raw.variants.truncate(1);
        }
        if let Some(attributes) = self.attributes {
            raw.attributes = attributes.into_iter().map(|(k, v)| (k, v.join(", "))).collect();
        }
        Ok(raw)
    }
}

/// Category slugs are accepted where ids are expected.
async fn resolve_category(state: &AppState, raw: &mut RawProduct) -> Result<(), AppError> {
    let key = raw.category_id.trim();
    if key.is_empty() || key.len() > 120 {
        return Ok(());
    }
    if let Some(c) = crate::catalog::db::find_category(&mut state.db.conn().await?, key).await? {
        raw.category_id = c.id;
    }
    Ok(())
}

#[derive(Serialize, ToSchema)]
pub struct StudioImageJson {
    url: String,
    thumbnail_url: String,
    alt: String,
}

#[derive(Serialize, ToSchema)]
pub struct StudioVariantJson {
    id: Option<String>,
    sku: String,
    options: BTreeMap<String, String>,
    price: f64,
    stock: i64,
}

/// A product as its seller sees it, whatever its status.
#[derive(Serialize, ToSchema)]
pub struct StudioProductJson {
    id: String,
    slug: String,
    /// `draft`, `active` or `archived`.
    status: String,
    /// The storefront page (shown once `active`).
    url: String,
    title: String,
    subtitle: String,
    description: String,
    price: f64,
    compare_at_price: Option<f64>,
    cost_price: Option<f64>,
    low_stock_threshold: Option<i64>,
    currency: String,
    stock_quantity: i64,
    category_id: String,
    images: Vec<StudioImageJson>,
    options: Vec<String>,
    variants: Vec<StudioVariantJson>,
    attributes: BTreeMap<String, Vec<String>>,
}

fn to_json(p: EditProduct, currency: &str) -> StudioProductJson {
    let major = |minor: i64| Money::new(minor, currency).major();
    let input = p.input;
    StudioProductJson {
        url: format!("/products/{}", p.slug),
        status: p.status.as_str().to_owned(),
        id: p.id,
        slug: p.slug,
        stock_quantity: input.stock(),
        price: major(input.price_minor),
        compare_at_price: input.compare_at_minor.map(major),
        cost_price: input.cost_minor.map(major),
        low_stock_threshold: input.low_stock_at,
        currency: currency.to_owned(),
        images: p
            .images
            .into_iter()
            .map(|i| StudioImageJson { url: i.url, thumbnail_url: i.thumb_url, alt: i.alt })
            .collect(),
        variants: input
            .variants
            .iter()
            .map(|v| StudioVariantJson {
                id: v.id.clone(),
                sku: v.sku.clone(),
                options: input.option_names.iter().cloned().zip(v.values.iter().cloned()).collect(),
                price: major(v.price_minor),
                stock: v.stock,
            })
            .collect(),
        attributes: input.attributes.iter().cloned().collect(),
        options: input.option_names.clone(),
        title: input.title,
        subtitle: input.subtitle,
        description: input.description,
        category_id: input.category_id,
    }
}

fn parse_status(s: Option<&str>) -> Result<Option<ProductStatus>, AppError> {
    s.map(|s| {
        ProductStatus::parse(s).ok_or_else(|| AppError::field("status", "Use draft, active or archived."))
    })
    .transpose()
}

/// Create a product in your shop (sellers).
#[utoipa::path(
    post, path = "/api/v1/products", tag = "products", request_body = ProductBody,
    responses(
        (status = 201, description = "Created", body = StudioProductJson),
        (status = 400, description = "A field is invalid", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a verified seller", body = ErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    ClientDevice(device): ClientDevice,
    JsonBody(body): JsonBody<ProductBody>,
) -> Result<Response, AppError> {
    let currency = state.shop().currency.clone();
    // Role first: a customer hears "forbidden", not "title is required".
    service::own_shop(&mut state.db.conn().await?, &viewer).await?;
    let status = parse_status(body.status.as_deref())?.unwrap_or(ProductStatus::Active);
    let images = body.images.clone().unwrap_or_default();
    let mut raw = body.onto(RawProduct::default())?;
    resolve_category(&state, &mut raw).await?;
    let input = ProductInput::parse(&raw, &currency)?;
    let product = state
        .db
        .write(async |tx| {
            let id = service::create(tx, &viewer, &input, status, &currency).await?;
            super::audit::record(tx, Actor::Person(&viewer, &device), &id, serde_json::json!({})).await?;
            if !images.is_empty() {
                super::pictures::reuse_images(tx, &viewer, &id, &images).await?;
            }
            service::edit(tx, &viewer, &id).await
        })
        .await?;
    Ok((StatusCode::CREATED, Json(to_json(product, &currency))).into_response())
}

/// Change some fields of your product (administrators: any product).
#[utoipa::path(
    patch, path = "/api/v1/products/{id}", tag = "products", request_body = ProductBody,
    params(("id" = String, Path, description = "Product id")),
    responses(
        (status = 200, description = "Saved", body = StudioProductJson),
        (status = 400, description = "A field is invalid", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a seller", body = ErrorBody),
        (status = 404, description = "No such product in your shop", body = ErrorBody),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    ClientDevice(device): ClientDevice,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<ProductBody>,
) -> Result<Json<StudioProductJson>, AppError> {
    if id.len() > 64 {
        return Err(AppError::NotFound("Product".into()));
    }
    let currency = state.shop().currency.clone();
    let current = service::edit(&mut state.db.conn().await?, &viewer, &id).await?;
    let status = parse_status(body.status.as_deref())?;
    let images = body.images.clone();
    let mut raw = body.onto(current.input.to_raw(&currency))?;
    resolve_category(&state, &mut raw).await?;
    let input = ProductInput::parse(&raw, &currency)?;
    let product = state
        .db
        .write(async |tx| {
            let before = super::audit::snapshot(tx, &id).await?;
            service::update(tx, &viewer, &id, &input).await?;
            if let Some(status) = status {
                service::set_status(tx, &viewer, &id, status).await?;
            }
            super::audit::record(tx, Actor::Person(&viewer, &device), &id, before).await?;
            if let Some(images) = &images {
                super::pictures::reuse_images(tx, &viewer, &id, images).await?;
            }
            service::edit(tx, &viewer, &id).await
        })
        .await?;
    Ok(Json(to_json(product, &currency)))
}

/// Delete your product; one that was ever ordered or reviewed is archived
/// instead (out of the shop, kept for its history).
#[utoipa::path(
    delete, path = "/api/v1/products/{id}", tag = "products",
    params(("id" = String, Path, description = "Product id")),
    responses(
        (status = 204, description = "Deleted or archived"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not a seller", body = ErrorBody),
        (status = 404, description = "No such product in your shop", body = ErrorBody),
    )
)]
pub async fn delete(
    State(state): State<AppState>,
    Signed(viewer): Signed,
    ClientDevice(device): ClientDevice,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    if id.len() > 64 {
        return Err(AppError::NotFound("Product".into()));
    }
    service::delete(&state, Actor::Person(&viewer, &device), &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
