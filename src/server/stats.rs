//! Figures for the benchmark commands (`bazaar ai-bench`, `recs-eval`,
//! `checkout-bench`, the live load example).

/// The `p` quantile (0..=1) of `sorted` by nearest rank; 0 when empty.
pub fn percentile<T: Copy + Into<f64>>(sorted: &[T], p: f64) -> f64 {
    match sorted.len() {
        0 => 0.0,
        n => sorted[((n - 1) as f64 * p.clamp(0.0, 1.0)).round() as usize].into(),
    }
}

/// p50 and p95 of unsorted samples.
pub fn p50_p95(mut samples: Vec<f64>) -> (f64, f64) {
    samples.sort_by(f64::total_cmp);
    (percentile(&samples, 0.5), percentile(&samples, 0.95))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank() {
        let xs: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&xs, 0.5), 51.0);
        assert_eq!(percentile(&xs, 0.95), 95.0);
        assert_eq!(percentile(&xs, 1.0), 100.0);
        assert_eq!(percentile::<f64>(&[], 0.5), 0.0);
        assert_eq!(p50_p95(vec![3.0, 1.0, 2.0]), (2.0, 3.0));
    }
}
