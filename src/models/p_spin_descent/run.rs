//! A run: for each disorder sample (seed), couplings and a random start on the sphere, then
//! projected Euler steps of gradient descent (T = 0) or Langevin dynamics, recording e(t) and the
//! correlations C(t, t_w) with a few earlier times; on the first sample the Hessian's spectrum at
//! checkpoints; at the end the BBP panel, a spiked GOE matrix at a grid of spike strengths.

use super::Settings;
use super::couplings::{Couplings, sphere_hessian_eigenvalues};
use super::figures;
use super::theory::{self, Ck};
use crate::model::{Frame, Run, RunError};
use crate::num::eigen::symmetric_eigen;
use crate::num::stats::Welford;
use crate::rng::{self, NormalVectors};

/// Intervals of the Cugliandolo–Kurchan grid (the finer solution has twice as many): a power of
/// two, so that the waiting times t_max/2^k lie on it.
pub const CK_INTERVALS: usize = 256;
/// Waiting times t_w = t_max/2^k, k = 1..=WAITING.
pub const WAITING: usize = 5;
/// Hessian checkpoints on the first sample: t_max/2^k, k = 0..HESSIANS.
pub const HESSIANS: usize = 7;
/// Recording times per decade of t (log-spaced from the first step to t_max).
const PER_DECADE: f64 = 24.0;
/// Spike strengths of the BBP panel: λ = 0.25, 0.5, …, 3.
pub const BBP_POINTS: usize = 12;
pub const BBP_STEP: f64 = 0.25;

/// The theory of a run, computed when it starts.
pub struct Theory {
    pub ck: Ck,
    pub threshold: f64,
    pub ground_state: f64,
    pub radius: f64,
}

impl Theory {
    pub fn new(s: &Settings) -> Self {
        Theory {
            ck: Ck::new(s.p, s.temperature, s.t_max, CK_INTERVALS),
            threshold: theory::threshold_energy(s.p),
            ground_state: theory::ground_state_energy(s.p),
            radius: theory::semicircle_radius(s.p),
        }
    }
}

/// One disorder sample in progress.
struct Sample {
    couplings: Couplings,
    sigma: Vec<f64>,
    force: Vec<f64>,
    scratch: Vec<f64>,
    noise: NormalVectors,
    /// σ(t_w) for each waiting time reached.
    snapshots: Vec<Option<Vec<f64>>>,
    step: u64,
    energy: f64,
}

/// What has been measured so far.
pub struct Measured {
    /// e at each recording step, over samples.
    pub energy: Vec<Welford>,
    /// C(t, t_w) at each recording step after t_w, for each waiting time.
    pub correlation: Vec<Vec<Welford>>,
    /// The first sample's Hessian spectra at the checkpoints: (t, e, eigenvalues).
    pub hessians: Vec<(f64, f64, Vec<f64>)>,
    /// BBP: (λ, top eigenvalue, squared overlap of its eigenvector with the spike).
    pub bbp: Vec<(f64, f64, f64)>,
}

pub struct PSpinRun {
    pub s: Settings,
    pub theory: Theory,
    pub measured: Measured,
    /// Steps at which e and C are recorded, increasing, the last one the end of the run.
    pub record_steps: Vec<u64>,
    /// Steps of the waiting times and of the Hessian checkpoints.
    pub waiting_steps: Vec<u64>,
    pub hessian_steps: Vec<u64>,
    seed: u64,
    steps: u64,
    sample_index: usize,
    sample: Option<Sample>,
    bbp_done: usize,
    work_done: u64,
}

impl PSpinRun {
    pub fn new(s: Settings, seed: u64) -> Self {
        let theory = Theory::new(&s);
        let steps = s.steps();
        let at = |t: f64| ((t / s.dt).round() as u64).clamp(1, steps);
        let waiting_steps: Vec<u64> = (1..=WAITING).rev().map(|k| at(s.t_max / (1u64 << k) as f64)).collect();
        let hessian_steps: Vec<u64> = (0..HESSIANS).rev().map(|k| at(s.t_max / (1u64 << k) as f64)).collect();
        let decades = libm::log10(steps as f64);
        let count = (decades * PER_DECADE).ceil() as usize;
        let mut record_steps: Vec<u64> = (0..=count)
            .map(|k| libm::pow(10.0, decades * k as f64 / count.max(1) as f64).round() as u64)
            .chain(waiting_steps.iter().copied())
            .chain(hessian_steps.iter().copied())
            .map(|k| k.clamp(1, steps))
            .collect();
        record_steps.sort_unstable();
        record_steps.dedup();
        let records = record_steps.len();
        let measured = Measured {
            energy: vec![Welford::default(); records],
            correlation: vec![vec![Welford::default(); records]; WAITING],
            hessians: Vec::new(),
            bbp: Vec::new(),
        };
        let mut run = PSpinRun {
            s,
            theory,
            measured,
            record_steps,
            waiting_steps,
            hessian_steps,
            seed,
            steps,
            sample_index: 0,
            sample: None,
            bbp_done: 0,
            work_done: 0,
        };
        run.sample = Some(run.new_sample(0));
        run
    }

    fn new_sample(&self, r: usize) -> Sample {
        let (n, p) = (self.s.n, self.s.p);
        let couplings = Couplings::draw(n, p, &mut NormalVectors::new(self.seed, "couplings", r as u64));
        let z = rng::normal();
        let mut start = rng::stream(self.seed, "initial", r as u64);
        let mut sigma: Vec<f64> = (0..n).map(|_| z.sample(&mut start)).collect();
        normalise(&mut sigma);
        let mut force = vec![0.0; n];
        let energy = couplings.force(&sigma, &mut force) / n as f64;
        Sample {
            couplings,
            sigma,
            force,
            scratch: vec![0.0; n],
            noise: NormalVectors::new(self.seed, "noise", r as u64),
            snapshots: vec![None; WAITING],
            step: 0,
            energy,
        }
    }

    /// One projected Euler step of the current sample, and what is recorded after it.
    fn step(&mut self) -> Result<(), RunError> {
        let s = &self.s;
        let sample = self.sample.as_mut().expect("a sample in progress");
        let n = s.n;
        let (dt, temperature) = (s.dt, s.temperature);
        // The force's radial part, σ·F/N = −p·e, would only be removed again by the projection,
        // shortening the step by O(Δt): the step is taken along the tangent plane.
        let radial = -(s.p as f64) * sample.energy;
        if temperature > 0.0 {
            sample.noise.fill(&mut sample.scratch);
            let amplitude = (2.0 * temperature * dt).sqrt();
            for ((x, f), xi) in sample.sigma.iter_mut().zip(&sample.force).zip(&sample.scratch) {
                *x += dt * (f - radial * *x) + amplitude * xi;
            }
        } else {
            for (x, f) in sample.sigma.iter_mut().zip(&sample.force) {
                *x += dt * (f - radial * *x);
            }
        }
        normalise(&mut sample.sigma);
        sample.energy = sample.couplings.force(&sample.sigma, &mut sample.force) / n as f64;
        sample.step += 1;
        let step = sample.step;
        if !sample.energy.is_finite() {
            return Err(RunError::Diverged {
                at: format!("t = {} (sample {})", step as f64 * dt, self.sample_index + 1),
                what: "the energy is no longer a finite number: lower dt".into(),
            });
        }
        if let Some(w) = self.waiting_steps.iter().position(|&k| k == step) {
            sample.snapshots[w] = Some(sample.sigma.clone());
        }
        if let Ok(k) = self.record_steps.binary_search(&step) {
            self.measured.energy[k].push(sample.energy);
            for (w, snapshot) in sample.snapshots.iter().enumerate() {
                if let Some(past) = snapshot {
                    let overlap: f64 = sample.sigma.iter().zip(past).map(|(a, b)| a * b).sum::<f64>() / n as f64;
                    if self.waiting_steps[w] < step {
                        self.measured.correlation[w][k].push(overlap);
                    }
                }
            }
        }
        if self.sample_index == 0 && self.hessian_steps.contains(&step) {
            self.hessian_now();
        }
        Ok(())
    }

    /// The Hessian spectrum of the current sample where it stands.
    fn hessian_now(&mut self) {
        let sample = self.sample.as_ref().expect("a sample in progress");
        let mut h = sample.couplings.hessian(&sample.sigma);
        let radial = self.s.p as f64 * sample.energy;
        if let Some(values) = sphere_hessian_eigenvalues(&mut h, &sample.sigma, radial) {
            self.measured.hessians.push((sample.step as f64 * self.s.dt, sample.energy, values));
        }
    }

    /// One point of the BBP panel: the top eigenpair of λ e₁e₁ᵀ + W, W of the GOE (off-diagonal
    /// variance 1/N, diagonal 2/N), the same W for every λ.
    fn bbp_point(&mut self, k: usize) {
        let n = self.s.n;
        let lambda = BBP_STEP * (k + 1) as f64;
        let mut w = vec![0.0; n * n];
        let mut source = NormalVectors::new(self.seed, "bbp", 0);
        let mut draws = vec![0.0; n * (n + 1) / 2];
        source.fill(&mut draws);
        let mut at = 0;
        let scale = 1.0 / (n as f64).sqrt();
        for i in 0..n {
            for j in i..n {
                let v = if i == j { std::f64::consts::SQRT_2 * scale * draws[at] } else { scale * draws[at] };
                at += 1;
                w[i * n + j] = v;
                w[j * n + i] = v;
            }
        }
        w[0] += lambda;
        if let Some((values, vectors)) = symmetric_eigen(n, &w) {
            let top = values[n - 1];
            let overlap = vectors[n - 1][0] * vectors[n - 1][0];
            self.measured.bbp.push((lambda, top, overlap));
        }
    }

    /// The time of a recording step.
    pub fn time(&self, step: u64) -> f64 {
        step as f64 * self.s.dt
    }

    /// e(t_max) over samples, once every sample has reached it.
    pub fn final_energy(&self) -> Option<&Welford> {
        let last = self.measured.energy.last()?;
        (last.count() == self.s.seeds as u64).then_some(last)
    }
}

/// σ ← √N σ/|σ|.
fn normalise(sigma: &mut [f64]) {
    let norm2: f64 = sigma.iter().map(|x| x * x).sum();
    let scale = (sigma.len() as f64 / norm2).sqrt();
    for x in sigma {
        *x *= scale;
    }
}

impl Run for PSpinRun {
    fn total_work(&self) -> u64 {
        // A unit is a step of one sample (the first sample's Hessians come with its steps) or a
        // point of the BBP panel.
        self.steps * self.s.seeds as u64 + BBP_POINTS as u64
    }

    fn work_done(&self) -> u64 {
        self.work_done
    }

    fn advance(&mut self, budget: u64) -> Result<u64, RunError> {
        let mut done = 0;
        while done < budget {
            if let Some(step) = self.sample.as_ref().map(|s| s.step) {
                if step == 0 && self.sample_index == 0 && self.measured.hessians.is_empty() {
                    // The start itself: a random point of the sphere, e ≈ 0.
                    self.hessian_now();
                }
                if step < self.steps {
                    self.step()?;
                    done += 1;
                    continue;
                }
                self.sample_index += 1;
                self.sample = (self.sample_index < self.s.seeds).then(|| self.new_sample(self.sample_index));
                continue;
            }
            if self.bbp_done < BBP_POINTS {
                self.bbp_point(self.bbp_done);
                self.bbp_done += 1;
                done += 1;
                continue;
            }
            break;
        }
        self.work_done += done;
        Ok(done)
    }

    fn frame(&self) -> Frame {
        figures::frame(self)
    }

    fn observables(&self) -> Vec<Option<f64>> {
        let ck = &self.theory.ck;
        let e_theory = ck.energy[ck.n];
        let edge = self.measured.hessians.last().filter(|h| (h.0 - self.s.t_max).abs() < 0.5 * self.s.dt);
        vec![
            self.final_energy().map(Welford::mean),
            Some(e_theory),
            edge.map(|h| h.2[0]),
            Some(-(self.s.p as f64) * e_theory - self.theory.radius),
        ]
    }

    fn standard_errors(&self) -> Vec<Option<f64>> {
        vec![self.final_energy().filter(|w| w.count() > 1).map(Welford::std_error), None, None, None]
    }
}
