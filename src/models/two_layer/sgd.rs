//! Online SGD of a two-layer student on labels of two-layer teachers, at finite N.
//!
//! Every step draws a fresh Gaussian input x ∈ ℝᴺ, computes the local fields λ_k = w_k·x/√N of
//! the students and ν_n = w*_n·x/√N of the active teacher, and moves the first layer by
//! (η/√N) r_k f_k g'(λ_k) e x and the second by (η_v/N) r_k g(λ_k) e, where e is the error of the
//! output, f the feedback (v, or a fixed vector) and r_k the dropout mask. Time is t = steps/N.
//!
//! The input is most of the cost of a step (N Gaussian numbers against (2K + M)N multiply-adds),
//! so it comes from [`rng::NormalVectors`], the fastest portable source of Gaussian vectors.

use super::integrals::Activation;
use super::ode::{Dynamics, Feedback, Overlaps};
use crate::num::vector::{axpy, dot, dot4};
use crate::rng;

/// Student and teachers at finite N, and the generators of the steps.
pub struct Network {
    pub n: usize,
    pub k: usize,
    pub m: usize,
    pub act: Activation,
    /// Student first layer, K rows of N.
    pub w: Vec<f64>,
    /// Student second layer, one row of K per head.
    pub v: Vec<Vec<f64>>,
    /// Teachers' first layers, M rows of N (all teachers together).
    pub teacher: Vec<f64>,
    /// Teachers' overlaps T = W* W*ᵀ/N, measured once.
    pub t: Vec<f64>,
    x: Vec<f64>,
    data: rng::NormalVectors,
    masks: rng::Pcg32,
    /// Steps taken.
    pub steps: u64,
}

impl Network {
    /// `w`, `v`, `teacher` as described on the fields; `seed` and `index` name the streams of the
    /// inputs and of the dropout masks.
    pub fn new(
        n: usize,
        act: Activation,
        w: Vec<f64>,
        v: Vec<Vec<f64>>,
        teacher: Vec<f64>,
        seed: u64,
        index: u64,
    ) -> Self {
        let (k, m) = (w.len() / n, teacher.len() / n);
        let mut t = vec![0.0; m * m];
        for a in 0..m {
            for b in a..m {
                let value = dot(&teacher[a * n..(a + 1) * n], &teacher[b * n..(b + 1) * n]) / n as f64;
                t[a * m + b] = value;
                t[b * m + a] = value;
            }
        }
        Network {
            n,
            k,
            m,
            act,
            w,
            v,
            teacher,
            t,
            x: vec![0.0; n],
            data: rng::NormalVectors::new(seed, "data", index),
            masks: rng::stream(seed, "dropout", index),
            steps: 0,
        }
    }

    /// Time t = steps/N.
    pub fn time(&self) -> f64 {
        self.steps as f64 / self.n as f64
    }

    /// The order parameters now.
    pub fn overlaps(&self) -> Overlaps {
        let (n, k, m) = (self.n, self.k, self.m);
        let row = |i: usize| i * n..(i + 1) * n;
        let mut q = vec![0.0; k * k];
        for i in 0..k {
            for j in i..k {
                let value = dot(&self.w[row(i)], &self.w[row(j)]) / n as f64;
                q[i * k + j] = value;
                q[j * k + i] = value;
            }
        }
        let mut r = vec![0.0; k * m];
        for i in 0..k {
            for p in 0..m {
                r[i * m + p] = dot(&self.w[row(i)], &self.teacher[row(p)]) / n as f64;
            }
        }
        Overlaps { q, r, v: self.v.clone() }
    }

    /// Takes `count` SGD steps under `rule`. Returns false, having stopped, when the weights stopped
    /// being finite numbers.
    pub fn steps(&mut self, rule: &Dynamics, count: u64) -> bool {
        let (n, k, m) = (self.n, self.k, self.m);
        let sqrt_n = (n as f64).sqrt();
        let lr_w = rule.lr / sqrt_n;
        let lr_v = rule.lr_v / n as f64;
        let head = rule.active_head;
        let mut lambda = vec![0.0; k];
        let mut activity = vec![0.0; k];
        let mut kept = vec![true; k];
        let mut nu = vec![0.0; m];
        // The local fields a step computes, the same for every step of the rule: the active
        // teacher's units first, then the students; (index, is a teacher unit).
        let fields: Vec<(usize, bool)> =
            (0..m).filter(|&p| rule.readout[p] != 0.0).map(|p| (p, true)).chain((0..k).map(|i| (i, false))).collect();
        for _ in 0..count {
            self.data.fill(&mut self.x);
            // Four rows at a time, reading x once.
            for group in fields.chunks(4) {
                let row = |&(index, teacher): &(usize, bool)| {
                    let rows = if teacher { &self.teacher } else { &self.w };
                    &rows[index * n..(index + 1) * n]
                };
                if let [a, b, c, d] = group {
                    let dots = dot4([row(a), row(b), row(c), row(d)], &self.x);
                    for (&(index, teacher), value) in group.iter().zip(dots) {
                        field_value(&mut nu, &mut lambda, index, teacher, value / sqrt_n);
                    }
                } else {
                    for &(index, teacher) in group {
                        let value = dot(row(&(index, teacher)), &self.x) / sqrt_n;
                        field_value(&mut nu, &mut lambda, index, teacher, value);
                    }
                }
            }
            let mut target = 0.0;
            for (&a, &nu_p) in rule.readout.iter().zip(&nu) {
                if a != 0.0 {
                    target += a * self.act.g(nu_p);
                }
            }
            if rule.noise > 0.0 {
                target += rule.noise * self.data.sample();
            }
            if rule.keep < 1.0 {
                for kept_i in kept.iter_mut() {
                    *kept_i = rng::uniform(&mut self.masks) < rule.keep;
                }
            }
            let mut output = 0.0;
            for i in 0..k {
                if kept[i] {
                    // g(λ_i) once: the update below uses the same value.
                    activity[i] = self.act.g(lambda[i]);
                    output += self.v[head][i] * activity[i];
                }
            }
            let error = target - output;
            for i in 0..k {
                if !kept[i] {
                    continue;
                }
                let f = match &rule.feedback {
                    Feedback::Backprop => self.v[head][i],
                    Feedback::Fixed(b) => b[i],
                };
                let dv = lr_v * activity[i] * error;
                axpy(lr_w * f * self.act.dg(lambda[i]) * error, &self.x, &mut self.w[i * n..(i + 1) * n]);
                if rule.train_v {
                    self.v[head][i] += dv;
                }
            }
            self.steps += 1;
            if !error.is_finite() {
                return false;
            }
        }
        true
    }
}

/// Stores a local field: the teacher's ν or the student's λ.
#[inline(always)]
fn field_value(nu: &mut [f64], lambda: &mut [f64], index: usize, teacher: bool, value: f64) {
    if teacher {
        nu[index] = value;
    } else {
        lambda[index] = value;
    }
}
