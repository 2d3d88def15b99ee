//! A stream's numbers (seed 000): peak and average concurrent viewers,
//! unique viewers, average watch time, chat messages, orders and revenue
//! attributed, top products. Viewers are the people on the stream's page
//! (each holds a chat connection); their stays are logged when they leave
//! ([`log::ViewLog`]) and the figures are computed from the stays that
//! overlap the stream's time on air.

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod log;
#[cfg(feature = "ssr")]
pub mod service;

use serde::{Deserialize, Serialize};

/// How many points the viewers-over-time curve has.
pub const CURVE_POINTS: usize = 48;

/// What a stream drew.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StreamStats {
    /// Still on air: the figures are so far (people watching now are counted once they leave).
    pub live: bool,
    /// Time on air, in milliseconds.
    pub duration_ms: i64,
    pub peak_viewers: i64,
    /// Viewers on average over the time on air.
    pub average_viewers: f64,
    pub unique_viewers: i64,
    /// Per unique viewer, in milliseconds.
    pub average_watch_ms: i64,
    pub messages: i64,
    pub orders: i64,
    /// Attributed revenue, formatted ("$123.00").
    pub revenue: String,
    pub top_products: Vec<TopProduct>,
    /// Concurrent viewers at [`CURVE_POINTS`] even steps through the time on air.
    pub curve: Vec<i64>,
}

/// A product bought from the stream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TopProduct {
    pub product_id: String,
    pub title: String,
    pub quantity: i64,
    pub revenue: String,
}

/// Viewer figures from stays `(viewer, from, to)` within `[start, end)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Audience {
    pub peak: i64,
    pub average: f64,
    pub unique: i64,
    pub average_watch_ms: i64,
    pub curve: Vec<i64>,
}

/// Clip each stay to the time on air, then sweep: the most at once, the
/// mean over the time on air, distinct viewers, and the curve.
pub fn audience(stays: &[(String, i64, i64)], start: i64, end: i64) -> Audience {
    let span = (end - start).max(1);
    let clipped: Vec<(&str, i64, i64)> = stays
        .iter()
        .map(|(v, from, to)| (v.as_str(), (*from).max(start), (*to).min(end)))
        .filter(|(_, from, to)| to > from)
        .collect();
    let mut edges: Vec<(i64, i64)> =
        clipped.iter().flat_map(|(_, from, to)| [(*from, 1), (*to, -1)]).collect();
    // A leave and a join at the same instant are not two at once.
    edges.sort_unstable();
    let (mut now, mut peak) = (0i64, 0i64);
    for (_, step) in &edges {
        now += step;
        peak = peak.max(now);
    }
    let watched: i64 = clipped.iter().map(|(_, from, to)| to - from).sum();
    let mut viewers: Vec<&str> = clipped.iter().map(|(v, _, _)| *v).collect();
    viewers.sort_unstable();
    viewers.dedup();
    let unique = viewers.len() as i64;
    let curve = (0..CURVE_POINTS as i64)
        .map(|i| {
            let at = start + span * (2 * i + 1) / (2 * CURVE_POINTS as i64);
            clipped.iter().filter(|(_, from, to)| *from <= at && at < *to).count() as i64
        })
        .collect();
    Audience {
        peak,
        average: watched as f64 / span as f64,
        unique,
        average_watch_ms: if unique == 0 { 0 } else { watched / unique },
        curve,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stay(v: &str, from: i64, to: i64) -> (String, i64, i64) {
        (v.to_owned(), from, to)
    }

    #[test]
    fn peak_average_unique_and_watch_time() {
        // On air 0..100: a 0..100, b 0..50 and again 60..100, c 40..60.
        let stays = [stay("a", 0, 100), stay("b", 0, 50), stay("b", 60, 100), stay("c", 40, 60)];
        let a = audience(&stays, 0, 100);
        assert_eq!(a.peak, 3, "a, b and c between 40 and 50");
        assert_eq!(a.average, 2.1, "210 viewer-units over 100");
        assert_eq!(a.unique, 3);
        assert_eq!(a.average_watch_ms, 70);
        assert_eq!(a.curve.len(), CURVE_POINTS);
        assert_eq!(a.curve[0], 2);
        assert_eq!(*a.curve.iter().max().unwrap(), 3);
    }

    #[test]
    fn stays_outside_the_time_on_air_do_not_count() {
        let stays = [stay("early", 0, 10), stay("late", 200, 300), stay("edge", 5, 20)];
        let a = audience(&stays, 10, 100);
        assert_eq!((a.peak, a.unique, a.average_watch_ms), (1, 1, 10));
        assert_eq!(
            audience(&[], 0, 0),
            Audience { peak: 0, average: 0.0, unique: 0, average_watch_ms: 0, curve: vec![0; CURVE_POINTS] }
        );
    }

    #[test]
    fn a_leave_and_a_join_at_once_are_not_two_viewers() {
        let a = audience(&[stay("a", 0, 50), stay("b", 50, 100)], 0, 100);
        assert_eq!(a.peak, 1);
    }
}
