//! The exact step of a quadratic integrate-and-fire neuron, V' = V² + c, over a time h during which
//! the input c is constant, counting the spikes (passages through V = +∞, re-entering at −∞).
//!
//! The flow of V' = V² + c is a Möbius map: V ↦ (V + cβ)/(1 − Vβ), with β = tan(ωh)/ω, ω = √c for
//! c > 0, β = tanh(κh)/κ, κ = √(−c) for c < 0, and β = h for c = 0. With x = ch², β = h g(x) where
//! g(x) = tan(√x)/√x is one function of x on both sides of 0 (tanh(√−x)/√−x for x < 0). For
//! |x| ≤ [`X_MAX`] (ωh ≤ 1/2: every neuron of a network of 10⁵ at h = 10⁻³) g is its Padé
//! approximant P/Q from Lambert's continued fraction, tan y/y = 1/(1 − x/(3 − x/(5 − … x/15))), whose
//! truncation error there is below 3·10⁻¹⁹: plain + − × ÷, no square root, one division per neuron,
//! the same bits on every target. A spike happened when the denominator 1 − Vβ is ≤ 0 (then ωh < π/2
//! allows only one). Outside that range the phase ψ = arctan(V/ω) advances by ωh, with ⌊(ψ + π/2)/π⌋
//! spikes (libm), or for c < 0 the tanh form is taken with libm.

use std::f64::consts::PI;

/// The largest |ch²| of the rational form.
pub const X_MAX: f64 = 0.25;

/// Where a potential that passed +∞ re-enters: far below every finite trajectory, and small enough
/// that V² stays finite.
pub const V_FLOOR: f64 = -1e150;

// tan(√x)/√x ≈ P(x)/Q(x): Lambert's continued fraction cut after the denominator 15.
const P0: f64 = 2_027_025.0;
const P1: f64 = -270_270.0;
const P2: f64 = 6930.0;
const P3: f64 = -36.0;
const Q0: f64 = 2_027_025.0;
const Q1: f64 = -945_945.0;
const Q2: f64 = 51_975.0;
const Q3: f64 = -630.0;
const Q4: f64 = 1.0;

/// V within ±10¹⁵⁰; NaN (∞/∞ right after a spike) is the re-entry at −∞.
#[inline(always)]
fn bounded(v: f64) -> f64 {
    if v > V_FLOOR { if v < -V_FLOOR { v } else { -V_FLOOR } } else { V_FLOOR }
}

/// g(x) = tan(√x)/√x (tanh(√−x)/√−x for x < 0) by its Padé approximant; for |x| ≤ [`X_MAX`].
#[inline(always)]
pub fn tan_ratio(x: f64) -> f64 {
    pade_numerator(x) / pade_denominator(x)
}

#[inline(always)]
fn pade_numerator(x: f64) -> f64 {
    P0 + x * (P1 + x * (P2 + x * P3))
}

#[inline(always)]
fn pade_denominator(x: f64) -> f64 {
    Q0 + x * (Q1 + x * (Q2 + x * (Q3 + x * Q4)))
}

/// The fast step: `(V(h), spiked)` when |ch²| ≤ [`X_MAX`] (`h2` = h²), else `None`-like: the third
/// value is false and the first is V unchanged. Written without branches that block vectorisation.
#[inline(always)]
pub fn fast_step(v: f64, c: f64, h: f64, h2: f64) -> (f64, bool, bool) {
    let x = c * h2;
    let in_range = x.abs() <= X_MAX;
    let x = if in_range { x } else { 0.0 };
    // V(h) = (V + cβ)/(1 − Vβ) with β = hP/Q, multiplied through by Q > 0.
    let hp = h * pade_numerator(x);
    let q = pade_denominator(x);
    let num = v * q + c * hp;
    let den = q - v * hp;
    let spiked = den <= 0.0;
    let next = if den == 0.0 { V_FLOOR } else { bounded(num / den) };
    (if in_range { next } else { v }, spiked & in_range, in_range)
}

/// The step for any input: `(V(h), spikes)`.
pub fn exact_step(v: f64, c: f64, h: f64) -> (f64, u32) {
    let (next, spiked, in_range) = fast_step(v, c, h, h * h);
    if in_range {
        return (next, u32::from(spiked));
    }
    if c > 0.0 {
        let omega = c.sqrt();
        let phase = libm::atan(v / omega) + omega * h;
        let turns = libm::floor((phase + 0.5 * PI) / PI);
        let wrapped = phase - turns * PI;
        let next = bounded(omega * libm::tan(wrapped));
        // At most 2³² − 1 spikes in one step: far beyond any accepted input.
        (next, turns.min(u32::MAX as f64) as u32)
    } else {
        let kappa = (-c).sqrt();
        let t = libm::tanh(kappa * h);
        let den = kappa - v * t;
        let next = if den == 0.0 { V_FLOOR } else { bounded(kappa * (v - kappa * t) / den) };
        (next, u32::from(den <= 0.0))
    }
}

/// The same step from the closed forms with libm (tan, atan, tanh): the reference the fast step is
/// tested against. For ωh < π/2 the Möbius form with β = tan(ωh)/ω (the phase form loses digits when
/// V/ω is large: arctan(V/ω) is then within ω/|V| of ±π/2), beyond it the phase form.
pub fn reference_step(v: f64, c: f64, h: f64) -> (f64, u32) {
    let beta = if c > 0.0 {
        let omega = c.sqrt();
        if omega * h >= 0.5 * PI {
            let phase = libm::atan(v / omega) + omega * h;
            let turns = libm::floor((phase + 0.5 * PI) / PI);
            return (omega * libm::tan(phase - turns * PI), turns as u32);
        }
        libm::tan(omega * h) / omega
    } else if c < 0.0 {
        let kappa = (-c).sqrt();
        libm::tanh(kappa * h) / kappa
    } else {
        h
    };
    // V passes +∞ when 1 − Vβ ≤ 0.
    let den = 1.0 - v * beta;
    ((v + c * beta) / den, u32::from(den <= 0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// g against libm's tan and tanh on the whole range: within 2 ulp of the ratio (one of them the
    /// rounding of the reference itself).
    #[test]
    fn pade_ratio_matches_libm() {
        let mut worst: f64 = 0.0;
        for k in -1000..=1000 {
            let x = X_MAX * k as f64 / 1000.0;
            if x == 0.0 {
                assert_eq!(tan_ratio(0.0), 1.0);
                continue;
            }
            let y = x.abs().sqrt();
            let exact = if x > 0.0 { libm::tan(y) / y } else { libm::tanh(y) / y };
            worst = worst.max((tan_ratio(x) / exact - 1.0).abs());
        }
        assert!(worst <= 2.0 * f64::EPSILON, "worst relative error {worst:e}");
    }

    /// The fast step against the closed forms, for potentials from −10⁶ to 10⁶ and inputs of both signs.
    #[test]
    fn fast_step_matches_reference() {
        let h = 1e-3;
        for &c in &[-3e5, -2e5, -3e4, -50.0, -1.0, -1e-9, 0.0, 1e-9, 0.7, 12.0, 900.0, 3e4, 2.4e5, 3e5] {
            for &v in &[-1e6, -1e3, -30.0, -1.0, 0.0, 0.3, 5.0, 99.0, 400.0, 999.0, 1001.0, 2e3, 1e6] {
                let (fast, n) = exact_step(v, c, h);
                let (slow, m) = reference_step(v, c, h);
                assert_eq!(n, m, "spikes at V = {v}, c = {c}");
                let scale = fast.abs().max(1.0);
                assert!((fast - slow).abs() <= 1e-12 * scale, "V = {v}, c = {c}: {fast} vs {slow}");
            }
        }
    }

    /// Inputs beyond the rational range take the phase form and count several spikes in a step.
    #[test]
    fn several_spikes_in_one_step() {
        let (c, h) = (4e6, 1e-2); // ωh = 20: 20/π ≈ 6.4 turns
        let (v, n) = exact_step(0.0, c, h);
        assert_eq!(n, 6);
        let (w, m) = reference_step(0.0, c, h);
        assert_eq!(m, 6);
        assert!((v - w).abs() <= 1e-9 * w.abs());
    }
}
