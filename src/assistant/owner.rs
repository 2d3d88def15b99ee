//! Whose conversations a request sees: the signed-in person's, or the
//! visitor's whose key the session holds (made with their first message).
//! At sign-in the visitor's conversations become the person's.

use tower_sessions::Session;

use crate::accounts::Viewer;
use crate::error::{AppError, AppResult};
use crate::server::db::Db;
use crate::server::new_id;

/// The session key holding a visitor's assistant key.
const KEY: &str = "assistant";

fn store_error(e: tower_sessions::session::Error) -> AppError {
    tracing::error!(error = %e, "session store error");
    AppError::Internal
}

/// Who asks: a person, or a visitor's key (`None` for a visitor who has
/// not written yet, unless `make`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asker {
    Person { id: String, name: String },
    Visitor(Option<String>),
}

impl Asker {
    pub fn user_id(&self) -> Option<&str> {
        match self {
            Self::Person { id, .. } => Some(id),
            Self::Visitor(_) => None,
        }
    }

    pub fn visitor(&self) -> Option<&str> {
        match self {
            Self::Person { .. } => None,
            Self::Visitor(key) => key.as_deref(),
        }
    }
}

pub async fn asker(session: &Session, viewer: Option<&Viewer>, make: bool) -> AppResult<Asker> {
    if let Some(v) = viewer {
        return Ok(Asker::Person { id: v.id.clone(), name: v.full_name.clone() });
    }
    let key = session.get::<String>(KEY).await.map_err(store_error)?;
    match key {
        Some(k) => Ok(Asker::Visitor(Some(k))),
        None if make => {
            let k = new_id();
            session.insert(KEY, &k).await.map_err(store_error)?;
            Ok(Asker::Visitor(Some(k)))
        }
        None => Ok(Asker::Visitor(None)),
    }
}

/// Called at sign-in: the visitor's conversations follow them.
pub async fn adopt(db: &Db, session: &Session, user_id: &str) -> AppResult<()> {
    let Some(key) = session.get::<String>(KEY).await.map_err(store_error)? else { return Ok(()) };
    db.write(async |tx| Ok(super::db::adopt(tx, &key, user_id).await?)).await?;
    session.remove::<String>(KEY).await.map_err(store_error)?;
    Ok(())
}
