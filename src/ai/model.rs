//! The sentence-embedding model (all-MiniLM-L6-v2): text in, a unit vector
//! of [`DIM`] numbers out, so the cosine of two texts is a dot product.
//! Pure Rust (candle, tokenizers); loaded once from `BAZAAR_MODEL_DIR`.
//! Every call is CPU work of tens of milliseconds: callers run it on a
//! blocking thread, never on a request's async worker.

use std::path::Path;

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use tokenizers::{PaddingParams, PaddingStrategy, Tokenizer, TruncationParams};

/// Numbers per vector.
pub const DIM: usize = 384;

/// Tokens per text at most (the model was trained on 256).
const MAX_TOKENS: usize = 256;

/// The files a model directory must hold.
pub const FILES: [&str; 3] = ["config.json", "tokenizer.json", "model.safetensors"];

/// Why the model could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("{0} is missing (run ./scripts/run or scripts/bootstrap to install the model)")]
    Missing(String),
    #[error("{file}: {reason}")]
    Invalid { file: String, reason: String },
    #[error("embedding failed: {0}")]
    Run(String),
}

pub struct Embedder {
    model: BertModel,
    tokenizer: Tokenizer,
}

impl std::fmt::Debug for Embedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Embedder")
    }
}

impl Embedder {
    /// Load the tokenizer and the weights (memory-mapped) from `dir`.
    pub fn load(dir: &Path) -> Result<Self, ModelError> {
        for file in FILES {
            if !dir.join(file).is_file() {
                return Err(ModelError::Missing(dir.join(file).display().to_string()));
            }
        }
        let invalid = |file: &str| {
            let file = dir.join(file).display().to_string();
            move |e: &dyn std::fmt::Display| ModelError::Invalid { file, reason: e.to_string() }
        };
        let text =
            std::fs::read_to_string(dir.join("config.json")).map_err(|e| invalid("config.json")(&e))?;
        let config: Config = serde_json::from_str(&text).map_err(|e| invalid("config.json")(&e))?;
        if config.hidden_size != DIM {
            return Err(invalid("config.json")(&format!(
                "vectors of {} numbers, not {DIM}",
                config.hidden_size
            )));
        }
        let mut tokenizer =
            Tokenizer::from_file(dir.join("tokenizer.json")).map_err(|e| invalid("tokenizer.json")(&e))?;
        tokenizer.with_padding(Some(PaddingParams {
            strategy: PaddingStrategy::BatchLongest,
            ..Default::default()
        }));
        tokenizer
            .with_truncation(Some(TruncationParams { max_length: MAX_TOKENS, ..Default::default() }))
            .map_err(|e| invalid("tokenizer.json")(&e))?;
        let weights = dir.join("model.safetensors");
        // SAFETY: the weights file is mapped read-only; the installer writes
        // it once (to a new name, then renamed) and nothing changes it while
        // the server runs.
        let vb = unsafe { VarBuilder::from_mmaped_safetensors(&[weights], DType::F32, &Device::Cpu) }
            .map_err(|e| invalid("model.safetensors")(&e))?;
        let model = BertModel::load(vb, &config).map_err(|e| invalid("model.safetensors")(&e))?;
        Ok(Self { model, tokenizer })
    }

    /// One vector per text, in order: mean of the token states over the
    /// attention mask, scaled to length 1.
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, ModelError> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let run = |e: &dyn std::fmt::Display| ModelError::Run(e.to_string());
        let encodings = self.tokenizer.encode_batch(texts.to_vec(), true).map_err(|e| run(&e))?;
        let rows = encodings.len();
        let width = encodings.first().map_or(0, |e| e.get_ids().len());
        let mut ids = Vec::with_capacity(rows * width);
        let mut mask = Vec::with_capacity(rows * width);
        for e in &encodings {
            ids.extend_from_slice(e.get_ids());
            mask.extend_from_slice(e.get_attention_mask());
        }
        let device = Device::Cpu;
        let ids = Tensor::from_vec(ids, (rows, width), &device).map_err(|e| run(&e))?;
        let mask = Tensor::from_vec(mask, (rows, width), &device).map_err(|e| run(&e))?;
        let types = ids.zeros_like().map_err(|e| run(&e))?;
        let states = self.model.forward(&ids, &types, Some(&mask)).map_err(|e| run(&e))?;
        let pooled = (|| {
            let mask = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
            let summed = states.broadcast_mul(&mask)?.sum(1)?;
            let counts = mask.sum(1)?.clamp(1e-9, f64::MAX)?;
            summed.broadcast_div(&counts)?.to_vec2::<f32>()
        })()
        .map_err(|e: candle_core::Error| run(&e))?;
        Ok(pooled.into_iter().map(normalised).collect())
    }

    /// One text's vector.
    pub fn embed_one(&self, text: &str) -> Result<Vec<f32>, ModelError> {
        self.embed(&[text])?.pop().ok_or_else(|| ModelError::Run("no vector".into()))
    }
}

/// `v` scaled to length 1 (a zero vector stays zero).
pub fn normalised(mut v: Vec<f32>) -> Vec<f32> {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalised_has_length_one() {
        let v = normalised(vec![3.0, 4.0]);
        assert!((v[0] - 0.6).abs() < 1e-6 && (v[1] - 0.8).abs() < 1e-6);
        assert_eq!(normalised(vec![0.0, 0.0]), vec![0.0, 0.0]);
    }

    #[test]
    fn a_missing_directory_says_which_file() {
        let err = Embedder::load(Path::new("/nonexistent/model")).unwrap_err();
        assert!(err.to_string().contains("config.json"), "{err}");
    }
}
