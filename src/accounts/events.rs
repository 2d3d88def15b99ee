//! Security events as people see them: their own on /account/security,
//! everyone's on /admin/security. Shared by the server and the browser;
//! recording lives in `audit.rs`.

use serde::{Deserialize, Serialize};

/// What happened. Stored by its `as_str` name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SecurityKind {
    SignIn,
    SignInFailed,
    SignInThrottled,
    SignOut,
    PasswordChanged,
    PasswordResetRequested,
    PasswordResetUsed,
    SessionRevoked,
    OtherSessionsRevoked,
    TwoFactorEnabled,
    TwoFactorDisabled,
    TwoFactorFailed,
    RecoveryCodeUsed,
    PolicyChanged,
    EmailVerified,
    EmailChangeRequested,
    EmailChanged,
    DataExported,
    AccountDeleted,
    RoleChanged,
}

impl SecurityKind {
    pub const ALL: [Self; 20] = [
        Self::SignIn,
        Self::SignInFailed,
        Self::SignInThrottled,
        Self::SignOut,
        Self::PasswordChanged,
        Self::PasswordResetRequested,
        Self::PasswordResetUsed,
        Self::SessionRevoked,
        Self::OtherSessionsRevoked,
        Self::TwoFactorEnabled,
        Self::TwoFactorDisabled,
        Self::TwoFactorFailed,
        Self::RecoveryCodeUsed,
        Self::PolicyChanged,
        Self::EmailVerified,
        Self::EmailChangeRequested,
        Self::EmailChanged,
        Self::DataExported,
        Self::AccountDeleted,
        Self::RoleChanged,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::SignIn => "sign_in",
            Self::SignInFailed => "sign_in_failed",
            Self::SignInThrottled => "sign_in_throttled",
            Self::SignOut => "sign_out",
            Self::PasswordChanged => "password_changed",
            Self::PasswordResetRequested => "password_reset_requested",
            Self::PasswordResetUsed => "password_reset_used",
            Self::SessionRevoked => "session_revoked",
            Self::OtherSessionsRevoked => "other_sessions_revoked",
            Self::TwoFactorEnabled => "two_factor_enabled",
            Self::TwoFactorDisabled => "two_factor_disabled",
            Self::TwoFactorFailed => "two_factor_failed",
            Self::RecoveryCodeUsed => "recovery_code_used",
            Self::PolicyChanged => "policy_changed",
            Self::EmailVerified => "email_verified",
            Self::EmailChangeRequested => "email_change_requested",
            Self::EmailChanged => "email_changed",
            Self::DataExported => "data_exported",
            Self::AccountDeleted => "account_deleted",
            Self::RoleChanged => "role_changed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::SignIn => "Signed in",
            Self::SignInFailed => "Wrong password",
            Self::SignInThrottled => "Sign-in paused after many failures",
            Self::SignOut => "Signed out",
            Self::PasswordChanged => "Password changed",
            Self::PasswordResetRequested => "Password reset link sent",
            Self::PasswordResetUsed => "Password reset by link",
            Self::SessionRevoked => "A session was signed out",
            Self::OtherSessionsRevoked => "Every other session signed out",
            Self::TwoFactorEnabled => "Two-step sign-in turned on",
            Self::TwoFactorDisabled => "Two-step sign-in turned off",
            Self::TwoFactorFailed => "Wrong two-step code",
            Self::RecoveryCodeUsed => "Recovery code used",
            Self::PolicyChanged => "Security setting changed",
            Self::EmailVerified => "Email address confirmed",
            Self::EmailChangeRequested => "Email change asked",
            Self::EmailChanged => "Email address changed",
            Self::DataExported => "Data downloaded",
            Self::AccountDeleted => "Account deleted",
            Self::RoleChanged => "Role changed",
        }
    }

    /// Worth a second look: shown in amber.
    pub fn is_warning(self) -> bool {
        matches!(
            self,
            Self::SignInFailed
                | Self::SignInThrottled
                | Self::TwoFactorFailed
                | Self::TwoFactorDisabled
                | Self::RecoveryCodeUsed
                | Self::RoleChanged
        )
    }
}

/// One event as listed (times are unix ms). `email` is the account's
/// address, or the address typed when it has no account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SecurityEvent {
    pub id: String,
    pub kind: SecurityKind,
    pub email: String,
    pub ip: String,
    /// "Firefox on Windows", from the user agent.
    pub device: String,
    pub detail: String,
    pub created_at: i64,
}

/// `/admin/security`'s filters, as its GET form sends them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventFilter {
    /// Part of the address.
    #[serde(default)]
    pub person: String,
    /// A `SecurityKind` name, or empty for all.
    #[serde(default)]
    pub kind: String,
    /// `YYYY-MM-DD`, first day included.
    #[serde(default)]
    pub from: String,
    /// `YYYY-MM-DD`, last day included.
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub page: u32,
}

/// How many events one page of `/admin/security` lists.
pub const EVENTS_PER_PAGE: u32 = 50;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for k in SecurityKind::ALL {
            assert_eq!(SecurityKind::parse(k.as_str()), Some(k));
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.as_str()));
        }
        assert_eq!(SecurityKind::parse("root"), None);
    }
}
