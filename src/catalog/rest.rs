//! `/api/v1/products…`: the catalog for mobile apps and integrations. Thin:
//! parse, call the same service the pages use, shape the seed's JSON.

use std::collections::{BTreeMap, HashMap};

use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::listing::list_products;
use super::query::{ListQuery, ParamNames, REST_PER_PAGE};
use super::{ProductCard, ProductDetail, service};
use crate::error::AppError;
use crate::server::rest::ErrorBody;
use crate::server::state::AppState;

/// This domain's part of `/api/v1` (nested there by `server::rest`).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/products", get(list).post(super::studio::rest::create))
        .route(
            "/products/{id}",
            get(show).patch(super::studio::rest::update).delete(super::studio::rest::delete),
        )
        .route("/products/{id}/images", post(super::studio::images::upload_rest))
        .route("/search/suggest", get(suggest))
}

/// This domain's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(paths(list, show, suggest), tags((name = "products", description = "Catalog")))]
pub struct Api;

/// Query parameters of `GET /api/v1/products` (documentation only: the
/// handler parses them itself so every bad value gets a field message).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "read by the OpenAPI generator, not by code")]
pub struct ProductListParams {
    /// Only this shop's products (id or slug).
    seller_id: Option<String>,
    /// Only this category and its children (id or slug).
    category_id: Option<String>,
    /// Full-text search (typos forgiven, the last word may be a prefix);
    /// results come best match first unless `sort` says otherwise.
    search: Option<String>,
    /// `relevance` (default with `search`), `newest` (default without),
    /// `price_asc`, `price_desc` or `rating`.
    sort: Option<String>,
    /// Facet filters; repeat a parameter for several values (OR within a
    /// group, AND across groups): `shop` (slug), `price` (`0-25`, `25-50`,
    /// `50-100`, `100-`), `rating` (minimum: 2, 3 or 4), `in_stock=1`,
    /// `skin_type`, `concern`, `occasion`, `flower_type`, `colour`.
    shop: Option<String>,
    price: Option<String>,
    rating: Option<String>,
    in_stock: Option<String>,
    skin_type: Option<String>,
    concern: Option<String>,
    occasion: Option<String>,
    flower_type: Option<String>,
    colour: Option<String>,
    /// 1-based page number (default 1, at most 10000).
    page: Option<u32>,
    /// Page size (default 20, at most 100).
    limit: Option<u32>,
}

#[derive(Serialize, ToSchema)]
pub struct ShopRef {
    id: String,
    slug: String,
    shop_name: String,
}

#[derive(Serialize, ToSchema)]
pub struct CategoryRef {
    id: String,
    slug: String,
    name: String,
}

/// A product in a listing. `price` is in major units (24.5 = $24.50).
#[derive(Serialize, ToSchema)]
pub struct ProductJson {
    id: String,
    slug: String,
    title: String,
    subtitle: String,
    price: f64,
    compare_at_price: Option<f64>,
    currency: String,
    stock: i64,
    in_stock: bool,
    rating: f64,
    review_count: i64,
    image_url: Option<String>,
    has_variants: bool,
    seller: ShopRef,
    category: CategoryRef,
}

impl From<ProductCard> for ProductJson {
    fn from(c: ProductCard) -> Self {
        Self {
            price: c.price.major(),
            compare_at_price: c.compare_at.as_ref().map(super::Money::major),
            currency: c.price.currency.clone(),
            in_stock: c.stock > 0,
            rating: c.rating.average(),
            review_count: c.rating.count,
            image_url: c.image.map(|i| i.url),
            seller: ShopRef { id: c.shop_id, slug: c.shop_slug, shop_name: c.shop_name },
            category: CategoryRef { id: c.category_id, slug: c.category_slug, name: c.category_name },
            id: c.id,
            slug: c.slug,
            title: c.title,
            subtitle: c.subtitle,
            stock: c.stock,
            has_variants: c.has_variants,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Pagination {
    total: i64,
    page: u32,
    limit: u32,
}

impl Pagination {
    pub fn new(total: i64, page: u32, limit: u32) -> Self {
        Self { total, page, limit }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ProductList {
    data: Vec<ProductJson>,
    pagination: Pagination,
    /// Per facet group (`category`, `shop`, `price`, `rating`, `in_stock`,
    /// `skin_type`, `concern`, `occasion`, `flower_type`, `colour`): the
    /// values and how many products each would show.
    facets: BTreeMap<String, Vec<FacetValueJson>>,
    /// A corrected query when the search matched nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    did_you_mean: Option<String>,
    /// Filters read from the search's words ("Under $30", "Dry skin").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    understood: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct FacetValueJson {
    value: String,
    label: String,
    count: u64,
}

#[derive(Serialize, ToSchema)]
pub struct ImageJson {
    url: String,
    alt: String,
}

#[derive(Serialize, ToSchema)]
pub struct VariantJson {
    id: String,
    sku: String,
    title: String,
    /// Option name → value, e.g. `{"Size": "50 ml"}`.
    options: HashMap<String, String>,
    price: f64,
    stock: i64,
}

#[derive(Serialize, ToSchema)]
pub struct OptionJson {
    name: String,
    values: Vec<String>,
}

/// The full product: listing fields plus description, images, variants and attributes.
#[derive(Serialize, ToSchema)]
pub struct ProductDetailJson {
    #[serde(flatten)]
    product: ProductJson,
    description: String,
    images: Vec<ImageJson>,
    options: Vec<OptionJson>,
    variants: Vec<VariantJson>,
    /// Attribute key (`skin_type`, `concern`, `ingredient`, `occasion`, `flower_type`, `colour`) → values.
    attributes: HashMap<String, Vec<String>>,
    seller_tagline: String,
    seller_verified: bool,
    created_at: i64,
    updated_at: i64,
}

impl From<ProductDetail> for ProductDetailJson {
    fn from(d: ProductDetail) -> Self {
        Self {
            seller_tagline: d.shop.tagline,
            seller_verified: d.shop.verified,
            product: d.card.into(),
            description: d.description,
            images: d.images.into_iter().map(|i| ImageJson { url: i.url, alt: i.alt }).collect(),
            options: d.options.into_iter().map(|o| OptionJson { name: o.name, values: o.values }).collect(),
            variants: d
                .variants
                .into_iter()
                .map(|v| VariantJson {
                    price: v.price.major(),
                    options: v.options.into_iter().collect(),
                    id: v.id,
                    sku: v.sku,
                    title: v.title,
                    stock: v.stock,
                })
                .collect(),
            attributes: d.attributes.into_iter().map(|a| (a.key, a.values)).collect(),
            created_at: d.created_at,
            updated_at: d.updated_at,
        }
    }
}

/// Search and filter products.
#[utoipa::path(
    get, path = "/api/v1/products", tag = "products",
    params(ProductListParams),
    responses(
        (status = 200, description = "A page of products", body = ProductList),
        (status = 400, description = "A parameter is invalid", body = ErrorBody),
        (status = 404, description = "Unknown seller or category", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<ProductList>, AppError> {
    let query = ListQuery::parse(&params, ParamNames::REST, REST_PER_PAGE)?;
    let counted = service::categories(&state).await?;
    let page = list_products(&state, &query, &counted).await?;
    Ok(Json(ProductList {
        pagination: Pagination { total: page.total, page: page.page, limit: page.per_page },
        facets: page
            .facets
            .iter()
            .map(|g| {
                let values = g
                    .values
                    .iter()
                    .map(|v| FacetValueJson {
                        value: v.value.clone(),
                        label: v.label.clone(),
                        count: v.count,
                    })
                    .collect();
                (g.key.param().to_owned(), values)
            })
            .collect(),
        did_you_mean: page.did_you_mean,
        understood: page.understood,
        data: page.items.into_iter().map(ProductJson::from).collect(),
    }))
}

/// One product with its seller, images, variants and attributes.
#[utoipa::path(
    get, path = "/api/v1/products/{id}", tag = "products",
    params(("id" = String, Path, description = "Product id or slug")),
    responses(
        (status = 200, description = "The product", body = ProductDetailJson),
        (status = 404, description = "No such product", body = ErrorBody),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<ProductDetailJson>, AppError> {
    if id.len() > 120 {
        return Err(AppError::NotFound("Product".into()));
    }
    let categories = service::categories(&state).await?;
    Ok(Json(service::product(&mut state.db.conn().await?, &id, &categories).await?.into()))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SuggestParams {
    /// What has been typed so far (suggestions start at 2 letters).
    q: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct SuggestionJson {
    /// `product`, `category` or `shop`.
    kind: String,
    label: String,
    url: String,
}

#[derive(Serialize, ToSchema)]
pub struct SuggestionList {
    suggestions: Vec<SuggestionJson>,
}

/// Up to 8 products, categories and shops for a search box.
#[utoipa::path(
    get, path = "/api/v1/search/suggest", tag = "products",
    params(SuggestParams),
    responses(
        (status = 200, description = "Suggestions, best first", body = SuggestionList),
        (status = 400, description = "The text is too long", body = ErrorBody),
    )
)]
pub async fn suggest(
    State(state): State<AppState>,
    Query(params): Query<SuggestParams>,
) -> Result<Json<SuggestionList>, AppError> {
    let found = super::listing::suggest(&state, params.q.as_deref().unwrap_or_default()).await?;
    Ok(Json(SuggestionList {
        suggestions: found
            .into_iter()
            .map(|s| SuggestionJson { kind: s.kind.as_str().to_owned(), label: s.label, url: s.url })
            .collect(),
    }))
}
