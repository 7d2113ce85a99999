//! The Wilson–Cowan neural mass: an excitatory population E and an inhibitory one I, each with a
//! sigmoid response to its input, excite and inhibit each other. With the constants of Wilson &
//! Cowan (1972) the external input P to E takes the node from a single low state through a window
//! of three fixed points (a saddle-node pair) to a limit cycle, which ends at a Hopf point.
//!
//! The page draws the phase plane (nullclines in closed form, fixed points by Newton's method,
//! classified by the Jacobian's eigenvalues, a simulated trajectory), E(t) and I(t), and the
//! bifurcation diagram against P: the branches of fixed points in closed form, their saddle-node
//! and Hopf points, and the extremes of E in simulations at a grid of P.
//!
//! ## Reference
//! H. R. Wilson and J. D. Cowan, "Excitatory and inhibitory interactions in localized populations
//! of model neurons", Biophys. J. 12, 1 (1972).

pub mod branch;
mod equations;
mod figures;
pub mod node;
mod run;

use crate::model::{
    Interval, Model, ModelSpec, Observable, Paper, ParamError, ParamKind, ParamSpec, Params, Preset, Run, Scale,
};
use node::{Node, Population, Sigmoid};

pub use run::{BIFURCATION_SETTLE, BIFURCATION_WINDOW, Watch, WilsonCowanRun, limit_cycle};

pub struct WilsonCowan;

/// RK4 is stable for |λ|Δt below 2.78 on the real axis and 2.83 on the imaginary one: a step
/// keeps |λ|Δt below this for every eigenvalue of the Jacobian.
pub const RK4_REACH: f64 = 2.5;

/// Most RK4 steps a run may take, trajectory and bifurcation diagram together: about a second natively.
pub const STEP_LIMIT: f64 = 4e6;

const COUPLING: Interval = Interval::closed(0.0, 50.0);
/// c₂ and c₃ divide in the nullclines' closed forms: they stay away from 0.
const CROSS_COUPLING: Interval = Interval::closed(0.1, 50.0);
const GAIN: Interval = Interval::closed(0.1, 10.0);
const THRESHOLD: Interval = Interval::closed(0.1, 10.0);
/// r·offset < 1 for every allowed gain and threshold (offset < ½), so the stationary ranges are finite.
const REFRACTORY: Interval = Interval::closed(0.0, 1.5);
const TAU: Interval = Interval::closed(0.1, 10.0);
const INPUT: Interval = Interval::closed(-5.0, 10.0);
const START: Interval = Interval::closed(-0.5, 1.0);

/// The Wilson–Cowan 1972 constants, as link values (every parameter but P, the start and the run's).
const WC1972: [(&str, &str); 13] = [
    ("c1", "16"),
    ("c2", "12"),
    ("c3", "15"),
    ("c4", "3"),
    ("a_E", "1.3"),
    ("theta_E", "4"),
    ("a_I", "2"),
    ("theta_I", "3.7"),
    ("r_E", "1"),
    ("r_I", "1"),
    ("tau_E", "1"),
    ("tau_I", "1"),
    ("Q", "0"),
];

/// The WC 1972 constants with P and the start (E₀, I₀) of a preset.
macro_rules! wc1972_with {
    ($p:expr, $e0:expr, $i0:expr) => {
        &[
            WC1972[0],
            WC1972[1],
            WC1972[2],
            WC1972[3],
            WC1972[4],
            WC1972[5],
            WC1972[6],
            WC1972[7],
            WC1972[8],
            WC1972[9],
            WC1972[10],
            WC1972[11],
            WC1972[12],
            ("P", $p),
            ("E0", $e0),
            ("I0", $i0),
        ]
    };
}

static SPEC: ModelSpec = ModelSpec {
    id: "wilson-cowan",
    title: "Wilson–Cowan excitatory–inhibitory neural mass",
    summary: "Two populations, one excitatory (E) and one inhibitory (I), each respond to their input through \
              a sigmoid: E excites both, I inhibits both. As the external input P to E grows, the node goes \
              from one quiet state to three fixed points (a saddle-node pair), then to a limit cycle: E and I \
              oscillate, until a Hopf point, beyond which activity settles again. The lines are the theory \
              (nullclines, fixed points and their branches in closed form, stability from the Jacobian's \
              eigenvalues), the points simulations (RK4).",
    papers: &[Paper {
        authors: "H. R. Wilson, J. D. Cowan",
        title: "Excitatory and inhibitory interactions in localized populations of model neurons",
        venue: "Biophysical Journal 12, 1",
        year: 1972,
        doi: Some("10.1016/S0006-3495(72)86068-5"),
        arxiv: None,
    }],
    equations: equations::ALL,
    params: &[
        ParamSpec::float(
            "P",
            "P",
            "external input to E",
            "Constant input to the excitatory population. With the WC 1972 constants: one low state below \
             P ≈ 0.909, three fixed points up to P ≈ 1.087, a limit cycle up to the Hopf point P ≈ 1.879, then \
             one stable state.",
            INPUT,
            1.25,
        ),
        ParamSpec::float("Q", "Q", "external input to I", "Constant input to the inhibitory population.", INPUT, 0.0),
        ParamSpec::float("c1", "c₁", "E → E coupling", "Strength of recurrent excitation.", COUPLING, 16.0),
        ParamSpec::float("c2", "c₂", "I → E coupling", "Strength of inhibition onto E.", CROSS_COUPLING, 12.0),
        ParamSpec::float("c3", "c₃", "E → I coupling", "Strength of excitation onto I.", CROSS_COUPLING, 15.0),
        ParamSpec::float("c4", "c₄", "I → I coupling", "Strength of recurrent inhibition.", COUPLING, 3.0),
        ParamSpec::float("a_E", "a_E", "gain of E's sigmoid", "Slope of the excitatory response.", GAIN, 1.3)
            .with_scale(Scale::Log),
        ParamSpec::float(
            "theta_E",
            "θ_E",
            "threshold of E's sigmoid",
            "Input at which E's response is half way.",
            THRESHOLD,
            4.0,
        ),
        ParamSpec::float("a_I", "a_I", "gain of I's sigmoid", "Slope of the inhibitory response.", GAIN, 2.0)
            .with_scale(Scale::Log),
        ParamSpec::float(
            "theta_I",
            "θ_I",
            "threshold of I's sigmoid",
            "Input at which I's response is half way.",
            THRESHOLD,
            3.7,
        ),
        ParamSpec::float(
            "r_E",
            "r_E",
            "refractoriness of E",
            "The share of E that is refractory scales its response by (k_E − r_E E).",
            REFRACTORY,
            1.0,
        ),
        ParamSpec::float(
            "r_I",
            "r_I",
            "refractoriness of I",
            "The share of I that is refractory scales its response by (k_I − r_I I).",
            REFRACTORY,
            1.0,
        ),
        ParamSpec::float("tau_E", "τ_E", "time constant of E", "Time is in units of τ_E when τ_E = 1.", TAU, 1.0)
            .with_scale(Scale::Log),
        ParamSpec::float(
            "tau_I",
            "τ_I",
            "time constant of I",
            "A slower inhibition (τ_I > τ_E) favours oscillations.",
            TAU,
            1.0,
        )
        .with_scale(Scale::Log),
        ParamSpec::float("E0", "E₀", "initial E", "Where the simulated trajectory starts.", START, 0.1),
        ParamSpec::float("I0", "I₀", "initial I", "Where the simulated trajectory starts.", START, 0.05),
        ParamSpec::float(
            "T",
            "T",
            "duration",
            "Length of the simulated trajectory, in the units of the time constants.",
            Interval::closed(1.0, 2000.0),
            100.0,
        )
        .with_scale(Scale::Log),
        ParamSpec::float(
            "dt",
            "Δt",
            "RK4 step",
            "Step of the fourth-order Runge–Kutta integration (error ∝ Δt⁴).",
            Interval::closed(1e-4, 0.1),
            0.01,
        )
        .with_scale(Scale::Log),
        ParamSpec::float(
            "P_min",
            "",
            "bifurcation diagram: lowest P",
            "The diagram against P spans [P_min, P_max].",
            INPUT,
            0.0,
        ),
        ParamSpec::float(
            "P_max",
            "",
            "bifurcation diagram: highest P",
            "The diagram against P spans [P_min, P_max].",
            INPUT,
            3.0,
        ),
        ParamSpec {
            name: "P_points",
            symbol: "",
            label: "bifurcation diagram: simulated inputs",
            unit: "",
            help: "Number of inputs P, evenly spaced, at which the diagram simulates the node (from just beside its \
                   lowest and its highest fixed point) and marks the extremes of E after transients; 0 for none.",
            kind: ParamKind::Int { min: 0, max: 120, default: 31, scale: Scale::Linear },
        },
    ],
    presets: &[
        Preset {
            name: "Wilson & Cowan 1972: limit cycle (P = 1.25)",
            description: "The only fixed point is an unstable focus (Re λ = 0.116): E and I oscillate.",
            values: wc1972_with!("1.25", "0.1", "0.05"),
        },
        Preset {
            name: "A single stable state (P = 2.5)",
            description: "Past the Hopf point the focus is stable (Re λ = −0.133): the oscillation dies out.",
            values: wc1972_with!("2.5", "0.1", "0.05"),
        },
        Preset {
            name: "Three fixed points, low state and cycle coexist (P = 1.08)",
            description: "Between the homoclinic point (P ≈ 1.069) and the saddle-node (P ≈ 1.087) a start near the \
                          upper focus goes to a slow cycle (period 12.7) while one near the low node stays there.",
            values: wc1972_with!("1.08", "0.19", "0.08"),
        },
        Preset {
            name: "Three fixed points, one stable (P = 1)",
            description: "A low stable node, a saddle and an unstable focus: every start ends in the low state.",
            values: wc1972_with!("1", "0.19", "0.08"),
        },
        Preset {
            name: "Near the Hopf point (P = 1.85)",
            description: "Just below the Hopf point: a small cycle (E from peak to peak 0.037) whose period, 2.41, is \
                          within 1.3% of the Hopf estimate 2π/Im λ = 2.38.",
            values: wc1972_with!("1.85", "0.25", "0.2"),
        },
    ],
    observables: &[
        Observable::measured("amplitude", "peak-to-peak E over the second half of the trajectory"),
        Observable::measured("period", "period of E over the second half of the trajectory"),
        Observable::theory("fixed_points", "number of fixed points"),
        Observable::theory("growth_rate", "largest Re λ over the fixed points"),
        Observable::theory("hopf_period", "2π/Im λ of the focus with the largest Re λ"),
        Observable::theory("P_hopf", "input P of the first Hopf point"),
        Observable::theory("P_saddle_node", "input P of the first saddle-node"),
    ],
};

/// The page's parameters, typed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub node: Node,
    pub e0: f64,
    pub i0: f64,
    pub t_max: f64,
    pub dt: f64,
    pub p_min: f64,
    pub p_max: f64,
    pub p_points: usize,
}

impl Settings {
    pub fn from_params(p: &Params) -> Self {
        let population = |a: &str, theta: &str, r: &str, tau: &str| Population {
            sigmoid: Sigmoid { gain: p.float(a), threshold: p.float(theta) },
            refractory: p.float(r),
            tau: p.float(tau),
        };
        Settings {
            node: Node {
                c1: p.float("c1"),
                c2: p.float("c2"),
                c3: p.float("c3"),
                c4: p.float("c4"),
                excitatory: population("a_E", "theta_E", "r_E", "tau_E"),
                inhibitory: population("a_I", "theta_I", "r_I", "tau_I"),
                p: p.float("P"),
                q: p.float("Q"),
            },
            e0: p.float("E0"),
            i0: p.float("I0"),
            t_max: p.float("T"),
            dt: p.float("dt"),
            p_min: p.float("P_min"),
            p_max: p.float("P_max"),
            p_points: p.int("P_points") as usize,
        }
    }

    /// A bound on every eigenvalue of the Jacobian anywhere the state can be (|E|, |I| ≤ 1, so
    /// |k − r x| ≤ k + r and |S| ≤ 1, S′ ≤ a/4): the largest row sum of its absolute values.
    pub fn fastest_rate(&self) -> f64 {
        let row = |pop: &Population, c_self: f64, c_other: f64| {
            let k = pop.sigmoid.sup();
            (1.0 + pop.refractory + (k + pop.refractory) * pop.sigmoid.gain / 4.0 * (c_self + c_other)) / pop.tau
        };
        let n = &self.node;
        row(&n.excitatory, n.c1, n.c2).max(row(&n.inhibitory, n.c4, n.c3))
    }

    /// RK4 steps of the trajectory.
    pub fn trajectory_steps(&self) -> u64 {
        (self.t_max / self.dt).ceil() as u64
    }

    /// The slower time constant: the bifurcation simulations run for a fixed number of it.
    pub fn slow_tau(&self) -> f64 {
        self.node.excitatory.tau.max(self.node.inhibitory.tau)
    }

    /// RK4 steps of one bifurcation simulation.
    pub fn bifurcation_steps(&self) -> u64 {
        (BIFURCATION_SETTLE * self.slow_tau() / self.dt).ceil() as u64
    }

    /// RK4 steps of the whole run: the trajectory, and two simulations at each input of the diagram.
    pub fn steps(&self) -> f64 {
        self.trajectory_steps() as f64 + 2.0 * self.p_points as f64 * self.bifurcation_steps() as f64
    }
}

impl Model for WilsonCowan {
    fn spec(&self) -> &'static ModelSpec {
        &SPEC
    }

    fn check(&self, params: &Params) -> Result<(), ParamError> {
        let s = Settings::from_params(params);
        if s.p_min >= s.p_max {
            return Err(ParamError::Constraint(format!(
                "P_min={} must be below P_max={}: the bifurcation diagram spans [P_min, P_max]",
                s.p_min, s.p_max
            )));
        }
        let rate = s.fastest_rate();
        if s.dt * rate > RK4_REACH {
            return Err(ParamError::Constraint(format!(
                "dt={} is too large for these couplings, gains, refractory factors and time constants (c1..c4, a_E, \
                 a_I, r_E, r_I, tau_E={}, tau_I={}): the dynamics may change at a rate up to {:.3}, and RK4 needs \
                 dt times that rate below {RK4_REACH}: lower dt to {:.2e} or less",
                s.dt,
                s.node.excitatory.tau,
                s.node.inhibitory.tau,
                rate,
                RK4_REACH / rate
            )));
        }
        if s.steps() > STEP_LIMIT {
            return Err(ParamError::Constraint(format!(
                "T={}, dt={} and P_points={} (with tau_E={}, tau_I={}) need {:.1e} RK4 steps, more than the limit of \
                 {STEP_LIMIT:.0e}: lower T or P_points, or raise dt",
                s.t_max,
                s.dt,
                s.p_points,
                s.node.excitatory.tau,
                s.node.inhibitory.tau,
                s.steps()
            )));
        }
        Ok(())
    }

    fn cost(&self, params: &Params) -> f64 {
        Settings::from_params(params).steps() / STEP_LIMIT
    }

    fn start(&self, params: &Params, _seed: u64) -> Box<dyn Run> {
        Box::new(WilsonCowanRun::new(Settings::from_params(params)))
    }
}
