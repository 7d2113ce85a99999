//! The Montbrió–Pazó–Roxin rate equations of the population and what follows from them: their
//! fixed points and stability, the saddle-node curves and the cusp, and the map from (r, v) to the
//! Kuramoto order parameter.
//!
//! With τ = 1, Lorentzian η (centre η̄, half-width Δ) and Lorentzian couplings (J̄, Δ_J), the
//! population's input η_i + J_i s + I − a is Lorentzian with centre η̄ + J̄s + I − a and half-width
//! Δ + Δ_J s (s ≥ 0), and the Lorentzian ansatz for the potentials closes exactly:
//! r' = (Δ + Δ_J s)/π + 2rv, v' = v² + η̄ + J̄s + I − a − π²r². The synaptic variable follows
//! τ_s s' = r − s, and a global adaptation τ_a a' = −a + βs. Adaptation that differs from neuron to
//! neuron breaks the ansatz; its population mean obeys τ_a a' = −a + βr, and taking a_i ≈ a gives the
//! same equations as an approximation.

use crate::num::ode::{OdeSystem, Rk4};
use crate::num::roots::brent;
use std::f64::consts::PI;

const PI2: f64 = PI * PI;

/// How the neurons adapt.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Adaptation {
    None,
    /// One current for the population, driven by the synaptic variable: exact reduction.
    Global {
        beta: f64,
        tau_a: f64,
    },
    /// One current per neuron, kicked by its own spikes: the reduction is an approximation.
    Individual {
        beta: f64,
        tau_a: f64,
    },
}

impl Adaptation {
    /// β, the total adaptation per unit rate (0 without adaptation).
    pub fn beta(&self) -> f64 {
        match *self {
            Adaptation::None => 0.0,
            Adaptation::Global { beta, .. } | Adaptation::Individual { beta, .. } => beta,
        }
    }
}

/// The population's parameters (τ = 1); `current` is the step current I held for the fixed points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Population {
    pub delta: f64,
    pub eta_bar: f64,
    pub j_bar: f64,
    pub delta_j: f64,
    pub tau_s: f64,
    pub adaptation: Adaptation,
}

/// The reduced state (r, v, s, a) and its equations under a current I(t) given per step.
pub struct RateEquations {
    pub pop: Population,
    pub current: f64,
}

impl OdeSystem for RateEquations {
    fn dim(&self) -> usize {
        4
    }
    fn rhs(&self, _t: f64, y: &[f64], dy: &mut [f64]) {
        let p = &self.pop;
        let (r, v, s, a) = (y[0], y[1], y[2], y[3]);
        dy[0] = (p.delta + p.delta_j * s) / PI + 2.0 * r * v;
        dy[1] = v * v + p.eta_bar + p.j_bar * s + self.current - a - PI2 * r * r;
        dy[2] = (r - s) / p.tau_s;
        dy[3] = match p.adaptation {
            Adaptation::None => 0.0,
            Adaptation::Global { beta, tau_a } => (beta * s - a) / tau_a,
            Adaptation::Individual { beta, tau_a } => (beta * r - a) / tau_a,
        };
    }
}

/// RK4 on the network's time grid, the current fixed over each step as in the network.
pub struct RateIntegrator {
    pub system: RateEquations,
    pub state: [f64; 4],
    rk4: Rk4,
}

impl RateIntegrator {
    /// From r = 0, v = v₀ (all potentials at v₀: a Lorentzian of zero width), s = a = 0.
    pub fn new(pop: Population, v0: f64) -> Self {
        RateIntegrator { system: RateEquations { pop, current: 0.0 }, state: [0.0, v0, 0.0, 0.0], rk4: Rk4::new(4) }
    }

    pub fn step(&mut self, current: f64, h: f64) {
        self.system.current = current;
        // The dimensions match by construction, the only error Rk4 reports.
        let _ = self.rk4.step(&self.system, 0.0, &mut self.state, h);
    }
}

/// The stationary rate equation F(r) = 0, with v* = −(Δ + Δ_J r)/(2πr) and a* = βr:
/// F(r) = (Δ + Δ_J r)²/(4π²r²) + η̄ + I + (J̄ − β)r − π²r².
pub fn stationarity(p: &Population, current: f64, r: f64) -> f64 {
    let w = p.delta + p.delta_j * r;
    w * w / (4.0 * PI2 * r * r) + p.eta_bar + current + (p.j_bar - p.adaptation.beta()) * r - PI2 * r * r
}

/// A fixed point with the eigenvalues of the instantaneous-synapse system (s = r).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FixedPoint {
    pub r: f64,
    pub v: f64,
    pub stable: bool,
    /// The two eigenvalues of the (r, v) Jacobian as (re, im) pairs (without adaptation; with it,
    /// those of the frozen-a subsystem). Stability uses the full system.
    pub eigenvalues: [(f64, f64); 2],
}

/// Every fixed point, in increasing r: F's sign changes on a fine logarithmic grid, refined by Brent.
pub fn fixed_points(p: &Population, current: f64) -> Vec<FixedPoint> {
    let f = |r: f64| stationarity(p, current, r);
    // F > 0 below the smallest root and < 0 above r_hi, where π²r² outweighs every other term.
    let b = (p.j_bar - p.adaptation.beta()).abs();
    let rest = (p.eta_bar + current).abs() + p.delta_j * p.delta_j / (4.0 * PI2) + 1.0;
    let r_hi = 2.0 * (b / PI2 + rest.sqrt() / PI) + 1.0;
    let r_lo = 1e-9_f64.min(p.delta / (2.0 * PI * rest.sqrt()) * 1e-3);
    const GRID: usize = 4000;
    let ratio = r_hi / r_lo;
    let mut out = Vec::new();
    let mut prev = (r_lo, f(r_lo));
    for k in 1..=GRID {
        let r = r_lo * libm::pow(ratio, k as f64 / GRID as f64);
        let fr = f(r);
        if prev.1 > 0.0 && fr <= 0.0 || prev.1 < 0.0 && fr >= 0.0 {
            if let Ok(root) = brent(f, prev.0, r, 1e-15 * r) {
                out.push(classify(p, root));
            }
        }
        prev = (r, fr);
    }
    out
}

/// v*, eigenvalues and stability at the stationary rate r.
pub fn classify(p: &Population, r: f64) -> FixedPoint {
    let v = -(p.delta + p.delta_j * r) / (2.0 * PI * r);
    // Jacobian of (r, v) with s = r and a frozen: [[Δ_J/π + 2v, 2r], [J̄ − 2π²r, 2v]].
    let (a11, a12, a21, a22) = (p.delta_j / PI + 2.0 * v, 2.0 * r, p.j_bar - 2.0 * PI2 * r, 2.0 * v);
    let (tr, det) = (a11 + a22, a11 * a22 - a12 * a21);
    let disc = 0.25 * tr * tr - det;
    let eigenvalues = if disc >= 0.0 {
        let d = disc.sqrt();
        [(0.5 * tr - d, 0.0), (0.5 * tr + d, 0.0)]
    } else {
        let d = (-disc).sqrt();
        [(0.5 * tr, -d), (0.5 * tr, d)]
    };
    let stable = match p.adaptation {
        Adaptation::None => tr < 0.0 && det > 0.0,
        Adaptation::Global { beta, tau_a } | Adaptation::Individual { beta, tau_a } => {
            // Add a: v' gets −a, a' = (βr − a)/τ_a. Characteristic polynomial λ³ + c₂λ² + c₁λ + c₀;
            // Routh–Hurwitz: all roots in the left half-plane iff c₂ > 0, c₀ > 0 and c₂c₁ > c₀.
            let k = 1.0 / tau_a;
            let c2 = k - tr;
            let c1 = det - tr * k;
            let c0 = k * (det + a12 * beta);
            c2 > 0.0 && c0 > 0.0 && c2 * c1 > c0
        }
    };
    FixedPoint { r, v, stable, eigenvalues }
}

/// The saddle-node (fold) curve of F at I = 0, parametrised by r > 0: (η̄(r), J̄(r)), from F = 0 and
/// F' = 0 solved for η̄ and J̄ (β shifts J̄, Δ_J enters the width).
pub fn fold(p: &Population, r: f64) -> (f64, f64) {
    let (d, dj) = (p.delta, p.delta_j);
    let j_eff = 2.0 * PI2 * r + d * d / (2.0 * PI2 * r * r * r) + d * dj / (2.0 * PI2 * r * r);
    let w = d + dj * r;
    let eta = -(w * w / (4.0 * PI2 * r * r) + j_eff * r - PI2 * r * r);
    (eta, j_eff + p.adaptation.beta())
}

/// The cusp: the rate where J̄(r) of the fold is smallest, and the point (η̄_c, J̄_c).
/// J̄'(r) = 2π² − 3Δ²/(2π²r⁴) − ΔΔ_J/(π²r³) = 0; without Δ_J, r_c = (3/4)^{1/4}√Δ/π.
pub fn cusp(p: &Population) -> (f64, (f64, f64)) {
    let (d, dj) = (p.delta, p.delta_j);
    let slope = |r: f64| 2.0 * PI2 - 3.0 * d * d / (2.0 * PI2 * r.powi(4)) - d * dj / (PI2 * r.powi(3));
    let r0 = libm::pow(0.75, 0.25) * d.sqrt() / PI;
    // slope rises with r; the root lies between r₀ (Δ_J = 0) and where the Δ_J term alone balances.
    let hi = r0.max(libm::cbrt(d * dj / (PI2 * PI2)) * 2.0) * 2.0;
    let r = brent(slope, r0 * 0.5, hi, 1e-15 * r0).unwrap_or(r0);
    (r, fold(p, r))
}

/// Z = (1 − W̄)/(1 + W̄), W = πr + iv: the Kuramoto order parameter ⟨e^{iθ}⟩, θ = 2 arctan V, of a
/// Lorentzian of potentials with centre v and half-width πr. Returns (Re Z, Im Z).
pub fn kuramoto(r: f64, v: f64) -> (f64, f64) {
    // W̄ = πr − iv; (1 − W̄)/(1 + W̄) = ((1 − πr) + iv)/((1 + πr) − iv).
    let (a, b) = (1.0 - PI * r, v);
    let (c, d) = (1.0 + PI * r, -v);
    let n = c * c + d * d;
    ((a * c + b * d) / n, (b * c - a * d) / n)
}
