//! SQL of `assistant_conversations` and `assistant_messages`.

use sqlx::FromRow;

use crate::server::db::{Conn, Query};
use crate::sql;

#[derive(Debug, Clone, FromRow)]
pub struct ConversationRow {
    pub id: String,
    pub user_id: Option<String>,
    pub visitor: Option<String>,
    pub title: String,
    pub misses: i64,
    pub escalated_at: Option<i64>,
    pub answered_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, FromRow)]
pub struct MessageRow {
    pub id: String,
    pub role: String,
    pub content: String,
    pub products: String,
    pub search: String,
    pub created_at: i64,
}

const CONVERSATION: &str = "SELECT id, user_id, visitor, title, misses, escalated_at, answered_at, created_at, updated_at \
     FROM assistant_conversations";

pub async fn conversation(c: &mut Conn, id: &str) -> Result<Option<ConversationRow>, sqlx::Error> {
    let mut q = Query::new(CONVERSATION);
    q.push(" WHERE id = ").push_bind(id);
    c.opt(&q).await
}

/// A person's (or a visitor's) conversations, newest first.
pub async fn owned(
    c: &mut Conn,
    user_id: Option<&str>,
    visitor: Option<&str>,
    limit: i64,
) -> Result<Vec<ConversationRow>, sqlx::Error> {
    let mut q = Query::new(CONVERSATION);
    match (user_id, visitor) {
        (Some(user), _) => q.push(" WHERE user_id = ").push_bind(user),
        (None, Some(visitor)) => q.push(" WHERE user_id IS NULL AND visitor = ").push_bind(visitor),
        (None, None) => return Ok(Vec::new()),
    };
    q.push(" ORDER BY updated_at DESC, id DESC LIMIT ").push_bind(limit);
    c.all(&q).await
}

pub async fn insert_conversation(
    c: &mut Conn,
    id: &str,
    user_id: Option<&str>,
    visitor: Option<&str>,
    title: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO assistant_conversations (id, user_id, visitor, title, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $5)",
        id,
        user_id,
        visitor,
        title,
        now
    ))
    .await?;
    Ok(())
}

/// After an answer: the run of answers that found nothing, and the time
/// (the owner is there: they just asked).
pub async fn touch(c: &mut Conn, id: &str, misses: i64, now: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE assistant_conversations SET misses = $2, updated_at = $3, owner_seen_at = $3 WHERE id = $1",
        id,
        misses,
        now
    ))
    .await?;
    Ok(())
}

/// Hand over to staff (once; a later hand-over keeps the first time but
/// waits for a new answer). True when it was not waiting already.
pub async fn escalate(c: &mut Conn, id: &str, now: i64) -> Result<bool, sqlx::Error> {
    let n = c
        .exec(&sql!(
            "UPDATE assistant_conversations SET escalated_at = $2, answered_at = NULL, updated_at = $2 \
             WHERE id = $1 AND (escalated_at IS NULL OR answered_at IS NOT NULL)",
            id,
            now
        ))
        .await?;
    Ok(n > 0)
}

pub async fn mark_answered(c: &mut Conn, id: &str, now: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE assistant_conversations SET answered_at = $2, updated_at = $2 WHERE id = $1",
        id,
        now
    ))
    .await?;
    Ok(())
}

#[derive(Clone, Copy)]
pub struct NewMessage<'a> {
    pub id: &'a str,
    pub conversation_id: &'a str,
    pub role: &'a str,
    pub content: &'a str,
    /// Product ids, a JSON array.
    pub products: &'a str,
    pub search: &'a str,
    pub author_id: Option<&'a str>,
    pub now: i64,
}

pub async fn insert_message(c: &mut Conn, m: &NewMessage<'_>) -> Result<(), sqlx::Error> {
    let NewMessage { id, conversation_id, role, content, products, search, author_id, now } = *m;
    c.exec(&sql!(
        "INSERT INTO assistant_messages (id, conversation_id, role, content, products, search, author_id, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        id,
        conversation_id,
        role,
        content,
        products,
        search,
        author_id,
        now
    ))
    .await?;
    Ok(())
}

/// A conversation's messages, oldest first (the last `limit`).
pub async fn messages(
    c: &mut Conn,
    conversation_id: &str,
    limit: i64,
) -> Result<Vec<MessageRow>, sqlx::Error> {
    let mut rows: Vec<MessageRow> = c
        .all(&sql!(
            "SELECT id, role, content, products, search, created_at FROM assistant_messages \
             WHERE conversation_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
            conversation_id,
            limit
        ))
        .await?;
    rows.reverse();
    Ok(rows)
}

/// Messages a person (or visitor) sent since `since` (unix ms).
pub async fn sent_since(
    c: &mut Conn,
    user_id: Option<&str>,
    visitor: Option<&str>,
    since: i64,
) -> Result<i64, sqlx::Error> {
    let mut q = Query::new(
        "SELECT COUNT(*) FROM assistant_messages m JOIN assistant_conversations c ON c.id = m.conversation_id \
         WHERE m.role = 'user' AND m.created_at >= ",
    );
    q.push_bind(since);
    match (user_id, visitor) {
        (Some(user), _) => q.push(" AND c.user_id = ").push_bind(user),
        (None, Some(visitor)) => q.push(" AND c.user_id IS NULL AND c.visitor = ").push_bind(visitor),
        (None, None) => return Ok(0),
    };
    c.scalar(&q).await
}

pub async fn delete(c: &mut Conn, id: &str) -> Result<(), sqlx::Error> {
    c.exec(&sql!("DELETE FROM assistant_conversations WHERE id = $1", id)).await?;
    Ok(())
}

/// Conversations not touched since `before` go (their messages with them).
pub async fn sweep(c: &mut Conn, before: i64) -> Result<u64, sqlx::Error> {
    c.exec(&sql!("DELETE FROM assistant_conversations WHERE updated_at < $1", before)).await
}

/// A visitor's conversations become the person's at sign-in.
pub async fn adopt(c: &mut Conn, visitor: &str, user_id: &str) -> Result<u64, sqlx::Error> {
    c.exec(&sql!(
        "UPDATE assistant_conversations SET user_id = $2, visitor = NULL WHERE visitor = $1 AND user_id IS NULL",
        visitor,
        user_id
    ))
    .await
}

#[derive(Debug, Clone, FromRow)]
pub struct EscalationRow {
    pub id: String,
    pub title: String,
    pub full_name: Option<String>,
    pub escalated_at: i64,
    pub answered_at: Option<i64>,
    pub last_message: Option<String>,
}

/// Handed-over conversations, those waiting first, then newest.
pub async fn escalations(c: &mut Conn, limit: i64) -> Result<Vec<EscalationRow>, sqlx::Error> {
    c.all(&sql!(
        "SELECT c.id, c.title, u.full_name, c.escalated_at, c.answered_at, \
         (SELECT m.content FROM assistant_messages m WHERE m.conversation_id = c.id AND m.role = 'user' \
          ORDER BY m.created_at DESC, m.id DESC LIMIT 1) AS last_message \
         FROM assistant_conversations c LEFT JOIN users u ON u.id = c.user_id \
         WHERE c.escalated_at IS NOT NULL \
         ORDER BY CASE WHEN c.answered_at IS NULL THEN 0 ELSE 1 END, c.escalated_at DESC LIMIT $1",
        limit
    ))
    .await
}

/// The owner's email and name, for mail about a staff reply.
/// The owner's address and name when they are a person who has not had the
/// conversation open since `away_since`.
pub async fn absent_owner(
    c: &mut Conn,
    conversation_id: &str,
    away_since: i64,
) -> Result<Option<(String, String)>, sqlx::Error> {
    c.opt(&sql!(
        "SELECT u.email, u.full_name FROM assistant_conversations c JOIN users u ON u.id = c.user_id \
         WHERE c.id = $1 AND (c.owner_seen_at IS NULL OR c.owner_seen_at < $2)",
        conversation_id,
        away_since
    ))
    .await
}

/// When the owner last had the conversation open (`None`: they left).
pub async fn owner_seen(c: &mut Conn, conversation_id: &str, now: Option<i64>) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE assistant_conversations SET owner_seen_at = $1 WHERE id = $2",
        now,
        conversation_id
    ))
    .await?;
    Ok(())
}
