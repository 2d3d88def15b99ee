//! Google Gemini's generateContent over REST (`BAZAAR_GEMINI_*`): the
//! request carries a system instruction, the conversation's turns and the
//! retrieved products as quoted data; the reply's text comes back whole.
//! Callers bound the time and fall back to the offline answer.

use std::time::Duration;

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
        let url = format!("{}/v1beta/models/{}:generateContent", ai.gemini_base_url, ai.gemini_model);
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

    /// The reply's text.
    pub async fn generate(&self, system: &str, turns: &[Turn]) -> Result<String, GeminiError> {
        let response = self
            .client
            .post(&self.url)
            .header("x-goog-api-key", &self.key)
            .json(&Self::body(system, turns))
            .send()
            .await
            .map_err(|e| GeminiError::Transport(e.to_string()))?;
        let status = response.status();
        let value: Value = response.json().await.map_err(|e| GeminiError::Transport(e.to_string()))?;
        if !status.is_success() {
            let message = value["error"]["message"].as_str().unwrap_or("no message").to_owned();
            return Err(GeminiError::Status { status: status.as_u16(), message });
        }
        text_of(&value)
    }
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
    // Unknown references leave double spaces and spaces before punctuation.
    out.split_whitespace().collect::<Vec<_>>().join(" ").replace(" .", ".").replace(" ,", ",")
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
}
