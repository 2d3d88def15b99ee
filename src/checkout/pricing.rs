//! The arithmetic of a checkout, on integer minor units and nothing else:
//! shipping per shop, a promo's discount shared out over the shops, tax.
//! No I/O here, so every rule is tested on its own.

/// A shop's shipping: a flat rate, free from a subtotal up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShippingRate {
    pub flat: i64,
    pub free_over: Option<i64>,
}

impl ShippingRate {
    /// What a shop's parcel costs for goods worth `subtotal` (before discounts).
    pub fn price(&self, subtotal: i64) -> i64 {
        match self.free_over {
            Some(over) if subtotal >= over => 0,
            _ => self.flat,
        }
    }
}

/// A promo's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Discount {
    /// 1–100 percent of the goods it applies to.
    Percent(i64),
    /// An amount off, never more than the goods it applies to.
    Fixed(i64),
}

impl Discount {
    /// The discount on `eligible` minor units of goods.
    pub fn on(&self, eligible: i64) -> i64 {
        match *self {
            Self::Percent(p) => eligible * p.clamp(0, 100) / 100,
            Self::Fixed(amount) => amount.clamp(0, eligible.max(0)),
        }
    }
}

/// Share `total` out in proportion to `weights`, in whole units that add up
/// to `total` exactly (largest remainders get the odd units; ties go to the
/// earlier entry).
pub fn share(total: i64, weights: &[i64]) -> Vec<i64> {
    let sum: i64 = weights.iter().sum();
    if sum <= 0 || total <= 0 {
        return vec![0; weights.len()];
    }
    let mut parts: Vec<i64> = weights.iter().map(|w| total * w / sum).collect();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse((total * weights[i]) % sum), i));
    let left = total - parts.iter().sum::<i64>();
    for &i in order.iter().take(left as usize) {
        parts[i] += 1;
    }
    parts
}

/// Tax at `rate_bp` basis points on `amount`, rounded half up.
pub fn tax(amount: i64, rate_bp: i64) -> i64 {
    if amount <= 0 {
        return 0;
    }
    (amount * rate_bp + 5_000) / 10_000
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipping_is_free_from_the_threshold() {
        let rate = ShippingRate { flat: 495, free_over: Some(5_000) };
        assert_eq!(rate.price(4_999), 495);
        assert_eq!(rate.price(5_000), 0);
        assert_eq!(ShippingRate { flat: 300, free_over: None }.price(1_000_000), 300);
    }

    #[test]
    fn discounts_never_exceed_the_goods() {
        assert_eq!(Discount::Percent(10).on(1_999), 199);
        assert_eq!(Discount::Percent(100).on(1_999), 1_999);
        assert_eq!(Discount::Fixed(500).on(300), 300);
        assert_eq!(Discount::Fixed(500).on(0), 0);
    }

    #[test]
    fn shares_add_up_exactly() {
        assert_eq!(share(100, &[1, 1, 1]), vec![34, 33, 33]);
        assert_eq!(share(500, &[3_000, 1_000]), vec![375, 125]);
        assert_eq!(share(7, &[0, 5]), vec![0, 7]);
        assert_eq!(share(0, &[1, 2]), vec![0, 0]);
        for (total, weights) in [(999, vec![333, 334, 1]), (1, vec![5, 5]), (12_345, vec![7, 11, 13, 17])] {
            assert_eq!(share(total, &weights).iter().sum::<i64>(), total);
        }
    }

    #[test]
    fn tax_rounds_half_up() {
        assert_eq!(tax(1_000, 2_000), 200);
        assert_eq!(tax(999, 725), 72); // 72.4275
        assert_eq!(tax(1_000, 725), 73); // 72.5
        assert_eq!(tax(0, 2_000), 0);
    }
}
