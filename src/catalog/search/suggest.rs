//! What a half-typed or mistyped query might mean: suggestions for the
//! search box and "did you mean" corrections.

use tantivy::collector::TopDocs;
use tantivy::schema::Value;
use tantivy::{TantivyDocument, Term};

use super::words::{Word, edit_distance, is_stop_word};
use super::{SearchIndex, SearchRequest};
use crate::error::AppResult;

impl SearchIndex {
    /// [`did_you_mean`](Self::did_you_mean) on a blocking thread.
    pub async fn did_you_mean_async(&self, words: Vec<Word>) -> AppResult<Option<String>> {
        let index = self.clone();
        Ok(tokio::task::spawn_blocking(move || index.did_you_mean(&words)).await??)
    }

    /// Up to `limit` products for the words typed so far (the last one a
    /// prefix): `(slug, title)`, best first.
    pub fn suggest(&self, words: Vec<Word>, limit: usize) -> tantivy::Result<Vec<(String, String)>> {
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let searcher = self.inner.reader.searcher();
        let f = self.inner.fields;
        let request = SearchRequest { words, limit, ..SearchRequest::default() };
        let hits =
            searcher.search(&self.compose(&request, None), &TopDocs::with_limit(limit).order_by_score())?;
        let mut out = Vec::with_capacity(hits.len());
        for (_, address) in hits {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text = |field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
            out.push((text(f.slug), text(f.title)));
        }
        Ok(out)
    }

    /// Shops whose name has a word starting with `prefix` (lower-case): `(slug, name)`.
    pub fn shops_matching(&self, prefix: &str, limit: usize) -> Vec<(String, String)> {
        let names = self.inner.shop_names.read().unwrap_or_else(|e| e.into_inner());
        let mut out: Vec<(String, String)> = names
            .iter()
            .filter(|(_, name)| name.to_lowercase().split_whitespace().any(|w| w.starts_with(prefix)))
            .map(|(slug, name)| (slug.clone(), name.clone()))
            .collect();
        out.sort_by(|a, b| a.1.cmp(&b.1));
        out.truncate(limit);
        out
    }

    /// "Did you mean …": each word that is not in the index replaced by
    /// the most common indexed word within two edits. `None` when nothing
    /// would change.
    pub fn did_you_mean(&self, query: &[Word]) -> tantivy::Result<Option<String>> {
        let searcher = self.inner.reader.searcher();
        let field = self.inner.fields.plain;
        let mut changed = false;
        let mut out = Vec::with_capacity(query.len());
        for word in query {
            let exact = Term::from_field_text(field, &word.plain);
            if is_stop_word(&word.plain) || searcher.doc_freq(&exact)? > 0 {
                out.push(word.plain.clone());
                continue;
            }
            let max = if word.plain.chars().count() >= 5 { 2 } else { 1 };
            let mut best: Option<(usize, u32, String)> = None;
            for segment in searcher.segment_readers() {
                let inverted = segment.inverted_index(field)?;
                let mut stream = inverted.terms().stream()?;
                while stream.advance() {
                    let Ok(term) = std::str::from_utf8(stream.key()) else { continue };
                    let d = edit_distance(term, &word.plain, max);
                    if d > max {
                        continue;
                    }
                    let df = stream.value().doc_freq;
                    if best.as_ref().is_none_or(|(bd, bdf, _)| d < *bd || (d == *bd && df > *bdf)) {
                        best = Some((d, df, term.to_owned()));
                    }
                }
            }
            match best {
                Some((_, _, term)) => {
                    changed = true;
                    out.push(term);
                }
                None => out.push(word.plain.clone()),
            }
        }
        Ok(changed.then(|| out.join(" ")))
    }
}
