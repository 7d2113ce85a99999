//! Gradient descent and Langevin dynamics on the spherical p-spin model, the canonical rough
//! landscape: the energy of a random start falls toward the threshold e_th = −√(2(p−1)/p), not
//! toward the ground state; two-time correlations age; the Hessian's semicircle, centred at −p·e,
//! slides until its edge touches 0 (marginality). The theory is the Cugliandolo–Kurchan equations,
//! integrated on a two-time grid; a panel shows the BBP transition of a spiked random matrix.
//!
//! ## Reference
//! L. F. Cugliandolo and J. Kurchan, "Analytical solution of the off-equilibrium dynamics of a
//! long-range spin-glass model", Phys. Rev. Lett. 71, 173 (1993). Lecture notes: "High-dimensional
//! non-convex landscapes and gradient descent dynamics", arXiv:2308.03754. Ground state: A.
//! Auffinger, G. Ben Arous and J. Černý, Commun. Pure Appl. Math. 66, 165 (2013). BBP: J. Baik,
//! G. Ben Arous and S. Péché, Ann. Probab. 33, 1643 (2005).

pub mod couplings;
mod figures;
pub mod run;
pub mod theory;

use crate::model::{
    Equation, Interval, Model, ModelSpec, Observable, Paper, ParamError, ParamKind, ParamSpec, Params, Preset, Run,
    Scale,
};

pub use run::PSpinRun;

pub struct PSpinDescent;

/// The most work a run may take, in couplings visited (about 10 s in a browser).
pub const WORK_LIMIT: f64 = 1.2e10;

static SPEC: ModelSpec = ModelSpec {
    id: "p-spin-descent",
    title: "Spherical p-spin: gradient descent, aging and the threshold",
    summary: "Gradient descent on the spherical p-spin glass, the textbook rough landscape. From a random \
              start the energy does not reach the ground state: it creeps toward the threshold energy e_th, \
              where the minima become marginal, and the system ages, forgetting its past ever more slowly. \
              The Hessian's spectrum is a semicircle that slides with the energy until its edge touches zero. \
              Lines are the Cugliandolo–Kurchan theory (N → ∞), points the simulation at finite N; a last \
              panel shows the BBP transition of a spiked random matrix.",
    papers: &[
        Paper {
            authors: "L. F. Cugliandolo, J. Kurchan",
            title: "Analytical solution of the off-equilibrium dynamics of a long-range spin-glass model",
            venue: "Physical Review Letters 71, 173",
            year: 1993,
            doi: Some("10.1103/PhysRevLett.71.173"),
            arxiv: Some("cond-mat/9303036"),
        },
        Paper {
            authors: "T. Bonnaire, D. Ghio, K. Krishnamurthy, F. Mignacco, A. Yamamura, G. Biroli",
            title: "High-dimensional non-convex landscapes and gradient descent dynamics",
            venue: "Lecture notes, Les Houches, arXiv preprint",
            year: 2023,
            doi: None,
            arxiv: Some("2308.03754"),
        },
        Paper {
            authors: "A. Auffinger, G. Ben Arous, J. Černý",
            title: "Random matrices and complexity of spin glasses",
            venue: "Communications on Pure and Applied Mathematics 66, 165",
            year: 2013,
            doi: Some("10.1002/cpa.21422"),
            arxiv: Some("1003.1129"),
        },
        Paper {
            authors: "J. Baik, G. Ben Arous, S. Péché",
            title: "Phase transition of the largest eigenvalue for nonnull complex sample covariance matrices",
            venue: "Annals of Probability 33, 1643",
            year: 2005,
            doi: Some("10.1214/009117905000000233"),
            arxiv: Some("math/0403022"),
        },
    ],
    equations: &[
        Equation {
            caption: "The energy on the sphere |σ|² = N; couplings over ordered p-tuples, so that Cov(H(σ), H(σ′)) = (N/2)(σ·σ′/N)^p",
            mathml: r#"<math display="block"><mi>H</mi><mo>(</mo><mi mathvariant="bold">σ</mi><mo>)</mo><mo>=</mo><mo>−</mo><munder><mo>∑</mo><mrow><msub><mi>i</mi><mn>1</mn></msub><mo>&lt;</mo><mo>…</mo><mo>&lt;</mo><msub><mi>i</mi><mi>p</mi></msub></mrow></munder><msub><mi>J</mi><mrow><msub><mi>i</mi><mn>1</mn></msub><mo>…</mo><msub><mi>i</mi><mi>p</mi></msub></mrow></msub><msub><mi>σ</mi><msub><mi>i</mi><mn>1</mn></msub></msub><mo>⋯</mo><msub><mi>σ</mi><msub><mi>i</mi><mi>p</mi></msub></msub><mo separator="true">,</mo><mspace width="1em"/><msub><mi>J</mi><mrow><msub><mi>i</mi><mn>1</mn></msub><mo>…</mo><msub><mi>i</mi><mi>p</mi></msub></mrow></msub><mo>∼</mo><mi mathvariant="script">N</mi><mo>(</mo><mn>0</mn><mo separator="true">,</mo><mfrac><mrow><mi>p</mi><mo>!</mo></mrow><mrow><mn>2</mn><msup><mi>N</mi><mrow><mi>p</mi><mo>−</mo><mn>1</mn></mrow></msup></mrow></mfrac><mo>)</mo></math>"#,
        },
        Equation {
            caption: "Gradient descent (T = 0) or Langevin dynamics, kept on the sphere by μ(t): an Euler step, then σ rescaled to |σ|² = N",
            mathml: r#"<math display="block"><mover><mi mathvariant="bold">σ</mi><mo>˙</mo></mover><mo>=</mo><mo>−</mo><mo>∇</mo><mi>H</mi><mo>(</mo><mi mathvariant="bold">σ</mi><mo>)</mo><mo>−</mo><mi>μ</mi><mo>(</mo><mi>t</mi><mo>)</mo><mi mathvariant="bold">σ</mi><mo>+</mo><mi mathvariant="bold">η</mi><mo separator="true">,</mo><mspace width="1em"/><mo>⟨</mo><msub><mi>η</mi><mi>i</mi></msub><mo>(</mo><mi>t</mi><mo>)</mo><msub><mi>η</mi><mi>j</mi></msub><mo>(</mo><msup><mi>t</mi><mo>′</mo></msup><mo>)</mo><mo>⟩</mo><mo>=</mo><mn>2</mn><mi>T</mi><msub><mi>δ</mi><mrow><mi>i</mi><mi>j</mi></mrow></msub><mi>δ</mi><mo>(</mo><mi>t</mi><mo>−</mo><msup><mi>t</mi><mo>′</mo></msup><mo>)</mo><mo separator="true">,</mo><mspace width="1em"/><mi>μ</mi><mo>=</mo><mi>T</mi><mo>−</mo><mi>p</mi><mi>e</mi><mo>(</mo><mi>t</mi><mo>)</mo></math>"#,
        },
        Equation {
            caption: "Cugliandolo–Kurchan: the correlation C(t,t′) = σ(t)·σ(t′)/N as N → ∞, with ξ(q) = q^p/2 and C(t,t) = 1",
            mathml: r#"<math display="block"><msub><mo>∂</mo><mi>t</mi></msub><mi>C</mi><mo>(</mo><mi>t</mi><mo separator="true">,</mo><msup><mi>t</mi><mo>′</mo></msup><mo>)</mo><mo>=</mo><mo>−</mo><mi>μ</mi><mo>(</mo><mi>t</mi><mo>)</mo><mi>C</mi><mo>(</mo><mi>t</mi><mo separator="true">,</mo><msup><mi>t</mi><mo>′</mo></msup><mo>)</mo><mo>+</mo><msubsup><mo>∫</mo><mn>0</mn><msup><mi>t</mi><mo>′</mo></msup></msubsup><msup><mi>ξ</mi><mo>′</mo></msup><mo>(</mo><mi>C</mi><mo>(</mo><mi>t</mi><mo separator="true">,</mo><mi>s</mi><mo>)</mo><mo>)</mo><mi>R</mi><mo>(</mo><msup><mi>t</mi><mo>′</mo></msup><mo separator="true">,</mo><mi>s</mi><mo>)</mo><mi>d</mi><mi>s</mi><mo>+</mo><msubsup><mo>∫</mo><mn>0</mn><mi>t</mi></msubsup><msup><mi>ξ</mi><mo>″</mo></msup><mo>(</mo><mi>C</mi><mo>(</mo><mi>t</mi><mo separator="true">,</mo><mi>s</mi><mo>)</mo><mo>)</mo><mi>R</mi><mo>(</mo><mi>t</mi><mo separator="true">,</mo><mi>s</mi><mo>)</mo><mi>C</mi><mo>(</mo><mi>s</mi><mo separator="true">,</mo><msup><mi>t</mi><mo>′</mo></msup><mo>)</mo><mi>d</mi><mi>s</mi></math>"#,
        },
        Equation {
            caption: "The response R(t,t′), R(t,t⁻) = 1, and the energy per spin",
            mathml: r#"<math display="block"><msub><mo>∂</mo><mi>t</mi></msub><mi>R</mi><mo>(</mo><mi>t</mi><mo separator="true">,</mo><msup><mi>t</mi><mo>′</mo></msup><mo>)</mo><mo>=</mo><mo>−</mo><mi>μ</mi><mo>(</mo><mi>t</mi><mo>)</mo><mi>R</mi><mo>(</mo><mi>t</mi><mo separator="true">,</mo><msup><mi>t</mi><mo>′</mo></msup><mo>)</mo><mo>+</mo><msubsup><mo>∫</mo><msup><mi>t</mi><mo>′</mo></msup><mi>t</mi></msubsup><msup><mi>ξ</mi><mo>″</mo></msup><mo>(</mo><mi>C</mi><mo>(</mo><mi>t</mi><mo separator="true">,</mo><mi>s</mi><mo>)</mo><mo>)</mo><mi>R</mi><mo>(</mo><mi>t</mi><mo separator="true">,</mo><mi>s</mi><mo>)</mo><mi>R</mi><mo>(</mo><mi>s</mi><mo separator="true">,</mo><msup><mi>t</mi><mo>′</mo></msup><mo>)</mo><mi>d</mi><mi>s</mi><mo separator="true">,</mo><mspace width="1em"/><mi>e</mi><mo>(</mo><mi>t</mi><mo>)</mo><mo>=</mo><mo>−</mo><msubsup><mo>∫</mo><mn>0</mn><mi>t</mi></msubsup><msup><mi>ξ</mi><mo>′</mo></msup><mo>(</mo><mi>C</mi><mo>(</mo><mi>t</mi><mo separator="true">,</mo><mi>s</mi><mo>)</mo><mo>)</mo><mi>R</mi><mo>(</mo><mi>t</mi><mo separator="true">,</mo><mi>s</mi><mo>)</mo><mi>d</mi><mi>s</mi></math>"#,
        },
        Equation {
            caption: "The Hessian on the sphere: a semicircle of radius √(2p(p−1)) centred at −p·e; its edge reaches 0 at the threshold energy",
            mathml: r#"<math display="block"><msub><mi>λ</mi><mi>min</mi></msub><mo>=</mo><mo>−</mo><mi>p</mi><mi>e</mi><mo>−</mo><msqrt><mrow><mn>2</mn><mi>p</mi><mo>(</mo><mi>p</mi><mo>−</mo><mn>1</mn><mo>)</mo></mrow></msqrt><mo separator="true">,</mo><mspace width="1em"/><msub><mi>e</mi><mi>th</mi></msub><mo>=</mo><mo>−</mo><msqrt><mfrac><mrow><mn>2</mn><mo>(</mo><mi>p</mi><mo>−</mo><mn>1</mn><mo>)</mo></mrow><mi>p</mi></mfrac></msqrt></math>"#,
        },
        Equation {
            caption: "BBP: the top eigenvalue of λvvᵀ + W (W of the GOE, |v| = 1) leaves the bulk edge 2, and its eigenvector finds v, past λ = 1",
            mathml: r#"<math display="block"><msub><mi>λ</mi><mi>max</mi></msub><mo>→</mo><mi>λ</mi><mo>+</mo><mfrac><mn>1</mn><mi>λ</mi></mfrac><mo separator="true">,</mo><mspace width="1em"/><msup><mrow><mo>(</mo><mover><mi mathvariant="bold">v</mi><mo>^</mo></mover><mo>·</mo><mi mathvariant="bold">v</mi><mo>)</mo></mrow><mn>2</mn></msup><mo>→</mo><mn>1</mn><mo>−</mo><mfrac><mn>1</mn><msup><mi>λ</mi><mn>2</mn></msup></mfrac><mspace width="1em"/><mo>(</mo><mi>λ</mi><mo>&gt;</mo><mn>1</mn><mo>)</mo></math>"#,
        },
    ],
    params: &[
        ParamSpec {
            name: "p",
            symbol: "p",
            label: "interaction order",
            unit: "",
            help: "Spins per coupling. p = 2 is a smooth landscape in disguise (the threshold is the ground state, \
                   e → −1 + 3/(8t)); p ≥ 3 is rough: exponentially many minima above the ground state.",
            kind: ParamKind::Int { min: 2, max: 4, default: 3, scale: Scale::Linear },
        },
        ParamSpec {
            name: "N",
            symbol: "N",
            label: "number of spins",
            unit: "",
            help: "There are C(N + p − 1, p) couplings: at most 4.6 million (N ≤ 300 at p = 3, N ≤ 101 at p = 4). \
                   At finite N the energy scatters by about 1/√(2N) and, late, stays above the N → ∞ curve: a \
                   finite system gets stuck in a minimum.",
            kind: ParamKind::Int { min: 20, max: 300, default: 120, scale: Scale::Log },
        },
        ParamSpec::float(
            "T",
            "T",
            "temperature",
            "Langevin noise of variance 2T per unit time; T = 0 is gradient descent. Above the dynamical temperature \
             T_d (√(3/8) = 0.612 for p = 3) the dynamics equilibrates at e = −1/(2T); below, it ages.",
            Interval::closed(0.0, 2.0),
            0.0,
        ),
        ParamSpec::float(
            "t_max",
            "t_max",
            "duration",
            "How long the dynamics runs, in units of the gradient flow's time.",
            Interval::closed(1.0, 100.0),
            20.0,
        )
        .with_scale(Scale::Log),
        ParamSpec::float(
            "dt",
            "Δt",
            "time step",
            "Step of the projected Euler scheme. The energy at given t moves by O(Δt): 0.02 changes it by less than \
             the scatter between samples at N ≤ 300.",
            Interval::closed(0.002, 0.1),
            0.02,
        )
        .with_scale(Scale::Log),
        ParamSpec {
            name: "seeds",
            symbol: "",
            label: "disorder samples averaged",
            unit: "",
            help: "Each sample draws its own couplings and start; the points are their mean and its standard error. \
                   The Hessian is taken on the first sample.",
            kind: ParamKind::Int { min: 1, max: 20, default: 3, scale: Scale::Linear },
        },
    ],
    presets: &[
        Preset {
            name: "p = 3, gradient descent: aging toward the threshold",
            description: "e(t) creeps toward e_th = −1.1547, far above the ground state −1.1717 … and the Hessian's \
                          edge toward 0.",
            values: &[("p", "3"), ("N", "150"), ("T", "0"), ("t_max", "20"), ("dt", "0.02"), ("seeds", "3")],
        },
        Preset {
            name: "p = 2: the closed form",
            description: "A landscape with two minima: e(t) = −1 + 3/(8t) exactly, threshold and ground state at −1.",
            values: &[("p", "2"), ("N", "300"), ("T", "0"), ("t_max", "50"), ("dt", "0.02"), ("seeds", "3")],
        },
        Preset {
            name: "p = 3, Langevin at T = 1 > T_d: equilibrium",
            description: "Above T_d = 0.612 the dynamics forgets its start: e → −1/(2T) = −0.5 and C(t_w + τ, t_w) \
                          depends on τ only.",
            values: &[("p", "3"), ("N", "150"), ("T", "1"), ("t_max", "20"), ("dt", "0.02"), ("seeds", "3")],
        },
        Preset {
            name: "p = 3, Langevin at T = 0.4 < T_d: aging",
            description: "Below T_d the correlations keep depending on the age t_w: the older, the slower.",
            values: &[("p", "3"), ("N", "150"), ("T", "0.4"), ("t_max", "40"), ("dt", "0.02"), ("seeds", "3")],
        },
        Preset {
            name: "p = 4, N = 80",
            description: "A rougher landscape: e_th = −1.2247.",
            values: &[("p", "4"), ("N", "80"), ("T", "0"), ("t_max", "20"), ("dt", "0.02"), ("seeds", "2")],
        },
    ],
    observables: &[
        Observable::measured("energy", "energy per spin e at t_max").predicted_by("energy_theory"),
        Observable::theory("energy_theory", "energy per spin e at t_max"),
        Observable::measured("edge", "lowest Hessian eigenvalue at t_max").predicted_by("edge_theory"),
        Observable::theory("edge_theory", "lowest Hessian eigenvalue at t_max"),
    ],
};

/// The page's parameters, typed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub p: usize,
    pub n: usize,
    pub temperature: f64,
    pub t_max: f64,
    pub dt: f64,
    pub seeds: usize,
}

impl Settings {
    pub fn from_params(p: &Params) -> Self {
        Settings {
            p: p.int("p") as usize,
            n: p.int("N") as usize,
            temperature: p.float("T"),
            t_max: p.float("t_max"),
            dt: p.float("dt"),
            seeds: p.int("seeds") as usize,
        }
    }

    /// Euler steps per sample.
    pub fn steps(&self) -> u64 {
        ((self.t_max / self.dt).round() as u64).max(1)
    }

    /// Couplings visited over the run (each step visits every coupling once).
    pub fn work(&self) -> f64 {
        couplings::count(self.n, self.p) as f64 * self.steps() as f64 * self.seeds as f64
    }
}

impl Model for PSpinDescent {
    fn spec(&self) -> &'static ModelSpec {
        &SPEC
    }

    fn check(&self, params: &Params) -> Result<(), ParamError> {
        let s = Settings::from_params(params);
        let stored = couplings::count(s.n, s.p);
        if stored > couplings::MAX_COUPLINGS {
            return Err(ParamError::Constraint(format!(
                "p={} with N={} has C(N + p − 1, p) = {stored} couplings, more than the limit of {}: lower N \
                 (at most 300 for p = 3, 101 for p = 4)",
                s.p,
                s.n,
                couplings::MAX_COUPLINGS
            )));
        }
        if s.work() > WORK_LIMIT {
            return Err(ParamError::Constraint(format!(
                "p={} with N={}, t_max={}, dt={} and seeds={} visits {:.1e} couplings, more than the limit of \
                 {WORK_LIMIT:.1e} (about ten seconds): lower N, t_max or seeds, or raise dt",
                s.p,
                s.n,
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
        Box::new(PSpinRun::new(Settings::from_params(params), seed))
    }
}
