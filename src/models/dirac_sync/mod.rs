//! Global topological Dirac synchronisation: identical Stuart–Landau oscillators on every cell of a
//! complex (nodes, edges and faces at once), coupled by 𝒞 = −D², D the Dirac operator,
//!
//! dΨ/dt = σ Ψ − β |Ψ|² Ψ − μ D² Ψ   (σ, β, μ complex; D² = diag(L0, L1, L2)).
//!
//! Ψ = u z(t), z the single oscillator's limit cycle, is a solution iff D u = 0 with |u_c| = 1 on
//! every cell: on a cycle and on the square torus such a u exists, on the triangulated torus it
//! cannot (a triangle's boundary sums three ±1). Its stability is the master stability function
//! of global-sync at the spectrum of D², the union of the three Hodge spectra. The catalogue leaves
//! open whether the paper couples by −D² or by D itself; −D² is built here, and with it the
//! dimensions do not talk to each other: the phase between the node and the edge signals is
//! neutral, which the page shows.
//!
//! ## Reference
//! T. Carletti, L. Giambagli, R. Muolo and G. Bianconi, "Global topological Dirac
//! synchronization", arXiv:2410.15338 (2024).

mod figures;
pub mod run;

use crate::model::{
    Choice, Equation, Interval, Model, ModelSpec, Observable, Paper, ParamError, ParamKind, ParamSpec, Params, Preset,
    Run, Scale,
};
use crate::models::dirac_turing::float;
use crate::models::global_sync::{
    BETA_IM, BETA_RE, Cost, DT, MU_IM, MU_RE, SIGMA_IM, SIGMA_RE, WORK_LIMIT, check_cost, fastest_rate,
};
pub use run::DiracSyncRun;

pub struct DiracSynchronization;

static EQUATIONS: &[Equation] = &[
    Equation {
        caption: "Stuart–Landau oscillators on nodes, edges and faces, coupled by the square of the Dirac operator",
        mathml: concat!(
            r#"<math display="block"><mfrac><mrow><mi>d</mi><mi>Ψ</mi></mrow><mrow><mi>d</mi><mi>t</mi></mrow></mfrac><mo>=</mo>"#,
            "<mi>σ</mi><mi>Ψ</mi><mo>−</mo><mi>β</mi><msup><mrow><mo>|</mo><mi>Ψ</mi><mo>|</mo></mrow><mn>2</mn></msup><mi>Ψ</mi>",
            "<mo>−</mo><mi>μ</mi><msup><mi>D</mi><mn>2</mn></msup><mi>Ψ</mi>",
            r#"<mo separator="true">,</mo><mspace width="1em"/><mi>D</mi><mo>=</mo><mrow><mo>(</mo><mtable>"#,
            "<mtr><mtd><mn>0</mn></mtd><mtd><msub><mi>B</mi><mn>1</mn></msub></mtd><mtd><mn>0</mn></mtd></mtr>",
            "<mtr><mtd><msubsup><mi>B</mi><mn>1</mn><mo>⊤</mo></msubsup></mtd><mtd><mn>0</mn></mtd><mtd><msub><mi>B</mi><mn>2</mn></msub></mtd></mtr>",
            "<mtr><mtd><mn>0</mn></mtd><mtd><msubsup><mi>B</mi><mn>2</mn><mo>⊤</mo></msubsup></mtd><mtd><mn>0</mn></mtd></mtr>",
            r#"</mtable><mo>)</mo></mrow><mo separator="true">,</mo><mspace width="1em"/><msup><mi>D</mi><mn>2</mn></msup><mo>=</mo>"#,
            "<mi>diag</mi><mo>(</mo><msub><mi>L</mi><mn>0</mn></msub><mo>,</mo><msub><mi>L</mi><mn>1</mn></msub><mo>,</mo><msub><mi>L</mi><mn>2</mn></msub><mo>)</mo></math>"
        ),
    },
    Equation {
        caption: "Global Dirac synchronisation Ψ = u z(t) needs a kernel vector of D of unit modulus on every cell",
        mathml: concat!(
            r#"<math display="block"><mi>Ψ</mi><mo>=</mo><mi>u</mi><mi>ρ</mi><msup><mi>e</mi><mrow><mi>i</mi><mi>Ω</mi><mi>t</mi></mrow></msup>"#,
            r#"<mo separator="true">,</mo><mspace width="1em"/><mi>D</mi><mi>u</mi><mo>=</mo><mn>0</mn>"#,
            r#"<mo separator="true">,</mo><mspace width="1em"/><mo>|</mo><msub><mi>u</mi><mi>c</mi></msub><mo>|</mo><mo>=</mo><mn>1</mn></math>"#
        ),
    },
    Equation {
        caption: "Stability: max Re eig M(Λ) < 0 at every Λ = −λ, λ ≠ 0 an eigenvalue of L0, L1 or L2 (M as in global-sync)",
        mathml: concat!(
            r#"<math display="block"><munder><mi>max</mi><mrow><mi>λ</mi><mo>∈</mo><mi>spec</mi><mo>(</mo><msup><mi>D</mi><mn>2</mn></msup><mo>)</mo><mo>∖</mo><mo>{</mo><mn>0</mn><mo>}</mo></mrow></munder>"#,
            "<mi>Re</mi><mi>eig</mi><mi>M</mi><mo>(</mo><mo>−</mo><mi>λ</mi><mo>)</mo><mo>&lt;</mo><mn>0</mn></math>"
        ),
    },
];

static SPEC: ModelSpec = ModelSpec {
    id: "dirac-synchronization",
    title: "Global topological Dirac synchronisation",
    summary: "Stuart–Landau oscillators live on the nodes, the edges and the faces of a complex at once, coupled \
              through the square of the Dirac operator. All of them can follow one limit cycle only if the Dirac \
              operator has a kernel vector of modulus one on every cell: a cycle and the square torus have one, \
              the triangulated torus has none. Its stability is the master stability function at the Hodge \
              spectra (lines: theory; points: RK4). With this coupling the node and edge signals never interact: \
              a phase between them stays where it starts. Whether the paper couples by −D² or by D itself is not \
              settled by the sources checked; −D² is what is built here.",
    papers: &[Paper {
        authors: "T. Carletti, L. Giambagli, R. Muolo, G. Bianconi",
        title: "Global topological Dirac synchronization",
        venue: "arXiv preprint",
        year: 2024,
        doi: None,
        arxiv: Some("2410.15338"),
    }],
    equations: EQUATIONS,
    params: &[
        ParamSpec {
            name: "complex",
            symbol: "",
            label: "complex",
            unit: "",
            help: "A cycle of n nodes and n edges; the L×L torus tiled by squares (nodes, edges, squares); or cut \
                   into triangles by diagonals (nodes, edges, triangles: no unit kernel vector of D).",
            kind: ParamKind::Choice {
                options: &[
                    Choice { value: "ring", label: "cycle (nodes and edges)" },
                    Choice { value: "square", label: "square torus (cell complex)" },
                    Choice { value: "triangulated", label: "triangulated torus (simplicial complex)" },
                ],
                default: "square",
            },
        },
        ParamSpec {
            name: "n",
            symbol: "n",
            label: "cycle length",
            unit: "",
            help: "Nodes (and edges) of the cycle; used when the complex is the cycle.",
            kind: ParamKind::Int { min: 3, max: 60, default: 12, scale: Scale::Linear },
        },
        ParamSpec {
            name: "L",
            symbol: "L",
            label: "torus side",
            unit: "",
            help: "Side of the torus (L² nodes, 2L² edges and L² squares, or 3L² edges and 2L² triangles); used \
                   for the tori.",
            kind: ParamKind::Int { min: 3, max: 12, default: 6, scale: Scale::Linear },
        },
        MU_RE,
        MU_IM,
        SIGMA_RE,
        SIGMA_IM,
        BETA_RE,
        BETA_IM,
        float(
            "edge_phase",
            "φ",
            "initial edge phase",
            "The edge signals start this many degrees ahead of the node and face signals.",
            Interval::closed(-180.0, 180.0),
            0.0,
        )
        .with_unit("°"),
        float("t_max", "T", "duration", "Length of the simulation.", Interval::closed(1.0, 1000.0), 40.0)
            .with_scale(Scale::Log),
        DT,
        float(
            "perturbation",
            "δ",
            "initial perturbation",
            "Each cell starts at u_c ρ(1 + δ(ξ + iη)), ξ and η standard normal numbers.",
            Interval::closed(1e-12, 0.5),
            1e-3,
        )
        .with_scale(Scale::Log),
    ],
    presets: &[
        Preset {
            name: "Square torus, stable (μ = 1 + i)",
            description: "D has a unit kernel vector (1 on nodes and squares, 1 on every edge along +x and +y) and \
                          the master stability function is negative on all three spectra: nodes, edges and \
                          squares all synchronise.",
            values: &[("complex", "square"), ("mu_re", "1"), ("mu_im", "1"), ("edge_phase", "0")],
        },
        Preset {
            name: "Square torus, unstable (μ = 1 − i)",
            description: "Re μ + Im β Im μ < 0: the longest modes of L0, L1 and L2 all grow at 0.14626 (L = 8).",
            values: &[
                ("complex", "square"),
                ("L", "8"),
                ("mu_re", "1"),
                ("mu_im", "-1"),
                ("t_max", "60"),
                ("perturbation", "1e-9"),
            ],
        },
        Preset {
            name: "Cycle, edges 135° ahead",
            description: "Nodes and edges each synchronise, but −D² does not couple them: the edges stay 135° \
                          ahead of the nodes for ever, a neutral direction the theory predicts.",
            values: &[
                ("complex", "ring"),
                ("n", "30"),
                ("mu_re", "1"),
                ("mu_im", "1"),
                ("edge_phase", "135"),
                ("t_max", "60"),
            ],
        },
        Preset {
            name: "Triangulated torus: no unit kernel vector",
            description: "The node signals synchronise, but no ±1 signal on the edges is harmonic: the edges lock \
                          at relative phases away from 0° and 180°.",
            values: &[("complex", "triangulated"), ("L", "6"), ("mu_re", "1"), ("mu_im", "1"), ("t_max", "150")],
        },
    ],
    observables: &[
        Observable::measured(
            "growth_rate",
            "growth rate of the distance ξ⊥ from the synchronised state where it lies between 1e-12 and 0.05 (second half)",
        )
        .predicted_by("msf_max"),
        Observable::theory("msf_max", "largest master stability function over the non-zero spectrum of D²"),
        Observable::measured("spread", "amplitude spread std|Ψ|/mean|Ψ| over all cells at the end"),
        Observable::measured(
            "edge_phase_end",
            "phase of the edge signals ahead of the node signals at the end, in degrees",
        )
        .predicted_by("edge_phase_start"),
        Observable::theory("edge_phase_start", "the same phase at the start: −D² leaves it unchanged"),
        Observable::theory("kernel_defect", "‖D u‖ for the candidate unit vector u: 0 iff it is in the kernel of D"),
    ],
};

/// The complexes of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Ring,
    Square,
    Triangulated,
}

/// The page's parameters, typed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub shape: Shape,
    pub n: usize,
    pub l: usize,
    pub mu: (f64, f64),
    pub sigma: (f64, f64),
    pub beta: (f64, f64),
    /// The edges' initial phase ahead of the nodes, in degrees.
    pub edge_phase: f64,
    pub t_max: f64,
    pub dt: f64,
    pub perturbation: f64,
}

impl Settings {
    pub fn from_params(p: &Params) -> Self {
        Settings {
            shape: match p.choice("complex") {
                "ring" => Shape::Ring,
                "triangulated" => Shape::Triangulated,
                _ => Shape::Square,
            },
            n: p.int("n") as usize,
            l: p.int("L") as usize,
            mu: (p.float("mu_re"), p.float("mu_im")),
            sigma: (p.float("sigma_re"), p.float("sigma_im")),
            beta: (p.float("beta_re"), p.float("beta_im")),
            edge_phase: p.float("edge_phase"),
            t_max: p.float("t_max"),
            dt: p.float("dt"),
            perturbation: p.float("perturbation"),
        }
    }

    /// Nodes + edges + faces.
    pub fn cells(&self) -> f64 {
        let l2 = (self.l * self.l) as f64;
        match self.shape {
            Shape::Ring => 2.0 * self.n as f64,
            Shape::Square => 4.0 * l2,
            Shape::Triangulated => 6.0 * l2,
        }
    }

    pub fn work(&self) -> f64 {
        libm::ceil(self.t_max / self.dt) * self.cells()
    }

    /// A bound on the fastest rate: |μ| times the largest eigenvalue of D² (4 on a cycle, 8 on the
    /// square torus, 12 on the triangulated one) plus the oscillator's own 2|σ| and shear 2|β|ρ².
    pub fn rate(&self) -> f64 {
        let top = match self.shape {
            Shape::Ring => 4.0,
            Shape::Square => 8.0,
            Shape::Triangulated => 12.0,
        };
        fastest_rate(self.mu, self.sigma, self.beta, top)
    }
}

impl Model for DiracSynchronization {
    fn spec(&self) -> &'static ModelSpec {
        &SPEC
    }

    fn check(&self, params: &Params) -> Result<(), ParamError> {
        let s = Settings::from_params(params);
        check_cost(Cost {
            rate: s.rate(),
            dt: s.dt,
            t_max: s.t_max,
            cells: s.cells(),
            what: "cells",
            lower: "t_max, L or n",
        })
    }

    fn cost(&self, params: &Params) -> f64 {
        Settings::from_params(params).work() / WORK_LIMIT
    }

    fn start(&self, params: &Params, seed: u64) -> Box<dyn Run> {
        Box::new(DiracSyncRun::new(Settings::from_params(params), seed))
    }
}
