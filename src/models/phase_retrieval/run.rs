//! A run: for each seed, a signal w*, and for the page's α and each α of the success panel a data
//! set and a start shared by the four algorithms, each run to t_max; then online SGD on fresh
//! examples, against its ODE.

use super::Settings;
use super::figures;
use super::theory;
use crate::model::{Frame, Run, RunError};
use crate::num::stats::Welford;
use crate::num::vector::{axpy, dot};
use crate::rng::NormalVectors;

/// Points of the time courses (evenly spaced over [0, t_max]).
pub const RECORDS: usize = 80;
/// A run succeeds when the cosine between w and ±w* ends above this.
pub const SUCCESS: f64 = 0.9;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    Gd,
    Sgd,
    Persistent,
    Langevin,
}

pub const ALGORITHMS: [Algorithm; 4] = [Algorithm::Gd, Algorithm::Sgd, Algorithm::Persistent, Algorithm::Langevin];

impl Algorithm {
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Gd => "gradient descent",
            Algorithm::Sgd => "SGD",
            Algorithm::Persistent => "persistent SGD",
            Algorithm::Langevin => "Langevin",
        }
    }
    fn stream(self) -> &'static str {
        match self {
            Algorithm::Gd => "gd",
            Algorithm::Sgd => "batches",
            Algorithm::Persistent => "telegraph",
            Algorithm::Langevin => "langevin",
        }
    }
}

/// A data set: n inputs of dimension d (row by row), their labels y = (w*·x/√d)².
struct Data {
    x: Vec<f64>,
    y: Vec<f64>,
    n: usize,
}

/// One algorithm on one data set, in progress.
struct Job {
    /// 0: the page's α; k ≥ 1: the k-th α of the success panel.
    alpha_index: usize,
    algorithm: Algorithm,
    w: Vec<f64>,
    grad: Vec<f64>,
    noise: NormalVectors,
    /// Persistent SGD: whether each example is in the batch now.
    active: Vec<bool>,
    step: u64,
}

/// Statistics over seeds of one algorithm's time course at the page's α.
#[derive(Clone)]
pub struct Course {
    pub overlap: Vec<Welford>,
    pub loss: Vec<Welford>,
}

pub struct PhaseRetrievalRun {
    pub s: Settings,
    /// The α of the success panel.
    pub grid: Vec<f64>,
    /// Per algorithm: the time course at the page's α.
    pub courses: Vec<Course>,
    /// Per algorithm and grid point: successes and runs.
    pub successes: Vec<Vec<(u32, u32)>>,
    /// Online SGD: m and q over seeds at the record times, and the ODE there.
    pub online: Vec<(Welford, Welford)>,
    pub ode: Vec<(f64, f64)>,
    pub online_times: Vec<f64>,
    pub record_times: Vec<f64>,
    seed: u64,
    steps: u64,
    record_every: u64,
    // Where the run stands: seed r, data set, signal, job.
    r: usize,
    signal: Vec<f64>,
    data: Option<Data>,
    job: Option<Job>,
    /// Online SGD of seed r.
    online_state: Option<OnlineSgd>,
    work_done: u64,
}

impl PhaseRetrievalRun {
    pub fn new(s: Settings, seed: u64) -> Self {
        let steps = s.steps();
        let record_every = (steps / RECORDS as u64).max(1);
        let record_times: Vec<f64> = (0..=steps / record_every).map(|k| (k * record_every) as f64 * s.eta).collect();
        let per_record = online_per_record(&s);
        let online_times: Vec<f64> = (0..=RECORDS).map(|k| (k as u64 * per_record) as f64 / s.d as f64).collect();
        let ode = theory::online(s.eta, s.m0, s.q0, &online_times);
        let grid = s.grid();
        let records = record_times.len();
        let mut run = PhaseRetrievalRun {
            courses: vec![
                Course { overlap: vec![Welford::default(); records], loss: vec![Welford::default(); records] };
                4
            ],
            successes: vec![vec![(0, 0); grid.len()]; 4],
            online: vec![(Welford::default(), Welford::default()); RECORDS + 1],
            ode,
            online_times,
            record_times,
            grid,
            s,
            seed,
            steps,
            record_every,
            r: 0,
            signal: Vec::new(),
            data: None,
            job: None,
            online_state: None,
            work_done: 0,
        };
        run.begin_seed();
        run
    }

    fn alpha(&self, index: usize) -> f64 {
        if index == 0 { self.s.alpha } else { self.grid[index - 1] }
    }

    fn begin_seed(&mut self) {
        self.signal = signal(self.s.d, &mut NormalVectors::new(self.seed, "signal", self.r as u64));
        self.begin_data(0);
    }

    fn key(&self, alpha_index: usize) -> u64 {
        (self.r * 64 + alpha_index) as u64
    }

    fn begin_data(&mut self, alpha_index: usize) {
        let d = self.s.d;
        let n = ((self.alpha(alpha_index) * d as f64).round() as usize).max(1);
        let mut x = vec![0.0; n * d];
        NormalVectors::new(self.seed, "inputs", self.key(alpha_index)).fill(&mut x);
        let sqrt_d = (d as f64).sqrt();
        let y = x.chunks_exact(d).map(|row| (dot(row, &self.signal) / sqrt_d).powi(2)).collect();
        self.data = Some(Data { x, y, n });
        self.job = Some(self.begin_job(alpha_index, Algorithm::Gd));
    }

    /// The start: w0 = m0 w* + √(q0 − m0²) z, z ⊥ w* of norm √d, the same for the four algorithms.
    fn start(&self, alpha_index: usize) -> Vec<f64> {
        start_vector(
            &self.signal,
            self.s.m0,
            self.s.q0,
            &mut NormalVectors::new(self.seed, "start", self.key(alpha_index)),
        )
    }

    fn begin_job(&self, alpha_index: usize, algorithm: Algorithm) -> Job {
        let d = self.s.d;
        let n = self.data.as_ref().expect("data").n;
        let mut noise = NormalVectors::new(self.seed, algorithm.stream(), self.key(alpha_index));
        let active = if algorithm == Algorithm::Persistent {
            (0..n).map(|_| noise.uniform() < self.s.b).collect()
        } else {
            Vec::new()
        };
        Job { alpha_index, algorithm, w: self.start(alpha_index), grad: vec![0.0; d], noise, active, step: 0 }
    }

    /// The mean loss (1/4n)Σ(y − λ²)², and the gradient of Σ_B ¼(y − λ²)² over the examples in the
    /// batch into `grad`.
    fn loss_and_gradient(data: &Data, w: &[f64], grad: &mut [f64], include: impl Fn(usize) -> bool) -> f64 {
        let d = w.len();
        let sqrt_d = (d as f64).sqrt();
        grad.fill(0.0);
        let mut loss = 0.0;
        for (mu, row) in data.x.chunks_exact(d).enumerate() {
            let lambda = dot(row, w) / sqrt_d;
            let residual = lambda * lambda - data.y[mu];
            loss += residual * residual;
            if include(mu) {
                axpy(residual * lambda / sqrt_d, row, grad);
            }
        }
        0.25 * loss / data.n as f64
    }

    fn record(&mut self, slot: usize, algorithm: usize, w: &[f64], loss: f64) {
        let d = self.s.d as f64;
        let m = dot(w, &self.signal).abs() / d;
        self.courses[algorithm].overlap[slot].push(m);
        self.courses[algorithm].loss[slot].push(loss);
    }

    /// One step of the current job; records, and moves on when it ends.
    fn step_job(&mut self) -> Result<(), RunError> {
        let s = self.s;
        let data = self.data.as_ref().expect("data");
        let job = self.job.as_mut().expect("a job");
        let (n, d) = (data.n, s.d);
        let scale_all = d as f64 / n as f64;
        let loss = match job.algorithm {
            Algorithm::Gd | Algorithm::Langevin => Self::loss_and_gradient(data, &job.w, &mut job.grad, |_| true),
            Algorithm::Sgd => {
                let picks: Vec<bool> = (0..n).map(|_| job.noise.uniform() < s.b).collect();
                Self::loss_and_gradient(data, &job.w, &mut job.grad, |mu| picks[mu])
            }
            Algorithm::Persistent => {
                let (off, on) = (s.eta / s.tau, (s.eta * (1.0 - s.b) / (s.b * s.tau)).min(1.0));
                for a in job.active.iter_mut() {
                    let u = job.noise.uniform();
                    *a = if *a { u >= off } else { u < on };
                }
                let active = &job.active;
                Self::loss_and_gradient(data, &job.w, &mut job.grad, |mu| active[mu])
            }
        };
        let algorithm_index = ALGORITHMS.iter().position(|&a| a == job.algorithm).unwrap();
        if job.alpha_index == 0 && job.step % self.record_every == 0 {
            let slot = (job.step / self.record_every) as usize;
            let w = job.w.clone();
            self.record(slot, algorithm_index, &w, loss);
        }
        let job = self.job.as_mut().expect("a job");
        // Each example in the batch weighs d/n, as in gradient descent: SGD follows the gradient of
        // the loss of the examples it sees now (the stochastic gradient flow of Mignacco et al.).
        axpy(-s.eta * scale_all, &job.grad, &mut job.w);
        if job.algorithm == Algorithm::Langevin && s.temperature > 0.0 {
            let amplitude = (2.0 * s.temperature * s.eta).sqrt();
            let mut xi = std::mem::take(&mut job.grad);
            job.noise.fill(&mut xi);
            axpy(amplitude, &xi, &mut job.w);
            job.grad = xi;
        }
        job.step += 1;
        if !job.w.iter().all(|x| x.is_finite()) {
            let (step, name, index) = (job.step, job.algorithm.name(), job.alpha_index);
            return Err(RunError::Diverged {
                at: format!("t = {} ({name}, α = {}, seed {})", step as f64 * s.eta, self.alpha(index), self.r + 1),
                what: "the weights are no longer finite numbers: lower lr".into(),
            });
        }
        if job.step == self.steps {
            self.end_job();
        }
        Ok(())
    }

    fn end_job(&mut self) {
        let job = self.job.take().expect("a job");
        let data = self.data.as_ref().expect("data");
        let a = ALGORITHMS.iter().position(|&x| x == job.algorithm).unwrap();
        if job.alpha_index == 0 && self.steps % self.record_every == 0 {
            let mut grad = vec![0.0; self.s.d];
            let loss = Self::loss_and_gradient(data, &job.w, &mut grad, |_| false);
            self.record((self.steps / self.record_every) as usize, a, &job.w, loss);
        }
        if job.alpha_index > 0 {
            let cosine = dot(&job.w, &self.signal).abs() / (dot(&job.w, &job.w) * self.s.d as f64).sqrt();
            let cell = &mut self.successes[a][job.alpha_index - 1];
            cell.0 += u32::from(cosine > SUCCESS);
            cell.1 += 1;
        }
        if a + 1 < ALGORITHMS.len() {
            self.job = Some(self.begin_job(job.alpha_index, ALGORITHMS[a + 1]));
        } else if job.alpha_index < self.grid.len() {
            self.begin_data(job.alpha_index + 1);
        } else {
            self.data = None;
            let w = self.start(0);
            self.online_state = Some(OnlineSgd::new(w, NormalVectors::new(self.seed, "online", self.r as u64)));
            self.record_online();
        }
    }

    fn record_online(&mut self) {
        let Some(online) = &self.online_state else { return };
        let unit = self.online_units_per_record();
        if online.step % unit == 0 {
            let slot = (online.step / unit) as usize;
            if slot <= RECORDS {
                let (m, q) = online.overlaps(&self.signal);
                self.online[slot].0.push(m);
                self.online[slot].1.push(q);
            }
        }
    }

    fn online_units_per_record(&self) -> u64 {
        online_per_record(&self.s)
    }

    /// One example of online SGD (fresh), and the bookkeeping.
    fn step_online(&mut self) -> Result<(), RunError> {
        let (eta, d) = (self.s.eta, self.s.d);
        let online = self.online_state.as_mut().expect("online");
        if !online.step(eta, &self.signal) {
            return Err(RunError::Diverged {
                at: format!("t = {} (online SGD, seed {})", online.step as f64 / d as f64, self.r + 1),
                what: "the weights are no longer finite numbers: lower lr".into(),
            });
        }
        let done = online.step;
        self.record_online();
        if done >= self.online_units_per_record() * RECORDS as u64 {
            self.online_state = None;
            self.r += 1;
            if self.r < self.s.seeds {
                self.begin_seed();
            }
        }
        Ok(())
    }

    pub fn per_seed_work(&self) -> u64 {
        self.steps * 4 * (self.grid.len() as u64 + 1) + self.online_units_per_record() * RECORDS as u64
    }
}

/// Online SGD: one fresh Gaussian example per step, w ← w − η(λ² − ν²)λx/√d.
pub struct OnlineSgd {
    pub w: Vec<f64>,
    pub step: u64,
    x: Vec<f64>,
    source: NormalVectors,
}

impl OnlineSgd {
    pub fn new(w: Vec<f64>, source: NormalVectors) -> Self {
        OnlineSgd { x: vec![0.0; w.len()], w, step: 0, source }
    }

    /// One example; false if the weights are no longer finite.
    pub fn step(&mut self, eta: f64, signal: &[f64]) -> bool {
        self.source.fill(&mut self.x);
        let sqrt_d = (self.w.len() as f64).sqrt();
        let lambda = dot(&self.x, &self.w) / sqrt_d;
        let nu = dot(&self.x, signal) / sqrt_d;
        axpy(-eta * (lambda * lambda - nu * nu) * lambda / sqrt_d, &self.x, &mut self.w);
        self.step += 1;
        self.w.iter().all(|v| v.is_finite())
    }

    /// (m, q) = (w·w*/d, |w|²/d).
    pub fn overlaps(&self, signal: &[f64]) -> (f64, f64) {
        let d = self.w.len() as f64;
        (dot(&self.w, signal) / d, dot(&self.w, &self.w) / d)
    }
}

/// A signal of squared norm d from the named stream.
pub fn signal(d: usize, source: &mut NormalVectors) -> Vec<f64> {
    let mut w = vec![0.0; d];
    source.fill(&mut w);
    let norm = (d as f64 / dot(&w, &w)).sqrt();
    w.iter_mut().for_each(|x| *x *= norm);
    w
}

/// Online SGD takes about t_max·d examples, recording every (t_max·d)/RECORDS of them.
fn online_per_record(s: &Settings) -> u64 {
    (((s.t_max * s.d as f64).round() as u64) / RECORDS as u64).max(1)
}

/// m0 w* + √(q0 − m0²) z with z ⊥ w*, |z|² = d: exactly overlap m0 and squared norm q0 (per d).
pub fn start_vector(signal: &[f64], m0: f64, q0: f64, source: &mut NormalVectors) -> Vec<f64> {
    let d = signal.len() as f64;
    let mut z = vec![0.0; signal.len()];
    source.fill(&mut z);
    let along = dot(&z, signal) / d;
    axpy(-along, signal, &mut z);
    let norm = (d / dot(&z, &z)).sqrt();
    let perp = (q0 - m0 * m0).max(0.0).sqrt() * norm;
    signal.iter().zip(&z).map(|(s, z)| m0 * s + perp * z).collect()
}

impl Run for PhaseRetrievalRun {
    fn total_work(&self) -> u64 {
        self.per_seed_work() * self.s.seeds as u64
    }

    fn work_done(&self) -> u64 {
        self.work_done
    }

    fn advance(&mut self, budget: u64) -> Result<u64, RunError> {
        let mut done = 0;
        while done < budget {
            if self.job.is_some() {
                self.step_job()?;
            } else if self.online_state.is_some() {
                self.step_online()?;
            } else {
                break;
            }
            done += 1;
        }
        self.work_done += done;
        Ok(done)
    }

    fn frame(&self) -> Frame {
        figures::frame(self)
    }

    fn observables(&self) -> Vec<Option<f64>> {
        let done = self.r >= self.s.seeds;
        let last = self.online.last().expect("records");
        let mut out: Vec<Option<f64>> = (0..4)
            .map(|a| {
                let last = self.courses[a].overlap.last().expect("records");
                (last.count() == self.s.seeds as u64).then(|| last.mean())
            })
            .collect();
        out.push((done && last.0.count() > 0).then(|| last.0.mean()));
        out.push(self.ode.last().map(|p| p.0));
        out
    }

    fn standard_errors(&self) -> Vec<Option<f64>> {
        let mut out: Vec<Option<f64>> = (0..4)
            .map(|a| {
                let last = self.courses[a].overlap.last().expect("records");
                (last.count() == self.s.seeds as u64 && last.count() > 1).then(|| last.std_error())
            })
            .collect();
        let last = self.online.last().expect("records");
        out.push((last.0.count() > 1).then(|| last.0.std_error()));
        out.push(None);
        out
    }
}
