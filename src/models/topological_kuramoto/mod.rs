//! The topological (simplicial) Kuramoto model: phases θ on the edges of a complex, each with its
//! own frequency, coupled through the nodes and through the faces,
//!
//! dθ/dt = ω − σ R⁺ B1ᵀ sin(B1θ) − σ R⁻ B2 sin(B2ᵀθ),  ω_e ~ N(Ω, 1),
//!
//! with R⁺ = R⁻ = 1 (standard model) or the order parameters of the projections θ⁺ = B2ᵀθ on the
//! faces and θ⁻ = B1θ on the nodes (explosive model, where the transitions become discontinuous
//! with hysteresis). Since B1B2 = 0 the projections evolve as two Kuramoto-like systems,
//! dθ⁻/dt = B1ω − σR⁺ L0 sin θ⁻ and dθ⁺/dt = B2ᵀω − σR⁻ L2 sin θ⁺, and the harmonic component
//! (the projection P_h on ker L1, of dimension β1) is never coupled: d(P_hθ)/dt = P_h ω exactly.
//!
//! The page draws the complex with the phases, R⁻ and R⁺ against σ swept up then down, the
//! harmonic component's drift against its exact value, and R⁻, R⁺ against time.
//!
//! ## Reference
//! A. P. Millán, J. J. Torres and G. Bianconi, "Explosive higher-order Kuramoto dynamics on
//! simplicial complexes", Phys. Rev. Lett. 124, 218301 (2020), arXiv:1912.04405.

mod equations;
mod figures;
pub mod run;
mod system;
pub mod theory;

use crate::model::{
    Choice, Interval, Model, ModelSpec, Observable, Paper, ParamError, ParamKind, ParamSpec, Params, Preset, Run, Scale,
};
pub use run::{KuramotoRun, SweepPoint, schedule};
pub use system::{TopologicalKuramoto, order};
pub use theory::Locking;

pub struct TopologicalKuramotoModel;

/// RK4 is stable for |λ|Δt below 2.78 on the negative real axis: a step keeps σ times the largest
/// eigenvalue of L1 times Δt below this.
pub const RK4_REACH: f64 = 2.5;

/// The most work a run may take, in edge updates (RK4 steps × N1).
pub const WORK_LIMIT: f64 = 3e8;

/// The most edges a complex may have: L1's eigenvectors (for the harmonic projector) cost O(N1³).
pub const MAX_EDGES: f64 = 600.0;

/// The complexes of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Complex {
    Square,
    Triangulated,
    Clique,
}

static SPEC: ModelSpec = ModelSpec {
    id: "topological-kuramoto",
    title: "Topological Kuramoto model of edge phases",
    summary: "Phases live on the edges of a simplicial or cell complex and are coupled through its nodes and its \
              faces. Their projections on the nodes and on the faces synchronise as σ grows (abruptly, with \
              hysteresis, in the explosive variant), while the harmonic component, the part in the kernel of the \
              Hodge Laplacian L1, is never coupled and drifts freely at P_h ω: the theory line it follows to \
              rounding error. Points are simulations (RK4) on a square torus, a triangulated torus or the clique \
              complex of a random graph.",
    papers: &[Paper {
        authors: "A. P. Millán, J. J. Torres, G. Bianconi",
        title: "Explosive higher-order Kuramoto dynamics on simplicial complexes",
        venue: "Physical Review Letters 124, 218301",
        year: 2020,
        doi: Some("10.1103/PhysRevLett.124.218301"),
        arxiv: Some("1912.04405"),
    }],
    equations: equations::ALL,
    params: &[
        ParamSpec {
            name: "complex",
            symbol: "",
            label: "complex",
            unit: "",
            help: "The L×L periodic square lattice with its squares filled (a cell complex), the same lattice cut \
                   into triangles by diagonals (a simplicial complex), or the clique complex of an Erdős–Rényi graph \
                   (N nodes, each pair linked with probability k/(N − 1), every triangle filled).",
            kind: ParamKind::Choice {
                options: &[
                    Choice { value: "square", label: "square torus (cell complex)" },
                    Choice { value: "triangulated", label: "triangulated torus (simplicial complex)" },
                    Choice { value: "clique", label: "clique complex of a random graph" },
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
            kind: ParamKind::Int { min: 3, max: 14, default: 8, scale: Scale::Linear },
        },
        ParamSpec {
            name: "N",
            symbol: "N",
            label: "nodes of the random graph",
            unit: "",
            help: "Nodes of the Erdős–Rényi graph whose clique complex is used.",
            kind: ParamKind::Int { min: 10, max: 150, default: 60, scale: Scale::Log },
        },
        ParamSpec::float(
            "k",
            "⟨k⟩",
            "mean degree of the random graph",
            "Each pair of nodes is linked with probability k/(N − 1); about k³/6 triangles.",
            Interval::closed(2.0, 20.0),
            8.0,
        ),
        ParamSpec::float(
            "sigma",
            "σ",
            "coupling",
            "The coupling of the run against time (and of the drawing); the sweep goes from 0 to σ_max.",
            Interval::closed(0.0, 10.0),
            2.0,
        ),
        ParamSpec::float(
            "Omega",
            "Ω",
            "mean frequency",
            "Each edge's frequency ω_e is Ω plus a standard normal number.",
            Interval::closed(-5.0, 5.0),
            0.0,
        ),
        ParamSpec {
            name: "explosive",
            symbol: "",
            label: "explosive coupling",
            unit: "",
            help: "Weigh the nodes' term by R⁺ and the faces' term by R⁻ (Millán, Torres & Bianconi's explosive model).",
            kind: ParamKind::Bool { default: false },
        },
        ParamSpec::float(
            "t_max",
            "T",
            "duration at σ",
            "Length of the run at the coupling σ.",
            Interval::closed(1.0, 500.0),
            20.0,
        )
        .with_scale(Scale::Log),
        ParamSpec::float(
            "dt",
            "Δt",
            "RK4 step",
            "Step of the fourth-order Runge–Kutta integration; σ times the largest eigenvalue of L1 times Δt must stay \
             below 2.5.",
            Interval::closed(1e-3, 0.1),
            0.01,
        )
        .with_scale(Scale::Log),
        ParamSpec::float(
            "sigma_max",
            "σ_max",
            "top of the sweep",
            "The sweep runs σ from 0 up to σ_max and back down.",
            Interval::left_open(0.0, 10.0),
            4.0,
        ),
        ParamSpec {
            name: "points",
            symbol: "",
            label: "values of σ each way",
            unit: "",
            help: "How many values of σ the sweep visits on the way up (and again on the way down).",
            kind: ParamKind::Int { min: 2, max: 60, default: 17, scale: Scale::Linear },
        },
        ParamSpec::float(
            "t_point",
            "",
            "time per value of σ",
            "Each value of σ of the sweep is run this long from the state the previous one left; R⁻ and R⁺ are \
             averaged over its second half.",
            Interval::closed(1.0, 200.0),
            10.0,
        )
        .with_scale(Scale::Log),
    ],
    presets: &[
        Preset {
            name: "Standard model, square torus",
            description: "8×8 cell complex, β1 = 2: both projections synchronise smoothly as σ grows, the same way up \
                          and down; the two harmonic directions drift at P_h ω.",
            values: &[("complex", "square"), ("L", "8"), ("sigma", "2"), ("explosive", "0"), ("sigma_max", "4")],
        },
        Preset {
            name: "Explosive model, square torus",
            description: "Each projection's coupling is weighed by the other's order parameter: the rise is delayed \
                          and the branches up and down differ.",
            values: &[("complex", "square"), ("L", "8"), ("sigma", "2"), ("explosive", "1"), ("sigma_max", "4")],
        },
        Preset {
            name: "Explosive model, triangulated torus",
            description: "A simplicial complex: triangles instead of squares.",
            values: &[("complex", "triangulated"), ("L", "8"), ("sigma", "2"), ("explosive", "1"), ("sigma_max", "4")],
        },
        Preset {
            name: "Explosive model, clique complex",
            description: "The clique complex of a random graph of 60 nodes: many holes (β1 of them), each a \
                          harmonic direction that drifts freely.",
            values: &[
                ("complex", "clique"),
                ("N", "60"),
                ("k", "8"),
                ("sigma", "2"),
                ("explosive", "1"),
                ("sigma_max", "4"),
            ],
        },
    ],
    observables: &[
        Observable::measured("r_minus", "order parameter R⁻ of the node projection at σ (mean over the second half)"),
        Observable::measured("r_plus", "order parameter R⁺ of the face projection at σ (mean over the second half)"),
        Observable::measured("harmonic_residual", "largest ‖P_h(θ(t) − θ(0)) − t P_h ω‖")
            .predicted_by("harmonic_theory"),
        Observable::theory("harmonic_theory", "‖P_h(θ(t) − θ(0)) − t P_h ω‖ (exactly 0)"),
        Observable::theory("beta1", "dim ker L1 = β1"),
        Observable::measured("hysteresis_minus", "area between the branches of R⁻ up and down"),
        Observable::measured("hysteresis_plus", "area between the branches of R⁺ up and down"),
    ],
};

/// The page's parameters, typed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub complex: Complex,
    pub l: usize,
    pub n: usize,
    pub k: f64,
    pub sigma: f64,
    pub omega: f64,
    pub explosive: bool,
    pub t_max: f64,
    pub dt: f64,
    pub sigma_max: f64,
    pub points: usize,
    pub t_point: f64,
}

impl Settings {
    pub fn from_params(p: &Params) -> Self {
        Settings {
            complex: match p.choice("complex") {
                "square" => Complex::Square,
                "triangulated" => Complex::Triangulated,
                _ => Complex::Clique,
            },
            l: p.int("L") as usize,
            n: p.int("N") as usize,
            k: p.float("k"),
            sigma: p.float("sigma"),
            omega: p.float("Omega"),
            explosive: p.flag("explosive"),
            t_max: p.float("t_max"),
            dt: p.float("dt"),
            sigma_max: p.float("sigma_max"),
            points: p.int("points") as usize,
            t_point: p.float("t_point"),
        }
    }

    /// The edges of the complex (about Nk/2 for the random graph).
    pub fn edges(&self) -> f64 {
        match self.complex {
            Complex::Square => 2.0 * (self.l * self.l) as f64,
            Complex::Triangulated => 3.0 * (self.l * self.l) as f64,
            Complex::Clique => self.n as f64 * self.k / 2.0,
        }
    }

    pub fn steps(&self) -> f64 {
        libm::ceil(self.t_max / self.dt) + 2.0 * self.points as f64 * libm::ceil(self.t_point / self.dt)
    }

    pub fn work(&self) -> f64 {
        self.steps() * self.edges()
    }
}

impl Model for TopologicalKuramotoModel {
    fn spec(&self) -> &'static ModelSpec {
        &SPEC
    }

    fn check(&self, params: &Params) -> Result<(), ParamError> {
        let s = Settings::from_params(params);
        if s.complex == Complex::Clique && s.k >= (s.n - 1) as f64 {
            return Err(ParamError::Constraint(format!(
                "k={} must be below N − 1 = {}: a node has at most N − 1 neighbours",
                s.k,
                s.n - 1
            )));
        }
        if s.edges() > MAX_EDGES {
            return Err(ParamError::Constraint(format!(
                "this complex has about {:.0} edges, more than {MAX_EDGES:.0}: the harmonic projector needs the \
                 eigenvectors of L1, whose cost grows as the cube of the edges; lower L, or N and k",
                s.edges()
            )));
        }
        // L1's largest eigenvalue: 8 on the square torus, 12 on the triangulated one (twice the
        // largest degree); a random complex is checked when its run starts.
        let top = match s.complex {
            Complex::Square => 8.0,
            Complex::Triangulated => 12.0,
            Complex::Clique => 0.0,
        };
        let rate = s.sigma.max(s.sigma_max) * top;
        if s.dt * rate > RK4_REACH {
            return Err(ParamError::Constraint(format!(
                "dt={} is too large for sigma={} and sigma_max={} on this torus: L1's largest eigenvalue is {top}, so \
                 the phases relax at rates up to {rate:.1}, and RK4 needs dt times it below {RK4_REACH}: lower dt to \
                 {:.2e} or less",
                s.dt,
                s.sigma,
                s.sigma_max,
                RK4_REACH / rate
            )));
        }
        if s.work() > WORK_LIMIT {
            return Err(ParamError::Constraint(format!(
                "t_max={}, points={}, t_point={} and dt={} on about {:.0} edges need {:.1e} edge updates, more than \
                 the limit of {WORK_LIMIT:.0e}: lower t_max, points or t_point, or raise dt",
                s.t_max,
                s.points,
                s.t_point,
                s.dt,
                s.edges(),
                s.work()
            )));
        }
        Ok(())
    }

    fn cost(&self, params: &Params) -> f64 {
        Settings::from_params(params).work() / WORK_LIMIT
    }

    fn start(&self, params: &Params, seed: u64) -> Box<dyn Run> {
        Box::new(KuramotoRun::new(Settings::from_params(params), seed))
    }
}
