//! The mean field of a rank-two structure J = gχ + m₁n₁ᵀ/N + m₂n₂ᵀ/N (Mastrogiuseppe & Ostojic
//! 2018, rank-two section; Beiran et al. 2021), with m₁, m₂ independent standard Gaussian vectors
//! and n_r = Σ_s σ_rs m_s + ξ_r, so that n_rᵀm_s/N → σ_rs.
//!
//! The currents are x_i = Σ_r m_ir k_r + I_i + (a random part of variance g²⟨φ²⟩): Gaussian over
//! units with mean μ = M_I and variance Δ = g²⟨φ²⟩ + |k|² + Σ_I². The latent variables read out by
//! the n_r are, by Stein's lemma, κ_r = ⟨n_r φ(x)⟩ = ⟨φ'(μ + √Δ z)⟩ Σ_s σ_rs k_s. In a stationary
//! state k = κ, so κ = ⟨φ'⟩ σκ: κ is a real eigenvector of σ whose eigenvalue λ has λ⟨φ'⟩ = 1, which
//! fixes |κ| (with σ = sI every direction: a ring). When σ has complex eigenvalues a ± ib there is
//! no fixed point but κ = 0, and for a⟨φ'⟩ > 1 at κ = 0 the latent variables circle a limit cycle.
//!
//! The latent dynamics: the currents' coordinates along the m_r obey dk/dt = −k + κ exactly, so
//! with Δ slaved to |k| the flow dk/dt = −k + ⟨φ'⟩(Δ(k)) σk closes. At g = 0 and N → ∞ this is
//! exact (every current stays in the span of the m_r, the input and the decaying initial noise);
//! at g > 0 it takes the random part at its stationary variance at every moment, an approximation
//! away from fixed points (on the cycle of the rotation 1.5 ± i at g = 0.3, |κ| and the period
//! within about 1 % of a network of 2000 units). The flow is integrated with the simulation's own Euler step, so that at
//! g = 0 the two agree to O(N^-1/2) and not only to O(Δt).

use super::theory::{INITIAL_NOISE, MeanField, Stats};
use crate::num::eigen::Complex;
use crate::num::roots::brent;

/// The statistics the rank-two theory depends on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RankTwo {
    pub g: f64,
    /// σ_rs, row by row.
    pub overlaps: [[f64; 2]; 2],
    pub m_i: f64,
    pub s_i: f64,
}

/// A stationary state: κ (equal to k), the variance of the currents and its stability under the
/// latent flow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FixedPoint {
    pub kappa: [f64; 2],
    pub delta0: f64,
    pub stable: bool,
}

/// The circular limit cycle of a rotation σ = [[a, −b], [b, a]] under the Euler map of step Δt.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cycle {
    /// |k| on the cycle.
    pub radius_k: f64,
    /// |κ| = ⟨φ'⟩|λ||k| on the cycle.
    pub radius_kappa: f64,
    /// The period, in units of τ.
    pub period: f64,
}

/// The latent flow from the run's initial condition, at the recorded steps.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Trajectory {
    pub t: Vec<f64>,
    /// The coordinates k of the currents along m₁, m₂, and the latent variables κ.
    pub k: Vec<[f64; 2]>,
    pub kappa: Vec<[f64; 2]>,
    /// Variance and mean of the currents.
    pub delta: Vec<f64>,
    pub mu: Vec<f64>,
}

/// Points of the grid on which the radius of a fixed point is bracketed.
const RADIUS_GRID: usize = 200;

pub struct LatentField {
    pub stats: RankTwo,
    mf: MeanField,
}

impl LatentField {
    pub fn new(stats: RankTwo) -> Self {
        // The rank-one mean field with unit-variance m and no overlap: its Δ0(κ) is the root of
        // Δ = g²⟨φ²(M_I + √Δ z)⟩ + κ² + Σ_I², and its Gaussian averages are those needed here.
        let one =
            Stats { g: stats.g, m_m: 0.0, m_n: 0.0, s_m: 1.0, s_n: 0.0, rho: 0.0, m_i: stats.m_i, s_i: stats.s_i };
        LatentField { stats, mf: MeanField::new(one) }
    }

    /// The eigenvalues of σ, larger real part first (for a complex pair, positive imaginary part
    /// first): the outliers of J as N → ∞.
    pub fn eigenvalues(&self) -> [Complex; 2] {
        let [[a, b], [c, d]] = self.stats.overlaps;
        let half_trace = 0.5 * (a + d);
        let disc = 0.25 * (a - d) * (a - d) + b * c;
        if disc >= 0.0 {
            let r = disc.sqrt();
            [Complex { re: half_trace + r, im: 0.0 }, Complex { re: half_trace - r, im: 0.0 }]
        } else {
            let r = (-disc).sqrt();
            [Complex { re: half_trace, im: r }, Complex { re: half_trace, im: -r }]
        }
    }

    /// Stationary Δ0 and ⟨φ'⟩ at |κ| = ρ.
    pub fn at_radius(&self, rho: f64) -> (f64, f64) {
        let delta = self.mf.delta_newton(self.stats.m_i, rho * rho + self.stats.s_i * self.stats.s_i);
        (delta, self.mf.slope(self.stats.m_i, delta))
    }

    /// The radii ρ > 0 with λ⟨φ'⟩(ρ) = 1, increasing: ⟨φ'(μ + √Δ z)⟩ ≤ 2/√(2πΔ) < 0.8/ρ puts them
    /// all below 0.8 λ.
    pub fn radii(&self, lambda: f64) -> Vec<f64> {
        if lambda <= 0.0 {
            return Vec::new();
        }
        let gap = |rho: f64| lambda * self.at_radius(rho).1 - 1.0;
        let top = 0.8 * lambda + 0.05;
        let grid: Vec<f64> = (1..=RADIUS_GRID).map(|k| top * k as f64 / RADIUS_GRID as f64).collect();
        let values: Vec<f64> = grid.iter().map(|&r| gap(r)).collect();
        let mut out = Vec::new();
        let (mut a, mut fa) = (0.0, gap(0.0));
        for (&b, &fb) in grid.iter().zip(&values) {
            if fa != 0.0 && (fa < 0.0) != (fb < 0.0) {
                if let Ok(r) = brent(gap, a, b, 1e-13) {
                    out.push(r);
                }
            }
            (a, fa) = (b, fb);
        }
        out
    }

    /// The latent flow F(k) = ⟨φ'⟩(Δ0(|k|)) σk − k of the stationary mean field.
    fn flow(&self, k: [f64; 2]) -> [f64; 2] {
        let s = self.stats.overlaps;
        let c = self.at_radius((k[0] * k[0] + k[1] * k[1]).sqrt()).1;
        [c * (s[0][0] * k[0] + s[0][1] * k[1]) - k[0], c * (s[1][0] * k[0] + s[1][1] * k[1]) - k[1]]
    }

    /// Whether the flow is stable at a fixed point: both eigenvalues of its Jacobian (central
    /// differences) have real part below 1e-6 (a ring's neutral direction counts as stable).
    fn stable_at(&self, k: [f64; 2]) -> bool {
        let h = 1e-5 * (k[0].abs() + k[1].abs()).max(1.0);
        let mut jac = [[0.0; 2]; 2];
        for (col, unit) in [[1.0, 0.0], [0.0, 1.0]].iter().enumerate() {
            let plus = self.flow([k[0] + h * unit[0], k[1] + h * unit[1]]);
            let minus = self.flow([k[0] - h * unit[0], k[1] - h * unit[1]]);
            for row in 0..2 {
                jac[row][col] = (plus[row] - minus[row]) / (2.0 * h);
            }
        }
        let half_trace = 0.5 * (jac[0][0] + jac[1][1]);
        let half_gap = 0.5 * (jac[0][0] - jac[1][1]);
        let disc = half_gap * half_gap + jac[0][1] * jac[1][0];
        let top = if disc >= 0.0 { half_trace + disc.sqrt() } else { half_trace };
        top < 1e-6
    }

    /// Whether σ is a multiple sI of the identity: then every direction is an eigenvector.
    pub fn isotropic(&self) -> bool {
        let [[a, b], [c, d]] = self.stats.overlaps;
        a == d && b == 0.0 && c == 0.0
    }

    /// The radius of the ring of fixed points when σ = sI and s⟨φ'⟩ > 1 at κ = 0.
    pub fn ring(&self) -> Option<f64> {
        if !self.isotropic() {
            return None;
        }
        self.radii(self.stats.overlaps[0][0]).first().copied()
    }

    /// Every fixed point: κ = 0, and ±ρ e for each real eigenvector e of σ and each radius ρ of its
    /// eigenvalue (for a ring, the two points on the axis of m₁ stand for the whole ring).
    pub fn fixed_points(&self) -> Vec<FixedPoint> {
        let (delta_zero, _) = self.at_radius(0.0);
        let mut out = vec![FixedPoint { kappa: [0.0, 0.0], delta0: delta_zero, stable: self.stable_at([0.0, 0.0]) }];
        let [[a, b], [c, d]] = self.stats.overlaps;
        let ev = self.eigenvalues();
        if ev[0].im != 0.0 {
            return out;
        }
        let count = if ev[0].re == ev[1].re { 1 } else { 2 };
        for lambda in ev.iter().take(count).map(|z| z.re) {
            // An eigenvector: a row of σ − λ gives it, (b, λ − a) or (λ − d, c); for σ = sI, e₁.
            let candidates = [[b, lambda - a], [lambda - d, c], [1.0, 0.0]];
            let e = candidates.into_iter().find(|v| v[0] * v[0] + v[1] * v[1] > 1e-24).unwrap_or([1.0, 0.0]);
            let norm = (e[0] * e[0] + e[1] * e[1]).sqrt();
            let e = if self.isotropic() { [1.0, 0.0] } else { [e[0] / norm, e[1] / norm] };
            for rho in self.radii(lambda) {
                let (delta0, _) = self.at_radius(rho);
                for sign in [1.0, -1.0] {
                    let kappa = [sign * rho * e[0], sign * rho * e[1]];
                    out.push(FixedPoint { kappa, delta0, stable: self.stable_at(kappa) });
                }
            }
        }
        out
    }

    /// The limit cycle of a rotation σ = [[a, −b], [b, a]], b ≠ 0, under Euler steps of `dt` (dt = 0:
    /// the flow itself). On a circle |k| = ρ the map multiplies k by 1 − Δt + Δt c λ, c = ⟨φ'⟩(ρ),
    /// λ = a + ib: the cycle has |1 − Δt + Δt c λ| = 1 and turns by its argument per step (for
    /// Δt → 0: c = 1/a and the angular frequency b/a). `None` when σ is not a rotation or the
    /// origin is stable.
    pub fn cycle(&self, dt: f64) -> Option<Cycle> {
        let [[a, b], [c, d]] = self.stats.overlaps;
        if a != d || b != -c || b == 0.0 {
            return None;
        }
        let modulus2 = a * a + b * b;
        let target = if dt == 0.0 {
            1.0 / a
        } else {
            // dt²|λ|² c² + 2(1 − dt) dt a c − dt(2 − dt) = 0, the positive root.
            let (qa, qb, qc) = (dt * dt * modulus2, 2.0 * (1.0 - dt) * dt * a, -dt * (2.0 - dt));
            (-qb + (qb * qb - 4.0 * qa * qc).sqrt()) / (2.0 * qa)
        };
        if !target.is_finite() || target <= 0.0 || self.at_radius(0.0).1 <= target {
            return None;
        }
        let top = 0.8 / target + 0.05;
        let radius_k = brent(|r| self.at_radius(r).1 - target, 0.0, top, 1e-13).ok()?;
        let angle = if dt == 0.0 { b / a } else { libm::atan2(dt * target * b, 1.0 - dt + dt * target * a) / dt };
        Some(Cycle {
            radius_k,
            radius_kappa: target * modulus2.sqrt() * radius_k,
            period: 2.0 * std::f64::consts::PI / angle.abs(),
        })
    }

    /// The latent flow from x(0) = ±m₁ + 0.1ξ by Euler steps of `dt`, recorded every `stride` steps
    /// and at the last. At step n the currents have mean μ_n = M_I s_n and, besides the random
    /// part, the variance |k_n|² + Σ_I² s_n² + 0.01 (1 − Δt)^{2n}, with s_n = 1 − (1 − Δt)^n the
    /// part of the input built up (the simulation starts without it) and the initial noise decaying.
    pub fn trajectory(&self, dt: f64, steps: usize, stride: usize, sign: f64) -> Trajectory {
        let s = self.stats.overlaps;
        let s_i2 = self.stats.s_i * self.stats.s_i;
        let mut k = [sign, 0.0];
        let mut out = Trajectory::default();
        let mut decay = 1.0;
        for n in 0..=steps {
            let built = 1.0 - decay;
            let mu = self.stats.m_i * built;
            let c = k[0] * k[0] + k[1] * k[1] + s_i2 * built * built + INITIAL_NOISE * INITIAL_NOISE * decay * decay;
            let delta = self.mf.delta_newton(mu, c);
            let slope = self.mf.slope(mu, delta);
            let kappa = [slope * (s[0][0] * k[0] + s[0][1] * k[1]), slope * (s[1][0] * k[0] + s[1][1] * k[1])];
            if n % stride == 0 || n == steps {
                out.t.push(n as f64 * dt);
                out.k.push(k);
                out.kappa.push(kappa);
                out.delta.push(delta);
                out.mu.push(mu);
            }
            k = [k[0] + dt * (kappa[0] - k[0]), k[1] + dt * (kappa[1] - k[1])];
            decay *= 1.0 - dt;
        }
        out
    }
}
