//! Low-rank plus random recurrent networks: J = gχ + m nᵀ/N.
//!
//! N rate units dx_i/dt = −x_i + Σ_j J_ij φ(x_j) + I_i with φ = tanh. The structured part m nᵀ/N
//! makes the activity low-dimensional: the currents line up along m, x_i ≈ κ m_i + I_i + noise,
//! with the single latent variable κ = nᵀφ(x)/N. The mean-field theory gives κ and the variance
//! Δ0 of the currents from the statistics of m, n and I (means M, variances Σ², overlap
//! Σ_mn = ρ Σ_m Σ_n), a pitchfork at λ = M_m M_n + Σ_mn = 1, and the outlier λ of the spectrum of J
//! outside the circle of radius g. The simulation is Euler's method at finite N.
//!
//! With `rank` = 2 the structure is m₁n₁ᵀ/N + m₂n₂ᵀ/N, its overlaps n_rᵀm_s/N → σ_rs set by four
//! parameters; the outliers are the eigenvalues of σ and the latent pair (κ₁, κ₂) follows the
//! flow of [`latent`]: fixed points along real eigenvectors of σ, a ring for σ = sI, a limit cycle
//! for a rotation.
//!
//! ## Reference
//! F. Mastrogiuseppe and S. Ostojic, "Linking connectivity, dynamics, and computations in low-rank
//! recurrent neural networks", Neuron 99, 609–623 (2018), doi:10.1016/j.neuron.2018.07.003.
//! M. Beiran, A. Dubreuil, A. Valente, F. Mastrogiuseppe and S. Ostojic, "Shaping dynamics with
//! multiple populations in low-rank recurrent networks", Neural Computation 33, 1572–1615 (2021),
//! doi:10.1162/neco_a_01381.

mod equations;
mod figures;
pub mod latent;
pub mod network;
pub mod run;
pub mod spectrum;
pub mod theory;

use crate::model::{
    Interval, Model, ModelSpec, Observable, Paper, ParamError, ParamKind, ParamSpec, Params, Preset, Run, Scale,
};
use theory::Stats;

pub struct LowRankRnn;

/// Most multiply-adds of the dynamics (N² per step) a run may take: about ten seconds in a browser.
pub const WORK_LIMIT: f64 = 2e10;

const OVERLAP_HELP: &str = "Rank 2 only: σ_rs = n_rᵀm_s/N as N → ∞. The two outliers of J are the eigenvalues of the \
                            matrix σ; a rotation (σ₁₂ = −σ₂₁) gives complex outliers a ± ib and, past a = 1, a limit \
                            cycle of (κ₁, κ₂); σ₁₁ = σ₂₂ > 1 with σ₁₂ = σ₂₁ = 0 gives a ring of fixed points.";
const OVERLAP_RANGE: Interval = Interval::closed(-4.0, 4.0);

static SPEC: ModelSpec = ModelSpec {
    id: "low-rank-rnn",
    title: "Low-rank plus random recurrent networks",
    summary: "A network whose connectivity is a random matrix gχ plus a rank-one structure m nᵀ/N. The structure \
              makes the activity low-dimensional: every current x_i lines up along the vector m, x_i ≈ κ m_i, with \
              one latent variable κ = nᵀφ(x)/N. Mean-field theory predicts κ and the spread of the currents from \
              the means, variances and overlap of m and n, and a pitchfork where the overlap λ = M_m M_n + Σ_mn \
              reaches 1: beyond it the network settles in one of two states ±κ (flip the initial condition to \
              see the other). λ is also the eigenvalue of J that leaves the circle of radius g. With rank 2, \
              J = gχ + m₁n₁ᵀ/N + m₂n₂ᵀ/N and the four overlaps σ_rs of n_r with m_s: the two outliers are the \
              eigenvalues of σ, and the latent pair (κ₁, κ₂) settles on a fixed point, on a ring of them, or on \
              a limit cycle when σ rotates. Lines are the theory, points the simulation at finite N.",
    papers: &[
        Paper {
            authors: "F. Mastrogiuseppe, S. Ostojic",
            title: "Linking connectivity, dynamics, and computations in low-rank recurrent neural networks",
            venue: "Neuron 99, 609–623",
            year: 2018,
            doi: Some("10.1016/j.neuron.2018.07.003"),
            arxiv: Some("1711.09672"),
        },
        Paper {
            authors: "M. Beiran, A. Dubreuil, A. Valente, F. Mastrogiuseppe, S. Ostojic",
            title: "Shaping dynamics with multiple populations in low-rank recurrent networks",
            venue: "Neural Computation 33, 1572–1615",
            year: 2021,
            doi: Some("10.1162/neco_a_01381"),
            arxiv: Some("2007.02062"),
        },
    ],
    equations: equations::ALL,
    params: &[
        ParamSpec::float(
            "g",
            "g",
            "strength of the random part",
            "Each entry of gχ has variance g²/N: its eigenvalues fill the disc of radius g. \
               The stationary theory holds for g < 1 (above, the random part makes the activity chaotic).",
            Interval::closed(0.0, 2.0),
            0.5,
        ),
        ParamSpec {
            name: "N",
            symbol: "N",
            label: "number of units",
            unit: "",
            help: "The theory holds as N → ∞; the simulation scatters about it by about 1/√N. Above 500 units the \
                   spectrum's bulk is drawn from a block of gχ (the whole spectrum would take too long).",
            kind: ParamKind::Int { min: 20, max: 3000, default: 1000, scale: Scale::Log },
        },
        ParamSpec::float("M_m", "M_m", "mean of m", "m_i = M_m + Σ_m y1_i.", Interval::closed(-3.0, 3.0), 0.0),
        ParamSpec::float(
            "M_n",
            "M_n",
            "mean of n",
            "n_i = M_n + Σ_n (ρ y1_i + √(1−ρ²) y2_i).",
            Interval::closed(-3.0, 3.0),
            0.0,
        ),
        ParamSpec::float(
            "S_m",
            "Σ_m",
            "spread of m",
            "Standard deviation of the entries of m.",
            Interval::closed(0.0, 3.0),
            1.0,
        ),
        ParamSpec::float(
            "S_n",
            "Σ_n",
            "spread of n",
            "Standard deviation of the entries of n.",
            Interval::closed(0.0, 3.0),
            2.5,
        ),
        ParamSpec::float(
            "rho",
            "ρ",
            "correlation of m and n",
            "Correlation of the fluctuations of m and n: their overlap is \
               Σ_mn = ρ Σ_m Σ_n.",
            Interval::closed(-1.0, 1.0),
            0.8,
        ),
        ParamSpec::float(
            "M_I",
            "M_I",
            "mean input",
            "I_i = M_I + Σ_I y3_i, constant in time.",
            Interval::closed(-2.0, 2.0),
            0.0,
        ),
        ParamSpec::float(
            "S_I",
            "Σ_I",
            "spread of the input",
            "Standard deviation of the input over units.",
            Interval::closed(0.0, 2.0),
            0.0,
        ),
        ParamSpec {
            name: "T",
            symbol: "T",
            label: "duration",
            unit: "τ",
            help: "Time simulated, in units of the time constant of the units.",
            kind: ParamKind::Float { range: Interval::closed(1.0, 500.0), default: 50.0, scale: Scale::Log },
        },
        ParamSpec {
            name: "dt",
            symbol: "Δt",
            label: "time step",
            unit: "τ",
            help: "Step of Euler's method.",
            kind: ParamKind::Float { range: Interval::closed(0.01, 0.5), default: 0.1, scale: Scale::Log },
        },
        ParamSpec {
            name: "flip",
            symbol: "",
            label: "flip the initial condition",
            unit: "",
            help: "Start from x(0) = −m + 0.1ξ instead of +m + 0.1ξ: the network falls into the other of the two \
                   symmetric states.",
            kind: ParamKind::Bool { default: false },
        },
        ParamSpec {
            name: "exact",
            symbol: "",
            label: "exact statistics",
            unit: "",
            help: "Centre and orthonormalise the random vectors behind m, n and I, so that their realised means, \
                   variances and overlap are exactly the parameters: the O(1/√N) scatter of the overlap goes.",
            kind: ParamKind::Bool { default: false },
        },
        ParamSpec {
            name: "rank",
            symbol: "R",
            label: "rank of the structure",
            unit: "",
            help: "1: J = gχ + m nᵀ/N with the means, spreads and ρ above. 2: J = gχ + m₁n₁ᵀ/N + m₂n₂ᵀ/N with m₁, m₂ \
                   independent standard Gaussian vectors and n_r = σ_r1 m₁ + σ_r2 m₂ + ξ_r (ξ_r independent standard \
                   Gaussian): the overlaps n_rᵀm_s/N → σ_rs are the four parameters below, and M_m, M_n, Σ_m, Σ_n, ρ \
                   are not used.",
            kind: ParamKind::Int { min: 1, max: 2, default: 1, scale: Scale::Linear },
        },
        ParamSpec::float("s11", "σ₁₁", "overlap of n₁ with m₁", OVERLAP_HELP, OVERLAP_RANGE, 2.0),
        ParamSpec::float(
            "s12",
            "σ₁₂",
            "overlap of n₁ with m₂",
            "Rank 2 only: n₁ᵀm₂/N as N → ∞ (see σ₁₁).",
            OVERLAP_RANGE,
            0.0,
        ),
        ParamSpec::float(
            "s21",
            "σ₂₁",
            "overlap of n₂ with m₁",
            "Rank 2 only: n₂ᵀm₁/N as N → ∞ (see σ₁₁).",
            OVERLAP_RANGE,
            0.0,
        ),
        ParamSpec::float(
            "s22",
            "σ₂₂",
            "overlap of n₂ with m₂",
            "Rank 2 only: n₂ᵀm₂/N as N → ∞ (see σ₁₁).",
            OVERLAP_RANGE,
            1.5,
        ),
    ],
    presets: &[
        Preset {
            name: "Case A: overlap through correlated fluctuations",
            description: "M_m = M_n = 0, Σ_mn = 2: two symmetric states κ = ±1.2895.",
            values: &[
                ("g", "0.5"),
                ("M_m", "0"),
                ("M_n", "0"),
                ("S_m", "1"),
                ("S_n", "2.8284271247461903"),
                ("rho", "0.7071067811865476"),
                ("M_I", "0"),
                ("S_I", "0"),
                ("rank", "1"),
            ],
        },
        Preset {
            name: "Case B: overlap through the means",
            description: "M_m = 1, M_n = 2, Σ_m = Σ_n = 1, ρ = 0: κ = μ = 1.1009.",
            values: &[
                ("g", "0.5"),
                ("M_m", "1"),
                ("M_n", "2"),
                ("S_m", "1"),
                ("S_n", "1"),
                ("rho", "0"),
                ("M_I", "0"),
                ("S_I", "0"),
                ("rank", "1"),
            ],
        },
        Preset {
            name: "Case C: below the pitchfork",
            description: "Σ_mn = 0.8 < 1: the activity decays to zero.",
            values: &[
                ("g", "0.5"),
                ("M_m", "0"),
                ("M_n", "0"),
                ("S_m", "1"),
                ("S_n", "1"),
                ("rho", "0.8"),
                ("M_I", "0"),
                ("S_I", "0"),
                ("rank", "1"),
            ],
        },
        Preset {
            name: "Rank two: ring of fixed points",
            description: "σ₁₁ = σ₂₂ = 2, σ₁₂ = σ₂₁ = 0: every direction of (κ₁, κ₂) is a fixed point, on a ring.",
            values: &[
                ("g", "0.5"),
                ("M_I", "0"),
                ("S_I", "0"),
                ("rank", "2"),
                ("s11", "2"),
                ("s12", "0"),
                ("s21", "0"),
                ("s22", "2"),
                ("T", "50"),
            ],
        },
        Preset {
            name: "Rank two: oscillation",
            description: "σ₁₁ = σ₂₂ = 1.5, σ₂₁ = −σ₁₂ = 1: outliers 1.5 ± i, (κ₁, κ₂) circles a limit cycle.",
            values: &[
                ("g", "0.3"),
                ("M_I", "0"),
                ("S_I", "0"),
                ("rank", "2"),
                ("s11", "1.5"),
                ("s12", "-1"),
                ("s21", "1"),
                ("s22", "1.5"),
                ("T", "100"),
            ],
        },
    ],
    observables: &[
        Observable::measured("kappa", "latent variable κ at T").predicted_by("kappa_theory"),
        Observable::theory("kappa_theory", "latent variable κ at T"),
        Observable::measured("delta0", "variance Δ0 of the currents at T").predicted_by("delta0_theory"),
        Observable::theory("delta0_theory", "variance Δ0 of the currents at T"),
        Observable::measured("mean_x", "mean μ of the currents at T").predicted_by("mu_theory"),
        Observable::theory("mu_theory", "mean μ of the currents at T"),
        Observable::measured("outlier", "outlier λ of the spectrum of J").predicted_by("outlier_theory"),
        Observable::theory("outlier_theory", "outlier λ of the spectrum of J"),
        Observable::measured("kappa_2", "second latent variable κ₂ at T (rank 2)").predicted_by("kappa_2_theory"),
        Observable::theory("kappa_2_theory", "second latent variable κ₂ at T (rank 2)"),
        Observable::measured("outlier_im", "imaginary part of the leading outlier (rank 2)")
            .predicted_by("outlier_im_theory"),
        Observable::theory("outlier_im_theory", "imaginary part of the leading outlier (rank 2)"),
    ],
};

/// The page's parameters, typed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub stats: Stats,
    pub n: usize,
    pub t_max: f64,
    pub dt: f64,
    pub flip: bool,
    pub exact: bool,
    /// Rank R of the structure, 1 or 2.
    pub rank: usize,
    /// σ_rs, the limits of n_rᵀm_s/N for rank 2.
    pub overlaps: [[f64; 2]; 2],
}

impl Settings {
    pub fn from_params(p: &Params) -> Self {
        Settings {
            stats: Stats {
                g: p.float("g"),
                m_m: p.float("M_m"),
                m_n: p.float("M_n"),
                s_m: p.float("S_m"),
                s_n: p.float("S_n"),
                rho: p.float("rho"),
                m_i: p.float("M_I"),
                s_i: p.float("S_I"),
            },
            n: p.int("N") as usize,
            t_max: p.float("T"),
            dt: p.float("dt"),
            flip: p.flag("flip"),
            exact: p.flag("exact"),
            rank: p.int("rank") as usize,
            overlaps: [[p.float("s11"), p.float("s12")], [p.float("s21"), p.float("s22")]],
        }
    }

    /// Euler steps to T.
    pub fn steps(&self) -> usize {
        (self.t_max / self.dt).round().max(1.0) as usize
    }

    /// Multiply-adds of the dynamics.
    pub fn work(&self) -> f64 {
        (self.n * self.n) as f64 * self.steps() as f64
    }
}

/// Refuse a run of the recurrent-network pages whose `work` (in units named by `what`) is above
/// `limit`, naming the parameters that set it.
pub fn check_budget(n: usize, t_max: f64, dt: f64, work: f64, limit: f64, what: &str) -> Result<(), ParamError> {
    if work > limit {
        return Err(ParamError::Constraint(format!(
            "N={n}, T={t_max} and dt={dt} need {work:.1e} {what}, more than the limit of {limit:.0e} (about ten \
             seconds): lower N or T, or raise dt"
        )));
    }
    Ok(())
}

impl Model for LowRankRnn {
    fn spec(&self) -> &'static ModelSpec {
        &SPEC
    }

    fn check(&self, params: &Params) -> Result<(), ParamError> {
        let s = Settings::from_params(params);
        check_budget(s.n, s.t_max, s.dt, s.work(), WORK_LIMIT, "N²·T/dt multiply-adds")
    }

    fn cost(&self, params: &Params) -> f64 {
        Settings::from_params(params).work() / WORK_LIMIT
    }

    fn start(&self, params: &Params, seed: u64) -> Box<dyn Run> {
        Box::new(run::LowRankRun::new(Settings::from_params(params), seed))
    }
}
