//! A run of the multi-class perceptron: repetitions one after another, each drawing a teacher and a
//! stream of examples, fitting at fixed numbers of examples (ridge, and the cross-entropy when
//! chosen) and, at the α of the λ figure, along a grid of λ; means and standard errors over
//! repetitions.

use super::figures::{self, Curves, Measured, Projection};
use super::learners::{Data, Estimate, Measurement, cross_entropy_fit, for_test_points};
use super::{Loss, McParams};
use crate::model::{Frame, Run, RunError};
use crate::models::learning_curves::{conditions, sample_sizes};
use crate::num::stats::Welford;
use crate::num::vector::dot;

/// Checkpoints per decade of α; the run spans α_max/20 to α_max.
const PER_DECADE: usize = 6;
/// The λ of the simulated points of the λ figure, from strong to weak (the cross-entropy is
/// warm-started in this order).
pub const SWEEP_LAMBDAS: [f64; 6] = [10.0, 1.0, 0.1, 0.01, 1e-3, 1e-4];
/// Test points of the first repetition drawn in the plane.
const PROJECTED: usize = 300;

/// The numbers of examples at which a run fits: six per decade of α = n/d from α_max/20 to α_max,
/// and the α of the λ figure; rounded, distinct, at least two (the bias needs a mean).
pub fn checkpoints(d: usize, alpha_max: f64, alpha: f64) -> Vec<usize> {
    sample_sizes(d, alpha_max, 20.0, PER_DECADE, alpha, 2)
}

#[derive(Debug, Clone, Copy, Default)]
struct Point {
    error: Welford,
    m: Welford,
    q: Welford,
    ce: Welford,
}

struct Repetition {
    data: Data,
    ce: Estimate,
}

pub struct McRun {
    p: McParams,
    seed: u64,
    checkpoints: Vec<usize>,
    sweep_at: usize,
    points: Vec<Point>,
    sweep: Vec<Welford>,
    sweep_ce: Vec<Welford>,
    projection: Option<Projection>,
    curves: Curves,
    repetition: usize,
    current: Option<Box<Repetition>>,
    /// Work units (examples added, d²/2 operations each) of a ridge fit, and of a cross-entropy
    /// fit at each checkpoint.
    ridge_units: u64,
    ce_units: Vec<u64>,
    work_done: u64,
    total_work: u64,
}

impl McRun {
    pub fn new(p: McParams, seed: u64) -> Self {
        let checkpoints = checkpoints(p.d, p.alpha_max, p.alpha);
        let n_sweep = (p.alpha * p.d as f64).round() as usize;
        let sweep_at = checkpoints.iter().position(|&n| n == n_sweep).expect("α of the λ figure is a checkpoint");
        let unit = (p.d * p.d) as f64 / 2.0;
        let ridge_units = (p.ridge_ops() / unit).ceil() as u64;
        let ce_units: Vec<u64> = checkpoints
            .iter()
            .map(|&n| if p.loss == Loss::CrossEntropy { (p.ce_ops(n) / unit).ceil() as u64 } else { 0 })
            .collect();
        let per_repetition = *checkpoints.last().unwrap() as u64
            + (checkpoints.len() + SWEEP_LAMBDAS.len()) as u64 * ridge_units
            + ce_units.iter().sum::<u64>()
            + SWEEP_LAMBDAS.len() as u64 * ce_units[sweep_at];
        let alpha_min = checkpoints[0] as f64 / p.d as f64;
        let mut run = McRun {
            curves: Curves::new(&p, alpha_min),
            points: vec![Point::default(); checkpoints.len()],
            sweep: vec![Welford::default(); SWEEP_LAMBDAS.len()],
            sweep_ce: vec![Welford::default(); SWEEP_LAMBDAS.len()],
            projection: None,
            p,
            seed,
            checkpoints,
            sweep_at,
            repetition: 0,
            current: None,
            ridge_units,
            ce_units,
            work_done: 0,
            total_work: per_repetition * p.seeds as u64,
        };
        run.current = run.begin();
        run
    }

    fn begin(&self) -> Option<Box<Repetition>> {
        (self.repetition < self.p.seeds).then(|| {
            let p = &self.p;
            let keep = p.loss == Loss::CrossEntropy;
            Box::new(Repetition {
                data: Data::new(p.k, p.d, p.teacher, keep, self.seed, self.repetition as u64),
                ce: Estimate::zero(p.k, p.d),
            })
        })
    }

    /// Add examples up to the next checkpoint or the budget, and fit there; returns the work done.
    fn step(&mut self, budget: u64) -> Result<u64, RunError> {
        let p = self.p;
        let (seed, r) = (self.seed, self.repetition as u64);
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
        let failed = |what: &str, lambda: f64, why: String| RunError::Diverged {
            at: format!("α = {:.4} (n = {n}), {what}, λ = {lambda}, repetition {repetition}", n as f64 / p.d as f64),
            what: why,
        };
        let not_definite = || "X̃ᵀX̃/d + λI is not positive definite".to_string();
        let ridge = rep.data.ridge(p.lambda).ok_or_else(|| failed("ridge", p.lambda, not_definite()))?;
        let measured = Measurement::of(&rep.data, &ridge, p.test, seed, r);
        let (m, q) = measured.projected();
        let point = &mut self.points[k];
        point.error.push(measured.error);
        point.m.push(m);
        point.q.push(q);
        done += self.ridge_units;
        let mut shown = ridge;
        if p.loss == Loss::CrossEntropy {
            let (fit, _) =
                cross_entropy_fit(&rep.data, n, p.lambda, &rep.ce).map_err(|e| failed("cross-entropy", p.lambda, e))?;
            self.points[k].ce.push(Measurement::of(&rep.data, &fit, p.test, seed, r).error);
            rep.ce = fit.clone();
            shown = fit;
            done += self.ce_units[k];
        }
        if k == self.sweep_at {
            if self.repetition == 0 {
                self.projection = Some(project(&rep.data, &shown, seed));
            }
            let mut start = Estimate::zero(p.k, p.d);
            for (l, &lambda) in SWEEP_LAMBDAS.iter().enumerate() {
                let fit = rep.data.ridge(lambda).ok_or_else(|| failed("ridge", lambda, not_definite()))?;
                self.sweep[l].push(Measurement::of(&rep.data, &fit, p.test, seed, r).error);
                done += self.ridge_units;
                if p.loss == Loss::CrossEntropy {
                    let (fit, _) = cross_entropy_fit(&rep.data, n, lambda, &start)
                        .map_err(|e| failed("cross-entropy", lambda, e))?;
                    self.sweep_ce[l].push(Measurement::of(&rep.data, &fit, p.test, seed, r).error);
                    start = fit;
                    done += self.ce_units[k];
                }
            }
        }
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
            if point.ce.count() > 0 {
                m.alpha_ce.push(n as f64 / self.p.d as f64);
                m.error_ce.push(&point.ce);
            }
        }
        for (l, &lambda) in SWEEP_LAMBDAS.iter().enumerate() {
            if self.sweep[l].count() > 0 {
                m.lambda.push(lambda);
                m.against_lambda.push(&self.sweep[l]);
            }
            if self.sweep_ce[l].count() > 0 {
                m.lambda_ce.push(lambda);
                m.against_lambda_ce.push(&self.sweep_ce[l]);
            }
        }
        m
    }
}

/// The first test points in the plane of the teacher's first two class vectors (orthonormalised),
/// with their classes and the student's.
fn project(data: &Data, fit: &Estimate, seed: u64) -> Projection {
    let d = data.d;
    let norm = |v: &[f64]| libm::sqrt(dot(v, v));
    let w1 = &data.teacher[..d];
    let e1: Vec<f64> = w1.iter().map(|v| v / norm(w1)).collect();
    let w2 = &data.teacher[d..2 * d];
    let a = dot(w2, &e1);
    let mut e2: Vec<f64> = w2.iter().zip(&e1).map(|(w, e)| w - a * e).collect();
    let n2 = norm(&e2);
    e2.iter_mut().for_each(|v| *v /= n2);
    let mut pr = Projection::default();
    for_test_points(data, fit, PROJECTED, seed, 0, |x, truth, guess| {
        pr.x.push(dot(x, &e1));
        pr.y.push(dot(x, &e2));
        pr.truth.push(truth);
        pr.guess.push(guess);
    });
    pr
}

impl Run for McRun {
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
        let (m, q) = super::theory::ridge_overlaps(self.p.k, self.p.alpha, self.p.lambda);
        vec![
            measured(point.error),
            Some(self.curves.at_alpha),
            measured(point.m),
            Some(m),
            measured(point.q),
            Some(q),
            measured(point.ce),
        ]
    }

    fn standard_errors(&self) -> Vec<Option<f64>> {
        let point = &self.points[self.sweep_at];
        let se = |w: Welford| (w.count() > 1).then(|| w.std_error());
        vec![se(point.error), None, se(point.m), None, se(point.q), None, se(point.ce)]
    }
}
