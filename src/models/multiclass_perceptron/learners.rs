//! The data of the multi-class teacher–student perceptron and its two learners: ridge regression on
//! the one-hot labels in closed form, and ℓ2-regularised cross-entropy (softmax) by L-BFGS. Both are
//! deterministic: fixed iteration order and fixed order of summation.

use super::theory::argmax;
use crate::num::cholesky;
use crate::num::vector::{axpy, dot};
use crate::rng::{NormalVectors, stream, uniform};

/// The teacher's weights: i.i.d. N(0, 1), or ±1 with equal probability.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Teacher {
    Gaussian,
    Rademacher,
}

impl Teacher {
    pub fn from_name(name: &str) -> Self {
        if name == "rademacher" { Teacher::Rademacher } else { Teacher::Gaussian }
    }
}

/// One repetition's teacher W* (K×d) and its stream of examples x ~ N(0, I_d) with labels
/// y = argmax_c w*_c·x. Ridge needs only the sums XᵀX, Σx and Σ Y_c x; the examples themselves
/// (as x/√d) are kept only for the cross-entropy.
pub struct Data {
    pub k: usize,
    pub d: usize,
    pub teacher: Vec<f64>,
    source: NormalVectors,
    x: Vec<f64>,
    /// XᵀX, upper triangle, row by row (d × d).
    gram: Vec<f64>,
    sum_x: Vec<f64>,
    /// Σ_μ Y_c x^μ, class by class (K × d).
    cross: Vec<f64>,
    counts: Vec<f64>,
    keep_rows: bool,
    /// The examples as x/√d, row by row, when kept.
    pub rows: Vec<f64>,
    pub labels: Vec<usize>,
    factor: Vec<f64>,
}

impl Data {
    /// Repetition r: the teacher from stream ("teacher", r) (Gaussian draws, or the sign of a
    /// uniform number), the inputs from the Gaussian vectors ("data", r).
    pub fn new(k: usize, d: usize, teacher: Teacher, keep_rows: bool, seed: u64, repetition: u64) -> Self {
        let mut w = vec![0.0; k * d];
        let mut rng = stream(seed, "teacher", repetition);
        match teacher {
            Teacher::Gaussian => crate::rng::normal().fill(&mut rng, &mut w),
            Teacher::Rademacher => w.iter_mut().for_each(|v| *v = if uniform(&mut rng) < 0.5 { 1.0 } else { -1.0 }),
        }
        Data {
            k,
            d,
            teacher: w,
            source: NormalVectors::new(seed, "data", repetition),
            x: vec![0.0; d],
            gram: vec![0.0; d * d],
            sum_x: vec![0.0; d],
            cross: vec![0.0; k * d],
            counts: vec![0.0; k],
            keep_rows,
            rows: Vec::new(),
            labels: Vec::new(),
            factor: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The teacher's class of x.
    pub fn label(&self, x: &[f64]) -> usize {
        let d = self.d;
        let mut best = (0, f64::NEG_INFINITY);
        for c in 0..self.k {
            let z = dot(&self.teacher[c * d..(c + 1) * d], x);
            if z > best.1 {
                best = (c, z);
            }
        }
        best.0
    }

    /// One more example.
    pub fn add(&mut self) {
        let d = self.d;
        self.source.fill(&mut self.x);
        let y = self.label(&self.x);
        for i in 0..d {
            axpy(self.x[i], &self.x[i..], &mut self.gram[i * d + i..(i + 1) * d]);
        }
        axpy(1.0, &self.x, &mut self.sum_x);
        axpy(1.0, &self.x, &mut self.cross[y * d..(y + 1) * d]);
        self.counts[y] += 1.0;
        if self.keep_rows {
            let scale = 1.0 / libm::sqrt(d as f64);
            self.rows.extend(self.x.iter().map(|v| v * scale));
        }
        self.labels.push(y);
    }

    /// Ridge on the examples so far: minimises ½Σ|Y − Wx/√d − b|² + (λ/2)|W|², b unpenalised. With
    /// centred sums, (X̃ᵀX̃/d + λ) w_c = X̃ᵀỸ_c/√d and b = Ȳ − W x̄/√d. `None` if the matrix is not
    /// positive definite to working precision.
    pub fn ridge(&mut self, lambda: f64) -> Option<Estimate> {
        let (k, d) = (self.k, self.d);
        let n = self.len() as f64;
        let dd = d as f64;
        self.factor.resize(d * d, 0.0);
        for j in 0..d {
            for i in 0..=j {
                self.factor[j * d + i] = (self.gram[i * d + j] - self.sum_x[i] * self.sum_x[j] / n) / dd;
            }
            self.factor[j * d + j] += lambda;
        }
        cholesky::factor(d, &mut self.factor).ok()?;
        let sqrt_d = libm::sqrt(dd);
        let mut w = vec![0.0; k * d];
        let mut b = vec![0.0; k];
        for c in 0..k {
            let row = &mut w[c * d..(c + 1) * d];
            for ((v, cross), sum) in row.iter_mut().zip(&self.cross[c * d..(c + 1) * d]).zip(&self.sum_x) {
                *v = (cross - sum * self.counts[c] / n) / sqrt_d;
            }
            cholesky::solve(d, &self.factor, row);
            b[c] = self.counts[c] / n - dot(row, &self.sum_x) / (n * sqrt_d);
        }
        Some(Estimate { w, b })
    }
}

/// A student: the field of x is h = Wx/√d + b (W is K×d, row by row).
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    pub w: Vec<f64>,
    pub b: Vec<f64>,
}

impl Estimate {
    pub fn zero(k: usize, d: usize) -> Self {
        Estimate { w: vec![0.0; k * d], b: vec![0.0; k] }
    }
}

/// Iterations of L-BFGS at most, and its memory.
pub const MAX_ITERATIONS: usize = 3000;
const MEMORY: usize = 10;

/// Σ_μ [log Σ_c e^{h_c} − h_y] + (λ/2)|W|² on the first n kept examples, and its gradient in
/// θ = (W, b).
fn cross_entropy(data: &Data, n: usize, lambda: f64, theta: &[f64], grad: &mut [f64]) -> f64 {
    let (k, d) = (data.k, data.d);
    grad.fill(0.0);
    let (w, b) = theta.split_at(k * d);
    let mut h = vec![0.0; k];
    let mut total = 0.0;
    for mu in 0..n {
        let x = &data.rows[mu * d..(mu + 1) * d];
        for c in 0..k {
            h[c] = dot(&w[c * d..(c + 1) * d], x) + b[c];
        }
        let top = h.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let mut sum = 0.0;
        for v in h.iter_mut() {
            let e = libm::exp(*v - top);
            sum += e;
            *v = e;
        }
        let y = data.labels[mu];
        // log Σ e^{h} − h_y.
        let hy = dot(&w[y * d..(y + 1) * d], x) + b[y];
        total += top + libm::log(sum) - hy;
        for c in 0..k {
            let p = h[c] / sum - if c == y { 1.0 } else { 0.0 };
            axpy(p, x, &mut grad[c * d..(c + 1) * d]);
            grad[k * d + c] += p;
        }
    }
    for i in 0..k * d {
        grad[i] += lambda * w[i];
    }
    total + 0.5 * lambda * dot(w, w)
}

/// Cross-entropy with (λ/2)|W|² by L-BFGS (memory 10, backtracking line search with the Armijo
/// condition), from `start`, on the first n kept examples. Stops when |∇| ≤ 10⁻⁶ √n (the gradient
/// of one example is of order 1); `Err` with the reason after [`MAX_ITERATIONS`] or when no step
/// lowers the objective before that tolerance.
pub fn cross_entropy_fit(data: &Data, n: usize, lambda: f64, start: &Estimate) -> Result<(Estimate, usize), String> {
    let (k, d) = (data.k, data.d);
    let dim = k * d + k;
    let tolerance = 1e-6 * libm::sqrt(n as f64);
    let mut theta: Vec<f64> = start.w.iter().chain(&start.b).copied().collect();
    let mut grad = vec![0.0; dim];
    let mut value = cross_entropy(data, n, lambda, &theta, &mut grad);
    let mut s_hist: Vec<Vec<f64>> = Vec::new();
    let mut y_hist: Vec<Vec<f64>> = Vec::new();
    let mut rho_hist: Vec<f64> = Vec::new();
    let (mut trial, mut trial_grad) = (vec![0.0; dim], vec![0.0; dim]);
    for iteration in 0..MAX_ITERATIONS {
        let norm = libm::sqrt(dot(&grad, &grad));
        if !norm.is_finite() || !value.is_finite() {
            return Err(format!("the cross-entropy became {value} at iteration {iteration}"));
        }
        if norm <= tolerance {
            let (w, b) = theta.split_at(k * d);
            return Ok((Estimate { w: w.to_vec(), b: b.to_vec() }, iteration));
        }
        // The two-loop recursion: direction = −H∇.
        let mut q = grad.clone();
        let mut a = vec![0.0; s_hist.len()];
        for i in (0..s_hist.len()).rev() {
            a[i] = rho_hist[i] * dot(&s_hist[i], &q);
            axpy(-a[i], &y_hist[i], &mut q);
        }
        let gamma = match (s_hist.last(), y_hist.last()) {
            (Some(s), Some(y)) => dot(s, y) / dot(y, y),
            _ => 1.0 / norm.max(1.0),
        };
        q.iter_mut().for_each(|v| *v *= gamma);
        for i in 0..s_hist.len() {
            let beta = rho_hist[i] * dot(&y_hist[i], &q);
            axpy(a[i] - beta, &s_hist[i], &mut q);
        }
        let slope = -dot(&grad, &q);
        if slope >= 0.0 {
            // Not a descent direction (rounding): restart from the gradient.
            s_hist.clear();
            y_hist.clear();
            rho_hist.clear();
            continue;
        }
        let mut step = 1.0;
        let mut accepted = false;
        for _ in 0..50 {
            for i in 0..dim {
                trial[i] = theta[i] - step * q[i];
            }
            let v = cross_entropy(data, n, lambda, &trial, &mut trial_grad);
            if v <= value + 1e-4 * step * slope {
                let s: Vec<f64> = (0..dim).map(|i| trial[i] - theta[i]).collect();
                let y: Vec<f64> = (0..dim).map(|i| trial_grad[i] - grad[i]).collect();
                let sy = dot(&s, &y);
                if sy > 1e-300 {
                    if s_hist.len() == MEMORY {
                        s_hist.remove(0);
                        y_hist.remove(0);
                        rho_hist.remove(0);
                    }
                    rho_hist.push(1.0 / sy);
                    s_hist.push(s);
                    y_hist.push(y);
                }
                std::mem::swap(&mut theta, &mut trial);
                std::mem::swap(&mut grad, &mut trial_grad);
                value = v;
                accepted = true;
                break;
            }
            step *= 0.5;
        }
        if !accepted {
            return Err(format!(
                "the cross-entropy's line search found no lower value at iteration {iteration} (|∇| = {norm:.2e}, \
                 tolerance {tolerance:.2e})"
            ));
        }
    }
    Err(format!("the cross-entropy did not converge in {MAX_ITERATIONS} iterations"))
}

/// What is measured of a student: its test error on fresh points and its overlaps with the
/// teacher, M = WW*ᵀ/d, Q = WWᵀ/d, T = W*W*ᵀ/d (K×K, row by row), and its bias.
#[derive(Debug, Clone, PartialEq)]
pub struct Measurement {
    pub error: f64,
    pub m: Vec<f64>,
    pub q: Vec<f64>,
    pub t: Vec<f64>,
    pub b: Vec<f64>,
}

/// The K×K matrix A Bᵀ/d of two K×d matrices.
fn gram(k: usize, d: usize, a: &[f64], b: &[f64]) -> Vec<f64> {
    let mut out = vec![0.0; k * k];
    for i in 0..k {
        for j in 0..k {
            out[i * k + j] = dot(&a[i * d..(i + 1) * d], &b[j * d..(j + 1) * d]) / d as f64;
        }
    }
    out
}

impl Measurement {
    /// The error on `test` points of the Gaussian vectors ("test", r): the same points for every
    /// student of a repetition.
    pub fn of(data: &Data, fit: &Estimate, test: usize, seed: u64, repetition: u64) -> Self {
        let (k, d) = (data.k, data.d);
        let mut wrong = 0usize;
        for_test_points(data, fit, test, seed, repetition, |_, truth, guess| wrong += usize::from(truth != guess));
        Measurement {
            error: wrong as f64 / test as f64,
            m: gram(k, d, &fit.w, &data.teacher),
            q: gram(k, d, &fit.w, &fit.w),
            t: gram(k, d, &data.teacher, &data.teacher),
            b: fit.b.clone(),
        }
    }

    /// m and q of the projections M ≈ m P and Q ≈ q P, P = I − 11ᵀ/K: tr(MP)/(K − 1), tr(QP)/(K − 1).
    pub fn projected(&self) -> (f64, f64) {
        let k = self.b.len();
        let tr = |a: &[f64]| {
            let diag: f64 = (0..k).map(|i| a[i * k + i]).sum();
            let all: f64 = a.iter().sum();
            (diag - all / k as f64) / (k - 1) as f64
        };
        (tr(&self.m), tr(&self.q))
    }
}

/// Calls f(x, teacher's class, student's class) for each of the first `count` test points of
/// repetition r.
pub fn for_test_points(
    data: &Data,
    fit: &Estimate,
    count: usize,
    seed: u64,
    repetition: u64,
    mut f: impl FnMut(&[f64], usize, usize),
) {
    let (k, d) = (data.k, data.d);
    let mut source = NormalVectors::new(seed, "test", repetition);
    let mut x = vec![0.0; d];
    let mut h = vec![0.0; k];
    let scale = 1.0 / libm::sqrt(d as f64);
    for _ in 0..count {
        source.fill(&mut x);
        let truth = data.label(&x);
        for (c, v) in h.iter_mut().enumerate() {
            *v = dot(&fit.w[c * d..(c + 1) * d], &x) * scale + fit.b[c];
        }
        f(&x, truth, argmax(&h));
    }
}
