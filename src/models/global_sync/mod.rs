//! Global topological synchronisation: identical Stuart–Landau oscillators w_e ∈ ℂ on the edges
//! of a complex, coupled through the Hodge Laplacian L1 = B1ᵀB1 + B2B2ᵀ,
//!
//! dw/dt = σ w − β |w|² w − μ L1 w   (σ, β, μ complex),
//!
//! synchronise globally (w_e = u_e z(t), z the single oscillator's limit cycle, u_e = ±1) only if
//! a ±1 edge signal u is harmonic (L1 u = 0): on the square torus the all-ones signal is; on the
//! triangulated torus none can be, since each triangle's boundary sums an odd number of ±1. The
//! state is then stable iff the master stability function, max Re eig M(Λ) with Λ = −λ over the
//! non-zero eigenvalues λ of L1, is negative.
//!
//! ## Reference
//! T. Carletti, L. Giambagli and G. Bianconi, "Global topological synchronization on simplicial
//! and cell complexes", Phys. Rev. Lett. 130, 187401 (2023), arXiv:2208.14783.

pub(crate) mod figures;
pub mod run;

use crate::model::{
    Choice, Equation, Interval, Model, ModelSpec, Observable, Paper, ParamError, ParamKind, ParamSpec, Params, Preset,
    Run, Scale,
};
pub use run::{Msf, SyncRun};

use crate::models::dirac_turing::float;

pub struct GlobalSync;

/// RK4 is stable for |λ|Δt below 2.78 on the negative real axis (2.83 on the imaginary one).
pub const RK4_REACH: f64 = 2.5;

/// The most work a run may take, in edge updates (RK4 steps × N1).
pub const WORK_LIMIT: f64 = 2e8;

static EQUATIONS: &[Equation] = &[
    Equation {
        caption: "Stuart–Landau oscillators on the edges, coupled by the Hodge Laplacian (σ, β, μ complex)",
        mathml: concat!(
            r#"<math display="block"><mfrac><mrow><mi>d</mi><mi>w</mi></mrow><mrow><mi>d</mi><mi>t</mi></mrow></mfrac><mo>=</mo>"#,
            "<mi>σ</mi><mi>w</mi><mo>−</mo><mi>β</mi><msup><mrow><mo>|</mo><mi>w</mi><mo>|</mo></mrow><mn>2</mn></msup><mi>w</mi>",
            "<mo>−</mo><mi>μ</mi><msub><mi>L</mi><mn>1</mn></msub><mi>w</mi>",
            r#"<mo separator="true">,</mo><mspace width="1em"/><msub><mi>L</mi><mn>1</mn></msub><mo>=</mo>"#,
            "<msubsup><mi>B</mi><mn>1</mn><mo>⊤</mo></msubsup><msub><mi>B</mi><mn>1</mn></msub><mo>+</mo><msub><mi>B</mi><mn>2</mn></msub><msubsup><mi>B</mi><mn>2</mn><mo>⊤</mo></msubsup></math>"
        ),
    },
    Equation {
        caption: "Global synchronisation w_e = u_e z(t) needs a harmonic signal of ±1: L1 u = 0, u_e = ±1",
        mathml: concat!(
            r#"<math display="block"><msub><mi>w</mi><mi>e</mi></msub><mo>=</mo><msub><mi>u</mi><mi>e</mi></msub><mi>ρ</mi><msup><mi>e</mi><mrow><mi>i</mi><mi>Ω</mi><mi>t</mi></mrow></msup>"#,
            r#"<mo separator="true">,</mo><mspace width="1em"/><msup><mi>ρ</mi><mn>2</mn></msup><mo>=</mo><mfrac><mrow><mi>Re</mi><mi>σ</mi></mrow><mrow><mi>Re</mi><mi>β</mi></mrow></mfrac>"#,
            r#"<mo separator="true">,</mo><mspace width="1em"/><mi>Ω</mi><mo>=</mo><mi>Im</mi><mi>σ</mi><mo>−</mo><mi>Im</mi><mi>β</mi><msup><mi>ρ</mi><mn>2</mn></msup></math>"#
        ),
    },
    Equation {
        caption: "Master stability function: a perturbation along an eigenvector of L1 (eigenvalue −Λ) grows at max Re eig M(Λ)",
        mathml: concat!(
            r#"<math display="block"><mi>M</mi><mo>(</mo><mi>Λ</mi><mo>)</mo><mo>=</mo><mrow><mo>(</mo><mtable>"#,
            "<mtr><mtd><mo>−</mo><mn>2</mn><mi>Re</mi><mi>σ</mi><mo>+</mo><mi>Λ</mi><mi>Re</mi><mi>μ</mi></mtd><mtd><mo>−</mo><mi>Λ</mi><mi>Im</mi><mi>μ</mi></mtd></mtr>",
            "<mtr><mtd><mo>−</mo><mn>2</mn><mi>Im</mi><mi>β</mi><msup><mi>ρ</mi><mn>2</mn></msup><mo>+</mo><mi>Λ</mi><mi>Im</mi><mi>μ</mi></mtd><mtd><mi>Λ</mi><mi>Re</mi><mi>μ</mi></mtd></mtr>",
            "</mtable><mo>)</mo></mrow></math>"
        ),
    },
];

/// The oscillators' parameters, shared with dirac-synchronization.
pub(crate) const MU_RE: ParamSpec =
    float("mu_re", "Re μ", "coupling, real part", "Real part of the coupling μ.", Interval::closed(-3.0, 3.0), 1.0);
pub(crate) const MU_IM: ParamSpec = float(
    "mu_im",
    "Im μ",
    "coupling, imaginary part",
    "Imaginary part of μ. With Re μ + Im β Im μ < 0 the longest modes are unstable.",
    Interval::closed(-3.0, 3.0),
    1.0,
);
pub(crate) const SIGMA_RE: ParamSpec = float(
    "sigma_re",
    "Re σ",
    "growth",
    "Re σ > 0: each oscillator has a limit cycle.",
    Interval::left_open(0.0, 5.0),
    1.0,
);
pub(crate) const SIGMA_IM: ParamSpec =
    float("sigma_im", "Im σ", "frequency", "Im σ: the linear frequency.", Interval::closed(-10.0, 10.0), 4.0);
pub(crate) const BETA_RE: ParamSpec =
    float("beta_re", "Re β", "saturation", "Re β > 0 bounds the amplitude.", Interval::left_open(0.0, 5.0), 1.0);
pub(crate) const BETA_IM: ParamSpec =
    float("beta_im", "Im β", "nonlinear frequency shift", "Im β: the shear.", Interval::closed(-10.0, 10.0), 2.0);
pub(crate) const DT: ParamSpec = float(
    "dt",
    "Δt",
    "RK4 step",
    "Step of the fourth-order Runge–Kutta integration; Δt times the fastest rate must stay below 2.5.",
    Interval::closed(1e-4, 0.1),
    0.01,
)
.with_scale(Scale::Log);

static SPEC: ModelSpec = ModelSpec {
    id: "global-sync",
    title: "Global topological synchronisation on cell and simplicial complexes",
    summary: "Identical Stuart–Landau oscillators on the edges of a torus, coupled through its Hodge Laplacian, can \
              all follow one limit cycle (up to their orientation) only if a harmonic edge signal of ±1 exists: on \
              the torus tiled by squares it does, on the triangulated torus it cannot (a triangle has an odd number \
              of edges). Whether the synchronised state is stable is read from the master stability function at \
              the complex's spectrum: the lines are this theory, the points the simulation (RK4).",
    papers: &[Paper {
        authors: "T. Carletti, L. Giambagli, G. Bianconi",
        title: "Global topological synchronization on simplicial and cell complexes",
        venue: "Physical Review Letters 130, 187401",
        year: 2023,
        doi: Some("10.1103/PhysRevLett.130.187401"),
        arxiv: Some("2208.14783"),
    }],
    equations: EQUATIONS,
    params: &[
        ParamSpec {
            name: "complex",
            symbol: "",
            label: "complex",
            unit: "",
            help: "The L×L torus tiled by squares (a cell complex: the all-ones edge signal is harmonic) or cut into \
                   triangles by diagonals (a simplicial complex: no harmonic ±1 signal).",
            kind: ParamKind::Choice {
                options: &[
                    Choice { value: "square", label: "square torus (cell complex)" },
                    Choice { value: "triangulated", label: "triangulated torus (simplicial complex)" },
                ],
                default: "square",
            },
        },
        ParamSpec {
            name: "L",
            symbol: "L",
            label: "torus side",
            unit: "",
            help: "Side of the torus: 2L² edges (3L² triangulated).",
            kind: ParamKind::Int { min: 3, max: 12, default: 8, scale: Scale::Linear },
        },
        MU_RE,
        MU_IM,
        SIGMA_RE,
        SIGMA_IM,
        BETA_RE,
        BETA_IM,
        float("t_max", "T", "duration", "Length of the simulation.", Interval::closed(1.0, 1000.0), 60.0)
            .with_scale(Scale::Log),
        DT,
        float(
            "perturbation",
            "δ",
            "initial perturbation",
            "Each w_e starts at ρ(1 + δ(ξ + iη)), ξ and η standard normal numbers: all-ones plus noise.",
            Interval::closed(1e-12, 0.5),
            1e-3,
        )
        .with_scale(Scale::Log),
    ],
    presets: &[
        Preset {
            name: "Square torus, stable (μ = 1 + i)",
            description: "The all-ones signal is harmonic and the master stability function is negative: the \
                          oscillators synchronise globally.",
            values: &[("complex", "square"), ("mu_re", "1"), ("mu_im", "1"), ("t_max", "60")],
        },
        Preset {
            name: "Square torus, unstable (μ = 1 − i)",
            description: "Re μ + Im β Im μ < 0: the longest modes grow at 0.14626 and the synchronised state breaks.",
            values: &[
                ("complex", "square"),
                ("mu_re", "1"),
                ("mu_im", "-1"),
                ("t_max", "60"),
                ("perturbation", "1e-9"),
            ],
        },
        Preset {
            name: "Triangulated torus (μ = 1 + i)",
            description: "No harmonic ±1 signal: the amplitudes equalise, but the edges lock at relative phases of \
                          60° and 120°, a twisted state, not global synchronisation.",
            values: &[("complex", "triangulated"), ("mu_re", "1"), ("mu_im", "1"), ("t_max", "150")],
        },
    ],
    observables: &[
        Observable::measured(
            "growth_rate",
            "growth rate of the amplitude spread std|w|/mean|w| where it lies between 1e-12 and 0.05 (second half)",
        )
        .predicted_by("msf_max"),
        Observable::theory("msf_max", "largest master stability function over the complex's spectrum"),
        Observable::measured("spread", "amplitude spread std|w|/mean|w| at the end"),
        Observable::measured(
            "phase_gap",
            "largest relative phase of the edges away from 0° or 180° at the end, in degrees",
        ),
        Observable::theory("harmonic_defect", "‖L1 1‖: 0 iff the all-ones edge signal is harmonic"),
    ],
};

/// The page's parameters, typed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub triangulated: bool,
    pub l: usize,
    pub mu: (f64, f64),
    pub sigma: (f64, f64),
    pub beta: (f64, f64),
    pub t_max: f64,
    pub dt: f64,
    pub perturbation: f64,
}

impl Settings {
    pub fn from_params(p: &Params) -> Self {
        Settings {
            triangulated: p.choice("complex") == "triangulated",
            l: p.int("L") as usize,
            mu: (p.float("mu_re"), p.float("mu_im")),
            sigma: (p.float("sigma_re"), p.float("sigma_im")),
            beta: (p.float("beta_re"), p.float("beta_im")),
            t_max: p.float("t_max"),
            dt: p.float("dt"),
            perturbation: p.float("perturbation"),
        }
    }

    pub fn edges(&self) -> f64 {
        (if self.triangulated { 3 } else { 2 } * self.l * self.l) as f64
    }

    pub fn work(&self) -> f64 {
        libm::ceil(self.t_max / self.dt) * self.edges()
    }

    /// A bound on the fastest rate: |μ| times L1's largest eigenvalue (8 on the square torus, 12
    /// on the triangulated one) plus the oscillator's own 2|σ| and the shear 2|β|ρ².
    pub fn rate(&self) -> f64 {
        let top = if self.triangulated { 12.0 } else { 8.0 };
        fastest_rate(self.mu, self.sigma, self.beta, top)
    }
}

/// |μ| times the coupling's largest eigenvalue `top`, plus the oscillator's own 2|σ| and the
/// shear 2|β|ρ²: a bound on the fastest rate of the linearised oscillators.
pub(crate) fn fastest_rate(mu: (f64, f64), sigma: (f64, f64), beta: (f64, f64), top: f64) -> f64 {
    let rho2 = sigma.0 / beta.0;
    libm::hypot(mu.0, mu.1) * top + 2.0 * libm::hypot(sigma.0, sigma.1) + 2.0 * libm::hypot(beta.0, beta.1) * rho2
}

/// What an RK4 run of the oscillators costs, for [`check_cost`].
pub(crate) struct Cost {
    /// A bound on the fastest rate.
    pub rate: f64,
    pub dt: f64,
    pub t_max: f64,
    /// Oscillators integrated, and what they sit on.
    pub cells: f64,
    pub what: &'static str,
    /// The parameters that shrink the run, for the message.
    pub lower: &'static str,
}

/// Refuses a step beyond RK4's reach and a run beyond the work limit, naming the parameters.
pub(crate) fn check_cost(c: Cost) -> Result<(), ParamError> {
    if c.dt * c.rate > RK4_REACH {
        return Err(ParamError::Constraint(format!(
            "dt={} is too large: with mu, sigma and beta as set the oscillators relax at rates up to {:.1}, and \
             RK4 needs dt times it below {RK4_REACH}: lower dt to {:.2e} or less",
            c.dt,
            c.rate,
            RK4_REACH / c.rate
        )));
    }
    let work = libm::ceil(c.t_max / c.dt) * c.cells;
    if work > WORK_LIMIT {
        return Err(ParamError::Constraint(format!(
            "t_max={} and dt={} on {:.0} {} need {work:.1e} updates, more than the limit of {WORK_LIMIT:.0e}: \
             lower {}, or raise dt",
            c.t_max, c.dt, c.cells, c.what, c.lower
        )));
    }
    Ok(())
}

impl Model for GlobalSync {
    fn spec(&self) -> &'static ModelSpec {
        &SPEC
    }

    fn check(&self, params: &Params) -> Result<(), ParamError> {
        let s = Settings::from_params(params);
        check_cost(Cost {
            rate: s.rate(),
            dt: s.dt,
            t_max: s.t_max,
            cells: s.edges(),
            what: "edges",
            lower: "t_max or L",
        })
    }

    fn cost(&self, params: &Params) -> f64 {
        Settings::from_params(params).work() / WORK_LIMIT
    }

    fn start(&self, params: &Params, seed: u64) -> Box<dyn Run> {
        Box::new(SyncRun::new(Settings::from_params(params), seed))
    }
}
