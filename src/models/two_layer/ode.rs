//! The order-parameter equations of online SGD in a two-layer network, as N → ∞.
//!
//! The state is the overlaps Q = W Wᵀ/N (students with students), R = W W*ᵀ/N (students with
//! teachers) and the second-layer weights v of each readout head; the teachers' overlaps T are
//! constant. One set of equations covers every variant of the pages: backpropagation or a fixed
//! random feedback vector (feedback alignment), dropout with keep-probability p, label noise, a
//! trained or frozen second layer, and several teachers of which one is active (continual
//! learning).

use super::integrals::{Activation, Covariance, I4Row, i2, j2};
use crate::num::dopri::{AdaptiveError, Dopri5, Tolerance};
use crate::num::ode::OdeSystem;

/// What drives the first layer's update: the second-layer weights (backpropagation) or a fixed
/// vector (feedback alignment).
#[derive(Debug, Clone, PartialEq)]
pub enum Feedback {
    Backprop,
    Fixed(Vec<f64>),
}

/// The overlaps of a network at one time, unpacked.
#[derive(Debug, Clone, PartialEq)]
pub struct Overlaps {
    /// K × K, full (symmetric).
    pub q: Vec<f64>,
    /// K × M, row i for student unit i.
    pub r: Vec<f64>,
    /// One row of K second-layer weights per head.
    pub v: Vec<Vec<f64>>,
}

/// The learning problem: network sizes, teachers, and the training rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Dynamics {
    pub act: Activation,
    /// Student hidden units.
    pub k: usize,
    /// Teacher hidden units, of every teacher together.
    pub m: usize,
    /// The teachers' overlaps, M × M.
    pub t: Vec<f64>,
    /// Second-layer weights of the active teacher over all M teacher units (0 for the units of
    /// inactive teachers).
    pub readout: Vec<f64>,
    /// Number of student readout heads, and the one being trained.
    pub heads: usize,
    pub active_head: usize,
    /// Learning rates of the first and of the second layer.
    pub lr: f64,
    pub lr_v: f64,
    pub train_v: bool,
    /// Standard deviation of the label noise.
    pub noise: f64,
    pub feedback: Feedback,
    /// Probability that a hidden unit is kept in a training step (1: no dropout).
    pub keep: f64,
}

impl Dynamics {
    /// Backpropagation on one teacher of M units read out with weight 1 (the soft committee
    /// machine of Saad & Solla): one head, the second layer frozen (η_v = η when it is trained),
    /// no label noise, no dropout. Each page changes what differs with struct-update syntax.
    pub fn committee(act: Activation, k: usize, m: usize, t: Vec<f64>, lr: f64) -> Self {
        Dynamics {
            act,
            k,
            m,
            t,
            readout: vec![1.0; m],
            heads: 1,
            active_head: 0,
            lr,
            lr_v: lr,
            train_v: false,
            noise: 0.0,
            feedback: Feedback::Backprop,
            keep: 1.0,
        }
    }

    /// Length of the flat state: Q, then R, then the heads.
    pub fn dim(&self) -> usize {
        self.k * self.k + self.k * self.m + self.heads * self.k
    }

    pub fn pack(&self, o: &Overlaps) -> Vec<f64> {
        let mut y = Vec::with_capacity(self.dim());
        y.extend_from_slice(&o.q);
        y.extend_from_slice(&o.r);
        for head in &o.v {
            y.extend_from_slice(head);
        }
        y
    }

    pub fn unpack(&self, y: &[f64]) -> Overlaps {
        let (k, m) = (self.k, self.m);
        let (q, rest) = y.split_at(k * k);
        let (r, heads) = rest.split_at(k * m);
        Overlaps { q: q.to_vec(), r: r.to_vec(), v: heads.chunks(k).map(<[f64]>::to_vec).collect() }
    }

    /// The covariance of all local fields, students first (0..K), then teachers (K..K+M).
    pub fn covariance(&self, q: &[f64], r: &[f64], cov: &mut Covariance) {
        let (k, m) = (self.k, self.m);
        for i in 0..k {
            for j in 0..k {
                cov.c[i * cov.n + j] = q[i * k + j];
            }
            for n in 0..m {
                cov.set(i, k + n, r[i * m + n]);
            }
        }
        for n in 0..m {
            for p in 0..m {
                cov.c[(k + n) * cov.n + k + p] = self.t[n * m + p];
            }
        }
    }

    /// The generalisation error ε = ½⟨(Σ_k s v_k g(λ_k) − Σ_n a_n g(ν_n))²⟩ of head `head` against
    /// the teacher with readout `a`, the student's outputs scaled by `s` (1, or the test-time
    /// rescaling of dropout).
    pub fn error(&self, o: &Overlaps, head: usize, a: &[f64], s: f64) -> f64 {
        let mut cov = Covariance::zeros(self.k + self.m);
        self.covariance(&o.q, &o.r, &mut cov);
        let u = coefficients(self.k, &o.v[head], a, s);
        let mut sum = 0.0;
        for c in 0..u.len() {
            if u[c] == 0.0 {
                continue;
            }
            for d in 0..u.len() {
                sum += u[c] * u[d] * i2(self.act, &cov, c, d);
            }
        }
        // A mean square: rounding can leave it a hair below zero once the student is perfect.
        (0.5 * sum).max(0.0)
    }

    fn feedback(&self, v: &[f64], i: usize) -> f64 {
        match &self.feedback {
            Feedback::Backprop => v[i],
            Feedback::Fixed(b) => b[i],
        }
    }
}

/// A stretch of training under one rule, up to time `until` (e.g. one task of continual learning).
#[derive(Debug, Clone, PartialEq)]
pub struct Phase {
    pub until: f64,
    pub rule: Dynamics,
}

/// How the solution is read at the recorded times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// Every recorded time ends a step: many short steps where the times are dense (links of
    /// version 1 keep this, and their numbers).
    Stepped,
    /// The steps follow the solution alone; the recorded times are read off the dense output.
    Dense,
}

/// Integrates the phases one after the other from `start` at t = 0, calling `record` at each of
/// `times` (increasing, ≥ 0) with the time and the overlaps there. Stops at the first divergence and
/// returns where it happened.
pub fn integrate(
    phases: &[Phase],
    start: &Overlaps,
    times: &[f64],
    record: impl FnMut(f64, &Overlaps),
) -> Result<(), AdaptiveError> {
    integrate_with(Output::Stepped, phases, start, times, record)
}

/// [`integrate`], with the solution read at `times` as `output` says.
pub fn integrate_with(
    output: Output,
    phases: &[Phase],
    start: &Overlaps,
    times: &[f64],
    mut record: impl FnMut(f64, &Overlaps),
) -> Result<(), AdaptiveError> {
    if output == Output::Dense {
        return integrate_dense(phases, start, times, record);
    }
    let Some(first) = phases.first() else { return Ok(()) };
    let mut y = first.rule.pack(start);
    let mut t = 0.0;
    let mut next_time = times.iter().copied().peekable();
    for phase in phases {
        let mut solver = Dopri5::new(y.len(), TOLERANCE);
        while let Some(&target) = next_time.peek() {
            if target > phase.until {
                break;
            }
            if target > t {
                solver.integrate(&phase.rule, t, &mut y, target)?;
                t = target;
            }
            record(t, &phase.rule.unpack(&y));
            next_time.next();
        }
        if phase.until > t {
            solver.integrate(&phase.rule, t, &mut y, phase.until)?;
            t = phase.until;
        }
    }
    Ok(())
}

/// [`integrate`] with [`Output::Dense`]: each phase is one integration that lands on its end,
/// and the times inside it are read off the steps that cover them.
fn integrate_dense(
    phases: &[Phase],
    start: &Overlaps,
    times: &[f64],
    mut record: impl FnMut(f64, &Overlaps),
) -> Result<(), AdaptiveError> {
    let Some(first) = phases.first() else { return Ok(()) };
    let mut y = first.rule.pack(start);
    let mut t = 0.0;
    let mut rest = times;
    for phase in phases {
        // The times of this phase: up to and including its end (a time on the boundary belongs
        // to the phase that ends there, as in the stepped integration).
        let inside = rest.partition_point(|&at| at <= phase.until);
        let (mine, later) = rest.split_at(inside);
        rest = later;
        if phase.until >= t {
            let mut solver = Dopri5::new(y.len(), DENSE_TOLERANCE);
            let rule = &phase.rule;
            solver.integrate_dense(rule, t, &mut y, phase.until, mine, |at, state| record(at, &rule.unpack(state)))?;
            t = phase.until;
        }
    }
    Ok(())
}

/// Accuracy of the integration: relative 1e-6 per step keeps ε within 1e-8 relative of the
/// solution at 1e-8 (measured at K = M = 2 and 4 to t = 1000), far below the finite-N scatter
/// it is compared with.
const TOLERANCE: Tolerance = Tolerance { relative: 1e-6, absolute: 1e-12, max_step: 5.0 };

/// The same accuracy per step for [`Output::Dense`]; the longest step is bounded only to keep the
/// error estimate honest on the long plateaus.
const DENSE_TOLERANCE: Tolerance = Tolerance { max_step: 20.0, ..TOLERANCE };

/// The coefficients u of the output error over all units: −s v for students, a for teachers.
fn coefficients(k: usize, v: &[f64], a: &[f64], s: f64) -> Vec<f64> {
    let mut u = Vec::new();
    coefficients_into(&mut u, k, v, a, s);
    u
}

/// [`coefficients`] into a buffer.
fn coefficients_into(u: &mut Vec<f64>, k: usize, v: &[f64], a: &[f64], s: f64) {
    u.clear();
    u.extend(v.iter().map(|&vi| -s * vi).chain(a.iter().copied()).take(k + a.len()));
}

/// Keep-probabilities of dropout: p to the number of distinct students among a set of units
/// (teachers are never dropped).
struct Kept {
    k: usize,
    powers: [f64; 5],
    all: bool,
}

impl Kept {
    fn new(k: usize, keep: f64) -> Self {
        let powers = [1.0, keep, keep * keep, keep * keep * keep, keep * keep * keep * keep];
        Kept { k, powers, all: keep == 1.0 }
    }

    #[inline(always)]
    fn of(&self, units: [usize; 4], len: usize) -> f64 {
        if self.all {
            return 1.0;
        }
        let mut distinct = 0;
        for a in 0..len {
            let u = units[a];
            if u < self.k && !units[..a].contains(&u) {
                distinct += 1;
            }
        }
        self.powers[distinct]
    }
    fn two(&self, a: usize, b: usize) -> f64 {
        self.of([a, b, 0, 0], 2)
    }
    fn four(&self, a: usize, b: usize, c: usize, d: usize) -> f64 {
        self.of([a, b, c, d], 4)
    }
}

impl OdeSystem for Dynamics {
    fn dim(&self) -> usize {
        Dynamics::dim(self)
    }

    fn rhs(&self, _t: f64, y: &[f64], dy: &mut [f64]) {
        // The buffers of the previous evaluation, reused: the right-hand side runs thousands of times
        // per integration, and allocating afresh each time cost about a tenth of it.
        SCRATCH.with_borrow_mut(|scratch| self.rhs_with(scratch, y, dy));
    }
}

/// The working memory of [`Dynamics::rhs_with`], kept between evaluations.
struct Scratch {
    cov: Covariance,
    u: Vec<f64>,
    weights: Vec<f64>,
    drift: Vec<f64>,
    row: Option<I4Row>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = const {
        std::cell::RefCell::new(Scratch {
            cov: Covariance { n: 0, c: Vec::new() },
            u: Vec::new(),
            weights: Vec::new(),
            drift: Vec::new(),
            row: None,
        })
    };
}

impl Dynamics {
    fn rhs_with(&self, scratch: &mut Scratch, y: &[f64], dy: &mut [f64]) {
        let (k, m) = (self.k, self.m);
        let units = k + m;
        let (q, rest) = y.split_at(k * k);
        let (r, heads) = rest.split_at(k * m);
        let v = &heads[self.active_head * k..(self.active_head + 1) * k];
        let Scratch { cov, u, weights, drift, row } = scratch;
        cov.n = units;
        cov.c.clear();
        cov.c.resize(units * units, 0.0);
        self.covariance(q, r, cov);
        let cov = &*cov;
        coefficients_into(u, k, v, &self.readout, 1.0);
        let u = &*u;
        let act = self.act;
        let lr = self.lr;
        let kept = Kept::new(k, self.keep);

        // The drift of unit i's weights along the field of unit b, for every i and b:
        // D_ib = f_i Σ_c u_c p(i,c) I3(i, b, c). With I3(i, b, c) = (C_bc (1 + C_ii) − C_ib C_ic)·s_ic
        // for erf (s_ic = (2/π)/((1 + C_ii)√Λ3)) and I3 = C_bc for g(u) = u, the sum over c is a
        // product of matrices: D_ib = f_i [A_i (W C)_ib − C_ib z_i], W_ic = u_c p(i,c) s_ic,
        // z_i = Σ_c W_ic C_ic.
        weights.clear();
        weights.resize(units, 0.0);
        drift.clear();
        drift.resize(k * units, 0.0);
        for i in 0..k {
            let one_ii = 1.0 + cov.at(i, i);
            let row_i = &cov.c[i * units..(i + 1) * units];
            for (c, w) in weights.iter_mut().enumerate() {
                let s = match act {
                    Activation::Erf => {
                        let lambda3 = one_ii * (1.0 + cov.at(c, c)) - row_i[c] * row_i[c];
                        2.0 / std::f64::consts::PI / (one_ii * lambda3.sqrt())
                    }
                    Activation::Linear => 1.0,
                };
                *w = u[c] * kept.two(i, c) * s;
            }
            let (scale, z) = match act {
                Activation::Erf => (one_ii, weights.iter().zip(row_i).map(|(w, c)| w * c).sum::<f64>()),
                Activation::Linear => (1.0, 0.0),
            };
            let f = self.feedback(v, i);
            for b in 0..units {
                let row_b = &cov.c[b * units..(b + 1) * units];
                let wc: f64 = weights.iter().zip(row_b).map(|(w, c)| w * c).sum();
                drift[i * units + b] = f * (scale * wc - row_i[b] * z);
            }
        }

        dy.fill(0.0);
        let (dq, rest) = dy.split_at_mut(k * k);
        let (dr, dheads) = rest.split_at_mut(k * m);
        for i in 0..k {
            for n in 0..m {
                dr[i * m + n] = lr * drift[i * units + k + n];
            }
        }
        let row = match row {
            Some(row) if row.fits(act, units) => row,
            _ => row.insert(I4Row::new(act, cov, 0, 0)),
        };
        for i in 0..k {
            for j in i..k {
                let first = lr * (drift[i * units + j] + drift[j * units + i]);
                // The noise of the gradient: ⟨(error)² g'(λ_i) g'(λ_j)⟩, summed over pairs of units.
                row.reset(cov, i, j);
                let mut second = row.weighted_sum(cov, u, |c, d| kept.four(i, j, c, d));
                second += self.noise * self.noise * kept.two(i, j) * j2(act, cov, i, j);
                let value = first + lr * lr * self.feedback(v, i) * self.feedback(v, j) * second;
                dq[i * k + j] = value;
                dq[j * k + i] = value;
            }
        }
        if self.train_v {
            let dv = &mut dheads[self.active_head * k..(self.active_head + 1) * k];
            for (i, dvi) in dv.iter_mut().enumerate() {
                let mut sum = 0.0;
                for (c, &uc) in u.iter().enumerate() {
                    if uc != 0.0 {
                        sum += uc * kept.two(i, c) * i2(act, cov, i, c);
                    }
                }
                *dvi = self.lr_v * sum;
            }
        }
    }
}
