//! A run of the perceptron model: repetitions one after another, each learning up to α_max and
//! measuring the overlap at fixed checkpoints; means and standard errors over repetitions.

use super::PerceptronParams;
use super::figures::{self, Curves, Learner, Measured};
use super::learners::{GibbsChain, OnlineStudent, Rule, Teacher};
use super::theory;
use crate::model::{Frame, Run, RunError};
use crate::num::stats::Welford;
use crate::num::vector::{axpy, cosine, dot};

/// Checkpoints per decade of α; the run spans two decades below α_max.
const PER_DECADE: usize = 6;
const DECADES: usize = 2;

/// The numbers of examples at which a run measures the student: about six per decade, from
/// α_max/100 to α_max, rounded to whole examples, distinct, at least one.
pub fn checkpoints(n: usize, alpha_max: f64) -> Vec<usize> {
    let count = PER_DECADE * DECADES + 1;
    let mut ps: Vec<usize> = Vec::with_capacity(count);
    for k in 0..count {
        let exponent = (k as f64 - (count - 1) as f64) / PER_DECADE as f64;
        let p = (alpha_max * libm::pow(10.0, exponent) * n as f64).round() as usize;
        if p >= 1 && ps.last().is_none_or(|&last| p > last) {
            ps.push(p);
        }
    }
    if ps.is_empty() {
        ps.push(1);
    }
    ps
}

/// How long the Gibbs chain runs at each checkpoint, in steps: a burn-in after new examples
/// arrive, then `samples` samples `thin` steps apart. One step of the chain already forgets its
/// start (the autocorrelation time of R is one step at N = 100–200, α ≤ 5), so a short burn-in
/// and no thinning suffice; 64 samples make the centre of mass close to Bayes-optimal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GibbsSchedule {
    pub burn_in: u32,
    pub thin: u32,
    pub samples: u32,
}

impl GibbsSchedule {
    pub const STANDARD: GibbsSchedule = GibbsSchedule { burn_in: 4, thin: 1, samples: 64 };

    pub fn steps(&self) -> u32 {
        self.burn_in + self.thin * self.samples
    }
}

/// Statistics over repetitions at one checkpoint.
#[derive(Debug, Clone, Copy, Default)]
struct Point {
    error: Welford,
    overlap: Welford,
    /// Gibbs learning only: the centre of mass of the samples (the Bayes estimate).
    bayes_error: Welford,
    bayes_overlap: Welford,
}

/// The Gibbs samples of one checkpoint of one repetition.
#[derive(Debug, Clone, Copy, Default)]
struct Samples {
    error: Welford,
    overlap: Welford,
}

/// Where the current repetition stands.
enum Stage {
    /// Hebb or the online rule: `seen` examples learnt so far.
    Online {
        teacher: Teacher,
        student: OnlineStudent,
        seen: usize,
    },
    /// Gibbs learning at checkpoint `at`.
    Gibbs {
        chain: Box<GibbsChain>,
        at: usize,
        phase: GibbsPhase,
        samples: Samples,
        centre: Vec<f64>,
    },
    Finished,
}

#[derive(Debug, Clone, Copy)]
enum GibbsPhase {
    BurnIn { left: u32 },
    Sampling { taken: u32, wait: u32 },
}

pub struct PerceptronRun {
    p: PerceptronParams,
    seed: u64,
    checkpoints: Vec<usize>,
    schedule: GibbsSchedule,
    points: Vec<Point>,
    curves: Curves,
    repetition: usize,
    stage: Stage,
    work_done: u64,
    total_work: u64,
}

impl PerceptronRun {
    pub fn new(p: PerceptronParams, seed: u64) -> Self {
        let schedule = GibbsSchedule::STANDARD;
        let checkpoints = checkpoints(p.n, p.alpha_max);
        let per_repetition = match p.rule {
            Rule::Hebb | Rule::Online => *checkpoints.last().unwrap() as u64,
            Rule::Gibbs => checkpoints.len() as u64 * u64::from(schedule.steps()),
        };
        let alpha_min = checkpoints[0] as f64 / p.n as f64;
        let mut run = PerceptronRun {
            p,
            seed,
            points: vec![Point::default(); checkpoints.len()],
            curves: Curves::new(alpha_min.min(p.alpha_max / 100.0), p.alpha_max, schedule.samples),
            checkpoints,
            schedule,
            repetition: 0,
            stage: Stage::Finished,
            work_done: 0,
            total_work: per_repetition * p.seeds as u64,
        };
        run.stage = run.begin_repetition();
        run
    }

    fn begin_repetition(&self) -> Stage {
        if self.repetition >= self.p.seeds {
            return Stage::Finished;
        }
        let r = self.repetition as u64;
        match self.p.rule {
            Rule::Hebb | Rule::Online => Stage::Online {
                teacher: Teacher::new(self.p.n, self.seed, r),
                student: OnlineStudent::new(self.p.rule, self.p.n),
                seen: 0,
            },
            Rule::Gibbs => {
                let mut chain = Box::new(GibbsChain::new(self.p.n, *self.checkpoints.last().unwrap(), self.seed, r));
                chain.activate(self.checkpoints[0]);
                Stage::Gibbs {
                    chain,
                    at: 0,
                    phase: GibbsPhase::BurnIn { left: self.schedule.burn_in },
                    samples: Samples::default(),
                    centre: vec![0.0; self.p.n],
                }
            }
        }
    }

    fn finish_repetition(&mut self) {
        self.repetition += 1;
        self.stage = self.begin_repetition();
    }

    /// Learn up to `budget` examples of the current repetition; returns how many.
    fn advance_online(&mut self, budget: u64) -> u64 {
        let Stage::Online { teacher, student, seen } = &mut self.stage else { unreachable!() };
        let next = self.checkpoints.iter().copied().find(|&c| c > *seen).expect("a checkpoint is ahead");
        let count = (next - *seen).min(budget as usize);
        for _ in 0..count {
            let example = teacher.next_example();
            student.learn(example.input, example.label);
        }
        *seen += count;
        if *seen == next {
            let r = teacher.overlap(&student.weights);
            let k = self.checkpoints.iter().position(|&c| c == next).unwrap();
            self.points[k].overlap.push(r);
            self.points[k].error.push(theory::error_from_overlap(r));
            if k + 1 == self.checkpoints.len() {
                self.finish_repetition();
            }
        }
        count as u64
    }

    /// One step of the Gibbs chain, and the bookkeeping of its phases.
    fn advance_gibbs(&mut self) {
        let Stage::Gibbs { chain, at, phase, samples, centre } = &mut self.stage else { unreachable!() };
        chain.step();
        *phase = match *phase {
            GibbsPhase::BurnIn { left } if left > 1 => GibbsPhase::BurnIn { left: left - 1 },
            GibbsPhase::BurnIn { .. } => GibbsPhase::Sampling { taken: 0, wait: self.schedule.thin },
            GibbsPhase::Sampling { taken, wait } if wait > 1 => GibbsPhase::Sampling { taken, wait: wait - 1 },
            GibbsPhase::Sampling { taken, .. } => {
                let r = chain.overlap();
                samples.overlap.push(r);
                samples.error.push(theory::error_from_overlap(r));
                let norm = dot(&chain.weights, &chain.weights).sqrt();
                axpy(1.0 / norm, &chain.weights, centre);
                GibbsPhase::Sampling { taken: taken + 1, wait: self.schedule.thin }
            }
        };
        let GibbsPhase::Sampling { taken, .. } = *phase else { return };
        if taken < self.schedule.samples {
            return;
        }
        // The checkpoint is done: record the samples' mean error and their centre of mass.
        let point = &mut self.points[*at];
        point.error.push(samples.error.mean());
        point.overlap.push(samples.overlap.mean());
        let bayes = cosine(centre, chain.teacher());
        point.bayes_overlap.push(bayes);
        point.bayes_error.push(theory::error_from_overlap(bayes));
        if *at + 1 == self.checkpoints.len() {
            self.finish_repetition();
            return;
        }
        *at += 1;
        chain.activate(self.checkpoints[*at]);
        *phase = GibbsPhase::BurnIn { left: self.schedule.burn_in };
        *samples = Samples::default();
        centre.fill(0.0);
    }

    fn alphas(&self) -> Vec<f64> {
        self.checkpoints.iter().map(|&p| p as f64 / self.p.n as f64).collect()
    }

    /// The simulated points of one learner measured by at least one repetition.
    fn measured(
        &self,
        learner: Learner,
        label: String,
        error: fn(&Point) -> Welford,
        overlap: fn(&Point) -> Welford,
    ) -> Measured {
        let mut m =
            Measured { learner, label, alpha: Vec::new(), error: Default::default(), overlap: Default::default() };
        for (alpha, point) in self.alphas().into_iter().zip(&self.points) {
            let (e, r) = (error(point), overlap(point));
            if e.count() > 0 {
                m.alpha.push(alpha);
                m.error.mean.push(e.mean());
                m.error.se.push(e.std_error());
                m.overlap.mean.push(r.mean());
                m.overlap.se.push(r.std_error());
            }
        }
        m
    }
}

impl Run for PerceptronRun {
    fn total_work(&self) -> u64 {
        self.total_work
    }

    fn work_done(&self) -> u64 {
        self.work_done
    }

    fn advance(&mut self, budget: u64) -> Result<u64, RunError> {
        let mut done = 0;
        while done < budget {
            match self.stage {
                Stage::Finished => break,
                Stage::Online { .. } => done += self.advance_online(budget - done),
                Stage::Gibbs { .. } => {
                    self.advance_gibbs();
                    done += 1;
                }
            }
        }
        self.work_done += done;
        Ok(done)
    }

    fn frame(&self) -> Frame {
        let learner = match self.p.rule {
            Rule::Hebb => Learner::Hebb,
            Rule::Online => Learner::Online,
            Rule::Gibbs => Learner::Gibbs,
        };
        let mut measured = vec![self.measured(
            learner,
            format!("{}: simulation", self.curves.list[learner as usize].name),
            |p| p.error,
            |p| p.overlap,
        )];
        if self.p.rule == Rule::Gibbs {
            let name = &self.curves.list[Learner::Committee as usize].name;
            measured.push(self.measured(
                Learner::Committee,
                format!("{name}: simulation"),
                |p| p.bayes_error,
                |p| p.bayes_overlap,
            ));
        }
        figures::frame(self.p.rule, &self.curves, &measured, &crate::model::simulation_size(self.p.n, self.p.seeds))
    }

    fn observables(&self) -> Vec<Option<f64>> {
        let last = self.points.last().expect("at least one checkpoint");
        let measured = |w: Welford| (w.count() > 0).then(|| w.mean());
        let alpha = *self.checkpoints.last().unwrap() as f64 / self.p.n as f64;
        let eps_theory = match self.p.rule {
            Rule::Hebb => theory::error_from_overlap(theory::hebb_overlap(alpha)),
            Rule::Online => theory::online_errors(&[alpha])[0],
            Rule::Gibbs => theory::gibbs_error(alpha),
        };
        // ε = arccos(R)/π for every rule, so the theory's R follows from its ε.
        let overlap_theory = libm::cos(std::f64::consts::PI * eps_theory);
        vec![measured(last.error), Some(eps_theory), measured(last.overlap), Some(overlap_theory)]
    }

    fn standard_errors(&self) -> Vec<Option<f64>> {
        let last = self.points.last().expect("at least one checkpoint");
        let se = |w: Welford| (w.count() > 0).then(|| w.std_error());
        vec![se(last.error), None, se(last.overlap), None]
    }
}
