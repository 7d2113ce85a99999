//! Statistics over independent repetitions (seeds), summed in a fixed order.

/// Running mean and variance by Welford's update: numerically stable, and its result depends only
/// on the order in which values are pushed, which the caller fixes (seed by seed).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Welford {
    n: u64,
    mean: f64,
    m2: f64,
}

impl Welford {
    pub fn push(&mut self, x: f64) {
        self.n += 1;
        let d = x - self.mean;
        self.mean += d / self.n as f64;
        self.m2 += d * (x - self.mean);
    }
    pub fn count(&self) -> u64 {
        self.n
    }
    pub fn mean(&self) -> f64 {
        self.mean
    }
    /// Sample variance (n − 1 in the denominator); 0 for fewer than two values.
    pub fn variance(&self) -> f64 {
        if self.n < 2 { 0.0 } else { self.m2 / (self.n - 1) as f64 }
    }
    /// Standard error of the mean; 0 for fewer than two values.
    pub fn std_error(&self) -> f64 {
        if self.n < 2 { 0.0 } else { (self.variance() / self.n as f64).sqrt() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_two_pass_formulas() {
        let xs = [0.3, 0.1, 0.4, 0.15, 0.9, 0.26];
        let mut w = Welford::default();
        xs.iter().for_each(|&x| w.push(x));
        let n = xs.len() as f64;
        let mean = xs.iter().sum::<f64>() / n;
        let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1.0);
        assert!((w.mean() - mean).abs() < 1e-15);
        assert!((w.variance() - var).abs() < 1e-15);
        assert!((w.std_error() - (var / n).sqrt()).abs() < 1e-15);
        assert_eq!(Welford::default().std_error(), 0.0);
    }
}
