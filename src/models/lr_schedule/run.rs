//! A run of the learning-rate-schedule model: online SGD at finite N under each simulated
//! schedule, repetition after repetition, measuring m = |w − w*|²/N at log-spaced checkpoints.
//!
//! Every schedule of a repetition sees the same initial student and the same stream of examples,
//! so that their differences are not blurred by different luck. The teacher enters the updates
//! only through the student's error e = w − w* (ŷ − y = e·x/√N − σζ), so the run tracks e itself:
//! the same dynamics as tracking w and w*, without losing m to the rounding of w − w* once it falls
//! below 10⁻¹⁶|w*|²/N, as it does without noise (m = m₀e^{−t}).

use super::LrParams;
use super::figures::{self, Curves, Measured};
use super::theory::{Comparison, Kind};
use crate::model::{Frame, Run, RunError};
use crate::num::stats::Welford;
use crate::num::vector::{axpy, dot};
use crate::rng::{Pcg32, normal, stream};

/// The schedules simulated: the optimum, the best constant and 1/t. The solver's pieces agree with
/// the optimum to well within the scatter of a simulation, and their points would hide its points.
pub const SIMULATED: [Kind; 3] = [Kind::Optimal, Kind::Constant, Kind::InverseTime];
const S: usize = SIMULATED.len();

/// Checkpoints per decade of t; the run spans two decades below T.
const PER_DECADE: usize = 6;
const DECADES: usize = 2;

/// The step counts at which a run measures m: about six per decade from T/100 to T, rounded to
/// whole steps, distinct, the last one the whole run.
pub fn checkpoints(steps: usize) -> Vec<usize> {
    let count = PER_DECADE * DECADES + 1;
    let mut out: Vec<usize> = Vec::with_capacity(count);
    for k in 0..count {
        let exponent = (k as f64 - (count - 1) as f64) / PER_DECADE as f64;
        let s = libm::round(steps as f64 * libm::pow(10.0, exponent)) as usize;
        if s >= 1 && out.last().is_none_or(|&last| s > last) {
            out.push(s);
        }
    }
    if out.last() != Some(&steps) {
        out.push(steps);
    }
    out
}

/// The students of one repetition.
struct Repetition {
    /// e = w − w* of each simulated schedule.
    errors: [Vec<f64>; S],
    /// Inputs x and label noise ζ.
    data: Pcg32,
    input: Vec<f64>,
    /// Steps taken.
    step: usize,
    /// Index of the next checkpoint.
    next: usize,
    /// ln m*(t) of the optimal schedule at the last step: the start of Newton's method for the
    /// next, one or two iterations away.
    optimal_ln_m: f64,
}

pub struct LrRun {
    p: LrParams,
    seed: u64,
    comparison: Comparison,
    curves: Curves,
    checkpoints: Vec<usize>,
    /// m of each simulated schedule at each checkpoint, over repetitions.
    points: Vec<[Welford; S]>,
    repetition: usize,
    current: Option<Repetition>,
    work_done: u64,
    total_work: u64,
}

impl LrRun {
    pub fn new(p: LrParams, seed: u64) -> Self {
        let comparison = Comparison::new(p.problem());
        let curves = Curves::new(&comparison);
        let checkpoints = checkpoints(p.steps());
        let mut run = LrRun {
            p,
            seed,
            comparison,
            curves,
            points: vec![[Welford::default(); S]; checkpoints.len()],
            checkpoints,
            repetition: 0,
            current: None,
            work_done: 0,
            total_work: p.steps() as u64 * p.seeds as u64,
        };
        run.current = run.begin_repetition();
        run
    }

    /// A student at distance √m₀ from the teacher in a random direction (stream "student"), and the
    /// examples of stream "data", for repetition r.
    fn begin_repetition(&self) -> Option<Repetition> {
        if self.repetition >= self.p.seeds {
            return None;
        }
        let (n, r) = (self.p.n, self.repetition as u64);
        let mut direction = vec![0.0; n];
        normal().fill(&mut stream(self.seed, "student", r), &mut direction);
        let scale = (self.p.m0 * n as f64 / dot(&direction, &direction)).sqrt();
        direction.iter_mut().for_each(|v| *v *= scale);
        Some(Repetition {
            errors: std::array::from_fn(|_| direction.clone()),
            data: stream(self.seed, "data", r),
            input: vec![0.0; n],
            step: 0,
            next: 0,
            optimal_ln_m: libm::log(self.p.m0),
        })
    }

    /// Up to `budget` steps of the current repetition, stopping at the next checkpoint.
    fn advance_repetition(&mut self, budget: u64) -> Result<u64, RunError> {
        let problem = self.comparison.problem;
        let n = self.p.n;
        let sqrt_n = (n as f64).sqrt();
        let sigma = problem.sigma2.sqrt();
        let rep = self.current.as_mut().expect("a repetition is under way");
        let target = self.checkpoints[rep.next];
        let count = (target - rep.step).min(budget as usize);
        for _ in 0..count {
            // The learning rate of step s is the schedule's at the middle of the step, t = (s + ½)/N.
            let t = (rep.step as f64 + 0.5) / n as f64;
            // The optimum by Newton's method from the root of the step before.
            rep.optimal_ln_m = problem.optimal_ln_m(t, rep.optimal_ln_m);
            let m = libm::exp(rep.optimal_ln_m);
            let eta: [f64; S] = std::array::from_fn(|j| match SIMULATED[j] {
                Kind::Optimal => m / (m + problem.sigma2),
                kind => self.comparison.schedule(kind).eta(&problem, t),
            });
            normal().fill(&mut rep.data, &mut rep.input);
            let noise = sigma * normal().sample(&mut rep.data);
            for (e, eta) in rep.errors.iter_mut().zip(eta) {
                // ŷ − y = e·x/√N − σζ; w ← w − (η/√N)(ŷ − y)x.
                let residual = dot(e, &rep.input) / sqrt_n - noise;
                axpy(-eta * residual / sqrt_n, &rep.input, e);
            }
            rep.step += 1;
        }
        if rep.step == target {
            let point = &mut self.points[rep.next];
            for (j, e) in rep.errors.iter().enumerate() {
                let m = dot(e, e) / n as f64;
                if !m.is_finite() {
                    return Err(RunError::Diverged {
                        at: format!("t = {}", target as f64 / n as f64),
                        what: format!("m = {m} under the {} schedule", figures::name(SIMULATED[j])),
                    });
                }
                point[j].push(m);
            }
            rep.next += 1;
            if rep.next == self.checkpoints.len() {
                self.repetition += 1;
                self.current = self.begin_repetition();
            }
        }
        Ok(count as u64)
    }

    /// The simulated points of each schedule, where at least one repetition reached them.
    fn measured(&self) -> Vec<Measured> {
        SIMULATED
            .iter()
            .enumerate()
            .map(|(j, &kind)| {
                let mut m = Measured { kind, t: Vec::new(), mean: Vec::new(), se: Vec::new() };
                for (&s, point) in self.checkpoints.iter().zip(&self.points) {
                    if point[j].count() > 0 {
                        m.t.push(s as f64 / self.p.n as f64);
                        m.mean.push(point[j].mean());
                        m.se.push(point[j].std_error());
                    }
                }
                m
            })
            .collect()
    }
}

impl Run for LrRun {
    fn total_work(&self) -> u64 {
        self.total_work
    }

    fn work_done(&self) -> u64 {
        self.work_done
    }

    fn advance(&mut self, budget: u64) -> Result<u64, RunError> {
        let mut done = 0;
        while done < budget && self.current.is_some() {
            done += self.advance_repetition(budget - done)?;
        }
        self.work_done += done;
        Ok(done)
    }

    fn frame(&self) -> Frame {
        figures::frame(
            &self.comparison,
            &self.curves,
            &self.measured(),
            &crate::model::simulation_size(self.p.n, self.p.seeds),
        )
    }

    fn observables(&self) -> Vec<Option<f64>> {
        let last = self.points.last().expect("at least one checkpoint");
        let measured = |kind: Kind| {
            let j = SIMULATED.iter().position(|&k| k == kind).expect("a simulated schedule");
            (last[j].count() > 0).then(|| last[j].mean())
        };
        let c = &self.comparison;
        let theory = |kind: Kind| Some(c.schedule(kind).m(&c.problem, c.problem.horizon));
        vec![
            measured(Kind::Optimal),
            theory(Kind::Optimal),
            Some(c.solution.cost),
            measured(Kind::Constant),
            theory(Kind::Constant),
            Some(c.best_constant()),
            measured(Kind::InverseTime),
            theory(Kind::InverseTime),
        ]
    }

    fn standard_errors(&self) -> Vec<Option<f64>> {
        let last = self.points.last().expect("at least one checkpoint");
        let se = |kind: Kind| {
            let j = SIMULATED.iter().position(|&k| k == kind).expect("a simulated schedule");
            (last[j].count() > 0).then(|| last[j].std_error())
        };
        vec![se(Kind::Optimal), None, None, se(Kind::Constant), None, None, se(Kind::InverseTime), None]
    }
}
