//! The spectrum of J = gχ + m nᵀ/N at finite N.
//!
//! Dense eigenvalues cost O(N³) (about 0.3 s at N = 500), so the whole spectrum is computed only
//! up to [`FULL_SPECTRUM_MAX`]. Above, the bulk is drawn from the leading block of gχ of that size,
//! rescaled by √(N/n) so that its entries have the variance g²/n of a full matrix of its size (the
//! same circle of radius g), and the outlier comes from the exact finite-N condition of a rank-one
//! perturbation: λ outside the spectrum of gχ is an eigenvalue of J iff nᵀ(λ − gχ)⁻¹m = N. For
//! |λ| above the spectral radius of gχ, (λ − gχ)⁻¹ = Σ_k (gχ)^k/λ^{k+1}, so with the moments
//! c_k = nᵀ(gχ)^k m/N (one mat-vec each) the condition is the scalar equation Σ_k c_k/λ^{k+1} = 1.

use super::network::{RandomPart, Vectors};
use crate::num::eigen::{Complex, eigenvalues};
use crate::num::vector::dot;

/// Largest N whose whole spectrum is computed; also the size of the block drawn above it.
pub const FULL_SPECTRUM_MAX: usize = 500;
/// Most moments c_k taken: enough for |λ| > 1.45 g at 1e-12 ((1/1.45)^75 < 1e-12).
pub const MAX_MOMENTS: usize = 75;

/// The dense matrix whose eigenvalues are drawn: J itself up to [`FULL_SPECTRUM_MAX`], else the
/// rescaled leading block of gχ.
pub fn drawn_matrix(chi: &RandomPart, v: &Vectors) -> (usize, Vec<f64>) {
    let n = chi.n;
    if n <= FULL_SPECTRUM_MAX {
        let mut a = chi.entries.clone();
        for i in 0..n {
            for j in 0..n {
                a[i * n + j] += v.m[i] * v.n[j] / n as f64;
            }
        }
        (n, a)
    } else {
        let b = FULL_SPECTRUM_MAX;
        let scale = (n as f64 / b as f64).sqrt();
        let mut a = Vec::with_capacity(b * b);
        for i in 0..b {
            a.extend(chi.row(i)[..b].iter().map(|x| x * scale));
        }
        (b, a)
    }
}

/// Eigenvalues of the drawn matrix (`None` if the QR iteration failed).
pub fn drawn_eigenvalues(chi: &RandomPart, v: &Vectors) -> Option<Vec<Complex>> {
    let (b, a) = drawn_matrix(chi, v);
    eigenvalues(b, &a)
}

/// The moments c_k = nᵀ(gχ)^k m / N, k = 0, 1, …, computed one mat-vec at a time.
pub struct Moments {
    pub c: Vec<f64>,
    power: Vec<f64>,
    scratch: Vec<f64>,
}

impl Moments {
    pub fn new(v: &Vectors) -> Self {
        let n = v.m.len();
        Moments { c: vec![dot(&v.n, &v.m) / n as f64], power: v.m.clone(), scratch: vec![0.0; n] }
    }

    /// One more moment.
    pub fn next(&mut self, chi: &RandomPart, v: &Vectors) {
        chi.times(&self.power, &mut self.scratch);
        std::mem::swap(&mut self.power, &mut self.scratch);
        self.c.push(dot(&v.n, &self.power) / v.m.len() as f64);
    }

    /// Whether the last two terms c_k/λ^{k+1} at |λ| = |c_0| are below 1e-13 of the first: more
    /// moments would not change the outlier (which lies near c_0).
    pub fn converged(&self) -> bool {
        let c0 = self.c[0].abs();
        let small = |k: usize| (self.c[k] / libm::pow(c0, k as f64)).abs() < 1e-13 * c0;
        let k = self.c.len() - 1;
        k > 1 && small(k) && small(k - 1)
    }

    /// The real outlier: the root of Σ_k c_k/λ^{k+1} = 1 by Newton's method from λ = c_0, if it
    /// lies beyond `radius` (the bulk's edge) where the series converges.
    pub fn outlier(&self, radius: f64) -> Option<f64> {
        let c0 = self.c[0];
        if c0.abs() <= radius || c0.is_nan() {
            return None;
        }
        let mut lambda = c0;
        for _ in 0..50 {
            // f(λ) = Σ c_k u^{k+1} − 1 with u = 1/λ, by Horner's scheme; f'(λ) = −u² df/du.
            let u = 1.0 / lambda;
            let (mut f, mut df) = (0.0, 0.0);
            for &c in self.c.iter().rev() {
                df = df * u + f;
                f = f * u + c;
            }
            // Now f = Σ c_k u^k and df = Σ k c_k u^{k−1}.
            let value = u * f - 1.0;
            let dvalue_du = f + u * df;
            let step = value / (-u * u * dvalue_du);
            lambda -= step;
            if !lambda.is_finite() || lambda.abs() <= radius {
                return None;
            }
            if step.abs() <= 1e-14 * lambda.abs() {
                return Some(lambda);
            }
        }
        Some(lambda)
    }
}
