//! The person's signed-in sessions: listed on /account/security and by
//! `GET /api/v1/auth/sessions`, ended one by one or all but this one, and a
//! mail when a sign-in comes from a browser not seen before.

use super::audit::{self, Subject};
use super::events::SecurityKind;
use super::session::{self, Device};
use super::{SessionInfo, Viewer, db};
use crate::error::{AppError, AppResult};
use crate::server::db::{Conn, Db, Tx};
use crate::server::now_ms;

/// The open sessions of `user_id`, last seen first; `current` is this
/// browser's handle.
pub async fn list(c: &mut Conn, user_id: &str, current: Option<&str>) -> AppResult<Vec<SessionInfo>> {
    let (_, epoch) = db::viewer(c, user_id).await?.ok_or(AppError::Unauthorized)?;
    let (idle, begun) = session::list_bounds(now_ms());
    let rows = db::open_sessions(c, user_id, epoch, idle, begun).await?;
    Ok(rows
        .into_iter()
        .map(|r| SessionInfo {
            current: current == Some(r.id.as_str()),
            device: device_label(&r.user_agent),
            id: r.id,
            user_agent: r.user_agent,
            ip: r.ip,
            created_at: r.created_at,
            last_seen_at: r.last_seen_at,
        })
        .collect())
}

/// End one of the person's sessions: refused on its very next request.
/// Someone else's (or an ended one) is `NotFound`.
pub async fn revoke(tx: &mut Tx, user_id: &str, id: &str, device: &Device) -> AppResult<()> {
    if !db::end_session(tx, user_id, id, now_ms()).await? {
        return Err(AppError::NotFound("Session".into()));
    }
    audit::record(tx, Subject::User(user_id), SecurityKind::SessionRevoked, device, "").await
}

/// End every session of the person but `keep` (this browser's), from
/// `device`.
pub async fn revoke_others(tx: &mut Tx, user_id: &str, keep: &str, device: &Device) -> AppResult<u64> {
    let n = db::end_other_sessions(tx, user_id, keep, now_ms()).await?;
    let detail = match n {
        1 => "1 session".to_owned(),
        n => format!("{n} sessions"),
    };
    audit::record(tx, Subject::User(user_id), SecurityKind::OtherSessionsRevoked, device, &detail).await?;
    Ok(n)
}

/// Before a sign-in opens its session: mail the person when it comes from
/// a browser none of their sessions came from (not on their first ever).
pub async fn notice_sign_in(db: &Db, viewer: &Viewer, device: &Device) -> AppResult<()> {
    db.write(async |tx| {
        let (all, same) = db::device_history(tx, &viewer.id, &device.user_agent).await?;
        if all > 0 && same == 0 {
            let ip = device.ip.map(|ip| ip.to_string()).unwrap_or_else(|| "an unknown address".into());
            crate::mail::accounts::new_device(
                tx,
                &viewer.email,
                viewer.first_name(),
                &device_label(&device.user_agent),
                &ip,
            )
            .await?;
        }
        Ok(())
    })
    .await
}

/// "Firefox on Windows" from a user agent; "Unknown device" when it says
/// nothing we know.
pub fn device_label(user_agent: &str) -> String {
    let has = |s: &str| user_agent.contains(s);
    let browser = if has("Edg/") {
        "Edge"
    } else if has("OPR/") {
        "Opera"
    } else if has("Firefox/") {
        "Firefox"
    } else if has("Chrome/") || has("Chromium/") {
        "Chrome"
    } else if has("Safari/") {
        "Safari"
    } else if has("curl/") {
        "curl"
    } else {
        ""
    };
    let system = if has("iPhone") {
        "iPhone"
    } else if has("iPad") {
        "iPad"
    } else if has("Android") {
        "Android"
    } else if has("Windows") {
        "Windows"
    } else if has("Macintosh") || has("Mac OS X") {
        "Mac"
    } else if has("CrOS") {
        "ChromeOS"
    } else if has("Linux") {
        "Linux"
    } else {
        ""
    };
    match (browser, system) {
        ("", "") => "Unknown device".to_owned(),
        (b, "") => b.to_owned(),
        ("", s) => s.to_owned(),
        (b, s) => format!("{b} on {s}"),
    }
}

#[cfg(test)]
mod tests {
    use super::device_label;

    #[test]
    fn devices_are_named_from_their_user_agent() {
        let firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 \
                      (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
        let edge = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) \
                    Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0";
        let chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0 \
                      Chrome/131.0 Safari/537.36";
        assert_eq!(device_label(firefox), "Firefox on Windows");
        assert_eq!(device_label(iphone), "Safari on iPhone");
        assert_eq!(device_label(edge), "Edge on Mac");
        assert_eq!(device_label(chrome), "Chrome on Linux");
        assert_eq!(device_label("curl/8.5.0"), "curl");
        assert_eq!(device_label(""), "Unknown device");
    }
}
