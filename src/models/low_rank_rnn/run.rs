//! A run: draw gχ, compute its spectrum, integrate the currents; the theory is computed when the
//! run starts. Work is counted in groups of rows of gχ (a group of [`GROUP`] rows drawn or
//! multiplied by a vector); the dense eigenvalue computation is one piece, weighed by its cost.

use super::Settings;
use super::figures;
use super::network::{self, Dynamics, GROUP, RandomPart, Vectors};
use super::spectrum::{self, FULL_SPECTRUM_MAX, MAX_MOMENTS, Moments};
use super::theory::{Branch, MeanField, State};
use crate::model::{Frame, Run, RunError};
use crate::num::eigen::Complex;

/// At most this many κ(t) points are kept for the figure.
const KAPPA_POINTS: usize = 200;
/// Work units of the eigenvalues of an n×n matrix: about 12 n³ flops against 2·4·N per unit.
fn eigen_units(n_drawn: usize, n: usize) -> u64 {
    let b = n_drawn as f64;
    (12.0 * b * b * b / (8.0 * n as f64)).ceil() as u64
}

/// What the theory says for a run's parameters (`None` where it does not apply, g ≥ 1).
pub struct Theory {
    /// Every stationary state at the network's overlap.
    pub states: Vec<State>,
    /// The state the reduced flow reaches from the run's initial condition.
    pub reached: Option<State>,
    pub branches: Vec<Branch>,
    pub overlap_range: [f64; 2],
}

impl Theory {
    pub fn new(s: &Settings) -> Option<Self> {
        if !s.stats.stationary() {
            return None;
        }
        let mf = MeanField::new(s.stats);
        let states = mf.states();
        let reached = mf.reached(&states, mf.initial_kappa(if s.flip { -1.0 } else { 1.0 }));
        let lambda = s.stats.outlier();
        let overlap_range = [(lambda - 1.0).min(-0.5), (lambda + 1.0).max(3.0)];
        let branches = mf.branches(overlap_range);
        Some(Theory { states, reached, branches, overlap_range })
    }
}

enum Stage {
    Drawing,
    Eigenvalues,
    Moments,
    Dynamics,
    Done,
}

pub struct LowRankRun {
    pub s: Settings,
    pub theory: Option<Theory>,
    pub vectors: Vectors,
    pub chi: RandomPart,
    pub eigenvalues: Option<Vec<Complex>>,
    pub moments: Moments,
    /// The realised outlier, once the moments have converged.
    pub outlier: Option<f64>,
    pub dynamics: Dynamics,
    /// (t, κ(t)) of the simulation.
    pub kappa_trace: Vec<(f64, f64)>,
    stage: Stage,
    steps: usize,
    stride: usize,
    groups: u64,
    work_done: u64,
    total_work: u64,
}

impl LowRankRun {
    pub fn new(s: Settings, seed: u64) -> Self {
        let vectors = network::vectors(&s.stats, s.n, s.exact, seed);
        let chi = RandomPart::new(s.n, s.stats.g, seed);
        let dynamics = Dynamics::new(&vectors, s.flip, s.dt, seed);
        let steps = s.steps();
        let groups = s.n.div_ceil(GROUP) as u64;
        let n_drawn = s.n.min(FULL_SPECTRUM_MAX);
        let total_work = groups + eigen_units(n_drawn, s.n) + MAX_MOMENTS as u64 * groups + steps as u64 * groups;
        let kappa_trace = vec![(0.0, dynamics.kappa)];
        LowRankRun {
            theory: Theory::new(&s),
            moments: Moments::new(&vectors),
            vectors,
            chi,
            eigenvalues: None,
            outlier: None,
            dynamics,
            kappa_trace,
            stage: Stage::Drawing,
            steps,
            stride: steps.div_ceil(KAPPA_POINTS).max(1),
            groups,
            work_done: 0,
            total_work,
            s,
        }
    }

    /// The current time of the simulation.
    pub fn time(&self) -> f64 {
        self.dynamics.steps as f64 * self.s.dt
    }

    /// One piece of work if it fits in `budget` (or if `force`): its units, 0 if it did not fit.
    fn piece(&mut self, budget: u64, force: bool) -> Result<u64, RunError> {
        match self.stage {
            Stage::Drawing => {
                self.chi.draw_group();
                if self.chi.rows_drawn == self.s.n {
                    self.stage = Stage::Eigenvalues;
                }
                Ok(1)
            }
            Stage::Eigenvalues => {
                let units = eigen_units(self.s.n.min(FULL_SPECTRUM_MAX), self.s.n);
                if units > budget && !force {
                    return Ok(0);
                }
                self.eigenvalues = spectrum::drawn_eigenvalues(&self.chi, &self.vectors);
                self.stage = Stage::Moments;
                Ok(units)
            }
            Stage::Moments => {
                if self.moments.c.len() == 1 && self.moments.c[0].abs() <= self.s.stats.g {
                    // nᵀm/N inside the bulk: no outlier to find.
                    self.stage = Stage::Dynamics;
                    return Ok(MAX_MOMENTS as u64 * self.groups);
                }
                if self.groups > budget && !force {
                    return Ok(0);
                }
                self.moments.next(&self.chi, &self.vectors);
                let taken = self.moments.c.len() - 1;
                let mut units = self.groups;
                if self.moments.converged() || taken == MAX_MOMENTS {
                    if self.moments.converged() {
                        self.outlier = self.moments.outlier(self.s.stats.g);
                    }
                    // The moments not needed count as done.
                    units += (MAX_MOMENTS - taken) as u64 * self.groups;
                    self.stage = Stage::Dynamics;
                }
                Ok(units)
            }
            Stage::Dynamics => {
                if self.dynamics.advance_group(&self.chi, &self.vectors) {
                    self.finish_step()?;
                }
                Ok(1)
            }
            Stage::Done => Ok(0),
        }
    }

    fn finish_step(&mut self) -> Result<(), RunError> {
        let k = self.dynamics.steps;
        if !self.dynamics.finite() {
            return Err(RunError::Diverged {
                at: format!("t = {}", self.time()),
                what: "a current x_i is no longer a finite number".into(),
            });
        }
        if k % self.stride == 0 || k == self.steps {
            self.kappa_trace.push((self.time(), self.dynamics.kappa));
        }
        if k == self.steps {
            self.stage = Stage::Done;
        }
        Ok(())
    }

    /// Mean and variance of the currents now.
    pub fn moments_of_x(&self) -> (f64, f64) {
        network::mean_and_variance(&self.dynamics.x)
    }
}

impl Run for LowRankRun {
    fn total_work(&self) -> u64 {
        self.total_work
    }

    fn work_done(&self) -> u64 {
        self.work_done
    }

    fn advance(&mut self, budget: u64) -> Result<u64, RunError> {
        let mut done = 0;
        while done < budget && !matches!(self.stage, Stage::Done) {
            // A piece larger than the whole budget is done anyway when it comes first, so that
            // every call makes progress.
            let units = self.piece(budget - done, done == 0)?;
            if units == 0 {
                break;
            }
            done += units;
        }
        self.work_done += done;
        Ok(done)
    }

    fn frame(&self) -> Frame {
        figures::frame(self)
    }

    fn observables(&self) -> Vec<Option<f64>> {
        let done = matches!(self.stage, Stage::Done);
        let (mean, var) = self.moments_of_x();
        let reached = self.theory.as_ref().and_then(|t| t.reached);
        vec![
            done.then_some(self.dynamics.kappa),
            reached.map(|s| s.kappa),
            done.then_some(var),
            reached.map(|s| s.delta0),
            done.then_some(mean),
            reached.map(|s| s.mu),
            self.outlier,
            Some(self.s.stats.outlier()),
        ]
    }
}
