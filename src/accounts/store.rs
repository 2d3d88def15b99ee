//! Where sessions live: a table in the shop's own database (SQLite or
//! PostgreSQL), through tower-sessions-sqlx-store, on the app's own pool.

use std::time::Duration;

use async_trait::async_trait;
use tower_sessions::SessionStore;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

use crate::error::AppError;
use crate::server::db::{Db, Pool};

/// The session store for whichever engine the shop runs on.
#[derive(Debug, Clone)]
pub enum DbSessionStore {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

impl DbSessionStore {
    /// The store on `db`'s pool; creates its table when missing.
    pub async fn connect(db: &Db) -> Result<Self, AppError> {
        let fail = |e: sqlx::Error| {
            tracing::error!(error = %e, "session store unavailable");
            AppError::Internal
        };
        let store = match db.pool() {
            Pool::Sqlite(pool) => {
                let store = SqliteStore::new(pool.clone());
                store.migrate().await.map_err(fail)?;
                Self::Sqlite(store)
            }
            Pool::Postgres(pool) => {
                let store = PostgresStore::new(pool.clone());
                store.migrate().await.map_err(fail)?;
                Self::Postgres(store)
            }
        };
        Ok(store)
    }

    /// Delete expired sessions every hour, for as long as the server runs.
    pub fn spawn_cleanup(&self) {
        let store = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(3600));
            loop {
                tick.tick().await;
                if let Err(e) = store.delete_expired().await {
                    tracing::warn!(error = %e, "could not delete expired sessions");
                }
            }
        });
    }
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            Self::Sqlite(s) => s.create(record).await,
            Self::Postgres(s) => s.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            Self::Sqlite(s) => s.save(record).await,
            Self::Postgres(s) => s.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            Self::Sqlite(s) => s.load(id).await,
            Self::Postgres(s) => s.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            Self::Sqlite(s) => s.delete(id).await,
            Self::Postgres(s) => s.delete(id).await,
        }
    }
}

#[async_trait]
impl ExpiredDeletion for DbSessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        match self {
            Self::Sqlite(s) => s.delete_expired().await,
            Self::Postgres(s) => s.delete_expired().await,
        }
    }
}
