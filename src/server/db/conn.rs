//! A connection of either engine, plain or inside a transaction, and the
//! few ways a [`Query`] runs on it. Rows are ordinary `#[derive(FromRow)]`
//! structs: sqlx's derive is generic over the row type, so one struct
//! decodes from SQLite and PostgreSQL alike.

use std::ops::{Deref, DerefMut};

use sqlx::pool::PoolConnection;
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::{Decode, FromRow, PgConnection, Postgres, Sqlite, SqliteConnection, Transaction, Type};
use tokio::sync::OwnedSemaphorePermit;

use super::notify::Notifier;
use super::query::{Bind, Query};

/// A row type that decodes from both engines.
pub trait Row: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin {}
impl<T> Row for T where T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin {}

/// A single-column value that decodes from both engines.
pub trait Scalar:
    for<'r> Decode<'r, Sqlite> + Type<Sqlite> + for<'r> Decode<'r, Postgres> + Type<Postgres> + Send + Unpin
{
}
impl<T> Scalar for T where
    T: for<'r> Decode<'r, Sqlite>
        + Type<Sqlite>
        + for<'r> Decode<'r, Postgres>
        + Type<Postgres>
        + Send
        + Unpin
{
}

pub(super) enum Inner {
    Sqlite(PoolConnection<Sqlite>),
    SqliteTx(Transaction<'static, Sqlite>),
    Postgres(PoolConnection<Postgres>),
    PostgresTx(Transaction<'static, Postgres>),
}

/// A pooled connection, or the connection of an open transaction (see [`Tx`]).
pub struct Conn(pub(super) Inner);

enum Raw<'a> {
    Sqlite(&'a mut SqliteConnection),
    Postgres(&'a mut PgConnection),
}

/// Bind every value of `$q` onto the sqlx query `$builder`.
macro_rules! bound {
    ($builder:expr, $q:expr) => {{
        let mut b = $builder;
        for v in $q.binds() {
            b = match v {
                Bind::Text(s) => b.bind(s.as_deref()),
                Bind::Int(i) => b.bind(*i),
                Bind::Bool(x) => b.bind(*x),
                Bind::Bytes(x) => b.bind(x.as_deref()),
            };
        }
        b
    }};
}

/// Run `$body` with `$c` bound to the raw connection and `$db` to its
/// engine type: the same text compiles once per engine.
macro_rules! on_engine {
    ($conn:expr, |$c:ident, $db:ident| $body:expr) => {
        match $conn.raw() {
            Raw::Sqlite($c) => {
                type $db = Sqlite;
                $body
            }
            Raw::Postgres($c) => {
                type $db = Postgres;
                $body
            }
        }
    };
}

impl Conn {
    fn raw(&mut self) -> Raw<'_> {
        match &mut self.0 {
            Inner::Sqlite(c) => Raw::Sqlite(c),
            Inner::SqliteTx(t) => Raw::Sqlite(t),
            Inner::Postgres(c) => Raw::Postgres(c),
            Inner::PostgresTx(t) => Raw::Postgres(t),
        }
    }

    /// Every row.
    pub async fn all<T: Row>(&mut self, q: &Query) -> Result<Vec<T>, sqlx::Error> {
        on_engine!(self, |c, D| bound!(sqlx::query_as::<D, T>(q.text()), q).fetch_all(c).await)
    }

    /// The first row, if any.
    pub async fn opt<T: Row>(&mut self, q: &Query) -> Result<Option<T>, sqlx::Error> {
        on_engine!(self, |c, D| bound!(sqlx::query_as::<D, T>(q.text()), q).fetch_optional(c).await)
    }

    /// Exactly one row: for queries that always answer (`COUNT`, `RETURNING`
    /// after a checked write). A missing row is a bug, reported as `Internal`.
    pub async fn one<T: Row>(&mut self, q: &Query) -> Result<T, sqlx::Error> {
        on_engine!(self, |c, D| bound!(sqlx::query_as::<D, T>(q.text()), q).fetch_one(c).await)
    }

    /// The first column of the one row.
    pub async fn scalar<T: Scalar>(&mut self, q: &Query) -> Result<T, sqlx::Error> {
        on_engine!(self, |c, D| bound!(sqlx::query_scalar::<D, T>(q.text()), q).fetch_one(c).await)
    }

    /// The first column of the first row, if any.
    pub async fn scalar_opt<T: Scalar>(&mut self, q: &Query) -> Result<Option<T>, sqlx::Error> {
        on_engine!(self, |c, D| bound!(sqlx::query_scalar::<D, T>(q.text()), q).fetch_optional(c).await)
    }

    /// Run a statement; returns the rows it changed.
    pub async fn exec(&mut self, q: &Query) -> Result<u64, sqlx::Error> {
        on_engine!(self, |c, D| Ok(bound!(sqlx::query::<D>(q.text()), q).execute(c).await?.rows_affected()))
    }
}

/// A write transaction. On SQLite it began with `BEGIN IMMEDIATE` and holds
/// the process's writer permit, so read-then-write inside it never fails
/// with "database is locked". Dropped without [`Tx::commit`], it rolls back.
pub struct Tx {
    pub(super) conn: Conn,
    pub(super) _permit: Option<OwnedSemaphorePermit>,
    pub(super) notifier: Notifier,
    /// Notifications for SQLite's in-process hub, sent after commit.
    pub(super) pending: Vec<(String, String)>,
}

impl Deref for Tx {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        &self.conn
    }
}

impl DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut Conn {
        &mut self.conn
    }
}

impl Tx {
    /// Tell every listener on `channel` once this transaction commits
    /// (PostgreSQL NOTIFY; the in-process hub on SQLite).
    pub async fn notify(&mut self, channel: &str, payload: &str) -> Result<(), sqlx::Error> {
        match self.conn.0 {
            Inner::PostgresTx(_) => {
                self.conn.exec(&crate::sql!("SELECT pg_notify($1, $2)", channel, payload)).await?;
            }
            _ => self.pending.push((channel.to_owned(), payload.to_owned())),
        }
        Ok(())
    }

    /// Tell this process's listeners on `channel` once this transaction
    /// commits (never other nodes; nothing is sent if it rolls back).
    pub fn after_commit_here(&mut self, channel: &str, payload: &str) {
        self.pending.push((channel.to_owned(), payload.to_owned()));
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self.conn.0 {
            Inner::SqliteTx(t) => t.commit().await?,
            Inner::PostgresTx(t) => t.commit().await?,
            Inner::Sqlite(_) | Inner::Postgres(_) => {}
        }
        for (channel, payload) in self.pending {
            self.notifier.publish_local(&channel, payload);
        }
        Ok(())
    }
}
