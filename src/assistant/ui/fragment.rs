//! `GET /assistant/thread?c=`: a conversation as the server renders it, for
//! the drawer to put in place (cards, prices, forms — one look, escaped here
//! as on every page; `/assistant` takes it too, with `full`). Without `c`,
//! the asker's latest conversation.

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use leptos::prelude::*;
use serde::Deserialize;
use tower_sessions::Session;

use super::drawer::Welcome;
use super::thread::Thread;
use crate::assistant::rest::{check_id, who};
use crate::assistant::{ChatMessage, service};
use crate::error::AppError;
use crate::server::state::AppState;

#[derive(Deserialize)]
pub struct ThreadQuery {
    c: Option<String>,
    /// As `/assistant` shows it (four cards a row), not the drawer.
    #[serde(default)]
    full: Option<String>,
}

pub async fn thread(
    State(state): State<AppState>,
    s: Session,
    Query(q): Query<ThreadQuery>,
) -> Result<Response, AppError> {
    let (asker, viewer) = who(&state, &s, false).await?;
    let id = match q.c.filter(|c| !c.is_empty()) {
        Some(c) => {
            check_id(&c)?;
            Some(c)
        }
        None => service::conversations(&state, &asker).await?.into_iter().next().map(|c| c.id),
    };
    let messages = match &id {
        Some(id) => service::history(&state, &asker, viewer.as_ref(), id).await?,
        None => Vec::new(),
    };
    let html = render(id.unwrap_or_default(), messages, q.full.is_none());
    Ok(([(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], html)
        .into_response())
}

fn render(id: String, messages: Vec<ChatMessage>, compact: bool) -> String {
    Owner::new().with(move || {
        let body = if messages.is_empty() {
            view! { <Welcome /> }.into_any()
        } else {
            view! { <Thread messages compact /> }.into_any()
        };
        view! { <div data-conversation=id>{body}</div> }.to_html()
    })
}
