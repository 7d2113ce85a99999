//! Pieces shared by the pages that draw learning curves, theory lines against simulated points
//! over seeds: ridge-double-descent, gaussian-mixture and multiclass-perceptron.

use crate::model::{Series, SeriesKind};
use crate::num::stats::Welford;

/// Means over seeds and their standard errors, point by point.
#[derive(Debug, Clone, Default)]
pub struct Means {
    pub mean: Vec<f64>,
    pub se: Vec<f64>,
}

impl Means {
    /// Appends the mean and standard error of `w`.
    pub fn push(&mut self, w: &Welford) {
        self.mean.push(w.mean());
        self.se.push(w.std_error());
    }
}

/// `count` points from `from` to `to`, evenly spaced in the logarithm.
pub fn log_grid(from: f64, to: f64, count: usize) -> Vec<f64> {
    (0..count).map(|k| from * libm::pow(to / from, k as f64 / (count - 1) as f64)).collect()
}

/// The numbers of examples at which a run fits: `per_decade` per decade of α = n/d from
/// α_max/`span` to α_max, and the α of the λ figure; rounded, distinct, at least `least`.
pub fn sample_sizes(d: usize, alpha_max: f64, span: f64, per_decade: usize, alpha: f64, least: usize) -> Vec<usize> {
    let lowest = alpha_max / span;
    let count = (libm::log10(alpha_max / lowest) * per_decade as f64).round() as usize + 1;
    let mut ns: Vec<usize> = log_grid(lowest, alpha_max, count)
        .into_iter()
        .map(|a| (a * d as f64).round() as usize)
        .chain([(alpha * d as f64).round() as usize])
        .filter(|&n| n >= least)
        .collect();
    ns.sort_unstable();
    ns.dedup();
    ns
}

/// The figures' subtitle part that says what was simulated, e.g. "d = 200, 5 seeds".
pub fn conditions(d: usize, seeds: usize) -> String {
    if seeds == 1 { format!("d = {d}, 1 seed") } else { format!("d = {d}, {seeds} seeds") }
}

/// A theory line.
pub fn line(label: String, group: u32, x: impl Into<Vec<f64>>, y: impl Into<Vec<f64>>, secondary: bool) -> Series {
    Series { label, kind: SeriesKind::Theory, group, x: x.into(), y: y.into(), y_err: None, secondary }
}

/// Simulated means with their standard errors as error bars.
pub fn points(label: String, group: u32, x: &[f64], m: &Means) -> Series {
    Series {
        label,
        kind: SeriesKind::Simulation,
        group,
        x: x.to_vec(),
        y: m.mean.clone(),
        y_err: Some(m.se.clone()),
        secondary: false,
    }
}
