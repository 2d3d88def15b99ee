//! Who a request is, as far as traffic goes: nobody (a bot, a prefetch, a
//! person who asked not to be tracked) or a visitor of the day — a hash of
//! the day's secret salt, the address and the browser, which says nothing
//! once the salt is gone (the day after) and is never stored in a cookie.

use std::net::IpAddr;

use axum::http::HeaderMap;
use axum::http::header::{REFERER, USER_AGENT};
use blake2::Digest;

/// Today's visitor, put in the request's extensions by the traffic layer
/// for the code that records a step (added to cart, a search with no
/// results).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    /// The shop-zone day the visitor hash belongs to.
    pub day: String,
    /// 16 hex digits.
    pub visitor: String,
}

/// Words that mark a robot's or a tool's User-Agent (lower case).
const ROBOTS: [&str; 24] = [
    "bot",
    "crawl",
    "spider",
    "slurp",
    "headless",
    "lighthouse",
    "preview",
    "monitor",
    "scan",
    "curl",
    "wget",
    "python",
    "go-http-client",
    "java/",
    "okhttp",
    "httpclient",
    "axios",
    "node-fetch",
    "facebookexternalhit",
    "oha/",
    "wrk",
    "k6/",
    "apachebench",
    "playwright",
];

/// Not counted: no User-Agent, a robot's, or one of the benchmark tools.
pub fn is_robot(headers: &HeaderMap) -> bool {
    let Some(agent) = headers.get(USER_AGENT).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let agent = agent.to_ascii_lowercase();
    agent.trim().is_empty() || ROBOTS.iter().any(|w| agent.contains(w))
}

/// A speculative load (link prefetch, prerender) is not a visit.
pub fn is_prefetch(headers: &HeaderMap) -> bool {
    ["sec-purpose", "purpose", "x-purpose", "x-moz"]
        .iter()
        .filter_map(|h| headers.get(*h).and_then(|v| v.to_str().ok()))
        .any(|v| v.to_ascii_lowercase().contains("prefetch") || v.to_ascii_lowercase().contains("prerender"))
}

/// Do Not Track or Global Privacy Control: not counted at all.
pub fn opted_out(headers: &HeaderMap) -> bool {
    let on = |h: &str| headers.get(h).and_then(|v| v.to_str().ok()).is_some_and(|v| v.trim() == "1");
    on("dnt") || on("sec-gpc")
}

/// Whether this request may be counted.
pub fn countable(headers: &HeaderMap) -> bool {
    !is_robot(headers) && !is_prefetch(headers) && !opted_out(headers)
}

/// The day's visitor hash of (address, browser).
pub fn visitor(salt: &str, ip: IpAddr, headers: &HeaderMap) -> String {
    let agent = headers.get(USER_AGENT).map(|v| v.as_bytes()).unwrap_or_default();
    let digest = blake2::Blake2s256::new()
        .chain_update(salt.as_bytes())
        .chain_update([0])
        .chain_update(ip.to_string().as_bytes())
        .chain_update([0])
        .chain_update(agent)
        .finalize();
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Where a visit came from: `utm_source` when the link names one, else the
/// referring site's host when it is another site; `None` for direct visits
/// and moves within the shop.
pub fn source(headers: &HeaderMap, query: Option<&str>) -> Option<String> {
    let tagged = query.into_iter().flat_map(|q| q.split('&')).find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == "utm_source").then(|| clean(&v.replace('+', " "), 60)).flatten()
    });
    if tagged.is_some() {
        return tagged;
    }
    let referer = headers.get(REFERER)?.to_str().ok()?;
    let host = referer.split_once("://")?.1.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    let own = headers.get("host").and_then(|v| v.to_str().ok()).unwrap_or_default().to_ascii_lowercase();
    let host = host.rsplit_once('@').map_or(host.as_str(), |(_, h)| h).to_owned();
    if host.is_empty() || host == own {
        return None;
    }
    clean(host.strip_prefix("www.").unwrap_or(&host), 100)
}

/// Printable text of at most `max` characters, trimmed; `None` when empty.
pub fn clean(text: &str, max: usize) -> Option<String> {
    let text: String = text.chars().filter(|c| !c.is_control()).take(max).collect();
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    #[test]
    fn robots_prefetches_and_opt_outs_are_not_counted() {
        assert!(countable(&headers(&[("user-agent", FIREFOX)])));
        assert!(!countable(&headers(&[])));
        assert!(!countable(&headers(&[("user-agent", "Googlebot/2.1 (+http://www.google.com/bot.html)")])));
        assert!(!countable(&headers(&[("user-agent", "Mozilla/5.0 HeadlessChrome/131.0")])));
        assert!(!countable(&headers(&[("user-agent", "oha/1.4.5")])));
        assert!(!countable(&headers(&[("user-agent", FIREFOX), ("sec-purpose", "prefetch")])));
        assert!(!countable(&headers(&[("user-agent", FIREFOX), ("purpose", "prefetch")])));
        assert!(!countable(&headers(&[("user-agent", FIREFOX), ("dnt", "1")])));
        assert!(!countable(&headers(&[("user-agent", FIREFOX), ("sec-gpc", "1")])));
        assert!(countable(&headers(&[("user-agent", FIREFOX), ("dnt", "0")])));
    }

    #[test]
    fn the_hash_changes_with_the_salt_and_the_person() {
        let h = headers(&[("user-agent", FIREFOX)]);
        let ip: IpAddr = "203.0.113.7".parse().unwrap();
        let a = visitor("salt-1", ip, &h);
        assert_eq!(a.len(), 16);
        assert_eq!(a, visitor("salt-1", ip, &h));
        assert_ne!(a, visitor("salt-2", ip, &h));
        assert_ne!(a, visitor("salt-1", "203.0.113.8".parse().unwrap(), &h));
        assert_ne!(a, visitor("salt-1", ip, &headers(&[("user-agent", "Safari")])));
    }

    #[test]
    fn sources_are_other_sites_or_tagged_links() {
        let own = ("host", "shop.example");
        assert_eq!(
            source(&headers(&[own, ("referer", "https://www.google.com/search?q=x")]), None),
            Some("google.com".into())
        );
        assert_eq!(source(&headers(&[own, ("referer", "https://shop.example/products")]), None), None);
        assert_eq!(source(&headers(&[own]), Some("utm_source=newsletter&x=1")), Some("newsletter".into()));
        assert_eq!(source(&headers(&[own]), None), None);
    }
}
