//! Account mail: the password-reset link, "your password was changed" and
//! "a sign-in from a new device".
//! A reset link is a secret: once sent, the outbox forgets the message's
//! body (see `db::mark_sent`), so the token lives only in the person's mail.

use super::{Message, enqueue, html, html_escape, page};
use crate::error::AppResult;
use crate::server::db::Tx;

/// The outbox kind of a reset link (its body is dropped once sent).
pub const PASSWORD_RESET: &str = "password_reset";

/// The link to choose a new password (`token` in plain, valid `minutes`).
pub async fn reset_link(tx: &mut Tx, to: &str, first_name: &str, token: &str, minutes: i64) -> AppResult<()> {
    let link = format!("{{site}}/reset-password?token={token}");
    let hello = format!(
        "Hello {first_name}, someone (we hope you) asked to reset the password of your Bazaar account."
    );
    let after = format!(
        "The link works once, within {minutes} minutes. If you did not ask, ignore this mail: \
         your password stays as it is."
    );
    let body = format!(
        "<p>{}</p><p><a href=\"{link}\">Choose a new password</a></p><p>{}</p>",
        html_escape(&hello),
        html_escape(&after)
    );
    enqueue(
        tx,
        &Message {
            kind: PASSWORD_RESET,
            to,
            subject: "Reset your Bazaar password".into(),
            text: format!("{hello}\n\nChoose a new password: {link}\n\n{after}"),
            html: page(&body),
            order_id: None,
        },
    )
    .await
}

/// Tell the person their password changed (by them, we hope).
pub async fn password_changed(tx: &mut Tx, to: &str, first_name: &str) -> AppResult<()> {
    let lines = vec![
        format!("Hello {first_name}, the password of your Bazaar account was just changed."),
        "You are signed out everywhere else; sign in again with the new password.".to_owned(),
        "If this was not you, choose a new password at once: {site}/forgot-password".to_owned(),
    ];
    enqueue(
        tx,
        &Message {
            kind: "password_changed",
            to,
            subject: "Your Bazaar password was changed".into(),
            text: lines.join("\n\n"),
            html: html(&lines),
            order_id: None,
        },
    )
    .await
}

/// A sign-in from a browser none of the person's sessions came from.
pub async fn new_device(tx: &mut Tx, to: &str, first_name: &str, device: &str, ip: &str) -> AppResult<()> {
    let lines = vec![
        format!("Hello {first_name}, your Bazaar account was just signed in to from {device} at {ip}."),
        "If this was you, there is nothing to do.".to_owned(),
        "If not, change your password at once ({site}/forgot-password) and end the sessions you do not \
         recognise on {site}/account/security."
            .to_owned(),
    ];
    enqueue(
        tx,
        &Message {
            kind: "new_device",
            to,
            subject: format!("New sign-in to your Bazaar account from {device}"),
            text: lines.join("\n\n"),
            html: html(&lines),
            order_id: None,
        },
    )
    .await
}
