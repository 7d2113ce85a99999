//! Gauss–Legendre quadrature, single and composite.
//!
//! The Gaussian averages of the theory (∫Dt f(t)) have smooth integrands with Gaussian tails, for which a
//! composite Gauss–Legendre rule on a wide finite interval converges geometrically. The nodes are computed
//! here, by Newton's method on the three-term Legendre recurrence, rather than taken from tables, so that
//! any order is available and the values are the same on every target.

use core::f64::consts::PI;

/// Newton iterations per node; from the asymptotic initial guess convergence takes 3–5.
const MAX_NEWTON: usize = 100;

/// An n-point Gauss–Legendre rule on [−1, 1]: ∫_{−1}^{1} f(x) dx ≈ Σ_i w_i f(x_i), exact for polynomials of
/// degree up to 2n − 1.
#[derive(Debug, Clone, PartialEq)]
pub struct GaussLegendre {
    /// The zeros of the Legendre polynomial P_n, in increasing order, symmetric about 0.
    pub nodes: Vec<f64>,
    /// w_i = 2 / ((1 − x_i²) P_n'(x_i)²), positive, summing to 2.
    pub weights: Vec<f64>,
}

impl GaussLegendre {
    /// The rule of order `n` (n points). `n = 0` is taken as `n = 1`, the midpoint rule.
    ///
    /// Each positive node is found by Newton's method on P_n, evaluated with the recurrence
    /// k P_k(x) = (2k − 1) x P_{k−1}(x) − (k − 1) P_{k−2}(x), starting from the asymptotic estimate
    /// cos(π (i + 3/4) / (n + 1/2)); the negative nodes are their mirror images.
    pub fn new(n: usize) -> Self {
        let n = n.max(1);
        let mut nodes = vec![0.0; n];
        let mut weights = vec![0.0; n];
        let nf = n as f64;
        for i in 0..n.div_ceil(2) {
            let mut x = libm::cos(PI * (i as f64 + 0.75) / (nf + 0.5));
            for _ in 0..MAX_NEWTON {
                let (p, dp) = legendre(n, x);
                let dx = p / dp;
                x -= dx;
                // Nodes lie in (−1, 1), so an absolute tolerance is a relative one near the ends.
                if dx.abs() <= 1e-15 {
                    break;
                }
            }
            // The weight uses P_n' at the converged node.
            let dp = legendre(n, x).1;
            let w = 2.0 / ((1.0 - x * x) * dp * dp);
            // The middle node of an odd rule is exactly 0 by symmetry.
            let x = if 2 * i + 1 == n { 0.0 } else { x };
            nodes[n - 1 - i] = x;
            nodes[i] = -x;
            weights[n - 1 - i] = w;
            weights[i] = w;
        }
        Self { nodes, weights }
    }

    /// The number of points.
    pub fn order(&self) -> usize {
        self.nodes.len()
    }

    /// Composite rule: splits [a, b] into `panels` equal panels (0 is taken as 1) and applies the rule on
    /// each, ∫_a^b f ≈ Σ_panels (h/2) Σ_i w_i f(m + (h/2) x_i), with h the panel width and m its midpoint.
    ///
    /// Summation is sequential: within a panel over the nodes in increasing order, then over the panels
    /// from a to b. The result is negated when b < a, as for the integral.
    pub fn integrate(&self, f: impl Fn(f64) -> f64, a: f64, b: f64, panels: usize) -> f64 {
        let panels = panels.max(1);
        let h = (b - a) / panels as f64;
        let half = 0.5 * h;
        let mut total = 0.0;
        for k in 0..panels {
            let mid = a + (k as f64 + 0.5) * h;
            let mut sum = 0.0;
            for (x, w) in self.nodes.iter().zip(&self.weights) {
                sum += w * f(mid + half * x);
            }
            total += half * sum;
        }
        total
    }

    /// The points and weights of the composite rule of [`GaussLegendre::integrate`] on [a, b], in the same
    /// order, for integrands that are evaluated many times on one grid.
    pub fn composite_points(&self, a: f64, b: f64, panels: usize) -> Vec<(f64, f64)> {
        let panels = panels.max(1);
        let h = (b - a) / panels as f64;
        let half = 0.5 * h;
        let mut points = Vec::with_capacity(panels * self.order());
        for k in 0..panels {
            let mid = a + (k as f64 + 0.5) * h;
            for (x, w) in self.nodes.iter().zip(&self.weights) {
                points.push((mid + half * x, half * w));
            }
        }
        points
    }
}

/// (P_n(x), P_n'(x)) by the three-term recurrence; the derivative from
/// (x² − 1) P_n'(x) = n (x P_n(x) − P_{n−1}(x)), valid inside (−1, 1) where the nodes lie.
fn legendre(n: usize, x: f64) -> (f64, f64) {
    let mut p_prev = 1.0;
    let mut p = x;
    for k in 2..=n {
        let kf = k as f64;
        let next = ((2.0 * kf - 1.0) * x * p - (kf - 1.0) * p_prev) / kf;
        p_prev = p;
        p = next;
    }
    let dp = n as f64 * (x * p - p_prev) / (x * x - 1.0);
    (p, dp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::special::phi;

    #[test]
    fn low_orders_match_closed_forms() {
        let g1 = GaussLegendre::new(1);
        assert_eq!(g1.nodes, vec![0.0]);
        assert!((g1.weights[0] - 2.0).abs() < 1e-15);
        assert_eq!(GaussLegendre::new(0), g1);

        let g2 = GaussLegendre::new(2);
        let r = 1.0 / 3.0_f64.sqrt();
        assert!((g2.nodes[1] - r).abs() < 1e-15 && (g2.nodes[0] + r).abs() < 1e-15);
        assert!((g2.weights[0] - 1.0).abs() < 1e-15);

        let g3 = GaussLegendre::new(3);
        assert!((g3.nodes[2] - 0.6_f64.sqrt()).abs() < 1e-15);
        assert_eq!(g3.nodes[1], 0.0);
        assert!((g3.weights[1] - 8.0 / 9.0).abs() < 1e-15);
        assert!((g3.weights[0] - 5.0 / 9.0).abs() < 1e-15);
    }

    #[test]
    fn weights_sum_to_two_and_nodes_are_sorted() {
        for n in [1, 2, 5, 10, 20, 33, 64, 128] {
            let g = GaussLegendre::new(n);
            assert_eq!(g.order(), n);
            let sum: f64 = g.weights.iter().sum();
            assert!((sum - 2.0).abs() < 1e-13, "n = {n}: {sum}");
            assert!(g.nodes.windows(2).all(|p| p[0] < p[1]), "n = {n}");
            assert!(g.weights.iter().all(|&w| w > 0.0));
        }
    }

    #[test]
    fn exact_for_polynomials_up_to_degree_2n_minus_1() {
        for n in [1, 2, 3, 4, 7, 12, 20] {
            let g = GaussLegendre::new(n);
            for d in 0..2 * n {
                // ∫_{−1}^{1} x^d dx = 2/(d + 1) for even d, 0 for odd d.
                let got = g.integrate(|x| (0..d).fold(1.0, |acc, _| acc * x), -1.0, 1.0, 1);
                let want = if d % 2 == 0 { 2.0 / (d as f64 + 1.0) } else { 0.0 };
                assert!((got - want).abs() < 1e-14, "n = {n}, degree {d}: {got} vs {want}");
            }
            // Degree 2n is not exact: the error is 2^{2n+1} (n!)⁴ / ((2n + 1) ((2n)!)²) for x^{2n}.
            let d = 2 * n;
            let got = g.integrate(|x| (0..d).fold(1.0, |acc, _| acc * x), -1.0, 1.0, 1);
            let fact = |m: usize| (1..=m).fold(1.0, |acc, k| acc * k as f64);
            let pow2 = (0..=d).fold(1.0, |acc, _| acc * 2.0);
            let nf = fact(n);
            let error = pow2 * nf * nf * nf * nf / ((d as f64 + 1.0) * fact(d) * fact(d));
            let measured = 2.0 / (d as f64 + 1.0) - got;
            assert!((measured - error).abs() < 1e-3 * error, "n = {n}: {measured} vs {error}");
        }
        // On a shifted interval with several panels: ∫_1^3 (x³ − 2x) dx = 20 − 8 = 12.
        let g = GaussLegendre::new(2);
        assert!((g.integrate(|x| x * x * x - 2.0 * x, 1.0, 3.0, 3) - 12.0).abs() < 1e-13);
    }

    #[test]
    fn gaussian_density_integrates_to_one() {
        let g = GaussLegendre::new(20);
        let total = g.integrate(phi, -40.0, 40.0, 32);
        println!("∫φ on [−40, 40] − 1 = {:.2e}", total - 1.0);
        assert!((total - 1.0).abs() < 1e-14);
    }

    #[test]
    fn known_integrals() {
        let g = GaussLegendre::new(16);
        let pi = core::f64::consts::PI;
        // ∫_0^π sin = 2.
        assert!((g.integrate(libm::sin, 0.0, pi, 4) - 2.0).abs() < 1e-14);
        // ∫_0^1 1/(1 + x²) = π/4.
        assert!((g.integrate(|x| 1.0 / (1.0 + x * x), 0.0, 1.0, 2) - pi / 4.0).abs() < 1e-15);
        // ∫_1^e ln x = 1.
        let e = core::f64::consts::E;
        assert!((g.integrate(libm::log, 1.0, e, 2) - 1.0).abs() < 1e-15);
        // ∫_0^∞ e^{−x} on [0, 50]: 1 − e^{−50}.
        assert!((g.integrate(|x| libm::exp(-x), 0.0, 50.0, 10) - 1.0).abs() < 1e-14);
        // Reversed limits change the sign.
        assert!((g.integrate(libm::sin, pi, 0.0, 4) + 2.0).abs() < 1e-14);
    }

    #[test]
    fn high_order_rules_stay_accurate() {
        // ∫_{−1}^{1} cos(10x) dx = sin(10)/5, which needs a rule of order above 10.
        let want = libm::sin(10.0) / 5.0;
        for n in [24, 40, 100, 200] {
            let got = GaussLegendre::new(n).integrate(|x| libm::cos(10.0 * x), -1.0, 1.0, 1);
            assert!((got - want).abs() < 1e-14, "n = {n}: {got} vs {want}");
        }
    }

    #[test]
    fn composite_points_reproduce_integrate() {
        let g = GaussLegendre::new(10);
        let points = g.composite_points(-2.0, 3.0, 4);
        assert_eq!(points.len(), 40);
        let by_points: f64 = points.iter().map(|&(x, w)| w * libm::exp(x)).sum();
        let direct = g.integrate(libm::exp, -2.0, 3.0, 4);
        assert!((by_points - direct).abs() < 1e-13);
        assert!((direct - (libm::exp(3.0) - libm::exp(-2.0))).abs() < 1e-12);
    }
}
