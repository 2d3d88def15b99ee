//! A tiny builder for queries whose WHERE clause depends on the input: it
//! numbers `$n` placeholders itself so the same text runs on SQLite and
//! PostgreSQL (sqlx's `QueryBuilder<Any>` would emit `?`, which Postgres rejects).

use sqlx::any::AnyArguments;
use sqlx::query::{QueryAs, QueryScalar};
use sqlx::{Any, FromRow};

/// A value bound to a placeholder.
#[derive(Debug, Clone, PartialEq)]
pub enum Bind {
    Text(String),
    Int(i64),
}

/// SQL text plus its bound values, in placeholder order.
#[derive(Debug, Default, Clone)]
pub struct Sql {
    text: String,
    binds: Vec<Bind>,
}

impl Sql {
    pub fn new(text: &str) -> Self {
        Self { text: text.to_owned(), binds: Vec::new() }
    }

    /// Append raw SQL (never user input).
    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Append a placeholder bound to `value`.
    pub fn bind(&mut self, value: Bind) -> &mut Self {
        self.binds.push(value);
        self.text.push('$');
        self.text.push_str(&self.binds.len().to_string());
        self
    }

    pub fn bind_text(&mut self, value: impl Into<String>) -> &mut Self {
        self.bind(Bind::Text(value.into()))
    }

    pub fn bind_int(&mut self, value: i64) -> &mut Self {
        self.bind(Bind::Int(value))
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// A copy sharing the text and binds so far (for COUNT + page queries).
    pub fn fork(&self, prefix: &str) -> Self {
        Self { text: format!("{prefix}{}", self.text), binds: self.binds.clone() }
    }

    pub fn query_as<'q, O>(&'q self) -> QueryAs<'q, Any, O, AnyArguments<'q>>
    where
        O: for<'r> FromRow<'r, sqlx::any::AnyRow>,
    {
        let mut q = sqlx::query_as(&self.text);
        for b in &self.binds {
            q = match b {
                Bind::Text(s) => q.bind(s.as_str()),
                Bind::Int(i) => q.bind(*i),
            };
        }
        q
    }

    pub fn query_scalar<'q, O>(&'q self) -> QueryScalar<'q, Any, O, AnyArguments<'q>>
    where
        (O,): for<'r> FromRow<'r, sqlx::any::AnyRow>,
    {
        let mut q = sqlx::query_scalar(&self.text);
        for b in &self.binds {
            q = match b {
                Bind::Text(s) => q.bind(s.as_str()),
                Bind::Int(i) => q.bind(*i),
            };
        }
        q
    }
}

/// Escape `%`, `_` and `\` for a `LIKE … ESCAPE '\'` pattern.
pub fn like_escape(term: &str) -> String {
    let mut out = String::with_capacity(term.len() + 2);
    for c in term.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_in_order() {
        let mut sql = Sql::new("SELECT 1 WHERE a = ");
        sql.bind_text("x").push(" AND b = ").bind_int(2);
        assert_eq!(sql.text(), "SELECT 1 WHERE a = $1 AND b = $2");
        let count = sql.fork("/*count*/ ");
        assert_eq!(count.text(), "/*count*/ SELECT 1 WHERE a = $1 AND b = $2");
    }

    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(like_escape("50%_off\\"), "50\\%\\_off\\\\");
    }
}
