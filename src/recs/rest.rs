//! `GET /api/v1/recommendations` (seed 000 #16).

use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use super::service;
use crate::error::AppError;
use crate::server::auth::Viewing;
use crate::server::rest::ErrorBody;
use crate::server::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/recommendations", get(recommendations))
}

#[derive(OpenApi)]
#[openapi(paths(recommendations), tags((name = "recommendations", description = "Suggested products with a score and a reason")))]
pub struct Api;

#[derive(Serialize, ToSchema)]
pub struct RecommendationJson {
    product_id: String,
    name: String,
    slug: String,
    price: f64,
    currency: String,
    /// 0..1, best first.
    relevance_score: f32,
    /// The strongest signal, in words.
    reason: String,
}

#[derive(Serialize, ToSchema)]
pub struct RecommendationsJson {
    recommendations: Vec<RecommendationJson>,
}

/// Products for the person (their profile and history when signed in, else
/// the profile in the query and what is popular), or around `product_id`.
/// Only products in stock.
#[utoipa::path(
    get, path = "/api/v1/recommendations", tag = "recommendations",
    params(
        ("limit" = Option<u32>, Query, description = "1–50, default 10"),
        ("product_id" = Option<String>, Query, description = "Suggest around this product"),
        ("skin_type" = Option<String>, Query, description = "dry, oily, combination, normal or sensitive (overrides the profile's)"),
        ("concerns" = Option<String>, Query, description = "Comma separated: acne, ageing, dryness, dullness, pigmentation, redness, pores"),
    ),
    responses(
        (status = 200, description = "Suggestions, best first", body = RecommendationsJson),
        (status = 400, description = "A parameter is not valid", body = ErrorBody),
        (status = 404, description = "No such product", body = ErrorBody),
    )
)]
pub async fn recommendations(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<RecommendationsJson>, AppError> {
    let get =
        |k: &str| params.iter().find(|(key, _)| key == k).map(|(_, v)| v.trim()).filter(|v| !v.is_empty());
    let wanted = service::Wanted {
        limit: get("limit"),
        product_id: get("product_id"),
        skin_type: get("skin_type"),
        concerns: get("concerns"),
    };
    let suggested = service::wanted(&state, viewer.as_ref(), wanted).await?;
    Ok(Json(RecommendationsJson {
        recommendations: suggested
            .into_iter()
            .map(|s| RecommendationJson {
                price: s.card.price.major(),
                currency: s.card.price.currency.clone(),
                product_id: s.card.id,
                name: s.card.title,
                slug: s.card.slug,
                relevance_score: (s.score * 1000.0).round() / 1000.0,
                reason: s.reason,
            })
            .collect(),
    }))
}
