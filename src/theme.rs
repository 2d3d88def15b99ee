//! Light/dark theme, remembered in a cookie so the server renders the right
//! class on `<html>` and there is no flash. No cookie means "follow the system".

/// Name of the preference cookie.
pub const THEME_COOKIE: &str = "theme";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "light" => Some(Self::Light),
            "dark" => Some(Self::Dark),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }

    pub fn toggled(self) -> Self {
        match self {
            Self::Light => Self::Dark,
            Self::Dark => Self::Light,
        }
    }

    /// Find the theme in a `Cookie:` header value.
    pub fn from_cookie_header(header: &str) -> Option<Self> {
        header
            .split(';')
            .filter_map(|kv| kv.trim().split_once('='))
            .find(|(k, _)| *k == THEME_COOKIE)
            .and_then(|(_, v)| Self::parse(v.trim()))
    }

    /// Class for `<html>`: `dark`, `light`, or `auto` (CSS follows the system).
    pub fn html_class(theme: Option<Self>) -> &'static str {
        theme.map(Self::as_str).unwrap_or("auto")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_cookie() {
        assert_eq!(Theme::from_cookie_header("a=1; theme=dark; b=2"), Some(Theme::Dark));
        assert_eq!(Theme::from_cookie_header("themes=dark"), None);
        assert_eq!(Theme::html_class(None), "auto");
        assert_eq!(Theme::Dark.toggled(), Theme::Light);
    }
}
