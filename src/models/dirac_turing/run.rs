//! A run of the Dirac–Turing page: build the complex (seeded when random), the spectrum of L0
//! (its non-zero eigenvalues are the s_k² of B1's singular pairs; in closed form on the tori), the
//! linear theory at once; then integrate by RK4 from a small seeded perturbation of u = v = 0,
//! recording ‖u‖ and ‖v‖. Work is counted in RK4 steps.

use super::complex::{Built, Drawing, Kind, build};
use super::system::DiracSignals;
use super::theory::Theory;
use super::{RK4_REACH, Settings, rate_bound};
use crate::model::{Frame, Run, RunError};
use crate::models::turing_network::fit_growth;
use crate::num::cell_complex::CellComplex;
use crate::num::eigen::symmetric_eigenvalues;
use crate::num::ode::FixedSteps;
use crate::rng::{normal, stream};

/// The linear stage lasts while every entry of the state is below this: there the cubic terms
/// change the rates by less than 3·10⁻⁶ (3b u² relative to a).
pub const LINEAR_LIMIT: f64 = 1e-3;
/// The growth is fitted over the linear stage from this fraction of its length on: before it, the
/// decaying pairs of the initial mix still weigh on the norm.
pub const FIT_FROM: f64 = 0.4;
/// Points of ‖u‖ and ‖v‖ kept for the figures and the fit.
const RECORDED: u64 = 1000;
/// A state this large means the integration blew up.
const BLOW_UP: f64 = 1e6;
/// Eigenvalues of L0 below this (relative to the largest) are its kernel: the uniform modes.
const ZERO: f64 = 1e-9;

/// The eigenvalues of L0 on an L×L torus in closed form, increasing: with θ = 2πp/L, φ = 2πq/L,
/// 4 − 2cos θ − 2cos φ on the square torus, and 6 − 2cos θ − 2cos φ − 2cos(θ + φ) with the
/// diagonals (x, y) → (x + 1, y + 1).
pub fn spectrum_of_torus(kind: Kind, l: usize) -> Vec<f64> {
    let mut out: Vec<f64> = (0..l * l)
        .map(|k| {
            let th = 2.0 * std::f64::consts::PI * (k % l) as f64 / l as f64;
            let ph = 2.0 * std::f64::consts::PI * (k / l) as f64 / l as f64;
            let (sx, sy) = (libm::sin(0.5 * th), libm::sin(0.5 * ph));
            let square = 4.0 * sx * sx + 4.0 * sy * sy;
            if kind == Kind::Triangulated {
                let sd = libm::sin(0.5 * (th + ph));
                square + 4.0 * sd * sd
            } else {
                square
            }
        })
        .collect();
    out.sort_by(f64::total_cmp);
    out
}

/// The Euclidean norm, summed in order.
pub fn norm(x: &[f64]) -> f64 {
    x.iter().fold(0.0, |s, v| s + v * v).sqrt()
}

pub struct DiracRun {
    pub s: Settings,
    pub complex: CellComplex,
    pub drawing: Drawing,
    /// The eigenvalues of L0, increasing (`None` if the solver failed).
    pub l0_spectrum: Option<Vec<f64>>,
    stepper: FixedSteps<DiracSignals>,
    /// (u_0 … u_{N0−1}, v_0 … v_{N1−1}).
    pub state: Vec<f64>,
    pub t: Vec<f64>,
    pub norm_u: Vec<f64>,
    pub norm_v: Vec<f64>,
    /// When an entry of the state first reached [`LINEAR_LIMIT`].
    pub linear_end: Option<f64>,
    /// Why the step is too large for this complex's spectrum, if it is.
    too_fast: Option<String>,
}

impl DiracRun {
    pub fn new(s: Settings, seed: u64) -> Self {
        let Built { complex, drawing } = build(s.kind, s.l, s.n, s.k, seed);
        let n0 = complex.n0;
        let l0_spectrum = if s.kind.is_torus() {
            Some(spectrum_of_torus(s.kind, s.l))
        } else {
            let l0 = complex.l0();
            symmetric_eigenvalues(n0, &l0.data)
        };
        let dim = n0 + complex.n1();
        let mut rng = stream(seed, "perturbation", 0);
        let state: Vec<f64> = (0..dim).map(|_| s.perturbation * normal().sample(&mut rng)).collect();
        let steps = s.steps();
        // The largest eigenvalue of L0 bounds that of L1's down part; the faces' part of L1 on the
        // tori stays below 8 (squares) and 6 (triangles), under L0's largest.
        let top = l0_spectrum.as_ref().and_then(|ev| ev.last().copied()).unwrap_or(0.0);
        let rate = rate_bound(&s.theory, top);
        let too_fast = (s.dt * rate > RK4_REACH).then(|| {
            format!(
                "dt={} is too large for this complex: L0's largest eigenvalue is {top:.2}, so the linear dynamics \
                 relax at rates up to {rate:.1}, and RK4 needs dt times it below {RK4_REACH}: lower dt to {:.2e} or \
                 less",
                s.dt,
                RK4_REACH / rate
            )
        });
        let mut run = DiracRun {
            stepper: FixedSteps::new(DiracSignals::new(&complex, s.theory), s.t_max, steps, RECORDED, BLOW_UP),
            s,
            complex,
            drawing,
            l0_spectrum,
            state,
            t: Vec::new(),
            norm_u: Vec::new(),
            norm_v: Vec::new(),
            linear_end: None,
            too_fast,
        };
        run.record();
        run
    }

    pub fn theory(&self) -> &Theory {
        &self.s.theory
    }

    pub fn time(&self) -> f64 {
        self.stepper.time()
    }

    pub fn u(&self) -> &[f64] {
        &self.state[..self.complex.n0]
    }

    pub fn v(&self) -> &[f64] {
        &self.state[self.complex.n0..]
    }

    fn record(&mut self) {
        self.t.push(self.time());
        self.norm_u.push(norm(self.u()));
        self.norm_v.push(norm(self.v()));
    }

    /// The number of zero eigenvalues of L0: the connected components (β0).
    pub fn components(&self) -> usize {
        let ev = self.l0_spectrum.as_deref().unwrap_or(&[]);
        let top = ev.last().copied().unwrap_or(0.0).max(1.0);
        ev.iter().filter(|&&x| x.abs() < ZERO * top).count()
    }

    /// s_k² and the growth rate of every singular pair of B1 (the non-zero eigenvalues of L0).
    pub fn pairs(&self) -> Vec<(f64, f64)> {
        let ev = self.l0_spectrum.as_deref().unwrap_or(&[]);
        let top = ev.last().copied().unwrap_or(0.0).max(1.0);
        ev.iter().filter(|&&x| x.abs() >= ZERO * top).map(|&x| (x, self.s.theory.growth(x.sqrt()))).collect()
    }

    /// Does the complex have edge signals with no node part (ker B1: harmonic or curl)? They decay
    /// at −α − D1 μ, the harmonic ones (μ = 0) at −α: the tori have two; a graph has the
    /// N1 − N0 + β0 independent cycles.
    pub fn harmonic_edges(&self) -> bool {
        match self.s.kind {
            Kind::Square | Kind::Triangulated => true,
            Kind::Geometric => self.complex.n1() + self.components() > self.complex.n0,
        }
    }

    /// The growth rate of the fastest mode: the fastest pair, the uniform node signal (−a), and
    /// the harmonic edge signals (−α) when there are any.
    pub fn growth_theory(&self) -> Option<f64> {
        self.l0_spectrum.as_ref()?;
        let th = &self.s.theory;
        let mut best = self.pairs().into_iter().map(|(_, g)| g).fold(-th.a, f64::max);
        if self.harmonic_edges() {
            best = best.max(-th.alpha);
        }
        Some(best)
    }

    /// The number of singular pairs that grow.
    pub fn unstable_pairs(&self) -> usize {
        self.pairs().iter().filter(|(_, g)| *g > 0.0).count()
    }

    /// The window of the growth fit: the last 60 % of the linear stage (up to the run's time).
    pub fn fit_window(&self) -> (f64, f64) {
        let end = self.linear_end.unwrap_or(self.time());
        (FIT_FROM * end, end)
    }

    /// The growth rate of ‖(u, v)‖ over the fit window, once the linear stage is over or the run done.
    pub fn growth_measured(&self) -> Option<f64> {
        if self.linear_end.is_none() && !self.stepper.done() {
            return None;
        }
        let (t0, t1) = self.fit_window();
        let total: Vec<f64> = self.norm_u.iter().zip(&self.norm_v).map(|(u, v)| libm::hypot(*u, *v)).collect();
        fit_growth(&self.t, &total, t0, t1, f64::INFINITY)
    }
}

impl Run for DiracRun {
    fn total_work(&self) -> u64 {
        self.stepper.steps
    }

    fn work_done(&self) -> u64 {
        self.stepper.step
    }

    fn advance(&mut self, budget: u64) -> Result<u64, RunError> {
        if let Some(why) = &self.too_fast {
            return Err(RunError::Diverged { at: "t = 0".into(), what: why.clone() });
        }
        let todo = budget.min(self.stepper.steps - self.stepper.step);
        for _ in 0..todo {
            let due = self.stepper.step(&mut self.state).map_err(|(i, x)| {
                let n0 = self.complex.n0;
                let (name, what, at) = if i < n0 { ("u", "node", i) } else { ("v", "edge", i - n0) };
                RunError::Diverged {
                    at: format!("t = {:.4}", self.time()),
                    what: format!(
                        "{name} at {what} {at} reached {x}: with b = 0 or β = 0 nothing bounds the pattern; else \
                         lower dt"
                    ),
                }
            })?;
            let largest = self.state.iter().fold(0.0f64, |m, x| m.max(x.abs()));
            if self.linear_end.is_none() && largest >= LINEAR_LIMIT {
                self.linear_end = Some(self.time());
                self.record();
            } else if due {
                self.record();
            }
        }
        Ok(todo)
    }

    fn frame(&self) -> Frame {
        super::figures::frame(self)
    }

    fn observables(&self) -> Vec<Option<f64>> {
        let done = self.stepper.done();
        let th = &self.s.theory;
        vec![
            self.growth_measured(),
            self.growth_theory(),
            (!th.cross_diffusion()).then(|| th.threshold()),
            self.l0_spectrum.as_ref().map(|_| self.unstable_pairs() as f64),
            done.then(|| norm(self.u())),
            done.then(|| norm(self.v())),
        ]
    }
}
