//! Dynamic mean-field theory of the random network with populations of gains.
//!
//! Every unit sees the same Gaussian field η with ⟨η(t)η(t+τ)⟩ = g² Σ_a p_a C_a(τ), so the currents
//! share one autocorrelation Δ(τ). It obeys Newton's equation Δ'' = Δ − g² Σ_a p_a C_{φ_a}(Δ; Δ0),
//! and the chaotic solution is the separatrix that leaves Δ0 at rest and reaches 0 at τ → ∞;
//! energy conservation fixes Δ0 by a one-dimensional equation. The largest Lyapunov exponent is
//! −1 + √(1 − E0), E0 the ground state of −∂²_τ + 1 − g² Σ_a p_a C_{φ_a'}(Δ(τ); Δ0).
//!
//! The Gaussian correlations C_f(Δ; Δ0) = E[f(u)f(v)], (u, v) centred with variances Δ0 and
//! covariance Δ, are computed from Mehler's expansion C_f = Σ_k c_k² (Δ/Δ0)^k with
//! c_k = ⟨f(√Δ0 z) h_k(z)⟩ (h_k the orthonormal Hermite polynomials): one-dimensional integrals
//! once per Δ0, then each C is a polynomial in Δ. The coefficients of tanh(s z) decay like
//! exp(−π√(2k)/(2s)), so 256 terms leave under 1e-9 for the steepest gains of the page.
//!
//! ## Reference
//! H. Sompolinsky, A. Crisanti and H.-J. Sommers, "Chaos in random neural networks", Phys. Rev.
//! Lett. 61, 259 (1988). A. Crisanti and H. Sompolinsky, "Path integral approach to random neural
//! networks", Phys. Rev. E 98, 062120 (2018).

use crate::num::quad::GaussLegendre;
use crate::num::roots::brent;
use crate::num::special::phi;
use crate::num::tridiagonal::lowest_eigenvalue;

/// A population of units with gain γ (φ(x) = tanh(γx)) and share p of the network.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Population {
    pub gain: f64,
    pub share: f64,
}

/// The homogeneous network: one population of gain 1.
pub const HOMOGENEOUS: [Population; 1] = [Population { gain: 1.0, share: 1.0 }];

/// Terms of Mehler's expansion.
pub(super) const TERMS: usize = 256;
/// The Gaussian averages: Gauss–Legendre on [−12, 12] in 96 panels of 8 nodes. Panels of width
/// 1/4 resolve tanh(γσz) for γσ up to 4 and the Hermite polynomials up to degree 256, whose
/// Gaussian-weighted size is below e^{−36} beyond |z| = 12.
const Z_MAX: f64 = 12.0;
const PANELS: usize = 96;
const ORDER: usize = 8;
/// The τ grid of the Schrödinger problem: τ ∈ (−L/2, L/2), Dirichlet ends, 2·HALF + 1 points;
/// L/2 is 20, or ten correlation times 1/κ when longer (near the onset, where the ground state
/// spreads and a short box would raise its energy by (π/L)²), at most 200.
const HALF_WIDTH: f64 = 20.0;
const HALF_WIDTH_MAX: f64 = 200.0;
const HALF: usize = 800;

/// Nodes z and weights w of ∫Dz f(z) ≈ Σ w f(z).
pub struct GaussianRule {
    z: Vec<f64>,
    w: Vec<f64>,
}

impl GaussianRule {
    pub fn new() -> Self {
        let points = GaussLegendre::new(ORDER).composite_points(-Z_MAX, Z_MAX, PANELS);
        GaussianRule { z: points.iter().map(|p| p.0).collect(), w: points.iter().map(|p| p.1 * phi(p.0)).collect() }
    }

    /// The nodes and their weights.
    pub fn nodes(&self) -> (&[f64], &[f64]) {
        (&self.z, &self.w)
    }

    pub fn mean(&self, f: impl Fn(f64) -> f64) -> f64 {
        self.z.iter().zip(&self.w).map(|(&z, &w)| w * f(z)).sum()
    }
}

impl Default for GaussianRule {
    fn default() -> Self {
        Self::new()
    }
}

/// ⟨γ²⟩ over the populations.
pub fn mean_square_gain(pops: &[Population]) -> f64 {
    pops.iter().map(|p| p.share * p.gain * p.gain).sum()
}

/// The coupling strength at which x = 0 loses stability: the spectrum of JΓ is the disc of radius
/// g√⟨γ²⟩, so g_c = 1/√⟨γ²⟩ (1 for the homogeneous network).
pub fn onset(pops: &[Population]) -> f64 {
    1.0 / mean_square_gain(pops).sqrt()
}

/// ln cosh x, accurate for small x (as log1p(2 sinh²(x/2))) and without overflow for large x.
fn ln_cosh(x: f64) -> f64 {
    let a = x.abs();
    if a < 1.0 {
        let s = libm::sinh(0.5 * a);
        libm::log1p(2.0 * s * s)
    } else {
        a + libm::log1p(libm::exp(-2.0 * a)) - core::f64::consts::LN_2
    }
}

/// The static equation divided by Δ0²: g² Σ p Var Φ_a(√Δ0 z) / Δ0² − 1/2, Φ_a(x) = ln cosh(γx)/γ.
fn static_balance(g: f64, pops: &[Population], rule: &GaussianRule, delta0: f64) -> f64 {
    let s = delta0.sqrt();
    let variance: f64 = pops
        .iter()
        .map(|p| {
            let prim = |z: f64| ln_cosh(p.gain * s * z) / p.gain;
            let mean = rule.mean(prim);
            p.share * rule.mean(|z| (prim(z) - mean) * (prim(z) - mean))
        })
        .sum();
    g * g * variance / (delta0 * delta0) - 0.5
}

/// Δ0 = ⟨x²⟩ of the chaotic state; 0 at and below the onset.
pub fn delta0(g: f64, pops: &[Population]) -> f64 {
    delta0_with(g, pops, &GaussianRule::new())
}

fn delta0_with(g: f64, pops: &[Population], rule: &GaussianRule) -> f64 {
    const LOW: f64 = 1e-8;
    if g <= onset(pops) || static_balance(g, pops, rule, LOW) <= 0.0 {
        return 0.0;
    }
    // |Φ_a'| ≤ 1 gives Var Φ_a ≤ Δ0, so the balance is negative beyond Δ0 = 2g².
    let high = 2.0 * g * g + 1.0;
    brent(|d| static_balance(g, pops, rule, d), LOW, high, 1e-14).unwrap_or(0.0)
}

/// The Mehler coefficients c_k² of f and of f' for each population at variance Δ0, so that
/// C_f(Δ; Δ0) = Σ_k c_k² (Δ/Δ0)^k.
struct Correlations {
    delta0: f64,
    /// Per population: c_k² of φ_a and of φ_a'.
    rates: Vec<Vec<f64>>,
    slopes: Vec<Vec<f64>>,
    shares: Vec<f64>,
}

impl Correlations {
    fn new(delta0: f64, pops: &[Population], rule: &GaussianRule) -> Self {
        let s = delta0.sqrt();
        let mut rates = vec![vec![0.0; TERMS]; pops.len()];
        let mut slopes = vec![vec![0.0; TERMS]; pops.len()];
        let mut h = vec![0.0; TERMS];
        for (&z, &w) in rule.z.iter().zip(&rule.w) {
            // Orthonormal Hermite polynomials: h_{k+1} = (z h_k − √k h_{k−1}) / √(k+1).
            h[0] = 1.0;
            h[1] = z;
            for k in 1..TERMS - 1 {
                h[k + 1] = (z * h[k] - (k as f64).sqrt() * h[k - 1]) / ((k + 1) as f64).sqrt();
            }
            for (a, p) in pops.iter().enumerate() {
                let t = libm::tanh(p.gain * s * z);
                let (f, df) = (w * t, w * p.gain * (1.0 - t * t));
                for k in 0..TERMS {
                    rates[a][k] += f * h[k];
                    slopes[a][k] += df * h[k];
                }
            }
        }
        for c in rates.iter_mut().chain(slopes.iter_mut()) {
            for v in c.iter_mut() {
                *v *= *v;
            }
        }
        Correlations { delta0, rates, slopes, shares: pops.iter().map(|p| p.share).collect() }
    }

    fn series(coefficients: &[f64], rho: f64) -> f64 {
        coefficients.iter().rev().fold(0.0, |acc, &c| acc * rho + c)
    }

    /// κ of the tail Δ ∝ e^{−κτ}: κ² = 1 − g² Σ_a p_a ⟨φ_a'⟩² (the linearisation at Δ = 0).
    fn tail_rate(&self, g: f64) -> f64 {
        let slope0: f64 = self.slopes.iter().zip(&self.shares).map(|(c, p)| p * c[0]).sum();
        (1.0 - g * g * slope0).max(0.0).sqrt()
    }

    /// Σ_a p_a C_{φ_a}(Δ; Δ0).
    fn rate(&self, delta: f64) -> f64 {
        let rho = delta / self.delta0;
        self.rates.iter().zip(&self.shares).map(|(c, p)| p * Self::series(c, rho)).sum()
    }

    /// Σ_a p_a C_{φ_a'}(Δ; Δ0).
    fn slope(&self, delta: f64) -> f64 {
        let rho = delta / self.delta0;
        self.slopes.iter().zip(&self.shares).map(|(c, p)| p * Self::series(c, rho)).sum()
    }
}

/// The theory at one coupling strength: Δ0, Δ(τ) on a uniform grid from τ = 0, and λ_max.
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    pub g: f64,
    pub delta0: f64,
    /// Step of the τ grid of `delta`.
    pub step: f64,
    /// Δ(m·step), m = 0..=HALF: the separatrix from Δ0 down to 0.
    pub delta: Vec<f64>,
    pub lyapunov: f64,
}

impl Solution {
    /// Δ(τ) for τ ≥ 0 (linear between grid points; 0 beyond the grid).
    pub fn delta_at(&self, tau: f64) -> f64 {
        let x = tau.abs() / self.step;
        let m = x.floor() as usize;
        if m + 1 >= self.delta.len() {
            return 0.0;
        }
        let f = x - m as f64;
        self.delta[m] * (1.0 - f) + self.delta[m + 1] * f
    }
}

/// Δ0, Δ(τ) and λ_max at coupling g.
pub fn solve(g: f64, pops: &[Population]) -> Solution {
    solve_with(g, pops, &GaussianRule::new())
}

pub fn solve_with(g: f64, pops: &[Population], rule: &GaussianRule) -> Solution {
    let d0 = delta0_with(g, pops, rule);
    if d0 == 0.0 {
        let step = HALF_WIDTH / (HALF as f64 + 1.0);
        // The fixed point x = 0: the rightmost eigenvalue of −1 + JΓ is g√⟨γ²⟩ − 1.
        let lyapunov = g * mean_square_gain(pops).sqrt() - 1.0;
        return Solution { g, delta0: 0.0, step, delta: vec![0.0; HALF + 1], lyapunov };
    }
    let corr = Correlations::new(d0, pops, rule);
    let kappa = corr.tail_rate(g);
    let half_width = if kappa > 0.0 { (10.0 / kappa).clamp(HALF_WIDTH, HALF_WIDTH_MAX) } else { HALF_WIDTH_MAX };
    let step = half_width / (HALF as f64 + 1.0);
    let delta = separatrix(g, &corr, step);
    let potential: Vec<f64> = (0..=2 * HALF)
        .map(|i| {
            let m = i.abs_diff(HALF);
            1.0 - g * g * corr.slope(delta[m])
        })
        .collect();
    let diag: Vec<f64> = potential.iter().map(|v| 2.0 / (step * step) + v).collect();
    let off = vec![-1.0 / (step * step); 2 * HALF];
    let lyapunov = match lowest_eigenvalue(&diag, &off, 1e-12) {
        Some(e0) => -1.0 + (1.0 - e0).max(0.0).sqrt(),
        None => f64::NAN,
    };
    Solution { g, delta0: d0, step, delta, lyapunov }
}

/// Δ(τ) from Δ(0) = Δ0, Δ'(0) = 0 by RK4 with the grid's step. The separatrix is unstable: once the
/// numerical orbit turns back or crosses zero (near Δ ~ 1e-6), it continues as the linearised tail
/// Δ ∝ e^{−κτ}, κ² = 1 − g² Σ p ⟨φ_a'⟩².
fn separatrix(g: f64, corr: &Correlations, h: f64) -> Vec<f64> {
    let g2 = g * g;
    let accel = |d: f64| d - g2 * corr.rate(d);
    let mut out = Vec::with_capacity(HALF + 1);
    let (mut d, mut v) = (corr.delta0, 0.0);
    out.push(d);
    let mut tail = None;
    for _ in 0..HALF {
        if tail.is_none() {
            let (k1d, k1v) = (v, accel(d));
            let (k2d, k2v) = (v + 0.5 * h * k1v, accel(d + 0.5 * h * k1d));
            let (k3d, k3v) = (v + 0.5 * h * k2v, accel(d + 0.5 * h * k2d));
            let (k4d, k4v) = (v + h * k3v, accel(d + h * k3d));
            let nd = d + h / 6.0 * (k1d + 2.0 * k2d + 2.0 * k3d + k4d);
            let nv = v + h / 6.0 * (k1v + 2.0 * k2v + 2.0 * k3v + k4v);
            if nd <= 0.0 || nv >= 0.0 {
                tail = Some(libm::exp(-corr.tail_rate(g) * h));
            } else {
                d = nd;
                v = nv;
            }
        }
        if let Some(decay) = tail {
            d *= decay;
        }
        out.push(d);
    }
    out
}

/// λ_max at g (a shortcut for the tests and the g grid).
pub fn lyapunov(g: f64, pops: &[Population]) -> f64 {
    solve(g, pops).lyapunov
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mehler_series_meets_the_direct_averages() {
        let rule = GaussianRule::new();
        let pops = [Population { gain: 0.5, share: 0.3 }, Population { gain: 1.5, share: 0.7 }];
        let d0 = 3.0;
        let c = Correlations::new(d0, &pops, &rule);
        let s = d0.sqrt();
        // Δ = Δ0: ⟨φ²⟩; Δ = 0: ⟨φ⟩² = 0 for odd φ, ⟨φ'⟩² for the slopes.
        let full: f64 = pops.iter().map(|p| p.share * rule.mean(|z| libm::tanh(p.gain * s * z).powi(2))).sum();
        // At Δ = Δ0 the series converges slowest (every term at full weight): its tail beyond the
        // kept terms is 2e-9 here.
        assert!((c.rate(d0) - full).abs() < 1e-8, "{} vs {full}", c.rate(d0));
        assert!(c.rate(0.0).abs() < 1e-15);
        let slope0: f64 = pops
            .iter()
            .map(|p| p.share * rule.mean(|z| p.gain * (1.0 - libm::tanh(p.gain * s * z).powi(2))).powi(2))
            .sum();
        assert!((c.slope(0.0) - slope0).abs() < 1e-12);
        // An intermediate Δ against the double integral.
        let delta = 1.2;
        let (a, b) = ((d0 - delta).sqrt(), delta.sqrt());
        let direct: f64 = pops
            .iter()
            .map(|p| p.share * rule.mean(|z| rule.mean(|x| libm::tanh(p.gain * (a * x + b * z))).powi(2)))
            .sum();
        assert!((c.rate(delta) - direct).abs() < 1e-9, "{} vs {direct}", c.rate(delta));
    }

    #[test]
    fn the_separatrix_falls_from_delta0_to_zero() {
        let s = solve(2.0, &HOMOGENEOUS);
        assert!(s.delta.windows(2).all(|w| w[1] <= w[0]));
        assert!(s.delta[s.delta.len() - 1] < 1e-4 * s.delta0);
    }
}
