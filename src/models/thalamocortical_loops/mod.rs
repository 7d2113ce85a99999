//! A cortical network modulated by a few thalamocortical loops: a minimal model in the spirit of
//! Logiaco, Abbott & Escola (2021).
//!
//! N cortical units, τ dx/dt = −x + J r + U s + b, with r = x (linear units) or r = [x]₊
//! (rectified units), and K = 3 thalamic units in fast loops with the cortex, s = G Vᵀ r. The basal
//! ganglia switch each loop on or off (G = diag(g_k), g_k ∈ {0, 1}), so the cortex runs with
//! J_eff = J + U G Vᵀ: a random matrix with a switchable perturbation of rank ≤ 3. Its spectrum is
//! the disc of radius g_J plus outliers at the eigenvalues of G VᵀU = G γM (Tao 2013), which set
//! the slow dynamics (a complex pair is a damped rotation); switching loops switches between linear
//! dynamical systems. A readout z = W_out r shows the motif the loops select.
//!
//! The paper's exact equations were not available: this is the catalogue's specification (A4),
//! consistent with the paper's abstract, not a reproduction of its figures.
//!
//! ## Reference
//! L. Logiaco, L. F. Abbott and S. Escola, "Thalamic control of cortical dynamics in a model of
//! flexible motor sequencing", Cell Reports 35, 109090 (2021), doi:10.1016/j.celrep.2021.109090.
//! T. Tao, "Outliers in the spectrum of iid matrices with bounded rank perturbations", Probab.
//! Theory Relat. Fields 155, 231–263 (2013).

mod equations;
mod figures;
pub mod network;
pub mod run;

use crate::model::{
    Choice, Interval, Model, ModelSpec, Observable, Paper, ParamError, ParamKind, ParamSpec, Params, Preset, Run, Scale,
};
use crate::models::low_rank_rnn::check_budget;
use crate::num::eigen::{Complex, eigenvalues};
use network::{K, M, Units};

pub struct ThalamocorticalLoops;

/// Most floating-point operations a run may take (RK4 steps and spectra): about ten seconds in a
/// browser.
pub const WORK_LIMIT: f64 = 3e10;

/// The loop configurations of the "sequence" mode, one per motif, cycled: all loops, loop 1 alone,
/// loops 2 and 3, loops 1 and 3.
pub const SEQUENCE: [u8; 4] = [0b111, 0b001, 0b110, 0b101];

const fn flag(name: &'static str, label: &'static str, help: &'static str) -> ParamSpec {
    ParamSpec { name, symbol: "", label, unit: "", help, kind: ParamKind::Bool { default: true } }
}

static SPEC: ModelSpec = ModelSpec {
    id: "thalamocortical-loops",
    title: "A cortical network switched by thalamocortical loops",
    summary: "A minimal model in the spirit of Logiaco, Abbott & Escola (2021): a random recurrent cortical \
              network in loops with three thalamic units, which the basal ganglia switch on and off. Each loop \
              adds a rank-one term to the cortical connectivity, J_eff = J + U G Vᵀ, and the eigenvalues of J_eff \
              leave the disc of radius g_J at the eigenvalues of G·VᵀU (lines: theory, points: the finite-N \
              spectrum). The outliers set the slow dynamics, so switching loops switches the cortex between \
              linear dynamical systems: watch the readout change course at each motif in the sequence mode. \
              Units are linear or rectified.",
    papers: &[
        Paper {
            authors: "L. Logiaco, L. F. Abbott, S. Escola",
            title: "Thalamic control of cortical dynamics in a model of flexible motor sequencing",
            venue: "Cell Reports 35, 109090",
            year: 2021,
            doi: Some("10.1016/j.celrep.2021.109090"),
            arxiv: None,
        },
        Paper {
            authors: "T. Tao",
            title: "Outliers in the spectrum of iid matrices with bounded rank perturbations",
            venue: "Probability Theory and Related Fields 155, 231–263",
            year: 2013,
            doi: Some("10.1007/s00440-011-0397-9"),
            arxiv: Some("1012.4818"),
        },
    ],
    equations: equations::ALL,
    params: &[
        ParamSpec {
            name: "N",
            symbol: "N",
            label: "cortical units",
            unit: "",
            help: "The spectrum of every loop configuration is computed in full, which costs N³: up to 800 units.",
            kind: ParamKind::Int { min: 20, max: 800, default: 300, scale: Scale::Log },
        },
        ParamSpec {
            name: "g_J",
            symbol: "g_J",
            label: "strength of the cortical connectivity",
            unit: "",
            help: "J has entries 𝒩(0, g_J²/N): its eigenvalues fill the disc of radius g_J < 1 (a stable cortex).",
            kind: ParamKind::Float { range: Interval::closed(0.0, 0.95), default: 0.6, scale: Scale::Linear },
        },
        ParamSpec {
            name: "gain",
            symbol: "γ",
            label: "loop gain",
            unit: "",
            help: "VᵀU = γM with the fixed 3×3 matrix M of the catalogue: the outliers sit at the eigenvalues of \
                   γ G M. At γ = 1 with every loop on they are 1.477 ± 0.374i: linear units then grow without bound.",
            kind: ParamKind::Float { range: Interval::closed(0.0, 1.5), default: 0.6, scale: Scale::Linear },
        },
        ParamSpec {
            name: "units",
            symbol: "",
            label: "units",
            unit: "",
            help: "Linear, r = x, or rectified, r = [x]₊ (piecewise linear).",
            kind: ParamKind::Choice {
                options: &[
                    Choice { value: "linear", label: "linear, r = x" },
                    Choice { value: "rectified", label: "rectified, r = [x]₊" },
                ],
                default: "linear",
            },
        },
        flag("loop1", "loop 1 on", "Thalamic unit 1 disinhibited (g₁ = 1) or silenced (g₁ = 0)."),
        flag("loop2", "loop 2 on", "Thalamic unit 2 disinhibited (g₂ = 1) or silenced (g₂ = 0)."),
        flag("loop3", "loop 3 on", "Thalamic unit 3 disinhibited (g₃ = 1) or silenced (g₃ = 0)."),
        ParamSpec {
            name: "sequence",
            symbol: "",
            label: "motif sequence",
            unit: "",
            help: "Switch the loops every T_motif through four motifs (all loops; loop 1; loops 2, 3; loops 1, 3) \
                   instead of keeping the loops chosen above.",
            kind: ParamKind::Bool { default: false },
        },
        ParamSpec {
            name: "T_motif",
            symbol: "T_motif",
            label: "duration of a motif",
            unit: "τ",
            help: "Time between switches of the loops in the sequence mode.",
            kind: ParamKind::Float { range: Interval::closed(1.0, 100.0), default: 10.0, scale: Scale::Log },
        },
        ParamSpec {
            name: "T",
            symbol: "T",
            label: "duration",
            unit: "τ",
            help: "Time simulated, in units of the cortical time constant τ.",
            kind: ParamKind::Float { range: Interval::closed(1.0, 400.0), default: 40.0, scale: Scale::Log },
        },
        ParamSpec {
            name: "dt",
            symbol: "Δt",
            label: "time step",
            unit: "τ",
            help: "Step of the fourth-order Runge–Kutta method.",
            kind: ParamKind::Float { range: Interval::closed(0.005, 0.1), default: 0.02, scale: Scale::Log },
        },
        ParamSpec {
            name: "b_mean",
            symbol: "b̄",
            label: "mean input",
            unit: "",
            help: "Constant input b_i = b̄ + σ_b ξ_i to every cortical unit.",
            kind: ParamKind::Float { range: Interval::closed(-1.0, 1.0), default: 0.1, scale: Scale::Linear },
        },
        ParamSpec {
            name: "b_spread",
            symbol: "σ_b",
            label: "spread of the input",
            unit: "",
            help: "Standard deviation of the input over units.",
            kind: ParamKind::Float { range: Interval::closed(0.0, 2.0), default: 1.0, scale: Scale::Linear },
        },
    ],
    presets: &[
        Preset {
            name: "Sequence of motifs",
            description: "The loops switch every 10 τ through four configurations; the readout changes course.",
            values: &[("sequence", "1"), ("T_motif", "10"), ("T", "40"), ("units", "linear"), ("gain", "0.6")],
        },
        Preset {
            name: "The catalogue's outliers (γ = 1, N = 800)",
            description: "All loops on: the outliers 1.477 ± 0.374i of M; rectified units keep the activity bounded.",
            values: &[
                ("N", "800"),
                ("g_J", "0.6"),
                ("gain", "1"),
                ("sequence", "0"),
                ("loop1", "1"),
                ("loop2", "1"),
                ("loop3", "1"),
                ("units", "rectified"),
                ("T", "20"),
            ],
        },
        Preset {
            name: "Rectified units, one loop",
            description: "Loop 1 alone: the cortex settles on a fixed point whose active set the page checks.",
            values: &[("sequence", "0"), ("loop1", "1"), ("loop2", "0"), ("loop3", "0"), ("units", "rectified")],
        },
    ],
    observables: &[
        Observable::measured("outlier", "rightmost eigenvalue Re λ of J_eff at T").predicted_by("outlier_theory"),
        Observable::theory("outlier_theory", "rightmost eigenvalue Re λ of J_eff at T"),
        Observable::measured("z1", "readout z₁ at T"),
    ],
};

/// The page's parameters, typed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub n: usize,
    pub g_j: f64,
    pub gain: f64,
    pub units: Units,
    /// Bit k: loop k on (outside the sequence mode).
    pub loops: u8,
    pub sequence: bool,
    pub t_motif: f64,
    pub t_max: f64,
    pub dt: f64,
    pub b_mean: f64,
    pub b_spread: f64,
}

impl Settings {
    pub fn from_params(p: &Params) -> Self {
        let bit = |name: &str, k: u8| if p.flag(name) { 1u8 << k } else { 0 };
        Settings {
            n: p.int("N") as usize,
            g_j: p.float("g_J"),
            gain: p.float("gain"),
            units: if p.choice("units") == "rectified" { Units::Rectified } else { Units::Linear },
            loops: bit("loop1", 0) | bit("loop2", 1) | bit("loop3", 2),
            sequence: p.flag("sequence"),
            t_motif: p.float("T_motif"),
            t_max: p.float("T"),
            dt: p.float("dt"),
            b_mean: p.float("b_mean"),
            b_spread: p.float("b_spread"),
        }
    }

    pub fn steps(&self) -> usize {
        (self.t_max / self.dt).round().max(1.0) as usize
    }

    /// Motifs the run goes through (1 outside the sequence mode).
    pub fn motifs(&self) -> usize {
        if self.sequence { (self.t_max / self.t_motif).ceil().max(1.0) as usize } else { 1 }
    }

    /// The motif in force at time t.
    pub fn motif_of_time(&self, t: f64) -> usize {
        if self.sequence { ((t / self.t_motif + 1e-9).floor() as usize).min(self.motifs() - 1) } else { 0 }
    }

    /// The loops switched on during motif k.
    pub fn mask_of_motif(&self, k: usize) -> u8 {
        if self.sequence { SEQUENCE[k % SEQUENCE.len()] } else { self.loops }
    }

    /// Floating-point operations: 4 mat-vecs per RK4 step, about 12 N³ per spectrum.
    pub fn work(&self) -> f64 {
        let n = self.n as f64;
        let spectra = self.motifs().min(SEQUENCE.len()) as f64;
        8.0 * n * n * self.steps() as f64 + 12.0 * n * n * n * spectra
    }
}

/// The outliers the theory predicts for the loops in `mask`: the eigenvalues of G γM.
pub fn outliers(s: &Settings, mask: u8) -> Vec<Complex> {
    let mut a = [0.0; K * K];
    for (r, row) in M.iter().enumerate() {
        let on = if mask & (1 << r) != 0 { s.gain } else { 0.0 };
        for (c, &m) in row.iter().enumerate() {
            a[r * K + c] = on * m;
        }
    }
    eigenvalues(K, &a).unwrap_or_default()
}

impl Model for ThalamocorticalLoops {
    fn spec(&self) -> &'static ModelSpec {
        &SPEC
    }

    fn check(&self, params: &Params) -> Result<(), ParamError> {
        let s = Settings::from_params(params);
        check_budget(s.n, s.t_max, s.dt, s.work(), WORK_LIMIT, "operations (RK4 steps and spectra)")
    }

    fn cost(&self, params: &Params) -> f64 {
        Settings::from_params(params).work() / WORK_LIMIT
    }

    fn start(&self, params: &Params, seed: u64) -> Box<dyn Run> {
        Box::new(run::LoopsRun::new(Settings::from_params(params), seed))
    }
}
