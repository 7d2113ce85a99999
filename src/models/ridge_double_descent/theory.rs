//! The theory of ridge regression on Gaussian covariates: the test error as a deterministic
//! function of the covariance spectrum, the number of samples and λ.
//!
//! Ridge minimises (1/n)|y − Xβ|² + λ|β|², i.e. β̂ = (XᵀX + nλI)⁻¹Xᵀy. For inputs x ~ N(0, Σ) with
//! eigenvalues s_1..s_d, a teacher β of norm r² spread evenly over the eigenvectors and label
//! noise σ², the excess test error R = E[(x·(β̂ − β))²] concentrates as n, d → ∞ on
//!
//!   λ = κ (1 − df₁/n),  df₁ = Σ s_i/(s_i + κ),  df₂ = Σ s_i²/(s_i + κ)²,
//!   bias = κ² (r²/d) Σ s_i/(s_i + κ)² / (1 − df₂/n),  variance = σ² (df₂/n) / (1 − df₂/n),
//!
//! κ the effective regularisation (Hastie, Montanari, Rosset & Tibshirani 2022; Bach
//! 2024). For Σ = I (γ = d/n) κ solves a quadratic and λ → 0 gives the classical double descent:
//! R = σ²γ/(1 − γ) for γ < 1 and r²(1 − 1/γ) + σ²/(γ − 1) for γ > 1.

use crate::num::roots::brent;

/// The eigenvalues s_k ∝ k^(−decay), k = 1..d, scaled so that their mean is 1 (decay 0: Σ = I).
pub fn spectrum(d: usize, decay: f64) -> Vec<f64> {
    let raw: Vec<f64> = (1..=d).map(|k| libm::pow(k as f64, -decay)).collect();
    let mean = raw.iter().sum::<f64>() / d as f64;
    raw.iter().map(|s| s / mean).collect()
}

/// The excess test error split into its two parts; the error is their sum.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Risk {
    pub bias: f64,
    pub variance: f64,
}

impl Risk {
    pub fn total(&self) -> f64 {
        self.bias + self.variance
    }
}

/// The problem: the covariance spectrum, the signal r² = |β|² and the noise σ².
#[derive(Debug, Clone)]
pub struct Problem {
    pub s: Vec<f64>,
    pub signal: f64,
    pub noise: f64,
}

impl Problem {
    fn df1(&self, kappa: f64) -> f64 {
        self.s.iter().map(|&s| s / (s + kappa)).sum()
    }

    /// The effective regularisation κ for n samples (real: the theory is smooth in n) and λ ≥ 0.
    /// λ = 0 is the minimum-norm interpolator: κ = 0 when d ≤ n, else the root of df₁(κ) = n.
    pub fn kappa(&self, n: f64, lambda: f64) -> f64 {
        let d = self.s.len() as f64;
        let trace: f64 = self.s.iter().sum();
        if lambda <= 0.0 {
            if d <= n {
                return 0.0;
            }
            // df₁ decreases from d > n at κ → 0 to below n at κ = tr/n: solve in log κ.
            let g = |u: f64| self.df1(libm::exp(u)) / n - 1.0;
            let lo = libm::log(trace / n) - 40.0;
            return libm::exp(brent(g, lo, libm::log(trace / n), 1e-13).expect("df₁ = n is bracketed"));
        }
        // κ − λ − (κ/n) df₁(κ) is ≤ 0 at κ = λ and ≥ 0 at κ = λ + tr/n.
        let g = |u: f64| {
            let k = libm::exp(u);
            (k - lambda - k * self.df1(k) / n) / k
        };
        let (lo, hi) = (libm::log(lambda), libm::log(lambda + trace / n));
        libm::exp(brent(g, lo, hi, 1e-13).expect("κ is bracketed"))
    }

    /// Bias and variance of ridge with λ ≥ 0 from n samples; infinite where the minimum-norm
    /// interpolator's error diverges (n = d, λ = 0).
    pub fn risk(&self, n: f64, lambda: f64) -> Risk {
        let kappa = self.kappa(n, lambda);
        let d = self.s.len() as f64;
        let (mut df2, mut weighted) = (0.0, 0.0);
        for &s in &self.s {
            let r = s / (s + kappa);
            df2 += r * r;
            weighted += s / ((s + kappa) * (s + kappa));
        }
        let denominator = 1.0 - df2 / n;
        if denominator <= 0.0 {
            return Risk { bias: f64::INFINITY, variance: f64::INFINITY };
        }
        let bias = if kappa == 0.0 { 0.0 } else { kappa * kappa * (self.signal / d) * weighted / denominator };
        Risk { bias, variance: self.noise * (df2 / n) / denominator }
    }

    /// The λ in [lo, hi] with the smallest error, by golden-section search in log λ (the error is
    /// unimodal in λ), and that error.
    pub fn optimal(&self, n: f64, lo: f64, hi: f64) -> (f64, Risk) {
        let f = |u: f64| self.risk(n, libm::exp(u)).total();
        let (mut a, mut b) = (libm::log(lo), libm::log(hi));
        let ratio = 0.5 * (libm::sqrt(5.0) - 1.0);
        let mut c = b - ratio * (b - a);
        let mut e = a + ratio * (b - a);
        let (mut fc, mut fe) = (f(c), f(e));
        while b - a > 1e-6 {
            if fc <= fe {
                b = e;
                e = c;
                fe = fc;
                c = b - ratio * (b - a);
                fc = f(c);
            } else {
                a = c;
                c = e;
                fc = fe;
                e = a + ratio * (b - a);
                fe = f(e);
            }
        }
        let lambda = libm::exp(0.5 * (a + b));
        (lambda, self.risk(n, lambda))
    }
}

/// The classical minimum-norm error for Σ = I at γ = d/n (Hastie et al. 2022).
pub fn isotropic_min_norm(gamma: f64, signal: f64, noise: f64) -> f64 {
    if gamma < 1.0 {
        noise * gamma / (1.0 - gamma)
    } else if gamma > 1.0 {
        signal * (1.0 - 1.0 / gamma) + noise / (gamma - 1.0)
    } else {
        f64::INFINITY
    }
}

/// Ridge for Σ = I at γ = d/n from the Marchenko–Pastur law: with m(−λ) the Stieltjes transform of
/// the spectrum of XᵀX/n, R = r²λ²m′ + σ²γ(m − λm′) (Hastie et al. 2022; Dobriban &
/// Wager 2018). An independent route to the same numbers as [`Problem::risk`] with s_i = 1.
pub fn isotropic_ridge(gamma: f64, lambda: f64, signal: f64, noise: f64) -> f64 {
    // γλm² + (1 − γ + λ)m − 1 = 0, the positive root.
    let b = 1.0 - gamma + lambda;
    let m = (-b + libm::sqrt(b * b + 4.0 * gamma * lambda)) / (2.0 * gamma * lambda);
    // Differentiating γzm² − (1 − γ − z)m + 1 = 0 in z, at z = −λ.
    let dm = (gamma * m * m + m) / (b + 2.0 * gamma * lambda * m);
    signal * lambda * lambda * dm + noise * gamma * (m - lambda * dm)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn isotropic(d: usize) -> Problem {
        Problem { s: spectrum(d, 0.0), signal: 1.0, noise: 0.25 }
    }

    #[test]
    fn the_fixed_point_gives_the_marchenko_pastur_formula() {
        let p = isotropic(300);
        for gamma in [0.3, 0.8, 1.0, 1.25, 3.0] {
            let n = 300.0 / gamma;
            for lambda in [1e-4, 1e-2, 0.3, 5.0] {
                let (a, b) = (p.risk(n, lambda).total(), isotropic_ridge(gamma, lambda, 1.0, 0.25));
                assert!((a - b).abs() < 1e-9 * b.max(1.0), "γ = {gamma}, λ = {lambda}: {a} vs {b}");
            }
        }
    }

    #[test]
    fn lambda_to_zero_is_the_minimum_norm_interpolator() {
        let p = isotropic(400);
        // The catalogue's values at r² = 1, σ² = 0.25: 0.25, 1, 1.2, 0.75.
        for (gamma, want) in [(0.5, 0.25), (0.8, 1.0), (1.25, 1.2), (2.0, 0.75)] {
            let n = 400.0 / gamma;
            assert!((isotropic_min_norm(gamma, 1.0, 0.25) - want).abs() < 1e-12);
            assert!((p.risk(n, 0.0).total() - want).abs() < 1e-9, "γ = {gamma}");
            assert!((p.risk(n, 1e-9).total() - want).abs() < 1e-6, "γ = {gamma}");
        }
        assert!(p.risk(400.0, 0.0).total().is_infinite());
    }

    #[test]
    fn the_optimal_lambda_is_noise_over_signal_times_gamma() {
        // For Σ = I the best λ is σ²γ/r² (Dobriban & Wager 2018), and no λ does better.
        let p = isotropic(200);
        for gamma in [0.5, 1.0, 2.0] {
            let n = 200.0 / gamma;
            let (lambda, best) = p.optimal(n, 1e-6, 1e3);
            assert!((lambda / (0.25 * gamma) - 1.0).abs() < 1e-4, "γ = {gamma}: λ* = {lambda}");
            for l in [1e-3, 0.1, 1.0, 10.0] {
                assert!(p.risk(n, l).total() >= best.total() - 1e-12);
            }
        }
    }

    #[test]
    fn the_spectrum_has_mean_one() {
        for decay in [0.0, 0.7, 2.0] {
            let s = spectrum(50, decay);
            assert!((s.iter().sum::<f64>() - 50.0).abs() < 1e-10);
            assert!(s.windows(2).all(|w| w[0] >= w[1]));
        }
    }
}
