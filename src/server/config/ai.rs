//! `[ai]`: the embedding model, Gemini and the assistant's limits.

use serde::Deserialize;

use super::ConfigError;

#[derive(Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct AiSettings {
    /// The folder holding the embedding model's `config.json`,
    /// `tokenizer.json` and `model.safetensors` (`BAZAAR_MODEL_DIR`); empty
    /// turns semantic search and embedding-based suggestions off.
    pub model_dir: String,
    /// A Google Gemini key (`BAZAAR_GEMINI_API_KEY`): the assistant writes
    /// its answers with Gemini; without one it answers from templates.
    pub gemini_api_key: Option<String>,
    /// `BAZAAR_GEMINI_MODEL`.
    pub gemini_model: String,
    /// `BAZAAR_GEMINI_BASE_URL` (tests point it at a loopback server).
    pub gemini_base_url: String,
    /// Days an assistant conversation is kept (`BAZAAR_CHAT_RETENTION_DAYS`).
    pub chat_retention_days: u32,
}

impl Default for AiSettings {
    fn default() -> Self {
        Self {
            model_dir: "data/model".into(),
            gemini_api_key: None,
            gemini_model: "gemini-2.5-flash".into(),
            gemini_base_url: "https://generativelanguage.googleapis.com".into(),
            chat_retention_days: 180,
        }
    }
}

/// The key is never printed.
impl std::fmt::Debug for AiSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AiSettings")
            .field("model_dir", &self.model_dir)
            .field("gemini_api_key", &self.gemini_api_key.as_ref().map(|_| "***"))
            .field("gemini_model", &self.gemini_model)
            .field("gemini_base_url", &self.gemini_base_url)
            .field("chat_retention_days", &self.chat_retention_days)
            .finish()
    }
}

impl AiSettings {
    pub(super) fn apply_env(&mut self, get: &impl Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
        if let Some(v) = get("BAZAAR_MODEL_DIR") {
            self.model_dir = v.trim().to_owned();
        }
        if let Some(v) = get("BAZAAR_GEMINI_API_KEY") {
            self.gemini_api_key = Some(v.trim().to_owned()).filter(|v| !v.is_empty());
        }
        if let Some(v) = get("BAZAAR_GEMINI_MODEL") {
            self.gemini_model = v.trim().to_owned();
        }
        if let Some(v) = get("BAZAAR_GEMINI_BASE_URL") {
            self.gemini_base_url = v.trim().trim_end_matches('/').to_owned();
        }
        if let Some(v) = get("BAZAAR_CHAT_RETENTION_DAYS") {
            self.chat_retention_days = match v.trim().parse::<u32>() {
                Ok(n) if n >= 1 => n,
                _ => {
                    return Err(ConfigError::Env {
                        key: "BAZAAR_CHAT_RETENTION_DAYS",
                        value: v,
                        reason: "must be a whole number of days, at least 1".into(),
                    });
                }
            };
        }
        Ok(())
    }
}
