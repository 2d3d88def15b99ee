//! Whose cart a request touches: the signed-in person's, or the visitor's
//! whose id the session holds (made on the first add, so browsing alone
//! never creates a session). At sign-in the visitor's lines move over.

use tower_sessions::Session;

use super::service;
use crate::accounts::Viewer;
use crate::error::{AppError, AppResult};
use crate::server::db::{Conn, Db, Tx};

/// The session key holding a visitor's cart id.
const KEY: &str = "cart";

fn store_error(e: tower_sessions::session::Error) -> AppError {
    tracing::error!(error = %e, "session store error");
    AppError::Internal
}

async fn visitor_id(session: &Session) -> AppResult<Option<String>> {
    session.get::<String>(KEY).await.map_err(store_error)
}

/// The cart id to read, if there is a cart.
pub async fn find(c: &mut Conn, session: &Session, viewer: Option<&Viewer>) -> AppResult<Option<String>> {
    match viewer {
        Some(v) => Ok(super::db::user_cart(c, &v.id).await?),
        None => match visitor_id(session).await? {
            Some(id) => Ok(super::db::visitor_cart(c, &id).await?),
            None => Ok(None),
        },
    }
}

/// The cart id to change, made when missing (a visitor's goes into the
/// session; if the transaction rolls back, the next request makes another).
pub async fn find_or_make(tx: &mut Tx, session: &Session, viewer: Option<&Viewer>) -> AppResult<String> {
    if let Some(v) = viewer {
        return service::person_cart(tx, &v.id).await;
    }
    if let Some(id) = find(tx, session, None).await? {
        return Ok(id);
    }
    let id = service::visitor_cart(tx).await?;
    session.insert(KEY, &id).await.map_err(store_error)?;
    Ok(id)
}

/// Called at sign-in (after the session id cycles): the visitor's lines
/// join the person's cart and the visitor cart is forgotten.
pub async fn adopt(db: &Db, session: &Session, user_id: &str) -> AppResult<()> {
    let Some(visitor) = visitor_id(session).await? else {
        return Ok(());
    };
    db.write(async |tx| service::merge(tx, &visitor, user_id).await).await?;
    session.remove::<String>(KEY).await.map_err(store_error)?;
    Ok(())
}
