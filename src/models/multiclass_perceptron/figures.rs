//! The figures of the multi-class perceptron: the test error against α and against λ (ridge theory,
//! simulated points, chance level, and for K = 2 the Bayes-optimal error of the binary perceptron),
//! and test points in the plane of two teacher vectors with the student's mistakes.

use super::run::SWEEP_LAMBDAS;
use super::theory::ridge_error;
use super::{Loss, McParams};
use crate::model::{Axis, Figure, Frame, Scale, Series, SeriesKind, format_float};
use crate::models::learning_curves::{Means, line, log_grid, points};
use crate::models::perceptron::theory::bayes_error;

const THEORY_POINTS: usize = 50;
const RIDGE: u32 = 0;
const CE: u32 = 1;
const BAYES: u32 = 2;
const CHANCE: u32 = 6;

/// The theory of a run, computed when it starts.
pub struct Curves {
    pub alpha: Vec<f64>,
    pub error: Vec<f64>,
    pub lambda: Vec<f64>,
    pub against_lambda: Vec<f64>,
    /// The ridge error at the α of the λ figure and the chosen λ.
    pub at_alpha: f64,
}

impl Curves {
    pub fn new(p: &McParams, alpha_min: f64) -> Self {
        let alpha = log_grid(alpha_min, p.alpha_max, THEORY_POINTS);
        let lambda = log_grid(SWEEP_LAMBDAS[SWEEP_LAMBDAS.len() - 1], SWEEP_LAMBDAS[0], THEORY_POINTS);
        Curves {
            error: alpha.iter().map(|&a| ridge_error(p.k, a, p.lambda)).collect(),
            against_lambda: lambda.iter().map(|&l| ridge_error(p.k, p.alpha, l)).collect(),
            at_alpha: ridge_error(p.k, p.alpha, p.lambda),
            alpha,
            lambda,
        }
    }
}

/// The simulated points: ridge (and cross-entropy) error against α, and against λ at the α of the
/// λ figure.
#[derive(Debug, Clone, Default)]
pub struct Measured {
    pub alpha: Vec<f64>,
    pub error: Means,
    pub alpha_ce: Vec<f64>,
    pub error_ce: Means,
    pub lambda: Vec<f64>,
    pub against_lambda: Means,
    pub lambda_ce: Vec<f64>,
    pub against_lambda_ce: Means,
}

/// Test points of the first repetition: coordinates along the teacher's first class vector and the
/// part of the second orthogonal to it, their class and the student's.
#[derive(Debug, Clone, Default)]
pub struct Projection {
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    pub truth: Vec<usize>,
    pub guess: Vec<usize>,
}

pub fn frame(p: &McParams, c: &Curves, m: &Measured, projection: Option<&Projection>, conditions: &str) -> Frame {
    let lambda = format_float(p.lambda);
    let chance = 1.0 - 1.0 / p.k as f64;
    let subtitle = format!("K = {}; lines: theory as d → ∞; points: simulation, {conditions}", p.k);
    let error_axis = Axis {
        label: "ε, test error".into(),
        unit: String::new(),
        scale: Scale::Linear,
        range: Some([0.0, (chance + 0.08).min(1.0)]),
    };
    let flat = |x: &[f64], v: f64| vec![v; x.len()];
    let mut by_alpha = vec![line("chance, 1 − 1/K".into(), CHANCE, c.alpha.clone(), flat(&c.alpha, chance), true)];
    if p.k == 2 {
        let bayes: Vec<f64> = c.alpha.iter().map(|&a| bayes_error(a)).collect();
        by_alpha.push(line("Bayes-optimal (binary perceptron): theory".into(), BAYES, c.alpha.clone(), bayes, false));
    }
    by_alpha.push(line("ridge: theory".into(), RIDGE, c.alpha.clone(), c.error.clone(), false));
    by_alpha.push(points("ridge: simulation".into(), RIDGE, &m.alpha, &m.error));
    if p.loss == Loss::CrossEntropy {
        by_alpha.push(points("cross-entropy: simulation (no theory here)".into(), CE, &m.alpha_ce, &m.error_ce));
    }
    let against_alpha = Figure {
        id: "error".into(),
        title: format!("Test error against the number of samples, λ = {lambda}"),
        subtitle: subtitle.clone(),
        x: Axis {
            label: "α = n/d, samples per dimension".into(),
            unit: String::new(),
            scale: Scale::Log,
            range: Some([c.alpha[0] / 1.2, c.alpha[c.alpha.len() - 1] * 1.2]),
        },
        y: error_axis.clone(),
        series: by_alpha,
        heatmap: None,
        network: None,
    };
    let mut by_lambda = vec![line("chance, 1 − 1/K".into(), CHANCE, c.lambda.clone(), flat(&c.lambda, chance), true)];
    if p.k == 2 {
        let bayes = flat(&c.lambda, bayes_error(p.alpha));
        by_lambda.push(line("Bayes-optimal (binary perceptron): theory".into(), BAYES, c.lambda.clone(), bayes, false));
    }
    by_lambda.push(line("ridge: theory".into(), RIDGE, c.lambda.clone(), c.against_lambda.clone(), false));
    by_lambda.push(points("ridge: simulation".into(), RIDGE, &m.lambda, &m.against_lambda));
    if p.loss == Loss::CrossEntropy {
        by_lambda.push(points(
            "cross-entropy: simulation (no theory here)".into(),
            CE,
            &m.lambda_ce,
            &m.against_lambda_ce,
        ));
    }
    let against_lambda = Figure {
        id: "lambda".into(),
        title: format!("Test error against the regularisation, α = {}", format_float(p.alpha)),
        subtitle,
        x: Axis {
            label: "λ, ℓ2 penalty".into(),
            unit: String::new(),
            scale: Scale::Log,
            range: Some([c.lambda[0] / 1.5, c.lambda[c.lambda.len() - 1] * 1.5]),
        },
        y: error_axis,
        series: by_lambda,
        heatmap: None,
        network: None,
    };
    Frame { figures: vec![against_alpha, against_lambda, plane(p, projection, conditions)] }
}

/// Test points of the first repetition at the α of the λ figure: classes 1, 2 and the others in
/// three colours, the points the student classifies wrongly in a fourth.
fn plane(p: &McParams, projection: Option<&Projection>, conditions: &str) -> Figure {
    let range = [-3.5, 3.5];
    let mut series = Vec::new();
    if let Some(pr) = projection {
        let names = ["class 1", "class 2", "other classes"];
        for (group, name) in names.iter().enumerate() {
            if group == 2 && p.k == 2 {
                continue;
            }
            let (mut x, mut y) = (Vec::new(), Vec::new());
            for i in 0..pr.x.len() {
                if pr.truth[i].min(2) == group {
                    x.push(pr.x[i]);
                    y.push(pr.y[i]);
                }
            }
            series.push(Series {
                label: format!("{name}: test points"),
                kind: SeriesKind::Simulation,
                group: [RIDGE, CE, CHANCE][group],
                x,
                y,
                y_err: None,
                secondary: true,
            });
        }
        // The student's mistakes, drawn again on top in a colour of their own.
        let wrong: Vec<usize> = (0..pr.x.len()).filter(|&i| pr.truth[i] != pr.guess[i]).collect();
        let (x, y) = (wrong.iter().map(|&i| pr.x[i]).collect(), wrong.iter().map(|&i| pr.y[i]).collect());
        series.push(Series {
            label: "misclassified by the student: simulation".into(),
            kind: SeriesKind::Simulation,
            group: 3,
            x,
            y,
            y_err: None,
            secondary: false,
        });
    }
    let student = if p.loss == Loss::CrossEntropy { "cross-entropy" } else { "ridge" };
    Figure {
        id: "plane".into(),
        title: format!(
            "Test points and the {student} student's mistakes at α = {}, λ = {}",
            format_float(p.alpha),
            format_float(p.lambda)
        ),
        subtitle: format!("first of the runs, {conditions}"),
        x: Axis {
            label: "x·w*₁/|w*₁|, along the teacher's class-1 vector".into(),
            unit: String::new(),
            scale: Scale::Linear,
            range: Some(range),
        },
        y: Axis {
            label: "x·e₂, along w*₂ orthogonal to w*₁".into(),
            unit: String::new(),
            scale: Scale::Linear,
            range: Some(range),
        },
        series,
        heatmap: None,
        network: None,
    }
}
