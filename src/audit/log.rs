//! Writing the audit log (in the caller's transaction) and reading it back.

use serde_json::{Map, Value};

use super::{AuditEntry, AuditFilter, Entity, FieldChange, PER_PAGE, db};
use crate::accounts::Viewer;
use crate::accounts::session::Device;
use crate::accounts::validate::Fields;
use crate::error::{AppError, AppResult};
use crate::server::db::Conn;
use crate::server::{new_id, now_ms};

/// Who acted: a signed-in person, or the shop itself (a scheduled job).
#[derive(Clone, Copy)]
pub enum Actor<'a> {
    Person(&'a Viewer, &'a Device),
    Shop,
}

impl<'a> Actor<'a> {
    /// The person, when it is one.
    pub fn viewer(self) -> Option<&'a Viewer> {
        match self {
            Self::Person(v, _) => Some(v),
            Self::Shop => None,
        }
    }
}

/// One change to record. `before` and `after` are JSON objects of the
/// entity's fields; only the fields that differ are kept.
pub struct Change<'a> {
    pub entity: Entity,
    pub entity_id: &'a str,
    pub action: &'a str,
    pub before: Value,
    pub after: Value,
}

/// The fields of two objects that differ, each side keeping its own value
/// (`null` where a side lacks the field). Non-objects compare whole.
pub fn diff(before: &Value, after: &Value) -> (Value, Value) {
    let (Value::Object(b), Value::Object(a)) = (before, after) else {
        return if before == after { (Value::Null, Value::Null) } else { (before.clone(), after.clone()) };
    };
    let (mut old, mut new) = (Map::new(), Map::new());
    for key in b.keys().chain(a.keys().filter(|k| !b.contains_key(*k))) {
        let (x, y) = (b.get(key).unwrap_or(&Value::Null), a.get(key).unwrap_or(&Value::Null));
        if x != y {
            old.insert(key.clone(), x.clone());
            new.insert(key.clone(), y.clone());
        }
    }
    (Value::Object(old), Value::Object(new))
}

fn unchanged(v: &Value) -> bool {
    v.is_null() || v.as_object().is_some_and(Map::is_empty)
}

/// Write one row for `change`, unless nothing changed. Call it in the
/// transaction that makes the change, so both land or neither does.
pub async fn record(c: &mut Conn, actor: Actor<'_>, change: Change<'_>) -> AppResult<()> {
    let (before, after) = diff(&change.before, &change.after);
    if unchanged(&before) && unchanged(&after) {
        return Ok(());
    }
    let (actor_id, role, ip, request_id) = match actor {
        Actor::Person(v, d) => (Some(v.id.as_str()), v.role.as_str(), d.ip_text(), d.request_id.as_str()),
        Actor::Shop => (None, "shop", String::new(), ""),
    };
    let (before_json, after_json) = (before.to_string(), after.to_string());
    let id = new_id();
    let row = db::NewRow {
        id: &id,
        actor_id,
        actor_role: role,
        entity: change.entity.as_str(),
        entity_id: change.entity_id,
        action: change.action,
        before_json: &before_json,
        after_json: &after_json,
        ip: &ip,
        request_id,
        now: now_ms(),
    };
    Ok(db::insert(c, &row).await?)
}

/// A back-office setting changed: `name` from `before` to `after`.
pub async fn setting(
    c: &mut Conn,
    actor: Actor<'_>,
    name: &str,
    before: Value,
    after: Value,
) -> AppResult<()> {
    let change =
        Change { entity: Entity::Setting, entity_id: name, action: "setting_changed", before, after };
    record(c, actor, change).await
}

/// A JSON value as a cell: strings bare, `null` empty, the rest as JSON.
fn text(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

fn changes(before: &str, after: &str) -> Vec<FieldChange> {
    let parse = |s: &str| serde_json::from_str::<Value>(s).unwrap_or(Value::Null);
    let (b, a) = (parse(before), parse(after));
    match (&b, &a) {
        (Value::Object(bm), Value::Object(am)) => bm
            .keys()
            .chain(am.keys().filter(|k| !bm.contains_key(*k)))
            .map(|k| FieldChange { field: k.clone(), before: text(bm.get(k)), after: text(am.get(k)) })
            .collect(),
        _ => vec![FieldChange { field: "value".into(), before: text(Some(&b)), after: text(Some(&a)) }],
    }
}

fn entry(r: db::Row) -> AuditEntry {
    AuditEntry {
        changes: changes(&r.before_json, &r.after_json),
        before_json: r.before_json,
        after_json: r.after_json,
        id: r.id,
        actor_email: r.actor_email.unwrap_or_default(),
        actor_id: r.actor_id,
        actor_role: r.actor_role,
        entity: r.entity,
        entity_id: r.entity_id,
        action: r.action,
        ip: r.ip,
        request_id: r.request_id,
        created_at: r.created_at,
    }
}

/// Rows under `filter`: one page (plus one more when there are older), or
/// `limit` rows from the first when given (the CSV export).
pub async fn search(c: &mut Conn, filter: &AuditFilter, limit: Option<i64>) -> AppResult<Vec<AuditEntry>> {
    let mut f = Fields::default();
    let entity = match filter.entity.trim() {
        "" => None,
        e => f.check(
            "entity",
            Entity::parse(e).ok_or_else(|| "Choose a kind of record from the list.".to_owned()),
        ),
    };
    let (from, to) = crate::dates::day_range(&filter.from, &filter.to, &mut f);
    f.finish()?;
    let actor = filter.actor.trim().to_lowercase();
    let (action, entity_id) = (filter.action.trim(), filter.entity_id.trim());
    for (field, v) in [("actor", actor.as_str()), ("action", action), ("entity_id", entity_id)] {
        if v.chars().count() > 100 {
            return Err(AppError::field(field, "Use at most 100 characters."));
        }
    }
    let some = |s: &str| (!s.is_empty()).then_some(s.to_owned());
    let (actor, action, entity_id) = (some(&actor), some(action), some(entity_id));
    let scope = db::Scope {
        actor: actor.as_deref(),
        entity: entity.map(Entity::as_str),
        entity_id: entity_id.as_deref(),
        action: action.as_deref(),
        from,
        to,
    };
    let per_page = i64::from(PER_PAGE);
    let (limit, offset) = match limit {
        Some(n) => (n, 0),
        None => (per_page + 1, i64::from(filter.page.clamp(1, 10_000) - 1) * per_page),
    };
    Ok(db::search(c, &scope, limit, offset).await?.into_iter().map(entry).collect())
}

/// The most rows one CSV export holds (the newest under the filters).
pub const EXPORT_ROWS: i64 = 50_000;

/// Rows under `filter` as a table, header first, for `analytics::export::file`.
pub async fn table(c: &mut Conn, filter: &AuditFilter) -> AppResult<Vec<Vec<String>>> {
    let head = [
        "created_at",
        "actor_id",
        "actor_email",
        "actor_role",
        "entity",
        "entity_id",
        "action",
        "field",
        "before",
        "after",
        "ip",
        "request_id",
    ];
    let mut rows = vec![head.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>()];
    for e in search(c, filter, Some(EXPORT_ROWS)).await? {
        let at = crate::dates::rfc3339(e.created_at);
        for ch in e.changes {
            rows.push(vec![
                at.clone(),
                e.actor_id.clone().unwrap_or_default(),
                e.actor_email.clone(),
                e.actor_role.clone(),
                e.entity.clone(),
                e.entity_id.clone(),
                e.action.clone(),
                ch.field,
                ch.before,
                ch.after,
                e.ip.clone(),
                e.request_id.clone(),
            ]);
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn diff_keeps_only_changed_fields() {
        let (b, a) =
            diff(&json!({"role": "customer", "name": "Ada"}), &json!({"role": "staff", "name": "Ada"}));
        assert_eq!((b, a), (json!({"role": "customer"}), json!({"role": "staff"})));
        let (b, a) = diff(&json!({}), &json!({"refund_minor": 500}));
        assert_eq!((b, a), (json!({"refund_minor": null}), json!({"refund_minor": 500})));
        let (b, a) = diff(&json!({"x": 1}), &json!({"x": 1}));
        assert!(unchanged(&b) && unchanged(&a));
    }

    #[test]
    fn stored_changes_read_as_text() {
        let got =
            changes(r#"{"price_minor":1200,"status":null}"#, r#"{"price_minor":990,"status":"active"}"#);
        assert_eq!(
            got[0],
            FieldChange { field: "price_minor".into(), before: "1200".into(), after: "990".into() }
        );
        assert_eq!(
            got[1],
            FieldChange { field: "status".into(), before: String::new(), after: "active".into() }
        );
    }
}
