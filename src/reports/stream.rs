//! A list as CSV or JSON, a page at a time: the encoder turns each page of
//! rows into bytes (neutralising would-be formulas), and `body` makes a
//! response that reads the next page only when the last one has been sent
//! — memory holds one page, however long the list.

use axum::body::{Body, Bytes};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use futures_util::stream;

use super::lists::{self, List};
use crate::analytics::export::neutralise;
use crate::error::{AppError, AppResult};
use crate::server::db::Db;

/// Rows read from the database at once.
pub const PAGE: i64 = 1_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    pub fn parse(text: &str) -> AppResult<Self> {
        match text {
            "" | "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            _ => Err(AppError::field("format", "Choose csv or json.")),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Json => "application/json",
        }
    }
}

/// Columns whose cells are numbers (money in minor units, counts).
fn numeric(header: &str) -> bool {
    header.ends_with("_minor")
        || matches!(
            header,
            "quantity" | "refunded_quantity" | "stock" | "low_stock_threshold" | "reviews" | "orders"
        )
}

pub struct Encoder {
    format: Format,
    head: Vec<String>,
    numbers: Vec<bool>,
    written: u64,
}

impl Encoder {
    pub fn new(format: Format, head: Vec<String>) -> Self {
        let numbers = head.iter().map(|h| numeric(h)).collect();
        Self { format, head, numbers, written: 0 }
    }

    /// What comes before the rows.
    pub fn start(&self) -> AppResult<Bytes> {
        match self.format {
            Format::Csv => self.csv(std::iter::once(self.head.iter().map(String::as_str).collect())),
            Format::Json => Ok(Bytes::from_static(b"[")),
        }
    }

    fn csv<'a>(&self, rows: impl Iterator<Item = Vec<&'a str>>) -> AppResult<Bytes> {
        let mut w = ::csv::Writer::from_writer(Vec::new());
        for row in rows {
            w.write_record(row).map_err(|_| AppError::Internal)?;
        }
        Ok(Bytes::from(w.into_inner().map_err(|_| AppError::Internal)?))
    }

    /// A page of rows.
    pub fn rows(&mut self, rows: &[Vec<String>]) -> AppResult<Bytes> {
        let numbers = &self.numbers;
        let safe = |i: usize, cell: &str| -> String {
            if numbers.get(i).copied().unwrap_or(false) && cell.parse::<i64>().is_ok() {
                cell.to_owned()
            } else {
                neutralise(cell).into_owned()
            }
        };
        let out = match self.format {
            Format::Csv => {
                let mut w = ::csv::Writer::from_writer(Vec::new());
                for row in rows {
                    w.write_record(row.iter().enumerate().map(|(i, c)| safe(i, c)))
                        .map_err(|_| AppError::Internal)?;
                }
                Bytes::from(w.into_inner().map_err(|_| AppError::Internal)?)
            }
            Format::Json => {
                let mut out = Vec::new();
                for (k, row) in rows.iter().enumerate() {
                    if self.written > 0 || k > 0 {
                        out.push(b',');
                    }
                    out.push(b'\n');
                    let object: serde_json::Map<String, serde_json::Value> = self
                        .head
                        .iter()
                        .zip(row)
                        .enumerate()
                        .map(|(i, (h, c))| {
                            let value = match c.parse::<i64>() {
                                Ok(n) if self.numbers[i] => serde_json::Value::from(n),
                                _ if self.numbers[i] && c.is_empty() => serde_json::Value::Null,
                                _ => serde_json::Value::String(c.clone()),
                            };
                            (h.clone(), value)
                        })
                        .collect();
                    serde_json::to_writer(&mut out, &object).map_err(|_| AppError::Internal)?;
                }
                Bytes::from(out)
            }
        };
        self.written += rows.len() as u64;
        Ok(out)
    }

    /// What comes after the rows.
    pub fn end(&self) -> Bytes {
        match self.format {
            Format::Csv => Bytes::new(),
            Format::Json => Bytes::from_static(b"\n]\n"),
        }
    }
}

enum Step {
    Start,
    After(String),
    Done,
}

/// The list as a download, read a page at a time as the client takes it.
pub async fn body(db: Db, list: List, format: Format, name: &str) -> AppResult<Response> {
    let head = lists::head(&mut db.conn().await?, &list).await?;
    let encoder = Encoder::new(format, head);
    let pages = stream::unfold((Step::Start, encoder, db, list), |(step, mut enc, db, list)| async move {
        let after = match step {
            Step::Done => return None,
            Step::Start => {
                let first = enc.start();
                return Some((first, (Step::After(String::new()), enc, db, list)));
            }
            Step::After(after) => after,
        };
        let read = async {
            let mut c = db.conn().await?;
            lists::page(&mut c, &list, &after, PAGE).await
        };
        match read.await {
            Ok((rows, next)) => {
                let mut bytes = match enc.rows(&rows) {
                    Ok(b) => b.to_vec(),
                    Err(e) => return Some((Err(e), (Step::Done, enc, db, list))),
                };
                let step = match next {
                    Some(key) => Step::After(key),
                    None => {
                        bytes.extend_from_slice(&enc.end());
                        Step::Done
                    }
                };
                Some((Ok(Bytes::from(bytes)), (step, enc, db, list)))
            }
            Err(e) => {
                tracing::error!(error = %e, "an export stopped half-way");
                Some((Err(e), (Step::Done, enc, db, list)))
            }
        }
    });
    let disposition = format!("attachment; filename=\"{name}.{}\"", format.name());
    Ok((
        [
            (header::CONTENT_TYPE, format.content_type().to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        // Fused: the compression layer may look once more after the end.
        Body::from_stream(futures_util::StreamExt::fuse(pages)),
    )
        .into_response())
}
