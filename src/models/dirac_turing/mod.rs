//! Diffusion-driven instability of topological signals coupled by the Dirac operator: a signal u
//! on the nodes and a signal v on the edges of a complex react, each cubically, are coupled through
//! the incidence matrix B1 (the Dirac operator's off-diagonal block) and diffuse by their Hodge
//! Laplacians L0 = B1B1ᵀ and L1 = B1ᵀB1 + B2B2ᵀ:
//!
//! du/dt = −a u − b u³ + c B1 v − D0 L0 u − D01 L0 B1 v,
//! dv/dt = −α v − β v³ + γ B1ᵀ u − D1 L1 v − D10 L1 B1ᵀ u.
//!
//! Linearised at u = v = 0, each singular pair (φ_k, ψ_k) of B1 (B1 ψ_k = s_k φ_k) evolves with
//! the 2×2 block M(s_k) of [`Theory::block`]; without cross-diffusion a pattern can grow iff
//! cγ > (√(a D1) + √(α D0))², first at s*² = √(aα/(D0 D1)), and it lives on nodes and edges
//! together. The uniform node signal decays at −a; edge signals with no node part (harmonic, or
//! curl B2 w) at −α − D1 μ, μ ≥ 0 an eigenvalue of B2B2ᵀ.
//!
//! The page draws the complex with nodes coloured by u and edges by v, the dispersion relation
//! against s² with the complex's own s_k², and ‖u‖, ‖v‖ against time with the fastest pair's rate.
//!
//! ## Reference
//! L. Giambagli, L. Calmon, R. Muolo, T. Carletti and G. Bianconi, "Diffusion-driven instability
//! of topological signals coupled by the Dirac operator", Phys. Rev. E 106, 064314 (2022),
//! arXiv:2207.07787.

pub mod complex;
mod equations;
pub(crate) mod figures;
mod run;
mod system;
mod theory;

use crate::model::{
    Choice, Interval, Model, ModelSpec, Observable, Paper, ParamError, ParamKind, ParamSpec, Params, Preset, Run, Scale,
};
pub use complex::Kind;
pub use run::{DiracRun, FIT_FROM, LINEAR_LIMIT, spectrum_of_torus};
pub use system::{DiracSignals, Faces};
pub use theory::Theory;

pub struct DiracTuring;

/// RK4 is stable for |λ|Δt below 2.78 on the negative real axis (2.83 on the imaginary one): a
/// step keeps the fastest rate of the linearised dynamics times Δt below this.
pub const RK4_REACH: f64 = 2.5;

/// The most work a run may take, in node-or-edge updates (RK4 steps × (N0 + N1)): a few seconds.
pub const WORK_LIMIT: f64 = 1e9;

/// A real parameter without unit on a linear scale (the family's pages share it).
pub(crate) const fn float(
    name: &'static str,
    symbol: &'static str,
    label: &'static str,
    help: &'static str,
    range: Interval,
    default: f64,
) -> ParamSpec {
    ParamSpec::float(name, symbol, label, help, range, default)
}

static SPEC: ModelSpec = ModelSpec {
    id: "dirac-turing",
    title: "Turing patterns of node and edge signals coupled by the Dirac operator",
    summary: "A signal on the nodes and a signal on the edges of a complex react, diffuse by their Hodge Laplacians \
              and drive each other through the incidence matrix B1, the Dirac operator's off-diagonal block. Past a \
              threshold of the coupling cγ the zero state breaks up into a pattern that always lives on nodes and \
              edges together. The lines are the linear theory (the growth rate of each singular pair of B1, the \
              threshold cγ* and the unstable band), the points the simulation (RK4) on a square or triangulated \
              torus or a random geometric graph.",
    papers: &[Paper {
        authors: "L. Giambagli, L. Calmon, R. Muolo, T. Carletti, G. Bianconi",
        title: "Diffusion-driven instability of topological signals coupled by the Dirac operator",
        venue: "Physical Review E 106, 064314",
        year: 2022,
        doi: Some("10.1103/PhysRevE.106.064314"),
        arxiv: Some("2207.07787"),
    }],
    equations: equations::ALL,
    params: &[
        ParamSpec {
            name: "complex",
            symbol: "",
            label: "complex",
            unit: "",
            help: "The L×L periodic square lattice with its squares filled (a cell complex), the same lattice cut \
                   into triangles by diagonals (a simplicial complex), or a random geometric graph (N points in the \
                   unit square, pairs closer than √(k/πN) linked; no faces).",
            kind: ParamKind::Choice {
                options: &[
                    Choice { value: "square", label: "square torus (cell complex)" },
                    Choice { value: "triangulated", label: "triangulated torus (simplicial complex)" },
                    Choice { value: "rgg", label: "random geometric graph" },
                ],
                default: "square",
            },
        },
        ParamSpec {
            name: "L",
            symbol: "L",
            label: "torus side",
            unit: "",
            help: "Side of the torus: L² nodes, 2L² edges (3L² triangulated).",
            kind: ParamKind::Int { min: 3, max: 24, default: 12, scale: Scale::Linear },
        },
        ParamSpec {
            name: "N",
            symbol: "N",
            label: "nodes of the random graph",
            unit: "",
            help: "Nodes of the random geometric graph; its spectrum is computed for every run (O(N³)).",
            kind: ParamKind::Int { min: 10, max: 400, default: 150, scale: Scale::Log },
        },
        float(
            "k",
            "⟨k⟩",
            "mean degree of the random graph",
            "The link radius of the random geometric graph is √(k/πN): about k neighbours away from the sides.",
            Interval::closed(1.0, 30.0),
            8.0,
        ),
        float("a", "a", "node decay", "Linear decay of u.", Interval::left_open(0.0, 10.0), 1.0),
        float("b", "b", "node saturation", "Cubic term of u: bounds the pattern.", Interval::closed(0.0, 10.0), 1.0),
        float("alpha", "α", "edge decay", "Linear decay of v.", Interval::left_open(0.0, 10.0), 1.0),
        float("beta", "β", "edge saturation", "Cubic term of v: bounds the pattern.", Interval::closed(0.0, 10.0), 1.0),
        float(
            "c",
            "c",
            "edge-to-node coupling",
            "How strongly B1 v (the net flow into a node) drives u. The product cγ decides the instability: \
             cγ* = (√(a D1) + √(α D0))² = 1.7325 at the defaults.",
            Interval::closed(-10.0, 10.0),
            2.6,
        ),
        float(
            "gamma",
            "γ",
            "node-to-edge coupling",
            "How strongly B1ᵀu (the difference of u along an edge) drives v.",
            Interval::closed(-10.0, 10.0),
            1.0,
        ),
        float("D0", "D0", "node diffusion", "Diffusion of u by L0.", Interval::left_open(0.0, 10.0), 1.0),
        float("D1", "D1", "edge diffusion", "Diffusion of v by L1.", Interval::left_open(0.0, 10.0), 0.1),
        float(
            "D01",
            "D01",
            "cross-diffusion into nodes",
            "Cross-diffusion −D01 L0 B1 v; the closed-form threshold holds only when D01 = D10 = 0.",
            Interval::closed(-1.0, 1.0),
            0.0,
        ),
        float(
            "D10",
            "D10",
            "cross-diffusion into edges",
            "Cross-diffusion −D10 L1 B1ᵀ u.",
            Interval::closed(-1.0, 1.0),
            0.0,
        ),
        float("t_max", "T", "duration", "Length of the simulation.", Interval::closed(1.0, 5000.0), 100.0)
            .with_scale(Scale::Log),
        float(
            "dt",
            "Δt",
            "RK4 step",
            "Step of the fourth-order Runge–Kutta integration; Δt times the fastest rate of the linear dynamics must \
             stay below 2.5.",
            Interval::closed(1e-4, 0.2),
            0.02,
        )
        .with_scale(Scale::Log),
        float(
            "perturbation",
            "δ",
            "initial perturbation",
            "Each u_i and v_e starts at δ times an independent standard normal number (u first, then v).",
            Interval::closed(1e-12, 1.0),
            1e-6,
        )
        .with_scale(Scale::Log),
    ],
    presets: &[
        Preset {
            name: "Turing pattern (cγ = 1.5 cγ*)",
            description: "Well past the threshold: a band of unstable pairs around s*² = 3.16, a pattern of u and v \
                          within t ≈ 50.",
            values: &[("complex", "square"), ("L", "12"), ("c", "2.6"), ("gamma", "1"), ("t_max", "100")],
        },
        Preset {
            name: "Just past the threshold (cγ = 1.1 cγ*)",
            description: "The catalogue's run: the fastest pair of the 12×12 torus grows at 0.0992, slowly enough to \
                          see the linear stage, then saturates into a pattern.",
            values: &[
                ("complex", "square"),
                ("L", "12"),
                ("c", "1.905706"),
                ("gamma", "1"),
                ("t_max", "400"),
                ("perturbation", "1e-10"),
            ],
        },
        Preset {
            name: "Below threshold (cγ = 0.9 cγ*)",
            description: "Every pair decays: the slowest, near s*², at −0.10.",
            values: &[("complex", "square"), ("L", "12"), ("c", "1.559214"), ("gamma", "1"), ("t_max", "100")],
        },
        Preset {
            name: "Triangulated torus",
            description: "The same dynamics on a simplicial complex: other s_k², the same dispersion curve.",
            values: &[("complex", "triangulated"), ("L", "12"), ("c", "2.6"), ("gamma", "1"), ("t_max", "100")],
        },
        Preset {
            name: "Random geometric graph",
            description: "An irregular spectrum: only the pairs whose s² falls in the band grow.",
            values: &[("complex", "rgg"), ("N", "150"), ("k", "8"), ("c", "2.6"), ("gamma", "1"), ("t_max", "100")],
        },
    ],
    observables: &[
        Observable::measured(
            "growth_rate",
            "growth rate of ‖(u, v)‖, fitted over the last 60 % of the linear stage (entries below 1e-3)",
        )
        .predicted_by("growth_theory"),
        Observable::theory("growth_theory", "growth rate of the fastest mode of the complex"),
        Observable::theory("threshold", "threshold cγ* (without cross-diffusion)"),
        Observable::theory("unstable_pairs", "number of singular pairs of B1 that grow"),
        Observable::measured("norm_u", "‖u‖ at the end"),
        Observable::measured("norm_v", "‖v‖ at the end"),
    ],
};

/// The page's parameters, typed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub kind: Kind,
    pub l: usize,
    pub n: usize,
    pub k: f64,
    pub theory: Theory,
    pub t_max: f64,
    pub dt: f64,
    pub perturbation: f64,
}

impl Settings {
    pub fn from_params(p: &Params) -> Self {
        Settings {
            kind: Kind::from_name(p.choice("complex")).expect("a choice of the spec"),
            l: p.int("L") as usize,
            n: p.int("N") as usize,
            k: p.float("k"),
            theory: Theory {
                a: p.float("a"),
                alpha: p.float("alpha"),
                b: p.float("b"),
                beta: p.float("beta"),
                c: p.float("c"),
                gamma: p.float("gamma"),
                d0: p.float("D0"),
                d1: p.float("D1"),
                d01: p.float("D01"),
                d10: p.float("D10"),
            },
            t_max: p.float("t_max"),
            dt: p.float("dt"),
            perturbation: p.float("perturbation"),
        }
    }

    pub fn steps(&self) -> u64 {
        (self.t_max / self.dt).ceil() as u64
    }

    /// Nodes and (at most) edges of the complex.
    pub fn size(&self) -> (usize, f64) {
        match self.kind {
            Kind::Square => (self.l * self.l, 2.0 * (self.l * self.l) as f64),
            Kind::Triangulated => (self.l * self.l, 3.0 * (self.l * self.l) as f64),
            // About Nk/2 edges; bounded by the pairs.
            Kind::Geometric => (self.n, (self.n as f64 * self.k / 2.0).min((self.n * (self.n - 1) / 2) as f64)),
        }
    }

    pub fn work(&self) -> f64 {
        let (n0, n1) = self.size();
        self.steps() as f64 * (n0 as f64 + n1)
    }
}

/// The fastest rate of the linear dynamics when every s² and every eigenvalue of L1 lies in
/// [0, top]: the largest modulus of an eigenvalue of M(s) there (found on a grid and at the ends),
/// or the decay α + D1·top of an edge signal with no node part.
pub fn rate_bound(th: &Theory, top: f64) -> f64 {
    let grid = (0..=64).map(|k| top * k as f64 / 64.0);
    let pairs = grid.map(|x| th.fastest(x.sqrt())).fold(0.0, f64::max);
    pairs.max(th.alpha + th.d1 * top).max(th.a)
}

impl Model for DiracTuring {
    fn spec(&self) -> &'static ModelSpec {
        &SPEC
    }

    fn check(&self, params: &Params) -> Result<(), ParamError> {
        let s = Settings::from_params(params);
        if s.kind.is_torus() {
            // s² ≤ 2·(largest degree): 8 on the square torus, 12 on the triangulated one; the faces'
            // part of L1 stays below that too.
            let top = 2.0 * s.kind.degree_bound(0) as f64;
            let rate = rate_bound(&s.theory, top);
            if s.dt * rate > RK4_REACH {
                return Err(ParamError::Constraint(format!(
                    "dt={} is too large for this torus: the linear dynamics relax at rates up to {rate:.1} (from D0, \
                     D1, c, gamma, D01, D10 at s² ≤ {top}), and RK4 needs dt times it below {RK4_REACH}: lower dt to \
                     {:.2e} or less",
                    s.dt,
                    RK4_REACH / rate
                )));
            }
        }
        if s.work() > WORK_LIMIT {
            let (n0, n1) = s.size();
            return Err(ParamError::Constraint(format!(
                "t_max={} and dt={} on {n0} nodes and about {n1:.0} edges need {:.1e} node and edge updates, more \
                 than the limit of {WORK_LIMIT:.0e}: lower t_max or the size, or raise dt",
                s.t_max,
                s.dt,
                s.work()
            )));
        }
        Ok(())
    }

    fn cost(&self, params: &Params) -> f64 {
        Settings::from_params(params).work() / WORK_LIMIT
    }

    fn start(&self, params: &Params, seed: u64) -> Box<dyn Run> {
        Box::new(DiracRun::new(Settings::from_params(params), seed))
    }
}
