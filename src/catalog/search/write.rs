//! Changing the index: incremental updates and full rebuilds, committed
//! and made visible at once (blocking: call from a blocking task).

use tantivy::Term;

use super::SearchIndex;
use super::schema::IndexDoc;

impl SearchIndex {
    /// Put these products in (replacing older copies) and take `removed`
    /// out, then make the change visible. Blocking: call from a blocking task.
    pub fn apply(&self, docs: &[IndexDoc], removed: &[String]) -> tantivy::Result<()> {
        let f = self.inner.fields;
        let mut writer = self.inner.writer.lock().unwrap_or_else(|e| e.into_inner());
        for id in removed.iter().chain(docs.iter().map(|d| &d.id)) {
            writer.delete_term(Term::from_field_text(f.id, id));
        }
        for doc in docs {
            writer.add_document(doc.to_document(&f))?;
        }
        writer.commit()?;
        drop(writer);
        self.remember_shops(docs);
        self.inner.reader.reload()?;
        self.forget_scopes();
        Ok(())
    }

    /// Empty the index and add every product given by `batches`, committing once.
    pub fn rebuild(&self, batches: impl Iterator<Item = Vec<IndexDoc>>) -> tantivy::Result<u64> {
        let f = self.inner.fields;
        let mut writer = self.inner.writer.lock().unwrap_or_else(|e| e.into_inner());
        writer.delete_all_documents()?;
        let mut added = 0u64;
        for batch in batches {
            for doc in &batch {
                writer.add_document(doc.to_document(&f))?;
            }
            added += batch.len() as u64;
            self.remember_shops(&batch);
        }
        writer.commit()?;
        drop(writer);
        self.inner.reader.reload()?;
        self.forget_scopes();
        Ok(added)
    }

    fn forget_scopes(&self) {
        self.inner.scopes.clear();
        self.inner.hits.clear();
    }

    fn remember_shops(&self, docs: &[IndexDoc]) {
        let mut names = self.inner.shop_names.write().unwrap_or_else(|e| e.into_inner());
        for d in docs {
            if names.get(&d.shop_slug) != Some(&d.shop_name) {
                names.insert(d.shop_slug.clone(), d.shop_name.clone());
            }
        }
    }

    /// A shop's name by slug, as last indexed.
    pub fn shop_name(&self, slug: &str) -> Option<String> {
        self.inner.shop_names.read().unwrap_or_else(|e| e.into_inner()).get(slug).cloned()
    }
}
