//! The hidden manifold model: inputs that are a nonlinear function of a few latent variables,
//! labelled by a teacher that acts on those latent variables, learnt online by a two-layer
//! student. The Gaussian equivalence theorem (GET) predicts the student's error from its current
//! weights alone; the same teacher on i.i.d. Gaussian inputs is the contrast, with the engine's
//! ODE as its theory.
//!
//! Data: c ~ N(0, I_D), x = f(F c/√D) with a fixed Gaussian feature matrix F (N × D), δ = D/N, f
//! sign or erf(·/√2); y = Σ_m g(w̃*_m·c/√D). The student ŷ = Σ_k g(w_k·x/√N) (second layer fixed
//! to 1) learns by online SGD (the engine's update). The full ODE of the hidden manifold model
//! (Goldt et al. 2020, Sec. V) is not implemented: the theory drawn is the GET evaluated on the
//! simulation's weights as they are at each recorded time.
//!
//! ## Reference
//! S. Goldt, M. Mézard, F. Krzakala and L. Zdeborová, Phys. Rev. X 10, 041044 (2020)
//! (arXiv:1909.11500); S. Goldt, B. Loureiro, G. Reeves, F. Krzakala, M. Mézard and L. Zdeborová,
//! MSML 2021 (arXiv:2006.14709).

pub mod figures;
pub mod run;
pub mod theory;

use crate::model::{
    Choice, Equation, Interval, Model, ModelSpec, Observable, Paper, ParamError, ParamKind, ParamSpec, Params, Preset,
    Run, Scale,
};
use crate::models::two_layer::page;
use theory::Feature;

pub struct HiddenManifold;

pub const GOLDT_PRX: Paper = Paper {
    authors: "S. Goldt, M. Mézard, F. Krzakala, L. Zdeborová",
    title: "Modeling the influence of data structure on learning in neural networks: the hidden manifold model",
    venue: "Physical Review X 10, 041044",
    year: 2020,
    doi: Some("10.1103/PhysRevX.10.041044"),
    arxiv: Some("1909.11500"),
};

pub const GOLDT_GET: Paper = Paper {
    authors: "S. Goldt, B. Loureiro, G. Reeves, F. Krzakala, M. Mézard, L. Zdeborová",
    title: "The Gaussian equivalence of generative models for learning with shallow neural networks",
    venue: "Proceedings of the 2nd Mathematical and Scientific Machine Learning Conference (MSML 2021)",
    year: 2021,
    doi: None,
    arxiv: Some("2006.14709"),
};

const DATA: Equation = Equation {
    caption: "Hidden manifold: D latent variables c, N inputs x made from them by a fixed F; the teacher reads c, the student x",
    mathml: r#"<math display="block"><mi class="vec">c</mi><mo>∼</mo><mi>𝒩</mi><mo>(</mo><mn>0</mn><mo>,</mo><msub><mi>I</mi><mi>D</mi></msub><mo>)</mo><mo separator="true">,</mo><mspace width="0.8em"/><mi class="vec">x</mi><mo>=</mo><mi>f</mi><mrow><mo>(</mo><mfrac><mrow><mi>F</mi><mi class="vec">c</mi></mrow><msqrt><mi>D</mi></msqrt></mfrac><mo>)</mo></mrow><mo separator="true">,</mo><mspace width="0.8em"/><mi>y</mi><mo>=</mo><munderover><mo>∑</mo><mrow><mi>m</mi><mo>=</mo><mn>1</mn></mrow><mi>M</mi></munderover><mi>g</mi><mrow><mo>(</mo><mfrac><mrow><msubsup><mover><mi class="vec">w</mi><mo>~</mo></mover><mi>m</mi><mo>*</mo></msubsup><mo>·</mo><mi class="vec">c</mi></mrow><msqrt><mi>D</mi></msqrt></mfrac><mo>)</mo></mrow><mo separator="true">,</mo><mspace width="0.8em"/><mover><mi>y</mi><mo>^</mo></mover><mo>=</mo><munderover><mo>∑</mo><mrow><mi>k</mi><mo>=</mo><mn>1</mn></mrow><mi>K</mi></munderover><mi>g</mi><mrow><mo>(</mo><mfrac><mrow><msub><mi class="vec">w</mi><mi>k</mi></msub><mo>·</mo><mi class="vec">x</mi></mrow><msqrt><mi>N</mi></msqrt></mfrac><mo>)</mo></mrow><mo separator="true">,</mo><mspace width="0.8em"/><mi>δ</mi><mo>=</mo><mfrac><mi>D</mi><mi>N</mi></mfrac></math>"#,
};

const GET: Equation = Equation {
    caption: "Gaussian equivalence: the local fields (λ, ν) are jointly Gaussian with these second moments, so ε_g is the two-layer closed form in (Q, R, T)",
    mathml: r#"<math display="block"><mi>Q</mi><mo>=</mo><mo>(</mo><msup><mi>κ</mi><mn>2</mn></msup><mo>−</mo><msubsup><mi>κ</mi><mn>1</mn><mn>2</mn></msubsup><mo>)</mo><mfrac><mrow><mi>w</mi><msup><mi>w</mi><mi>⊤</mi></msup></mrow><mi>N</mi></mfrac><mo>+</mo><msubsup><mi>κ</mi><mn>1</mn><mn>2</mn></msubsup><mfrac><mrow><mi>S</mi><msup><mi>S</mi><mi>⊤</mi></msup></mrow><mi>D</mi></mfrac><mo separator="true">,</mo><mspace width="0.8em"/><mi>R</mi><mo>=</mo><msub><mi>κ</mi><mn>1</mn></msub><mfrac><mrow><mi>S</mi><msup><mover><mi>w</mi><mo>~</mo></mover><mrow><mo>*</mo><mi>⊤</mi></mrow></msup></mrow><mi>D</mi></mfrac><mo separator="true">,</mo><mspace width="0.8em"/><mi>S</mi><mo>=</mo><mfrac><mrow><mi>w</mi><mi>F</mi></mrow><msqrt><mi>N</mi></msqrt></mfrac><mo separator="true">,</mo><mspace width="0.8em"/><msub><mi>κ</mi><mn>1</mn></msub><mo>=</mo><mo>⟨</mo><mi>u</mi><mi>f</mi><mo>(</mo><mi>u</mi><mo>)</mo><mo>⟩</mo><mo separator="true">,</mo><mspace width="0.4em"/><msup><mi>κ</mi><mn>2</mn></msup><mo>=</mo><mo>⟨</mo><mi>f</mi><msup><mrow><mo>(</mo><mi>u</mi><mo>)</mo></mrow><mn>2</mn></msup><mo>⟩</mo></math>"#,
};

const SGD: Equation = Equation {
    caption: "Online SGD of the first layer on the squared error, one fresh example per step, the second layer fixed to 1; time t = steps/N",
    mathml: r#"<math display="block"><msub><mi class="vec">w</mi><mi>k</mi></msub><mo>←</mo><msub><mi class="vec">w</mi><mi>k</mi></msub><mo>+</mo><mfrac><mi>η</mi><msqrt><mi>N</mi></msqrt></mfrac><msup><mi>g</mi><mo>′</mo></msup><mo>(</mo><msub><mi>λ</mi><mi>k</mi></msub><mo>)</mo><mo>(</mo><mi>y</mi><mo>−</mo><mover><mi>y</mi><mo>^</mo></mover><mo>)</mo><mi class="vec">x</mi><mo separator="true">,</mo><mspace width="1em"/><mi>g</mi><mo>(</mo><mi>u</mi><mo>)</mo><mo>=</mo><mi>erf</mi><mo>(</mo><mi>u</mi><mo>/</mo><msqrt><mn>2</mn></msqrt><mo>)</mo></math>"#,
};

const ERROR: Equation = Equation {
    caption: "The error of the erf committee from its overlaps (the same formula for both kinds of inputs)",
    mathml: r#"<math display="block"><msub><mi>ε</mi><mi>g</mi></msub><mo>=</mo><mfrac><mn>1</mn><mi>π</mi></mfrac><munder><mo>∑</mo><mrow><mi>i</mi><mo>,</mo><mi>k</mi></mrow></munder><mi>arcsin</mi><mfrac><msub><mi>Q</mi><mrow><mi>i</mi><mi>k</mi></mrow></msub><msqrt><mrow><mo>(</mo><mn>1</mn><mo>+</mo><msub><mi>Q</mi><mrow><mi>i</mi><mi>i</mi></mrow></msub><mo>)</mo><mo>(</mo><mn>1</mn><mo>+</mo><msub><mi>Q</mi><mrow><mi>k</mi><mi>k</mi></mrow></msub><mo>)</mo></mrow></msqrt></mfrac><mo>+</mo><mfrac><mn>1</mn><mi>π</mi></mfrac><munder><mo>∑</mo><mrow><mi>n</mi><mo>,</mo><mi>m</mi></mrow></munder><mi>arcsin</mi><mfrac><msub><mi>T</mi><mrow><mi>n</mi><mi>m</mi></mrow></msub><msqrt><mrow><mo>(</mo><mn>1</mn><mo>+</mo><msub><mi>T</mi><mrow><mi>n</mi><mi>n</mi></mrow></msub><mo>)</mo><mo>(</mo><mn>1</mn><mo>+</mo><msub><mi>T</mi><mrow><mi>m</mi><mi>m</mi></mrow></msub><mo>)</mo></mrow></msqrt></mfrac><mo>−</mo><mfrac><mn>2</mn><mi>π</mi></mfrac><munder><mo>∑</mo><mrow><mi>i</mi><mo>,</mo><mi>n</mi></mrow></munder><mi>arcsin</mi><mfrac><msub><mi>R</mi><mrow><mi>i</mi><mi>n</mi></mrow></msub><msqrt><mrow><mo>(</mo><mn>1</mn><mo>+</mo><msub><mi>Q</mi><mrow><mi>i</mi><mi>i</mi></mrow></msub><mo>)</mo><mo>(</mo><mn>1</mn><mo>+</mo><msub><mi>T</mi><mrow><mi>n</mi><mi>n</mi></mrow></msub><mo>)</mo></mrow></msqrt></mfrac></math>"#,
};

static SPEC: ModelSpec = ModelSpec {
    id: "hidden-manifold",
    title: "The hidden manifold model and Gaussian equivalence",
    summary: "Real inputs are not random vectors: they lie near a low-dimensional manifold. Here N inputs are a \
              fixed nonlinear function of D latent variables, x = f(Fc/√D), and the teacher's label depends on \
              the latent c only. A two-layer student learns online from x. Its error (points: measured on fresh \
              test examples) is predicted at every moment by the Gaussian equivalence theorem from the current \
              weights alone (line). The same teacher on i.i.d. Gaussian inputs of dimension D is learnt \
              perfectly, with its ODE; on the manifold the error stops at a floor that shrinks with δ = D/N. \
              The full ODE of the hidden manifold model is not drawn: the theory here is the GET along the \
              simulated trajectory.",
    papers: &[GOLDT_PRX, GOLDT_GET],
    equations: &[DATA, SGD, GET, ERROR],
    params: &[
        ParamSpec {
            name: "N",
            symbol: "N",
            label: "input dimension",
            unit: "",
            help: "Inputs per example. Drawing one example costs N·D multiply-adds (F c), so the run's time grows as \
                   N³δ for a fixed t_max.",
            kind: ParamKind::Int { min: 100, max: 2000, default: 300, scale: Scale::Log },
        },
        ParamSpec {
            name: "delta",
            symbol: "δ",
            label: "latent dimension per input, D/N",
            unit: "",
            help: "The manifold's dimension relative to the inputs': D = round(δN) latent variables. Small δ: the \
                   inputs lie close to a thin manifold and the student can come close to the teacher.",
            kind: ParamKind::Float { range: Interval::closed(0.05, 2.0), default: 0.5, scale: Scale::Log },
        },
        ParamSpec {
            name: "f",
            symbol: "f",
            label: "feature map",
            unit: "",
            help: "The nonlinearity that makes inputs from latent projections: sign (κ² = 1, κ₁ = √(2/π)) or \
                   erf(u/√2) (κ² = 1/3, κ₁ = 1/√π).",
            kind: ParamKind::Choice {
                options: &[Choice { value: "sign", label: "sign(u)" }, Choice { value: "erf", label: "erf(u/√2)" }],
                default: "sign",
            },
        },
        page::students(2),
        page::teachers(2),
        page::learning_rate(0.5),
        page::init_scale(1.0),
        ParamSpec {
            name: "t_max",
            symbol: "t_max",
            label: "training time",
            unit: "",
            help: "Length of training in time t = steps/N (steps/D for the Gaussian run), examples per input \
                   dimension.",
            kind: ParamKind::Float { range: Interval::closed(1.0, 10000.0), default: 300.0, scale: Scale::Log },
        },
        ParamSpec {
            name: "P_test",
            symbol: "P",
            label: "test examples",
            unit: "",
            help: "Fresh hidden-manifold examples, drawn once, on which the student's error and the local fields' \
                   covariance are measured at every recorded time. The measured error scatters by about \
                   ε_g·√(2/P).",
            kind: ParamKind::Int { min: 100, max: 20000, default: 1000, scale: Scale::Log },
        },
    ],
    presets: &[
        Preset {
            name: "Manifold against Gaussian inputs (sign, δ = 0.5)",
            description: "The paper's set-up: sign features, K = M = 2. Gaussian inputs are learnt perfectly; on the \
                          manifold the error stops at a floor, which the GET predicts from the weights.",
            values: &[
                ("N", "300"),
                ("delta", "0.5"),
                ("f", "sign"),
                ("K", "2"),
                ("M", "2"),
                ("lr", "0.5"),
                ("t_max", "300"),
            ],
        },
        Preset {
            name: "A thin manifold (δ = 0.1)",
            description: "Few latent variables: the inputs nearly determine c linearly, and the floor drops.",
            values: &[
                ("N", "400"),
                ("delta", "0.1"),
                ("f", "sign"),
                ("K", "2"),
                ("M", "2"),
                ("lr", "0.5"),
                ("t_max", "300"),
            ],
        },
        Preset {
            name: "A wide manifold (δ = 1.5)",
            description: "More latent variables than inputs: the student sees only a projection, and the floor rises.",
            values: &[
                ("N", "200"),
                ("delta", "1.5"),
                ("f", "sign"),
                ("K", "2"),
                ("M", "2"),
                ("lr", "0.5"),
                ("t_max", "300"),
            ],
        },
        Preset {
            name: "Smooth features (erf)",
            description: "f = erf(u/√2): κ² − κ₁² = 1/3 − 1/π is small, so the inputs are nearly a linear image of c.",
            values: &[
                ("N", "300"),
                ("delta", "0.5"),
                ("f", "erf"),
                ("K", "2"),
                ("M", "2"),
                ("lr", "0.5"),
                ("t_max", "300"),
            ],
        },
    ],
    observables: &[
        Observable::measured("eps", "test error ε_g on the manifold at t_max").predicted_by("eps_get"),
        Observable::theory("eps_get", "GET error ε_g on the manifold at t_max"),
        Observable::measured("eps_gauss", "error ε_g on i.i.d. Gaussian inputs at t_max").predicted_by("eps_gauss_ode"),
        Observable::theory("eps_gauss_ode", "error ε_g on i.i.d. Gaussian inputs at t_max"),
    ],
};

/// Most elementary operations a run may take: half the two-layer pages' budget (the run also
/// holds F and the test set in memory).
pub const WORK_LIMIT: f64 = 1.5e10;
/// Most numbers the test set may hold (P·N), 64 MB.
pub const TEST_LIMIT: usize = 8_000_000;

/// The page's parameters, typed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub n: usize,
    pub delta: f64,
    /// D = round(δN).
    pub d: usize,
    pub feature: Feature,
    pub k: usize,
    pub m: usize,
    pub lr: f64,
    pub w0: f64,
    pub t_max: f64,
    pub p_test: usize,
}

impl Settings {
    pub fn from_params(p: &Params) -> Self {
        let n = p.int("N") as usize;
        let delta = p.float("delta");
        Settings {
            n,
            delta,
            d: ((delta * n as f64).round() as usize).max(1),
            feature: Feature::from_name(p.choice("f")),
            k: p.int("K") as usize,
            m: p.int("M") as usize,
            lr: p.float("lr"),
            w0: p.float("w0"),
            t_max: p.float("t_max"),
            p_test: p.int("P_test") as usize,
        }
    }

    /// Operations of the run: per hidden-manifold step N·D for the input, 8D for c and N·2K for the
    /// student; the test set, N·D per example; the Gaussian run, D·(8 + M + 2K) per step.
    pub fn work(&self) -> f64 {
        let (n, d, k, m) = (self.n as f64, self.d as f64, self.k as f64, self.m as f64);
        let steps = self.t_max * n;
        steps * (n * d + 8.0 * d + 2.0 * k * n + m * d)
            + self.p_test as f64 * n * d
            + self.t_max * d * d * (8.0 + m + 2.0 * k)
    }
}

impl Model for HiddenManifold {
    fn spec(&self) -> &'static ModelSpec {
        &SPEC
    }

    fn check(&self, params: &Params) -> Result<(), ParamError> {
        let s = Settings::from_params(params);
        if s.d < s.m {
            return Err(ParamError::Constraint(format!(
                "δ = {} gives D = {} latent variables, fewer than the M = {} teacher units: raise δ or N, or lower M",
                s.delta, s.d, s.m
            )));
        }
        if s.p_test * s.n > TEST_LIMIT {
            return Err(ParamError::Constraint(format!(
                "P_test = {} test examples of N = {} inputs are {} numbers, more than the limit of {TEST_LIMIT}: lower \
                 P_test or N",
                s.p_test,
                s.n,
                s.p_test * s.n
            )));
        }
        let ops = s.work();
        if ops > WORK_LIMIT {
            return Err(ParamError::Constraint(format!(
                "N = {}, δ = {} (D = {}) and t_max = {} need {ops:.1e} operations, more than the limit of \
                 {WORK_LIMIT:.1e} (about ten seconds): each example costs N·D, so lower N, δ or t_max",
                s.n, s.delta, s.d, s.t_max
            )));
        }
        Ok(())
    }

    fn cost(&self, params: &Params) -> f64 {
        Settings::from_params(params).work() / WORK_LIMIT
    }

    fn start(&self, params: &Params, seed: u64) -> Box<dyn Run> {
        Box::new(run::HmmRun::new(Settings::from_params(params), seed))
    }
}
