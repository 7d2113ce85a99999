//! Numerical optimal control: the learning rate constant on each of K equal pieces of [0, T],
//! chosen to minimise m(T) by a quasi-Newton method (BFGS) on gradients from the co-state.
//!
//! On a piece of width h with constant η the equation dm/dt = −η(2 − η)m + η²σ² is linear, so the
//! state moves by its exact flow, m ↦ m∞ + (m − m∞)e^{−η(2−η)h} with m∞ = ησ²/(2 − η), and the
//! co-state p(t) = ∂m(T)/∂m(t) (dp/dt = −∂H/∂m = p η(2 − η), p(T) = 1) by e^{−η(2−η)h} backwards.
//! The gradient of the cost is the adjoint formula ∂m(T)/∂η_k = ∫_{piece k} p ∂f/∂η dt, which with
//! exact flows is p(t_{k+1}) times the derivative of the piece's flow in η: one forward and one
//! backward sweep give all K components, with no error from the integration.
//!
//! The co-state spans many orders of magnitude (p(0) ≈ 10⁻⁴ at T = 50), and so do the gradient's
//! components; the quasi-Newton method starts from the diagonal inverse curvature
//! 1/(2h p(t_{k+1})(m_k + σ²)), a Newton step on each piece, so that early pieces converge as fast
//! as late ones.

use super::theory::Problem;

/// Most iterations of the quasi-Newton method; it converges in 10 to 40 over the parameter ranges.
const MAX_ITERATIONS: usize = 500;
/// Stop when the predicted decrease gᵀHg of m(T) is below this fraction of m(T): near the
/// rounding of m(T), and a change of the pieces' η of order 10⁻⁶ or less.
const DECREMENT_TOL: f64 = 1e-13;
/// Armijo's sufficient-decrease constant of the backtracking line search.
const ARMIJO: f64 = 1e-4;
/// Halvings of the step before the line search gives up (no decrease left above rounding).
const MAX_HALVINGS: usize = 60;

/// A learning rate constant on each of `eta.len()` equal pieces of [0, horizon].
#[derive(Debug, Clone, PartialEq)]
pub struct Pieces {
    pub horizon: f64,
    pub eta: Vec<f64>,
}

/// The exact flow of one piece: m after a time `tau` at constant η from m, and its derivatives
/// in m and in η.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Flow {
    pub m: f64,
    pub dm: f64,
    pub deta: f64,
}

/// m ↦ m e^{−aτ} + m∞(1 − e^{−aτ}), a = η(2 − η), m∞ = ησ²/(2 − η), with its derivatives.
pub fn flow(m: f64, eta: f64, tau: f64, sigma2: f64) -> Flow {
    let a = eta * (2.0 - eta);
    let decay = libm::exp(-a * tau);
    let gain = -libm::expm1(-a * tau);
    let floor = eta * sigma2 / (2.0 - eta);
    let floor_slope = 2.0 * sigma2 / ((2.0 - eta) * (2.0 - eta));
    Flow {
        m: m * decay + floor * gain,
        dm: decay,
        deta: floor_slope * gain - (m - floor) * tau * (2.0 - 2.0 * eta) * decay,
    }
}

impl Pieces {
    /// `count` pieces, all at the same η.
    pub fn constant(horizon: f64, count: usize, eta: f64) -> Self {
        Pieces { horizon, eta: vec![eta; count.max(1)] }
    }

    pub fn width(&self) -> f64 {
        self.horizon / self.eta.len() as f64
    }

    /// The piece holding time t (the first or last one outside [0, T]).
    pub fn index(&self, t: f64) -> usize {
        let k = libm::floor(t / self.width());
        if k <= 0.0 { 0 } else { (k as usize).min(self.eta.len() - 1) }
    }

    pub fn eta_at(&self, t: f64) -> f64 {
        self.eta[self.index(t)]
    }

    /// m at the ends of the pieces, t_k = k h for k = 0, …, K.
    pub fn boundaries(&self, problem: &Problem) -> Vec<f64> {
        let h = self.width();
        let mut m = Vec::with_capacity(self.eta.len() + 1);
        m.push(problem.m0);
        for &eta in &self.eta {
            let last = *m.last().expect("starts with m₀");
            m.push(flow(last, eta, h, problem.sigma2).m);
        }
        m
    }

    /// m(t) for t in [0, T].
    pub fn m_at(&self, problem: &Problem, t: f64) -> f64 {
        let k = self.index(t);
        let start = self.boundaries(problem)[k];
        flow(start, self.eta[k], t - k as f64 * self.width(), problem.sigma2).m
    }

    /// The co-state at the ends of the pieces: p_K = 1, p_k = p_{k+1} e^{−η_k(2−η_k)h}.
    pub fn costates(&self) -> Vec<f64> {
        let h = self.width();
        let mut p = vec![1.0; self.eta.len() + 1];
        for k in (0..self.eta.len()).rev() {
            let eta = self.eta[k];
            p[k] = p[k + 1] * libm::exp(-eta * (2.0 - eta) * h);
        }
        p
    }

    /// The co-state p(t) = p_{k+1} e^{−η_k(2−η_k)(t_{k+1} − t)} inside piece k.
    pub fn costate_at(&self, t: f64) -> f64 {
        let k = self.index(t);
        let eta = self.eta[k];
        self.costates()[k + 1] * libm::exp(-eta * (2.0 - eta) * ((k + 1) as f64 * self.width() - t))
    }

    /// m(T) and its gradient ∂m(T)/∂η_k = p(t_{k+1}) ∂flow_k/∂η (the adjoint sweep).
    pub fn cost_and_gradient(&self, problem: &Problem) -> (f64, Vec<f64>) {
        let h = self.width();
        let m = self.boundaries(problem);
        let mut gradient = vec![0.0; self.eta.len()];
        let mut p = 1.0;
        for k in (0..self.eta.len()).rev() {
            let step = flow(m[k], self.eta[k], h, problem.sigma2);
            gradient[k] = p * step.deta;
            p *= step.dm;
        }
        (m[self.eta.len()], gradient)
    }

    fn cost(&self, problem: &Problem) -> f64 {
        *self.boundaries(problem).last().expect("at least one boundary")
    }
}

/// The solver's result.
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    pub pieces: Pieces,
    /// m(T) of the pieces.
    pub cost: f64,
    pub iterations: usize,
}

/// Minimise m(T) over the pieces' η, from `start`, by BFGS with a backtracking line search; every
/// η stays in [0, 2), where the dynamics are stable (the optimum lies in (0, 1]).
pub fn optimise(problem: &Problem, start: &Pieces) -> Solution {
    let n = start.eta.len();
    let h = start.width();
    let mut x = start.clone();
    let (mut cost, mut gradient) = x.cost_and_gradient(problem);
    // Inverse of the diagonal curvature ∂²m(T)/∂η_k² ≈ p(t_{k+1}) h ∂²f/∂η² = 2h p(t_{k+1})(m_k + σ²).
    let mut inverse = vec![0.0; n * n];
    let (m, p) = (x.boundaries(problem), x.costates());
    for k in 0..n {
        inverse[k * n + k] = 1.0 / (2.0 * h * p[k + 1] * (m[k] + problem.sigma2));
    }
    let mut direction = vec![0.0; n];
    let mut iterations = 0;
    while iterations < MAX_ITERATIONS {
        for i in 0..n {
            direction[i] = -(0..n).map(|j| inverse[i * n + j] * gradient[j]).sum::<f64>();
        }
        let slope: f64 = direction.iter().zip(&gradient).map(|(d, g)| d * g).sum();
        if slope.is_nan() || -slope <= DECREMENT_TOL * cost {
            break;
        }
        iterations += 1;
        let mut alpha = 1.0;
        let mut accepted = None;
        for _ in 0..MAX_HALVINGS {
            let trial =
                Pieces { horizon: x.horizon, eta: x.eta.iter().zip(&direction).map(|(e, d)| e + alpha * d).collect() };
            if trial.eta.iter().all(|&e| (0.0..2.0).contains(&e)) {
                let c = trial.cost(problem);
                if c <= cost + ARMIJO * alpha * slope {
                    accepted = Some(trial);
                    break;
                }
            }
            alpha *= 0.5;
        }
        let Some(next) = accepted else { break };
        let (next_cost, next_gradient) = next.cost_and_gradient(problem);
        let s: Vec<f64> = next.eta.iter().zip(&x.eta).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = next_gradient.iter().zip(&gradient).map(|(a, b)| a - b).collect();
        bfgs_update(&mut inverse, &s, &y);
        (x, cost, gradient) = (next, next_cost, next_gradient);
    }
    Solution { pieces: x, cost, iterations }
}

/// The BFGS update of an inverse Hessian H (n × n, row-major) with the step s and the change of
/// gradient y: H ← H + ((sᵀy + yᵀHy)/(sᵀy)²) s sᵀ − (Hy sᵀ + s (Hy)ᵀ)/sᵀy. Skipped unless sᵀy > 0,
/// which keeps H positive definite.
fn bfgs_update(inverse: &mut [f64], s: &[f64], y: &[f64]) {
    let n = s.len();
    let sy: f64 = s.iter().zip(y).map(|(a, b)| a * b).sum();
    if sy.is_nan() || sy <= 0.0 {
        return;
    }
    let hy: Vec<f64> = (0..n).map(|i| (0..n).map(|j| inverse[i * n + j] * y[j]).sum()).collect();
    let yhy: f64 = y.iter().zip(&hy).map(|(a, b)| a * b).sum();
    let c = (sy + yhy) / (sy * sy);
    for i in 0..n {
        for j in 0..n {
            inverse[i * n + j] += c * s[i] * s[j] - (hy[i] * s[j] + s[i] * hy[j]) / sy;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::quad::GaussLegendre;

    const PROBLEM: Problem = Problem { sigma2: 0.25, m0: 1.0, horizon: 10.0 };

    fn uneven() -> Pieces {
        Pieces { horizon: PROBLEM.horizon, eta: (0..10).map(|k| 0.9 - 0.07 * k as f64).collect() }
    }

    #[test]
    fn gradient_matches_finite_differences() {
        let x = uneven();
        let (_, gradient) = x.cost_and_gradient(&PROBLEM);
        for (k, &g) in gradient.iter().enumerate() {
            let d = 1e-6;
            let shifted = |delta: f64| {
                let mut y = x.clone();
                y.eta[k] += delta;
                y.cost(&PROBLEM)
            };
            let numeric = (shifted(d) - shifted(-d)) / (2.0 * d);
            assert!((numeric - g).abs() < 1e-8 * g.abs().max(1e-3), "piece {k}");
        }
    }

    #[test]
    fn gradient_is_the_adjoint_integral() {
        // ∂m(T)/∂η_k = ∫ p(t) ∂f/∂η(m(t), η_k) dt over the piece, with ∂f/∂η = −2m + 2η(m + σ²).
        let x = uneven();
        let (_, gradient) = x.cost_and_gradient(&PROBLEM);
        let h = x.width();
        let rule = GaussLegendre::new(16);
        for (k, (&eta, &g)) in x.eta.iter().zip(&gradient).enumerate() {
            let integrand =
                |t: f64| x.costate_at(t) * (-2.0 * x.m_at(&PROBLEM, t) + 2.0 * eta * (x.m_at(&PROBLEM, t) + 0.25));
            // Keep the nodes inside the piece: the integrand jumps at its ends.
            let integral = rule.integrate(integrand, k as f64 * h, (k + 1) as f64 * h, 1);
            assert!((integral - g).abs() < 1e-12, "piece {k}: {integral} vs {g}");
        }
    }

    #[test]
    fn costate_is_the_sensitivity_to_the_state() {
        // p(t_k) = ∂m(T)/∂m(t_k): perturb the state at a boundary and flow to T.
        let x = uneven();
        let p = x.costates();
        let h = x.width();
        for k in [0, 4, 9] {
            let through = |m: f64| (k..x.eta.len()).fold(m, |m, j| flow(m, x.eta[j], h, 0.25).m);
            let m = x.boundaries(&PROBLEM)[k];
            let numeric = (through(m + 1e-6) - through(m - 1e-6)) / 2e-6;
            assert!((numeric - p[k]).abs() < 1e-9, "boundary {k}");
        }
    }

    #[test]
    fn one_piece_is_the_best_constant() {
        // With one piece the problem is the best constant.
        let best = PROBLEM.best_constant();
        let solved = optimise(&PROBLEM, &Pieces::constant(PROBLEM.horizon, 1, 0.9));
        assert!((solved.pieces.eta[0] - best).abs() < 1e-6, "{} vs {best}", solved.pieces.eta[0]);
    }
}
