//! "Download my data": one ZIP of everything held about the person — JSON
//! for each part, and CSV beside every table (cells a spreadsheet would run
//! are neutralised). Every read is keyed by the person's id.

use std::io::{Cursor, Write};

use serde::Serialize;
use serde_json::{Value, json};
use zip::write::SimpleFileOptions;

use super::db::{self, AssistantMessage, Order, OrderLine, Person};
use crate::accounts::Viewer;
use crate::accounts::audit::{self, Subject};
use crate::accounts::events::SecurityKind;
use crate::accounts::session::Device;
use crate::error::{AppError, AppResult};
use crate::server::db::Db;
use crate::server::now_ms;

/// The download: a file name and the ZIP's bytes.
pub struct Download {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

const README: &str = "Everything Bazaar holds about you, as of the time in the file name.\n\n\
profile.json            your account and beauty profile\n\
addresses.*             your saved shipping addresses\n\
orders.json             your orders with what was in them (orders.csv and order_lines.csv as tables)\n\
reviews.*               reviews you wrote\n\
wishlist.*              products you saved\n\
follows.*               shops you follow\n\
recently_viewed.*       products you looked at while signed in (for your suggestions)\n\
assistant.json          your conversations with the shopping assistant (assistant_messages.csv as a table)\n\
live_chat.*             what you wrote in live-stream chats\n\
security_events.*       sign-ins and other security events of your account\n\
sessions.*              where you are or were signed in\n\n\
Times are in UTC (RFC 3339). Amounts are in minor units (cents) of the order's currency.\n";

/// Build the ZIP, and note in the person's security events that it was made.
pub async fn build(db: &Db, viewer: &Viewer, device: &Device) -> AppResult<Download> {
    let mut c = db.conn().await?;
    let uid = viewer.id.as_str();
    let person = db::person(&mut c, uid).await?.ok_or(AppError::Unauthorized)?;
    let mut zip = Zip::new()?;
    zip.file("README.txt", README.as_bytes())?;
    zip.json("profile.json", &profile(&person))?;
    zip.table("addresses", &db::addresses(&mut c, uid).await?)?;
    let (orders, lines) = (db::orders(&mut c, uid).await?, db::order_lines(&mut c, uid).await?);
    zip.json("orders.json", &with_lines(&orders, &lines))?;
    zip.csv("orders.csv", &orders)?;
    zip.csv("order_lines.csv", &lines)?;
    zip.table("reviews", &db::reviews(&mut c, uid).await?)?;
    zip.table("wishlist", &db::wishlist(&mut c, uid).await?)?;
    zip.table("follows", &db::follows(&mut c, uid).await?)?;
    zip.table("recently_viewed", &db::viewed(&mut c, uid).await?)?;
    let messages = db::assistant(&mut c, uid).await?;
    zip.json("assistant.json", &conversations(&messages))?;
    zip.csv("assistant_messages.csv", &messages)?;
    zip.table("live_chat", &db::chat(&mut c, uid).await?)?;
    zip.table("security_events", &db::events(&mut c, uid).await?)?;
    zip.table("sessions", &db::sessions(&mut c, uid).await?)?;
    drop(c);
    let bytes = zip.finish()?;
    db.write(async |tx| audit::record(tx, Subject::User(uid), SecurityKind::DataExported, device, "").await)
        .await?;
    let stamp = jiff::Timestamp::from_second(now_ms() / 1000).map_err(|_| AppError::Internal)?;
    let file_name = format!("bazaar-my-data-{}.zip", stamp.strftime("%Y%m%d-%H%M%S"));
    Ok(Download { file_name, bytes })
}

/// The account with its lists as JSON arrays and the picture as a link.
fn profile(p: &Person) -> Value {
    let list = |text: &str| serde_json::from_str::<Value>(text).unwrap_or_else(|_| json!([]));
    let mut v = serde_json::to_value(p).unwrap_or_else(|_| json!({}));
    if let Value::Object(map) = &mut v {
        map.insert("interests".into(), list(&p.interests));
        map.insert("skin_concerns".into(), list(&p.skin_concerns));
        map.remove("avatar_media_id");
        let avatar = p.avatar_media_id.as_deref().map(crate::media::url);
        map.insert("avatar_url".into(), json!(avatar));
    }
    v
}

/// An order with its lines inside.
#[derive(Serialize)]
struct OrderWithLines<'a> {
    #[serde(flatten)]
    order: &'a Order,
    lines: Vec<&'a OrderLine>,
}

fn with_lines<'a>(orders: &'a [Order], lines: &'a [OrderLine]) -> Vec<OrderWithLines<'a>> {
    let lines_of = |o: &Order| lines.iter().filter(|l| l.order_number == o.number).collect();
    orders.iter().map(|order| OrderWithLines { order, lines: lines_of(order) }).collect()
}

#[derive(Serialize)]
struct Conversation<'a> {
    id: &'a str,
    title: &'a str,
    messages: Vec<Said<'a>>,
}

#[derive(Serialize)]
struct Said<'a> {
    role: &'a str,
    content: &'a str,
    #[serde(serialize_with = "super::at")]
    created_at: i64,
}

/// Messages (in conversation order) grouped into their conversations.
fn conversations(messages: &[AssistantMessage]) -> Vec<Conversation<'_>> {
    let mut out: Vec<Conversation<'_>> = Vec::new();
    for m in messages {
        if out.last().is_none_or(|c| c.id != m.conversation) {
            out.push(Conversation {
                id: &m.conversation,
                title: &m.conversation_title,
                messages: Vec::new(),
            });
        }
        if let Some(c) = out.last_mut() {
            c.messages.push(Said { role: &m.role, content: &m.content, created_at: m.created_at });
        }
    }
    out
}

/// Rows as CSV text: serialised by field, then every cell made safe to
/// open in a spreadsheet (the analytics exports' rule).
/// No rows, an empty file (serde names the columns only from a row).
pub fn csv_text<T: Serialize>(rows: &[T]) -> AppResult<String> {
    if rows.is_empty() {
        return Ok(String::new());
    }
    let mut w = ::csv::Writer::from_writer(Vec::new());
    for row in rows {
        w.serialize(row).map_err(|_| AppError::Internal)?;
    }
    let raw = w.into_inner().map_err(|_| AppError::Internal)?;
    let mut r = ::csv::ReaderBuilder::new().has_headers(false).from_reader(raw.as_slice());
    let table = r
        .records()
        .map(|rec| rec.map(|rec| rec.iter().map(str::to_owned).collect::<Vec<_>>()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| AppError::Internal)?;
    crate::analytics::export::csv(table)
}

/// A ZIP being written in memory (deflated, stamped with the time).
struct Zip {
    writer: zip::ZipWriter<Cursor<Vec<u8>>>,
    options: SimpleFileOptions,
}

impl Zip {
    fn new() -> AppResult<Self> {
        let now = jiff::Timestamp::from_second(now_ms() / 1000).map_err(|_| AppError::Internal)?;
        let t = jiff::tz::TimeZone::UTC.to_datetime(now);
        let (y, mo, d) = (t.year() as u16, t.month() as u8, t.day() as u8);
        let (h, mi, s) = (t.hour() as u8, t.minute() as u8, t.second() as u8);
        let stamp = zip::DateTime::from_date_and_time(y, mo, d, h, mi, s).unwrap_or_default();
        let options = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(stamp);
        Ok(Self { writer: zip::ZipWriter::new(Cursor::new(Vec::new())), options })
    }

    fn file(&mut self, name: &str, bytes: &[u8]) -> AppResult<()> {
        self.writer.start_file(name, self.options).map_err(|_| AppError::Internal)?;
        self.writer.write_all(bytes).map_err(|_| AppError::Internal)
    }

    fn json(&mut self, name: &str, value: &impl Serialize) -> AppResult<()> {
        let text = serde_json::to_vec_pretty(value).map_err(|_| AppError::Internal)?;
        self.file(name, &text)
    }

    fn csv<T: Serialize>(&mut self, name: &str, rows: &[T]) -> AppResult<()> {
        self.file(name, csv_text(rows)?.as_bytes())
    }

    /// `{name}.json` and `{name}.csv`.
    fn table<T: Serialize>(&mut self, name: &str, rows: &[T]) -> AppResult<()> {
        self.json(&format!("{name}.json"), &rows)?;
        self.csv(&format!("{name}.csv"), rows)
    }

    fn finish(self) -> AppResult<Vec<u8>> {
        Ok(self.writer.finish().map_err(|_| AppError::Internal)?.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Row {
        name: &'static str,
        count: i64,
    }

    #[test]
    fn csv_has_a_header_and_neutralises_formulas() {
        let rows = [Row { name: "=HYPERLINK(\"x\")", count: 3 }, Row { name: "plain", count: -2 }];
        let text = csv_text(&rows).unwrap();
        assert_eq!(text, "name,count\n\"'=HYPERLINK(\"\"x\"\")\",3\nplain,-2\n");
        assert_eq!(csv_text::<Row>(&[]).unwrap(), "");
    }
}
