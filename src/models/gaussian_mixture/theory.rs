//! The theory of ℓ2-regularised classification of two Gaussian clusters: the order parameters of
//! empirical risk minimisation from a fixed point, the oracle and the Bayes-optimal errors.
//!
//! Data x = y v*/√d + √Δ z with y = +1 (probability ρ) or −1; the estimator (w, b) minimises
//! Σ ℓ(y(x·w/√d + b)) + (λ/2)|w|². As d → ∞ with n = αd its test error depends on m = v*·w/d,
//! q = |w|²/d and b only: ε = Σ_y P(y) Φ(−(m + yb)/√(Δq)). With u = m + yb + √(Δq)ξ the margin of
//! a fresh example and c = VΔ, let t*(u) = argmin_t (t − u)²/(2c) + ℓ(t) (the proximal map) and
//! g = (t* − u)/c. The fixed point (Mignacco, Krzakala, Lu, Urbani & Zdeborová 2020, in the form of
//! the catalogue's generic-loss equations) is
//!
//!   m̂ = α E[g],  q̂ = αΔ E[g²],  V̂ = αΔ E[(1 − t*′)/c],
//!   V = 1/(λ + V̂),  m = V m̂,  q = V²(m̂² + q̂),  E[y g] = 0 (which fixes b),
//!
//! the expectations over y and ξ. Square loss gives the ridge equations in closed form; hinge
//! expectations are Gaussian integrals over three pieces, in closed form; logistic ones by
//! Gauss–Legendre quadrature with a safeguarded Newton solve of the proximal map at each node.

use crate::num::quad::GaussLegendre;
use crate::num::special::{norm_cdf, phi};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loss {
    Square,
    Logistic,
    Hinge,
}

impl Loss {
    pub fn from_name(name: &str) -> Loss {
        match name {
            "square" => Loss::Square,
            "logistic" => Loss::Logistic,
            "hinge" => Loss::Hinge,
            other => unreachable!("loss '{other}' is not in the spec"),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Loss::Square => "square loss (ridge)",
            Loss::Logistic => "logistic loss",
            Loss::Hinge => "hinge loss",
        }
    }

    /// ℓ(t), ℓ′(t), ℓ″(t) of the margin t (the hinge's ℓ″ is 0, its ℓ′ at the kink −1).
    pub fn derivatives(self, t: f64) -> (f64, f64, f64) {
        match self {
            Loss::Square => (0.5 * (1.0 - t) * (1.0 - t), t - 1.0, 1.0),
            Loss::Logistic => {
                // log(1 + e^{−t}) and σ(−t), written to neither overflow nor lose precision.
                let e = libm::exp(-t.abs());
                let value = if t > 0.0 { libm::log1p(e) } else { -t + libm::log1p(e) };
                let s_minus = if t > 0.0 { e / (1.0 + e) } else { 1.0 / (1.0 + e) };
                (value, -s_minus, s_minus * (1.0 - s_minus))
            }
            Loss::Hinge => {
                if t < 1.0 {
                    (1.0 - t, -1.0, 0.0)
                } else {
                    (0.0, 0.0, 0.0)
                }
            }
        }
    }
}

/// The data: noise Δ and the share ρ of the class y = +1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mixture {
    pub delta: f64,
    pub rho: f64,
}

impl Mixture {
    /// The test error of a classifier with overlaps m, q and bias b.
    pub fn error(&self, m: f64, q: f64, b: f64) -> f64 {
        let s = libm::sqrt(self.delta * q);
        if s == 0.0 {
            // A constant classifier: it errs on the class it does not predict.
            return if b >= 0.0 { 1.0 - self.rho } else { self.rho };
        }
        self.rho * norm_cdf(-(m + b) / s) + (1.0 - self.rho) * norm_cdf(-(m - b) / s)
    }

    /// The error of the best classifier that projects on v* with noise Δ_eff: threshold at the
    /// log-odds, p* = (Δ_eff/2) ln((1 − ρ)/ρ) in the projection p = y + √Δ_eff ξ.
    fn projected(&self, delta_eff: f64) -> f64 {
        let threshold = 0.5 * delta_eff * libm::log((1.0 - self.rho) / self.rho);
        let s = libm::sqrt(delta_eff);
        self.rho * norm_cdf((threshold - 1.0) / s) + (1.0 - self.rho) * norm_cdf(-(threshold + 1.0) / s)
    }

    /// The oracle, who knows v*: ½ erfc(1/√(2Δ)) for ρ = ½.
    pub fn oracle(&self) -> f64 {
        self.projected(self.delta)
    }

    /// The Bayes-optimal error from n = αd examples: the posterior of v* is Gaussian with mean
    /// ∝ Σ y_i x_i, whose overlaps give the oracle's projection with Δ_eff = Δ(1 + Δ/α); for ρ = ½,
    /// ½ erfc(√(α/(2Δ(α + Δ)))).
    pub fn bayes(&self, alpha: f64) -> f64 {
        self.projected(self.delta * (1.0 + self.delta / alpha))
    }
}

/// The order parameters of a fixed point, and its test error.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct State {
    pub m: f64,
    pub q: f64,
    pub b: f64,
    pub v: f64,
    pub error: f64,
}

/// Gaussian averages of the proximal map at one (m, q, b, V): for y = ±1, E_ξ[g], E_ξ[g²] and
/// E_ξ[(1 − t*′)/c].
#[derive(Debug, Clone, Copy, Default)]
struct Averages {
    g: f64,
    g2: f64,
    curvature: f64,
}

/// The fixed-point solver for one loss and one mixture.
pub struct Solver {
    pub loss: Loss,
    pub mixture: Mixture,
    /// Quadrature points (ξ, weight·φ(ξ)) for the logistic loss.
    points: Vec<(f64, f64)>,
}

impl Solver {
    pub fn new(loss: Loss, mixture: Mixture) -> Self {
        let points = if loss == Loss::Logistic {
            GaussLegendre::new(10).composite_points(-12.0, 12.0, 24).into_iter().map(|(x, w)| (x, w * phi(x))).collect()
        } else {
            Vec::new()
        };
        Solver { loss, mixture, points }
    }

    /// The averages over ξ for the margin u ~ N(mean, s²) at c = VΔ.
    fn averages(&self, mean: f64, s: f64, c: f64) -> Averages {
        match self.loss {
            Loss::Square => {
                // t* = (u + c)/(1 + c): g = (1 − u)/(1 + c), t*′ = 1/(1 + c).
                let k = 1.0 + c;
                let one_minus = 1.0 - mean;
                Averages { g: one_minus / k, g2: (one_minus * one_minus + s * s) / (k * k), curvature: 1.0 / k }
            }
            Loss::Hinge => hinge_averages(mean, s, c),
            Loss::Logistic => {
                let mut a = Averages::default();
                for &(xi, w) in &self.points {
                    let u = mean + s * xi;
                    let t = logistic_prox(u, c);
                    let (_, _, second) = self.loss.derivatives(t);
                    let g = (t - u) / c;
                    a.g += w * g;
                    a.g2 += w * g * g;
                    // t*′ = 1/(1 + cℓ″), so (1 − t*′)/c = ℓ″/(1 + cℓ″).
                    a.curvature += w * second / (1.0 + c * second);
                }
                a
            }
        }
    }

    /// Averages for both classes at bias b.
    fn class_averages(&self, m: f64, q: f64, b: f64, c: f64) -> [Averages; 2] {
        let s = libm::sqrt(self.mixture.delta * q);
        [self.averages(m + b, s, c), self.averages(m - b, s, c)]
    }

    /// The fixed point at (α, λ), started from `start` (a neighbouring solution, or `None`), by
    /// Newton's method on the residual: the plain iteration, damped or not, does not converge near
    /// separability, where the map expands along V. `None` if it does not settle.
    pub fn solve(&self, alpha: f64, lambda: f64, start: Option<State>) -> Option<State> {
        if let Some(found) = start.and_then(|s| self.newton(alpha, lambda, s)) {
            return Some(found);
        }
        // From the cold start at λ ≥ 1, where Newton's method converges from anywhere, down to λ
        // in steps of ln λ that halve when a step fails and grow when one succeeds.
        let mut st = self.newton(alpha, lambda.max(1.0), State { m: 0.5, q: 0.5, b: 0.0, v: 0.5, error: 0.5 })?;
        let (mut at, target) = (libm::log(lambda.max(1.0)), libm::log(lambda));
        let mut stride = 1.0f64;
        while at > target {
            let next = (at - stride).max(target);
            match self.newton(alpha, libm::exp(next), st) {
                Some(found) => {
                    st = found;
                    at = next;
                    stride *= 1.5;
                }
                None if stride > 1e-3 => stride /= 4.0,
                None => return None,
            }
        }
        Some(st)
    }

    /// The residual of the fixed point in the variables (m, ln q, ln V, b): the map's image minus
    /// the point, and E[y g] for the bias.
    fn residual(&self, alpha: f64, lambda: f64, x: &[f64; 4]) -> Option<[f64; 4]> {
        let (delta, rho) = (self.mixture.delta, self.mixture.rho);
        let (m, q, v, b) = (x[0], libm::exp(x[1]), libm::exp(x[2]), x[3]);
        let [plus, minus] = self.class_averages(m, q, b, v * delta);
        let mix = |f: fn(&Averages) -> f64| rho * f(&plus) + (1.0 - rho) * f(&minus);
        let m_hat = alpha * mix(|a| a.g);
        let q_hat = alpha * delta * mix(|a| a.g2);
        let v_hat = alpha * delta * mix(|a| a.curvature);
        let v_new = 1.0 / (lambda + v_hat);
        let (m_new, q_new) = (v_new * m_hat, v_new * v_new * (m_hat * m_hat + q_hat));
        let r = [m_new - m, libm::log(q_new) - x[1], libm::log(v_new) - x[2], rho * plus.g - (1.0 - rho) * minus.g];
        r.iter().all(|v| v.is_finite()).then_some(r)
    }

    fn newton(&self, alpha: f64, lambda: f64, start: State) -> Option<State> {
        // Balanced clusters: b = 0 by symmetry, three unknowns.
        let dim = if self.mixture.rho == 0.5 { 3 } else { 4 };
        let mut x = [start.m, libm::log(start.q.max(1e-300)), libm::log(start.v), if dim == 3 { 0.0 } else { start.b }];
        let norm = |r: &[f64; 4]| r[..dim].iter().map(|v| v * v).sum::<f64>().sqrt();
        let mut r = self.residual(alpha, lambda, &x)?;
        for _ in 0..100 {
            if norm(&r) < 1e-12 {
                let (m, q, v, b) = (x[0], libm::exp(x[1]), libm::exp(x[2]), x[3]);
                return Some(State { m, q, v, b, error: self.mixture.error(m, q, b) });
            }
            // Forward-difference Jacobian, then Gaussian elimination with partial pivoting.
            let mut jac = [[0.0f64; 5]; 4];
            for k in 0..dim {
                let h = 1e-7 * x[k].abs().max(1.0);
                let mut xh = x;
                xh[k] += h;
                let rh = self.residual(alpha, lambda, &xh)?;
                for i in 0..dim {
                    jac[i][k] = (rh[i] - r[i]) / h;
                }
            }
            for i in 0..dim {
                jac[i][dim] = -r[i];
            }
            let step = gauss(&mut jac, dim)?;
            let mut t = 1.0;
            let mut stalled = false;
            loop {
                let mut trial = x;
                for k in 0..dim {
                    trial[k] += t * step[k];
                }
                if let Some(rt) = self.residual(alpha, lambda, &trial) {
                    if norm(&rt) < (1.0 - 1e-4 * t) * norm(&r) {
                        x = trial;
                        r = rt;
                        break;
                    }
                }
                t *= 0.5;
                if t < 1e-6 {
                    // No descent left: converged to the precision of the residual, or stuck.
                    if norm(&r) < 1e-9 {
                        stalled = true;
                        break;
                    }
                    return None;
                }
            }
            if stalled {
                let (m, q, v, b) = (x[0], libm::exp(x[1]), libm::exp(x[2]), x[3]);
                return Some(State { m, q, v, b, error: self.mixture.error(m, q, b) });
            }
        }
        None
    }

    /// Fixed points along a path of (α, λ), each started from the previous one.
    pub fn path(&self, points: impl Iterator<Item = (f64, f64)>) -> Vec<Option<State>> {
        let mut last = None;
        points
            .map(|(alpha, lambda)| {
                let st = self.solve(alpha, lambda, last).or_else(|| self.solve(alpha, lambda, None));
                if st.is_some() {
                    last = st;
                }
                st
            })
            .collect()
    }
}

/// Solve the dim×dim system in the augmented matrix a (last column the right-hand side).
fn gauss(a: &mut [[f64; 5]; 4], dim: usize) -> Option<[f64; 4]> {
    for col in 0..dim {
        let pivot = (col..dim).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col] == 0.0 || !a[pivot][col].is_finite() {
            return None;
        }
        a.swap(col, pivot);
        for row in col + 1..dim {
            let f = a[row][col] / a[col][col];
            let pivot_row = a[col];
            for (x, p) in a[row][col..=dim].iter_mut().zip(&pivot_row[col..=dim]) {
                *x -= f * p;
            }
        }
    }
    let mut x = [0.0; 4];
    for row in (0..dim).rev() {
        let mut s = a[row][dim];
        for k in row + 1..dim {
            s -= a[row][k] * x[k];
        }
        x[row] = s / a[row][row];
    }
    Some(x)
}

/// The proximal map of the logistic loss: the root of (t − u)/c = σ(−t) in (u, u + c), by Newton's
/// method kept inside a shrinking bracket.
pub fn logistic_prox(u: f64, c: f64) -> f64 {
    let (mut lo, mut hi) = (u, u + c);
    let mut t = u + 0.5 * c;
    for _ in 0..100 {
        let (_, first, second) = Loss::Logistic.derivatives(t);
        let f = (t - u) / c + first;
        if f > 0.0 {
            hi = t;
        } else {
            lo = t;
        }
        let step = f / (1.0 / c + second);
        let mut next = t - step;
        if !(next > lo && next < hi) {
            next = 0.5 * (lo + hi);
        }
        if (next - t).abs() <= 1e-15 * (1.0 + t.abs()) {
            return next;
        }
        t = next;
    }
    t
}

/// Hinge averages in closed form. With u = mean + s z: t* = u above 1 (g = 0), t* = 1 on
/// [1 − c, 1] (g = (1 − u)/c, t*′ = 0), t* = u + c below 1 − c (g = 1, t*′ = 1).
fn hinge_averages(mean: f64, s: f64, c: f64) -> Averages {
    if s == 0.0 {
        let u = mean;
        return if u > 1.0 {
            Averages::default()
        } else if u < 1.0 - c {
            Averages { g: 1.0, g2: 1.0, curvature: 0.0 }
        } else {
            let g = (1.0 - u) / c;
            Averages { g, g2: g * g, curvature: 1.0 / c }
        };
    }
    let (z1, z2) = ((1.0 - c - mean) / s, (1.0 - mean) / s);
    let below = norm_cdf(z1);
    let p = norm_cdf(z2) - below;
    let (f1, f2) = (phi(z1), phi(z2));
    // On z ∈ (z1, z2): E[z] = φ(z1) − φ(z2), E[z²] = P + z1φ(z1) − z2φ(z2); 1 − u = (1 − mean) − s z.
    let ez = f1 - f2;
    let ez2 = p + z1 * f1 - z2 * f2;
    let a = 1.0 - mean;
    let one_minus_u = a * p - s * ez;
    let one_minus_u2 = a * a * p - 2.0 * a * s * ez + s * s * ez2;
    Averages { g: below + one_minus_u / c, g2: below + one_minus_u2 / (c * c), curvature: p / c }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oracle_and_bayes_have_their_closed_forms() {
        let mix = Mixture { delta: 1.0, rho: 0.5 };
        assert!((mix.oracle() - 0.158655).abs() < 1e-6);
        for (alpha, want) in [(0.5, 0.28185), (1.0, 0.23975), (2.0, 0.20711), (5.0, 0.18066)] {
            let closed = 0.5 * libm::erfc(libm::sqrt(alpha / (2.0 * (alpha + 1.0))));
            assert!((mix.bayes(alpha) - closed).abs() < 1e-12);
            assert!((mix.bayes(alpha) - want).abs() < 1e-5, "α = {alpha}");
        }
    }

    #[test]
    fn ridge_fixed_point_gives_the_catalogue_table() {
        // (α, Δ, λ, ρ) → ε, m, q, b from the catalogue.
        for (alpha, delta, lambda, rho, e, m, q, b) in [
            (2.0, 1.0, 1.0, 0.5, 0.2287, 0.3694, 0.2471, 0.0),
            (2.0, 1.0, 0.01, 0.5, 0.2800, 0.4975, 0.7284, 0.0),
            (0.5, 0.5, 0.1, 0.5, 0.1991, 0.4307, 0.5198, 0.0),
            (3.0, 1.0, 1.0, 0.2, 0.1529, 0.3085, 0.1728, -0.4149),
        ] {
            let s = Solver::new(Loss::Square, Mixture { delta, rho }).solve(alpha, lambda, None).unwrap();
            for (got, want) in [(s.error, e), (s.m, m), (s.q, q), (s.b, b)] {
                assert!((got - want).abs() < 1e-4, "α = {alpha}, λ = {lambda}: {s:?}");
            }
        }
    }

    #[test]
    fn strong_regularisation_is_bayes_optimal_for_every_loss() {
        let mix = Mixture { delta: 1.0, rho: 0.5 };
        for loss in [Loss::Square, Loss::Logistic, Loss::Hinge] {
            let solver = Solver::new(loss, mix);
            for alpha in [0.5, 1.0, 2.0, 5.0] {
                let s = solver.solve(alpha, 1e4, None).unwrap();
                assert!(
                    (s.error - mix.bayes(alpha)).abs() < 1e-4,
                    "{loss:?}, α = {alpha}: {} vs {}",
                    s.error,
                    mix.bayes(alpha)
                );
            }
        }
    }

    #[test]
    fn the_logistic_prox_solves_its_equation() {
        for (u, c) in [(-30.0, 0.1), (-1.0, 2.0), (0.0, 1.0), (3.0, 0.5), (40.0, 10.0)] {
            let t = logistic_prox(u, c);
            let (_, first, _) = Loss::Logistic.derivatives(t);
            assert!(((t - u) / c + first).abs() < 1e-12, "u = {u}, c = {c}");
        }
    }
}

#[cfg(test)]
mod paths {
    use super::*;

    #[test]
    fn the_fixed_point_holds_near_separability() {
        // The damped iteration alone wanders at α = 2, λ = 0.01 (logistic): Newton's method settles.
        let s = Solver::new(Loss::Logistic, Mixture { delta: 1.0, rho: 0.5 });
        let path = s.path([1.0, 0.3, 0.1, 0.03, 0.01, 0.003, 0.001, 1e-4].iter().map(|&l| (2.0, l)));
        assert!(path.iter().all(|p| p.is_some()), "{path:?}");
        let unbalanced = Solver::new(Loss::Logistic, Mixture { delta: 1.0, rho: 0.2 });
        assert!(unbalanced.solve(2.0, 0.01, None).is_some());
    }
}
