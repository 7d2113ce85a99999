//! The data of the Gaussian mixture and the minimisers of the regularised empirical risk: Newton's
//! method for the square and logistic losses, sequential minimal optimisation of the dual for the
//! hinge loss. Both are deterministic: fixed iteration order and fixed order of summation.

use super::theory::Loss;
use crate::num::cholesky;
use crate::num::vector::dot;
use crate::rng::{Pcg32, normal, stream, uniform};

/// One repetition's centre v* and its stream of labelled examples, kept as rows φ = (x/√d, 1).
pub struct Data {
    pub d: usize,
    pub centre: Vec<f64>,
    pub rows: Vec<f64>,
    pub labels: Vec<f64>,
    rng: Pcg32,
    noise_sd: f64,
    rho: f64,
    z: Vec<f64>,
}

impl Data {
    /// The centre from stream ("teacher", r), the examples from ("data", r): label first (+1 with
    /// probability ρ), then the d components of z.
    pub fn new(d: usize, delta: f64, rho: f64, seed: u64, repetition: u64) -> Self {
        let mut centre = vec![0.0; d];
        normal().fill(&mut stream(seed, "teacher", repetition), &mut centre);
        Data {
            d,
            centre,
            rows: Vec::new(),
            labels: Vec::new(),
            rng: stream(seed, "data", repetition),
            noise_sd: libm::sqrt(delta),
            rho,
            z: vec![0.0; d],
        }
    }

    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// One more example x = y v*/√d + √Δ z, stored as x/√d and a 1 for the bias.
    pub fn add(&mut self) {
        let y = if uniform(&mut self.rng) < self.rho { 1.0 } else { -1.0 };
        normal().fill(&mut self.rng, &mut self.z);
        let scale = 1.0 / libm::sqrt(self.d as f64);
        for (c, z) in self.centre.iter().zip(&self.z) {
            self.rows.push((y * c * scale + self.noise_sd * z) * scale);
        }
        self.rows.push(1.0);
        self.labels.push(y);
    }

    pub fn row(&self, i: usize) -> &[f64] {
        &self.rows[i * (self.d + 1)..(i + 1) * (self.d + 1)]
    }

    /// m = v*·w/d and q = |w|²/d of an estimator.
    pub fn overlaps(&self, w: &[f64]) -> (f64, f64) {
        let d = self.d as f64;
        (dot(&self.centre, w) / d, dot(w, w) / d)
    }
}

/// An estimator (w, b): the field of x is x·w/√d + b.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    pub w: Vec<f64>,
    pub b: f64,
}

impl Estimate {
    pub fn zero(d: usize) -> Self {
        Estimate { w: vec![0.0; d], b: 0.0 }
    }
}

/// The objective Σ ℓ(y(φ·θ)) + (λ/2)|w|² on the first n examples.
fn objective(loss: Loss, data: &Data, n: usize, lambda: f64, theta: &[f64]) -> f64 {
    let d = data.d;
    let mut total = 0.0;
    for i in 0..n {
        total += loss.derivatives(data.labels[i] * dot(data.row(i), theta)).0;
    }
    total + 0.5 * lambda * dot(&theta[..d], &theta[..d])
}

/// Newton's method with backtracking on θ = (w, b), from `start`, for a twice-differentiable loss
/// on the first n examples. Stops when the Newton decrement falls below 1e−14 of the objective, or
/// when no step lowers it any more with the decrement already below 1e−8 (rounding);
/// `Err` with the reason otherwise, or after 200 iterations.
pub fn newton(loss: Loss, data: &Data, n: usize, lambda: f64, start: &Estimate) -> Result<Estimate, String> {
    let d = data.d;
    let dim = d + 1;
    let mut theta: Vec<f64> = start.w.iter().copied().chain([start.b]).collect();
    let mut hessian = vec![0.0; dim * dim];
    let mut grad = vec![0.0; dim];
    let mut value = objective(loss, data, n, lambda, &theta);
    for _ in 0..200 {
        hessian.fill(0.0);
        grad.fill(0.0);
        for i in 0..n {
            let (phi, y) = (data.row(i), data.labels[i]);
            let (_, first, second) = loss.derivatives(y * dot(phi, &theta));
            crate::num::vector::axpy(y * first, phi, &mut grad);
            if second > 0.0 {
                for a in 0..dim {
                    crate::num::vector::axpy(second * phi[a], &phi[a..], &mut hessian[a * dim + a..(a + 1) * dim]);
                }
            }
        }
        for a in 0..d {
            grad[a] += lambda * theta[a];
        }
        // The lower triangle for the factor, with λ on the diagonal of w.
        for a in 0..dim {
            for c in 0..a {
                hessian[a * dim + c] = hessian[c * dim + a];
            }
            if a < d {
                hessian[a * dim + a] += lambda;
            }
        }
        if cholesky::factor(dim, &mut hessian).is_err() {
            return Err("the Hessian is singular".into());
        }
        let mut step: Vec<f64> = grad.iter().map(|g| -g).collect();
        cholesky::solve(dim, &hessian, &mut step);
        let decrement = -dot(&grad, &step);
        if decrement <= 1e-14 * (1.0 + value.abs()) {
            return Ok(Estimate { w: theta[..d].to_vec(), b: theta[d] });
        }
        let mut t = 1.0;
        let mut trial = vec![0.0; dim];
        loop {
            for ((x, th), s) in trial.iter_mut().zip(&theta).zip(&step) {
                *x = th + t * s;
            }
            let v = objective(loss, data, n, lambda, &trial);
            if v <= value - 1e-4 * t * decrement {
                value = v;
                break;
            }
            t *= 0.5;
            if t < 1e-10 {
                if decrement <= 1e-8 * (1.0 + value.abs()) {
                    return Ok(Estimate { w: theta[..d].to_vec(), b: theta[d] });
                }
                return Err(format!("Newton's method found no descent at a decrement of {decrement:.1e}"));
            }
        }
        std::mem::swap(&mut theta, &mut trial);
    }
    Err("Newton's method did not converge in 200 iterations".into())
}

/// The dual of the hinge loss: maximise Σa − ½ΣΣ a_i a_j y_i y_j K_ij with 0 ≤ a ≤ C = 1/λ and
/// Σ y a = 0 (the unpenalised bias), K_ij = x_i·x_j/d, by sequential minimal optimisation with
/// second-order working-set selection (Fan, Chen & Lin 2005). The kernel grows with the examples,
/// and the multipliers carry over from one fit to the next as a warm start.
pub struct HingeSolver {
    n_max: usize,
    kernel: Vec<f64>,
    filled: usize,
    pub alpha: Vec<f64>,
}

/// Tolerance on the largest violation of the optimality conditions.
const SMO_TOLERANCE: f64 = 1e-7;
const TAU: f64 = 1e-12;

impl HingeSolver {
    pub fn new(n_max: usize) -> Self {
        HingeSolver { n_max, kernel: vec![0.0; n_max * n_max], filled: 0, alpha: Vec::new() }
    }

    fn k(&self, i: usize, j: usize) -> f64 {
        self.kernel[i * self.n_max + j]
    }

    /// Fit on the first n examples with λ; multipliers above the new C = 1/λ are clipped (the
    /// solver is warm-started only from feasible points, so λ should not grow between fits).
    pub fn fit(&mut self, data: &Data, n: usize, lambda: f64) -> Result<Estimate, String> {
        let d = data.d;
        for i in self.filled..n {
            for j in 0..=i {
                let k = dot(&data.row(i)[..d], &data.row(j)[..d]);
                self.kernel[i * self.n_max + j] = k;
                self.kernel[j * self.n_max + i] = k;
            }
        }
        self.filled = self.filled.max(n);
        let c = 1.0 / lambda;
        let y = &data.labels[..n];
        let mut a = std::mem::take(&mut self.alpha);
        a.resize(n, 0.0);
        if a.iter().any(|&v| v > c) {
            // Restart: clipping alone would break Σ y a = 0.
            a.fill(0.0);
        }
        // G = Q a − 1, Q_ij = y_i y_j K_ij.
        let mut grad: Vec<f64> = (0..n)
            .map(|t| {
                let mut s = 0.0;
                for (j, &aj) in a.iter().enumerate() {
                    if aj != 0.0 {
                        s += y[t] * y[j] * self.kernel[t * self.n_max + j] * aj;
                    }
                }
                s - 1.0
            })
            .collect();
        let upper = |v: f64| v >= c;
        let lower = |v: f64| v <= 0.0;
        let max_steps = 200 * n + 100_000;
        for _ in 0..max_steps {
            // i: the most violating index of I_up.
            let (mut gmax, mut i) = (f64::NEG_INFINITY, usize::MAX);
            for t in 0..n {
                let v = if y[t] > 0.0 {
                    if upper(a[t]) { continue } else { -grad[t] }
                } else if lower(a[t]) {
                    continue;
                } else {
                    grad[t]
                };
                if v >= gmax {
                    gmax = v;
                    i = t;
                }
            }
            // j: the best second-order partner in I_low.
            let (mut gmax2, mut j, mut best) = (f64::NEG_INFINITY, usize::MAX, f64::INFINITY);
            if i != usize::MAX {
                for t in 0..n {
                    let (eligible, grad_diff, g) = if y[t] > 0.0 {
                        (!lower(a[t]), gmax + grad[t], grad[t])
                    } else {
                        (!upper(a[t]), gmax - grad[t], -grad[t])
                    };
                    if !eligible {
                        continue;
                    }
                    gmax2 = gmax2.max(g);
                    if grad_diff > 0.0 {
                        let quad = self.k(i, i) + self.k(t, t) - 2.0 * self.k(i, t);
                        let gain = -(grad_diff * grad_diff) / if quad > 0.0 { quad } else { TAU };
                        if gain <= best {
                            best = gain;
                            j = t;
                        }
                    }
                }
            }
            if i == usize::MAX || j == usize::MAX || gmax + gmax2 < SMO_TOLERANCE {
                self.alpha = a;
                return Ok(self.estimate(data, n, &grad, c));
            }
            let (old_i, old_j) = (a[i], a[j]);
            let quad = {
                let q = self.k(i, i) + self.k(j, j) - 2.0 * self.k(i, j);
                if q > 0.0 { q } else { TAU }
            };
            if y[i] != y[j] {
                let delta = (-grad[i] - grad[j]) / quad;
                let diff = a[i] - a[j];
                a[i] += delta;
                a[j] += delta;
                if diff > 0.0 {
                    if a[j] < 0.0 {
                        a[j] = 0.0;
                        a[i] = diff;
                    }
                } else if a[i] < 0.0 {
                    a[i] = 0.0;
                    a[j] = -diff;
                }
                if diff > 0.0 {
                    if a[i] > c {
                        a[i] = c;
                        a[j] = c - diff;
                    }
                } else if a[j] > c {
                    a[j] = c;
                    a[i] = c + diff;
                }
            } else {
                let delta = (grad[i] - grad[j]) / quad;
                let sum = a[i] + a[j];
                a[i] -= delta;
                a[j] += delta;
                if sum > c {
                    if a[i] > c {
                        a[i] = c;
                        a[j] = sum - c;
                    }
                } else if a[j] < 0.0 {
                    a[j] = 0.0;
                    a[i] = sum;
                }
                if sum > c {
                    if a[j] > c {
                        a[j] = c;
                        a[i] = sum - c;
                    }
                } else if a[i] < 0.0 {
                    a[i] = 0.0;
                    a[j] = sum;
                }
            }
            let (di, dj) = (a[i] - old_i, a[j] - old_j);
            for t in 0..n {
                grad[t] +=
                    y[t] * (y[i] * self.kernel[i * self.n_max + t] * di + y[j] * self.kernel[j * self.n_max + t] * dj);
            }
        }
        self.alpha = a;
        Err(format!("the hinge-loss solver did not converge in {max_steps} steps"))
    }

    /// w = Σ a_i y_i x_i/√d and b from the free multipliers (the middle of the feasible interval
    /// when there are none), as in LIBSVM.
    #[allow(clippy::needless_range_loop)]
    fn estimate(&self, data: &Data, n: usize, grad: &[f64], c: f64) -> Estimate {
        let d = data.d;
        let y = &data.labels[..n];
        let mut w = vec![0.0; d];
        for i in 0..n {
            if self.alpha[i] != 0.0 {
                crate::num::vector::axpy(self.alpha[i] * y[i], &data.row(i)[..d], &mut w);
            }
        }
        let (mut ub, mut lb, mut free, mut sum) = (f64::INFINITY, f64::NEG_INFINITY, 0usize, 0.0);
        for i in 0..n {
            let yg = y[i] * grad[i];
            let a = self.alpha[i];
            if a >= c {
                if y[i] < 0.0 { ub = ub.min(yg) } else { lb = lb.max(yg) }
            } else if a <= 0.0 {
                if y[i] > 0.0 { ub = ub.min(yg) } else { lb = lb.max(yg) }
            } else {
                free += 1;
                sum += yg;
            }
        }
        let rho = if free > 0 { sum / free as f64 } else { 0.5 * (ub + lb) };
        Estimate { w, b: -rho }
    }
}

/// The regularised minimiser for any loss: Newton for the smooth ones, the dual for the hinge.
pub enum Learner {
    Newton(Loss),
    Hinge(Box<HingeSolver>),
}

impl Learner {
    pub fn new(loss: Loss, n_max: usize) -> Self {
        match loss {
            Loss::Hinge => Learner::Hinge(Box::new(HingeSolver::new(n_max))),
            smooth => Learner::Newton(smooth),
        }
    }

    pub fn fit(&mut self, data: &Data, n: usize, lambda: f64, start: &Estimate) -> Result<Estimate, String> {
        match self {
            Learner::Newton(loss) => newton(*loss, data, n, lambda, start),
            Learner::Hinge(solver) => solver.fit(data, n, lambda),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The subgradient optimality of a fit: 0 ∈ Σ y ℓ′ φ + λ(w, 0) for each coordinate.
    #[allow(clippy::needless_range_loop)]
    fn stationarity(loss: Loss, data: &Data, n: usize, lambda: f64, e: &Estimate) -> f64 {
        let theta: Vec<f64> = e.w.iter().copied().chain([e.b]).collect();
        let mut grad = vec![0.0; data.d + 1];
        for i in 0..n {
            let (_, first, _) = loss.derivatives(data.labels[i] * dot(data.row(i), &theta));
            crate::num::vector::axpy(data.labels[i] * first, data.row(i), &mut grad);
        }
        for a in 0..data.d {
            grad[a] += lambda * e.w[a];
        }
        grad.iter().map(|g| g.abs()).fold(0.0, f64::max)
    }

    #[test]
    fn newton_finds_the_stationary_point() {
        let mut data = Data::new(30, 1.0, 0.3, 1, 0);
        for _ in 0..60 {
            data.add();
        }
        for loss in [Loss::Square, Loss::Logistic] {
            let e = newton(loss, &data, 60, 0.1, &Estimate::zero(30)).unwrap();
            assert!(stationarity(loss, &data, 60, 0.1, &e) < 1e-9, "{loss:?}");
        }
    }

    #[test]
    fn the_hinge_dual_beats_every_nearby_primal_point() {
        let mut data = Data::new(20, 0.5, 0.5, 2, 0);
        for _ in 0..50 {
            data.add();
        }
        let mut solver = HingeSolver::new(50);
        for lambda in [1.0, 0.1, 0.01] {
            let e = solver.fit(&data, 50, lambda).unwrap();
            let theta: Vec<f64> = e.w.iter().copied().chain([e.b]).collect();
            let best = objective(Loss::Hinge, &data, 50, lambda, &theta);
            // Random perturbations of (w, b) never lower the primal objective.
            let mut rng = stream(9, "test", 0);
            for _ in 0..200 {
                let mut trial = theta.clone();
                for t in &mut trial {
                    *t += 1e-3 * (uniform(&mut rng) - 0.5);
                }
                assert!(objective(Loss::Hinge, &data, 50, lambda, &trial) >= best - 1e-9, "λ = {lambda}");
            }
        }
    }
}

/// What a fit measures: its test error (exact, from its overlaps) and the overlaps m, q and b.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measurement {
    pub error: f64,
    pub m: f64,
    pub q: f64,
    pub b: f64,
}

impl Measurement {
    pub fn of(data: &Data, e: &Estimate, mixture: &super::theory::Mixture) -> Self {
        let (m, q) = data.overlaps(&e.w);
        Measurement { error: mixture.error(m, q, e.b), m, q, b: e.b }
    }
}
