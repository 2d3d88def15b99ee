//! The database handle: one `sqlx::AnyPool` over SQLite or PostgreSQL.
//!
//! Why `AnyPool` and not an enum of two pools: every query in Bazaar is
//! written once in portable SQL with `$n` placeholders, and `Any` runs that
//! same text on both backends, so there is exactly one code path to test.
//! The price is that only portable types cross the boundary (i64, f64,
//! String, bool, bytes) — which is what HOUSE_STYLE asks for anyway.

use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

use crate::error::AppError;

/// Migrations compiled into the binary.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Which engine is behind the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// Read the engine from a connection URL.
    pub fn from_url(url: &str) -> Result<Self, AppError> {
        if url.starts_with("sqlite:") {
            Ok(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self::Postgres)
        } else {
            Err(AppError::field("database_url", "must start with sqlite:// or postgres://"))
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }
}

/// Cheap to clone: the pool is reference counted.
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
}

impl Db {
    /// Connect (creating the SQLite file and its folder when missing).
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, AppError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)?;
        let url = match backend {
            Backend::Sqlite => sqlite_url(url)?,
            Backend::Postgres => url.to_owned(),
        };
        let options = AnyConnectOptions::from_str(&url).map_err(|e| {
            tracing::error!(error = %e, "bad database url");
            AppError::field("database_url", "is not a valid connection URL")
        })?;
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections.max(1))
            .min_connections(1)
            .acquire_timeout(Duration::from_secs(5))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers run beside the single writer; the busy
                        // timeout makes writers queue instead of failing. An 8 MiB
                        // page cache and memory-mapped reads keep hot pages out of
                        // read(2) calls under load.
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; \
                             PRAGMA cache_size = -8192; PRAGMA mmap_size = 67108864; \
                             PRAGMA temp_store = MEMORY;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .map_err(|e| {
                tracing::error!(error = %e, "cannot connect to the database");
                AppError::Internal
            })?;
        Ok(Self { pool, backend })
    }

    /// Apply every pending migration.
    pub async fn migrate(&self) -> Result<(), AppError> {
        MIGRATOR.run(&self.pool).await?;
        Ok(())
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The newest migration compiled into this binary.
    pub fn expected_migration() -> i64 {
        MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
    }

    /// The newest migration applied to the database (fails when unreachable).
    pub async fn applied_migration(&self) -> Result<i64, sqlx::Error> {
        let version: Option<i64> =
            sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = TRUE")
                .fetch_one(&self.pool)
                .await?;
        Ok(version.unwrap_or(0))
    }

    /// Wait for in-flight queries and close every connection.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Add `mode=rwc` so SQLite creates the file, and make its folder.
fn sqlite_url(url: &str) -> Result<String, AppError> {
    let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let (file, query) = path.split_once('?').unwrap_or((path, ""));
    if file != ":memory:"
        && let Some(dir) = std::path::Path::new(file).parent().filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).map_err(|e| {
            tracing::error!(error = %e, dir = %dir.display(), "cannot create the database folder");
            AppError::Internal
        })?;
    }
    Ok(if query.contains("mode=") {
        url.to_owned()
    } else if query.is_empty() {
        format!("sqlite://{file}?mode=rwc")
    } else {
        format!("sqlite://{file}?{query}&mode=rwc")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_from_url() {
        assert_eq!(Backend::from_url("sqlite://a.db").unwrap(), Backend::Sqlite);
        assert_eq!(Backend::from_url("postgres://h/d").unwrap(), Backend::Postgres);
        assert!(Backend::from_url("mysql://h/d").is_err());
    }

    #[test]
    fn sqlite_url_gets_create_mode() {
        assert_eq!(sqlite_url("sqlite://:memory:").unwrap(), "sqlite://:memory:?mode=rwc");
    }
}
