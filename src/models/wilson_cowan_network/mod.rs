//! Wilson–Cowan nodes on a network, coupled through their excitatory populations: node i receives
//! γ Σ_j A_ij E_j on top of its input P. With A the graph Laplacian the homogeneous state of one
//! node is a state of the network, and a perturbation along a Laplacian eigenvector of eigenvalue
//! Λ grows at the master stability function max Re eig(J₀ + γΛ diag(g, 0)); the page draws it with
//! the graph's own eigenvalues on it, and the growth of the fastest mode against its prediction.
//! With A the adjacency matrix over the mean degree the same holds on regular graphs. With the
//! planted coupling, A = −(I − Q) has K binary patterns of a bistable node's two states in its
//! kernel, so each is an exact fixed point of the network; its stability comes from the Jacobian
//! of the whole network, and a corrupted pattern is restored by the coupling.
//!
//! The planted construction follows the idea of Marino et al. (patterns in the kernel of a
//! spectrally parameterised A); their node equations and training (back-propagation through time
//! on the non-kernel eigenvectors and eigenvalues) are not reproduced: this is a model in the
//! spirit of the paper.
//!
//! ## Reference
//! H. R. Wilson and J. D. Cowan, Biophys. J. 12, 1 (1972). R. Marino, L. Buffoni, L. Chicchi,
//! F. Di Patti, D. Febbe, L. Giambagli, D. Fanelli, "Learning in Wilson–Cowan model for
//! metapopulation", Neural Comput. 37 (2025), arXiv:2406.16453. L. M. Pecora and T. L. Carroll,
//! "Master stability functions for synchronized coupled systems", PRL 80, 2109 (1998).

pub mod coupling;
mod equations;
mod figures;
mod run;
pub mod theory;

use crate::model::{
    Choice, Interval, Model, ModelSpec, Observable, Paper, ParamError, ParamKind, ParamSpec, Params, Preset, Run, Scale,
};
use crate::models::turing_network::Topology;
use crate::models::wilson_cowan::node::{Node, Population};
pub use coupling::{Sparse, planted};
pub use run::{LINEAR_LIMIT, Modes, Planted, Theory, WcNetworkRun, fit_slope, spread};
pub use theory::{Msf, jacobian, pattern_spectrum, rate, response, spectrum};

pub struct WilsonCowanNetwork;

/// RK4 is stable for |λ|Δt below 2.78 on the negative real axis: a step keeps the fastest rate of
/// the dynamics times Δt below this.
pub const RK4_REACH: f64 = 2.5;

/// The most work a run may take, in node-and-coupling updates (RK4 steps × (2N + entries of A)).
pub const WORK_LIMIT: f64 = 1e9;

/// The most nodes of a planted network: its A is dense, and its Jacobian's 2N eigenvalues are computed.
pub const PLANTED_MAX: usize = 100;

/// What couples the nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coupling {
    /// A = L = Adj − D.
    Laplacian,
    /// A = Adj/⟨k⟩.
    Adjacency,
    /// A = −(I − Q), the patterns in its kernel.
    Planted,
}

impl Coupling {
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "laplacian" => Coupling::Laplacian,
            "adjacency" => Coupling::Adjacency,
            "planted" => Coupling::Planted,
            _ => return None,
        })
    }
}

static SPEC: ModelSpec = ModelSpec {
    id: "wilson-cowan-network",
    title: "Wilson–Cowan nodes on a network",
    summary: "Excitatory–inhibitory Wilson–Cowan nodes, coupled through their excitatory populations along the \
              edges of a network. Around the homogeneous state each eigenvector of the coupling matrix grows or \
              decays at the master stability function of its eigenvalue: the lines are that linear theory, \
              the points the simulation (RK4). With γ < 0 the Laplacian coupling excites a node by its own activity \
              and inhibits it by its neighbours', and a stationary pattern forms; past the Hopf point the nodes \
              oscillate and a positive γ synchronises them. With the planted coupling, K patterns of a bistable \
              node's two states sit in the kernel of A, so they are exact fixed points; the coupling restores a \
              pattern with flipped nodes.",
    papers: &[
        Paper {
            authors: "R. Marino, L. Buffoni, L. Chicchi, F. Di Patti, D. Febbe, L. Giambagli, D. Fanelli",
            title: "Learning in Wilson–Cowan model for metapopulation",
            venue: "Neural Computation 37",
            year: 2025,
            doi: None,
            arxiv: Some("2406.16453"),
        },
        Paper {
            authors: "H. R. Wilson, J. D. Cowan",
            title: "Excitatory and inhibitory interactions in localized populations of model neurons",
            venue: "Biophysical Journal 12, 1",
            year: 1972,
            doi: Some("10.1016/S0006-3495(72)86068-5"),
            arxiv: None,
        },
        Paper {
            authors: "L. M. Pecora, T. L. Carroll",
            title: "Master stability functions for synchronized coupled systems",
            venue: "Physical Review Letters 80, 2109",
            year: 1998,
            doi: Some("10.1103/PhysRevLett.80.2109"),
            arxiv: None,
        },
    ],
    equations: equations::ALL,
    params: &[
        ParamSpec {
            name: "coupling",
            symbol: "A",
            label: "coupling matrix",
            unit: "",
            help: "The graph Laplacian L = Adj − D (diffusive: the homogeneous state of one node is a state of the \
                   network), the adjacency matrix over the mean degree (the same on regular graphs only), or the \
                   planted operator −(I − Q), Q the projector on K random patterns of a bistable node's low and \
                   high states, which are then fixed points of the network (the graph is not used).",
            kind: ParamKind::Choice {
                options: &[
                    Choice { value: "laplacian", label: "Laplacian L" },
                    Choice { value: "adjacency", label: "adjacency / ⟨k⟩" },
                    Choice { value: "planted", label: "planted patterns" },
                ],
                default: "laplacian",
            },
        },
        ParamSpec {
            name: "topology",
            symbol: "",
            label: "network",
            unit: "",
            help: "Barabási–Albert (k/2 links per new node), Erdős–Rényi (each pair linked with probability \
                   k/(N − 1)), Watts–Strogatz (a ring with k/2 neighbours a side, 10% of links rewired), a ring, or \
                   the complete graph. k is used by the first three only.",
            kind: ParamKind::Choice {
                options: &[
                    Choice { value: "ba", label: "Barabási–Albert" },
                    Choice { value: "er", label: "Erdős–Rényi" },
                    Choice { value: "ws", label: "Watts–Strogatz" },
                    Choice { value: "ring", label: "ring" },
                    Choice { value: "complete", label: "complete graph" },
                ],
                default: "ws",
            },
        },
        ParamSpec {
            name: "N",
            symbol: "N",
            label: "nodes",
            unit: "",
            help: "Number of nodes (at most 100 with the planted coupling). The coupling matrix's eigenvectors are \
                   computed for every run (O(N³)).",
            kind: ParamKind::Int { min: 8, max: 300, default: 60, scale: Scale::Log },
        },
        ParamSpec {
            name: "k",
            symbol: "⟨k⟩",
            label: "mean degree",
            unit: "",
            help: "Mean degree of the random networks: even for Barabási–Albert and Watts–Strogatz, below N.",
            kind: ParamKind::Int { min: 2, max: 100, default: 6, scale: Scale::Linear },
        },
        ParamSpec::float(
            "gamma",
            "γ",
            "coupling strength",
            "Strength of the coupling γ Σ_j A_ij E_j in node i's excitatory input. With the Laplacian, γ > 0 \
             damps differences between neighbours and γ < 0 amplifies them.",
            Interval::closed(-10.0, 10.0),
            -1.5,
        ),
        ParamSpec::float(
            "P",
            "P",
            "external input to E",
            "Input to every excitatory population. With the Wilson–Cowan 1972 constants and τ_I = 1: a limit \
             cycle from P ≈ 1.087 to the Hopf point 1.879, one stable state past it. With τ_I = 0.5 a node has \
             two stable states for P in (0.909, 1.087).",
            Interval::closed(-5.0, 10.0),
            2.5,
        ),
        ParamSpec::float(
            "tau_I",
            "τ_I",
            "time constant of I",
            "The inhibitory population's time constant (τ_E = 1; every other constant is Wilson & Cowan's 1972 \
             set). A faster inhibition stabilises the high state.",
            Interval::closed(0.1, 10.0),
            1.0,
        )
        .with_scale(Scale::Log),
        ParamSpec {
            name: "K",
            symbol: "K",
            label: "planted patterns",
            unit: "",
            help: "Number of random patterns of low and high states planted in the kernel of A (planted coupling).",
            kind: ParamKind::Int { min: 1, max: 6, default: 3, scale: Scale::Linear },
        },
        ParamSpec {
            name: "flips",
            symbol: "",
            label: "flipped nodes at the start",
            unit: "",
            help: "The run starts from the first pattern with this many nodes switched to the other state \
                   (planted coupling).",
            kind: ParamKind::Int { min: 0, max: 100, default: 0, scale: Scale::Linear },
        },
        ParamSpec::float(
            "T",
            "T",
            "duration",
            "Length of the simulation, in units of τ_E.",
            Interval::closed(1.0, 2000.0),
            30.0,
        )
        .with_scale(Scale::Log),
        ParamSpec::float(
            "dt",
            "Δt",
            "RK4 step",
            "Step of the fourth-order Runge–Kutta integration; Δt times the fastest rate of the linearised \
             dynamics must stay below 2.5.",
            Interval::closed(1e-4, 0.2),
            0.02,
        )
        .with_scale(Scale::Log),
        ParamSpec::float(
            "perturbation",
            "δ",
            "initial perturbation",
            "Each E_i and I_i starts at the homogeneous state (or the planted pattern) plus δ times an independent \
             standard normal number.",
            Interval::closed(1e-9, 0.1),
            1e-4,
        )
        .with_scale(Scale::Log),
    ],
    presets: &[
        Preset {
            name: "Lateral inhibition forms a pattern (γ = −1.5)",
            description: "P = 2.5: one node alone rests at a stable focus. With γ < 0 the Laplacian coupling excites a node \
                          by its own activity and inhibits it by its neighbours': the modes of large |Λ| grow (fastest \
                          at the MSF's rate) and saturate into a stationary pattern of active and quiet nodes.",
            values: &[
                ("coupling", "laplacian"),
                ("topology", "ws"),
                ("N", "60"),
                ("k", "6"),
                ("gamma", "-1.5"),
                ("P", "2.5"),
                ("tau_I", "1"),
                ("K", "3"),
                ("flips", "0"),
                ("T", "30"),
                ("dt", "0.02"),
                ("perturbation", "1e-4"),
            ],
        },
        Preset {
            name: "Ring of 20, diffusive coupling: every mode decays",
            description: "The catalogue's test: P = 2.5, γ = 1, Λ_k = −4 sin²(πk/20); each Fourier mode decays at the \
                          master stability function of its Λ_k, the uniform one slowest (−0.133).",
            values: &[
                ("coupling", "laplacian"),
                ("topology", "ring"),
                ("N", "20"),
                ("k", "4"),
                ("gamma", "1"),
                ("P", "2.5"),
                ("tau_I", "1"),
                ("K", "3"),
                ("flips", "0"),
                ("T", "30"),
                ("dt", "0.02"),
                ("perturbation", "1e-4"),
            ],
        },
        Preset {
            name: "Oscillating nodes synchronise (P = 1.25, γ = 1)",
            description: "Past P ≈ 1.09 one node alone oscillates: the uniform mode grows at 0.116, the long modes more \
                          slowly, the short ones decay; the network settles on a common oscillation.",
            values: &[
                ("coupling", "laplacian"),
                ("topology", "ws"),
                ("N", "60"),
                ("k", "6"),
                ("gamma", "1"),
                ("P", "1.25"),
                ("tau_I", "1"),
                ("K", "3"),
                ("flips", "0"),
                ("T", "100"),
                ("dt", "0.02"),
                ("perturbation", "1e-4"),
            ],
        },
        Preset {
            name: "Adjacency coupling on a ring (γ = −3)",
            description: "A = Adj/⟨k⟩: on a regular graph the homogeneous state is a node's with c₁ + γ, and the modes of \
                          eigenvalue μ_k = cos(2πk/N) near −1 (alternating nodes) grow.",
            values: &[
                ("coupling", "adjacency"),
                ("topology", "ring"),
                ("N", "40"),
                ("k", "4"),
                ("gamma", "-3"),
                ("P", "2.5"),
                ("tau_I", "1"),
                ("K", "3"),
                ("flips", "0"),
                ("T", "40"),
                ("dt", "0.02"),
                ("perturbation", "1e-4"),
            ],
        },
        Preset {
            name: "Planted patterns: a corrupted pattern restored (γ = 2)",
            description: "τ_I = 0.5 and P = 1 make a node bistable (E = 0.028 or 0.171). Three random patterns of these \
                          states sit in the kernel of A, so they are fixed points; the run starts from pattern 1 with 4 \
                          of 40 nodes flipped, and the coupling brings it back to pattern 1 exactly.",
            values: &[
                ("coupling", "planted"),
                ("topology", "ring"),
                ("N", "40"),
                ("k", "4"),
                ("gamma", "2"),
                ("P", "1"),
                ("tau_I", "0.5"),
                ("K", "3"),
                ("flips", "4"),
                ("T", "60"),
                ("dt", "0.02"),
                ("perturbation", "1e-3"),
            ],
        },
        Preset {
            name: "Planted patterns, uncoupled (γ = 0): the flipped nodes stay",
            description: "Without coupling every node keeps its own state: the corrupted pattern is a fixed point too.",
            values: &[
                ("coupling", "planted"),
                ("topology", "ring"),
                ("N", "40"),
                ("k", "4"),
                ("gamma", "0"),
                ("P", "1"),
                ("tau_I", "0.5"),
                ("K", "3"),
                ("flips", "4"),
                ("T", "60"),
                ("dt", "0.02"),
                ("perturbation", "1e-3"),
            ],
        },
        Preset {
            name: "A planted pattern made unstable (γ = −6)",
            description: "Past γ_c ≈ −5.50 the Jacobian at the pattern has an eigenvalue with Re λ > 0: the pattern, still \
                          a fixed point, repels.",
            values: &[
                ("coupling", "planted"),
                ("topology", "ring"),
                ("N", "40"),
                ("k", "4"),
                ("gamma", "-6"),
                ("P", "1"),
                ("tau_I", "0.5"),
                ("K", "3"),
                ("flips", "0"),
                ("T", "60"),
                ("dt", "0.02"),
                ("perturbation", "1e-6"),
            ],
        },
    ],
    observables: &[
        Observable::measured(
            "growth_rate",
            "growth rate of the fastest mode (graph couplings) or of the distance to the start's pattern (planted), \
             fitted while linear",
        )
        .predicted_by("growth_theory"),
        Observable::theory(
            "growth_theory",
            "growth rate of the fastest mode, or max Re λ of the Jacobian at the start's pattern",
        ),
        Observable::theory("unstable_modes", "number of growing modes (eigenvalues of the Jacobian with Re λ > 0)"),
        Observable::measured("spread", "spread of E over the nodes at the end"),
        Observable::measured("nearest_pattern", "the planted pattern nearest to the end state"),
        Observable::measured("distance", "RMS distance of (E, I) from the nearest planted pattern at the end"),
    ],
};

/// The page's parameters, typed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub coupling: Coupling,
    pub topology: Topology,
    pub n: usize,
    pub k: usize,
    pub gamma: f64,
    pub p: f64,
    pub tau_i: f64,
    pub patterns: usize,
    pub flips: usize,
    pub t_max: f64,
    pub dt: f64,
    pub perturbation: f64,
}

impl Settings {
    pub fn from_params(p: &Params) -> Self {
        Settings {
            coupling: Coupling::from_name(p.choice("coupling")).expect("a choice of the spec"),
            topology: Topology::from_name(p.choice("topology")).expect("a choice of the spec"),
            n: p.int("N") as usize,
            k: p.int("k") as usize,
            gamma: p.float("gamma"),
            p: p.float("P"),
            tau_i: p.float("tau_I"),
            patterns: p.int("K") as usize,
            flips: p.int("flips") as usize,
            t_max: p.float("T"),
            dt: p.float("dt"),
            perturbation: p.float("perturbation"),
        }
    }

    /// One node: the Wilson–Cowan 1972 constants with this P and τ_I.
    pub fn node(&self) -> Node {
        let wc = Node::wc1972();
        Node { p: self.p, inhibitory: Population { tau: self.tau_i, ..wc.inhibitory }, ..wc }
    }

    pub fn steps(&self) -> u64 {
        (self.t_max / self.dt).ceil() as u64
    }

    /// The most entries A can have: the work of a step is 2N + entries.
    pub fn entry_bound(&self) -> f64 {
        let n = self.n as f64;
        let edges = match (self.coupling, self.topology) {
            (Coupling::Planted, _) => return n * n,
            (_, Topology::Ring | Topology::DirectedRing) => n,
            (_, Topology::Complete) => n * (n - 1.0) / 2.0,
            _ => n * self.k as f64 / 2.0,
        };
        2.0 * edges + n
    }

    pub fn work(&self) -> f64 {
        self.steps() as f64 * (2.0 * self.n as f64 + self.entry_bound())
    }

    /// A bound on the rate of one uncoupled node anywhere (the row sums of |J|), and the slope g of
    /// its E-response is at most (k_E + r_E) a_E/4.
    pub fn node_rate(&self) -> (f64, f64) {
        let node = self.node();
        let single = crate::models::wilson_cowan::Settings {
            node,
            e0: 0.0,
            i0: 0.0,
            t_max: self.t_max,
            dt: self.dt,
            p_min: 0.0,
            p_max: 1.0,
            p_points: 0,
        };
        let pe = &node.excitatory;
        let g = (pe.sigmoid.sup() + pe.refractory) * pe.sigmoid.gain / 4.0 / pe.tau;
        (single.fastest_rate(), g)
    }

    /// A row sum of |A| the network surely reaches.
    fn coupling_floor(&self) -> f64 {
        let degree = match self.topology {
            Topology::Ring => 2.0,
            Topology::DirectedRing => 1.0,
            Topology::Complete => self.n as f64 - 1.0,
            _ => self.k as f64,
        };
        match self.coupling {
            Coupling::Laplacian => 2.0 * degree,
            Coupling::Adjacency => 1.0,
            Coupling::Planted => 1.0,
        }
    }
}

impl Model for WilsonCowanNetwork {
    fn spec(&self) -> &'static ModelSpec {
        &SPEC
    }

    fn check(&self, params: &Params) -> Result<(), ParamError> {
        let s = Settings::from_params(params);
        if s.coupling == Coupling::Planted {
            if s.n > PLANTED_MAX {
                return Err(ParamError::Constraint(format!(
                    "N={} is too large for coupling=planted: its A is dense and its Jacobian's 2N eigenvalues are \
                     computed; N must be at most {PLANTED_MAX}",
                    s.n
                )));
            }
            if s.flips > s.n {
                return Err(ParamError::Constraint(format!(
                    "flips={} must be at most N={}: it is a number of nodes",
                    s.flips, s.n
                )));
            }
            if s.patterns >= s.n {
                return Err(ParamError::Constraint(format!(
                    "K={} must be below N={}: the patterns span the kernel of A",
                    s.patterns, s.n
                )));
            }
            let stable = s.node().fixed_points().iter().filter(|f| f.stability.is_stable()).count();
            if stable < 2 {
                return Err(ParamError::Constraint(format!(
                    "P={} and tau_I={} give a node {stable} stable state(s): the planted patterns need two (a \
                     bistable node, e.g. P = 1 and tau_I = 0.5)",
                    s.p, s.tau_i
                )));
            }
        } else if s.topology.uses_k() {
            if s.k >= s.n {
                return Err(ParamError::Constraint(format!(
                    "k={} must be below N={}: a node has at most N − 1 neighbours",
                    s.k, s.n
                )));
            }
            if matches!(s.topology, Topology::BarabasiAlbert | Topology::WattsStrogatz) && s.k % 2 == 1 {
                return Err(ParamError::Constraint(format!(
                    "k={} must be even for topology={}: each node adds (or keeps on each side) k/2 links",
                    s.k,
                    s.topology.name()
                )));
            }
        }
        let (node, g) = s.node_rate();
        let rate = node + s.gamma.abs() * g * s.coupling_floor();
        if s.dt * rate > RK4_REACH {
            return Err(ParamError::Constraint(format!(
                "dt={} is too large for gamma={}, tau_I={} on this network: the dynamics may change at a rate of \
                 {rate:.1} or more, and RK4 needs dt times it below {RK4_REACH}: lower dt to {:.2e} or less",
                s.dt,
                s.gamma,
                s.tau_i,
                RK4_REACH / rate
            )));
        }
        if s.work() > WORK_LIMIT {
            return Err(ParamError::Constraint(format!(
                "T={}, dt={} and N={} need {:.1e} node and coupling updates, more than the limit of \
                 {WORK_LIMIT:.0e}: lower T or N, or raise dt",
                s.t_max,
                s.dt,
                s.n,
                s.work()
            )));
        }
        Ok(())
    }

    fn cost(&self, params: &Params) -> f64 {
        Settings::from_params(params).work() / WORK_LIMIT
    }

    fn start(&self, params: &Params, seed: u64) -> Box<dyn Run> {
        Box::new(WcNetworkRun::new(Settings::from_params(params), seed))
    }
}
