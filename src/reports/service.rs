//! Reports' rules: who may export which shop's rows (the dashboards' own
//! `scope`), which days, a download now (up to [`STREAM_LIMIT`] rows) or a
//! report in the background, and who may see and fetch a report (the
//! person who asked, and administrators).

use jiff::civil::Date;

use super::db::{self, NewReport, ReportRow};
use super::lists::{self, Kind, List};
use super::stream::{self, Format};
use super::{KEEP_DAYS, ReportView, STREAM_LIMIT};
use crate::accounts::{Role, Viewer};
use crate::analytics::ShopRef;
use crate::analytics::finance::Rates;
use crate::analytics::service::{MAX_DAYS, scope};
use crate::analytics::zone::{add_days, days_between, parse_day};
use crate::error::{AppError, AppResult};
use crate::server::config::Settings;
use crate::server::db::{Conn, Db};
use crate::server::{new_id, now_ms};

/// What a person asks for (the REST body, the page's form).
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema, utoipa::IntoParams)]
pub struct Ask {
    /// `orders`, `order_lines`, `products`, `customers`, `inventory` or `finance`.
    #[serde(default)]
    pub kind: String,
    /// `YYYY-MM-DD`, first local day (default: 30 days ago).
    #[serde(default)]
    pub start_date: String,
    /// `YYYY-MM-DD`, last local day, included (default: today).
    #[serde(default)]
    pub end_date: String,
    /// `csv` (the default) or `json`.
    #[serde(default)]
    pub format: String,
    /// One shop's rows (the back office); a seller may name only their own.
    #[serde(default)]
    pub seller_id: String,
}

/// The days asked for, in the shop's zone.
fn days(a: &Ask, today: Date) -> AppResult<(Date, Date)> {
    let day = |text: &str, field: &'static str, default: Date| -> AppResult<Date> {
        match text.trim() {
            "" => Ok(default),
            t => parse_day(t).ok_or_else(|| AppError::field(field, "Enter the day as YYYY-MM-DD.")),
        }
    };
    let last = day(&a.end_date, "end_date", today)?;
    let first = day(&a.start_date, "start_date", add_days(last, -29))?;
    if last < first {
        return Err(AppError::field("end_date", "The last day comes before the first."));
    }
    if days_between(first, last) >= MAX_DAYS {
        return Err(AppError::field("start_date", format!("Choose at most {MAX_DAYS} days.")));
    }
    Ok((first, last))
}

/// A list's settings from the shop's.
fn list(
    kind: Kind,
    shop: Option<ShopRef>,
    (first, last): (Date, Date),
    span: (i64, i64),
    emails: bool,
    s: &Settings,
) -> List {
    List {
        kind,
        shop,
        first,
        last,
        from: span.0,
        to: span.1,
        emails,
        low_stock: s.shop.low_stock,
        currency: s.shop.currency.clone(),
        rates: Rates::of(&s.shop),
    }
}

/// Check the ask against the viewer: (kind, format, shop, days).
async fn check(
    c: &mut Conn,
    viewer: &Viewer,
    a: &Ask,
) -> AppResult<(Kind, Format, Option<ShopRef>, (Date, Date))> {
    let kind = Kind::parse(a.kind.trim())?;
    let format = Format::parse(a.format.trim())?;
    let shop = scope(c, viewer, Some(a.seller_id.as_str())).await?;
    if kind == Kind::Finance {
        crate::analytics::service::finance::may_read(viewer)?;
    } else {
        crate::analytics::service::staff_may(viewer, crate::accounts::areas::Area::Analytics)?;
    }
    let zone = crate::analytics::ledger::zone(c).await?;
    Ok((kind, format, shop, days(a, zone.today())?))
}

/// A list for download now: refused past [`STREAM_LIMIT`] rows (ask for a
/// report instead).
pub async fn download_now(
    db_: &Db,
    viewer: &Viewer,
    a: &Ask,
    s: &Settings,
) -> AppResult<axum::response::Response> {
    let mut c = db_.conn().await?;
    let (kind, format, shop, span) = check(&mut c, viewer, a).await?;
    let zone = crate::analytics::ledger::zone(&mut c).await?;
    let l = list(kind, shop, span, zone.span_ms(span.0, span.1), is_staff(viewer), s);
    let rows = lists::count(&mut c, &l).await?;
    if rows > STREAM_LIMIT {
        return Err(AppError::field(
            "kind",
            format!("{rows} rows are more than {STREAM_LIMIT} to download at once: prepare it as a report."),
        ));
    }
    drop(c);
    let name = format!("{}-{}-{}", kind.name(), span.0, span.1);
    stream::body(db_.clone(), l, format, &name).await
}

fn is_staff(viewer: &Viewer) -> bool {
    matches!(viewer.role, Role::Admin | Role::Staff)
}

/// Queue a report; the background runner writes it.
pub async fn request(db_: &Db, viewer: &Viewer, a: &Ask) -> AppResult<ReportView> {
    let mut c = db_.conn().await?;
    let (kind, format, shop, (first, last)) = check(&mut c, viewer, a).await?;
    drop(c);
    let id = new_id();
    let now = now_ms();
    let (start, end) = (first.to_string(), last.to_string());
    let new = NewReport {
        id: &id,
        kind: kind.name(),
        format: format.name(),
        shop_id: shop.as_ref().map(|s| s.id.as_str()),
        start_day: &start,
        end_day: &end,
        requested_by: &viewer.id,
        now,
        expires_at: now + KEEP_DAYS * 86_400_000,
    };
    db_.write(async |tx| Ok(db::insert(tx, &new).await?)).await?;
    get(db_, viewer, &id).await
}

/// The list a stored report covers (as the runner reads it).
pub async fn list_of(c: &mut Conn, r: &ReportRow, s: &Settings) -> AppResult<List> {
    let kind = Kind::parse(&r.kind)?;
    let span = (
        parse_day(&r.start_day).ok_or(AppError::Internal)?,
        parse_day(&r.end_day).ok_or(AppError::Internal)?,
    );
    let zone = crate::analytics::ledger::zone(c).await?;
    let shop = r
        .shop_id
        .as_ref()
        .map(|id| ShopRef { id: id.clone(), name: r.shop_name.clone().unwrap_or_default() });
    let emails =
        db::role_of(c, &r.requested_by).await?.is_some_and(|role| role == "admin" || role == "staff");
    Ok(list(kind, shop, span, zone.span_ms(span.0, span.1), emails, s))
}

fn view(r: ReportRow) -> ReportView {
    ReportView {
        id: r.id,
        kind: r.kind,
        format: r.format,
        start_date: r.start_day,
        end_date: r.end_day,
        status: r.status,
        rows_written: r.rows_written,
        total_rows: r.total_rows,
        byte_size: r.byte_size,
        error: r.error,
        created_at: r.created_at,
        expires_at: r.expires_at,
        shop_name: r.shop_name,
    }
}

/// A report its asker (or an administrator) may see; others are told it
/// does not exist.
async fn readable(db_: &Db, viewer: &Viewer, id: &str) -> AppResult<ReportRow> {
    let row = db::get(&mut db_.conn().await?, id).await?;
    row.filter(|r| r.requested_by == viewer.id || viewer.role == Role::Admin)
        .ok_or_else(|| AppError::NotFound("Report".into()))
}

pub async fn get(db_: &Db, viewer: &Viewer, id: &str) -> AppResult<ReportView> {
    Ok(view(readable(db_, viewer, id).await?))
}

/// The viewer's newest reports.
pub async fn mine(db_: &Db, viewer: &Viewer) -> AppResult<Vec<ReportView>> {
    Ok(db::of_person(&mut db_.conn().await?, &viewer.id, 20).await?.into_iter().map(view).collect())
}

/// A finished report's file, read a piece at a time.
pub async fn file(
    db_: &Db,
    media: &crate::media::MediaStore,
    viewer: &Viewer,
    id: &str,
) -> AppResult<axum::response::Response> {
    use axum::http::header;
    use axum::response::IntoResponse;
    let r = readable(db_, viewer, id).await?;
    let key =
        r.file_key.filter(|_| r.status == "done").ok_or_else(|| AppError::NotFound("Report file".into()))?;
    let format = Format::parse(&r.format)?;
    let (file, len) = media.open_file(&key).await?;
    let chunks = futures_util::stream::unfold(file, |mut f| async move {
        use tokio::io::AsyncReadExt;
        let mut buf = vec![0u8; 64 * 1024];
        match f.read(&mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok::<_, std::io::Error>(axum::body::Bytes::from(buf)), f))
            }
            Err(e) => Some((Err(e), f)),
        }
    });
    let name = format!("{}-{}-{}.{}", r.kind, r.start_day, r.end_day, format.name());
    Ok((
        [
            (header::CONTENT_TYPE, format.content_type().to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
            (header::CONTENT_LENGTH, len.to_string()),
        ],
        // Fused: the compression layer may look once more after the end.
        axum::body::Body::from_stream(futures_util::StreamExt::fuse(chunks)),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn days_default_to_the_last_30_and_are_checked() {
        let today = date(2026, 11, 30);
        assert_eq!(days(&Ask::default(), today).unwrap(), (date(2026, 11, 1), today));
        let a = Ask { start_date: "2026-01-01".into(), end_date: "2026-01-31".into(), ..Ask::default() };
        assert_eq!(days(&a, today).unwrap(), (date(2026, 1, 1), date(2026, 1, 31)));
        let backwards =
            Ask { start_date: "2026-02-01".into(), end_date: "2026-01-01".into(), ..Ask::default() };
        assert!(days(&backwards, today).is_err());
        assert!(days(&Ask { start_date: "soon".into(), ..Ask::default() }, today).is_err());
    }
}
