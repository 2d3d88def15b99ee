//! SQL of deleting an account: what must finish first, and the erasure.
//! The `users` row stays (orders, reviews and payments point at it) with
//! every personal field replaced; everything that only served the person
//! goes.

use crate::server::db::Conn;
use crate::sql;

/// Orders that are neither delivered nor ended: while they run, the shop
/// still needs the address (or the seller still owes the goods).
const OPEN: &str = "('pending', 'paid', 'processing', 'shipped')";

/// The person's own orders still on their way (numbers, oldest first).
pub async fn open_orders(c: &mut Conn, user_id: &str) -> Result<Vec<String>, sqlx::Error> {
    let text =
        format!("SELECT number FROM orders WHERE user_id = $1 AND status IN {OPEN} ORDER BY created_at, id");
    c.all::<(String,)>(&sql!(text, user_id)).await.map(|rows| rows.into_iter().map(|(n,)| n).collect())
}

/// Orders of the person's shop still to be fulfilled (numbers, oldest first).
pub async fn open_shop_orders(c: &mut Conn, user_id: &str) -> Result<Vec<String>, sqlx::Error> {
    let text = format!(
        "SELECT o.number FROM orders o JOIN sellers s ON s.id = o.shop_id \
         WHERE s.user_id = $1 AND o.status IN {OPEN} ORDER BY o.created_at, o.id"
    );
    c.all::<(String,)>(&sql!(text, user_id)).await.map(|rows| rows.into_iter().map(|(n,)| n).collect())
}

/// Whether the person is an administrator and no other live account is.
pub async fn last_admin(c: &mut Conn, user_id: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = c
        .scalar(&sql!(
            "SELECT COUNT(*) FROM users u WHERE u.id = $1 AND u.role = 'admin' AND NOT EXISTS \
             (SELECT 1 FROM users o WHERE o.role = 'admin' AND o.deleted_at IS NULL AND o.status = 'active' \
             AND o.id <> $1)",
            user_id
        ))
        .await?;
    Ok(n > 0)
}

/// The person's own things: addresses, saved and looked-at products, shops
/// followed (their follower counts go down), cart, assistant conversations,
/// sign-in secrets and links. Chat messages keep their place in a stream's
/// history, emptied and marked deleted.
pub async fn forget(c: &mut Conn, user_id: &str, now: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE sellers SET follower_count = follower_count - 1 \
         WHERE id IN (SELECT seller_id FROM follows WHERE user_id = $1) AND follower_count > 0",
        user_id
    ))
    .await?;
    for table in [
        "addresses",
        "wishlist_items",
        "wishlist_shares",
        "follows",
        "carts",
        "person_views",
        "chat_mutes",
        "stream_reminders",
        "person_notes",
        "campaign_recipients",
        "staff_invites",
        "notifications",
        "two_factor",
        "recovery_codes",
        "account_tokens",
    ] {
        c.exec(&sql!(format!("DELETE FROM {table} WHERE user_id = $1"), user_id)).await?;
    }
    c.exec(&sql!(
        "DELETE FROM assistant_messages WHERE conversation_id IN \
         (SELECT id FROM assistant_conversations WHERE user_id = $1)",
        user_id
    ))
    .await?;
    c.exec(&sql!("DELETE FROM assistant_conversations WHERE user_id = $1", user_id)).await?;
    c.exec(&sql!(
        "UPDATE stream_messages SET author = 'Former customer', body = '', \
         deleted_at = COALESCE(deleted_at, $2) WHERE user_id = $1",
        user_id,
        now
    ))
    .await?;
    c.exec(&sql!(
        "UPDATE user_sessions SET ended_at = COALESCE(ended_at, $2), ip = '', user_agent = '' WHERE user_id = $1",
        user_id,
        now
    ))
    .await?;
    Ok(())
}

/// Orders stay in the shops' books; who received them does not (the
/// country stays for the tax records). Touches the orders and analytics
/// tables: see the module note.
pub async fn anonymise_orders(c: &mut Conn, user_id: &str) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE orders SET ship_name = 'Former customer', ship_phone = '', ship_line1 = '', ship_line2 = '', \
         ship_city = '', ship_region = '', ship_postal_code = '' WHERE user_id = $1",
        user_id
    ))
    .await?;
    c.exec(&sql!("UPDATE checkouts SET client_secret = NULL WHERE user_id = $1", user_id)).await?;
    // Order histories name who moved an order ("Ada Lovelace (customer)").
    c.exec(&sql!("UPDATE order_events SET actor = 'Former customer' WHERE actor_id = $1", user_id)).await?;
    // The sales rollups keep the (now anonymous) buyer, not their beauty profile.
    c.exec(&sql!("UPDATE customer_days SET skin_type = '' WHERE user_id = $1", user_id)).await?;
    Ok(())
}

/// The profile back to empty; returns the avatar's media id, if any.
pub async fn clear_profile(c: &mut Conn, user_id: &str, now: i64) -> Result<Option<String>, sqlx::Error> {
    let avatar: Option<Option<String>> =
        c.scalar_opt(&sql!("SELECT avatar_media_id FROM profiles WHERE user_id = $1", user_id)).await?;
    c.exec(&sql!(
        "UPDATE profiles SET username = NULL, bio = '', gender = '', interests = '[]', skin_type = '', \
         skin_concerns = '[]', avatar_media_id = NULL, marketing_opt_in_at = NULL, updated_at = $2 \
         WHERE user_id = $1",
        user_id,
        now
    ))
    .await?;
    Ok(avatar.flatten())
}

/// Security history keeps what happened and when, not where from; failed
/// sign-ins typed with the address (no account id) lose it too.
pub async fn blank_events(
    c: &mut Conn,
    user_id: &str,
    email: &str,
    placeholder: &str,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE security_events SET email = $2, ip = '', user_agent = '', detail = '' WHERE user_id = $1",
        user_id,
        placeholder
    ))
    .await?;
    c.exec(&sql!(
        "UPDATE security_events SET email = '', ip = '', user_agent = '' WHERE user_id IS NULL AND email = $1",
        email
    ))
    .await?;
    let key = format!("email:{email}");
    c.exec(&sql!("DELETE FROM login_failures WHERE scope_key = $1", &key)).await?;
    c.exec(&sql!("DELETE FROM outbox WHERE recipient = $1", email)).await?;
    Ok(())
}

/// The account row itself: no address, name, password or role left, and
/// every session ended (the epoch moves on).
pub async fn erase_user(c: &mut Conn, user_id: &str, placeholder: &str, now: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE users SET email = $2, full_name = 'Former customer', password_hash = '!', role = 'customer', staff_areas = '', \
         email_verified_at = NULL, session_epoch = session_epoch + 1, deleted_at = $3, updated_at = $3 \
         WHERE id = $1",
        user_id,
        placeholder,
        now
    ))
    .await?;
    Ok(())
}

/// The person's shop closes: suspended, its products out of the shop
/// (archived, kept for the orders and reviews that point at them). Returns
/// the product ids, for the search index.
pub async fn close_shop(c: &mut Conn, user_id: &str, now: i64) -> Result<Vec<String>, sqlx::Error> {
    let ids: Vec<(String,)> = c
        .all(&sql!(
            "SELECT p.id FROM products p JOIN sellers s ON s.id = p.seller_id \
             WHERE s.user_id = $1 AND p.status <> 'archived'",
            user_id
        ))
        .await?;
    c.exec(&sql!(
        "UPDATE products SET status = 'archived', updated_at = $2 \
         WHERE seller_id IN (SELECT id FROM sellers WHERE user_id = $1) AND status <> 'archived'",
        user_id,
        now
    ))
    .await?;
    c.exec(&sql!(
        "UPDATE sellers SET status = 'suspended', updated_at = $2 WHERE user_id = $1",
        user_id,
        now
    ))
    .await?;
    Ok(ids.into_iter().map(|(id,)| id).collect())
}
