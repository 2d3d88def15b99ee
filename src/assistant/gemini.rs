//! Google Gemini over REST (`BAZAAR_GEMINI_*`): generateContent (the reply
//! whole) and streamGenerateContent as server-sent events (the reply in
//! pieces, for the page to show as it arrives). The request carries a system
//! instruction, the conversation's turns and the retrieved products as
//! quoted data. Callers bound the time and fall back to the offline answer.

use std::time::Duration;

use futures_util::{Stream, StreamExt};
use serde_json::{Value, json};

use crate::server::config::AiSettings;

/// Whole-request ceiling; the service's own budget is tighter.
const TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum GeminiError {
    #[error("Gemini answered {status}: {message}")]
    Status { status: u16, message: String },
    #[error("Gemini could not be reached: {0}")]
    Transport(String),
    #[error("Gemini's answer had no text ({0})")]
    Empty(String),
}

/// One turn: `user` or `model`.
#[derive(Debug, Clone)]
pub struct Turn {
    pub model: bool,
    pub text: String,
}

#[derive(Clone)]
pub struct Gemini {
    client: reqwest::Client,
    /// `…/models/{model}` (`:generateContent` or `:streamGenerateContent` follows).
    url: String,
    key: String,
}

impl std::fmt::Debug for Gemini {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gemini").field("url", &self.url).finish_non_exhaustive()
    }
}

impl Gemini {
    /// `None` without a key.
    pub fn from_settings(ai: &AiSettings) -> Option<Self> {
        let key = ai.gemini_api_key.clone()?;
        let client = reqwest::Client::builder().timeout(TIMEOUT).build().ok()?;
        let url = format!("{}/v1beta/models/{}", ai.gemini_base_url, ai.gemini_model);
        Some(Self { client, url, key })
    }

    /// The request body (also what the tests look into).
    pub fn body(system: &str, turns: &[Turn]) -> Value {
        json!({
            "systemInstruction": {"parts": [{"text": system}]},
            "contents": turns.iter().map(|t| json!({
                "role": if t.model { "model" } else { "user" },
                "parts": [{"text": t.text}],
            })).collect::<Vec<_>>(),
            "generationConfig": {"temperature": 0.4, "maxOutputTokens": 600},
        })
    }

    async fn post(
        &self,
        method: &str,
        system: &str,
        turns: &[Turn],
    ) -> Result<reqwest::Response, GeminiError> {
        let response = self
            .client
            .post(format!("{}:{method}", self.url))
            .header("x-goog-api-key", &self.key)
            .json(&Self::body(system, turns))
            .send()
            .await
            .map_err(|e| GeminiError::Transport(e.to_string()))?;
        let status = response.status();
        if status.is_success() {
            return Ok(response);
        }
        let value: Value = response.json().await.unwrap_or_default();
        let message = value["error"]["message"].as_str().unwrap_or("no message").to_owned();
        Err(GeminiError::Status { status: status.as_u16(), message })
    }

    /// The reply's text.
    pub async fn generate(&self, system: &str, turns: &[Turn]) -> Result<String, GeminiError> {
        let response = self.post("generateContent", system, turns).await?;
        let value: Value = response.json().await.map_err(|e| GeminiError::Transport(e.to_string()))?;
        text_of(&value)
    }

    /// The reply's text in pieces as Gemini writes it (`alt=sse`: one JSON
    /// response a `data:` line). Errors before the first piece come back here.
    pub async fn stream(
        &self,
        system: &str,
        turns: &[Turn],
    ) -> Result<impl Stream<Item = Result<String, GeminiError>> + Send + Unpin + use<>, GeminiError> {
        let response = self.post("streamGenerateContent?alt=sse", system, turns).await?;
        let bytes = response.bytes_stream();
        Ok(Box::pin(futures_util::stream::unfold(
            (bytes, Vec::<u8>::new(), false),
            |(mut bytes, mut buffer, mut done)| async move {
                loop {
                    if let Some(event) = next_event(&mut buffer) {
                        match piece_of(&event) {
                            Some(Ok(text)) if text.is_empty() => continue,
                            Some(item) => return Some((item, (bytes, buffer, done))),
                            None => continue,
                        }
                    }
                    if done {
                        return None;
                    }
                    match bytes.next().await {
                        Some(Ok(chunk)) => buffer.extend_from_slice(&chunk),
                        Some(Err(e)) => {
                            return Some((Err(GeminiError::Transport(e.to_string())), (bytes, buffer, true)));
                        }
                        None => {
                            // The last event may lack its blank line.
                            buffer.extend_from_slice(b"\n\n");
                            done = true;
                        }
                    }
                }
            },
        )))
    }
}

/// One whole event off the front of `buffer` (events end with a blank line;
/// bytes, so a character split between network reads stays whole).
fn next_event(buffer: &mut Vec<u8>) -> Option<String> {
    let find = |gap: &[u8]| buffer.windows(gap.len()).position(|w| w == gap).map(|i| (i, gap.len()));
    let (end, gap) = [find(b"\r\n\r\n"), find(b"\n\n")].into_iter().flatten().min()?;
    let event = String::from_utf8_lossy(&buffer[..end]).into_owned();
    buffer.drain(..end + gap);
    Some(event)
}

/// The text of one event's `data:` lines (`None` for comments and blanks).
fn piece_of(event: &str) -> Option<Result<String, GeminiError>> {
    let data: String = event
        .lines()
        .filter_map(|l| l.strip_prefix("data:"))
        .map(str::trim_start)
        .collect::<Vec<_>>()
        .join("\n");
    if data.trim().is_empty() {
        return None;
    }
    let value: Value = match serde_json::from_str(&data) {
        Ok(v) => v,
        Err(e) => return Some(Err(GeminiError::Transport(format!("unreadable event: {e}")))),
    };
    if let Some(message) = value["error"]["message"].as_str() {
        let status = value["error"]["code"].as_u64().unwrap_or(500) as u16;
        return Some(Err(GeminiError::Status { status, message: message.to_owned() }));
    }
    let parts = value["candidates"][0]["content"]["parts"].as_array();
    Some(Ok(parts.into_iter().flatten().filter_map(|p| p["text"].as_str()).collect()))
}

/// `candidates[0].content.parts[].text`, joined.
pub fn text_of(value: &Value) -> Result<String, GeminiError> {
    let Some(parts) = value["candidates"][0]["content"]["parts"].as_array() else {
        let why = value["promptFeedback"]["blockReason"].as_str().unwrap_or("no candidates");
        return Err(GeminiError::Empty(why.to_owned()));
    };
    let text: String = parts.iter().filter_map(|p| p["text"].as_str()).collect();
    if text.trim().is_empty() { Err(GeminiError::Empty("blank".into())) } else { Ok(text) }
}

/// The ids written as `[[id]]` in a reply, in order, without repeats.
pub fn product_refs(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("[[") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("]]") else { break };
        let id = after[..end].trim();
        if !id.is_empty() && id.len() <= 64 && !out.iter().any(|o| o == id) {
            out.push(id.to_owned());
        }
        rest = &after[end + 2..];
    }
    out
}

/// The reply with each `[[id]]` replaced by `name(id)` (unknown ids vanish).
pub fn resolve_refs(text: &str, name: impl Fn(&str) -> Option<String>) -> String {
    let out = replace_refs(text, name);
    // Unknown references leave double spaces and spaces before punctuation.
    out.split_whitespace().collect::<Vec<_>>().join(" ").replace(" .", ".").replace(" ,", ",")
}

fn replace_refs(text: &str, name: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("[[") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("]]") else {
            out.push_str(&rest[start..]);
            return out;
        };
        if let Some(n) = name(after[..end].trim()) {
            out.push_str(&n);
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// Resolves `[[id]]` references in a reply arriving in pieces: text is
/// let out as soon as no reference can be open in it.
#[derive(Debug, Default)]
pub struct RefStream {
    held: String,
}

/// A reference longer than this is not one: let it out as written.
const LONGEST_REF: usize = 72;

impl RefStream {
    /// The next piece of text ready to show.
    pub fn push(&mut self, piece: &str, name: impl Fn(&str) -> Option<String>) -> String {
        self.held.push_str(piece);
        let open = match self.held.rfind("[[") {
            Some(i) if !self.held[i..].contains("]]") && self.held.len() - i <= LONGEST_REF => i,
            _ if self.held.ends_with('[') => self.held.len() - 1,
            _ => self.held.len(),
        };
        let ready: String = self.held.drain(..open).collect();
        replace_refs(&ready, name)
    }

    /// Whatever is left at the end (an unclosed reference is dropped).
    pub fn finish(&mut self) -> String {
        let rest = std::mem::take(&mut self.held);
        match rest.find("[[") {
            Some(i) => rest[..i].to_owned(),
            None => rest,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wire_format_has_an_instruction_object_and_roles() {
        let body = Gemini::body(
            "be kind",
            &[Turn { model: false, text: "hi".into() }, Turn { model: true, text: "hello".into() }],
        );
        assert_eq!(body["systemInstruction"]["parts"][0]["text"], "be kind");
        assert_eq!(body["contents"][0]["role"], "user");
        assert_eq!(body["contents"][1]["role"], "model");
    }

    #[test]
    fn replies_are_read_and_references_resolved() {
        let v = json!({"candidates": [{"content": {"parts": [{"text": "Try "}, {"text": "[[p1]]."}]}}]});
        assert_eq!(text_of(&v).unwrap(), "Try [[p1]].");
        assert!(text_of(&json!({"promptFeedback": {"blockReason": "SAFETY"}})).is_err());
        assert_eq!(product_refs("[[a]] and [[b]] or [[a]]"), ["a", "b"]);
        let names = |id: &str| (id == "a").then(|| "Rose Serum".to_owned());
        assert_eq!(resolve_refs("Try [[a]] or [[zz]].", names), "Try Rose Serum or.");
    }

    #[test]
    fn references_split_across_pieces_are_held_until_whole() {
        let names = |id: &str| (id == "p1").then(|| "Rose Serum".to_owned());
        let mut refs = RefStream::default();
        let shown: Vec<String> =
            ["Try [", "[p", "1]] to", "day [[no", "pe]] ok [["].iter().map(|p| refs.push(p, names)).collect();
        assert_eq!(shown, ["Try ", "", "Rose Serum to", "day ", " ok "]);
        assert_eq!(refs.finish(), "");
    }

    #[test]
    fn server_sent_events_are_read_piece_by_piece() {
        let mut buffer =
            b"data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi \"}]}}]}\r\n\r\ndata: {\"cand"
                .to_vec();
        let first = next_event(&mut buffer).unwrap();
        assert_eq!(piece_of(&first).unwrap().unwrap(), "Hi ");
        assert!(next_event(&mut buffer).is_none(), "half an event waits");
        buffer.extend_from_slice(b"idates\":[]}\n\n: keep-alive\n\n");
        assert_eq!(piece_of(&next_event(&mut buffer).unwrap()).unwrap().unwrap(), "");
        assert!(piece_of(&next_event(&mut buffer).unwrap()).is_none(), "a comment");
        let error = piece_of("data: {\"error\":{\"code\":429,\"message\":\"quota\"}}").unwrap();
        assert!(matches!(error, Err(GeminiError::Status { status: 429, .. })));
    }
}
