//! The theory of online (one-pass) SGD on real Gaussian phase retrieval, and the thresholds of the
//! literature.
//!
//! One step on a fresh example x: w ← w − η(λ² − ν²)λ x/√d, λ = w·x/√d, ν = w*·x/√d. With
//! t = steps/d, m = w·w*/d and q = |w|²/d follow, as d → ∞,
//! dm/dt = 3ηm(1 − q), dq/dt = −2η(3q² − q − 2m²) + η²(15q³ − 6q² − 24qm² + 3q + 12m²),
//! from the Gaussian moments of (λ, ν) (variances q and 1, covariance m).

use crate::num::ode::{OdeSystem, Rk4};

/// Weak recovery by the optimal spectral method (Mondelli & Montanari 2018): α > 1/2.
pub const ALPHA_WEAK: f64 = 0.5;
/// Perfect recovery is possible, information-theoretically, for α > 1 (noiseless real case).
pub const ALPHA_IT: f64 = 1.0;
/// Approximate message passing recovers the signal for α > 1.13 (Barbier et al. 2019).
pub const ALPHA_AMP: f64 = 1.13;

struct Online {
    eta: f64,
}

impl OdeSystem for Online {
    fn dim(&self) -> usize {
        2
    }
    fn rhs(&self, _t: f64, y: &[f64], dy: &mut [f64]) {
        let (m, q, eta) = (y[0], y[1], self.eta);
        dy[0] = 3.0 * eta * m * (1.0 - q);
        dy[1] = -2.0 * eta * (3.0 * q * q - q - 2.0 * m * m)
            + eta * eta * (15.0 * q * q * q - 6.0 * q * q - 24.0 * q * m * m + 3.0 * q + 12.0 * m * m);
    }
}

/// (m, q) of online SGD at the times `ts` (increasing, from 0), from (m0, q0); RK4 with steps of at
/// most 0.01 (converged to 1e-10 at the catalogue's η = 0.05).
pub fn online(eta: f64, m0: f64, q0: f64, ts: &[f64]) -> Vec<(f64, f64)> {
    let sys = Online { eta };
    let mut rk = Rk4::new(2);
    let mut y = [m0, q0];
    let mut t = 0.0;
    let mut out = Vec::with_capacity(ts.len());
    for &target in ts {
        let span = target - t;
        if span > 0.0 {
            let steps = (span / 0.01).ceil().max(1.0) as usize;
            let h = span / steps as f64;
            for k in 0..steps {
                rk.step(&sys, t + k as f64 * h, &mut y, h).expect("a two-dimensional state");
            }
            t = target;
        }
        out.push((y[0], y[1]));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixed_points() {
        // (±1, 1) and (0, 1/3) are fixed points as η → 0.
        let p = super::online(1e-9, 1.0, 1.0, &[10.0])[0];
        assert!((p.0 - 1.0).abs() < 1e-12 && (p.1 - 1.0).abs() < 1e-12);
        let p = super::online(1e-3, 0.0, 1.0 / 3.0, &[10.0])[0];
        assert!(p.0 == 0.0 && (p.1 - 1.0 / 3.0).abs() < 1e-3);
    }
}
