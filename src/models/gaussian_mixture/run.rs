//! A run of the Gaussian mixture: repetitions one after another, each drawing a centre and a
//! stream of examples, fitting at fixed numbers of examples with the chosen λ and, at α of the λ
//! figure, along a grid of λ; means and standard errors over repetitions.

use super::GmmParams;
use super::figures::{self, Curves, Measured, Projection};
use super::learners::{Data, Estimate, Learner, Measurement};
use super::theory::Mixture;
use crate::model::{Frame, Run, RunError};
use crate::models::learning_curves::Means;
use crate::models::learning_curves::{conditions, sample_sizes};
use crate::num::stats::Welford;
use crate::num::vector::dot;

/// Checkpoints per decade of α; the run spans α_max/50 to α_max.
const PER_DECADE: usize = 6;
/// The λ of the simulated points of the λ figure, from strong to weak (the hinge solver is
/// warm-started in this order). Not beyond 1: there w shrinks like 1/λ while the fitted bias keeps
/// its O(1/√n) fluctuation, which then decides the error at finite d (at d = 200, λ = 100 gives
/// ε ≈ 0.48 against 0.21 as d → ∞).
pub const SWEEP_LAMBDAS: [f64; 5] = [1.0, 0.1, 0.01, 1e-3, 1e-4];
/// Examples of each class drawn in the projection.
const PROJECTED: usize = 150;

/// The numbers of examples at which a run fits: six per decade of α = n/d from α_max/50 to α_max,
/// and the α of the λ figure; rounded, distinct, at least one.
pub fn checkpoints(d: usize, alpha_max: f64, alpha: f64) -> Vec<usize> {
    sample_sizes(d, alpha_max, 50.0, PER_DECADE, alpha, 1)
}

#[derive(Debug, Clone, Copy, Default)]
struct Point {
    error: Welford,
    m: Welford,
    q: Welford,
}

impl Point {
    fn push(&mut self, m: &Measurement) {
        self.error.push(m.error);
        self.m.push(m.m);
        self.q.push(m.q);
    }
}

/// One repetition in progress.
struct Repetition {
    data: Data,
    learner: Learner,
    estimate: Estimate,
}

pub struct GmmRun {
    p: GmmParams,
    seed: u64,
    mixture: Mixture,
    checkpoints: Vec<usize>,
    sweep_at: usize,
    points: Vec<Point>,
    sweep: Vec<Welford>,
    projection: Option<Projection>,
    curves: Curves,
    repetition: usize,
    current: Option<Box<Repetition>>,
    work_done: u64,
    total_work: u64,
}

impl GmmRun {
    pub fn new(p: GmmParams, seed: u64) -> Self {
        let checkpoints = checkpoints(p.d, p.alpha_max, p.alpha);
        let n_sweep = (p.alpha * p.d as f64).round() as usize;
        let sweep_at = checkpoints.iter().position(|&n| n == n_sweep).expect("α of the λ figure is a checkpoint");
        let per_repetition = *checkpoints.last().unwrap() as u64 + (checkpoints.len() + SWEEP_LAMBDAS.len()) as u64;
        let mixture = Mixture { delta: p.delta, rho: p.rho };
        let alpha_min = checkpoints[0] as f64 / p.d as f64;
        let mut run = GmmRun {
            curves: Curves::new(&p, alpha_min),
            mixture,
            points: vec![Point::default(); checkpoints.len()],
            sweep: vec![Welford::default(); SWEEP_LAMBDAS.len()],
            projection: None,
            p,
            seed,
            checkpoints,
            sweep_at,
            repetition: 0,
            current: None,
            work_done: 0,
            total_work: per_repetition * p.seeds as u64,
        };
        run.current = run.begin();
        run
    }

    fn begin(&self) -> Option<Box<Repetition>> {
        (self.repetition < self.p.seeds).then(|| {
            let p = &self.p;
            Box::new(Repetition {
                data: Data::new(p.d, p.delta, p.rho, self.seed, self.repetition as u64),
                learner: Learner::new(p.loss, *self.checkpoints.last().unwrap()),
                estimate: Estimate::zero(p.d),
            })
        })
    }

    /// Add examples up to the next checkpoint or the budget, and fit there; returns the work done.
    fn step(&mut self, budget: u64) -> Result<u64, RunError> {
        let rep = self.current.as_mut().expect("a repetition is under way");
        let n = rep.data.len();
        let k = self.checkpoints.iter().position(|&c| c > n).expect("a checkpoint is ahead");
        let count = (self.checkpoints[k] - n).min(budget as usize);
        for _ in 0..count {
            rep.data.add();
        }
        let mut done = count as u64;
        let n = rep.data.len();
        if n < self.checkpoints[k] {
            return Ok(done);
        }
        let repetition = self.repetition + 1;
        let failed = |lambda: f64, why: String| RunError::Diverged {
            at: format!("α = {:.4} (n = {n}), λ = {lambda}, repetition {repetition}", n as f64 / self.p.d as f64),
            what: why,
        };
        let fit = rep.learner.fit(&rep.data, n, self.p.lambda, &rep.estimate).map_err(|e| failed(self.p.lambda, e))?;
        self.points[k].push(&Measurement::of(&rep.data, &fit, &self.mixture));
        done += 1;
        if k == self.sweep_at {
            if self.repetition == 0 {
                self.projection = Some(project(&rep.data, &fit, n));
            }
            let mut start = Estimate::zero(self.p.d);
            for (l, &lambda) in SWEEP_LAMBDAS.iter().enumerate() {
                let e = rep.learner.fit(&rep.data, n, lambda, &start).map_err(|e| failed(lambda, e))?;
                self.sweep[l].push(Measurement::of(&rep.data, &e, &self.mixture).error);
                start = e;
                done += 1;
            }
        }
        rep.estimate = fit;
        if k + 1 == self.checkpoints.len() {
            self.repetition += 1;
            self.current = self.begin();
        }
        Ok(done)
    }

    fn measured(&self) -> Measured {
        let mut m = Measured::default();
        for (&n, point) in self.checkpoints.iter().zip(&self.points) {
            if point.error.count() > 0 {
                m.alpha.push(n as f64 / self.p.d as f64);
                m.error.push(&point.error);
            }
        }
        let mut sweep = Means::default();
        for (&lambda, w) in SWEEP_LAMBDAS.iter().zip(&self.sweep) {
            if w.count() > 0 {
                m.lambda.push(lambda);
                sweep.push(w);
            }
        }
        m.against_lambda = sweep;
        m
    }
}

/// The first examples projected on v* and on the part of w orthogonal to it, in which plane the
/// learnt boundary x·w/√d + b = 0 is a line.
fn project(data: &Data, fit: &Estimate, n: usize) -> Projection {
    let d = data.d;
    let norm = |v: &[f64]| libm::sqrt(dot(v, v));
    let e1: Vec<f64> = data.centre.iter().map(|c| c / norm(&data.centre)).collect();
    let a1 = dot(&fit.w, &e1);
    let mut e2: Vec<f64> = fit.w.iter().zip(&e1).map(|(w, e)| w - a1 * e).collect();
    let a2 = norm(&e2);
    if a2 > 0.0 {
        e2.iter_mut().for_each(|v| *v /= a2);
    }
    let sqrt_d = libm::sqrt(d as f64);
    let mut pr = Projection { a1, a2, b: fit.b * sqrt_d, ..Default::default() };
    let (mut plus, mut minus) = (0, 0);
    for i in 0..n {
        let y = data.labels[i];
        let count = if y > 0.0 { &mut plus } else { &mut minus };
        if *count >= PROJECTED {
            continue;
        }
        *count += 1;
        // x = √d · (x/√d).
        let x = &data.row(i)[..d];
        let (p1, p2) = (sqrt_d * dot(x, &e1), sqrt_d * dot(x, &e2));
        let class = if y > 0.0 { &mut pr.plus } else { &mut pr.minus };
        class.0.push(p1);
        class.1.push(p2);
    }
    pr
}

impl Run for GmmRun {
    fn total_work(&self) -> u64 {
        self.total_work
    }

    fn work_done(&self) -> u64 {
        self.work_done
    }

    fn advance(&mut self, budget: u64) -> Result<u64, RunError> {
        let mut done = 0;
        while done < budget && self.current.is_some() {
            done += self.step(budget - done)?;
        }
        self.work_done += done;
        Ok(done)
    }

    fn frame(&self) -> Frame {
        let conditions = conditions(self.p.d, self.p.seeds);
        figures::frame(&self.p, &self.curves, &self.measured(), self.projection.as_ref(), &conditions)
    }

    fn observables(&self) -> Vec<Option<f64>> {
        let point = &self.points[self.sweep_at];
        let measured = |w: Welford| (w.count() > 0).then(|| w.mean());
        let theory = self.curves.at_alpha;
        vec![
            measured(point.error),
            theory.map(|s| s.error),
            measured(point.m),
            theory.map(|s| s.m),
            measured(point.q),
            theory.map(|s| s.q),
            Some(self.mixture.bayes(self.p.alpha)),
        ]
    }

    fn standard_errors(&self) -> Vec<Option<f64>> {
        let point = &self.points[self.sweep_at];
        let se = |w: Welford| (w.count() > 1).then(|| w.std_error());
        vec![se(point.error), None, se(point.m), None, se(point.q), None, None]
    }
}
