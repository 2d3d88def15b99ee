//! Search quality on a labelled set (`bench/search_labels.json`): nDCG@10
//! of the storefront's search with words alone (BM25) and hybrid (words +
//! meaning). A product is relevant to a query when it matches any of the
//! query's rules; a rule holds when each of its keys matches — `category`
//! (a slug, parents count), `title` (any of the words), or an attribute
//! name (any of the values).

use std::collections::HashMap;

use serde::Deserialize;

use crate::catalog::search::schema::IndexDoc;
use crate::catalog::search::sync::active_docs_after;
use crate::catalog::{ListQuery, listing, service};
use crate::error::{AppError, AppResult};
use crate::server::state::AppState;

/// Results judged per query.
pub const CUTOFF: usize = 10;

#[derive(Debug, Deserialize)]
pub struct LabelledSet {
    pub queries: Vec<Labelled>,
}

#[derive(Debug, Deserialize)]
pub struct Labelled {
    pub q: String,
    pub relevant: Vec<HashMap<String, Vec<String>>>,
}

/// One query's scores.
#[derive(Debug, Clone)]
pub struct Scored {
    pub q: String,
    pub relevant: usize,
    pub words: f64,
    pub hybrid: f64,
}

/// Whether `doc` matches one of `rules`.
pub fn is_relevant(doc: &IndexDoc, rules: &[HashMap<String, Vec<String>>]) -> bool {
    let has = |key: &str, values: &[String]| -> bool {
        match key {
            "category" => doc.categories.iter().any(|(slug, _)| values.contains(slug)),
            "title" => {
                let title = doc.title.to_lowercase();
                values.iter().any(|w| title.contains(&w.to_lowercase()))
            }
            name => doc.attributes.iter().any(|(n, v)| n == name && values.contains(v)),
        }
    };
    rules.iter().any(|rule| rule.iter().all(|(k, values)| has(k, values)))
}

/// nDCG at [`CUTOFF`] of a ranking (binary relevance), 0 when nothing is relevant.
pub fn ndcg(ranked: &[bool], relevant: usize) -> f64 {
    let gain = |i: usize| 1.0 / ((i + 2) as f64).log2();
    let dcg: f64 = ranked.iter().take(CUTOFF).enumerate().filter(|(_, r)| **r).map(|(i, _)| gain(i)).sum();
    let ideal: f64 = (0..relevant.min(CUTOFF)).map(gain).sum();
    if ideal == 0.0 { 0.0 } else { dcg / ideal }
}

/// Score every labelled query both ways on the state's catalog.
pub async fn evaluate(state: &AppState, set: &LabelledSet) -> AppResult<Vec<Scored>> {
    let mut docs: HashMap<String, IndexDoc> = HashMap::new();
    let mut c = state.db.conn().await?;
    let mut after: Option<String> = None;
    loop {
        let page = active_docs_after(&mut c, after.as_deref()).await?;
        let Some(last) = page.last() else { break };
        after = Some(last.id.clone());
        docs.extend(page.into_iter().map(|d| (d.id.clone(), d)));
    }
    drop(c);
    let categories = service::categories(state).await?;
    let mut out = Vec::new();
    for item in &set.queries {
        let relevant = docs.values().filter(|d| is_relevant(d, &item.relevant)).count();
        let pairs = vec![("q".to_owned(), item.q.clone()), ("per_page".to_owned(), CUTOFF.to_string())];
        let query = ListQuery::from_pairs(&pairs).map_err(|_| AppError::field("q", "not a valid query"))?;
        let mut judged = [0.0; 2];
        for (i, meaning) in [false, true].into_iter().enumerate() {
            let page = listing::list_products_by(state, &query, &categories, meaning).await?;
            let ranked: Vec<bool> = page
                .items
                .iter()
                .map(|card| docs.get(&card.id).is_some_and(|d| is_relevant(d, &item.relevant)))
                .collect();
            judged[i] = ndcg(&ranked, relevant);
        }
        out.push(Scored { q: item.q.clone(), relevant, words: judged[0], hybrid: judged[1] });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ndcg_rewards_relevant_products_near_the_top() {
        assert_eq!(ndcg(&[true, true], 2), 1.0);
        assert_eq!(ndcg(&[false, false], 2), 0.0);
        assert_eq!(ndcg(&[], 0), 0.0);
        let late = ndcg(&[false, true], 1);
        assert!(late > 0.6 && late < 0.7, "{late}");
    }

    #[test]
    fn a_rule_needs_every_key_and_any_rule_will_do() {
        let doc = IndexDoc {
            title: "Calming Centella Serum".into(),
            categories: vec![("serums".into(), "Serums".into()), ("beauty".into(), "Beauty".into())],
            attributes: vec![("concern".into(), "Redness".into())],
            ..Default::default()
        };
        let rule = |pairs: &[(&str, &[&str])]| -> HashMap<String, Vec<String>> {
            pairs.iter().map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect())).collect()
        };
        assert!(is_relevant(&doc, &[rule(&[("category", &["beauty"]), ("concern", &["Redness"])])]));
        assert!(!is_relevant(&doc, &[rule(&[("category", &["beauty"]), ("concern", &["Dryness"])])]));
        assert!(is_relevant(&doc, &[rule(&[("concern", &["Dryness"])]), rule(&[("title", &["serum"])])]));
    }
}
