//! A run of ridge regression: repetitions one after another, each drawing a teacher and a stream
//! of noisy examples, accumulating XᵀX and Xᵀε sample by sample and solving for β̂ at fixed
//! numbers of samples; means and standard errors of the error and its parts over repetitions.

use super::RidgeParams;
use super::figures::{self, Curves, Measured};
use super::theory::spectrum;
use crate::model::{Frame, Run, RunError};
use crate::models::learning_curves::{Means, conditions};
use crate::num::cholesky;
use crate::num::stats::Welford;
use crate::num::vector::axpy;
use crate::rng::{Pcg32, normal, stream};

/// Checkpoints per decade of α; the run spans two decades below α_max.
const PER_DECADE: usize = 8;
const DECADES: usize = 2;

/// The α at which the error is also measured against λ.
pub const SWEEP_ALPHAS: [f64; 3] = [0.5, 1.0, 2.0];

/// The λ of the sweep: 1e−4 to 10, two per decade.
pub fn sweep_lambdas() -> Vec<f64> {
    (0..11).map(|k| libm::pow(10.0, -4.0 + 0.5 * k as f64)).collect()
}

/// The numbers of samples at which a run solves: eight per decade of α = n/d from α_max/100 to
/// α_max, and the α of the λ sweep; rounded, distinct, at least one sample.
pub fn checkpoints(d: usize, alpha_max: f64) -> Vec<usize> {
    let count = PER_DECADE * DECADES + 1;
    let mut ns: Vec<usize> = (0..count)
        .map(|k| {
            let exponent = (k as f64 - (count - 1) as f64) / PER_DECADE as f64;
            (alpha_max * libm::pow(10.0, exponent) * d as f64).round() as usize
        })
        .chain(SWEEP_ALPHAS.iter().map(|a| (a * d as f64).round() as usize))
        .filter(|&n| n >= 1)
        .collect();
    ns.sort_unstable();
    ns.dedup();
    ns
}

/// Error, bias and variance of one estimate.
#[derive(Debug, Clone, Copy)]
pub struct Measurement {
    pub error: f64,
    pub bias: f64,
    pub variance: f64,
}

/// One repetition's teacher, examples so far and their sums.
pub struct Sampler {
    d: usize,
    sqrt_s: Vec<f64>,
    s: Vec<f64>,
    noise_sd: f64,
    pub teacher: Vec<f64>,
    data: Pcg32,
    x: Vec<f64>,
    /// XᵀX, upper triangle, row by row (d × d).
    gram: Vec<f64>,
    /// Xᵀε.
    xt_noise: Vec<f64>,
    pub seen: usize,
    /// Scratch for the factor.
    factor: Vec<f64>,
}

impl Sampler {
    /// Repetition r: the teacher from stream ("teacher", r), scaled to |β|² = r² exactly; the inputs
    /// and the noise from ("data", r), example by example.
    pub fn new(p: &RidgeParams, seed: u64, repetition: u64) -> Self {
        let d = p.d;
        let s = spectrum(d, p.decay);
        let mut teacher = vec![0.0; d];
        normal().fill(&mut stream(seed, "teacher", repetition), &mut teacher);
        let norm2: f64 = crate::num::vector::dot(&teacher, &teacher);
        let scale = libm::sqrt(p.signal / norm2);
        teacher.iter_mut().for_each(|b| *b *= scale);
        Sampler {
            d,
            sqrt_s: s.iter().map(|&v| libm::sqrt(v)).collect(),
            s,
            noise_sd: libm::sqrt(p.noise),
            teacher,
            data: stream(seed, "data", repetition),
            x: vec![0.0; d],
            gram: vec![0.0; d * d],
            xt_noise: vec![0.0; d],
            seen: 0,
            factor: vec![0.0; d * d],
        }
    }

    /// One more example: x = Σ^{1/2} z, y = x·β + σ ε; only XᵀX and Xᵀε are kept.
    pub fn add(&mut self) {
        let d = self.d;
        normal().fill(&mut self.data, &mut self.x);
        for (x, r) in self.x.iter_mut().zip(&self.sqrt_s) {
            *x *= r;
        }
        let eps = self.noise_sd * normal().sample(&mut self.data);
        for i in 0..d {
            axpy(self.x[i], &self.x[i..], &mut self.gram[i * d + i..(i + 1) * d]);
        }
        axpy(eps, &self.x, &mut self.xt_noise);
        self.seen += 1;
    }

    /// Ridge with λ on the examples so far: β̂ − β = −nλ(XᵀX + nλ)⁻¹β + (XᵀX + nλ)⁻¹Xᵀε, the
    /// bias part and the variance part; each error is |·|² in the metric Σ. `None` if the matrix is
    /// not positive definite to working precision.
    pub fn solve(&mut self, lambda: f64) -> Option<Measurement> {
        let (d, n) = (self.d, self.seen as f64);
        for j in 0..d {
            for k in 0..=j {
                self.factor[j * d + k] = self.gram[k * d + j];
            }
            self.factor[j * d + j] += n * lambda;
        }
        cholesky::factor(d, &mut self.factor).ok()?;
        let mut bias: Vec<f64> = self.teacher.iter().map(|b| -n * lambda * b).collect();
        cholesky::solve(d, &self.factor, &mut bias);
        let mut variance = self.xt_noise.clone();
        cholesky::solve(d, &self.factor, &mut variance);
        let (mut m, mut b, mut v) = (0.0, 0.0, 0.0);
        for i in 0..d {
            let (u, w) = (bias[i], variance[i]);
            b += self.s[i] * u * u;
            v += self.s[i] * w * w;
            m += self.s[i] * (u + w) * (u + w);
        }
        Some(Measurement { error: m, bias: b, variance: v })
    }
}

/// Statistics over repetitions at one checkpoint.
#[derive(Debug, Clone, Copy, Default)]
pub struct Point {
    pub error: Welford,
    pub bias: Welford,
    pub variance: Welford,
}

pub struct RidgeRun {
    p: RidgeParams,
    seed: u64,
    checkpoints: Vec<usize>,
    /// For each α of the sweep, its checkpoint's index.
    sweep_at: Vec<usize>,
    lambdas: Vec<f64>,
    points: Vec<Point>,
    /// sweep[a][l]: the error at SWEEP_ALPHAS[a] with lambdas[l].
    sweep: Vec<Vec<Welford>>,
    curves: Curves,
    repetition: usize,
    sampler: Option<Box<Sampler>>,
    solve_work: u64,
    work_done: u64,
    total_work: u64,
}

impl RidgeRun {
    pub fn new(p: RidgeParams, seed: u64) -> Self {
        let checkpoints = checkpoints(p.d, p.alpha_max);
        let sweep_at = SWEEP_ALPHAS
            .iter()
            .map(|a| {
                let n = (a * p.d as f64).round() as usize;
                checkpoints.iter().position(|&c| c == n).expect("the sweep's α are checkpoints")
            })
            .collect();
        let lambdas = sweep_lambdas();
        let solve_work = p.solve_work();
        let per_repetition = *checkpoints.last().unwrap() as u64
            + (checkpoints.len() + SWEEP_ALPHAS.len() * lambdas.len()) as u64 * solve_work;
        let alpha_min = checkpoints[0] as f64 / p.d as f64;
        let mut run = RidgeRun {
            curves: Curves::new(&p, alpha_min, &lambdas),
            points: vec![Point::default(); checkpoints.len()],
            sweep: vec![vec![Welford::default(); lambdas.len()]; SWEEP_ALPHAS.len()],
            p,
            seed,
            checkpoints,
            sweep_at,
            lambdas,
            repetition: 0,
            sampler: None,
            solve_work,
            work_done: 0,
            total_work: per_repetition * p.seeds as u64,
        };
        run.sampler = run.begin();
        run
    }

    fn begin(&self) -> Option<Box<Sampler>> {
        (self.repetition < self.p.seeds).then(|| Box::new(Sampler::new(&self.p, self.seed, self.repetition as u64)))
    }

    /// Add examples up to the next checkpoint or the budget, and solve there; returns the work done.
    fn step(&mut self, budget: u64) -> Result<u64, RunError> {
        let sampler = self.sampler.as_mut().expect("a repetition is under way");
        let k = self.checkpoints.iter().position(|&c| c > sampler.seen).expect("a checkpoint is ahead");
        let count = (self.checkpoints[k] - sampler.seen).min(budget as usize);
        for _ in 0..count {
            sampler.add();
        }
        let mut done = count as u64;
        if sampler.seen < self.checkpoints[k] {
            return Ok(done);
        }
        let (seen, repetition) = (sampler.seen, self.repetition + 1);
        let alpha = seen as f64 / self.p.d as f64;
        let failed = |what: String| RunError::Diverged {
            at: format!("α = {alpha:.4} (n = {seen}), repetition {repetition}"),
            what,
        };
        let m = sampler
            .solve(self.p.lambda)
            .ok_or_else(|| failed(format!("XᵀX + nλI is not positive definite at λ = {}", self.p.lambda)))?;
        let point = &mut self.points[k];
        point.error.push(m.error);
        point.bias.push(m.bias);
        point.variance.push(m.variance);
        done += self.solve_work;
        for (a, &at) in self.sweep_at.iter().enumerate() {
            if at != k {
                continue;
            }
            for (l, &lambda) in self.lambdas.iter().enumerate() {
                let m = sampler
                    .solve(lambda)
                    .ok_or_else(|| failed(format!("XᵀX + nλI is not positive definite at λ = {lambda}")))?;
                self.sweep[a][l].push(m.error);
                done += self.solve_work;
            }
        }
        if k + 1 == self.checkpoints.len() {
            self.repetition += 1;
            self.sampler = self.begin();
        }
        Ok(done)
    }

    fn measured(&self) -> Measured {
        let mut m = Measured::default();
        for (&n, point) in self.checkpoints.iter().zip(&self.points) {
            if point.error.count() > 0 {
                m.alpha.push(n as f64 / self.p.d as f64);
                for (means, w) in
                    [(&mut m.error, point.error), (&mut m.bias, point.bias), (&mut m.variance, point.variance)]
                {
                    means.push(&w);
                }
            }
        }
        for sweep in &self.sweep {
            let mut means = Means::default();
            let mut lambdas = Vec::new();
            for (&lambda, w) in self.lambdas.iter().zip(sweep) {
                if w.count() > 0 {
                    lambdas.push(lambda);
                    means.push(w);
                }
            }
            m.sweep.push((lambdas, means));
        }
        m
    }

    /// The statistics at the checkpoint closest to α.
    fn point_at(&self, alpha: f64) -> (f64, &Point) {
        let k = (0..self.checkpoints.len())
            .min_by(|&i, &j| {
                let da = (self.checkpoints[i] as f64 / self.p.d as f64 - alpha).abs();
                let db = (self.checkpoints[j] as f64 / self.p.d as f64 - alpha).abs();
                da.total_cmp(&db)
            })
            .unwrap();
        (self.checkpoints[k] as f64, &self.points[k])
    }
}

impl Run for RidgeRun {
    fn total_work(&self) -> u64 {
        self.total_work
    }

    fn work_done(&self) -> u64 {
        self.work_done
    }

    fn advance(&mut self, budget: u64) -> Result<u64, RunError> {
        let mut done = 0;
        while done < budget && self.sampler.is_some() {
            done += self.step(budget - done)?;
        }
        self.work_done += done;
        Ok(done)
    }

    fn frame(&self) -> Frame {
        figures::frame(&self.curves, &self.measured(), &conditions(self.p.d, self.p.seeds))
    }

    fn observables(&self) -> Vec<Option<f64>> {
        let mut out = Vec::new();
        for alpha in [1.0, self.p.alpha_max] {
            let (n, point) = self.point_at(alpha);
            out.push((point.error.count() > 0).then(|| point.error.mean()));
            out.push(Some(self.curves.problem.risk(n, self.p.lambda).total()));
        }
        out
    }

    fn standard_errors(&self) -> Vec<Option<f64>> {
        let mut out = Vec::new();
        for alpha in [1.0, self.p.alpha_max] {
            let (_, point) = self.point_at(alpha);
            out.push((point.error.count() > 1).then(|| point.error.std_error()));
            out.push(None);
        }
        out
    }
}
