//! The figures of the Gaussian mixture: the test error against α and against λ, theory lines with
//! the Bayes-optimal and oracle references and simulated points, and the data in the plane of v*
//! and the learnt direction, with the learnt boundary.

use super::GmmParams;
use super::run::SWEEP_LAMBDAS;
use super::theory::{Mixture, Solver, State};
use crate::model::{Axis, Figure, Frame, Scale, Series, SeriesKind};
use crate::models::learning_curves::{Means, line, log_grid, points};

const THEORY_POINTS: usize = 60;
const ERM: u32 = 0;
const BAYES: u32 = 1;
const ORACLE: u32 = 2;

/// The theory of a run, computed when it starts.
pub struct Curves {
    pub alpha: Vec<f64>,
    pub error: Vec<f64>,
    pub bayes: Vec<f64>,
    pub oracle: f64,
    pub lambda: Vec<f64>,
    pub against_lambda: Vec<f64>,
    /// The fixed point at the α of the λ figure and the chosen λ.
    pub at_alpha: Option<State>,
}

impl Curves {
    pub fn new(p: &GmmParams, alpha_min: f64) -> Self {
        let mixture = Mixture { delta: p.delta, rho: p.rho };
        let solver = Solver::new(p.loss, mixture);
        let error_of = |s: &Option<State>| s.map_or(f64::NAN, |s| s.error);
        let alpha = log_grid(alpha_min, p.alpha_max, THEORY_POINTS);
        let error = solver.path(alpha.iter().map(|&a| (a, p.lambda))).iter().map(error_of).collect();
        let lambda = log_grid(100.0, SWEEP_LAMBDAS[SWEEP_LAMBDAS.len() - 1], THEORY_POINTS);
        let against_lambda = solver.path(lambda.iter().map(|&l| (p.alpha, l))).iter().map(error_of).collect();
        Curves {
            bayes: alpha.iter().map(|&a| mixture.bayes(a)).collect(),
            oracle: mixture.oracle(),
            at_alpha: solver.solve(p.alpha, p.lambda, None),
            alpha,
            error,
            lambda,
            against_lambda,
        }
    }
}

/// The simulated points: error against α, and against λ at the α of the λ figure.
#[derive(Debug, Clone, Default)]
pub struct Measured {
    pub alpha: Vec<f64>,
    pub error: Means,
    pub lambda: Vec<f64>,
    pub against_lambda: Means,
}

/// Examples of the first repetition in the plane (p₁, p₂) = (x·v*/|v*|, x·e), e the unit part of w
/// orthogonal to v*; the learnt boundary is a₁p₁ + a₂p₂ + b√d = 0.
#[derive(Debug, Clone, Default)]
pub struct Projection {
    pub plus: (Vec<f64>, Vec<f64>),
    pub minus: (Vec<f64>, Vec<f64>),
    pub a1: f64,
    pub a2: f64,
    pub b: f64,
}

pub fn frame(p: &GmmParams, c: &Curves, m: &Measured, projection: Option<&Projection>, conditions: &str) -> Frame {
    let name = p.loss.name();
    let lambda = crate::model::format_float(p.lambda);
    let subtitle = format!("lines: theory as d → ∞; points: simulation, {conditions}");
    let error_axis =
        Axis { label: "ε, test error".into(), unit: String::new(), scale: Scale::Linear, range: Some([0.0, 0.55]) };
    let flat = |x: &[f64], v: f64| vec![v; x.len()];
    let against_alpha = Figure {
        id: "error".into(),
        title: format!("Test error against the number of samples, {name}, λ = {lambda}"),
        subtitle: subtitle.clone(),
        x: Axis {
            label: "α = n/d, samples per dimension".into(),
            unit: String::new(),
            scale: Scale::Log,
            range: Some([c.alpha[0] / 1.2, c.alpha[c.alpha.len() - 1] * 1.2]),
        },
        y: error_axis.clone(),
        series: vec![
            line("Bayes-optimal: theory".into(), BAYES, c.alpha.clone(), c.bayes.clone(), true),
            line("oracle (knows v*): theory".into(), ORACLE, c.alpha.clone(), flat(&c.alpha, c.oracle), true),
            line(format!("{name}: theory"), ERM, c.alpha.clone(), c.error.clone(), false),
            points(format!("{name}: simulation"), ERM, &m.alpha, &m.error),
        ],
        heatmap: None,
        network: None,
    };
    let alpha = crate::model::format_float(p.alpha);
    let against_lambda = Figure {
        id: "lambda".into(),
        title: format!("Test error against the regularisation, {name}, α = {alpha}"),
        subtitle: subtitle.clone(),
        x: Axis {
            label: "λ, ℓ2 penalty".into(),
            unit: String::new(),
            scale: Scale::Log,
            range: Some([c.lambda[c.lambda.len() - 1] / 1.5, c.lambda[0] * 1.5]),
        },
        y: error_axis,
        series: vec![
            line(
                "Bayes-optimal: theory".into(),
                BAYES,
                c.lambda.clone(),
                flat(&c.lambda, Mixture { delta: p.delta, rho: p.rho }.bayes(p.alpha)),
                true,
            ),
            line("oracle (knows v*): theory".into(), ORACLE, c.lambda.clone(), flat(&c.lambda, c.oracle), true),
            line(format!("{name}: theory"), ERM, c.lambda.clone(), c.against_lambda.clone(), false),
            points(format!("{name}: simulation"), ERM, &m.lambda, &m.against_lambda),
        ],
        heatmap: None,
        network: None,
    };
    Frame { figures: vec![against_alpha, against_lambda, plane(p, projection, conditions)] }
}

/// The data of the first repetition at the α of the λ figure, with the learnt and the oracle's
/// boundaries.
fn plane(p: &GmmParams, projection: Option<&Projection>, conditions: &str) -> Figure {
    let spread = 1.0 + 3.0 * libm::sqrt(p.delta);
    let range = [-spread, spread];
    let threshold = 0.5 * p.delta * libm::log((1.0 - p.rho) / p.rho);
    let mut series = vec![line(
        "oracle's boundary: theory".into(),
        ORACLE,
        vec![threshold, threshold],
        vec![-spread, spread],
        false,
    )];
    if let Some(pr) = projection {
        let dots = |label: &str, group: u32, (x, y): &(Vec<f64>, Vec<f64>)| Series {
            label: label.into(),
            kind: SeriesKind::Simulation,
            group,
            x: x.clone(),
            y: y.clone(),
            y_err: None,
            secondary: true,
        };
        series.push(dots("y = +1: training examples", 3, &pr.plus));
        series.push(dots("y = −1: training examples", 4, &pr.minus));
        // The boundary a₁p₁ + a₂p₂ + b√d = 0, as dots across the plot.
        let ts: Vec<f64> = (0..41).map(|k| -spread + 2.0 * spread * k as f64 / 40.0).collect();
        let (x, y): (Vec<f64>, Vec<f64>) = if pr.a1.abs() >= pr.a2.abs() {
            ts.iter().map(|&t| (-(pr.a2 * t + pr.b) / pr.a1, t)).unzip()
        } else {
            ts.iter().map(|&t| (t, -(pr.a1 * t + pr.b) / pr.a2)).unzip()
        };
        series.push(Series {
            label: "learnt boundary: simulation".into(),
            kind: SeriesKind::Simulation,
            group: ERM,
            x,
            y,
            y_err: None,
            secondary: false,
        });
    }
    Figure {
        id: "plane".into(),
        title: format!(
            "Training data and boundaries at α = {}, λ = {}",
            crate::model::format_float(p.alpha),
            crate::model::format_float(p.lambda)
        ),
        subtitle: format!("first of the runs, {conditions}"),
        x: Axis {
            label: "x·v*/|v*|, along the cluster centre".into(),
            unit: String::new(),
            scale: Scale::Linear,
            range: Some(range),
        },
        y: Axis {
            label: "x·e, along the learnt w orthogonal to v*".into(),
            unit: String::new(),
            scale: Scale::Linear,
            range: Some(range),
        },
        series,
        heatmap: None,
        network: None,
    }
}
