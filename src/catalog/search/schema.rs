//! What the search index holds of a product, and how its words are cut.
//!
//! Two analyses of the same text: `stemmed` (English stems: "roses" finds
//! "rose") feeds BM25 ranking; `plain` (lower-cased, accents folded, not
//! stemmed) is what typo and prefix matching compare against, because a
//! misspelt word has no reliable stem.

use tantivy::Index;
use tantivy::TantivyDocument;
use tantivy::schema::{
    FAST, Facet, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
};

use crate::catalog::facets::{RATING_MINIMUMS, price_band};

pub const STEMMED: &str = "bazaar_stemmed";
pub const PLAIN: &str = "bazaar_plain";

/// The index's fields.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub slug: Field,
    pub title: Field,
    pub body: Field,
    pub plain: Field,
    pub facet: Field,
    pub price: Field,
    pub rating: Field,
    pub created: Field,
}

/// The schema and its fields.
pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tokenizer: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        slug: b.add_text_field("slug", STORED),
        title: b.add_text_field("title", text(STEMMED).set_stored()),
        body: b.add_text_field("body", text(STEMMED)),
        plain: b.add_text_field("plain", text(PLAIN)),
        facet: b.add_facet_field("facet", FacetOptions::default()),
        price: b.add_i64_field("price", INDEXED | FAST),
        rating: b.add_i64_field("rating", FAST),
        created: b.add_i64_field("created", FAST),
    };
    (b.build(), fields)
}

/// Lower-cased, accent-folded words (no stemming).
pub fn plain_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The plain words reduced to their English stems.
pub fn stemmed_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

pub fn register_tokenizers(index: &Index) {
    index.tokenizers().register(STEMMED, stemmed_analyzer());
    index.tokenizers().register(PLAIN, plain_analyzer());
}

/// The words of `text` through `analyzer`, in order.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    analyzer.token_stream(text).process(&mut |t| out.push(t.text.clone()));
    out
}

/// A product as the index sees it (read by `catalog::db::search`).
#[derive(Debug, Clone, Default)]
pub struct IndexDoc {
    pub id: String,
    pub slug: String,
    pub title: String,
    pub subtitle: String,
    pub description: String,
    /// The category and its parent: `(slug, name)`.
    pub categories: Vec<(String, String)>,
    pub shop_slug: String,
    pub shop_name: String,
    /// `(name, value)`, e.g. `("concern", "Dryness")`.
    pub attributes: Vec<(String, String)>,
    pub price_minor: i64,
    /// Hundredths of a star (0..=500).
    pub rating_avg: i64,
    pub created_at: i64,
    pub in_stock: bool,
}

/// A facet value as stored: `/{group}/{value}`.
pub fn facet(group: &str, value: &str) -> Facet {
    Facet::from_path([group, value])
}

impl IndexDoc {
    pub fn to_document(&self, f: &Fields) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &self.id);
        doc.add_text(f.slug, &self.slug);
        doc.add_text(f.title, &self.title);
        let mut body: Vec<&str> = vec![&self.subtitle, &self.description, &self.shop_name];
        body.extend(self.categories.iter().map(|(_, name)| name.as_str()));
        body.extend(self.attributes.iter().map(|(_, value)| value.as_str()));
        for text in &body {
            doc.add_text(f.body, text);
        }
        doc.add_text(f.plain, &self.title);
        for text in &body {
            doc.add_text(f.plain, text);
        }
        for (slug, _) in &self.categories {
            doc.add_facet(f.facet, facet("category", slug));
        }
        doc.add_facet(f.facet, facet("shop", &self.shop_slug));
        doc.add_facet(f.facet, facet("price", price_band(self.price_minor)));
        for minimum in RATING_MINIMUMS {
            if self.rating_avg >= minimum.parse::<i64>().unwrap_or(5) * 100 {
                doc.add_facet(f.facet, facet("rating", minimum));
            }
        }
        if self.in_stock {
            doc.add_facet(f.facet, facet("in_stock", "1"));
        }
        for (name, value) in &self.attributes {
            doc.add_facet(f.facet, facet(name, value));
        }
        doc.add_i64(f.price, self.price_minor);
        doc.add_i64(f.rating, self.rating_avg);
        doc.add_i64(f.created, self.created_at);
        doc
    }
}
