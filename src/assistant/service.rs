//! The assistant's rules: limits, who may read a conversation, how an
//! answer is made (retrieval, then Gemini within its time budget or the
//! offline template), hand-over to staff and their replies.

use std::collections::HashMap;
use std::time::Duration;

use super::answer::Sink;
use super::db::{self, ConversationRow, NewMessage};
use super::owner::Asker;
use super::{
    ChatMessage, ChatProduct, Conversation, Escalation, MAX_MESSAGE_CHARS, MESSAGES_PER_MINUTE, Reply, Role,
};
use crate::accounts::Viewer;
use crate::catalog::{ProductCard, service as catalog};
use crate::error::{AppError, AppResult};
use crate::server::db::Conn;
use crate::server::state::AppState;
use crate::server::{new_id, now_ms};

/// The feed every node's open chats and inboxes listen to (payload: the
/// conversation id).
pub const CHANNEL: &str = "assistant";
/// Gemini's words must begin within this long of a message's arrival
/// (retrieval included); then the offline answer is sent.
pub const GEMINI_BUDGET: Duration = Duration::from_millis(2_300);
/// Turns of the conversation given to Gemini.
const CONTEXT: i64 = 12;
/// How often an open chat tells that its owner is there.
pub const PRESENCE_BEAT: Duration = Duration::from_secs(20);
/// A staff reply is mailed when the owner has not been there for this long.
const AWAY_AFTER_MS: i64 = 60_000;

/// A message's text, trimmed, or why it cannot be sent.
fn validate(message: &str) -> AppResult<&str> {
    let message = message.trim();
    if message.is_empty() {
        return Err(AppError::field("message", "write a message"));
    }
    if message.chars().count() > MAX_MESSAGE_CHARS {
        return Err(AppError::field("message", format!("must be at most {MAX_MESSAGE_CHARS} characters")));
    }
    Ok(message)
}

/// Within the limit, and the conversation (if any) is the asker's.
async fn admit(
    c: &mut Conn,
    asker: &Asker,
    conversation: Option<&str>,
) -> AppResult<Option<ConversationRow>> {
    if db::sent_since(c, asker.user_id(), asker.visitor(), now_ms() - 60_000).await? >= MESSAGES_PER_MINUTE {
        return Err(AppError::RateLimited { retry_after_secs: 60 });
    }
    match conversation {
        Some(id) => Ok(Some(owned(c, asker, id).await?)),
        None => Ok(None),
    }
}

/// Whether [`ask`] would take this message (a streamed answer checks before
/// its response starts, so refusals keep their status).
pub async fn check(
    state: &AppState,
    asker: &Asker,
    message: &str,
    conversation: Option<&str>,
) -> AppResult<()> {
    validate(message)?;
    admit(&mut state.db.conn().await?, asker, conversation).await?;
    Ok(())
}

/// Answer one message from `asker` (a new conversation when `conversation`
/// is `None`).
pub async fn ask(
    state: &AppState,
    asker: &Asker,
    viewer: Option<&Viewer>,
    message: &str,
    conversation: Option<&str>,
) -> AppResult<Reply> {
    ask_with(state, asker, viewer, message, conversation, None).await
}

/// [`ask`], with Gemini's words sent to `sink` as they are written.
pub async fn ask_with(
    state: &AppState,
    asker: &Asker,
    viewer: Option<&Viewer>,
    message: &str,
    conversation: Option<&str>,
    sink: Option<&Sink>,
) -> AppResult<Reply> {
    let message = validate(message)?;
    let now = now_ms();
    let mut c = state.db.conn().await?;
    let existing = admit(&mut c, asker, conversation).await?;
    let past = match &existing {
        Some(conv) => db::messages(&mut c, &conv.id, CONTEXT).await?,
        None => Vec::new(),
    };
    let misses = existing.as_ref().map_or(0, |conv| conv.misses);
    let answer = super::answer::answer(state, &mut c, viewer, message, &past, misses, sink).await?;
    drop(c);

    let conversation_id = existing.as_ref().map_or_else(new_id, |conv| conv.id.clone());
    let message_id = new_id();
    let product_ids: Vec<&str> = answer.cards.iter().map(|p| p.id.as_str()).collect();
    let products_json = serde_json::to_string(&product_ids).unwrap_or_else(|_| "[]".into());
    let escalate = answer.escalate;
    state
        .db
        .write(async |tx| {
            if existing.is_none() {
                let title: String = message.chars().take(80).collect();
                db::insert_conversation(tx, &conversation_id, asker.user_id(), asker.visitor(), &title, now)
                    .await?;
            }
            let user = NewMessage {
                id: &new_id(),
                conversation_id: &conversation_id,
                role: Role::User.as_str(),
                content: message,
                products: "[]",
                search: "",
                author_id: None,
                now,
            };
            db::insert_message(tx, &user).await?;
            let reply = NewMessage {
                id: &message_id,
                role: Role::Assistant.as_str(),
                content: &answer.text,
                products: &products_json,
                search: &answer.search,
                now: now + 1,
                ..user
            };
            db::insert_message(tx, &reply).await?;
            db::touch(tx, &conversation_id, answer.misses, now + 1).await?;
            if escalate && db::escalate(tx, &conversation_id, now + 1).await? {
                crate::notifications::service::escalated(tx).await?;
            }
            tx.notify(CHANNEL, &conversation_id).await?;
            Ok(())
        })
        .await?;
    Ok(Reply {
        conversation_id,
        message_id,
        response: answer.text,
        products: answer.cards.into_iter().map(chat_product).collect(),
        escalated: escalate,
    })
}

/// The conversation if `asker` owns it; anyone else's is a 404.
async fn owned(c: &mut Conn, asker: &Asker, id: &str) -> AppResult<ConversationRow> {
    let row = db::conversation(c, id).await?.ok_or_else(|| AppError::NotFound("Conversation".into()))?;
    let mine = match (&row.user_id, asker) {
        (Some(owner), Asker::Person { id, .. }) => owner == id,
        (None, Asker::Visitor(Some(key))) => row.visitor.as_deref() == Some(key),
        _ => false,
    };
    if mine { Ok(row) } else { Err(AppError::NotFound("Conversation".into())) }
}

/// A conversation's messages for its owner, or for staff once handed over.
pub async fn history(
    state: &AppState,
    asker: &Asker,
    viewer: Option<&Viewer>,
    id: &str,
) -> AppResult<Vec<ChatMessage>> {
    let mut c = state.db.conn().await?;
    let staff = viewer.is_some_and(|v| v.may(crate::accounts::areas::Area::Support));
    let row = match owned(&mut c, asker, id).await {
        Ok(row) => row,
        Err(e) => match db::conversation(&mut c, id).await? {
            Some(row) if staff && row.escalated_at.is_some() => row,
            _ => return Err(e),
        },
    };
    let rows = db::messages(&mut c, &row.id, 500).await?;
    let all_ids: Vec<String> = rows
        .iter()
        .flat_map(|m| serde_json::from_str::<Vec<String>>(&m.products).unwrap_or_default())
        .collect();
    let cards: HashMap<String, ProductCard> =
        catalog::cards_in_order(&mut c, &all_ids).await?.into_iter().map(|c| (c.id.clone(), c)).collect();
    Ok(rows
        .into_iter()
        .map(|m| {
            let ids: Vec<String> = serde_json::from_str(&m.products).unwrap_or_default();
            ChatMessage {
                products: ids.iter().filter_map(|id| cards.get(id).cloned()).map(chat_product).collect(),
                role: Role::parse(&m.role).unwrap_or(Role::Assistant),
                id: m.id,
                content: m.content,
                timestamp: m.created_at,
            }
        })
        .collect())
}

pub async fn conversations(state: &AppState, asker: &Asker) -> AppResult<Vec<Conversation>> {
    let rows = db::owned(&mut state.db.conn().await?, asker.user_id(), asker.visitor(), 50).await?;
    Ok(rows
        .into_iter()
        .map(|r| Conversation {
            escalated: r.escalated_at.is_some() && r.answered_at.is_none(),
            id: r.id,
            title: r.title,
            updated_at: r.updated_at,
        })
        .collect())
}

pub async fn delete(state: &AppState, asker: &Asker, id: &str) -> AppResult<()> {
    state
        .db
        .write(async |tx| {
            owned(tx, asker, id).await?;
            db::delete(tx, id).await?;
            Ok(())
        })
        .await
}

/// Handed-over conversations for staff, waiting ones first.
pub async fn escalations(state: &AppState) -> AppResult<Vec<Escalation>> {
    let rows = db::escalations(&mut state.db.conn().await?, 100).await?;
    Ok(rows
        .into_iter()
        .map(|r| Escalation {
            conversation_id: r.id,
            title: r.title,
            customer: r.full_name.unwrap_or_else(|| "Visitor".into()),
            last_message: r.last_message.unwrap_or_default(),
            escalated_at: r.escalated_at,
            answered: r.answered_at.is_some(),
        })
        .collect())
}

/// A staff member answers a conversation: the customer's open chat shows it
/// at once (the feed); a signed-in customer who has left also gets it by mail.
pub async fn reply(state: &AppState, staff: &Viewer, id: &str, message: &str) -> AppResult<ChatMessage> {
    let message = validate(message)?;
    let now = now_ms();
    let message_id = new_id();
    let public_url = state.settings.mail.public_url.clone();
    state
        .db
        .write(async |tx| {
            db::conversation(tx, id).await?.ok_or_else(|| AppError::NotFound("Conversation".into()))?;
            let m = NewMessage {
                id: &message_id,
                conversation_id: id,
                role: Role::Staff.as_str(),
                content: message,
                products: "[]",
                search: "",
                author_id: Some(&staff.id),
                now,
            };
            db::insert_message(tx, &m).await?;
            db::mark_answered(tx, id, now).await?;
            if let Some((email, name)) = db::absent_owner(tx, id, now - AWAY_AFTER_MS).await? {
                let link = format!("{public_url}/assistant?c={id}");
                let text = format!(
                    "Hello {name},\n\n{} from our team answered you:\n\n{message}\n\nThe conversation: {link}\n",
                    staff.full_name
                );
                let html = format!(
                    "<p>Hello {},</p><p>{} from our team answered you:</p><blockquote>{}</blockquote><p><a href=\"{}\">Open the conversation</a></p>",
                    crate::mail::html_escape(&name),
                    crate::mail::html_escape(&staff.full_name),
                    crate::mail::html_escape(message),
                    crate::mail::html_escape(&link)
                );
                let mail = crate::mail::Message {
                    kind: "assistant_reply",
                    to: &email,
                    subject: "Our team answered your question".into(),
                    text,
                    html,
                    order_id: None,
                    unsubscribe_url: None,
                };
                crate::mail::enqueue(tx, &mail).await?;
            }
            tx.notify(CHANNEL, id).await?;
            Ok(())
        })
        .await?;
    Ok(ChatMessage {
        id: message_id,
        role: Role::Staff,
        content: message.to_owned(),
        products: Vec::new(),
        timestamp: now,
    })
}

/// Whether `asker` owns conversation `id`.
pub async fn owns(state: &AppState, asker: &Asker, id: &str) -> AppResult<bool> {
    match owned(&mut state.db.conn().await?, asker, id).await {
        Ok(_) => Ok(true),
        Err(AppError::NotFound(_)) => Ok(false),
        Err(e) => Err(e),
    }
}

/// The owner has conversation `id` open (their chat's feed beats with this).
pub async fn owner_here(state: &AppState, id: &str) -> AppResult<()> {
    state.db.write(async |tx| Ok(db::owner_seen(tx, id, Some(now_ms())).await?)).await
}

/// The owner's open chat closed: a reply from now on is mailed.
pub async fn owner_gone(state: &AppState, id: &str) -> AppResult<()> {
    state.db.write(async |tx| Ok(db::owner_seen(tx, id, None).await?)).await
}

/// Conversations untouched for `days` go (with their messages).
pub async fn sweep(db: &crate::server::db::Db, days: u32) -> AppResult<u64> {
    let before = now_ms() - i64::from(days) * 24 * 60 * 60 * 1000;
    db.write(async |tx| Ok(db::sweep(tx, before).await?)).await
}

/// Sweep old conversations now and every hour.
pub fn spawn_sweeper(db: crate::server::db::Db, days: u32) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(3_600));
        loop {
            tick.tick().await;
            match sweep(&db, days).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(conversations = n, "assistant: old conversations deleted"),
                Err(e) => tracing::warn!(error = %e, "assistant: sweeping old conversations failed"),
            }
        }
    });
}

fn chat_product(c: ProductCard) -> ChatProduct {
    ChatProduct {
        in_stock: c.stock > 0,
        has_variants: c.has_variants,
        image_url: c.image.map(|i| i.url),
        product_id: c.id,
        name: c.title,
        slug: c.slug,
        price: c.price,
    }
}
