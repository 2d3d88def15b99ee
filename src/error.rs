//! `AppError`: the one error type that crosses the wire, for server functions
//! (serialised as JSON) and the REST API (mapped to a status code + JSON body).

use std::collections::BTreeMap;

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// Field name → human message, shown next to the field.
pub type FieldErrors = BTreeMap<String, String>;

/// Every failure a caller can see. `Internal` carries no detail: the detail is
/// logged where the error is created and never leaves the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Please correct the highlighted fields.")]
    Validation(FieldErrors),
    #[error("{0} not found.")]
    NotFound(String),
    #[error("Please sign in to continue.")]
    Unauthorized,
    /// Wrong email or wrong password: the same words for both.
    #[error("That email and password do not match an account.")]
    InvalidCredentials,
    /// A one-time link (password reset, email check) unknown, used or expired.
    #[error("This link has expired or has already been used. Ask for a new one.")]
    InvalidToken,
    #[error("You do not have permission to do that.")]
    Forbidden,
    /// Staff and administrators must turn on two-step sign-in first (an
    /// administrator's setting).
    #[error("Turn on two-step sign-in first: your role needs it.")]
    TwoFactorRequired,
    /// The person has not proved their email address (the mailed link).
    #[error(
        "Confirm your email address first: use the link we mailed you, or ask for a new one on your account page."
    )]
    EmailUnverified,
    /// The account was switched off by an administrator (after a right password).
    #[error("This account is switched off. Ask the shop's team if you think that is a mistake.")]
    AccountDeactivated,
    #[error("{0}")]
    Conflict(String),
    /// Not enough in stock for what was asked ("Rose Bouquet: only 1 left.").
    #[error("{0}")]
    OutOfStock(String),
    #[error("{0}")]
    Payment(String),
    #[error("Too many attempts. Try again later.")]
    RateLimited { retry_after_secs: u64 },
    /// The route exists, the method does not.
    #[error("That method is not allowed here.")]
    MethodNotAllowed,
    /// The request body is larger than allowed.
    #[error("That request is too large.")]
    TooLarge,
    /// Too much work at once (e.g. password hashing); try again shortly.
    #[error("The shop is very busy right now. Please try again in a moment.")]
    Busy { retry_after_secs: u64 },
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
    /// The request never reached our code (network down, bad encoding).
    #[error("Could not reach the shop: {0}")]
    Transport(String),
}

impl AppError {
    /// A validation error on one field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        let mut map = FieldErrors::new();
        map.insert(field.to_owned(), message.into());
        Self::Validation(map)
    }

    /// Machine-readable code used on the REST API.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Validation(_) => "validation_failed",
            Self::NotFound(_) => "not_found",
            Self::Unauthorized => "unauthorized",
            Self::InvalidCredentials => "invalid_credentials",
            Self::InvalidToken => "invalid_token",
            Self::Forbidden => "forbidden",
            Self::TwoFactorRequired => "two_factor_required",
            Self::EmailUnverified => "email_unverified",
            Self::AccountDeactivated => "account_deactivated",
            Self::Conflict(_) => "conflict",
            Self::OutOfStock(_) => "out_of_stock",
            Self::Payment(_) => "payment_failed",
            Self::RateLimited { .. } => "rate_limited",
            Self::Busy { .. } => "busy",
            Self::TooLarge => "too_large",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::Internal => "internal",
            Self::Transport(_) => "transport",
        }
    }

    /// HTTP status for this error.
    pub fn status(&self) -> u16 {
        match self {
            Self::Validation(_) | Self::InvalidToken => 400,
            Self::Unauthorized | Self::InvalidCredentials => 401,
            Self::Payment(_) => 402,
            Self::Forbidden | Self::TwoFactorRequired | Self::EmailUnverified | Self::AccountDeactivated => {
                403
            }
            Self::NotFound(_) => 404,
            Self::Conflict(_) | Self::OutOfStock(_) => 409,
            Self::RateLimited { .. } => 429,
            Self::Busy { .. } => 503,
            Self::TooLarge => 413,
            Self::MethodNotAllowed => 405,
            Self::Internal | Self::Transport(_) => 500,
        }
    }

    /// Seconds a client should wait before trying again, for 429 and 503.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            Self::RateLimited { retry_after_secs } | Self::Busy { retry_after_secs } => {
                Some(*retry_after_secs)
            }
            _ => None,
        }
    }

    /// The message for one field, if this is a validation error about it.
    pub fn field_message(&self, field: &str) -> Option<String> {
        match self {
            Self::Validation(map) => map.get(field).cloned(),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(msg) | ServerFnErrorErr::MissingArg(msg) => Self::field("request", msg),
            other => Self::Transport(other.to_string()),
        }
    }
}

/// Result alias used across the crate.
pub type AppResult<T> = Result<T, AppError>;

#[cfg(feature = "ssr")]
mod ssr {
    use super::AppError;
    use axum::Json;
    use axum::http::{HeaderValue, StatusCode, header};
    use axum::response::{IntoResponse, Response};

    /// A database error the service did not turn into something better.
    /// `RowNotFound` means a query that must answer did not: a bug, not a
    /// 404 (reads that may miss use `opt`). A unique violation the service
    /// did not name is still the caller's conflict, never a 500.
    impl From<sqlx::Error> for AppError {
        fn from(err: sqlx::Error) -> Self {
            if crate::server::db::is_unique_violation(&err) {
                tracing::info!(error = %err, "unique violation");
                return AppError::Conflict("That already exists.".into());
            }
            tracing::error!(error = %err, "database error");
            AppError::Internal
        }
    }

    impl From<tantivy::TantivyError> for AppError {
        fn from(err: tantivy::TantivyError) -> Self {
            tracing::error!(error = %err, "search index error");
            AppError::Internal
        }
    }

    /// A file that could not be read or written (a report, a picture):
    /// logged here, a plain 500 to the client.
    impl From<std::io::Error> for AppError {
        fn from(err: std::io::Error) -> Self {
            tracing::error!(error = %err, "file error");
            AppError::Internal
        }
    }

    impl From<tokio::task::JoinError> for AppError {
        fn from(err: tokio::task::JoinError) -> Self {
            tracing::error!(error = %err, "background task failed");
            AppError::Internal
        }
    }

    impl From<sqlx::migrate::MigrateError> for AppError {
        fn from(err: sqlx::migrate::MigrateError) -> Self {
            tracing::error!(error = %err, "migration error");
            AppError::Internal
        }
    }

    /// The REST shape: `{"error":{"code","message","fields"}}`.
    impl IntoResponse for AppError {
        fn into_response(self) -> Response {
            let status = StatusCode::from_u16(self.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let fields = match &self {
                AppError::Validation(map) => serde_json::to_value(map).unwrap_or_default(),
                _ => serde_json::json!({}),
            };
            let body = serde_json::json!({
                "error": { "code": self.code(), "message": self.to_string(), "fields": fields }
            });
            let mut res = (status, Json(body)).into_response();
            if let Some(secs) = self.retry_after()
                && let Ok(v) = HeaderValue::from_str(&secs.to_string())
            {
                res.headers_mut().insert(header::RETRY_AFTER, v);
            }
            res
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_errors_carry_their_message() {
        let err = AppError::field("email", "is taken");
        assert_eq!(err.field_message("email").as_deref(), Some("is taken"));
        assert_eq!(err.field_message("name"), None);
        assert_eq!(err.status(), 400);
    }

    #[test]
    fn internal_errors_are_opaque() {
        assert!(!AppError::Internal.to_string().contains("sql"));
        assert_eq!(AppError::Internal.code(), "internal");
    }
}
