//! The stationary mean-field theory of a rank-one plus random network (Mastrogiuseppe & Ostojic
//! 2018, STAR Methods), for g < 1 where the random part does not make the dynamics chaotic.
//!
//! In a stationary state every current is Gaussian over units: x_i = m_i κ + I_i + √(g²⟨φ²⟩) ξ_i,
//! with mean μ = M_m κ + M_I and variance Δ0. The two unknowns solve
//!
//!   κ  = M_n ⟨φ(μ + √Δ0 z)⟩ + Σ_mn κ ⟨φ'(μ + √Δ0 z)⟩        (Stein's lemma for ⟨n_i φ(x_i)⟩)
//!   Δ0 = g² ⟨φ²(μ + √Δ0 z)⟩ + Σ_m² κ² + Σ_I².
//!
//! For given κ the second equation has one root Δ0(κ) when g < 1 (its right-hand side has slope
//! at most g² in Δ0), found by safeguarded Newton; the first is then one equation in κ, whose roots
//! are bracketed on a grid over the interval that provably holds them all. Along the solution set,
//! the overlap that makes κ a solution is explicit, which gives the bifurcation diagram without
//! root finding. A state is called stable when the reduced κ dynamics dκ/dt = F(κ) − κ (F the
//! right-hand side of the κ equation, Δ0 slaved to κ) is stable there: ∂F/∂κ < 1. On the trivial
//! branch this is the exact condition λ_out ⟨φ'⟩ < 1 (λ_out < 1 without input); elsewhere it
//! locates the folds and the pitchfork.

use crate::num::quad::GaussLegendre;
use crate::num::roots::brent;
use crate::num::special::phi;

/// The statistics of the connectivity and input that the theory depends on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stats {
    pub g: f64,
    pub m_m: f64,
    pub m_n: f64,
    pub s_m: f64,
    pub s_n: f64,
    pub rho: f64,
    pub m_i: f64,
    pub s_i: f64,
}

impl Stats {
    /// Σ_mn = ρ Σ_m Σ_n, the covariance of m and n.
    pub fn s_mn(&self) -> f64 {
        self.rho * self.s_m * self.s_n
    }
    /// The outlier of J as N → ∞: nᵀm/N → M_m M_n + Σ_mn.
    pub fn outlier(&self) -> f64 {
        self.m_m * self.m_n + self.s_mn()
    }
    /// Whether the stationary theory applies: below g = 1 the random part alone is stable.
    pub fn stationary(&self) -> bool {
        self.g < 1.0
    }
}

/// A stationary state: κ, the mean μ and the variance Δ0 of the currents over units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct State {
    pub kappa: f64,
    pub mu: f64,
    pub delta0: f64,
    pub stable: bool,
}

/// Gaussian averages of tanh at one mean and variance.
#[derive(Debug, Clone, Copy)]
struct Averages {
    /// ⟨φ⟩, ⟨φ'⟩, ⟨φ²⟩ and ⟨(φ²)'' / 2⟩ = ⟨φ'² + φφ''⟩.
    phi: f64,
    slope: f64,
    square: f64,
    square_curvature: f64,
}

/// The mean-field equations with their quadrature rule.
pub struct MeanField {
    pub stats: Stats,
    /// (z, weight) with the weight including the Gaussian density: ⟨f⟩ ≈ Σ w f(z).
    rule: Vec<(f64, f64)>,
}

/// The Gaussian measure is integrated on [−Z_MAX, Z_MAX] (the rest weighs 1e-19) by a composite
/// Gauss–Legendre rule: 8 panels of 16 points match a 64-panel rule to 1e-13 for Δ0 up to 20.
const Z_MAX: f64 = 9.0;
const ORDER: usize = 16;
const PANELS: usize = 8;

impl MeanField {
    pub fn new(stats: Stats) -> Self {
        Self::with_rule(stats, PANELS)
    }

    /// With a rule of `panels` panels (the tests compare rules).
    pub fn with_rule(stats: Stats, panels: usize) -> Self {
        let rule = GaussLegendre::new(ORDER)
            .composite_points(-Z_MAX, Z_MAX, panels)
            .into_iter()
            .map(|(z, w)| (z, w * phi(z)))
            .collect();
        MeanField { stats, rule }
    }

    fn averages(&self, mu: f64, delta: f64) -> Averages {
        let sd = delta.max(0.0).sqrt();
        let (mut a, mut d, mut s, mut c) = (0.0, 0.0, 0.0, 0.0);
        for &(z, w) in &self.rule {
            let t = libm::tanh(mu + sd * z);
            let slope = 1.0 - t * t;
            a += w * t;
            d += w * slope;
            s += w * t * t;
            c += w * slope * (1.0 - 3.0 * t * t);
        }
        Averages { phi: a, slope: d, square: s, square_curvature: c }
    }

    /// The root of Δ = g²⟨φ²(μ + √Δ z)⟩ + c as [`MeanField::delta_root`] finds it, but stopped as
    /// soon as a Newton step is below 1e-14 of Δ (or the equation holds exactly): a few steps
    /// where `delta_root`, kept as it is for the numbers of existing links, may bisect its bracket
    /// down to rounding. For the rank-two flow, which solves it at every step.
    pub fn delta_newton(&self, mu: f64, c: f64) -> f64 {
        let g2 = self.stats.g * self.stats.g;
        if g2 == 0.0 {
            return c;
        }
        let (mut lo, mut hi) = (c, c + g2);
        let mut x = c + g2 * self.averages(mu, c).square;
        for _ in 0..60 {
            let av = self.averages(mu, x);
            let f = g2 * av.square + c - x;
            if f == 0.0 {
                return x;
            }
            if f > 0.0 {
                lo = x;
            } else {
                hi = x;
            }
            let mut next = x + f / (1.0 - g2 * av.square_curvature);
            if !(next >= lo && next <= hi) {
                next = 0.5 * (lo + hi);
            }
            if (next - x).abs() <= 1e-14 * x {
                return next;
            }
            x = next;
        }
        x
    }

    /// ⟨φ'(μ + √Δ z)⟩.
    pub fn slope(&self, mu: f64, delta: f64) -> f64 {
        self.averages(mu, delta).slope
    }

    /// Mean of the currents at κ.
    pub fn mu(&self, kappa: f64) -> f64 {
        self.stats.m_m * kappa + self.stats.m_i
    }

    /// Δ0(κ): the root of Δ = g²⟨φ²(μ + √Δ z)⟩ + Σ_m²κ² + Σ_I², which lies in [c, c + g²]
    /// (c = Σ_m²κ² + Σ_I²) and is unique for g < 1: Newton's steps, bisection when one leaves the
    /// bracket.
    pub fn delta0(&self, kappa: f64) -> f64 {
        let st = &self.stats;
        let c = st.s_m * st.s_m * kappa * kappa + st.s_i * st.s_i;
        self.delta_root(self.mu(kappa), c)
    }

    /// The root of Δ = g²⟨φ²(μ + √Δ z)⟩ + c, in [c, c + g²].
    pub fn delta_root(&self, mu: f64, c: f64) -> f64 {
        let g2 = self.stats.g * self.stats.g;
        let (mut lo, mut hi) = (c, c + g2);
        let mut x = c + g2 * self.averages(mu, c).square;
        for _ in 0..100 {
            let av = self.averages(mu, x);
            let f = g2 * av.square + c - x;
            if f > 0.0 {
                lo = x;
            } else {
                hi = x;
            }
            let step = f / (1.0 - g2 * av.square_curvature);
            let mut next = x + step;
            if !(next > lo && next < hi) {
                next = 0.5 * (lo + hi);
            }
            if (next - x).abs() <= 1e-15 * x.max(1e-300) || hi - lo <= 1e-15 * hi {
                return next;
            }
            x = next;
        }
        x
    }

    /// The right-hand side F(κ) of the κ equation at the overlap Σ_mn = `s_mn`, and the averages
    /// ⟨φ⟩ and ⟨φ'⟩ it is made of.
    fn rhs(&self, kappa: f64, s_mn: f64) -> (f64, f64, f64) {
        let delta = self.delta0(kappa);
        let av = self.averages(self.mu(kappa), delta);
        (self.stats.m_n * av.phi + s_mn * kappa * av.slope, av.phi, av.slope)
    }

    /// ∂F/∂κ at fixed overlap, Δ0 slaved to κ (central difference).
    fn rhs_slope(&self, kappa: f64, s_mn: f64) -> f64 {
        let h = 1e-5 * kappa.abs().max(1.0);
        (self.rhs(kappa + h, s_mn).0 - self.rhs(kappa - h, s_mn).0) / (2.0 * h)
    }

    fn state(&self, kappa: f64, s_mn: f64) -> State {
        State { kappa, mu: self.mu(kappa), delta0: self.delta0(kappa), stable: self.rhs_slope(kappa, s_mn) < 1.0 }
    }

    /// No solution has |κ| above this: √Δ0 ≥ Σ_m|κ| and √Δ⟨φ'(μ + √Δ z)⟩ ≤ 2/√(2π) < 0.8 bound
    /// the second term of the κ equation by 0.8 |ρ| Σ_n, the first is at most |M_n|.
    pub fn kappa_bound(&self) -> f64 {
        self.stats.m_n.abs() + 0.8 * (self.stats.rho * self.stats.s_n).abs() + 0.05
    }

    /// Every stationary state at the network's own overlap, in increasing κ: sign changes of
    /// F(κ) − κ on a grid of `KAPPA_GRID` points, refined by Brent's method.
    pub fn states(&self) -> Vec<State> {
        let s_mn = self.stats.s_mn();
        let gap = |k: f64| self.rhs(k, s_mn).0 - k;
        let bound = self.kappa_bound();
        // An even number of points keeps κ = 0 between two of them: a root there is bracketed.
        let grid: Vec<f64> =
            (0..KAPPA_GRID).map(|k| -bound + 2.0 * bound * k as f64 / (KAPPA_GRID - 1) as f64).collect();
        let values: Vec<f64> = grid.iter().map(|&k| gap(k)).collect();
        let mut roots: Vec<f64> = Vec::new();
        for k in 0..KAPPA_GRID - 1 {
            let (a, b) = (grid[k], grid[k + 1]);
            let (fa, fb) = (values[k], values[k + 1]);
            let root = if fa == 0.0 {
                Some(a)
            } else if (fa < 0.0) != (fb < 0.0) && fb != 0.0 {
                brent(gap, a, b, 1e-13).ok()
            } else {
                None
            };
            if let Some(r) = root {
                if roots.last().is_none_or(|&last| r - last > 1e-9) {
                    roots.push(r);
                }
            }
        }
        roots.into_iter().map(|k| self.state(k, s_mn)).collect()
    }

    /// κ(0) of the mean field for x(0) = ±m + 0.1 ξ: the currents start Gaussian with mean ±M_m
    /// and variance Σ_m² + 0.01.
    pub fn initial_kappa(&self, sign: f64) -> f64 {
        let st = &self.stats;
        let av = self.averages(sign * st.m_m, st.s_m * st.s_m + INITIAL_NOISE * INITIAL_NOISE);
        st.m_n * av.phi + sign * st.s_mn() * av.slope
    }

    /// The state the reduced flow dκ/dt = F(κ) − κ reaches from κ(0): the nearest root in the
    /// direction of the flow. `None` when there is none (cannot happen for g < 1: F is bounded).
    pub fn reached(&self, states: &[State], kappa0: f64) -> Option<State> {
        let g = self.rhs(kappa0, self.stats.s_mn()).0 - kappa0;
        if g > 0.0 {
            states.iter().find(|s| s.kappa >= kappa0).copied()
        } else {
            states.iter().rev().find(|s| s.kappa <= kappa0).copied()
        }
    }

    /// The solution set against the overlap λ = M_m M_n + Σ_mn (varied through Σ_mn), traced by κ:
    /// at κ ≠ 0 the κ equation gives Σ_mn = (κ − M_n⟨φ⟩)/(κ⟨φ'⟩). Points with λ outside `range`
    /// end a branch; each branch is cut where its stability changes.
    pub fn branches(&self, range: [f64; 2]) -> Vec<Branch> {
        let st = &self.stats;
        let bound = self.kappa_bound();
        let mut out = Vec::new();
        for sign in [1.0, -1.0] {
            let mut current: Option<Branch> = None;
            for k in 1..=BRANCH_POINTS {
                let kappa = sign * bound * k as f64 / BRANCH_POINTS as f64;
                let (_, a, d) = self.rhs(kappa, 0.0);
                let s_mn = (kappa - st.m_n * a) / (kappa * d);
                let lambda = st.m_m * st.m_n + s_mn;
                if !(lambda >= range[0] && lambda <= range[1]) {
                    if let Some(b) = current.take() {
                        out.push(b);
                    }
                    continue;
                }
                let stable = self.rhs_slope(kappa, s_mn) < 1.0;
                match &mut current {
                    Some(b) if b.stable == stable => {
                        b.overlap.push(lambda);
                        b.kappa.push(kappa);
                    }
                    _ => {
                        if let Some(b) = current.take() {
                            out.push(b);
                        }
                        current = Some(Branch { stable, overlap: vec![lambda], kappa: vec![kappa] });
                    }
                }
            }
            if let Some(b) = current.take() {
                out.push(b);
            }
        }
        // κ = 0 solves the equations whenever the mean input is zero (φ is odd); it is stable
        // below λ = 1/⟨φ'(√Δ0 z)⟩.
        if st.m_i == 0.0 {
            let slope = self.averages(0.0, self.delta0(0.0)).slope;
            let threshold = 1.0 / slope;
            let mut add = |lo: f64, hi: f64, stable: bool| {
                if lo < hi {
                    out.push(Branch { stable, overlap: vec![lo, hi], kappa: vec![0.0, 0.0] });
                }
            };
            add(range[0], threshold.min(range[1]), true);
            add(threshold.max(range[0]), range[1], false);
        }
        out
    }
}

/// Points of the κ grid on which roots are bracketed.
const KAPPA_GRID: usize = 400;
/// Points along each non-trivial branch of the bifurcation diagram.
const BRANCH_POINTS: usize = 240;
/// The amplitude of the noise in the initial condition x(0) = ±m + 0.1 ξ.
pub const INITIAL_NOISE: f64 = 0.1;

/// A piece of the solution set on which the stability does not change.
#[derive(Debug, Clone, PartialEq)]
pub struct Branch {
    pub stable: bool,
    pub overlap: Vec<f64>,
    pub kappa: Vec<f64>,
}
