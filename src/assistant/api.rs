//! Server functions of the assistant's pages (`/assistant`, the staff inbox).

use leptos::prelude::*;

use super::{ChatMessage, Conversation, Escalation, Reply};
use crate::error::AppError;

#[cfg(feature = "ssr")]
async fn who(make: bool) -> Result<(super::owner::Asker, Option<crate::accounts::Viewer>), AppError> {
    let viewer = crate::server::auth::viewer().await?;
    let session = crate::server::auth::current_session().await?;
    Ok((super::owner::asker(&session, viewer.as_ref(), make).await?, viewer))
}

/// Ask (the page's form; works without JavaScript).
#[server(endpoint = "assistant_ask")]
pub async fn ask_assistant(message: String, conversation_id: Option<String>) -> Result<Reply, AppError> {
    let state = crate::server::state::current()?;
    let (asker, viewer) = who(true).await?;
    let conversation = conversation_id.filter(|c| !c.is_empty());
    let reply =
        super::service::ask(&state, &asker, viewer.as_ref(), &message, conversation.as_deref()).await?;
    leptos_axum::redirect(&format!("/assistant?c={}#latest", reply.conversation_id));
    Ok(reply)
}

/// The viewer's conversations and, when one is chosen, its messages.
#[server(endpoint = "assistant_view")]
pub async fn get_assistant(
    conversation_id: Option<String>,
) -> Result<(Vec<Conversation>, Vec<ChatMessage>), AppError> {
    let state = crate::server::state::current()?;
    let (asker, viewer) = who(false).await?;
    let list = super::service::conversations(&state, &asker).await?;
    let messages = match conversation_id.filter(|c| !c.is_empty() && c.len() <= 64) {
        Some(id) => super::service::history(&state, &asker, viewer.as_ref(), &id).await?,
        None => Vec::new(),
    };
    Ok((list, messages))
}

/// Delete one of the viewer's conversations.
#[server(endpoint = "assistant_delete")]
pub async fn delete_conversation(conversation_id: String) -> Result<(), AppError> {
    let state = crate::server::state::current()?;
    let (asker, _) = who(false).await?;
    super::service::delete(&state, &asker, &conversation_id).await?;
    leptos_axum::redirect("/assistant");
    Ok(())
}

/// The staff inbox: handed-over conversations and the chosen one's messages.
#[server(endpoint = "assistant_inbox")]
pub async fn get_inbox(
    conversation_id: Option<String>,
) -> Result<(Vec<Escalation>, Vec<ChatMessage>), AppError> {
    let state = crate::server::state::current()?;
    let staff = crate::server::auth::require_area(crate::accounts::areas::Area::Support).await?;
    let list = super::service::escalations(&state).await?;
    let asker = super::owner::Asker::Person { id: staff.id.clone(), name: staff.full_name.clone() };
    let messages = match conversation_id.filter(|c| !c.is_empty() && c.len() <= 64) {
        Some(id) => super::service::history(&state, &asker, Some(&staff), &id).await?,
        None => Vec::new(),
    };
    Ok((list, messages))
}

/// A staff member answers a handed-over conversation.
#[server(endpoint = "assistant_staff_reply")]
pub async fn staff_reply(conversation_id: String, message: String) -> Result<ChatMessage, AppError> {
    let state = crate::server::state::current()?;
    let staff = crate::server::auth::require_area(crate::accounts::areas::Area::Support).await?;
    let m = super::service::reply(&state, &staff, &conversation_id, &message).await?;
    leptos_axum::redirect(&format!("/studio/inbox?c={conversation_id}&sent=1"));
    Ok(m)
}
