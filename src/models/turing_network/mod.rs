//! Turing patterns on networks: an activator u and an inhibitor v react at each node with the
//! Mimura–Murray kinetics and diffuse along the edges, the inhibitor σ times faster. Above a
//! critical σ_c the homogeneous state loses stability to the Laplacian eigenvectors whose
//! eigenvalue Λ falls in an unstable band, and nodes split into activator-rich and activator-poor
//! groups, sorted by degree (Nakao & Mikhailov 2010). On a directed network the Laplacian's
//! eigenvalues are complex, and a pattern can grow where no real Λ would let it (Asllani et al.
//! 2014).
//!
//! The page draws the network coloured by u_i, the dispersion relation λ(Λ) with the graph's own
//! eigenvalues on it, the spread of u against time with the growth rate of the fastest mode, and
//! u_i against degree.
//!
//! ## Reference
//! H. Nakao and A. S. Mikhailov, "Turing patterns in network-organized activator–inhibitor
//! systems", Nat. Phys. 6, 544 (2010), arXiv:1005.1986. M. Asllani, J. D. Challenger, F. S. Pavone,
//! L. Sacconi and D. Fanelli, "The theory of pattern formation on directed networks", Nat. Commun.
//! 5, 4517 (2014).

mod equations;
mod figures;
pub mod network;
mod run;
pub mod theory;

use crate::model::{
    Choice, Interval, Model, ModelSpec, Observable, Paper, ParamError, ParamKind, ParamSpec, Params, Preset, Run, Scale,
};
pub use network::{ReactionDiffusion, Topology};
pub use run::{FIT_END, FIT_START, LINEAR_LIMIT, TuringRun, fit_growth};
pub use theory::{C, Dispersion, MimuraMurray, sigma_c};

pub struct TuringNetwork;

/// RK4 is stable for |λ|Δt below 2.78 on the negative real axis: a step keeps the fastest rate of
/// the linearised dynamics times Δt below this.
pub const RK4_REACH: f64 = 2.5;

/// The most work a run may take, in node-or-edge updates (RK4 steps × (N + 2·edges)): a few seconds.
pub const WORK_LIMIT: f64 = 1e9;

/// The row sum of |J| at the homogeneous state (max(10/3 + 5, 10 + 4)): a bound on the kinetics' rate.
const KINETIC_RATE: f64 = 14.0;

static SPEC: ModelSpec = ModelSpec {
    id: "turing-network",
    title: "Turing patterns on networks",
    summary: "An activator and an inhibitor react at every node of a network and diffuse along its edges, the \
              inhibitor σ times faster. Past a critical σ the uniform state breaks up: the Laplacian modes whose \
              eigenvalue falls in an unstable band grow, and nodes split into activator-rich and activator-poor \
              groups by degree. The lines are the linear theory (the dispersion relation at the graph's own \
              eigenvalues, the growth rate of the fastest mode), the points the simulation (RK4). On a directed \
              ring the eigenvalues are complex and a pattern grows below σ_c.",
    papers: &[
        Paper {
            authors: "H. Nakao, A. S. Mikhailov",
            title: "Turing patterns in network-organized activator–inhibitor systems",
            venue: "Nature Physics 6, 544",
            year: 2010,
            doi: Some("10.1038/nphys1651"),
            arxiv: Some("1005.1986"),
        },
        Paper {
            authors: "M. Asllani, J. D. Challenger, F. S. Pavone, L. Sacconi, D. Fanelli",
            title: "The theory of pattern formation on directed networks",
            venue: "Nature Communications 5, 4517",
            year: 2014,
            doi: Some("10.1038/ncomms5517"),
            arxiv: Some("1403.5086"),
        },
    ],
    equations: equations::ALL,
    params: &[
        ParamSpec {
            name: "topology",
            symbol: "",
            label: "network",
            unit: "",
            help: "Barabási–Albert (preferential attachment, k/2 links per new node), Erdős–Rényi (each pair linked \
                   with probability k/(N − 1)), Watts–Strogatz (a ring with k/2 neighbours a side, 10% of links \
                   rewired), a ring, the complete graph, or a directed ring (each node feeds the next; complex \
                   Laplacian eigenvalues). k is used by the first three only.",
            kind: ParamKind::Choice {
                options: &[
                    Choice { value: "ba", label: "Barabási–Albert" },
                    Choice { value: "er", label: "Erdős–Rényi" },
                    Choice { value: "ws", label: "Watts–Strogatz" },
                    Choice { value: "ring", label: "ring" },
                    Choice { value: "complete", label: "complete graph" },
                    Choice { value: "directed-ring", label: "directed ring" },
                ],
                default: "ba",
            },
        },
        ParamSpec::float(
            "eps",
            "ε",
            "activator diffusion",
            "Diffusion of the activator along the edges; the inhibitor's is σε.",
            Interval::left_open(0.0, 2.0),
            0.12,
        )
        .with_scale(Scale::Log),
        ParamSpec::float(
            "sigma",
            "σ",
            "inhibitor/activator diffusion",
            "Ratio of the inhibitor's diffusion to the activator's. Patterns need σ > σ_c = 15.507 (undirected \
             networks), and a Laplacian eigenvalue in the unstable band.",
            Interval::closed(1.0, 100.0),
            30.0,
        )
        .with_scale(Scale::Log),
        ParamSpec {
            name: "N",
            symbol: "N",
            label: "nodes",
            unit: "",
            help: "Number of nodes. The Laplacian's spectrum is computed for every run (O(N³)).",
            kind: ParamKind::Int { min: 3, max: 600, default: 200, scale: Scale::Log },
        },
        ParamSpec {
            name: "k",
            symbol: "⟨k⟩",
            label: "mean degree",
            unit: "",
            help: "Mean degree of the random networks: even for Barabási–Albert and Watts–Strogatz, below N.",
            kind: ParamKind::Int { min: 2, max: 100, default: 10, scale: Scale::Linear },
        },
        ParamSpec::float("t_max", "T", "duration", "Length of the simulation.", Interval::closed(1.0, 5000.0), 40.0)
            .with_scale(Scale::Log),
        ParamSpec::float(
            "dt",
            "Δt",
            "RK4 step",
            "Step of the fourth-order Runge–Kutta integration; Δt times the fastest rate, about σε times the \
             largest |Λ|, must stay below 2.5.",
            Interval::closed(1e-4, 0.1),
            0.005,
        )
        .with_scale(Scale::Log),
        ParamSpec::float(
            "perturbation",
            "δ",
            "initial perturbation",
            "Each u_i and v_i starts at the uniform state (5, 10) plus δ times an independent standard normal number.",
            Interval::closed(1e-9, 1.0),
            1e-4,
        )
        .with_scale(Scale::Log),
    ],
    presets: &[
        Preset {
            name: "Robust pattern (σ = 30)",
            description: "Well past σ_c: a wide band of unstable modes, activator-rich hubs within t ≈ 20.",
            values: &[
                ("topology", "ba"),
                ("eps", "0.12"),
                ("sigma", "30"),
                ("N", "200"),
                ("k", "10"),
                ("t_max", "40"),
                ("dt", "0.005"),
                ("perturbation", "1e-4"),
            ],
        },
        Preset {
            name: "At threshold (σ = 15.6, Nakao & Mikhailov)",
            description: "Just above σ_c = 15.507: the band Λ ∈ (−13.889, −11.752) is narrow, and only the \
                          modes in it grow, slowly.",
            values: &[
                ("topology", "ba"),
                ("N", "200"),
                ("k", "20"),
                ("eps", "0.12"),
                ("sigma", "15.6"),
                ("t_max", "1000"),
                ("dt", "0.01"),
                ("perturbation", "0.01"),
            ],
        },
        Preset {
            name: "Complete graph K₁₂ (one unstable eigenvalue)",
            description: "Every non-uniform mode has Λ = −12, inside the band: growth rate 0.00428.",
            values: &[
                ("topology", "complete"),
                ("N", "12"),
                ("k", "10"),
                ("eps", "0.12"),
                ("sigma", "15.6"),
                ("t_max", "1000"),
                ("dt", "0.01"),
                ("perturbation", "0.001"),
            ],
        },
        Preset {
            name: "Directed ring below σ_c (Asllani et al.)",
            description: "σ = 10 < σ_c: the symmetric ring is stable (−0.333), the directed one is not (+0.0470 at \
                          ε = 0.5): its complex eigenvalues leave the stable region.",
            values: &[
                ("topology", "directed-ring"),
                ("N", "20"),
                ("k", "10"),
                ("eps", "0.5"),
                ("sigma", "10"),
                ("t_max", "300"),
                ("dt", "0.01"),
                ("perturbation", "0.001"),
            ],
        },
    ],
    observables: &[
        Observable::measured("growth_rate", "growth rate of the spread of u, fitted over t ∈ [5, 15] while below 0.05")
            .predicted_by("growth_theory"),
        Observable::theory("growth_theory", "growth rate of the fastest Laplacian mode"),
        Observable::theory("sigma_c", "critical diffusion ratio σ_c"),
        Observable::theory("unstable_modes", "number of Laplacian modes in the unstable band"),
        Observable::measured("pattern", "spread of u over the nodes at the end"),
    ],
};

/// The page's parameters, typed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub topology: Topology,
    pub n: usize,
    pub k: usize,
    pub eps: f64,
    pub sigma: f64,
    pub t_max: f64,
    pub dt: f64,
    pub perturbation: f64,
}

impl Settings {
    pub fn from_params(p: &Params) -> Self {
        Settings {
            topology: Topology::from_name(p.choice("topology")).expect("a choice of the spec"),
            n: p.int("N") as usize,
            k: p.int("k") as usize,
            eps: p.float("eps"),
            sigma: p.float("sigma"),
            t_max: p.float("t_max"),
            dt: p.float("dt"),
            perturbation: p.float("perturbation"),
        }
    }

    pub fn steps(&self) -> u64 {
        (self.t_max / self.dt).ceil() as u64
    }

    /// The most edges the network can have: the work of a step is N + 2·edges.
    pub fn edge_bound(&self) -> f64 {
        let n = self.n as f64;
        match self.topology {
            Topology::Ring | Topology::DirectedRing => n,
            Topology::Complete => n * (n - 1.0) / 2.0,
            // Barabási–Albert and Watts–Strogatz have at most Nk/2; Erdős–Rényi about that.
            _ => n * self.k as f64 / 2.0,
        }
    }

    pub fn work(&self) -> f64 {
        self.steps() as f64 * (self.n as f64 + 2.0 * self.edge_bound())
    }

    /// A degree the network surely reaches: its largest for the regular ones, the mean for random ones.
    fn degree_floor(&self) -> f64 {
        match self.topology {
            Topology::Ring => 2.0,
            Topology::DirectedRing => 1.0,
            Topology::Complete => self.n as f64 - 1.0,
            _ => self.k as f64,
        }
    }
}

impl Model for TuringNetwork {
    fn spec(&self) -> &'static ModelSpec {
        &SPEC
    }

    fn check(&self, params: &Params) -> Result<(), ParamError> {
        let s = Settings::from_params(params);
        if s.topology.uses_k() {
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
        // The largest |Λ| is at least the largest degree (and for a regular graph about twice it).
        let rate = KINETIC_RATE + s.sigma * s.eps * s.degree_floor();
        if s.dt * rate > RK4_REACH {
            return Err(ParamError::Constraint(format!(
                "dt={} is too large for sigma={}, eps={} on this network (degree ≥ {}): the inhibitor's diffusion \
                 relaxes at a rate of {:.1} or more, and RK4 needs dt times it below {RK4_REACH}: lower dt to {:.2e} \
                 or less",
                s.dt,
                s.sigma,
                s.eps,
                s.degree_floor(),
                rate,
                RK4_REACH / rate
            )));
        }
        if s.work() > WORK_LIMIT {
            return Err(ParamError::Constraint(format!(
                "t_max={}, dt={} and N={} (about {:.0} edges) need {:.1e} node and edge updates, more than the limit \
                 of {WORK_LIMIT:.0e}: lower t_max or N, or raise dt",
                s.t_max,
                s.dt,
                s.n,
                s.edge_bound(),
                s.work()
            )));
        }
        Ok(())
    }

    fn cost(&self, params: &Params) -> f64 {
        Settings::from_params(params).work() / WORK_LIMIT
    }

    fn start(&self, params: &Params, seed: u64) -> Box<dyn Run> {
        Box::new(TuringRun::new(Settings::from_params(params), seed))
    }
}
