//! `POST /theme`: the no-JavaScript path of the theme toggle. With JavaScript
//! the button flips the class and cookie in the browser and never posts.

use axum::Form;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::theme::{THEME_COOKIE, Theme};

#[derive(Deserialize)]
pub struct ThemeForm {
    #[serde(default)]
    theme: Option<String>,
}

pub async fn set_theme(headers: HeaderMap, Form(form): Form<ThemeForm>) -> Response {
    let current =
        headers.get(header::COOKIE).and_then(|c| c.to_str().ok()).and_then(Theme::from_cookie_header);
    let next = match form.theme.as_deref().and_then(Theme::parse) {
        Some(t) => t,
        None => current.unwrap_or(Theme::Light).toggled(),
    };
    // Back to the page the form was on — only its path, never another site.
    let back = headers
        .get(header::REFERER)
        .and_then(|r| r.to_str().ok())
        .and_then(|r| r.split_once("://").map(|(_, rest)| rest))
        .and_then(|rest| rest.find('/').map(|i| rest[i..].to_owned()))
        .filter(|p| p.starts_with('/') && !p.starts_with("//"))
        .unwrap_or_else(|| "/".to_owned());
    let mut res = (StatusCode::SEE_OTHER, [(header::LOCATION, back)]).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{THEME_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        next.as_str()
    )) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    res
}
