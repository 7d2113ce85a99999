//! A run: for each seed, P patterns and their labels, ω(0) from the force-free equilibrium, then
//! Euler–Maruyama steps of dω = [−kω + f(ω)]dt + √(2T) dW, measuring along the way the entropy
//! production of the trajectory, the error of the fluctuating weights on the patterns and, with a
//! teacher, their generalisation error.

use super::theory::{self, Setting};
use super::{Rule, Settings, figures};
use crate::model::{Frame, Run, RunError};
use crate::num::special::norm_cdf;
use crate::num::stats::Welford;
use crate::num::vector::dot;
use crate::rng::{self, NormalVectors};
use rand_core::Rng;

/// Recording times: this many intervals between 0 and t_max.
pub const RECORDS: usize = 100;

/// What one seed contributes at one recording time.
#[derive(Debug, Clone, Copy, Default)]
pub struct Point {
    /// Total entropy production of the trajectory (Hebb) or the medium's entropy Q/T (other rules), nats.
    pub entropy: Welford,
    /// The closed form k|m∞|²(1 − e^{−2kt})/(2T) with the sample's own m∞ (Hebb).
    pub entropy_instance: Welford,
    /// Fraction of training patterns the fluctuating weights get wrong.
    pub error: Welford,
    /// The instance prediction: Φ(−σ^μ ξ^μ·m(t)/√(|ξ^μ|²T/k)) averaged over the sample's patterns (Hebb).
    pub error_instance: Welford,
    /// Teacher labels: arccos(ω·T/|ω||T|)/π.
    pub generalisation: Welford,
}

/// Per-seed averages over the second half of the run (t ≥ t_max/2): the steady state when kt_max is large.
#[derive(Debug, Clone, Copy, Default)]
pub struct Late {
    pub error: Welford,
    pub error_instance: Welford,
    /// error − error_instance, seed by seed: the instance fluctuations cancel.
    pub difference: Welford,
    pub generalisation: Welford,
    /// Hebb: S_tot measured at t_max minus the closed form for the seed's own patterns. Its mean is 0
    /// and, S_tot being Gaussian, its variance 2⟨S_tot⟩ (the integral fluctuation theorem).
    pub entropy_difference: Welford,
}

/// One seed in progress.
struct Sample {
    /// Row-major P × N.
    inputs: Vec<f64>,
    input_sq: Vec<f64>,
    labels: Vec<f64>,
    teacher: Option<Vec<f64>>,
    /// The Hebbian force f = (ν/√N) Σ σ^μ ξ^μ.
    hebb: Vec<f64>,
    m_inf_sq: f64,
    /// σ^μ ξ^μ·m∞ for each pattern.
    field_inf: Vec<f64>,
    omega: Vec<f64>,
    omega0: Vec<f64>,
    /// Σ_μ G(λ_μ(ω(0))) of the rule's potential (0 for Hebb).
    potential0: f64,
    force: Vec<f64>,
    stabilities: Vec<f64>,
    z: Vec<f64>,
    noise: NormalVectors,
    step: u64,
    late: [f64; 3],
    late_count: u32,
}

pub struct ThermoRun {
    pub s: Settings,
    pub setting: Setting,
    pub p: usize,
    pub steps: u64,
    /// Step of each recording, increasing, 0 first and `steps` last.
    pub record_steps: Vec<u64>,
    pub points: Vec<Point>,
    pub late: Late,
    /// The first seed's weights at each recording, projected on m̂∞ and on a random direction ⊥ m̂∞.
    pub view: Vec<(f64, f64)>,
    /// |m∞| of the first seed.
    pub view_m_inf: f64,
    seed: u64,
    seed_index: usize,
    sample: Option<Sample>,
    view_direction: Vec<f64>,
    work_done: u64,
}

impl ThermoRun {
    pub fn new(s: Settings, seed: u64) -> Self {
        let steps = s.steps();
        let mut record_steps: Vec<u64> =
            (0..=RECORDS).map(|j| (steps as f64 * j as f64 / RECORDS as f64).round() as u64).collect();
        record_steps.dedup();
        let points = vec![Point::default(); record_steps.len()];
        let mut run = ThermoRun {
            s,
            setting: s.setting(),
            p: s.patterns(),
            steps,
            record_steps,
            points,
            late: Late::default(),
            view: Vec::new(),
            view_m_inf: 0.0,
            seed,
            seed_index: 0,
            sample: None,
            view_direction: Vec::new(),
            work_done: 0,
        };
        run.start_sample();
        run
    }

    /// Real time of a step: the step in units of 1/k is dt.
    pub fn time(&self, step: u64) -> f64 {
        step as f64 * self.s.dt / self.s.k
    }

    fn start_sample(&mut self) {
        if self.seed_index >= self.s.seeds {
            self.sample = None;
            return;
        }
        let sample = self.new_sample(self.seed_index as u64);
        if self.seed_index == 0 {
            self.view_m_inf = sample.m_inf_sq.sqrt();
            self.view_direction = self.orthogonal_direction(&sample.hebb);
        }
        self.sample = Some(sample);
        self.record();
    }

    /// A random unit vector orthogonal to m∞ (or any random one when m∞ = 0).
    fn orthogonal_direction(&self, hebb: &[f64]) -> Vec<f64> {
        let mut u = vec![0.0; self.s.n];
        NormalVectors::new(self.seed, "view", 0).fill(&mut u);
        let hh = dot(hebb, hebb);
        if hh > 0.0 {
            let c = dot(&u, hebb) / hh;
            for (x, h) in u.iter_mut().zip(hebb) {
                *x -= c * h;
            }
        }
        let norm = dot(&u, &u).sqrt();
        u.iter_mut().for_each(|x| *x /= norm);
        u
    }

    fn new_sample(&self, r: u64) -> Sample {
        let (n, p, s) = (self.s.n, self.p, &self.s);
        let mut inputs = vec![0.0; p * n];
        if s.gaussian_inputs {
            let mut source = NormalVectors::new(self.seed, "inputs", r);
            for row in inputs.chunks_mut(n) {
                source.fill(row);
            }
        } else {
            let mut bits = rng::stream(self.seed, "inputs", r);
            for chunk in inputs.chunks_mut(32) {
                let word = bits.next_u32();
                for (b, x) in chunk.iter_mut().enumerate() {
                    *x = if (word >> b) & 1 == 1 { 1.0 } else { -1.0 };
                }
            }
        }
        let input_sq: Vec<f64> = inputs.chunks(n).map(|x| dot(x, x)).collect();
        let (labels, teacher) = if s.teacher {
            let mut t = vec![0.0; n];
            NormalVectors::new(self.seed, "teacher", r).fill(&mut t);
            let labels = inputs.chunks(n).map(|x| if dot(&t, x) < 0.0 { -1.0 } else { 1.0 }).collect();
            (labels, Some(t))
        } else {
            let mut bits = rng::stream(self.seed, "labels", r);
            let mut labels = Vec::with_capacity(p);
            while labels.len() < p {
                let word = bits.next_u32();
                for b in 0..32.min(p - labels.len()) {
                    labels.push(if (word >> b) & 1 == 1 { 1.0 } else { -1.0 });
                }
            }
            (labels, None)
        };
        let scale = s.nu / (n as f64).sqrt();
        let mut hebb = vec![0.0; n];
        for (x, &label) in inputs.chunks(n).zip(&labels) {
            for (h, xi) in hebb.iter_mut().zip(x) {
                *h += label * xi;
            }
        }
        hebb.iter_mut().for_each(|h| *h *= scale);
        let m_inf_sq = dot(&hebb, &hebb) / (s.k * s.k);
        let field_inf = inputs.chunks(n).zip(&labels).map(|(x, &l)| l * dot(x, &hebb) / s.k).collect();
        let mut omega = vec![0.0; n];
        NormalVectors::new(self.seed, "initial", r).fill(&mut omega);
        let spread = (s.temperature / s.k).sqrt();
        omega.iter_mut().for_each(|w| *w *= spread);
        let mut sample = Sample {
            inputs,
            input_sq,
            labels,
            teacher,
            hebb,
            m_inf_sq,
            field_inf,
            omega0: omega.clone(),
            omega,
            potential0: 0.0,
            force: vec![0.0; n],
            stabilities: vec![0.0; p],
            z: vec![0.0; n],
            noise: NormalVectors::new(self.seed, "noise", r),
            step: 0,
            late: [0.0; 3],
            late_count: 0,
        };
        sample.potential0 = self.rule_potential(&mut sample);
        sample
    }

    /// Fill the sample's stabilities λ^μ = σ^μ ω·ξ^μ/√N and return Σ_μ G(λ^μ), where the rule's
    /// force is ν∇_ω Σ_μ G(λ^μ): G(λ) = min(λ, 0) (Perceptron), −λ²/2 for λ < 0 (AdaTron), λ (Hebb).
    fn rule_potential(&self, sample: &mut Sample) -> f64 {
        let root_n = (self.s.n as f64).sqrt();
        let mut total = 0.0;
        for ((lambda, x), &label) in
            sample.stabilities.iter_mut().zip(sample.inputs.chunks(self.s.n)).zip(&sample.labels)
        {
            *lambda = label * dot(&sample.omega, x) / root_n;
            total += match self.s.rule {
                Rule::Hebb => *lambda,
                Rule::Perceptron => lambda.min(0.0),
                Rule::AdaTron => {
                    if *lambda < 0.0 {
                        -0.5 * *lambda * *lambda
                    } else {
                        0.0
                    }
                }
            };
        }
        total
    }

    /// One Euler–Maruyama step of the current sample.
    fn step(&mut self) -> Result<(), RunError> {
        let mut sample = self.sample.take().expect("a sample in progress");
        let s = self.s;
        let h = s.dt / s.k;
        if s.rule != Rule::Hebb {
            self.rule_potential(&mut sample);
            let scale = s.nu / (s.n as f64).sqrt();
            sample.force.fill(0.0);
            for ((&lambda, x), &label) in sample.stabilities.iter().zip(sample.inputs.chunks(s.n)).zip(&sample.labels) {
                let strength = match s.rule {
                    Rule::Perceptron if lambda < 0.0 => 1.0,
                    Rule::AdaTron if lambda < 0.0 => -lambda,
                    _ => continue,
                };
                let c = scale * label * strength;
                for (f, xi) in sample.force.iter_mut().zip(x) {
                    *f += c * xi;
                }
            }
        }
        let force = if s.rule == Rule::Hebb { &sample.hebb } else { &sample.force };
        sample.noise.fill(&mut sample.z);
        let amplitude = (2.0 * s.temperature * h).sqrt();
        for ((w, f), z) in sample.omega.iter_mut().zip(force).zip(&sample.z) {
            *w += h * (f - s.k * *w) + amplitude * z;
        }
        sample.step += 1;
        let step = sample.step;
        let finite = sample.omega.iter().all(|w| w.is_finite());
        self.sample = Some(sample);
        if !finite {
            return Err(RunError::Diverged {
                at: format!("k·t = {} (seed {})", step as f64 * s.dt, self.seed_index + 1),
                what: "the weights are no longer finite numbers: lower dt".into(),
            });
        }
        if self.record_steps.binary_search(&step).is_ok() {
            self.record();
        }
        Ok(())
    }

    /// Measure the current sample at a recording time.
    fn record(&mut self) {
        let mut sample = self.sample.take().expect("a sample in progress");
        let step = sample.step;
        let k = self.record_steps.binary_search(&step).expect("a recording step");
        let s = self.s;
        let t = self.time(step);
        let potential = self.rule_potential(&mut sample);
        let omega_sq = dot(&sample.omega, &sample.omega);
        let omega0_sq = dot(&sample.omega0, &sample.omega0);
        // The medium's heat from the first law, Q = W − ΔV: the force switched on at t = 0 does the
        // work W = V₁(ω(0)) − V₀(ω(0)) = −νΣG(λ(0)), and ΔV = V₁(ω(t)) − V₀(ω(0)) with
        // V₁ = k|ω|²/2 − νΣG(λ), V₀ = k|ω|²/2. For a quadratic V this equals the Stratonovich
        // (midpoint) sum of F∘dω along the discrete path exactly.
        let heat = s.nu * (potential - sample.potential0) - 0.5 * s.k * (omega_sq - omega0_sq);
        let mut entropy = heat / s.temperature;
        let progress = -libm::expm1(-s.k * t);
        let mut instance = None;
        if s.rule == Rule::Hebb {
            // The system's entropy −ln p(ω, t) with p = N(m(t), T/k): its normalisation does not
            // change, so Δs = (k/2T)(|ω(t) − m(t)|² − |ω(0)|²).
            let mut deviation_sq = 0.0;
            for (w, h) in sample.omega.iter().zip(&sample.hebb) {
                let d = w - progress * h / s.k;
                deviation_sq += d * d;
            }
            entropy += 0.5 * s.k * (deviation_sq - omega0_sq) / s.temperature;
            let noise = s.temperature / s.k;
            let predicted = sample
                .field_inf
                .iter()
                .zip(&sample.input_sq)
                .map(|(&field, &sq)| norm_cdf(-progress * field / (sq * noise).sqrt()))
                .sum::<f64>()
                / self.p as f64;
            instance = Some((theory::entropy_closed_form(s.k, s.temperature, sample.m_inf_sq, t), predicted));
        }
        let wrong = sample.stabilities.iter().filter(|&&l| l < 0.0).count() as f64 / self.p as f64;
        let generalisation = sample.teacher.as_ref().map(|teacher| {
            let cosine = dot(&sample.omega, teacher) / (omega_sq * dot(teacher, teacher)).sqrt();
            libm::acos(cosine.clamp(-1.0, 1.0)) / std::f64::consts::PI
        });
        let point = &mut self.points[k];
        point.entropy.push(entropy);
        point.error.push(wrong);
        if let Some((entropy_instance, predicted)) = instance {
            point.entropy_instance.push(entropy_instance);
            point.error_instance.push(predicted);
        }
        if let Some(g) = generalisation {
            point.generalisation.push(g);
        }
        if 2 * step >= self.steps {
            sample.late[0] += wrong;
            sample.late[1] += instance.map_or(0.0, |i| i.1);
            sample.late[2] += generalisation.unwrap_or(0.0);
            sample.late_count += 1;
        }
        if self.seed_index == 0 {
            let along = dot(&sample.omega, &sample.hebb) / (s.k * self.view_m_inf.max(f64::MIN_POSITIVE));
            self.view.push((along, dot(&sample.omega, &self.view_direction)));
        }
        if step == self.steps {
            let c = f64::from(sample.late_count);
            let late = &mut self.late;
            late.error.push(sample.late[0] / c);
            if s.rule == Rule::Hebb {
                late.error_instance.push(sample.late[1] / c);
                late.difference.push((sample.late[0] - sample.late[1]) / c);
                late.entropy_difference.push(entropy - instance.map_or(0.0, |i| i.0));
            }
            if s.teacher {
                late.generalisation.push(sample.late[2] / c);
            }
        }
        self.sample = Some(sample);
    }

    /// Seeds that have reached the end.
    pub fn finished_seeds(&self) -> u64 {
        self.points.last().map_or(0, |p| p.error.count())
    }

    /// The measured P·I at a recording, from the error averaged over seeds, and its standard
    /// error by propagation (|dI/dp| = |ln(p/(1 − p))|).
    pub fn information(&self, point: &Point) -> (f64, f64) {
        let p = point.error.mean();
        let slope = if p > 0.0 && p < 1.0 { libm::log(p / (1.0 - p)).abs() } else { 0.0 };
        let count = self.p as f64;
        (count * theory::information(p), count * slope * point.error.std_error())
    }
}

impl Run for ThermoRun {
    fn total_work(&self) -> u64 {
        self.steps * self.s.seeds as u64
    }

    fn work_done(&self) -> u64 {
        self.work_done
    }

    fn advance(&mut self, budget: u64) -> Result<u64, RunError> {
        let mut done = 0;
        while done < budget {
            let Some(step) = self.sample.as_ref().map(|s| s.step) else { break };
            if step < self.steps {
                self.step()?;
                done += 1;
            } else {
                self.seed_index += 1;
                self.start_sample();
            }
        }
        // A sample that has just taken its last step is closed at once, so that a finished run
        // holds no sample.
        if self.sample.as_ref().is_some_and(|s| s.step >= self.steps) {
            self.seed_index += 1;
            self.start_sample();
        }
        self.work_done += done;
        Ok(done)
    }

    fn frame(&self) -> Frame {
        figures::frame(self)
    }

    fn observables(&self) -> Vec<Option<f64>> {
        let o = figures::Observed::of(self);
        vec![
            o.entropy,
            o.entropy_theory,
            o.error,
            o.error_instance,
            o.error_theory,
            o.information,
            o.information_theory,
            o.efficiency,
            o.efficiency_theory,
            o.generalisation,
            o.generalisation_theory,
        ]
    }

    fn standard_errors(&self) -> Vec<Option<f64>> {
        let o = figures::Observed::of(self);
        let mut v = vec![None; 11];
        v[0] = o.entropy_se;
        v[2] = o.error_se;
        v[5] = o.information_se;
        v[9] = o.generalisation_se;
        v
    }
}
