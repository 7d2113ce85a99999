//! Dynamic mean-field theory of the random network with populations of time constants:
//! τ_i dx_i/dt = −x_i + Σ_j J_ij φ_j(x_j).
//!
//! Every unit still sees one Gaussian field η, with ⟨η(t)η(t+s)⟩ = g² C(s), C(s) = Σ_a p_a
//! C_{φ_a}(Δ_a(s); Δ_a(0)), but a unit of time constant τ_a filters it: the spectrum of its current
//! is S_{x,a}(ω) = S_η(ω)/(1 + ω²τ_a²). So each population has its own autocorrelation Δ_a(s), and
//! the Δ_a are found together by a damped fixed-point iteration on a grid of lags, the Fourier
//! transforms by FFT: from Δ_a(s) = Δ0 e^{−|s|/τ_a} (Δ0 of the network with one time constant),
//! C from the Δ_a (Mehler's series of [`super::theory`]), S_η, every Δ_a anew, mixed with the old
//! when the iteration wavers, until no value moves by more than 1e-7.
//!
//! Since 1/(1 + ω²τ²) falls with τ at every ω, a slow unit's current has the smaller variance:
//! Δ_slow(0) < Δ_fast(0), while its correlation lasts longer (g = 2, τ = 1 and 10 in equal shares:
//! Δ_a(0) = 2.044 and 1.796, Δ_a(20)/Δ_a(0) = 0.71 and 0.79).
//!
//! The linearisation at x = 0 is T⁻¹(−I + gJΓ) (T = diag τ, Γ = diag γ). The support of its
//! spectrum as N → ∞ is {z : g² ⟨γ_i²/|τ_i z + 1|²⟩ ≥ 1} (Ahmadian, Fumarola & Miller 2015, for
//! A + LJR with diagonal A, L, R), whose rightmost point crosses z = 0 where g²⟨γ²⟩ = 1: the onset
//! of chaos does not depend on the time constants.
//!
//! ## Reference
//! Y. Ahmadian, F. Fumarola and K. D. Miller, "Properties of networks with partially structured and
//! partially random connectivity", Phys. Rev. E 91, 012820 (2015).

use super::theory::{self, GaussianRule, Population, TERMS};
use crate::num::fft::Fft;
use crate::num::roots::brent;

/// Units of one gain γ and one time constant τ, a share p of the network.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Group {
    pub gain: f64,
    pub tau: f64,
    pub share: f64,
}

/// The lag grid: step τ_min/4, and on the circle at least 2^13 points and lags up to 32 τ_max each
/// way, where every Δ_a has long decayed (at g = 2 with τ = 1 and 10, Δ_a(s) falls by e per 35 at
/// long lags, so what comes round the circle is below 1e-7 Δ_a(0)). Half the step on twice the
/// circle gives the same Δ0 to 1e-6. Near the onset the correlation time diverges and the
/// circle of lags cuts the tail: at g = 1.1 Δ0 is still within 0.5 % of the network with one τ.
const STEPS_PER_TAU: f64 = 4.0;
const MIN_POINTS: usize = 1 << 13;
const SPAN: f64 = 32.0;
/// Share of the new iterate (halved, down to 0.1, after an iteration that moved twice as much as
/// the one before; the plain iteration converges at every g and ratio of time constants tried, 2–4 times
/// faster than with the share 0.3), and the largest change of any Δ_a(s) at which it stops.
const MIX: f64 = 1.0;
const TOLERANCE: f64 = 1e-7;
const MAX_ITERATIONS: usize = 4000;

/// The theory at one coupling strength.
#[derive(Debug, Clone, PartialEq)]
pub struct TauSolution {
    pub g: f64,
    pub groups: Vec<Group>,
    /// Step of the lag grid.
    pub step: f64,
    /// Δ_a(k·step), k = 0..=points/2, per group.
    pub delta: Vec<Vec<f64>>,
    /// Iterations taken, and the largest change of the last one.
    pub iterations: usize,
    pub change: f64,
}

impl TauSolution {
    /// Δ0 = ⟨x²⟩ over all units: Σ_a p_a Δ_a(0).
    pub fn delta0(&self) -> f64 {
        self.groups.iter().zip(&self.delta).map(|(p, d)| p.share * d[0]).sum()
    }

    /// Δ_a(s) for |s| within the grid (linear between grid points), 0 beyond.
    pub fn delta_at(&self, a: usize, s: f64) -> f64 {
        let x = s.abs() / self.step;
        let m = x.floor() as usize;
        let d = &self.delta[a];
        if m + 1 >= d.len() {
            return 0.0;
        }
        let f = x - m as f64;
        d[m] * (1.0 - f) + d[m + 1] * f
    }
}

/// ⟨γ²⟩ over the groups.
fn mean_square_gain(groups: &[Group]) -> f64 {
    groups.iter().map(|p| p.share * p.gain * p.gain).sum()
}

/// The onset g_c = 1/√⟨γ²⟩, whatever the time constants.
pub fn onset(groups: &[Group]) -> f64 {
    1.0 / mean_square_gain(groups).sqrt()
}

/// Σ_k c_k ρ^k, the terms beyond |ρ|^k < 1e-17 left out (every c_k ≤ ⟨φ²⟩ ≤ 1, so what is left
/// out is below 2e-17 for |ρ| < 1/2): most lags are far in the tail, where a few terms suffice.
fn series(c: &[f64], rho: f64) -> f64 {
    let a = rho.abs();
    let terms = if a == 0.0 {
        1
    } else if a < 0.5 {
        ((-39.2 / libm::log(a)).ceil() as usize + 1).min(c.len())
    } else {
        c.len()
    };
    c[..terms].iter().rev().fold(0.0, |acc, &c| acc * rho + c)
}

/// The orthonormal Hermite polynomials h_k at the nodes of the Gaussian rule, k < TERMS, once per
/// solution: then the Mehler coefficients at any variance cost one tanh per node.
struct HermiteTable {
    /// Weights of the nodes, and h_k(z_n) node by node.
    w: Vec<f64>,
    z: Vec<f64>,
    h: Vec<f64>,
}

impl HermiteTable {
    fn new(rule: &GaussianRule) -> Self {
        let (z, w) = rule.nodes();
        let roots: Vec<f64> = (0..=TERMS).map(|k| (k as f64).sqrt()).collect();
        let mut h = vec![0.0; z.len() * TERMS];
        for (n, &x) in z.iter().enumerate() {
            let row = &mut h[n * TERMS..(n + 1) * TERMS];
            // h_{k+1} = (z h_k − √k h_{k−1}) / √(k+1), as in the theory of one time constant.
            row[0] = 1.0;
            row[1] = x;
            for k in 1..TERMS - 1 {
                row[k + 1] = (x * row[k] - roots[k] * row[k - 1]) / roots[k + 1];
            }
        }
        HermiteTable { w: w.to_vec(), z: z.to_vec(), h }
    }

    /// c_k² of tanh(s z), c_k = ⟨tanh(s z) h_k(z)⟩, so that C_φ(Δ; Δ0) = Σ_k c_k² (Δ/Δ0)^k with
    /// s = γ√Δ0.
    fn squared_coefficients(&self, s: f64) -> Vec<f64> {
        let mut c = vec![0.0; TERMS];
        for (n, (&z, &w)) in self.z.iter().zip(&self.w).enumerate() {
            let f = w * libm::tanh(s * z);
            for (ck, &hk) in c.iter_mut().zip(&self.h[n * TERMS..(n + 1) * TERMS]) {
                *ck += f * hk;
            }
        }
        for v in &mut c {
            *v *= *v;
        }
        c
    }
}

/// Δ_a(s) of every group at coupling g.
pub fn solve(g: f64, groups: &[Group]) -> TauSolution {
    solve_with(g, groups, &GaussianRule::new())
}

pub fn solve_with(g: f64, groups: &[Group], rule: &GaussianRule) -> TauSolution {
    solve_to(g, groups, rule, TOLERANCE)
}

/// As [`solve_with`], stopping once no Δ_a(s) moves by more than `tolerance` (the page's curves
/// against g take 1e-5).
pub fn solve_to(g: f64, groups: &[Group], rule: &GaussianRule, tolerance: f64) -> TauSolution {
    solve_mixing(g, groups, rule, MIX, tolerance)
}

fn solve_mixing(g: f64, groups: &[Group], rule: &GaussianRule, mix: f64, tolerance: f64) -> TauSolution {
    let tau_min = groups.iter().map(|p| p.tau).fold(f64::INFINITY, f64::min);
    let tau_max = groups.iter().map(|p| p.tau).fold(0.0, f64::max);
    let step = tau_min / STEPS_PER_TAU;
    let points = (2 * (SPAN * tau_max / step).ceil() as usize).next_power_of_two().max(MIN_POINTS);
    let half = points / 2;
    let silent = |iterations, change| TauSolution {
        g,
        groups: groups.to_vec(),
        step,
        delta: vec![vec![0.0; half + 1]; groups.len()],
        iterations,
        change,
    };
    if g <= onset(groups) {
        return silent(0, 0.0);
    }
    let fft = Fft::new(points);
    let hermite = HermiteTable::new(rule);
    // 1/(1 + ω²τ_a²) at the grid's frequencies ω_m = 2πm/(points·step), m taken in (−points/2, points/2].
    let filters: Vec<Vec<f64>> = groups
        .iter()
        .map(|p| {
            (0..points)
                .map(|m| {
                    let w = 2.0 * core::f64::consts::PI * m.min(points - m) as f64 / (points as f64 * step);
                    1.0 / (1.0 + w * w * p.tau * p.tau)
                })
                .collect()
        })
        .collect();
    // The start: e^{−|s|/τ_a} at the height Δ0 of the network with the same gains and one time
    // constant, which the solution is close to (the amplitude is the iteration's slowest mode).
    let pops: Vec<Population> = groups.iter().map(|p| Population { gain: p.gain, share: p.share }).collect();
    let height = theory::delta0(g, &pops).max(1e-3);
    let mut delta: Vec<Vec<f64>> =
        groups.iter().map(|p| (0..=half).map(|k| height * libm::exp(-(k as f64) * step / p.tau)).collect()).collect();
    let (mut re, mut im) = (vec![0.0; points], vec![0.0; points]);
    let (mut spectrum, mut fresh) = (vec![0.0; points], vec![0.0; points]);
    let g2 = g * g;
    let mut change = f64::INFINITY;
    let mut mix = mix;
    for iteration in 1..=MAX_ITERATIONS {
        // Collapsed onto the silent state (or lost to NaN).
        if delta.iter().any(|d| d[0].is_nan() || d[0] <= 1e-12) {
            return silent(iteration, change);
        }
        // g² C(s) on the circle, even in s.
        let coefficients: Vec<Vec<f64>> =
            groups.iter().zip(&delta).map(|(p, d)| hermite.squared_coefficients(p.gain * d[0].sqrt())).collect();
        for k in 0..=half {
            let mut c = 0.0;
            for ((p, d), coef) in groups.iter().zip(&delta).zip(&coefficients) {
                c += p.share * series(coef, (d[k] / d[0]).clamp(-1.0, 1.0));
            }
            re[k] = g2 * c;
            if k > 0 && k < half {
                re[points - k] = g2 * c;
            }
        }
        im.fill(0.0);
        fft.forward(&mut re, &mut im);
        spectrum.copy_from_slice(&re);
        let last = change;
        change = 0.0;
        // Two groups per inverse transform: both filtered spectra are real and even, so their
        // transforms are real, one in the real part and one in the imaginary part.
        for (pair, filter) in delta.chunks_mut(2).zip(filters.chunks(2)) {
            for m in 0..points {
                fresh[m] = spectrum[m] * filter[0][m];
                im[m] = filter.get(1).map_or(0.0, |f| spectrum[m] * f[m]);
            }
            fft.inverse(&mut fresh, &mut im);
            for (d, new) in pair.iter_mut().zip([&fresh, &im]) {
                for k in 0..=half {
                    change = f64::max(change, (new[k] - d[k]).abs());
                    d[k] = (1.0 - mix) * d[k] + mix * new[k];
                }
            }
        }
        // An iteration that moved twice as much as the one before: damp the next ones.
        if change > 2.0 * last {
            mix = f64::max(0.5 * mix, 0.1);
        }
        if change < tolerance {
            return TauSolution { g, groups: groups.to_vec(), step, delta, iterations: iteration, change };
        }
    }
    TauSolution { g, groups: groups.to_vec(), step, delta, iterations: MAX_ITERATIONS, change }
}

/// g² Σ_a p_a γ_a²/|τ_a z + 1|² at z = x + iy.
fn support_function(g: f64, groups: &[Group], x: f64, y: f64) -> f64 {
    let mut f = 0.0;
    for p in groups {
        let (a, b) = (p.tau * x + 1.0, p.tau * y);
        f += p.share * p.gain * p.gain / (a * a + b * b);
    }
    g * g * f
}

/// The rightmost real point of the support of the spectrum of T⁻¹(−I + gJΓ) as N → ∞: the largest
/// real z with g² Σ_a p_a γ_a²/(τ_a z + 1)² = 1 (−1/τ_max at g = 0). 0 exactly at the onset; below,
/// the rate at which activity decays, and Benettin's exponent of the silent network.
pub fn rightmost(g: f64, groups: &[Group]) -> f64 {
    let tau_max = groups.iter().map(|p| p.tau).fold(0.0, f64::max);
    let tau_min = groups.iter().map(|p| p.tau).fold(f64::INFINITY, f64::min);
    let gain_max = groups.iter().map(|p| p.gain).fold(0.0, f64::max);
    let low = -1.0 / tau_max;
    if g == 0.0 {
        return low;
    }
    // Beyond gγ_max/τ_min every |τ_a z + 1| exceeds gγ_a, so the sum is below 1.
    let high = g * gain_max / tau_min + 1.0;
    let f = |z: f64| support_function(g, groups, z, 0.0) - 1.0;
    let mut inside = low + 1e-12 * (high - low);
    while f(inside) <= 0.0 {
        inside = low + 0.5 * (inside - low);
        if inside - low < 1e-300 {
            return low;
        }
    }
    brent(f, inside, high, 1e-14).unwrap_or(f64::NAN)
}

/// A box [x0, x1] × [−y, y] holding the support: a point farther than g√(K p_a)γ_a/τ_a from every
/// −1/τ_a (K groups) has a sum below 1.
pub fn support_box(g: f64, groups: &[Group]) -> [f64; 3] {
    let k = groups.len() as f64;
    let (mut x0, mut x1, mut y) = (f64::INFINITY, f64::NEG_INFINITY, 0.0f64);
    for p in groups {
        let r = g * (k * p.share).sqrt() * p.gain / p.tau;
        x0 = x0.min(-1.0 / p.tau - r);
        x1 = x1.max(-1.0 / p.tau + r);
        y = y.max(r);
    }
    [x0, x1, y]
}

/// The boundary {z : g² ⟨γ²/|τz + 1|²⟩ = 1} by marching squares on a 160×160 grid over
/// [`support_box`]: segments, each two points followed by a NaN point that cuts the line.
pub fn support_boundary(g: f64, groups: &[Group]) -> Vec<(f64, f64)> {
    const CELLS: usize = 160;
    if g == 0.0 {
        return Vec::new();
    }
    let [x0, x1, y1] = support_box(g, groups);
    let (pad_x, pad_y) = (0.05 * (x1 - x0), 0.05 * y1);
    let (x0, x1, y0, y1) = (x0 - pad_x, x1 + pad_x, -y1 - pad_y, y1 + pad_y);
    let xs: Vec<f64> = (0..=CELLS).map(|i| x0 + (x1 - x0) * i as f64 / CELLS as f64).collect();
    let ys: Vec<f64> = (0..=CELLS).map(|j| y0 + (y1 - y0) * j as f64 / CELLS as f64).collect();
    // 1 − 1/f: finite at the poles (1 there), positive inside the support.
    let level: Vec<Vec<f64>> =
        ys.iter().map(|&y| xs.iter().map(|&x| 1.0 - 1.0 / support_function(g, groups, x, y)).collect()).collect();
    let mut out = Vec::new();
    for j in 0..CELLS {
        for i in 0..CELLS {
            let corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)];
            let mut crossings: Vec<(f64, f64)> = Vec::with_capacity(4);
            for e in 0..4 {
                let (a, b) = (corners[e], corners[(e + 1) % 4]);
                let (fa, fb) = (level[a.1][a.0], level[b.1][b.0]);
                if (fa >= 0.0) != (fb >= 0.0) {
                    let t = fa / (fa - fb);
                    crossings.push((xs[a.0] + t * (xs[b.0] - xs[a.0]), ys[a.1] + t * (ys[b.1] - ys[a.1])));
                }
            }
            for pair in crossings.chunks_exact(2) {
                out.extend_from_slice(&[pair[0], pair[1], (f64::NAN, f64::NAN)]);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_support_meets_the_onset_at_zero() {
        let groups = [Group { gain: 1.0, tau: 1.0, share: 0.5 }, Group { gain: 1.0, tau: 10.0, share: 0.5 }];
        assert!(rightmost(1.0, &groups).abs() < 1e-12);
        assert!(rightmost(0.9, &groups) < 0.0 && rightmost(1.1, &groups) > 0.0);
        // One time constant: the disc of radius g around −1, so the rightmost point is g − 1.
        let one = [Group { gain: 1.0, tau: 1.0, share: 1.0 }];
        assert!((rightmost(0.7, &one) + 0.3).abs() < 1e-12);
        for p in support_boundary(1.5, &one).into_iter().filter(|p| !p.0.is_nan()) {
            let r = ((p.0 + 1.0) * (p.0 + 1.0) + p.1 * p.1).sqrt();
            assert!((r - 1.5).abs() < 0.02, "{p:?}");
        }
    }
}
