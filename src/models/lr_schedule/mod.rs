//! Optimal learning-rate schedules for online linear regression, by optimal control of the
//! order-parameter equation.
//!
//! A student ŷ = w·x/√N learns a noisy linear teacher y = w*·x/√N + σζ by SGD,
//! w ← w − (η(t)/√N)(ŷ − y)x, one fresh Gaussian example per step, t = steps/N. As N → ∞ the error
//! m = |w − w*|²/N (twice the generalisation error ε_g = E[(ŷ − w*·x/√N)²]/2 = m/2) obeys
//! dm/dt = −2ηm + η²(m + σ²). The schedule η(t) minimising m(T) is found by Pontryagin's
//! principle in closed form, η* = m/(m + σ²), and numerically, by a quasi-Newton method on 50
//! pieces with gradients from the co-state. The page compares it with the best constant η and a 1/t
//! schedule, in theory and in simulations at finite N.
//!
//! ## Reference
//! F. Mignacco, F. Mori, *A statistical physics framework for optimal learning*, arXiv:2507.07907
//! (2025).

pub mod control;
mod equations;
mod figures;
mod run;
pub mod theory;

use crate::model::{
    Interval, Model, ModelSpec, Observable, Paper, ParamError, ParamKind, ParamSpec, Params, Preset, Run, Scale,
};

pub use run::{SIMULATED, checkpoints};

pub struct LearningRateSchedule;

/// Most elementary operations (an input component drawn, a multiply-add) a run may take: about
/// ten seconds in a browser, as for the other models.
pub const WORK_LIMIT: f64 = 4e9;

static SPEC: ModelSpec = ModelSpec {
    id: "learning-rate-schedule",
    title: "Optimal learning-rate schedules",
    summary: "A student learns a noisy linear teacher by online SGD. Which learning rate η(t) makes its \
              error smallest at a given horizon T? Optimal control of the equation for the error answers \
              in closed form: η* = m/(m + σ²), the current error over the error plus the noise, which \
              decays like 1/t. A numerical solver with 50 pieces and gradients from the co-state finds the \
              same schedule. It beats the best constant rate, and a 1/t schedule started at the same \
              value; the lines are the theory as N → ∞, the points simulations at finite N.",
    papers: &[Paper {
        authors: "F. Mignacco, F. Mori",
        title: "A statistical physics framework for optimal learning",
        venue: "arXiv preprint",
        year: 2025,
        doi: None,
        arxiv: Some("2507.07907"),
    }],
    equations: equations::ALL,
    params: &[
        ParamSpec {
            name: "sigma2",
            symbol: "σ²",
            label: "label noise variance",
            unit: "",
            help: "Variance of the noise added to the teacher's labels. Without noise the best learning rate \
                   is 1 throughout and the error falls exponentially; with noise the rate must decay.",
            kind: ParamKind::Float { range: Interval::closed(0.0, 2.0), default: 0.25, scale: Scale::Linear },
        },
        ParamSpec {
            name: "m0",
            symbol: "m₀",
            label: "initial error",
            unit: "",
            help: "The student's initial error m₀ = |w − w*|²/N: the student starts at this distance from the \
                   teacher, in a random direction.",
            kind: ParamKind::Float { range: Interval::closed(0.01, 10.0), default: 1.0, scale: Scale::Log },
        },
        ParamSpec {
            name: "T",
            symbol: "T",
            label: "horizon",
            unit: "",
            help: "Training time, in steps per input dimension: TN examples in all. The schedules minimise the \
                   error at T; the best constant rate depends on T, the optimum and the 1/t schedule do not.",
            kind: ParamKind::Float { range: Interval::closed(0.5, 200.0), default: 10.0, scale: Scale::Log },
        },
        ParamSpec {
            name: "N",
            symbol: "N",
            label: "input dimension",
            unit: "",
            help: "Number of inputs. The theory holds as N → ∞; at finite N the simulated error scatters by \
                   about √(2/N) of itself.",
            kind: ParamKind::Int { min: 10, max: 5000, default: 500, scale: Scale::Log },
        },
        ParamSpec {
            name: "seeds",
            symbol: "",
            label: "independent runs averaged",
            unit: "",
            help: "Each run draws its own initial student and examples; points show the mean and its standard \
                   error.",
            kind: ParamKind::Int { min: 1, max: 50, default: 5, scale: Scale::Linear },
        },
    ],
    presets: &[
        Preset {
            name: "Short horizon, T = 2",
            description: "Little time to anneal: the best constant rate comes within 2% of the optimum.",
            values: &[("sigma2", "0.25"), ("m0", "1"), ("T", "2"), ("N", "500"), ("seeds", "5")],
        },
        Preset {
            name: "T = 10",
            description: "The optimum ends 25% below the best constant; 1/t is no better than the constant yet.",
            values: &[("sigma2", "0.25"), ("m0", "1"), ("T", "10"), ("N", "500"), ("seeds", "5")],
        },
        Preset {
            name: "Long horizon, T = 50",
            description: "The optimum ends 45% below the best constant, and 1/t within 15% of the optimum.",
            values: &[("sigma2", "0.25"), ("m0", "1"), ("T", "50"), ("N", "500"), ("seeds", "5")],
        },
    ],
    observables: &[
        Observable::measured("m_opt", "final error m(T), optimal schedule").predicted_by("m_opt_theory"),
        Observable::theory("m_opt_theory", "final error m(T), optimal schedule"),
        Observable::theory("m_solver", "final error m(T), 50-piece optimal control"),
        Observable::measured("m_const", "final error m(T), best constant η").predicted_by("m_const_theory"),
        Observable::theory("m_const_theory", "final error m(T), best constant η"),
        Observable::theory("eta_const", "best constant learning rate η"),
        Observable::measured("m_inv", "final error m(T), 1/t schedule").predicted_by("m_inv_theory"),
        Observable::theory("m_inv_theory", "final error m(T), 1/t schedule"),
    ],
};

/// The model's parameters, typed; made only from validated [`Params`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LrParams {
    pub sigma2: f64,
    pub m0: f64,
    pub horizon: f64,
    pub n: usize,
    pub seeds: usize,
}

impl LrParams {
    pub fn from_params(p: &Params) -> Self {
        LrParams {
            sigma2: p.float("sigma2"),
            m0: p.float("m0"),
            horizon: p.float("T"),
            n: p.int("N") as usize,
            seeds: p.int("seeds") as usize,
        }
    }

    pub fn problem(&self) -> theory::Problem {
        theory::Problem { sigma2: self.sigma2, m0: self.m0, horizon: self.horizon }
    }

    /// SGD steps of one repetition: TN rounded, at least one.
    pub fn steps(&self) -> usize {
        (libm::round(self.horizon * self.n as f64) as usize).max(1)
    }

    /// Elementary operations of the whole run: per step N input components drawn, and for each
    /// simulated schedule a dot product and an update of N components each.
    pub fn work(&self) -> f64 {
        let per_step = self.n as f64 * (1 + 2 * SIMULATED.len()) as f64;
        self.seeds as f64 * self.steps() as f64 * per_step
    }
}

impl Model for LearningRateSchedule {
    fn spec(&self) -> &'static ModelSpec {
        &SPEC
    }

    fn check(&self, params: &Params) -> Result<(), ParamError> {
        let p = LrParams::from_params(params);
        let work = p.work();
        if work > WORK_LIMIT {
            return Err(ParamError::Constraint(format!(
                "N={}, T={} and seeds={} need {:.1e} operations, more than the limit of {:.0e} (about ten seconds): \
                 lower N, T or seeds",
                p.n, p.horizon, p.seeds, work, WORK_LIMIT
            )));
        }
        Ok(())
    }

    fn cost(&self, params: &Params) -> f64 {
        LrParams::from_params(params).work() / WORK_LIMIT
    }

    fn start(&self, params: &Params, seed: u64) -> Box<dyn Run> {
        Box::new(run::LrRun::new(LrParams::from_params(params), seed))
    }
}
