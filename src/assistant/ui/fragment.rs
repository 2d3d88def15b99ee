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
    if let Some(c) = q.c.as_deref().filter(|c| !c.is_empty()) {
        check_id(c)?;
    }
    let mine = service::conversations(&state, &asker).await?;
    let chosen = match q.c.filter(|c| !c.is_empty()) {
        Some(c) => {
            mine.into_iter().find(|x| x.id == c).ok_or_else(|| AppError::NotFound("Conversation".into()))?
        }
        None => match mine.into_iter().next() {
            Some(latest) => latest,
            None => return Ok(page(render(String::new(), Vec::new(), false, true))),
        },
    };
    let messages = service::history(&state, &asker, viewer.as_ref(), &chosen.id).await?;
    Ok(page(render(chosen.id, messages, chosen.escalated, q.full.is_none())))
}

fn page(html: String) -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], html)
        .into_response()
}

/// `waiting`: handed over, our team has not answered yet.
fn render(id: String, messages: Vec<ChatMessage>, waiting: bool, compact: bool) -> String {
    Owner::new().with(move || {
        let body = if messages.is_empty() {
            view! { <Welcome /> }.into_any()
        } else {
            view! { <Thread messages compact /> }.into_any()
        };
        view! { <div data-conversation=id data-waiting=waiting.then_some("")>{body}</div> }.to_html()
    })
}
