//! Audit log SQL: one INSERT, one filtered read, and the triggers that make
//! the table append-only. The table is portable; the triggers are not (the
//! two engines spell them differently), so `seal` writes each engine's.

use sqlx::FromRow;

use crate::server::db::{Backend, Conn, Query, like_escape};
use crate::sql;

/// A row to write.
pub struct NewRow<'a> {
    pub id: &'a str,
    pub actor_id: Option<&'a str>,
    pub actor_role: &'a str,
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub action: &'a str,
    pub before_json: &'a str,
    pub after_json: &'a str,
    pub ip: &'a str,
    pub request_id: &'a str,
    pub now: i64,
}

pub async fn insert(c: &mut Conn, r: &NewRow<'_>) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO audit_log (id, actor_id, actor_role, entity, entity_id, action, before_json, after_json, \
         ip, request_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        r.id,
        r.actor_id,
        r.actor_role,
        r.entity,
        r.entity_id,
        r.action,
        r.before_json,
        r.after_json,
        r.ip,
        r.request_id,
        r.now
    ))
    .await?;
    Ok(())
}

#[derive(Debug, FromRow)]
pub struct Row {
    pub id: String,
    pub actor_id: Option<String>,
    pub actor_email: Option<String>,
    pub actor_role: String,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    pub before_json: String,
    pub after_json: String,
    pub ip: String,
    pub request_id: String,
    pub created_at: i64,
}

/// The read's filters, checked.
#[derive(Default)]
pub struct Scope<'a> {
    /// Part of the actor's email (lowercase), or their exact id.
    pub actor: Option<&'a str>,
    pub entity: Option<&'a str>,
    pub entity_id: Option<&'a str>,
    pub action: Option<&'a str>,
    pub from: Option<i64>,
    pub to: Option<i64>,
}

/// Rows under `scope`, newest first.
pub async fn search(
    c: &mut Conn,
    scope: &Scope<'_>,
    limit: i64,
    offset: i64,
) -> Result<Vec<Row>, sqlx::Error> {
    let mut q = Query::new(
        "SELECT a.id, a.actor_id, u.email AS actor_email, a.actor_role, a.entity, a.entity_id, a.action, \
         a.before_json, a.after_json, a.ip, a.request_id, a.created_at \
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id WHERE 1 = 1",
    );
    if let Some(who) = scope.actor {
        let like = format!("%{}%", like_escape(who));
        q.push(" AND (a.actor_id = ").push_bind(who).push(" OR LOWER(u.email) LIKE ").push_bind(like);
        q.push(" ESCAPE '\\')");
    }
    if let Some(entity) = scope.entity {
        q.push(" AND a.entity = ").push_bind(entity);
    }
    if let Some(id) = scope.entity_id {
        q.push(" AND a.entity_id = ").push_bind(id);
    }
    if let Some(action) = scope.action {
        q.push(" AND a.action = ").push_bind(action);
    }
    if let Some(t) = scope.from {
        q.push(" AND a.created_at >= ").push_bind(t);
    }
    if let Some(t) = scope.to {
        q.push(" AND a.created_at < ").push_bind(t);
    }
    q.push(" ORDER BY a.created_at DESC, a.id DESC LIMIT ")
        .push_bind(limit)
        .push(" OFFSET ")
        .push_bind(offset);
    c.all(&q).await
}

/// Make the table refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL).
/// Idempotent; run after the migrations at every start. On PostgreSQL an
/// advisory lock keeps two nodes starting at once from racing.
pub async fn seal(c: &mut Conn, backend: Backend) -> Result<(), sqlx::Error> {
    match backend {
        Backend::Sqlite => {
            for op in ["UPDATE", "DELETE"] {
                c.exec(&Query::new(format!(
                    "CREATE TRIGGER IF NOT EXISTS audit_log_no_{} BEFORE {op} ON audit_log \
                     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
                    op.to_lowercase()
                )))
                .await?;
            }
        }
        Backend::Postgres => {
            c.exec(&sql!("SELECT pg_advisory_xact_lock(727274)")).await?;
            let made: i64 = c
                .scalar(&sql!(
                    "SELECT COUNT(*) FROM pg_trigger \
                     WHERE tgname = 'audit_log_append_only' AND tgrelid = 'audit_log'::regclass"
                ))
                .await?;
            if made > 0 {
                return Ok(());
            }
            c.exec(&sql!(
                "CREATE OR REPLACE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS \
                 'BEGIN RAISE EXCEPTION ''audit_log is append-only''; END'"
            ))
            .await?;
            c.exec(&sql!(
                "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log \
                 FOR EACH ROW EXECUTE FUNCTION audit_log_refuse()"
            ))
            .await?;
            c.exec(&sql!(
                "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log \
                 FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse()"
            ))
            .await?;
        }
    }
    Ok(())
}
