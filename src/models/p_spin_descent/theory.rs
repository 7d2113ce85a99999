//! The theory of the spherical p-spin model: the Cugliandolo–Kurchan equations of gradient descent
//! and Langevin dynamics from a random start, the closed form of p = 2, the threshold energy, the
//! ground state (zero of the complexity), the Hessian's semicircle and the BBP transition.
//!
//! Normalisation: Cov(H(σ), H(σ')) = (N/2) q^p with q = σ·σ'/N, i.e. ξ(q) = q^p/2.

use crate::num::quad::GaussLegendre;
use crate::num::roots::brent;

/// ξ'(q) = (p/2) q^{p−1}, by repeated multiplication (p is a small whole number).
fn xi1(p: usize, q: f64) -> f64 {
    0.5 * p as f64 * power(q, p - 1)
}

/// ξ''(q) = (p(p−1)/2) q^{p−2}.
fn xi2(p: usize, q: f64) -> f64 {
    0.5 * (p * (p - 1)) as f64 * power(q, p - 2)
}

fn power(q: f64, k: usize) -> f64 {
    let mut out = 1.0;
    for _ in 0..k {
        out *= q;
    }
    out
}

/// The threshold energy per spin, e_th = −√(2(p−1)/p): where the Hessian's semicircle touches 0
/// and where gradient descent from a random start ends as N → ∞.
pub fn threshold_energy(p: usize) -> f64 {
    -(2.0 * (p as f64 - 1.0) / p as f64).sqrt()
}

/// Radius of the Hessian's semicircle on the sphere: 2√(ξ''(1)) = √(2p(p−1)).
pub fn semicircle_radius(p: usize) -> f64 {
    (2.0 * (p * (p - 1)) as f64).sqrt()
}

/// The dynamical (mode-coupling) temperature T_d: above it Langevin dynamics equilibrates in the
/// paramagnet, at energy −1/(2T). T_d² = p(p−2)^{p−2}/(2(p−1)^{p−1}); for p = 2 the static
/// transition T = 1.
pub fn dynamical_temperature(p: usize) -> f64 {
    let pf = p as f64;
    (pf * power(pf - 2.0, p - 2) / (2.0 * power(pf - 1.0, p - 1))).sqrt()
}

/// The complexity of critical points at energy −u (u > 0) in the normalisation ξ(q) = q^p of
/// Auffinger, Ben Arous and Černý (2013), below the threshold E_∞ = 2√((p−1)/p):
/// Θ(u) = ½ ln(p−1) − (p−2)u²/(4(p−1)) − I₁(u),
/// I₁(u) = (u/E_∞²)√(u² − E_∞²) − ln(u + √(u² − E_∞²)) + ln E_∞.
pub fn complexity_abc(p: usize, u: f64) -> f64 {
    let pf = p as f64;
    let e_inf = 2.0 * ((pf - 1.0) / pf).sqrt();
    let root = (u * u - e_inf * e_inf).max(0.0).sqrt();
    let i1 = u / (e_inf * e_inf) * root - libm::log(u + root) + libm::log(e_inf);
    0.5 * libm::log(pf - 1.0) - (pf - 2.0) * u * u / (4.0 * (pf - 1.0)) - i1
}

/// The ground-state energy per spin, where the complexity of minima vanishes (Auffinger, Ben Arous
/// & Černý 2013; Subag 2017), rescaled from ξ = q^p to ξ = q^p/2 by 1/√2. For p = 2 it is −1, the
/// threshold itself.
pub fn ground_state_energy(p: usize) -> f64 {
    if p == 2 {
        return -1.0;
    }
    let e_inf = 2.0 * ((p as f64 - 1.0) / p as f64).sqrt();
    let u = brent(|u| complexity_abc(p, u), e_inf, 2.0 * e_inf, 1e-13).expect("the complexity changes sign");
    -u / std::f64::consts::SQRT_2
}

/// Gradient flow at p = 2 (H = −½σᵀJσ, J of the GOE with semicircle on [−2, 2]) from a random
/// start: e(t) = −½ ∫ρ(λ) λ e^{2λt} / ∫ρ(λ) e^{2λt}, by Gauss–Legendre in λ = 2cos θ (exact up to
/// 1e-12 for t ≤ 1000).
pub fn p2_energy(t: f64) -> f64 {
    let rule = GaussLegendre::new(40);
    let (mut num, mut den) = (0.0, 0.0);
    for (theta, w) in rule.composite_points(0.0, std::f64::consts::PI, 40) {
        let s = libm::sin(theta);
        let lambda = 2.0 * libm::cos(theta);
        let weight = w * s * s * libm::exp(2.0 * (lambda - 2.0) * t);
        num += lambda * weight;
        den += weight;
    }
    -0.5 * num / den
}

/// The top eigenvalue and the squared overlap of its eigenvector with the spike of λvvᵀ + W (W of
/// the GOE, semicircle on [−2, 2]) as N → ∞: (2, 0) up to λ = 1, (λ + 1/λ, 1 − 1/λ²) beyond.
pub fn bbp(lambda: f64) -> (f64, f64) {
    if lambda <= 1.0 { (2.0, 0.0) } else { (lambda + 1.0 / lambda, 1.0 - 1.0 / (lambda * lambda)) }
}

/// A solution of the Cugliandolo–Kurchan equations on a uniform grid t_i = i·h, i = 0..=n:
/// C(t_i, t_j) and R(t_i, t_j) for j ≤ i, and e(t_i).
#[derive(Debug, Clone)]
pub struct CkSolution {
    pub h: f64,
    pub n: usize,
    /// Row-major (n+1)², symmetric: c[i(n+1) + j] = C(t_i, t_j).
    c: Vec<f64>,
    pub energy: Vec<f64>,
}

impl CkSolution {
    /// C(t_i, t_j) (either order).
    pub fn correlation(&self, i: usize, j: usize) -> f64 {
        self.c[i * (self.n + 1) + j]
    }
}

/// Euler's method for the Cugliandolo–Kurchan equations of the pure spherical p-spin model at
/// temperature T from a random (infinite-temperature) start, to time n·h, integrals by the
/// trapezoid rule (error O(h)):
/// ∂_t C(t,t') = −μ(t)C(t,t') + ∫_0^{t'} ξ'(C(t,s))R(t',s)ds + ∫_0^t ξ''(C(t,s))R(t,s)C(s,t')ds,
/// ∂_t R(t,t') = −μ(t)R(t,t') + ∫_{t'}^t ξ''(C(t,s))R(t,s)R(s,t')ds,
/// e(t) = −∫_0^t ξ'(C(t,s))R(t,s)ds, μ(t) = T − p e(t), C(t,t) = 1, R(t,t⁻) = 1.
/// The cost is about n³ multiply-adds (0.1 s natively at n = 400).
pub fn solve_ck(p: usize, temperature: f64, h: f64, n: usize) -> CkSolution {
    let m = n + 1;
    // C symmetric, full; R by rows (r[i m + j] = R(t_i, t_j), j ≤ i) and by columns (rt = Rᵀ).
    let mut c = vec![0.0; m * m];
    let mut r = vec![0.0; m * m];
    let mut rt = vec![0.0; m * m];
    let mut energy = vec![0.0; m];
    c[0] = 1.0;
    r[0] = 1.0;
    rt[0] = 1.0;
    let mut a = vec![0.0; m];
    let mut b = vec![0.0; m];
    let mut new_c = vec![0.0; m];
    let mut new_r = vec![0.0; m];
    for i in 0..n {
        let row_c = &c[i * m..i * m + i + 1];
        let row_r = &r[i * m..i * m + i + 1];
        for s in 0..=i {
            a[s] = xi1(p, row_c[s]);
            b[s] = xi2(p, row_c[s]) * row_r[s];
        }
        let e = -h * trapezoid(&a[..=i], row_r);
        energy[i] = e;
        let mu = temperature - p as f64 * e;
        for j in 0..=i {
            let rj = &r[j * m..j * m + j + 1];
            let cj = &c[j * m..j * m + i + 1];
            let rtj = &rt[j * m..j * m + i + 1];
            let i1 = h * trapezoid(&a[..=j], rj);
            let i2 = h * trapezoid(&b[..=i], cj);
            let i3 = h * trapezoid(&b[j..=i], &rtj[j..]);
            new_c[j] = row_c[j] + h * (-mu * row_c[j] + i1 + i2);
            new_r[j] = row_r[j] + h * (-mu * row_r[j] + i3);
        }
        let k = i + 1;
        new_c[k] = 1.0;
        new_r[k] = 1.0;
        for j in 0..=k {
            c[k * m + j] = new_c[j];
            c[j * m + k] = new_c[j];
            r[k * m + j] = new_r[j];
            rt[j * m + k] = new_r[j];
        }
    }
    let row_c = &c[n * m..n * m + n + 1];
    let row_r = &r[n * m..n * m + n + 1];
    let last: Vec<f64> = row_c.iter().map(|&q| xi1(p, q)).collect();
    energy[n] = -h * trapezoid(&last, row_r);
    CkSolution { h, n, c, energy }
}

/// Σ x_s y_s with half weight on the two ends: the trapezoid rule over a grid of unit step (0 for
/// a single point).
fn trapezoid(x: &[f64], y: &[f64]) -> f64 {
    let len = x.len();
    debug_assert_eq!(len, y.len());
    if len < 2 {
        return 0.0;
    }
    let mut sum = 0.5 * (x[0] * y[0] + x[len - 1] * y[len - 1]);
    for s in 1..len - 1 {
        sum += x[s] * y[s];
    }
    sum
}

/// The Cugliandolo–Kurchan solution to t_max, Richardson-extrapolated from steps h and h/2
/// (2·X(h/2) − X(h), error O(h²)) on the grid of step h = t_max/n.
#[derive(Debug, Clone)]
pub struct Ck {
    pub h: f64,
    pub n: usize,
    pub energy: Vec<f64>,
    c: Vec<f64>,
}

impl Ck {
    pub fn new(p: usize, temperature: f64, t_max: f64, n: usize) -> Self {
        let h = t_max / n as f64;
        let coarse = solve_ck(p, temperature, h, n);
        let fine = solve_ck(p, temperature, 0.5 * h, 2 * n);
        let energy = (0..=n).map(|i| 2.0 * fine.energy[2 * i] - coarse.energy[i]).collect();
        let m = n + 1;
        let mut c = vec![0.0; m * m];
        for i in 0..m {
            for j in 0..m {
                c[i * m + j] = 2.0 * fine.correlation(2 * i, 2 * j) - coarse.correlation(i, j);
            }
        }
        Ck { h, n, energy, c }
    }

    pub fn time(&self, i: usize) -> f64 {
        i as f64 * self.h
    }

    /// C(t_i, t_j), extrapolated.
    pub fn correlation(&self, i: usize, j: usize) -> f64 {
        self.c[i * (self.n + 1) + j]
    }

    /// e(t) by linear interpolation on the grid (t clamped to [0, t_max]).
    pub fn energy_at(&self, t: f64) -> f64 {
        let x = (t / self.h).clamp(0.0, self.n as f64);
        let i = (x.floor() as usize).min(self.n.saturating_sub(1));
        let f = x - i as f64;
        (1.0 - f) * self.energy[i] + f * self.energy[(i + 1).min(self.n)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p2_closed_form_and_its_asymptote() {
        // The catalogue's values; and e(t) → −1 + 3/(8t).
        for (t, want) in [(1.0, -0.65805), (2.0, -0.81925), (5.0, -0.92599), (10.0, -0.96274), (19.9, -0.98122)] {
            assert!((p2_energy(t) - want).abs() < 1e-5, "t = {t}: {}", p2_energy(t));
        }
        // The next order is O(1/t²): at t = 400 the ratio (e + 1)/(3/(8t)) is 1 to within 1%.
        let t = 400.0;
        let ratio = (p2_energy(t) + 1.0) * 8.0 * t / 3.0;
        assert!((ratio - 1.0).abs() < 0.01, "{ratio}");
    }

    #[test]
    fn thresholds() {
        assert!((threshold_energy(3) + 1.154_700_5).abs() < 1e-7);
        assert!((dynamical_temperature(3) - (3.0f64 / 8.0).sqrt()).abs() < 1e-15);
        assert!((semicircle_radius(3) + 3.0 * threshold_energy(3)).abs() < 1e-14);
    }
}
