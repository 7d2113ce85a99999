//! Real phase retrieval, y = (w*·x/√d)², learnt by gradient descent, multi-pass SGD, persistent SGD
//! and Langevin dynamics on the square loss of the squares: from the same data and the same start,
//! which of them find the signal, and from how many examples per dimension α. Online SGD on fresh
//! examples has an exact ODE for its overlaps, drawn against its simulation.
//!
//! ## Reference
//! F. Mignacco, P. Urbani and L. Zdeborová, "Stochasticity helps to navigate rough landscapes:
//! comparing gradient-descent-based algorithms in the phase retrieval problem", Mach. Learn.: Sci.
//! Technol. 2, 035029 (2021), arXiv:2103.04902.

mod figures;
pub mod run;
pub mod theory;

use crate::model::{
    Equation, Interval, Model, ModelSpec, Observable, Paper, ParamError, ParamKind, ParamSpec, Params, Preset, Run,
    Scale,
};

pub use run::PhaseRetrievalRun;

pub struct PhaseRetrieval;

/// The most multiply-adds a run may take (about ten seconds in a browser).
pub const WORK_LIMIT: f64 = 6e9;

static SPEC: ModelSpec = ModelSpec {
    id: "phase-retrieval",
    title: "Phase retrieval: gradient descent against its noisy cousins",
    summary: "Recover a signal w* from the squares of its projections, y = (w*·x)²/d, by descending the square \
              loss: a rough landscape with spurious minima. Gradient descent, multi-pass SGD, persistent SGD and \
              Langevin dynamics start from the same point on the same data; the noisy ones can escape where \
              gradient descent is stuck. The success rate against α = n/d is measured over runs, next to the \
              thresholds of the theory; online SGD on fresh examples follows an exact ODE.",
    papers: &[Paper {
        authors: "F. Mignacco, P. Urbani, L. Zdeborová",
        title: "Stochasticity helps to navigate rough landscapes: comparing gradient-descent-based algorithms in \
                the phase retrieval problem",
        venue: "Machine Learning: Science and Technology 2, 035029",
        year: 2021,
        doi: Some("10.1088/2632-2153/ac0615"),
        arxiv: Some("2103.04902"),
    }],
    equations: &[
        Equation {
            caption: "Data and loss: n = αd Gaussian inputs, labels the squared projections on the signal",
            mathml: r#"<math display="block"><msub><mi>y</mi><mi>μ</mi></msub><mo>=</mo><msup><mrow><mo>(</mo><mfrac><mrow><msup><mi mathvariant="bold">w</mi><mo>*</mo></msup><mo>·</mo><msub><mi mathvariant="bold">x</mi><mi>μ</mi></msub></mrow><msqrt><mi>d</mi></msqrt></mfrac><mo>)</mo></mrow><mn>2</mn></msup><mo separator="true">,</mo><mspace width="1em"/><mi>L</mi><mo>(</mo><mi mathvariant="bold">w</mi><mo>)</mo><mo>=</mo><mfrac><mn>1</mn><mn>4</mn></mfrac><munderover><mo>∑</mo><mrow><mi>μ</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover><msup><mrow><mo>(</mo><msub><mi>y</mi><mi>μ</mi></msub><mo>−</mo><msup><mrow><mo>(</mo><mfrac><mrow><mi mathvariant="bold">w</mi><mo>·</mo><msub><mi mathvariant="bold">x</mi><mi>μ</mi></msub></mrow><msqrt><mi>d</mi></msqrt></mfrac><mo>)</mo></mrow><mn>2</mn></msup><mo>)</mo></mrow><mn>2</mn></msup></math>"#,
        },
        Equation {
            caption: "The four algorithms: a step of time η down the loss of the examples in the batch now (s_μ = 1 for GD and Langevin; drawn afresh with probability b each step for SGD; a telegraph process of persistence τ for persistent SGD), with noise at temperature T for Langevin",
            mathml: r#"<math display="block"><mi mathvariant="bold">w</mi><mo>←</mo><mi mathvariant="bold">w</mi><mo>−</mo><mi>η</mi><mfrac><mi>d</mi><mi>n</mi></mfrac><munder><mo>∑</mo><mi>μ</mi></munder><msub><mi>s</mi><mi>μ</mi></msub><mo>∇</mo><msub><mi>ℓ</mi><mi>μ</mi></msub><mo>(</mo><mi mathvariant="bold">w</mi><mo>)</mo><mo>+</mo><msqrt><mrow><mn>2</mn><mi>T</mi><mi>η</mi></mrow></msqrt><mspace width="0.2em"/><mi mathvariant="bold">ξ</mi></math>"#,
        },
        Equation {
            caption: "Online SGD (one fresh example per step, t = steps/d): exact equations for m = w·w*/d and q = |w|²/d as d → ∞",
            mathml: r#"<math display="block"><mfrac><mrow><mi>d</mi><mi>m</mi></mrow><mrow><mi>d</mi><mi>t</mi></mrow></mfrac><mo>=</mo><mn>3</mn><mi>η</mi><mi>m</mi><mo>(</mo><mn>1</mn><mo>−</mo><mi>q</mi><mo>)</mo><mo separator="true">,</mo><mspace width="1em"/><mfrac><mrow><mi>d</mi><mi>q</mi></mrow><mrow><mi>d</mi><mi>t</mi></mrow></mfrac><mo>=</mo><mo>−</mo><mn>2</mn><mi>η</mi><mo>(</mo><mn>3</mn><msup><mi>q</mi><mn>2</mn></msup><mo>−</mo><mi>q</mi><mo>−</mo><mn>2</mn><msup><mi>m</mi><mn>2</mn></msup><mo>)</mo><mo>+</mo><msup><mi>η</mi><mn>2</mn></msup><mo>(</mo><mn>15</mn><msup><mi>q</mi><mn>3</mn></msup><mo>−</mo><mn>6</mn><msup><mi>q</mi><mn>2</mn></msup><mo>−</mo><mn>24</mn><mi>q</mi><msup><mi>m</mi><mn>2</mn></msup><mo>+</mo><mn>3</mn><mi>q</mi><mo>+</mo><mn>12</mn><msup><mi>m</mi><mn>2</mn></msup><mo>)</mo></math>"#,
        },
    ],
    params: &[
        ParamSpec::float(
            "alpha",
            "α",
            "examples per dimension",
            "n = αd examples for the time courses. Recovery is possible from α = 1; gradient descent from a poor \
             start needs many more.",
            Interval::closed(0.5, 10.0),
            3.0,
        ),
        ParamSpec {
            name: "d",
            symbol: "d",
            label: "dimension",
            unit: "",
            help: "Dimension of the signal. Each step costs n·d = αd² multiply-adds per algorithm.",
            kind: ParamKind::Int { min: 20, max: 400, default: 60, scale: Scale::Log },
        },
        ParamSpec::float(
            "lr",
            "η",
            "learning rate",
            "The time of one step. Steps above about 0.05 make gradient descent unstable on examples with large labels.",
            Interval::closed(0.001, 0.1),
            0.02,
        )
        .with_scale(Scale::Log),
        ParamSpec::float(
            "b",
            "b",
            "batch fraction",
            "SGD and persistent SGD use a fraction b of the examples at a time.",
            Interval::closed(0.05, 1.0),
            0.2,
        ),
        ParamSpec::float(
            "tau",
            "τ",
            "persistence time",
            "Persistent SGD: an example leaves the batch after a time τ on average (and rejoins so that a fraction b is in).",
            Interval::closed(0.02, 10.0),
            1.0,
        )
        .with_scale(Scale::Log),
        ParamSpec::float("T", "T", "temperature", "Langevin dynamics: noise of variance 2Tη per step.", Interval::closed(0.0, 1.0), 0.05),
        ParamSpec::float(
            "m0",
            "m₀",
            "initial overlap",
            "Every algorithm starts at w₀ = m₀w* + √(q₀ − m₀²)z, z ⊥ w*: an informed start (m₀ > 0) or none (m₀ = 0).",
            Interval::closed(0.0, 0.5),
            0.1,
        ),
        ParamSpec::float("q0", "q₀", "initial squared norm", "|w₀|²/d; at least 0.25 = the largest m₀².", Interval::closed(0.25, 2.0), 1.0),
        ParamSpec::float("t_max", "t_max", "duration", "Time of each run, steps × η.", Interval::closed(1.0, 100.0), 20.0)
            .with_scale(Scale::Log),
        ParamSpec::float(
            "alpha_max",
            "α_max",
            "largest α of the success panel",
            "The success rate is measured at α = 1, 2, …, α_max.",
            Interval::closed(1.0, 10.0),
            6.0,
        ),
        ParamSpec {
            name: "seeds",
            symbol: "",
            label: "runs per point",
            unit: "",
            help: "Independent signals, data sets and starts: the time courses are their mean, the success rate their fraction.",
            kind: ParamKind::Int { min: 1, max: 40, default: 4, scale: Scale::Linear },
        },
    ],
    presets: &[
        Preset {
            name: "Noise helps at α = 3",
            description: "From a weakly informed start, gradient descent stalls while the stochastic algorithms find the signal.",
            values: &[("alpha", "3"), ("d", "60"), ("lr", "0.02"), ("m0", "0.1"), ("t_max", "20"), ("seeds", "4")],
        },
        Preset {
            name: "Online SGD against its ODE",
            description: "The catalogue's setting: η = 0.05, m0 = 0.2, q0 = 0.5399; online SGD escapes the uninformed plateau.",
            values: &[("lr", "0.05"), ("m0", "0.2"), ("q0", "0.5399"), ("t_max", "60"), ("d", "200"), ("alpha_max", "1"), ("alpha", "1"), ("seeds", "3")],
        },
        Preset {
            name: "Uninformed start",
            description: "m0 = 0: only the finite-d fluctuations of the data break the symmetry.",
            values: &[("alpha", "5"), ("m0", "0"), ("t_max", "40"), ("seeds", "4")],
        },
    ],
    observables: &[
        Observable::measured("m_gd", "overlap m of gradient descent at t_max"),
        Observable::measured("m_sgd", "overlap m of SGD at t_max"),
        Observable::measured("m_persistent", "overlap m of persistent SGD at t_max"),
        Observable::measured("m_langevin", "overlap m of Langevin dynamics at t_max"),
        Observable::measured("m_online", "overlap m of online SGD at t_max").predicted_by("m_online_theory"),
        Observable::theory("m_online_theory", "overlap m of online SGD at t_max"),
    ],
};

/// The page's parameters, typed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub alpha: f64,
    pub d: usize,
    pub eta: f64,
    pub b: f64,
    pub tau: f64,
    pub temperature: f64,
    pub m0: f64,
    pub q0: f64,
    pub t_max: f64,
    pub alpha_max: f64,
    pub seeds: usize,
}

impl Settings {
    pub fn from_params(p: &Params) -> Self {
        Settings {
            alpha: p.float("alpha"),
            d: p.int("d") as usize,
            eta: p.float("lr"),
            b: p.float("b"),
            tau: p.float("tau"),
            temperature: p.float("T"),
            m0: p.float("m0"),
            q0: p.float("q0"),
            t_max: p.float("t_max"),
            alpha_max: p.float("alpha_max"),
            seeds: p.int("seeds") as usize,
        }
    }

    /// Steps of each algorithm's run.
    pub fn steps(&self) -> u64 {
        ((self.t_max / self.eta).round() as u64).max(1)
    }

    /// The α of the success panel: 1, 2, …, ⌊α_max⌋.
    pub fn grid(&self) -> Vec<f64> {
        (1..=self.alpha_max.floor() as usize).map(|k| k as f64).collect()
    }

    /// Multiply-adds of the run: two per input component per example per step, four algorithms.
    pub fn work(&self) -> f64 {
        let alphas: f64 = self.alpha + self.grid().iter().sum::<f64>();
        let d = self.d as f64;
        let batch = 2.0 * 4.0 * alphas * d * d * self.steps() as f64;
        let online = 2.0 * self.t_max * d * d;
        self.seeds as f64 * (batch + online)
    }
}

impl Model for PhaseRetrieval {
    fn spec(&self) -> &'static ModelSpec {
        &SPEC
    }

    fn check(&self, params: &Params) -> Result<(), ParamError> {
        let s = Settings::from_params(params);
        if s.work() > WORK_LIMIT {
            return Err(ParamError::Constraint(format!(
                "d={} with alpha={}, alpha_max={}, t_max={}, lr={} and seeds={} needs {:.1e} multiply-adds, more than \
                 the limit of {WORK_LIMIT:.0e} (about ten seconds): lower d, alpha_max, t_max or seeds, or raise lr",
                s.d,
                s.alpha,
                s.alpha_max,
                s.t_max,
                s.eta,
                s.seeds,
                s.work()
            )));
        }
        Ok(())
    }

    fn cost(&self, params: &Params) -> f64 {
        Settings::from_params(params).work() / WORK_LIMIT
    }

    fn start(&self, params: &Params, seed: u64) -> Box<dyn Run> {
        Box::new(PhaseRetrievalRun::new(Settings::from_params(params), seed))
    }
}
