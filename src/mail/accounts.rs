//! Account mail: the password-reset link, and the security notices: "your
//! password was changed", "a sign-in from a new device", two-step sign-in
//! on or off, a recovery code used.
//! A reset link is a secret: once sent, the outbox forgets the message's
//! body (see `db::mark_sent`), so the token lives only in the person's mail.

use super::{Message, enqueue, html, html_escape, page};
use crate::error::AppResult;
use crate::server::db::Tx;

/// The outbox kind of a reset link (its body is dropped once sent).
pub const PASSWORD_RESET: &str = "password_reset";
/// The outbox kind of an address-proving link (its body is dropped too).
pub const VERIFY_EMAIL: &str = "verify_email";
/// The outbox kind of an invitation to join the staff (its body is dropped too).
pub const STAFF_INVITE: &str = "staff_invite";
/// The outbox kind of the goodbye after deleting an account (sent, it
/// keeps neither body nor address).
pub const ACCOUNT_DELETED: &str = "account_deleted";

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
            unsubscribe_url: None,
        },
    )
    .await
}

/// An invitation to the back office: the link to set a name and password.
pub async fn staff_invite(tx: &mut Tx, to: &str, inviter: &str, token: &str, days: i64) -> AppResult<()> {
    let link = format!("{{site}}/invite?token={token}");
    let hello = format!("{inviter} invites you to help run the shop on Bazaar, as a member of staff.");
    let after = format!(
        "Choose your name and a password through the link. It works once, within {days} days; \
         if you were not expecting it, ignore this mail."
    );
    let body = format!(
        "<p>{}</p><p><a href=\"{link}\">Accept the invitation</a></p><p>{}</p>",
        html_escape(&hello),
        html_escape(&after)
    );
    enqueue(
        tx,
        &Message {
            kind: STAFF_INVITE,
            to,
            subject: "You are invited to the Bazaar back office".into(),
            text: format!("{hello}\n\nAccept the invitation: {link}\n\n{after}"),
            html: page(&body),
            order_id: None,
            unsubscribe_url: None,
        },
    )
    .await
}

/// The link that proves an address: the person's own (`change` false) or
/// the one they asked to change to.
pub async fn verify_link(
    tx: &mut Tx,
    to: &str,
    first_name: &str,
    token: &str,
    change: bool,
) -> AppResult<()> {
    let link = format!("{{site}}/verify-email?token={token}");
    let (subject, hello) = if change {
        (
            "Confirm your new Bazaar email address",
            format!("Hello {first_name}, you asked to use this address for your Bazaar account."),
        )
    } else {
        ("Confirm your Bazaar email address", format!("Hello {first_name}, welcome to Bazaar."))
    };
    let after = format!(
        "The link works once, within {} hours. If you did not ask for this, ignore this mail.",
        crate::accounts::verification::VERIFY_HOURS
    );
    let body = format!(
        "<p>{}</p><p><a href=\"{link}\">Confirm this address</a></p><p>{}</p>",
        html_escape(&hello),
        html_escape(&after)
    );
    enqueue(
        tx,
        &Message {
            kind: VERIFY_EMAIL,
            to,
            subject: subject.into(),
            text: format!("{hello}\n\nConfirm this address: {link}\n\n{after}"),
            html: page(&body),
            order_id: None,
            unsubscribe_url: None,
        },
    )
    .await
}

/// Tell the old address that the account now uses `new_email`.
pub async fn email_changed(tx: &mut Tx, to: &str, first_name: &str, new_email: &str) -> AppResult<()> {
    let lines = vec![
        format!("Hello {first_name}, your Bazaar account's email address was just changed to {new_email}."),
        "Mail about your account and orders now goes there.".to_owned(),
        "If this was not you, reply to this mail at once: someone may have your password.".to_owned(),
    ];
    notice(tx, "email_changed", to, "Your Bazaar email address was changed".into(), lines).await
}

/// Tell the person their password changed (by them, we hope).
pub async fn password_changed(tx: &mut Tx, to: &str, first_name: &str) -> AppResult<()> {
    let lines = vec![
        format!("Hello {first_name}, the password of your Bazaar account was just changed."),
        "You are signed out everywhere else; sign in again with the new password.".to_owned(),
        "If this was not you, choose a new password at once: {site}/forgot-password".to_owned(),
    ];
    notice(tx, "password_changed", to, "Your Bazaar password was changed".into(), lines).await
}

/// The account is gone: the last mail to the address.
pub async fn account_deleted(tx: &mut Tx, to: &str, first_name: &str) -> AppResult<()> {
    let lines = vec![
        format!("Hello {first_name}, your Bazaar account was deleted, as you asked."),
        "Your profile, addresses, saved products and conversations are erased; the shops keep your past \
         orders for their books, with your name and address removed."
            .to_owned(),
        "If this was not you, reply to this mail at once.".to_owned(),
    ];
    notice(tx, ACCOUNT_DELETED, to, "Your Bazaar account was deleted".into(), lines).await
}

/// Tell the person their account was signed in to from a browser none of
/// their sessions came from.
pub async fn new_device(tx: &mut Tx, to: &str, first_name: &str, device: &str, ip: &str) -> AppResult<()> {
    let lines = vec![
        format!("Hello {first_name}, your Bazaar account was just signed in to from {device} at {ip}."),
        "If this was you, there is nothing to do.".to_owned(),
        "If not, change your password at once ({site}/forgot-password) and end the sessions you do not \
         recognise on {site}/account/security."
            .to_owned(),
    ];
    notice(tx, "new_device", to, format!("New sign-in to your Bazaar account from {device}"), lines).await
}

/// Two-step sign-in was turned on (`on`) or off.
pub async fn two_factor_changed(tx: &mut Tx, to: &str, first_name: &str, on: bool) -> AppResult<()> {
    let (kind, subject, what) = if on {
        (
            "two_factor_on",
            "Two-step sign-in is on",
            "turned on: signing in now also asks for a code from your authenticator app",
        )
    } else {
        ("two_factor_off", "Two-step sign-in is off", "turned off: your password alone signs you in again")
    };
    let lines = vec![
        format!("Hello {first_name}, two-step sign-in for your Bazaar account was just {what}."),
        "If this was not you, choose a new password at once ({site}/forgot-password) and check \
         {site}/account/security."
            .to_owned(),
    ];
    notice(tx, kind, to, subject.into(), lines).await
}

/// A recovery code was used to sign in; `left` are still unused.
pub async fn recovery_code_used(tx: &mut Tx, to: &str, first_name: &str, left: i64) -> AppResult<()> {
    let lines = vec![
        format!(
            "Hello {first_name}, one of your recovery codes was just used to sign in to your Bazaar account. \
             {left} unused codes are left."
        ),
        "Each code works once. If your phone is lost, turn two-step sign-in off and on again on \
         {site}/account/security to get a new key and new codes."
            .to_owned(),
        "If this was not you, choose a new password at once: {site}/forgot-password".to_owned(),
    ];
    notice(tx, "recovery_code_used", to, "A recovery code was used on your Bazaar account".into(), lines)
        .await
}

/// A plain security notice: the same lines as text and as HTML.
async fn notice(
    tx: &mut Tx,
    kind: &'static str,
    to: &str,
    subject: String,
    lines: Vec<String>,
) -> AppResult<()> {
    enqueue(
        tx,
        &Message {
            kind,
            to,
            subject,
            text: lines.join("\n\n"),
            html: html(&lines),
            order_id: None,
            unsubscribe_url: None,
        },
    )
    .await
}
