//! Reading a shopper's words for filters: "under $30", "between 20 and 40
//! dollars", "over $100" become a price range, "for dry skin" a skin type
//! (among the values the catalog has). What is left is what to look for.

/// What a search's words ask for besides words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Intent {
    /// The words without the price phrases (what meaning is compared with).
    pub meaning: String,
    /// The words without price and skin phrases (what words must match).
    pub words: String,
    /// Minor units, inclusive.
    pub price_from: Option<i64>,
    /// Minor units, inclusive.
    pub price_to: Option<i64>,
    /// Skin types as the catalog spells them.
    pub skin_types: Vec<String>,
}

impl Intent {
    /// Whether anything was read besides words.
    pub fn has_filters(&self) -> bool {
        self.price_from.is_some() || self.price_to.is_some() || !self.skin_types.is_empty()
    }
}

const BELOW: [&[&str]; 7] = [
    &["under"],
    &["below"],
    &["less", "than"],
    &["cheaper", "than"],
    &["up", "to"],
    &["max"],
    &["at", "most"],
];
const ABOVE: [&[&str]; 5] = [&["over"], &["above"], &["more", "than"], &["at", "least"], &["from"]];

/// Read `text`; `skin_types` are the catalog's values ("Dry", "Oily" …).
pub fn parse(text: &str, skin_types: &[String]) -> Intent {
    let tokens: Vec<Token> = tokenize(text);
    let mut keep_meaning = vec![true; tokens.len()];
    let mut keep_words = vec![true; tokens.len()];
    let mut intent = Intent::default();
    let mut i = 0;
    while i < tokens.len() {
        // "between 20 and 40", "20 to 40 dollars", "$20-$40"
        if let Some((from, to, used)) = range_at(&tokens, i) {
            intent.price_from = Some(from.min(to));
            intent.price_to = Some(from.max(to));
            drop_span(&mut keep_meaning, &mut keep_words, i, used);
            i += used;
            continue;
        }
        if let Some((n, price, used)) = bound_at(&tokens, i, &BELOW, false) {
            intent.price_to = Some(price);
            drop_span(&mut keep_meaning, &mut keep_words, i, n + used);
            i += n + used;
            continue;
        }
        // "from" needs a currency sign: "flowers from 12 stems" is no price.
        if let Some((n, price, used)) = bound_at(&tokens, i, &ABOVE, true) {
            intent.price_from = Some(price);
            drop_span(&mut keep_meaning, &mut keep_words, i, n + used);
            i += n + used;
            continue;
        }
        i += 1;
    }
    // "[for] dry [and|or|,] combination skin"
    for (i, t) in tokens.iter().enumerate() {
        if t.word != "skin" {
            continue;
        }
        let mut j = i;
        let mut found = Vec::new();
        while j > 0 {
            let prev = &tokens[j - 1].word;
            if let Some(v) = skin_types.iter().find(|v| v.to_lowercase() == *prev) {
                found.push(v.clone());
            } else if !matches!(prev.as_str(), "and" | "or" | "&" | "/") {
                break;
            }
            j -= 1;
        }
        if found.is_empty() {
            continue;
        }
        if j > 0 && tokens[j - 1].word == "for" {
            j -= 1;
        }
        for k in keep_words.iter_mut().take(i + 1).skip(j) {
            *k = false;
        }
        for v in found.into_iter().rev() {
            if !intent.skin_types.contains(&v) {
                intent.skin_types.push(v);
            }
        }
    }
    let join = |keep: &[bool]| {
        tokens
            .iter()
            .zip(keep)
            .filter(|(_, k)| **k)
            .map(|(t, _)| t.raw.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    intent.meaning = join(&keep_meaning);
    intent.words = join(&keep_words);
    intent
}

#[derive(Debug)]
struct Token {
    raw: String,
    /// Lower-cased, trailing punctuation off.
    word: String,
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for raw in text.split_whitespace() {
        // "$20-$40" and "20-40" are a range: split at the dash.
        let parts: Vec<&str> = if raw.contains('-') && raw.split('-').all(|p| amount(p).is_some()) {
            let mut v = Vec::new();
            for (n, p) in raw.split('-').enumerate() {
                if n > 0 {
                    v.push("-");
                }
                v.push(p);
            }
            v
        } else {
            vec![raw]
        };
        for p in parts {
            let word =
                p.trim_matches(|c: char| matches!(c, ',' | '.' | '!' | '?' | ';' | ':')).to_lowercase();
            out.push(Token { raw: p.to_owned(), word });
        }
    }
    out
}

/// Blank out `len` tokens from `at` in both keep lists.
fn drop_span(meaning: &mut [bool], words: &mut [bool], at: usize, len: usize) {
    for k in at..(at + len).min(meaning.len()) {
        meaning[k] = false;
        words[k] = false;
    }
}

/// A price phrase's words (`phrases`) at `i`, then an amount: (phrase
/// length, minor units, tokens the amount took).
fn bound_at(tokens: &[Token], i: usize, phrases: &[&[&str]], need_sign: bool) -> Option<(usize, i64, usize)> {
    let phrase = phrases
        .iter()
        .find(|p| p.iter().enumerate().all(|(k, w)| tokens.get(i + k).is_some_and(|t| t.word == *w)))?;
    let at = i + phrase.len();
    let (price, used, signed) = price_at(tokens, at)?;
    if need_sign && !signed {
        return None;
    }
    Some((phrase.len(), price, used))
}

/// "between A and B", "A to B", "A - B" at `i`: (from, to, tokens used).
fn range_at(tokens: &[Token], i: usize) -> Option<(i64, i64, usize)> {
    let word = |k: usize| tokens.get(k).map(|t| t.word.as_str());
    let start = if word(i) == Some("between") { i + 1 } else { i };
    let (a, used_a, signed_a) = price_at(tokens, start)?;
    let mid = start + used_a;
    if !matches!(word(mid), Some("and" | "to" | "-")) {
        return None;
    }
    // "A to B" without "between" or a currency sign is probably not a price.
    if start == i && word(mid) != Some("-") && !signed_a {
        let (_, _, signed_b) = price_at(tokens, mid + 1)?;
        if !signed_b {
            return None;
        }
    }
    if start == i && word(mid) == Some("and") {
        return None;
    }
    let (b, used_b, _) = price_at(tokens, mid + 1)?;
    Some((a, b, mid + 1 + used_b - i))
}

/// An amount at `i`, maybe followed by "dollars"/"usd"/"€"…: (minor units,
/// tokens used, whether a currency was named).
fn price_at(tokens: &[Token], i: usize) -> Option<(i64, usize, bool)> {
    let t = tokens.get(i)?;
    let (minor, signed) = amount(&t.word)?;
    let named = tokens.get(i + 1).is_some_and(|n| {
        matches!(n.word.as_str(), "dollars" | "dollar" | "usd" | "euros" | "euro" | "eur" | "bucks")
    });
    Some((minor, 1 + usize::from(named), signed || named))
}

/// "$30", "30", "29.99", "30$", "€30", "30usd" → (minor units, had a sign).
fn amount(word: &str) -> Option<(i64, bool)> {
    let w = word.trim();
    let mut signed = false;
    let mut s = w;
    for sign in ["$", "€", "£"] {
        if let Some(rest) = s.strip_prefix(sign) {
            s = rest;
            signed = true;
        } else if let Some(rest) = s.strip_suffix(sign) {
            s = rest;
            signed = true;
        }
    }
    for unit in ["usd", "eur"] {
        if let Some(rest) = s.strip_suffix(unit) {
            s = rest;
            signed = true;
        }
    }
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == '.') || s.matches('.').count() > 1 {
        return None;
    }
    let (whole, cents) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty() || whole.len() > 7 || cents.len() > 2 {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let cents: i64 = if cents.is_empty() { 0 } else { format!("{cents:0<2}").parse().ok()? };
    Some((whole * 100 + cents, signed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skins() -> Vec<String> {
        ["Dry", "Oily", "Combination", "Sensitive", "Normal"].map(String::from).to_vec()
    }

    #[test]
    fn prices_become_a_range() {
        let i = parse("moisturiser under $30", &skins());
        assert_eq!((i.price_from, i.price_to), (None, Some(3_000)));
        assert_eq!(i.words, "moisturiser");
        assert_eq!(parse("roses below 45 dollars", &[]).price_to, Some(4_500));
        assert_eq!(parse("serum less than 19.5", &[]).price_to, Some(1_950));
        assert_eq!(parse("bouquet over $100", &[]).price_from, Some(10_000));
        let r = parse("gift between 20 and 40", &[]);
        assert_eq!((r.price_from, r.price_to, r.words.as_str()), (Some(2_000), Some(4_000), "gift"));
        let r = parse("candle $20-$40", &[]);
        assert_eq!((r.price_from, r.price_to, r.words.as_str()), (Some(2_000), Some(4_000), "candle"));
        assert_eq!(parse("cream from $15", &[]).price_from, Some(1_500));
    }

    #[test]
    fn numbers_that_are_not_prices_stay_words() {
        let i = parse("flowers from 12 stems", &[]);
        assert!(!i.has_filters());
        assert_eq!(i.words, "flowers from 12 stems");
        assert!(!parse("spf 50", &[]).has_filters());
        assert!(!parse("1 to 2 weeks", &[]).has_filters());
    }

    #[test]
    fn skin_types_become_filters_but_stay_in_the_meaning() {
        let i = parse("gentle cleanser for dry skin under $25", &skins());
        assert_eq!(i.skin_types, ["Dry"]);
        assert_eq!(i.price_to, Some(2_500));
        assert_eq!(i.words, "gentle cleanser");
        assert_eq!(i.meaning, "gentle cleanser for dry skin");
        let both = parse("serum for oily and combination skin", &skins());
        assert_eq!(both.skin_types, ["Oily", "Combination"]);
        assert_eq!(both.words, "serum");
        // A word that is no skin type is left alone.
        assert!(parse("glowing skin", &skins()).skin_types.is_empty());
    }
}
