//! `/api/v1/chat…` and `/api/v1/staff/escalations` (seed 000 #17–18): thin
//! adapters over the assistant service.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;
use utoipa::{OpenApi, ToSchema};

use super::owner::{self, Asker};
use super::{ChatMessage, ChatProduct, Reply, service};
use crate::accounts::{Viewer, session};
use crate::error::AppError;
use crate::server::rest::{ErrorBody, JsonBody};
use crate::server::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/chat", post(chat))
        .route("/chat/history", get(history))
        .route("/chat/conversations", get(conversations))
        .route("/chat/{conversation_id}", delete(remove))
        .route("/chat/{conversation_id}/reply", post(reply))
        .route("/chat/stream", post(super::feed::chat_stream))
        .route("/chat/{conversation_id}/events", get(super::feed::events))
        .route("/staff/escalations", get(escalations))
}

#[derive(OpenApi)]
#[openapi(
    paths(chat, super::feed::chat_stream, history, conversations, remove, reply, super::feed::events, escalations),
    tags((name = "assistant", description = "The shopping assistant and staff hand-over"))
)]
pub struct Api;

#[derive(Deserialize, ToSchema)]
pub struct ChatBody {
    #[serde(default)]
    pub message: String,
    pub conversation_id: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ProductJson {
    product_id: String,
    name: String,
    price: f64,
    currency: String,
    slug: String,
    image_url: Option<String>,
}

impl From<ChatProduct> for ProductJson {
    fn from(p: ChatProduct) -> Self {
        Self {
            price: p.price.major(),
            currency: p.price.currency.clone(),
            product_id: p.product_id,
            name: p.name,
            slug: p.slug,
            image_url: p.image_url,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ChatReplyJson {
    response: String,
    conversation_id: String,
    message_id: String,
    products: Vec<ProductJson>,
    /// Handed over to staff.
    escalated: bool,
}

impl From<Reply> for ChatReplyJson {
    fn from(r: Reply) -> Self {
        Self {
            response: r.response,
            conversation_id: r.conversation_id,
            message_id: r.message_id,
            products: r.products.into_iter().map(ProductJson::from).collect(),
            escalated: r.escalated,
        }
    }
}

pub(super) async fn who(
    state: &AppState,
    s: &Session,
    make: bool,
) -> Result<(Asker, Option<Viewer>), AppError> {
    let viewer = session::viewer(s, &state.db).await?;
    Ok((owner::asker(s, viewer.as_ref(), make).await?, viewer))
}

pub(super) fn check_id(id: &str) -> Result<(), AppError> {
    if id.is_empty() || id.len() > 64 { Err(AppError::NotFound("Conversation".into())) } else { Ok(()) }
}

/// Ask the assistant. Products and prices in the answer come from the
/// catalog; 20 messages a minute per person or visitor.
#[utoipa::path(
    post, path = "/api/v1/chat", tag = "assistant", request_body = ChatBody,
    responses(
        (status = 200, description = "The answer", body = ChatReplyJson),
        (status = 400, description = "Empty or longer than 2,000 characters", body = ErrorBody),
        (status = 404, description = "No such conversation, or someone else's", body = ErrorBody),
        (status = 429, description = "More than 20 messages a minute", body = ErrorBody),
    )
)]
pub async fn chat(
    State(state): State<AppState>,
    s: Session,
    JsonBody(body): JsonBody<ChatBody>,
) -> Result<Json<ChatReplyJson>, AppError> {
    if let Some(id) = &body.conversation_id {
        check_id(id)?;
    }
    let (asker, viewer) = who(&state, &s, true).await?;
    let r =
        service::ask(&state, &asker, viewer.as_ref(), &body.message, body.conversation_id.as_deref()).await?;
    Ok(Json(r.into()))
}

#[derive(Deserialize, ToSchema, utoipa::IntoParams)]
pub struct HistoryParams {
    conversation_id: String,
}

#[derive(Serialize, ToSchema)]
pub struct MessageJson {
    id: String,
    /// `user`, `assistant` or `staff`.
    role: String,
    content: String,
    /// Unix milliseconds.
    timestamp: i64,
    products: Vec<ProductJson>,
}

impl From<ChatMessage> for MessageJson {
    fn from(m: ChatMessage) -> Self {
        Self {
            id: m.id,
            role: m.role.as_str().to_owned(),
            content: m.content,
            timestamp: m.timestamp,
            products: m.products.into_iter().map(ProductJson::from).collect(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct HistoryJson {
    messages: Vec<MessageJson>,
}

#[utoipa::path(
    get, path = "/api/v1/chat/history", tag = "assistant", params(HistoryParams),
    responses(
        (status = 200, description = "The conversation's messages, oldest first", body = HistoryJson),
        (status = 404, description = "No such conversation, or someone else's", body = ErrorBody),
    )
)]
pub async fn history(
    State(state): State<AppState>,
    s: Session,
    Query(params): Query<HistoryParams>,
) -> Result<Json<HistoryJson>, AppError> {
    check_id(&params.conversation_id)?;
    let (asker, viewer) = who(&state, &s, false).await?;
    let messages = service::history(&state, &asker, viewer.as_ref(), &params.conversation_id).await?;
    Ok(Json(HistoryJson { messages: messages.into_iter().map(MessageJson::from).collect() }))
}

#[derive(Serialize, ToSchema)]
pub struct ConversationJson {
    id: String,
    title: String,
    /// Waiting for staff.
    escalated: bool,
    updated_at: i64,
}

#[derive(Serialize, ToSchema)]
pub struct ConversationsJson {
    conversations: Vec<ConversationJson>,
}

#[utoipa::path(
    get, path = "/api/v1/chat/conversations", tag = "assistant",
    responses((status = 200, description = "The person's (or this visitor's) conversations, newest first", body = ConversationsJson))
)]
pub async fn conversations(
    State(state): State<AppState>,
    s: Session,
) -> Result<Json<ConversationsJson>, AppError> {
    let (asker, _) = who(&state, &s, false).await?;
    let list = service::conversations(&state, &asker).await?;
    Ok(Json(ConversationsJson {
        conversations: list
            .into_iter()
            .map(|c| ConversationJson {
                id: c.id,
                title: c.title,
                escalated: c.escalated,
                updated_at: c.updated_at,
            })
            .collect(),
    }))
}

#[utoipa::path(
    delete, path = "/api/v1/chat/{conversation_id}", tag = "assistant",
    params(("conversation_id" = String, Path, description = "Conversation id")),
    responses(
        (status = 204, description = "Deleted with its messages"),
        (status = 404, description = "No such conversation, or someone else's", body = ErrorBody),
    )
)]
pub async fn remove(
    State(state): State<AppState>,
    s: Session,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    check_id(&id)?;
    let (asker, _) = who(&state, &s, false).await?;
    service::delete(&state, &asker, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
pub struct ReplyBody {
    #[serde(default)]
    message: String,
}

#[utoipa::path(
    post, path = "/api/v1/chat/{conversation_id}/reply", tag = "assistant", request_body = ReplyBody,
    params(("conversation_id" = String, Path, description = "Conversation id")),
    responses(
        (status = 201, description = "The staff reply", body = MessageJson),
        (status = 400, description = "Empty or too long", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not staff or an administrator", body = ErrorBody),
        (status = 404, description = "No such conversation", body = ErrorBody),
    )
)]
pub async fn reply(
    State(state): State<AppState>,
    s: Session,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<ReplyBody>,
) -> Result<(StatusCode, Json<MessageJson>), AppError> {
    let staff = staff(&state, &s).await?;
    check_id(&id)?;
    let m = service::reply(&state, &staff, &id, &body.message).await?;
    Ok((StatusCode::CREATED, Json(m.into())))
}

#[derive(Serialize, ToSchema)]
pub struct EscalationJson {
    conversation_id: String,
    title: String,
    customer: String,
    last_message: String,
    escalated_at: i64,
    answered: bool,
}

#[derive(Serialize, ToSchema)]
pub struct EscalationsJson {
    escalations: Vec<EscalationJson>,
}

#[utoipa::path(
    get, path = "/api/v1/staff/escalations", tag = "assistant",
    responses(
        (status = 200, description = "Conversations handed over, waiting ones first", body = EscalationsJson),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not staff or an administrator", body = ErrorBody),
    )
)]
pub async fn escalations(
    State(state): State<AppState>,
    s: Session,
) -> Result<Json<EscalationsJson>, AppError> {
    staff(&state, &s).await?;
    let list = service::escalations(&state).await?;
    Ok(Json(EscalationsJson {
        escalations: list
            .into_iter()
            .map(|e| EscalationJson {
                conversation_id: e.conversation_id,
                title: e.title,
                customer: e.customer,
                last_message: e.last_message,
                escalated_at: e.escalated_at,
                answered: e.answered,
            })
            .collect(),
    }))
}

async fn staff(state: &AppState, s: &Session) -> Result<Viewer, AppError> {
    let viewer = session::viewer(s, &state.db).await?.ok_or(AppError::Unauthorized)?;
    crate::server::auth::Signed(viewer).in_area(crate::accounts::areas::Area::Support)
}
