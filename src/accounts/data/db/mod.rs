//! SQL of "my data": reading everything held about one person (each query
//! keyed by their id, so nothing of anyone else's can come back), and the
//! erasure that deleting the account is (`erase`).

pub mod erase;

use serde::Serialize;
use sqlx::FromRow;

use super::{at, at_opt};
use crate::server::db::Conn;
use crate::sql;

#[derive(Debug, Serialize, FromRow)]
pub struct Person {
    pub id: String,
    pub email: String,
    #[serde(serialize_with = "at_opt")]
    pub email_verified_at: Option<i64>,
    pub full_name: String,
    pub role: String,
    pub username: Option<String>,
    pub bio: String,
    pub gender: String,
    pub interests: String,
    pub skin_type: String,
    pub skin_concerns: String,
    pub avatar_media_id: Option<String>,
    #[serde(serialize_with = "at")]
    pub created_at: i64,
}

pub async fn person(c: &mut Conn, user_id: &str) -> Result<Option<Person>, sqlx::Error> {
    c.opt(&sql!(
        "SELECT u.id, u.email, u.email_verified_at, u.full_name, u.role, p.username, \
         COALESCE(p.bio, '') AS bio, COALESCE(p.gender, '') AS gender, \
         COALESCE(p.interests, '[]') AS interests, COALESCE(p.skin_type, '') AS skin_type, \
         COALESCE(p.skin_concerns, '[]') AS skin_concerns, p.avatar_media_id, u.created_at \
         FROM users u LEFT JOIN profiles p ON p.user_id = u.id WHERE u.id = $1",
        user_id
    ))
    .await
}

#[derive(Debug, Serialize, FromRow)]
pub struct Address {
    pub full_name: String,
    pub phone: String,
    pub address_line1: String,
    pub address_line2: String,
    pub city: String,
    pub state: String,
    pub postal_code: String,
    pub country: String,
    pub is_default: bool,
    #[serde(serialize_with = "at")]
    pub created_at: i64,
}

pub async fn addresses(c: &mut Conn, user_id: &str) -> Result<Vec<Address>, sqlx::Error> {
    c.all(&sql!(
        "SELECT full_name, phone, address_line1, address_line2, city, state, postal_code, country, \
         is_default, created_at FROM addresses WHERE user_id = $1 ORDER BY created_at, id",
        user_id
    ))
    .await
}

#[derive(Debug, Serialize, FromRow)]
pub struct Order {
    pub number: String,
    pub shop: String,
    pub status: String,
    pub payment_method: String,
    pub currency: String,
    pub subtotal_minor: i64,
    pub shipping_minor: i64,
    pub tax_minor: i64,
    pub discount_minor: i64,
    pub total_minor: i64,
    pub refunded_minor: i64,
    pub ship_name: String,
    pub ship_phone: String,
    pub ship_line1: String,
    pub ship_line2: String,
    pub ship_city: String,
    pub ship_region: String,
    pub ship_postal_code: String,
    pub ship_country: String,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    #[serde(serialize_with = "at")]
    pub created_at: i64,
}

pub async fn orders(c: &mut Conn, user_id: &str) -> Result<Vec<Order>, sqlx::Error> {
    c.all(&sql!(
        "SELECT o.number, s.shop_name AS shop, o.status, o.payment_method, o.currency, o.subtotal_minor, \
         o.shipping_minor, o.tax_minor, o.discount_minor, o.total_minor, o.refunded_minor, o.ship_name, \
         o.ship_phone, o.ship_line1, o.ship_line2, o.ship_city, o.ship_region, o.ship_postal_code, \
         o.ship_country, o.carrier, o.tracking_number, o.created_at \
         FROM orders o JOIN sellers s ON s.id = o.shop_id WHERE o.user_id = $1 ORDER BY o.created_at, o.id",
        user_id
    ))
    .await
}

#[derive(Debug, Serialize, FromRow)]
pub struct OrderLine {
    pub order_number: String,
    pub title: String,
    pub variant_title: String,
    pub sku: String,
    pub unit_price_minor: i64,
    pub quantity: i64,
    pub line_total_minor: i64,
    pub refunded_quantity: i64,
}

pub async fn order_lines(c: &mut Conn, user_id: &str) -> Result<Vec<OrderLine>, sqlx::Error> {
    c.all(&sql!(
        "SELECT o.number AS order_number, l.title, l.variant_title, l.sku, l.unit_price_minor, l.quantity, \
         l.line_total_minor, l.refunded_quantity FROM order_lines l JOIN orders o ON o.id = l.order_id \
         WHERE o.user_id = $1 ORDER BY o.created_at, o.id, l.id",
        user_id
    ))
    .await
}

#[derive(Debug, Serialize, FromRow)]
pub struct Review {
    pub product: String,
    pub rating: i64,
    pub title: String,
    pub body: String,
    pub verified_purchase: bool,
    pub helpful_count: i64,
    pub hidden: bool,
    pub hidden_reason: String,
    #[serde(serialize_with = "at")]
    pub created_at: i64,
    #[serde(serialize_with = "at")]
    pub updated_at: i64,
}

pub async fn reviews(c: &mut Conn, user_id: &str) -> Result<Vec<Review>, sqlx::Error> {
    c.all(&sql!(
        "SELECT p.title AS product, r.rating, r.title, r.body, r.verified_purchase, r.helpful_count, r.hidden, \
         r.hidden_reason, r.created_at, r.updated_at FROM product_reviews r JOIN products p ON p.id = r.product_id \
         WHERE r.user_id = $1 ORDER BY r.created_at, r.id",
        user_id
    ))
    .await
}

/// A saved or looked-at product, or a followed shop: a name and a time.
#[derive(Debug, Serialize, FromRow)]
pub struct Named {
    pub name: String,
    pub slug: String,
    #[serde(serialize_with = "at")]
    pub at: i64,
}

pub async fn wishlist(c: &mut Conn, user_id: &str) -> Result<Vec<Named>, sqlx::Error> {
    c.all(&sql!(
        "SELECT p.title AS name, p.slug, w.created_at AS at FROM wishlist_items w \
         JOIN products p ON p.id = w.product_id WHERE w.user_id = $1 ORDER BY w.created_at, p.id",
        user_id
    ))
    .await
}

pub async fn follows(c: &mut Conn, user_id: &str) -> Result<Vec<Named>, sqlx::Error> {
    c.all(&sql!(
        "SELECT s.shop_name AS name, s.slug, f.created_at AS at FROM follows f \
         JOIN sellers s ON s.id = f.seller_id WHERE f.user_id = $1 ORDER BY f.created_at, s.id",
        user_id
    ))
    .await
}

pub async fn viewed(c: &mut Conn, user_id: &str) -> Result<Vec<Named>, sqlx::Error> {
    c.all(&sql!(
        "SELECT p.title AS name, p.slug, v.viewed_at AS at FROM person_views v \
         JOIN products p ON p.id = v.product_id WHERE v.user_id = $1 ORDER BY v.viewed_at, p.id",
        user_id
    ))
    .await
}

/// One message of an assistant conversation: who spoke by role only (a
/// staff member's identity is theirs, not the customer's).
#[derive(Debug, Serialize, FromRow)]
pub struct AssistantMessage {
    pub conversation: String,
    pub conversation_title: String,
    pub role: String,
    pub content: String,
    #[serde(serialize_with = "at")]
    pub created_at: i64,
}

pub async fn assistant(c: &mut Conn, user_id: &str) -> Result<Vec<AssistantMessage>, sqlx::Error> {
    c.all(&sql!(
        "SELECT c.id AS conversation, c.title AS conversation_title, m.role, m.content, m.created_at \
         FROM assistant_messages m JOIN assistant_conversations c ON c.id = m.conversation_id \
         WHERE c.user_id = $1 ORDER BY c.created_at, c.id, m.created_at, m.id",
        user_id
    ))
    .await
}

#[derive(Debug, Serialize, FromRow)]
pub struct ChatMessage {
    pub stream: String,
    pub body: String,
    #[serde(serialize_with = "at")]
    pub created_at: i64,
    #[serde(serialize_with = "at_opt")]
    pub deleted_at: Option<i64>,
}

pub async fn chat(c: &mut Conn, user_id: &str) -> Result<Vec<ChatMessage>, sqlx::Error> {
    c.all(&sql!(
        "SELECT s.title AS stream, m.body, m.created_at, m.deleted_at FROM stream_messages m \
         JOIN streams s ON s.id = m.stream_id WHERE m.user_id = $1 ORDER BY m.created_at, m.id",
        user_id
    ))
    .await
}

#[derive(Debug, Serialize, FromRow)]
pub struct Event {
    pub kind: String,
    pub ip: String,
    pub user_agent: String,
    pub detail: String,
    #[serde(serialize_with = "at")]
    pub created_at: i64,
}

pub async fn events(c: &mut Conn, user_id: &str) -> Result<Vec<Event>, sqlx::Error> {
    c.all(&sql!(
        "SELECT kind, ip, user_agent, detail, created_at FROM security_events WHERE user_id = $1 \
         ORDER BY created_at, id",
        user_id
    ))
    .await
}

#[derive(Debug, Serialize, FromRow)]
pub struct Session {
    pub user_agent: String,
    pub ip: String,
    #[serde(serialize_with = "at")]
    pub created_at: i64,
    #[serde(serialize_with = "at")]
    pub last_seen_at: i64,
    #[serde(serialize_with = "at_opt")]
    pub ended_at: Option<i64>,
}

pub async fn sessions(c: &mut Conn, user_id: &str) -> Result<Vec<Session>, sqlx::Error> {
    c.all(&sql!(
        "SELECT user_agent, ip, created_at, last_seen_at, ended_at FROM user_sessions WHERE user_id = $1 \
         ORDER BY created_at, id",
        user_id
    ))
    .await
}

/// How many of each kind of thing is held about the person.
#[derive(Debug, FromRow)]
pub struct Counts {
    pub addresses: i64,
    pub orders: i64,
    pub reviews: i64,
    pub wishlist: i64,
    pub follows: i64,
    pub conversations: i64,
    pub events: i64,
}

pub async fn counts(c: &mut Conn, user_id: &str) -> Result<Counts, sqlx::Error> {
    c.one(&sql!(
        "SELECT (SELECT COUNT(*) FROM addresses WHERE user_id = $1) AS addresses, \
         (SELECT COUNT(*) FROM orders WHERE user_id = $1) AS orders, \
         (SELECT COUNT(*) FROM product_reviews WHERE user_id = $1) AS reviews, \
         (SELECT COUNT(*) FROM wishlist_items WHERE user_id = $1) AS wishlist, \
         (SELECT COUNT(*) FROM follows WHERE user_id = $1) AS follows, \
         (SELECT COUNT(*) FROM assistant_conversations WHERE user_id = $1) AS conversations, \
         (SELECT COUNT(*) FROM security_events WHERE user_id = $1) AS events",
        user_id
    ))
    .await
}
