//! A run: draw gχ, compute its spectrum, integrate the currents; the theory is computed when the
//! run starts. Work is counted in groups of rows of gχ (a group of [`GROUP`] rows drawn or
//! multiplied by a vector); the dense eigenvalue computation is one piece, weighed by its cost.

use super::Settings;
use super::figures;
use super::latent::{Cycle, FixedPoint, LatentField, RankTwo, Trajectory};
use super::network::{self, Dynamics, GROUP, RandomPart, Vectors};
use super::spectrum::{self, FULL_SPECTRUM_MAX, MAX_MOMENTS, MatrixMoments, Moments};
use super::theory::{Branch, MeanField, State};
use crate::model::{Frame, Run, RunError};
use crate::num::eigen::Complex;

/// At most this many κ(t) points are kept for the figure.
const KAPPA_POINTS: usize = 200;
/// The same for rank two, whose trajectory in the plane (κ₁, κ₂) may turn many times.
const KAPPA_POINTS_RANK_TWO: usize = 1000;
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

/// What the rank-two theory says for a run's parameters (`None` for g ≥ 1).
pub struct LatentTheory {
    pub field: LatentField,
    /// The outliers of J as N → ∞: the eigenvalues of σ.
    pub eigenvalues: [Complex; 2],
    pub fixed_points: Vec<FixedPoint>,
    /// The radius of the ring of fixed points, for σ = sI past its threshold.
    pub ring: Option<f64>,
    /// The limit cycle of a rotation, under the run's Euler step.
    pub cycle: Option<Cycle>,
    /// The latent flow from the run's initial condition, at the simulation's recorded times.
    pub trajectory: Trajectory,
}

impl LatentTheory {
    pub fn new(s: &Settings, stride: usize) -> Option<Self> {
        if !s.stats.stationary() {
            return None;
        }
        let field =
            LatentField::new(RankTwo { g: s.stats.g, overlaps: s.overlaps, m_i: s.stats.m_i, s_i: s.stats.s_i });
        let trajectory = field.trajectory(s.dt, s.steps(), stride, if s.flip { -1.0 } else { 1.0 });
        Some(LatentTheory {
            eigenvalues: field.eigenvalues(),
            fixed_points: field.fixed_points(),
            ring: field.ring(),
            cycle: field.cycle(s.dt),
            trajectory,
            field,
        })
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
    /// The rank-two theory (`None` for rank one).
    pub latent: Option<LatentTheory>,
    pub vectors: Vectors,
    pub chi: RandomPart,
    pub eigenvalues: Option<Vec<Complex>>,
    pub moments: Moments,
    /// The realised outlier, once the moments have converged.
    pub outlier: Option<f64>,
    /// Rank two: the moment matrices, and the realised outliers once they have converged (larger
    /// real part first).
    pub matrix_moments: Option<MatrixMoments>,
    pub outliers: Vec<Complex>,
    pub dynamics: Dynamics,
    /// (t, κ(t)) of the simulation (κ₁ for rank two).
    pub kappa_trace: Vec<(f64, f64)>,
    /// κ₂, …, κ_R at the times of `kappa_trace`.
    pub higher_trace: Vec<Vec<f64>>,
    stage: Stage,
    steps: usize,
    stride: usize,
    groups: u64,
    work_done: u64,
    total_work: u64,
}

impl LowRankRun {
    pub fn new(s: Settings, seed: u64) -> Self {
        let vectors = if s.rank == 2 {
            network::rank_two_vectors(&s.overlaps, s.stats.m_i, s.stats.s_i, s.n, s.exact, seed)
        } else {
            network::vectors(&s.stats, s.n, s.exact, seed)
        };
        let chi = RandomPart::new(s.n, s.stats.g, seed);
        let dynamics = Dynamics::new(&vectors, s.flip, s.dt, seed);
        let steps = s.steps();
        let groups = s.n.div_ceil(GROUP) as u64;
        let n_drawn = s.n.min(FULL_SPECTRUM_MAX);
        let rank = vectors.rank() as u64;
        let total_work =
            groups + eigen_units(n_drawn, s.n) + MAX_MOMENTS as u64 * rank * groups + steps as u64 * groups;
        let kappa_trace = vec![(0.0, dynamics.kappa)];
        let higher_trace = vec![dynamics.higher.clone()];
        let points = if rank == 1 { KAPPA_POINTS } else { KAPPA_POINTS_RANK_TWO };
        let stride = steps.div_ceil(points).max(1);
        LowRankRun {
            theory: if rank == 1 { Theory::new(&s) } else { None },
            latent: if rank == 1 { None } else { LatentTheory::new(&s, stride) },
            moments: Moments::new(&vectors),
            matrix_moments: (rank > 1).then(|| MatrixMoments::new(&vectors)),
            outliers: Vec::new(),
            higher_trace,
            vectors,
            chi,
            eigenvalues: None,
            outlier: None,
            dynamics,
            kappa_trace,
            stage: Stage::Drawing,
            steps,
            stride,
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
            Stage::Moments if self.matrix_moments.is_some() => self.matrix_piece(budget, force),
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

    /// One moment of a rank-two structure, R mat-vecs.
    fn matrix_piece(&mut self, budget: u64, force: bool) -> Result<u64, RunError> {
        let g = self.s.stats.g;
        let groups = self.groups;
        let Some(mm) = self.matrix_moments.as_mut() else { return Ok(0) };
        let per = mm.rank as u64 * groups;
        if mm.c.len() == 1 && mm.leading().iter().all(|z| z.abs() <= g) {
            // Every overlap eigenvalue inside the bulk: no outlier to find.
            self.stage = Stage::Dynamics;
            return Ok(MAX_MOMENTS as u64 * per);
        }
        if per > budget && !force {
            return Ok(0);
        }
        mm.next(&self.chi, &self.vectors);
        let taken = mm.c.len() - 1;
        let mut units = per;
        let converged = mm.converged(g);
        if converged || taken == MAX_MOMENTS {
            if converged {
                let mut out = mm.outliers(g);
                // Larger real part first; the two of a conjugate pair (real parts equal to
                // rounding) with the positive imaginary part first.
                out.sort_by(|x, y| {
                    if (x.re - y.re).abs() <= 1e-12 * x.re.abs().max(y.re.abs()) {
                        y.im.total_cmp(&x.im)
                    } else {
                        y.re.total_cmp(&x.re)
                    }
                });
                self.outlier = out.first().map(|z| z.re);
                self.outliers = out;
            }
            units += (MAX_MOMENTS - taken) as u64 * per;
            self.stage = Stage::Dynamics;
        }
        Ok(units)
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
            self.higher_trace.push(self.dynamics.higher.clone());
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
        if let Some(l) = &self.latent {
            let last = l.trajectory.kappa.len() - 1;
            let end = l.trajectory.kappa[last];
            let leading = self.outliers.first();
            return vec![
                done.then_some(self.dynamics.kappa),
                Some(end[0]),
                done.then_some(var),
                Some(l.trajectory.delta[last]),
                done.then_some(mean),
                Some(l.trajectory.mu[last]),
                self.outlier,
                Some(l.eigenvalues[0].re),
                done.then_some(self.dynamics.higher[0]),
                Some(end[1]),
                leading.map(|z| z.im),
                Some(l.eigenvalues[0].im),
            ];
        }
        let reached = self.theory.as_ref().and_then(|t| t.reached);
        let rank_two = self.matrix_moments.is_some();
        vec![
            done.then_some(self.dynamics.kappa),
            reached.map(|s| s.kappa),
            done.then_some(var),
            reached.map(|s| s.delta0),
            done.then_some(mean),
            reached.map(|s| s.mu),
            self.outlier,
            (!rank_two).then(|| self.s.stats.outlier()),
            (done && rank_two).then(|| self.dynamics.higher[0]),
            None,
            self.outliers.first().map(|z| z.im),
            None,
        ]
    }
}
