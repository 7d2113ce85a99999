//! The figures of ridge regression: the error against α for the chosen λ with the minimum-norm and
//! the optimally regularised references, its bias and variance, and the error against λ at three α.

use super::RidgeParams;
use super::run::SWEEP_ALPHAS;
use super::theory::{Problem, spectrum};
use crate::model::{Axis, Figure, Frame, Scale};
use crate::models::learning_curves::{Means, line, log_grid, points};

/// Points of each theory curve.
const THEORY_POINTS: usize = 120;
/// The range of λ of the optimal-λ search and of the λ figure.
pub const LAMBDA_RANGE: [f64; 2] = [1e-4, 10.0];

/// Colour groups.
const CHOSEN: u32 = 0;
const MIN_NORM: u32 = 1;
const OPTIMAL: u32 = 2;
const BIAS: u32 = 3;
const VARIANCE: u32 = 4;

/// The theory curves of a run, computed when it starts.
pub struct Curves {
    pub problem: Problem,
    pub lambda: f64,
    pub alpha: Vec<f64>,
    pub error: Vec<f64>,
    pub bias: Vec<f64>,
    pub variance: Vec<f64>,
    pub min_norm: Vec<f64>,
    pub optimal: Vec<f64>,
    /// λ grid of the λ figure, and the error along it for each of SWEEP_ALPHAS.
    pub lambda_grid: Vec<f64>,
    pub against_lambda: Vec<Vec<f64>>,
    /// The range of the error axes against α, and against λ.
    pub range: [f64; 2],
    pub lambda_range: [f64; 2],
}

/// A NaN where a value is not finite, so that the line is cut there.
fn finite(x: f64) -> f64 {
    if x.is_finite() { x } else { f64::NAN }
}

impl Curves {
    pub fn new(p: &RidgeParams, alpha_min: f64, sweep_lambdas: &[f64]) -> Self {
        let problem = Problem { s: spectrum(p.d, p.decay), signal: p.signal, noise: p.noise };
        let d = p.d as f64;
        let alpha = log_grid(alpha_min, p.alpha_max, THEORY_POINTS);
        let risks: Vec<_> = alpha.iter().map(|a| problem.risk(a * d, p.lambda)).collect();
        let min_norm = alpha.iter().map(|a| finite(problem.risk(a * d, 0.0).total())).collect();
        let optimal =
            alpha.iter().map(|a| problem.optimal(a * d, LAMBDA_RANGE[0], LAMBDA_RANGE[1]).1.total()).collect();
        let (lo, hi) =
            (LAMBDA_RANGE[0].min(sweep_lambdas[0]), LAMBDA_RANGE[1].max(sweep_lambdas[sweep_lambdas.len() - 1]));
        let lambda_grid = log_grid(lo, hi, THEORY_POINTS);
        let against_lambda: Vec<Vec<f64>> = SWEEP_ALPHAS
            .iter()
            .map(|a| lambda_grid.iter().map(|&l| problem.risk(a * d, l).total()).collect())
            .collect();
        let error: Vec<f64> = risks.iter().map(|r| r.total()).collect();
        // The error axes: from below the smallest part to above the highest point of the chosen
        // λ's curve, at least the error of β̂ = 0 (r²) and the noise.
        let scale = (p.signal + p.noise).max(1e-6);
        let top = error.iter().copied().fold(p.signal.max(p.noise), f64::max).min(1e3 * scale) * 2.0;
        let bottom = risks
            .iter()
            .flat_map(|r| [r.bias, r.variance, r.total()])
            .filter(|v| *v > 0.0)
            .fold(top, f64::min)
            .max(1e-4 * scale)
            / 2.0;
        let swept = against_lambda.iter().flatten().copied().filter(|v: &f64| v.is_finite() && *v > 0.0);
        let (low, high) = swept.fold((f64::INFINITY, 0.0f64), |(l, h), v| (l.min(v), h.max(v)));
        let lambda_range = [(low / 2.0).max(1e-4 * scale), (high * 2.0).min(2e3 * scale)];
        Curves {
            lambda: p.lambda,
            lambda_range,
            bias: risks.iter().map(|r| r.bias).collect(),
            variance: risks.iter().map(|r| r.variance).collect(),
            error,
            min_norm,
            optimal,
            alpha,
            lambda_grid,
            against_lambda,
            range: [bottom, top],
            problem,
        }
    }
}

/// The simulated points: α, the error and its parts; for each α of the sweep, λ and the error.
#[derive(Debug, Clone, Default)]
pub struct Measured {
    pub alpha: Vec<f64>,
    pub error: Means,
    pub bias: Means,
    pub variance: Means,
    pub sweep: Vec<(Vec<f64>, Means)>,
}

/// The three figures; `conditions` (e.g. "d = 200, 5 seeds") goes into their subtitles.
pub fn frame(c: &Curves, m: &Measured, conditions: &str) -> Frame {
    let alpha_axis = Axis {
        label: "α = n/d, samples per dimension".into(),
        unit: String::new(),
        scale: Scale::Log,
        range: Some([c.alpha[0] / 1.25, c.alpha[c.alpha.len() - 1] * 1.25]),
    };
    let error_axis =
        |label: &str| Axis { label: label.into(), unit: String::new(), scale: Scale::Log, range: Some(c.range) };
    let lambda = crate::model::format_float(c.lambda);
    let subtitle = format!("lines: theory as d → ∞; points: simulation, {conditions}");
    let error = Figure {
        id: "error".into(),
        title: "Test error against the number of samples".into(),
        subtitle: subtitle.clone(),
        x: alpha_axis.clone(),
        y: error_axis("excess test error E[(x·(β̂ − β))²]"),
        series: vec![
            line("λ → 0⁺, minimum norm: theory".into(), MIN_NORM, &c.alpha[..], &c.min_norm[..], true),
            line("optimal λ at each α: theory".into(), OPTIMAL, &c.alpha[..], &c.optimal[..], true),
            line(format!("λ = {lambda}: theory"), CHOSEN, &c.alpha[..], &c.error[..], false),
            points(format!("λ = {lambda}: simulation"), CHOSEN, &m.alpha, &m.error),
        ],
        heatmap: None,
        network: None,
    };
    let parts = Figure {
        id: "bias-variance".into(),
        title: format!("Bias and variance, λ = {lambda}"),
        subtitle: subtitle.clone(),
        x: alpha_axis,
        y: error_axis("part of the excess test error"),
        series: vec![
            line("bias: theory".into(), BIAS, &c.alpha[..], &c.bias[..], false),
            line("variance: theory".into(), VARIANCE, &c.alpha[..], &c.variance[..], false),
            points("bias: simulation".into(), BIAS, &m.alpha, &m.bias),
            points("variance: simulation".into(), VARIANCE, &m.alpha, &m.variance),
        ],
        heatmap: None,
        network: None,
    };
    let mut sweep_series = Vec::new();
    for (k, alpha) in SWEEP_ALPHAS.iter().enumerate() {
        let group = 5 + k as u32;
        sweep_series.push(line(
            format!("α = {alpha}: theory"),
            group,
            &c.lambda_grid[..],
            &c.against_lambda[k][..],
            false,
        ));
    }
    for (k, alpha) in SWEEP_ALPHAS.iter().enumerate() {
        if let Some((lambdas, means)) = m.sweep.get(k) {
            sweep_series.push(points(format!("α = {alpha}: simulation"), 5 + k as u32, lambdas, means));
        }
    }
    let against_lambda = Figure {
        id: "lambda".into(),
        title: "Test error against the regularisation".into(),
        subtitle,
        x: Axis {
            label: "λ, ridge penalty".into(),
            unit: String::new(),
            scale: Scale::Log,
            range: Some([c.lambda_grid[0] / 1.25, c.lambda_grid[c.lambda_grid.len() - 1] * 1.25]),
        },
        y: Axis { range: Some(c.lambda_range), ..error_axis("excess test error E[(x·(β̂ − β))²]") },
        series: sweep_series,
        heatmap: None,
        network: None,
    };
    Frame { figures: vec![error, parts, against_lambda] }
}
