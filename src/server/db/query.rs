//! SQL text plus its bound values. Every query in Bazaar is written once,
//! with `$n` placeholders (which SQLite accepts too), and runs unchanged on
//! either engine: [`Conn`](super::Conn) binds the values to whichever typed
//! driver is behind it. Values are the portable types only — text, 64-bit
//! integers, booleans, bytes — each with a typed NULL, because PostgreSQL
//! wants to know what type a NULL parameter is.

use std::borrow::Cow;

/// A value bound to a placeholder.
#[derive(Debug, Clone, PartialEq)]
pub enum Bind {
    Text(Option<String>),
    Int(Option<i64>),
    Bool(Option<bool>),
    Bytes(Option<Vec<u8>>),
}

/// A statement and its values, in placeholder order.
#[derive(Debug, Clone, Default)]
pub struct Query {
    text: Cow<'static, str>,
    binds: Vec<Bind>,
}

impl Query {
    pub fn new(text: impl Into<Cow<'static, str>>) -> Self {
        Self { text: text.into(), binds: Vec::new() }
    }

    /// Bind the next placeholder written in the text (`$1`, `$2` …).
    #[must_use]
    pub fn bind(mut self, value: impl Into<Bind>) -> Self {
        self.binds.push(value.into());
        self
    }

    /// Append raw SQL (never user input).
    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.to_mut().push_str(text);
        self
    }

    /// Append a new placeholder bound to `value` (for text built piece by piece).
    pub fn push_bind(&mut self, value: impl Into<Bind>) -> &mut Self {
        self.binds.push(value.into());
        let n = self.binds.len();
        let text = self.text.to_mut();
        text.push('$');
        text.push_str(&n.to_string());
        self
    }

    /// Append `(…, …)` with one placeholder per value (for `IN`).
    pub fn push_list(&mut self, values: &[String]) -> &mut Self {
        self.push("(");
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.push_bind(v.as_str());
        }
        self.push(")")
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn binds(&self) -> &[Bind] {
        &self.binds
    }

    /// A copy sharing the text and binds so far, behind `prefix` (for a
    /// COUNT and a page query over the same filter).
    pub fn fork(&self, prefix: &str) -> Self {
        Self { text: format!("{prefix}{}", self.text).into(), binds: self.binds.clone() }
    }
}

/// `sql!("SELECT … WHERE a = $1 AND b = $2", a, b)`.
#[macro_export]
macro_rules! sql {
    ($text:expr $(, $arg:expr)* $(,)?) => {
        $crate::server::db::Query::new($text)$(.bind($arg))*
    };
}

macro_rules! bind_from {
    ($variant:ident: $($t:ty => $conv:expr),* $(,)?) => {
        $(impl From<$t> for Bind {
            fn from(v: $t) -> Self {
                #[allow(clippy::redundant_closure_call)]
                Bind::$variant(($conv)(v))
            }
        })*
    };
}

bind_from!(Text:
    &str => |v: &str| Some(v.to_owned()),
    String => Some,
    &String => |v: &String| Some(v.clone()),
    Option<&str> => |v: Option<&str>| v.map(str::to_owned),
    Option<String> => |v| v,
    &Option<String> => |v: &Option<String>| v.clone(),
    Option<&String> => |v: Option<&String>| v.cloned(),
);
bind_from!(Int:
    i64 => Some,
    Option<i64> => |v| v,
    i32 => |v: i32| Some(i64::from(v)),
    u32 => |v: u32| Some(i64::from(v)),
    usize => |v: usize| Some(i64::try_from(v).unwrap_or(i64::MAX)),
);
bind_from!(Bool:
    bool => Some,
    Option<bool> => |v| v,
);
bind_from!(Bytes:
    Vec<u8> => Some,
    &[u8] => |v: &[u8]| Some(v.to_vec()),
);

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
        let mut q = Query::new("SELECT 1 WHERE a = ");
        q.push_bind("x").push(" AND b = ").push_bind(2_i64);
        assert_eq!(q.text(), "SELECT 1 WHERE a = $1 AND b = $2");
        let count = q.fork("/*count*/ ");
        assert_eq!(count.text(), "/*count*/ SELECT 1 WHERE a = $1 AND b = $2");
        assert_eq!(count.binds(), &[Bind::Text(Some("x".into())), Bind::Int(Some(2))]);
    }

    #[test]
    fn the_macro_binds_in_order_with_typed_nulls() {
        let q = crate::sql!("UPDATE t SET a = $1, b = $2 WHERE c = $3", None::<String>, Some(3_i64), true);
        assert_eq!(q.binds(), &[Bind::Text(None), Bind::Int(Some(3)), Bind::Bool(Some(true))]);
    }

    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(like_escape("50%_off\\"), "50\\%\\_off\\\\");
    }
}
