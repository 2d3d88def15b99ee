//! `GET /api/v1/recommendations` (seed 000 #16).

use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use super::model::Ask;
use super::service;
use crate::accounts::{SKIN_CONCERNS, SKIN_TYPES};
use crate::error::{AppError, FieldErrors};
use crate::server::auth::Viewing;
use crate::server::now_ms;
use crate::server::rest::ErrorBody;
use crate::server::state::AppState;

pub const MAX_LIMIT: usize = 50;

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
    let mut errors = FieldErrors::new();
    let limit = match get("limit").map(str::parse::<usize>) {
        None => 10,
        Some(Ok(n)) if (1..=MAX_LIMIT).contains(&n) => n,
        Some(_) => {
            errors.insert("limit".into(), format!("must be a whole number from 1 to {MAX_LIMIT}"));
            10
        }
    };
    let skin = get("skin_type");
    if skin.is_some_and(|s| !SKIN_TYPES.iter().any(|(code, _)| !code.is_empty() && *code == s)) {
        errors.insert("skin_type".into(), "must be one of dry, oily, combination, normal, sensitive".into());
    }
    let concerns: Vec<String> = get("concerns").map_or_else(Vec::new, |c| {
        c.split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect()
    });
    if concerns.len() > SKIN_CONCERNS.len()
        || concerns.iter().any(|c| !SKIN_CONCERNS.iter().any(|(code, _)| code == c))
    {
        errors.insert(
            "concerns".into(),
            "must be a comma separated list of acne, ageing, dryness, dullness, pigmentation, redness, pores"
                .into(),
        );
    }
    let product_id = get("product_id").map(str::to_owned);
    if product_id.as_ref().is_some_and(|p| p.len() > 64) {
        errors.insert("product_id".into(), "is not a valid id".into());
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut ask = Ask { limit, now: now_ms(), anchor: product_id.clone(), ..Default::default() };
    if let Some(viewer) = &viewer {
        (ask.profile, ask.history) = service::person(&mut state.db.conn().await?, &viewer.id).await?;
    }
    // The query's profile wins over the stored one, field by field.
    let asked = service::profile_of(skin.unwrap_or_default(), &concerns);
    if asked.skin_type.is_some() {
        ask.profile.skin_type = asked.skin_type;
    }
    if !asked.concerns.is_empty() {
        ask.profile.concerns = asked.concerns;
    }
    if state.recommender.snapshot().items.is_empty() {
        // Asked before the first background build finished.
        state.recommender.refresh(&state.db).await?;
    }
    if let Some(id) = &product_id
        && state.recommender.snapshot().item(id).is_none()
    {
        return Err(AppError::NotFound("Product".into()));
    }
    let suggested = service::suggest(&state, &ask).await?;
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
