//! Turning what a shopper typed into index queries, and the small pure
//! rules around it: how many typos a word may carry, which words are too
//! common to require, where the words sit in a title (for highlighting).

use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;

use super::schema::Fields;

/// At most this many words of a query are used.
pub const MAX_WORDS: usize = 8;

/// Edits a word may be away from an indexed word and still match:
/// none under 4 letters, 1 for 4–7, 2 from 8.
pub fn typo_distance(word: &str) -> u8 {
    match word.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Words that say nothing about a product: not required to match.
const STOP_WORDS: [&str; 24] = [
    "a", "an", "and", "are", "as", "at", "by", "for", "from", "in", "into", "is", "it", "of", "on", "or",
    "that", "the", "this", "to", "with", "without", "your", "my",
];

pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

/// One typed word: its plain form and its stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub plain: String,
    pub stem: String,
    /// The last word of the query may be a prefix ("moistur" → "moisturiser").
    pub last: bool,
    /// The catalog has this very word: it is taken as typed, not as a typo
    /// of its neighbours ("rose" does not also look for "rise" and "nose").
    pub known: bool,
}

/// A word matches a product when the stem is in its title or text, or —
/// for a word the catalog does not have — the plain word is within typo
/// distance of one of its words; the last word may also start one. Exact
/// stem matches rank above typo matches. Typo expansion is the costly part
/// of a query (every dictionary word near the typed one joins the union), so
/// it runs only where it can help.
pub fn word_query(f: &Fields, word: &Word) -> Box<dyn Query> {
    let term = |field, text: &str| Term::from_field_text(field, text);
    let mut should: Vec<(Occur, Box<dyn Query>)> = vec![
        (
            Occur::Should,
            Box::new(BoostQuery::new(
                Box::new(TermQuery::new(term(f.title, &word.stem), IndexRecordOption::WithFreqs)),
                3.0,
            )),
        ),
        (Occur::Should, Box::new(TermQuery::new(term(f.body, &word.stem), IndexRecordOption::WithFreqs))),
    ];
    let distance = if word.known { 0 } else { typo_distance(&word.plain) };
    if distance > 0 {
        // Against the plain words ("bouqet" → "bouquet") and against the
        // stems, so a misspelt singular still reaches plurals and the other
        // spelling ("moisturzer" → stem "moisturz" → "moisturis").
        let fuzzy = |field, text: &str, boost: f32| -> (Occur, Box<dyn Query>) {
            let q = FuzzyTermQuery::new(term(field, text), distance, true);
            (Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost)))
        };
        should.push(fuzzy(f.plain, &word.plain, 0.3));
        should.push(fuzzy(f.title, &word.stem, 0.5));
        should.push(fuzzy(f.body, &word.stem, 0.2));
    }
    if word.last && word.plain.chars().count() >= 2 {
        // A word being typed: titles that start a word with it rank first.
        let prefix = |field, boost: f32| -> (Occur, Box<dyn Query>) {
            let q = FuzzyTermQuery::new_prefix(term(field, &word.plain), 0, true);
            (Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost)))
        };
        should.push(prefix(f.title, 1.5));
        should.push(prefix(f.plain, 0.5));
    }
    Box::new(BooleanQuery::new(should))
}

/// Levenshtein distance, giving up (returning `max + 1`) once it is over `max`.
pub fn edit_distance(a: &str, b: &str, max: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut row = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            row[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(row[j] + 1);
        }
        if row.iter().min().is_some_and(|m| *m > max) {
            return max + 1;
        }
        prev = row;
    }
    prev[b.len()].min(max + 1)
}

/// Whether a title word (plain form and stem) answers a typed word.
pub fn matches(word: &Word, plain: &str, stem: &str) -> bool {
    let budget = if word.known { 0 } else { usize::from(typo_distance(&word.plain)) };
    stem == word.stem
        || (word.last && plain.starts_with(&word.plain))
        || (budget > 0 && edit_distance(plain, &word.plain, budget) <= budget)
}

/// Byte ranges of the words in `text` that answer the query. `words_of`
/// cuts text into `(start, end, plain, stem)` tuples.
pub fn highlight_ranges(
    query: &[Word],
    words_of: &impl Fn(&str) -> Vec<(usize, usize, String, String)>,
    text: &str,
) -> Vec<(u32, u32)> {
    words_of(text)
        .into_iter()
        .filter(|(_, _, plain, stem)| {
            query.iter().any(|w| !is_stop_word(&w.plain) && matches(w, plain, stem))
        })
        .map(|(start, end, ..)| (start as u32, end as u32))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typo_budget_grows_with_the_word() {
        assert_eq!(typo_distance("oud"), 0);
        assert_eq!(typo_distance("rose"), 1);
        assert_eq!(typo_distance("bouqet"), 1);
        assert_eq!(typo_distance("moisturzer"), 2);
    }

    #[test]
    fn edit_distance_counts_and_gives_up() {
        assert_eq!(edit_distance("bouqet", "bouquet", 2), 1);
        assert_eq!(edit_distance("moisturzer", "moisturizer", 2), 1);
        assert_eq!(edit_distance("hyaluronc", "hyaluronic", 2), 1);
        assert_eq!(edit_distance("rose", "rose", 1), 0);
        assert_eq!(edit_distance("serum", "lavender", 2), 3, "over the limit reads as limit + 1");
    }

    #[test]
    fn title_words_that_answer_a_query() {
        let w = |plain: &str, stem: &str, last: bool| Word {
            plain: plain.into(),
            stem: stem.into(),
            last,
            known: false,
        };
        assert!(matches(&w("roses", "rose", false), "rose", "rose"), "same stem");
        assert!(matches(&w("bouqet", "bouqet", false), "bouquet", "bouquet"), "one typo");
        assert!(matches(&w("moist", "moist", true), "moisturiser", "moisturis"), "prefix of the last word");
        assert!(!matches(&w("moist", "moist", false), "moisturiser", "moisturis"), "not a prefix elsewhere");
        assert!(!matches(&w("oud", "oud", false), "mud", "mud"), "short words need an exact match");
        let rose = Word { known: true, ..w("rose", "rose", false) };
        assert!(
            matches(&rose, "roses", "rose") && !matches(&rose, "rise", "rise"),
            "a known word is no typo"
        );
    }
}
