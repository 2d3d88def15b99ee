//! The `reports` table: asked for, claimed by a node, progress, done or
//! failed, swept when expired. The lists' own SQL is `lists`'.

pub mod lists;

use crate::server::db::Conn;
use crate::sql;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReportRow {
    pub id: String,
    pub kind: String,
    pub format: String,
    pub shop_id: Option<String>,
    pub start_day: String,
    pub end_day: String,
    pub requested_by: String,
    pub status: String,
    pub rows_written: i64,
    pub total_rows: i64,
    pub file_key: Option<String>,
    pub byte_size: i64,
    pub error: Option<String>,
    pub created_at: i64,
    pub expires_at: i64,
    pub shop_name: Option<String>,
}

const COLUMNS: &str = "SELECT r.id, r.kind, r.format, r.shop_id, r.start_day, r.end_day, r.requested_by, r.status, \
     r.rows_written, r.total_rows, r.file_key, r.byte_size, r.error, r.created_at, r.expires_at, s.shop_name \
     FROM reports r LEFT JOIN sellers s ON s.id = r.shop_id";

pub struct NewReport<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub format: &'a str,
    pub shop_id: Option<&'a str>,
    pub start_day: &'a str,
    pub end_day: &'a str,
    pub requested_by: &'a str,
    pub now: i64,
    pub expires_at: i64,
}

pub async fn insert(c: &mut Conn, r: &NewReport<'_>) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "INSERT INTO reports (id, kind, format, shop_id, start_day, end_day, requested_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        r.id,
        r.kind,
        r.format,
        r.shop_id,
        r.start_day,
        r.end_day,
        r.requested_by,
        r.now,
        r.expires_at
    ))
    .await?;
    Ok(())
}

pub async fn get(c: &mut Conn, id: &str) -> Result<Option<ReportRow>, sqlx::Error> {
    let mut q = crate::server::db::Query::new(COLUMNS);
    q.push(" WHERE r.id = ").push_bind(id);
    c.opt(&q).await
}

/// The newest reports someone asked for.
pub async fn of_person(c: &mut Conn, user_id: &str, limit: i64) -> Result<Vec<ReportRow>, sqlx::Error> {
    let mut q = crate::server::db::Query::new(COLUMNS);
    q.push(" WHERE r.requested_by = ").push_bind(user_id);
    q.push(" ORDER BY r.created_at DESC, r.id DESC LIMIT ").push_bind(limit);
    c.all(&q).await
}

/// Take the oldest queued report (or one whose runner stopped beating
/// before `stale_before`); `None` when there is none or another node won.
pub async fn claim(c: &mut Conn, now: i64, stale_before: i64) -> Result<Option<String>, sqlx::Error> {
    let next: Option<String> = c
        .scalar_opt(&sql!(
            "SELECT id FROM reports WHERE status = 'queued' OR (status = 'running' AND beat_at < $1) \
             ORDER BY created_at LIMIT 1",
            stale_before
        ))
        .await?;
    let Some(id) = next else { return Ok(None) };
    let won = c
        .exec(&sql!(
            "UPDATE reports SET status = 'running', beat_at = $2, rows_written = 0 \
             WHERE id = $1 AND (status = 'queued' OR (status = 'running' AND beat_at < $3))",
            id.as_str(),
            now,
            stale_before
        ))
        .await?;
    Ok((won == 1).then_some(id))
}

pub async fn progress(c: &mut Conn, id: &str, written: i64, total: i64, now: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE reports SET rows_written = $2, total_rows = $3, beat_at = $4 WHERE id = $1",
        id,
        written,
        total,
        now
    ))
    .await?;
    Ok(())
}

pub async fn done(
    c: &mut Conn,
    id: &str,
    key: &str,
    written: i64,
    bytes: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE reports SET status = 'done', file_key = $2, rows_written = $3, total_rows = $3, byte_size = $4, \
         finished_at = $5 WHERE id = $1",
        id,
        key,
        written,
        bytes,
        now
    ))
    .await?;
    Ok(())
}

pub async fn failed(c: &mut Conn, id: &str, error: &str, now: i64) -> Result<(), sqlx::Error> {
    c.exec(&sql!(
        "UPDATE reports SET status = 'failed', error = $2, finished_at = $3 WHERE id = $1",
        id,
        error,
        now
    ))
    .await?;
    Ok(())
}

/// Reports past their keeping: (id, file key).
pub async fn expired(c: &mut Conn, now: i64) -> Result<Vec<(String, Option<String>)>, sqlx::Error> {
    c.all(&sql!("SELECT id, file_key FROM reports WHERE expires_at < $1", now)).await
}

pub async fn delete(c: &mut Conn, id: &str) -> Result<(), sqlx::Error> {
    c.exec(&sql!("DELETE FROM reports WHERE id = $1", id)).await?;
    Ok(())
}

/// A person's role now (`None`: gone).
pub async fn role_of(c: &mut Conn, user_id: &str) -> Result<Option<String>, sqlx::Error> {
    c.scalar_opt(&sql!("SELECT role FROM users WHERE id = $1", user_id)).await
}
