//! A network of quadratic integrate-and-fire neurons and its exact firing-rate equations.
//!
//! N neurons τV_i' = V_i² + η_i + J_i τ s + I(t) − a_i, spiking when V_i reaches +∞ and re-entering
//! at −∞, with Lorentzian-distributed excitabilities η_i (centre η̄, half-width Δ) and all-to-all
//! coupling through the synaptic variable s, the population rate filtered with time constant τ_s.
//! For Lorentzian heterogeneity the population obeys two equations exactly (Montbrió, Pazó &
//! Roxin): τr' = Δ/(πτ) + 2rv, τv' = v² + η̄ + Jτs + I − (πτr)². They have a low and a high stable
//! state for J above a cusp; a current pulse switches the network from one to the other, and it
//! stays. Options: heterogeneous couplings J_i (Lorentzian, half-width Δ_J; still exact) and
//! spike-frequency adaptation, global (exact) or per neuron (the reduction is then an
//! approximation). τ = 1 throughout.
//!
//! ## Reference
//! E. Montbrió, D. Pazó and A. Roxin, "Macroscopic description for networks of spiking neurons",
//! Phys. Rev. X 5, 021028 (2015), arXiv:1506.06581. Adaptation: R. Gast, H. Schmidt and T. R.
//! Knösche, Neural Comput. 32, 1615 (2020); heterogeneous couplings: M. di Volo and A. Torcini,
//! Phys. Rev. Lett. 121, 128301 (2018).

mod equations;
pub mod figures;
pub mod network;
pub mod rate_equations;
pub mod run;
pub mod stepper;

use crate::model::{
    Choice, Interval, Model, ModelSpec, Observable, Paper, ParamError, ParamKind, ParamSpec, Params, Preset, Run, Scale,
};
use rate_equations::{Adaptation, Population};

pub struct QifMeanField;

/// The potential every neuron starts from (the rate equations from r = 0, v = V0).
pub const V0: f64 = -1.0;

/// Most neuron-updates (N × steps) one run may take: about a minute at 10⁸ per second, so that a
/// network of 10⁵ neurons runs the default protocol (t = 50 at dt = 10⁻³).
pub const WORK_LIMIT: f64 = 5e9;

static SPEC: ModelSpec = ModelSpec {
    id: "qif-mean-field",
    title: "Spiking network and its exact rate equations (QIF, Montbrió–Pazó–Roxin)",
    summary: "Thousands of quadratic integrate-and-fire neurons with Lorentzian-distributed excitability, \
              coupled all to all, against two equations for the population rate r and the mean potential v \
              that describe them exactly as N → ∞. Above the cusp the network is bistable: a current pulse \
              lifts it from the low to the high state, and it stays there after the pulse. The lines are \
              the rate equations on the network's own time grid, the points the network, stepped exactly \
              for input held over each step. Heterogeneous couplings keep the reduction exact; adaptation \
              that differs from neuron to neuron breaks it, and the network falls below the lines.",
    papers: &[
        Paper {
            authors: "E. Montbrió, D. Pazó, A. Roxin",
            title: "Macroscopic description for networks of spiking neurons",
            venue: "Physical Review X 5, 021028",
            year: 2015,
            doi: Some("10.1103/PhysRevX.5.021028"),
            arxiv: Some("1506.06581"),
        },
        Paper {
            authors: "R. Gast, H. Schmidt, T. R. Knösche",
            title: "A mean-field description of bursting dynamics in spiking neural networks with short-term adaptation",
            venue: "Neural Computation 32, 1615",
            year: 2020,
            doi: Some("10.1162/neco_a_01300"),
            arxiv: None,
        },
        Paper {
            authors: "M. di Volo, A. Torcini",
            title: "Transition from asynchronous to oscillatory dynamics in balanced spiking networks with instantaneous synapses",
            venue: "Physical Review Letters 121, 128301",
            year: 2018,
            doi: Some("10.1103/PhysRevLett.121.128301"),
            arxiv: Some("1803.07372"),
        },
    ],
    equations: equations::ALL,
    params: &[
        ParamSpec {
            name: "N",
            symbol: "N",
            label: "neurons",
            unit: "",
            help: "Number of neurons. The rate equations hold as N → ∞; the η_i are the Lorentzian's quantiles, \
                   so the finite-N difference is a bias that shrinks with N, not scatter.",
            kind: ParamKind::Int { min: 100, max: 100_000, default: 10_000, scale: Scale::Log },
        },
        ParamSpec::float(
            "eta_bar",
            "η̄",
            "mean excitability",
            "Centre of the Lorentzian of the η_i.",
            Interval::closed(-10.0, 5.0),
            -5.0,
        ),
        ParamSpec::float(
            "Delta",
            "Δ",
            "excitability spread",
            "Half-width of the Lorentzian of the η_i.",
            Interval::closed(0.1, 3.0),
            1.0,
        ),
        ParamSpec::float(
            "J",
            "J̄",
            "coupling",
            "Mean synaptic weight (all to all).",
            Interval::closed(-20.0, 25.0),
            15.0,
        ),
        ParamSpec::float(
            "Delta_J",
            "Δ_J",
            "coupling spread",
            "Half-width of the Lorentzian of the couplings J_i (0: all equal). The reduction stays exact: the \
             spread acts as an extra width Δ_J s of the excitabilities.",
            Interval::closed(0.0, 3.0),
            0.0,
        ),
        ParamSpec::float(
            "I",
            "I",
            "pulse current",
            "Current added to every neuron for t_on ≤ t < t_off.",
            Interval::closed(-10.0, 10.0),
            3.0,
        ),
        ParamSpec::float(
            "t_on",
            "t_on",
            "pulse start",
            "When the current pulse starts.",
            Interval::closed(0.0, 500.0),
            10.0,
        )
        .with_unit("τ"),
        ParamSpec::float(
            "t_off",
            "t_off",
            "pulse end",
            "When the current pulse ends.",
            Interval::closed(0.0, 500.0),
            20.0,
        )
        .with_unit("τ"),
        ParamSpec::float(
            "t_max",
            "T",
            "duration",
            "Simulated time, in membrane time constants (τ = 10 ms).",
            Interval::closed(1.0, 500.0),
            50.0,
        )
        .with_unit("τ"),
        ParamSpec::float(
            "tau_s",
            "τ_s",
            "synaptic time constant",
            "The synaptic variable s filters the population rate: τ_s s' = r − s.",
            Interval::closed(0.005, 1.0),
            0.02,
        )
        .with_unit("τ"),
        ParamSpec {
            name: "dt",
            symbol: "dt",
            label: "time step",
            unit: "τ",
            help: "Step of the network and of the rate equations. The network's step is exact for input held \
                   over the step; the error is that of holding s and I.",
            kind: ParamKind::Float { range: Interval::closed(1e-4, 1e-2), default: 1e-3, scale: Scale::Log },
        },
        ParamSpec {
            name: "adaptation",
            symbol: "",
            label: "spike-frequency adaptation",
            unit: "",
            help: "None; global: one current a, τ_a a' = −a + βs (exact reduction); individual: each neuron's a_i \
                   jumps by β/τ_a at its own spikes (the reduction with a_i ≈ a is an approximation).",
            kind: ParamKind::Choice {
                options: &[
                    Choice { value: "none", label: "none" },
                    Choice { value: "global", label: "global (exact)" },
                    Choice { value: "individual", label: "individual, spike-triggered (approximate)" },
                ],
                default: "none",
            },
        },
        ParamSpec::float(
            "beta",
            "β",
            "adaptation strength",
            "Adaptation current per unit rate.",
            Interval::closed(0.0, 20.0),
            5.0,
        ),
        ParamSpec {
            name: "tau_a",
            symbol: "τ_a",
            label: "adaptation time constant",
            unit: "τ",
            help: "Decay time of the adaptation current.",
            kind: ParamKind::Float { range: Interval::closed(0.5, 100.0), default: 10.0, scale: Scale::Log },
        },
    ],
    presets: &[
        Preset {
            name: "Bistability and hysteresis (MPR Fig. 2)",
            description: "Δ = 1, η̄ = −5, J = 15: a pulse I = 3 for 10 ≤ t < 20 switches the network to the high \
                          state, where it stays.",
            values: &[
                ("eta_bar", "-5"),
                ("Delta", "1"),
                ("J", "15"),
                ("Delta_J", "0"),
                ("I", "3"),
                ("t_on", "10"),
                ("t_off", "20"),
                ("t_max", "50"),
                ("adaptation", "none"),
            ],
        },
        Preset {
            name: "Global adaptation (exact)",
            description: "η̄ = −2, J = 10, β = 5, τ_a = 10: the rate settles at r* = 0.1291 of the reduced equations.",
            values: &[
                ("eta_bar", "-2"),
                ("Delta", "1"),
                ("J", "10"),
                ("Delta_J", "0"),
                ("I", "0"),
                ("t_max", "80"),
                ("adaptation", "global"),
                ("beta", "5"),
                ("tau_a", "10"),
            ],
        },
        Preset {
            name: "Individual adaptation (approximate reduction)",
            description: "The same parameters with spike-triggered adaptation per neuron: the network settles about \
                          20% below the reduced equations.",
            values: &[
                ("eta_bar", "-2"),
                ("Delta", "1"),
                ("J", "10"),
                ("Delta_J", "0"),
                ("I", "0"),
                ("t_max", "80"),
                ("adaptation", "individual"),
                ("beta", "5"),
                ("tau_a", "10"),
            ],
        },
        Preset {
            name: "Bursting (global adaptation)",
            description: "η̄ = −2, J = 15, β = 6, τ_a = 20: a relaxation oscillation. The high state is lost once a \
                          has grown, the low one once it has decayed; bursts every ≈ 72 τ in the rate equations. \
                          Near the folds small differences grow, and the network's bursts drift from the lines.",
            values: &[
                ("eta_bar", "-2"),
                ("Delta", "1"),
                ("J", "15"),
                ("Delta_J", "0"),
                ("I", "0"),
                ("t_max", "200"),
                ("adaptation", "global"),
                ("beta", "6"),
                ("tau_a", "20"),
            ],
        },
        Preset {
            name: "Heterogeneous couplings",
            description: "η̄ = −2, J̄ = 5, Δ = 0.5, Δ_J = 1: r* = 0.0695, against 0.0604 with equal couplings.",
            values: &[
                ("eta_bar", "-2"),
                ("Delta", "0.5"),
                ("J", "5"),
                ("Delta_J", "1"),
                ("I", "0"),
                ("t_max", "50"),
                ("adaptation", "none"),
            ],
        },
    ],
    observables: &[
        Observable::measured("r_network", "population rate r, mean over the last quarter of the run")
            .predicted_by("r_mpr"),
        Observable::theory("r_mpr", "population rate r, mean over the last quarter of the run"),
    ],
};

/// The page's parameters, typed; made only from validated [`Params`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub n: usize,
    pub pop: Population,
    pub current: f64,
    pub t_on: f64,
    pub t_off: f64,
    pub t_max: f64,
    pub dt: f64,
}

impl Settings {
    pub fn from_params(p: &Params) -> Self {
        let (beta, tau_a) = (p.float("beta"), p.float("tau_a"));
        let adaptation = match p.choice("adaptation") {
            "global" => Adaptation::Global { beta, tau_a },
            "individual" => Adaptation::Individual { beta, tau_a },
            _ => Adaptation::None,
        };
        Settings {
            n: p.int("N") as usize,
            pop: Population {
                delta: p.float("Delta"),
                eta_bar: p.float("eta_bar"),
                j_bar: p.float("J"),
                delta_j: p.float("Delta_J"),
                tau_s: p.float("tau_s"),
                adaptation,
            },
            current: p.float("I"),
            t_on: p.float("t_on"),
            t_off: p.float("t_off"),
            t_max: p.float("t_max"),
            dt: p.float("dt"),
        }
    }

    pub fn population(&self) -> Population {
        self.pop
    }

    /// Steps of the run: T/dt rounded, in whole bins.
    pub fn steps(&self) -> usize {
        self.bins() * self.steps_per_bin()
    }

    /// Width of the bins the network's spikes are counted in: 0.1 τ, or T/1000 for long runs, in
    /// whole steps.
    pub fn steps_per_bin(&self) -> usize {
        (libm::round(0.1_f64.max(self.t_max / 1000.0) / self.dt) as usize).max(1)
    }

    pub fn bin_width(&self) -> f64 {
        self.steps_per_bin() as f64 * self.dt
    }

    pub fn bins(&self) -> usize {
        (libm::round(self.t_max / self.bin_width()) as usize).max(1)
    }

    /// The current of step k: I for t_on ≤ k·dt < t_off (ends rounded to whole steps), else 0.
    pub fn current_at(&self, k: usize) -> f64 {
        let on = libm::round(self.t_on / self.dt) as usize;
        let off = libm::round(self.t_off / self.dt) as usize;
        if k >= on && k < off { self.current } else { 0.0 }
    }

    /// Neuron-updates of the run.
    pub fn work(&self) -> f64 {
        self.n as f64 * self.steps() as f64
    }
}

impl Model for QifMeanField {
    fn spec(&self) -> &'static ModelSpec {
        &SPEC
    }

    fn check(&self, params: &Params) -> Result<(), ParamError> {
        let s = Settings::from_params(params);
        if s.t_off < s.t_on {
            return Err(ParamError::Constraint(format!(
                "t_off = {} is before t_on = {}: the pulse must end after it starts",
                s.t_off, s.t_on
            )));
        }
        if s.dt > s.pop.tau_s {
            return Err(ParamError::Constraint(format!(
                "dt = {} is longer than tau_s = {}: the synaptic filter needs a shorter step",
                s.dt, s.pop.tau_s
            )));
        }
        let work = s.work();
        if work > WORK_LIMIT {
            return Err(ParamError::Constraint(format!(
                "N = {} and t_max/dt = {} need {:.1e} neuron updates, more than the limit of {:.0e} \
                 (about a minute): lower N or t_max, or raise dt",
                s.n,
                s.steps(),
                work,
                WORK_LIMIT
            )));
        }
        Ok(())
    }

    fn cost(&self, params: &Params) -> f64 {
        Settings::from_params(params).work() / WORK_LIMIT
    }

    fn start(&self, params: &Params, seed: u64) -> Box<dyn Run> {
        let s = Settings::from_params(params);
        Box::new(run::QifRun { sim: run::Simulation::new(s, seed), view: figures::Static::new(&s) })
    }
}
