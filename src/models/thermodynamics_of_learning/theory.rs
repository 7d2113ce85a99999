//! The exact theory of Hebbian learning as an Ornstein–Uhlenbeck process.
//!
//! With the constant Hebbian force f = (ν/√N) Σ_μ σ^μ ξ^μ switched on at t = 0 and ω(0) drawn from
//! the equilibrium N(0, T/k) of the force-free potential, ω(t) stays Gaussian: mean
//! m(t) = m∞(1 − e^{−kt}) with m∞ = f/k, covariance (T/k)·I at all times. Hence
//! - the mean total entropy production S_tot(t) = (1/T)∫|ṁ|² dt = k|m∞|²(1 − e^{−2kt})/(2T);
//! - with random labels the stability σ^μ ω·ξ^μ/√N ~ N(a, a²α + T/k), a(t) = (ν/k)(1 − e^{−kt}),
//!   so the error p(t) = Φ(−a/√(a²α + T/k)) and the information per pattern ln 2 − h₂(p);
//! - with teacher labels R = a α √(2/π) and Q = a²(α + 2α²/π) + T/k give the generalisation error
//!   ε = arccos(R/√Q)/π, and the training error E_u Φ(−a(1 + α√(2/π)|u|)/√(a²α + T/k)), u ~ N(0, 1).
//!
//! All of this is derived for the model as reconstructed here (see the module's page), not quoted from
//! the papers.

use crate::num::quad::GaussLegendre;
use crate::num::special::{norm_cdf, phi};
use std::f64::consts::{FRAC_2_PI, LN_2, PI};

/// The settings the theory depends on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Setting {
    pub nu: f64,
    pub k: f64,
    pub temperature: f64,
    pub alpha: f64,
    /// Labels from a teacher (true) or random (false).
    pub teacher: bool,
}

/// Binary entropy in nats, h₂(p) = −p ln p − (1 − p) ln(1 − p).
pub fn binary_entropy(p: f64) -> f64 {
    let term = |x: f64| if x > 0.0 { -x * libm::log(x) } else { 0.0 };
    term(p) + term(1.0 - p)
}

/// Mutual information, in nats, between a fair binary label and its copy flipped with probability p.
pub fn information(p: f64) -> f64 {
    (LN_2 - binary_entropy(p)).max(0.0)
}

/// 1 − e^{−kt}: how far the mean has moved toward m∞.
fn progress(k: f64, t: f64) -> f64 {
    -libm::expm1(-k * t)
}

impl Setting {
    /// a(t) = (ν/k)(1 − e^{−kt}), the mean stability's scale.
    pub fn a(&self, t: f64) -> f64 {
        self.nu / self.k * progress(self.k, t)
    }

    /// |m∞|²/N, averaged over patterns and labels.
    pub fn m_inf_sq_per_n(&self) -> f64 {
        let c = self.nu / self.k;
        let extra = if self.teacher { FRAC_2_PI * self.alpha * self.alpha } else { 0.0 };
        c * c * (self.alpha + extra)
    }

    /// Mean total entropy production per input, S_tot(t)/N, in nats.
    pub fn entropy_per_n(&self, t: f64) -> f64 {
        entropy_closed_form(self.k, self.temperature, self.m_inf_sq_per_n(), t)
    }

    /// The error of the fluctuating weights on the training patterns.
    pub fn training_error(&self, t: f64) -> f64 {
        let a = self.a(t);
        let width = (a * a * self.alpha + self.temperature / self.k).sqrt();
        if !self.teacher {
            return norm_cdf(-a / width);
        }
        // E_u Φ(−a(1 + α√(2/π)|u|)/width) = 2∫_0^∞ φ(u) Φ(…) du; the integrand is negligible past u = 12.
        let slope = self.alpha * FRAC_2_PI.sqrt();
        let g = quadrature();
        2.0 * g.integrate(|u| phi(u) * norm_cdf(-a * (1.0 + slope * u) / width), 0.0, 12.0, 12)
    }

    /// Information about the training labels per pattern, ln 2 − h₂(p), in nats.
    pub fn information(&self, t: f64) -> f64 {
        information(self.training_error(t))
    }

    /// P·I/S_tot at time t (0 at t = 0, where both vanish).
    pub fn efficiency(&self, t: f64) -> f64 {
        let s = self.entropy_per_n(t);
        if s > 0.0 { self.alpha * self.information(t) / s } else { 0.0 }
    }

    /// Teacher labels: the generalisation error of the fluctuating weights, arccos(R/√Q)/π.
    pub fn generalisation_error(&self, t: f64) -> f64 {
        let a = self.a(t);
        let r = a * self.alpha * FRAC_2_PI.sqrt();
        let q = a * a * (self.alpha + FRAC_2_PI * self.alpha * self.alpha) + self.temperature / self.k;
        libm::acos((r / q.sqrt()).clamp(-1.0, 1.0)) / PI
    }
}

/// ε(α) of the teacher case at t → ∞ in closed form: (1/π) arccos[α√(2/π)/√(α + 2α²/π + kT/ν²)].
pub fn teacher_error_limit(alpha: f64, nu: f64, k: f64, temperature: f64) -> f64 {
    let x = alpha * FRAC_2_PI.sqrt() / (alpha + FRAC_2_PI * alpha * alpha + k * temperature / (nu * nu)).sqrt();
    libm::acos(x) / PI
}

/// S_tot(t) = k|m∞|²(1 − e^{−2kt})/(2T), for any |m∞|² (per input or of one sample).
pub fn entropy_closed_form(k: f64, temperature: f64, m_inf_sq: f64, t: f64) -> f64 {
    k * m_inf_sq * progress(2.0 * k, t) / (2.0 * temperature)
}

/// The efficiency of random-label learning as ν → 0 (and t → ∞): 2/π.
pub const SMALL_NU_EFFICIENCY: f64 = FRAC_2_PI;

fn quadrature() -> &'static GaussLegendre {
    static G: std::sync::OnceLock<GaussLegendre> = std::sync::OnceLock::new();
    G.get_or_init(|| GaussLegendre::new(16))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn information_of_a_fair_channel() {
        assert_eq!(information(0.5), 0.0);
        assert!((information(0.0) - LN_2).abs() < 1e-15);
        assert!((binary_entropy(0.25) - 0.562_335_144_618_808_5).abs() < 1e-14);
    }

    #[test]
    fn teacher_training_error_at_alpha_to_zero_is_the_random_one() {
        let s = Setting { nu: 1.0, k: 1.0, temperature: 1.0, alpha: 1e-9, teacher: true };
        let r = Setting { teacher: false, ..s };
        assert!((s.training_error(50.0) - r.training_error(50.0)).abs() < 1e-7);
    }
}
