//! Classification of two noisy Gaussian clusters by ℓ2-regularised empirical risk minimisation
//! with the square, logistic or hinge loss: the test error against the number of samples and
//! against the regularisation, with the Bayes-optimal and oracle errors.
//!
//! Examples x = y v*/√d + √Δ z of two clusters at ±v*/√d; the estimator minimises
//! Σ ℓ(y(x·w/√d + b)) + (λ/2)|w|² with the bias unpenalised. As d → ∞ at n = αd its test error
//! follows from three order parameters solving a fixed point (see [`theory`]). As λ → 0 the
//! square loss interpolates the labels at α = 1 and its error peaks there; strong regularisation
//! reaches the Bayes-optimal error for every loss. The simulation minimises the risk exactly:
//! Newton's method for the square and logistic losses, the dual (sequential minimal
//! optimisation) for the hinge.
//!
//! ## Reference
//! F. Mignacco, F. Krzakala, Y. M. Lu, P. Urbani, L. Zdeborová, *The role of regularization in
//! classification of high-dimensional noisy Gaussian mixture*, ICML 2020 (arXiv:2002.11544).

mod equations;
mod figures;
pub mod learners;
mod run;
pub mod theory;

use crate::model::{
    Choice, Interval, Model, ModelSpec, Observable, Paper, ParamError, ParamKind, ParamSpec, Params, Preset, Run, Scale,
};
use theory::Loss;

pub use run::{SWEEP_LAMBDAS, checkpoints};

pub struct GaussianMixture;

/// Most elementary operations (a multiply-add) a run may take: about ten seconds in a browser.
pub const WORK_LIMIT: f64 = 4e9;
/// Most examples the hinge loss keeps the kernel of (n² numbers: 72 MB at 3000).
pub const HINGE_MAX_EXAMPLES: usize = 3000;

static SPEC: ModelSpec = ModelSpec {
    id: "gaussian-mixture",
    title: "Two Gaussian clusters: the role of regularisation",
    summary: "A linear classifier learns to tell two noisy Gaussian clusters apart from n = αd labelled \
              examples in d dimensions, by minimising the square, logistic or hinge loss with an ℓ2 \
              penalty λ. Without regularisation the square loss interpolates the labels at α = 1 and its \
              error peaks there; strong regularisation reaches the Bayes-optimal error for every loss. \
              The lines are the exact theory as d → ∞, the points simulations at finite d, and the last \
              figure shows the training data with the learnt boundary.",
    papers: &[Paper {
        authors: "F. Mignacco, F. Krzakala, Y. M. Lu, P. Urbani, L. Zdeborová",
        title: "The role of regularization in classification of high-dimensional noisy Gaussian mixture",
        venue: "Proceedings of the 37th International Conference on Machine Learning (ICML), PMLR 119",
        year: 2020,
        doi: None,
        arxiv: Some("2002.11544"),
    }],
    equations: equations::ALL,
    params: &[
        ParamSpec {
            name: "loss",
            symbol: "ℓ",
            label: "loss",
            unit: "",
            help: "Square: ridge regression on the labels ±1. Logistic: logistic regression. Hinge: the support \
                   vector machine.",
            kind: ParamKind::Choice {
                options: &[
                    Choice { value: "square", label: "square (ridge)" },
                    Choice { value: "logistic", label: "logistic" },
                    Choice { value: "hinge", label: "hinge (SVM)" },
                ],
                default: "square",
            },
        },
        ParamSpec::float(
            "lambda",
            "λ",
            "ℓ2 penalty",
            "Strength of the penalty (λ/2)|w|². Small λ: the estimator interpolates or separates the training data; \
             large λ: w points along Σ yᵢxᵢ, which is Bayes-optimal for balanced clusters.",
            Interval::closed(1e-4, 10.0),
            1e-3,
        )
        .with_scale(Scale::Log),
        ParamSpec::float(
            "Delta",
            "Δ",
            "noise variance",
            "Variance of the noise around each cluster centre; the centres are at distance 2 along v*.",
            Interval::closed(0.1, 3.0),
            1.0,
        ),
        ParamSpec::float(
            "rho",
            "ρ",
            "share of the class y = +1",
            "Balanced clusters at ρ = ½; a small ρ makes one class rare, and the bias b matters.",
            Interval::closed(0.05, 0.5),
            0.5,
        ),
        ParamSpec {
            name: "d",
            symbol: "d",
            label: "input dimension",
            unit: "",
            help: "The theory holds as d → ∞; at finite d the points scatter by about 1/√d.",
            kind: ParamKind::Int { min: 20, max: 1000, default: 200, scale: Scale::Log },
        },
        ParamSpec::float(
            "alpha_max",
            "α_max",
            "largest number of samples per dimension",
            "The run shows α = n/d from α_max/50 to α_max.",
            Interval::closed(1.0, 10.0),
            5.0,
        )
        .with_scale(Scale::Log),
        ParamSpec::float(
            "alpha",
            "α",
            "samples per dimension of the λ figure",
            "The α at which the error is drawn against λ, and the training data are shown; at most α_max.",
            Interval::closed(0.1, 10.0),
            2.0,
        )
        .with_scale(Scale::Log),
        ParamSpec {
            name: "seeds",
            symbol: "",
            label: "independent runs averaged",
            unit: "",
            help: "Each run draws its own centre and examples; points show the mean and its standard error.",
            kind: ParamKind::Int { min: 1, max: 20, default: 3, scale: Scale::Linear },
        },
    ],
    presets: &[
        Preset {
            name: "The interpolation peak of ridge",
            description: "Square loss, λ = 10⁻⁴: the error peaks at α = 1, where the estimator fits every label.",
            values: &[("loss", "square"), ("lambda", "1e-4"), ("rho", "0.5"), ("alpha", "1")],
        },
        Preset {
            name: "Logistic regression, weakly regularised",
            description: "λ = 10⁻³: the data are separable at small α and the error is far above Bayes-optimal.",
            values: &[("loss", "logistic"), ("lambda", "1e-3"), ("rho", "0.5"), ("alpha", "2")],
        },
        Preset {
            name: "Regularisation approaches Bayes-optimal",
            description: "Hinge loss, λ = 1: the error is close to the Bayes-optimal line, which the theory reaches as λ grows.",
            values: &[("loss", "hinge"), ("lambda", "1"), ("rho", "0.5"), ("alpha", "2")],
        },
        Preset {
            name: "Unbalanced clusters",
            description: "ρ = 0.2: the bias b moves the boundary towards the rare class.",
            values: &[("loss", "logistic"), ("lambda", "0.1"), ("rho", "0.2"), ("alpha", "2")],
        },
    ],
    observables: &[
        Observable::measured("error", "test error at α (the λ figure's)").predicted_by("error_theory"),
        Observable::theory("error_theory", "test error at α (the λ figure's)"),
        Observable::measured("m", "overlap m = v*·w/d at α").predicted_by("m_theory"),
        Observable::theory("m_theory", "overlap m = v*·w/d at α"),
        Observable::measured("q", "squared norm q = |w|²/d at α").predicted_by("q_theory"),
        Observable::theory("q_theory", "squared norm q = |w|²/d at α"),
        Observable::theory("bayes", "Bayes-optimal test error at α"),
    ],
};

/// The parameters, typed; made only from validated [`Params`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GmmParams {
    pub loss: Loss,
    pub lambda: f64,
    pub delta: f64,
    pub rho: f64,
    pub d: usize,
    pub alpha_max: f64,
    pub alpha: f64,
    pub seeds: usize,
}

impl GmmParams {
    pub fn from_params(p: &Params) -> Self {
        GmmParams {
            loss: Loss::from_name(p.choice("loss")),
            lambda: p.float("lambda"),
            delta: p.float("Delta"),
            rho: p.float("rho"),
            d: p.int("d") as usize,
            alpha_max: p.float("alpha_max"),
            alpha: p.float("alpha"),
            seeds: p.int("seeds") as usize,
        }
    }

    /// Elementary operations of the whole run, estimated: for Newton's method about 8 iterations
    /// (2 for the square loss) of n(d + 1)²/2 each per fit; for the hinge the kernel, n²d/2, and
    /// about 20n² for the dual.
    pub fn work(&self) -> f64 {
        let ns = checkpoints(self.d, self.alpha_max, self.alpha);
        let n_sweep = (self.alpha * self.d as f64).round();
        let d = self.d as f64;
        let n_max = *ns.last().expect("at least one checkpoint") as f64;
        let fit = |n: f64| match self.loss {
            Loss::Square => 2.0 * n * (d + 1.0) * (d + 1.0) / 2.0,
            Loss::Logistic => 8.0 * n * (d + 1.0) * (d + 1.0) / 2.0,
            Loss::Hinge => 20.0 * n * n,
        };
        let kernel = if self.loss == Loss::Hinge { n_max * n_max * d / 2.0 } else { 0.0 };
        let fits: f64 = ns.iter().map(|&n| fit(n as f64)).sum::<f64>() + SWEEP_LAMBDAS.len() as f64 * fit(n_sweep);
        self.seeds as f64 * (n_max * d + kernel + fits)
    }
}

impl Model for GaussianMixture {
    fn spec(&self) -> &'static ModelSpec {
        &SPEC
    }

    fn check(&self, params: &Params) -> Result<(), ParamError> {
        let p = GmmParams::from_params(params);
        if p.alpha > p.alpha_max {
            return Err(ParamError::Constraint(format!(
                "alpha={} must be at most alpha_max={}: the λ figure is drawn at a checkpoint of the run",
                p.alpha, p.alpha_max
            )));
        }
        let n_max = (p.alpha_max * p.d as f64).round() as usize;
        if p.loss == Loss::Hinge && n_max > HINGE_MAX_EXAMPLES {
            return Err(ParamError::Constraint(format!(
                "loss=hinge keeps the n × n kernel of the examples: d={} and alpha_max={} give n = {n_max}, more than \
                 {HINGE_MAX_EXAMPLES}: lower d or alpha_max",
                p.d, p.alpha_max
            )));
        }
        if p.loss == Loss::Hinge && p.lambda < 0.1 {
            return Err(ParamError::Constraint(format!(
                "loss=hinge needs lambda ≥ 0.1 (got {}): below, the dual solver does not reliably converge \
                 within the run's budget at large α",
                p.lambda
            )));
        }
        let work = p.work();
        if work > WORK_LIMIT {
            return Err(ParamError::Constraint(format!(
                "loss={} with d={}, alpha_max={} and seeds={} needs {work:.1e} operations, more than the limit of \
                 {WORK_LIMIT:.0e} (about ten seconds): lower d, alpha_max or seeds",
                params.choice("loss"),
                p.d,
                p.alpha_max,
                p.seeds
            )));
        }
        Ok(())
    }

    fn cost(&self, params: &Params) -> f64 {
        GmmParams::from_params(params).work() / WORK_LIMIT
    }

    fn start(&self, params: &Params, seed: u64) -> Box<dyn Run> {
        Box::new(run::GmmRun::new(GmmParams::from_params(params), seed))
    }
}
