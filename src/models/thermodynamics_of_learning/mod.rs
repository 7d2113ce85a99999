//! Stochastic thermodynamics of learning: a perceptron's weights ω ∈ ℝᴺ follow an overdamped
//! Langevin equation in contact with a heat bath, driven by a learning force built from P labelled
//! patterns. The information the noisy outputs carry about the labels is bounded by the total
//! entropy production of the learning process; their ratio is a thermodynamic efficiency.
//!
//! The model is a reconstruction consistent with the papers' abstracts and standard stochastic
//! thermodynamics; its equations were not checked against the papers'. For the Hebbian force it is an
//! Ornstein–Uhlenbeck process, solved exactly in [`theory`].
//!
//! ## Reference
//! S. Goldt and U. Seifert, "Stochastic thermodynamics of learning", Phys. Rev. Lett. 118, 010601
//! (2017), arXiv:1611.09428; "Thermodynamic efficiency of learning a rule in neural networks",
//! New J. Phys. 19, 113001 (2017), arXiv:1706.09713.

mod equations;
mod figures;
pub mod run;
pub mod theory;

use crate::model::{
    Choice, Interval, Model, ModelSpec, Observable, Paper, ParamError, ParamKind, ParamSpec, Params, Preset, Run, Scale,
};

pub use run::ThermoRun;

pub struct ThermodynamicsOfLearning;

/// The most elementary operations a run may take (about ten seconds in a browser).
pub const WORK_LIMIT: f64 = 3e9;

/// The learning force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    Hebb,
    Perceptron,
    AdaTron,
}

static SPEC: ModelSpec = ModelSpec {
    id: "thermodynamics-of-learning",
    title: "Stochastic thermodynamics of learning",
    summary: "A perceptron's weights move in a heat bath, pushed by a learning force built from P labelled \
              patterns. Learning costs entropy: the information the noisy outputs carry about the labels, P·I, \
              stays below the total entropy production S_tot, and their ratio is a thermodynamic efficiency, \
              at most 2/π for slow Hebbian learning of random labels. The simulation measures S_tot along each \
              trajectory (heat and system entropy) against the exact theory of the Ornstein–Uhlenbeck process. \
              A reconstruction consistent with the papers' abstracts, not checked against their equations.",
    papers: &[
        Paper {
            authors: "S. Goldt, U. Seifert",
            title: "Stochastic thermodynamics of learning",
            venue: "Physical Review Letters 118, 010601",
            year: 2017,
            doi: Some("10.1103/PhysRevLett.118.010601"),
            arxiv: Some("1611.09428"),
        },
        Paper {
            authors: "S. Goldt, U. Seifert",
            title: "Thermodynamic efficiency of learning a rule in neural networks",
            venue: "New Journal of Physics 19, 113001",
            year: 2017,
            doi: Some("10.1088/1367-2630/aa89ff"),
            arxiv: Some("1706.09713"),
        },
    ],
    equations: equations::ALL,
    params: &[
        ParamSpec {
            name: "rule",
            symbol: "",
            label: "learning force",
            unit: "",
            help: "Hebb: the constant force (ν/√N)Σσ^μξ^μ, solved exactly. Perceptron and AdaTron: only the \
                   patterns the weights get wrong pull, with strength 1 or |λ|; simulation only, no theory curve \
                   (the weights are no longer Gaussian), and the cost shown is the medium's entropy Q/T alone.",
            kind: ParamKind::Choice {
                options: &[
                    Choice { value: "hebb", label: "Hebb" },
                    Choice { value: "perceptron", label: "Perceptron" },
                    Choice { value: "adatron", label: "AdaTron" },
                ],
                default: "hebb",
            },
        },
        ParamSpec {
            name: "labels",
            symbol: "σ_T",
            label: "labels",
            unit: "",
            help: "Random: P independent fair labels to memorise. Teacher: σ_T = sign(T·ξ) of a random teacher \
                   vector T, a rule to learn, with the generalisation error shown too.",
            kind: ParamKind::Choice {
                options: &[
                    Choice { value: "random", label: "random ±1" },
                    Choice { value: "teacher", label: "from a teacher" },
                ],
                default: "random",
            },
        },
        ParamSpec {
            name: "inputs",
            symbol: "ξ",
            label: "inputs",
            unit: "",
            help: "Components of the patterns: ±1 with equal probability, or standard Gaussian.",
            kind: ParamKind::Choice {
                options: &[Choice { value: "binary", label: "±1" }, Choice { value: "gaussian", label: "Gaussian" }],
                default: "binary",
            },
        },
        ParamSpec::float(
            "nu",
            "ν",
            "learning rate",
            "Strength of the learning force. Slow learning (small ν) is efficient: η → 2/π with random labels.",
            Interval::closed(0.05, 5.0),
            1.0,
        )
        .with_scale(Scale::Log),
        ParamSpec::float(
            "alpha",
            "α",
            "patterns per weight",
            "P = αN patterns (at least one).",
            Interval::closed(0.01, 2.0),
            0.1,
        )
        .with_scale(Scale::Log),
        ParamSpec {
            name: "N",
            symbol: "N",
            label: "number of weights",
            unit: "",
            help: "The theory holds as N → ∞; at finite N one sample's error follows its own instance prediction.",
            kind: ParamKind::Int { min: 10, max: 2000, default: 200, scale: Scale::Log },
        },
        ParamSpec::float(
            "k",
            "k",
            "stiffness",
            "The restoring force −kω; its inverse 1/k is the unit of time.",
            Interval::closed(0.1, 10.0),
            1.0,
        )
        .with_scale(Scale::Log),
        ParamSpec::float(
            "T",
            "T",
            "temperature",
            "Noise of variance 2T per unit time (k_B = 1, mobility 1).",
            Interval::closed(0.01, 10.0),
            1.0,
        )
        .with_scale(Scale::Log),
        ParamSpec::float(
            "t_max",
            "t_max",
            "duration",
            "How long the weights learn, in units of 1/k.",
            Interval::closed(0.5, 50.0),
            5.0,
        )
        .with_unit("1/k")
        .with_scale(Scale::Log),
        ParamSpec::float(
            "dt",
            "Δt",
            "time step",
            "Step of the Euler–Maruyama scheme, in units of 1/k. The Hebbian entropy estimator is exact for \
             the discrete path; the weights' mean moves toward m∞ at a rate off by O(kΔt).",
            Interval::closed(0.001, 0.2),
            0.01,
        )
        .with_unit("1/k")
        .with_scale(Scale::Log),
        ParamSpec {
            name: "seeds",
            symbol: "",
            label: "independent runs averaged",
            unit: "",
            help: "Each run draws its own patterns, labels, start and noise; points show the mean and its standard error.",
            kind: ParamKind::Int { min: 1, max: 100, default: 10, scale: Scale::Linear },
        },
    ],
    presets: &[
        Preset {
            name: "Hebbian memorisation, N = 200",
            description: "Random labels, ν = 1: S_tot and P·I against the exact theory; the efficiency is about 0.47.",
            values: &[
                ("rule", "hebb"),
                ("labels", "random"),
                ("nu", "1"),
                ("alpha", "0.1"),
                ("N", "200"),
                ("t_max", "5"),
                ("seeds", "20"),
            ],
        },
        Preset {
            name: "Slow learning is efficient",
            description: "ν = 0.2: the efficiency approaches its small-ν limit 2/π, paid for by a tiny gain of information.",
            values: &[
                ("rule", "hebb"),
                ("labels", "random"),
                ("nu", "0.2"),
                ("alpha", "0.5"),
                ("N", "500"),
                ("t_max", "8"),
                ("seeds", "40"),
            ],
        },
        Preset {
            name: "Learning a rule from a teacher",
            description: "Teacher labels, α = 2, ν = 0.2: the generalisation error follows ε(α). The labels are \
                          correlated, so the summed informations P·I exceed S_tot (η ≈ 1.3): the bound holds for \
                          independent labels.",
            values: &[
                ("rule", "hebb"),
                ("labels", "teacher"),
                ("inputs", "gaussian"),
                ("nu", "0.2"),
                ("alpha", "2"),
                ("N", "300"),
                ("t_max", "6"),
                ("seeds", "20"),
            ],
        },
        Preset {
            name: "Perceptron rule (simulation only)",
            description: "Only the patterns it gets wrong pull: less heat than Hebb at the same ν, and more errors left.",
            values: &[
                ("rule", "perceptron"),
                ("labels", "random"),
                ("nu", "2"),
                ("alpha", "0.3"),
                ("N", "200"),
                ("t_max", "5"),
                ("seeds", "10"),
            ],
        },
    ],
    observables: &[
        Observable::measured("entropy", "total entropy production S_tot at t_max (nats)")
            .predicted_by("entropy_theory"),
        Observable::theory("entropy_theory", "total entropy production S_tot at t_max (nats)"),
        Observable::measured("error", "training error of the fluctuating weights, second half of the run")
            .predicted_by("error_instance"),
        Observable::theory("error_instance", "training error predicted for the run's own patterns, second half"),
        Observable::theory("error_theory", "training error at t_max, N → ∞"),
        Observable::measured("information", "information P·I at t_max (nats)").predicted_by("information_theory"),
        Observable::theory("information_theory", "information P·I at t_max (nats)"),
        Observable::measured("efficiency", "efficiency η = P·I/S_tot at t_max").predicted_by("efficiency_theory"),
        Observable::theory("efficiency_theory", "efficiency η = P·I/S_tot at t_max"),
        Observable::measured("generalisation", "generalisation error ε, second half of the run (teacher)")
            .predicted_by("generalisation_theory"),
        Observable::theory("generalisation_theory", "generalisation error ε at t_max (teacher)"),
    ],
};

/// The page's parameters, typed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub rule: Rule,
    pub teacher: bool,
    pub gaussian_inputs: bool,
    pub nu: f64,
    pub alpha: f64,
    pub n: usize,
    pub k: f64,
    pub temperature: f64,
    /// Duration and step in units of 1/k.
    pub t_max: f64,
    pub dt: f64,
    pub seeds: usize,
}

impl Settings {
    pub fn from_params(p: &Params) -> Self {
        Settings {
            rule: match p.choice("rule") {
                "perceptron" => Rule::Perceptron,
                "adatron" => Rule::AdaTron,
                _ => Rule::Hebb,
            },
            teacher: p.choice("labels") == "teacher",
            gaussian_inputs: p.choice("inputs") == "gaussian",
            nu: p.float("nu"),
            alpha: p.float("alpha"),
            n: p.int("N") as usize,
            k: p.float("k"),
            temperature: p.float("T"),
            t_max: p.float("t_max"),
            dt: p.float("dt"),
            seeds: p.int("seeds") as usize,
        }
    }

    /// P = αN rounded, at least 1.
    pub fn patterns(&self) -> usize {
        ((self.alpha * self.n as f64).round() as usize).max(1)
    }

    pub fn steps(&self) -> u64 {
        ((self.t_max / self.dt).round() as u64).max(1)
    }

    /// The theory's settings, with α = P/N as simulated.
    pub fn setting(&self) -> theory::Setting {
        theory::Setting {
            nu: self.nu,
            k: self.k,
            temperature: self.temperature,
            alpha: self.patterns() as f64 / self.n as f64,
            teacher: self.teacher,
        }
    }

    /// Elementary operations: a step costs about 4N (noise and update), the Perceptron and AdaTron
    /// forces 2PN more; each of the ~100 recordings PN.
    pub fn work(&self) -> f64 {
        let (n, p) = (self.n as f64, self.patterns() as f64);
        let per_step = 4.0 * n + if self.rule == Rule::Hebb { 0.0 } else { 2.0 * p * n };
        self.seeds as f64 * (self.steps() as f64 * per_step + (run::RECORDS + 1) as f64 * p * n)
    }
}

impl Model for ThermodynamicsOfLearning {
    fn spec(&self) -> &'static ModelSpec {
        &SPEC
    }

    fn check(&self, params: &Params) -> Result<(), ParamError> {
        let s = Settings::from_params(params);
        if s.work() > WORK_LIMIT {
            return Err(ParamError::Constraint(format!(
                "rule={} with N={}, alpha={}, t_max={}, dt={} and seeds={} needs {:.1e} operations, more than the \
                 limit of {WORK_LIMIT:.0e} (about ten seconds): lower N, alpha, t_max or seeds, or raise dt",
                params.choice("rule"),
                s.n,
                s.alpha,
                s.t_max,
                s.dt,
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
        Box::new(ThermoRun::new(Settings::from_params(params), seed))
    }
}
