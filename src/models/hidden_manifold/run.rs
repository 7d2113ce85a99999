//! The simulation: online SGD of the engine's two-layer student on inputs of the hidden manifold
//! model, its error measured on a held-out test set and predicted by the GET from the current
//! weights; and the contrast run of the same teacher on i.i.d. Gaussian inputs (the engine's
//! network and ODE).

use super::Settings;
use super::theory::{self, Feature, Manifold};
use crate::model::{Run, RunError};
use crate::models::two_layer::integrals::Activation;
use crate::models::two_layer::ode::{Dynamics, Output, Overlaps, Phase};
use crate::models::two_layer::setup::{self, TeacherKind};
use crate::models::two_layer::sgd::Network;
use crate::models::two_layer::trajectory::{Trajectory, log_times, steps_at};
use crate::num::vector::{axpy, dot, dot4};
use crate::rng::{self, NormalVectors};

/// The hidden-unit activation of student and teacher: the engine's erf(u/√2).
const G: Activation = Activation::Erf;

/// Records of the simulation per decade of time, and of the Gaussian run's ODE.
const SIM_PER_DECADE: usize = 12;
const ODE_PER_DECADE: usize = 40;
/// The first time on the log axis.
pub const T_MIN: f64 = 0.05;

/// One example of the hidden manifold model: a latent c ~ N(0, I_D), the input x = f(F c/√D) and
/// the teacher's local fields ν = w̃* c/√D.
pub struct Generator<'a> {
    pub manifold: Manifold<'a>,
    c: Vec<f64>,
    u: Vec<f64>,
}

impl<'a> Generator<'a> {
    pub fn new(manifold: Manifold<'a>) -> Self {
        Generator { c: vec![0.0; manifold.d], u: vec![0.0; manifold.n], manifold }
    }

    /// Draws c from `source`, writes x (N) and ν (M). F c costs N·D multiply-adds, four rows at a
    /// time.
    pub fn draw(&mut self, source: &mut NormalVectors, x: &mut [f64], nu: &mut [f64]) {
        let Manifold { n, d, feature, features, teacher } = self.manifold;
        source.fill(&mut self.c);
        let scale = 1.0 / (d as f64).sqrt();
        let row = |i: usize| &features[i * d..(i + 1) * d];
        let groups = n / 4;
        for g in 0..groups {
            let i = 4 * g;
            let dots = dot4([row(i), row(i + 1), row(i + 2), row(i + 3)], &self.c);
            self.u[i..i + 4].copy_from_slice(&dots);
        }
        for i in 4 * groups..n {
            self.u[i] = dot(row(i), &self.c);
        }
        for (xi, &ui) in x.iter_mut().zip(&self.u) {
            *xi = feature.f(ui * scale);
        }
        for (p, nu_p) in nu.iter_mut().enumerate() {
            *nu_p = dot(&teacher[p * d..(p + 1) * d], &self.c) * scale;
        }
    }
}

/// The fixed parts of a hidden manifold problem: F, w̃*, and T.
pub struct Problem {
    pub n: usize,
    pub d: usize,
    pub feature: Feature,
    /// N × D, row i is F_i; entries N(0, 1).
    pub features: Vec<f64>,
    /// M × D, orthogonal rows of norm √D (T = I).
    pub teacher: Vec<f64>,
    pub t: Vec<f64>,
}

impl Problem {
    /// F from the stream "features", w̃* from "teacher".
    pub fn new(n: usize, d: usize, m: usize, feature: Feature, seed: u64) -> Self {
        let features = setup::gaussian_rows(d, n, 1.0, &mut rng::stream(seed, "features", 0));
        let teacher = setup::teacher(d, m, TeacherKind::Orthonormal, &mut rng::stream(seed, "teacher", 0));
        let mut problem = Problem { n, d, feature, features, teacher, t: Vec::new() };
        problem.t = problem.manifold().teacher_overlaps();
        problem
    }

    pub fn manifold(&self) -> Manifold<'_> {
        Manifold { n: self.n, d: self.d, feature: self.feature, features: &self.features, teacher: &self.teacher }
    }

    pub fn m(&self) -> usize {
        self.teacher.len() / self.d
    }
}

/// A held-out set of examples: inputs, the teacher's local fields and labels.
pub struct TestSet {
    pub p: usize,
    /// P × N.
    pub x: Vec<f64>,
    /// P × M.
    pub nu: Vec<f64>,
    pub y: Vec<f64>,
}

impl TestSet {
    /// `p` examples from the stream "test".
    pub fn new(problem: &Problem, p: usize, seed: u64) -> Self {
        let (n, m) = (problem.n, problem.m());
        let mut generator = Generator::new(problem.manifold());
        let mut source = NormalVectors::new(seed, "test", 0);
        let (mut x, mut nu) = (vec![0.0; p * n], vec![0.0; p * m]);
        for mu in 0..p {
            generator.draw(&mut source, &mut x[mu * n..(mu + 1) * n], &mut nu[mu * m..(mu + 1) * m]);
        }
        let y = nu.chunks(m).map(|nu| nu.iter().map(|&u| G.g(u)).sum()).collect();
        TestSet { p, x, nu, y }
    }

    /// The test error ½⟨(ŷ − y)²⟩ of the student (w, v), its standard error, and the second
    /// moments ⟨z_a z_b⟩ of z = (λ₁..λ_K, ν₁..ν_M), (K+M) × (K+M).
    pub fn measure(&self, w: &[f64], v: &[f64]) -> Measurement {
        let n = self.x.len() / self.p;
        let (k, m) = (v.len(), self.nu.len() / self.p);
        let units = k + m;
        let sqrt_n = (n as f64).sqrt();
        let mut z = vec![0.0; units];
        let mut moments = vec![0.0; units * units];
        let mut errors = crate::num::stats::Welford::default();
        for mu in 0..self.p {
            let x = &self.x[mu * n..(mu + 1) * n];
            let mut output = 0.0;
            for a in 0..k {
                z[a] = dot(&w[a * n..(a + 1) * n], x) / sqrt_n;
                output += v[a] * G.g(z[a]);
            }
            z[k..].copy_from_slice(&self.nu[mu * m..(mu + 1) * m]);
            let e = output - self.y[mu];
            errors.push(0.5 * e * e);
            for a in 0..units {
                for b in a..units {
                    moments[a * units + b] += z[a] * z[b];
                }
            }
        }
        for a in 0..units {
            for b in a..units {
                moments[a * units + b] /= self.p as f64;
                moments[b * units + a] = moments[a * units + b];
            }
        }
        Measurement { eps: errors.mean(), se: errors.std_error(), moments }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Measurement {
    pub eps: f64,
    pub se: f64,
    pub moments: Vec<f64>,
}

/// The student on hidden-manifold inputs, trained by online SGD with the second layer fixed.
pub struct Student {
    pub problem: Problem,
    /// K × N.
    pub w: Vec<f64>,
    pub v: Vec<f64>,
    source: NormalVectors,
    x: Vec<f64>,
    nu: Vec<f64>,
    pub steps: u64,
}

impl Student {
    /// w from the stream "student" (scale w₀), training examples from "latent".
    pub fn new(problem: Problem, k: usize, w0: f64, seed: u64) -> Self {
        let (n, m) = (problem.n, problem.m());
        let w = setup::gaussian_rows(n, k, w0, &mut rng::stream(seed, "student", 0));
        Student {
            problem,
            w,
            v: vec![1.0; k],
            source: NormalVectors::new(seed, "latent", 0),
            x: vec![0.0; n],
            nu: vec![0.0; m],
            steps: 0,
        }
    }

    pub fn time(&self) -> f64 {
        self.steps as f64 / self.problem.n as f64
    }

    /// `count` SGD steps w_k ← w_k + (η/√N) v_k g'(λ_k)(y − ŷ) x on fresh examples. False, having
    /// stopped, when the error stopped being a finite number.
    pub fn steps(&mut self, lr: f64, count: u64) -> bool {
        let n = self.problem.n;
        let k = self.v.len();
        let sqrt_n = (n as f64).sqrt();
        let mut lambda = vec![0.0; k];
        let mut generator = Generator::new(self.problem.manifold());
        for _ in 0..count {
            generator.draw(&mut self.source, &mut self.x, &mut self.nu);
            let target: f64 = self.nu.iter().map(|&u| G.g(u)).sum();
            let mut output = 0.0;
            for (a, l) in lambda.iter_mut().enumerate() {
                *l = dot(&self.w[a * n..(a + 1) * n], &self.x) / sqrt_n;
                output += self.v[a] * G.g(*l);
            }
            let error = target - output;
            for (a, &l) in lambda.iter().enumerate() {
                axpy(lr / sqrt_n * self.v[a] * G.dg(l) * error, &self.x, &mut self.w[a * n..(a + 1) * n]);
            }
            self.steps += 1;
            if !error.is_finite() {
                return false;
            }
        }
        true
    }

    /// The GET's overlaps of the current weights.
    pub fn get_overlaps(&self) -> Overlaps {
        self.problem.manifold().overlaps(&self.w, &self.v)
    }
}

/// The state of the student at a recorded time: measured on the test set and predicted by the GET.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub t: f64,
    pub measured: Measurement,
    pub get: Overlaps,
    pub eps_get: f64,
}

/// A page run: the Gaussian contrast run first (cheap), then the hidden manifold run.
pub struct HmmRun {
    pub settings: Settings,
    pub student: Student,
    pub test: TestSet,
    pub times: Vec<f64>,
    pub records: Vec<Record>,
    pub gauss: Trajectory,
    pub plane: super::figures::Plane,
    /// Gaussian SGD steps per unit of work (a unit is one hidden-manifold step).
    gauss_per_unit: u64,
    total_steps: u64,
}

impl HmmRun {
    pub fn new(settings: Settings, seed: u64) -> Self {
        let s = settings;
        let problem = Problem::new(s.n, s.d, s.m, s.feature, seed);
        let test = TestSet::new(&problem, s.p_test, seed);
        let gauss = gaussian_run(&s, &problem.teacher, seed);
        let plane = super::figures::Plane::new(&problem, &test, seed);
        let student = Student::new(problem, s.k, s.w0, seed);
        let times = log_times(s.n, T_MIN, s.t_max, SIM_PER_DECADE);
        let total_steps = steps_at(s.n, s.t_max);
        // An HMM step costs N·D for the input; a Gaussian step about D·(8 + M + 2K).
        let ratio = (s.n * s.d) as f64 / (s.d * (8 + s.m + 2 * s.k)) as f64;
        let mut run = HmmRun {
            settings,
            student,
            test,
            times,
            records: Vec::new(),
            gauss,
            plane,
            gauss_per_unit: (ratio.floor() as u64).max(1),
            total_steps,
        };
        run.record();
        run
    }

    fn record(&mut self) {
        let measured = self.test.measure(&self.student.w, &self.student.v);
        let get = self.student.get_overlaps();
        let eps_get = theory::error(&get, &self.student.problem.t);
        self.records.push(Record { t: self.student.time(), measured, get, eps_get });
    }

    /// The times recorded so far.
    pub fn recorded_times(&self) -> &[f64] {
        &self.times[..self.records.len()]
    }

    fn gauss_units(&self) -> u64 {
        self.gauss.steps_done().div_ceil(self.gauss_per_unit)
    }

    /// The T of the problem.
    pub fn teacher_overlaps(&self) -> &[f64] {
        &self.student.problem.t
    }
}

/// The contrast: the same teacher w̃* on i.i.d. Gaussian inputs of dimension D (the engine's
/// network, its data from the stream "data" 1, its student from "student" 1), with the ODE from
/// its own start. Time t = steps/D.
fn gaussian_run(s: &Settings, teacher: &[f64], seed: u64) -> Trajectory {
    let w = setup::gaussian_rows(s.d, s.k, s.w0, &mut rng::stream(seed, "student", 1));
    let network = Network::new(s.d, G, w, vec![vec![1.0; s.k]], teacher.to_vec(), seed, 1);
    let rule = Dynamics::committee(G, s.k, s.m, network.t.clone(), s.lr);
    let phases = vec![Phase { until: s.t_max, rule }];
    let sim_times = log_times(s.d, T_MIN, s.t_max, SIM_PER_DECADE);
    let ode_times = log_times(s.d, T_MIN, s.t_max, ODE_PER_DECADE);
    Trajectory::new(network, phases, sim_times, ode_times, Output::Dense)
}

impl Run for HmmRun {
    fn total_work(&self) -> u64 {
        self.gauss.total_steps().div_ceil(self.gauss_per_unit) + self.total_steps
    }

    fn work_done(&self) -> u64 {
        self.gauss_units() + self.student.steps
    }

    fn advance(&mut self, budget: u64) -> Result<u64, RunError> {
        let before = self.work_done();
        if self.gauss.steps_done() < self.gauss.total_steps() {
            self.gauss.advance(budget.saturating_mul(self.gauss_per_unit))?;
            return Ok(self.work_done() - before);
        }
        let n = self.settings.n;
        let end = (self.student.steps + budget).min(self.total_steps);
        while self.student.steps < end {
            let next = steps_at(n, self.times[self.records.len()]);
            let stop = end.min(next);
            if !self.student.steps(self.settings.lr, stop - self.student.steps) {
                return Err(RunError::Diverged {
                    at: format!("t = {:.4} (step {})", self.student.time(), self.student.steps),
                    what: "the hidden-manifold student's weights overflowed: the learning rate is too large for \
                           SGD to be stable"
                        .into(),
                });
            }
            if self.student.steps == next {
                self.record();
            }
        }
        Ok(self.work_done() - before)
    }

    fn frame(&self) -> crate::model::Frame {
        super::figures::frame(self)
    }

    fn observables(&self) -> Vec<Option<f64>> {
        let done = self.records.len() == self.times.len();
        let last = self.records.last().filter(|_| done);
        let gauss = &self.gauss.phases[0].rule;
        let eps = |o: &Overlaps| gauss.error(o, 0, &gauss.readout, 1.0);
        vec![
            last.map(|r| r.measured.eps),
            last.map(|r| r.eps_get),
            self.gauss.final_simulated().map(eps),
            self.gauss.final_theory().map(eps),
        ]
    }

    fn standard_errors(&self) -> Vec<Option<f64>> {
        let done = self.records.len() == self.times.len();
        vec![self.records.last().filter(|_| done).map(|r| r.measured.se), None, None, None]
    }
}
