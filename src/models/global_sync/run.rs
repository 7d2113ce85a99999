//! A run of the global-synchronisation page: build the torus and L1 (sparse rows for the
//! dynamics, its spectrum for the master stability function), start every edge at the limit
//! cycle times (1 + seeded complex noise), integrate by RK4 and record the amplitude spread and the
//! edges' relative phases. Work is counted in RK4 steps.

use super::Settings;
use crate::model::{Frame, Run, RunError};
use crate::models::dirac_turing::complex::{Drawing, torus_drawing};
use crate::models::turing_network::fit_growth;
use crate::num::cell_complex::CellComplex;
use crate::num::eigen::symmetric_eigenvalues;
use crate::num::ode::{FixedSteps, OdeSystem};
use crate::rng::{normal, stream};

/// Points of the spread kept for the figures and the fit.
const RECORDED: u64 = 1000;
/// The fit of the spread's growth keeps the points between these: above rounding, below the
/// nonlinear regime.
pub const FIT_FLOOR: f64 = 1e-12;
pub const FIT_CEILING: f64 = 0.05;
/// A state component this large ends the run as diverged.
pub const BLOW_UP: f64 = 1e6;
/// Eigenvalues of L1 below this are its kernel.
const ZERO: f64 = 1e-9;

/// The master stability function of the synchronised state (H(w) = w).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Msf {
    pub sigma: (f64, f64),
    pub beta: (f64, f64),
    pub mu: (f64, f64),
}

impl Msf {
    /// ρ² = Re σ / Re β, the squared radius of the limit cycle.
    pub fn rho2(&self) -> f64 {
        self.sigma.0 / self.beta.0
    }

    /// M(Λ) = [[−2Reσ + Λ Reμ, −Λ Imμ], [−2Imβ ρ² + Λ Imμ, Λ Reμ]].
    pub fn matrix(&self, lambda: f64) -> [[f64; 2]; 2] {
        let (mr, mi) = self.mu;
        [
            [-2.0 * self.sigma.0 + lambda * mr, -lambda * mi],
            [-2.0 * self.beta.1 * self.rho2() + lambda * mi, lambda * mr],
        ]
    }

    /// max Re eig M(Λ).
    pub fn growth(&self, lambda: f64) -> f64 {
        let [[p, q], [r, w]] = self.matrix(lambda);
        let mean = 0.5 * (p + w);
        let disc = 0.25 * (p - w) * (p - w) + q * r;
        if disc >= 0.0 { mean + disc.sqrt() } else { mean }
    }
}

/// dw/dt = σw − β|w|²w − μ L1 w over (Re w_0 … Re w_{N1−1}, Im w_0 … Im w_{N1−1}), L1 in sparse
/// rows summed in column order.
pub struct Oscillators {
    msf: Msf,
    n: usize,
    offsets: Vec<usize>,
    entries: Vec<(usize, f64)>,
}

impl Oscillators {
    pub fn new(l1: &crate::num::cell_complex::Dense, msf: Msf) -> Self {
        let mut offsets = vec![0];
        let mut entries = Vec::new();
        for r in 0..l1.rows {
            entries.extend((0..l1.cols).filter(|&c| l1.at(r, c) != 0.0).map(|c| (c, l1.at(r, c))));
            offsets.push(entries.len());
        }
        Oscillators { msf, n: l1.rows, offsets, entries }
    }

    fn row(&self, e: usize, x: &[f64]) -> f64 {
        self.entries[self.offsets[e]..self.offsets[e + 1]].iter().fold(0.0, |s, &(c, v)| s + v * x[c])
    }
}

impl OdeSystem for Oscillators {
    fn dim(&self) -> usize {
        2 * self.n
    }

    fn rhs(&self, _t: f64, y: &[f64], dy: &mut [f64]) {
        let (re, im) = y.split_at(self.n);
        let Msf { sigma: (sr, si), beta: (br, bi), mu: (mr, mi) } = self.msf;
        for e in 0..self.n {
            let (a, b) = (re[e], im[e]);
            let r2 = a * a + b * b;
            let (p, q) = (self.row(e, re), self.row(e, im));
            dy[e] = sr * a - si * b - r2 * (br * a - bi * b) - (mr * p - mi * q);
            dy[self.n + e] = sr * b + si * a - r2 * (br * b + bi * a) - (mr * q + mi * p);
        }
    }
}

/// RK4 steps no longer than dt over [0, t_max].
pub fn steps(t_max: f64, dt: f64) -> u64 {
    (t_max / dt).ceil().max(1.0) as u64
}

/// std|w| / mean|w| over the edges.
pub fn spread(y: &[f64]) -> f64 {
    let n = y.len() / 2;
    let moduli: Vec<f64> = (0..n).map(|e| libm::hypot(y[e], y[n + e])).collect();
    let mean = moduli.iter().sum::<f64>() / n as f64;
    let var = moduli.iter().map(|m| (m - mean) * (m - mean)).sum::<f64>() / n as f64;
    var.sqrt() / mean
}

/// Each edge's phase relative to edge 0, in (−π, π].
pub fn relative_phases(y: &[f64]) -> Vec<f64> {
    let n = y.len() / 2;
    let (a0, b0) = (y[0], y[n]);
    (0..n).map(|e| libm::atan2(y[n + e] * a0 - y[e] * b0, y[e] * a0 + y[n + e] * b0)).collect()
}

/// The largest distance of a relative phase from 0 or π (the orientation signs), in degrees.
pub fn phase_gap(y: &[f64]) -> f64 {
    let pi = std::f64::consts::PI;
    relative_phases(y).into_iter().map(|p| p.abs().min(pi - p.abs())).fold(0.0, f64::max) * 180.0 / pi
}

pub struct SyncRun {
    pub s: Settings,
    pub complex: CellComplex,
    pub drawing: Drawing,
    pub msf: Msf,
    /// The non-zero eigenvalues of L1, increasing (`None` if the solver failed).
    pub spectrum: Option<Vec<f64>>,
    /// ‖L1 1‖: zero iff the all-ones edge signal is harmonic.
    pub defect: f64,
    stepper: FixedSteps<Oscillators>,
    pub state: Vec<f64>,
    pub t: Vec<f64>,
    pub spread: Vec<f64>,
}

impl SyncRun {
    pub fn new(s: Settings, seed: u64) -> Self {
        let complex =
            if s.triangulated { CellComplex::triangulated_torus(s.l) } else { CellComplex::square_torus(s.l) };
        let drawing = torus_drawing(s.l, &complex.edges);
        let l1 = complex.l1();
        let n = l1.rows;
        let spectrum = symmetric_eigenvalues(n, &l1.data).map(|ev| {
            let top = ev.last().copied().unwrap_or(0.0).max(1.0);
            ev.into_iter().filter(|l| l.abs() >= ZERO * top).collect()
        });
        let ones = vec![1.0; n];
        let mut l1_ones = vec![0.0; n];
        l1.apply(&ones, &mut l1_ones);
        let defect = l1_ones.iter().map(|x| x * x).sum::<f64>().sqrt();
        let msf = Msf { sigma: s.sigma, beta: s.beta, mu: s.mu };
        let rho = msf.rho2().sqrt();
        let mut rng = stream(seed, "perturbation", 0);
        let noise: Vec<f64> = (0..2 * n).map(|_| s.perturbation * normal().sample(&mut rng)).collect();
        let mut state = vec![0.0; 2 * n];
        for e in 0..n {
            state[e] = rho * (1.0 + noise[e]);
            state[n + e] = rho * noise[n + e];
        }
        let mut run = SyncRun {
            stepper: FixedSteps::new(Oscillators::new(&l1, msf), s.t_max, steps(s.t_max, s.dt), RECORDED, BLOW_UP),
            s,
            complex,
            drawing,
            msf,
            spectrum,
            defect,
            state,
            t: Vec::new(),
            spread: Vec::new(),
        };
        run.record();
        run
    }

    pub fn time(&self) -> f64 {
        self.stepper.time()
    }

    fn record(&mut self) {
        self.t.push(self.time());
        self.spread.push(spread(&self.state));
    }

    /// Is the all-ones edge signal harmonic (so that global synchronisation exists)?
    pub fn synchronisable(&self) -> bool {
        self.defect < 1e-9
    }

    /// The largest master stability function over the non-zero spectrum of L1 (Λ = −λ), where
    /// the synchronised state exists.
    pub fn msf_max(&self) -> Option<f64> {
        if !self.synchronisable() {
            return None;
        }
        self.spectrum.as_ref()?.iter().map(|&l| self.msf.growth(-l)).reduce(f64::max)
    }

    /// The fit window of the spread's growth (see [`fit_window`]).
    pub fn fit_window(&self) -> (f64, f64) {
        fit_window(&self.t, &self.spread, self.time())
    }

    /// The growth rate of the spread over the fit window, once the run is done.
    pub fn growth_measured(&self) -> Option<f64> {
        self.stepper.done().then(|| fitted_growth(&self.t, &self.spread, self.fit_window())).flatten()
    }
}

/// The fit window: the second half of the stretch of time over which the spread is between
/// [`FIT_FLOOR`] and [`FIT_CEILING`] (the second half of the run, up to `now`, when it never is).
pub fn fit_window(t: &[f64], spread: &[f64], now: f64) -> (f64, f64) {
    let inside = |s: &f64| *s > FIT_FLOOR && *s < FIT_CEILING;
    let first = spread.iter().position(inside);
    let last = spread.iter().rposition(inside);
    match (first, last) {
        (Some(a), Some(b)) if b > a => (0.5 * (t[a] + t[b]), t[b]),
        _ => (0.5 * now, now),
    }
}

/// The growth rate of the spread over `window`, points at or below [`FIT_FLOOR`] left out.
pub fn fitted_growth(t: &[f64], spread: &[f64], window: (f64, f64)) -> Option<f64> {
    let kept: Vec<f64> = spread.iter().map(|&s| if s > FIT_FLOOR { s } else { 0.0 }).collect();
    fit_growth(t, &kept, window.0, window.1, FIT_CEILING)
}

impl Run for SyncRun {
    fn total_work(&self) -> u64 {
        self.stepper.steps
    }

    fn work_done(&self) -> u64 {
        self.stepper.step
    }

    fn advance(&mut self, budget: u64) -> Result<u64, RunError> {
        let todo = budget.min(self.stepper.steps - self.stepper.step);
        for _ in 0..todo {
            let record = self.stepper.step(&mut self.state).map_err(|(i, x)| RunError::Diverged {
                at: format!("t = {:.4}", self.time()),
                what: format!("w at edge {} reached {x}; lower dt", i % (self.state.len() / 2)),
            })?;
            if record {
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
        vec![
            self.growth_measured(),
            self.msf_max(),
            done.then(|| spread(&self.state)),
            done.then(|| phase_gap(&self.state)),
            Some(self.defect),
        ]
    }
}
