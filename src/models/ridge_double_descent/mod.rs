//! Ridge regression on Gaussian covariates: learning curves, double descent and the regularisation
//! that removes it.
//!
//! A linear teacher y = x·β + σε labels n = αd inputs x ~ N(0, Σ) in d dimensions; ridge regression
//! β̂ = (XᵀX + nλI)⁻¹Xᵀy learns from them. Its excess test error R = E[(x·(β̂ − β))²] is, as
//! n, d → ∞, a deterministic function of α, λ and the spectrum of Σ through one fixed point, the
//! effective regularisation κ. As λ → 0 the error diverges at the interpolation threshold n = d
//! (double descent: the minimum-norm interpolator fits the noise with a badly conditioned XᵀX);
//! any λ > 0 caps the peak, and the optimal λ removes it. The simulation accumulates XᵀX sample by
//! sample and solves by Cholesky at each checkpoint, for several seeds.
//!
//! ## Reference
//! T. Hastie, A. Montanari, S. Rosset, R. J. Tibshirani, *Surprises in high-dimensional ridgeless
//! least squares interpolation*, Ann. Statist. 50, 949 (2022); B. Loureiro et al., *Learning curves
//! of generic features maps for realistic datasets with a teacher-student model*, NeurIPS 2021
//! (arXiv:2102.08127), whose Gaussian covariate model this is with the student seeing the teacher's
//! features.

mod equations;
mod figures;
mod run;
pub mod theory;

use crate::model::{
    Interval, Model, ModelSpec, Observable, Paper, ParamError, ParamKind, ParamSpec, Params, Preset, Run, Scale,
};

pub use figures::LAMBDA_RANGE;
pub use run::{SWEEP_ALPHAS, Sampler, checkpoints, sweep_lambdas};

pub struct RidgeDoubleDescent;

/// Most elementary operations (a multiply-add) a run may take: about ten seconds in a browser.
pub const WORK_LIMIT: f64 = 4e9;

static SPEC: ModelSpec = ModelSpec {
    id: "ridge-double-descent",
    title: "Ridge regression: double descent",
    summary: "Ridge regression learns a noisy linear teacher from n = αd Gaussian examples in d \
              dimensions. Without regularisation its test error rises to infinity at the interpolation \
              threshold n = d, where the least-squares solution must fit the noise exactly, and falls \
              again beyond: double descent. A ridge penalty λ caps the peak, and the optimal λ removes it. \
              The lines are the theory as d → ∞ (one fixed point over the spectrum of the inputs), the \
              points simulations at finite d.",
    papers: &[
        Paper {
            authors: "T. Hastie, A. Montanari, S. Rosset, R. J. Tibshirani",
            title: "Surprises in high-dimensional ridgeless least squares interpolation",
            venue: "Annals of Statistics 50, 949",
            year: 2022,
            doi: Some("10.1214/21-AOS2133"),
            arxiv: Some("1903.08560"),
        },
        Paper {
            authors: "B. Loureiro, C. Gerbelot, H. Cui, S. Goldt, F. Krzakala, M. Mézard, L. Zdeborová",
            title: "Learning curves of generic features maps for realistic datasets with a teacher-student model",
            venue: "Advances in Neural Information Processing Systems 34",
            year: 2021,
            doi: None,
            arxiv: Some("2102.08127"),
        },
    ],
    equations: equations::ALL,
    params: &[
        ParamSpec {
            name: "lambda",
            symbol: "λ",
            label: "ridge penalty",
            unit: "",
            help: "Strength of the penalty λ|β|² added to the mean squared error. As λ → 0 ridge becomes the \
                   minimum-norm least-squares fit, whose error diverges at n = d.",
            kind: ParamKind::Float { range: Interval::closed(1e-4, 10.0), default: 1e-3, scale: Scale::Log },
        },
        ParamSpec {
            name: "sigma2",
            symbol: "σ²",
            label: "label noise variance",
            unit: "",
            help: "Variance of the noise added to the teacher's labels: what the interpolator fits at n = d.",
            kind: ParamKind::Float { range: Interval::closed(0.0, 2.0), default: 0.25, scale: Scale::Linear },
        },
        ParamSpec {
            name: "r2",
            symbol: "r²",
            label: "signal |β|²",
            unit: "",
            help: "Squared norm of the teacher: the error of the estimate β̂ = 0.",
            kind: ParamKind::Float { range: Interval::closed(0.01, 10.0), default: 1.0, scale: Scale::Log },
        },
        ParamSpec {
            name: "decay",
            symbol: "a",
            label: "decay of the input spectrum",
            unit: "",
            help: "The covariance of the inputs has eigenvalues s_k ∝ k^(−a), of mean 1. a = 0: isotropic inputs; \
                   larger a: a few strong directions and many weak ones, as in the features of real data.",
            kind: ParamKind::Float { range: Interval::closed(0.0, 2.0), default: 0.0, scale: Scale::Linear },
        },
        ParamSpec {
            name: "d",
            symbol: "d",
            label: "input dimension",
            unit: "",
            help: "Number of input dimensions. The theory holds as d → ∞; at finite d the points scatter, \
                   most near n = d.",
            kind: ParamKind::Int { min: 20, max: 600, default: 200, scale: Scale::Log },
        },
        ParamSpec {
            name: "alpha_max",
            symbol: "α_max",
            label: "largest number of samples per dimension",
            unit: "",
            help: "The run shows α = n/d from α_max/100 to α_max.",
            kind: ParamKind::Float { range: Interval::closed(2.0, 20.0), default: 10.0, scale: Scale::Log },
        },
        ParamSpec {
            name: "seeds",
            symbol: "",
            label: "independent runs averaged",
            unit: "",
            help: "Each run draws its own teacher and examples; points show the mean and its standard error.",
            kind: ParamKind::Int { min: 1, max: 50, default: 5, scale: Scale::Linear },
        },
    ],
    presets: &[
        Preset {
            name: "Double descent, λ → 0",
            description: "λ = 10⁻⁴: the error peaks at n = d, where the least-squares fit interpolates the noise.",
            values: &[("lambda", "1e-4"), ("sigma2", "0.25"), ("decay", "0")],
        },
        Preset {
            name: "A small penalty caps the peak",
            description: "λ = 0.03: the peak at n = d is lower and wider.",
            values: &[("lambda", "0.03"), ("sigma2", "0.25"), ("decay", "0")],
        },
        Preset {
            name: "Optimal penalty at n = d",
            description: "λ = σ²/r² = 0.25, optimal at α = 1: the error falls monotonically with n.",
            values: &[("lambda", "0.25"), ("sigma2", "0.25"), ("decay", "0")],
        },
        Preset {
            name: "Structured inputs, s_k ∝ 1/k",
            description: "A decaying spectrum: strong directions are learnt first, and the peak at n = d remains.",
            values: &[("lambda", "1e-3"), ("sigma2", "0.25"), ("decay", "1")],
        },
    ],
    observables: &[
        Observable::measured("error_peak", "excess test error at α = 1").predicted_by("error_peak_theory"),
        Observable::theory("error_peak_theory", "excess test error at α = 1"),
        Observable::measured("error_end", "excess test error at α_max").predicted_by("error_end_theory"),
        Observable::theory("error_end_theory", "excess test error at α_max"),
    ],
};

/// The parameters, typed; made only from validated [`Params`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RidgeParams {
    pub lambda: f64,
    pub noise: f64,
    pub signal: f64,
    pub decay: f64,
    pub d: usize,
    pub alpha_max: f64,
    pub seeds: usize,
}

impl RidgeParams {
    pub fn from_params(p: &Params) -> Self {
        RidgeParams {
            lambda: p.float("lambda"),
            noise: p.float("sigma2"),
            signal: p.float("r2"),
            decay: p.float("decay"),
            d: p.int("d") as usize,
            alpha_max: p.float("alpha_max"),
            seeds: p.int("seeds") as usize,
        }
    }

    /// Operations per example added: the upper triangle of a rank-one update of XᵀX.
    fn sample_ops(&self) -> f64 {
        let d = self.d as f64;
        d * d / 2.0 + 3.0 * d
    }

    /// Operations per solve (a Cholesky factor and two pair of triangular solves), in examples.
    pub fn solve_work(&self) -> u64 {
        let d = self.d as f64;
        ((d * d * d / 6.0 + 2.0 * d * d) / self.sample_ops()).ceil() as u64
    }

    /// Elementary operations of the whole run.
    pub fn work(&self) -> f64 {
        let checkpoints = checkpoints(self.d, self.alpha_max);
        let n_max = *checkpoints.last().expect("at least one checkpoint") as f64;
        let solves = (checkpoints.len() + SWEEP_ALPHAS.len() * sweep_lambdas().len()) as f64;
        self.seeds as f64 * self.sample_ops() * (n_max + solves * self.solve_work() as f64)
    }
}

impl Model for RidgeDoubleDescent {
    fn spec(&self) -> &'static ModelSpec {
        &SPEC
    }

    fn check(&self, params: &Params) -> Result<(), ParamError> {
        let p = RidgeParams::from_params(params);
        let work = p.work();
        if work > WORK_LIMIT {
            return Err(ParamError::Constraint(format!(
                "d={}, alpha_max={} and seeds={} need {:.1e} operations, more than the limit of {:.0e} \
                 (about ten seconds): lower d, alpha_max or seeds",
                p.d, p.alpha_max, p.seeds, work, WORK_LIMIT
            )));
        }
        Ok(())
    }

    fn cost(&self, params: &Params) -> f64 {
        RidgeParams::from_params(params).work() / WORK_LIMIT
    }

    fn start(&self, params: &Params, seed: u64) -> Box<dyn Run> {
        Box::new(run::RidgeRun::new(RidgeParams::from_params(params), seed))
    }
}
